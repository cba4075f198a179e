"""Checks (each /checkclaim or CLI query): stored, posted as cards, re-pointed or proposed as new claims;
and the dedup of Slack events, so a retried delivery changes nothing twice.

Review notes live in bot/store/notes.py, the App Home review queue in bot/store/queue.py.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.store.codec import RowLike
from bot.store.db import Database


@dataclass(frozen=True, slots=True)
class CheckRecord:
    check_id: int
    query: str
    origin: str
    user_id: str | None
    channel_id: str | None
    status: str
    claim_id: str | None
    score: float | None
    alternatives: tuple[str, ...]
    created_at: datetime
    message_ts: str | None = None
    thread_ts: str | None = None
    pick_id: int | None = None  # the "did you mean" pick that answered it (bot/store/picks.py)
    part: str | None = None  # the assertion of a several-assertion query that the answer is for


def row_to_check(row: RowLike) -> CheckRecord:
    return CheckRecord(
        check_id=row["check_id"],
        query=row["query"],
        origin=row["origin"],
        user_id=row["user_id"],
        channel_id=row["channel_id"],
        status=row["status"],
        claim_id=row["claim_id"],
        score=row["score"],
        alternatives=tuple(json.loads(row["alternatives"])),
        created_at=datetime.fromisoformat(row["created_at"]),
        message_ts=row["message_ts"],
        thread_ts=row["thread_ts"],
        pick_id=row["pick_id"],
        part=row["part"],
    )


_INSERT_CHECK = """INSERT INTO checks (query, origin, user_id, channel_id, status, claim_id, score,
    alternatives, created_at, thread_ts, pick_id, part) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def add_check(
    conn: sqlite3.Connection,
    *,
    query: str,
    origin: str,
    user_id: str | None,
    channel_id: str | None,
    status: str,
    claim_id: str | None,
    score: float | None,
    alternatives: list[str],
    created_at: datetime,
    thread_ts: str | None = None,
    pick_id: int | None = None,
    part: str | None = None,
) -> int:
    """Insert a check inside the caller's transaction on the database thread (``Database.write``)."""
    params = (
        query,
        origin,
        user_id,
        channel_id,
        status,
        claim_id,
        score,
        json.dumps(alternatives),
        created_at.isoformat(timespec="seconds"),
        thread_ts,
        pick_id,
        part,
    )
    return int(conn.execute(_INSERT_CHECK, params).lastrowid or 0)


async def get_check(db: Database, check_id: int) -> CheckRecord | None:
    rows = list(await db.conn.execute_fetchall("SELECT * FROM checks WHERE check_id = ?", (check_id,)))
    return row_to_check(rows[0]) if rows else None


async def check_by_thread(db: Database, channel_id: str, thread_ts: str) -> CheckRecord | None:
    """The check whose card starts (or whose answer lives in) this thread."""
    rows = list(
        await db.conn.execute_fetchall(
            """SELECT * FROM checks WHERE channel_id = ? AND (thread_ts = ? OR message_ts = ?)
               ORDER BY check_id DESC LIMIT 1""",
            (channel_id, thread_ts, thread_ts),
        )
    )
    return row_to_check(rows[0]) if rows else None


# --- Slack delivery, re-pointing, proposals ---------------------------------------------------------


def record_card(conn: sqlite3.Connection, check_id: int, message_ts: str) -> None:
    """The card is posted: its ts is the check's message, and its thread unless it already lives in one.
    Synchronous: runs inside ``Database.write`` (see bot/desk/outbox.py)."""
    conn.execute(
        "UPDATE checks SET message_ts = ?, thread_ts = COALESCE(thread_ts, ?) WHERE check_id = ?",
        (message_ts, message_ts, check_id),
    )


async def repoint(
    conn: aiosqlite.Connection,
    check_id: int,
    claim_id: str | None,
    alternatives: list[str],
    user_id: str,
    at: datetime,
    pick_id: int | None = None,
) -> None:
    """Point a check at another claim (None: none of them); the old one joins the alternatives, so the
    asker can go back. ``pick_id``: the "did you mean" pick that made this choice (None for a re-point)."""
    await conn.execute(
        """UPDATE checks SET claim_id = ?, alternatives = ?, repointed_by = ?, repointed_at = ?,
           pick_id = ? WHERE check_id = ?""",
        (claim_id, json.dumps(alternatives), user_id, at.isoformat(timespec="seconds"), pick_id, check_id),
    )


async def propose(conn: aiosqlite.Connection, check_id: int, user_id: str, at: datetime) -> bool:
    """Mark a no-match check as a proposed new claim; False if it already was."""
    cursor = await conn.execute(
        "UPDATE checks SET proposed_by = ?, proposed_at = ? WHERE check_id = ? AND proposed_by IS NULL",
        (user_id, at.isoformat(timespec="seconds"), check_id),
    )
    return cursor.rowcount == 1


async def repointed_by(db: Database, check_id: int) -> str | None:
    rows = list(
        await db.conn.execute_fetchall("SELECT repointed_by FROM checks WHERE check_id = ?", (check_id,))
    )
    return rows[0][0] if rows else None


async def other_announced_checks(db: Database, claim_id: str, except_check: int) -> list[CheckRecord]:
    """Checks of the same claim whose card was posted: their threads hear about a change."""
    rows = await db.conn.execute_fetchall(
        """SELECT * FROM checks WHERE claim_id = ? AND check_id != ? AND message_ts IS NOT NULL
           ORDER BY check_id""",
        (claim_id, except_check),
    )
    return [row_to_check(row) for row in rows]


# --- Slack events: seen once ---------------------------------------------------------------------


async def first_sighting(conn: aiosqlite.Connection, event_id: str, at: datetime) -> bool:
    """True the first time an event id is seen: retried deliveries of the same event return False."""
    cursor = await conn.execute(
        "INSERT OR IGNORE INTO seen_events (event_id, seen_at) VALUES (?, ?)",
        (event_id, at.isoformat(timespec="seconds")),
    )
    return cursor.rowcount == 1


async def event_seen(db: Database, event_id: str) -> bool:
    rows = await db.conn.execute_fetchall("SELECT 1 FROM seen_events WHERE event_id = ?", (event_id,))
    return bool(list(rows))
