"""Fact-check memory: claims that make one assertion form a family, and a ruling follows its claim.

At ingest a new claim joins the family of a claim of another article that the matcher's ranking
(bot/lookup/match.py ``rank``, asked both ways) scores at least SAME_CLAIM_SCORE and that states the
same figures, dates and names (bot/desk/same_assertion.py); within one article, the title and the body
sentence restating it join without a lookup (docs/memory.md). A reviewer's ruling on any member is then
every member's current verdict, marked as carried, unless that member has a ruling of its own (which
wins for it).
"""

from __future__ import annotations

import logging
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import TypeVar, cast

from bot.claims.extract import TITLE_PARAGRAPH
from bot.claims.models import Claim
from bot.desk.same_assertion import conflict, contradicts, folded_text
from bot.errors import NotFound
from bot.lookup.match import AMBIGUITY_MARGIN, LookupResult, Match, rank, score_claims
from bot.lookup.query import PreparedQuery, assertions, prepare
from bot.store import claims as claim_store
from bot.store import families as family_store
from bot.store import outbox as outbox_store
from bot.store.db import Database
from bot.store.families import FamilyEvent, Member
from bot.store.outbox import NewItem
from bot.text.glossary import Glossary
from bot.verdicts.models import Verdict

log = logging.getLogger(__name__)
A = TypeVar("A")

# The matcher's ranking score (either way round) from which two claims of different articles are one
# assertion, provided their figures, dates, names and words agree (``worded_alike``). On crossfake-zh-dev
# (bench/eval_families.py, session 7): 0.4 carried 26/34 with 19 wrong claims, 0.35 26 with 30, 0.32
# 28 with 38, 0.3 30/34 with 40 of 2,975 (the target allows 5 %); see docs/memory.md.
SAME_CLAIM_SCORE = 0.3
# Share of the lighter claim's word weight (idf) two claims of different articles must have in common
# (``worded_alike``; it also picks the pairs scored at ingest). On crossfake-zh-dev 0.4 carried 19/34,
# 0.3 21/34, 0.2 and 0.25 no more (session 5, score 0.5).
MIN_SHARED = 0.3
# Share of a title claim's word weight (idf) that a claim of its own article's body must also have to
# restate it (figures, dates and names agreeing). Read on the first articles of crossfake-zh-dev: from
# 0.6 up the best body claim restates the title (0.62 "59名信徒…身亡"), below it often does not (0.53).
RESTATED = 0.6
# Words (figure and date keys left out) two claims of different articles must have in common.
MIN_WORDS = 2
# Share of the HEAVIER claim's word weight the lighter one must also have: a fragment or a generic title
# ("仅仅两天的时间里", "世卫组织应对COVID-19疫情时间线") is contained in many long sentences, so the
# ranking of it scores them high. On crossfake-zh-dev (SAME_CLAIM_SCORE 0.4): 0.0 carried 22-24/34 with
# 28-29 wrong claims, 0.1 23/34 with 18, 0.2 22/34 with 10, 0.3 19/34 with 5. Once a year glued to a name
# (2019冠状病毒病) was no longer a shared figure: 0.0 23/34 with 14, 0.1 24/34 with 12, 0.2 22/34 with 7
# (of 2,968 claims; the target allows 5 %).
MIN_HEAVY = 0.1
MAX_REMEMBERED = 20_000  # claims' prepared queries kept between batches (~5 KB each)
REVERSE_KEEP = 20  # candidates a ruled claim's lookup keeps: a long-repeated claim has many appearances
_KEY = re.compile(r"^(q[a-z]+n?\d|[dmy]\d{4}|md\d{4})")  # figure, value and date keys: not words


@dataclass(frozen=True, slots=True)
class Link:
    """A claim that joined a family at ingest, and the claim that let it in."""

    claim_id: str
    matched_claim_id: str
    score: float
    family_id: int = 0


@dataclass(frozen=True, slots=True)
class Family:
    family_id: int
    members: tuple[Member, ...]
    events: tuple[FamilyEvent, ...]
    ruling: Verdict | None  # the latest reviewer ruling on any member


def weights(terms: Sequence[str], df: dict[str, int], total: int) -> dict[str, float]:
    """Each word of a claim's index terms (figure, value and date keys left out) with its idf."""
    return {t: math.log(1 + total / (df.get(t, 0) + 0.5)) for t in terms if not _KEY.match(t)}


