"""One assertion, one claim: a sentence carrying several checkable assertions becomes one claim for each,
sharing its source and its context (the whole sentence)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.articles.read import article_from_text
from bot.claims.extract import extract_claims, prepare_article
from bot.claims.models import Claim


def _claims(text: str) -> list[Claim]:
    return extract_claims(prepare_article(article_from_text(text, {}, "one-assertion-test")))


STUDY = "据《柳叶刀》发表的一项研究，该市成年人肥胖率为18%，糖尿病患病率为9.5%，高血压患病率为27%。\n"
STUDY_HANT = "據《柳葉刀》發表的一項研究，該市成年人肥胖率為18%，糖尿病患病率為9.5%，高血壓患病率為27%。\n"


@pytest.mark.parametrize("text", [STUDY, STUDY_HANT])
def test_a_study_citation_with_three_figures_is_three_claims_with_one_source(text: str) -> None:
    claims = _claims(text)
    assert [[q.value for q in c.quantities] for c in claims] == [[18], [9.5], [27]]
    assert {c.source.name if c.source else None for c in claims} == {"柳叶刀"}
    assert len({c.context for c in claims}) == 1 and "27%" in claims[0].context


FRAME = "市民政局表示，面对人口老龄化加速的现实，北京选择将养老床位增加到12万张。\n"
FRAME_HANT = "市民政局表示，面對人口老齡化加速的現實，北京選擇將養老床位增加到12萬張。\n"


@pytest.mark.parametrize("text", [FRAME, FRAME_HANT])
def test_a_frame_stating_a_fact_is_a_claim_apart_from_the_decision(text: str) -> None:
    frame, decision = _claims(text)
    assert frame.text.endswith(("面对人口老龄化加速的现实", "面對人口老齡化加速的現實"))
    assert decision.text.startswith("北京") and [q.value for q in decision.quantities] == [120_000]
    assert frame.source is not None and decision.source == frame.source
    assert frame.context == decision.context


@pytest.mark.parametrize(
    "text",
    [
        "面对这样的形势，市政府决定把补贴延长到12月。\n",  # the frame points back: nothing of its own
        "面对当前的复杂形势，企业需要稳健经营。\n",
        "面对现实，北京选择将养老床位增加到12万张。\n",  # too short to state anything
    ],
)
def test_a_frame_that_only_leads_in_stays_with_its_clause(text: str) -> None:
    [claim] = _claims(text)
    assert claim.text.startswith("面对")


@pytest.mark.parametrize(
    "text",
    [
        "据当地媒体报道，一段来自“滨江观察”的无人机视频显示，4月2日，在暴雨期间，工人们在连夜加固堤坝。\n",
        "监控画面显示，3月5日凌晨，两名男子进入店内。\n",
        "青石镇党委书记刘晓东介绍，全镇约有3400间房屋不同程度受损。\n",
    ],
)
def test_what_a_video_shows_or_an_official_describes_is_one_claim_with_its_lead_in(text: str) -> None:
    """ "…视频显示，" and "…介绍，" introduce what follows, even when a date opens the next clause."""
    [claim] = _claims(text)
    assert claim.text.endswith(("加固堤坝", "进入店内", "不同程度受损"))
    assert "显示" in claim.text or (claim.source is not None and claim.source.name.endswith("刘晓东"))


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("北京时间8月28日晚，男篮世界杯小组赛在马尼拉进行。\n", "北京时间"),  # a time, no claim of its own
        ("只有赢下这场比赛，球队才有机会进入排名赛。\n", "只有"),  # a condition leads in
    ],
)
def test_a_bare_time_or_a_condition_leads_in_to_its_claim(text: str, starts: str) -> None:
    [claim] = _claims(text)
    assert claim.text.startswith(starts) and claim.text.endswith(("马尼拉进行", "进入排名赛"))


def test_a_quote_after_a_reported_statement_is_the_same_speaker_s() -> None:
    text = '赛后，球队主教练乔尔杰维奇表示，球队防守出了问题，"我们让对手投进了太多三分球。"\n'
    claims = _claims(text)
    assert [c.source.name if c.source else None for c in claims] == ["球队主教练乔尔杰维奇"] * len(claims)
    assert len(claims) == 2


def test_an_undated_release_dates_its_claims_by_the_year_it_states() -> None:
    """No published date given: "三月至五月" takes the year the opening states (二○二三年); a bare day
    ("20日") is not given a guessed month; with no year stated, year-less dates stay unread."""
    text = (
        "統計處今日公布，失業率由二○二三年二月至四月的3.1%下跌至三月至五月的3.0%。\n\n新數字將於20日上載。\n"
    )
    first, second = _claims(text)
    assert [(d.first, d.last) for d in first.dates] == [
        (date(2023, 2, 1), date(2023, 4, 30)),
        (date(2023, 3, 1), date(2023, 5, 31)),
    ]
    assert second.dates == ()
    [undated] = _claims("失業率由三月至五月的3.0%下跌至2.9%。\n")
    assert undated.dates == ()


def test_the_figures_after_a_release_in_its_paragraph_are_the_releases() -> None:
    """ "统计处公布最新数字。" then the figures: the release is their source, in its paragraph only, and
    a sentence naming its own source keeps it."""
    text = (
        "政府统计处今日公布最新的劳动人口统计数字。失业率由3.1%下跌至3.0%。专家认为就业市场仍在改善。\n\n"
        "与去年同期相比，总就业人数增加了约12300人。\n"
    )
    release, rate, expert, other = _claims(text)
    assert release.source is not None and release.source.name == "政府统计处"
    assert rate.source == release.source
    assert expert.source is not None and expert.source.name == "专家"
    assert other.text.startswith("与去年同期相比，") and other.source is None  # another paragraph


def test_an_explainer_s_questions_are_no_claims_and_its_answers_are() -> None:
    text = (
        "专项附加扣除标准提高，一图读懂\n\n"
        "问：需要本人申请吗？\n"
        "答：根据国务院发布的通知，扣除标准由每月1000元提高到2000元；赡养老人扣除由每月2000元提高到3000元。\n"
    )
    claims = [c for c in _claims(text) if c.paragraph > 0]
    assert [c.text[:4] for c in claims] == ["根据国务", "赡养老人"]
    assert {c.source.name if c.source else None for c in claims} == {"国务院"}


def test_a_content_farm_s_plea_is_no_claim_and_a_rumour_s_speaker_carries_through_it() -> None:
    rumour = "最近，一则消息在朋友圈疯传：某医学专家称，西兰花中含有大量致癌物质，每天食用超过200克，患胃癌的风险将增加3倍！"
    paragraphs = ["震惊！这种常见蔬菜竟是癌症催化剂", "📢 转给家人看看！", rumour]
    body = [c for c in _claims("\n\n".join(paragraphs) + "\n") if c.paragraph > 0]
    assert not any("转给家人" in c.text for c in body)
    assert [c.source.name if c.source else None for c in body] == ["某医学专家"] * len(body)
    assert any("3倍" in c.text for c in body)


def test_what_a_reporter_learned_from_a_source_goes_on_in_its_paragraph() -> None:
    release, figures = _claims(
        "记者昨日从市公安局反诈中心获悉，近期此类诈骗案件高发。10月8日至10日，全市共接报此类案件17起。\n"
    )
    assert release.source is not None and release.source.name == "市公安局反诈中心"
    assert figures.source == release.source


def test_an_expert_s_reminder_leads_in_to_what_it_says() -> None:
    [claim] = _claims("气象专家提醒，高温期间应尽量避免在10时至16时进行户外活动。\n")
    assert claim.text.startswith("气象专家提醒，") and claim.source is not None
