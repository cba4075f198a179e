"""``factbot serve``: Socket Mode when SLACK_APP_TOKEN is set, else HTTP with /slack/events and /healthz.

Tokens are checked before anything starts (errors name the variable, never its value); SIGTERM and
Ctrl-C stop the server, the outbox deliverer and the database cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
import socket
from collections.abc import Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.desk.service import Desk
from bot.digest.schedule import DigestScheduler
from bot.errors import ConfigError
from bot.slack.app import SlackRuntime, build_runtime
from bot.slack.deliver import DeliveryPolicy
from bot.slack.guard import malformed

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def check_tokens(settings: Settings) -> str:
    """The mode to run in ("socket" or "http"), or a ConfigError naming the missing/malformed variable."""
    if not settings.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set: copy the bot token (xoxb-…) from the app's OAuth page")
    if not settings.slack_bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN is malformed: a bot token starts with xoxb-")
    if settings.slack_app_token:
        if not settings.slack_app_token.startswith("xapp-"):
            raise ConfigError("SLACK_APP_TOKEN is malformed: an app-level token starts with xapp-")
        return "socket"
    if not settings.slack_signing_secret:
        raise ConfigError("SLACK_SIGNING_SECRET is not set: HTTP mode needs it (or set SLACK_APP_TOKEN)")
    return "http"


def web_app(runtime: SlackRuntime) -> web.Application:
    """POST /slack/events goes to Bolt (signature checked there); GET /healthz reports the database."""
    desk = runtime.services.desk

    verifier = SignatureVerifier(runtime.signing_secret)

    async def events(request: web.Request) -> web.Response:
        """Bolt checks the signature too; checking it first here means unsigned garbage never reaches a
        parser (401), and a signed body Bolt cannot read is a 400 with a warning, never a 500."""
        body = await request.read()
        try:
            valid = verifier.is_valid_request(body, request.headers)
        except ValueError:  # a timestamp header that is not a number
            valid = False
        if not valid:
            return web.Response(status=401, text="invalid request")
        try:
            bolt_request = await to_bolt_request(request)
            if not isinstance(bolt_request.body, dict) or (field := malformed(bolt_request.body)):
                raise ValueError(f"malformed {field}")  # Bolt's own middleware would trip on it first
            return await to_aiohttp_response(await runtime.app.async_dispatch(bolt_request))
        except Exception as exc:  # malformed JSON or form, a payload of the wrong shape
            log.warning("refused a signed request Slack would never send: %s", type(exc).__name__)
            return web.Response(status=400, text="malformed request")

    async def health(_: web.Request) -> web.Response:
        """The database answers (else 503); the outbox's open items, items stuck past their lease (an
        attempt that died: they fall due again by themselves) and items that failed for good."""
        healthy = await desk.db.healthy()
        body: dict[str, object] = {"ok": healthy, "database": "ok" if healthy else "unavailable"}
        if healthy:
            outbox = await desk.outbox.health()
            body["outbox_open"] = outbox.open
            body["outbox_stuck"] = outbox.stuck
            body["outbox_failed"] = outbox.failed
        return web.json_response(body, status=200 if healthy else 503)

    app = web.Application()
    app.router.add_post(EVENTS_PATH, events)
    app.router.add_get(HEALTH_PATH, health)
    return app


async def start_http(runtime: SlackRuntime, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Serve the app; port 0 picks a free one (tests). Returns the runner and the bound port."""
    runner = web.AppRunner(web_app(runtime), access_log=None)
    await runner.setup()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    await web.SockSite(runner, sock).start()
    return runner, int(sock.getsockname()[1])


async def serve(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    policy: DeliveryPolicy | None = None,
    host: str = "0.0.0.0",
    on_ready: Callable[[int | None], None] | None = None,
) -> None:
    """Run until SIGTERM/SIGINT (or ``stop`` is set). ``on_ready`` gets the HTTP port (None: Socket Mode)."""
    mode = check_tokens(settings)
    stop = stop or asyncio.Event()
    desk = await Desk.open(settings)
    runtime = build_runtime(settings, desk, policy)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    digests = DigestScheduler(desk.digests, runtime.deliverer.kick)
    try:
        await runtime.start(settings.lookup_workers)
        gc.freeze()  # start-up objects (the tokenizer's dictionaries) never need collecting
        await digests.start()
        if mode == "socket":
            handler = AsyncSocketModeHandler(runtime.app, settings.slack_app_token)
            await handler.connect_async()  # type: ignore[no-untyped-call]
            log.info("factbot is connected to Slack in Socket Mode")
            if on_ready:
                on_ready(None)
            await stop.wait()
            await handler.close_async()  # type: ignore[no-untyped-call]
        else:
            runner, port = await start_http(runtime, host, settings.port)
            log.info("factbot listens on http://%s:%d%s", host, port, EVENTS_PATH)
            if on_ready:
                on_ready(port)
            await stop.wait()
            await runner.cleanup()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        digests.stop()
        await runtime.stop()
        await desk.close()
        log.info("factbot stopped")
