"""A check of a message (long text answered claim by claim): the claims found in it, what each
matched, and the ingested text the whole is a version of. One row per claim, real columns.

Written inside the check's own transaction (``Database.write``), read back when its card is rendered.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MessagePart:
    """One claim of a message. ``status`` is its lookup (matched, ambiguous, no_match; None: an opinion,
    not looked up); ``claim_id`` the known claim it matched."""

    position: int
    text: str
    kind: str
    status: str | None
    claim_id: str | None
    score: float | None


@dataclass(frozen=True, slots=True)
class StoredMessage:
    check_id: int
    parts: tuple[MessagePart, ...]
    version_of: str | None = None  # article id
    version_title: str | None = None
    version_similarity: float | None = None


def add_message(
    conn: sqlite3.Connection,
    check_id: int,
    parts: Iterable[MessagePart],
    version: tuple[str, float] | None,
) -> None:
    """Mark a check as a message's and store its claims (and the text it is a version of)."""
    article_id, similarity = version if version else (None, None)
    conn.execute(
        "UPDATE checks SET kind = 'message', version_of = ?, version_similarity = ? WHERE check_id = ?",
        (article_id, similarity, check_id),
    )
    conn.executemany(
        """INSERT INTO message_claims (check_id, position, text, kind, status, claim_id, score)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [(check_id, p.position, p.text, p.kind, p.status, p.claim_id, p.score) for p in parts],
    )


def get_message(conn: sqlite3.Connection, check_id: int) -> StoredMessage | None:
    """The message a check answered; None for a check of a query."""
    head = conn.execute(
        """SELECT c.kind, c.version_of, c.version_similarity, a.title FROM checks c
           LEFT JOIN articles a ON a.article_id = c.version_of WHERE c.check_id = ?""",
        (check_id,),
    ).fetchone()
    if head is None or head[0] != "message":
        return None
    rows = conn.execute(
        """SELECT position, text, kind, status, claim_id, score FROM message_claims
           WHERE check_id = ? ORDER BY position""",
        (check_id,),
    ).fetchall()
    parts = tuple(MessagePart(*tuple(row)) for row in rows)
    return StoredMessage(check_id, parts, head[1], head[3], head[2])


def threads_of(
    conn: sqlite3.Connection, claim_ids: Iterable[str], except_check: int
) -> dict[str, tuple[str, str]]:
    """The first announced Slack thread (channel, ts) where each claim was checked, other than this check."""
    out: dict[str, tuple[str, str]] = {}
    for claim_id in dict.fromkeys(claim_ids):
        row = conn.execute(
            """SELECT channel_id, thread_ts FROM checks WHERE claim_id = ? AND check_id != ?
               AND message_ts IS NOT NULL AND channel_id IS NOT NULL ORDER BY check_id LIMIT 1""",
            (claim_id, except_check),
        ).fetchone()
        if row is not None:
            out[claim_id] = (row[0], row[1])
    return out
