"""Articles offered from Slack: stored first, read and analysed in the background, answered with a
triage post. Knows no Slack: a file is read through the ``load_file`` the edge hands in.

One path for every way in (a link, a message or its file, the modal): the request is stored before
the edge acknowledges it (so a restart finishes it, like a received check), then a worker fetches or
reads it, builds an Article, ingests it through the library (an edited version keeps its unchanged
claims' ids, verdicts and threads) and, in one transaction, queues the triage post in the outbox and
closes the request. Anything refused changes nothing and is told to the asker.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from bot.articles.extract import decode, looks_like_html, page_article, page_charset, require_chinese
from bot.articles.fetch import address_policy, check_url, fetch_page
from bot.articles.read import article_from_text
from bot.articles.triage import TriagePick, triage
from bot.claims.models import Article, Claim
from bot.desk.check_record import Asked, record_check
from bot.desk.service import Desk
from bot.errors import IngestError, IngestRefused, NotAuthorised, NotFound
from bot.lookup.match import LookupResult, Match
from bot.store import article_requests as request_store
from bot.store import claims as claim_store
from bot.store import outbox as outbox_store
from bot.store.article_requests import ArticleRequest
from bot.store.outbox import Announce, NewItem

log = logging.getLogger(__name__)
TRIAGE = "triage"  # the outbox kind of a triage post
FILE_SUFFIXES = (".txt", ".html", ".htm")
MAX_FILE_BYTES = 5_000_000  # the same limit as a fetched page (bot/articles/fetch.py)
MAX_TEXT_CHARS = 200_000  # pasted text: a long feature is ~20,000 characters


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """A file the edge fetched for us (Slack: files.info, then its private URL with the bot token)."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class TriageView:
    """Everything a triage post shows, read from the store when it is rendered."""

    request: ArticleRequest
    article: Article
    claims: int
    picks: list[TriagePick]


FileLoader = Callable[[str], Awaitable[LoadedFile]]
Refused = Callable[[ArticleRequest, IngestRefused], Awaitable[None]]


class ArticleIntake:
    """``receive`` a request (stored at once); ``start`` a worker that ingests what was received."""

    def __init__(
        self, desk: Desk, load_file: FileLoader, on_queued: Callable[[], None], on_refused: Refused
    ) -> None:
        self.desk, self.load_file = desk, load_file
        self.on_queued, self.on_refused = on_queued, on_refused
        self._queue: asyncio.Queue[ArticleRequest] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self.policy = address_policy(desk.settings.fetch_allow_private)  # which addresses a link may reach

    def may_ingest(self, user_id: str | None, group_members: Iterable[str] = ()) -> bool:
        """Reviewers, and the users named in FACTBOT_INGESTERS."""
        return self.desk.is_reviewer(user_id, group_members) or user_id in self.desk.settings.ingesters

    async def receive(self, request: ArticleRequest, group_members: Iterable[str] = ()) -> ArticleRequest:
        """Refuse at once what is not allowed or cannot be an article; store the rest (committed when
        this returns: safe to acknowledge) and queue it."""
        if not self.may_ingest(request.user_id, group_members):
            raise NotAuthorised("ingest_not_allowed")
        if request.way == "url":
            request = replace(request, url=check_url(request.url or "", self.policy))
        elif request.way == "text":
            if len(request.text or "") > MAX_TEXT_CHARS:
                raise IngestRefused("ingest_text_too_long", limit=MAX_TEXT_CHARS)
            require_chinese(request.text or "")
        elif not request.file_id:
            raise IngestRefused("ingest_no_file")
        request = replace(request, received_at=self.desk.clock())
        stored = await self.desk.db.write_first(request_store.add, request)
        self._queue.put_nowait(stored)
        return stored

    async def start(self) -> int:
        """Queue what a previous run left unfinished, then start the worker; returns how many."""
        left = await self.desk.db.run(request_store.pending)
        for request in left:
            self._queue.put_nowait(request)
        if left:
            log.warning(
                "%d article requests were not finished before the last stop; finishing them", len(left)
            )
        self._task = asyncio.create_task(self._work(), name="factbot-articles")
        return len(left)

    async def wait_idle(self, timeout: float = 30.0) -> None:
        async with asyncio.timeout(timeout):
            await self._queue.join()

    async def stop(self, grace: float = 10.0) -> None:
        """Finish what is queued (at most ``grace`` seconds); the rest is finished at the next start."""
        if self._task is None:
            return
        with contextlib.suppress(TimeoutError):
            await self.wait_idle(grace)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _work(self) -> None:
        while True:  # one at a time: an analysis is CPU-bound and the machine has few cores
            request = await self._queue.get()
            try:
                await self.process(request)
            finally:
                self._queue.task_done()

    async def process(self, request: ArticleRequest) -> None:
        """Ingest one request and queue its triage post, or refuse it and tell the asker (a request no
        longer pending, e.g. queued twice around a start, is left alone)."""
        current = await self.desk.db.run(request_store.get, request.request_id)
        if current is None or current.status != request_store.PENDING:
            return
        try:
            article = await self.article_of(request)
            await self._ingest(request, article)
        except IngestRefused as exc:
            await self._refuse(request, exc)
        except IngestError as exc:  # the reader's own refusals (binary, empty) speak of files
            log.info("article request %d: %s", request.request_id, exc)
            await self._refuse(request, IngestRefused("ingest_unreadable"))
        except Exception as exc:
            log.error("article request %d failed", request.request_id, exc_info=exc)
            await self._refuse(request, IngestRefused("internal_error"))

    async def article_of(self, request: ArticleRequest) -> Article:
        """The Article a request offers: fetched, loaded or typed, then read like any article."""
        meta: dict[str, object] = {}
        if request.way == "url":
            page = await fetch_page(request.url or "", self.policy)
            text, meta = await _page_text(page.text, page.url, page.media_type == "text/html")
        elif request.way == "file":
            loaded = await self.load_file(request.file_id or "")
            text, meta = await _file_text(loaded)
        else:
            raw = request.text or ""
            text, meta = await _page_text(raw, request.url, looks_like_html(raw))
        require_chinese(text)
        given = {"title": request.title, "source": request.source, "url": request.url}
        meta.update({key: value for key, value in given.items() if value})
        if request.published:
            meta["published"] = request.published
        meta = {key: value for key, value in meta.items() if value is not None}
        return article_from_text(text, meta, default_id=article_key(request, text))

    async def _ingest(self, request: ArticleRequest, article: Article) -> None:
        earlier = await self.desk.db.run(request_store.earlier_ingest, article.article_id, article.sha256)
        if earlier is not None:
            raise IngestRefused(
                "ingest_duplicate",
                when=earlier.done_at,
                channel_id=earlier.channel_id,
                post_ts=earlier.post_ts,
            )
        report = await self.desk.library.ingest_article(article, article.url)
        item = NewItem(
            TRIAGE,
            channel_id=request.channel_id,
            reply_url=request.reply_url,  # the asker hears it if the post cannot be made (not_in_channel)
            payload={"request_id": request.request_id},
        )
        now = self.desk.clock()

        def write(conn: sqlite3.Connection) -> None:
            if request_store.get(conn, request.request_id) is None:
                return
            item_id = outbox_store.add(conn, item, now.timestamp())
            request_store.finish(
                conn,
                request.request_id,
                article.article_id,
                article.sha256,
                report.status,
                report.claims,
                item_id,
                now,
            )

        await self.desk.db.write(write)
        self.on_queued()

    async def _refuse(self, request: ArticleRequest, error: IngestRefused) -> None:
        try:
            if await self.desk.db.write(
                request_store.refuse, request.request_id, error.key, self.desk.clock()
            ):
                await self.on_refused(request, error)
        except Exception as exc:  # left pending: tried again at the next start
            log.error("could not close article request %d", request.request_id, exc_info=exc)

    async def check_claim(self, claim_id: str, user_id: str | None, announce: Announce) -> int:
        """The triage post's "Check this": a check of that very claim, stored and announced (card, then
        verdict in its thread) exactly as a /checkclaim that matched it."""
        claim = (await claim_store.get_claims(self.desk.db, [claim_id])).get(claim_id)
        if claim is None:
            raise NotFound("pick_unknown")
        result = LookupResult(claim.text, "matched", (Match(claim, 1.0, ("triage",)),))
        asked = Asked(
            claim.text, "slack_triage", user_id, announce.channel_id, announce.thread_ts, self.desk.clock()
        )
        check_id: int = await self.desk.db.write(
            record_check, asked, result, announce, self.desk.clock().timestamp()
        )
        self.on_queued()
        return check_id


