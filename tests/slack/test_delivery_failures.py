"""Delivery through every failure shape, a bug in one item, an expired lease, and event retries: each
acknowledged check is posted exactly once (card and reply), or fails visibly."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import aiohttp
import pytest
from fake_slack import FakeSlack
from slackkit import CHANNEL, FAST, MATCHED, REVIEWER, STRANGER, Bot

from bot.config import Settings
from bot.desk.service import Desk
from bot.slack import blocks
from bot.slack.app import build_runtime
from bot.slack.deliver import DeliveryPolicy
from bot.slack.serve import start_http

# Short enough for a test to wait out: the client gives up after 1 s, a lease lasts 2 s.
QUICK = replace(FAST, timeout=1, lease=2.0, client_retries=0)


@pytest.fixture
async def quick_bot(slack_settings: Settings, fake: FakeSlack) -> AsyncIterator[Bot]:
    """The bot of slack_rig on the QUICK policy, and the fake's slow answers past its client timeout."""
    fake.slow_seconds = 1.5
    async with running(slack_settings, fake, QUICK) as bot:
        yield bot


class running:
    def __init__(self, settings: Settings, fake: FakeSlack, policy: DeliveryPolicy) -> None:
        self.settings = replace(settings, slack_api_url=fake.api_url)
        self.fake, self.policy = fake, policy

    async def __aenter__(self) -> Bot:
        self.desk = await Desk.open(self.settings)
        self.runtime = build_runtime(self.settings, self.desk, self.policy)
        await self.runtime.start()
        self.runner, port = await start_http(self.runtime, "127.0.0.1", 0)
        self.http = aiohttp.ClientSession()
        return Bot(f"http://127.0.0.1:{port}/slack/events", self.desk, self.runtime, self.fake, self.http)

    async def __aexit__(self, *exc: object) -> None:
        await self.http.close()
        await self.runner.cleanup()
        await self.runtime.stop()
        await self.desk.close()


def posted_once(bot: Bot) -> None:
    """Every outbox item delivered, each message in Slack exactly once, the check pointing at its card."""
    items = bot.rows("SELECT item_id, status, delivered_ts FROM outbox ORDER BY item_id")
    assert [i["status"] for i in items] == ["delivered"] * len(items)
    markers = [
        b["block_id"]
        for m in bot.fake.messages[CHANNEL]
        for b in m["blocks"]
        if b.get("block_id", "").startswith("factbot-outbox-")
    ]
    assert sorted(markers) == sorted(f"factbot-outbox-{i['item_id']}" for i in items)
    check = bot.rows("SELECT message_ts FROM checks ORDER BY check_id DESC LIMIT 1")[0]
    assert check["message_ts"] == bot.fake.messages[CHANNEL][0]["ts"]


SHAPED = [
    {"shape": "text", "status": 500},
    {"shape": "text", "status": 200, "apply": True},
    {"shape": "html", "status": 503, "apply": True},
    {"shape": "empty", "status": 502},
    {"shape": "truncated", "apply": True},
    {"shape": "reset", "apply": True},
    {"shape": "reset"},
    {"shape": "slow", "apply": True, "delay": 1.5},
    {"shape": "unknown"},
    {"status": 500, "apply": True},
    {"status": 429, "retry_after": 1},
]


@pytest.mark.parametrize(
    "failure",
    SHAPED,
    ids=lambda f: f"{f.get('shape', 'json')}-{f.get('status', 200)}-{'applied' if f.get('apply') else 'not'}",
)
async def test_a_check_survives_each_failure_shape_twice_and_is_posted_once(
    quick_bot: Bot, failure: dict[str, Any]
) -> None:
    quick_bot.fake.fail_next("chat.postMessage", times=2, **failure)
    status, _ = await quick_bot.command(MATCHED)
    assert status == 200
    await quick_bot.runtime.wait_idle(timeout=20)
    posted_once(quick_bot)
    assert len(quick_bot.fake.messages[CHANNEL]) == 2  # one card, one reply in its thread


