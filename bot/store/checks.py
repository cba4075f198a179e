"""Checks (each /checkclaim or CLI query) and the review notes of their Slack threads."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.store.codec import RowLike
from bot.store.db import Database
from bot.store.verdicts import row_to_verdict
from bot.verdicts.models import Verdict


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


@dataclass(frozen=True, slots=True)
class ReviewNote:
    note_id: int
    check_id: int
    channel_id: str
    ts: str
    user_id: str | None
    text: str
    created_at: datetime
    edited_at: datetime | None = None
    deleted_at: datetime | None = None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


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
    )


def row_to_note(row: RowLike) -> ReviewNote:
    return ReviewNote(
        note_id=row["note_id"],
        check_id=row["check_id"],
        channel_id=row["channel_id"],
        ts=row["ts"],
        user_id=row["user_id"],
        text=row["text"],
        created_at=datetime.fromisoformat(row["created_at"]),
        edited_at=_dt(row["edited_at"]),
        deleted_at=_dt(row["deleted_at"]),
    )


_INSERT_CHECK = """INSERT INTO checks (query, origin, user_id, channel_id, status, claim_id, score,
    alternatives, created_at, thread_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


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


async def notes_for_check(db: Database, check_id: int) -> list[ReviewNote]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM review_notes WHERE check_id = ? ORDER BY ts", (check_id,)
    )
    return [row_to_note(row) for row in rows]


# --- Slack delivery, re-pointing, proposals ---------------------------------------------------------


def record_card(conn: sqlite3.Connection, check_id: int, message_ts: str) -> None:
    """The card is posted: its ts is the check's message, and its thread unless it already lives in one.
    Synchronous: runs inside ``Database.write`` (see bot/outbox.py)."""
    conn.execute(
        "UPDATE checks SET message_ts = ?, thread_ts = COALESCE(thread_ts, ?) WHERE check_id = ?",
        (message_ts, message_ts, check_id),
    )


async def repoint(
    conn: aiosqlite.Connection,
    check_id: int,
    claim_id: str,
    alternatives: list[str],
    user_id: str,
    at: datetime,
) -> None:
    """Point a check at another claim; the old one joins the alternatives, so the asker can go back."""
    await conn.execute(
        """UPDATE checks SET claim_id = ?, alternatives = ?, repointed_by = ?, repointed_at = ?
           WHERE check_id = ?""",
        (claim_id, json.dumps(alternatives), user_id, at.isoformat(timespec="seconds"), check_id),
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


# --- review notes -----------------------------------------------------------------------------------


async def insert_note(
    conn: aiosqlite.Connection,
    check_id: int,
    channel_id: str,
    ts: str,
    user_id: str | None,
    text: str,
    at: datetime,
) -> bool:
    """Record a thread message once (the same channel+ts twice is ignored)."""
    cursor = await conn.execute(
        """INSERT OR IGNORE INTO review_notes (check_id, channel_id, ts, user_id, text, created_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (check_id, channel_id, ts, user_id, text, at.isoformat(timespec="seconds")),
    )
    return cursor.rowcount == 1


async def edit_note(conn: aiosqlite.Connection, channel_id: str, ts: str, text: str, at: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE review_notes SET text = ?, edited_at = ? WHERE channel_id = ? AND ts = ?",
        (text, at.isoformat(timespec="seconds"), channel_id, ts),
    )
    return cursor.rowcount == 1


async def delete_note(conn: aiosqlite.Connection, channel_id: str, ts: str, at: datetime) -> bool:
    cursor = await conn.execute(
        "UPDATE review_notes SET deleted_at = ? WHERE channel_id = ? AND ts = ? AND deleted_at IS NULL",
        (at.isoformat(timespec="seconds"), channel_id, ts),
    )
    return cursor.rowcount == 1


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


# --- App Home: the review queue -----------------------------------------------------------------------

_UNREVIEWED = """c.claim_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM verdicts v WHERE v.claim_id = c.claim_id AND v.source = 'reviewer')"""


async def unreviewed_claims(db: Database, limit: int, disputed: bool) -> list[tuple[str, int, str]]:
    """(claim_id, checks, first asked) of checked claims no reviewer has ruled on, oldest first.

    ``disputed``: only those whose threads hold live review notes.
    """
    notes = "EXISTS" if disputed else "NOT EXISTS"
    rows = await db.conn.execute_fetchall(
        f"""SELECT c.claim_id, count(*) AS n, MIN(c.created_at) AS first FROM checks c
            WHERE {_UNREVIEWED} AND {notes} (
                SELECT 1 FROM review_notes r JOIN checks k ON k.check_id = r.check_id
                WHERE k.claim_id = c.claim_id AND r.deleted_at IS NULL)
            GROUP BY c.claim_id ORDER BY first, c.claim_id LIMIT ?""",
        (limit,),
    )
    return [(row[0], int(row[1]), row[2]) for row in rows]


async def proposed_checks(db: Database, limit: int) -> list[CheckRecord]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM checks WHERE proposed_by IS NOT NULL ORDER BY proposed_at, check_id LIMIT ?", (limit,)
    )
    return [row_to_check(row) for row in rows]


async def queue_counts(db: Database) -> dict[str, int]:
    """Totals for the App Home header."""
    rows = list(
        await db.conn.execute_fetchall(
            f"""SELECT count(*),
                   count(DISTINCT c.claim_id),
                   count(DISTINCT CASE WHEN {_UNREVIEWED} THEN c.claim_id END),
                   count(CASE WHEN c.status = 'no_match' THEN 1 END),
                   count(CASE WHEN c.proposed_by IS NOT NULL THEN 1 END)
                FROM checks c"""
        )
    )
    total, claims, unreviewed, no_match, proposed = rows[0]
    reviewer = list(await db.conn.execute_fetchall("SELECT count(*) FROM verdicts WHERE source = 'reviewer'"))
    return {
        "checks": int(total),
        "claims": int(claims),
        "unreviewed": int(unreviewed),
        "no_match": int(no_match),
        "proposed": int(proposed),
        "reviewer_verdicts": int(reviewer[0][0]),
    }


async def recent_reviewer_verdicts(db: Database, limit: int) -> list[Verdict]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM verdicts WHERE source = 'reviewer' ORDER BY verdict_id DESC LIMIT ?", (limit,)
    )
    return [row_to_verdict(row) for row in rows]


async def verdict_by_id(db: Database, verdict_id: int) -> Verdict | None:
    rows = list(await db.conn.execute_fetchall("SELECT * FROM verdicts WHERE verdict_id = ?", (verdict_id,)))
    return row_to_verdict(rows[0]) if rows else None
