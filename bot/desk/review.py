"""Review in a check's Slack thread: verdict changes, re-pointing, proposals, notes, the queue.

The edges render; this decides and stores. It works on the desk's database and clock and asks the
desk for what the desk owns (current verdicts, reviewer rights, checks).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from bot.claims.models import Article, Claim
from bot.desk.families import Families
from bot.desk.message_view import MessageView, message_view
from bot.errors import InputError, NotAuthorised, NotFound
from bot.store import checks as check_store
from bot.store import claims as claim_store
from bot.store import notes as note_store
from bot.store import outbox as outbox_store
from bot.store import picks as pick_store
from bot.store import queue as queue_store
from bot.store import verdicts as verdict_store
from bot.store.checks import CheckRecord
from bot.store.db import Database
from bot.store.outbox import NewItem
from bot.store.picks import Pick
from bot.verdicts.labels import Label
from bot.verdicts.models import Verdict, unchecked

MAX_APPEARANCES = 5  # other articles named in a verdict reply; the rest are counted


class DeskView(Protocol):
    """What review asks of the desk (the desk owns checks, current verdicts and reviewer rights)."""

    db: Database
    clock: Callable[[], datetime]

    async def get_check(self, check_id: int) -> CheckRecord: ...

    async def verdicts(self, claim_ids: Iterable[str]) -> dict[str, Verdict]: ...

    def is_reviewer(self, user_id: str | None, group_members: Iterable[str] = ()) -> bool: ...

    @property
    def families(self) -> Families: ...


class Review:
    """``desk.review``: everything a check's thread can change."""

    def __init__(self, desk: DeskView) -> None:
        self.desk = desk
        self.db = desk.db
        self.clock = desk.clock

    async def check_view(self, check_id: int) -> CheckView:
        """A check as it stands now (current claim and verdict), for rendering at delivery time."""
        record = await self.desk.get_check(check_id)
        ids = [i for i in (record.claim_id, *record.alternatives) if i]
        claims = await claim_store.get_claims(self.db, ids)
        verdicts = await self.desk.verdicts(claims)
        claim = claims.get(record.claim_id) if record.claim_id else None
        article = await claim_store.get_article(self.db, claim.article_id) if claim else None
        alternatives = tuple(
            (claims[i], verdicts.get(i) or unchecked(i)) for i in record.alternatives if i in claims
        )
        verdict = verdicts.get(claim.claim_id) or unchecked(claim.claim_id) if claim else unchecked("")
        pick = await self.db.run(pick_store.get_pick, record.pick_id) if record.pick_id else None
        message = await message_view(self.db, self.desk.verdicts, check_id)
        view = CheckView(record, claim, article, verdict, alternatives, pick, message)
        return await self._with_family(view) if claim else view

    async def _with_family(self, view: CheckView) -> CheckView:
        """The other articles the claim appears in, and the article a carried ruling was made in."""
        assert view.claim is not None
        others = (await self.desk.families.other_articles([view.claim.claim_id])).get(view.claim.claim_id, [])
        carried = view.verdict.carried
        wanted = [*others[:MAX_APPEARANCES], *([carried.article_id] if carried else [])]
        articles = {a: art for a in wanted if (art := await claim_store.get_article(self.db, a))}
        return replace(
            view,
            appearances=tuple(articles[a] for a in others[:MAX_APPEARANCES] if a in articles),
            appearance_count=len(others),
            carried_from=articles.get(carried.article_id) if carried else None,
        )

    async def check_in_thread(self, channel_id: str, thread_ts: str) -> CheckRecord | None:
        return await check_store.check_by_thread(self.db, channel_id, thread_ts)

    async def change_verdict(
        self,
        check_id: int,
        label: Label,
        rationale: str,
        author: str,
        evidence_url: str | None = None,
        *,
        group_members: Iterable[str] = (),
        event_id: str | None = None,
    ) -> VerdictChange | None:
        """A reviewer rules on the claim of a check: one history row, and (same transaction) a notice in
        this thread, an updated card, and a notice plus card update in every other thread of the claim.
        ``event_id`` (a Slack event) is marked seen in that same transaction: None when it already was."""
        record = await self.desk.get_check(check_id)
        if not self.desk.is_reviewer(author, group_members):
            raise NotAuthorised("not_reviewer")
        if label is Label.UNCHECKED:
            raise InputError("bad_label")
        if record.claim_id is None:
            raise InputError("slack_no_claim")
        claim_id = record.claim_id
        previous = (await self.desk.verdicts([claim_id])).get(claim_id) or unchecked(claim_id)
        now = self.clock()
        verdict = Verdict(
            claim_id,
            label,
            1.0,
            rationale.strip(),
            rationale.strip(),
            source="reviewer",
            author=author,
            created_at=now,
            evidence_url=evidence_url or None,
        )
        others = await check_store.other_announced_checks(self.db, claim_id, check_id)
        payload = {"previous": previous.label.value}
        async with self.db.transaction() as conn:
            if event_id and not await check_store.first_sighting(conn, event_id, now):
                return None
            verdict_id = await verdict_store.insert_verdict(conn, verdict, now)
            for other in (record, *others):
                if other.channel_id is None:
                    continue
                event = "changed" if other is record else "changed_elsewhere"
                await self._queue(conn, "notice", other, verdict_id, {**payload, "event": event})
                await self._queue(conn, "card_update", other)
        family_id = await self.desk.families.ruled(claim_id, verdict_id, author)
        change = VerdictChange(record, previous, replace(verdict, verdict_id=verdict_id), len(others))
        return replace(change, family_id=family_id)

    async def repoint(
        self, check_id: int, claim_id: str, user_id: str, *, group_members: Iterable[str] = ()
    ) -> CheckRecord:
        """The asker (or a reviewer) says "not the right claim" and picks one of the alternatives."""
        record = await self.desk.get_check(check_id)
        if user_id != record.user_id and not self.desk.is_reviewer(user_id, group_members):
            raise NotAuthorised("slack_not_asker")
        if claim_id not in record.alternatives:
            raise NotFound(f"claim {claim_id} is not an alternative of check {check_id}")
        async with self.db.transaction() as conn:
            await self.write_repoint(conn, record, claim_id, user_id)
        return await self.desk.get_check(check_id)

    async def write_repoint(
        self,
        conn: Any,
        record: CheckRecord,
        claim_id: str | None,
        user_id: str,
        *,
        pick_id: int | None = None,
        event: str = "repointed",
    ) -> None:
        """Inside the caller's transaction: point the check at ``claim_id`` (None: at no claim), and
        queue the thread's notice, the card update and the new verdict reply. Also used by a "did you
        mean" pick (bot/desk/picks.py), which names itself in ``pick_id`` and ``event``."""
        swapped = [i for i in (record.claim_id, *record.alternatives) if i and i != claim_id]
        await check_store.repoint(conn, record.check_id, claim_id, swapped, user_id, self.clock(), pick_id)
        if record.channel_id is not None:
            await self._queue(conn, "notice", record, None, {"event": event, "user": user_id})
            await self._queue(conn, "card_update", record)
            await self._queue(conn, "verdict", record)

    async def propose_claim(self, check_id: int, user_id: str) -> bool:
        """Open an unmatched query as a new claim for review; False if it already was."""
        record = await self.desk.get_check(check_id)
        async with self.db.transaction() as conn:
            fresh = await check_store.propose(conn, check_id, user_id, self.clock())
            if fresh and record.channel_id is not None:
                await self._queue(conn, "notice", record, None, {"event": "proposed", "user": user_id})
        return fresh

    async def record_note(
        self,
        channel_id: str,
        thread_ts: str,
        ts: str,
        user_id: str | None,
        text: str,
        event_id: str | None = None,
    ) -> bool:
        """Keep a message of a check's thread as a review note; False when the thread is not a check's or
        ``event_id`` (a Slack event, marked seen in the note's own transaction) was handled before."""
        record = await self.check_in_thread(channel_id, thread_ts)
        if record is None:
            return False
        async with self.db.transaction() as conn:
            if event_id and not await check_store.first_sighting(conn, event_id, self.clock()):
                return False
            return await note_store.insert_note(
                conn, record.check_id, channel_id, ts, user_id, text, self.clock()
            )

    async def edit_note(self, channel_id: str, ts: str, text: str) -> bool:
        async with self.db.transaction() as conn:
            return await note_store.edit_note(conn, channel_id, ts, text, self.clock())

    async def delete_note(self, channel_id: str, ts: str) -> bool:
        async with self.db.transaction() as conn:
            return await note_store.delete_note(conn, channel_id, ts, self.clock())

    async def notes(self, check_id: int) -> list[note_store.ReviewNote]:
        return await note_store.notes_for_check(self.db, check_id)

    async def event_seen(self, event_id: str) -> bool:
        """True when this event id was marked seen (its effect is stored): a read, no write."""
        return await check_store.event_seen(self.db, event_id)

    async def first_sighting(self, event_id: str) -> bool:
        """False when this event id was handled before (a retried delivery)."""
        async with self.db.transaction() as conn:
            return await check_store.first_sighting(conn, event_id, self.clock())

    async def review_queue(self, limit: int = 10) -> ReviewQueue:
        """App Home: unreviewed and disputed claims (oldest first), proposals, recent rulings, counts."""
        pending = await queue_store.unreviewed_claims(self.db, limit, disputed=False)
        disputed = await queue_store.unreviewed_claims(self.db, limit, disputed=True)
        claims = await claim_store.get_claims(self.db, [c for c, _, _ in pending + disputed])
        verdicts = await self.desk.verdicts(claims)

        def entries(rows: list[tuple[str, int, str]]) -> tuple[QueueEntry, ...]:
            return tuple(
                QueueEntry(claims[c], verdicts.get(c) or unchecked(c), n, first)
                for c, n, first in rows
                if c in claims
            )

        return ReviewQueue(
            entries(pending),
            entries(disputed),
            tuple(await queue_store.proposed_checks(self.db, limit)),
            tuple(await queue_store.recent_reviewer_verdicts(self.db, limit)),
            await queue_store.queue_counts(self.db),
        )

    async def verdict_by_id(self, verdict_id: int) -> Verdict | None:
        return await queue_store.verdict_by_id(self.db, verdict_id)

    # --- outbox: the edge that delivers asks here what is due and reports back --------------------------

    async def _queue(
        self, conn: Any, kind: str, record: CheckRecord, verdict_id: int | None = None, payload: Any = None
    ) -> None:
        item = NewItem(kind, record.check_id, verdict_id, record.channel_id, None, None, payload or {})
        await outbox_store.enqueue(conn, item, self.clock().timestamp())


