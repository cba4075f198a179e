"""Plain-text and JSON renderings for the command line (Slack has its own in bot/slack/blocks.py)."""

from __future__ import annotations

import unicodedata
from typing import Any

from bot.claims.models import Claim
from bot.desk.families import Family
from bot.desk.picks import SHOWN
from bot.desk.service import CheckOutcome
from bot.messages import t
from bot.store.codec import date_to_json, quantity_to_json
from bot.store.picks import PickRow
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
        "created_at": verdict.created_at.isoformat() if verdict.created_at else None,
        "evidence_url": verdict.evidence_url,
        "carried": carried_json(verdict),
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


def carried_json(verdict: Verdict) -> dict[str, Any] | None:
    """Where a carried ruling was made (None: the verdict is the claim's own)."""
    carried = verdict.carried
    if carried is None:
        return None
    return {
        "family_id": carried.family_id,
        "claim_id": carried.claim_id,
        "article_id": carried.article_id,
        "check_id": carried.check_id,
        "channel_id": carried.channel_id,
        "thread_ts": carried.thread_ts,
    }


def claim_json(claim: Claim, verdict: Verdict | None = None, family_id: int | None = None) -> dict[str, Any]:
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
        "family_id": family_id,
        "verdict": verdict_json(verdict),
    }


def outcome_json(outcome: CheckOutcome) -> dict[str, Any]:
    result = outcome.result
    return {
        "query": result.query,
        "status": result.status,
        "part": result.part or None,
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
        "offered": [
            {
                "claim_id": m.claim.claim_id,
                "article_id": m.claim.article_id,
                "text": m.claim.text,
                "verdict": verdict_json(outcome.verdicts.get(m.claim.claim_id)),
            }
            for m in result.offered
        ],
        "confirmed_by": {
            "pick_id": outcome.pick.pick_id,
            "user": outcome.pick.user_id,
            "when": outcome.pick.created_at.isoformat(),
        }
        if outcome.pick
        else None,
    }


def pick_json(row: PickRow) -> dict[str, Any]:
    """One line of ``factbot export --format picks``: a query and the claim a person said it means."""
    pick = row.pick
    return {
        "pick_id": pick.pick_id,
        "query": pick.query,
        "normalized": pick.normalized,
        "claim_id": pick.claim_id,
        "claim": row.claim_text,
        "user": pick.user_id,
        "when": pick.created_at.isoformat(),
        "kind": pick.kind,
        "check_id": pick.check_id,
    }


def outcome_text(outcome: CheckOutcome, locale: str) -> str:
    result = outcome.result
    status = "no_match_close" if result.offered and outcome.pick is None else result.status
    lines = [t("cli_query", locale, query=result.query), t(f"status_{status}", locale)]
    best = result.best
    if outcome.pick is not None:
        key = "cli_confirmed" if outcome.pick.claim_id else "cli_confirmed_none"
        when = outcome.pick.created_at.date().isoformat()
        lines.append(t(key, locale, user=outcome.pick.user_id, when=when))
    if best is None:
        if result.offered:  # another figure or date, or what a "none of these" set aside
            lines.append(t("cli_differs" if outcome.pick is None else "cli_set_aside", locale))
            for m in result.offered:
                label = label_text(outcome.verdict_for(m.claim.claim_id).label, locale)
                lines.append(t("cli_offered", locale, text=m.claim.text, label=label))
        return "\n".join(lines) + "\n"
    if result.part:
        lines.append(t("cli_part", locale, part=result.part))
    if result.status == "ambiguous":
        return did_you_mean_text(outcome, locale, lines)
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
    if verdict.carried is not None:
        lines.append(carried_text(verdict, locale))
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


def did_you_mean_text(outcome: CheckOutcome, locale: str, lines: list[str]) -> str:
    """Not sure which claim: the closest ones, numbered, each with its score and verdict."""
    lines.append(t("cli_did_you_mean", locale))
    for number, match in enumerate(outcome.result.matches[:SHOWN], 1):
        label = label_text(outcome.verdict_for(match.claim.claim_id).label, locale)
        lines.append(
            t(
                "cli_did_you_mean_line",
                locale,
                number=number,
                text=match.claim.text,
                score=match.score,
                label=label,
            )
        )
    return "\n".join(lines) + "\n"


