"""When digests run: the cron trigger in the newsroom's zone (not UTC), across the day boundary, and the
real APScheduler firing the job inside the app and `factbot serve`."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from digestkit import DIGEST_CHANNEL, PREVIOUS_SLOT, SLOT, Clock, Opener, digest_posts
from fake_slack import FakeSlack
from slackkit import ASKER, CHANNEL, FAST, MATCHED

from bot.config import Settings
from bot.digest.content import Period
from bot.digest.schedule import JOB_ID
from bot.digest.slots import digest_trigger, latest_slot, previous_slot, slots_between
from bot.errors import ConfigError
from bot.slack.serve import serve


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _trigger(cron: str = "0 9 * * *", tz: str = "Asia/Shanghai") -> object:
    return digest_trigger(replace(Settings(), digest_cron=cron, tz=tz))


def test_nine_in_shanghai_is_one_in_utc_and_the_next_day_starts_at_sixteen_utc() -> None:
    trigger = digest_trigger(Settings())  # the defaults: 0 9 * * * in Asia/Shanghai
    # 23:30 UTC on 1 March is already 07:30 on 2 March in Shanghai: the next digest is that morning.
    assert trigger.get_next_fire_time(None, _utc(2026, 3, 1, 23, 30)) == _utc(2026, 3, 2, 1, 0)
    # 00:30 UTC is 08:30 in Shanghai, the same calendar day in both zones: today's 09:00 is still ahead.
    assert trigger.get_next_fire_time(None, _utc(2026, 3, 1, 0, 30)) == _utc(2026, 3, 1, 1, 0)
    assert trigger.get_next_fire_time(None, _utc(2026, 3, 1, 1, 0, 1)) == _utc(2026, 3, 2, 1, 0)
    midnight = digest_trigger(replace(Settings(), digest_cron="0 0 * * *"))
    fire = midnight.get_next_fire_time(None, _utc(2026, 3, 1, 15, 59, 59))
    assert fire == _utc(2026, 3, 1, 16, 0)  # midnight of 2 March in Shanghai, 16:00 UTC on 1 March
    assert fire.strftime("%Y-%m-%d %H:%M") == "2026-03-02 00:00"


def test_the_due_slot_and_the_slot_before_follow_the_newsroom_calendar() -> None:
    trigger = digest_trigger(Settings())
    assert latest_slot(trigger, _utc(2026, 3, 2, 1, 0, 30), timedelta(hours=6)) == _utc(2026, 3, 2, 1, 0)
    assert latest_slot(trigger, _utc(2026, 3, 2, 7, 1), timedelta(hours=6)) is None  # past the grace
    assert previous_slot(trigger, _utc(2026, 3, 2, 1, 0)) == _utc(2026, 3, 1, 1, 0)
    weekly = digest_trigger(replace(Settings(), digest_cron="30 8 * * mon"))
    assert previous_slot(weekly, _utc(2026, 3, 2, 0, 30)) == _utc(2026, 2, 23, 0, 30)
    hourly = slots_between(
        digest_trigger(replace(Settings(), digest_cron="0 * * * *")), SLOT, SLOT + timedelta(hours=2)
    )
    assert hourly == [SLOT, SLOT + timedelta(hours=1), SLOT + timedelta(hours=2)]


@pytest.mark.parametrize(
    ("cron", "tz", "variable"),
    [("0 9 * *", "Asia/Shanghai", "FACTBOT_DIGEST_CRON"), ("0 9 * * *", "Mars/Olympus", "FACTBOT_TZ")],
)
def test_a_bad_schedule_names_its_variable(cron: str, tz: str, variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        digest_trigger(replace(Settings(), digest_cron=cron, tz=tz))


async def test_a_check_at_0730_shanghai_goes_into_that_mornings_digest_though_utc_is_still_yesterday(
    newsroom: Opener, clock: Clock
) -> None:
    bot = await newsroom()
    for moment in (_utc(2026, 3, 1, 0, 30), _utc(2026, 3, 1, 23, 30), _utc(2026, 3, 2, 1, 30)):
        clock.set(moment)  # 08:30 on 1 March, 07:30 and 09:30 on 2 March, Shanghai time
        await bot.desk.check(MATCHED, origin="slack", user_id=ASKER, channel_id=CHANNEL, thread_ts="1.000001")
    clock.set(SLOT + timedelta(seconds=2))
    claimed = await bot.scheduler.run()
    assert claimed is not None and claimed.period == Period(PREVIOUS_SLOT, SLOT)
    digest = await bot.desk.digests.build(claimed.period)
    assert digest.checks == 1


async def test_the_real_scheduler_fires_the_job_which_posts_the_due_digest(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    clock.set(SLOT - timedelta(hours=1))  # nothing due at start-up
    bot = await newsroom()
    await bot.runtime.deliverer.start()
    assert await bot.scheduler.start() is True
    assert bot.scheduler.scheduler is not None
    job = bot.scheduler.scheduler.get_job(JOB_ID)
    assert str(job.trigger.timezone) == "Asia/Shanghai"
    assert job.next_run_time.strftime("%H:%M") == "09:00"
    assert digest_posts(fake) == []
    clock.set(SLOT + timedelta(seconds=1))
    # Ask APScheduler to fire now instead of at the next real 09:00 (the job reads the test's clock).
    job.modify(next_run_time=datetime.now(job.trigger.timezone))
    bot.scheduler.scheduler.wakeup()
    await fake.wait_for("chat.postMessage", 1)
    await bot.runtime.deliverer.wait_idle()
    assert len(digest_posts(fake)) == 1
    assert bot.scheduler.scheduler.get_job(JOB_ID).next_run_time > datetime.now(UTC)


async def _serve_once(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    ready: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(settings, stop=stop, policy=FAST, host="127.0.0.1", on_ready=ready.set_result)
    )
    await asyncio.wait_for(asyncio.shield(ready), 15)
    stop.set()
    await asyncio.wait_for(task, 10)


async def test_without_a_digest_channel_nothing_is_scheduled_and_start_up_says_so(
    newsroom: Opener, digest_settings: Settings, fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    bot = await newsroom(replace(digest_settings, digest_channel=""))
    assert await bot.scheduler.start() is False
    assert bot.scheduler.scheduler is None and bot.scheduler.next_run_at is None
    assert "no digest: FACTBOT_DIGEST_CHANNEL is not set" in caplog.text
    assert fake.calls == []


async def test_serve_with_a_digest_channel_schedules_it_and_stops_cleanly(
    digest_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    await _serve_once(replace(digest_settings, port=0), caplog)
    assert f"digest to {DIGEST_CHANNEL} on '0 9 * * *' (Asia/Shanghai); next at" in caplog.text
    assert "factbot stopped" in caplog.text
