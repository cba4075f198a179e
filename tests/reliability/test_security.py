"""Security over the real HTTP app: every path checks Slack's signature, every path that changes a verdict
checks the reviewer, the token and signing secret never reach a log, an error or the database, and Slack's
retries are acknowledged once without merging two messages."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fake_slack import FakeSlack, SpecChecker
from slack_rig import running_bot
from slackkit import (
    ASKER,
    CHANNEL,
    GROUP_REVIEWER,
    MATCHED,
    REVIEWER,
    SECRET,
    STRANGER,
    Bot,
    payload,
    sign,
)

from bot import cli
from bot.config import Settings
from bot.desk.service import Desk
from bot.errors import NotAuthorised
from bot.verdicts.labels import Label

BOT_DIR = Path(__file__).resolve().parents[2] / "bot"
TABLES = ("checks", "review_notes", "verdicts", "outbox", "seen_events")
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
OTHER_CHANNEL = "C0OTHER"


def counts(bot: Bot) -> dict[str, int]:
    return {table: int(bot.rows(f"SELECT count(*) FROM {table}")[0][0]) for table in TABLES}


# --- 1. signatures on every HTTP path ------------------------------------------------------------------


def _interaction(name: str, **values: Any) -> str:
    return urlencode({"payload": json.dumps(payload(name, **values), ensure_ascii=False)})


def _bodies(bot: Bot, check: sqlite3.Row) -> dict[str, tuple[str, str]]:
    """(content type, body) of a request on each surface that would change something if it were signed."""
    thread = check["thread_ts"]
    return {
        "slash_command": (
            FORM,
            urlencode(
                payload(
                    "slash_checkclaim",
                    text=MATCHED,
                    user=ASKER,
                    channel=CHANNEL,
                    response_url=bot.fake.response_url(),
                )
            ),
        ),
        "event_callback": (
            JSON,
            json.dumps(
                payload(
                    "event_message_thread",
                    channel=CHANNEL,
                    user=STRANGER,
                    text="数据来源？",
                    ts="1800000000.000700",
                    thread_ts=thread,
                    event_id="EvSIGNED",
                ),
                ensure_ascii=False,
            ),
        ),
        "block_actions": (
            FORM,
            _interaction(
                "block_actions_button",
                user=REVIEWER,
                channel=CHANNEL,
                action_id="change_verdict",
                value=check["check_id"],
                message_ts=thread,
                thread_ts=thread,
                response_url=bot.fake.response_url("action"),
            ),
        ),
        "view_submission": (
            FORM,
            _interaction(
                "view_submission_verdict",
                user=REVIEWER,
                check_id=check["check_id"],
                label="false",
                rationale="公告只有八千张",
                evidence_url="",
            ),
        ),
        "message_shortcut": (
            FORM,
            _interaction(
                "shortcut_message",
                user=REVIEWER,
                channel=CHANNEL,
                ts="1800000000.000900",
                text=MATCHED,
                response_url=bot.fake.response_url("action"),
            ),
        ),
    }


def _attacks(body: str) -> dict[str, dict[str, str]]:
    now = int(time.time())
    valid = sign(body, SECRET, now)
    old = sign(body, SECRET, now - 10)
    return {
        "missing-both": {},
        "missing-signature": {"X-Slack-Request-Timestamp": str(now)},
        "missing-timestamp": {"X-Slack-Signature": valid["X-Slack-Signature"]},
        "wrong-secret": sign(body, "not-the-secret", now),
        "other-body": sign(body + "&x=1", SECRET, now),
        "garbage-signature": {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": "v0=deadbeef"},
        "no-version": {**valid, "X-Slack-Signature": valid["X-Slack-Signature"].removeprefix("v0=")},
        "timestamp-not-a-number": {**valid, "X-Slack-Request-Timestamp": "now"},
        "stale-301s": sign(body, SECRET, now - 301),
        "future-320s": sign(body, SECRET, now + 320),  # int() floors now: leave a margin
        "replayed-new-timestamp": {**old, "X-Slack-Request-Timestamp": str(now)},
    }


# What a correctly signed request on each surface does: proof that the refused bodies were live ones.
def _took_effect(surface: str) -> Callable[[Bot, dict[str, int]], Any]:
    async def effect(bot: Bot, before: dict[str, int]) -> None:
        if surface in ("slash_command", "message_shortcut"):
            await bot.until("SELECT * FROM checks", before["checks"] + 1)
        elif surface == "event_callback":
            await bot.until("SELECT * FROM review_notes", before["review_notes"] + 1)
        elif surface == "block_actions":
            await bot.fake.wait_for("views.open")
        else:
            await bot.until("SELECT * FROM verdicts WHERE source = 'reviewer'", 1)

    return effect


SURFACES = ["slash_command", "event_callback", "block_actions", "view_submission", "message_shortcut"]


@pytest.mark.parametrize("surface", SURFACES)
async def test_every_http_path_refuses_unsigned_forged_stale_and_replayed_requests(
    bot: Bot, surface: str
) -> None:
    check = await bot.full_check()
    content_type, body = _bodies(bot, check)[surface]
    before, calls, responses = counts(bot), len(bot.fake.calls), len(bot.fake.responses)
    for name, headers in _attacks(body).items():
        resp = await bot.post(body, content_type, headers, signed=False)
        assert resp.status == 401, (surface, name, resp.status)
    await asyncio.sleep(0.05)  # anything a refused request had started would show by now
    await bot.idle()
    assert counts(bot) == before
    assert bot.fake.calls[calls:] == [] and bot.fake.responses[responses:] == []
    # The same body, signed now, is accepted: the refusals above were the signature's doing alone.
    resp = await bot.post(body, content_type)
    assert resp.status == 200
    await _took_effect(surface)(bot, before)


# --- 2. reviewer authorisation on every path that changes a verdict -------------------------------------


@pytest.mark.parametrize("forged_user", ["", " ", "ureviewer", "UREVIEWER ", "UREVIEWER\u200b", "UBOT"])
async def test_a_validly_signed_modal_submission_from_a_look_alike_user_id_is_refused(
    bot: Bot, forged_user: str
) -> None:
    check = await bot.full_check()
    before = counts(bot)
    status, body = await bot.interaction(
        "view_submission_verdict",
        user=forged_user,
        check_id=check["check_id"],
        label="false",
        rationale="伪造的裁定",
        evidence_url="",
    )
    assert status in (200, 400)
    if status == 200:
        assert json.loads(body)["response_action"] == "errors"
    await bot.idle()
    assert counts(bot) == before
    assert bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'") == []


async def test_a_group_members_submission_is_refused_while_the_group_cannot_be_read(bot: Bot) -> None:
    """An outage of usergroups.users.list never widens access: the unread group has no members."""
    check = await bot.full_check()
    bot.fake.fail_next("usergroups.users.list", times=20, status=500)
    status, body = await bot.interaction(
        "view_submission_verdict",
        user=GROUP_REVIEWER,
        check_id=check["check_id"],
        label="false",
        rationale="组员裁定",
        evidence_url="",
    )
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    await bot.event(
        "event_app_mention",
        user=GROUP_REVIEWER,
        channel=CHANNEL,
        ts="1800000000.000810",
        thread_ts=check["thread_ts"],
        text="verdict false 组员裁定",
    )
    await bot.interaction(
        "block_actions_button",
        user=GROUP_REVIEWER,
        channel=CHANNEL,
        action_id="change_verdict",
        value=check["check_id"],
        message_ts=check["thread_ts"],
        thread_ts=check["thread_ts"],
    )
    refusals = await bot.fake.wait_for("chat.postEphemeral", 2)
    assert {r.args["user"] for r in refusals} == {GROUP_REVIEWER}
    await bot.idle()
    assert bot.fake.calls_to("views.open") == []
    assert bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'") == []


async def test_a_stranger_submission_for_another_check_or_no_check_changes_nothing(bot: Bot) -> None:
    """A forged submission naming a check id, or a check that does not exist, still needs a reviewer."""
    await bot.full_check()
    before = counts(bot)
    for check_id in (1, 999_999):
        status, body = await bot.interaction(
            "view_submission_verdict",
            user=STRANGER,
            check_id=check_id,
            label="true",
            rationale="我说是真的",
            evidence_url="https://evil.example/",
        )
        assert status == 200 and json.loads(body)["response_action"] == "errors"
    await bot.idle()
    assert counts(bot) == before


async def test_desk_refuses_a_non_reviewer_whatever_the_caller(slack_settings: Settings) -> None:
    """The rule lives in the desk, not only at the edge: without local_operator a stranger is refused."""
    desk = await Desk.open(slack_settings)
    try:
        claim = (await desk.claims())[0]
        with pytest.raises(NotAuthorised):
            await desk.set_verdict(claim.claim_id, Label.FALSE, "伪造", STRANGER)
        with pytest.raises(NotAuthorised):
            await desk.set_verdict(claim.claim_id, Label.FALSE, "伪造", "cli:mallory")
        history = await desk.history(claim.claim_id)
        assert all(v.source != "reviewer" for v in history)
    finally:
        await desk.close()


def test_the_cli_rules_as_a_local_operator_and_no_network_path_reaches_it(
    slack_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTBOT_DB", slack_settings.db_path)
    conn = sqlite3.connect(slack_settings.db_path)
    [(claim_id,)] = conn.execute("SELECT claim_id FROM claims ORDER BY claim_id LIMIT 1").fetchall()
    conn.close()
    assert cli.main(["verdict", claim_id, "false", "车站公告只有八千张", "--author", "desk"]) == 0
    conn = sqlite3.connect(slack_settings.db_path)
    rows = conn.execute("SELECT label, author FROM verdicts WHERE source = 'reviewer'").fetchall()
    conn.close()
    assert rows == [("false", "cli:desk")]
    # Only the CLI may pass local_operator=True, and the HTTP server routes nothing but Slack and health.
    callers = [
        str(p.relative_to(BOT_DIR))
        for p in BOT_DIR.rglob("*.py")
        if "local_operator=True" in p.read_text(encoding="utf-8")
    ]
    assert callers == ["cli.py"]
    slack_code = "\n".join(p.read_text(encoding="utf-8") for p in (BOT_DIR / "slack").rglob("*.py"))
    assert "set_verdict" not in slack_code and "local_operator" not in slack_code


async def test_the_http_server_routes_only_slack_events_and_health(bot: Bot) -> None:
    base = bot.url.removesuffix("/slack/events")
    for method, path in [
        ("POST", "/verdict"),
        ("POST", "/cli"),
        ("GET", "/slack/events"),
        ("PUT", "/healthz"),
    ]:
        async with bot.http.request(method, base + path, data=b"{}") as resp:
            assert resp.status in (404, 405), (method, path)


# --- 3. secrets never leak ------------------------------------------------------------------------------

CANARY_TOKEN = "xoxb-LEAKCANARY-1234567890"
CANARY_SECRET = "SIGNCANARY-8f14e45fceea167a5a36dedd4bea2543"
CANARIES = (CANARY_TOKEN, CANARY_SECRET, "LEAKCANARY", "SIGNCANARY")
NOISY = ("", "bot", "slack_bolt", "slack_sdk", "aiohttp", "asyncio", "aiosqlite")


@pytest.fixture
async def canary_bot(
    tmp_path: Path, template_db: Path, spec: SpecChecker, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[Bot]:
    for name in NOISY:
        caplog.set_level(logging.DEBUG, logger=name or None)
    db = tmp_path / "factbot.db"
    shutil.copy(template_db, db)
    fake = FakeSlack(spec, bot_token=CANARY_TOKEN)
    fake.group_members = [GROUP_REVIEWER]
    await fake.start()
    settings = replace(
        Settings.from_env(env={}),
        db_path=str(db),
        slack_bot_token=CANARY_TOKEN,
        slack_signing_secret=CANARY_SECRET,
        reviewers=(REVIEWER,),
        reviewer_group="S0REVIEW",
        slack_api_url=fake.api_url,
    )
    async with running_bot(settings, fake) as started:
        yield started
    await fake.stop()


async def _signed(bot: Bot, body: str, content_type: str) -> tuple[int, str]:
    headers = {"Content-Type": content_type, **sign(body, CANARY_SECRET)}
    async with bot.http.post(bot.url, data=body.encode(), headers=headers) as resp:
        return resp.status, await resp.text()


def _leaks(text: str) -> list[str]:
    return [c for c in CANARIES if c in text]


async def test_the_token_and_signing_secret_never_reach_logs_errors_or_the_database(
    canary_bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    bot, fake = canary_bot, canary_bot.fake
    answers: list[str] = []
    # A full check: card and verdict posted.
    body = urlencode(
        payload(
            "slash_checkclaim", text=MATCHED, user=ASKER, channel=CHANNEL, response_url=fake.response_url()
        )
    )
    status, text = await _signed(bot, body, FORM)
    assert status == 200
    answers.append(text)
    await fake.wait_for("chat.postMessage", 2)
    await bot.idle()
    check = bot.rows("SELECT * FROM checks")[0]
    # A reviewer's change by mention, with the first card update failing (500) and being retried.
    fake.fail_next("chat.update", status=500)
    mention = payload(
        "event_app_mention",
        user=REVIEWER,
        channel=CHANNEL,
        ts="1800000000.000300",
        thread_ts=check["thread_ts"],
        text="verdict false 数字有误",
        event_id="EvCANARY1",
    )
    status, text = await _signed(bot, json.dumps(mention, ensure_ascii=False), JSON)
    answers.append(text)
    await fake.wait_for("chat.update")
    await bot.idle()
    # Error paths: Slack refusing the token (invalid_auth) on a listener call and on an outbox post, a
    # button naming no check, a badly signed request, and a signed body of the wrong shape.
    fake.fail_next("views.open", error="invalid_auth")
    fake.fail_next("chat.postMessage", times=10, error="invalid_auth")
    fake.fail_next("chat.postEphemeral", times=10, status=500)
    button = {
        "user": REVIEWER,
        "channel": CHANNEL,
        "action_id": "change_verdict",
        "message_ts": check["thread_ts"],
        "thread_ts": check["thread_ts"],
        "response_url": fake.response_url("action"),
    }
    for value in (check["check_id"], 987_654):
        status, text = await _signed(bot, _interaction("block_actions_button", value=value, **button), FORM)
        answers.append(text)
    body = urlencode(
        payload(
            "slash_checkclaim", text="另一句话", user=ASKER, channel=CHANNEL, response_url=fake.response_url()
        )
    )
    status, text = await _signed(bot, body, FORM)
    answers.append(text)
    async with bot.http.post(bot.url, data=b"{}", headers=sign("x", CANARY_SECRET)) as resp:
        answers.append(await resp.text())
    status, text = await _signed(bot, '{"type": "event_callback", "event": 7}', JSON)
    assert status == 400
    answers.append(text)
    async with bot.http.get(bot.url.replace("/slack/events", "/healthz")) as resp:
        answers.append(await resp.text())
    await fake.wait_for_response(2)
    await asyncio.sleep(0.3)
    await bot.idle()
    assert any(c.failed == "invalid_auth" for c in fake.calls), "the error path was not exercised"
    assert any(r.levelno >= logging.WARNING for r in caplog.records), "no error was logged"
    assert any(r.name.startswith("slack_sdk") and r.levelno == logging.DEBUG for r in caplog.records)

    # Logs: message, raw args, formatted record with any traceback.
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    for record in caplog.records:
        texts = [str(record.msg), repr(record.args), formatter.format(record), str(record.exc_text or "")]
        assert not _leaks("\n".join(texts)), (record.name, record.getMessage()[:300])
    # What Slack users could see: our HTTP answers, response_url bodies, every Web API argument.
    for text in answers:
        assert not _leaks(text), text[:300]
    for _, response in fake.responses:
        assert not _leaks(json.dumps(response, ensure_ascii=False))
    for call in fake.calls:
        assert not _leaks(json.dumps(call.args, ensure_ascii=False)), call.method
        others = {k: v for k, v in call.headers.items() if k.lower() != "authorization"}
        assert not _leaks(json.dumps(others)), call.method
    # The database: every file SQLite keeps, as bytes, while open and after closing.
    db = Path(bot.desk.settings.db_path)
    for path in sorted(db.parent.glob(db.name + "*")):
        data = path.read_bytes()
        assert not [c for c in CANARIES if c.encode() in data], path.name
    # Slack's error answers were stored (outbox last_error), so the scan above covered stored errors too.
    assert bot.rows("SELECT count(*) FROM outbox WHERE last_error IS NOT NULL")[0][0] >= 1


# --- 4. event de-duplication ----------------------------------------------------------------------------


async def test_a_retried_thread_message_is_acked_and_stored_once(bot: Bot) -> None:
    check = await bot.full_check()
    message = dict(channel=CHANNEL, user=STRANGER, text="数据来源？", ts="1800000000.000400")
    assert (
        await bot.event("event_message_thread", event_id="EvNOTE", thread_ts=check["thread_ts"], **message)
        == 200
    )
    await bot.until("SELECT * FROM review_notes", 1)
    for retry in (1, 2):
        status = await bot.event(
            "event_message_thread", retry=retry, event_id="EvNOTE", thread_ts=check["thread_ts"], **message
        )
        assert status == 200
    await asyncio.sleep(0.1)
    assert len(bot.rows("SELECT * FROM review_notes")) == 1
    assert len(bot.rows("SELECT * FROM seen_events WHERE event_id = 'EvNOTE'")) == 1


async def test_two_messages_with_the_same_ts_in_two_channels_are_two_notes(bot: Bot) -> None:
    first = await bot.full_check()
    status, _ = await bot.command(MATCHED, channel=OTHER_CHANNEL)
    assert status == 200
    await bot.fake.wait_for("chat.postMessage", 4)
    await bot.idle()
    [second] = bot.rows("SELECT * FROM checks WHERE channel_id = ?", (OTHER_CHANNEL,))
    same = dict(user=STRANGER, text="同一句话", ts="1800000000.000500")
    await bot.event("event_message_thread", channel=CHANNEL, thread_ts=first["thread_ts"], **same)
    await bot.event("event_message_thread", channel=OTHER_CHANNEL, thread_ts=second["thread_ts"], **same)
    notes = await bot.until("SELECT check_id, channel_id, ts FROM review_notes ORDER BY channel_id", 2)
    assert [(n["check_id"], n["channel_id"]) for n in notes] == [
        (first["check_id"], CHANNEL),
        (second["check_id"], OTHER_CHANNEL),
    ]


async def test_a_retry_of_an_event_whose_first_delivery_failed_is_not_lost(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first delivery fails before its note is stored (the database refused the write); Slack's retry
    of the same event_id must store it, not be dropped as already seen."""
    check = await bot.full_check()
    original = bot.desk.review.record_note
    failures = [sqlite3.OperationalError("database is locked")]

    async def flaky(*args: Any, **kwargs: Any) -> bool:
        if failures:
            raise failures.pop()
        return await original(*args, **kwargs)

    monkeypatch.setattr(bot.desk.review, "record_note", flaky)
    message = dict(channel=CHANNEL, user=STRANGER, text="数据来源？", ts="1800000000.000600")
    await bot.event("event_message_thread", event_id="EvLOST", thread_ts=check["thread_ts"], **message)
    async with asyncio.timeout(5):
        while failures:
            await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    assert bot.rows("SELECT * FROM review_notes") == []
    status = await bot.event(
        "event_message_thread", retry=1, event_id="EvLOST", thread_ts=check["thread_ts"], **message
    )
    assert status == 200
    await bot.until("SELECT * FROM review_notes", 1)


