"""The database: pragmas, migrations recorded once, transactions that roll back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.store import db as db_module
from bot.store.db import Database, StoreError
from bot.store.migrations import MIGRATIONS


async def test_migrations_are_recorded_and_applied_once(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    names = [
        row[0] for row in await db.conn.execute_fetchall("SELECT name FROM schema_migrations ORDER BY name")
    ]
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


async def test_write_commits_in_one_trip_and_rolls_back_when_the_body_raises(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "w.db")
    try:
        await db.run(lambda conn: conn.execute("CREATE TABLE t (x INTEGER)"))

        def insert(conn: object, value: int, fail: bool = False) -> int:
            conn.execute("INSERT INTO t VALUES (?)", (value,))  # type: ignore[attr-defined]
            if fail:
                raise ValueError("body failed")
            return value

        assert await db.write(insert, 1) == 1
        with pytest.raises(ValueError):
            await db.write(insert, 2, fail=True)
        rows = await db.run(lambda conn: [tuple(r) for r in conn.execute("SELECT x FROM t").fetchall()])
        assert rows == [(1,)]
        assert not db.conn.in_transaction
    finally:
        await db.close()


@pytest.fixture
def groups(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The first argument of each write, per transaction group the database thread runs."""
    seen: list[list[int]] = []
    real_group = db_module._in_group

    def recorded(conn: object, group: list[db_module._Write]) -> object:
        seen.append([w.args[0] for w in group])
        return real_group(conn, group)  # type: ignore[arg-type]

    monkeypatch.setattr(db_module, "_in_group", recorded)
    return seen


def _insert(conn: object, value: int, fail: bool = False) -> int:
    conn.execute("INSERT INTO t VALUES (?)", (value,))  # type: ignore[attr-defined]
    if fail:
        raise ValueError("body failed")
    return value


async def _table(path: Path) -> Database:
    db = await Database.open(path)
    await db.run(lambda conn: conn.execute("CREATE TABLE t (x INTEGER)"))
    return db


async def test_writes_queued_together_share_a_transaction_and_one_failure_spares_the_others(
    tmp_path: Path, groups: list[list[int]]
) -> None:
    db = await _table(tmp_path / "g.db")
    try:
        writes = (db.write(_insert, n, fail=n == 3) for n in range(1, 6))
        outcomes = await asyncio.gather(*writes, return_exceptions=True)
        assert outcomes[:2] == [1, 2] and isinstance(outcomes[2], ValueError) and outcomes[3:] == [4, 5]
        rows = await db.run(
            lambda conn: [r[0] for r in conn.execute("SELECT x FROM t ORDER BY x").fetchall()]
        )
        assert rows == [1, 2, 4, 5] and [len(g) for g in groups] == [5]
        assert not db.conn.in_transaction
    finally:
        await db.close()


async def test_write_first_commits_ahead_of_writes_queued_before_it(
    tmp_path: Path, groups: list[list[int]]
) -> None:
    """An acknowledgement waits on its intake row: queued behind a burst of other writes, it still
    goes in the next transaction, in a group of its own."""
    db = await _table(tmp_path / "f.db")
    try:
        writes = [
            db.write(_insert, 1),
            db.write(_insert, 2),
            db.write_first(_insert, 3),
            db.write(_insert, 4),
        ]
        assert await asyncio.gather(*writes) == [1, 2, 3, 4]
        assert groups == [[3], [1, 2, 4]]
        rows = await db.run(lambda conn: [r[0] for r in conn.execute("SELECT x FROM t ORDER BY rowid")])
        assert rows == [3, 1, 2, 4]
    finally:
        await db.close()
