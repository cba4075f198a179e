"""The Slack app factory: nothing is created at import time, so every test builds a fresh app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.desk.intake import CheckIntake
from bot.desk.service import Desk
from bot.errors import FactbotError
from bot.lookup.pool import LookupPool
from bot.messages import t
from bot.slack import commands, guard, home, ingest, picks, review, shortcuts
from bot.slack.context import Services, explain
from bot.slack.deliver import Deliverer, DeliveryPolicy
from bot.slack.reviewers import ReviewerDirectory
from bot.store.intake import PendingCheck

log = logging.getLogger(__name__)
LISTENERS = (commands, review, shortcuts, home, picks, ingest)
AUTHORIZE_WITHIN = 10.0  # seconds a start waits for auth.test before serving anyway
# Bolt runs a listener in a task of its own and answers Slack as soon as the listener acks.
BOLT_LISTENER_TASK = "AsyncioListenerRunner."


@dataclass(frozen=True, slots=True)
class SlackRuntime:
    """The app and the outbox deliverer that must run beside it."""

    app: AsyncApp
    services: Services
    signing_secret: str = ""
    authorize: Callable[[], Awaitable[AuthorizeResult]] | None = None

    @property
    def deliverer(self) -> Deliverer:
        return self.services.deliverer

    @property
    def intake(self) -> CheckIntake:
        return self.services.intake

    async def start(self, lookup_workers: int = 0) -> None:
        """Warm the lookup (or start its worker processes), open one keep-alive HTTP session to Slack,
        recover and run the outbox, then answer received checks (first those a crash left pending)."""
        desk = self.services.desk
        if lookup_workers > 0 and desk.db.path != ":memory:":
            desk.lookups = await LookupPool.start(desk.db.path, desk.settings.seeds_path(), lookup_workers)
        else:
            await desk.warm_up()
        client = self.services.client
        if client.session is None or client.session.closed:
            client.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100))
        await self.authorize_early()
        await self.deliverer.start()
        await self.intake.start()
        await self.services.articles.start()

    async def authorize_early(self, within: float = AUTHORIZE_WITHIN) -> None:
        """Ask auth.test before any request arrives (a few tries, at most ``within`` seconds). Bolt
        authorizes every request, so a slow or failing auth.test on the first requests after a start
        would hold their acknowledgements (the chaos bench saw 2.7 s); if Slack does not answer now,
        the first request asks again."""
        if self.authorize is None:
            return
        try:
            async with asyncio.timeout(within):
                for attempt in range(1, 4):
                    try:
                        await self.authorize()
                        return
                    except Exception as exc:
                        log.warning("auth.test at start failed (%s), attempt %d", type(exc).__name__, attempt)
                        await asyncio.sleep(0.2 * attempt)
        except TimeoutError:
            log.warning("auth.test did not answer at start; the first request will ask again")

    async def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until every received check is answered and nothing is left to post (tests)."""
        await self.intake.wait_idle(timeout)
        await self.services.articles.wait_idle(timeout)
        await self.deliverer.wait_idle(timeout)

    async def stop(self, grace: float = 10.0) -> None:
        """Let listener work Bolt started after its ack finish and answer the checks already received
        (what the grace does not cover stays pending in the database for the next start), then stop
        the outbox and close the session. Call it once no new requests arrive."""
        await finish_listeners(grace)
        await self.intake.stop(grace)
        await self.services.articles.stop(grace)
        await self.deliverer.stop()
        if self.services.desk.lookups is not None:
            self.services.desk.lookups.close()
            self.services.desk.lookups = None
        session = self.services.client.session
        if session is not None and not session.closed:
            await session.close()


async def finish_listeners(grace: float) -> int:
    """Wait (at most ``grace`` seconds) for the listener tasks Bolt runs after acknowledging a request;
    returns how many were still running when the grace ran out."""
    running = [
        task
        for task in asyncio.all_tasks()
        if task is not asyncio.current_task()
        and getattr(task.get_coro(), "__qualname__", "").startswith(BOLT_LISTENER_TASK)
    ]
    if not running:
        return 0
    _done, pending = await asyncio.wait(running, timeout=grace)
    if pending:
        log.warning("%d listeners still running after %.0fs; stopping anyway", len(pending), grace)
    return len(pending)


# Posting twice is worse than posting late: a 5xx or a dropped connection may hide a message Slack did
# post, so these methods are retried by the outbox (which looks before re-posting), never blindly.
NOT_IDEMPOTENT = ("chat.postMessage", "chat.postEphemeral")


