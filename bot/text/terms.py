"""Index terms shared by claims and queries: content words, quantity keys, date keys.

The same function builds both sides, so a number written "1.2万" in a claim and "12,000" in a query
meet on the key "qn12000". Keys are ASCII so FTS5's unicode61 tokenizer keeps each one whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.text import segment
from bot.text.dates import date_key
from bot.text.types import DateSpan, Quantity
from bot.text.units import quantity_key

_DIGITS = re.compile(r"^[\d.,%]+$")
_KEY_CLASS = re.compile(r"^q[a-z]+")


def value_key(q: Quantity) -> str:
    """The amount without its unit class ("qv12000"): what a unitless query number can match."""
    return "qv" + _KEY_CLASS.sub("", quantity_key(q))


def date_keys(span: DateSpan) -> list[str]:
    """Date keys; a day also gets a year-less "md" key so "12月18日" in a query finds it."""
    keys = [] if span.year_inferred and span.first.year <= 1900 else list(date_key(span))
    if span.granularity == "day":
        keys.append(f"md{span.first.month:02d}{span.first.day:02d}")
    return keys


def query_number_keys(q: Quantity) -> list[str]:
    """A query number without a unit ("12亿") may mean any unit: search by value alone."""
    return [value_key(q)] if not q.unit else [quantity_key(q)]


def build_terms(
    words: Iterable[str], quantities: Sequence[Quantity], dates: Sequence[DateSpan], query: bool = False
) -> tuple[str, ...]:
    """Deduplicated index terms, order kept (content words first). Claims get every number key;
    a query gets the keys it can match (see :func:`query_number_keys`)."""
    terms: dict[str, None] = {}
    for term in segment.search_terms(list(words)):
        if not _DIGITS.match(term):
            terms[term] = None
    for q in quantities:
        for key in query_number_keys(q) if query else (quantity_key(q), value_key(q)):
            terms[key] = None
    for d in dates:
        for key in date_keys(d):
            terms[key] = None
    return tuple(terms)


def without_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked out: numbers are matched by key, not by their words."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def fts_query(terms: Iterable[str], operator: str = "OR") -> str:
    """An FTS5 query joining quoted terms with OR/AND: user text never becomes query syntax."""
    return f" {operator} ".join('"' + term.replace('"', '""') + '"' for term in terms)
