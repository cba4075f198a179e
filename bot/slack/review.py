"""Review in the thread: notes from messages (edits and deletions follow), verdict changes by button +
modal or by mention, and "not the right claim". Every path that changes a verdict checks the reviewer."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond

from bot.desk.review import VerdictChange
from bot.errors import FactbotError, InputError, NotAuthorised
from bot.slack import blocks, views
from bot.slack.commands import slack_text
from bot.slack.context import Services
from bot.verdicts.labels import Label, parse_label

log = logging.getLogger(__name__)
_MENTION = re.compile(r"^\s*(<@[A-Z0-9]+(\|[^>]*)?>\s*)+")
VERDICT_WORDS = {"verdict", "结论", "裁定"}
URL = re.compile(r"^https?://\S+$")


def parse_mention(text: str) -> tuple[str, str, str] | None:
    """``<@bot> verdict false 理由…`` -> ("verdict", "false", "理由…"); None when it is not a command."""
    rest = _MENTION.sub("", text or "").strip()
    parts = rest.split(maxsplit=2)
    if len(parts) < 2 or parts[0].lower() not in VERDICT_WORDS:
        return None
    return "verdict", parts[1], parts[2].strip() if len(parts) > 2 else ""


def thread_of(message: dict[str, Any]) -> str | None:
    """The thread a message replies in (None for a top-level message)."""
    thread = message.get("thread_ts")
    return str(thread) if thread and thread != message.get("ts") else None


def is_bot(message: dict[str, Any]) -> bool:
    return bool(message.get("bot_id")) or message.get("subtype") == "bot_message"


NOTE_SUBTYPES = (None, "thread_broadcast", "file_share")


def records_its_event(event: dict[str, Any]) -> bool:
    """Events whose listener marks the event id seen itself, in the transaction storing its effect."""
    kind = event.get("type")
    return kind == "app_mention" or (kind == "message" and event.get("subtype") in NOTE_SUBTYPES)


def event_id_of(body: dict[str, Any]) -> str | None:
    event_id = body.get("event_id")
    return str(event_id) if event_id else None


def register(app: AsyncApp, s: Services) -> None:
    """Bolt injects listener arguments by name, so each listener is a small named coroutine."""

    async def message(event: dict[str, Any], body: dict[str, Any]) -> None:
        await on_message(s, event, event_id_of(body))

    async def mention(event: dict[str, Any], body: dict[str, Any]) -> None:
        await on_mention(s, event, event_id_of(body))

    async def change_button(ack: AsyncAck, body: dict[str, Any]) -> None:
        await on_change_button(s, ack, body)

    async def modal(ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
        await on_modal(s, ack, body, view)

    async def not_right(ack: AsyncAck, body: dict[str, Any]) -> None:
        await on_not_right(s, ack, body)

    async def repoint(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await on_repoint(s, ack, body, respond)

    async def propose(ack: AsyncAck, body: dict[str, Any]) -> None:
        await on_propose(s, ack, body)

    app.event("message")(message)
    app.event("app_mention")(mention)
    app.action(blocks.CHANGE_VERDICT)(change_button)
    app.view(views.VERDICT_MODAL)(modal)
    app.action(blocks.NOT_RIGHT_CLAIM)(not_right)
    app.action(views.REPOINT_CLAIM)(repoint)
    app.action(blocks.PROPOSE_CLAIM)(propose)

    async def family_action(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await on_family_action(s, ack, body, respond)

    app.action(blocks.FAMILY_APPLY)(family_action)
    app.action(blocks.FAMILY_SPLIT)(family_action)


async def on_message(s: Services, event: dict[str, Any], event_id: str | None = None) -> None:
    """Thread messages become review notes; edits and deletions follow them. Bots are not reviewers.
    ``event_id`` is marked seen in the note's transaction (a retry of a stored note is ignored)."""
    channel = event.get("channel", "")
    subtype = event.get("subtype")
    if subtype == "message_changed":
        message = event.get("message") or {}
        if not is_bot(message) and thread_of(message):
            await s.desk.review.edit_note(channel, str(message["ts"]), slack_text(message.get("text", "")))
        return
    if subtype == "message_deleted":
        await s.desk.review.delete_note(channel, str(event.get("deleted_ts")))
        return
    if is_bot(event) or subtype not in NOTE_SUBTYPES:
        return
    thread = thread_of(event)
    if thread:
        text = slack_text(event.get("text", ""))
        await s.desk.review.record_note(channel, thread, str(event["ts"]), event.get("user"), text, event_id)


