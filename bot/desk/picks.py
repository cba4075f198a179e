"""Did you mean: when a lookup is not sure, a person picks the claim a query meant (or none of them).

The pick re-points the check through review's own re-pointing (notice, card update, verdict in the
thread), is stored, and answers the same or a near query later for everyone, ahead of the lookup:
a query whose normalised form equals a pick's, or whose character shingles nearly equal them and whose
numbers are the same. Scoring is untouched: this is a memory of people's answers in front of it.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from typing import Any, Protocol

from bot.claims.models import Claim
from bot.desk.review import Review
from bot.errors import InputError, NotAuthorised, NotFound
from bot.lookup.match import LookupResult, Match
from bot.store import picks as pick_store
from bot.store.checks import CheckRecord
from bot.store.db import Database
from bot.store.picks import Pick, PickRow
from bot.text.normalize import fold_query
from bot.text.numbers import parse_quantities

# Jaccard similarity of character bigrams from which a query reuses a pick made for another wording.
# bench/pick_similarity.py on bench/queries/eval.jsonl (130 queries, 8,361 pairs aimed at different
# claims): the closest such pair scores 0.733 (46亿 vs 460亿, stopped by the numbers rule), the closest
# with the same numbers 0.156; at 0.8, 756 of 780 re-typed versions (?, 是真的吗, a mention, full-width
# punctuation, quotes, a doubled character) reuse the pick; the misses double a digit or are short.
NEAR_SIMILARITY = 0.8
SHOWN = 3  # "did you mean" offers the three closest claims
_NOT_WORD = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
# How a question closes in Chinese: the framing, not the claim (the lookup strips the same endings).
_QUESTION_TAIL = re.compile(r"(是真的吗|是真的么|真的吗|真的假的|是否属实|属实吗|对吗|是吗|吗|么|呢)$")


def normal_form(text: str) -> str:
    """The query as the lookup folds it (Slack markup, width, case, traditional characters), with
    punctuation and spacing reduced to single spaces and a closing 是真的吗 / 吗 left out: what two
    askings of one question share."""
    form = _NOT_WORD.sub(" ", fold_query(text)).replace("_", " ").strip()
    previous = None
    while previous != form:
        previous, form = form, _QUESTION_TAIL.sub("", form).strip()
    return form


def shingles(form: str) -> frozenset[str]:
    """Character bigrams of a normal form, spaces left out (a one-character form is its own)."""
    chars = form.replace(" ", "")
    return frozenset(a + b for a, b in pairwise(chars)) or frozenset(chars)


@lru_cache(maxsize=10_000)
def numbers(form: str) -> tuple[str, ...]:
    """The amounts a form states (六成 and 60% alike) and its digit runs (years and dates too): a near
    query with other numbers asks about another figure, so it never reuses the pick."""
    amounts = sorted(f"{q.value:g}{q.unit}" for q in parse_quantities(form))
    return (*amounts, "|", *sorted(_DIGITS.findall(form)))


def jaccard(shared: int, size_a: int, size_b: int) -> float:
    union = size_a + size_b - shared
    return shared / union if union else 1.0


@dataclass(frozen=True, slots=True)
class Recalled:
    """An earlier pick that answers a query: its claim (None: "none of these") and how near it was."""

    pick: Pick
    claim: Claim | None
    similarity: float


def probe(grams: frozenset[str], df: dict[str, int], threshold: float = NEAR_SIMILARITY) -> list[str]:
    """Enough of a query's shingles to find every pick at least ``threshold`` similar to it: the rarest.

    Jaccard(A, B) >= t means A and B share at least t·|A| shingles, so A has at most |A| - ⌈t·|A|⌉
    outside B: any |A| - ⌈t·|A|⌉ + 1 of them meet B (the prefix filter of set-similarity joins). The
    index then reads 4 of a 15-shingle query's posting lists, and the shortest ones (``df``)."""
    needed = len(grams) - math.ceil(threshold * len(grams) - 1e-9) + 1
    return sorted(grams, key=lambda g: (df.get(g, 0), g))[:needed]


def rank_picks(form: str, grams: frozenset[str], candidates: Iterable[Pick]) -> list[tuple[Pick, float]]:
    """The picks similar enough to reuse, best first: an equal normal form before a near one, then the
    more similar, then the newest (a later pick corrects an earlier one). Numbers are not compared
    yet: ``recall_in`` does that for the few it looks at."""
    ranked: list[tuple[tuple[bool, float, int], Pick, float]] = []
    for pick in candidates:
        exact = pick.normalized == form
        theirs = shingles(pick.normalized)
        similarity = 1.0 if exact else jaccard(len(grams & theirs), len(grams), len(theirs))
        if exact or similarity >= NEAR_SIMILARITY:
            ranked.append(((exact, similarity, pick.pick_id), pick, similarity))
    ranked.sort(key=lambda r: r[0], reverse=True)
    return [(pick, similarity) for _, pick, similarity in ranked]


def recall_in(conn: sqlite3.Connection, form: str) -> Recalled | None:
    """On the database thread: the best pick for a normal form, with the same numbers when it is only
    near, and whose claim (if any) is still active (a retired claim leaves the lookup to decide)."""
    grams = shingles(form)
    sizes = (len(grams) * NEAR_SIMILARITY, len(grams) / NEAR_SIMILARITY)
    rare = probe(grams, pick_store.shingle_frequencies(conn, grams))
    ranked = rank_picks(form, grams, pick_store.candidate_picks(conn, form, rare, sizes))
    wanted = numbers(form) if ranked else ()
    for pick, similarity in ranked:
        if pick.normalized != form and numbers(pick.normalized) != wanted:
            continue
        claims = pick_store.active_claims(conn, [pick.claim_id] if pick.claim_id else [])
        if pick.claim_id is None or pick.claim_id in claims:
            return Recalled(pick, claims.get(pick.claim_id or ""), similarity)
    return None


