"""Digest slots: FACTBOT_DIGEST_CRON read as an APScheduler cron trigger, and the fire times around a moment.

Pure (a trigger and times in, times out), so the digest service and the scheduler share it and the
tests drive it with any clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from bot.config import Settings
from bot.errors import ConfigError

# How far back to look for the slot before a time: short first, so a minutely cron stays cheap.
_LOOKBACK = tuple(timedelta(hours=h) for h in (1, 24, 8 * 24, 32 * 24, 367 * 24))


def digest_trigger(settings: Settings) -> CronTrigger:
    """The cron trigger of FACTBOT_DIGEST_CRON in FACTBOT_TZ; a ConfigError names a bad variable."""
    try:
        zone = ZoneInfo(settings.tz)
    except (LookupError, ValueError) as exc:
        raise ConfigError(f"FACTBOT_TZ: unknown time zone {settings.tz!r}") from exc
    try:
        return CronTrigger.from_crontab(settings.digest_cron, timezone=zone)
    except ValueError as exc:
        raise ConfigError(f"FACTBOT_DIGEST_CRON: {settings.digest_cron!r} is not a crontab line") from exc


def slots_between(trigger: CronTrigger, start: datetime, end: datetime) -> list[datetime]:
    """Fire times ``t`` with start <= t <= end."""
    out: list[datetime] = []
    moment = trigger.get_next_fire_time(None, start)
    while moment is not None and moment <= end:
        out.append(moment)
        moment = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
    return out


def latest_slot(trigger: CronTrigger, now: datetime, within: timedelta) -> datetime | None:
    """The last fire time in [now - within, now]: the slot a run at ``now`` is (still) due for."""
    found = slots_between(trigger, now - within, now)
    return found[-1] if found else None


def previous_slot(trigger: CronTrigger, before: datetime) -> datetime | None:
    """The last fire time strictly before ``before`` (where a first digest starts)."""
    for back in _LOOKBACK:
        found = [s for s in slots_between(trigger, before - back, before) if s < before]
        if found:
            return found[-1]
    return None
