"""Articles from Slack: ``/checkclaim ingest URL``, ``/checkclaim ingest`` (a modal for pasted text),
the message shortcut "Ingest as article" (its text, or its .txt/.html file) and the triage post's
"Check this" button. Each stores its request before the ack (bot/desk/articles.py does the rest;
bot/slack/files.py reads a Slack file).
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.desk.articles import FILE_SUFFIXES, ArticleIntake, Refused
from bot.desk.service import Desk
from bot.errors import FactbotError, IngestRefused
from bot.messages import t
from bot.slack import files
from bot.slack.blocks import Block
from bot.slack.context import Services
from bot.slack.deliver import Deliverer
from bot.slack.triage import CHECK_THIS
from bot.slack.views import plain
from bot.store.article_requests import ArticleRequest
from bot.store.outbox import Announce

log = logging.getLogger(__name__)
INGEST_ARTICLE = "ingest_article"  # the message shortcut's callback id
INGEST_MODAL = "ingest_modal"
FIELDS = ("title", "text", "source", "url", "published")  # the modal's blocks, in order
MODAL_TEXT_CHARS = 3000  # Slack's longest plain_text_input
# Slack wraps links in command text as <https://…> or <https://…|label>.
_SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")


def command_url(text: str) -> str:
    """The URL of ``/checkclaim ingest URL`` as the user typed it (pure)."""
    word = html.unescape(text).strip().split(maxsplit=1)[0] if text.strip() else ""
    found = _SLACK_LINK.match(word)
    return found.group(1) if found else word


def refusal(exc: FactbotError, locale: str) -> str:
    """A refusal in the asker's language (the workspace's locale), filled with its values."""
    if isinstance(exc, IngestRefused):
        return t(exc.key, locale, **exc.values) if exc.values else t(exc.key, locale)
    key = str(exc)
    return t(key, locale) if key.startswith("ingest_") else t("internal_error", locale)


def ingest_modal(channel_id: str, locale: str) -> dict[str, Any]:
    """Title, text, source, URL and published date; the channel travels in private_metadata."""
    blocks: list[Block] = []
    for name in FIELDS:
        element: dict[str, Any] = {"type": "plain_text_input", "action_id": name}
        if name == "text":
            element.update(multiline=True, max_length=MODAL_TEXT_CHARS)
        if name == "published":
            element = {"type": "datepicker", "action_id": name}
        blocks.append(
            {
                "type": "input",
                "block_id": name,
                "optional": name != "text",
                "label": plain(t(f"ingest_field_{name}", locale)),
                "element": element,
            }
        )
    return {
        "type": "modal",
        "callback_id": INGEST_MODAL,
        "private_metadata": json.dumps({"channel": channel_id}),
        "title": plain(t("ingest_modal_title", locale), 24),
        "submit": plain(t("ingest_modal_submit", locale), 24),
        "close": plain(t("slack_modal_cancel", locale), 24),
        "blocks": blocks,
    }


def modal_values(state: dict[str, Any]) -> dict[str, str]:
    """Every field's value (stripped; empty when not given) from ``view.state.values``."""
    values = state.get("values", {})
    out: dict[str, str] = {}
    for name in FIELDS:
        field = values.get(name, {}).get(name, {})
        out[name] = str(field.get("selected_date") or field.get("value") or "").strip()
    return out


