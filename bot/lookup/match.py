"""A prepared query (bot/lookup/query.py) -> ranked claims, and a decision: matched, ambiguous or no_match.

Stage 1 asks the FTS5 term index for the claims sharing the query's rarest terms (a bounded OR query:
it never scans every claim). Stage 2 reranks those few on idf-weighted term coverage, character
overlap, quantities (a matching number is strong evidence, a clashing one counts against) and dates.
The decision on the best of them is the fitted model of bot/lookup/decision.py.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.claims.models import Claim
from bot.lookup.decision import Evidence, SameClaimModel, default_model, features
from bot.lookup.query import PreparedQuery, assertions, bigrams, prepare, validate_query
from bot.store import claims as store
from bot.store.db import Database
from bot.text.glossary import Glossary
from bot.text.normalize import fold_query
from bot.text.terms import fts_query
from bot.text.types import DateSpan, Quantity
from bot.text.units import SAME_KIND, amount_span, same_amount

MAX_STAGE1_TERMS = 10
STAGE1_POSTINGS_BUDGET = 600  # postings bm25 may score (~5 µs each)
STAGE1_LIMIT = 12
ALTERNATIVE_FLOOR = 0.2  # a runner-up below this is not a "close alternative" worth showing
MAX_SHOWN = 8  # candidates turned into Match values (best first): the most any answer shows
AND_DF_CAP = 12_000  # longest doclist the unranked AND fallback may read
NUMBER_WEIGHT = 0.35  # share of the score a matching number carries
CLASH_FACTOR = 0.5  # a clashing number or date: most likely another claim
PLACE_CLASH_FACTOR = 0.5  # the query names a place its article never mentions
PLACE_ELSEWHERE_FACTOR = 0.6  # ... or one the article mentions, but not around this claim
ORGANISATION_CLASH_FACTOR = 0.5  # the query credits another body (中大研究 for a 港大 study)
MISSING_NUMBER_FACTOR = 0.8
UNKNOWN_TERM_WEIGHT = 0.6
UNTRANSLATED_WEIGHT = 0.3
TEXT_SUPPORT = 0.2  # text score from which a matching number counts in full  # the query gives a figure the claim does not have
CONTEXT_WEIGHT = 0.5  # a query word found only around the claim (its sentence, the headline)
IN_CONTEXT = 4  # candidates whose surroundings are read (a fold is ~80 µs; lookup p99 budget 10 ms)
DIFFERS_COVERAGE = 0.6  # word cover from which a claim with another figure is named beside no_match
DIFFERS_CHARS = 0.4  # ... and character cover (bigrams of the query found in the claim)
AMBIGUITY_MARGIN = 0.06  # ranking scores this close: the asker picks (bench/queries/eval.jsonl)
_ENGLISH_WORD = re.compile(r"[a-z][a-z'\-]*")


@dataclass(frozen=True, slots=True)
class Match:
    claim: Claim
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LookupResult:
    query: str
    status: str  # "matched" | "ambiguous" | "no_match"
    matches: tuple[Match, ...]
    confidence: float = 0.0  # the decision model's probability that the best claim is the query's
    # Close claims that are not the answer, shown so the asker sees what the archive does say: with
    # no_match, the claims whose words agree but whose figure or date differs ("5万张" for 1.2万张), or
    # those a person's "none of these" set aside (kept so the pick can be corrected).
    offered: tuple[Match, ...] = ()
    # The one assertion of a several-assertion text that the answer is for ("" when it is the whole).
    part: str = ""

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


@lru_cache(maxsize=50_000)
def _folded(text: str) -> str:
    """fold_query, remembered: the same claims' contexts come back query after query."""
    return fold_query(text)


def _amount_match(q: Quantity, c: Quantity) -> bool:
    if "成" in q.text or "成" in c.text:  # 六成 is a round figure: 62% is "六成"
        return abs(q.value - c.value) <= 5 and {q.unit, c.unit} <= {"%"}
    if {q.unit, c.unit} == {"倍", "%"}:
        return _multiple_matches_percent(*((q, c) if q.unit == "倍" else (c, q)))
    if not q.unit or frozenset({q.unit, c.unit}) in SAME_KIND:  # "12亿" may be 12亿元, 12亿人…; 45度 is 45℃
        c = Quantity(c.value, q.unit, c.text, c.start, c.end, c.upper, c.qualifier)
    # Hedges (约, 超过, 多) already widen an amount's span (bot/text/units.py: amount_span): no more slack.
    return same_amount(q, c, rel_tol=0.0 if q.qualifier or c.qualifier else 0.02)