async def test_a_mention_retry_whose_first_delivery_failed_still_rules_once(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ruling's first delivery fails before its verdict is stored: the retry applies it, exactly once,
    and later retries of the same event are ignored."""
    check = await bot.full_check()
    original = bot.desk.review.change_verdict
    failures = [sqlite3.OperationalError("database is locked")]

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        if failures:
            raise failures.pop()
        return await original(*args, **kwargs)

    monkeypatch.setattr(bot.desk.review, "change_verdict", flaky)
    mention = dict(channel=CHANNEL, user=REVIEWER, ts="1800000000.000310", thread_ts=check["thread_ts"])
    mention["text"] = "verdict false 数字有误"
    assert await bot.event("event_app_mention", event_id="EvRULE", **mention) == 200
    async with asyncio.timeout(5):
        while failures:
            await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)
    assert bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'") == []
    for retry in (1, 2, 3):
        assert await bot.event("event_app_mention", retry=retry, event_id="EvRULE", **mention) == 200
    await bot.until("SELECT * FROM verdicts WHERE source = 'reviewer'", 1)
    await bot.idle()
    await asyncio.sleep(0.05)
    assert len(bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'")) == 1
    assert len(bot.fake.calls_to("chat.update")) == 1


async def test_the_same_event_delivered_twice_at_once_is_applied_once(bot: Bot) -> None:
    """Both deliveries pass the early "seen?" read; the mark written with the effect decides."""
    check = await bot.full_check()
    mention = dict(channel=CHANNEL, user=REVIEWER, ts="1800000000.000320", thread_ts=check["thread_ts"])
    note = dict(channel=CHANNEL, user=STRANGER, text="来源？", ts="1800000000.000330")
    statuses = await asyncio.gather(
        *(
            bot.event("event_app_mention", event_id="EvTWICE", retry=r, text="verdict false 有误", **mention)
            for r in (None, 1, 2)
        ),
        *(
            bot.event(
                "event_message_thread", event_id="EvNOTE2", retry=r, thread_ts=check["thread_ts"], **note
            )
            for r in (None, 1, 2)
        ),
    )
    assert statuses == [200] * 6
    await bot.until("SELECT * FROM verdicts WHERE source = 'reviewer'", 1)
    await bot.until("SELECT * FROM review_notes", 1)
    await bot.idle()
    await asyncio.sleep(0.05)
    assert len(bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'")) == 1
    assert len(bot.rows("SELECT * FROM review_notes")) == 1
    assert len(bot.fake.calls_to("chat.update")) == 1