Alternatives = dict[str, frozenset[str]]  # a word -> the words the dictionaries give for it


def expanded(words: Iterable[str], alts: Alternatives | None = None) -> frozenset[str]:
    """The words and every dictionary alternative of them (the dictionaries' groups are symmetric, so a
    word of another claim is shared when it is in this set)."""
    alts = alts or {}
    words = list(words)
    return frozenset(words).union(*(alts.get(t, ()) for t in words))


def word_index(ruled: dict[str, frozenset[str]]) -> dict[str, set[str]]:
    """Each word of the ruled claims' ``expanded`` words -> the ruled claims holding it: a new claim is
    compared only with the ruled claims it shares words with."""
    index: dict[str, set[str]] = {}
    for claim_id, words in ruled.items():
        for word in words:
            index.setdefault(word, set()).add(claim_id)
    return index


def resembled(
    words: dict[str, float],
    text: str,
    ruled: dict[str, dict[str, float]],
    alts: Alternatives,
    ruled_expanded: dict[str, frozenset[str]],
    index: dict[str, set[str]],
) -> list[str]:
    """The ruled claims worded like a new claim (its ``words``) or like one of the assertions its
    ``text`` joins: only those can be linked (``worded_alike`` decides a link too), so only those are
    scored. ``index`` (``word_index`` of ``ruled_expanded``) narrows the ruled claims to those sharing
    MIN_WORDS words with the claim (its assertions' words are among its own)."""
    hits = Counter(c for word in words for c in index.get(word, ()))
    pool = sorted(c for c, n in hits.items() if n >= MIN_WORDS)
    if not pool:
        return []
    mine = [words, *(part_words(words, part) for part in claim_parts(text))]
    ours = [expanded(w, alts) for w in mine]
    return [
        c
        for c in pool
        if any(_alike(w, ruled[c], own, ruled_expanded[c]) for w, own in zip(mine, ours, strict=True))
    ]


@lru_cache(maxsize=20_000)
def claim_parts(text: str) -> tuple[str, ...]:
    """The assertions a claim's text joins (bot/lookup/query.py ``assertions``), remembered: linking
    asks for them when filtering, scoring and deciding."""
    return tuple(assertions(text))


def covered(a: dict[str, float], b: dict[str, float]) -> float:
    """Share of the lighter claim's word weight (idf) that the other claim also has."""
    short, long = (a, b) if sum(a.values()) <= sum(b.values()) else (b, a)
    total = sum(short.values())
    return sum(w for t, w in short.items() if t in long) / total if total else 0.0


def worded_alike(a: dict[str, float], b: dict[str, float], alts: Alternatives | None = None) -> bool:
    """Do two claims the matcher scores alike also share their words (or the dictionaries' alternatives
    of them: 改为 for 变成)? Two words, MIN_SHARED of the lighter one's word weight and MIN_HEAVY of the
    heavier one's: a matching figure alone (至少1.2亿人被感染 / 提供1.2亿次检测) or a fragment contained in
    a long sentence lifts the matcher's score, but says nothing about the assertion."""
    return _alike(a, b, expanded(a, alts), expanded(b, alts))


def _alike(a: dict[str, float], b: dict[str, float], a_all: frozenset[str], b_all: frozenset[str]) -> bool:
    """``worded_alike`` with each side's ``expanded`` words given."""
    if sum(a.values()) > sum(b.values()):
        a, b, a_all, b_all = b, a, b_all, a_all
    in_light = [t for t in a if t in b_all]
    return (
        len(in_light) >= MIN_WORDS
        and sum(a[t] for t in in_light) >= MIN_SHARED * sum(a.values())
        and sum(w for t, w in b.items() if t in a_all) >= MIN_HEAVY * sum(b.values())
    )


def part_words(words: dict[str, float], part: str) -> dict[str, float]:
    """The words of a claim that one of its assertions (a part of its text) holds."""
    folded = folded_text(part)
    return {t: w for t, w in words.items() if t in folded}


