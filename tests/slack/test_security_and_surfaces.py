"""Signatures, the message shortcut, App Home and /healthz over the real HTTP server."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest
from slackkit import ASKER, CHANNEL, MATCHED, REVIEWER, SECRET, Bot, payload, sign


def _command_body(bot: Bot) -> str:
    form = payload(
        "slash_checkclaim", text=MATCHED, user=ASKER, channel=CHANNEL, response_url=bot.fake.response_url()
    )
    return urlencode(form)


@pytest.mark.parametrize(
    "headers",
    [
        {},  # missing
        sign("something else"),  # forged: signature of another body
        sign("BODY", secret="not-the-secret"),  # wrong secret
        "stale",  # a valid signature from more than five minutes ago
    ],
    ids=["missing", "forged", "wrong-secret", "stale"],
)
async def test_unsigned_forged_or_stale_requests_get_401_and_store_nothing(bot: Bot, headers: object) -> None:
    body = _command_body(bot)
    if headers == "stale":
        headers = sign(body, SECRET, int(time.time()) - 301)
    elif headers and "BODY" in str(headers):
        headers = sign(body, "not-the-secret")
    assert isinstance(headers, dict)
    resp = await bot.post(body, "application/x-www-form-urlencoded", headers, signed=False)
    assert resp.status == 401
    await bot.idle()
    assert bot.rows("SELECT * FROM checks") == [] and bot.fake.calls_to("chat.postMessage") == []


async def test_a_replayed_body_with_a_new_timestamp_is_rejected(bot: Bot) -> None:
    body = _command_body(bot)
    old = sign(body, SECRET, int(time.time()) - 10)
    replay = {**old, "X-Slack-Request-Timestamp": str(int(time.time()))}
    resp = await bot.post(body, "application/x-www-form-urlencoded", replay, signed=False)
    assert resp.status == 401 and bot.rows("SELECT * FROM checks") == []


async def test_the_message_shortcut_answers_in_that_messages_thread(bot: Bot) -> None:
    status, _ = await bot.interaction(
        "shortcut_message", user=REVIEWER, channel=CHANNEL, ts="1800000000.000900", text=MATCHED
    )
    assert status == 200
    card, reply = await bot.fake.wait_for("chat.postMessage", 2)
    assert card.args["thread_ts"] == reply.args["thread_ts"] == "1800000000.000900"
    await bot.idle()
    row = bot.rows("SELECT origin, thread_ts, message_ts, status FROM checks")[0]
    assert (row["origin"], row["thread_ts"], row["status"]) == (
        "slack_shortcut",
        "1800000000.000900",
        "matched",
    )
    assert row["message_ts"] == bot.fake.messages[CHANNEL][0]["ts"]


async def test_app_home_publishes_the_queue_and_counts(bot: Bot) -> None:
    await bot.full_check()
    assert await bot.event("event_app_home_opened", user=REVIEWER) == 200
    [published] = await bot.fake.wait_for("views.publish")
    view = published.args["view"]
    assert published.args["user_id"] == REVIEWER and view["type"] == "home"
    text = json.dumps(view, ensure_ascii=False)
    assert "1 次核查" in text and "待裁定" in text


async def test_healthz_reports_the_database(bot: Bot) -> None:
    async with bot.http.get(bot.url.replace("/slack/events", "/healthz")) as resp:
        assert resp.status == 200
        assert (await resp.json())["database"] == "ok"
