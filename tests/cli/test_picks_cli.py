"""The command line's side of "did you mean": numbered choices from `factbot check`, a person's earlier
pick named in the answer, and `factbot export --format picks` as JSON Lines."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import Settings
from bot.desk.service import Desk

AMBIGUOUS = "政策执行效率提升40%以上"


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTBOT_DB", str(tmp_path / "cli.db"))
    monkeypatch.chdir(tmp_path)  # no stray .env


def _pick(query: str, which: int | None, user: str) -> str | None:
    """A person picks on the CLI's database as the Slack buttons would (claim ``which``, None: none)."""

    async def run() -> str | None:
        desk = await Desk.open(Settings.from_env())
        try:
            outcome = await desk.check(query, origin="slack", user_id=user)
            claim = None if which is None else outcome.result.matches[which].claim.claim_id
            await desk.picks.choose(outcome.check_id, claim, user)
            return claim
        finally:
            await desk.close()

    return asyncio.run(run())


def test_check_prints_numbered_did_you_mean_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", AMBIGUOUS]) == 0
    out = capsys.readouterr().out
    assert "你是指下面哪一条？" in out
    numbered = re.findall(r"^  (\d)\. .*40%以上.*（匹配度 0\.\d\d，", out, re.MULTILINE)
    assert numbered[:2] == ["1", "2"]
    assert not re.search(r"^  4\. ", out, re.MULTILINE)


def test_check_names_the_person_who_confirmed_the_claim(capsys: pytest.CaptureFixture[str]) -> None:
    claim_id = _pick(AMBIGUOUS, 1, "UEDITOR")
    assert main(["check", "--json", AMBIGUOUS + "？"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["status"] == "matched" and line["matches"][0]["claim_id"] == claim_id
    assert line["confirmed_by"]["user"] == "UEDITOR"
    assert main(["check", AMBIGUOUS]) == 0
    assert "已由人确认：UEDITOR 于" in capsys.readouterr().out


def test_export_picks_writes_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "picks"]) == 0
    assert capsys.readouterr().out == ""  # no picks yet
    claim_id = _pick(AMBIGUOUS, 0, "UEDITOR")
    _pick("北京", None, "UOTHER")
    assert main(["export", "--format", "picks", "--out", str(tmp_path / "picks.jsonl")]) == 0
    assert "已导出 2 条选择" in capsys.readouterr().out
    rows = [json.loads(line) for line in (tmp_path / "picks.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["query"], r["claim_id"], r["user"], r["kind"]) for r in rows] == [
        (AMBIGUOUS, claim_id, "UEDITOR", "this_one"),
        ("北京", None, "UOTHER", "none"),
    ]
    assert "40%以上" in rows[0]["claim"] and rows[1]["claim"] is None
    assert all(re.match(r"\d{4}-\d\d-\d\dT", r["when"]) for r in rows)
    assert main(["export", "--format", "picks"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == rows