def part_claim(claim: Claim, part: str) -> Claim:
    """One assertion of a claim that joins several, with the figures, dates and names it states: the
    other assertion's figure ("…发放三个月奖金") is no figure of this one."""
    folded = folded_text(part)
    return replace(
        claim,
        text=part,
        quantities=tuple(q for q in claim.quantities if folded_text(q.text) in folded),
        dates=tuple(d for d in claim.dates if folded_text(d.text) in folded),
        entities=tuple(e for e in claim.entities if folded_text(e.text) in folded),
    )


def restatements(words: dict[str, dict[str, float]], places: dict[str, tuple[str, int]]) -> list[Link]:
    """Candidate pairs of claims of one article that make one assertion (figures, dates and names are
    compared after): a body sentence with the same words as an earlier one, and each title claim
    (paragraph 0) with the body claims sharing at least RESTATED of its word weight, best first."""
    links: list[Link] = []
    first: dict[tuple[str, frozenset[str]], str] = {}
    body: dict[str, list[str]] = {}  # each article's body claims (a batch holds many articles)
    for claim_id, (article_id, paragraph) in places.items():
        key = (article_id, frozenset(words[claim_id]))
        if paragraph and key in first:
            links.append(Link(claim_id, first[key], 1.0))
        first.setdefault(key, claim_id)
        if paragraph:
            body.setdefault(article_id, []).append(claim_id)
    for title, (article_id, paragraph) in places.items():
        if paragraph != 0:
            continue
        scored = [
            Link(title, other, round(covered(words[title], words[other]), 4))
            for other in body.get(article_id, [])
        ]
        links += sorted((x for x in scored if x.score >= RESTATED), key=lambda x: -x.score)
    return links


