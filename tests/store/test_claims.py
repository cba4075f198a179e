"""The term index's stage-1 queries: the weighted candidates of one term are that term's first claims,
as the summing query would rank them."""

from __future__ import annotations

import sqlite3

from bot.desk.service import Desk
from bot.store import claims as store
from bot.text.terms import fts_query

NOWHERE = fts_query(["zzqqxx"])  # a term no claim has: an arm that adds no weight anywhere


def _terms_in_several_claims(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0] for row in conn.execute("SELECT term FROM term_df WHERE df BETWEEN 3 AND 40 ORDER BY term")
    ]


async def test_one_term_ranks_its_claims_as_the_sum_over_several_terms_does(desk: Desk) -> None:
    terms = await desk.db.run(_terms_in_several_claims)
    assert len(terms) >= 20
    for term in terms:
        for limit in (1, 5, 12):
            one = await desk.db.run(store.weighted_candidates, [(fts_query([term]), 2.5)], limit)
            summed = await desk.db.run(
                store.weighted_candidates, [(fts_query([term]), 2.5), (NOWHERE, 1.0)], limit
            )
            assert [c.claim_id for c in one] == [c.claim_id for c in summed]
            assert 0 < len(one) <= limit and all(term in c.terms for c in one)


async def test_one_term_leaves_out_retired_claims(desk: Desk) -> None:
    term = (await desk.db.run(_terms_in_several_claims))[0]
    found = await desk.db.run(store.weighted_candidates, [(fts_query([term]), 1.0)], 12)
    retired = found[0].claim_id

    def retire(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE claims SET active = 0 WHERE claim_id = ?", (retired,))

    await desk.db.write(retire)
    again = await desk.db.run(store.weighted_candidates, [(fts_query([term]), 1.0)], 12)
    assert retired not in [c.claim_id for c in again]
    assert [c.claim_id for c in again] == [c.claim_id for c in found if c.claim_id != retired]
