"""The one SQLite connection: opened at start-up, migrated, closed at shutdown.

All writes go through ``transaction()``, which holds an asyncio lock and a ``BEGIN IMMEDIATE``, so
one process never interleaves two writers on the connection and other processes wait (busy timeout).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import aiosqlite

from bot.errors import FactbotError
from bot.store.migrations import MIGRATIONS

log = logging.getLogger(__name__)
BUSY_TIMEOUT_MS = 10_000
P = ParamSpec("P")
T = TypeVar("T")


class StoreError(FactbotError):
    """The database cannot be opened or used."""


class Database:
    """Wraps an aiosqlite connection; create with ``await Database.open(path)``."""

    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path) -> Database:
        """Open (creating if needed), set pragmas and apply pending migrations."""
        target = str(path)
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = await aiosqlite.connect(target, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open the database {target}: {exc}") from exc
        conn.row_factory = aiosqlite.Row
        db = cls(conn, target)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA foreign_keys = ON")
            await db.migrate()
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise StoreError(f"{target} is not a usable factbot database: {exc}") from exc
        return db

    async def close(self) -> None:
        await self.conn.close()

    async def run(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run a synchronous read on the connection's own thread: several statements, one hop.

        Each ``await execute...`` is a round trip to the database thread (a few hundred µs of thread
        hand-offs); a lookup that needs two queries pays once this way. aiosqlite queues exactly such
        calls for its own methods (``_execute``); the version is pinned in uv.lock."""
        return await self.conn._execute(fn, self.conn._conn, *args, **kwargs)  # type: ignore[no-untyped-call,no-any-return]

    async def write(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """One write transaction in one trip to the database thread: BEGIN IMMEDIATE, ``fn``, COMMIT
        (ROLLBACK if ``fn`` raises). For hot paths where ``transaction()``'s per-statement awaits
        cost more than the statements themselves."""
        async with self._write_lock:
            return await self.run(_in_transaction, fn, args, kwargs)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; rolled back if the body raises."""
        async with self._write_lock:
            await self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                await self.conn.execute("ROLLBACK")
                raise
            else:
                await self.conn.execute("COMMIT")

    @asynccontextmanager
    async def autocommit(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection for statements that each commit on their own: one round trip to the database
        thread instead of three. Holds the write lock, so no statement lands in another writer's
        transaction. Use it only where each statement alone leaves the data consistent."""
        async with self._write_lock:
            yield self.conn

    async def migrate(self) -> list[str]:
        """Apply migrations not yet recorded, in order, each in its own transaction."""
        await self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in await self.conn.execute_fetchall("SELECT name FROM schema_migrations")}
        applied: list[str] = []
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            async with self.transaction() as conn:
                for statement in statements:
                    await conn.execute(statement)
                await conn.execute(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (?, datetime('now'))", (name,)
                )
            log.info("applied migration %s", name)
            applied.append(name)
        return applied

    async def healthy(self) -> bool:
        """True when the database answers a trivial query."""
        try:
            rows = await self.conn.execute_fetchall("SELECT 1")
            return list(rows) == [(1,)] or bool(rows)
        except sqlite3.Error:
            return False


def _in_transaction(
    conn: sqlite3.Connection, fn: Callable[..., T], args: tuple[object, ...], kwargs: dict[str, object]
) -> T:
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = fn(conn, *args, **kwargs)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result
