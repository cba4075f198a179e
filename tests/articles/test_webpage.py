"""A saved web page is ingested as its text: markup, scripts and styles never become claims."""

from __future__ import annotations

from pathlib import Path

from bot.articles.read import read_article
from bot.text.webpage import looks_like_html, page_text

PAGE = """<!DOCTYPE html><html><head><title>站点标题</title><style>p{color:red}</style></head>
<body><h1>北京GDP增长5.2%</h1>
<p>北京市统计局&nbsp;发布数据显示，2023年北京GDP达到4.38万亿元，同比增长5.2%。</p>
<script>var x = "<p>不是正文</p>";</script>
<div>全市常住人口2185.8万人。<br>人均GDP超过20万元。</div>
</body></html>"""


def test_page_text_keeps_paragraphs_and_drops_code() -> None:
    text = page_text(PAGE)
    assert text.splitlines()[0] == "北京GDP增长5.2%"  # the page's own headline leads
    assert "北京市统计局\xa0发布数据显示" in text  # &nbsp; decoded
    assert "不是正文" not in text and "color" not in text and "站点标题" not in text
    assert "<" not in text and ">" not in text
    assert "全市常住人口2185.8万人。\n\n人均GDP超过20万元。" in text


def test_only_pages_are_converted() -> None:
    assert looks_like_html(PAGE) and looks_like_html("<p>一</p><p>二</p>")
    assert not looks_like_html("《民法典》第1113条规定，a<b 时不成立。")


def test_an_html_file_ingests_as_text(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "北京GDP增长5.2%"
    assert "<" not in article.text and "script" not in article.text


def test_a_head_left_open_ends_at_the_body() -> None:
    assert page_text("<html><head><title>站点<body><p>正文第一段。</p>") == "正文第一段。\n"
