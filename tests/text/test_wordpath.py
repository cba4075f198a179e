"""bot/text/wordpath.py must segment exactly as jieba's own no-HMM cut does (it replaces it for speed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text import segment
from bot.text.normalize import fold_article

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "seeds" / "articles").glob("*.txt")) + sorted(
    (ROOT / "tests" / "fixtures" / "articles").glob("*.txt")
)


@pytest.fixture(autouse=True, scope="module")
def _seed_dictionary() -> None:
    segment.configure([ROOT / "seeds" / "jieba_userdict.txt"])


def jieba_cut(text: str) -> list[str]:
    tok, _ = segment._tokenizer()
    return list(tok.cut(text, HMM=False))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_same_words_as_jieba_on_every_article(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for version in (text, fold_article(text)):
        words = segment.words(version)
        assert words == jieba_cut(version)
        assert "".join(words) == version


def test_user_dictionary_words_and_ascii_runs() -> None:
    # 动态清零 and 北京健康宝 are seed user words; a5 and 2022 are joined ASCII runs; spaces stay.
    text = "北京健康宝显示动态清零 a5b 2022年12月 C++ 3.5% 非必要不出京"
    assert segment.words(text) == jieba_cut(text)
    assert "北京健康宝" in segment.words(text)


# Chinese, ASCII letters and digits, jieba's joiners (+#&._%-), spaces and punctuation, emoji.
_ALPHABET = st.sampled_from(
    list("北京两周内日增病例下降了六成是否属实香港空气质量台风杜苏芮")
    + list("ab1Z9+#&._%-")
    + list(" \n\t，。！?“”")
    + ["😀"]
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=40) | st.text(max_size=40))
def test_same_words_as_jieba_on_any_text(text: str) -> None:
    assert segment.words(text) == jieba_cut(text)