def carried_text(verdict: Verdict, locale: str) -> str:
    """One line: whose ruling this is, when, and on which claim of which article."""
    carried = verdict.carried
    assert carried is not None
    when = verdict.created_at.date().isoformat() if verdict.created_at else "?"
    return t(
        "cli_carried",
        locale,
        author=verdict.author or "?",
        when=when,
        claim_id=carried.claim_id,
        article_id=carried.article_id,
        family_id=carried.family_id,
        url=verdict.evidence_url or "-",
    )


def family_text(family: Family, locale: str) -> str:
    """``factbot claims --family ID``: the ruling, then every appearance, then the history."""
    lines = [t("cli_family", locale, family_id=family.family_id, count=len(family.members))]
    if family.ruling is not None:
        label = label_text(family.ruling.label, locale)
        lines.append(t("cli_family_ruling", locale, label=label, claim_id=family.ruling.claim_id))
        lines.append(carried_text(family.ruling, locale))
    for member in family.members:
        lines.append(
            t(
                "cli_family_member",
                locale,
                claim_id=member.claim_id,
                article_id=member.article_id,
                text=_clip(member.text, 70),
            )
        )
    for event in family.events:
        lines.append(
            t(
                "cli_family_event",
                locale,
                at=event.at,
                event=event.event,
                claim_id=event.claim_id,
                actor=event.actor or "-",
            )
        )
    return "\n".join(lines)


def family_json(family: Family) -> dict[str, Any]:
    return {
        "family_id": family.family_id,
        "ruling": verdict_json(family.ruling) if family.ruling else None,
        "members": [
            {
                "claim_id": m.claim_id,
                "article_id": m.article_id,
                "article_title": m.article_title,
                "text": m.text,
                "matched_claim_id": m.matched_claim_id,
                "score": m.score,
                "joined_at": m.joined_at,
            }
            for m in family.members
        ],
        "events": [
            {
                "event": e.event,
                "claim_id": e.claim_id,
                "verdict_id": e.verdict_id,
                "actor": e.actor,
                "at": e.at,
            }
            for e in family.events
        ],
    }


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


def message_json(outcome: CheckOutcome) -> dict[str, Any]:
    """A message's answer: the summary lookup fields, then every claim found in it and what it matched."""
    message = outcome.message
    assert message is not None
    version = message.version
    claims = []
    for claim in message.claims:
        best = claim.best
        claims.append(
            {
                "text": claim.text,
                "kind": claim.kind.value,
                "checkable": claim.result is not None,
                "status": claim.result.status if claim.result else None,
                "match": {
                    "claim_id": best.claim.claim_id,
                    "article_id": best.claim.article_id,
                    "text": best.claim.text,
                    "score": best.score,
                    "verdict": verdict_json(outcome.verdicts.get(best.claim.claim_id)),
                }
                if best
                else None,
            }
        )
    return {
        **outcome_json(outcome),
        "kind": "message",
        "status": message.status,
        "checkable": len(message.checkable),
        "known": len(message.known),
        "new": len(message.new),
        "version": {
            "article_id": version.article_id,
            "title": version.title,
            "similarity": version.similarity,
        }
        if version
        else None,
        "claims": claims,
    }


def message_text(outcome: CheckOutcome, locale: str) -> str:
    """A message's answer for the terminal: the counts, the version, then known and new claims."""
    message = outcome.message
    assert message is not None
    lines = [t("cli_query", locale, query=_clip(" ".join(message.text.split()), 60))]
    counts = {"checkable": len(message.checkable), "known": len(message.known), "new": len(message.new)}
    lines.append(t("message_summary", locale, **counts))
    if message.version:
        v = message.version
        lines.append(t("message_version", locale, title=v.title, similarity=v.similarity))
    for claim in message.known:
        best = claim.best
        assert best is not None
        label = outcome.verdict_for(best.claim.claim_id).label
        lines.append(t("message_known", locale, text=claim.text))
        lines.append(t("message_known_as", locale, claim=best.claim.text, label=label_text(label, locale)))
    lines += [t("message_new", locale, text=claim.text) for claim in message.new]
    if not message.checkable:
        lines.append(t("message_none", locale))
    return "\n".join(lines) + "\n"
