"""The general dictionaries: CC-CEDICT glosses and aliases, 词林 synonyms, compiled once and cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.text import segment
from bot.text.glossary import Glossary, singular
from bot.text.lexicon import Lexicon, build, shared_lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return shared_lexicon()


def test_english_phrases_reach_chinese_words(lexicon: Lexicon) -> None:
    assert "退票" in lexicon.english("ticket refund")
    assert "世界卫生组织" in lexicon.english("world health organization")
    assert lexicon.english("hotel")[0] == "酒店"  # the commonest word first
    assert lexicon.english("no such english phrase") == ()


def test_names_and_abbreviations_are_aliases(lexicon: Lexicon) -> None:
    found = lexicon.alternatives(["世卫组织", "c罗", "一个不存在的词"])
    assert "世界卫生组织" in found["世卫组织"]  # "abbr. for"
    assert "罗纳尔多" in found["c罗"]  # one full name glossed for both (stored in lower case)
    assert "一个不存在的词" not in found


def test_thesaurus_synonyms_come_from_small_true_synonym_groups(lexicon: Lexicon) -> None:
    found = lexicon.alternatives(["改建", "埋葬"])
    assert "改造" in found["改建"]
    assert "安葬" in found["埋葬"]


def test_glossary_falls_back_to_the_dictionary_for_longer_phrases() -> None:
    glossary = Glossary({"ticket": ("票",)}, lexicon=shared_lexicon())
    found, left, loose = glossary.translate_marked("ticket refunds at the counter")
    assert found[0] == ("退票",)  # "ticket refund" beats the glossary's shorter "ticket"
    assert loose[0] is False and left == []
    assert Glossary({}).translate("ticket refunds") == ([], ["ticket", "refunds"])  # no dictionary: as before


@pytest.mark.parametrize(
    ("word", "form"), [("refunds", "refund"), ("cities", "city"), ("buses", "bus"), ("virus", "virus")]
)
def test_plurals_are_looked_up_singular(word: str, form: str) -> None:
    assert singular(word) == form


def test_the_cache_is_built_whole_then_read(tmp_path: Path) -> None:
    target = tmp_path / "lexicon.sqlite"
    build(target)
    assert [p.name for p in tmp_path.iterdir()] == ["lexicon.sqlite"]  # no partial file left behind
    assert "退票" in Lexicon(target).english("ticket refund")


def test_a_name_that_mixes_scripts_is_looked_up_whole() -> None:
    """jieba cuts c罗 into c + 罗; the pair is still the nickname CC-CEDICT knows (queries are lower case)."""
    glossary = Glossary({}, lexicon=shared_lexicon())
    found = dict(glossary.word_alternatives(["c", "罗", "改造", "酒店"]))
    assert "罗纳尔多" in found["c罗"]
    assert "改建" in found["改造"]


def test_common_words_jieba_tags_as_places_are_not_places(lexicon: Lexicon) -> None:
    assert lexicon.common_words(["上市", "港口", "葡萄牙", "北京", "一个不存在的词"]) == {"上市", "港口"}
    # "上市" (listed on a stock market) is no place a query could clash on; a name stays one.
    assert segment.places("公司明年在葡萄牙上市") == ["葡萄牙"]


def test_a_common_word_before_an_administrative_unit_is_a_place() -> None:
    assert segment.places("海滨市铁路局宣布调整退票规则") == ["海滨"]  # 海滨 "seashore", but 海滨市
    assert segment.places("周末到海滨度假") == []
