"""Internal consistency: one metric, two values in the same article.

A number's metric is named by the words before it (全市社区网格员); the same metric, unit and dates
with a different value elsewhere in the article is a contradiction the article proves against itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

from bot.claims.models import Claim
from bot.text import segment
from bot.text.types import Quantity
from bot.verdicts import lexicon as lx
from bot.verdicts.models import Signal
from bot.verdicts.signals._common import (
    CJK,
    SignalContext,
    clause_before,
    fmt_quantity,
    internal_evidence,
    locate,
    make_signal,
)

W_MISMATCH = 0.6
_AS_OF = re.compile(r"(?:截至|截止)(?:到)?\s*([^，,。；;：:]{1,20})")
# Contradicting claims named per number: a reader checks the first few, and the verdict is decided by
# then. Without a cap, a list of N like figures ("第N号泵站检修N次" x 1,000 lines) made N² signals and
# took 89 s to ingest at 1,000 lines (4 s at 250), holding the only ingest worker.
MAX_CONTRADICTIONS = 3


@dataclass(frozen=True, slots=True)
class MetricKey:
    """What a number measures: the content words before it, its head word and its modifiers."""

    head: str
    words: frozenset[str]
    modifiers: frozenset[str]

    def same_as(self, other: MetricKey) -> bool:
        """Same head and modifiers, and one description contains the other (全市网格员 ~ 网格员)."""
        return (
            self.head == other.head
            and self.modifiers == other.modifiers
            and (self.words <= other.words or other.words <= self.words)
        )


def _strip_linking(text: str) -> str:
    """Drop trailing linking words (达, 为, 超过…) between a metric's name and its number."""
    changed = True
    while changed:
        changed = False
        text = text.rstrip(" （(“\"'《")
        for word in lx.LINKING:
            if text.endswith(word):
                text, changed = text[: -len(word)], True
                break
    return text


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """jieba words, with single characters glued to the word before (网格+员 -> 网格员).

    Cached: consistency compares every pair of an article's claims, so the same clause comes back."""
    words: list[str] = []
    for token in segment.words(text):
        if not CJK.search(token):
            continue
        if len(token) == 1 and words:
            words[-1] += token
        else:
            words.append(token)
    return tuple(w for w in words if len(w) >= 2)


def metric_key(claim: Claim, q: Quantity) -> MetricKey | None:
    """The words naming what a number measures, from its clause up to the number."""
    pos = locate(claim, q)
    if pos < 0:
        return None
    before = clause_before(claim.text, pos)
    for d in claim.dates:
        before = before.replace(d.text, "")
    before = _strip_linking(before)
    modifiers = frozenset(m for m in lx.MODIFIERS if m in before) | {
        m for m, _ in lx.PER_CAPITA if m in before
    }
    skip = set(lx.LINKING) | set(lx.MODIFIERS) | {m for m, _ in lx.PER_CAPITA}
    words = [w for w in _words(before) if w not in skip]
    after = pos + len(q.text)
    outcome = next((w for w in lx.OUTCOMES if claim.text.startswith(w, after)), None)
    if outcome is not None:  # "事故造成12人死亡": the deaths are what is counted
        words.append(outcome)
    if len(words) == 1:  # "…业务则逆势增长，收入达到21.8亿元": the clause before names whose 收入 it is
        start = pos - len(clause_before(claim.text, pos))
        text = claim.text
        if start <= 1 and claim.context and (at := claim.context.find(claim.text)) > 1:
            text, start = claim.context, at + start  # "…盧秀燕獲得59萬7,740票，得票率59.35%": in its sentence
        if start > 1:
            words = [w for w in _words(clause_before(text, start - 1)) if w not in skip] + words
    if not words:
        return None
    return MetricKey(head=words[-1], words=frozenset(words), modifiers=modifiers)


def _date_keys(claim: Claim) -> frozenset[tuple[object, object]]:
    """The claim's dates, and the moment a running count is given at ("截至12日18时", even when the day
    cannot be dated): a toll as of one hour is not contradicted by the toll as of another."""
    dates: set[tuple[object, object]] = {(d.first, d.last) for d in claim.dates}
    dates.update(("as of", m.group(1)) for m in _AS_OF.finditer(claim.text))
    return frozenset(dates)


_Measured = tuple[Claim, Quantity, MetricKey]
_MetricIndex = dict[tuple[frozenset[tuple[object, object]], str, str], list[_Measured]]


def _metrics(ctx: SignalContext) -> _MetricIndex:
    """Every number of the article that names its metric, by (dates, unit, head word): built once per
    article, so each claim meets only the numbers it could contradict instead of every other claim."""
    index = cast(_MetricIndex | None, ctx.memo.get("metrics"))
    if index is None:
        index = {}
        keys: dict[int, tuple[MetricKey | None, ...]] = {}
        for claim in ctx.claims:
            dates = _date_keys(claim)
            keys[id(claim)] = tuple(metric_key(claim, q) for q in claim.quantities)
            for q, key in zip(claim.quantities, keys[id(claim)], strict=True):
                if key is not None:
                    index.setdefault((dates, q.unit, key.head), []).append((claim, q, key))
        ctx.memo["metrics"] = index
        ctx.memo["metric_keys"] = keys
    return index


def _metric_keys(ctx: SignalContext, claim: Claim) -> tuple[MetricKey | None, ...]:
    """The metric of each of the claim's numbers (computed with the index for the article's claims)."""
    _metrics(ctx)
    known = cast(dict[int, tuple[MetricKey | None, ...]], ctx.memo["metric_keys"]).get(id(claim))
    return known if known is not None else tuple(metric_key(claim, q) for q in claim.quantities)


def _differs(a: Quantity, b: Quantity) -> bool:
    lo_a, hi_a = a.value, a.upper if a.upper is not None else a.value
    lo_b, hi_b = b.value, b.upper if b.upper is not None else b.value
    if lo_a <= hi_b and lo_b <= hi_a:
        return False
    gap = min(abs(lo_a - hi_b), abs(lo_b - hi_a)) / max(abs(lo_a), abs(lo_b), 1e-9)
    return gap > (0.10 if a.qualifier or b.qualifier else 0.02)


def metric_mismatch(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """Same metric words, same unit and same dates, but a different value elsewhere in the article."""
    out: list[Signal] = []
    index = _metrics(ctx)
    dates = _date_keys(claim)
    for q, key in zip(claim.quantities, _metric_keys(ctx, claim), strict=True):
        if key is None:
            continue
        flagged: set[str] = set()  # one signal per other claim: its first contradicting number
        for other, oq, other_key in index.get((dates, q.unit, key.head), ()):
            if len(flagged) >= MAX_CONTRADICTIONS:
                break
            if other.claim_id == claim.claim_id or other.claim_id in flagged:
                continue
            if key.same_as(other_key) and _differs(q, oq):
                flagged.add(other.claim_id)
                out.append(
                    make_signal(
                        "internal.metric_mismatch",
                        "contradicts",
                        W_MISMATCH,
                        (internal_evidence(ctx, other),),
                        metric=key.head,
                        value=fmt_quantity(q),
                        other=fmt_quantity(oq),
                    )
                )
    return out


SIGNALS = (metric_mismatch,)
