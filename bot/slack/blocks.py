"""Block Kit for messages: pure functions from the desk's dataclasses to Slack payloads.

Every piece of user or article text goes through ``escape`` (so ``<!channel>`` inside a claim never
pings anyone) and ``clip`` (so no section exceeds Slack's limits); ``fit`` caps a message at 50 blocks.
"""

from __future__ import annotations

from typing import Any

from bot.claims.extract import TITLE_PARAGRAPH
from bot.desk.picks import SHOWN
from bot.desk.review import CheckView
from bot.messages import t
from bot.verdicts.labels import SCALE, Label
from bot.verdicts.models import Verdict

Block = dict[str, Any]
MAX_BLOCKS = 50
SECTION_CHARS = 3000
BUTTON_CHARS = 75
HEADER_CHARS = 150

CHANGE_VERDICT = "change_verdict"
NOT_RIGHT_CLAIM = "not_right_claim"
PROPOSE_CLAIM = "propose_claim"
FAMILY_APPLY = "family_apply"  # apply a ruling to the claim's family (value "family_id:verdict_id")
FAMILY_SPLIT = "family_split"  # split the ruled claim out of its family (value "family_id:claim_id")
PICK_CLAIM = "pick_claim"  # "did you mean": this one (value "check_id:claim_id")
PICK_NONE = "pick_none"  # "did you mean": none of these (value "check_id")


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
        close = view.alternatives and not view.pick  # the same words with another figure or date
        blocks.append(section(t("slack_no_match_close" if close else "slack_no_match", locale)))
        blocks += [context(confirmed(view, locale))] if view.pick else []
        return blocks
    if check.part:  # the text as a whole matched nothing: say which of its assertions did
        blocks.append(context(t("slack_part", locale, part=escape(check.part))))
    blocks.append(section(t("slack_matched_claim", locale, text=escape(view.claim.text))))
    blocks.append(section(t("slack_verdict_badge", locale, badge=badge(view.verdict.label, locale))))
    notes = [verdict_source(view.verdict, locale), t("slack_see_thread", locale)]
    if view.verdict.carried is not None:
        notes[0] = carried_note(view, locale)
    if view.pick:
        notes.append(confirmed(view, locale))
    elif check.status == "ambiguous":
        notes.append(t("slack_ambiguous", locale))
    blocks.append(context("  ".join(notes)))
    return blocks


def thread_url(channel_id: str, ts: str) -> str:
    """A link to a message of the workspace (Slack resolves the archive path for its members)."""
    return f"https://slack.com/archives/{channel_id}/p{ts.replace('.', '')}"


def carried_note(view: CheckView, locale: str) -> str:
    """A ruling carried from another appearance of the claim: who ruled, when, in which article, and a
    link to that thread (bot/desk/families.py)."""
    verdict, carried = view.verdict, view.verdict.carried
    if carried is None:
        return verdict_source(verdict, locale)
    thread = ""
    if carried.channel_id and carried.thread_ts:
        thread = t("slack_carried_thread", locale, url=thread_url(carried.channel_id, carried.thread_ts))
    title = escape(view.carried_from.title) if view.carried_from else carried.article_id
    when = verdict.created_at.date().isoformat() if verdict.created_at else "?"
    author = f"<@{verdict.author}>" if verdict.author else "?"
    return t("slack_carried", locale, author=author, when=when, title=title, thread=thread)


def also_in(view: CheckView, locale: str) -> str:
    """ "Also in N other articles", each named (linked when it has a URL)."""
    names = [link(a.url, a.title) if a.url else escape(clip(a.title, 60)) for a in view.appearances]
    more = view.appearance_count - len(view.appearances)
    if more > 0:
        names.append(t("slack_more", locale, count=more))
    return t("slack_also_in", locale, count=view.appearance_count, links="、".join(names))


def family_offer(family_id: int, verdict_id: int, claim_id: str, others: int, locale: str) -> list[Block]:
    """Whispered to a reviewer who just ruled on a claim that has other appearances."""
    return [
        section(t("family_offer", locale, count=others, family_id=family_id)),
        {
            "type": "actions",
            "elements": [
                button(t("family_apply_btn", locale), FAMILY_APPLY, f"{family_id}:{verdict_id}", "primary"),
                button(t("family_split_btn", locale), FAMILY_SPLIT, f"{family_id}:{claim_id}"),
            ],
        },
    ]


