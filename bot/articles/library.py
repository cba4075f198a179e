"""Articles into the store: read, analysed (on every core when there are many), written in batches.

The CPU-bound analysis is bot/articles/analyse.py; this module decides what needs analysing (unchanged
articles are skipped) and writes the results, overlapping the store with the analysis.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.articles.analyse import Analysis, analyse, analyse_many
from bot.articles.read import read_article
from bot.claims.models import Article
from bot.errors import FactbotError
from bot.store import claims as claim_store
from bot.store import verdicts as verdict_store
from bot.store import versions as version_store
from bot.store.db import Database
from bot.verdicts.evidence import EvidenceBase


@dataclass(frozen=True, slots=True)
class IngestReport:
    article_id: str
    title: str
    status: str  # "new" | "updated" | "unchanged"
    claims: int
    added: int = 0
    kept: int = 0
    retired: int = 0
    seconds: float = 0.0


class Library:
    """``desk.library``: ingest one article, one file or many files.

    The evidence base is asked for only when something must be analysed (loading it costs time).
    ``linker`` gets the claim ids of every saved batch: the desk joins them to claim families."""

    def __init__(
        self,
        db: Database,
        evidence: Callable[[], EvidenceBase],
        clock: Callable[[], datetime],
        dictionaries: list[Path],
        linker: Callable[[list[str]], Awaitable[object]] | None = None,
    ) -> None:
        self.db, self.evidence, self.clock, self.dictionaries = db, evidence, clock, dictionaries
        self.linker = linker

    async def ingest_path(self, path: Path, refresh: bool = True) -> IngestReport:
        return await self.ingest_article(read_article(path), str(path), refresh=refresh)

    async def ingest_article(
        self, article: Article, path: str | None = None, refresh: bool = True
    ) -> IngestReport:
        """Store an article and its claims; the same article twice changes nothing."""
        started = time.perf_counter()
        unchanged = await self._unchanged(article)
        if unchanged is not None:
            return unchanged
        analysis = await asyncio.to_thread(analyse, article, self.evidence())
        [report] = await self._save([(analysis, path)], refresh, started)
        return report

    async def ingest_paths(self, paths: list[Path]) -> list[IngestReport | FactbotError]:
        """Ingest many files: unchanged ones are skipped, the rest analysed on every core.

        Returns a report or the (user-facing) error for each path, in order."""
        results: list[IngestReport | FactbotError] = []
        todo: list[tuple[int, Article, str]] = []
        for path in paths:
            try:
                article = read_article(path)
            except FactbotError as exc:
                results.append(exc)
                continue
            unchanged = await self._unchanged(article)
            results.append(unchanged or FactbotError("pending"))
            if unchanged is None:
                todo.append((len(results) - 1, article, str(path)))
        pending = iter(todo)
        started = time.perf_counter()
        linking: asyncio.Task[None] | None = None
        try:
            # Saved as they come, in batches of whatever is ready: the store overlaps the analysis, and
            # one transaction per batch writes each term's document frequency once. A batch's claims are
            # joined to families (CPU in this thread) while later batches are written (SQLite's work, in
            # its thread); the batches are linked one after another, in order.
            async for ready in _batches(
                analyse_many([a for _, a, _ in todo], self.evidence(), self.dictionaries)
            ):
                entries = [next(pending) for _ in ready]
                batch = [(a, src) for a, (_, _, src) in zip(ready, entries, strict=True)]
                reports = await self._save(batch, True, started, link=False)
                for (index, _, _), report in zip(entries, reports, strict=True):
                    results[index] = report
                if self.linker is not None:
                    linking = asyncio.create_task(self._link_after(linking, _claim_ids(batch)))
                started = time.perf_counter()
            if linking is not None:
                await linking
        finally:
            if linking is not None and not linking.done():
                linking.cancel()
        return results

    async def _link_after(self, previous: asyncio.Task[None] | None, claim_ids: list[str]) -> None:
        if previous is not None:
            await previous
        if self.linker is not None:
            await self.linker(claim_ids)

    async def _unchanged(self, article: Article) -> IngestReport | None:
        if await claim_store.article_sha(self.db, article.article_id) != article.sha256:
            return None
        count = len(await claim_store.list_claims(self.db, article.article_id))
        return IngestReport(article.article_id, article.title, "unchanged", count)

    async def _save(
        self, batch: list[tuple[Analysis, str | None]], refresh: bool, started: float, link: bool = True
    ) -> list[IngestReport]:
        """Write analysed articles (and, with ``refresh``, their automated verdicts) in one transaction;
        with ``link``, then join their claims to families."""
        at, fingerprint = self.clock(), self.evidence().fingerprint

        def write(conn: sqlite3.Connection) -> list[claim_store.SavedArticle]:
            before = version_store.indexed_texts(conn, [a.rows.article_id for a, _ in batch])
            saved = claim_store.save_articles(conn, [(a.rows, path) for a, path in batch], at)
            for analysis, _ in batch:  # the text index of versions (bot/lookup/versions.py)
                rows = analysis.rows
                version_store.index_text(
                    conn, rows.article_id, rows.article["text"], before.get(rows.article_id)
                )
            if refresh:
                for analysis, _ in batch:
                    verdict_store.store_auto(conn, analysis.verdicts, at, fingerprint)
            return saved

        saved = await self.db.write(write)
        if link and self.linker is not None:
            await self.linker(_claim_ids(batch))
        seconds = (time.perf_counter() - started) / len(batch)
        return [
            IngestReport(
                s.article_id,
                analysis.rows.title,
                "new" if s.created else "updated",
                len(analysis.rows.claims),
                s.result.added,
                s.result.kept,
                s.result.retired,
                seconds,
            )
            for s, (analysis, _) in zip(saved, batch, strict=True)
        ]


def _claim_ids(batch: list[tuple[Analysis, str | None]]) -> list[str]:
    return [claim_id for analysis, _ in batch for claim_id in analysis.rows.claim_ids]


async def _batches(items: Iterator[Analysis], limit: int = 32) -> AsyncIterator[list[Analysis]]:
    """Drain a blocking iterator in a thread; yield what has arrived (at least one, at most ``limit``)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[Analysis | None, BaseException | None]] = asyncio.Queue()

    def pump() -> None:
        try:
            for item in items:
                loop.call_soon_threadsafe(queue.put_nowait, (item, None))
        except BaseException as exc:  # handed to the consumer, which re-raises it
            loop.call_soon_threadsafe(queue.put_nowait, (None, exc))
        else:
            loop.call_soon_threadsafe(queue.put_nowait, (None, None))

    worker = asyncio.get_running_loop().run_in_executor(None, pump)
    done = False
    while not done:
        batch: list[Analysis] = []
        item, error = await queue.get()
        while True:
            if error is not None:
                raise error
            if item is None:
                done = True
                break
            batch.append(item)
            if len(batch) >= limit or queue.empty():
                break
            item, error = queue.get_nowait()
        if batch:
            yield batch
    await worker
