"""The outbox: messages factbot owes the outside world, stored with the data they announce.

An item is written in the same transaction as its data (a check, a verdict), then delivered by an edge
(the Slack deliverer) which knows how to render it. This module knows nothing of Slack: it keeps the
queue, the attempts and the delivered timestamp that makes delivery idempotent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import aiosqlite

from bot.store.db import Database

PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"
INTERRUPTED = "interrupted"  # last_error of an item found mid-delivery at start-up
LEASE_EXPIRED = "lease_expired"  # last_error of an item whose attempt outlived its lease
# last_error prefixes of an attempt that may have reached Slack (the answer was lost or unreadable, we
# crashed, or the attempt died some other way).
MAYBE_POSTED = ("server:", "network:", "unknown:", INTERRUPTED, LEASE_EXPIRED, "uncertain:")


@dataclass(frozen=True, slots=True)
class Announce:
    """Where a new check should be announced: a channel, maybe a thread, and a URL for private replies."""

    channel_id: str
    thread_ts: str | None = None
    reply_url: str | None = None


@dataclass(frozen=True, slots=True)
class NewItem:
    kind: str
    check_id: int | None = None
    verdict_id: int | None = None
    channel_id: str | None = None
    thread_ts: str | None = None
    reply_url: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OutboxItem:
    item_id: int
    kind: str
    check_id: int | None
    verdict_id: int | None
    channel_id: str | None
    thread_ts: str | None
    reply_url: str | None
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt_at: float
    last_error: str | None
    delivered_ts: str | None
    created_at: float
    lease_until: float | None = None

    @property
    def uncertain(self) -> bool:
        """A previous attempt may have reached Slack without us recording it: look before re-posting."""
        return self.attempts > 0 and (self.last_error or "").startswith(MAYBE_POSTED)

    def error_after(self, code: str) -> str:
        """The last_error to record for a failed attempt. Once an attempt may have posted, every later
        one must look first, even if this one failed for a harmless reason (a 429 on the look-up)."""
        if self.uncertain and not code.startswith(MAYBE_POSTED):
            return f"uncertain:{code}"
        return code


def row_to_item(row: sqlite3.Row | Mapping[str, Any]) -> OutboxItem:
    return OutboxItem(
        item_id=row["item_id"],
        kind=row["kind"],
        check_id=row["check_id"],
        verdict_id=row["verdict_id"],
        channel_id=row["channel_id"],
        thread_ts=row["thread_ts"],
        reply_url=row["reply_url"],
        payload=json.loads(row["payload"]),
        status=row["status"],
        attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"],
        last_error=row["last_error"],
        delivered_ts=row["delivered_ts"],
        created_at=row["created_at"],
        lease_until=row["lease_until"],
    )


_INSERT_ITEM = """INSERT INTO outbox (kind, check_id, verdict_id, channel_id, thread_ts, reply_url, payload,
    next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def _item_params(item: NewItem, now: float) -> tuple[object, ...]:
    payload = json.dumps(item.payload, ensure_ascii=False)
    return (
        item.kind,
        item.check_id,
        item.verdict_id,
        item.channel_id,
        item.thread_ts,
        item.reply_url,
        payload,
        now,
        now,
    )


async def enqueue(conn: aiosqlite.Connection, item: NewItem, now: float) -> int:
    """Add an item inside the caller's transaction; returns its id."""
    cursor = await conn.execute(_INSERT_ITEM, _item_params(item, now))
    return int(cursor.lastrowid or 0)


def add(conn: sqlite3.Connection, item: NewItem, now: float) -> int:
    """``enqueue`` for a synchronous transaction on the database thread (``Database.write``)."""
    return int(conn.execute(_INSERT_ITEM, _item_params(item, now)).lastrowid or 0)


async def due(db: Database, now: float, limit: int = 100) -> list[OutboxItem]:
    """Items whose time has come (pending and due, or being sent on a lease that expired) and that no
    earlier undelivered item of the same check blocks.

    Items of one check are delivered in order (the card before the reply that lives in its thread): an
    item waits while an earlier one is being sent on a live lease or waits for a retry. Consecutive due
    items of a check come back together, and the deliverer sends them one after the other, stopping at a
    failure.
    """
    rows = await db.conn.execute_fetchall(
        """SELECT * FROM outbox o
           WHERE (o.status = 'pending' AND o.next_attempt_at <= ? OR o.status = 'sending' AND o.lease_until <= ?)
             AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.check_id = o.check_id AND e.item_id < o.item_id
                             AND (e.status = 'sending' AND e.lease_until > ?
                                  OR e.status = 'pending' AND e.next_attempt_at > ?))
           ORDER BY o.item_id LIMIT ?""",
        (now, now, now, now, limit),
    )
    return [row_to_item(row) for row in rows]


async def next_due_at(db: Database) -> float | None:
    """When the next item falls due: a retry's time or a lease's expiry, whichever comes first."""
    rows = list(
        await db.conn.execute_fetchall(
            """SELECT MIN(t) FROM (
                 SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'
                 UNION ALL SELECT MIN(lease_until) FROM outbox WHERE status = 'sending')"""
        )
    )
    return float(rows[0][0]) if rows and rows[0][0] is not None else None


async def get(db: Database, item_id: int) -> OutboxItem | None:
    rows = list(await db.conn.execute_fetchall("SELECT * FROM outbox WHERE item_id = ?", (item_id,)))
    return row_to_item(rows[0]) if rows else None


async def count_open(db: Database) -> int:
    rows = list(
        await db.conn.execute_fetchall("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')")
    )
    return int(rows[0][0])


@dataclass(frozen=True, slots=True)
class Health:
    """What /healthz says of the outbox: items open, stuck past their lease, and failed."""

    open: int
    stuck: int
    failed: int


async def health(db: Database, now: float) -> Health:
    rows = list(
        await db.conn.execute_fetchall(
            """SELECT count(*) FILTER (WHERE status IN ('pending', 'sending')),
                      count(*) FILTER (WHERE status = 'sending' AND lease_until <= ?),
                      count(*) FILTER (WHERE status = 'failed')
               FROM outbox""",
            (now,),
        )
    )
    return Health(*(int(v or 0) for v in rows[0]))


async def failed_items(db: Database, limit: int) -> list[OutboxItem]:
    """The most recent items that failed for good (App Home shows them to reviewers)."""
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM outbox WHERE status = 'failed' ORDER BY updated_at DESC, item_id DESC LIMIT ?",
        (limit,),
    )
    return [row_to_item(row) for row in rows]


