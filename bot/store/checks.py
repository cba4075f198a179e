"""Checks (each /checkclaim or CLI query) and the review notes of their Slack threads."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

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


def row_to_check(row: Mapping[str, Any]) -> CheckRecord:
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


def row_to_note(row: Mapping[str, Any]) -> ReviewNote:
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


async def insert_check(
    conn: aiosqlite.Connection,
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
    cursor = await conn.execute(
        """INSERT INTO checks (query, origin, user_id, channel_id, status, claim_id, score, alternatives,
               created_at, thread_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
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
        ),
    )
    return int(cursor.lastrowid or 0)


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


async def checks_for_claim(db: Database, claim_id: str) -> list[CheckRecord]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM checks WHERE claim_id = ? ORDER BY check_id", (claim_id,)
    )
    return [row_to_check(row) for row in rows]


async def checks_between(db: Database, since: datetime, until: datetime) -> list[CheckRecord]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM checks WHERE created_at >= ? AND created_at < ? ORDER BY check_id",
        (since.isoformat(timespec="seconds"), until.isoformat(timespec="seconds")),
    )
    return [row_to_check(row) for row in rows]


async def notes_for_check(db: Database, check_id: int) -> list[ReviewNote]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM review_notes WHERE check_id = ? ORDER BY ts", (check_id,)
    )
    return [row_to_note(row) for row in rows]
