"""Shared plumbing for signals: the context they read and small text helpers.

Signals are pure functions ``(claim, ctx) -> list[Signal]``; nothing here knows any topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from bot.claims.models import Article, Claim
from bot.text.types import Quantity
from bot.verdicts.evidence import EvidenceBase, Fact, normalise_place
from bot.verdicts.models import Evidence, Signal
from bot.verdicts.texts import render

CLAUSE_DELIMITERS = "，,。；;：:！!？?\n、"
# A comma between digits groups thousands (59萬7,740票): it ends no clause.
_DELIMITER = re.compile("[" + re.escape(CLAUSE_DELIMITERS.replace(",", "")) + "]|(?<![0-9]),|,(?![0-9])")
INTERNAL_SOURCE = "本文"


@dataclass(frozen=True, slots=True)
class SignalContext:
    """What a signal may look at: the article, all its claims and the evidence base."""

    article: Article
    claims: tuple[Claim, ...]
    base: EvidenceBase
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)  # per-article indexes


def make_signal(
    code: str, effect: str, weight: float, evidence: tuple[Evidence, ...] = (), **fields: object
) -> Signal:
    """Build a Signal whose messages come from texts.MESSAGES."""
    zh, en = render(code, **fields)
    return Signal(
        code=code, effect=effect, weight=round(weight, 3), message_zh=zh, message_en=en, evidence=evidence
    )


def internal_evidence(ctx: SignalContext, other: Claim) -> Evidence:
    """Evidence pointing at another claim of the same article."""
    title = ctx.article.title.strip().strip("《》")
    return Evidence(
        statement=other.text,
        source_name=f"{INTERNAL_SOURCE}《{title}》",
        url=ctx.article.url,
        fact_id=other.claim_id,
    )


def fact_evidence(fact: Fact) -> Evidence:
    return Evidence(
        statement=fact.statement, source_name=fact.source_name, url=fact.url, fact_id=fact.fact_id
    )


def locate(claim: Claim, q: Quantity) -> int:
    """Offset of ``q`` inside claim.text, whether its offsets are claim- or article-relative."""
    if q.text and claim.text[q.start : q.end] == q.text:
        return q.start
    rel = q.start - claim.start
    if q.text and rel >= 0 and claim.text[rel : rel + len(q.text)] == q.text:
        return rel
    return claim.text.find(q.text) if q.text else -1


def clause_before(text: str, pos: int) -> str:
    """The part of the clause that precedes ``pos`` (where the metric of a number is named)."""
    match = _DELIMITER.search(text[pos - 1 :: -1]) if pos > 0 else None  # the last one before pos
    return text[pos - match.start() : pos] if match else text[:pos]


def clause_of(claim: Claim, q: Quantity) -> str:
    """The whole clause holding ``q`` (falls back to the claim text if ``q`` cannot be found)."""
    pos = locate(claim, q)
    if pos < 0:
        return claim.text
    end = min([i for d in CLAUSE_DELIMITERS if (i := claim.text.find(d, pos)) >= 0] or [len(claim.text)])
    return clause_before(claim.text, pos) + claim.text[pos:end]


def fmt_number(value: float) -> str:
    if (abs(value) >= 10_000 and abs(value) % 1000 == 0) or abs(value) >= 100_000:
        return f"{value / 10_000:.1f}万".replace(".0万", "万")
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def fmt_quantity(q: Quantity) -> str:
    return q.text or f"{fmt_number(q.value)}{q.unit}"


def has_any(text: str, words: tuple[str, ...]) -> list[str]:
    return [w for w in words if w in text]


def claim_places(ctx: SignalContext, claim: Claim) -> set[str]:
    """Places the claim is about: its place entities plus known places named in it or its context.
    Remembered per article: signals ask it of every other claim, for every claim."""
    memo = cast(dict[str, set[str]], ctx.memo.setdefault("claim_places", {}))
    if (known := memo.get(claim.claim_id)) is not None:
        return set(known)
    places = {normalise_place(e.text) for e in claim.entities if e.type == "place"}
    haystack = claim.text + claim.context
    places |= {p for p in ctx.base.places() if p in haystack}
    memo[claim.claim_id] = places
    return set(places)


def article_places(ctx: SignalContext) -> set[str]:
    """Known places named in the article title: the default subject of its claims."""
    return {p for p in ctx.base.places() if p in ctx.article.title}


def claim_day(ctx: SignalContext, claim: Claim) -> tuple[date, bool] | None:
    """The day a claim speaks of and whether it was inherited.

    Its own latest start date; else the date of the nearest dated claim in the same paragraph
    (earlier ones first), since a paragraph usually narrates one period. Inherited dates are
    weaker evidence, so signals weigh them less."""
    if claim.dates:
        return max(d.first for d in claim.dates), False
    same = [
        c for c in ctx.claims if c.paragraph == claim.paragraph and c.dates and c.claim_id != claim.claim_id
    ]
    earlier = [c for c in same if c.start < claim.start]
    later = [c for c in same if c.start > claim.start]
    if earlier:
        nearest = max(earlier, key=lambda c: c.start)
    elif later:
        nearest = min(later, key=lambda c: c.start)
    else:
        return None
    return max(d.first for d in nearest.dates), True


CJK = re.compile(r"[\u4e00-\u9fff]")
