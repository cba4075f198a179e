"""Reference statistics against fact values, and unverifiable specifics."""

from __future__ import annotations

from datetime import date

from vhelpers import CtxFactory, codes, make_claim

from bot.verdicts.signals.reference import reference_statistics, unverifiable_specifics

Y2030 = [("2030年末", date(2030, 12, 31), date(2030, 12, 31))]


def test_equal_value_supports(ctx_for: CtxFactory) -> None:
    c = make_claim("2030年末甲乙市常住人口1000万人", quantities=[("1000万人", 10_000_000, "人")], dates=Y2030)
    signals = reference_statistics(c, ctx_for(c))
    assert codes(signals) == ["reference.matches"] and signals[0].effect == "supports"
    assert signals[0].evidence[0].fact_id == "jia-pop"


def test_close_and_far_values(ctx_for: CtxFactory) -> None:
    close = make_claim(
        "2030年末甲乙市常住人口约950万人", quantities=[("950万人", 9_500_000, "人")], dates=Y2030
    )
    far = make_claim(
        "2030年末甲乙市常住人口2000万人", quantities=[("2000万人", 20_000_000, "人")], dates=Y2030
    )
    assert codes(reference_statistics(close, ctx_for(close))) == ["reference.close"]
    signals = reference_statistics(far, ctx_for(far))
    assert codes(signals) == ["reference.differs"] and signals[0].effect == "contradicts"


def test_no_match_without_topic_place_or_unit(ctx_for: CtxFactory) -> None:
    other_topic = make_claim("2030年末甲乙市网格员2000万人", quantities=[("2000万人", 20_000_000, "人")])
    other_place = make_claim("丙丁市常住人口2000万人", quantities=[("2000万人", 20_000_000, "人")])
    other_unit = make_claim("甲乙市常住人口增长3%", quantities=[("3%", 3, "%")])
    other_year = make_claim(
        "2010年甲乙市常住人口500万人",
        quantities=[("500万人", 5_000_000, "人")],
        dates=[("2010年", date(2010, 1, 1), date(2010, 12, 31), "year")],
    )
    from vhelpers import make_article

    article = make_article("城市观察")
    for c in (other_topic, other_place, other_unit, other_year):
        assert reference_statistics(c, ctx_for(c, article=article)) == []


def test_unverifiable_specifics(ctx_for: CtxFactory) -> None:
    c = make_claim("西站退票量达1.2万张", quantities=[("1.2万张", 12_000, "张")])
    signals = unverifiable_specifics(c, ctx_for(c))
    assert codes(signals) == ["reference.no_reference"] and signals[0].effect == "unverifiable"
    checked = make_claim(
        "2030年末甲乙市常住人口1000万人", quantities=[("1000万人", 10_000_000, "人")], dates=Y2030
    )
    vague = make_claim("社区防控存在漏洞")
    assert unverifiable_specifics(checked, ctx_for(checked)) == []
    assert unverifiable_specifics(vague, ctx_for(vague)) == []