def register(app: AsyncApp, s: Services) -> None:
    async def modal(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await on_modal(s, ack, body, view)

    async def shortcut(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await on_shortcut(s, ack, body, respond)

    async def check_this(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await on_check_this(s, ack, body, respond)

    app.view(INGEST_MODAL)(modal)
    app.shortcut(INGEST_ARTICLE)(shortcut)
    app.action(CHECK_THIS)(check_this)


async def on_command(s: Services, ack: AsyncAck, command: dict[str, Any], text: str) -> None:
    """``/checkclaim ingest [URL]``: a URL is stored and acknowledged; alone, the modal opens."""
    user, channel = command.get("user_id", ""), command.get("channel_id", "")
    members = await s.reviewers.group_members()
    if not s.articles.may_ingest(user, members):
        await ack(response_type="ephemeral", text=s.say("ingest_not_allowed"))
        return
    if not text.strip():
        await ack()
        await s.client.views_open(trigger_id=command["trigger_id"], view=ingest_modal(channel, s.locale))
        return
    request = ArticleRequest(
        0, "url", user, channel, s.desk.clock(), url=command_url(text), reply_url=command.get("response_url")
    )
    try:
        await s.articles.receive(request, members)
    except FactbotError as exc:
        await ack(response_type="ephemeral", text=refusal(exc, s.locale))
        return
    await ack(response_type="ephemeral", text=s.say("ingest_received"))


async def on_modal(s: Services, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
    """Validate in the ack (errors shown in the modal), then store; the asker hears "received" privately."""
    user = body["user"]["id"]
    channel = str(json.loads(view.get("private_metadata") or "{}").get("channel", ""))
    values = modal_values(view.get("state") or {})
    if values["published"]:
        try:
            date.fromisoformat(values["published"])
        except ValueError:
            await ack(response_action="errors", errors={"published": s.say("ingest_bad_date")})
            return
    if values["url"] and not values["url"].lower().startswith(("http://", "https://")):
        await ack(response_action="errors", errors={"url": s.say("ingest_bad_url")})
        return
    request = ArticleRequest(
        0,
        "text",
        user,
        channel,
        s.desk.clock(),
        text=values["text"],
        title=values["title"] or None,
        source=values["source"] or None,
        url=values["url"] or None,
        published=values["published"] or None,
    )
    try:
        await s.articles.receive(request, await s.reviewers.group_members())
    except FactbotError as exc:
        await ack(response_action="errors", errors={"text": refusal(exc, s.locale)})
        return
    await ack()
    try:  # a courtesy: the request is stored whether or not the bot may post in that channel
        await s.whisper(channel, user, s.say("ingest_received"))
    except SlackApiError as exc:
        log.info("could not confirm an article request privately: %s", exc.response.get("error"))


async def on_shortcut(s: Services, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
    """The message shortcut "Ingest as article": the message's .txt/.html file if it has one, the page
    if the message is a link, else its text. Stored before the ack, like a /checkclaim."""
    message = body.get("message") or {}
    user = (body.get("user") or {}).get("id", "")
    channel = (body.get("channel") or {}).get("id", "")
    files = message.get("files") or []
    readable = [f for f in files if str(f.get("name", "")).lower().endswith(FILE_SUFFIXES)]
    text = html.unescape(message.get("text") or "").strip()
    link = command_url(text) if text and len(text.split()) == 1 else ""
    if readable:
        request = ArticleRequest(0, "file", user, channel, s.desk.clock(), file_id=str(readable[0]["id"]))
    elif link.startswith(("http://", "https://")):  # a shared link: the article is the page
        request = ArticleRequest(0, "url", user, channel, s.desk.clock(), url=link)
    else:
        request = ArticleRequest(0, "text", user, channel, s.desk.clock(), text=text)
    request = replace(request, reply_url=body.get("response_url"))
    members = await s.reviewers.group_members()
    try:
        if files and not readable and not text and s.articles.may_ingest(user, members):
            raise IngestRefused("ingest_file_type", name=str(files[0].get("name", "?")))
        await s.articles.receive(request, members)  # refuses a stranger first
    except FactbotError as exc:
        await ack()
        await respond(response_type="ephemeral", replace_original=False, text=refusal(exc, s.locale))
        return
    await ack()
    await respond(response_type="ephemeral", replace_original=False, text=s.say("ingest_received"))


async def on_check_this(s: Services, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
    """The triage post's "核查这条 / Check this": a check thread on that claim, as /checkclaim opens it."""
    await ack()
    action = (body.get("actions") or [{}])[0]
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    announce = Announce(channel, None, body.get("response_url"))
    try:
        await s.articles.check_claim(
            str(action.get("value", "")), (body.get("user") or {}).get("id"), announce
        )
    except FactbotError as exc:
        await respond(response_type="ephemeral", replace_original=False, text=s.explain(exc))


def refusal_teller(desk: Desk, client: AsyncWebClient, deliverer: Deliverer) -> Refused:
    """``on_refused`` for the article intake: tell the asker why, privately (a duplicate links the
    earlier triage post)."""
    zone, locale = ZoneInfo(desk.settings.tz), desk.settings.locale

    async def tell(request: ArticleRequest, error: IngestRefused) -> None:
        if error.key == "ingest_duplicate":
            error = IngestRefused(error.key, **await _duplicate_values(client, error, zone, locale))
        text = refusal(error, locale)
        if request.reply_url:
            await deliverer.tell_asker(request.reply_url, text)
            return
        try:
            await client.chat_postEphemeral(channel=request.channel_id, user=request.user_id, text=text)
        except SlackApiError as exc:
            log.warning(
                "could not tell %s why an article was refused: %s", request.user_id, exc.response.get("error")
            )

    return tell


async def _duplicate_values(
    client: AsyncWebClient, error: IngestRefused, zone: ZoneInfo, locale: str
) -> dict[str, object]:
    when = error.values.get("when")
    shown = when.astimezone(zone).strftime("%Y-%m-%d %H:%M") if isinstance(when, datetime) else "?"
    post = t("ingest_duplicate_no_post", locale)
    channel, ts = error.values.get("channel_id"), error.values.get("post_ts")
    if channel and ts:
        try:
            post = str(
                (await client.chat_getPermalink(channel=str(channel), message_ts=str(ts)))["permalink"]
            )
        except SlackApiError:
            post = f"<#{channel}>"
    return {"when": shown, "post": post}


def build_intake(desk: Desk, client: AsyncWebClient, deliverer: Deliverer) -> ArticleIntake:
    """The article intake of a runtime, wired to its Slack client and deliverer."""
    loader = files.file_loader(client, desk.settings)
    return ArticleIntake(desk, loader, deliverer.kick, refusal_teller(desk, client, deliverer))
