"""The verdict engine: runs the generic signals on every claim and aggregates them into one label.

Aggregation is deterministic and conservative, in this order:

1. no signal at all                                   -> unchecked
2. only internal contradictions, strong base support -> support wins (the other claim is wrong)
   a contradiction and also support                   -> misleading
   a contradiction of weight >= FALSE_AT              -> false  (base evidence or proven arithmetic)
   a weaker contradiction                             -> misleading
3. support of weight >= TRUE_AT and nothing doubtful  -> true
   other support                                      -> mostly_true
4. evaluative wording with nothing checkable          -> opinion
5. unnamed source / unverifiable specifics            -> unsupported
6. only notes (a named source whose figures the base cannot check, a law's text to compare, a
   period to look into)                              -> unchecked: it waits for a fact-checker

``false`` and ``misleading`` therefore always rest on evidence from the base or on an internal
contradiction; ``true`` and ``mostly_true`` always rest on supporting evidence from the base.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.claims.models import Article, Claim
from bot.verdicts.evidence import EvidenceBase
from bot.verdicts.labels import Label
from bot.verdicts.models import Signal, Verdict
from bot.verdicts.signals import SignalContext, collect_signals
from bot.verdicts.texts import rationale

ENGINE_VERSION = "verdicts-1.6"  # 1.6: a comma grouping thousands ends no clause, a claim's metric finds its subject in its sentence; 1.5: a running count as of another hour is no contradiction; 1.4: a metric takes its subject from the clause before

FALSE_AT = 0.8
TRUE_AT = 0.7
MAX_CONFIDENCE = 0.95


def _by_weight(signals: Sequence[Signal]) -> list[Signal]:
    return sorted(signals, key=lambda s: (-s.weight, s.code, s.message_en))


def _strongest(signals: Sequence[Signal]) -> float:
    return max((s.weight for s in signals), default=0.0)


def decide(signals: Sequence[Signal]) -> tuple[Label, float, list[Signal]]:
    """Label, confidence and the signals that decided it (see the module docstring)."""
    if not signals:
        return Label.UNCHECKED, 0.0, []
    kinds: dict[str, list[Signal]] = {}
    for s in signals:
        kinds.setdefault(s.effect, []).append(s)
    contra, supp = kinds.get("contradicts", []), kinds.get("supports", [])
    doubts = kinds.get("unsourced", []) + kinds.get("unverifiable", [])
    internal_only = all(s.code.startswith("internal.") for s in contra)
    if contra and internal_only and _strongest(supp) >= TRUE_AT:
        contra = []
    if contra:
        top = _strongest(contra)
        if supp:
            confidence = 0.5 + 0.4 * max(top - _strongest(supp), 0.0)
            return Label.MISLEADING, confidence, _by_weight(contra) + _by_weight(supp)
        label = Label.FALSE if top >= FALSE_AT else Label.MISLEADING
        return label, top, _by_weight(contra)
    if supp:
        top = _strongest(supp)
        if top >= TRUE_AT and not doubts:
            return Label.TRUE, top, _by_weight(supp)
        return Label.MOSTLY_TRUE, top * (0.9 if doubts else 1.0), _by_weight(supp) + _by_weight(doubts)
    if kinds.get("opinion"):
        return Label.OPINION, _strongest(kinds["opinion"]), _by_weight(kinds["opinion"])
    if doubts:
        # Several independent doubts make "unsupported" surer, never more than MAX_CONFIDENCE.
        confidence = 1.0
        for s in doubts:
            confidence *= 1.0 - s.weight
        return Label.UNSUPPORTED, 1.0 - confidence, _by_weight(doubts)
    # Notes only: nothing says the claim lacks a basis (it names who to ask), nothing checks it.
    return Label.UNCHECKED, 0.0, _by_weight(kinds.get("info", []))


_SOURCED = ("sourcing.named_source", "reference.no_reference_named")


def _rationale(label: Label, deciding: Sequence[Signal], named: bool = False) -> tuple[str, str]:
    """The label's one-line reason, then the deciding signals. ``named``: the claim names its source
    (an unsupported claim then lacks a traceable citation or checkable data, not a source)."""
    key = label.value
    if label is Label.UNCHECKED and deciding:
        key = "unchecked_sourced" if any(s.code in _SOURCED for s in deciding) else "unchecked_notes"
    elif label is Label.UNSUPPORTED and named:
        key = "unsupported_named"
    head_zh, head_en = rationale(key)
    if not deciding:
        return head_zh, head_en
    zh = head_zh + "依据：" + " ".join(s.message_zh for s in deciding)
    en = head_en + " Because: " + " ".join(s.message_en for s in deciding)
    return zh, en


def _evidence_url(deciding: Sequence[Signal]) -> str | None:
    for s in deciding:
        for ev in s.evidence:
            if ev.url and not ev.source_name.startswith("本文"):
                return ev.url
    return None


def assess_claim(claim: Claim, ctx: SignalContext) -> Verdict:
    signals = collect_signals(claim, ctx)
    label, confidence, deciding = decide(signals)
    zh, en = _rationale(label, deciding, named=any(s.code in _SOURCED for s in signals))
    return Verdict(
        claim_id=claim.claim_id,
        label=label,
        confidence=round(min(max(confidence, 0.0), MAX_CONFIDENCE), 2),
        rationale_zh=zh,
        rationale_en=en,
        signals=tuple(signals),
        source="auto",
        engine_version=ENGINE_VERSION,
        created_at=None,
        evidence_url=_evidence_url(deciding),
    )


def cache_key(base: EvidenceBase) -> str:
    """Stored verdicts are stale when either the rules or the evidence change."""
    return f"{ENGINE_VERSION}+{base.fingerprint[:16]}"


def assess_article(article: Article, claims: Sequence[Claim], base: EvidenceBase) -> dict[str, Verdict]:
    """claim_id -> automated Verdict for every claim of one article (the store sets created_at)."""
    ctx = SignalContext(article=article, claims=tuple(claims), base=base)
    return {claim.claim_id: assess_claim(claim, ctx) for claim in claims}
