"""Helpers for the digest tests: the test's clock, one running instance, and the fixed slot times."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from fake_slack import FakeSlack
from slackkit import FAST

from bot.desk.service import Desk
from bot.digest.schedule import DigestScheduler
from bot.slack.app import SlackRuntime

DIGEST_CHANNEL = "C0DIGEST"
# The outbox retries; the Web API client does not, so a 429 is waited out on the test's clock.
POLICY = replace(FAST, client_retries=0)
# 2026-03-02 09:00 in Asia/Shanghai: the default slot (0 9 * * *), one UTC hour after midnight.
SLOT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
PREVIOUS_SLOT = SLOT - timedelta(days=1)


class Clock:
    """The time every instance reads (desk, outbox, digest): the test moves it, nothing waits."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Instance:
    """One running factbot: its own desk (own connection to the shared file), outbox and scheduler."""

    desk: Desk
    runtime: SlackRuntime
    scheduler: DigestScheduler
    closed: bool = False

    async def deliver(self) -> int:
        """Deliver what is due now on the test's clock (the background loop is not needed)."""
        return await self.runtime.deliverer.deliver_due()

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.scheduler.stop()
        await self.runtime.deliverer.stop()
        await self.desk.close()


Opener = Callable[..., Any]


def digest_posts(fake: FakeSlack) -> list[dict[str, Any]]:
    """Messages the fake holds in the digest channel."""
    return list(fake.messages[DIGEST_CHANNEL])
