"""A web page's article: its main text and its metadata, by trafilatura.

A news page is mostly not the article: navigation, share bars, "related" links, comments, footers.
Telling them apart is a problem a maintained extractor solves across thousands of sites (trafilatura
leads the published comparisons of main-text extraction, and reads title, site name and date from
``og:*`` tags and JSON-LD ``NewsArticle``); a home-made parser only ever learns the sites it was shown.
Imported lazily: trafilatura costs 0.3 s to import, and ``factbot check`` never needs it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date

from bot.errors import IngestRefused

_LOOKS_LIKE_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<div|<p[\s>])", re.I)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_IMAGE = re.compile(r"<img\b", re.I)
# An article has at least a couple of sentences of Chinese: a headline alone (about 10-30 characters)
# or a caption under a picture is not something to check claim by claim.
MIN_HAN_CHARS = 40
# Chinese pages label themselves with the narrower name of a wider encoding: GB2312 and GBK pages
# routinely hold GB18030-only characters, Big5 pages HKSCS ones. Decode with the superset.
_WIDER = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
META_SNIFF_BYTES = 4096  # browsers look for <meta charset> in the first 1024 bytes; be a little kinder


@dataclass(frozen=True, slots=True)
class PageArticle:
    """What a page says about itself, and its main text (paragraphs separated by a blank line)."""

    text: str
    title: str | None = None
    site: str | None = None
    published: date | None = None


def looks_like_html(text: str) -> bool:
    """A page rather than plain text: it starts with markup, or is full of paragraph tags."""
    return bool(_LOOKS_LIKE_HTML.match(text)) or text.count("</p>") >= 2


def page_article(html: str, url: str | None = None) -> PageArticle:
    """The article of a page; refused (IngestRefused) when the page holds no readable Chinese text."""
    import trafilatura  # lazily: see the module docstring

    # favor_precision: without it a short article (the tests' 7 paragraphs, ~330 characters) fell to
    # trafilatura's baseline fallback, one paragraph with the headline glued to it; a fact-check would
    # rather lose a marginal paragraph than take a "related" link for a claim.
    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, favor_precision=True
    )
    doc = found if isinstance(found, trafilatura.settings.Document) else None
    lines = (doc.text or "").splitlines() if doc else []
    text = "\n\n".join(line.strip() for line in lines if line.strip())
    if han_count(text) < MIN_HAN_CHARS:
        if _IMAGE.search(html):
            raise IngestRefused("ingest_image_only")
        require_chinese(text)
    assert doc is not None  # require_chinese refused an empty extraction
    title = _clean(doc.title)
    if title and not text.startswith(title):  # the headline leads, as in an article file
        text = f"{title}\n\n{text}"
    return PageArticle(
        text=text + "\n",
        title=title,
        site=_clean(doc.sitename),
        published=_date(doc.date),
    )


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def require_chinese(text: str) -> None:
    """Refuse text with too little Chinese to hold a claim factbot can read (see MIN_HAN_CHARS)."""
    if not text.strip():
        raise IngestRefused("ingest_empty")
    if han_count(text) < MIN_HAN_CHARS:
        raise IngestRefused("ingest_no_chinese", minimum=MIN_HAN_CHARS)


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def page_charset(header: str | None, body: bytes) -> str:
    """The charset to decode with: the HTTP header's, else the page's <meta>, else UTF-8 if it is
    valid UTF-8, else GB18030 (the commonest legacy encoding of Chinese pages)."""
    for name in (header, _meta_charset(body)):
        known = _codec(name)
        if known:
            return known
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:META_SNIFF_BYTES])
    return found.group(1).decode("ascii", "ignore") if found else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    try:
        codecs.lookup(_WIDER.get(name, name))
    except LookupError:
        return None
    return _WIDER.get(name, name)


def decode(body: bytes, charset: str) -> str:
    """Decode with ``charset``; a stray invalid byte becomes U+FFFD rather than losing the page."""
    text = body.decode(charset, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text
