"""Articles offered from Slack: stored before the acknowledgement, closed when their triage post is
queued (or when they are refused). Functions run inside ``Database.write`` / ``Database.run``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.store.codec import RowLike

PENDING, DONE, REFUSED = "pending", "done", "refused"
WAYS = ("url", "text", "file")


@dataclass(frozen=True, slots=True)
class ArticleRequest:
    """What someone offered, where, and how it ended. ``way``: a link (``url``), text typed or
    pasted (``text``, with the modal's title, source and date) or a Slack file (``file_id``)."""

    request_id: int
    way: str
    user_id: str
    channel_id: str
    received_at: datetime
    url: str | None = None
    text: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    file_id: str | None = None
    reply_url: str | None = None
    status: str = PENDING
    error: str | None = None
    article_id: str | None = None
    outcome: str | None = None
    claims: int | None = None
    triage_item: int | None = None
    done_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EarlierIngest:
    """The request that first brought an article in this version, and where its triage post is."""

    request_id: int
    done_at: datetime
    channel_id: str
    post_ts: str | None


def row_to_request(row: RowLike) -> ArticleRequest:
    return ArticleRequest(
        request_id=row["request_id"],
        way=row["way"],
        user_id=row["user_id"],
        channel_id=row["channel_id"],
        received_at=datetime.fromisoformat(row["received_at"]),
        url=row["url"],
        text=row["text"],
        title=row["title"],
        source=row["source"],
        published=row["published"],
        file_id=row["file_id"],
        reply_url=row["reply_url"],
        status=row["status"],
        error=row["error"],
        article_id=row["article_id"],
        outcome=row["outcome"],
        claims=row["claims"],
        triage_item=row["triage_item"],
        done_at=datetime.fromisoformat(row["done_at"]) if row["done_at"] else None,
    )


def add(conn: sqlite3.Connection, request: ArticleRequest) -> ArticleRequest:
    """Store a request (its id is ignored); returns it with the id it got."""
    cursor = conn.execute(
        """INSERT INTO article_requests (way, url, text, title, source, published, file_id, user_id,
               channel_id, reply_url, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            request.way,
            request.url,
            request.text,
            request.title,
            request.source,
            request.published,
            request.file_id,
            request.user_id,
            request.channel_id,
            request.reply_url,
            _iso(request.received_at),
        ),
    )
    found = get(conn, int(cursor.lastrowid or 0))
    assert found is not None
    return found


def get(conn: sqlite3.Connection, request_id: int) -> ArticleRequest | None:
    row = conn.execute("SELECT * FROM article_requests WHERE request_id = ?", (request_id,)).fetchone()
    return row_to_request(row) if row else None


def pending(conn: sqlite3.Connection) -> list[ArticleRequest]:
    """Requests not yet done or refused, oldest first (what a restart must finish)."""
    rows = conn.execute(
        "SELECT * FROM article_requests WHERE status = 'pending' ORDER BY request_id"
    ).fetchall()
    return [row_to_request(row) for row in rows]


def refuse(conn: sqlite3.Connection, request_id: int, error: str, at: datetime) -> bool:
    """Close a request that cannot be ingested; False if it was no longer pending."""
    cursor = conn.execute(
        "UPDATE article_requests SET status = 'refused', error = ?, done_at = ? WHERE request_id = ? AND status = 'pending'",
        (error, _iso(at), request_id),
    )
    return cursor.rowcount == 1


def finish(
    conn: sqlite3.Connection,
    request_id: int,
    article_id: str,
    sha256: str,
    outcome: str,
    claims: int,
    triage_item: int,
    at: datetime,
) -> bool:
    """Close a request whose article is stored and whose triage post is queued (same transaction)."""
    cursor = conn.execute(
        """UPDATE article_requests SET status = 'done', article_id = ?, sha256 = ?, outcome = ?, claims = ?,
               triage_item = ?, done_at = ? WHERE request_id = ? AND status = 'pending'""",
        (article_id, sha256, outcome, claims, triage_item, _iso(at), request_id),
    )
    return cursor.rowcount == 1


def earlier_ingest(conn: sqlite3.Connection, article_id: str, sha256: str) -> EarlierIngest | None:
    """The first finished request for this very version of the article, with its triage post's ts."""
    row = conn.execute(
        """SELECT r.request_id, r.done_at, r.channel_id, o.delivered_ts FROM article_requests r
           LEFT JOIN outbox o ON o.item_id = r.triage_item
           WHERE r.article_id = ? AND r.sha256 = ? AND r.status = 'done'
           ORDER BY r.request_id LIMIT 1""",
        (article_id, sha256),
    ).fetchone()
    if row is None:
        return None
    return EarlierIngest(row[0], datetime.fromisoformat(row[1]), row[2], row[3])


def _iso(at: datetime) -> str:
    return at.isoformat(timespec="seconds")
