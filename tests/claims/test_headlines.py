"""An article's headline is its first assertion, and a numbered list's items are claims, not headings:
other outlets' headlines repeat the one, wire copy and press releases state facts as the other."""

from __future__ import annotations

from bot.articles.read import article_from_text
from bot.claims.extract import TITLE_PARAGRAPH

from .conftest import claims_of

STORY = """滨江市将旧仓库改建为方舱医院，可提供八百张床位

滨江市卫健委周二表示，位于港口区的三座旧仓库已改建为临时方舱医院，可提供800张床位。

工程由市建设集团承建，预计下周投入使用。
"""

RELEASE = """新的合作计划将加快流感疫苗研究

合作计划将会：
1.在一个开放的平台上共享临床前评估方法
2.优先评估近期可投入使用的治疗方案
3.最大限度地提高临床试验的能力

计划由五家研究机构共同发起。
"""


def test_the_headline_is_a_claim_of_its_own_paragraph() -> None:
    claims = claims_of(STORY)
    title = [c for c in claims if c.paragraph == TITLE_PARAGRAPH]
    assert [c.text for c in title] == ["滨江市将旧仓库改建为方舱医院，可提供八百张床位"]
    assert [q.value for q in title[0].quantities] == [800]
    body = [c for c in claims if c.paragraph != TITLE_PARAGRAPH]
    assert body and all(c.paragraph >= 1 for c in body)
    assert any("800张床位" in c.text for c in body)  # the body's own statement stays a claim


def test_a_title_given_beside_the_text_leads_it() -> None:
    body_only = STORY.split("\n", 2)[2]
    claims = claims_of(body_only, {"title": "滨江旧仓库变身方舱医院"})
    assert [c.text for c in claims if c.paragraph == TITLE_PARAGRAPH] == ["滨江旧仓库变身方舱医院"]


def test_a_title_the_text_already_carries_is_not_added_twice() -> None:
    article = article_from_text(STORY, {"title": "滨江市将旧仓库改建为方舱医院，可提供八百张床位"}, "t")
    assert article.text == STORY.replace("\r\n", "\n")
    quoted = "《滨江市改建方舱医院》\n\n滨江市卫健委周二表示，三座旧仓库已改建为方舱医院。\n"
    assert article_from_text(quoted, {"title": "滨江市“改建”方舱医院"}, "q").text == quoted
    inside = "据报道，滨江市改建方舱医院，三座旧仓库投入使用。\n"  # a sentence repeating it is no headline
    assert article_from_text(inside, {"title": "滨江市改建方舱医院"}, "i").text.startswith(
        "滨江市改建方舱医院\n\n"
    )


def test_a_headline_repeated_as_a_caption_further_down_still_leads_the_text() -> None:
    """Pages repeat their headline under each photo: a line far down is no headline the text opens with."""
    body = "滨江市卫健委周二表示，三座旧仓库已改建为方舱医院。\n\n工程预计下周投入使用。\n\n" * 2
    captioned = body + "滨江市改建方舱医院\n\n工程由市建设集团承建。\n"
    article = article_from_text(captioned, {"title": "滨江市改建方舱医院"}, "c")
    assert article.text.startswith("滨江市改建方舱医院\n\n")
    dated = "本报讯 2020-03-01\n滨江市改建方舱医院\n三座旧仓库已改建为方舱医院。\n"  # after a dateline
    assert article_from_text(dated, {"title": "滨江市改建方舱医院"}, "d").text == dated


def test_numbered_items_are_claims_and_their_numbers_are_not_figures() -> None:
    claims = claims_of(RELEASE)
    items = [c for c in claims if "临床" in c.text or "治疗方案" in c.text]
    assert len(items) == 3
    assert all(not c.quantities for c in items)  # "3." numbers the item: nothing to check
    assert any(c.text.startswith("1.在一个开放的平台") for c in items)


def test_a_section_heading_is_still_not_a_claim() -> None:
    text = STORY.replace("工程由", "二、工程进度\n\n工程由")
    assert not [c for c in claims_of(text) if "工程进度" in c.text]


def test_the_title_it_was_given_is_the_title_even_when_it_exclaims() -> None:
    text = "为他点赞！球星将两家酒店改成临时医院\n\n据报道，球星决定将他在家乡的两家酒店改成临时医院。\n"
    claims = claims_of(text, {"title": "为他点赞！球星将两家酒店改成临时医院"})
    assert [c.text for c in claims if c.paragraph == TITLE_PARAGRAPH] == ["球星将两家酒店改成临时医院"]
    sentence = "据报道，球星决定将他在家乡的两家酒店改成临时医院。"
    assert not [c for c in claims_of(f"{sentence}\n\n另一段。\n", {"title": sentence}) if c.paragraph == 0]


def test_a_title_is_read_whole_and_split_only_at_a_wide_gap() -> None:
    claims = claims_of("研究：每天喝三杯含糖饮料 糖尿病风险升高26%\n\n正文说明研究的样本和方法。\n")
    assert [c.text for c in claims if c.paragraph == 0] == ["研究：每天喝三杯含糖饮料 糖尿病风险升高26%"]
    claims = claims_of("港大研究：路邊PM2.5十年跌逾五成\u3000專家：距世衞標準仍遠\n\n正文。\n")
    assert [c.text for c in claims if c.paragraph == 0] == [
        "港大研究：路邊PM2.5十年跌逾五成",
        "專家：距世衞標準仍遠",
    ]
