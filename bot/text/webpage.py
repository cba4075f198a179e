"""Web pages in, article text out: a desk often saves the page itself rather than its text.

The standard library's HTML parser is enough here: the text of the page's elements in order, a blank
line after every block (paragraphs stay paragraphs for the extractor), scripts and styles dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_LOOKS_LIKE_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_BLOCKS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol tr table section article header footer blockquote figure "
    "figcaption pre hr".split()
)
# The head's <title> usually carries the site's name; the body's own headline leads instead.
_SKIPPED = frozenset("head script style noscript template svg iframe object".split())
_BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")


def looks_like_html(text: str) -> bool:
    """A page rather than plain text: it starts with markup, or is full of paragraph tags."""
    return bool(_LOOKS_LIKE_HTML.match(text)) or text.count("</p>") >= 2


def page_text(html: str) -> str:
    """The readable text of a page, a paragraph per block; entities are decoded."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", lines).strip() + "\n"


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":  # a head left open ends here, as in a browser
            self._skipping = 0
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(self._skipping - 1, 0)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))
