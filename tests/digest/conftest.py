"""The digest against the real app pieces: real SQLite, the real outbox deliverer and scheduler, the
fake Slack of tests/support, and a clock the test moves by hand (nothing sleeps for real time).

The Slack rig's fixtures (``spec``, ``template_db``, ``slack_settings``, ``fake``, ``bot``) come from
tests/support/slack_rig.py, loaded for every test by tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest
from digestkit import DIGEST_CHANNEL, POLICY, SLOT, Clock, Instance, Opener
from fake_slack import FakeSlack

from bot.config import Settings
from bot.desk.service import Desk
from bot.digest.schedule import DigestScheduler
from bot.slack.app import build_runtime


@pytest.fixture
def clock() -> Clock:
    """Five seconds after the default slot: a digest is due."""
    return Clock(SLOT + timedelta(seconds=5))


@pytest.fixture
def digest_settings(slack_settings: Settings, fake: FakeSlack) -> Settings:
    return replace(
        slack_settings,
        slack_api_url=fake.api_url,
        digest_channel=DIGEST_CHANNEL,
        digest_cron="0 9 * * *",
        tz="Asia/Shanghai",
        digest_grace_hours=6.0,
        locale="en",
    )


@pytest.fixture
async def newsroom(digest_settings: Settings, clock: Clock) -> AsyncIterator[Opener]:
    """``await newsroom()`` opens one more instance on the same database; all are closed at the end."""
    opened: list[Instance] = []

    async def open_instance(settings: Settings | None = None) -> Instance:
        desk = await Desk.open(settings or digest_settings, clock)
        runtime = build_runtime(desk.settings, desk, POLICY)
        instance = Instance(desk, runtime, DigestScheduler(desk.digests, runtime.deliverer.kick))
        opened.append(instance)
        return instance

    yield open_instance
    for instance in opened:
        await instance.close()
