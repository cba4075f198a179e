"""Evidence loader: valid files load with lookups and a fingerprint; every malformed line names file:line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from vhelpers import FACTS, LAWS, SEED_EVIDENCE, write_jsonl

from bot.errors import SeedError
from bot.verdicts.evidence import EvidenceBase
from bot.verdicts.evidence_files import load_evidence


def test_valid_files_load_with_lookups(mini_base: EvidenceBase) -> None:
    assert [f.fact_id for f in mini_base.facts] == ["jia-pop", "jia-pass-lifted"]
    law = mini_base.law("《样例法》")
    assert law is not None and law.total_articles == 50
    assert mini_base.law("中华人民共和国样例法") is law
    assert mini_base.law("样例") is None
    article = mini_base.article("sample-law", 12)
    assert article is not None and "通信自由" in article.text
    pop = mini_base.population("甲乙")
    assert pop is not None and dict(pop.values)["population"] == 10_000_000
    assert mini_base.population("甲乙市") is pop
    assert mini_base.population("乙市") is None
    assert [f.fact_id for f in mini_base.facts_of_kind("policy_change")] == ["jia-pass-lifted"]
    farm = mini_base.publication("farm.example.com")
    assert farm is not None and not farm.reliable
    assert mini_base.publication("sub.farm.example.com") is farm


def test_fingerprint_changes_with_content(evidence_dir: Path) -> None:
    first = load_evidence(evidence_dir).fingerprint
    assert len(first) == 64 and first == load_evidence(evidence_dir).fingerprint
    with (evidence_dir / "facts.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("# a comment changes the fingerprint too\n")
    assert load_evidence(evidence_dir).fingerprint != first


def test_period_and_optional_sources(tmp_path: Path) -> None:
    fact = dict(FACTS[0], period="2030-01-01/2030-12-31")
    del fact["date"]
    write_jsonl(tmp_path / "facts.jsonl", [fact])
    write_jsonl(tmp_path / "laws.jsonl", LAWS)
    base = load_evidence(tmp_path)
    assert base.facts[0].first.isoformat() == "2030-01-01" and base.facts[0].last.isoformat() == "2030-12-31"
    assert base.publications == ()


def _broken(tmp_path: Path, facts: list[Any], laws: list[Any] | None = None) -> str:
    write_jsonl(tmp_path / "facts.jsonl", ["# header", *facts])
    write_jsonl(tmp_path / "laws.jsonl", laws if laws is not None else LAWS)
    with pytest.raises(SeedError) as info:
        load_evidence(tmp_path)
    return str(info.value)


def _without(row: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != key}


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        (_without(FACTS[0], "source_name"), "missing field 'source_name'"),
        (dict(FACTS[0], date="2030/12/31"), "field 'date' is not an ISO date"),
        (dict(FACTS[0], url="ftp://x.example.org"), "field 'url' must be an http(s) URL"),
        (dict(FACTS[0], kind="rumour"), "field 'kind' must be one of"),
        (dict(FACTS[0], confidence="sure"), "field 'confidence' must be one of"),
        (dict(FACTS[0], values={"population": "many"}), "field 'values' must be an object of numbers"),
        (dict(FACTS[0], topic_terms="常住人口"), "field 'topic_terms' must be a list"),
        (_without(FACTS[1], "effective"), "missing field 'effective'"),
        (_without(FACTS[1], "old_state_markers"), "missing field 'old_state_markers'"),
        (dict(FACTS[0], period="2030-12-31/2030-01-01"), "first <= last"),
    ],
)
def test_malformed_fact_names_file_and_line(tmp_path: Path, row: dict[str, Any], needle: str) -> None:
    message = _broken(tmp_path, [FACTS[1], row])
    assert message.startswith(f"{tmp_path / 'facts.jsonl'}:3: ")
    assert needle in message


def test_invalid_json_and_non_object(tmp_path: Path) -> None:
    assert _broken(tmp_path, ['{"id": "x",']).startswith(f"{tmp_path / 'facts.jsonl'}:2: invalid JSON")
    assert "must be a JSON object" in _broken(tmp_path, ["[1, 2]"])


def test_duplicate_ids(tmp_path: Path) -> None:
    message = _broken(tmp_path, [FACTS[0], FACTS[0]])
    assert message.startswith(f"{tmp_path / 'facts.jsonl'}:3: duplicate fact id 'jia-pop'")


@pytest.mark.parametrize(
    ("laws", "line", "needle"),
    [
        ([LAWS[0], dict(LAWS[1], law="nope")], 2, "unknown law id 'nope'"),
        ([LAWS[0], dict(LAWS[1], article=51)], 2, "beyond the 50 articles"),
        ([dict(LAWS[0], total_articles=0)], 1, "'total_articles' must be a positive integer"),
        ([{"id": "x", "version": "1"}], 1, "missing field 'title'"),
        ([LAWS[0], LAWS[1], LAWS[1]], 3, "duplicate law article"),
    ],
)
def test_malformed_laws(tmp_path: Path, laws: list[Any], line: int, needle: str) -> None:
    message = _broken(tmp_path, [FACTS[0]], laws)
    assert message.startswith(f"{tmp_path / 'laws.jsonl'}:{line}: ") and needle in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SeedError, match=r"facts\.jsonl: evidence file is missing"):
        load_evidence(tmp_path)


def test_real_seed_evidence_loads_and_is_attributed(seed_base: EvidenceBase) -> None:
    assert len(seed_base.facts) >= 5 and len(seed_base.laws) >= 2
    for fact in seed_base.facts:
        assert fact.url.startswith(("http://", "https://")) and fact.source_name
        if fact.confidence != "high":
            assert fact.note, fact.fact_id
    pop = seed_base.population("北京市")
    assert pop is not None and dict(pop.values)["population"] == 21_843_000
    law = seed_base.law("突发事件应对法")
    assert law is not None and law.total_articles == 70
    civil = seed_base.law("《民法典》")
    assert civil is not None and civil.total_articles == 1260
    art = seed_base.article(civil.law_id, 1113)
    assert art is not None and "收养" in art.text
    changes = {f.effective.isoformat() for f in seed_base.facts_of_kind("policy_change") if f.effective}
    assert {"2022-11-11", "2022-12-07", "2022-12-13", "2023-01-08"} <= changes


def test_seed_files_are_json_lines() -> None:
    for path in SEED_EVIDENCE.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                assert isinstance(json.loads(line), dict)