async def on_mention(s: Services, event: dict[str, Any], event_id: str | None = None) -> None:
    """``@factbot verdict LABEL reason`` in a check's thread: a reviewer's ruling. ``event_id`` is marked
    seen with the verdict (same transaction), or as the help or refusal is whispered."""
    channel, user = event.get("channel", ""), event.get("user", "")
    thread = thread_of(event)
    parsed = parse_mention(event.get("text", ""))
    check = await s.desk.review.check_in_thread(channel, thread) if parsed and thread else None
    label = parse_label(parsed[1]) if parsed else None
    values: dict[str, object] = {}
    if parsed is None:
        help_key = "slack_mention_help"
    elif check is None:
        help_key = "slack_not_a_check_thread"
    elif label is None or label is Label.UNCHECKED:
        help_key, values = "bad_label", {"label": parsed[1]}
    elif not parsed[2]:
        help_key = "slack_empty_rationale"
    else:
        await change(s, check.check_id, label, slack_text(parsed[2]), user, None, channel, thread, event_id)
        return
    if event_id is None or await s.desk.review.first_sighting(event_id):
        await s.whisper(channel, user, s.say(help_key, **values), thread)


async def change(
    s: Services,
    check_id: int,
    label: Label,
    reason: str,
    user: str,
    url: str | None,
    channel: str,
    thread: str | None,
    event_id: str | None = None,
) -> bool:
    """Apply a ruling; non-reviewers and refused input get an ephemeral answer and nothing changes.
    A refusal is not stored, so a retry of a refused mention is refused (whispered) again."""
    try:
        applied = await s.desk.review.change_verdict(
            check_id,
            label,
            reason,
            user,
            url,
            group_members=await s.reviewers.group_members(),
            event_id=event_id,
        )
    except (NotAuthorised, InputError) as exc:
        await s.whisper(channel, user, s.explain(exc), thread)
        return False
    if applied is None:  # this event was applied by an earlier delivery
        return False
    s.deliverer.kick()
    await offer_family(s, applied, channel, user, thread)
    return True


async def offer_family(
    s: Services, applied: VerdictChange, channel: str, user: str, thread: str | None
) -> None:
    """The ruled claim appears elsewhere: offer (to the reviewer only) to apply the ruling to its other
    appearances, or to split this claim out of the family."""
    if applied.family_id is None or applied.verdict.verdict_id is None:
        return
    family = await s.desk.families.family(applied.family_id)
    others = len(family.members) - 1
    if others > 0:
        offer = blocks.family_offer(
            family.family_id, applied.verdict.verdict_id, applied.verdict.claim_id, others, s.locale
        )
        await s.whisper(
            channel, user, s.say("family_offer", count=others, family_id=family.family_id), thread, offer
        )