class _IdempotentOnly:
    """Mixin for slack_sdk retry handlers: never retry a method that would post a second message."""

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if request.url.rstrip("/").endswith(NOT_IDEMPOTENT):
            return False
        parent = super()._can_retry_async  # type: ignore[misc]
        return bool(await parent(state=state, request=request, response=response, error=error))


class ServerErrorRetries(_IdempotentOnly, AsyncServerErrorRetryHandler):
    pass


class ConnectionErrorRetries(_IdempotentOnly, AsyncConnectionErrorRetryHandler):
    pass


def build_client(settings: Settings, policy: DeliveryPolicy) -> AsyncWebClient:
    """A Web API client on settings.slack_api_url with slack_sdk's retry handlers attached."""
    interval = BackoffRetryIntervalCalculator(backoff_factor=policy.client_backoff)
    retries = policy.client_retries
    return AsyncWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=int(policy.timeout),
        retry_handlers=[
            AsyncRateLimitErrorRetryHandler(max_retry_count=retries),
            ServerErrorRetries(max_retry_count=retries, interval_calculator=interval),
            ConnectionErrorRetries(max_retry_count=retries, interval_calculator=interval),
        ],
    )


def build_runtime(settings: Settings, desk: Desk, policy: DeliveryPolicy | None = None) -> SlackRuntime:
    policy = policy or DeliveryPolicy()
    client = build_client(settings, policy)
    # Without a secret (Socket Mode) HTTP requests must still never verify: use an unguessable one.
    signing_secret = settings.slack_signing_secret or secrets.token_hex(32)
    authorize = _authorize_once(client)
    app = AsyncApp(
        signing_secret=signing_secret,
        # Bolt's per-request clients take the token from authorize; a token on this one as well only
        # earned a warning at every start ("`token` ... will be ignored").
        client=AsyncWebClient(
            base_url=client.base_url, timeout=client.timeout, retry_handlers=client.retry_handlers
        ),
        authorize=authorize,
        logger=logging.getLogger("bot.slack.bolt"),
    )
    deliverer = Deliverer(desk, client, policy)
    intake = CheckIntake(desk, lambda _check_id: deliverer.kick(), _tell_refusal(deliverer, desk))
    articles = ingest.build_intake(desk, client, deliverer)
    services = Services(desk, client, deliverer, ReviewerDirectory(desk, client), intake, articles)
    app.use(guard.RejectMalformed())
    guard.claim_events(app, desk)
    for module in LISTENERS:
        module.register(app, services)
    app.error(_on_error)
    return SlackRuntime(app, services, signing_secret, authorize)


def _tell_refusal(
    deliverer: Deliverer, desk: Desk
) -> Callable[[PendingCheck, FactbotError], Awaitable[None]]:
    """A received check that cannot be answered: tell the asker why, privately."""

    async def tell(pending: PendingCheck, error: FactbotError) -> None:
        if pending.announce.reply_url:
            await deliverer.tell_asker(pending.announce.reply_url, explain(error, desk.settings.locale))

    return tell


def _authorize_once(client: AsyncWebClient) -> Callable[..., Awaitable[AuthorizeResult]]:
    """One workspace, one bot token: ask auth.test once and remember it.

    Bolt's default asks on every request until its cache fills, so a burst of first requests makes a
    burst of auth.test calls (rate-limited under load, delaying acks)."""
    lock = asyncio.Lock()
    known: list[AuthorizeResult] = []

    async def authorize(enterprise_id: str | None = None, team_id: str | None = None) -> AuthorizeResult:
        async with lock:
            if not known:
                response = await client.auth_test()
                known.append(
                    AuthorizeResult.from_auth_test_response(
                        bot_token=client.token, auth_test_response=response
                    )
                )
        return known[0]

    return authorize


def build_app(settings: Settings, desk: Desk, policy: DeliveryPolicy | None = None) -> AsyncApp:
    """``build_app(settings, desk) -> AsyncApp`` (its outbox deliverer is not started: see serve)."""
    return build_runtime(settings, desk, policy).app


async def _on_error(error: Exception, body: dict[str, Any], respond: AsyncRespond) -> None:
    """The one error handler: log the failure (never a token), tell the user kindly when we can."""
    kind = body.get("type") or body.get("command") or "?"
    if isinstance(error, FactbotError):  # e.g. a button naming a check that does not exist: no bug
        log.warning("listener refused %s: %s", kind, type(error).__name__)
    else:
        log.error("listener failed on %s: %s", kind, type(error).__name__, exc_info=error)
    if body.get("response_url"):
        with contextlib.suppress(Exception):
            await respond(response_type="ephemeral", replace_original=False, text=t("internal_error"))
