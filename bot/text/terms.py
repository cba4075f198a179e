"""Index terms shared by claims and queries: content words, quantity keys, date keys.

The same function builds both sides, so a number written "1.2万" in a claim and "12,000" in a query
meet on the key "qn12000". Keys are ASCII so FTS5's unicode61 tokenizer keeps each one whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bot.text import segment
from bot.text.dates import date_key
from bot.text.numbers import quantity_key
from bot.text.types import DateSpan, Quantity

_DIGITS = re.compile(r"^[\d.,%]+$")


def date_keys(span: DateSpan) -> list[str]:
    """Date keys; a day also gets a year-less "md" key so "12月18日" in a query finds it."""
    keys = [] if span.year_inferred and span.first.year <= 1900 else list(date_key(span))
    if span.granularity == "day":
        keys.append(f"md{span.first.month:02d}{span.first.day:02d}")
    return keys


def build_terms(
    words: Iterable[str], quantities: Sequence[Quantity], dates: Sequence[DateSpan]
) -> tuple[str, ...]:
    """Deduplicated index terms, order kept (content words first)."""
    terms: dict[str, None] = {}
    for term in segment.search_terms(list(words)):
        if not _DIGITS.match(term):
            terms[term] = None
    for q in quantities:
        terms[quantity_key(q)] = None
    for d in dates:
        for key in date_keys(d):
            terms[key] = None
    return tuple(terms)


def fts_query(terms: Iterable[str]) -> str:
    """An FTS5 OR query where every term is a quoted string: user text never becomes syntax."""
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)