async def triage_view(desk: Desk, request_id: int) -> TriageView:
    """A finished request's article and its picks, as they are now (verdicts may have moved on)."""
    request = await desk.db.run(request_store.get, request_id)
    if request is None or request.article_id is None:
        raise NotFound(f"no finished article request {request_id}")
    article = await claim_store.get_article(desk.db, request.article_id)
    if article is None:
        raise NotFound(f"no article {request.article_id}")
    claims: list[Claim] = await claim_store.list_claims(desk.db, article.article_id)
    verdicts = await desk.verdicts([c.claim_id for c in claims])
    return TriageView(request, article, len(claims), triage(claims, verdicts))


def article_key(request: ArticleRequest, text: str) -> str:
    """A stable id, so an edited version is recognised as the same article: its URL, else its title
    (or first line), hashed; a Chinese title has no useful ASCII slug."""
    if request.url:
        basis = "url:" + request.url.strip()
        prefix = "web"
    else:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        basis = "title:" + (request.title or first[:80]).strip()
        prefix = "slack"
    return f"{prefix}-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:16]}"


async def _page_text(raw: str, url: str | None, html: bool) -> tuple[str, dict[str, object]]:
    if not html:
        return raw, {}
    page = await asyncio.to_thread(page_article, raw, url)
    published = page.published.isoformat() if isinstance(page.published, date) else None
    return page.text, {"title": page.title, "source": page.site, "published": published}


async def _file_text(loaded: LoadedFile) -> tuple[str, dict[str, object]]:
    name = loaded.name.lower()
    if not name.endswith(FILE_SUFFIXES):
        raise IngestRefused("ingest_file_type", name=loaded.name)
    if len(loaded.data) > MAX_FILE_BYTES:
        raise IngestRefused("ingest_too_large", limit=MAX_FILE_BYTES // 1_000_000)
    if b"\x00" in loaded.data:
        raise IngestRefused("ingest_binary")
    raw = decode(loaded.data, page_charset(None, loaded.data))
    return await _page_text(raw, None, not name.endswith(".txt") or looks_like_html(raw))
