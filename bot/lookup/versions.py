"""Is a message a version of an ingested text as a whole: re-forwarded, re-punctuated, trimmed, edited?

The measure is the share of the message's character 3-grams (after folding: full width, traditional
-> simplified, lower case, punctuation and spaces dropped) found in the stored text: containment, not
Jaccard, because a trimmed or prefixed copy is mostly *inside* the original while sharing few of a
long original's 3-grams. Candidates are the articles of the claims the message's own claims matched,
and those sharing the most of its sampled 3-grams in the text index (bot/store/versions.py, rarest
first within a postings budget, so bounded at any archive size); each is then measured exactly on
its whole text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.store import versions as index

# cofacts-2017-dev (../shared/datasets): every re-forwarded version scored >= 0.46 against its first
# version except two whose shared part is a sentence or two (0.12, 0.09); the best unrelated message
# scored 0.28 (three more are word-for-word copies filed under another answer): 0.40 sits between.
VERSION_THRESHOLD = 0.40
MIN_SHINGLES = 15  # below this (a dozen characters) any overlap is a coincidence of wording
MAX_CANDIDATES = 8  # texts measured per message, from each source
SEARCH_POSTINGS = 4000  # postings of the text index one message may read (about a millisecond)


@dataclass(frozen=True, slots=True)
class Version:
    """The ingested article a message is a version of, and the share of the message found in it."""

    article_id: str
    title: str
    similarity: float


@lru_cache(maxsize=256)  # a long article's set is a few hundred KB: a small cache of the recent ones
def shingles(text: str) -> frozenset[str]:
    """The character 3-grams of a text (remembered: the same articles come back message after message)."""
    return index.all_shingles(text)


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s 3-grams found in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def find_version(conn: sqlite3.Connection, message: str, article_ids: Iterable[str]) -> Version | None:
    """The candidate article (``article_ids`` first, then those the text index proposes) holding the
    largest share of the message, if that share reaches the threshold. Synchronous: runs on the
    database thread (``Database.run``)."""
    mine = shingles(message)
    if len(mine) < MIN_SHINGLES:
        return None
    searched = index.candidates(conn, index.sampled(mine), MAX_CANDIDATES, SEARCH_POSTINGS)
    ids = list(dict.fromkeys([*list(article_ids)[:MAX_CANDIDATES], *searched]))
    if not ids:
        return None
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT article_id, title, text FROM articles WHERE article_id IN ({marks})", ids)
    best: Version | None = None
    for article_id, title, text in rows:
        share = round(containment(mine, shingles(text)), 3)
        if best is None or (share, article_id) > (best.similarity, best.article_id):
            best = Version(article_id, title, share)
    return best if best is not None and best.similarity >= VERSION_THRESHOLD else None
