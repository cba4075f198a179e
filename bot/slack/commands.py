"""/checkclaim: store the request, then ack (usage and input errors answered in the ack); the intake answers it."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.errors import FactbotError
from bot.slack import digest, ingest
from bot.slack.context import Services
from bot.store.outbox import Announce

log = logging.getLogger(__name__)
COMMAND = "/checkclaim"
HELP_WORDS = {"help", "帮助", "?", "？"}
INGEST = "ingest"
# A lone short ASCII word is a sub-command, not a claim to check ("digest", "stats", "help:").
_SUBCOMMAND = re.compile(r"^[a-z][a-z_-]{0,15}:?$")


@dataclass(frozen=True, slots=True)
class Parsed:
    action: str  # "usage" | "digest" | "ingest" | "check"
    text: str = ""


def parse(raw: str) -> Parsed:
    """What a /checkclaim text asks for (pure). Slack sends &, < and > as entities: undo that first."""
    text = html.unescape(raw or "").strip()
    word = text.lower()
    if not text or word in HELP_WORDS:
        return Parsed("usage")
    parts = text.split(maxsplit=1)
    if parts[0].lower() == INGEST:  # an article: a URL, or nothing (the modal)
        return Parsed("ingest", parts[1].strip() if len(parts) > 1 else "")
    if _SUBCOMMAND.match(word):
        return Parsed("digest" if word.rstrip(":") == "digest" else "usage")
    return Parsed("check", text)


def slack_text(raw: str) -> str:
    """Message text as the user wrote it (Slack escapes &, <, > in message and command text)."""
    return html.unescape(raw or "").strip()


def register(app: AsyncApp, services: Services) -> None:
    async def checkclaim(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        parsed = parse(command.get("text", ""))
        if parsed.action == "usage":
            usage = services.say("slack_usage") + "\n" + services.say("ingest_usage")
            await ack(response_type="ephemeral", text=usage)
            return
        if parsed.action == "digest":
            await ack(response_type="ephemeral", text=services.say("digest_preparing"))
            text, blocks = await digest.preview(services.desk, services.client)
            await respond(response_type="ephemeral", replace_original=True, text=text, blocks=blocks)
            return
        if parsed.action == "ingest":
            await ingest.on_command(services, ack, command, parsed.text)
            return
        channel = command["channel_id"]
        announce = Announce(channel, None, command.get("response_url"))
        try:  # stored before the ack: a crash after "on its way" still answers it at the next start
            await services.intake.receive(
                parsed.text, origin="slack", user_id=command.get("user_id"), announce=announce
            )
        except FactbotError as exc:
            await ack(response_type="ephemeral", text=services.explain(exc))
            return
        await ack()

    app.command(COMMAND)(checkclaim)
