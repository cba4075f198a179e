"""Message shortcut "Check this claim": the same check on a message's text, answered in its thread."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.errors import FactbotError
from bot.slack.commands import slack_text
from bot.slack.context import Services
from bot.store.outbox import Announce

CHECK_THIS_CLAIM = "check_this_claim"


def register(app: AsyncApp, s: Services) -> None:
    async def check_message(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        try:
            await on_shortcut(s, body)
        except FactbotError as exc:
            await ack()
            await respond(response_type="ephemeral", replace_original=False, text=s.explain(exc))
            return
        await ack()

    app.shortcut(CHECK_THIS_CLAIM)(check_message)


async def on_shortcut(s: Services, body: dict[str, Any]) -> None:
    """Store the message's text as a check request (before the ack); the intake answers it in its thread."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id", "")
    thread = str(message.get("thread_ts") or message.get("ts"))
    text = slack_text(message.get("text", ""))
    await s.intake.receive(
        text,
        origin="slack_shortcut",
        user_id=(body.get("user") or {}).get("id"),
        announce=Announce(channel, thread, body.get("response_url")),
    )
