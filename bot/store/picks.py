"""Stored "did you mean" picks: who said which claim (or none) a query meant, and when.

A pick is kept with the query as asked, its normalised form and that form's character shingles, so a
later query with the same or a near form can find it through an index instead of a scan.
Synchronous functions over a sqlite3 connection, run by ``Database.run`` / ``Database.write``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.claims.models import Claim
from bot.store.codec import RowLike, row_to_claim

THIS_ONE, NONE_OF_THESE = "this_one", "none"


@dataclass(frozen=True, slots=True)
class Pick:
    pick_id: int
    check_id: int | None
    user_id: str
    query: str
    normalized: str
    claim_id: str | None  # None: "none of these"
    kind: str  # THIS_ONE | NONE_OF_THESE
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PickRow:
    """A pick with its claim's text, for export."""

    pick: Pick
    claim_text: str | None


def row_to_pick(row: RowLike) -> Pick:
    return Pick(
        pick_id=row["pick_id"],
        check_id=row["check_id"],
        user_id=row["user_id"],
        query=row["query"],
        normalized=row["normalized"],
        claim_id=row["claim_id"],
        kind=row["kind"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )


async def add_pick(
    conn: aiosqlite.Connection,
    *,
    check_id: int | None,
    user_id: str,
    query: str,
    normalized: str,
    claim_id: str | None,
    shingles: Iterable[str],
    at: datetime,
) -> int:
    """Insert a pick and its shingles inside the caller's transaction; returns the pick id."""
    grams = sorted(set(shingles))
    kind = THIS_ONE if claim_id else NONE_OF_THESE
    cursor = await conn.execute(
        """INSERT INTO lookup_picks (check_id, user_id, query, normalized, claim_id, kind, shingle_count,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        (check_id, user_id, query, normalized, claim_id, kind, len(grams), at.isoformat(timespec="seconds")),
    )
    pick_id = int(cursor.lastrowid or 0)
    await conn.executemany(
        "INSERT INTO lookup_pick_shingles (shingle, pick_id) VALUES (?, ?)", [(g, pick_id) for g in grams]
    )
    return pick_id


async def pick_of_check(conn: aiosqlite.Connection, check_id: int) -> int | None:
    """The latest pick made on a check, read inside the caller's transaction (two clicks race). Not
    the earlier pick that answered it: a "none of these" it recalled can still be corrected there."""
    rows = list(
        await conn.execute_fetchall("SELECT max(pick_id) FROM lookup_picks WHERE check_id = ?", (check_id,))
    )
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


_NEAR = """
SELECT DISTINCT p.* FROM lookup_pick_shingles AS s JOIN lookup_picks AS p USING (pick_id)
WHERE s.shingle IN ({marks}) AND p.shingle_count BETWEEN ? AND ?
"""


def shingle_frequencies(conn: sqlite3.Connection, shingles: Iterable[str]) -> dict[str, int]:
    """How many picks have each shingle (0 when none has it): counted on the primary key's index, which
    costs far less than reading the postings' picks."""
    out = dict.fromkeys(shingles, 0)
    if out:
        marks = ",".join("?" * len(out))
        sql = (
            f"SELECT shingle, count(*) FROM lookup_pick_shingles WHERE shingle IN ({marks}) GROUP BY shingle"
        )
        out.update({row[0]: int(row[1]) for row in conn.execute(sql, list(out))})
    return out


def candidate_picks(
    conn: sqlite3.Connection, normalized: str, probe: Sequence[str], sizes: tuple[float, float]
) -> list[Pick]:
    """Picks whose normal form equals ``normalized``, or that have one of the ``probe`` shingles and a
    shingle count within ``sizes``: every pick near enough to matter, and a few more (see
    bot/desk/picks.py for why a few of the query's shingles are enough)."""
    rows = list(conn.execute("SELECT * FROM lookup_picks WHERE normalized = ?", (normalized,)))
    if probe:
        sql = _NEAR.format(marks=",".join("?" * len(probe)))
        rows += list(conn.execute(sql, [*probe, *sizes]))
    return [row_to_pick(row) for row in {row["pick_id"]: row for row in rows}.values()]


def active_claims(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> dict[str, Claim]:
    """The claims among ``claim_ids`` that are still active (a re-ingest retires changed ones)."""
    ids = sorted(set(claim_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT * FROM claims WHERE active = 1 AND claim_id IN ({marks})", ids)
    return {row["claim_id"]: row_to_claim(row) for row in rows}


def get_pick(conn: sqlite3.Connection, pick_id: int) -> Pick | None:
    row = conn.execute("SELECT * FROM lookup_picks WHERE pick_id = ?", (pick_id,)).fetchone()
    return row_to_pick(row) if row else None


def iter_picks(conn: sqlite3.Connection) -> Iterator[PickRow]:
    """Every pick, oldest first, with its claim's text (kept even once the claim is retired)."""
    rows = conn.execute(
        """SELECT p.*, c.text AS claim_text FROM lookup_picks AS p
           LEFT JOIN claims AS c ON c.claim_id = p.claim_id ORDER BY p.pick_id"""
    )
    for row in rows:
        yield PickRow(row_to_pick(row), row["claim_text"])
