"""Shared fixtures: settings on a temporary database, and a real Desk (real SQLite, real NLP)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Settings
from bot.desk.service import Desk

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "articles"

# The Slack rig (tests/support, on the path through pyproject's pythonpath) for every suite that needs it.
pytest_plugins = ["slack_rig"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Defaults, a database in tmp_path, no .env, no environment leaking in."""
    return replace(Settings.from_env(env={}), db_path=str(tmp_path / "factbot.db"))


@pytest.fixture
async def desk(settings: Settings) -> AsyncIterator[Desk]:
    """A desk with the seed article loaded."""
    opened = await Desk.open(settings)
    try:
        yield opened
    finally:
        await opened.close()