# Delivery bookkeeping: synchronous, run inside ``Database.write`` (each joins a group commit).


def claim(conn: sqlite3.Connection, item_id: int, now: float, lease: float) -> int | None:
    """Mark an item as being sent on a lease of ``lease`` seconds (one more attempt): the attempt number,
    which the attempt's outcome must match, or None if someone else holds or finished it. An item taken
    back from an expired lease is flagged so that its message is looked for before it is posted again."""
    cursor = conn.execute(
        """UPDATE outbox SET status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ?,
               last_error = CASE WHEN status = 'sending' THEN ? ELSE last_error END
           WHERE item_id = ? AND (status = 'pending' OR status = 'sending' AND lease_until <= ?)
           RETURNING attempts""",
        (now + lease, now, LEASE_EXPIRED, item_id, now),
    )
    row = cursor.fetchone()
    return int(row[0]) if row else None


def delivered(conn: sqlite3.Connection, item_id: int, ts: str | None, now: float) -> None:
    """The message is in Slack: recorded whoever holds the lease now (a post cannot be taken back)."""
    conn.execute(
        "UPDATE outbox SET status = 'delivered', delivered_ts = ?, last_error = NULL, lease_until = NULL, "
        "updated_at = ? WHERE item_id = ? AND status != 'delivered'",
        (ts, now, item_id),
    )


def retry(conn: sqlite3.Connection, item_id: int, attempt: int, at: float, error: str, now: float) -> bool:
    """Back to pending until ``at``; False when attempt ``attempt`` no longer holds the item."""
    cursor = conn.execute(
        "UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, lease_until = NULL, "
        "updated_at = ? WHERE item_id = ? AND status = 'sending' AND attempts = ?",
        (at, error, now, item_id, attempt),
    )
    return cursor.rowcount == 1


def failed(conn: sqlite3.Connection, item_id: int, attempt: int, error: str, now: float) -> bool:
    """Given up (shown on /healthz and App Home); False when attempt ``attempt`` no longer holds it."""
    cursor = conn.execute(
        "UPDATE outbox SET status = 'failed', last_error = ?, lease_until = NULL, updated_at = ? "
        "WHERE item_id = ? AND status = 'sending' AND attempts = ?",
        (error, now, item_id, attempt),
    )
    return cursor.rowcount == 1


async def recover(conn: aiosqlite.Connection, now: float) -> int:
    """At start-up, items left mid-delivery by a crash go back to pending, flagged as uncertain (without
    waiting for their leases to expire: one deliverer runs per database)."""
    cursor = await conn.execute(
        "UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ?, lease_until = NULL, "
        "updated_at = ? WHERE status = 'sending'",
        (INTERRUPTED, now, now),
    )
    return cursor.rowcount
