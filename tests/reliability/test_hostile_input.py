"""Hostile input at every HTTP surface: always a clean Slack answer or a 4xx, never a 500, never a
half-stored check, never an error in the logs (hypothesis drives the real app over HTTP)."""

from __future__ import annotations

import json
import logging
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slackkit import ASKER, CHANNEL, REVIEWER, Bot, payload

NASTY = [
    "\x00",
    "\u202e\u200f",  # RTL override and mark
    "🧪🔥" * 50,
    "x" * 40_000,
    '" OR 1=1; DROP TABLE checks; --',
    "claim_terms MATCH 'a' NEAR(\"b\" c) * ^ AND OR NOT",
    "<!channel> <@U123|x> <#C1|general> <https://evil.example|click> *bold* ~x~",
    "北京西站日均退票量达1.2万张\x00\u202e",
    "%s %(x)s {0} {x!r}",
    "\ud7ff\ufffd\U0010fffd",
]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=300), st.text(min_size=2000, max_size=2100))
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _clean(status: int, body: str) -> None:
    assert status < 500, (status, body[:200])
    if status == 200 and body:
        assert isinstance(json.loads(body), dict)


def _no_errors(caplog: pytest.LogCaptureFixture) -> None:
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not bad, [f"{r.name}: {r.getMessage()}" for r in bad]


async def _nothing_half_written(bot: Bot) -> None:
    await bot.idle()
    half = bot.rows(
        """SELECT check_id FROM checks c WHERE origin LIKE 'slack%' AND (SELECT count(*) FROM outbox o
           WHERE o.check_id = c.check_id AND o.kind IN ('card', 'verdict')) != 2"""
    )
    assert half == []
    assert bot.rows("SELECT item_id FROM outbox WHERE check_id NOT IN (SELECT check_id FROM checks)") == []


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


@FAST
@given(text=TEXT)
async def test_checkclaim_with_any_text_answers_cleanly(
    bot: Bot, logs: pytest.LogCaptureFixture, text: str
) -> None:
    status, body = await bot.command(text)
    _clean(status, body)
    await _nothing_half_written(bot)
    _no_errors(logs)


@FAST
@given(
    text=TEXT,
    thread=st.sampled_from(["1800000000.000100", "x", ""]),
    subtype=st.sampled_from([None, "message_changed", "bot_message", "?"]),
)
async def test_events_with_any_text_are_acknowledged(
    bot: Bot, logs: pytest.LogCaptureFixture, text: str, thread: str, subtype: str | None
) -> None:
    values = dict(channel=CHANNEL, user=REVIEWER, ts="1800000000.000900", thread_ts=thread, text=text)
    assert await bot.event("event_app_mention", **values) < 500
    event = payload("event_message_thread", event_id="EvX", **values)
    if subtype:
        event["event"]["subtype"] = subtype
    resp = await bot.post(json.dumps(event), "application/json", {})
    assert resp.status < 500
    await _nothing_half_written(bot)
    _no_errors(logs)


@FAST
@given(value=st.one_of(TEXT, st.sampled_from(["1", "999999", "-1", "1:x", "0"])), text=TEXT)
async def test_interactions_with_any_values_answer_cleanly(
    bot: Bot, logs: pytest.LogCaptureFixture, value: str, text: str
) -> None:
    for action in (
        "change_verdict",
        "not_right_claim",
        "propose_claim",
        "repoint_claim",
        "pick_claim",
        "pick_none",
    ):
        status, body = await bot.interaction(
            "block_actions_button",
            user=REVIEWER,
            channel=CHANNEL,
            action_id=action,
            value=value,
            message_ts="1800000000.000100",
            thread_ts="1800000000.000100",
        )
        _clean(status, body)
    status, body = await bot.interaction(
        "view_submission_verdict",
        user=REVIEWER,
        check_id=999999,
        label=text[:50],
        rationale=text,
        evidence_url=text[:80],
    )
    _clean(status, body)
    status, body = await bot.interaction(
        "shortcut_message", user=ASKER, channel=CHANNEL, ts="1800000000.000900", text=text
    )
    _clean(status, body)
    await _nothing_half_written(bot)
    _no_errors(logs)


@FAST
@given(
    shape=JSONISH,
    kind=st.sampled_from(["event_callback", "block_actions", "view_submission", "message_action", None]),
)
async def test_signed_payloads_of_any_shape_get_a_4xx_or_a_clean_answer(
    bot: Bot, logs: pytest.LogCaptureFixture, shape: Any, kind: str | None
) -> None:
    body: Any = {
        "type": kind,
        "event": shape,
        "actions": shape,
        "view": shape,
        "user": shape,
        "message": shape,
    }
    as_json = json.dumps(body)
    assert (await bot.post(as_json, "application/json")).status < 500
    form = urlencode({"payload": as_json})
    assert (await bot.post(form, "application/x-www-form-urlencoded")).status < 500
    await _nothing_half_written(bot)
    _no_errors(logs)


@FAST
@given(
    raw=st.binary(max_size=300),
    ctype=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"]),
)
async def test_malformed_bodies_signed_or_not_never_give_a_500(
    bot: Bot, logs: pytest.LogCaptureFixture, raw: bytes, ctype: str
) -> None:
    text = raw.decode("utf-8", "replace")
    for signed in (True, False):
        assert (await bot.post(text, ctype, signed=signed)).status < 500
    assert (
        await bot.post(
            text, ctype, {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=0"}, signed=False
        )
    ).status == 401
    assert bot.rows("SELECT * FROM checks") == []
    _no_errors(logs)
