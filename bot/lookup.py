"""Query -> ranked claims, and a decision: matched, ambiguous or no_match.

Stage 1 asks the FTS5 term index for the claims sharing the query's rarest terms (a bounded OR query:
it never scans every claim). Stage 2 reranks those few on idf-weighted term coverage, character
overlap, quantities (a matching number is strong evidence, a clashing one counts against) and dates.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import pairwise

from bot.claims.models import Claim
from bot.errors import InputError
from bot.store import claims as store
from bot.store.db import Database
from bot.text import segment
from bot.text.dates import parse_dates
from bot.text.glossary import Glossary
from bot.text.normalize import fold_query, printable_length
from bot.text.numbers import parse_quantities
from bot.text.terms import build_terms, fts_query, without_spans
from bot.text.types import DateSpan, Quantity
from bot.text.units import same_amount

MAX_QUERY_CHARS = 2000
MAX_STAGE1_TERMS = 10
STAGE1_POSTINGS_BUDGET = 600  # postings bm25 may score (~5 µs each)
STAGE1_LIMIT = 12
ALTERNATIVE_FLOOR = 0.2  # a runner-up below this is not a "close alternative" worth showing
MAX_SHOWN = 8  # candidates turned into Match values (best first): the most any answer shows
AND_DF_CAP = 12_000  # longest doclist the unranked AND fallback may read
MATCH_THRESHOLD = 0.42
NUMBER_WEIGHT = 0.35  # share of the score a matching number carries
CLASH_FACTOR = 0.5  # a clashing number or date: most likely another claim
PLACE_CLASH_FACTOR = 0.5  # the query names a place its article never mentions
PLACE_ELSEWHERE_FACTOR = 0.6  # ... or one the article mentions, but not around this claim
MISSING_NUMBER_FACTOR = 0.8
UNKNOWN_TERM_WEIGHT = 0.6
UNTRANSLATED_WEIGHT = 0.3
TEXT_SUPPORT = 0.2  # text score from which a matching number counts in full  # the query gives a figure the claim does not have
AMBIGUITY_MARGIN = 0.06
_NO_YEAR = date(1900, 1, 1)  # context for query dates: a bare "12月18日" keeps no year
_QUESTION = re.compile(r"(是真的吗|是真的么|真的吗|是否属实|属实吗|对吗|是吗|吗|么|呢|[?？!！。，,]+)\s*$")
_EN_YEAR = re.compile(
    r"\b(in|by|since|before|after|until|from|of|between|and|to|through)\s+((?:19|20)\d{2})\b"
)
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")  # "Hong Kong's" -> "Hong Kong": the glossary's phrase
_EN_SMALL = "one two three four five six seven eight nine ten eleven twelve".split()
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_NUMBER_WORDS = {w: i for i, w in enumerate(_EN_SMALL, 1)} | _EN_TENS
# Only before a unit: "seven times" is 7倍, while "one of the" must not become a number.
_EN_NUMBER_BEFORE_UNIT = re.compile(
    r"(?i)\b(" + "|".join(_EN_NUMBER_WORDS) + r")(?=[\s-]+(?:times|fold|percent|per cent|percentage points?"
    r"|tons?|tonnes?|thousand|million|billion|trillion)\b)"
)
_ENGLISH_WORD = re.compile(r"[a-z][a-z'\-]*")
_CITED = re.compile(r"(法|法典|条例|》|第)\s*$")  # "刑法20条" cites an article: no quantity
_BARE_DAY = re.compile(r"\d{1,2}\s*[日号]")  # "8日" without a month is a duration more often than a date
_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff]")


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

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    text: str  # folded Chinese text used for character overlap
    terms: tuple[str, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateSpan, ...]
    places: tuple[str, ...] = ()
    scored_terms: tuple[str, ...] = ()  # the terms coverage is measured on
    untranslated: frozenset[str] = frozenset()  # English content words the glossary could not carry
    # Terms of each English phrase the glossary translated: its alternatives (世卫|世界卫生组织) are one
    # concept, counted once, met when the claim uses any of them. Weights are set by lookup().
    groups: tuple[frozenset[str], ...] = ()
    group_weights: tuple[float, ...] = ()

    @property
    def bigrams(self) -> frozenset[str]:
        return _bigrams(self.text)


def validate_query(raw: str) -> str:
    """Refuse what cannot be a claim: empty/emoji-only text and text longer than MAX_QUERY_CHARS."""
    if raw is None or printable_length(raw) == 0:
        raise InputError("empty_query")
    if len(raw) > MAX_QUERY_CHARS:
        raise InputError("query_too_long")
    return raw


def prepare(raw: str, glossary: Glossary) -> PreparedQuery:
    """Fold, strip question framing, translate English phrases, and build the query's terms."""
    cased = fold_query(raw, lower=False)
    cased = _POSSESSIVE.sub("", cased)
    cased = _EN_NUMBER_BEFORE_UNIT.sub(lambda m: str(_EN_NUMBER_WORDS[m.group(1).lower()]), cased)
    previous = None
    while previous != cased:
        previous, cased = cased, _QUESTION.sub("", cased).strip()
    quantities = tuple(
        q for q in parse_quantities(cased) if not _CITED.search(cased, 0, q.start) or q.unit != "条"
    )
    dates = tuple(d for d in parse_dates(cased, _NO_YEAR) if not _BARE_DAY.fullmatch(d.text))
    spans = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
    text = cased.lower()
    wordy = without_spans(cased, spans).lower()
    tokens = segment.pos_tokens(wordy)  # one jieba pass gives the words and the places
    words = [token.word for token in tokens]
    chinese = "".join(ch for ch in wordy if not ch.isascii())
    translated, untranslated = glossary.translate(wordy)
    groups: list[frozenset[str]] = []
    for alternatives in translated:
        # Segmented as claims are, so "PM2.5" or "世界卫生组织" meet the index's own terms.
        alt_tokens = [t for alt in alternatives for t in segment.pos_tokens(alt.lower())]
        alt_words = [t.word for t in alt_tokens]
        words.extend(alt_words)
        tokens += alt_tokens
        chinese += alternatives[0]
        if group := frozenset(build_terms(alt_words, (), (), query=True)):
            groups.append(group)
    dates += tuple(_english_years(text))
    terms = build_terms(words, quantities, dates, query=True)
    foreign = tuple(w for w in untranslated if w not in terms)
    return PreparedQuery(
        chinese,
        terms + foreign,
        quantities,
        dates,
        tuple(glossary.expand_places(segment.places_in(tokens))),
        untranslated=frozenset(untranslated),
        groups=tuple(groups),
    )


