"""Checks received but not yet answered: stored before the edge acknowledges them, so a crash between
the acknowledgement and the answer loses nothing (the next start answers what is still pending).

Every function here runs inside ``Database.write`` or ``Database.run`` (one trip to the database
thread), on the plain ``sqlite3`` connection.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.store.codec import RowLike
from bot.store.outbox import Announce

PENDING, ANSWERED, REFUSED = "pending", "answered", "refused"


@dataclass(frozen=True, slots=True)
class PendingCheck:
    """A query someone asked (and was told "on its way") that has no stored check yet."""

    intake_id: int
    query: str
    origin: str
    user_id: str | None
    announce: Announce
    received_at: datetime


def row_to_pending(row: RowLike) -> PendingCheck:
    return PendingCheck(
        intake_id=row["intake_id"],
        query=row["query"],
        origin=row["origin"],
        user_id=row["user_id"],
        announce=Announce(row["channel_id"], row["thread_ts"], row["reply_url"]),
        received_at=datetime.fromisoformat(row["received_at"]),
    )


def add(
    conn: sqlite3.Connection, query: str, origin: str, user_id: str | None, announce: Announce, at: datetime
) -> PendingCheck:
    """Record a received query; returns it with its id."""
    cursor = conn.execute(
        """INSERT INTO intake (query, origin, user_id, channel_id, thread_ts, reply_url, received_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (query, origin, user_id, announce.channel_id, announce.thread_ts, announce.reply_url, _iso(at)),
    )
    return PendingCheck(
        int(cursor.lastrowid or 0), query, origin, user_id, announce, at.replace(microsecond=0)
    )


def pending(conn: sqlite3.Connection) -> list[PendingCheck]:
    """Every query still waiting for its answer, oldest first (start-up recovery)."""
    rows = conn.execute("SELECT * FROM intake WHERE status = 'pending' ORDER BY intake_id").fetchall()
    return [row_to_pending(row) for row in rows]


def is_pending(conn: sqlite3.Connection, intake_id: int) -> bool:
    row = conn.execute("SELECT status FROM intake WHERE intake_id = ?", (intake_id,)).fetchone()
    return row is not None and row[0] == PENDING


def answered(conn: sqlite3.Connection, intake_id: int, check_id: int, at: datetime) -> None:
    conn.execute(
        "UPDATE intake SET status = 'answered', check_id = ?, done_at = ? WHERE intake_id = ?",
        (check_id, _iso(at), intake_id),
    )


def refused(conn: sqlite3.Connection, intake_id: int, error: str, at: datetime) -> bool:
    """Close a query that cannot be answered; False if it was no longer pending."""
    cursor = conn.execute(
        "UPDATE intake SET status = 'refused', error = ?, done_at = ? WHERE intake_id = ? AND status = 'pending'",
        (error, _iso(at), intake_id),
    )
    return cursor.rowcount == 1


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")
