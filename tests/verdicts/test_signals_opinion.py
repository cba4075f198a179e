"""Opinion: evaluative wording with nothing checkable."""

from __future__ import annotations

from datetime import date

from vhelpers import CtxFactory, codes, make_claim

from bot.claims.models import ClaimKind, Source, SourceKind
from bot.verdicts.signals.opinion import evaluative_markers, opinion


def test_evaluative_claim_is_opinion(ctx_for: CtxFactory) -> None:
    c = make_claim("这些措施既展现了响应能力，也体现了民生至上的价值导向", kind=ClaimKind.OPINION)
    signals = opinion(c, ctx_for(c))
    assert codes(signals) == ["opinion.evaluative"] and signals[0].effect == "opinion"
    assert "既…也…" in evaluative_markers(c.text)


def test_checkable_or_plain_claims_are_not_opinion(ctx_for: CtxFactory) -> None:
    with_number = make_claim("措施体现了效率，病例下降62%", quantities=[("62%", 62, "%")])
    with_date = make_claim("5月1日的会议标志着新阶段", dates=[("5月1日", date(2030, 5, 1), date(2030, 5, 1))])
    with_source = make_claim("市长认为这体现了智慧", source=Source("王五", SourceKind.PERSON))
    plain = make_claim("社区防控存在漏洞", kind=ClaimKind.EVENT)
    for c in (with_number, with_date, with_source, plain):
        assert opinion(c, ctx_for(c)) == []