def confirmed(view: CheckView, locale: str) -> str:
    """Who told us which claim (or that none) this question means, and when."""
    pick = view.pick
    if pick is None:
        return ""
    key = "slack_confirmed" if pick.claim_id else "slack_confirmed_none"
    return t(key, locale, user=f"<@{pick.user_id}>", when=pick.created_at.date().isoformat())


def card_text(view: CheckView, locale: str) -> str:
    """The notification text that goes with the card (also escaped: it is mrkdwn too)."""
    label = view.verdict.label if view.claim else Label.UNCHECKED
    return clip(
        t("slack_card_fallback", locale, query=escape(view.check.query), label=badge(label, locale)), 3000
    )


def verdict_reply(view: CheckView, locale: str, marker: str | None = None) -> list[Block]:
    """The thread reply: rationale, signals, evidence, place in the article, "did you mean", buttons."""
    check_id = str(view.check.check_id)
    if view.claim is None:
        return [
            section(t("slack_no_match", locale), marker),
            *([context(confirmed(view, locale))] if view.pick else []),
            *(did_you_mean_blocks(view, locale) if view.pick and view.alternatives else []),
            *(differs_blocks(view, locale) if not view.pick and view.alternatives else []),
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
        context(carried_note(view, locale) if verdict.carried else verdict_source(verdict, locale)),
    ]
    if view.appearance_count:
        blocks.append(context(also_in(view, locale)))
    if view.pick:
        blocks.append(context(confirmed(view, locale)))
    blocks += signal_blocks(verdict, locale)
    blocks += place_blocks(view, locale)
    if view.alternatives and view.check.status == "ambiguous" and view.pick is None:
        blocks += did_you_mean_blocks(view, locale)
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
    title = escape(view.article.title)
    if view.claim.paragraph == TITLE_PARAGRAPH:
        place = t("slack_place_title", locale, title=title)
    else:  # paragraphs counted as a reader counts them, the headline first
        place = t("slack_place", locale, title=title, paragraph=view.claim.paragraph + 1)
    if view.article.url:
        place += f"  {link(view.article.url, view.article.source or view.article.url)}"
    blocks = [section(place)]
    if view.claim.context:
        blocks.append(context(t("slack_context", locale, text=escape(view.claim.context))))
    return blocks


def did_you_mean_blocks(view: CheckView, locale: str) -> list[Block]:
    """The closest claims, each with "this one", then "none of these": a pick re-points the check
    (bot/desk/picks.py) and answers the same question for everyone afterwards. Under an answer an
    earlier "none of these" gave, the claims it set aside, so that pick can be corrected."""
    check_id = view.check.check_id
    mine = [(view.claim, view.verdict)] if view.claim is not None else []
    closest = [*mine, *view.alternatives][:SHOWN]
    if not closest:
        return []
    title = "slack_did_you_mean" if mine else "slack_set_aside"
    blocks: list[Block] = [section(t(title, locale))]
    for number, (claim, verdict) in enumerate(closest, 1):
        line = t(
            "slack_did_you_mean_line",
            locale,
            number=number,
            badge=badge(verdict.label, locale),
            text=escape(clip(claim.text, 300)),
        )
        this_one = button(t("slack_btn_this_one", locale), PICK_CLAIM, f"{check_id}:{claim.claim_id}")
        blocks.append({**section(line), "accessory": this_one})
    if mine:
        none = button(t("slack_btn_none", locale), PICK_NONE, str(check_id))
        blocks.append({**section(t("slack_none_prompt", locale)), "accessory": none})
    return blocks


def differs_blocks(view: CheckView, locale: str) -> list[Block]:
    """No claim says it, but some say it with another figure or date: what the archive does say."""
    lines = [
        t(
            "slack_did_you_mean_line",
            locale,
            number=n,
            badge=badge(v.label, locale),
            text=escape(clip(c.text, 300)),
        )
        for n, (c, v) in enumerate(view.alternatives[:SHOWN], 1)
    ]
    return [section(t("slack_differs", locale) + "\n" + "\n".join(lines))]


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
    if event in ("repointed", "proposed", "picked", "picked_none"):
        return t(f"slack_notice_{event}", locale, user=user)
    if event == "family_applied" and verdict is not None:
        return t(
            "slack_notice_family_applied",
            locale,
            user=user,
            title=escape(str(payload.get("title", ""))),
            new=badge(verdict.label, locale),
            rationale=escape(rationale(verdict, locale)),
        )
    return escape(event)
