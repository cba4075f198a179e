"""The outbox's bookkeeping: what is due, claimed, delivered, retried or failed. Knows no Slack.

Messages are queued in the same transaction as the data they announce (see Desk.check and
Desk.change_verdict); a deliverer (bot/slack/deliver.py) renders and posts them. Each step is one
statement (Database.autocommit): the outbox is the hot path.
"""

from __future__ import annotations

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
        async with self.db.autocommit() as conn:
            return await outbox_store.claim(conn, item_id, self.clock().timestamp())

    async def finish(self, item: OutboxItem, ts: str | None) -> None:
        """Record the ts of a delivered item (and, for a card, the check's message and thread).

        The card's ts goes to the check first: a crash between the two statements leaves the item
        'sending', so it is looked for (and found) after the restart, and recording it again is harmless.
        """
        async with self.db.autocommit() as conn:
            if item.kind == "card" and item.check_id is not None and ts:
                await check_store.record_card(conn, item.check_id, ts)
            await outbox_store.delivered(conn, item.item_id, ts, self.clock().timestamp())

    async def postpone(self, item_id: int, delay: float, error: str) -> None:
        now = self.clock().timestamp()
        async with self.db.autocommit() as conn:
            await outbox_store.retry(conn, item_id, now + delay, error, now)

    async def fail(self, item_id: int, error: str) -> None:
        async with self.db.autocommit() as conn:
            await outbox_store.failed(conn, item_id, error, self.clock().timestamp())

    async def recover(self) -> int:
        """At start-up: items a crash left mid-delivery become pending again (marked uncertain)."""
        async with self.db.transaction() as conn:
            return await outbox_store.recover(conn, self.clock().timestamp())
