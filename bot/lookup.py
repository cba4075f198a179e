"""Query -> ranked claims, and a decision: matched, ambiguous or no_match.

Stage 1 asks the FTS5 term index for the claims sharing the query's rarest terms (a bounded OR query:
it never scans every claim). Stage 2 reranks those few on idf-weighted term coverage, character
overlap, quantities (a matching number is strong evidence, a clashing one counts against) and dates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.claims.models import Claim
from bot.errors import InputError
from bot.store import claims as store
from bot.store.db import Database
from bot.text import segment
from bot.text.dates import parse_dates
from bot.text.glossary import Glossary
from bot.text.normalize import fold_query, printable_length
from bot.text.numbers import parse_quantities, same_amount
from bot.text.terms import build_terms, fts_query
from bot.text.types import DateSpan, Quantity

MAX_QUERY_CHARS = 2000
MAX_STAGE1_TERMS = 10
STAGE1_POSTINGS_BUDGET = 60_000  # sum of document frequencies the OR query may touch
STAGE1_LIMIT = 60
MATCH_THRESHOLD = 0.42
AMBIGUITY_MARGIN = 0.06
_NO_YEAR = date(1900, 1, 1)  # context for query dates: a bare "12月18日" keeps no year
_QUESTION = re.compile(r"(是真的吗|是真的么|真的吗|是否属实|属实吗|对吗|是吗|吗|么|呢|[?？!！。，,]+)\s*$")
_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9a-z]")


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


def validate_query(raw: str) -> str:
    """Refuse what cannot be a claim: empty/emoji-only text and text longer than MAX_QUERY_CHARS."""
    if raw is None or printable_length(raw) == 0:
        raise InputError("empty_query")
    if len(raw) > MAX_QUERY_CHARS:
        raise InputError("query_too_long")
    return raw


def prepare(raw: str, glossary: Glossary) -> PreparedQuery:
    """Fold, strip question framing, translate English phrases, and build the query's terms."""
    text = fold_query(raw)
    previous = None
    while previous != text:
        previous, text = text, _QUESTION.sub("", text).strip()
    quantities = tuple(parse_quantities(text))
    dates = tuple(parse_dates(text, _NO_YEAR))
    words = segment.words(text)
    chinese = "".join(ch for ch in text if not ch.isascii() or ch.isdigit() or ch in ".%")
    for alternatives in glossary.translate(text):
        words.extend(alternatives)
        chinese += alternatives[0]
    return PreparedQuery(chinese, build_terms(words, quantities, dates), quantities, dates)


def _bigrams(text: str) -> set[str]:
    chars = _CJK_OR_DIGIT.findall(text)
    return {a + b for a, b in zip(chars, chars[1:], strict=False)} or set(chars)


def _amount_match(q: Quantity, c: Quantity) -> bool:
    if "成" in q.text or "成" in c.text:  # 六成 is a round figure: 62% is "六成"
        return abs(q.value - c.value) <= 5 and {q.unit, c.unit} <= {"%"}
    tolerance = 0.1 if q.qualifier == "about" else 0.02
    return same_amount(q, c, rel_tol=tolerance)


def _quantity_score(query: Sequence[Quantity], claim: Sequence[Quantity]) -> tuple[float, int, int]:
    """(score in [-1, 1], matched count, clash count) of the query's numbers against the claim's."""
    matched = clashed = 0
    for q in query:
        if any(_amount_match(q, c) for c in claim):
            matched += 1
        elif any(c.unit == q.unit or (not q.unit or not c.unit) for c in claim):
            clashed += 1
    return (matched - clashed) / len(query), matched, clashed


def _date_score(query: Sequence[DateSpan], claim: Sequence[DateSpan]) -> float:
    hits = 0
    for q in query:
        for c in claim:
            same_day = (q.first.month, q.first.day) == (c.first.month, c.first.day)
            if (q.year_inferred and same_day) or (q.first <= c.last and c.first <= q.last):
                hits += 1
                break
    return hits / len(query)


def score_candidate(query: PreparedQuery, cand: store.Candidate, idf: dict[str, float]) -> Match:
    """Score one candidate in [0, 1] with the reasons that produced it."""
    word_terms = [t for t in query.terms if not t[:1].isascii() or not t[:2].isalpha()]
    total = sum(idf[t] for t in word_terms) or 1.0
    coverage = sum(idf[t] for t in word_terms if t in cand.terms) / total
    qb, cb = _bigrams(query.text), _bigrams(cand.search_text)
    containment = len(qb & cb) / len(qb) if qb else 0.0
    precision = len(qb & cb) / len(cb) if cb else 0.0
    score = 0.5 * coverage + 0.4 * containment + 0.1 * precision
    reasons = [f"terms:{coverage:.2f}", f"chars:{containment:.2f}"]
    if query.quantities:
        q_score, matched, clashed = _quantity_score(query.quantities, cand.claim.quantities)
        score = 0.75 * score + 0.25 * max(q_score, 0.0)
        if clashed and not matched:
            score *= 0.6
        reasons.append(f"numbers:{matched} match/{clashed} clash")
    if query.dates and cand.claim.dates:
        d_score = _date_score(query.dates, cand.claim.dates)
        score = 0.9 * score + 0.1 * d_score
        reasons.append(f"dates:{d_score:.2f}")
    return Match(cand.claim, round(min(1.0, max(0.0, score)), 4), tuple(reasons))


def decide(raw: str, ranked: list[Match], limit: int) -> LookupResult:
    """matched when one claim stands out above the threshold, ambiguous when several are close."""
    good = [m for m in ranked if m.score >= MATCH_THRESHOLD]
    if not good:
        return LookupResult(raw, "no_match", ())
    close = [m for m in good if good[0].score - m.score <= AMBIGUITY_MARGIN]
    status = "matched" if len(close) == 1 else "ambiguous"
    shown = ranked[: max(limit, len(close))] if status == "ambiguous" else [good[0], *ranked[1:limit]]
    return LookupResult(raw, status, tuple(shown[:limit] if status == "matched" else shown))


async def lookup(db: Database, raw: str, glossary: Glossary, limit: int = 3) -> LookupResult:
    """Find the claim(s) a query refers to. Raises InputError for empty or oversized text."""
    validate_query(raw)
    query = prepare(raw, glossary)
    if not query.terms:
        return LookupResult(raw, "no_match", ())
    df = await store.term_frequencies(db, query.terms)
    n = max(await store.claim_count(db), 1)
    idf = {t: math.log(1 + n / (df[t] + 0.5)) for t in query.terms}
    present = sorted((t for t in query.terms if df[t] > 0), key=lambda t: df[t])
    chosen: list[str] = []
    budget = 0
    for term in present[:MAX_STAGE1_TERMS]:
        if len(chosen) >= 2 and budget + df[term] > STAGE1_POSTINGS_BUDGET:
            break
        chosen.append(term)
        budget += df[term]
    if not chosen:
        return LookupResult(raw, "no_match", ())
    rowids = await store.match_rowids(db, fts_query(chosen), STAGE1_LIMIT)
    ranked = sorted(
        (score_candidate(query, cand, idf) for cand in await store.candidates(db, rowids)),
        key=lambda m: (-m.score, len(m.claim.text), m.claim.claim_id),
    )
    return decide(raw, ranked, limit)