def _multiple_matches_percent(times: Quantity, percent: Quantity) -> bool:
    """增长320% is 涨了3.2倍 ("by") and also what people say as 涨了三倍多 or 翻了两番还多 ("to" 4倍):
    a rise of p % agrees with a multiple m read either way, within the multiple's span."""
    low, high = amount_span(times)
    if times.qualifier == "over" and high == low:
        high = low + 1
    rise = percent.value / 100
    return any(lo * 0.98 <= rise <= hi * 1.02 for lo, hi in ((low, high), (low - 1, high - 1)))


def _quantity_factors(query: Sequence[Quantity], claim: Sequence[Quantity]) -> tuple[int, int, int]:
    """(matched, clashed, absent): each query number found in the claim, contradicted by a number of
    the same kind, or with nothing comparable in the claim."""
    matched = clashed = absent = 0
    for q in query:
        if any(_amount_match(q, c) for c in claim):
            matched += 1
        elif any(c.unit == q.unit or not q.unit or frozenset({q.unit, c.unit}) in SAME_KIND for c in claim):
            clashed += 1
        else:
            absent += 1
    return matched, clashed, absent


def _date_score(query: Sequence[DateSpan], claim: Sequence[DateSpan]) -> float:
    """Share of the query's dates that overlap one of the claim's (a bare 月日 matches any year)."""
    hits = 0
    for q in query:
        for c in claim:
            same_day = (q.first.month, q.first.day) == (c.first.month, c.first.day)
            if (q.year_inferred and same_day) or (q.first <= c.last and c.first <= q.last):
                hits += 1
                break
    return hits / len(query)


def score_candidate(
    query: PreparedQuery,
    cand: store.Candidate,
    idf: dict[str, float],
    in_context: bool = False,
    article: str = "",
) -> tuple[float, tuple[str, ...], Evidence]:
    """Rank one candidate: a score in [0, 1], the reasons that produced it and the evidence measured.

    Text similarity (idf-weighted term coverage, character-bigram overlap) is the base; a matching
    number adds to it, while a clashing number, date or place multiplies it down. The score orders
    candidates; whether the best is the query's claim is decided from its evidence (decision.py).
    ``in_context``: query words found only in the claim's sentence or its article's headline count
    in part (folding that text costs, so the caller asks it for its few best candidates only).
    ``article``: the folded text of the claim's article, read only where a body the query credits is
    missing around the claim.
    """
    grouped = frozenset().union(*query.groups)
    plain = [t for t in query.scored_terms if t not in grouped]
    total = sum(idf[t] for t in plain) + sum(query.group_weights) or 1.0
    covered = sum(idf[t] for t in plain if t in cand.terms)
    for group, weight in zip(query.groups, query.group_weights, strict=True):
        if present := group & cand.terms:
            covered += min(weight, max(idf[t] for t in present))
    if in_context:
        # A word the claim leaves to its sentence or its article's headline ("他将酒店改造成医院"
        # after "姚明决定，…"; a report under "世卫：…") still names what it is about: it counts in part.
        around = _folded(cand.row["context"] + cand.article_title)
        covered += CONTEXT_WEIGHT * sum(idf[t] for t in plain if t not in cand.terms and t in around)
        for group, weight in zip(query.groups, query.group_weights, strict=True):
            if not group & cand.terms and any(t in around for t in group):
                covered += CONTEXT_WEIGHT * weight
    coverage = covered / total
    qb, cb = query.bigrams, bigrams(cand.search_text)
    shared = len(qb & cb)
    containment = shared / len(qb) if qb else 0.0
    precision = shared / len(cb) if cb else 0.0
    score = 0.5 * coverage + 0.4 * containment + 0.1 * precision
    reasons = [f"terms:{coverage:.2f}", f"chars:{containment:.2f}"]
    evidence = Evidence(coverage, containment, precision)
    if query.quantities:
        matched, clashed, absent = _quantity_factors(query.quantities, cand.quantities)
        # A number only counts as much as the words around it agree: "六成" alone proves nothing.
        support = min(1.0, score / TEXT_SUPPORT)
        score = NUMBER_WEIGHT * support * matched / len(query.quantities) + (1 - NUMBER_WEIGHT) * score
        if clashed:
            score *= CLASH_FACTOR
        elif absent and not matched:
            score *= MISSING_NUMBER_FACTOR
        reasons.append(f"numbers:{matched} match/{clashed} clash/{absent} absent")
        evidence = replace(
            evidence,
            numbers_matched=matched / len(query.quantities),
            numbers_clashed=float(clashed > 0),
            numbers_missing=float(bool(absent and not matched)),
        )
    if query.dates and cand.dates:
        d_score = _date_score(query.dates, cand.dates)
        score *= CLASH_FACTOR if d_score == 0 else 0.9 + 0.1 * d_score
        reasons.append(f"dates:{d_score:.2f}")
        evidence = replace(evidence, date_clash=float(d_score == 0))
    missing = [p for p in query.places if p not in cand.search_text]
    if missing:  # folding the context costs: only when the claim itself does not name the place
        around = _folded(cand.row["context"] + cand.article_title)
        missing = [p for p in missing if p not in around]
    if missing:  # an address runs from wide to narrow: 广东深圳 is met by a claim on 深圳
        last = max((i for i, p in enumerate(query.places) if p not in missing), default=-1)
        missing = [p for p in missing if query.places.index(p) > last]
    if missing and cand.article_places and any(p not in cand.article_places for p in missing):
        score *= PLACE_CLASH_FACTOR  # a place the whole article never mentions
        reasons.append("places:foreign")
        evidence = replace(evidence, place_clash=1.0)
    elif missing and cand.places:
        score *= PLACE_ELSEWHERE_FACTOR  # the article mentions it, but not for this claim
        reasons.append("places:elsewhere")
        evidence = replace(evidence, place_clash=0.5)
    if _other_body(query, cand, article):
        score *= ORGANISATION_CLASH_FACTOR
        reasons.append("organisations:other")
        evidence = replace(evidence, organisation_clash=1.0)
    return round(min(1.0, max(0.0, score)), 4), tuple(reasons), evidence