class Families:
    """``desk.families``: linking at ingest, family listings, splits."""

    def __init__(self, db: Database, glossary: Callable[[], Glossary], clock: Callable[[], datetime]) -> None:
        self.db, self.glossary, self.clock = db, glossary, clock
        self._alts: Alternatives = {}  # the dictionaries' alternatives of words met so far
        self._queries: dict[str, PreparedQuery] = {}  # claims' texts prepared as queries

    async def link(self, claim_ids: Sequence[str]) -> list[Link]:
        """At ingest: join new claims to the families of the claims that make the same assertion, in one
        transaction. Batched and cheap at any library size: one trip finds the verbatim copies in other
        articles (the matcher would score them 1.0; their figures, dates and names are still compared)
        and the few claims that resemble a ruled one (``resembled``); only those are looked up. Within
        one article, the title and the sentence restating it (and a body repeat) join without a lookup
        (``restatements``). Families of unruled claims of different articles that are reworded, not
        copied, form when one is ruled (``link_ruled``). Claims a reviewer split out stay out."""
        words, places, ruled = await self.db.run(_link_inputs, list(claim_ids))
        done = await self.db.run(_settled, list(words))
        hopeful = [c for c in words if c not in done]
        within = restatements(words, {c: places[c] for c in hopeful})
        twins = await self.db.run(family_store.verbatim_twins, hopeful)
        # A claim that resembles a ruled one is looked up even when it has a verbatim twin: the twin may
        # sit in another family than the ruling (the twin is the fallback when the lookup finds none).
        near: dict[str, list[str]] = {}
        alts: Alternatives = {}
        if ruled:  # a claim that resembles no ruling needs no lookup: nothing would carry to it
            texts = await self.db.run(_texts, hopeful)
            alts = self._alternatives([*words.values(), *ruled.values()])
            ruled_expanded = {c: expanded(w, alts) for c, w in ruled.items()}
            index = word_index(ruled_expanded)
            for c in hopeful:
                if found := resembled(words[c], texts.get(c, ""), ruled, alts, ruled_expanded, index):
                    near[c] = found
        claims = await claim_store.get_claims(
            self.db,
            [
                *near,
                *twins,
                *(t for ts in twins.values() for t in ts),
                *(x for w in within for x in _args(w)[:2]),
            ],
        )
        links = await self._across([claims[c] for c in near], near, words, ruled, alts)
        joined = {link.claim_id for link in links}
        links += [
            Link(claim_id, twin, 1.0)
            for claim_id, copies in twins.items()
            if claim_id not in joined
            and (twin := next((t for t in copies if conflict(claims[claim_id], claims[t]) is None), None))
        ]
        titled: set[str] = set()  # a title claim joins the best body claim it does not conflict with
        for w in within:
            if w.claim_id not in titled and conflict(claims[w.claim_id], claims[w.matched_claim_id]) is None:
                links.append(w)
                titled.add(w.claim_id)
        return await self.db.write(_write_links, links, self.clock(), claims) if links else []

    async def link_ruled(self, claim_id: str) -> list[Link]:
        """When a ruling is made: look the ruled claim up and join every claim of another article that
        makes the same assertion (then, once, the claims that those find), so the ruling reaches the
        appearances ingested before it."""
        found = await claim_store.get_claims(self.db, [claim_id])
        if claim_id not in found or claim_id in await self.db.run(family_store.split_claims, [claim_id]):
            return []
        links = await self._appearances(found[claim_id])
        if links:
            more = await claim_store.get_claims(self.db, [link.claim_id for link in links])
            for claim in more.values():
                links += [
                    x for x in await self._appearances(claim) if x.claim_id not in {y.claim_id for y in links}
                ]
        links = [link for link in links if link.claim_id != claim_id]
        return await self.db.write(_write_links, links, self.clock()) if links else []

    async def ruled(self, claim_id: str, verdict_id: int, author: str) -> int | None:
        """After a reviewer's ruling: link the claim's appearances and record the ruling in its
        family's history. Returns the family, if the claim is in one."""
        await self.link_ruled(claim_id)

        def record(conn: sqlite3.Connection) -> int | None:
            family_id = family_store.families_of(conn, [claim_id]).get(claim_id)
            if family_id is not None:
                family_store.add_event(conn, family_id, claim_id, "ruled", self.clock(), author, verdict_id)
            return family_id

        return await self.db.write(record)

    def _query(self, text: str) -> PreparedQuery:
        """A claim's text prepared as a query, remembered: the same rulings are asked batch after batch,
        and a re-post wave repeats the same sentences (preparing costs about a millisecond)."""
        if (query := self._queries.get(text)) is None:
            if len(self._queries) >= MAX_REMEMBERED:
                self._queries.clear()
            query = self._queries[text] = prepare(text, self.glossary())
        return query

    def _alternatives(self, claims: Iterable[dict[str, float]]) -> Alternatives:
        """The dictionaries' alternatives (aliases, 词林 synonyms, newsroom synonyms) of the words,
        remembered: the ruled claims' words come back with every batch."""
        words = sorted({t for words in claims for t in words} - self._alts.keys())
        if words:
            glossary = self.glossary()
            found = {word: frozenset(group) for word, group in glossary.word_alternatives(words)}
            for group in glossary.synonym_groups(" ".join(words)):
                for word in group:
                    found[word] = found.get(word, frozenset()) | frozenset(group)
            self._alts.update({word: found.get(word, frozenset()) for word in words})
        return self._alts

    async def _across(
        self,
        claims: list[Claim],
        near: dict[str, list[str]],
        words: dict[str, dict[str, float]],
        ruled_words: dict[str, dict[str, float]],
        alts: Alternatives,
    ) -> list[Link]:
        """Each new claim's best same-assertion ruled claim, among those it resembles (``near``). The
        matcher is not symmetric (a short headline covers little of a long sentence, and the other way
        round), so each pair is scored with the lighter text (idf word weight) as the query: the new
        claim, or one assertion it joins, against a heavier ruled claim; a lighter ruled claim against
        the new claim. On crossfake-zh-dev 2 of 372 passing pairs passed only the other way round
        (session 8), and preparing a new claim as a query is most of what linking costs. Pairs whose
        figures, dates or names conflict are not scored at all. The best score wins."""
        found: dict[str, list[tuple[float, str]]] = {}
        others = await claim_store.get_claims(self.db, sorted({r for rs in near.values() for r in rs}))
        heft = {c: sum(w.values()) for c, w in ruled_words.items()}
        parts: dict[tuple[str, str], str] = {}  # (claim, other) -> the assertion of the claim that found it
        forward: list[tuple[Claim, Claim, list[str]]] = []  # (claim, assertion, ruled claims to score)
        backward: dict[str, list[str]] = {}  # ruled claim -> the new claims it is scored against
        for claim in claims:
            own = words[claim.claim_id]
            variants = [
                (claim, own),
                *((part_claim(claim, p), part_words(own, p)) for p in claim_parts(claim.text)),
            ]
            for asserted, asserted_words in variants:
                weight = sum(asserted_words.values())
                lighter = [
                    r
                    for r in near[claim.claim_id]
                    if weight <= heft.get(r, 0.0) and conflict(asserted, others[r]) is None
                ]
                if lighter:
                    forward.append((claim, asserted, lighter))
            for r in near[claim.claim_id]:
                if heft.get(r, 0.0) < sum(own.values()) and conflict(claim, others[r]) is None:
                    backward.setdefault(r, []).append(claim.claim_id)
        asked = [(self._query(asserted.text), ids) for _, asserted, ids in forward]
        for (claim, asserted, _), scores in zip(forward, await score_claims(self.db, asked), strict=True):
            for scored in scores:
                other = scored.candidate.claim
                if other.article_id != claim.article_id and scored.score >= SAME_CLAIM_SCORE:
                    found.setdefault(claim.claim_id, []).append((scored.score, other.claim_id))
                    parts.setdefault((claim.claim_id, other.claim_id), asserted.text)
        reverse = [others[r] for r in backward]
        asked = [(self._query(r.text), backward[r.claim_id]) for r in reverse]
        for ruled_claim, scores in zip(reverse, await score_claims(self.db, asked), strict=True):
            for scored in scores:
                new = scored.candidate.claim
                if new.article_id != ruled_claim.article_id and scored.score >= SAME_CLAIM_SCORE:
                    found.setdefault(new.claim_id, []).append((scored.score, ruled_claim.claim_id))
        links: list[Link] = []
        for claim_id, pairs in found.items():
            own = words.get(claim_id, {})
            worded = [
                p
                for p in pairs
                if worded_alike(
                    part_words(own, parts.get((claim_id, p[1]), "")) or own, ruled_words.get(p[1], {}), alts
                )
                or worded_alike(own, ruled_words.get(p[1], {}), alts)
            ]
            if worded:
                score, other_id = max(worded, key=lambda p: p[0])
                links.append(Link(claim_id, other_id, score))
        return links

    async def _appearances(self, claim: Claim) -> list[Link]:
        """Claims of other articles that make ``claim``'s assertion, each linked TO ``claim``. The
        candidates are what a lookup of ``claim`` ranks and the claims sharing its rarest words; a
        lookup is not symmetric (a short re-post covers little of a long original), so a candidate
        below SAME_CLAIM_SCORE is asked the other way round, as at its own ingest: does a lookup of
        it find ``claim`` (or a member of ``claim``'s family)?"""
        ranking = await rank(self.db, claim.text, self.glossary(), keep=REVERSE_KEEP)
        shown = [
            m.candidate.claim for m in ranking.ranked if m.candidate.claim.article_id != claim.article_id
        ]
        scores = {m.candidate.claim_id: m.score for m in ranking.ranked}
        candidates = {c.claim_id: c for c in shown}
        for similar in await self.db.run(family_store.similar_claims, claim.claim_id):
            candidates.setdefault(similar.claim_id, similar)
        ids = list(candidates)
        split = await self.db.run(family_store.split_claims, ids)
        family = await self._family_members(claim.claim_id)
        words = await self.db.run(_words, [claim.claim_id, *ids])
        links: list[Link] = []
        for other in candidates.values():
            if other.claim_id in split or other.claim_id in family or conflict(claim, other) is not None:
                continue
            if not worded_alike(words.get(claim.claim_id, {}), words.get(other.claim_id, {})):
                continue
            score = scores.get(other.claim_id, 0.0)
            if score < SAME_CLAIM_SCORE:
                back = await rank(self.db, other.text, self.glossary())
                score = max((m.score for m in back.ranked if m.candidate.claim_id in family), default=0.0)
            if score >= SAME_CLAIM_SCORE:
                links.append(Link(other.claim_id, claim.claim_id, score))
        return links

    async def _family_members(self, claim_id: str) -> set[str]:
        """``claim_id`` and the other members of its family."""
        family_id = (await self.families_of([claim_id])).get(claim_id)
        if family_id is None:
            return {claim_id}
        return {m.claim_id for m in await self.db.run(family_store.members, family_id)}

    async def collapse(self, answer: A) -> A:
        """/checkclaim: a lookup "ambiguous" only between copies of one assertion (every close candidate
        in one family) is answered once, as that family: matched, on the member holding the family's
        ruling (else the best), with the other appearances left out of the alternatives. An answer
        that names a headline names the sentence of its article the headline restates instead."""
        if not isinstance(answer, LookupResult):
            return answer
        return cast(A, await self._headline_to_body(await self._one_family(answer)))

    async def _headline_to_body(self, answer: LookupResult) -> LookupResult:
        """The headline and the body sentence it restates are one family: the answer names the
        sentence, which carries the source, the context and the article's own figures."""
        best = answer.best
        if best is None or best.claim.paragraph != TITLE_PARAGRAPH:
            return answer
        family_id = (await self.families_of([best.claim.claim_id])).get(best.claim.claim_id)
        if family_id is None:
            return answer
        members = await self.db.run(family_store.members, family_id)
        body = next(
            (
                m.claim_id
                for m in members
                if m.article_id == best.claim.article_id and m.claim_id != best.claim.claim_id
            ),
            None,
        )
        found = await claim_store.get_claims(self.db, [body]) if body else {}
        if body is None or body not in found:
            return answer
        rest = [m for m in answer.matches[1:] if m.claim.claim_id != body]
        said = Match(found[body], best.score, (*best.reasons, "headline"))
        return replace(answer, matches=(said, *rest))

    async def _one_family(self, answer: LookupResult) -> LookupResult:
        if answer.status != "ambiguous" or not answer.matches:
            return answer
        best = answer.matches[0].score
        close = [m for m in answer.matches if best - m.score <= AMBIGUITY_MARGIN]
        family_of = await self.families_of(m.claim.claim_id for m in answer.matches)
        families = {family_of.get(m.claim.claim_id, 0) for m in close}  # family ids start at 1
        if len(close) < 2 or len(families) != 1 or 0 in families:
            return answer
        [family_id] = families
        ruling = (await self.db.run(family_store.family_rulings, [family_id])).get(family_id)
        ruled = next((m for m in close if ruling and m.claim.claim_id == ruling.claim_id), close[0])
        rest = [m for m in answer.matches if family_of.get(m.claim.claim_id) != family_id]
        return replace(answer, status="matched", matches=(ruled, *rest))

    async def family(self, family_id: int) -> Family:
        members, events, rulings = await self.db.run(_family_rows, family_id)
        if not members:
            raise NotFound(f"no family {family_id}")
        return Family(family_id, tuple(members), tuple(events), rulings.get(family_id))

    async def families_of(self, claim_ids: Iterable[str]) -> dict[str, int]:
        return await self.db.run(family_store.families_of, list(claim_ids))

    async def carried(self, claim_ids: Iterable[str]) -> dict[str, Verdict]:
        return await self.db.run(family_store.carried_verdicts, list(claim_ids))

    async def other_articles(self, claim_ids: Iterable[str]) -> dict[str, list[str]]:
        """For each claim in a family: the other articles its assertion appears in."""
        return await self.db.run(family_store.appearance_counts, list(claim_ids))

    async def all(self) -> dict[int, list[str]]:
        return await self.db.run(family_store.all_families)

    async def apply(self, family_id: int, verdict_id: int, actor: str) -> int:
        """A reviewer applies a ruling to every other appearance (recorded per member); returns how many.
        Each appearance checked in Slack gets, in the same transaction (the outbox: nothing is lost), a
        notice in its thread and an updated card."""
        at = self.clock()
        now = at.timestamp()

        def write(conn: sqlite3.Connection) -> int:
            applied = family_store.apply_ruling(conn, family_id, verdict_id, actor, at)
            ruled = conn.execute(
                "SELECT claim_id FROM verdicts WHERE verdict_id = ?", (verdict_id,)
            ).fetchone()
            title = family_store.article_title(conn, ruled[0]) if ruled else ""
            notice = {"event": "family_applied", "user": actor, "title": title}
            for claim_id, new_id in applied:
                for check_id, channel in family_store.announced_checks(conn, claim_id):
                    outbox_store.add(conn, NewItem("notice", check_id, new_id, channel, payload=notice), now)
                    outbox_store.add(conn, NewItem("card_update", check_id, channel_id=channel), now)
            return len(applied)

        count = await self.db.write(write)
        if count == 0:
            raise NotFound(f"ruling {verdict_id} in family {family_id}")
        return count

    async def split(self, claim_id: str, actor: str) -> int:
        """Take a claim out of its family (a reviewer says it does not belong); recorded, never undone
        by a later ingest. Returns the family it left."""
        family_id = await self.db.write(family_store.split, claim_id, actor, self.clock())
        if family_id is None:
            raise NotFound(f"claim {claim_id} is in no family")
        return family_id


