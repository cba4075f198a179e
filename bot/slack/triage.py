"""The triage post of an ingested article: Block Kit (pure) and its delivery from the outbox.

One message in the channel where the article was offered: its title (linked), source, date and number
of claims, then the claims most worth checking with their automated verdicts and the reason each was
picked, each with a "核查这条 / Check this" button that opens a check thread on that claim.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from slack_sdk.web.async_client import AsyncWebClient

from bot.articles.triage import WORTHY, TriagePick
from bot.desk.articles import TriageView, triage_view
from bot.desk.service import Desk
from bot.messages import t
from bot.slack.blocks import Block, badge, button, clip, context, escape, fit, link, section
from bot.slack.failures import Permanent, marker
from bot.store.outbox import OutboxItem

CHECK_THIS = "triage_check"  # button value: the claim id
CLAIM_CHARS = 500  # a claim's line: long enough for a sentence, short enough for eight of them
TITLE_CHARS = 200
RED_FLAG = ":triangular_flag_on_post: "
_CUES = ("numbers", "dates", "cites", "quote", "named_source", "unnamed_source", "entities")


def reason_text(pick: TriagePick, locale: str) -> str:
    """Why the claim was picked: the reason's name, and the signal's own words when there is one."""
    if pick.reason == WORTHY:
        cues = [c.split(":", 1)[0] for c in pick.claim.worthiness_reasons]
        names = [t(f"triage_cue_{c}", locale) for c in _CUES if c in cues]
        return t(
            "triage_reason_worthy", locale, cues="、".join(names) if locale != "en" else ", ".join(names)
        )
    text = t(f"triage_reason_{pick.reason}", locale)
    if pick.signal is not None:
        detail = pick.signal.message_en if locale == "en" else pick.signal.message_zh
        text += ("：" if locale != "en" else ": ") + escape(clip(detail, 300))
    return text


def triage_text(view: TriageView, locale: str) -> str:
    """The notification text (and the fallback for clients without blocks)."""
    return t("triage_fallback", locale, title=view.article.title, claims=view.claims, picked=len(view.picks))


def triage_blocks(view: TriageView, locale: str, block_id: str | None = None) -> list[Block]:
    """The post: heading, meta line, then a section per picked claim with its button."""
    article = view.article
    title = clip(article.title, TITLE_CHARS)
    heading = f"*{link(article.url, title)}*" if article.url else f"*{escape(title)}*"
    meta = t(
        "triage_meta",
        locale,
        source=escape(article.source or t("triage_unknown_source", locale)),
        published=article.published.isoformat() if article.published else t("triage_unknown_date", locale),
        claims=view.claims,
        user=f"<@{view.request.user_id}>",
    )
    blocks: list[Block] = [section(heading, block_id), context(meta)]
    if view.request.outcome == "updated":
        blocks.append(context(t("triage_updated", locale)))
    if not view.picks:
        blocks.append(section(t("triage_none", locale)))
        return blocks
    blocks += [{"type": "divider"}, section(t("triage_picked", locale, count=len(view.picks)))]
    for number, pick in enumerate(view.picks, 1):
        line = t(
            "triage_line",
            locale,
            number=number,
            flag=RED_FLAG if pick.red_flag else "",
            text=escape(clip(pick.claim.text, CLAIM_CHARS)),
            badge=badge(pick.verdict.label, locale),
            reason=reason_text(pick, locale),
        )
        block = section(line)
        block["accessory"] = button(t("triage_btn_check", locale), CHECK_THIS, pick.claim.claim_id)
        blocks.append(block)
    return fit(blocks)


AlreadyPosted = Callable[[OutboxItem, str, str | None], Awaitable[str | None]]


async def send_triage(
    desk: Desk, client: AsyncWebClient, item: OutboxItem, locale: str, already_posted: AlreadyPosted
) -> str | None:
    """Render a triage item from the store as it is now and post it (once: an uncertain earlier attempt
    is looked for first). Returns the post's ts."""
    request_id = int(item.payload.get("request_id", 0))
    channel = item.channel_id
    if not request_id or not channel:
        raise Permanent("no_request")
    view = await triage_view(desk, request_id)
    if item.uncertain and (found := await already_posted(item, channel, None)):
        return found
    resp = await client.chat_postMessage(
        channel=channel,
        text=triage_text(view, locale),
        blocks=triage_blocks(view, locale, marker(item)),
        unfurl_links=False,
    )
    return str(resp["ts"])
