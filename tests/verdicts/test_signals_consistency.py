"""Internal consistency signals: each positive and negative on small synthetic articles."""

from __future__ import annotations

from datetime import date

from vhelpers import CtxFactory, codes, make_claim

from bot.claims.models import Entity
from bot.verdicts.signals.arithmetic import (
    daily_average_single_day,
    impossible_arithmetic,
    per_capita_total,
    stat_reused,
    window_before_event,
)
from bot.verdicts.signals.consistency import metric_mismatch

D1 = date(2030, 5, 1)


def test_same_metric_different_value(ctx_for: CtxFactory) -> None:
    a = make_claim("全市共有社区网格员11.2万人", claim_id="a", quantities=[("11.2万人", 112_000, "人")])
    b = make_claim("全市社区网格员共8万人", claim_id="b", quantities=[("8万人", 80_000, "人")])
    signals = metric_mismatch(a, ctx_for(a, b))
    assert codes(signals) == ["internal.metric_mismatch"]
    assert signals[0].effect == "contradicts"
    assert signals[0].evidence[0].fact_id == "b" and signals[0].evidence[0].source_name.startswith("本文")
    assert "11.2万人" in signals[0].message_zh and "8万人" in signals[0].message_en


def test_a_count_named_after_its_number_is_its_metric(ctx_for: CtxFactory) -> None:
    """事故造成12人死亡 and 事故造成15人死亡 contradict; the injured are another count."""
    a = make_claim(
        "事故共造成12人死亡、5人受伤", claim_id="a", quantities=[("12人", 12, "人"), ("5人", 5, "人")]
    )
    b = make_claim("另据当地媒体报道,事故造成15人死亡", claim_id="b", quantities=[("15人", 15, "人")])
    c = make_claim("事故造成5人受伤", claim_id="c", quantities=[("5人", 5, "人")])
    signals = metric_mismatch(a, ctx_for(a, b, c))
    assert codes(signals) == ["internal.metric_mismatch"]
    assert "死亡" in signals[0].message_zh and "15人" in signals[0].message_zh
    assert metric_mismatch(c, ctx_for(a, c)) == []  # 5 injured both times


def test_same_metric_same_value_or_other_metric_is_fine(ctx_for: CtxFactory) -> None:
    a = make_claim("政策执行效率提升40%", claim_id="a", quantities=[("40%", 40, "%")])
    b = make_claim("使得政策执行效率提升40%", claim_id="b", quantities=[("40%", 40, "%")])
    c = make_claim("配送效率提升25%", claim_id="c", quantities=[("25%", 25, "%")])
    d = make_claim("日均退票量达1.2万张", claim_id="d", quantities=[("1.2万张", 12_000, "张")])
    assert metric_mismatch(a, ctx_for(a, b, d)) == []
    assert metric_mismatch(a, ctx_for(a, c)) == []  # 执行效率 is not 配送效率
    e = make_claim("日均配送量达3800公斤", claim_id="e", quantities=[("3800公斤", 3800, "kg")])
    assert metric_mismatch(e, ctx_for(d, e)) == []


def test_a_metric_whose_subject_is_the_clause_before_is_that_subject_s(ctx_for: CtxFactory) -> None:
    """A segment's 收入 is not the company's 营业收入: the subject sits in the clause before the number."""
    total = make_claim(
        "公司上半年实现营业收入96.4亿元", claim_id="t", quantities=[("96.4亿元", 9.64e9, "元")]
    )
    segment = make_claim(
        "新能源汽车电子业务则逆势增长，收入达到21.8亿元",
        claim_id="s",
        quantities=[("21.8亿元", 2.18e9, "元")],
    )
    assert metric_mismatch(segment, ctx_for(total, segment)) == []
    assert metric_mismatch(total, ctx_for(total, segment)) == []
    again = make_claim(
        "报告称新能源汽车电子业务则逆势增长，收入为25亿元", claim_id="g", quantities=[("25亿元", 2.5e9, "元")]
    )  # the same subject: a contradiction
    assert codes(metric_mismatch(segment, ctx_for(segment, again))) == ["internal.metric_mismatch"]


def test_each_candidate_s_share_is_its_own_even_as_a_claim_of_its_own(ctx_for: CtxFactory) -> None:
    """ "…盧秀燕獲得59萬7,740票，得票率59.35%" and "…蔡其昌獲得38萬6,371票，得票率38.36%": the claim
    "得票率59.35%" takes its subject from its sentence, past a comma that groups thousands."""
    first = make_claim(
        "得票率59.35%，順利連任",
        claim_id="a",
        quantities=[("59.35%", 59.35, "%")],
        context="國民黨籍現任市長盧秀燕獲得59萬7,740票，得票率59.35%，順利連任",
    )
    second = make_claim(
        "得票率38.36%",
        claim_id="b",
        quantities=[("38.36%", 38.36, "%")],
        context="民進黨籍候選人蔡其昌獲得38萬6,371票，得票率38.36%",
    )
    assert metric_mismatch(first, ctx_for(first, second)) == []