@lru_cache(maxsize=50_000)
def _folded(text: str) -> str:
    """fold_query, remembered: the same claims' contexts come back query after query."""
    return fold_query(text)


def _english_years(text: str) -> list[DateSpan]:
    """ "by 2030", "in 2022": a year in an English query (numbers.py leaves bare years alone)."""
    return [
        DateSpan(
            date(int(m.group(2)), 1, 1), date(int(m.group(2)), 12, 31), m.group(0), m.start(), m.end(), "year"
        )
        for m in _EN_YEAR.finditer(text)
    ]


@lru_cache(maxsize=50_000)
def _bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the Chinese text, remembered: candidates recur from query to query."""
    chars = _CJK_OR_DIGIT.findall(text)
    return frozenset(a + b for a, b in pairwise(chars)) or frozenset(chars)


def _amount_match(q: Quantity, c: Quantity) -> bool:
    if "成" in q.text or "成" in c.text:  # 六成 is a round figure: 62% is "六成"
        return abs(q.value - c.value) <= 5 and {q.unit, c.unit} <= {"%"}
    if {q.unit, c.unit} == {"倍", "%"}:  # 增长3.2倍 ~ 增长320%
        times, percent = (q, c) if q.unit == "倍" else (c, q)
        return abs(times.value * 100 - percent.value) <= 0.02 * percent.value
    tolerance = 0.1 if q.qualifier == "about" or c.qualifier == "about" else 0.02
    if not q.unit:  # "12亿" in a query may be 12亿元, 12亿人…: compare amounts only
        c = Quantity(c.value, "", c.text, c.start, c.end, c.upper, c.qualifier)
    return same_amount(q, c, rel_tol=tolerance)


def _quantity_factors(query: Sequence[Quantity], claim: Sequence[Quantity]) -> tuple[int, int, int]:
    """(matched, clashed, absent): each query number found in the claim, contradicted by a number of
    the same kind, or with nothing comparable in the claim."""
    matched = clashed = absent = 0
    for q in query:
        if any(_amount_match(q, c) for c in claim):
            matched += 1
        elif any(c.unit == q.unit or not q.unit for c in claim):
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
    query: PreparedQuery, cand: store.Candidate, idf: dict[str, float]
) -> tuple[float, tuple[str, ...]]:
    """Score one candidate in [0, 1] with the reasons that produced it.

    Text similarity (idf-weighted term coverage, character-bigram overlap) is the base; a matching
    number adds to it, while a clashing number, date or place multiplies it down.
    """
    grouped = frozenset().union(*query.groups)
    plain = [t for t in query.scored_terms if t not in grouped]
    total = sum(idf[t] for t in plain) + sum(query.group_weights) or 1.0
    covered = sum(idf[t] for t in plain if t in cand.terms)
    for group, weight in zip(query.groups, query.group_weights, strict=True):
        if present := group & cand.terms:
            covered += min(weight, max(idf[t] for t in present))
    coverage = covered / total
    qb, cb = query.bigrams, _bigrams(cand.search_text)
    shared = len(qb & cb)
    containment = shared / len(qb) if qb else 0.0
    precision = shared / len(cb) if cb else 0.0
    score = 0.5 * coverage + 0.4 * containment + 0.1 * precision
    reasons = [f"terms:{coverage:.2f}", f"chars:{containment:.2f}"]
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
    if query.dates and cand.dates:
        d_score = _date_score(query.dates, cand.dates)
        score *= CLASH_FACTOR if d_score == 0 else 0.9 + 0.1 * d_score
        reasons.append(f"dates:{d_score:.2f}")
    missing = [p for p in query.places if p not in cand.search_text]
    if missing:  # folding the context costs: only when the claim itself does not name the place
        around = _folded(cand.row["context"] + cand.article_title)
        missing = [p for p in missing if p not in around]
    if missing and cand.article_places and any(p not in cand.article_places for p in missing):
        score *= PLACE_CLASH_FACTOR  # a place the whole article never mentions
        reasons.append("places:foreign")
    elif missing and cand.places:
        score *= PLACE_ELSEWHERE_FACTOR  # the article mentions it, but not for this claim
        reasons.append("places:elsewhere")
    return round(min(1.0, max(0.0, score)), 4), tuple(reasons)


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
class _Scored:
    """A scored candidate; its Claim is decoded only if the answer shows it."""

    score: float
    reasons: tuple[str, ...]
    candidate: store.Candidate

    def match(self) -> Match:
        return Match(self.candidate.claim, self.score, self.reasons)


def decide(raw: str, ranked: list[_Scored], limit: int) -> LookupResult:
    """matched when one claim stands out above the threshold, ambiguous when several are close."""
    good = [m for m in ranked if m.score >= MATCH_THRESHOLD]
    if not good:
        return LookupResult(raw, "no_match", ())
    close = [m for m in good if good[0].score - m.score <= AMBIGUITY_MARGIN]
    status = "matched" if len(close) == 1 else "ambiguous"
    runners_up = [m for m in ranked[1:limit] if m.score >= ALTERNATIVE_FLOOR]  # only close alternatives
    shown = ranked[: max(limit, len(close))] if status == "ambiguous" else [good[0], *runners_up]
    return LookupResult(
        raw, status, tuple(m.match() for m in (shown[:limit] if status == "matched" else shown))
    )


async def lookup(db: Database, raw: str, glossary: Glossary, limit: int = 3) -> LookupResult:
    """Find the claim(s) a query refers to. Raises InputError for empty or oversized text."""
    validate_query(raw)
    query = prepare(raw, glossary)
    if not query.terms:
        return LookupResult(raw, "no_match", ())
    df, stored, candidates = await db.run(_retrieve, query)
    n = max(stored, 1)  # max(rowid): an O(log n) stand-in for count(*) in idf weights
    # English words the glossary carried over count through their translations; the ones it could
    # not carry count a little against every claim (the query says something we cannot read).
    scored = tuple(
        t for t in query.terms if df[t] or not _ENGLISH_WORD.fullmatch(t) or t in query.untranslated
    )
    query = replace(query, scored_terms=scored)
    # A word no claim uses still counts against a match, but less than a rare shared word counts for.
    idf = {t: math.log(1 + n / (df[t] + 0.5)) * _unknown_weight(t, df[t], query) for t in query.terms}
    # A translated phrase weighs as its rarest alternative the archive knows (else as an unknown word).
    weights = tuple(max((idf[t] for t in g if df[t]), default=max(idf[t] for t in g)) for g in query.groups)
    query = replace(query, group_weights=weights)
    if not candidates:
        return LookupResult(raw, "no_match", ())
    results = sorted(
        ((score_candidate(query, cand, idf), cand) for cand in candidates),
        key=lambda pair: (-pair[0][0], len(pair[1].text), pair[1].claim_id),
    )
    ranked = [_Scored(score, reasons, cand) for (score, reasons), cand in results[:MAX_SHOWN]]
    return decide(raw, ranked, limit)
