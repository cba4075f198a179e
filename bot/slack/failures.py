"""How a Slack Web API call failed: retry later (Transient) or give up (Permanent), and the marker that
finds an item's message again. Pure, so every failure shape is tested on its own.

Slack and the network fail in more shapes than Slack's JSON errors: a 503 page in HTML or a plain-text
``internal error`` from a proxy, an empty 502, JSON cut off mid-answer, a connection reset, a read
timeout, a DNS failure, an ``ok: false`` with an error code Slack adds tomorrow. ``classify`` never
raises: whatever it cannot read is ``unknown:`` and transient (retried with back-off up to the
outbox's limit, then failed and visible), and the outbox treats it as possibly posted.
"""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Mapping
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.store.outbox import OutboxItem

RETRYABLE_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
# Errors after which the same call can never succeed (Slack's documented errors of chat.postMessage,
# chat.update and conversations.history/replies): retrying them only delays the asker's answer.
PERMANENT_ERRORS = {
    "not_in_channel",
    "channel_not_found",
    "is_archived",
    "restricted_action",
    "restricted_action_read_only_channel",
    "restricted_action_thread_only_channel",
    "restricted_action_non_threadable_channel",
    "msg_too_long",
    "no_text",
    "too_many_attachments",
    "invalid_blocks",
    "invalid_blocks_format",
    "invalid_arguments",
    "invalid_arg_name",
    "invalid_array_arg",
    "invalid_charset",
    "invalid_form_data",
    "invalid_post_type",
    "missing_post_type",
    "invalid_auth",
    "not_authed",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "no_permission",
    "missing_scope",
    "not_allowed_token_type",
    "ekm_access_denied",
    "team_access_not_granted",
    "message_not_found",
    "cant_update_message",
    "edit_window_closed",
    "thread_not_found",
    "duplicate_channel_not_found",
    "channel_is_archived",
    "method_deprecated",
    "deprecated_endpoint",
    "two_factor_setup_required",
    "user_is_bot",
}


class Transient(Exception):
    def __init__(self, code: str, delay: float | None = None) -> None:
        super().__init__(code)
        self.code, self.delay = code, delay


class Permanent(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def classify(exc: BaseException) -> Transient | Permanent:
    """Sort a failed Web API call (or a bug on the way) into retry-later or give-up. Never raises."""
    try:
        return _classify(exc)
    except Exception:  # a shape no branch foresaw: retry it, up to the limit
        return Transient(f"unknown:{type(exc).__name__}")


def _classify(exc: BaseException) -> Transient | Permanent:
    if isinstance(exc, (Transient, Permanent)):
        return exc
    if isinstance(exc, SlackApiError):
        return _api_error(exc.response)
    if isinstance(exc, (TimeoutError, asyncio.TimeoutError)):
        return Transient("network:timeout")
    if isinstance(exc, aiohttp.ClientConnectorError):  # DNS failure, connection refused: never sent
        return Transient(f"network:{type(exc).__name__}")
    if isinstance(exc, (aiohttp.ClientError, OSError)):  # reset mid-answer, truncated payload, ...
        return Transient(f"network:{type(exc).__name__}")
    if isinstance(exc, SlackClientError):
        return Transient(f"unknown:{type(exc).__name__}")
    # Anything else: a body the client library could not read (it raises AttributeError on a text body)
    # or a bug of ours. Either way the post may have happened: retry, looking first.
    return Transient(f"unknown:{type(exc).__name__}")


def _api_error(response: Any) -> Transient | Permanent:
    """An answer that arrived: ``response`` is a SlackResponse, or aiohttp's response when the body was
    not JSON (then ``data`` is missing and the status is ``status``)."""
    status = _status(response)
    data = getattr(response, "data", None)
    error = str(data.get("error") or "") if isinstance(data, Mapping) else ""
    if status == 429 or error == "ratelimited":
        return Transient("ratelimited", retry_after(getattr(response, "headers", None)))
    if status >= 500:
        return Transient(f"server:{error or f'http_{status}'}")
    if error in RETRYABLE_ERRORS:
        return Transient(f"server:{error}")
    if error in PERMANENT_ERRORS:
        return Permanent(error)
    if error:  # an ok:false Slack may add tomorrow
        return Transient(f"unknown:{error}")
    return Transient(f"unknown:http_{status}" if status else "unknown:unreadable_answer")


def _status(response: Any) -> int:
    for name in ("status_code", "status"):
        value = getattr(response, name, None)
        if isinstance(value, int):
            return value
    return 0


def retry_after(headers: Any) -> float | None:
    """Seconds of a Retry-After header (None when absent or not a number of seconds)."""
    try:
        value = headers.get("Retry-After") or headers.get("retry-after") if headers is not None else None
        seconds = float(value) if value is not None else None
    except (TypeError, ValueError, AttributeError):
        return None
    return seconds if seconds is not None and 0 <= seconds < 3600 else None


def where(exc: BaseException) -> str:
    """The innermost frame an exception came from (file:line), for a log line without a traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return "?"
    last = frames[-1]
    return f"{last.filename.rsplit('/', 1)[-1]}:{last.lineno}"


def marker(item: OutboxItem) -> str:
    return f"factbot-outbox-{item.item_id}"
