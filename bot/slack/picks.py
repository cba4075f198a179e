"""'Did you mean': the buttons under an ambiguous answer ("This one", "None of these").

A pick re-points the check through the desk (bot/desk/picks.py), which queues the notice, the card
update and the chosen claim's verdict in the thread. Whoever may not pick, and a button that is out of
date or whose value was tampered with, hear why privately; nothing changes.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.errors import FactbotError, InputError
from bot.slack import blocks
from bot.slack.context import Services

_CHECK = re.compile(r"[0-9]{1,18}")
MAX_CLAIM_ID = 200


def parse_pick(action_id: str, value: str) -> tuple[int, str | None] | None:
    """(check id, claim id; None for "none of these") from a pick button; None when malformed."""
    if action_id == blocks.PICK_NONE:
        return (int(value), None) if _CHECK.fullmatch(value) else None
    check, _, claim = value.partition(":")
    if not _CHECK.fullmatch(check) or not claim or len(claim) > MAX_CLAIM_ID or claim != claim.strip():
        return None
    return int(check), claim


def register(app: AsyncApp, s: Services) -> None:
    async def pick(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await on_pick(s, ack, body, respond)

    app.action(blocks.PICK_CLAIM)(pick)
    app.action(blocks.PICK_NONE)(pick)


async def on_pick(s: Services, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
    await ack()
    action = (body.get("actions") or [{}])[0]
    parsed = parse_pick(str(action.get("action_id") or ""), str(action.get("value") or ""))
    try:
        if parsed is None:
            raise InputError("pick_unknown")
        check_id, claim_id = parsed
        members = await s.reviewers.group_members()
        await s.desk.picks.choose(check_id, claim_id, body["user"]["id"], group_members=members)
    except FactbotError as exc:
        await respond(response_type="ephemeral", replace_original=False, text=s.explain(exc))
        return
    s.deliverer.kick()
    thanks = "slack_picked_ok" if claim_id else "slack_picked_none_ok"
    await respond(response_type="ephemeral", replace_original=False, text=s.say(thanks))