@dataclass(frozen=True, slots=True)
class CheckView:
    """Everything a card or a verdict reply shows, read from the database when it is rendered."""

    check: CheckRecord
    claim: Claim | None
    article: Article | None
    verdict: Verdict
    alternatives: tuple[tuple[Claim, Verdict], ...] = ()
    pick: Pick | None = None  # the person's "did you mean" pick that answered the check
    message: MessageView | None = None  # a message's check: its claims one by one (bot/desk/message_view.py)
    appearances: tuple[Article, ...] = ()  # other articles the claim's family appears in (the first few)
    appearance_count: int = 0  # all of them
    carried_from: Article | None = None  # where a carried ruling was made


@dataclass(frozen=True, slots=True)
class VerdictChange:
    check: CheckRecord
    previous: Verdict
    verdict: Verdict
    other_threads: int = 0
    family_id: int | None = None  # the claim family the ruled claim belongs to (bot/desk/families.py)


@dataclass(frozen=True, slots=True)
class QueueEntry:
    claim: Claim
    verdict: Verdict
    checks: int
    first_asked: str


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    unreviewed: tuple[QueueEntry, ...]
    disputed: tuple[QueueEntry, ...]
    proposed: tuple[CheckRecord, ...]
    recent: tuple[Verdict, ...]
    counts: dict[str, int]
