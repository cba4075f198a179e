"""Query preparation remembers the words of dictionary alternatives: a query prepares the same whether
they were remembered or not."""

from __future__ import annotations

from bot.desk.service import Desk
from bot.lookup import query

QUERIES = [
    "Beijing West station refunds 12,000 tickets a day",  # English phrases the glossary translates
    "世卫组织称北京两周内日增病例下降了六成",  # an abbreviation with its full name
    "北京西站的退票数量一天就有一万两千张",  # Chinese words with dictionary synonyms
]


async def test_a_query_prepares_the_same_with_or_without_remembered_alternatives(desk: Desk) -> None:
    fresh = []
    for text in QUERIES:
        query._alternatives.cache_clear()
        query._word_terms.cache_clear()
        fresh.append(query.prepare(text, desk.glossary))
    assert any(p.groups for p in fresh) and any(p.group_heads and any(p.group_heads) for p in fresh)
    remembered = [query.prepare(text, desk.glossary) for text in QUERIES]
    assert remembered == fresh
    assert query._alternatives.cache_info().hits > 0
