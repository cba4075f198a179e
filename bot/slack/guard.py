"""Guards in front of the listeners: payloads no Slack would send, and events Slack sends twice.

Slack's payloads have a fixed shape; a body that is signed but shaped otherwise comes from someone
holding the secret or from a bug. Either way it gets a 400 and a warning, never a half-run listener
and a traceback. ``malformed`` is pure, so it is tested on its own.

Slack delivers an event again (same event_id, X-Slack-Retry-Num) when it thinks we missed it, also
while the first delivery is still running. ``ClaimEvents`` claims the event id at arrival on a short
lease, so such a retry is acknowledged and ignored; a first run that fails releases the claim so that
Slack's next retry still runs it, and a crashed run's claim expires.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.listener.async_listener_completion_handler import AsyncListenerCompletionHandler
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.desk.service import Desk
from bot.store import events

log = logging.getLogger(__name__)
_ID = re.compile(r"^[0-9]{1,18}$")
_EVENT_STRINGS = ("type", "channel", "user", "text", "ts", "thread_ts", "subtype", "deleted_ts", "bot_id")
# Block actions whose value is a check id ("12") or check id and claim ("12:claim-id").
_ID_ACTIONS = {"change_verdict", "not_right_claim", "propose_claim"}
_PAIR_ACTIONS = {"repoint_claim"}
# How long a claimed event is held by its first delivery: longer than a listener's Web API call (30 s
# client timeout), shorter than Slack's second retry (one minute after the first), so the run of a
# process that died is taken over by that retry.
EVENT_LEASE = 45.0


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


def event_id_of(body: Any) -> str | None:
    """The event id of an Events API callback (None for anything else)."""
    if not isinstance(body, dict) or body.get("type") != "event_callback":
        return None
    event_id = body.get("event_id")
    return str(event_id) if event_id else None


class ClaimEvents(AsyncMiddleware):
    """Bolt middleware: claim an event at arrival; a delivery of an event already handled or being
    handled is acknowledged (200) and goes no further. (A class: see RejectMalformed.)"""

    def __init__(self, desk: Desk, lease: float = EVENT_LEASE) -> None:
        self.desk, self.lease = desk, lease

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse | None:
        event_id = event_id_of(req.body)
        if event_id is not None:
            now = self.desk.clock().timestamp()
            state = await self.desk.db.write_first(events.claim, event_id, now, self.lease)
            if state != events.RUN:
                retry = req.headers.get("x-slack-retry-num", ["0"])[0]
                log.info("event %s %s; delivery (retry %s) ignored", event_id, state, retry)
                return BoltResponse(status=200, body="")
        return await next()


def listener_failed(request: AsyncBoltRequest) -> bool:
    """Whether the listener of ``request`` raised. Bolt's runner, catching the exception, replaces the
    acknowledgement's response with None (already acknowledged, as events are) or a 500."""
    ack = request.context.ack
    answer = ack.response if ack is not None else None
    return answer is None or answer.status >= 500


class SettleEvents(AsyncListenerCompletionHandler):
    """Bolt's listener completion hook: an event whose listener finished is done; one whose listener
    raised is released for Slack's retry."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        event_id = event_id_of(request.body)
        if event_id is None:
            return
        try:
            if listener_failed(request):
                await self.desk.db.write(events.release, event_id)
            else:
                await self.desk.db.write(events.done, event_id, self.desk.clock().timestamp())
        except Exception as exc:  # the claim then simply expires
            log.warning("event %s: could not settle its claim: %s", event_id, type(exc).__name__)


def claim_events(app: AsyncApp, desk: Desk, lease: float = EVENT_LEASE) -> None:
    """Install the event claim on ``app``: the middleware at arrival, the settling when a listener ends."""
    app.use(ClaimEvents(desk, lease))
    app.listener_runner.listener_completion_handler = SettleEvents(desk)
