"""The index that finds which ingested texts a message may be a version of: a sample of each article's
character 3-grams (hashed), with a document frequency per 3-gram.

A quarter of all 3-grams is kept, chosen by hash, the same quarter on both sides (Broder's mod-k
sample): the share of a message's sampled 3-grams found in an article estimates the share of all of
them, at a quarter of the rows. It only proposes candidates; bot/lookup/versions.py measures each one
on its full text. Functions run inside ``Database.write`` / ``Database.run`` (plain sqlite3).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable

from bot.text.normalize import fold_article

SHINGLE = 3
SAMPLE = 4  # keep the 3-grams whose hash is 0 modulo this
_DF = """INSERT INTO shingle_df (shingle, df) VALUES (?1, max(?2, 0))
    ON CONFLICT(shingle) DO UPDATE SET df = max(df + ?2, 0)"""


def fold_for_shingles(text: str) -> str:
    """Letters, digits and CJK only, folded (full width, traditional -> simplified, lower case):
    punctuation, spacing and line breaks are exactly what versions of one message differ in."""
    return "".join(ch for ch in fold_article(text).lower() if ch.isalnum())


def all_shingles(text: str) -> frozenset[str]:
    folded = fold_for_shingles(text)
    return frozenset(folded[i : i + SHINGLE] for i in range(len(folded) - SHINGLE + 1))


def sampled(shingles: Iterable[str]) -> set[int]:
    """The hashes of the sampled 3-grams (CRC-32: stable across processes and versions)."""
    hashes = (zlib.crc32(s.encode("utf-8")) for s in shingles)
    return {h for h in hashes if h % SAMPLE == 0}


def index_text(conn: sqlite3.Connection, article_id: str, text: str, old_text: str | None) -> None:
    """(Re)index an article's text; ``old_text`` is what was indexed before (None: nothing)."""
    old = sampled(all_shingles(old_text)) if old_text else set()
    new = sampled(all_shingles(text))
    gone, added = old - new, new - old
    conn.executemany(
        "DELETE FROM text_shingles WHERE shingle = ? AND article_id = ?", [(h, article_id) for h in gone]
    )
    conn.executemany(
        "INSERT OR IGNORE INTO text_shingles (shingle, article_id) VALUES (?, ?)",
        [(h, article_id) for h in added],
    )
    conn.executemany(_DF, [(h, -1) for h in gone] + [(h, 1) for h in added])
    conn.execute("UPDATE articles SET shingled = sha256 WHERE article_id = ?", (article_id,))


def indexed_texts(conn: sqlite3.Connection, article_ids: list[str]) -> dict[str, str]:
    """The texts these articles were last indexed under (read before they are overwritten)."""
    marks = ",".join("?" * len(article_ids))
    rows = conn.execute(
        f"SELECT article_id, text FROM articles WHERE shingled = sha256 AND article_id IN ({marks})",
        article_ids,
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def unindexed(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(article id, text) of articles stored before this index existed or changed since."""
    rows = conn.execute(
        "SELECT article_id, text FROM articles WHERE shingled IS NULL OR shingled != sha256"
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def index_missing(conn: sqlite3.Connection) -> int:
    """Index every article the index lacks (a database from before it, a bulk-loaded corpus). An
    article indexed under an older text is indexed afresh: its old rows cannot be told apart."""
    todo = unindexed(conn)
    for article_id, text in todo:
        stale = conn.execute("SELECT shingled FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        if stale and stale[0] is not None:
            _forget(conn, article_id)
        index_text(conn, article_id, text, None)
    return len(todo)


def _forget(conn: sqlite3.Connection, article_id: str) -> None:
    hashes = [
        r[0] for r in conn.execute("SELECT shingle FROM text_shingles WHERE article_id = ?", (article_id,))
    ]
    conn.execute("DELETE FROM text_shingles WHERE article_id = ?", (article_id,))
    conn.executemany(_DF, [(h, -1) for h in hashes])


def candidates(conn: sqlite3.Connection, hashes: Iterable[int], limit: int, budget: int) -> list[str]:
    """The articles sharing the most of the given sampled 3-grams, reading the rarest first and at most
    ``budget`` postings (a 3-gram in every other article says nothing and costs the most)."""
    wanted = list(hashes)
    if not wanted:
        return []
    marks = ",".join("?" * len(wanted))
    df = conn.execute(f"SELECT shingle, df FROM shingle_df WHERE shingle IN ({marks})", wanted).fetchall()
    chosen: list[int] = []
    postings = 0
    for shingle, count in sorted(df, key=lambda row: row[1]):
        if postings + count > budget:
            break
        chosen.append(shingle)
        postings += count
    if not chosen:
        return []
    marks = ",".join("?" * len(chosen))
    rows = conn.execute(f"SELECT article_id FROM text_shingles WHERE shingle IN ({marks})", chosen)
    counts = Counter(row[0] for row in rows)
    return [article_id for article_id, _ in counts.most_common(limit)]
