"""The one SQLite connection: opened at start-up, migrated, closed at shutdown.

All writes go through ``transaction()`` or ``write()``, which hold an asyncio lock and a ``BEGIN
IMMEDIATE``, so one process never interleaves two writers on the connection and other processes wait
(busy timeout). ``write()`` commits in groups: the writes that queue up while one transaction is on the
database thread share the next one (each in its own savepoint), so a burst costs one trip, not one each.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

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
        self._queued: list[_Write] = []
        self._flusher: asyncio.Task[None] | None = None  # held: the loop keeps only weak references

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
        """Run ``fn`` on the database thread inside a write transaction; returns once it is committed.
        If ``fn`` raises, its changes are rolled back and the exception is raised here.

        Writes queued while another transaction is on the thread are committed together, each in a
        savepoint (one failing leaves the others intact): under load a check's intake, answers and
        outbox bookkeeping share one BEGIN IMMEDIATE ... COMMIT and one trip instead of one each."""
        return cast(
            T, await self._enqueue(_Write(fn, args, kwargs, asyncio.get_running_loop().create_future()))
        )

    async def write_first(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``write`` for a small write someone is waiting on (a request before its acknowledgement):
        queued writes of this kind are committed in a group of their own, ahead of the others."""
        future = asyncio.get_running_loop().create_future()
        return cast(T, await self._enqueue(_Write(fn, args, kwargs, future, first=True)))

    async def _enqueue(self, write: _Write) -> Any:
        self._queued.append(write)
        if self._flusher is None:
            self._flusher = asyncio.get_running_loop().create_task(self._flush(), name="factbot-db-write")
        return await write.future

    async def _flush(self) -> None:
        """Commit queued writes, group after group, until none is left."""
        try:
            async with self._write_lock:
                while self._queued:
                    # Writes someone waits on (write_first) go in a group of their own, ahead of the rest.
                    first = [w for w in self._queued if w.first]
                    group = first or self._queued
                    self._queued = [w for w in self._queued if not w.first] if first else []
                    try:
                        outcomes = await self.run(_in_group, group)
                    except BaseException as exc:  # BEGIN or COMMIT failed: nothing of the group is stored
                        for write in group:
                            if not write.future.done():
                                write.future.set_exception(exc)
                        if not isinstance(exc, Exception):
                            raise
                        continue
                    for write, (ok, value) in zip(group, outcomes, strict=True):
                        if write.future.done():  # the caller was cancelled; the write stands
                            continue
                        if ok:
                            write.future.set_result(value)
                        else:
                            write.future.set_exception(value)
        finally:
            self._flusher = None

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


@dataclass(slots=True)
class _Write:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    future: asyncio.Future[Any]
    first: bool = False


def _in_group(conn: sqlite3.Connection, group: list[_Write]) -> list[tuple[bool, Any]]:
    """One transaction for a group of writes, each in a savepoint: (True, result) or (False, exception)
    per write. A BaseException (KeyboardInterrupt) rolls the whole group back."""
    conn.execute("BEGIN IMMEDIATE")
    outcomes: list[tuple[bool, Any]] = []
    try:
        for write in group:
            conn.execute("SAVEPOINT w")
            try:
                outcomes.append((True, write.fn(conn, *write.args, **write.kwargs)))
            except Exception as exc:
                conn.execute("ROLLBACK TO w")
                outcomes.append((False, exc))
            conn.execute("RELEASE w")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes
