"""A digest period is posted once: two instances on one database, restarts, a run missed while down,
and Slack failing (500, 429, a post that went through but lost its answer) until a retry succeeds."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import timedelta

import pytest
from digestkit import DIGEST_CHANNEL, PREVIOUS_SLOT, SLOT, Clock, Opener, digest_posts
from fake_slack import FakeSlack
from slackkit import ASKER, CHANNEL, MATCHED, read_rows

from bot.config import Settings


def _rows(settings: Settings, sql: str) -> list[sqlite3.Row]:
    return read_rows(settings.db_path, sql)


async def test_two_instances_sharing_one_database_post_a_period_once(
    newsroom: Opener, fake: FakeSlack, digest_settings: Settings
) -> None:
    first, second = await newsroom(), await newsroom()
    outcomes = await asyncio.gather(first.scheduler.run(), second.scheduler.run())
    assert sorted(o.status for o in outcomes if o) == ["queued", "taken"]
    await asyncio.gather(first.deliver(), second.deliver())
    assert len(digest_posts(fake)) == 1
    [row] = _rows(digest_settings, "SELECT * FROM digests")
    assert (row["channel_id"], row["origin"], row["status"]) == (DIGEST_CHANNEL, "schedule", "queued")
    assert row["slot"] == SLOT.isoformat()
    outbox = _rows(digest_settings, "SELECT status FROM outbox WHERE kind = 'digest'")
    assert [o["status"] for o in outbox] == ["delivered"]


async def test_both_instances_starting_up_after_the_slot_catch_up_once(
    newsroom: Opener, fake: FakeSlack
) -> None:
    first, second = await newsroom(), await newsroom()
    await asyncio.gather(first.runtime.deliverer.start(), second.runtime.deliverer.start())
    await asyncio.gather(first.scheduler.start(), second.scheduler.start())
    await fake.wait_for("chat.postMessage", 1)
    await asyncio.gather(first.runtime.deliverer.wait_idle(), second.runtime.deliverer.wait_idle())
    assert len(digest_posts(fake)) == 1


async def test_a_restart_after_posting_does_not_post_the_period_again(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    bot = await newsroom()
    await bot.scheduler.run()
    await bot.deliver()
    await bot.close()
    clock.advance(minutes=10)
    again = await newsroom()
    assert await again.scheduler.start() is True
    await again.deliver()
    assert len(digest_posts(fake)) == 1


async def test_a_digest_posted_by_hand_after_the_slot_covers_it_unless_it_started_later(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    clock.set(PREVIOUS_SLOT + timedelta(seconds=1))
    bot = await newsroom()
    await bot.scheduler.run()  # yesterday's: the previous digest ends at PREVIOUS_SLOT
    clock.set(SLOT + timedelta(hours=1))  # down over 09:00; an editor posts one by hand at 10:00
    manual = await bot.desk.digests.claim(bot.desk.digests.until_now(), origin="manual")
    assert manual.period is not None and manual.period.start == PREVIOUS_SLOT
    scheduled = await bot.scheduler.run()
    assert scheduled is not None and scheduled.status == "taken"  # 09:00's period is inside it
    await bot.deliver()
    assert len(digest_posts(fake)) == 2


async def test_a_first_digest_by_hand_does_not_swallow_the_unposted_slot_before_it(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    clock.set(SLOT + timedelta(hours=1))
    bot = await newsroom()
    manual = await bot.desk.digests.claim(bot.desk.digests.until_now(), origin="manual")
    assert manual.period is not None and manual.period.start == SLOT  # no digest before: from the slot
    scheduled = await bot.scheduler.run()
    assert scheduled is not None and scheduled.status == "queued"
    assert scheduled.period is not None and scheduled.period.start == PREVIOUS_SLOT
    await bot.deliver()
    assert len(digest_posts(fake)) == 2


async def test_a_run_missed_while_down_is_posted_at_start_up_within_the_grace_period(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    clock.set(PREVIOUS_SLOT + timedelta(seconds=3))
    bot = await newsroom()
    await bot.scheduler.run()  # yesterday's digest went out on time
    await bot.deliver()
    clock.set(PREVIOUS_SLOT + timedelta(hours=5))
    await bot.desk.check(MATCHED, origin="slack", user_id=ASKER, channel_id=CHANNEL, thread_ts="1.000001")
    await bot.close()
    clock.set(SLOT + timedelta(hours=2))  # down over 09:00, back at 11:00 Shanghai time
    restarted = await newsroom()
    await restarted.scheduler.start()
    await restarted.deliver()
    yesterday, today = digest_posts(fake)
    assert "nothing new" in yesterday["text"]
    assert "2026-03-01 09:00 – 2026-03-02 09:00" in today["text"] and "1 checks of 1 claims" in today["text"]


async def test_a_run_missed_beyond_the_grace_period_is_not_posted_late_but_not_lost_either(
    newsroom: Opener, clock: Clock, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    clock.set(PREVIOUS_SLOT + timedelta(seconds=3))
    bot = await newsroom()
    await bot.scheduler.run()
    await bot.deliver()
    clock.set(PREVIOUS_SLOT + timedelta(hours=5))
    await bot.desk.check(MATCHED, origin="slack", user_id=ASKER, channel_id=CHANNEL, thread_ts="1.000001")
    await bot.close()
    clock.set(SLOT + timedelta(hours=7))  # 16:00 Shanghai: seven hours late, grace is six
    restarted = await newsroom()
    await restarted.scheduler.start()
    await restarted.deliver()
    assert len(digest_posts(fake)) == 1
    assert "was missed by more than 6.0h" in caplog.text
    clock.set(SLOT + timedelta(days=1, seconds=1))  # the next morning's digest covers both days
    await restarted.scheduler.run()
    await restarted.deliver()
    late = digest_posts(fake)[-1]["text"]
    assert "2026-03-01 09:00 – 2026-03-03 09:00" in late and "1 checks of 1 claims" in late


async def test_a_digest_post_answered_500_is_retried_and_posted_once(
    newsroom: Opener, clock: Clock, fake: FakeSlack, digest_settings: Settings
) -> None:
    bot = await newsroom()
    fake.fail_next("chat.postMessage", status=500)
    await bot.scheduler.run()
    await bot.deliver()
    assert digest_posts(fake) == []
    [item] = _rows(digest_settings, "SELECT * FROM outbox WHERE kind = 'digest'")
    assert item["status"] == "pending" and item["last_error"] and "server" in item["last_error"]
    clock.advance(seconds=1)
    await bot.deliver()
    assert len(digest_posts(fake)) == 1
    assert (
        _rows(digest_settings, "SELECT status FROM outbox WHERE kind = 'digest'")[0]["status"] == "delivered"
    )


async def test_a_digest_post_answered_429_waits_for_retry_after_on_the_clock_then_succeeds(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    bot = await newsroom()
    fake.fail_next("chat.postMessage", status=429, retry_after=30)
    await bot.scheduler.run()
    await bot.deliver()
    clock.advance(seconds=10)
    await bot.deliver()
    assert digest_posts(fake) == []  # Retry-After: 30 is honoured
    clock.advance(seconds=21)
    await bot.deliver()
    assert len(digest_posts(fake)) == 1
    assert len(fake.calls_to("chat.postMessage", ok_only=False)) == 2


async def test_a_digest_that_reached_slack_but_lost_its_answer_is_not_posted_twice(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    bot = await newsroom()
    fake.fail_next("chat.postMessage", status=500, apply=True)
    await bot.scheduler.run()
    await bot.deliver()
    clock.advance(seconds=1)
    await bot.deliver()
    assert fake.calls_to("conversations.history")
    assert len(digest_posts(fake)) == 1
