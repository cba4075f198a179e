"""Lookup on the seed article with the words people use: amounts as said, hedges, multiples."""

from __future__ import annotations

import pytest

from bot.articles.read import article_from_text
from bot.desk.service import Desk
from bot.lookup.match import lookup
from bot.lookup.query import assertions, prepare
from bot.text.numbers import parse_quantities

REFUNDS = "较政策实施前增长320%"
LOSS = "日均经济损失约12亿元"


async def _top(desk: Desk, query: str) -> tuple[str, str]:
    result = (await desk.check(query)).result
    return result.status, result.matches[0].claim.text if result.matches else ""


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("西站退票量真的比政策前涨了三倍多?", REFUNDS),  # a multiple that agrees with 320 %
        ("北京西站退票翻了两番还多", REFUNDS),
        ("每天损失12个亿", LOSS),
        ("日均经济损失超过十亿元", LOSS),  # a bound that agrees with an estimate
    ],
)
async def test_amounts_as_people_say_them_find_their_claim(desk: Desk, query: str, expect: str) -> None:
    status, text = await _top(desk, query)
    assert status == "matched"
    assert expect in text


@pytest.mark.parametrize("query", ["西站退票量比政策前涨了七倍多", "日均经济损失超过三十亿元"])
async def test_amounts_that_disagree_do_not_match(desk: Desk, query: str) -> None:
    status, _ = await _top(desk, query)
    assert status != "matched"


async def test_another_outlet_names_the_same_person_and_body(desk: Desk) -> None:
    """C罗 for 罗纳尔多 (CC-CEDICT aliases), 改建 for 改造 (词林), WHO spelt out or abbreviated."""
    text = (
        "球星动态\n\n葡萄牙球星罗纳尔多宣布,将把自己在里斯本的两家酒店改造为临时医院,并承担医护人员的工资。"
        "世界卫生组织当天表示,欢迎各界支持抗疫。\n"
    )
    await desk.library.ingest_article(article_from_text(text, {}, "star-hotels"))
    for query in (
        "C罗把两家酒店改建成临时医院",
        "世卫组织欢迎各界支持抗疫",
        "Cristiano Ronaldo turns his hotels into hospitals",
    ):
        status, found = await _top(desk, query)
        assert status == "matched", query
        assert ("酒店" in found) if "世卫" not in query else ("世界卫生组织" in found)


async def test_an_english_phrase_the_glossary_lacks_reaches_the_claim(desk: Desk) -> None:
    status, found = await _top(desk, "Beijing West railway station ticket refunds")
    assert status == "matched" and "退票" in found


async def test_a_claim_that_leaves_its_subject_to_its_sentence_is_found_by_the_name(desk: Desk) -> None:
    """The clause after "姚明决定，" says "他将…": the name is in its sentence, not in the claim."""
    text = (
        "体育快讯\n\n据当地媒体报道，随着疫情在本地蔓延，篮球名将姚明决定，他将把自己在湖州开的两家民宿"
        "改造成隔离点，供医护人员免费入住。湖州市卫健委随后证实了这一消息。\n"
    )
    await desk.library.ingest_article(article_from_text(text, {}, "named-in-sentence"))
    for query in ("姚明把民宿改成隔离点", "姚明的民宿变身隔离点"):
        status, found = await _top(desk, query)
        assert status == "matched", query
        assert found.startswith("他将把自己在湖州开的两家民宿")


async def test_a_query_naming_the_wider_place_too_finds_the_claim_on_the_narrower(desk: Desk) -> None:
    """An address runs from wide to narrow: the country the article leaves out is no other place, while
    another district of the same city is."""
    text = (
        "选举与疫情\n\n威斯康星州卫生部门表示，至少52人在初选现场投票后确诊感染。\n\n"
        "北京海淀区中关村街道实行“一户一桶”物资配送，日均配送3800公斤。\n"
    )
    await desk.library.ingest_article(article_from_text(text, {}, "places-in-order"))
    status, found = await _top(desk, "美国威斯康星州至少52人因现场投票感染")
    assert status == "matched" and "威斯康星州" in found
    status, _ = await _top(desk, "北京朝阳区实行一户一桶物资配送")
    assert status != "matched"


@pytest.mark.parametrize("marker", ["1. ", "２、", "(3)", "④"])
async def test_a_list_item_pasted_with_its_number_finds_the_claim(desk: Desk, marker: str) -> None:
    plain = await _top(desk, "北京西站日均退票量达1.2万张")
    assert plain[0] == "matched"
    assert await _top(desk, marker + "北京西站日均退票量达1.2万张") == plain


def test_a_headline_s_exclaimed_tag_and_rhetorical_question_are_no_part_of_its_claim(desk: Desk) -> None:
    """A content farm's framing ("太震撼！", "，这样的车站谁不爱？") is not what the headline asserts:
    its words are not matched, so they cannot count against the claim the headline carries."""
    framed = prepare("太震撼！北京西站日均退票量达1.2万张，这样的春运谁能想到？", desk.glossary)
    assert "退票" in framed.terms and "震撼" not in framed.terms and "想到" not in framed.terms
    # A query that is all question, or whose tag leaves too little, keeps every word.
    assert "退票" in prepare("北京西站退票量真的涨了三倍吗？", desk.glossary).terms
    assert "注意" in prepare("注意！西站退票", desk.glossary).terms


