"""Block Kit views: the change-verdict modal, the alternative picker and the App Home tab (pure)."""

from __future__ import annotations

import json
from typing import Any

from bot.desk.review import CheckView, QueueEntry, ReviewQueue
from bot.messages import t
from bot.slack.blocks import Block, badge, clip, context, escape, fit, label_name, section
from bot.verdicts.labels import SCALE, Label

VERDICT_MODAL = "verdict_modal"
REPOINT_CLAIM = "repoint_claim"
LABEL_BLOCK, LABEL_ACTION = "label", "label_select"
RATIONALE_BLOCK, RATIONALE_ACTION = "rationale", "rationale_input"
EVIDENCE_BLOCK, EVIDENCE_ACTION = "evidence", "evidence_input"
TITLE_CHARS = 24
OPTION_CHARS = 75
MAX_OPTIONS = 100


def plain(text: str, limit: int = OPTION_CHARS) -> dict[str, Any]:
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


def label_option(label: Label, locale: str) -> dict[str, Any]:
    return {"text": plain(f"{SCALE[label].emoji} {label_name(label, locale)}"), "value": label.value}


def verdict_modal(view: CheckView, locale: str) -> dict[str, Any]:
    """Label, rationale and evidence URL; the check id travels in private_metadata."""
    labels = [label for label in SCALE if label is not Label.UNCHECKED]
    select: dict[str, Any] = {
        "type": "static_select",
        "action_id": LABEL_ACTION,
        "options": [label_option(label, locale) for label in labels],
    }
    if view.verdict.label in labels:
        select["initial_option"] = label_option(view.verdict.label, locale)
    claim_text = escape(view.claim.text) if view.claim else ""
    return {
        "type": "modal",
        "callback_id": VERDICT_MODAL,
        "private_metadata": json.dumps({"check_id": view.check.check_id}),
        "title": plain(t("slack_modal_title", locale), TITLE_CHARS),
        "submit": plain(t("slack_modal_submit", locale), TITLE_CHARS),
        "close": plain(t("slack_modal_cancel", locale), TITLE_CHARS),
        "blocks": [
            section(t("slack_matched_claim", locale, text=claim_text)),
            {
                "type": "input",
                "block_id": LABEL_BLOCK,
                "label": plain(t("slack_modal_label", locale)),
                "element": select,
            },
            {
                "type": "input",
                "block_id": RATIONALE_BLOCK,
                "label": plain(t("slack_modal_rationale", locale)),
                "element": {"type": "plain_text_input", "action_id": RATIONALE_ACTION, "multiline": True},
            },
            {
                "type": "input",
                "block_id": EVIDENCE_BLOCK,
                "optional": True,
                "label": plain(t("slack_modal_evidence", locale)),
                "element": {"type": "plain_text_input", "action_id": EVIDENCE_ACTION},
            },
        ],
    }


def modal_values(state: dict[str, Any]) -> tuple[str | None, str, str]:
    """(label value, rationale, evidence URL) from a view_submission's ``view.state.values``."""
    values = state.get("values", {})
    selected = values.get(LABEL_BLOCK, {}).get(LABEL_ACTION, {}).get("selected_option") or {}
    rationale = values.get(RATIONALE_BLOCK, {}).get(RATIONALE_ACTION, {}).get("value") or ""
    evidence = values.get(EVIDENCE_BLOCK, {}).get(EVIDENCE_ACTION, {}).get("value") or ""
    return selected.get("value"), rationale.strip(), evidence.strip()


def repoint_picker(view: CheckView, locale: str) -> list[Block]:
    """An ephemeral message offering the check's alternatives in a select."""
    options = [
        {"text": plain(f"{SCALE[v.label].emoji} {c.text}"), "value": f"{view.check.check_id}:{c.claim_id}"}
        for c, v in view.alternatives[:MAX_OPTIONS]
    ]
    return [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": t("slack_pick_alternative", locale)},
            "accessory": {
                "type": "static_select",
                "action_id": REPOINT_CLAIM,
                "placeholder": plain(t("slack_pick_placeholder", locale)),
                "options": options,
            },
        }
    ]


def _entry(entry: QueueEntry, locale: str) -> Block:
    text = t(
        "slack_home_entry",
        locale,
        badge=badge(entry.verdict.label, locale),
        text=escape(entry.claim.text),
        checks=entry.checks,
        first=entry.first_asked[:16].replace("T", " "),
    )
    return section(text)


def home_view(queue: ReviewQueue, locale: str) -> dict[str, Any]:
    """The App Home tab: counts, the review queue, disputed claims, proposals, recent changes."""
    blocks: list[Block] = [
        {"type": "header", "text": plain(t("slack_home_title", locale), 150)},
        context(t("slack_home_counts", locale, **queue.counts)),
    ]
    groups: list[tuple[str, list[Block]]] = [
        ("slack_home_queue", [_entry(e, locale) for e in queue.unreviewed]),
        ("slack_home_disputed", [_entry(e, locale) for e in queue.disputed]),
        (
            "slack_home_proposed",
            [
                section(
                    t(
                        "slack_home_proposal",
                        locale,
                        text=escape(c.query),
                        user=f"<@{c.user_id}>" if c.user_id else "?",
                        when=c.created_at.isoformat(timespec="minutes").replace("T", " ")[:16],
                    )
                )
                for c in queue.proposed
            ],
        ),
        (
            "slack_home_recent",
            [
                section(
                    t(
                        "slack_home_change",
                        locale,
                        badge=badge(v.label, locale),
                        text=escape(v.rationale_en if locale == "en" else v.rationale_zh),
                        user=f"<@{v.author}>" if v.author else "?",
                        when=v.created_at.isoformat(timespec="minutes").replace("T", " ")[:16]
                        if v.created_at
                        else "",
                    )
                )
                for v in queue.recent
            ],
        ),
    ]
    for key, entries in groups:
        blocks += [{"type": "divider"}, section(f"*{t(key, locale)}*")]
        blocks += entries or [context(t("slack_home_empty", locale))]
    # Home tabs allow 100 blocks, but the same 50-block budget keeps the tab readable.
    return {"type": "home", "blocks": fit(blocks)}
