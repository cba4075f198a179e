"""The write side of a check: its row, its announcements in the outbox and (for a received query)
its intake row, in one transaction, so a check is never stored unannounced or answered twice.

Plain functions over a sqlite3 connection, run inside ``Database.write`` by bot/desk/service.py.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from bot.lookup.message import Answer, MessageResult
from bot.store import checks as check_store
from bot.store import intake as intake_store
from bot.store import messages as message_store
from bot.store import outbox as outbox_store
from bot.store.intake import PendingCheck
from bot.store.outbox import Announce, NewItem


@dataclass(frozen=True, slots=True)
class Asked:
    """Who asked what, where and when: the check's own columns, before the lookup's answer."""

    query: str
    origin: str
    user_id: str | None
    channel_id: str | None
    thread_ts: str | None
    at: datetime


def record_check(
    conn: sqlite3.Connection,
    asked: Asked,
    answer: Answer,
    announce: Announce | None,
    now: float,
    pick_id: int | None = None,
) -> int:
    """Insert a check (and, with ``announce``, its card and verdict reply) inside ``Database.write``.
    ``pick_id``: the person's earlier pick that gave the answer (bot/desk/picks.py). A message's check
    row holds its known claims, best first; each claim found in it gets a row of its own."""
    result = answer.summary() if isinstance(answer, MessageResult) else answer
    best = result.best
    check_id = check_store.add_check(
        conn,
        query=asked.query,
        origin=asked.origin,
        user_id=asked.user_id,
        channel_id=asked.channel_id,
        status=result.status,
        claim_id=best.claim.claim_id if best else None,
        score=best.score if best else None,
        alternatives=[m.claim.claim_id for m in (result.matches[1:] if best else result.offered)],
        created_at=asked.at,
        thread_ts=asked.thread_ts,
        pick_id=pick_id,
        part=result.part or None,
    )
    if isinstance(answer, MessageResult):
        _record_message(conn, check_id, answer)
    if announce is not None:
        for kind in ("card", "verdict"):
            item = NewItem(kind, check_id, None, announce.channel_id, announce.thread_ts, announce.reply_url)
            outbox_store.add(conn, item, now)
    return check_id


def _record_message(conn: sqlite3.Connection, check_id: int, message: MessageResult) -> None:
    parts = []
    for position, claim in enumerate(message.claims):
        best = claim.best
        status = claim.result.status if claim.result else None
        claim_id, score = (best.claim.claim_id, best.score) if best else (None, None)
        parts.append(
            message_store.MessagePart(position, claim.text, claim.kind.value, status, claim_id, score)
        )
    version = (message.version.article_id, message.version.similarity) if message.version else None
    message_store.add_message(conn, check_id, parts, version)


def answer_pending(
    conn: sqlite3.Connection,
    pending: PendingCheck,
    result: Answer,
    now: datetime,
    pick_id: int | None = None,
) -> int | None:
    """Store a received query's check and announcements and close its intake row (None: already closed)."""
    if not intake_store.is_pending(conn, pending.intake_id):
        return None
    to = pending.announce
    asked = Asked(
        pending.query, pending.origin, pending.user_id, to.channel_id, to.thread_ts, pending.received_at
    )
    check_id = record_check(conn, asked, result, to, now.timestamp(), pick_id)
    intake_store.answered(conn, pending.intake_id, check_id, now)
    return check_id
