"""SQL only through parameters: no execute() in bot/ builds its SQL from values with an f-string,
format() or concatenation, except the ``IN (?, ?, …)`` placeholder lists and fixed fragments."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
EXECUTORS = {"execute", "execute_fetchall", "executemany", "executescript"}
# Names an f-string may interpolate: placeholder lists and constant SQL fragments chosen in code.
# (``statement`` is a migration, a constant of bot/store/migrations.py.)
SAFE_NAMES = {"marks", "order", "notes", "placeholders", "sql"}  # sql: lookup_pool forwards its caller's


def _placeholders(node: ast.expr) -> bool:
    """``",".join("?" * n)``: a list of n placeholders, no values."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "join"
        and isinstance(node.func.value, ast.Constant)
        and len(node.args) == 1
        and isinstance(node.args[0], ast.BinOp)
        and isinstance(node.args[0].left, ast.Constant)
        and node.args[0].left.value == "?"
    )


def _safe_piece(node: ast.expr) -> bool:
    """A placeholder list, a local name known to hold one or a fixed fragment, or a module constant."""
    if _placeholders(node):
        return True
    return isinstance(node, ast.Name) and (node.id in SAFE_NAMES or node.id.lstrip("_").isupper())


def _unsafe(node: ast.expr) -> str | None:
    if isinstance(node, ast.JoinedStr):
        for part in node.values:
            if isinstance(part, ast.FormattedValue) and not _safe_piece(part.value):
                return ast.unparse(part.value)
        return None
    if isinstance(node, ast.Name) and not _safe_piece(node) and node.id != "statement":
        return ast.unparse(node)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        receiver_ok = _safe_piece(node.func.value)
        if receiver_ok and not node.args and all(_safe_piece(k.value) for k in node.keywords):
            return None
        return ast.unparse(node)
    if isinstance(node, ast.BinOp):
        return ast.unparse(node)
    return None


def test_every_execute_in_bot_takes_its_values_as_parameters() -> None:
    found = []
    for path in sorted(BOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_execute = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if is_execute and node.func.attr in EXECUTORS and node.args and (bad := _unsafe(node.args[0])):
                found.append(f"{path.relative_to(BOT.parent)}:{node.lineno}: {bad}")
    assert found == []
