"""Digest periods (claimed once per channel and slot) and the read-only queries a digest is built from.

Every time is stored as UTC ISO text (``…+00:00``), so periods compare as strings in SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

from bot.store.db import Database
from bot.store.verdicts import row_to_verdict
from bot.verdicts.models import Verdict

QUEUED, SKIPPED_EMPTY = "queued", "skipped_empty"


def iso(moment: datetime) -> str:
    """The stored form of a time: UTC, whole seconds (how checks and verdicts are stamped)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class DigestRecord:
    digest_id: int
    channel_id: str
    slot: datetime
    start: datetime
    end: datetime
    origin: str
    status: str
    outbox_id: int | None
    claimed_by: str
    claimed_at: datetime


def _record(row: aiosqlite.Row) -> DigestRecord:
    return DigestRecord(
        digest_id=row["digest_id"],
        channel_id=row["channel_id"],
        slot=datetime.fromisoformat(row["slot"]),
        start=datetime.fromisoformat(row["period_start"]),
        end=datetime.fromisoformat(row["period_end"]),
        origin=row["origin"],
        status=row["status"],
        outbox_id=row["outbox_id"],
        claimed_by=row["claimed_by"],
        claimed_at=datetime.fromisoformat(row["claimed_at"]),
    )


# --- the exactly-once claim ---------------------------------------------------------------------------