def _other_body(query: PreparedQuery, cand: store.Candidate, article: str = "") -> bool:
    """Does the query credit a body (中大) that neither the claim nor its sentence and headline name by
    any of its names (nor its article, when its folded text is given: "该研究由北京大学…完成" two
    sentences on)? A study of another university is another claim."""
    unnamed = [names for names in query.organisations if not any(n in cand.search_text for n in names)]
    if not unnamed:
        return False
    around = _folded(cand.row["context"] + cand.article_title) + article
    return any(not any(n in around for n in names) for names in unnamed)


def _unknown_weight(term: str, df: int, query: PreparedQuery) -> float:
    if df:
        return 1.0
    return UNTRANSLATED_WEIGHT if term in query.untranslated else UNKNOWN_TERM_WEIGHT


def _retrieve(
    conn: sqlite3.Connection, query: PreparedQuery
) -> tuple[dict[str, int], int, list[store.Candidate]]:
    """Document frequencies, then the stage-1 candidates: on the database thread, in one trip."""
    df, stored = store.term_frequencies(conn, query.terms)
    rarest_first = sorted((t for t in query.terms if df[t] > 0), key=lambda t: df[t])
    return df, stored, _stage_one(conn, rarest_first, df, max(stored, 1))


def _stage_one(
    conn: sqlite3.Connection, rarest_first: list[str], df: dict[str, int], n: int
) -> list[store.Candidate]:
    """Candidate claims without scanning the index: the claims sharing the most idf weight of the rare
    terms (bounded postings), then, if that finds too few, the claims that have the rarest few terms
    together (unranked)."""
    cheap: list[tuple[str, float]] = []
    postings = 0
    for term in rarest_first[:MAX_STAGE1_TERMS]:
        if postings + df[term] > STAGE1_POSTINGS_BUDGET:
            break
        cheap.append((fts_query([term]), math.log(1 + n / (df[term] + 0.5))))
        postings += df[term]
    found = store.weighted_candidates(conn, cheap, STAGE1_LIMIT)
    # Reading a doclist costs its length: terms in a large share of all claims only narrow together.
    readable = [t for t in rarest_first[:3] if df[t] <= AND_DF_CAP]
    if len(found) < STAGE1_LIMIT and len(cheap) < len(rarest_first) and len(readable) >= 2:
        together = store.matching_candidates(conn, fts_query(readable, "AND"), STAGE1_LIMIT)
        if not together and len(readable) == 3:
            together = store.matching_candidates(conn, fts_query(readable[:2], "AND"), STAGE1_LIMIT)
        known = {c.claim_id for c in found}
        found += [c for c in together if c.claim_id not in known]
    return found