def test_a_running_count_as_of_another_hour_is_no_contradiction(ctx_for: CtxFactory) -> None:
    """Tolls rise as the search goes on: "截至12日18时…12人遇难" and "截至11日23时…3人遇难" agree, even
    when the day cannot be dated (no year, no month); the same hour with another toll does not."""
    later = make_claim("截至12日18时，地震已造成12人遇难", claim_id="l", quantities=[("12人", 12, "人")])
    early = make_claim("截至11日23时，地震已造成3人遇难", claim_id="e", quantities=[("3人", 3, "人")])
    same = make_claim("截至12日18时，地震已造成15人遇难", claim_id="s", quantities=[("15人", 15, "人")])
    assert metric_mismatch(later, ctx_for(later, early)) == []
    assert codes(metric_mismatch(later, ctx_for(later, same))) == ["internal.metric_mismatch"]


def test_same_metric_on_different_dates_is_not_a_contradiction(ctx_for: CtxFactory) -> None:
    a = make_claim(
        "5月1日新增病例300例", claim_id="a", quantities=[("300例", 300, "例")], dates=[("5月1日", D1, D1)]
    )
    b = make_claim(
        "5月2日新增病例500例",
        claim_id="b",
        quantities=[("500例", 500, "例")],
        dates=[("5月2日", date(2030, 5, 2), date(2030, 5, 2))],
    )
    assert metric_mismatch(a, ctx_for(a, b)) == []


def test_per_capita_contradicts_total_with_population(ctx_for: CtxFactory) -> None:
    rate = make_claim("甲乙市每百万人口感染率(1.2万例)", claim_id="r", quantities=[("1.2万例", 12_000, "例")])
    total = make_claim("甲乙市累计报告确诊病例1.2万例", claim_id="t", quantities=[("1.2万例", 12_000, "例")])
    signals = per_capita_total(rate, ctx_for(rate, total))
    assert codes(signals) == ["internal.per_capita_total"]
    ids = [e.fact_id for e in signals[0].evidence]
    assert ids == ["t", "jia-pop"]
    assert "12万例" in signals[0].message_zh  # 12,000 per million x 10 million people
    assert per_capita_total(total, ctx_for(rate, total)) == []  # the total itself is not a per-capita figure


def test_per_capita_consistent_with_total_or_no_population(ctx_for: CtxFactory) -> None:
    rate = make_claim("甲乙市每百万人口感染率(1.2万例)", claim_id="r", quantities=[("1.2万例", 12_000, "例")])
    total = make_claim("甲乙市累计报告确诊病例11万例", claim_id="t", quantities=[("11万例", 110_000, "例")])
    assert per_capita_total(rate, ctx_for(rate, total)) == []
    place = [Entity("丙丁市", "place")]
    elsewhere = make_claim(
        "丙丁市每百万人口感染率(1.2万例)",
        claim_id="r",
        quantities=[("1.2万例", 12_000, "例")],
        entities=place,
    )
    other = make_claim(
        "丙丁市累计报告确诊病例1.2万例", claim_id="t", quantities=[("1.2万例", 12_000, "例")], entities=place
    )
    assert per_capita_total(elsewhere, ctx_for(elsewhere, other)) == []  # no population for 丙丁市


def test_statistic_reused_as_rate_and_total(ctx_for: CtxFactory) -> None:
    rate = make_claim("每百万人口感染率(1.2万例)", claim_id="r", quantities=[("1.2万例", 12_000, "例")])
    total = make_claim(
        "累计报告确诊病例逾1.2万例", claim_id="t", quantities=[("1.2万例", 12_000, "例", "over")]
    )
    signals = stat_reused(rate, ctx_for(rate, total))
    assert codes(signals) == ["internal.stat_reused"] and signals[0].evidence[0].fact_id == "t"
    assert stat_reused(total, ctx_for(rate, total)) == []
    other_value = make_claim("累计报告确诊病例9000例", claim_id="t", quantities=[("9000例", 9000, "例")])
    assert stat_reused(rate, ctx_for(rate, other_value)) == []


def test_daily_average_for_one_day(ctx_for: CtxFactory) -> None:
    c = make_claim(
        "5月1日，西站日均退票量达1.2万张", quantities=[("1.2万张", 12_000, "张")], dates=[("5月1日", D1, D1)]
    )
    signals = daily_average_single_day(c, ctx_for(c))
    assert codes(signals) == ["internal.daily_avg_single_day"] and signals[0].effect == "contradicts"


def test_daily_average_over_a_period_is_fine(ctx_for: CtxFactory) -> None:
    c = make_claim(
        "5月1日至7日，西站日均退票量达1.2万张",
        quantities=[("1.2万张", 12_000, "张")],
        dates=[("5月1日至7日", D1, date(2030, 5, 7))],
    )
    single_no_avg = make_claim(
        "5月1日，西站退票量达1.2万张", quantities=[("1.2万张", 12_000, "张")], dates=[("5月1日", D1, D1)]
    )
    assert daily_average_single_day(c, ctx_for(c)) == []
    assert daily_average_single_day(single_no_avg, ctx_for(single_no_avg)) == []


