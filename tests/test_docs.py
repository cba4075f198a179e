"""The documentation stays true: every setting and every command is in the README."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli import _parser
from bot.config import settings_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for env, _, _ in settings_table():
        assert f"`{env}`" in README, env
        assert f"{env}=" in example, env


def test_every_command_is_documented() -> None:
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in commands.choices:
        assert f"factbot {name}" in README, name


def test_the_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [line.split("#")[0].strip() for line in quick.strip().splitlines()]
    assert lines == ['uv run factbot check "北京两周内日增病例下降六成"', "uv run pytest"]
    assert "uv run pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
