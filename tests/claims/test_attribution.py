"""Who a claim comes from, in the ways wire copy attributes: an office's release, a spokesperson by
name, an indirect report that runs on over several clauses, and a sentence that points back."""

from __future__ import annotations

from datetime import date

import pytest

from bot.claims.extract import extract_claims, prepare_article
from bot.claims.models import Article, Claim, ClaimKind, SourceKind
from bot.claims.sources import find_source
from bot.ingest import article_from_text

from .conftest import find

RELEASE = """国家统计局:前三季度GDP同比增长5.2%

国家统计局10月18日发布数据显示,初步核算,前三季度国内生产总值913027亿元,按不变价格计算,同比增长5.2%。其中,第三季度同比增长4.9%,比二季度加快0.6个百分点。

国家统计局新闻发言人付凌晖在发布会上表示:"国民经济持续恢复向好,高质量发展稳步推进。"

业内人士认为,四季度经济有望继续回升,全年实现5%左右的预期目标问题不大,面对外部环境的不确定性,出口企业正在加快转型,这无疑是难能可贵的尝试。
"""


@pytest.fixture(scope="module")
def release() -> list[Claim]:
    article: Article = article_from_text(RELEASE, {"date_context": "2023-10-18"}, "release")
    return extract_claims(prepare_article(article))


def test_an_office_that_releases_figures_is_their_source(release: list[Claim]) -> None:
    gdp = find(release, "913027亿元")
    assert gdp.text.startswith("国家统计局10月18日发布数据显示")  # the lead-in stays with its figures
    assert gdp.source is not None and gdp.source.kind is SourceKind.ORGANISATION
    assert gdp.source.name == "国家统计局"  # not "统计" as a speech verb, not the date


def test_a_spokesperson_named_after_the_role_is_a_person(release: list[Claim]) -> None:
    quote = find(release, "付凌晖")
    assert quote.kind is ClaimKind.QUOTE
    assert quote.source is not None and quote.source.kind is SourceKind.PERSON


def test_an_indirect_report_covers_the_rest_of_its_sentence(release: list[Claim]) -> None:
    target = find(release, "全年实现5%左右的预期目标问题不大")
    assert "业内人士" not in target.text
    assert target.source is not None and target.source.name == "业内人士"
    assert target.source.kind is SourceKind.UNNAMED_PERSON


def test_a_sentence_that_points_back_keeps_the_source(release: list[Claim]) -> None:
    quarter = find(release, "第三季度同比增长4.9%")
    assert quarter.source is not None and quarter.source.name == "国家统计局"


def test_a_new_turn_or_an_evaluation_is_not_the_reported_view(release: list[Claim]) -> None:
    """The same sentence runs on past the insiders' view: a frame (面对…) and the writer's praise."""
    turn = find(release, "面对外部环境的不确定性")
    praise = find(release, "难能可贵")
    assert "业内人士" not in turn.text and "业内人士" not in praise.text
    assert turn.source is None and praise.source is None


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("国家统计局10月18日发布数据显示", "国家统计局", SourceKind.ORGANISATION),
        ("据海关总署统计,前三季度", "海关总署", SourceKind.ORGANISATION),
        ("国家统计局新闻发言人付凌晖表示", "国家统计局新闻发言人付凌晖", SourceKind.PERSON),
        ("记者调查发现,比例不足三成", "记者调查", SourceKind.UNNAMED),  # 调查 is no name
        ('漳浦县一名养殖户说:"赔了不到两成"', "漳浦县一名养殖户", SourceKind.UNNAMED_PERSON),
        ("研究负责人、墨尔本大学教授彼得·基斯特勒表示", "墨尔本大学教授彼得·基斯特勒", SourceKind.PERSON),
    ],
)
def test_find_source(text: str, name: str, kind: SourceKind) -> None:
    source = find_source(text)
    assert source is not None and (source.name, source.kind) == (name, kind)


def test_release_dates_resolve_with_the_context(release: list[Claim]) -> None:
    gdp = find(release, "913027亿元")
    assert gdp.dates and gdp.dates[0].first == date(2023, 10, 18)


def test_a_report_after_a_connective_still_covers_its_sentence() -> None:
    text = "咖啡研究\n\n不过,有营养专家指出,咖啡因摄入每天不宜超过400毫克,孕妇应控制在200毫克以内。\n"
    claims = extract_claims(prepare_article(article_from_text(text, {}, "coffee")))
    pregnant = find(claims, "孕妇应控制在200毫克以内")
    assert "营养专家" not in pregnant.text
    assert pregnant.source is not None and pregnant.source.kind is SourceKind.UNNAMED_PERSON
