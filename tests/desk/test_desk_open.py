"""Opening the desk: a failure on the way (bad seeds, a database that cannot be upgraded) closes the
connection again, so `factbot check` exits with its error instead of hanging on a live database thread."""

from __future__ import annotations

import asyncio
import threading

import pytest

from bot.config import Settings
from bot.desk.service import Desk
from bot.errors import SeedError


async def test_a_desk_that_fails_to_open_leaves_no_database_thread_behind(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(self: Desk) -> list[object]:
        raise SeedError("seeds/models/same_claim.json: cannot read the same-claim model")

    monkeypatch.setattr(Desk, "ensure_seeds", broken)
    before = set(threading.enumerate())
    with pytest.raises(SeedError):
        await Desk.open(settings)
    for _ in range(100):  # aiosqlite's thread ends shortly after its connection closes
        left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not left:
            break
        await asyncio.sleep(0.02)
    assert left == []