async def on_family_action(s: Services, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
    """Apply to the family / split out: reviewers only; recorded with who and when (bot/desk/families.py)."""
    await ack()
    _, user, _, value = _action_place(body)
    action = (body.get("actions") or [{}])[0].get("action_id")
    if not await s.reviewers.is_reviewer(user):
        await respond(response_type="ephemeral", replace_original=False, text=s.say("not_reviewer"))
        return
    family, _, target = value.partition(":")
    try:
        if action == blocks.FAMILY_APPLY:
            count = await s.desk.families.apply(int(family), int(target), user)
            s.deliverer.kick()  # the other appearances' threads hear of it (queued with the ruling)
            text = s.say("family_applied", count=count, user=f"<@{user}>")
        else:
            left = await s.desk.families.split(target, user)
            text = s.say("family_split_done", family_id=left, user=f"<@{user}>")
    except (FactbotError, ValueError) as exc:
        error = exc if isinstance(exc, FactbotError) else InputError("pick_unknown")
        await respond(response_type="ephemeral", replace_original=False, text=s.explain(error))
        return
    await respond(response_type="ephemeral", replace_original=True, text=text)


def _action_place(body: dict[str, Any]) -> tuple[str, str, str | None, str]:
    """(channel, user, thread, action value) of a block_actions payload."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id", "")
    action = (body.get("actions") or [{}])[0]
    value = action.get("value") or (action.get("selected_option") or {}).get("value", "")
    thread = message.get("thread_ts") or (body.get("container") or {}).get("thread_ts")
    return channel, body["user"]["id"], thread, str(value)


async def on_change_button(s: Services, ack: AsyncAck, body: dict[str, Any]) -> None:
    await ack()
    channel, user, thread, value = _action_place(body)
    if not await s.reviewers.is_reviewer(user):
        await s.whisper(channel, user, s.say("not_reviewer"), thread)
        return
    view = await s.desk.review.check_view(int(value))
    await s.client.views_open(trigger_id=body["trigger_id"], view=views.verdict_modal(view, s.locale))


async def on_modal(s: Services, ack: AsyncAck, body: dict[str, Any], view: dict[str, Any]) -> None:
    """Validate in the ack (errors shown in the modal), then rule. A forged submission is refused too."""
    user = body["user"]["id"]
    label_value, reason, url = views.modal_values(view.get("state") or {})
    errors: dict[str, str] = {}
    if not await s.reviewers.is_reviewer(user):
        errors[views.LABEL_BLOCK] = s.say("not_reviewer")
    label = parse_label(label_value or "")
    if label is None or label is Label.UNCHECKED:
        errors[views.LABEL_BLOCK] = s.say("bad_label", label=label_value or "")
    if not reason:
        errors[views.RATIONALE_BLOCK] = s.say("slack_empty_rationale")
    if url and not URL.match(url):
        errors[views.EVIDENCE_BLOCK] = s.say("slack_bad_url")
    if errors or label is None:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    check_id = int(json.loads(view.get("private_metadata") or "{}").get("check_id", 0))
    record = await s.desk.get_check(check_id)
    await change(s, check_id, label, reason, user, url or None, record.channel_id or "", record.thread_ts)


async def on_not_right(s: Services, ack: AsyncAck, body: dict[str, Any]) -> None:
    await ack()
    channel, user, thread, value = _action_place(body)
    view = await s.desk.review.check_view(int(value))
    if user != view.check.user_id and not await s.reviewers.is_reviewer(user):
        await s.whisper(channel, user, s.say("slack_not_asker"), thread)
    elif not view.alternatives:
        await s.whisper(channel, user, s.say("slack_no_alternatives"), thread)
    else:
        picker = views.repoint_picker(view, s.locale)
        await s.whisper(channel, user, s.say("slack_pick_alternative"), thread, picker)


async def on_repoint(s: Services, ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
    await ack()
    _, user, _, value = _action_place(body)
    check_id, _, claim_id = value.partition(":")
    try:
        await s.desk.picks.repoint(
            int(check_id), claim_id, user, group_members=await s.reviewers.group_members()
        )
    except FactbotError as exc:
        await respond(response_type="ephemeral", replace_original=False, text=s.explain(exc))
        return
    s.deliverer.kick()
    await respond(response_type="ephemeral", replace_original=True, text=s.say("slack_repointed_ok"))


async def on_propose(s: Services, ack: AsyncAck, body: dict[str, Any]) -> None:
    await ack()
    _, user, _, value = _action_place(body)
    if await s.desk.review.propose_claim(int(value), user):
        s.deliverer.kick()