def test_window_starting_before_the_event(ctx_for: CtxFactory) -> None:
    event = make_claim(
        "市政府于5月16日启动新一轮防控措施",
        claim_id="e",
        dates=[("5月16日", date(2030, 5, 16), date(2030, 5, 16))],
        paragraph=1,
    )
    window = make_claim(
        "5月15日至22日，措施实施后系统预警23.8万人次",
        claim_id="w",
        paragraph=3,
        quantities=[("23.8万人次", 238_000, "人次")],
        dates=[("5月15日至22日", date(2030, 5, 15), date(2030, 5, 22))],
    )
    signals = window_before_event(window, ctx_for(event, window))
    assert codes(signals) == ["internal.window_before_event"] and signals[0].evidence[0].fact_id == "e"


def test_window_after_the_event_or_unlinked(ctx_for: CtxFactory) -> None:
    event = make_claim(
        "市政府于5月16日启动新一轮防控措施",
        claim_id="e",
        dates=[("5月16日", date(2030, 5, 16), date(2030, 5, 16))],
        paragraph=1,
    )
    later = make_claim(
        "5月17日至22日，系统预警23.8万人次",
        claim_id="w",
        paragraph=3,
        quantities=[("23.8万人次", 238_000, "人次")],
        dates=[("5月17日至22日", date(2030, 5, 17), date(2030, 5, 22))],
    )
    assert window_before_event(later, ctx_for(event, later)) == []
    second = make_claim(
        "商场于5月18日开始营业",
        claim_id="e2",
        dates=[("5月18日", date(2030, 5, 18), date(2030, 5, 18))],
        paragraph=2,
    )
    unlinked = make_claim(
        "5月15日至22日，客流1.1万人次",
        claim_id="w",
        paragraph=0,
        quantities=[("1.1万人次", 11_000, "人次")],
        dates=[("5月15日至22日", date(2030, 5, 15), date(2030, 5, 22))],
    )
    signals = window_before_event(unlinked, ctx_for(event, second, unlinked))
    assert [s.effect for s in signals] == ["info"]


def test_impossible_shares_and_declines(ctx_for: CtxFactory) -> None:
    share = make_claim("外来人口占比达120%", quantities=[("120%", 120, "%")])
    decline = make_claim("病例数下降150%", quantities=[("150%", 150, "%")])
    assert codes(impossible_arithmetic(share, ctx_for(share))) == ["internal.share_over_100"]
    assert codes(impossible_arithmetic(decline, ctx_for(decline))) == ["internal.decline_over_100"]


def test_growth_over_100_and_normal_shares_are_fine(ctx_for: CtxFactory) -> None:
    growth = make_claim("退票量较此前增长320%", quantities=[("320%", 320, "%")])
    share = make_claim("社会面传播占比超过80%", quantities=[("80%", 80, "%", "over")])
    decline = make_claim("病例数在两周内下降62%", quantities=[("62%", 62, "%")])
    for c in (growth, share, decline):
        assert impossible_arithmetic(c, ctx_for(c)) == []


def test_window_linked_by_a_later_reference_back_to_the_event(ctx_for: CtxFactory) -> None:
    may16 = date(2030, 5, 16)
    event = make_claim(
        "市政府于5月16日启动新一轮措施", claim_id="e", dates=[("5月16日", may16, may16)], paragraph=1
    )
    background = make_claim(
        "5月1日至20日，累计病例1.2万例",
        claim_id="b",
        paragraph=2,
        start=50,
        quantities=[("1.2万例", 12_000, "例")],
        dates=[("5月1日至20日", date(2030, 5, 1), date(2030, 5, 20))],
    )
    intro = make_claim("此次政策呈现出精准性", claim_id="i", paragraph=3, start=100)
    window = make_claim(
        "5月15日至22日，系统预警23.8万人次",
        claim_id="w",
        paragraph=4,
        start=150,
        quantities=[("23.8万人次", 238_000, "人次")],
        dates=[("5月15日至22日", date(2030, 5, 15), date(2030, 5, 22))],
    )
    ctx = ctx_for(event, background, intro, window)
    assert codes(window_before_event(window, ctx)) == ["internal.window_before_event"]
    assert [s.effect for s in window_before_event(background, ctx)] == ["info"]


def test_a_long_list_of_like_figures_names_only_the_first_few_contradictions(ctx_for: CtxFactory) -> None:
    """Forty claims of one metric with forty values: each names at most MAX_CONTRADICTIONS others
    (a list of N like figures used to make N² signals and stall ingest)."""
    from bot.verdicts.signals.consistency import MAX_CONTRADICTIONS

    claims = [
        make_claim(f"全市社区网格员共{n}人", claim_id=f"c{n}", quantities=[(f"{n}人", n, "人")])
        for n in range(100, 140)
    ]
    ctx = ctx_for(*claims)
    counts = [len(metric_mismatch(claim, ctx)) for claim in claims]
    assert max(counts) == MAX_CONTRADICTIONS == 3
    assert all(count == MAX_CONTRADICTIONS for count in counts)
