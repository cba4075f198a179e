"""The digest: what was checked, what changed and what waits for review in a period. Knows no Slack.

A period runs from the end of the previous digest to a slot of ``FACTBOT_DIGEST_CRON`` in
``FACTBOT_TZ``. A period is claimed in SQLite (unique per channel and slot) in the same transaction
that queues its post in the outbox, so it is posted once however many instances run, and never lost.
The edge renders the digest when it delivers it (bot/slack/digest.py); what a digest holds is in
bot/digest/content.py.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

from bot.config import Settings
from bot.digest.content import (
    Change,
    ClaimLine,
    Digest,
    NewArticle,
    Period,
    Reappearance,
    Thread,
    verdict_changes,
)
from bot.digest.slots import digest_trigger, latest_slot, previous_slot
from bot.errors import ConfigError
from bot.store import claims as claim_store
from bot.store import digests as digest_store
from bot.store import families as family_store
from bot.store import outbox as outbox_store
from bot.store import verdicts as verdict_store
from bot.store.codec import datetime_from_iso
from bot.store.db import Database
from bot.store.outbox import NewItem, OutboxItem
from bot.verdicts.labels import SCALE, Label
from bot.verdicts.models import Verdict

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]
OUTBOX_KIND = "digest"
LIST_LIMIT = 50  # rows kept per list; the renderer shows fewer and says "and N more"
TOP_LIMIT = 10


# --- the service the edges call ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claimed:
    """The outcome of claiming a period: posted through the outbox, skipped as empty, or someone else's."""

    digest_id: int | None
    period: Period | None
    status: str  # "queued" | "skipped_empty" | "taken" | "not_due"
    outbox_id: int | None = None


