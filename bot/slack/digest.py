"""The digest in Slack: Block Kit with a plain-text fallback, thread permalinks, delivery and preview.

Rendering is pure (a Digest and its links in, blocks out). A scheduled digest reaches Slack through the
outbox like every other post (retried with back-off, looked for before a re-post), rendered from the
database when it is delivered; ``/checkclaim digest`` renders the current period for one user.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.desk.service import Desk
from bot.digest.content import Digest, Period, Thread
from bot.messages import t
from bot.slack.blocks import (
    HEADER_CHARS,
    SECTION_CHARS,
    Block,
    badge,
    clip,
    context,
    escape,
    fit,
    label_name,
    link,
    section,
)
from bot.slack.failures import Permanent, marker
from bot.store.outbox import OutboxItem
from bot.verdicts.labels import Label

log = logging.getLogger(__name__)
# (item, channel, thread) -> the ts of a message already carrying the item's marker, if any
AlreadyPosted = Callable[[OutboxItem, str, str | None], Awaitable[str | None]]
MAX_LINES = 10  # per list: a digest is read at a glance; the rest is "and N more"
CLAIM_CHARS = 140
Links = dict[Thread, str]


# --- rendering (pure) -------------------------------------------------------------------------------


def when(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


class _Style:
    """How one rendering writes text: Slack mrkdwn (escaped, linked, emoji) or plain for a terminal."""

    def __init__(self, locale: str, tz: str, links: Links | None, slack: bool) -> None:
        self.locale, self.tz, self.links, self.slack = locale, tz, links or {}, slack

    def text(self, value: str, limit: int = CLAIM_CHARS) -> str:
        return escape(clip(value, limit)) if self.slack else clip(value, limit)

    def label(self, value: Label) -> str:
        return badge(value, self.locale) if self.slack else label_name(value, self.locale)

    def thread(self, where: Thread | None) -> str:
        url = self.links.get(where) if where else None
        return f"  {link(url, t('digest_thread', self.locale))}" if url and self.slack else ""

    def bold(self, value: str) -> str:
        return f"*{value}*" if self.slack else value

    def user(self, user_id: str | None) -> str:
        return (f"<@{user_id}>" if self.slack else user_id) if user_id else "?"


def _lines(digest: Digest, s: _Style) -> list[tuple[str, list[str], int]]:
    """(title, lines, total) of each list the digest shows, in reading order; empty lists left out."""
    loc = s.locale
    changes = [
        t(
            "digest_change_line",
            loc,
            old=s.label(c.old),
            new=s.label(c.new),
            text=s.text(c.text),
            who=(f"<@{c.author}>" if s.slack else c.author)
            if c.source == "reviewer" and c.author
            else t("digest_by_engine", loc),
        )
        + s.thread(c.thread)
        for c in digest.changes
    ]
    waiting = [
        t(
            "digest_waiting_line",
            loc,
            badge=s.label(c.label),
            text=s.text(c.text),
            checks=c.checks,
            first=when(c.first_asked, s.tz) if c.first_asked else "?",
        )
        + s.thread(c.thread)
        for c in digest.waiting
    ]
    top = [
        t("digest_top_line", loc, checks=c.checks, badge=s.label(c.label), text=s.text(c.text))
        + s.thread(c.thread)
        for c in digest.top
    ]
    articles = [
        (
            t("digest_article_by", loc, title=s.text(a.title), claims=a.claims, user=s.user(a.ingested_by))
            if a.ingested_by
            else t("digest_article_line", loc, title=s.text(a.title), claims=a.claims)
        )
        + (f"  {link(a.url, a.url)}" if a.url and s.slack else "")
        for a in digest.articles
    ]
    reappeared = [
        t(
            "digest_reappeared_line",
            loc,
            label=s.label(r.label),
            text=s.text(r.text),
            title=s.text(r.article_title),
        )
        for r in digest.reappeared
    ]
    lists = [
        (t("digest_changes", loc), changes, digest.changes_total),
        (t("digest_reappeared", loc), reappeared, len(reappeared)),
        (t("digest_waiting", loc, total=digest.waiting_total), waiting, digest.waiting_total),
        (t("digest_top", loc), top, len(top)),
        (t("digest_articles", loc), articles, len(articles)),
    ]
    return [(title, lines, total) for title, lines, total in lists if lines]


def listing(title: str, lines: list[str], total: int, locale: str, limit: int = SECTION_CHARS) -> str:
    """Title, then whole lines (at most MAX_LINES, within ``limit`` chars), then "…and N more"."""
    kept: list[str] = []
    used = len(title) + 1 + len(t("digest_more", locale, count=total)) + 1
    for line in lines[:MAX_LINES]:
        if used + len(line) + 3 > limit:
            break
        kept.append(f"• {line}")
        used += len(line) + 3
    more = total - len(kept)
    return "\n".join([title, *kept, *([t("digest_more", locale, count=more)] if more > 0 else [])])


def _head(digest: Digest, s: _Style) -> tuple[str, str]:
    start, end = when(digest.period.start, s.tz), when(digest.period.end, s.tz)
    if digest.empty:
        return t("digest_nothing_new", s.locale, start=start, end=end), ""
    items = ", ".join(f"{s.label(label)} {n}" for label, n in digest.distribution)
    summary = t(
        "digest_summary", s.locale, checks=digest.checks, claims=digest.claims, unmatched=digest.unmatched
    )
    if items:
        summary += "\n" + t("digest_distribution", s.locale, items=items)
    return t("digest_title", s.locale, start=start, end=end), summary


def digest_blocks(
    digest: Digest, locale: str, tz: str, links: Links | None = None, mark: str | None = None
) -> list[Block]:
    """Block Kit for a digest: within 50 blocks and 3,000 characters a section; an empty one is one line."""
    s = _Style(locale, tz, links, slack=True)
    title, summary = _head(digest, s)
    if digest.empty:
        return [section(title, mark)]
    header: Block = {"type": "header", "text": {"type": "plain_text", "text": clip(title, HEADER_CHARS)}}
    if mark:
        header["block_id"] = mark
    blocks = [header, section(summary)]
    for name, lines, total in _lines(digest, s):
        blocks += [{"type": "divider"}, section(listing(s.bold(name), lines, total, locale))]
    blocks.append(context(t("digest_times", locale, tz=tz)))
    return fit(blocks)


def digest_text(digest: Digest, locale: str, tz: str, slack: bool = True, links: Links | None = None) -> str:
    """The plain-text fallback (notifications, screen readers) and what ``factbot digest`` prints."""
    s = _Style(locale, tz, links, slack=slack)
    title, summary = _head(digest, s)
    if digest.empty:
        return title
    # Whole lines only (a clipped link would show raw); Slack's own cap on ``text`` is 40,000 characters.
    limit = SECTION_CHARS if slack else 10_000
    lists = [listing(name, lines, total, locale, limit) for name, lines, total in _lines(digest, s)]
    return "\n\n".join([title, summary, *lists])


# --- Slack calls ------------------------------------------------------------------------------------


async def permalinks(client: AsyncWebClient, threads: set[Thread]) -> Links:
    """A permalink for each thread (chat.getPermalink); one Slack cannot resolve is shown without link."""

    async def one(where: Thread) -> tuple[Thread, str | None]:
        try:
            resp = await client.chat_getPermalink(channel=where.channel_id, message_ts=where.ts)
        except SlackApiError as exc:
            log.info("no permalink for a thread in %s: %s", where.channel_id, exc.response.get("error"))
            return where, None
        return where, str(resp.get("permalink") or "") or None

    found = await asyncio.gather(*(one(w) for w in sorted(threads, key=lambda w: (w.channel_id, w.ts))))
    return {where: url for where, url in found if url}


async def send_digest(
    desk: Desk, client: AsyncWebClient, item: OutboxItem, already_posted: AlreadyPosted
) -> str | None:
    """Deliver a queued digest: rebuild its period from the database, link its threads, post it."""
    record = await desk.digests.record(int(item.payload.get("digest_id", 0)))
    if record is None or item.channel_id is None:
        raise Permanent("no_digest")
    digest = await desk.digests.build(Period(record.start, record.end))
    links = await permalinks(client, digest.threads())
    locale, tz = desk.settings.locale, desk.settings.tz
    if item.uncertain and (found := await already_posted(item, item.channel_id, None)):
        log.info("digest %d was already posted (ts %s)", record.digest_id, found)
        return found
    resp = await client.chat_postMessage(
        channel=item.channel_id,
        text=digest_text(digest, locale, tz, links=links),
        blocks=digest_blocks(digest, locale, tz, links, marker(item)),
        unfurl_links=False,
        unfurl_media=False,
    )
    return str(resp["ts"])


async def preview(desk: Desk, client: AsyncWebClient) -> tuple[str, list[Block]]:
    """``/checkclaim digest``: the current period so far, for the asker only (nothing is claimed)."""
    digest = await desk.digests.build(await desk.digests.current_period())
    links = await permalinks(client, digest.threads())
    locale, tz = desk.settings.locale, desk.settings.tz
    notes = [t("digest_preview", locale)]
    if not desk.settings.digest_channel:
        notes.append(t("digest_preview_no_channel", locale))
    blocks = [context(" ".join(notes)), *digest_blocks(digest, locale, tz, links)]
    return digest_text(digest, locale, tz, links=links), fit(blocks)
