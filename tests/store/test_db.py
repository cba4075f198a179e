"""The database: pragmas, migrations recorded once, transactions that roll back."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.store.db import Database, StoreError
from bot.store.migrations import MIGRATIONS


async def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    names = [row[0] for row in await db.conn.execute_fetchall("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == sorted(name for name, _ in MIGRATIONS)
    assert await db.migrate() == []
    await db.close()
    again = await Database.open(tmp_path / "a.db")
    assert await again.migrate() == []
    await again.close()


async def test_pragmas(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    assert (await db.conn.execute_fetchall("PRAGMA journal_mode"))[0][0] == "wal"
    assert (await db.conn.execute_fetchall("PRAGMA foreign_keys"))[0][0] == 1
    assert (await db.conn.execute_fetchall("PRAGMA busy_timeout"))[0][0] >= 5000
    assert await db.healthy()
    await db.close()


async def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO articles (article_id, title, language, text, sha256, ingested_at, updated_at)"
                " VALUES ('x', 't', 'zh', 'text', 's', 'now', 'now')"
            )
            raise RuntimeError("boom")
    assert list(await db.conn.execute_fetchall("SELECT * FROM articles")) == []
    await db.close()


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable factbot database"):
        await Database.open(bad)