class DigestService:
    """Builds digests and claims periods; reached as ``desk.digests``."""

    def __init__(self, db: Database, settings: Settings, clock: Clock) -> None:
        self.db, self.settings, self.clock = db, settings, clock
        self.instance = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    @property
    def trigger(self) -> CronTrigger:
        return digest_trigger(self.settings)

    @property
    def grace(self) -> timedelta:
        return timedelta(hours=self.settings.digest_grace_hours)

    async def period_until(self, end: datetime, since: datetime | None = None) -> Period:
        """From ``since``, else the end of the channel's previous digest, else the slot before ``end``."""
        start = since
        if start is None and self.settings.digest_channel:
            start = await digest_store.latest_end(self.db, self.settings.digest_channel, end)
        if start is None:
            start = previous_slot(self.trigger, end) or end - timedelta(days=1)
        return Period(start, end)

    def until_now(self) -> datetime:
        """The end of a period that holds everything stored so far: times are kept to the second."""
        return (self.clock() + timedelta(seconds=1)).replace(microsecond=0)

    async def current_period(self, since: datetime | None = None) -> Period:
        """The period a digest posted now would cover (previews and the command line)."""
        return await self.period_until(self.until_now(), since)

    async def build(self, period: Period) -> Digest:
        """Read everything the digest of ``period`` shows (claims waiting: as they stood at its end)."""
        db, start, end = self.db, period.start, period.end
        checks, claims, unmatched = await digest_store.check_counts(db, start, end)
        checked = await digest_store.checked_claims(db, start, end)
        changes = await self._changes(period)
        waiting, waiting_total = await digest_store.waiting_for_review(db, end, LIST_LIMIT)
        ids = {c for c, _, _ in checked} | {v.claim_id for _, v in changes} | {c for c, _, _ in waiting}
        texts = {i: claim.text for i, claim in (await claim_store.get_claims(db, ids)).items()}
        labels = {i: v.label for i, v in (await verdict_store.current_verdicts(db, ids)).items()}
        places = {i: Thread(*where) for i, where in (await digest_store.threads(db, ids)).items()}

        def line(claim_id: str, n: int, first: str) -> ClaimLine:
            label = labels.get(claim_id, Label.UNCHECKED)
            return ClaimLine(
                claim_id,
                texts.get(claim_id, claim_id),
                label,
                n,
                datetime_from_iso(first),
                places.get(claim_id),
            )

        tally = {label: 0 for label in SCALE}
        for claim_id, _, _ in checked:
            tally[labels.get(claim_id, Label.UNCHECKED)] += 1
        return Digest(
            period=period,
            checks=checks,
            claims=claims,
            unmatched=unmatched,
            distribution=tuple((label, n) for label, n in tally.items() if n),
            changes=tuple(
                Change(
                    v.claim_id,
                    texts.get(v.claim_id, v.claim_id),
                    old,
                    v.label,
                    v.author,
                    v.source,
                    v.created_at or end,
                    places.get(v.claim_id),
                )
                for old, v in changes[:LIST_LIMIT]
            ),
            changes_total=len(changes),
            waiting=tuple(line(*row) for row in waiting),
            waiting_total=waiting_total,
            top=tuple(line(*row) for row in checked[:TOP_LIMIT]),
            articles=tuple(NewArticle(*row) for row in await digest_store.articles_between(db, start, end)),
            reappeared=tuple((await self._reappeared(period))[:LIST_LIMIT]),
        )

    async def _reappeared(self, period: Period) -> list[Reappearance]:
        """Claims that joined a family holding a ruling made on another member, during the period."""
        stamps = [
            moment.astimezone(UTC).isoformat(timespec="seconds") for moment in (period.start, period.end)
        ]
        joined = await self.db.run(family_store.joined_between, *stamps)
        carried = await self.db.run(family_store.carried_verdicts, [c for c, _, _ in joined])
        return [
            Reappearance(claim_id, text, v.label, title, v.carried.claim_id, v.author)
            for claim_id, text, title in joined
            if (v := carried.get(claim_id)) is not None and v.carried is not None
        ]

    async def _changes(self, period: Period) -> list[tuple[Label, Verdict]]:
        """Verdict changes of the period, in the order they happened."""
        changed = await digest_store.claims_with_verdicts_between(self.db, period.start, period.end)
        histories = await digest_store.histories(self.db, changed)
        found = [change for history in histories.values() for change in verdict_changes(history, period)]
        return sorted(found, key=lambda c: c[1].verdict_id or 0)

    async def claim_due(self) -> Claimed:
        """Claim the slot a run now is due for: the latest one, if less than the grace period ago."""
        now = self.clock()
        slot = latest_slot(self.trigger, now, self.grace)
        if slot is None:
            return Claimed(None, None, "not_due")
        return await self.claim(slot, origin="schedule")

    async def missed_slot(self) -> datetime | None:
        """The latest slot of the past week if it was never claimed and is now too late to post."""
        now = self.clock()
        slot = latest_slot(self.trigger, now, timedelta(days=7))
        if slot is None or now - slot < self.grace:
            return None
        return None if await self._covered(slot, await self.period_until(slot)) else slot

    async def _covered(self, slot: datetime, period: Period) -> bool:
        """This slot was claimed, or a digest posted by hand since spans its whole period."""
        channel = self.settings.digest_channel
        return await digest_store.is_claimed(self.db, channel, slot) or await digest_store.covers(
            self.db, channel, period.start, period.end
        )

    async def claim(self, end: datetime, *, origin: str, since: datetime | None = None) -> Claimed:
        """Claim the period ending at ``end`` and queue its post, in one transaction; once per slot."""
        channel = self.settings.digest_channel
        if not channel:
            raise ConfigError("digest_no_channel")
        async with self.db.transaction() as conn:
            period = await self.period_until(end, since)
            if await self._covered(end, period):
                return Claimed(None, None, "taken")
            empty = (await self.build(period)).empty
            skip = empty and self.settings.digest_skip_empty
            status = digest_store.SKIPPED_EMPTY if skip else digest_store.QUEUED
            digest_id = await digest_store.claim(
                conn,
                channel_id=channel,
                slot=end,
                start=period.start,
                end=period.end,
                origin=origin,
                status=status,
                claimed_by=self.instance,
                at=self.clock(),
            )
            if digest_id is None:
                return Claimed(None, None, "taken")
            if skip:
                return Claimed(digest_id, period, status)
            item = NewItem(OUTBOX_KIND, channel_id=channel, payload={"digest_id": digest_id})
            item_id = await outbox_store.enqueue(conn, item, self.clock().timestamp())
            await digest_store.attach_outbox(conn, digest_id, item_id)
        log.info("digest %d claimed for %s .. %s by %s", digest_id, period.start, period.end, self.instance)
        return Claimed(digest_id, period, status, item_id)

    async def record(self, digest_id: int) -> digest_store.DigestRecord | None:
        return await digest_store.get(self.db, digest_id)

    async def outbox_item(self, item_id: int) -> OutboxItem | None:
        return await outbox_store.get(self.db, item_id)
