"""Article -> indexed claims and their automated verdicts: the CPU-bound half of an ingest.

Pure functions, so a batch of articles can be analysed in worker processes (two cores, two
articles at a time) while the event loop keeps the database writes.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.claims.extract import extract, prepare_article
from bot.claims.models import Article
from bot.store.claims import ArticleRows, IndexedClaim, encode_article
from bot.store.verdicts import auto_rows
from bot.text import segment
from bot.text.normalize import fold_article
from bot.text.terms import build_terms
from bot.verdicts.engine import assess_article
from bot.verdicts.evidence import EvidenceBase

POOL_MIN_ARTICLES = 8  # below this, worker start-up costs more than it saves


@dataclass(frozen=True, slots=True)
class Analysis:
    """An article in the form it is stored: its rows, and its automated verdicts' rows. Encoded where
    the analysis runs, so the single writer only writes and a worker sends strings, not objects."""

    rows: ArticleRows
    verdicts: list[tuple[Any, ...]]


def index_article(article: Article, folded: str | None = None) -> list[IndexedClaim]:
    """Extract claims and build their search representation."""
    out: list[IndexedClaim] = []
    for item in extract(article, folded):
        claim = item.claim
        terms = build_terms(item.words, claim.quantities, claim.dates)
        entity_terms = tuple(e.text for e in claim.entities if e.text not in terms)
        out.append(IndexedClaim(claim, item.search_text, terms + entity_terms))
    return out


def analyse(article: Article, base: EvidenceBase) -> Analysis:
    """Claims, index terms and automated verdicts of one article (its notes and data cut-off
    filled in from the text first)."""
    folded = fold_article(article.text)  # once, for the notes and for the claims
    article = prepare_article(article, folded)
    claims = index_article(article, folded)
    verdicts = assess_article(article, [c.claim for c in claims], base)
    return Analysis(encode_article(article, claims), auto_rows(verdicts.values()))


def analyse_many(
    articles: Sequence[Article], base: EvidenceBase, dictionaries: list[Path]
) -> Iterator[Analysis]:
    """Analyses in input order; in worker processes when the batch is large enough."""
    workers = min(os.cpu_count() or 1, len(articles) // POOL_MIN_ARTICLES)
    if workers < 2:
        yield from (analyse(a, base) for a in articles)
        return
    # Fork where available: children inherit the loaded tokenizer (seconds saved per worker). They
    # run only pure analysis, never the parent's database connection.
    segment.configure(dictionaries)
    segment.warm_up()
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(base, dictionaries)
    ) as pool:
        yield from pool.map(_analyse_in_worker, articles, chunksize=8)


_WORKER_BASE: list[EvidenceBase] = []


def _init_worker(base: EvidenceBase, dictionaries: list[Path]) -> None:
    """Each worker gets the evidence base once, not with every article."""
    segment.configure(dictionaries)
    _WORKER_BASE[:] = [base]


def _analyse_in_worker(article: Article) -> Analysis:
    return analyse(article, _WORKER_BASE[0])
