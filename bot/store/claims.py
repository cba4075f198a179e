"""Typed queries for articles, claims and the term index."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property, lru_cache
from typing import Any

from bot.claims.models import Article, Claim
from bot.store.codec import (
    RowLike,
    article_values,
    claim_values,
    dates_from_json,
    quantities_from_json,
    row_to_article,
    row_to_claim,
)
from bot.store.db import Database
from bot.text.types import DateSpan, Quantity


@dataclass(frozen=True, slots=True)
class IndexedClaim:
    """A claim with its search representation (folded text and index terms)."""

    claim: Claim
    search_text: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SaveResult:
    added: int
    kept: int
    retired: int


class Candidate:
    """A claim found by the first retrieval stage. Its JSON columns are decoded only when the
    reranker asks for them: most candidates are scored on their terms and text alone."""

    def __init__(self, row: RowLike) -> None:
        self.row = row
        self.claim_id: str = row["claim_id"]
        self.text: str = row["text"]
        self.search_text: str = row["search_text"]
        self.terms = _term_set(row["search_keys"])
        self.article_title: str = row["article_title"]
        self.article_places = _place_set(row["article_places"])

    @cached_property
    def claim(self) -> Claim:
        return row_to_claim(self.row)

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        return quantities_from_json(self.row["quantities"])

    @cached_property
    def dates(self) -> tuple[DateSpan, ...]:
        return dates_from_json(self.row["dates"])

    @cached_property
    def places(self) -> list[str]:
        return [text for text, type_ in json.loads(self.row["entities"]) if type_ == "place"]


@lru_cache(maxsize=20_000)
def _term_set(search_keys: str) -> frozenset[str]:
    return frozenset(search_keys.split())


@lru_cache(maxsize=1_000)
def _place_set(places_json: str) -> frozenset[str]:
    return frozenset(json.loads(places_json))


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


async def article_sha(db: Database, article_id: str) -> str | None:
    rows = list(
        await db.conn.execute_fetchall("SELECT sha256 FROM articles WHERE article_id = ?", (article_id,))
    )
    return str(rows[0][0]) if rows else None


_UPSERT_CLAIM = """INSERT INTO claims (claim_id, article_id, text, start, end, kind, quantities, dates,
        entities, source_name, source_kind, worthiness, worthiness_reasons, paragraph, context, search_text,
        search_keys, active)
    VALUES (:claim_id, :article_id, :text, :start, :end, :kind, :quantities, :dates, :entities, :source_name,
        :source_kind, :worthiness, :worthiness_reasons, :paragraph, :context, :search_text, :search_keys, 1)
    ON CONFLICT(claim_id) DO UPDATE SET text = excluded.text, start = excluded.start, end = excluded.end,
        kind = excluded.kind, quantities = excluded.quantities, dates = excluded.dates,
        entities = excluded.entities, source_name = excluded.source_name, source_kind = excluded.source_kind,
        worthiness = excluded.worthiness, worthiness_reasons = excluded.worthiness_reasons,
        paragraph = excluded.paragraph, context = excluded.context, search_text = excluded.search_text,
        search_keys = excluded.search_keys, active = 1"""


_BUMP_DF = """INSERT INTO term_df (term, df) VALUES (?1, max(?2, 0))
    ON CONFLICT(term) DO UPDATE SET df = max(df + ?2, 0)"""


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """An analysed article as the rows it is stored as, JSON already encoded: built where the analysis
    ran (a worker process), so the one writer only writes, and cheap to send between processes."""

    article_id: str
    title: str
    article: dict[str, Any]  # the articles row, without path and timestamps
    claims: list[dict[str, Any]]  # claims rows, search columns included

    @property
    def claim_ids(self) -> list[str]:
        return [row["claim_id"] for row in self.claims]


@dataclass(frozen=True, slots=True)
class SavedArticle:
    article_id: str
    created: bool  # False when an earlier version was replaced
    result: SaveResult


def encode_article(article: Article, claims: Sequence[IndexedClaim]) -> ArticleRows:
    places = sorted({e.text for item in claims for e in item.claim.entities if e.type == "place"})
    values = {**article_values(article), "places": json.dumps(places, ensure_ascii=False)}
    rows = [
        {**claim_values(item.claim), "search_text": item.search_text, "search_keys": " ".join(item.terms)}
        for item in claims
    ]
    return ArticleRows(article.article_id, article.title, values, rows)


def save_articles(
    conn: sqlite3.Connection, batch: Sequence[tuple[ArticleRows, str | None]], at: datetime | None = None
) -> list[SavedArticle]:
    """Insert or update articles and their claims, inside the caller's transaction (``Database.write``).

    Claims whose id survives an edit keep their row (and so their verdicts and checks); claims gone
    from the new text are retired (kept for history, dropped from the index). Document frequencies are
    summed over the whole batch and written once per term.
    """
    stamp = at.astimezone(UTC).isoformat(timespec="seconds") if at else now_iso()
    delta: Counter[str] = Counter()
    saved: list[SavedArticle] = []
    for rows, path in batch:
        saved.append(_save_one(conn, rows, path, stamp, delta))
    conn.executemany(_BUMP_DF, [(t, d) for t, d in delta.items() if d])
    return saved


def _save_one(
    conn: sqlite3.Connection, rows: ArticleRows, path: str | None, stamp: str, delta: Counter[str]
) -> SavedArticle:
    known_article = conn.execute("SELECT 1 FROM articles WHERE article_id = ?", (rows.article_id,)).fetchone()
    conn.execute(_UPSERT_ARTICLE, {**rows.article, "path": path, "stamp": stamp})
    existing: dict[str, int] = {}
    for claim_id, rowid, keys in conn.execute(
        "SELECT claim_id, rowid, search_keys FROM claims WHERE article_id = ? AND active = 1",
        (rows.article_id,),
    ):
        existing[claim_id] = rowid
        delta.subtract(keys.split())
    new_ids = set(rows.claim_ids)
    retired = [(rowid,) for cid, rowid in existing.items() if cid not in new_ids]
    conn.executemany("UPDATE claims SET active = 0 WHERE rowid = ?", retired)
    conn.executemany("DELETE FROM claim_terms WHERE rowid = ?", retired)
    conn.executemany(_UPSERT_CLAIM, rows.claims)
    rowids = dict(
        conn.execute(
            "SELECT claim_id, rowid FROM claims WHERE article_id = ? AND active = 1", (rows.article_id,)
        )
    )
    indexed = [(rowids[row["claim_id"]], row["search_keys"]) for row in rows.claims]
    known = set(existing.values())
    conn.executemany("DELETE FROM claim_terms WHERE rowid = ?", [(r,) for r, _ in indexed if r in known])
    conn.executemany("INSERT INTO claim_terms (rowid, terms) VALUES (?, ?)", indexed)
    for row in rows.claims:
        delta.update(row["search_keys"].split())
    kept = len(new_ids & existing.keys())
    result = SaveResult(added=len(new_ids) - kept, kept=kept, retired=len(retired))
    return SavedArticle(rows.article_id, known_article is None, result)


_UPSERT_ARTICLE = """INSERT INTO articles (article_id, title, language, source, url, published, date_context,
        data_cutoff, notes, text, sha256, path, places, ingested_at, updated_at)
    VALUES (:article_id, :title, :language, :source, :url, :published, :date_context,
        :data_cutoff, :notes, :text, :sha256, :path, :places, :stamp, :stamp)
    ON CONFLICT(article_id) DO UPDATE SET title = excluded.title, language = excluded.language,
        source = excluded.source, url = excluded.url, published = excluded.published,
        date_context = excluded.date_context, data_cutoff = excluded.data_cutoff,
        notes = excluded.notes, text = excluded.text, sha256 = excluded.sha256,
        path = excluded.path, places = excluded.places, updated_at = excluded.updated_at"""


async def get_article(db: Database, article_id: str) -> Article | None:
    rows = list(await db.conn.execute_fetchall("SELECT * FROM articles WHERE article_id = ?", (article_id,)))
    return row_to_article(rows[0]) if rows else None


async def list_articles(db: Database) -> list[Article]:
    rows = await db.conn.execute_fetchall("SELECT * FROM articles ORDER BY ingested_at, article_id")
    return [row_to_article(row) for row in rows]


async def list_claims(db: Database, article_id: str | None = None) -> list[Claim]:
    """Active claims, in article and reading order."""
    if article_id is None:
        rows = await db.conn.execute_fetchall(
            "SELECT * FROM claims WHERE active = 1 ORDER BY article_id, start"
        )
    else:
        rows = await db.conn.execute_fetchall(
            "SELECT * FROM claims WHERE active = 1 AND article_id = ? ORDER BY start", (article_id,)
        )
    return [row_to_claim(row) for row in rows]


async def get_claims(db: Database, claim_ids: Iterable[str]) -> dict[str, Claim]:
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = await db.conn.execute_fetchall(f"SELECT * FROM claims WHERE claim_id IN ({marks})", ids)
    return {row["claim_id"]: row_to_claim(row) for row in rows}


def term_frequencies(conn: sqlite3.Connection, terms: Iterable[str]) -> tuple[dict[str, int], int]:
    """(document frequency of each term, 0 when absent; claims ever stored). Synchronous: lookup
    runs it with its FTS query in one trip to the database thread (``Database.run``)."""
    out = dict.fromkeys(terms, 0)
    marks = ",".join("?" * len(out))
    rows = conn.execute(
        f"""SELECT term, df FROM term_df WHERE term IN ({marks})
            UNION ALL SELECT NULL, max(rowid) FROM claims""",
        list(out),
    ).fetchall()
    total = 0
    for term, doc in rows:
        if term is None:
            total = int(doc or 0)
        else:
            out[term] = int(doc)
    return out, total


_FIRST_MATCHES = """SELECT c.*, a.title AS article_title, a.places AS article_places
    FROM (SELECT rowid AS hit FROM claim_terms WHERE claim_terms MATCH ? LIMIT ?) m
    JOIN claims c ON c.rowid = m.hit JOIN articles a USING (article_id)
    WHERE c.active = 1 ORDER BY m.hit"""


def matching_candidates(conn: sqlite3.Connection, fts_query: str, limit: int) -> list[Candidate]:
    """The first ``limit`` claims an FTS5 query (built by lookup, never user syntax) finds, unranked:
    the query stops at its first ``limit`` hits, so its cost is bounded whatever the doclists."""
    rows = conn.execute(_FIRST_MATCHES, (fts_query, limit)).fetchall()
    return [Candidate(row) for row in rows]


def article_texts(conn: sqlite3.Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """The stored text of each given article."""
    ids = list(dict.fromkeys(article_ids))
    marks = ",".join("?" * len(ids))
    sql = f"SELECT article_id, text FROM articles WHERE article_id IN ({marks})"  # placeholders only
    return {row[0]: row[1] for row in conn.execute(sql, ids)} if ids else {}


def candidates_by_id(conn: sqlite3.Connection, claim_ids: Sequence[str]) -> list[Candidate]:
    """The given active claims as the reranker reads them (to score known claims without a search)."""
    out: list[Candidate] = []
    ids = list(dict.fromkeys(claim_ids))
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"""SELECT c.*, a.title AS article_title, a.places AS article_places
            FROM claims c JOIN articles a USING (article_id)
            WHERE c.claim_id IN ({marks}) AND c.active = 1"""  # placeholders only
        out += [Candidate(row) for row in conn.execute(sql, chunk)]
    return out


_WEIGHTED_ARM = "SELECT rowid AS hit, ? AS w FROM claim_terms WHERE claim_terms MATCH ?"
_WEIGHTED_SUM = "SELECT hit, sum(w) AS score FROM ({arms}) GROUP BY hit ORDER BY score DESC, hit LIMIT ?"
# One term: every hit has the same weight, so the best are its first rows in rowid order, which FTS5
# returns in that order and stops reading at the limit (the sum would group and sort all its postings:
# 0.18 against 0.32 ms a call at 100k claims, two in three stage-1 calls of a message).
_ONE_TERM = (
    "SELECT rowid AS hit, ? AS score FROM claim_terms WHERE claim_terms MATCH ? ORDER BY rowid LIMIT ?"
)
_WEIGHTED_MATCHES = """SELECT c.*, a.title AS article_title, a.places AS article_places
    FROM ({best}) m JOIN claims c ON c.rowid = m.hit JOIN articles a USING (article_id)
    WHERE c.active = 1 ORDER BY m.score DESC, m.hit"""


def weighted_candidates(
    conn: sqlite3.Connection, weighted: Sequence[tuple[str, float]], limit: int
) -> list[Candidate]:
    """The ``limit`` claims holding the most weight of the given (FTS5 query, weight) terms, summed and
    ranked inside SQLite: cheaper per posting than FTS5's bm25, which calls back into Python-free but
    per-row auxiliary code, and as good for picking the few claims the reranker reads."""
    if not weighted:
        return []
    arms = " UNION ALL ".join([_WEIGHTED_ARM] * len(weighted))
    sql = _WEIGHTED_MATCHES.format(best=_ONE_TERM if len(weighted) == 1 else _WEIGHTED_SUM.format(arms=arms))
    params: list[object] = [value for query, weight in weighted for value in (weight, query)]
    rows = conn.execute(sql, [*params, limit]).fetchall()
    return [Candidate(row) for row in rows]
