"""Timeline signals: old state asserted after a recorded change; dates after the data cut-off."""

from __future__ import annotations

from datetime import date

from vhelpers import CtxFactory, codes, make_article, make_claim

from bot.verdicts.signals.timeline import after_data_cutoff, old_state_after_change

MAY20 = date(2030, 5, 20)


def test_old_state_after_change_contradicts(ctx_for: CtxFactory) -> None:
    c = make_claim("5月20日，甲乙市地铁站仍查验通行证", dates=[("5月20日", MAY20, MAY20)])
    signals = old_state_after_change(c, ctx_for(c))
    assert codes(signals) == ["timeline.old_state"] and signals[0].effect == "contradicts"
    assert signals[0].evidence[0].fact_id == "jia-pass-lifted"
    assert signals[0].evidence[0].url == "https://gov.example.org/pass"


def test_before_change_or_reporting_the_change_is_fine(ctx_for: CtxFactory) -> None:
    early = make_claim(
        "5月1日，甲乙市地铁站查验通行证", dates=[("5月1日", date(2030, 5, 1), date(2030, 5, 1))]
    )
    lifted = make_claim("5月20日，甲乙市取消查验通行证", dates=[("5月20日", MAY20, MAY20)])
    undated = make_claim("甲乙市地铁站查验通行证")
    for c in (early, lifted, undated):
        assert old_state_after_change(c, ctx_for(c)) == []


def test_local_change_does_not_apply_elsewhere(ctx_for: CtxFactory) -> None:
    c = make_claim("5月20日，丙丁市仍查验通行证", dates=[("5月20日", MAY20, MAY20)])
    article = make_article("丙丁市观察")
    assert old_state_after_change(c, ctx_for(c, article=article)) == []


def test_date_inherited_from_same_paragraph_weighs_less(ctx_for: CtxFactory) -> None:
    first = make_claim(
        "5月20日起实施新规", claim_id="a", dates=[("5月20日", MAY20, MAY20)], start=0, paragraph=2
    )
    second = make_claim("甲乙市地铁站查验通行证", claim_id="b", start=20, paragraph=2)
    signals = old_state_after_change(second, ctx_for(first, second))
    assert codes(signals) == ["timeline.old_state"] and signals[0].weight < 0.8


def test_after_data_cutoff(ctx_for: CtxFactory) -> None:
    article = make_article(data_cutoff=date(2030, 3, 31))
    late = make_claim(
        "2030年5月新建医院", dates=[("2030年5月", date(2030, 5, 1), date(2030, 5, 31), "month")]
    )
    early = make_claim(
        "2030年2月新建医院", dates=[("2030年2月", date(2030, 2, 1), date(2030, 2, 28), "month")]
    )
    assert codes(after_data_cutoff(late, ctx_for(late, article=article))) == ["timeline.after_cutoff"]
    assert after_data_cutoff(early, ctx_for(early, article=article)) == []
    assert after_data_cutoff(late, ctx_for(late)) == []  # no cut-off stated


def test_date_inherited_from_a_later_claim_in_the_paragraph(ctx_for: CtxFactory) -> None:
    undated = make_claim("甲乙市地铁站查验通行证", claim_id="a", start=0, paragraph=4)
    dated = make_claim(
        "5月20日，客流1万人次", claim_id="b", dates=[("5月20日", MAY20, MAY20)], start=20, paragraph=4
    )
    other_paragraph = make_claim("甲乙市地铁站查验通行证", claim_id="c", start=40, paragraph=5)
    assert codes(old_state_after_change(undated, ctx_for(undated, dated))) == ["timeline.old_state"]
    assert old_state_after_change(other_paragraph, ctx_for(dated, other_paragraph)) == []
