"""Articles read and extracted once per test session: extraction is pure, so sharing is safe."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.articles.read import article_from_text, read_article
from bot.claims.extract import extract_claims, prepare_article
from bot.claims.models import Article, Claim
from bot.text import segment

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "articles" / "beijing-travel-rules-2022-12.txt"
TYPHOON = ROOT / "tests" / "fixtures" / "articles" / "fixture-typhoon-doksuri-2023.txt"
HK = ROOT / "tests" / "fixtures" / "articles" / "fixture-hk-air-quality-2023.txt"


def _load(path: Path) -> tuple[Article, list[Claim]]:
    segment.configure([ROOT / "seeds" / "jieba_userdict.txt"])
    article = prepare_article(read_article(path))  # notes and data cut-off, as analyse() does
    return article, extract_claims(article)


@pytest.fixture(scope="session")
def seed() -> tuple[Article, list[Claim]]:
    return _load(SEED)


@pytest.fixture(scope="session")
def typhoon() -> tuple[Article, list[Claim]]:
    return _load(TYPHOON)


@pytest.fixture(scope="session")
def hk() -> tuple[Article, list[Claim]]:
    return _load(HK)


def find(claims: list[Claim], fragment: str) -> Claim:
    """The one claim containing ``fragment`` (fails the test otherwise)."""
    found = [c for c in claims if fragment in c.text]
    assert len(found) == 1, f"{fragment!r} found in {len(found)} claims: {[c.text for c in found]}"
    return found[0]


def claims_of(text: str, meta: dict[str, str] | None = None) -> list[Claim]:
    """The claims of an article written in the test, read as ``factbot ingest`` reads a file."""
    return extract_claims(prepare_article(article_from_text(text, meta or {}, "test-article")))
