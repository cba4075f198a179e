"""The outbox's bookkeeping: what is due, claimed, delivered, retried or failed. Knows no Slack.

Messages are queued in the same transaction as the data they announce (see Desk.check and
Desk.change_verdict); a deliverer (bot/slack/deliver.py) renders and posts them. Each step is one
``Database.write``, which joins whatever else is being committed: the outbox is the hot path.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime

from bot.store import checks as check_store
from bot.store import outbox as outbox_store
from bot.store.db import Database
from bot.store.outbox import OutboxItem


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

    async def begin(self, item_id: int) -> bool:
        return await self.db.write(outbox_store.claim, item_id, self.clock().timestamp())

    async def finish(self, item: OutboxItem, ts: str | None) -> None:
        """Record the ts of a delivered item and, for a card, the check's message and thread, in one
        transaction."""
        now = self.clock().timestamp()

        def write(conn: sqlite3.Connection) -> None:
            if item.kind == "card" and item.check_id is not None and ts:
                check_store.record_card(conn, item.check_id, ts)
            outbox_store.delivered(conn, item.item_id, ts, now)

        await self.db.write(write)

    async def postpone(self, item_id: int, delay: float, error: str) -> None:
        now = self.clock().timestamp()
        await self.db.write(outbox_store.retry, item_id, now + delay, error, now)

    async def fail(self, item_id: int, error: str) -> None:
        await self.db.write(outbox_store.failed, item_id, error, self.clock().timestamp())

    async def recover(self) -> int:
        """At start-up: items a crash left mid-delivery become pending again (marked uncertain)."""
        async with self.db.transaction() as conn:
            return await outbox_store.recover(conn, self.clock().timestamp())
