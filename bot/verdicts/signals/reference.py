"""Reference statistics: a claimed number compared with a structured value of a fact whose topic
terms appear in the claim (e.g. 常住人口 -> population of the place)."""

from __future__ import annotations

from bot.claims.models import Claim
from bot.text.types import Quantity
from bot.verdicts.evidence import Fact, normalise_place
from bot.verdicts.models import Signal
from bot.verdicts.signals._common import (
    SignalContext,
    article_places,
    claim_places,
    fact_evidence,
    fmt_number,
    fmt_quantity,
    make_signal,
)
from bot.verdicts.signals.legal import find_citations
from bot.verdicts.signals.sourcing import traceable

EQUAL_WITHIN = 0.02
CLOSE_WITHIN = 0.10
W_MATCH = 0.85
W_CLOSE = 0.45
W_DIFFERS = 0.8
W_UNDATED = 0.75  # factor when the claim gives no date to tie it to the fact's period
W_NO_REFERENCE = 0.3
CONFIDENCE_FACTOR = {"high": 1.0, "medium": 0.85, "low": 0.6}


def _matches_fact(fact: Fact, claim: Claim, ctx: SignalContext) -> bool:
    if not fact.values or not any(t in claim.text for t in fact.topic_terms):
        return False
    if fact.place not in ("全国", "全球"):
        places = claim_places(ctx, claim) or article_places(ctx)
        if normalise_place(fact.place) not in places:
            return False
    return all(d.first.year <= fact.last.year and d.last.year >= fact.first.year for d in claim.dates)


def _distance(q: Quantity, reference: float) -> float:
    """Relative distance of the claimed value (or range) from the reference; 0 inside a range."""
    low, high = q.value, q.upper if q.upper is not None else q.value
    if low <= reference <= high:
        return 0.0
    return min(abs(low - reference), abs(high - reference)) / max(abs(reference), 1e-9)


def _compare(fact: Fact, q: Quantity, claim: Claim) -> Signal | None:
    candidates = [(name, v) for name, v in fact.values if fact.unit_of(name) in ("", q.unit)]
    if not candidates:
        return None
    name, reference = min(candidates, key=lambda nv: _distance(q, nv[1]))
    dist = _distance(q, reference)
    factor = CONFIDENCE_FACTOR[fact.confidence] * (1.0 if claim.dates else W_UNDATED)
    ref_text = f"{fmt_number(reference)}{fact.unit_of(name)}"
    fields = {"value": fmt_quantity(q), "reference": ref_text, "diff": f"{dist:.1%}"}
    if dist <= EQUAL_WITHIN:
        return make_signal(
            "reference.matches", "supports", W_MATCH * factor, (fact_evidence(fact),), **fields
        )
    if dist <= CLOSE_WITHIN:
        return make_signal("reference.close", "supports", W_CLOSE * factor, (fact_evidence(fact),), **fields)
    return make_signal(
        "reference.differs", "contradicts", W_DIFFERS * factor, (fact_evidence(fact),), **fields
    )


def reference_statistics(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """Compare every quantity with the values of every fact the claim is about."""
    out: list[Signal] = []
    for fact in ctx.base.facts:
        if not _matches_fact(fact, claim, ctx):
            continue
        for q in claim.quantities:
            signal = _compare(fact, q, claim)
            if signal is not None:
                out.append(signal)
    return out


def unverifiable_specifics(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """Specific numbers or dates that no fact in the base speaks to: they stay unverified."""
    if not claim.quantities and not claim.dates:
        return []
    if find_citations(claim.text) or reference_statistics(claim, ctx):
        return []
    items = "、".join(
        ([fmt_quantity(q) for q in claim.quantities] + [d.text for d in claim.dates if d.text])[:4]
    )
    source = claim.source
    if source is not None and traceable(source, ctx):
        # The figures have an owner a fact-checker can ask: they wait for a check, they do not lack a basis.
        return [
            make_signal("reference.no_reference_named", "info", 0.0, items=items or "—", source=source.name)
        ]
    return [make_signal("reference.no_reference", "unverifiable", W_NO_REFERENCE, items=items or "—")]


SIGNALS = (reference_statistics, unverifiable_specifics)
