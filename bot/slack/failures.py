"""How a Slack Web API call failed: retry later (Transient) or give up (Permanent), and the marker that
finds an item's message again. Pure, so every failure shape is tested on its own."""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.store.outbox import OutboxItem

RETRYABLE_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}


class Transient(Exception):
    def __init__(self, code: str, delay: float | None = None) -> None:
        super().__init__(code)
        self.code, self.delay = code, delay


class Permanent(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def classify(exc: BaseException) -> Transient | Permanent:
    """Sort a failed Web API call into retry-later or give-up (pure, so it is tested on its own)."""
    if isinstance(exc, SlackApiError):
        status = exc.response.status_code
        error = str(exc.response.get("error") or f"http_{status}")
        if status == 429 or error == "ratelimited":
            retry_after = exc.response.headers.get("Retry-After") or exc.response.headers.get("retry-after")
            return Transient("ratelimited", float(retry_after) if retry_after else None)
        if status >= 500 or error in RETRYABLE_ERRORS:
            return Transient(f"server:{error}")
        return Permanent(error)
    if isinstance(exc, (aiohttp.ClientError, TimeoutError, OSError)):
        return Transient(f"network:{type(exc).__name__}")
    return Permanent(f"bug:{type(exc).__name__}")


def marker(item: OutboxItem) -> str:
    return f"factbot-outbox-{item.item_id}"
