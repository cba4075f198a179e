"""The same machinery on two other articles: a sloppy simplified one and a traditional one."""

from __future__ import annotations

from datetime import date

from bot.claims.models import Article, Claim, ClaimKind, SourceKind

from .conftest import find

Loaded = tuple[Article, list[Claim]]


def test_typhoon_article_numbers_dates_and_boilerplate(typhoon: Loaded) -> None:
    article, claims = typhoon
    assert all("张图片" not in c.text for c in claims)
    assert article.data_cutoff == date(2023, 8, 10)
    evacuated = find(claims, "转移危险区域群众逾34.7万人")
    assert any(q.value == 347000 and q.qualifier == "over" for q in evacuated.quantities)
    loss = find(claims, "全省直接经济损失约46亿元")
    assert any(q.value == 4.6e9 and q.unit == "元" for q in loss.quantities)
    rain = find(claims, "常年同期的3至5倍")
    assert any(q.value == 3 and q.upper == 5 and q.unit == "倍" for q in rain.quantities)
    landfall = find(claims, "于7月28日9时55分在福建晋江沿海登陆")
    assert landfall.dates[0].first == date(2023, 7, 28)


def test_typhoon_article_sources(typhoon: Loaded) -> None:
    claims = typhoon[1]
    forecaster = find(claims, "首席预报员陈锦华")
    assert forecaster.kind is ClaimKind.QUOTE
    assert forecaster.source is not None and forecaster.source.kind is SourceKind.PERSON
    official = find(claims, "某基层应急管理官员坦言")
    assert official.source is not None and official.source.kind is SourceKind.UNNAMED_PERSON
    flood_law = find(claims, "《防洪法》第45条")
    assert flood_law.kind is ClaimKind.LEGAL_CITATION
    study = find(claims, "《自然·气候变化》杂志2022年刊发的一项研究显示")
    assert study.source is not None and study.source.kind is SourceKind.PUBLICATION


def test_traditional_article_is_read_in_simplified_form(hk: Loaded) -> None:
    article, claims = hk
    assert article.language == "zh-Hant"
    assert all("張圖片" not in c.text for c in claims)
    deaths = find(claims, "1,580人因長期暴露")
    assert [q.value for q in deaths.quantities][:2] == [1580, 2700]
    assert any(d.first.year == 2022 for d in deaths.dates)
    survey = find(claims, "百分之六十二受訪者")
    assert any(q.value == 62 and q.unit == "%" for q in survey.quantities)
    money = find(claims, "預留約71億港元")
    assert any(q.value == 7.1e9 and q.unit == "港元" for q in money.quantities)
    assert "淘汰約4萬輛" in money.text  # the verb-first clause keeps its subject


def test_traditional_article_quotes_and_law(hk: Loaded) -> None:
    claims = hk[1]
    quote = find(claims, "數字上的改善是真實的")
    assert quote.kind is ClaimKind.QUOTE
    assert "黃家明在記者會上說" in quote.text  # the speaker after a closed quote belongs to it
    ordinance = find(claims, "《空氣污染管制條例》（第311章）第7A條")
    assert "須最少每5年檢討一次空氣質素指標" in ordinance.text
    assert ordinance.kind is ClaimKind.LEGAL_CITATION
    ships = find(claims, "排放量的三分之一")
    assert any(abs(q.value - 33.33) < 0.01 for q in ships.quantities)
