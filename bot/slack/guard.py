"""Refuse signed payloads no Slack would send: wrong types where listeners read, ids that are not ids.

Slack's payloads have a fixed shape; a body that is signed but shaped otherwise comes from someone
holding the secret or from a bug. Either way it gets a 400 and a warning, never a half-run listener
and a traceback. ``malformed`` is pure, so it is tested on its own.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger(__name__)
_ID = re.compile(r"^[0-9]{1,18}$")
_EVENT_STRINGS = ("type", "channel", "user", "text", "ts", "thread_ts", "subtype", "deleted_ts", "bot_id")
# Block actions whose value is a check id ("12") or check id and claim ("12:claim-id").
_ID_ACTIONS = {"change_verdict", "not_right_claim", "propose_claim"}
_PAIR_ACTIONS = {"repoint_claim"}


def _strings(node: Any, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if node.get(key) is not None and not isinstance(node[key], str):
            return key
    return None


def _event(event: Any) -> str | None:
    if not isinstance(event, dict):
        return "event"
    if bad := _strings(event, _EVENT_STRINGS):
        return f"event.{bad}"
    for key in ("message", "previous_message"):
        inner = event.get(key)
        if inner is not None and (not isinstance(inner, dict) or _strings(inner, _EVENT_STRINGS)):
            return f"event.{key}"
    return None


def _actions(body: dict[str, Any]) -> str | None:
    actions = body.get("actions")
    if not isinstance(actions, list) or not actions or not all(isinstance(a, dict) for a in actions):
        return "actions"
    for action in actions:
        if bad := _strings(action, ("action_id", "value")):
            return f"actions.{bad}"
        value = action.get("value") or (action.get("selected_option") or {}).get("value")
        if not isinstance(action.get("selected_option") or {}, dict):
            return "actions.selected_option"
        name = action.get("action_id")
        if name in _ID_ACTIONS and not (isinstance(value, str) and _ID.match(value)):
            return "actions.value"
        if name in _PAIR_ACTIONS and not (isinstance(value, str) and _ID.match(value.partition(":")[0])):
            return "actions.value"
    for key in ("channel", "container", "message"):
        if body.get(key) is not None and not isinstance(body[key], dict):
            return key
    return None


def _view(body: dict[str, Any]) -> str | None:
    view = body.get("view")
    if not isinstance(view, dict):
        return "view"
    state = view.get("state") or {}
    values = state.get("values", {}) if isinstance(state, dict) else None
    if not isinstance(values, dict) or not all(
        isinstance(block, dict) and all(isinstance(a, dict) for a in block.values())
        for block in values.values()
    ):
        return "view.state"
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except (TypeError, ValueError):
        return "view.private_metadata"
    if not isinstance(meta, dict) or not _ID.match(str(meta.get("check_id", "0"))):
        return "view.private_metadata"
    return None


_OBJECTS = ("event", "user", "team", "enterprise", "channel", "container", "message", "view", "state")


def malformed(body: dict[str, Any]) -> str | None:
    """The first field of a payload that no Slack payload would carry in this shape, or None."""
    kind = body.get("type")
    if kind is not None and not isinstance(kind, str):
        return "type"
    if "event" in body and not isinstance(body["event"], dict):
        return "event"  # even null: Bolt reads body.get("event", {}).get(...) on every request
    for key in _OBJECTS:  # Bolt's own middleware reads these as objects whatever the type
        value = body.get(key)
        user_id = key == "user" and isinstance(value, str) and kind is None
        if value is not None and not isinstance(value, dict) and not user_id:
            return key
    if "authorizations" in body and not (
        isinstance(body["authorizations"], list) and all(isinstance(a, dict) for a in body["authorizations"])
    ):
        return "authorizations"
    if kind == "event_callback":
        return _event(body.get("event"))
    if kind in ("block_actions", "view_submission", "message_action", "shortcut"):
        user = body.get("user")
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            return "user"
    if kind == "block_actions":
        return _actions(body)
    if kind == "view_submission":
        return _view(body)
    if kind == "message_action":
        if not isinstance(body.get("message"), dict) or _strings(
            body["message"], ("text", "ts", "thread_ts")
        ):
            return "message"
        if not isinstance(body.get("channel"), dict):
            return "channel"
    return None


class RejectMalformed(AsyncMiddleware):
    """Bolt middleware: a 400 for a payload of the wrong shape, before any listener runs.

    A middleware class, not a decorated function: Bolt builds keyword arguments for a function
    middleware on every request (this one and SkipSeenEvents as functions were a sixth of the CPU
    of a /checkclaim dispatch)."""

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        body = req.body
        if isinstance(body, dict) and (field := malformed(body)):
            log.warning("refused a %s payload with a malformed %s", body.get("type") or "?", field)
            return BoltResponse(status=400, body="")
        return await next()
