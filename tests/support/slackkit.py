"""Helpers for the Slack tests: recorded payloads, Slack's request signature, and the running bot."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlencode

import aiohttp
from fake_slack import FakeSlack

from bot.desk.service import Desk
from bot.slack.app import SlackRuntime
from bot.slack.deliver import DeliveryPolicy

PAYLOADS = Path(__file__).resolve().parent.parent / "payloads"
SECRET = "test-signing-secret"
CHANNEL = "C0NEWS"
ASKER = "UASKER"
REVIEWER = "UREVIEWER"
GROUP_REVIEWER = "UGROUPREV"
STRANGER = "USTRANGER"
MATCHED = "北京西站日均退票量达1.2万张"
FAST = DeliveryPolicy(
    base_delay=0.05, max_delay=0.2, max_attempts=4, client_retries=1, client_backoff=0.01, timeout=5
)
_ids = itertools.count(1)


def payload(name: str, **values: Any) -> dict[str, Any]:
    """A recorded payload from tests/payloads with its $placeholders filled in."""
    mapping = {k: str(v) for k, v in values.items()}

    def fill(node: Any) -> Any:
        if isinstance(node, str):
            return Template(node).safe_substitute(mapping)
        if isinstance(node, list):
            return [fill(n) for n in node]
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        return node

    return fill(json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8")))


def sign(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 signature: HMAC-SHA256 of "v0:{timestamp}:{body}" with the signing secret."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def read_rows(db_path: str, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
    """Read the database file directly (a second connection, as an auditor would)."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return list(conn.execute(sql, params))
    finally:
        conn.close()


@dataclass
class Bot:
    """The running app: send it signed requests, look into its database."""

    url: str
    desk: Desk
    runtime: SlackRuntime
    fake: FakeSlack
    http: aiohttp.ClientSession

    async def post(
        self, body: str, content_type: str, headers: dict[str, str] | None = None, signed: bool = True
    ) -> aiohttp.ClientResponse:
        all_headers = {"Content-Type": content_type, **(sign(body) if signed else {}), **(headers or {})}
        async with self.http.post(self.url, data=body.encode(), headers=all_headers) as resp:
            await resp.read()
            return resp

    async def command(self, text: str, user: str = ASKER, channel: str = CHANNEL, **extra: str) -> Any:
        form = payload(
            "slash_checkclaim", text=text, user=user, channel=channel, response_url=self.fake.response_url()
        )
        form.update(extra)
        body = urlencode(form)
        async with self.http.post(
            self.url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        ) as resp:
            return resp.status, (await resp.text())

    async def event(self, name: str, retry: int | None = None, **values: Any) -> int:
        values.setdefault("event_id", f"Ev{next(_ids):08d}")
        body = json.dumps(payload(name, **values), ensure_ascii=False)
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        resp = await self.post(body, "application/json", headers)
        return resp.status

    async def interaction(self, name: str, **values: Any) -> tuple[int, str]:
        values.setdefault("response_url", self.fake.response_url("action"))
        body = urlencode({"payload": json.dumps(payload(name, **values), ensure_ascii=False)})
        async with self.http.post(
            self.url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
        ) as resp:
            return resp.status, await resp.text()

    async def until(self, sql: str, expected: int, timeout: float = 10.0) -> list[sqlite3.Row]:
        """Poll until ``sql`` returns ``expected`` rows: Bolt acks events first and works after."""
        async with asyncio.timeout(timeout):
            while len(rows := self.rows(sql)) != expected:
                await asyncio.sleep(0.01)
        return rows

    async def idle(self) -> None:
        await self.runtime.wait_idle(timeout=15)

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return read_rows(self.desk.settings.db_path, sql, params)

    async def full_check(self, text: str = MATCHED, user: str = ASKER) -> sqlite3.Row:
        """Run /checkclaim to the end: card and verdict posted; returns the check row."""
        before = len(self.fake.calls_to("chat.postMessage"))
        status, _ = await self.command(text, user=user)
        assert status == 200
        await self.fake.wait_for("chat.postMessage", before + 2)
        await self.idle()
        return self.rows("SELECT * FROM checks ORDER BY check_id DESC LIMIT 1")[0]
