"""`factbot check` on a long line: one answer for the message, one JSON line per input line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main

MESSAGE = (
    "网传：12月18日北京西站日均退票量达1.2万张，较政策实施前增长320%。"
    "海港市下周起地铁全线停运一个月，请大家转告亲友提前安排出行。"
)


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTBOT_DB", str(tmp_path / "cli.db"))
    monkeypatch.chdir(tmp_path)


def test_a_long_line_is_answered_as_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", MESSAGE]) == 0
    out = capsys.readouterr().out
    assert "2 条可核查的说法，1 条已有核查，1 条是新的" in out
    assert "已知：12月18日北京西站日均退票量达1.2万张" in out and "误导" in out
    assert "新：海港市下周起地铁全线停运一个月" in out


def test_json_keeps_one_line_per_input_line_with_the_claims_inside(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{MESSAGE}\n北京西站日均退票1.2万张\n"))
    assert main(["check", "--json", "--stdin"]) == 0
    message, query = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert message["kind"] == "message" and (message["checkable"], message["known"], message["new"]) == (
        2,
        1,
        1,
    )
    known, new = message["claims"]
    assert known["status"] == "matched" and known["match"]["verdict"]["label"] == "misleading"
    assert new["status"] == "no_match" and new["match"] is None
    assert message["matches"][0]["claim_id"] == known["match"]["claim_id"]
    assert "kind" not in query and query["status"] == "matched"


def test_a_pasted_chain_message_is_read_whole_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pasted = "08:41 老张 网传：\n1. 12月18日北京西站日均退票量达1.2万张，较政策实施前增长320%！\n2. 海港市下周起地铁全线停运一个月。\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(pasted))
    assert main(["check", "--json", "--message"]) == 0
    [message] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert message["kind"] == "message" and (message["checkable"], message["known"], message["new"]) == (
        2,
        1,
        1,
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    assert main(["check", "--message"]) != 0  # nothing pasted: a usage error, nothing stored
