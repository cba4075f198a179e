"""The outbox's bookkeeping: what is due, claimed, delivered, retried or failed. Knows no Slack.

Messages are queued in the same transaction as the data they announce (see Desk.check and
Desk.change_verdict); a deliverer (bot/slack/deliver.py) renders and posts them. Each step is one
``Database.write``, which joins whatever else is being committed: the outbox is the hot path.

An item being sent holds a lease: if its attempt dies without an outcome (a bug, a hung call, a crash
of another process), the item falls due again when the lease expires, flagged so that the deliverer
looks for its message before posting it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from bot.store import checks as check_store
from bot.store import outbox as outbox_store
from bot.store.db import Database
from bot.store.outbox import LEASE_EXPIRED, SENDING, Health, OutboxItem


class Outbox:
    """Delivery bookkeeping on the shared database, on the desk's clock."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    async def due(self, limit: int = 100) -> list[OutboxItem]:
        return await outbox_store.due(self.db, self.clock().timestamp(), limit)

    async def next_due_at(self) -> float | None:
        return await outbox_store.next_due_at(self.db)

    async def open_count(self) -> int:
        return await outbox_store.count_open(self.db)

    async def health(self) -> Health:
        return await outbox_store.health(self.db, self.clock().timestamp())

    async def failed_items(self, limit: int = 10) -> list[OutboxItem]:
        return await outbox_store.failed_items(self.db, limit)

    async def begin(self, item: OutboxItem, lease: float) -> OutboxItem | None:
        """Take ``item`` for one attempt on a lease of ``lease`` seconds: the item as taken (its attempt
        number is the lease's token), or None when someone else holds or finished it."""
        now = self.clock().timestamp()
        attempt = await self.db.write(outbox_store.claim, item.item_id, now, lease)
        if attempt is None:
            return None
        error = LEASE_EXPIRED if item.status == SENDING else item.last_error
        return replace(item, status=SENDING, attempts=attempt, last_error=error, lease_until=now + lease)

    async def finish(self, item: OutboxItem, ts: str | None) -> None:
        """Record the ts of a delivered item and, for a card, the check's message and thread, in one
        transaction."""
        now = self.clock().timestamp()

        def write(conn: sqlite3.Connection) -> None:
            if item.kind == "card" and item.check_id is not None and ts:
                check_store.record_card(conn, item.check_id, ts)
            outbox_store.delivered(conn, item.item_id, ts, now)

        await self.db.write(write)

    async def postpone(self, item: OutboxItem, delay: float, error: str) -> bool:
        """Retry ``item`` (as taken by ``begin``) in ``delay`` seconds; False if its lease was lost."""
        now = self.clock().timestamp()
        return await self.db.write(outbox_store.retry, item.item_id, item.attempts, now + delay, error, now)

    async def fail(self, item: OutboxItem, error: str) -> bool:
        """Give ``item`` (as taken by ``begin``) up for good; False if its lease was lost."""
        now = self.clock().timestamp()
        return await self.db.write(outbox_store.failed, item.item_id, item.attempts, error, now)

    async def recover(self) -> int:
        """At start-up: items a crash left mid-delivery become pending again (marked uncertain)."""
        async with self.db.transaction() as conn:
            return await outbox_store.recover(conn, self.clock().timestamp())
