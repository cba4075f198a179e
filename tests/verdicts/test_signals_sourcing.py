"""Sourcing signals: unnamed/anonymous sources, incomplete studies, unattributed quotes."""

from __future__ import annotations

from datetime import date

from vhelpers import CtxFactory, codes, make_claim

from bot.claims.models import ClaimKind, Entity, Source, SourceKind
from bot.verdicts.signals.sourcing import named_source, quote_unattributed, study_incomplete, unnamed_source


def test_unnamed_and_anonymous_sources(ctx_for: CtxFactory) -> None:
    third = make_claim("据第三方评估，病例下降62%", source=Source("第三方评估", SourceKind.UNNAMED))
    person = make_claim(
        "某社区志愿者反映：每天处理30多个需求", source=Source("某社区志愿者", SourceKind.UNNAMED_PERSON)
    )
    assert codes(unnamed_source(third, ctx_for(third))) == ["sourcing.unnamed_source"]
    assert unnamed_source(third, ctx_for(third))[0].effect == "unsourced"
    assert codes(unnamed_source(person, ctx_for(person))) == ["sourcing.anonymous_person"]


def test_unnamed_phrase_without_source_object(ctx_for: CtxFactory) -> None:
    c = make_claim("有关专家指出，措施效果明显")
    assert codes(unnamed_source(c, ctx_for(c))) == ["sourcing.unnamed_source"]


def test_named_source_is_not_unsourced(ctx_for: CtxFactory) -> None:
    c = make_claim("甲乙市统计局称，人口1000万", source=Source("甲乙市统计局", SourceKind.ORGANISATION))
    assert unnamed_source(c, ctx_for(c)) == []
    signals = named_source(c, ctx_for(c))
    assert [s.effect for s in signals] == ["info"]


def test_unreliable_publication(ctx_for: CtxFactory) -> None:
    c = make_claim("快讯农场报道，病例翻倍", source=Source("快讯农场", SourceKind.PUBLICATION))
    signals = named_source(c, ctx_for(c))
    assert codes(signals) == ["sourcing.unreliable_publication"] and signals[0].effect == "unsourced"


def test_study_without_title_authors_date(ctx_for: CtxFactory) -> None:
    c = make_claim(
        "《柳叶刀》杂志的研究显示，感染率更低",
        kind=ClaimKind.STUDY_CITATION,
        source=Source("《柳叶刀》", SourceKind.PUBLICATION),
    )
    signals = study_incomplete(c, ctx_for(c))
    assert codes(signals) == ["sourcing.study_incomplete"]
    assert "标题、作者、日期" in signals[0].message_zh


def test_complete_study_citation(ctx_for: CtxFactory) -> None:
    text = "张三等2030年5月在《柳叶刀》发表的《城市防疫成本研究》显示，成本下降"
    c = make_claim(
        text,
        kind=ClaimKind.STUDY_CITATION,
        entities=[Entity("张三", "person")],
        dates=[("2030年5月", date(2030, 5, 1), date(2030, 5, 31), "month")],
    )
    assert study_incomplete(c, ctx_for(c)) == []
    plain = make_claim("病例数下降了", kind=ClaimKind.STATISTIC)
    assert study_incomplete(plain, ctx_for(plain)) == []


def test_quote_without_attribution(ctx_for: CtxFactory) -> None:
    bare = make_claim("“我的通勤时间每天2小时”", kind=ClaimKind.QUOTE)
    said = make_claim(
        "李明说：“我的通勤时间每天2小时”", kind=ClaimKind.QUOTE, source=Source("李明", SourceKind.PERSON)
    )
    assert codes(quote_unattributed(bare, ctx_for(bare))) == ["sourcing.quote_unattributed"]
    assert quote_unattributed(said, ctx_for(said)) == []
