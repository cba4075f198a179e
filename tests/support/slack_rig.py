"""Fixtures of the Slack rig (a pytest plugin loaded by tests/conftest.py): the real Bolt app over HTTP on
loopback, a fake Slack beside it, and a fresh database per test. Used by the Slack, digest and
reliability tests."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
from fake_slack import BOT_TOKEN, FakeSlack, SpecChecker
from slackkit import FAST, GROUP_REVIEWER, REVIEWER, SECRET, Bot

from bot.config import Settings
from bot.desk.service import Desk
from bot.slack.app import build_runtime
from bot.slack.serve import start_http


@pytest.fixture(scope="session")
def spec() -> SpecChecker:
    return SpecChecker.load()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested once per session; each test works on its own copy."""
    path = tmp_path_factory.mktemp("template") / "factbot.db"
    settings = replace(Settings.from_env(env={}), db_path=str(path))

    async def build() -> None:
        desk = await Desk.open(settings)
        await desk.close()

    asyncio.run(build())
    return path


@pytest.fixture
def slack_settings(tmp_path: Path, template_db: Path) -> Settings:
    db = tmp_path / "factbot.db"
    shutil.copy(template_db, db)
    return replace(
        Settings.from_env(env={}),
        db_path=str(db),
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SECRET,
        reviewers=(REVIEWER,),
        reviewer_group="S0REVIEW",
    )


@pytest.fixture
async def fake(spec: SpecChecker) -> AsyncIterator[FakeSlack]:
    server = FakeSlack(spec)
    server.group_members = [GROUP_REVIEWER]
    await server.start()
    yield server
    await server.stop()
    problems = server.spec_problems()
    assert not problems, f"calls outside Slack's published Web API: {problems}"


@asynccontextmanager
async def running_bot(settings: Settings, fake: FakeSlack) -> AsyncIterator[Bot]:
    """The real app on a free loopback port, talking to ``fake``; stopped and closed on exit."""
    desk = await Desk.open(settings)
    runtime = build_runtime(settings, desk, FAST)
    await runtime.start()
    runner, port = await start_http(runtime, "127.0.0.1", 0)
    async with aiohttp.ClientSession() as http:
        yield Bot(f"http://127.0.0.1:{port}/slack/events", desk, runtime, fake, http)
    await runner.cleanup()
    await runtime.stop()
    await desk.close()


@pytest.fixture
async def bot(slack_settings: Settings, fake: FakeSlack) -> AsyncIterator[Bot]:
    async with running_bot(replace(slack_settings, slack_api_url=fake.api_url), fake) as started:
        yield started
