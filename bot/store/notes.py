"""Review notes: the messages people post in a check's Slack thread, kept with their edits and deletions.

They are the reviewers' discussion of a check; the review queue (bot/store/queue.py) counts a claim whose
threads hold live notes as disputed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.store.codec import RowLike, datetime_from_iso
from bot.store.db import Database


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


def row_to_note(row: RowLike) -> ReviewNote:
    return ReviewNote(
        note_id=row["note_id"],
        check_id=row["check_id"],
        channel_id=row["channel_id"],
        ts=row["ts"],
        user_id=row["user_id"],
        text=row["text"],
        created_at=datetime.fromisoformat(row["created_at"]),
        edited_at=datetime_from_iso(row["edited_at"]),
        deleted_at=datetime_from_iso(row["deleted_at"]),
    )


async def notes_for_check(db: Database, check_id: int) -> list[ReviewNote]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM review_notes WHERE check_id = ? ORDER BY ts", (check_id,)
    )
    return [row_to_note(row) for row in rows]


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
