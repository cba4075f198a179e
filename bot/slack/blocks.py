"""Block Kit for messages: pure functions from the desk's dataclasses to Slack payloads.

Every piece of user or article text goes through ``escape`` (so ``<!channel>`` inside a claim never
pings anyone) and ``clip`` (so no section exceeds Slack's limits); ``fit`` caps a message at 50 blocks.
"""

from __future__ import annotations

from typing import Any

from bot.desk.review import CheckView
from bot.messages import t
from bot.verdicts.labels import SCALE, Label
from bot.verdicts.models import Verdict

Block = dict[str, Any]
MAX_BLOCKS = 50
SECTION_CHARS = 3000
BUTTON_CHARS = 75
HEADER_CHARS = 150
MAX_ALTERNATIVES = 5

CHANGE_VERDICT = "change_verdict"
NOT_RIGHT_CLAIM = "not_right_claim"
PROPOSE_CLAIM = "propose_claim"


def escape(text: str) -> str:
    """Slack's control characters in mrkdwn: user text can then never form a mention or a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut (escape first: entities count)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def label_name(label: Label, locale: str) -> str:
    info = SCALE[label]
    return info.en if locale == "en" else f"{info.zh} {info.en}"


def badge(label: Label, locale: str) -> str:
    """Emoji and name of a verdict label: ``:x: 不实 False`` (en: ``:x: False``)."""
    return f"{SCALE[label].emoji} {label_name(label, locale)}"


def link(url: str, title: str) -> str:
    """A mrkdwn link whose title cannot break out of the link syntax."""
    safe_url = url.replace(">", "%3E").replace("|", "%7C").replace("<", "%3C")
    return f"<{safe_url}|{escape(title).replace('|', '¦')}>"


def section(text: str, block_id: str | None = None) -> Block:
    block: Block = {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}}
    if block_id:
        block["block_id"] = block_id
    return block


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}]}


def button(text: str, action_id: str, value: str, style: str | None = None) -> Block:
    out: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(text, BUTTON_CHARS), "emoji": True},
        "action_id": action_id,
        "value": value,
    }
    if style:
        out["style"] = style
    return out


def fit(blocks: list[Block]) -> list[Block]:
    """Slack refuses more than 50 blocks: keep the first 49 and the last (the buttons)."""
    return blocks if len(blocks) <= MAX_BLOCKS else [*blocks[: MAX_BLOCKS - 1], blocks[-1]]


def verdict_source(verdict: Verdict, locale: str) -> str:
    if verdict.source == "reviewer":
        return t("slack_by_reviewer", locale, user=f"<@{verdict.author}>" if verdict.author else "?")
    if verdict.label is Label.UNCHECKED:  # no judgement made, so no confidence to state
        return t("slack_by_engine_pending", locale)
    return t("slack_by_engine", locale, confidence=verdict.confidence)


def rationale(verdict: Verdict, locale: str) -> str:
    return verdict.rationale_en if locale == "en" else verdict.rationale_zh


def card(view: CheckView, locale: str, marker: str | None = None) -> list[Block]:
    """The parent card: the query, who asked, the matched claim and its verdict badge."""
    check = view.check
    asker = f"<@{check.user_id}>" if check.user_id else "?"
    blocks = [section(t("slack_asked_by", locale, user=asker) + "\n>" + escape(check.query), marker)]
    if view.claim is None:
        blocks.append(section(t("slack_no_match", locale)))
        return blocks
    blocks.append(section(t("slack_matched_claim", locale, text=escape(view.claim.text))))
    blocks.append(section(t("slack_verdict_badge", locale, badge=badge(view.verdict.label, locale))))
    notes = [verdict_source(view.verdict, locale), t("slack_see_thread", locale)]
    if check.status == "ambiguous":
        notes.append(t("slack_ambiguous", locale))
    blocks.append(context("  ".join(notes)))
    return blocks


def card_text(view: CheckView, locale: str) -> str:
    """The notification text that goes with the card (also escaped: it is mrkdwn too)."""
    label = view.verdict.label if view.claim else Label.UNCHECKED
    return clip(
        t("slack_card_fallback", locale, query=escape(view.check.query), label=badge(label, locale)), 3000
    )


def verdict_reply(view: CheckView, locale: str, marker: str | None = None) -> list[Block]:
    """The thread reply: rationale, signals, evidence, place in the article, alternatives, buttons."""
    check_id = str(view.check.check_id)
    if view.claim is None:
        return [
            section(t("slack_no_match", locale), marker),
            {
                "type": "actions",
                "elements": [button(t("slack_btn_propose", locale), PROPOSE_CLAIM, check_id)],
            },
        ]
    verdict = view.verdict
    header = clip(badge(verdict.label, locale), HEADER_CHARS)
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": header, "emoji": True}},
        section(t("slack_rationale", locale, text=escape(rationale(verdict, locale))), marker),
        context(verdict_source(verdict, locale)),
    ]
    blocks += signal_blocks(verdict, locale)
    blocks += place_blocks(view, locale)
    if view.alternatives and view.check.status == "ambiguous":
        blocks += alternative_blocks(view, locale)
    buttons = [button(t("slack_btn_change", locale), CHANGE_VERDICT, check_id, "primary")]
    if view.alternatives:
        buttons.append(button(t("slack_btn_not_right", locale), NOT_RIGHT_CLAIM, check_id))
    blocks.append({"type": "actions", "elements": buttons})
    return fit(blocks)


def bullets(title: str, lines: list[str], locale: str) -> Block:
    """A section of whole lines within the size limit (a cut link would show raw), then "…and N more"."""
    kept: list[str] = []
    used = len(title) + 40
    for line in lines:
        if used + len(line) + 1 > SECTION_CHARS:
            break
        kept.append(line)
        used += len(line) + 1
    if len(kept) < len(lines):
        kept.append(t("slack_more", locale, count=len(lines) - len(kept)))
    return section(title + "\n" + "\n".join(kept))


def signal_blocks(verdict: Verdict, locale: str) -> list[Block]:
    lines = [f"• {escape(s.message_en if locale == 'en' else s.message_zh)}" for s in verdict.signals]
    blocks = [bullets(t("slack_signals", locale), lines, locale)] if lines else []
    evidence = (
        [f"• {link(verdict.evidence_url, t('slack_reviewer_evidence', locale))}"]
        if verdict.evidence_url
        else []
    )
    evidence += [
        f"• {escape(e.statement)} — {link(e.url, e.source_name) if e.url else escape(e.source_name)}"
        for s in verdict.signals
        for e in s.evidence
    ]
    if evidence:
        blocks.append(bullets(t("slack_evidence", locale), list(dict.fromkeys(evidence)), locale))
    return blocks


def place_blocks(view: CheckView, locale: str) -> list[Block]:
    if view.claim is None or view.article is None:
        return []
    place = t("slack_place", locale, title=escape(view.article.title), paragraph=view.claim.paragraph + 1)
    if view.article.url:
        place += f"  {link(view.article.url, view.article.source or view.article.url)}"
    blocks = [section(place)]
    if view.claim.context:
        blocks.append(context(t("slack_context", locale, text=escape(view.claim.context))))
    return blocks


def alternative_blocks(view: CheckView, locale: str) -> list[Block]:
    shown = view.alternatives[:MAX_ALTERNATIVES]
    lines = [f"• {badge(v.label, locale)}  {escape(clip(c.text, 300))}" for c, v in shown]
    block = bullets(t("slack_alternatives", locale), lines, locale)
    if len(view.alternatives) > len(shown):
        block = bullets(
            t("slack_alternatives", locale),
            [*lines, t("slack_more", locale, count=len(view.alternatives) - len(shown))],
            locale,
        )
    return [block]


def notice(text: str, marker: str | None = None) -> list[Block]:
    """A short line in a thread (verdict changed, re-pointed, proposed); ``text`` is already escaped."""
    return [section(text, marker)]


def text_blocks(text: str) -> list[Block]:
    return [section(text)]


def notice_text(payload: dict[str, Any], verdict: Verdict | None, locale: str) -> str:
    """The one-line thread notice for an outbox ``notice`` item (escaped mrkdwn)."""
    event = str(payload.get("event", ""))
    user = f"<@{payload['user']}>" if payload.get("user") else "?"
    if event in ("changed", "changed_elsewhere") and verdict is not None:
        previous = Label(payload.get("previous", Label.UNCHECKED.value))
        return t(
            f"slack_notice_{event}",
            locale,
            user=f"<@{verdict.author}>" if verdict.author else "?",
            old=badge(previous, locale),
            new=badge(verdict.label, locale),
            rationale=escape(rationale(verdict, locale)),
        )
    if event in ("repointed", "proposed"):
        return t(f"slack_notice_{event}", locale, user=user)
    return escape(event)
