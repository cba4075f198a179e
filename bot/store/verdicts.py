"""Verdict history: every verdict is a row; the current one is derived, never stored twice.

Current verdict = the latest reviewer verdict if any, else the latest automated one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import aiosqlite

from bot.store.codec import RowLike
from bot.store.db import Database
from bot.verdicts.labels import Label
from bot.verdicts.models import Evidence, Signal, Verdict


def signal_to_json(signal: Signal) -> dict[str, Any]:
    return {
        "code": signal.code,
        "effect": signal.effect,
        "weight": signal.weight,
        "message_zh": signal.message_zh,
        "message_en": signal.message_en,
        "evidence": [
            {"statement": e.statement, "source_name": e.source_name, "url": e.url, "fact_id": e.fact_id}
            for e in signal.evidence
        ],
    }


def _signal(data: dict[str, Any]) -> Signal:
    return Signal(
        code=data["code"],
        effect=data["effect"],
        weight=data["weight"],
        message_zh=data["message_zh"],
        message_en=data["message_en"],
        evidence=tuple(Evidence(**e) for e in data.get("evidence", [])),
    )


def row_to_verdict(row: RowLike) -> Verdict:
    return Verdict(
        claim_id=row["claim_id"],
        label=Label(row["label"]),
        confidence=row["confidence"],
        rationale_zh=row["rationale_zh"],
        rationale_en=row["rationale_en"],
        signals=tuple(_signal(s) for s in json.loads(row["signals"])),
        source=row["source"],
        author=row["author"],
        engine_version=row["engine_version"],
        created_at=datetime.fromisoformat(row["created_at"]),
        evidence_url=row["evidence_url"],
        verdict_id=row["verdict_id"],
    )


_INSERT = """INSERT INTO verdicts (claim_id, label, confidence, rationale_zh, rationale_en, signals, source,
                   author, engine_version, evidence_fingerprint, evidence_url, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


async def insert_verdict(
    conn: aiosqlite.Connection, verdict: Verdict, created_at: datetime, fingerprint: str | None = None
) -> int:
    """Append a verdict row inside the caller's transaction; returns its id."""
    cursor = await conn.execute(_INSERT, _values(verdict, created_at, fingerprint))
    return int(cursor.lastrowid or 0)


def auto_rows(verdicts: Iterable[Verdict]) -> list[tuple[Any, ...]]:
    """Automated verdicts encoded for ``store_auto`` (where they were computed, not in the writer)."""
    return [
        (
            v.claim_id,
            v.label.value,
            v.confidence,
            v.rationale_zh,
            v.rationale_en,
            json.dumps([signal_to_json(s) for s in v.signals], ensure_ascii=False),
            v.source,
            v.author,
            v.engine_version,
            v.evidence_url,
        )
        for v in verdicts
    ]


_LATEST_AUTO = """SELECT v.claim_id, v.verdict_id, v.label, v.confidence, v.rationale_zh, v.engine_version
    FROM verdicts v JOIN (SELECT claim_id, MAX(verdict_id) AS vid FROM verdicts
        WHERE source = 'auto' AND claim_id IN ({marks}) GROUP BY claim_id) l ON l.vid = v.verdict_id"""


def store_auto(
    conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]], created_at: datetime, fingerprint: str
) -> int:
    """Append the automated verdicts (``auto_rows``) that differ from the latest ones, inside the
    caller's transaction; the unchanged ones only get the current evidence fingerprint. Returns how
    many were appended."""
    latest: dict[str, tuple[Any, ...]] = {}
    ids = [row[0] for row in rows]
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        for claim_id, *rest in conn.execute(_LATEST_AUTO.format(marks=",".join("?" * len(chunk))), chunk):
            latest[claim_id] = tuple(rest)
    unchanged: list[tuple[str, int]] = []
    fresh: list[tuple[Any, ...]] = []
    stamp = created_at.isoformat(timespec="seconds")
    for row in rows:
        old = latest.get(row[0])
        # Same label, confidence and rationale from the same engine: nothing new to say.
        if old and (old[1], round(old[2], 3), old[3], old[4]) == (row[1], round(row[2], 3), row[3], row[8]):
            unchanged.append((fingerprint, old[0]))
        else:
            fresh.append((*row[:9], fingerprint, row[9], stamp))
    conn.executemany("UPDATE verdicts SET evidence_fingerprint = ? WHERE verdict_id = ?", unchanged)
    conn.executemany(_INSERT, fresh)
    return len(fresh)


def _values(verdict: Verdict, created_at: datetime, fingerprint: str | None) -> tuple[Any, ...]:
    return (
        verdict.claim_id,
        verdict.label.value,
        verdict.confidence,
        verdict.rationale_zh,
        verdict.rationale_en,
        json.dumps([signal_to_json(s) for s in verdict.signals], ensure_ascii=False),
        verdict.source,
        verdict.author,
        verdict.engine_version,
        fingerprint,
        verdict.evidence_url,
        created_at.isoformat(timespec="seconds"),
    )


_CURRENT = """
SELECT v.* FROM verdicts v
JOIN (
    SELECT claim_id, COALESCE(MAX(CASE WHEN source = 'reviewer' THEN verdict_id END), MAX(verdict_id)) AS vid
    FROM verdicts WHERE claim_id IN ({marks}) GROUP BY claim_id
) cur ON cur.vid = v.verdict_id
"""


async def current_verdicts(db: Database, claim_ids: Iterable[str]) -> dict[str, Verdict]:
    """The current verdict of each claim that has one."""
    ids = list(dict.fromkeys(claim_ids))
    out: dict[str, Verdict] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = await db.conn.execute_fetchall(_CURRENT.format(marks=",".join("?" * len(chunk))), chunk)
        out.update({row["claim_id"]: row_to_verdict(row) for row in rows})
    return out


async def history(db: Database, claim_id: str) -> list[Verdict]:
    """Every verdict of a claim, oldest first."""
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM verdicts WHERE claim_id = ? ORDER BY verdict_id", (claim_id,)
    )
    return [row_to_verdict(row) for row in rows]


async def stale_articles(db: Database, engine_version: str, fingerprint: str) -> list[str]:
    """Articles with an active claim whose latest automated verdict is missing or out of date."""
    rows = await db.conn.execute_fetchall(
        """SELECT DISTINCT c.article_id FROM claims c
           WHERE c.active = 1 AND NOT EXISTS (
               SELECT 1 FROM verdicts v WHERE v.claim_id = c.claim_id AND v.source = 'auto'
                 AND v.engine_version = ? AND v.evidence_fingerprint = ?
                 AND v.verdict_id = (SELECT MAX(verdict_id) FROM verdicts w
                                     WHERE w.claim_id = c.claim_id AND w.source = 'auto'))""",
        (engine_version, fingerprint),
    )
    return [row[0] for row in rows]