@dataclass(frozen=True, slots=True)
class Scored:
    """A ranked candidate with its evidence; its Claim is decoded only if the answer shows it."""

    score: float
    reasons: tuple[str, ...]
    evidence: Evidence
    candidate: store.Candidate

    def match(self) -> Match:
        return Match(self.candidate.claim, self.score, self.reasons)


@dataclass(frozen=True, slots=True)
class Ranking:
    """The candidates of one query, best first, and how many terms the query was scored on."""

    ranked: list[Scored]
    query_terms: int


def decision_features(ranking: Ranking, best: int = 0) -> dict[str, float]:
    """The decision model's inputs for the candidate at ``best`` against the next one down."""
    top = ranking.ranked[best]
    below = ranking.ranked[best + 1 :]
    runner_up = below[0].score if below else 0.0
    article = top.candidate.claim.article_id
    other = next((m.score for m in below if m.candidate.claim.article_id != article), 0.0)
    return features(top.evidence, top.score, runner_up, other, ranking.query_terms)


def decide(raw: str, ranking: Ranking, limit: int, model: SameClaimModel | None = None) -> LookupResult:
    """matched when the model is sure of the best claim and no other is as close; ambiguous when it is
    close but not sure (or several are equally close): the closest are shown to pick from."""
    ranked = ranking.ranked
    if not ranked:
        return LookupResult(raw, "no_match", ())
    model = model or default_model()
    confidence = round(model.probability(decision_features(ranking)), 4)
    status = model.status(confidence)
    if status == "no_match":
        differs = [m for m in ranked[:limit] if _differs(m.evidence)]
        return LookupResult(raw, "no_match", (), confidence, tuple(m.match() for m in differs))
    close = [m for m in ranked if ranked[0].score - m.score <= AMBIGUITY_MARGIN]
    if len(close) > 1:
        status = "ambiguous"
    # "Did you mean" offers every claim as close as the best, then the next ones worth a look; a far
    # third (score 0.08 beside 0.45) is noise in a list people pick from.
    count = max(limit, len(close)) if status == "ambiguous" else limit
    shown = [m for i, m in enumerate(ranked[:count]) if i == 0 or m in close or m.score >= ALTERNATIVE_FLOOR]
    return LookupResult(raw, status, tuple(m.match() for m in shown), confidence)


def _differs(evidence: Evidence) -> bool:
    """The same words, another figure or date: a near miss worth naming beside "no match". The own
    sets' deliberate near misses (the same sentence with another amount) cover >= 0.64 of the query's
    word weight; the unrelated ones that clash on a figure <= 0.46 (bench/queries, 2 Dec)."""
    clash = evidence.numbers_clashed or evidence.date_clash
    return bool(clash) and evidence.coverage >= DIFFERS_COVERAGE and evidence.containment >= DIFFERS_CHARS


def _order(pair: tuple[tuple[float, tuple[str, ...], Evidence], store.Candidate]) -> tuple[float, int, str]:
    """Best score first; of equal scores the shorter claim (the more specific), then a stable id."""
    return -pair[0][0], len(pair[1].text), pair[1].claim_id


async def lookup(
    db: Database, raw: str, glossary: Glossary, limit: int = 3, by_parts: bool = True
) -> LookupResult:
    """Find the claim(s) a query refers to. Raises InputError for empty or oversized text.

    A text that joins several assertions ("西站日均退票1.2万张 旅客只好改坐长途大巴回老家") and is not
    recognised whole is looked up assertion by assertion (``by_parts``): the answer is the surest one
    whose claim the whole text does not contradict (no other figure, date or place).
    """
    ranking = await rank(db, raw, glossary)
    result = decide(raw, ranking, limit)
    if result.status == "matched" or not by_parts:
        return result
    agreed = {s.candidate.claim_id for s in ranking.ranked if not _contradicts(s.evidence)}
    parts = assertions(raw)
    for index, part in enumerate(parts, 1):
        found = decide(raw, await rank(db, part, glossary), limit)
        best = found.best
        if best and best.claim.claim_id in agreed and found.confidence > result.confidence:
            signal = f"part:{index}/{len(parts)}"
            shown = tuple(replace(m, reasons=(*m.reasons, signal)) for m in found.matches)
            result = replace(found, matches=shown, part=part)
    return result