def answer_of(query: str, recalled: Recalled, looked: LookupResult | None = None) -> LookupResult:
    """The lookup answer a recalled pick gives: its claim, matched for sure, or no match at all.

    ``looked`` (the lookup's own answer) supplies the alternatives shown beside the picked claim, so a
    pick that was wrong can still be corrected with "not the right claim" (see ``Picks.repoint``), and
    the claims a "none of these" set aside, which can then be picked (``Picks.choose``)."""
    if recalled.claim is None:  # the closest claims stay on offer: "none of these" can be wrong too
        return LookupResult(query, "no_match", (), offered=looked.matches[:SHOWN] if looked else ())
    reasons = (f"pick:{recalled.pick.pick_id}", f"similarity:{recalled.similarity:.2f}")
    picked = recalled.claim.claim_id
    others = [m for m in looked.matches if m.claim.claim_id != picked] if looked is not None else []
    return LookupResult(query, "matched", (Match(recalled.claim, 1.0, reasons), *others[: SHOWN - 1]))


class DeskView(Protocol):
    db: Database
    clock: Callable[[], datetime]

    async def get_check(self, check_id: int) -> CheckRecord: ...

    def is_reviewer(self, user_id: str | None, group_members: Iterable[str] = ()) -> bool: ...


class Picks:
    """``desk.picks``: record a pick in a check's thread, recall one for a new query, export them."""

    def __init__(self, desk: DeskView, review: Review) -> None:
        self.desk = desk
        self.db = desk.db
        self.review = review

    async def recall(self, query: str) -> Recalled | None:
        """The earlier pick that answers ``query``, if any (one trip to the database thread)."""
        form = normal_form(query)
        return await self.db.run(recall_in, form) if form else None

    async def choose(
        self, check_id: int, claim_id: str | None, user_id: str, *, group_members: Iterable[str] = ()
    ) -> CheckRecord:
        """The asker (or a reviewer) picks one of an ambiguous check's claims, or none of them (None);
        or, on a check an earlier "none of these" answered, one of the claims it set aside (stored as a
        newer pick of the query, which then answers it for everyone).

        Stores the pick and re-points the check in one transaction; a check already picked on, a claim
        it did not offer, or a check with nothing to pick from is refused and nothing changes."""
        try:
            record = await self.desk.get_check(check_id)
        except NotFound as exc:
            raise InputError("pick_unknown") from exc
        if user_id != record.user_id and not self.desk.is_reviewer(user_id, group_members):
            raise NotAuthorised("slack_not_asker")
        offered = [i for i in (record.claim_id, *record.alternatives) if i]
        set_aside = record.pick_id is not None and record.claim_id is None and bool(record.alternatives)
        if not (record.status == "ambiguous" or set_aside) or (
            claim_id is not None and claim_id not in offered
        ):
            raise InputError("pick_unknown")
        async with self.db.transaction() as conn:
            if await pick_store.pick_of_check(conn, check_id) is not None:
                raise InputError("pick_stale")  # rolled back: someone chose first
            event = "picked" if claim_id else "picked_none"
            await self._store(conn, record, claim_id, user_id, event)
        return await self.desk.get_check(check_id)

    async def repoint(
        self, check_id: int, claim_id: str, user_id: str, *, group_members: Iterable[str] = ()
    ) -> CheckRecord:
        """ "Not the right claim" on any check. On a check a stored pick answered, the correction is
        stored as a newer pick of the same query, so the wrong pick stops answering it for everyone;
        any other check is re-pointed by review as before."""
        record = await self.desk.get_check(check_id)
        if record.pick_id is None:
            return await self.review.repoint(check_id, claim_id, user_id, group_members=group_members)
        if user_id != record.user_id and not self.desk.is_reviewer(user_id, group_members):
            raise NotAuthorised("slack_not_asker")
        if claim_id not in record.alternatives:
            raise NotFound(f"claim {claim_id} is not an alternative of check {check_id}")
        async with self.db.transaction() as conn:
            await self._store(conn, record, claim_id, user_id, "repointed")
        return await self.desk.get_check(check_id)

    async def _store(
        self, conn: Any, record: CheckRecord, claim_id: str | None, user_id: str, event: str
    ) -> None:
        """Inside the caller's transaction: store the pick of ``record``'s query and re-point the check."""
        form = normal_form(record.query)
        pick_id = await pick_store.add_pick(
            conn,
            check_id=record.check_id,
            user_id=user_id,
            query=record.query,
            normalized=form,
            claim_id=claim_id,
            shingles=shingles(form),
            at=self.desk.clock(),
        )
        await self.review.write_repoint(conn, record, claim_id, user_id, pick_id=pick_id, event=event)

    async def export(self) -> list[PickRow]:
        """Every pick, oldest first, with its claim's text: evaluation data (factbot export --format picks)."""
        return await self.db.run(_all_picks)


def _all_picks(conn: sqlite3.Connection) -> list[PickRow]:
    return list(pick_store.iter_picks(conn))
