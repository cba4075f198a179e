"""Claim families: claims of different articles that make one assertion, and their history.

Membership is the current state (``family_members``); every join, ruling, application and split is also
an event row (``family_events``), so who changed what and when is never lost. Synchronous functions run
on the database thread (``Database.run`` / ``Database.write``) inside the caller's transaction.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.claims.models import Claim
from bot.store import claims as claim_store
from bot.store.codec import row_to_claim
from bot.store.verdicts import row_to_verdict
from bot.text.terms import fts_query
from bot.verdicts.models import Carried, Verdict

CHUNK = 500  # SQLite's default limit on bound parameters is 999 (older builds)


@dataclass(frozen=True, slots=True)
class Member:
    """One appearance of a family's assertion."""

    claim_id: str
    article_id: str
    article_title: str
    text: str
    family_id: int
    matched_claim_id: str | None  # the member whose same-claim decision let it in (None: the first)
    score: float | None
    joined_at: str


@dataclass(frozen=True, slots=True)
class FamilyEvent:
    event_id: int
    family_id: int
    claim_id: str
    event: str  # "joined" | "ruled" | "applied" | "split"
    verdict_id: int | None
    actor: str | None
    at: str


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def _chunks(ids: Sequence[str]) -> Iterable[tuple[Sequence[str], str]]:
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        yield chunk, ",".join("?" * len(chunk))


def families_of(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> dict[str, int]:
    """The family of each claim that belongs to one."""
    out: dict[str, int] = {}
    for chunk, marks in _chunks(list(dict.fromkeys(claim_ids))):
        sql = f"SELECT claim_id, family_id FROM family_members WHERE claim_id IN ({marks})"
        out.update({row[0]: int(row[1]) for row in conn.execute(sql, chunk)})
    return out


def index_terms(
    conn: sqlite3.Connection, claim_ids: Sequence[str]
) -> tuple[dict[str, list[str]], dict[str, int], int]:
    """(each active claim's index terms, the document frequency of every one of those terms, claims ever
    stored): what the ingest filter of bot/desk/families.py reads, in one trip."""
    terms: dict[str, list[str]] = {}
    for chunk, marks in _chunks(list(claim_ids)):
        sql = f"SELECT claim_id, search_keys FROM claims WHERE active = 1 AND claim_id IN ({marks})"
        terms.update({row[0]: row[1].split() for row in conn.execute(sql, chunk)})
    df: dict[str, int] = {}
    for chunk, marks in _chunks(list({t for ts in terms.values() for t in ts})):
        df.update(dict(conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk)))
    total = conn.execute("SELECT max(rowid) FROM claims").fetchone()[0] or 1
    return terms, df, int(total)


