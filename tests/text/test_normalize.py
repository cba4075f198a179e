"""Normalisation: article folding keeps offsets; query folding strips Slack markup."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.errors import SeedError
from bot.text.glossary import load_glossary, load_organisations, load_seed_glossary
from bot.text.normalize import fold_article, fold_query, strip_slack_markup
from bot.text.segment import load_user_dictionary


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("达1.2万张 ,较政策实施前增长320%", "达1.2万张 ，较政策实施前增长320%"),
        ("12,000人,较去年", "12,000人，较去年"),
        ("１２，０００人", "12,000人"),
        ("交通管控:地铁", "交通管控：地铁"),
        ("北京兩週內日增病例下降", "北京两周内日增病例下降"),
        ("提升至Ⅰ级", "提升至一级"),
        ("9:30开会", "9:30开会"),
    ],
)
def test_fold_article(raw: str, folded: str) -> None:
    assert fold_article(raw) == folded


@given(st.text(max_size=200))
def test_fold_article_keeps_length(text: str) -> None:
    assert len(fold_article(text)) == len(text)


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("<@U024BE7LH> 北京西站", "北京西站"),
        ("<https://example.com|链接> 退票", "链接 退票"),
        ("<https://example.com> 退票", "退票"),
        ("*北京* _西站_ ~退票~ `1.2万`", "北京 西站 退票 1.2万"),
        ("A &amp; B &lt;!channel&gt;", "a & b <！channel>"),  # unescaped, then folded like any text
        ("<!channel> 北京", "北京"),
    ],
)
def test_fold_query_strips_slack_markup(raw: str, plain: str) -> None:
    assert fold_query(raw) == plain


def test_strip_slack_markup_keeps_text_without_markup() -> None:
    assert strip_slack_markup("北京西站日均退票") == "北京西站日均退票"


def test_user_dictionary_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "dict.txt"
    path.write_text("# comment\n动态清零 2000 nz\n坏 行 有 太多 列\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"dict\.txt:3"):
        load_user_dictionary(path)


def test_glossary_finds_longest_phrases_and_reports_leftovers(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("# source: test\nhong kong\t香港\nair quality\t空气质素|空气质量\n", encoding="utf-8")
    found, left = load_glossary(path).translate("Hong Kong air quality improved")
    assert found == [("香港",), ("空气质素", "空气质量")]
    assert left == ["improved"]
    path.write_text("broken line without tab\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"g\.tsv:1"):
        load_glossary(path)


def test_place_abbreviations_expand_only_whole_abbreviated_names(tmp_path: Path) -> None:
    glossary_path = tmp_path / "g.tsv"
    glossary_path.write_text("hong kong\t香港\n", encoding="utf-8")
    abbreviations = tmp_path / "a.tsv"
    abbreviations.write_text("# source: test\n京\t北京\n津\t天津\n冀\t河北\n", encoding="utf-8")
    glossary = load_glossary(glossary_path, abbreviations)
    assert glossary.expand_places(["京津冀", "北京"]) == ["北京", "天津", "河北"]
    assert glossary.expand_places(["京西"]) == ["京西"]  # 西 is no abbreviation: a name of its own
    abbreviations.write_text("京\t北京\n京城\t北京\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"a\.tsv:2"):
        load_glossary(glossary_path, abbreviations)


def test_the_seed_place_abbreviations_and_synonyms_load() -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    glossary = load_seed_glossary(seeds)
    assert glossary.expand_places(["粤港澳"]) == ["广东", "香港", "澳门"]
    assert "饮食" in glossary.synonyms["吃东西"]


def test_synonym_groups_are_found_longest_first_and_bad_lines_refused(tmp_path: Path) -> None:
    glossary_path = tmp_path / "g.tsv"
    glossary_path.write_text("hong kong\t香港\n", encoding="utf-8")
    synonyms = tmp_path / "s.tsv"
    synonyms.write_text("# source: test\n吃东西|饮食\n新冠|新冠肺炎\n", encoding="utf-8")
    glossary = load_glossary(glossary_path, None, synonyms)
    assert glossary.synonym_groups("感染新冠肺炎后吃东西没味道") == [("新冠", "新冠肺炎"), ("吃东西", "饮食")]
    assert glossary.synonym_groups("没有同义词") == []
    for bad in ("吃东西\n", "吃东西|饮\n", "吃东西|饮食\n饮食|进食\n"):
        synonyms.write_text("# source: test\n" + bad, encoding="utf-8")
        with pytest.raises(SeedError, match=r"s\.tsv:[23]"):
            load_glossary(glossary_path, None, synonyms)


def test_organisation_short_names_are_read_as_words_and_malformed_lines_refused(tmp_path: Path) -> None:
    path = tmp_path / "orgs.tsv"
    path.write_text("# comment\n中大\t香港中文大学|中山大学\n港大\t香港大学\n", encoding="utf-8")
    glossary = replace(load_glossary(tmp_path / "none.tsv"), organisations=load_organisations(path))
    assert glossary.organisations_in(["中", "大", "公共卫生", "学院"]) == [
        frozenset({"中大", "香港中文大学", "中山大学"})
    ]
    assert glossary.organisations_in(["其中", "大部分"]) == []
    assert glossary.organisations_in(["港大", "研究"]) == [frozenset({"港大", "香港大学"})]
    path.write_text("中大 香港中文大学\n", encoding="utf-8")
    with pytest.raises(SeedError, match=r"orgs\.tsv:1"):
        load_organisations(path)
    assert load_organisations(
        Path(__file__).resolve().parents[2] / "seeds" / "organisation_abbreviations.tsv"
    )["港大"] == ("香港大学",)
