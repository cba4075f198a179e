"""Rendering limits ("and N more"), the verdict-change rule, `/checkclaim digest` and `factbot digest`."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from digestkit import DIGEST_CHANNEL, POLICY, SLOT, digest_posts
from fake_slack import BOT_TOKEN, FakeSlack
from slackkit import MATCHED, Bot, read_rows

from bot import cli
from bot.config import Settings
from bot.desk.service import Desk
from bot.digest.content import ClaimLine, Digest, Period, Thread, verdict_changes
from bot.slack.app import build_runtime
from bot.slack.blocks import MAX_BLOCKS, SECTION_CHARS
from bot.slack.digest import MAX_LINES, digest_blocks, digest_text
from bot.verdicts.labels import Label
from bot.verdicts.models import Verdict

PERIOD = Period(SLOT - timedelta(days=1), SLOT)


def _verdict(label: Label, source: str, hours: float, vid: int) -> Verdict:
    return Verdict(
        "c1",
        label,
        1.0,
        "",
        "",
        source=source,
        author="U1" if source == "reviewer" else None,
        created_at=PERIOD.start + timedelta(hours=hours),
        verdict_id=vid,
    )


def test_a_change_is_a_ruling_or_an_automated_verdict_that_became_current_with_another_label() -> None:
    history = [
        _verdict(Label.UNSUPPORTED, "auto", -5, 1),  # before the period: the starting point
        _verdict(Label.MISLEADING, "auto", 1, 2),  # re-assessed with another label: a change
        _verdict(Label.MISLEADING, "auto", 2, 3),  # same label again: not news
        _verdict(Label.FALSE, "reviewer", 3, 4),  # a ruling
        _verdict(Label.TRUE, "auto", 4, 5),  # under a ruling an automated verdict changes nothing
        _verdict(Label.FALSE, "reviewer", 30, 6),  # after the period
    ]
    changes = [(old, v.label, v.verdict_id) for old, v in verdict_changes(history, PERIOD)]
    assert changes == [(Label.UNSUPPORTED, Label.MISLEADING, 2), (Label.MISLEADING, Label.FALSE, 4)]
    assert verdict_changes(history[:1], Period(PERIOD.start - timedelta(days=1), PERIOD.end)) == []


def _big_digest(lines: int, text: str) -> Digest:
    waiting = tuple(
        ClaimLine(f"c{i}", text, Label.UNCHECKED, 1, PERIOD.start, Thread("C1", f"{i}.000001"))
        for i in range(lines)
    )
    return Digest(PERIOD, 500, lines, 0, ((Label.UNCHECKED, lines),), (), 0, waiting, 900, waiting, ())


def test_long_lists_are_cut_with_and_n_more_within_slack_limits() -> None:
    digest = _big_digest(50, "很长的说法<!channel>" * 40)
    links = {
        line.thread: f"https://newsroom.slack.com/archives/C1/p{i}"
        for i, line in enumerate(digest.waiting)
        if line.thread
    }
    blocks = digest_blocks(digest, "en", "Asia/Shanghai", links, "factbot-outbox-1")
    assert len(blocks) <= MAX_BLOCKS
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(s) <= SECTION_CHARS for s in sections)
    waiting = next(s for s in sections if s.startswith("*Waiting for review"))
    shown = waiting.count("\n• ")
    assert 0 < shown <= MAX_LINES and waiting.endswith(f"…and {900 - shown} more")
    assert "<!channel>" not in json.dumps(blocks) and "&lt;!channel&gt;" in waiting
    assert blocks[0]["block_id"] == "factbot-outbox-1"
    text = digest_text(digest, "en", "Asia/Shanghai", links=links)
    assert len(text) <= 4 * SECTION_CHARS and text.count("<https://") == text.count("|thread>")


def test_the_plain_text_for_a_terminal_has_no_slack_markup() -> None:
    text = digest_text(_big_digest(3, "北京西站<b>"), "zh-Hans", "Asia/Shanghai", slack=False)
    assert "核查摘要 2026-03-01 09:00 – 2026-03-02 09:00" in text
    assert "北京西站<b>" in text and ":hourglass" not in text and "&lt;" not in text


async def test_checkclaim_digest_shows_the_asker_a_preview_and_posts_or_claims_nothing(bot: Bot) -> None:
    await bot.full_check(MATCHED)
    posts = len(bot.fake.calls_to("chat.postMessage"))
    status, body = await bot.command("digest")
    assert status == 200 and "ephemeral" in body
    [preview] = await bot.fake.wait_for_response(1)
    assert preview["response_type"] == "ephemeral" and preview["replace_original"] is True
    rendered = json.dumps(preview["blocks"], ensure_ascii=False)
    assert "预览" in rendered and "FACTBOT_DIGEST_CHANNEL" in rendered
    assert "1 次核查，涉及 1 条说法" in rendered
    card_ts = bot.rows("SELECT thread_ts FROM checks")[0]["thread_ts"]
    assert bot.fake.calls_to("chat.getPermalink")[0].args["message_ts"] == card_ts
    assert len(bot.fake.calls_to("chat.postMessage")) == posts
    assert bot.rows("SELECT * FROM digests") == []


def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings: Settings) -> None:
    monkeypatch.chdir(tmp_path)
    for name, value in {
        "FACTBOT_DB": settings.db_path,
        "FACTBOT_LOCALE": "en",
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_API_URL": settings.slack_api_url,
        "FACTBOT_DIGEST_CHANNEL": DIGEST_CHANNEL,
    }.items():
        monkeypatch.setenv(name, value)


async def test_factbot_digest_prints_json_or_text_and_refuses_a_bad_since(
    digest_settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, tmp_path, digest_settings)
    assert await asyncio.to_thread(cli.main, ["check", MATCHED]) == 0
    capsys.readouterr()
    since = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    assert await asyncio.to_thread(cli.main, ["digest", "--json", "--since", since]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["checks"] == 1 and data["most_checked"][0]["checks"] == 1 and not data["empty"]
    assert data["period"]["start"] == since
    assert await asyncio.to_thread(cli.main, ["digest"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Fact-check digest") and "1 checks of 1 claims" in out
    assert await asyncio.to_thread(cli.main, ["digest", "--since", "yesterday"]) == cli.EXIT_USAGE
    assert "Cannot read the time yesterday" in capsys.readouterr().err


async def test_factbot_digest_post_claims_the_period_and_posts_it(
    digest_settings: Settings,
    fake: FakeSlack,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, tmp_path, digest_settings)
    assert await asyncio.to_thread(cli.main, ["digest", "--post"]) == 0
    assert f"Digest posted to {DIGEST_CHANNEL}" in capsys.readouterr().out
    assert len(digest_posts(fake)) == 1
    [row] = _rows(digest_settings, "SELECT origin, status FROM digests")
    assert (row["origin"], row["status"]) == ("manual", "queued")
    monkeypatch.delenv("FACTBOT_DIGEST_CHANNEL")
    assert await asyncio.to_thread(cli.main, ["digest", "--post"]) == cli.EXIT_ERROR
    assert "FACTBOT_DIGEST_CHANNEL" in capsys.readouterr().err


async def test_a_failed_factbot_digest_post_stays_queued_and_a_running_bot_delivers_it(
    digest_settings: Settings,
    fake: FakeSlack,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _env(monkeypatch, tmp_path, digest_settings)
    fake.fail_next("chat.postMessage", status=500)
    assert await asyncio.to_thread(cli.main, ["digest", "--post"]) == cli.EXIT_ERROR
    assert "factbot serve will retry it" in capsys.readouterr().err
    assert digest_posts(fake) == []
    # The bot's outbox picks it up once its back-off has passed (a clock a minute ahead: no waiting).
    desk = await Desk.open(digest_settings, lambda: datetime.now(UTC) + timedelta(minutes=1))
    try:
        await build_runtime(digest_settings, desk, POLICY).deliverer.deliver_due()
    finally:
        await desk.close()
    assert len(digest_posts(fake)) == 1
    assert [r["status"] for r in _rows(digest_settings, "SELECT status FROM outbox")] == ["delivered"]


def _rows(settings: Settings, sql: str) -> list[sqlite3.Row]:
    return read_rows(settings.db_path, sql)