def placement(conn: sqlite3.Connection, claim_ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """Each claim's article and paragraph (0: the title), in the order given."""
    out: dict[str, tuple[str, int]] = {}
    for chunk, marks in _chunks(list(claim_ids)):
        sql = f"SELECT claim_id, article_id, paragraph FROM claims WHERE claim_id IN ({marks})"
        out.update({row[0]: (row[1], int(row[2])) for row in conn.execute(sql, chunk)})
    return {c: out[c] for c in claim_ids if c in out}


_TWINS = """SELECT claim_id FROM claims WHERE search_text = ? AND active = 1 AND article_id != ?
    ORDER BY rowid LIMIT ?"""


def verbatim_twins(conn: sqlite3.Connection, claim_ids: Sequence[str], most: int = 2) -> dict[str, list[str]]:
    """For each claim: up to ``most`` active claims of OTHER articles with exactly its folded text
    (figures and dates are not part of it: the caller compares those). One indexed probe per claim."""
    out: dict[str, list[str]] = {}
    for chunk, marks in _chunks(list(claim_ids)):
        sql = (
            f"SELECT claim_id, article_id, search_text FROM claims WHERE claim_id IN ({marks}) AND active = 1"
        )
        for claim_id, article_id, text in conn.execute(sql, chunk).fetchall():
            if text and (found := [row[0] for row in conn.execute(_TWINS, (text, article_id, most))]):
                out[claim_id] = found
    return out


_RULED = """SELECT c.claim_id FROM claims c WHERE c.active = 1 AND (
        c.claim_id IN (SELECT claim_id FROM verdicts WHERE source = 'reviewer')
        OR c.claim_id IN (SELECT m.claim_id FROM family_members m WHERE m.family_id IN (
            SELECT f.family_id FROM family_members f JOIN verdicts v ON v.claim_id = f.claim_id
            WHERE v.source = 'reviewer')))"""


def ruled_claims(conn: sqlite3.Connection) -> list[str]:
    """Every claim with a reviewer ruling, or in a family that has one: what a new claim must resemble
    for its lookup to be worth making at ingest (rulings are few)."""
    return [row[0] for row in conn.execute(_RULED)]


def similar_claims(conn: sqlite3.Connection, claim_id: str, rare: int = 6, limit: int = 12) -> list[Claim]:
    """Claims of other articles that share the rarest words of ``claim_id`` (the idf-weighted first stage
    the lookup also uses, bot/store/claims.py): candidates to ask the matcher about when a ruling is made."""
    row = conn.execute(
        "SELECT search_keys, article_id FROM claims WHERE claim_id = ?", (claim_id,)
    ).fetchone()
    if row is None:
        return []
    terms, df, total = index_terms(conn, [claim_id])
    shared = sorted((t for t in terms.get(claim_id, []) if df.get(t, 0) >= 2), key=lambda t: df[t])[:rare]
    weighted = [(fts_query([t]), math.log(1 + total / (df[t] + 0.5))) for t in shared]
    found = claim_store.weighted_candidates(conn, weighted, limit)
    return [c.claim for c in found if c.row["article_id"] != row[1]]


def kin(conn: sqlite3.Connection, claim_id: str) -> list[Claim]:
    """A claim and the other members of its family (just the claim if it is in none)."""
    rows = conn.execute(
        """SELECT c.* FROM claims c WHERE c.claim_id = ? OR c.claim_id IN (SELECT m.claim_id
           FROM family_members m JOIN family_members f USING (family_id) WHERE f.claim_id = ?)""",
        (claim_id, claim_id),
    )
    return [row_to_claim(row) for row in rows]


def split_claims(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> set[str]:
    """Claims a reviewer split out of a family: never joined to one again automatically."""
    out: set[str] = set()
    for chunk, marks in _chunks(list(dict.fromkeys(claim_ids))):
        sql = f"SELECT claim_id FROM family_events WHERE event = 'split' AND claim_id IN ({marks})"
        out.update(row[0] for row in conn.execute(sql, chunk))
    return out


def add_event(
    conn: sqlite3.Connection,
    family_id: int,
    claim_id: str,
    event: str,
    at: datetime,
    actor: str | None = None,
    verdict_id: int | None = None,
) -> None:
    conn.execute(
        """INSERT INTO family_events (family_id, claim_id, event, verdict_id, actor, at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (family_id, claim_id, event, verdict_id, actor, _stamp(at)),
    )


def join(
    conn: sqlite3.Connection,
    claim_id: str,
    matched_claim_id: str,
    score: float,
    at: datetime,
    known: dict[str, int] | None = None,
) -> int:
    """Put ``claim_id`` in the family of ``matched_claim_id`` (founding one with it if it has none).
    Returns the family id. A claim already in a family stays where it is; if the other claim is in none,
    it joins that family instead (a title joined another article's family before its body sentence).
    ``known``: the two claims' families, when the caller keeps track of them (else they are read)."""
    if known is None:
        known = families_of(conn, [claim_id, matched_claim_id])
    if claim_id in known:
        if matched_claim_id not in known:
            _member(conn, known[claim_id], matched_claim_id, claim_id, score, at)
        return known[claim_id]
    family_id = known.get(matched_claim_id)
    if family_id is None:
        family_id = int(
            conn.execute("INSERT INTO claim_families (created_at) VALUES (?)", (_stamp(at),)).lastrowid or 0
        )
        _member(conn, family_id, matched_claim_id, None, None, at)
    _member(conn, family_id, claim_id, matched_claim_id, score, at)
    return family_id


def _member(
    conn: sqlite3.Connection,
    family_id: int,
    claim_id: str,
    matched: str | None,
    score: float | None,
    at: datetime,
) -> None:
    conn.execute(
        """INSERT INTO family_members (claim_id, family_id, matched_claim_id, score, joined_at)
           VALUES (?, ?, ?, ?, ?)""",
        (claim_id, family_id, matched, score, _stamp(at)),
    )
    add_event(conn, family_id, claim_id, "joined", at)


def split(conn: sqlite3.Connection, claim_id: str, actor: str, at: datetime) -> int | None:
    """Take a claim out of its family (recorded with who and when); returns the family it left."""
    family_id = families_of(conn, [claim_id]).get(claim_id)
    if family_id is None:
        return None
    conn.execute("DELETE FROM family_members WHERE claim_id = ?", (claim_id,))
    add_event(conn, family_id, claim_id, "split", at, actor)
    return family_id


_APPLY = """INSERT INTO verdicts (claim_id, label, confidence, rationale_zh, rationale_en, signals, source,
        author, engine_version, evidence_fingerprint, evidence_url, created_at)
    SELECT ?, label, confidence, rationale_zh, rationale_en, signals, 'reviewer', ?, engine_version,
        evidence_fingerprint, evidence_url, ? FROM verdicts WHERE verdict_id = ?"""


def apply_ruling(
    conn: sqlite3.Connection, family_id: int, verdict_id: int, actor: str, at: datetime
) -> list[tuple[str, int]]:
    """A reviewer applies a member's ruling to the family's other members as their own: one verdict row
    and one 'applied' event each (who, when, which ruling). Returns (member, its new verdict) for each;
    none if the ruling is not a reviewer's on a member of this family (nothing changes)."""
    row = conn.execute(
        """SELECT v.claim_id FROM verdicts v JOIN family_members m ON m.claim_id = v.claim_id
           WHERE v.verdict_id = ? AND v.source = 'reviewer' AND m.family_id = ?""",
        (verdict_id, family_id),
    ).fetchone()
    if row is None:
        return []
    others = [
        m
        for (m,) in conn.execute(
            "SELECT claim_id FROM family_members WHERE family_id = ? AND claim_id != ?", (family_id, row[0])
        )
    ]
    applied: list[tuple[str, int]] = []
    for claim_id in others:
        new_id = int(conn.execute(_APPLY, (claim_id, actor, _stamp(at), verdict_id)).lastrowid or 0)
        add_event(conn, family_id, claim_id, "applied", at, actor, new_id)
        applied.append((claim_id, new_id))
    return applied


def announced_checks(conn: sqlite3.Connection, claim_id: str) -> list[tuple[int, str]]:
    """(check, channel) of each check of ``claim_id`` whose card was posted in Slack: its thread hears
    when the claim's verdict changes."""
    rows = conn.execute(
        """SELECT check_id, channel_id FROM checks WHERE claim_id = ? AND message_ts IS NOT NULL
           AND channel_id IS NOT NULL ORDER BY check_id""",
        (claim_id,),
    )
    return [(int(row[0]), str(row[1])) for row in rows]


def article_title(conn: sqlite3.Connection, claim_id: str) -> str:
    row = conn.execute(
        "SELECT a.title FROM claims c JOIN articles a USING (article_id) WHERE c.claim_id = ?", (claim_id,)
    ).fetchone()
    return str(row[0]) if row else ""


_MEMBERS = """SELECT m.claim_id, c.article_id, a.title, c.text, m.family_id, m.matched_claim_id, m.score,
        m.joined_at
    FROM family_members m JOIN claims c USING (claim_id) JOIN articles a USING (article_id)
    WHERE m.family_id = ? ORDER BY m.joined_at, c.article_id, c.start"""


def members(conn: sqlite3.Connection, family_id: int) -> list[Member]:
    """A family's appearances, in the order they joined."""
    return [Member(*row) for row in conn.execute(_MEMBERS, (family_id,))]


def events(conn: sqlite3.Connection, family_id: int) -> list[FamilyEvent]:
    rows = conn.execute(
        """SELECT event_id, family_id, claim_id, event, verdict_id, actor, at FROM family_events
           WHERE family_id = ? ORDER BY event_id""",
        (family_id,),
    )
    return [FamilyEvent(*row) for row in rows]


def all_families(conn: sqlite3.Connection) -> dict[int, list[str]]:
    """Every family's member claim ids (for the export)."""
    out: dict[int, list[str]] = {}
    for claim_id, family_id in conn.execute(
        "SELECT claim_id, family_id FROM family_members ORDER BY family_id, joined_at, claim_id"
    ):
        out.setdefault(int(family_id), []).append(claim_id)
    return out


_RULINGS = """SELECT m.family_id, v.*, c.article_id AS from_article FROM verdicts v
    JOIN family_members m ON m.claim_id = v.claim_id JOIN claims c ON c.claim_id = v.claim_id
    WHERE v.verdict_id IN (
        SELECT MAX(w.verdict_id) FROM verdicts w JOIN family_members f ON f.claim_id = w.claim_id
        WHERE w.source = 'reviewer' AND f.family_id IN ({marks}) GROUP BY f.family_id)"""

_THREAD = """SELECT c.check_id, c.channel_id, COALESCE(c.thread_ts, c.message_ts) FROM outbox o
    JOIN checks c ON c.check_id = o.check_id
    WHERE o.verdict_id = ? AND c.channel_id IS NOT NULL ORDER BY o.item_id LIMIT 1"""


def family_rulings(conn: sqlite3.Connection, family_ids: Iterable[int]) -> dict[int, Verdict]:
    """Each family's ruling: the latest reviewer verdict on any of its members, with where it was made
    (``Verdict.carried`` names the claim, its article and the Slack thread it was ruled in)."""
    out: dict[int, Verdict] = {}
    ids = [str(i) for i in dict.fromkeys(family_ids)]
    for chunk, marks in _chunks(ids):
        for row in conn.execute(_RULINGS.format(marks=marks), [int(i) for i in chunk]):
            thread = conn.execute(_THREAD, (row["verdict_id"],)).fetchone()
            carried = Carried(
                int(row["family_id"]),
                row["claim_id"],
                row["from_article"],
                check_id=thread[0] if thread else None,
                channel_id=thread[1] if thread else None,
                thread_ts=thread[2] if thread else None,
            )
            out[int(row["family_id"])] = replace(row_to_verdict(row), carried=carried)
    return out


def carried_verdicts(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> dict[str, Verdict]:
    """For each claim in a family holding a reviewer ruling made on ANOTHER member: that ruling, as
    this claim's verdict, marked ``carried``. The desk decides whether it outranks the claim's own."""
    family_of = families_of(conn, claim_ids)
    rulings = family_rulings(conn, family_of.values())
    out: dict[str, Verdict] = {}
    for claim_id, family_id in family_of.items():
        ruling = rulings.get(family_id)
        if ruling is not None and ruling.claim_id != claim_id:
            out[claim_id] = replace(ruling, claim_id=claim_id)
    return out


def joined_between(conn: sqlite3.Connection, start: str, end: str) -> list[tuple[str, str, str]]:
    """(claim id, claim text, article title) of the claims that joined a family in [start, end)."""
    rows = conn.execute(
        """SELECT m.claim_id, c.text, a.title FROM family_members m JOIN claims c USING (claim_id)
           JOIN articles a USING (article_id) WHERE m.joined_at >= ? AND m.joined_at < ?
           ORDER BY m.joined_at, m.claim_id""",
        (start, end),
    )
    return [(row[0], row[1], row[2]) for row in rows]


def appearance_counts(conn: sqlite3.Connection, claim_ids: Iterable[str]) -> dict[str, list[str]]:
    """For each claim in a family: the OTHER articles its assertion appears in (ids, in join order)."""
    family_of = families_of(conn, claim_ids)
    out: dict[str, list[str]] = {}
    for claim_id, family_id in family_of.items():
        rows = conn.execute(
            """SELECT DISTINCT c.article_id FROM family_members m JOIN claims c USING (claim_id)
               WHERE m.family_id = ? AND c.article_id != (SELECT article_id FROM claims WHERE claim_id = ?)
               ORDER BY m.joined_at""",
            (family_id, claim_id),
        )
        out[claim_id] = [row[0] for row in rows]
    return out
