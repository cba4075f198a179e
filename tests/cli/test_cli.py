"""The command line: the README's main job, JSON output, errors as messages and exit codes."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTBOT_DB", str(tmp_path / "cli.db"))
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_check_answers_with_claim_score_and_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "北京两周内日增病例下降六成"]) == 0
    out = capsys.readouterr().out
    assert "下降62%" in out
    assert re.search(r"匹配度：0\.\d\d", out)
    assert "结论：" in out


def test_check_json_one_object_per_query(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "北京西站日均退票1.2万张", "火星上发现了液态水湖泊"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["status"] for line in lines] == ["matched", "no_match"]
    first = lines[0]["matches"][0]
    assert set(first) >= {"claim_id", "article_id", "text", "score", "verdict"}
    assert first["verdict"]["label"] in {
        "true",
        "mostly_true",
        "misleading",
        "false",
        "unsupported",
        "opinion",
        "unchecked",
    }
    assert lines[1]["matches"] == []


def test_a_claim_with_another_figure_is_no_match_but_the_archive_is_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """北京西站日均退票量达5万张: no article says so; one says 1.2万张, and the asker should see it."""
    assert main(["check", "北京西站日均退票量达5万张"]) == 0
    out = capsys.readouterr().out
    assert "没有这样说的" in out and "但数字或日期不同" in out and "日均退票量达1.2万张" in out
    assert main(["check", "--json", "北京西站日均退票量达5万张", "火星上发现了液态水湖泊"]) == 0
    near, unrelated = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert near["status"] == "no_match" and near["matches"] == []
    assert "1.2万张" in near["offered"][0]["text"] and near["offered"][0]["verdict"]["label"]
    assert unrelated["offered"] == []


def test_a_text_joining_two_assertions_says_which_part_matched(capsys: pytest.CaptureFixture[str]) -> None:
    joined = "西站日均退票1.2万张 旅客只好改坐长途大巴回老家过春节导致大巴车票一票难求"
    assert main(["check", joined]) == 0
    out = capsys.readouterr().out
    assert "其中这一句对得上：西站日均退票1.2万张" in out and "日均退票量达1.2万张" in out
    assert main(["check", "--json", joined, "北京西站日均退票1.2万张"]) == 0
    part, whole = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert part["status"] == "matched" and part["part"] == "西站日均退票1.2万张"
    assert "part:1/2" in part["matches"][0]["reasons"]
    assert whole["part"] is None


def test_check_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("北京西站日均退票1.2万张\n\n北京日增病例两周下降62%\n"))
    assert main(["check", "--stdin", "--json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_empty_query_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "   "]) == 1
    assert "请输入要核查的说法" in capsys.readouterr().err


def test_claims_table_json_and_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims"]) == 0
    table = capsys.readouterr().out
    assert "日均退票量达1.2万张" in table and "第1张图片" not in table
    assert main(["claims", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {
        "claim_id",
        "article_id",
        "text",
        "kind",
        "worthiness",
        "quantities",
        "dates",
        "entities",
        "source",
    } <= set(rows[0])
    assert main(["claims", "--verdicts"]) == 0
    assert "不实" in capsys.readouterr().out


def test_unknown_article_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--article", "nope"]) == 1
    assert "nope" in capsys.readouterr().err


def test_ingest_reports_and_refuses_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = ROOT / "tests" / "fixtures" / "articles" / "fixture-typhoon-doksuri-2023.txt"
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["ingest", str(good), str(bad), str(tmp_path / "missing.txt")]) == 1
    captured = capsys.readouterr()
    assert "fixture-typhoon-doksuri-2023" in captured.out and "条说法" in captured.out
    assert "binary" in captured.err and "no such file" in captured.err
    assert "Traceback" not in captured.err


def test_export_claimreview(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "北京西站日均退票1.2万张"]) == 0
    claim_id = json.loads(capsys.readouterr().out)["matches"][0]["claim_id"]
    assert main(["export", "--out", str(tmp_path / "none.json")]) == 0
    assert json.loads((tmp_path / "none.json").read_text(encoding="utf-8")) == []  # nothing reviewed yet
    assert main(["verdict", claim_id, "misleading", "单日数据被称作日均", "--author", "desk"]) == 0
    assert main(["export", "--out", str(tmp_path / "out.json")]) == 0
    reviews = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert len(reviews) == 1
    review = reviews[0]
    assert review["@type"] == "ClaimReview" and review["identifier"] == claim_id
    assert review["reviewRating"]["ratingValue"] == 2 and review["reviewRating"]["bestRating"] == 5
    assert review["author"] == {"@type": "Person", "name": "cli:desk"}
    assert review["itemReviewed"]["@type"] == "Claim"
    assert main(["export", "--include-auto", "--out", str(tmp_path / "all.json")]) == 0
    everything = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(everything) > 30  # every rated claim of the seed article …
    names = {r["reviewRating"]["alternateName"] for r in everything}
    assert not any("Unchecked" in n or "待核查" in n for n in names), names  # … but none still waiting


def test_verdict_rejects_an_unknown_label(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verdict", "abc", "maybe", "why"]) == 2
    assert "无法识别的结论" in capsys.readouterr().err
