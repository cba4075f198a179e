"""Which claims of a new article a desk should check first, and why (pure).

Red flags come first, in the order a desk acts on them: the article contradicts itself, a legal
citation does not say what the article says it does, a claim rests on an anonymous source. Then claims
a reviewer has already ruled on (here or, through a claim family, elsewhere), other claims the evidence
contradicts, and finally the most check-worthy of the rest (bot/claims/classify.py: numbers, dates,
citations, named parties). Each pick carries the signal that put it there, so the post can say why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.claims.models import Claim, ClaimKind
from bot.verdicts.models import Signal, Verdict, unchecked

MAX_PICKS = 8  # the limit: a triage post a desk reads at a glance
# Reasons, most urgent first; a claim is filed under the first that applies.
CONTRADICTION, LEGAL, ANONYMOUS, RULED, DISPUTED, WORTHY = (
    "contradiction",
    "legal",
    "anonymous",
    "ruled",
    "disputed",
    "worthy",
)
REASONS = (CONTRADICTION, LEGAL, ANONYMOUS, RULED, DISPUTED, WORTHY)
RED_FLAGS = frozenset({CONTRADICTION, LEGAL, ANONYMOUS})
_LEGAL_MISMATCH = frozenset({"legal.misquote", "legal.article_beyond"})
_ANONYMOUS = frozenset(
    {"sourcing.anonymous_person", "sourcing.unnamed_source", "sourcing.quote_unattributed"}
)
# A claim below this worthiness is not worth a line of its own without a flag: 0.1 is the floor of
# classify.worthiness (no number, date, citation, source or entity), 0.2 one weak cue.
MIN_WORTHINESS = 0.3


@dataclass(frozen=True, slots=True)
class TriagePick:
    """One claim for the triage post: its current verdict, the reason and (if any) the signal behind it."""

    claim: Claim
    verdict: Verdict
    reason: str
    signal: Signal | None = None

    @property
    def red_flag(self) -> bool:
        return self.reason in RED_FLAGS


def reason_for(claim: Claim, verdict: Verdict) -> tuple[str, Signal | None] | None:
    """Why this claim deserves a check (the most urgent reason), or None."""
    signals = verdict.signals
    for reason, wanted in (
        (CONTRADICTION, lambda s: s.code.startswith("internal.") and s.effect == "contradicts"),
        (LEGAL, lambda s: s.code in _LEGAL_MISMATCH),
        (ANONYMOUS, lambda s: s.code in _ANONYMOUS),
    ):
        found = next((s for s in signals if wanted(s)), None)
        if found is not None:
            return reason, found
    if verdict.source == "reviewer" or verdict.carried is not None:
        return RULED, None
    disputed = next((s for s in signals if s.effect == "contradicts"), None)
    if disputed is not None:
        return DISPUTED, disputed
    if claim.kind is not ClaimKind.OPINION and claim.worthiness >= MIN_WORTHINESS:
        return WORTHY, None
    return None


def triage(
    claims: Iterable[Claim], verdicts: Mapping[str, Verdict], limit: int = MAX_PICKS
) -> list[TriagePick]:
    """At most ``limit`` picks: by reason (red flags first), then worthiness, then reading order."""
    picks: list[tuple[int, float, int, TriagePick]] = []
    for position, claim in enumerate(claims):
        verdict = verdicts.get(claim.claim_id) or unchecked(claim.claim_id)
        found = reason_for(claim, verdict)
        if found is None:
            continue
        reason, signal = found
        pick = TriagePick(claim, verdict, reason, signal)
        picks.append((REASONS.index(reason), -claim.worthiness, position, pick))
    picks.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in picks[:limit]]