async def test_an_unknown_error_is_retried_up_to_the_limit_then_fails_visibly(quick_bot: Bot) -> None:
    quick_bot.fake.fail_next("chat.postMessage", times=QUICK.max_attempts, shape="unknown")
    await quick_bot.command(MATCHED)
    await quick_bot.runtime.wait_idle(timeout=20)
    [card, reply] = quick_bot.rows("SELECT kind, status, attempts, last_error FROM outbox ORDER BY item_id")
    assert (card["status"], card["attempts"]) == ("failed", QUICK.max_attempts)
    assert card["last_error"] == "unknown:a_new_error_nobody_knows_yet"
    assert (reply["status"], reply["last_error"]) == ("failed", "no_thread")  # no card, no thread
    assert quick_bot.fake.messages[CHANNEL] == []
    health = await get_json(quick_bot, "/healthz")
    assert (health["outbox_failed"], health["outbox_stuck"], health["outbox_open"]) == (2, 0, 0)


async def test_a_bug_in_one_item_leaves_every_other_item_delivered(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reply of one check raises in our own rendering code: the other checks' cards and replies are
    all posted, and the broken item fails after its attempts, visible on /healthz."""
    original = blocks.verdict_reply
    broken: list[int] = []

    def verdict_reply(view: Any, locale: str, mark: str | None = None) -> Any:
        if not broken or view.check.check_id == broken[0]:
            broken[:1] = [view.check.check_id]
            raise TypeError("a bug in rendering")
        return original(view, locale, mark)

    monkeypatch.setattr(blocks, "verdict_reply", verdict_reply)
    for _ in range(4):
        assert (await bot.command(MATCHED))[0] == 200
    await bot.runtime.wait_idle(timeout=20)
    items = bot.rows("SELECT check_id, kind, status, last_error FROM outbox ORDER BY item_id")
    assert len(items) == 8
    bad = [i for i in items if i["check_id"] == broken[0] and i["kind"] == "verdict"]
    assert [(i["status"], i["last_error"]) for i in bad] == [("failed", "unknown:TypeError")]
    assert all(i["status"] == "delivered" for i in items if i not in bad)
    assert len(bot.fake.messages[CHANNEL]) == 7  # 4 cards, 3 replies
    assert (await get_json(bot, "/healthz"))["outbox_failed"] == 1


async def test_a_failing_bookkeeping_write_does_not_stop_the_pass(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even the outbox's own write failing for one item (here: recording a retry) touches that item only:
    the other checks are delivered in the same pass."""
    original = bot.desk.outbox.postpone
    calls: list[int] = []

    async def postpone(item: Any, delay: float, error: str) -> bool:
        calls.append(item.item_id)
        if len(calls) == 1:
            raise sqlite3.OperationalError("disk I/O error")
        return await original(item, delay, error)

    monkeypatch.setattr(bot.desk.outbox, "postpone", postpone)
    bot.fake.fail_next("chat.postMessage", status=400, shape="unknown")
    for _ in range(3):
        await bot.command(MATCHED)
    await bot.until("SELECT * FROM outbox WHERE status = 'delivered'", 4)
    assert bot.rows("SELECT count(*) FROM outbox WHERE status = 'sending'")[0][0] == 1  # on its lease


async def test_an_expired_lease_is_delivered_again_without_restart_and_not_twice(
    quick_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slack posts the card but the answer is lost, and recording the retry fails: the attempt leaves
    its item 'sending'. When the lease expires the running deliverer takes it back, finds the card in
    the channel and records it: one card, one reply, no restart."""
    bot = quick_bot
    original = bot.desk.outbox.postpone
    failed_once: list[bool] = []

    async def postpone(item: Any, delay: float, error: str) -> bool:
        if not failed_once:
            failed_once.append(True)
            raise sqlite3.OperationalError("database is locked")
        return await original(item, delay, error)

    monkeypatch.setattr(bot.desk.outbox, "postpone", postpone)
    bot.fake.fail_next("chat.postMessage", shape="reset", apply=True)
    await bot.command(MATCHED)
    async with asyncio.timeout(5):
        while not failed_once:
            await asyncio.sleep(0.01)
    stuck = bot.rows("SELECT status, lease_until FROM outbox WHERE kind = 'card'")[0]
    assert stuck["status"] == "sending"
    await bot.fake.wait_for("chat.postMessage", 1, timeout=10)  # the reply (the card was applied)
    await bot.runtime.wait_idle(timeout=10)
    posted_once(bot)
    assert len(bot.fake.messages[CHANNEL]) == 2
    assert bot.fake.calls_to("conversations.history")  # looked before posting again
    assert (await get_json(bot, "/healthz"))["outbox_stuck"] == 0


async def test_an_event_retry_after_a_refusal_gives_no_second_message(bot: Bot) -> None:
    check = await bot.full_check()
    mention = dict(channel=CHANNEL, user=STRANGER, ts="1800000000.000700", thread_ts=check["thread_ts"])
    mention["text"] = "verdict false 数字有误"
    assert await bot.event("event_app_mention", event_id="EvREFUSED", **mention) == 200
    await bot.fake.wait_for("chat.postEphemeral", 1)
    await bot.until("SELECT * FROM seen_events WHERE event_id = 'EvREFUSED'", 1)
    for retry in (1, 2):
        assert await bot.event("event_app_mention", retry=retry, event_id="EvREFUSED", **mention) == 200
    await asyncio.sleep(0.2)
    assert len(bot.fake.calls_to("chat.postEphemeral")) == 1
    assert bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'") == []


async def test_an_event_retry_while_the_first_delivery_runs_gives_no_second_message(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = await bot.full_check()
    gate = asyncio.Event()
    entered: list[bool] = []
    original = bot.desk.review.check_in_thread

    async def slow(*args: Any) -> Any:
        entered.append(True)
        await gate.wait()
        return await original(*args)

    monkeypatch.setattr(bot.desk.review, "check_in_thread", slow)
    mention = dict(channel=CHANNEL, user=STRANGER, ts="1800000000.000800", thread_ts=check["thread_ts"])
    mention["text"] = "verdict false 数字有误"
    assert await bot.event("event_app_mention", event_id="EvSLOW", **mention) == 200
    async with asyncio.timeout(5):
        while not entered:
            await asyncio.sleep(0.01)
    assert await bot.event("event_app_mention", retry=1, event_id="EvSLOW", **mention) == 200
    gate.set()
    await bot.fake.wait_for("chat.postEphemeral", 1)
    await bot.until("SELECT * FROM seen_events WHERE event_id = 'EvSLOW'", 1)
    await asyncio.sleep(0.2)
    assert len(entered) == 1 and len(bot.fake.calls_to("chat.postEphemeral")) == 1


async def test_a_reviewer_rules_once_even_when_the_retry_arrives_mid_run(bot: Bot) -> None:
    check = await bot.full_check()
    mention = dict(channel=CHANNEL, user=REVIEWER, ts="1800000000.000900", thread_ts=check["thread_ts"])
    mention["text"] = "verdict false 数字有误"
    statuses = await asyncio.gather(
        *(bot.event("event_app_mention", retry=r, event_id="EvRULE2", **mention) for r in (None, 1, 2))
    )
    assert statuses == [200, 200, 200]
    await bot.until("SELECT * FROM verdicts WHERE source = 'reviewer'", 1)
    await bot.idle()
    assert len(bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'")) == 1
    await bot.until("SELECT * FROM event_claims", 0)  # settled: done, not left claimed


async def test_app_home_shows_failed_posts_to_reviewers_only(quick_bot: Bot) -> None:
    bot = quick_bot
    bot.fake.fail_next("chat.postMessage", error="channel_not_found")
    await bot.command(MATCHED)
    await bot.runtime.wait_idle(timeout=10)
    assert await bot.event("event_app_home_opened", user=REVIEWER) == 200
    assert await bot.event("event_app_home_opened", user=STRANGER) == 200
    await bot.fake.wait_for("views.publish", 2)
    views = {c.args["user_id"]: str(c.args["view"]["blocks"]) for c in bot.fake.calls_to("views.publish")}
    assert "channel_not_found" in views[REVIEWER]
    assert "channel_not_found" not in views[STRANGER]


async def test_healthz_reports_an_item_stuck_past_its_lease(bot: Bot) -> None:
    await bot.runtime.deliverer.stop()  # nothing takes the item back while we look
    await bot.command(MATCHED)
    await bot.runtime.intake.wait_idle(10)
    card = (await bot.desk.outbox.due())[0]
    assert await bot.desk.outbox.begin(card, lease=0.0) is not None  # a deliverer that died at once
    health = await get_json(bot, "/healthz")
    assert (health["outbox_stuck"], health["outbox_open"], health["outbox_failed"]) == (1, 2, 0)
    [again] = [i for i in await bot.desk.outbox.due() if i.item_id == card.item_id]
    taken = await bot.desk.outbox.begin(again, lease=60.0)
    assert taken is not None and taken.uncertain and taken.last_error == "lease_expired"
    assert (await get_json(bot, "/healthz"))["outbox_stuck"] == 0


async def get_json(bot: Bot, path: str) -> dict[str, Any]:
    url = bot.url.replace("/slack/events", path)
    async with bot.http.get(url) as resp:
        assert resp.status == 200
        return dict(await resp.json())