async def test_a_framed_headline_finds_the_claim_it_carries(desk: Desk) -> None:
    plain = await _top(desk, "北京西站日均退票量达1.2万张")
    assert plain[0] == "matched"
    assert await _top(desk, "太震撼！北京西站日均退票量达1.2万张，这样的春运谁能想到？") == plain


def test_a_headline_joining_assertions_is_read_as_its_claim_sized_parts() -> None:
    """Split at punctuation, "+", "／" and spaces between Chinese words; a lead-in stays with what it
    introduces; a label or a fragment too short to be a claim is no part; one assertion is no split."""
    assert assertions("球星将自家酒店改为临时医院+支付薪水") == []  # "支付薪水" is a fragment
    assert assertions("助人为乐：球星将自家酒店改为临时医院 自掏腰包支付全部医护人员的工资") == [
        "球星将自家酒店改为临时医院",
        "自掏腰包支付全部医护人员的工资",
    ]
    assert assertions("更新的统计数据声称：美国只有6%的死亡病例与新冠有关，另有94%患有其他疾病") == [
        "更新的统计数据声称：美国只有6%的死亡病例与新冠有关",
        "另有94%患有其他疾病",
    ]
    assert assertions("北京西站日均退票量达1.2万张") == []
    assert assertions("暖！北京西站日均退票量达1.2万张，太难了") == []


async def test_a_text_not_recognised_whole_is_answered_by_the_part_a_claim_states(desk: Desk) -> None:
    joined = "西站日均退票1.2万张 旅客只好改坐长途大巴回老家过春节导致大巴车票一票难求"
    whole = await lookup(desk.db, joined, desk.glossary, by_parts=False)
    assert whole.status != "matched"
    result = await lookup(desk.db, joined, desk.glossary)
    assert result.status == "matched" and result.part == "西站日均退票1.2万张"
    assert "日均退票量达1.2万张" in result.matches[0].claim.text and result.query == joined


async def test_a_part_does_not_answer_when_the_rest_of_the_text_names_another_place(desk: Desk) -> None:
    """ "日均经济损失12亿元" is Beijing's figure; said of 上海 it is another claim, even if that part alone
    finds Beijing's."""
    part = await lookup(desk.db, "日均经济损失12亿元", desk.glossary)
    assert part.status == "matched"
    result = await lookup(desk.db, "上海实施非必要不出沪政策，日均经济损失12亿元", desk.glossary)
    assert result.status != "matched" and result.part == ""


async def test_a_study_credited_to_another_university_is_another_claim(desk: Desk) -> None:
    """Short names (seeds/organisation_abbreviations.tsv) are met by any of their names; another
    university's study, in the same words, is not the article's claim."""
    text = "研究快讯\n\n浙江大学公共卫生学院一项研究显示，过去十年杭州城区绿地面积增加了三成。\n"
    await desk.library.ingest_article(article_from_text(text, {}, "green-study"))
    status, found = await _top(desk, "浙大研究：杭州城区绿地面积十年增加三成")
    assert status == "matched" and "绿地面积" in found
    other = (await desk.check("厦大研究：杭州城区绿地面积十年增加三成")).result
    assert other.status != "matched"
    assert all("organisations:other" in m.reasons for m in other.matches)


def test_a_long_text_of_many_assertions_is_looked_up_in_its_first_few_parts() -> None:
    many = "，".join(f"第{n}号泵站今年检修了很多次" for n in range(1, 12))
    parts = assertions(many)
    assert len(parts) == 6 and parts[0].startswith("第1号")


async def test_a_university_named_elsewhere_in_the_article_is_no_other_body(desk: Desk) -> None:
    finding = "《柳叶刀》子刊发表的一项研究显示，每周运动150分钟以上的成年人，全因死亡风险低31%。"
    paragraphs = ["运动与寿命", finding, "该研究由北京大学公共卫生学院团队完成。"]
    await desk.library.ingest_article(article_from_text("\n\n".join(paragraphs), {}, "exercise-study"))
    status, found = await _top(desk, "北大研究：每周运动150分钟死亡风险降三成")
    assert status == "matched" and "31%" in found
    assert (await desk.check("清华研究：每周运动150分钟死亡风险降三成")).result.status != "matched"


async def test_degrees_are_celsius_in_a_weather_report(desk: Desk) -> None:
    """45度 is compared with 40℃ (and 38摄氏度 is 38℃): another temperature is another claim."""
    text = "高温预警\n\n气象台表示，本周江南多地最高气温将达40℃，局地可达42℃。\n"
    await desk.library.ingest_article(article_from_text(text, {}, "heat"))
    status, found = await _top(desk, "江南最高气温将达40度")
    assert status == "matched" and "40℃" in found
    assert (await desk.check("江南最高气温将达45度")).result.status != "matched"
    assert parse_quantities("体温38摄氏度")[0].unit == "℃"
