"""A fake Slack on loopback: the Web API methods factbot uses, response_url endpoints, and a Socket Mode
websocket. It records every call and fails on demand in every shape Slack, its edge and the network
fail in (see SHAPES): JSON errors, 429 + Retry-After, a plain-text or HTML body, an empty body, JSON cut
off mid-answer, a connection reset mid-answer, an answer slower than the client waits, an ``ok: false``
with an error nobody knows yet. Each can happen before or after the work is done (``apply``)."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

SPEC = Path("/work/shared/slack-specs/slack_web_openapi_v2.json")
# The published v2 spec predates Socket Mode: this one method is checked by name only.
NOT_IN_SPEC = {"apps.connections.open": {"token"}}
# Bolt builds a client per request with team_id as a default parameter of every call (org-wide apps).
CLIENT_DEFAULTS = {"token", "team_id"}
JSON_ARGS = {"blocks", "view", "attachments"}
BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    headers: dict[str, str]
    failed: str | None = None


# How an answer can fail (``Failure.shape``):
#   json       {"ok": false, "error": ...} with ``status`` (Slack's own errors, 429 with Retry-After)
#   text       a plain-text body ("internal error"), as Slack's edge answers some 500s
#   html       an HTML error page (a proxy's 503)
#   empty      no body at all (a 502 from a load balancer)
#   truncated  a 200 whose JSON stops half-way
#   reset      the connection closes half-way through the answer
#   slow       the answer comes ``delay`` seconds late (past the client's timeout)
#   unknown    200 and {"ok": false} with an error code Slack may add tomorrow
SHAPES = ("json", "text", "html", "empty", "truncated", "reset", "slow", "unknown")
HTML_503 = "<html><head><title>503 Service Unavailable</title></head><body><h1>503</h1></body></html>"


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    apply: bool = False  # do the work anyway (Slack posted, but the answer was lost)
    shape: str = "json"
    delay: float = 0.0  # seconds a "slow" answer waits


@dataclass
class SpecChecker:
    """Method and argument names from Slack's published Web API spec."""

    methods: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = SPEC) -> SpecChecker:
        spec = json.loads(path.read_text(encoding="utf-8"))
        methods: dict[str, set[str]] = {}
        for route, verbs in spec["paths"].items():
            names = {p["name"] for op in verbs.values() for p in op.get("parameters", [])}
            methods[route.lstrip("/")] = names | CLIENT_DEFAULTS
        methods.update({m: args | CLIENT_DEFAULTS for m, args in NOT_IN_SPEC.items()})
        return cls(methods)

    def problems(self, call: Call) -> list[str]:
        if call.method not in self.methods:
            return [f"unknown method {call.method}"]
        return [
            f"{call.method}: unknown argument {a}" for a in call.args if a not in self.methods[call.method]
        ]


