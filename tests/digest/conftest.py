"""The digest against the real app pieces: real SQLite, the real outbox deliverer and scheduler, the
fake Slack of tests/slack, and a clock the test moves by hand (nothing sleeps for real time).

The Slack tests' fixtures (``spec``, ``template_db``, ``slack_settings``, ``fake``, ``bot``) are loaded
from tests/slack/conftest.py rather than copied, so both suites always run against the same fake.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

SLACK_TESTS = Path(__file__).resolve().parent.parent / "slack"
sys.path.insert(0, str(SLACK_TESTS))  # fake_slack and slackkit live beside the Slack tests

from digestkit import DIGEST_CHANNEL, POLICY, SLOT, Clock, Instance, Opener  # noqa: E402
from fake_slack import FakeSlack  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.desk.service import Desk  # noqa: E402
from bot.digest.schedule import DigestScheduler  # noqa: E402
from bot.slack.app import build_runtime  # noqa: E402


def _slack_conftest() -> Any:
    loaded = importlib.util.spec_from_file_location("slack_tests_conftest", SLACK_TESTS / "conftest.py")
    assert loaded is not None and loaded.loader is not None
    module = importlib.util.module_from_spec(loaded)
    loaded.loader.exec_module(module)
    return module


_shared = _slack_conftest()
spec = _shared.spec
template_db = _shared.template_db
slack_settings = _shared.slack_settings
fake = _shared.fake
bot = _shared.bot


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
