"""Every benchmark runs in its --smoke mode (tiny sizes, seconds): a change that breaks a benchmark, or
the code it imports, fails here instead of the next time someone wants a figure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "bench").glob("*.py"))


def test_there_are_benchmarks_to_run() -> None:
    names = {p.name for p in SCRIPTS}
    assert {"gen_corpus.py", "lookup_scale.py", "load.py", "ingest_speed.py", "eval_lookup.py"} <= names


@pytest.mark.timeout(330)  # the subprocess's own limit (300 s) comes first: a loaded machine is slow
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_the_benchmark_runs_in_smoke_mode(script: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "FACTBOT_"))}
    done = subprocess.run(
        [sys.executable, str(script), "--smoke"],
        cwd=tmp_path,  # no stray .env, nothing written into the checkout's working folder
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (
        f"{script.name} --smoke failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    assert done.stdout.strip(), f"{script.name} --smoke printed nothing"
