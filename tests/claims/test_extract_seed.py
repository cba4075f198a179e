"""Claim extraction on the seed article: every kind of claim, value and date, and no boilerplate."""

from __future__ import annotations

from datetime import date

from bot.claims.models import Article, Claim, ClaimKind, SourceKind

from .conftest import find

Loaded = tuple[Article, list[Claim]]


def _values(claim: Claim) -> list[tuple[float, str]]:
    return [(q.value, q.unit) for q in claim.quantities]


def test_captions_headlines_and_notes_are_not_claims(seed: Loaded) -> None:
    article, claims = seed
    texts = " ".join(c.text for c in claims)
    assert "张图片" not in texts
    assert "本文数据截至" not in texts
    assert not any(c.text.startswith("《北京") for c in claims)
    assert article.notes and "本文数据截至2023年3月" in article.notes[0]
    assert article.data_cutoff == date(2023, 3, 31)


def test_offsets_point_at_the_original_text(seed: Loaded) -> None:
    article, claims = seed
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text


def test_ids_are_stable_and_unique(seed: Loaded) -> None:
    article, claims = seed
    assert len({c.claim_id for c in claims}) == len(claims)
    from bot.claims.extract import extract_claims

    assert [c.claim_id for c in extract_claims(article)] == [c.claim_id for c in claims]


def test_station_refunds_keep_their_comparison_clause(seed: Loaded) -> None:
    claim = find(seed[1], "日均退票量达1.2万张")
    assert "较政策实施前增长320%" in claim.text
    assert _values(claim) == [(12000, "张"), (320, "%")]
    assert [(d.first, d.last) for d in claim.dates] == [(date(2022, 12, 18), date(2022, 12, 18))]
    assert claim.dates[0].year_inferred
    assert any(e.text == "北京西站" for e in claim.entities)


def test_every_number_has_its_value_and_unit(seed: Loaded) -> None:
    claims = seed[1]
    expected = {
        "累计报告本土确诊病例逾1.2万例": (12000, "例", "over"),
        "社会面传播占比超过80%": (80, "%", "over"),
        "11.2万个社区网格员": (112000, "个", None),
        "日均配送量达3800公斤": (3800, "kg", None),
        "23.8万人次": (238000, "人次", None),
        "下降62%": (62, "%", None),
        "约12亿元": (1.2e9, "元", "about"),
        "67%的受访者": (67, "%", None),
        "2.5万张应急床位": (25000, "张", None),
        "新建10处方舱医院": (10, "处", None),
    }
    for fragment, (value, unit, qualifier) in expected.items():
        claim = find(claims, fragment)
        assert any(
            q.value == value and q.unit == unit and q.qualifier == qualifier for q in claim.quantities
        ), (fragment, claim.quantities)


def test_ranges_and_percentage_points(seed: Loaded) -> None:
    claims = seed[1]
    speed = find(claims, "快3-4倍")
    assert any(q.value == 3 and q.upper == 4 and q.unit == "倍" for q in speed.quantities)
    lancet = find(claims, "每百万人口感染率")
    assert (2.3, "pp") in _values(lancet)
    assert (12000, "例") in _values(lancet) and (38000, "例") in _values(lancet)


def test_dates_are_resolved_with_the_article_year(seed: Loaded) -> None:
    claims = seed[1]
    window = find(claims, "12月15日至22日")
    assert (window.dates[0].first, window.dates[0].last) == (date(2022, 12, 15), date(2022, 12, 22))
    cases = find(claims, "2022年12月1日至12月20日")
    assert (cases.dates[0].first, cases.dates[0].last) == (date(2022, 12, 1), date(2022, 12, 20))
    proposal = find(claims, "北京市政协2023年1月提案")
    assert proposal.dates[0].granularity == "month" and proposal.dates[0].first == date(2023, 1, 1)
    start = find(claims, "12月16日启动新一轮疫情防控措施")
    assert start.dates[0].first == date(2022, 12, 16)


def test_legal_citations(seed: Loaded) -> None:
    claims = seed[1]
    law = find(claims, "《突发事件应对法》第49条")
    assert law.kind is ClaimKind.LEGAL_CITATION
    civil = find(claims, "《民法典》第1113条同时规定")
    assert (
        civil.kind is ClaimKind.LEGAL_CITATION and civil.claim_id != law.claim_id
    )  # "但《…》第N条" is its own claim
    assert "不得因公共利益限制人身自由" in civil.text
    assert law.source is not None and law.source.kind is SourceKind.LAW


def test_study_citations_and_their_sources(seed: Loaded) -> None:
    claims = seed[1]
    lancet = find(claims, "《柳叶刀》杂志的研究显示")
    assert lancet.kind is ClaimKind.STUDY_CITATION
    assert lancet.source is not None and (lancet.source.name, lancet.source.kind) == (
        "柳叶刀",
        SourceKind.PUBLICATION,
    )
    third_party = find(claims, "据第三方评估")
    assert third_party.source is not None and third_party.source.kind is SourceKind.UNNAMED
    assert "下降62%" in third_party.text


def test_quotes_with_unnamed_and_named_speakers(seed: Loaded) -> None:
    claims = seed[1]
    researcher = find(claims, "北京法学会研究员指出")
    assert researcher.kind is ClaimKind.QUOTE
    assert researcher.source is not None and researcher.source.kind is SourceKind.UNNAMED_PERSON
    volunteer = find(claims, "丰台区某社区志愿者反映")
    assert volunteer.kind is ClaimKind.QUOTE and volunteer.source is not None
    assert volunteer.source.kind is SourceKind.UNNAMED_PERSON
    assert (30, "个") in _values(volunteer)
    zaobao = find(claims, "《联合早报》认为")
    assert zaobao.source is not None and zaobao.source.kind is SourceKind.PUBLICATION
    commuter = find(claims, "我的通勤时间每天2小时")
    assert commuter.kind is ClaimKind.QUOTE
    assert commuter.source is not None and commuter.source.name == "李明"


def test_worthiness_ranks_specific_claims_above_opinions(seed: Loaded) -> None:
    claims = seed[1]
    specific = find(claims, "日均退票量达1.2万张")
    opinion = find(claims, "这些措施既展现了")
    assert opinion.kind is ClaimKind.OPINION
    assert specific.worthiness > 0.5 > opinion.worthiness
    assert "numbers:2" in specific.worthiness_reasons
    assert all(0.0 <= c.worthiness <= 1.0 for c in claims)
