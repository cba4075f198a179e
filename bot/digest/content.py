"""What a digest contains, as plain dataclasses, and its JSON form.

Pure values and functions: no database, no Slack. bot/digest/build.py builds a Digest from the store and
bot/slack/digest.py renders it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.verdicts.labels import Label
from bot.verdicts.models import Verdict


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Thread:
    """A Slack thread where a claim was checked; the edge turns it into a link."""

    channel_id: str
    ts: str


@dataclass(frozen=True, slots=True)
class ClaimLine:
    claim_id: str
    text: str
    label: Label
    checks: int
    first_asked: datetime | None
    thread: Thread | None


@dataclass(frozen=True, slots=True)
class Change:
    claim_id: str
    text: str
    old: Label
    new: Label
    author: str | None
    source: str
    at: datetime
    thread: Thread | None


@dataclass(frozen=True, slots=True)
class NewArticle:
    article_id: str
    title: str
    url: str | None
    claims: int
    ingested_by: str | None = None  # the Slack user who brought it in (bot/desk/articles.py)


@dataclass(frozen=True, slots=True)
class Reappearance:
    """A claim already ruled on that appeared again in the period (its family's ruling, carried)."""

    claim_id: str
    text: str
    label: Label
    article_title: str
    ruled_claim_id: str
    author: str | None


@dataclass(frozen=True, slots=True)
class Digest:
    period: Period
    checks: int
    claims: int
    unmatched: int
    distribution: tuple[tuple[Label, int], ...]
    changes: tuple[Change, ...]
    changes_total: int
    waiting: tuple[ClaimLine, ...]
    waiting_total: int
    top: tuple[ClaimLine, ...]
    articles: tuple[NewArticle, ...]
    reappeared: tuple[Reappearance, ...] = ()  # ruled claims that appeared again (bot/desk/families.py)

    @property
    def empty(self) -> bool:
        """Nothing happened in the period (the review queue is a state, not news)."""
        return not (self.checks or self.changes or self.articles or self.reappeared)

    def threads(self) -> set[Thread]:
        lines: list[Change | ClaimLine] = [*self.changes, *self.waiting, *self.top]
        return {line.thread for line in lines if line.thread is not None}


def verdict_changes(history: Sequence[Verdict], period: Period) -> list[tuple[Label, Verdict]]:
    """(previous label, verdict) for each verdict of the period that changed what a claim's verdict is.

    Replays the history with the store's rule (a reviewer verdict outranks any automated one): every
    reviewer ruling counts, an automated one only when it became current with another label. A claim's
    first automated assessment is not a change.
    """
    out: list[tuple[Label, Verdict]] = []
    current: Verdict | None = None
    for verdict in history:
        becomes_current = verdict.source == "reviewer" or current is None or current.source != "reviewer"
        in_period = verdict.created_at is not None and period.start <= verdict.created_at < period.end
        if in_period and becomes_current:
            old = current.label if current is not None else Label.UNCHECKED
            if verdict.source == "reviewer" or (current is not None and old != verdict.label):
                out.append((old, verdict))
        if becomes_current:
            current = verdict
    return out


def to_json(digest: Digest) -> dict[str, Any]:
    """The digest as plain JSON (``factbot digest --json``)."""

    def thread(value: Thread | None) -> dict[str, str] | None:
        return {"channel": value.channel_id, "ts": value.ts} if value else None

    def line(c: ClaimLine) -> dict[str, Any]:
        first = c.first_asked.isoformat() if c.first_asked else None
        return {
            "claim_id": c.claim_id,
            "text": c.text,
            "verdict": c.label.value,
            "checks": c.checks,
            "first_asked": first,
            "thread": thread(c.thread),
        }

    return {
        "period": {"start": digest.period.start.isoformat(), "end": digest.period.end.isoformat()},
        "empty": digest.empty,
        "checks": digest.checks,
        "claims": digest.claims,
        "unmatched": digest.unmatched,
        "verdicts": {label.value: n for label, n in digest.distribution},
        "changes": [
            {
                "claim_id": c.claim_id,
                "text": c.text,
                "old": c.old.value,
                "new": c.new.value,
                "by": c.author if c.source == "reviewer" else "factbot",
                "at": c.at.isoformat(),
                "thread": thread(c.thread),
            }
            for c in digest.changes
        ],
        "changes_total": digest.changes_total,
        "waiting": [line(c) for c in digest.waiting],
        "waiting_total": digest.waiting_total,
        "most_checked": [line(c) for c in digest.top],
        "new_articles": [
            {
                "article_id": a.article_id,
                "title": a.title,
                "url": a.url,
                "claims": a.claims,
                "ingested_by": a.ingested_by,
            }
            for a in digest.articles
        ],
        "reappeared": [
            {
                "claim_id": r.claim_id,
                "text": r.text,
                "verdict": r.label.value,
                "article_title": r.article_title,
                "ruled_claim_id": r.ruled_claim_id,
                "ruled_by": r.author,
            }
            for r in digest.reappeared
        ],
    }
