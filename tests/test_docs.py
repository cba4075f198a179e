"""The documentation stays true: every setting and every command is in the README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.cli import _parser
from bot.config import settings_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = {path: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}


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


def test_every_factbot_command_named_in_the_docs_exists() -> None:
    commands = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    for path, text in {ROOT / "README.md": README, **DOCS}.items():
        for name in re.findall(r"`(?:uv run )?factbot ([a-z]+)", text):
            assert name in commands.choices, f"{path.name}: factbot {name}"


def test_every_page_and_script_the_docs_name_exists() -> None:
    for path, text in {ROOT / "README.md": README, **DOCS}.items():
        for link in re.findall(r"\]\(([^)#:]+)\)", text):
            assert (path.parent / link).exists(), f"{path.name} links to a missing {link}"
        for script in re.findall(r"(?<![\w/])(bench/[\w/]+\.py)", text):
            assert (ROOT / script).exists(), f"{path.name} names a missing {script}"
