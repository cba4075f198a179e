"""Plain-text and JSON renderings for the command line (Slack has its own in bot/slack/blocks.py)."""

from __future__ import annotations

import unicodedata
from typing import Any

from bot.claims.models import Claim
from bot.desk.service import CheckOutcome
from bot.messages import t
from bot.store.codec import date_to_json, quantity_to_json
from bot.verdicts.labels import SCALE, Label
from bot.verdicts.models import Verdict


def label_text(label: Label, locale: str) -> str:
    info = SCALE[label]
    return f"{info.zh} {info.en}" if locale != "en" else info.en


def verdict_json(verdict: Verdict | None) -> dict[str, Any]:
    if verdict is None:
        return {"label": Label.UNCHECKED.value, "source": None}
    return {
        "label": verdict.label.value,
        "label_zh": SCALE[verdict.label].zh,
        "label_en": SCALE[verdict.label].en,
        "confidence": verdict.confidence,
        "source": verdict.source,
        "author": verdict.author,
        "rationale_zh": verdict.rationale_zh,
        "rationale_en": verdict.rationale_en,
        "signals": [
            {
                "code": s.code,
                "effect": s.effect,
                "message_zh": s.message_zh,
                "message_en": s.message_en,
                "evidence": [
                    {"statement": e.statement, "source": e.source_name, "url": e.url} for e in s.evidence
                ],
            }
            for s in verdict.signals
        ],
    }


def claim_json(claim: Claim, verdict: Verdict | None = None) -> dict[str, Any]:
    return {
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind.value,
        "worthiness": claim.worthiness,
        "worthiness_reasons": list(claim.worthiness_reasons),
        "quantities": [quantity_to_json(q) for q in claim.quantities],
        "dates": [date_to_json(d) for d in claim.dates],
        "entities": [{"text": e.text, "type": e.type} for e in claim.entities],
        "source": {"name": claim.source.name, "kind": claim.source.kind.value, "named": claim.source.named}
        if claim.source
        else None,
        "verdict": verdict_json(verdict),
    }


def outcome_json(outcome: CheckOutcome) -> dict[str, Any]:
    result = outcome.result
    return {
        "query": result.query,
        "status": result.status,
        "check_id": outcome.check_id,
        "matches": [
            {
                "claim_id": m.claim.claim_id,
                "article_id": m.claim.article_id,
                "text": m.claim.text,
                "score": m.score,
                "reasons": list(m.reasons),
                "verdict": verdict_json(outcome.verdicts.get(m.claim.claim_id)),
            }
            for m in result.matches
        ],
    }


def outcome_text(outcome: CheckOutcome, locale: str) -> str:
    result = outcome.result
    lines = [t("cli_query", locale, query=result.query), t(f"status_{result.status}", locale)]
    best = result.best
    if best is None:
        return "\n".join(lines) + "\n"
    article = outcome.articles.get(best.claim.article_id)
    verdict = outcome.verdict_for(best.claim.claim_id)
    lines += [
        t("cli_claim", locale, text=best.claim.text),
        t("cli_article", locale, title=article.title if article else "?", article_id=best.claim.article_id),
        t("cli_score", locale, score=best.score),
        t("cli_verdict", locale, label=label_text(verdict.label, locale), confidence=verdict.confidence)
        if verdict.label is not Label.UNCHECKED
        else t("cli_verdict_pending", locale, label=label_text(verdict.label, locale)),
        t("cli_rationale", locale, text=verdict.rationale_en if locale == "en" else verdict.rationale_zh),
    ]
    for signal in verdict.signals:
        lines.append(
            t("cli_signal", locale, message=signal.message_en if locale == "en" else signal.message_zh)
        )
        for ev in signal.evidence:
            lines.append(
                t("cli_evidence", locale, statement=ev.statement, source=ev.source_name, url=ev.url or "")
            )
    if len(result.matches) > 1:
        lines.append(t("cli_alternatives", locale))
        lines += [t("cli_alternative", locale, score=m.score, text=m.claim.text) for m in result.matches[1:]]
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    out, used = "", 0
    for ch in text.replace("\n", " "):
        w = _width(ch)
        if used + w > width - 1:
            return out + "…"
        out, used = out + ch, used + w
    return out


def claims_table(claims: list[Claim], verdicts: dict[str, Verdict] | None, locale: str) -> str:
    """A readable fixed-width table: id, kind, worthiness, (verdict), text."""
    rows = []
    for claim in claims:
        cells = [claim.claim_id, f"{claim.kind.value:<14}", f"{claim.worthiness:.2f}"]
        if verdicts is not None:
            verdict = verdicts.get(claim.claim_id)
            label = SCALE[verdict.label if verdict else Label.UNCHECKED]
            name = label.en if locale == "en" else label.zh
            cells.append(name + " " * (10 - _width(name)))
        cells.append(_clip(claim.text, 70))
        rows.append("  ".join(cells))
    return "\n".join(rows)


def top_signal(verdict: Verdict | None, locale: str) -> str:
    """The heaviest signal's message: the one-line reason for a verdict."""
    if verdict is None or not verdict.signals:
        return ""
    signal = max(verdict.signals, key=lambda s: s.weight)
    return signal.message_en if locale == "en" else signal.message_zh


def claims_markdown(claims: list[Claim], verdicts: dict[str, Verdict], locale: str) -> str:
    """A Markdown table (claim, kind, verdict, top signal) for reports and the README."""
    rows = ["| # | claim | kind | verdict | top signal |", "|---|---|---|---|---|"]
    for number, claim in enumerate(claims, 1):
        verdict = verdicts.get(claim.claim_id)
        label = SCALE[verdict.label if verdict else Label.UNCHECKED]
        cells = [
            str(number),
            _clip(claim.text, 60),
            claim.kind.value,
            f"{label.zh} {label.en}",
            _clip(top_signal(verdict, locale), 90),
        ]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows)