def _link_inputs(
    conn: sqlite3.Connection, claim_ids: list[str]
) -> tuple[dict[str, dict[str, float]], dict[str, tuple[str, int]], dict[str, dict[str, float]]]:
    """(each new claim's weighted words, its article and paragraph, each ruled claim's weighted words):
    one trip, one idf."""
    ruled = family_store.ruled_claims(conn)
    terms, df, total = family_store.index_terms(conn, [*claim_ids, *ruled])
    words = {c: weights(ts, df, total) for c, ts in terms.items()}
    mine = {c: words[c] for c in claim_ids if c in words}
    return mine, family_store.placement(conn, list(mine)), {c: words[c] for c in ruled if c in words}


def _texts(conn: sqlite3.Connection, claim_ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for at in range(0, len(claim_ids), 500):
        chunk = claim_ids[at : at + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT claim_id, text FROM claims WHERE claim_id IN ({marks})"  # placeholders only
        out.update((row[0], row[1]) for row in conn.execute(sql, chunk))
    return out


def _words(conn: sqlite3.Connection, claim_ids: list[str]) -> dict[str, dict[str, float]]:
    terms, df, total = family_store.index_terms(conn, claim_ids)
    return {c: weights(ts, df, total) for c, ts in terms.items()}


def _settled(conn: sqlite3.Connection, claim_ids: list[str]) -> set[str]:
    """Claims not to link: already in a family, or split out of one."""
    return set(family_store.families_of(conn, claim_ids)) | family_store.split_claims(conn, claim_ids)


def _write_links(
    conn: sqlite3.Connection, links: list[Link], at: datetime, known_claims: dict[str, Claim] | None = None
) -> list[Link]:
    """Join each link's claims (they do not ``conflict``), in order, unless a member of one side's family
    contradicts a member of the other's: a family is one assertion, not a chain of look-alikes (a claim
    stating fewer figures agrees with two claims that state different ones). Two claims in no family yet
    were compared already; a family's members are read once per batch (``known_claims``: claims the
    caller has read already)."""
    written: list[Link] = []
    kin: dict[int, list[Claim]] = {}
    known_claims = known_claims or {}

    def side(claim_id: str, family_id: int | None) -> list[Claim]:
        if family_id is None:
            return [known_claims[claim_id]] if claim_id in known_claims else family_store.kin(conn, claim_id)
        if family_id not in kin:
            kin[family_id] = family_store.kin(conn, claim_id)
        return kin[family_id]

    family_of = family_store.families_of(conn, [c for link in links for c in _args(link)[:2]])
    for link in links:
        pair = (link.claim_id, link.matched_claim_id)
        known = {c: family_of[c] for c in pair if c in family_of}
        if known:
            mine = side(link.claim_id, known.get(link.claim_id))
            theirs = side(link.matched_claim_id, known.get(link.matched_claim_id))
            if mine is theirs or any(contradicts(a, b) is not None for a in mine for b in theirs):
                continue
        family_id = family_store.join(conn, *_args(link), at, known)
        for claim_id in pair:  # both are in it now, unless each was in a family already
            family_of.setdefault(claim_id, family_id)
        if known:  # the joined family holds both sides now
            kin[family_id] = list({c.claim_id: c for c in (*mine, *theirs)}.values())
        elif all(c in known_claims for c in pair):  # a new family of the two
            kin[family_id] = [known_claims[c] for c in pair]
        written.append(replace(link, family_id=family_id))
    return written


def _args(link: Link) -> tuple[str, str, float]:
    return link.claim_id, link.matched_claim_id, link.score


def _family_rows(
    conn: sqlite3.Connection, family_id: int
) -> tuple[list[Member], list[FamilyEvent], dict[int, Verdict]]:
    return (
        family_store.members(conn, family_id),
        family_store.events(conn, family_id),
        family_store.family_rulings(conn, [family_id]),
    )