async def claim(
    conn: aiosqlite.Connection,
    *,
    channel_id: str,
    slot: datetime,
    start: datetime,
    end: datetime,
    origin: str,
    status: str,
    claimed_by: str,
    at: datetime,
) -> int | None:
    """Claim a period inside the caller's transaction; None when someone already claimed this slot."""
    cursor = await conn.execute(
        """INSERT OR IGNORE INTO digests (channel_id, slot, period_start, period_end, origin, status,
               claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (channel_id, iso(slot), iso(start), iso(end), origin, status, claimed_by, iso(at)),
    )
    return int(cursor.lastrowid or 0) if cursor.rowcount == 1 else None


async def attach_outbox(conn: aiosqlite.Connection, digest_id: int, item_id: int) -> None:
    await conn.execute("UPDATE digests SET outbox_id = ? WHERE digest_id = ?", (item_id, digest_id))


async def get(db: Database, digest_id: int) -> DigestRecord | None:
    rows = list(await db.conn.execute_fetchall("SELECT * FROM digests WHERE digest_id = ?", (digest_id,)))
    return _record(rows[0]) if rows else None


async def is_claimed(db: Database, channel_id: str, slot: datetime) -> bool:
    rows = list(
        await db.conn.execute_fetchall(
            "SELECT 1 FROM digests WHERE channel_id = ? AND slot = ?", (channel_id, iso(slot))
        )
    )
    return bool(rows)


async def covers(db: Database, channel_id: str, start: datetime, end: datetime) -> bool:
    """Some digest of the channel already spans [start, end) (a manual one posted after the slot)."""
    rows = list(
        await db.conn.execute_fetchall(
            "SELECT 1 FROM digests WHERE channel_id = ? AND period_start <= ? AND period_end >= ? LIMIT 1",
            (channel_id, iso(start), iso(end)),
        )
    )
    return bool(rows)


async def latest_end(db: Database, channel_id: str, before: datetime | None = None) -> datetime | None:
    """Where the previous digest of a channel stopped: the next one starts there."""
    rows = list(
        await db.conn.execute_fetchall(
            "SELECT MAX(period_end) FROM digests WHERE channel_id = ? AND period_end <= ?",
            (channel_id, iso(before) if before else "9999"),
        )
    )
    return datetime.fromisoformat(rows[0][0]) if rows and rows[0][0] else None


# --- what happened in a period ------------------------------------------------------------------------


async def check_counts(db: Database, start: datetime, end: datetime) -> tuple[int, int, int]:
    """(checks, distinct claims, checks without a matching claim) made in [start, end)."""
    rows = list(
        await db.conn.execute_fetchall(
            """SELECT count(*), count(DISTINCT claim_id), count(CASE WHEN claim_id IS NULL THEN 1 END)
               FROM checks WHERE created_at >= ? AND created_at < ?""",
            (iso(start), iso(end)),
        )
    )
    return int(rows[0][0]), int(rows[0][1]), int(rows[0][2])


async def checked_claims(db: Database, start: datetime, end: datetime) -> list[tuple[str, int, str]]:
    """(claim_id, checks, first asked) of every claim checked in [start, end), most checked first."""
    rows = await db.conn.execute_fetchall(
        """SELECT claim_id, count(*) AS n, MIN(created_at) AS first FROM checks
           WHERE claim_id IS NOT NULL AND created_at >= ? AND created_at < ?
           GROUP BY claim_id ORDER BY n DESC, first, claim_id""",
        (iso(start), iso(end)),
    )
    return [(row[0], int(row[1]), row[2]) for row in rows]


async def claims_with_verdicts_between(db: Database, start: datetime, end: datetime) -> list[str]:
    rows = await db.conn.execute_fetchall(
        "SELECT DISTINCT claim_id FROM verdicts WHERE created_at >= ? AND created_at < ? ORDER BY claim_id",
        (iso(start), iso(end)),
    )
    return [row[0] for row in rows]


async def histories(db: Database, claim_ids: Iterable[str]) -> dict[str, list[Verdict]]:
    """Every verdict of each claim in the order they were made (to replay what was current when)."""
    ids = list(dict.fromkeys(claim_ids))
    out: dict[str, list[Verdict]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = await db.conn.execute_fetchall(
            f"SELECT * FROM verdicts WHERE claim_id IN ({','.join('?' * len(chunk))}) ORDER BY verdict_id",
            chunk,
        )
        for row in rows:
            out[row["claim_id"]].append(row_to_verdict(row))
    return dict(out)


_WAITING = """FROM checks c WHERE c.claim_id IS NOT NULL AND c.created_at < ? AND NOT EXISTS (
    SELECT 1 FROM verdicts v WHERE v.claim_id = c.claim_id AND v.source = 'reviewer' AND v.created_at < ?)"""


async def waiting_for_review(
    db: Database, end: datetime, limit: int
) -> tuple[list[tuple[str, int, str]], int]:
    """Checked claims no reviewer had ruled on by ``end``: (claim_id, checks, first asked) oldest first,
    and how many there are in all."""
    bounds = (iso(end), iso(end))
    rows = await db.conn.execute_fetchall(
        f"""SELECT c.claim_id, count(*), MIN(c.created_at) AS first {_WAITING}
            GROUP BY c.claim_id ORDER BY first, c.claim_id LIMIT ?""",
        (*bounds, limit),
    )
    total = list(await db.conn.execute_fetchall(f"SELECT count(DISTINCT c.claim_id) {_WAITING}", bounds))
    return [(row[0], int(row[1]), row[2]) for row in rows], int(total[0][0])


async def threads(db: Database, claim_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The latest Slack thread (channel, thread ts) where each claim was checked, when there is one."""
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        return {}
    rows = await db.conn.execute_fetchall(
        f"""SELECT claim_id, channel_id, thread_ts FROM checks c WHERE check_id = (
                SELECT MAX(check_id) FROM checks k WHERE k.claim_id = c.claim_id
                AND k.channel_id IS NOT NULL AND k.thread_ts IS NOT NULL)
            AND claim_id IN ({",".join("?" * len(ids))})""",
        ids,
    )
    return {row[0]: (row[1], row[2]) for row in rows}


async def articles_between(
    db: Database, start: datetime, end: datetime
) -> list[tuple[str, str, str | None, int, str | None]]:
    """(article_id, title, url, active claims, who brought it in from Slack) of the articles first
    ingested in [start, end)."""
    rows = await db.conn.execute_fetchall(
        """SELECT a.article_id, a.title, a.url,
                  (SELECT count(*) FROM claims c WHERE c.article_id = a.article_id AND c.active = 1),
                  (SELECT r.user_id FROM article_requests r WHERE r.article_id = a.article_id
                   AND r.status = 'done' ORDER BY r.request_id LIMIT 1)
           FROM articles a WHERE a.ingested_at >= ? AND a.ingested_at < ? ORDER BY a.ingested_at, a.article_id""",
        (iso(start), iso(end)),
    )
    return [(row[0], row[1], row[2], int(row[3]), row[4]) for row in rows]