def _contradicts(evidence: Evidence) -> bool:
    return bool(
        evidence.numbers_clashed or evidence.date_clash or evidence.place_clash or evidence.organisation_clash
    )


async def rank(db: Database, raw: str, glossary: Glossary, keep: int = MAX_SHOWN) -> Ranking:
    """The query's best ``keep`` candidates, scored, best first (what the decision and its fit read)."""
    validate_query(raw)
    query = prepare(raw, glossary)
    if not query.terms:
        return Ranking([], 0)
    df, stored, candidates = await db.run(_retrieve, query)
    query, idf = _weighted(query, df, stored)
    results = sorted(((score_candidate(query, cand, idf), cand) for cand in candidates), key=_order)
    best = [(score_candidate(query, cand, idf, in_context=True), cand) for _, cand in results[:IN_CONTEXT]]
    if elsewhere := [cand for (_, _, evidence), cand in best if evidence.organisation_clash]:
        # The body the query credits may be named elsewhere in the article: read it (rare, a few ms).
        texts = await db.run(store.article_texts, [cand.row["article_id"] for cand in elsewhere])
        best = [
            (score_candidate(query, cand, idf, True, _folded(texts.get(cand.row["article_id"], ""))), cand)
            if cand in elsewhere
            else (scored, cand)
            for scored, cand in best
        ]
    results = sorted(best + results[IN_CONTEXT:], key=_order)
    ranked = [Scored(score, reasons, evidence, cand) for (score, reasons, evidence), cand in results[:keep]]
    return Ranking(ranked, len(query.scored_terms))


async def score_claims(
    db: Database, asked: Sequence[tuple[PreparedQuery, Sequence[str]]]
) -> list[list[Scored]]:
    """For each (prepared query, claim ids): the ranking score the query gives each of those claims,
    best first, reading each one's sentence and headline as ``rank`` does for its best few. For
    comparing texts with claims already picked (ruled families at ingest) without searching the index:
    one trip to the database for them all."""
    terms = sorted({t for query, _ in asked for t in query.terms})
    ids = sorted({c for _, claim_ids in asked for c in claim_ids})
    if not terms or not ids:
        return [[] for _ in asked]

    def read(conn: sqlite3.Connection) -> tuple[dict[str, int], int, list[store.Candidate]]:
        df, stored = store.term_frequencies(conn, terms)
        return df, stored, store.candidates_by_id(conn, ids)

    df, stored, candidates = await db.run(read)
    by_id = {c.claim_id: c for c in candidates}
    out: list[list[Scored]] = []
    for query, claim_ids in asked:
        if not query.terms:
            out.append([])
            continue
        query, idf = _weighted(query, df, stored)
        cands = [by_id[c] for c in dict.fromkeys(claim_ids) if c in by_id]
        scored = sorted(((score_candidate(query, c, idf, in_context=True), c) for c in cands), key=_order)
        out.append([Scored(score, reasons, evidence, cand) for (score, reasons, evidence), cand in scored])
    return out


def _weighted(
    query: PreparedQuery, df: dict[str, int], stored: int
) -> tuple[PreparedQuery, dict[str, float]]:
    """The query's scored terms and group weights, and each term's idf, from the index's frequencies."""
    n = max(stored, 1)  # max(rowid): an O(log n) stand-in for count(*) in idf weights
    # English words the glossary carried over count through their translations; the ones it could
    # not carry count a little against every claim (the query says something we cannot read).
    scored = tuple(
        t for t in query.terms if df[t] or not _ENGLISH_WORD.fullmatch(t) or t in query.untranslated
    )
    query = replace(query, scored_terms=scored)
    # A word no claim uses still counts against a match, but less than a rare shared word counts for.
    idf = {t: math.log(1 + n / (df[t] + 0.5)) * _unknown_weight(t, df[t], query) for t in query.terms}
    # A synonym group weighs as the word the query wrote; a translated phrase as its rarest alternative
    # the archive knows (else as an unknown word).
    # One English word's dictionary senses are a guess: it weighs as an untranslated word would.
    weights = tuple(
        (UNTRANSLATED_WEIGHT if i in query.loose_groups else 1.0)
        * (
            max((idf[t] for t in head if df[t]), default=0.0)
            or max((idf[t] for t in g if df[t]), default=max(idf[t] for t in g))
        )
        for i, (g, head) in enumerate(zip(query.groups, query.group_heads, strict=True))
    )
    return replace(query, group_weights=weights), idf
