"""Lookups in worker processes, so the CPU-bound half of a check runs beside the Slack server's loop.

Segmentation and scoring take a few milliseconds of pure Python per query: on the event loop they
delay every other request's acknowledgement and use one core of the machine. Each worker opens the
database read-only (WAL readers never block the writer), loads the tokenizer and glossary once, and
runs the same ``lookup()``; the server keeps all writes. Workers die with the server (kill -9 included).
bench/lookup_scale.py measures one ``LookupWorker`` in its own process, as a worker runs.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import logging
import multiprocessing
import signal
import sqlite3
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Concatenate, cast

from bot.lookup.message import Answer, answer
from bot.store.db import Database, P, T
from bot.text import segment
from bot.text.glossary import Glossary, load_seed_glossary

log = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
_worker: list[LookupWorker] = []  # the worker process's one LookupWorker


class LookupPool:
    """``await LookupPool.start(db_path, seeds, workers)``; ``await pool.lookup(text)``; ``pool.close()``."""

    def __init__(self, executor: ProcessPoolExecutor, workers: int) -> None:
        self._executor = executor
        self.workers = workers

    @classmethod
    async def start(cls, db_path: str, seeds: Path, workers: int) -> LookupPool:
        """Spawn the workers and wait until each has its tokenizer loaded (a second or two)."""
        executor = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),  # no inherited threads or event loop
            initializer=_init_worker,
            initargs=(db_path, str(seeds)),
        )
        pool = cls(executor, workers)
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(executor, _ready) for _ in range(workers)))
        return pool

    async def lookup(self, text: str) -> Answer:
        """The same answer as ``bot.lookup.message.answer`` (InputError included), computed in a worker:
        a query's lookup, or a message's claims looked up one by one."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, _lookup, text)

    async def lookup_many(self, texts: list[str]) -> list[Answer | Exception]:
        """Several lookups in one trip to a worker (one hand-off and one pickle instead of one each);
        each answer is its result or the exception it raised."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, _lookup_many, texts)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(db_path: str, seeds: str) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    _worker[:] = [LookupWorker(db_path, Path(seeds))]


class LookupWorker:
    """What a lookup process holds (its own event loop, the database read-only, the tokenizer and the
    seed glossary, loaded once) and how it answers one text."""

    def __init__(self, db_path: str, seeds: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.db = _open_read_only(db_path)
        segment.configure([seeds / "jieba_userdict.txt"])
        self.glossary: Glossary = load_seed_glossary(seeds)
        segment.warm_up()

    def answer(self, text: str) -> Answer:
        """``bot.lookup.message.answer`` on this worker's database and glossary."""
        _settle()
        return self.loop.run_until_complete(answer(self.db, text, self.glossary))

    def close(self) -> None:
        self.loop.run_until_complete(self.db.close())
        self.loop.close()


def _settle() -> None:
    """Collect what earlier lookups left behind and freeze what survives, before the next one.

    What survives a lookup is mostly cache entries (bigram and term sets of the claims it read, the
    3-grams of the texts it compared): sets the collector's full passes walk entry by entry. Left in
    its oldest generation they made each full pass slower the longer the worker ran: at 100k claims
    about 100 ms, once every 30 messages or so, which set the p99 (bench/lookup_scale.py --message).
    Frozen, a pass walks only what the last lookup made (1-2 ms after a message, less after a query).
    Run at the start of a lookup, the previous one's garbage (an exception and its traceback
    included) is already unreachable and collected, never frozen."""
    gc.collect()
    gc.freeze()


class _WorkerDatabase(Database):
    """Read-only and synchronous: a worker does one thing at a time, so a database thread would only
    add hops (and a thread that keeps the worker from exiting). Lookups read through ``run`` only."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        super().__init__(cast(Any, None), path)
        self._sync = conn

    async def run(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        return fn(self._sync, *args, **kwargs)

    async def close(self) -> None:
        self._sync.close()


def _open_read_only(path: str) -> Database:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return _WorkerDatabase(conn, path)


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGKILL to the worker when the server dies, however it dies."""
    libc_name = ctypes.util.find_library("c")
    if libc_name:
        ctypes.CDLL(libc_name, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _ready() -> bool:
    return bool(_worker)


def _lookup(text: str) -> Answer:
    return _worker[0].answer(text)


def _lookup_many(texts: list[str]) -> list[Answer | Exception]:
    answers: list[Answer | Exception] = []
    for text in texts:
        try:
            answers.append(_lookup(text))
        except Exception as exc:  # one bad query does not sink the others
            answers.append(exc)
    return answers
