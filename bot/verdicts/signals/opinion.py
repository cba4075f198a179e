"""Opinion: evaluative wording with nothing checkable (no number, date or named source)."""

from __future__ import annotations

from bot.claims.classify import EVALUATIVE
from bot.claims.models import Claim, ClaimKind
from bot.verdicts import lexicon as lx
from bot.verdicts.models import Signal
from bot.verdicts.signals._common import SignalContext, make_signal
from bot.verdicts.signals.legal import find_citations

W_OPINION = 0.6
W_PER_MARKER = 0.1
W_MAX = 0.9


def evaluative_markers(text: str) -> list[str]:
    found = list(dict.fromkeys(m.group(0) for m in EVALUATIVE.finditer(text)))
    first, second = lx.BOTH_AND
    pos = text.find(first)
    if pos >= 0 and text.find(second, pos + 2) >= 0:
        found.append(f"{first}…{second}…")
    return found


def opinion(claim: Claim, ctx: SignalContext) -> list[Signal]:
    if claim.quantities or claim.dates or (claim.source is not None and claim.source.named):
        return []
    if claim.kind == ClaimKind.LEGAL_CITATION or find_citations(claim.text):
        return []
    markers = evaluative_markers(claim.text)
    if not markers and claim.kind != ClaimKind.OPINION:
        return []
    weight = min(W_MAX, W_OPINION + W_PER_MARKER * max(len(markers) - 1, 0))
    return [make_signal("opinion.evaluative", "opinion", weight, markers="、".join(markers) or "—")]


SIGNALS = (opinion,)
