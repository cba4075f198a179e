"""Read article files (and their .meta.json sidecars) into Article values, refusing bad input kindly."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from bot.articles.extract import looks_like_html, page_article
from bot.claims.models import Article
from bot.errors import IngestError
from bot.text.normalize import to_simplified

MAX_ARTICLE_BYTES = 2_000_000
# A text carries its own headline among its first lines (after a dateline or a source line).
HEADLINE_WITHIN = 3
_SLUG = re.compile(r"[^a-z0-9]+")
# Unicode category Cc (C0 and C1 controls) except newline and tab: one regex scan, not a Python
# call per character (that was a tenth of a second per 500 KB, before any worker could start).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_WORDS = re.compile(r"[\W_]+")  # punctuation, quotes and spaces: a headline is found whatever its marks
_META_FIELDS = {
    "id",
    "title",
    "language",
    "source",
    "url",
    "published",
    "date_context",
    "note",
    "data_cutoff",
}


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def read_article(path: Path) -> Article:
    """Read one article file; raises IngestError with a message a person can act on."""
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise IngestError(
            f"{path}: {size / 1e6:.1f} MB is too large for one article (limit {MAX_ARTICLE_BYTES // 1_000_000} MB)"
        )
    data = path.read_bytes()
    if b"\x00" in data:
        raise IngestError(f"{path}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    meta = read_meta(sidecar_path(path))
    return article_from_text(text, meta, default_id=path.stem)


def read_meta(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise IngestError(f"{path}:{exc.lineno}: invalid JSON ({exc.msg})") from exc
    if not isinstance(meta, dict):
        raise IngestError(f"{path}:1: expected a JSON object")
    unknown = set(meta) - _META_FIELDS
    if unknown:
        raise IngestError(f"{path}: unknown field(s) {', '.join(sorted(unknown))}")
    for key in ("published", "date_context", "data_cutoff"):
        if meta.get(key) is not None:
            try:
                date.fromisoformat(str(meta[key]))
            except ValueError as exc:
                raise IngestError(f"{path}: {key} must be a date like 2022-12-01") from exc
    return meta


def slugify(name: str) -> str:
    slug = _SLUG.sub("-", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower())
    return slug.strip("-") or hashlib.sha1(name.encode()).hexdigest()[:12]


def article_from_text(text: str, meta: dict[str, Any], default_id: str) -> Article:
    """Build an Article from text and sidecar metadata; empty or binary-looking text is refused."""
    if "\x00" in text:
        raise IngestError("the text contains NUL characters: not an article")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):  # a saved web page: its article, not its markup or navigation
        page = page_article(text, meta.get("url"))
        text = page.text
        meta = {"title": page.title, "source": page.site, "published": page.published, **_set(meta)}
    if not any(ch.isalnum() for ch in text):
        raise IngestError(f"{default_id}: the article is empty")
    controls = len(_CONTROL.findall(text))
    if controls > max(10, len(text) // 100):
        raise IngestError(f"{default_id}: looks like a binary file, not text")
    if meta.get("title"):
        text = with_headline(text, str(meta["title"]))
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), default_id)
    language = str(meta.get("language") or ("zh-Hans" if to_simplified(text) == text else "zh-Hant"))
    return Article(
        article_id=slugify(str(meta.get("id") or default_id)),
        title=str(meta.get("title") or first_line[:80]),
        text=text,
        sha256=hashlib.sha256(
            (text + "\x1e" + json.dumps(meta, sort_keys=True, default=str)).encode("utf-8")
        ).hexdigest(),
        language=language,
        source=meta.get("source"),
        url=meta.get("url"),
        published=_date(meta.get("published")),
        date_context=_date(meta.get("date_context") or meta.get("published")),
        data_cutoff=_date(meta.get("data_cutoff")),
    )


def with_headline(text: str, title: str) -> str:
    """The text as published, headline first: a title given beside a text that does not open with it
    as a line of its own (an outlet's feed, a sidecar file) leads it, as a fetched page's does
    (bot/articles/extract.py). A body sentence that repeats the headline is no headline, and neither
    is the headline repeated as a caption further down (the boilerplate reader drops those)."""
    key = _WORDS.sub("", title)
    opening = [line for line in text.splitlines() if line.strip()][:HEADLINE_WITHIN]
    if not key or any(_WORDS.sub("", line) == key for line in opening):
        return text
    return f"{title.strip()}\n\n{text}"


def _date(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _set(meta: dict[str, Any]) -> dict[str, Any]:
    """The sidecar's fields that have a value: they win over what the page says about itself."""
    return {key: value for key, value in meta.items() if value is not None}
