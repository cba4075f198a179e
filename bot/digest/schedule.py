"""The digest schedule inside ``factbot serve``: APScheduler's cron trigger in the newsroom's time zone.

The scheduler only says *when*; each run asks the digest service to claim the slot that is due (the
latest one, if less than FACTBOT_DIGEST_GRACE hours ago). That one call also catches up at start-up on
a run missed while the bot was down, and makes a second instance's run a harmless no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.digest.build import Claimed, DigestService
from bot.digest.slots import digest_trigger

log = logging.getLogger(__name__)
JOB_ID = "factbot-digest"


# --- the scheduler inside `factbot serve` ------------------------------------------------------------


class DigestScheduler:
    """``await start()`` at start-up (catches up, then schedules), ``stop()`` at shutdown."""

    def __init__(self, digests: DigestService, on_queued: Callable[[], None]) -> None:
        self.digests = digests
        self.on_queued = on_queued  # wakes the outbox deliverer
        self.scheduler: AsyncIOScheduler | None = None

    async def start(self) -> bool:
        """Post a missed digest that is still within grace, then run on the cron; False: no channel."""
        settings = self.digests.settings
        if not settings.digest_channel:
            log.info("no digest: FACTBOT_DIGEST_CHANNEL is not set")
            return False
        trigger = digest_trigger(settings)  # a bad cron or zone stops start-up, naming the variable
        missed = await self.digests.missed_slot()
        if missed is not None:
            log.warning(
                "the digest due at %s was missed by more than %sh; its period goes into the next digest",
                missed.isoformat(),
                settings.digest_grace_hours,
            )
        await self.run()
        self.scheduler = AsyncIOScheduler(timezone=trigger.timezone)
        # The job only asks "is a slot due?": coalescing and a grace of our own keep APScheduler from
        # deciding on its own that a late run should be dropped.
        grace = max(1, int(settings.digest_grace_hours * 3600))
        self.scheduler.add_job(
            self.run, trigger, id=JOB_ID, coalesce=True, max_instances=1, misfire_grace_time=grace
        )
        self.scheduler.start()
        log.info(
            "digest to %s on %r (%s); next at %s",
            settings.digest_channel,
            settings.digest_cron,
            settings.tz,
            self.next_run_at,
        )
        return True

    @property
    def next_run_at(self) -> datetime | None:
        job = self.scheduler.get_job(JOB_ID) if self.scheduler else None
        return job.next_run_time if job else None

    async def run(self) -> Claimed | None:
        """Claim the due slot and wake the deliverer; a failure is logged and the next run tries again."""
        try:
            claimed = await self.digests.claim_due()
        except Exception:
            log.exception("digest run failed")
            return None
        if claimed.status == "queued":
            self.on_queued()
        elif claimed.status == "skipped_empty":
            log.info("digest of %s skipped: nothing new", claimed.period)
        return claimed

    def stop(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        self.scheduler = None
