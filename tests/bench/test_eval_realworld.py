"""bench/eval_realworld.py: the datasets' protocol on its built-in sample, through the real Desk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "eval_realworld.py"


def _run(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_smoke_sample_finds_every_version_and_headline_and_nothing_unrelated(tmp_path: Path) -> None:
    out = _run("--smoke", cwd=tmp_path)
    assert out.count("recall@1:") == 2 and out.count("no-match accuracy:") == 2
    assert "recall@1: 2/2 = 1.000" in out  # two forwarded versions, with a header and list markers
    assert "recall@1: 1/1 = 1.000" in out  # another outlet's headline
    assert out.count("no-match accuracy: 1/1 = 1.000") == 2


def test_a_missing_datasets_folder_is_skipped_with_a_message(tmp_path: Path) -> None:
    out = _run("--datasets", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert "no datasets" in out and "skipped" in out


def test_the_message_latency_bench_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    script = ROOT / "bench" / "lookup_scale.py"
    done = subprocess.run(
        [sys.executable, str(script), "--smoke", "--message"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "2,000-character messages" in done.stdout and "claims/msg" in done.stdout