class FakeSlack:
    def __init__(self, spec: SpecChecker, bot_token: str = BOT_TOKEN) -> None:
        self.spec = spec
        self.bot_token = bot_token
        self.calls: list[Call] = []
        self.responses: list[tuple[str, dict[str, Any]]] = []  # (response_url path, body)
        self.messages: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.group_members: list[str] = []
        self.hooks: dict[str, Callable[[Call], None]] = {}
        self._failures: dict[str, deque[Failure]] = defaultdict(deque)
        self._ts = itertools.count(1)
        self._epoch = int(time.time())
        self._changed = asyncio.Condition()
        self.socket_envelopes: list[dict[str, Any]] = []
        self.socket_acks: list[dict[str, Any]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0
        # Random failures on every Web API call (load and chaos runs): a share of calls answer 429 with
        # Retry-After, or 500 (half of those after doing the work: Slack posted, the answer was lost).
        self.fail_rate = 0.0
        self.retry_after = 1
        self.rng = random.Random(7)
        # Chaos: random failures take every shape in SHAPES, half of them after doing the work; a slow
        # answer waits slow_seconds. failing=False stops injecting (the end of the failures).
        self.chaos = False
        self.slow_seconds = 3.0
        self.failing = True
        self.last_post_at = 0.0  # time.monotonic() of the last message that arrived in a channel
        # Files people shared (files.info and the url_private download, which wants the bot token).
        self.files: dict[str, dict[str, Any]] = {}
        self.file_bodies: dict[str, bytes] = {}
        self.downloads: list[tuple[str, str]] = []  # (file id, Authorization header) of each download

    # --- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_get("/socket", self._socket)
        app.router.add_get("/files-pri/{file_id}/{name}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    # --- test controls ------------------------------------------------------------------------------

    def fail_next(self, method: str, times: int = 1, **failure: Any) -> None:
        for _ in range(times):
            self._failures[method].append(Failure(**failure))

    def calls_to(self, method: str, ok_only: bool = True) -> list[Call]:
        return [c for c in self.calls if c.method == method and not (ok_only and c.failed)]

    def spec_problems(self) -> list[str]:
        return [p for call in self.calls for p in self.spec.problems(call)]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait until ``count`` successful calls of ``method`` were made."""
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: len(self.calls_to(method)) >= count)
        return self.calls_to(method)

    async def wait_for_response(self, count: int = 1, timeout: float = 10.0) -> list[dict[str, Any]]:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: len(self.responses) >= count)
        return [body for _, body in self.responses]

    # --- the Web API --------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _arguments(request)
        call = Call(method, args, dict(request.headers))
        auth = request.headers.get("Authorization", "")
        expected = APP_TOKEN if method == "apps.connections.open" else self.bot_token
        failure = self._failures[method].popleft() if self._failures[method] else self._random_failure()
        answer: dict[str, Any] = {}
        if auth != f"Bearer {expected}":
            answer, failure = {"ok": False, "error": "invalid_auth"}, None
            call.failed = "invalid_auth"
        elif failure and not failure.apply:
            call.failed = _label(failure)
        else:
            if method in self.hooks:
                self.hooks[method](call)
            answer = self._answer(method, args, request)
            if failure:
                call.failed = f"applied-but-{_label(failure)}"
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        if failure is None:
            return web.json_response(answer)
        return await _fail(request, failure, answer)

    def _random_failure(self) -> Failure | None:
        if not self.fail_rate or not self.failing or self.rng.random() >= self.fail_rate:
            return None
        if self.chaos:
            return self.random_shape()
        if self.rng.random() < 0.5:
            return Failure(status=429, retry_after=self.retry_after)
        return Failure(status=500, apply=self.rng.random() < 0.5)

    def random_shape(self) -> Failure:
        """One failure of a random shape (SHAPES, plus 429 among the JSON errors), half applied."""
        shape = self.rng.choice(SHAPES)
        applied = self.rng.random() < 0.5
        if shape == "json":
            if self.rng.random() < 0.5:
                return Failure(status=429, retry_after=self.retry_after)
            return Failure(status=500, apply=applied)
        status = {"text": 500, "html": 503, "empty": 502}.get(shape, 200)
        return Failure(status=status, shape=shape, apply=applied, delay=self.slow_seconds)

    def _answer(self, method: str, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        return handler(args, request) if handler else {"ok": True}

    def _next_ts(self) -> str:
        """Unique, increasing, and near the real clock (conversations.history is asked by time)."""
        return f"{self._epoch}.{next(self._ts):06d}"

    def _auth_test(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://newsroom.slack.com/",
            "team": "Newsroom",
            "user": "factbot",
            "team_id": "T0NEWS",
            "user_id": "UBOT",
            "bot_id": "BBOT",
            "is_enterprise_install": False,
        }

    def _chat_postMessage(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        channel = args["channel"]
        message = {
            "type": "message",
            "user": "UBOT",
            "bot_id": "BBOT",
            "text": args.get("text", ""),
            "ts": self._next_ts(),
            "blocks": args.get("blocks", []),
        }
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        self.messages[channel].append(message)
        self.last_post_at = time.monotonic()
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _chat_update(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        for message in self.messages[args["channel"]]:
            if message["ts"] == args["ts"]:
                message.update(text=args.get("text", ""), blocks=args.get("blocks", []))
                return {"ok": True, "channel": args["channel"], "ts": args["ts"], "text": message["text"]}
        return {"ok": False, "error": "message_not_found"}

    def _chat_postEphemeral(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_getPermalink(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        ts = str(args.get("message_ts", "")).replace(".", "")
        link = f"https://newsroom.slack.com/archives/{args.get('channel')}/p{ts}"
        return {"ok": True, "channel": args.get("channel"), "permalink": link}

    def _views_open(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        return {"ok": True, "view": {"id": "V0MODAL", **args.get("view", {})}}

    def _views_publish(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        return {"ok": True, "view": {"id": "V0HOME", **args.get("view", {})}}

    def _usergroups_users_list(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        return {"ok": True, "users": list(self.group_members)}

    def _conversations_replies(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        """The parent and its replies, oldest first, ``limit`` a page (Slack's cursor pagination)."""
        ts = args["ts"]
        found = [m for m in self.messages[args["channel"]] if m["ts"] == ts or m.get("thread_ts") == ts]
        return _page(found, args)

    def _conversations_history(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        """Top-level messages newest first, between ``oldest`` and ``latest``, ``limit`` a page."""
        oldest = float(args.get("oldest") or 0)
        latest = float(args.get("latest") or "inf")
        found = [
            m
            for m in self.messages[args["channel"]]
            if "thread_ts" not in m and oldest <= float(m["ts"]) <= latest
        ]
        return _page(list(reversed(found)), args)

    def _files_info(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        info = self.files.get(str(args.get("file")))
        return {"ok": True, "file": info} if info else {"ok": False, "error": "file_not_found"}

    def _apps_connections_open(self, args: dict[str, Any], request: web.Request) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    # --- files ------------------------------------------------------------------------------------------

    def add_file(self, name: str, data: bytes, mimetype: str = "text/plain") -> dict[str, Any]:
        """A file as Slack describes it in a message and in files.info; its url_private is served here."""
        file_id = f"F{len(self.files) + 1:08d}"
        url = f"http://127.0.0.1:{self.port}/files-pri/{file_id}/{name}"
        info = {
            "id": file_id,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": name.rsplit(".", 1)[-1],
            "size": len(data),
            "url_private": url,
            "url_private_download": url + "?download=1",
        }
        self.files[file_id], self.file_bodies[file_id] = info, data
        return info

    async def _download(self, request: web.Request) -> web.Response:
        """url_private: only with the bot token (Slack answers a login page otherwise)."""
        file_id = request.match_info["file_id"]
        auth = request.headers.get("Authorization", "")
        self.downloads.append((file_id, auth))
        if auth != f"Bearer {self.bot_token}":
            return web.Response(status=302, headers={"Location": "https://newsroom.slack.com/"})
        if file_id not in self.file_bodies:
            return web.Response(status=404)
        return web.Response(body=self.file_bodies[file_id], content_type="application/octet-stream")

    # --- response_url and Socket Mode -----------------------------------------------------------------

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        async with self._changed:
            self.responses.append((request.match_info["name"], body))
            self._changed.notify_all()
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        """Say hello, send the queued envelopes, and record the acks that come back."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        for envelope in self.socket_envelopes:
            await ws.send_json(envelope)
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                async with self._changed:
                    self.socket_acks.append(json.loads(msg.data))
                    self._changed.notify_all()
        return ws

    async def wait_for_ack(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(
                lambda: any(a.get("envelope_id") == envelope_id for a in self.socket_acks)
            )
        return next(a for a in self.socket_acks if a.get("envelope_id") == envelope_id)


async def _arguments(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        raw = await request.text()
        if request.content_type == "application/json":
            args.update(json.loads(raw or "{}"))
        else:
            args.update(dict(parse_qsl(raw, keep_blank_values=True)))
    for key in JSON_ARGS & args.keys():
        if isinstance(args[key], str):
            args[key] = json.loads(args[key])
    return args


def _page(messages: list[dict[str, Any]], args: dict[str, Any]) -> dict[str, Any]:
    """One page of ``messages`` as Slack pages them: ``limit`` (default 100) from ``cursor``."""
    start = int(args.get("cursor") or 0)
    limit = int(args.get("limit") or 100)
    page = messages[start : start + limit]
    more = start + limit < len(messages)
    body: dict[str, Any] = {"ok": True, "messages": page, "has_more": more}
    if more:
        body["response_metadata"] = {"next_cursor": str(start + limit)}
    return body


def _failure_body(failure: Failure) -> dict[str, Any]:
    if failure.error:
        return {"ok": False, "error": failure.error}
    if failure.status == 429:
        return {"ok": False, "error": "ratelimited"}
    return {"ok": False, "error": "internal_error"}


def _label(failure: Failure) -> str:
    if failure.shape == "json":
        return failure.error or str(failure.status)
    return f"{failure.shape}-{failure.status}"


async def _fail(request: web.Request, failure: Failure, answer: dict[str, Any]) -> web.StreamResponse:
    """The answer in ``failure``'s shape (``answer``: what Slack would have said had all gone well)."""
    headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
    shape, status = failure.shape, failure.status
    if shape == "json":
        return web.json_response(_failure_body(failure), status=status, headers=headers)
    if shape == "text":
        return web.Response(status=status, text="internal error", content_type="text/plain")
    if shape == "html":
        return web.Response(status=status, text=HTML_503, content_type="text/html")
    if shape == "empty":
        return web.Response(status=status, body=b"", content_type="application/json")
    if shape == "unknown":
        error = failure.error or "a_new_error_nobody_knows_yet"
        return web.json_response({"ok": False, "error": error}, status=status)
    full = json.dumps(answer or {"ok": True}).encode()
    if shape == "truncated":
        return web.Response(status=status, body=full[: len(full) // 2], content_type="application/json")
    if shape == "slow":
        await asyncio.sleep(failure.delay)  # then the answer, or an error if the work was not done
        return web.json_response(answer or _failure_body(failure), status=status if answer else 503)
    if shape == "reset":
        response = web.StreamResponse(status=status, headers={"Content-Type": "application/json"})
        response.content_length = len(full)
        await response.prepare(request)
        await response.write(full[: len(full) // 2])
        if request.transport is not None:
            request.transport.abort()  # the client reads half an answer, then a reset
        return response
    raise ValueError(f"unknown failure shape {shape!r}")
