"""Timeline: claims that describe a state after it was officially changed, and claims dated after
the article's own data cut-off. Which changes happened when is data (facts of kind policy_change)."""

from __future__ import annotations

from bot.claims.models import Claim
from bot.verdicts import lexicon as lx
from bot.verdicts.evidence import Fact, normalise_place
from bot.verdicts.models import Signal
from bot.verdicts.signals._common import (
    SignalContext,
    article_places,
    claim_day,
    claim_places,
    fact_evidence,
    make_signal,
)

W_OLD_STATE = 0.8
W_OLD_STATE_INHERITED = 0.6
W_AFTER_CUTOFF = 0.3
CONFIDENCE_FACTOR = {"high": 1.0, "medium": 0.9, "low": 0.6}
LIFT_REACH = 6  # a lifting word this close before a marker means the claim reports the change


def _applies(fact: Fact, claim: Claim, ctx: SignalContext) -> bool:
    """A nationwide change applies everywhere; a local one only to claims about that place."""
    if fact.place in ("全国", "全球"):
        return True
    places = claim_places(ctx, claim) or article_places(ctx)
    return normalise_place(fact.place) in places


def _asserted_markers(text: str, markers: tuple[str, ...]) -> list[str]:
    """Markers present in the text and not preceded by a lifting word (取消健康码核验 reports the change)."""
    found: list[str] = []
    for marker in markers:
        pos = text.find(marker)
        while pos >= 0:
            window = text[max(0, pos - LIFT_REACH) : pos]
            if not any(w in window for w in lx.LIFTING):
                found.append(marker)
                break
            pos = text.find(marker, pos + 1)
    return found


def old_state_after_change(claim: Claim, ctx: SignalContext) -> list[Signal]:
    dated = claim_day(ctx, claim)
    if dated is None:
        return []
    day, inherited = dated
    out: list[Signal] = []
    for fact in ctx.base.facts_of_kind("policy_change"):
        if fact.effective is None or day < fact.effective or not _applies(fact, claim, ctx):
            continue
        markers = _asserted_markers(claim.text, fact.old_state_markers)
        if not markers:
            continue
        weight = (W_OLD_STATE_INHERITED if inherited else W_OLD_STATE) * CONFIDENCE_FACTOR[fact.confidence]
        out.append(
            make_signal(
                "timeline.old_state",
                "contradicts",
                weight,
                (fact_evidence(fact),),
                day=day.isoformat(),
                effective=fact.effective.isoformat(),
                marker="、".join(markers),
                statement=fact.statement,
                statement_en=fact.statement_en,
            )
        )
    return out


def after_data_cutoff(claim: Claim, ctx: SignalContext) -> list[Signal]:
    cutoff = ctx.article.data_cutoff
    if cutoff is None or not claim.dates:
        return []
    late = [d for d in claim.dates if d.first > cutoff]
    if not late:
        return []
    return [
        make_signal(
            "timeline.after_cutoff",
            "unverifiable",
            W_AFTER_CUTOFF,
            day=late[0].text or late[0].first.isoformat(),
            cutoff=cutoff.isoformat(),
        )
    ]


SIGNALS = (old_state_after_change, after_data_cutoff)
