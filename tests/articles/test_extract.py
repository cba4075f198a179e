"""A page's article by the extractor: main text without the site's chrome, metadata from og:* and
JSON-LD; the same extractor reads a saved page given to ``factbot ingest``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from articlekit import FOOTER, NAV, PARAGRAPHS, RELATED, SHARE, TITLE, page_html

from bot.articles.extract import looks_like_html, page_article, page_charset, require_chinese
from bot.articles.read import read_article
from bot.errors import IngestRefused

SAVED = """<!DOCTYPE html><html><head><title>站点标题</title><style>p{color:red}</style></head>
<body><h1>北京GDP增长5.2%</h1>
<p>北京市统计局&nbsp;发布数据显示，2023年北京GDP达到4.38万亿元，同比增长5.2%，增速比上年加快。</p>
<script>var x = "<p>不是正文</p>";</script>
<p>全市常住人口2185.8万人，比上年末减少3.8万人。人均GDP超过20万元，继续位居全国前列。</p>
</body></html>"""


def test_the_article_comes_without_navigation_share_bar_related_links_or_footer() -> None:
    page = page_article(page_html(), "https://news.example/2026/12/01/water.html")
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    for chrome in (NAV, SHARE, RELATED, FOOTER):
        assert chrome not in page.text
    assert page.title == TITLE and page.site == "河湾日报" and page.published == date(2026, 12, 1)
    assert "\n\n" in page.text  # a paragraph per block, as the claim extractor reads them


def test_markup_scripts_and_entities_never_become_text() -> None:
    page = page_article(SAVED)
    assert page.text.splitlines()[0] == "北京GDP增长5.2%"  # the page's own headline leads
    assert "北京市统计局\xa0发布数据显示" in page.text or "北京市统计局 发布数据显示" in page.text
    assert "不是正文" not in page.text and "color" not in page.text and "<" not in page.text


def test_an_image_only_page_and_a_page_without_chinese_are_refused() -> None:
    images = "<html><body><article><h1>图集</h1><img src='a.jpg'><img src='b.jpg'></article></body></html>"
    english = page_html(
        title="Water plants", paragraphs=["The city opened three new water plants this year."] * 5
    )
    with pytest.raises(IngestRefused) as image_only:
        page_article(images)
    with pytest.raises(IngestRefused) as no_chinese:
        page_article(english.replace('<meta property="og:site_name" content="河湾日报">', ""))
    assert image_only.value.key == "ingest_image_only"
    assert no_chinese.value.key in ("ingest_no_chinese", "ingest_empty")


def test_require_chinese_counts_han_characters() -> None:
    require_chinese("\n".join(PARAGRAPHS))
    with pytest.raises(IngestRefused) as caught:
        require_chinese("Only English here, and 一点 中文.")
    assert caught.value.key == "ingest_no_chinese" and caught.value.values == {"minimum": 40}


def test_only_pages_are_read_as_pages() -> None:
    assert looks_like_html(SAVED) and looks_like_html("<p>一</p><p>二</p>")
    assert not looks_like_html("《民法典》第1113条规定，a<b 时不成立。")


def test_charsets_come_from_the_header_then_the_meta_then_utf8_then_gb18030() -> None:
    gbk = b"<html><head><meta http-equiv='Content-Type' content='text/html; charset=GBK'></head>"
    assert page_charset("big5", b"") == "big5hkscs"
    assert page_charset(None, gbk) == "gb18030"
    assert page_charset("no-such-charset", "中文".encode()) == "utf-8"
    assert page_charset(None, "中文".encode("gbk")) == "gb18030"


def test_factbot_ingest_reads_a_saved_page_with_the_same_extractor(tmp_path: Path) -> None:
    path = tmp_path / "water.html"
    path.write_text(page_html(), encoding="utf-8")
    article = read_article(path)
    assert article.title == TITLE and article.source == "河湾日报" and article.published == date(2026, 12, 1)
    assert PARAGRAPHS[0] in article.text and NAV not in article.text and FOOTER not in article.text


def test_factbot_ingest_explains_a_refused_page_with_its_values(tmp_path: Path) -> None:
    from bot.cli import explain

    path = tmp_path / "photos.html"
    path.write_text("<html><body><article><h1>图集</h1><img src='a.jpg'></article></body></html>", "utf-8")
    with pytest.raises(IngestRefused) as caught:
        read_article(path)
    assert "only images" in explain(caught.value, "en")
    assert "40" in explain(IngestRefused("ingest_no_chinese", minimum=40), "en")
