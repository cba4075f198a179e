"""The App Home review queue: claims checked but not yet ruled on by a reviewer, proposed new claims,
recent reviewer verdicts and the totals of its header. Read-only queries.
"""

from __future__ import annotations

from bot.store.checks import CheckRecord, row_to_check
from bot.store.db import Database
from bot.store.verdicts import row_to_verdict
from bot.verdicts.models import Verdict

# A claim whose family holds a reviewer's ruling (carried: bot/desk/families.py) does not wait either.
_UNREVIEWED = """c.claim_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM verdicts v WHERE v.claim_id = c.claim_id AND v.source = 'reviewer')
    AND NOT EXISTS (SELECT 1 FROM family_members m JOIN family_members o ON o.family_id = m.family_id
        JOIN verdicts w ON w.claim_id = o.claim_id AND w.source = 'reviewer' WHERE m.claim_id = c.claim_id)"""


async def unreviewed_claims(db: Database, limit: int, disputed: bool) -> list[tuple[str, int, str]]:
    """(claim_id, checks, first asked) of checked claims no reviewer has ruled on, oldest first.

    ``disputed``: only those whose threads hold live review notes.
    """
    notes = "EXISTS" if disputed else "NOT EXISTS"
    rows = await db.conn.execute_fetchall(
        f"""SELECT c.claim_id, count(*) AS n, MIN(c.created_at) AS first FROM checks c
            WHERE {_UNREVIEWED} AND {notes} (
                SELECT 1 FROM review_notes r JOIN checks k ON k.check_id = r.check_id
                WHERE k.claim_id = c.claim_id AND r.deleted_at IS NULL)
            GROUP BY c.claim_id ORDER BY first, c.claim_id LIMIT ?""",
        (limit,),
    )
    return [(row[0], int(row[1]), row[2]) for row in rows]


async def proposed_checks(db: Database, limit: int) -> list[CheckRecord]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM checks WHERE proposed_by IS NOT NULL ORDER BY proposed_at, check_id LIMIT ?", (limit,)
    )
    return [row_to_check(row) for row in rows]


async def queue_counts(db: Database) -> dict[str, int]:
    """Totals for the App Home header."""
    rows = list(
        await db.conn.execute_fetchall(
            f"""SELECT count(*),
                   count(DISTINCT c.claim_id),
                   count(DISTINCT CASE WHEN {_UNREVIEWED} THEN c.claim_id END),
                   count(CASE WHEN c.status = 'no_match' THEN 1 END),
                   count(CASE WHEN c.proposed_by IS NOT NULL THEN 1 END)
                FROM checks c"""
        )
    )
    total, claims, unreviewed, no_match, proposed = rows[0]
    reviewer = list(await db.conn.execute_fetchall("SELECT count(*) FROM verdicts WHERE source = 'reviewer'"))
    return {
        "checks": int(total),
        "claims": int(claims),
        "unreviewed": int(unreviewed),
        "no_match": int(no_match),
        "proposed": int(proposed),
        "reviewer_verdicts": int(reviewer[0][0]),
    }


async def recent_reviewer_verdicts(db: Database, limit: int) -> list[Verdict]:
    rows = await db.conn.execute_fetchall(
        "SELECT * FROM verdicts WHERE source = 'reviewer' ORDER BY verdict_id DESC LIMIT ?", (limit,)
    )
    return [row_to_verdict(row) for row in rows]


async def verdict_by_id(db: Database, verdict_id: int) -> Verdict | None:
    rows = list(await db.conn.execute_fetchall("SELECT * FROM verdicts WHERE verdict_id = ?", (verdict_id,)))
    return row_to_verdict(rows[0]) if rows else None
