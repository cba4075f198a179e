"""Received checks answered in the background, a few at a time. Knows no Slack.

An edge stores a query with ``receive`` (one small transaction), acknowledges it, and this worker does
the rest: the lookup, then the check and its announcements in one transaction (``Desk.answer``). Only
``workers`` answers are in flight, so a burst of requests queues here, in the database and in memory,
instead of fifty lookups and transactions competing with the next acknowledgements. During a burst
(requests arriving closer than ``BURST_GAP`` apart) a worker waits for a gap, at most ``BURST_PAUSE``,
before each batch: Slack wants the acknowledgement within 3 s, the answer can come a second later.
At start-up, whatever a crash left pending is answered first: nothing acknowledged is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.desk.service import Desk
from bot.errors import FactbotError
from bot.store.intake import PendingCheck
from bot.store.outbox import Announce

log = logging.getLogger(__name__)
# bench/load.py (2,000 requests at concurrency 50, 6 interleaved pairs): ack p99 68-76 ms with the
# pause, 80-113 ms without; checks answered per second unchanged (about 440).
BURST_GAP = 0.02  # seconds between two requests below which they are a burst
BURST_PAUSE = 1.0  # longest a worker waits for a burst to pause: under any load it answers a batch a second
INTERNAL_ERROR = "internal_error"  # the messages catalog key an edge shows for an unexpected failure

Answered = Callable[[int], None]
Refused = Callable[[PendingCheck, FactbotError], Awaitable[None]]


class CheckIntake:
    """``receive`` a query (stored at once), answered by ``workers`` background tasks once ``start``ed,
    each taking up to ``batch`` waiting queries at a time (one lookup trip, one transaction). Small
    batches keep each answering transaction short, and an acknowledgement waits for the intake commit
    queued behind it: bench/load.py measured ack p99 around 95 ms with 8, around 115 ms with 32.

    ``on_answered(check_id)`` runs after a check and its outbox items are committed (wake a deliverer);
    ``on_refused(pending, error)`` tells the asker when a stored query cannot be answered."""

    def __init__(
        self, desk: Desk, on_answered: Answered, on_refused: Refused, workers: int = 2, batch: int = 8
    ) -> None:
        self.desk = desk
        self.on_answered, self.on_refused = on_answered, on_refused
        self.workers, self.batch = workers, batch
        self._queue: asyncio.Queue[PendingCheck] = asyncio.Queue()
        self._queued: set[int] = set()
        self._tasks: list[asyncio.Task[None]] = []
        self._last_received = 0.0  # time.monotonic() of the latest receive

    async def receive(
        self, query: str, *, origin: str, user_id: str | None, announce: Announce
    ) -> PendingCheck:
        """Store the query (committed when this returns: safe to acknowledge) and queue its answer."""
        self._last_received = time.monotonic()
        pending = await self.desk.receive(query, origin=origin, user_id=user_id, announce=announce)
        self._put(pending)
        return pending

    async def start(self) -> int:
        """Queue what a previous run left unanswered, then start the workers; returns how many."""
        left = await self.desk.pending_checks()
        for pending in left:
            self._put(pending)
        if left:
            log.warning(
                "%d received checks were not answered before the last stop; answering them", len(left)
            )
        self._tasks = [
            asyncio.create_task(self._work(), name=f"factbot-intake-{n}") for n in range(self.workers)
        ]
        return len(left)

    async def wait_idle(self, timeout: float = 10.0) -> None:
        """Wait until every received query is answered or refused (tests and shutdown)."""
        async with asyncio.timeout(timeout):
            await self._queue.join()

    async def stop(self, grace: float = 10.0) -> None:
        """Answer what is queued (at most ``grace`` seconds), then stop; the rest stays pending in the
        database and is answered at the next start."""
        if self._tasks:
            with contextlib.suppress(TimeoutError):
                await self.wait_idle(grace)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []

    def _put(self, pending: PendingCheck) -> None:
        if pending.intake_id not in self._queued:
            self._queued.add(pending.intake_id)
            self._queue.put_nowait(pending)

    async def _work(self) -> None:
        while True:
            batch = [await self._queue.get()]
            await self._burst_pause()
            while len(batch) < self.batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._answer(batch)
            finally:
                for pending in batch:
                    self._queued.discard(pending.intake_id)
                    self._queue.task_done()

    async def _burst_pause(self) -> None:
        """Let the acknowledgements of a burst go first (see the module docstring)."""
        until = time.monotonic() + BURST_PAUSE
        while time.monotonic() - self._last_received < BURST_GAP and time.monotonic() < until:
            await asyncio.sleep(BURST_GAP)

    async def _answer(self, batch: list[PendingCheck]) -> None:
        try:
            answers = await self.desk.answer_many(batch)
        except Exception as exc:  # the transaction failed: nothing of the batch is stored
            log.error("answering %d check requests failed", len(batch), exc_info=exc)
            answers = [exc] * len(batch)
        for pending, answer in zip(batch, answers, strict=True):
            if isinstance(answer, FactbotError):
                await self._refuse(pending, answer)
            elif isinstance(answer, Exception):
                log.error("answering check request %d failed", pending.intake_id, exc_info=answer)
                await self._refuse(pending, FactbotError(INTERNAL_ERROR))
            elif answer is not None:
                self.on_answered(answer)

    async def _refuse(self, pending: PendingCheck, error: FactbotError) -> None:
        try:
            if await self.desk.refuse(pending, str(error)):
                await self.on_refused(pending, error)
        except Exception as exc:  # left pending: answered (or refused) again at the next start
            log.error("could not close check request %d", pending.intake_id, exc_info=exc)
