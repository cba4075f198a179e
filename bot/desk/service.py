"""The service every edge calls (CLI, Slack, digest). It knows nothing of Slack.

Data flows one way: edge -> Desk -> (lookup, verdicts, store) -> dataclasses back to the edge.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property

from bot.articles.library import IngestReport, Library
from bot.claims.models import Article, Claim
from bot.config import Settings
from bot.desk.check_record import Asked, answer_pending, record_check
from bot.desk.families import Families
from bot.desk.outbox import Outbox
from bot.desk.picks import Picks, Recalled, answer_of
from bot.desk.review import Review
from bot.digest.build import DigestService
from bot.errors import InputError, NotAuthorised, NotFound
from bot.lookup.match import LookupResult
from bot.lookup.message import Answer, MessageResult, answer, is_message, validate_text
from bot.lookup.pool import LookupPool
from bot.store import checks as check_store
from bot.store import claims as claim_store
from bot.store import intake as intake_store
from bot.store import verdicts as verdict_store
from bot.store import versions as version_store
from bot.store.checks import CheckRecord
from bot.store.db import Database
from bot.store.intake import PendingCheck
from bot.store.outbox import Announce
from bot.store.picks import Pick
from bot.text import segment
from bot.text.glossary import Glossary, load_seed_glossary
from bot.verdicts.engine import ENGINE_VERSION, assess_article
from bot.verdicts.evidence import EvidenceBase
from bot.verdicts.evidence_files import load_evidence
from bot.verdicts.labels import Label
from bot.verdicts.models import Verdict, unchecked

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """A stored check: the lookup result plus the current verdict of every claim it shows."""

    check_id: int
    result: LookupResult
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    pick: Pick | None = None  # a person's earlier "did you mean" pick answered it (bot/desk/picks.py)
    message: MessageResult | None = None  # long text answered claim by claim (``result`` sums it up)

    def verdict_for(self, claim_id: str) -> Verdict:
        return self.verdicts.get(claim_id) or unchecked(claim_id)


class Desk:
    """Open with ``await Desk.open(settings)``; close with ``await desk.close()``."""

    def __init__(self, db: Database, settings: Settings, clock: Clock = utc_now) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        seeds = settings.seeds_path()
        segment.configure([seeds / "jieba_userdict.txt"])
        self._seeds = seeds
        self._evidence_path = seeds / "evidence"
        self.lookups: LookupPool | None = None  # worker processes for lookups (factbot serve)

    @classmethod
    async def open(cls, settings: Settings, clock: Clock = utc_now, load_seeds: bool = True) -> Desk:
        desk = cls(await Database.open(settings.db_path), settings, clock)
        try:
            await desk.db.write(version_store.index_missing)  # articles stored before the text index
            if load_seeds:
                await desk.ensure_seeds()
        except BaseException:
            await desk.close()  # an open connection's thread would keep the process from exiting
            raise
        return desk

    async def close(self) -> None:
        await self.db.close()

    async def warm_up(self) -> None:
        """Load the tokenizer, glossary and evidence base now (about a second, off the event loop),
        so the first check after start-up does not stall every request behind it."""
        await asyncio.to_thread(self._load)

    def _load(self) -> None:
        segment.warm_up()
        _ = (self.glossary, self.evidence)

    @cached_property
    def glossary(self) -> Glossary:
        return load_seed_glossary(self._seeds)

    @cached_property
    def evidence(self) -> EvidenceBase:
        return load_evidence(self._evidence_path)

    @cached_property
    def library(self) -> Library:
        """Ingest: articles read, analysed and stored (bot/articles/library.py)."""
        dictionaries = [self._seeds / "jieba_userdict.txt"]
        return Library(self.db, lambda: self.evidence, self.clock, dictionaries, self.families.link)

    @cached_property
    def families(self) -> Families:
        """Claim families: one assertion across articles; a ruling follows it (bot/desk/families.py)."""
        return Families(self.db, lambda: self.glossary, self.clock)

    @cached_property
    def review(self) -> Review:
        return Review(self)

    @cached_property
    def picks(self) -> Picks:
        """Did-you-mean picks: stored in a check's thread, reused for the same or a near query."""
        return Picks(self, self.review)

    @cached_property
    def outbox(self) -> Outbox:
        return Outbox(self.db, self.clock)

    @cached_property
    def digests(self) -> DigestService:
        """Digest periods, content and the exactly-once claim (bot/digest/build.py), on this desk's clock."""
        return DigestService(self.db, self.settings, self.clock)

    # --- articles -------------------------------------------------------------------------------

    async def ensure_seeds(self) -> list[IngestReport]:
        """Ingest the seed articles if they are new or changed, and bring verdicts up to date."""
        folder = self.settings.seeds_path() / "articles"
        paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        reports = [await self.library.ingest_path(p, refresh=False) for p in paths]
        await self.refresh_verdicts()
        return reports

    async def articles(self) -> list[Article]:
        return await claim_store.list_articles(self.db)

    async def claims(self, article_id: str | None = None) -> list[Claim]:
        if article_id is not None and await claim_store.get_article(self.db, article_id) is None:
            raise NotFound(f"no article {article_id!r}")
        return await claim_store.list_claims(self.db, article_id)

    # --- verdicts -------------------------------------------------------------------------------

    async def refresh_verdicts(self, article_ids: Iterable[str] | None = None) -> int:
        """Recompute automated verdicts that are missing or stale (engine or evidence changed).

        Reviewer verdicts are never touched; they stay current because they outrank automated ones.
        """
        base = self.evidence
        if article_ids is None:  # a full scan: at start-up, not on every ingest
            stale = set(await verdict_store.stale_articles(self.db, ENGINE_VERSION, base.fingerprint))
        else:
            stale = set(article_ids)
        written = 0
        for article_id in sorted(stale):
            article = await claim_store.get_article(self.db, article_id)
            if article is None:
                continue
            claims = await claim_store.list_claims(self.db, article_id)
            written += await self._store_auto_verdicts(assess_article(article, claims, base))
        return written

    async def _store_auto_verdicts(self, assessed: dict[str, Verdict]) -> int:
        """Append the automated verdicts that differ from the latest ones; returns how many."""
        rows = verdict_store.auto_rows(assessed.values())
        return await self.db.write(verdict_store.store_auto, rows, self.clock(), self.evidence.fingerprint)

    async def verdicts(self, claim_ids: Iterable[str]) -> dict[str, Verdict]:
        """Current verdicts: a claim's own reviewer ruling, else its family's (marked carried), else
        its latest automated verdict."""
        ids = list(claim_ids)
        current = await verdict_store.current_verdicts(self.db, ids)
        for claim_id, carried in (await self.families.carried(ids)).items():
            own = current.get(claim_id)
            if own is None or own.source != "reviewer":
                current[claim_id] = carried
        return current

    async def history(self, claim_id: str) -> list[Verdict]:
        return await verdict_store.history(self.db, claim_id)

    def is_reviewer(self, user_id: str | None, group_members: Iterable[str] = ()) -> bool:
        """Reviewers are the configured user IDs plus members of the reviewer group (resolved by the edge)."""
        return bool(user_id) and (user_id in self.settings.reviewers or user_id in set(group_members))

    async def set_verdict(
        self,
        claim_id: str,
        label: Label,
        rationale: str,
        author: str,
        evidence_url: str | None = None,
        *,
        group_members: Iterable[str] = (),
        local_operator: bool = False,
    ) -> tuple[Verdict, Verdict]:
        """Record a reviewer's verdict; returns (previous current verdict, new verdict)."""
        if not local_operator and not self.is_reviewer(author, group_members):
            raise NotAuthorised("not_reviewer")
        if label is Label.UNCHECKED:
            raise InputError("bad_label")
        found = await claim_store.get_claims(self.db, [claim_id])
        if claim_id not in found:
            raise NotFound(f"no claim {claim_id!r}")
        previous = (await self.verdicts([claim_id])).get(claim_id) or unchecked(claim_id)
        verdict = Verdict(
            claim_id=claim_id,
            label=label,
            confidence=1.0,
            rationale_zh=rationale.strip(),
            rationale_en=rationale.strip(),
            source="reviewer",
            author=author,
            created_at=self.clock(),
            evidence_url=evidence_url,
        )
        async with self.db.transaction() as conn:
            verdict_id = await verdict_store.insert_verdict(conn, verdict, self.clock())
        await self.families.ruled(claim_id, verdict_id, author)
        return previous, replace(verdict, verdict_id=verdict_id)

    # --- checks ---------------------------------------------------------------------------------

    async def check(
        self,
        query: str,
        *,
        origin: str = "cli",
        user_id: str | None = None,
        channel_id: str | None = None,
        thread_ts: str | None = None,
        announce: Announce | None = None,
    ) -> CheckOutcome:
        """Look up a query and store the check before anyone is told about it.

        With ``announce``, the messages that will tell the channel (card, then verdict reply) are queued
        in the outbox in the same transaction: a stored check is never left unannounced.
        """
        result, pick = await self._answer(query)
        asked = Asked(query, origin, user_id, channel_id, thread_ts, self.clock())
        pick_id = pick.pick_id if pick else None
        check_id = await self.db.write(
            record_check, asked, result, announce, self.clock().timestamp(), pick_id
        )
        return await self._outcome(check_id, result, pick)

    async def receive(
        self, query: str, *, origin: str, user_id: str | None, announce: Announce
    ) -> PendingCheck:
        """Store a query to answer later (one small transaction), so it can be acknowledged at once and
        still be answered after a crash. Refuses what cannot be a claim (InputError) before storing."""
        validate_text(query)
        return await self.db.write_first(intake_store.add, query, origin, user_id, announce, self.clock())

    async def pending_checks(self) -> list[PendingCheck]:
        """Received queries not yet answered (at start-up: what a crash or a stop left behind)."""
        return await self.db.run(intake_store.pending)

    async def answer(self, pending: PendingCheck) -> int | None:
        """Look up a received query, then store its check and announcements and close the intake row,
        all in one transaction. Returns the check id; None if it was already answered or refused."""
        [answer] = await self.answer_many([pending])
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def answer_many(self, batch: list[PendingCheck]) -> list[int | Exception | None]:
        """``answer`` for several received queries: their lookups in one trip to a lookup worker, their
        checks in one transaction. Each gets its check id, None (already answered) or the exception its
        lookup raised (an InputError, a worker that died); a failed lookup stores nothing."""
        results = await self._answer_many([p.query for p in batch])
        now = self.clock()
        found = [(p, r) for p, r in zip(batch, results, strict=True) if not isinstance(r, Exception)]

        def write(conn: sqlite3.Connection) -> dict[int, int | None]:
            return {
                p.intake_id: answer_pending(conn, p, result, now, pick.pick_id if pick else None)
                for p, (result, pick) in found
            }

        stored = await self.db.write(write) if found else {}
        return [
            r if isinstance(r, Exception) else stored[p.intake_id]
            for p, r in zip(batch, results, strict=True)
        ]

    async def refuse(self, pending: PendingCheck, error: str) -> bool:
        """Close a received query that cannot be answered (the edge tells the asker why)."""
        return await self.db.write(intake_store.refused, pending.intake_id, error, self.clock())

    async def _answer(self, query: str) -> tuple[Answer, Pick | None]:
        """A person's earlier pick for this query (or a near one) answers it; otherwise the lookup (a
        message is answered claim by claim: bot/lookup/message.py)."""
        validate_text(query)
        recalled = None if is_message(query) else await self.picks.recall(query)
        looked = await self._lookup(query)
        if recalled is None:
            return looked, None
        return answer_of(query, recalled, looked if isinstance(looked, LookupResult) else None), recalled.pick

    async def _answer_many(self, queries: list[str]) -> list[tuple[Answer, Pick | None] | Exception]:
        """``_answer`` for several queries, their lookups in one batch (a pick answers ahead of its
        lookup, which still supplies the claims shown beside it or set aside by it)."""
        answers: list[tuple[Answer, Pick | None] | Exception | None] = []
        picked: dict[int, Recalled] = {}  # a pick: the lookup still supplies the claims it sets aside
        for i, query in enumerate(queries):
            try:
                validate_text(query)
                recalled = None if is_message(query) else await self.picks.recall(query)
            except Exception as exc:
                answers.append(exc)
                continue
            answers.append(None)
            if recalled is not None:
                picked[i] = recalled
        rest = [i for i, answer in enumerate(answers) if answer is None]
        looked = await self._lookup_many([queries[i] for i in rest])
        for i, result in zip(rest, looked, strict=True):
            if isinstance(result, Exception) or i not in picked:
                answers[i] = result if isinstance(result, Exception) else (result, None)
            else:
                own = result if isinstance(result, LookupResult) else None
                answers[i] = (answer_of(queries[i], picked[i], own), picked[i].pick)
        return [a for a in answers if a is not None]

    async def _lookup(self, query: str) -> Answer:
        """The lookup's answer; copies of one claim (a family) answered once (bot/desk/families.py)."""
        if self.lookups is not None:
            return await self.families.collapse(await self.lookups.lookup(query))
        return await self.families.collapse(await answer(self.db, query, self.glossary))

    async def _lookup_many(self, queries: list[str]) -> list[Answer | Exception]:
        if self.lookups is not None:
            looked = await self.lookups.lookup_many(queries)
            return [a if isinstance(a, Exception) else await self.families.collapse(a) for a in looked]
        answers: list[Answer | Exception] = []
        for query in queries:
            try:
                answers.append(await self._lookup(query))
            except Exception as exc:
                answers.append(exc)
        return answers

    async def _outcome(self, check_id: int, answered: Answer, pick: Pick | None = None) -> CheckOutcome:
        message = answered if isinstance(answered, MessageResult) else None
        result = answered.summary() if isinstance(answered, MessageResult) else answered
        shown = (*result.matches, *result.offered)
        ids = [m.claim.claim_id for m in shown]
        article_ids = {m.claim.article_id for m in shown}
        articles = {a: art for a in article_ids if (art := await claim_store.get_article(self.db, a))}
        return CheckOutcome(check_id, result, await self.verdicts(ids), articles, pick, message)

    async def get_check(self, check_id: int) -> CheckRecord:
        record = await check_store.get_check(self.db, check_id)
        if record is None:
            raise NotFound(f"no check {check_id}")
        return record
