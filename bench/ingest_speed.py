"""Ingest throughput (KB/s of UTF-8 article text) and the cold-start time of `factbot claims`.

Usage: uv run python bench/ingest_speed.py [--articles 200] [--seed 7] [--runs 5] [--profile] [--skip-cold]
       [--what-if free-segmentation,no-verdicts]

Ingest: a corpus of distinct articles is made by remixing the paragraphs of the real articles
(seeds/articles, tests/fixtures/articles) with their numbers rewritten; each is written as a .txt file
with a .meta.json sidecar and ingested through the real desk.library.ingest_paths (extraction, indexing and
verdicts on every core, then the store, exactly as `factbot ingest FILE...` does) into a fresh temporary database. The reported warm
throughput excludes jieba's one-time dictionary load (timed separately); "incl. jieba load" adds it.

What-if (bounds, not the product): ``--what-if free-segmentation`` segments every article before the
clock starts, so the timed ingest only looks the words up; ``no-verdicts`` skips the automated
verdicts. They show how fast ingest could be if those parts cost nothing.

Cold start: `factbot claims` as a subprocess (.venv/bin/factbot, else `python -m bot`) on an already
seeded database, wall time, median of --runs. It is measured twice: with the caller's environment
(this sandbox sets PYTHONDONTWRITEBYTECODE=1 and the venv has no .pyc files, so every run compiles
jieba's multi-MB model modules from source) and with a bytecode cache (PYTHONPYCACHEPREFIX under
bench/out/, primed by one untimed run), which is what a normal install sees.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from bot.config import Settings  # noqa: E402
from bot.desk.service import Desk  # noqa: E402
from bot.text import segment  # noqa: E402

SOURCES = [ROOT / "seeds" / "articles", ROOT / "tests" / "fixtures" / "articles"]
TARGET_KBS = 400.0
TARGET_COLD_S = 1.5
# Digits that are part of a date (2022年, 12月, 18日, 12月15日至22日) stay: they must remain valid dates.
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?![\d.]*\s*[年月日号])")


def source_articles() -> list[tuple[list[str], dict[str, object]]]:
    """(paragraphs, metadata) of every real article."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            meta_path = path.with_name(path.stem + ".meta.json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
            out.append((paragraphs, meta))
    return out


def _rewrite_number(rng: random.Random, m: re.Match[str]) -> str:
    whole, _, frac = m.group(0).partition(".")
    digits = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(len(whole) - 1))
    return digits + ("." + "".join(str(rng.randint(0, 9)) for _ in frac) if frac else "")


def remix(count: int, seed: int) -> list[tuple[str, dict[str, object]]]:
    """``count`` distinct articles: a real headline, then 5-12 paragraphs drawn mostly from one source
    article (same script and date context) plus a few from the others, numbers rewritten."""
    rng = random.Random(seed)
    sources = source_articles()
    pool = [(p, meta) for paragraphs, meta in sources for p in paragraphs[1:]]
    articles = []
    for i in range(count):
        paragraphs, meta = sources[i % len(sources)]
        body = rng.sample(paragraphs[1:], k=min(len(paragraphs) - 1, rng.randint(5, 9)))
        body += [p for p, _ in rng.sample(pool, k=rng.randint(0, 3))]
        rng.shuffle(body)
        body = [_NUMBER.sub(lambda m: _rewrite_number(rng, m), p) for p in body]
        text = paragraphs[0] + "\n\n" + "\n\n".join(body) + "\n"
        article_meta = {
            "id": f"bench-{i:05d}",
            "title": f"{paragraphs[0][:60]} ({i})",
            "language": meta.get("language", "zh-Hans"),
            "source": "factbot bench: remixed paragraphs",
            "date_context": meta.get("date_context"),
        }
        articles.append((text, article_meta))
    return articles


def write_corpus(folder: Path, articles: list[tuple[str, dict[str, object]]]) -> list[Path]:
    paths = []
    for text, meta in articles:
        path = folder / f"{meta['id']}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_name(path.stem + ".meta.json").write_text(
            json.dumps(meta, ensure_ascii=False), encoding="utf-8"
        )
        paths.append(path)
    return paths


WHAT_IFS = ("free-segmentation", "no-verdicts")


def apply_what_ifs(names: list[str], articles: list[tuple[str, dict[str, object]]]) -> None:
    """Make the named parts of the analysis free (before the worker processes fork, so they
    inherit it). For measuring bounds only."""
    if "free-segmentation" in names:
        from bot.text import wordpath
        from bot.text.normalize import fold_article

        segment.warm_up()
        path = segment.words  # the real cut, done now, untimed
        done = {fold: path(fold) for fold in (fold_article(text) for text, _ in articles)}
        real = wordpath.WordPath.cut
        wordpath.WordPath.cut = lambda self, text: list(done[text]) if text in done else real(self, text)  # type: ignore[method-assign]
    if "no-verdicts" in names:
        import bot.articles.analyse

        bot.articles.analyse.assess_article = lambda article, claims, base: {}  # type: ignore[assignment]


async def measure_ingest(count: int, seed: int, profile: bool, what_ifs: list[str]) -> dict[str, float]:
    """Ingest the corpus through desk.library.ingest_paths, as `factbot ingest FILE...` does."""
    articles = remix(count + 1, seed)  # the first one is the (untimed) warm-up
    apply_what_ifs(what_ifs, articles)
    with tempfile.TemporaryDirectory(prefix="factbot-ingest-") as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, articles)
        settings = replace(Settings.from_env(env={}), db_path=str(folder / "ingest.db"))
        desk = await Desk.open(settings, load_seeds=False)
        try:
            started = time.perf_counter()
            segment.warm_up()  # jieba's dictionary (from its cache) and the user dictionary
            jieba_load = time.perf_counter() - started
            await desk.library.ingest_path(
                paths[0]
            )  # warm-up: first-use costs (OpenCC, regexes, verdict engine)
            total_bytes = sum(len(text.encode("utf-8")) for text, _ in articles[1:])
            profiler = cProfile.Profile() if profile else None
            if profiler is not None:
                profiler.enable()
            started = time.perf_counter()
            reports = await desk.library.ingest_paths(paths[1:])
            elapsed = time.perf_counter() - started
            if profiler is not None:
                profiler.disable()
            assert all(getattr(r, "status", None) == "new" for r in reports), reports[:3]
            claims = sum(getattr(r, "claims", 0) for r in reports)
        finally:
            await desk.close()
    if profile:
        _print_profile("event loop (analysis runs in worker processes and shows as a wait)", profiler)
    kb = total_bytes / 1024
    return {
        "articles": count,
        "kb": kb,
        "claims": claims,
        "seconds": elapsed,
        "kbs": kb / elapsed,
        "kbs_cold": kb / (elapsed + jieba_load),
        "jieba_load": jieba_load,
    }


def _print_profile(title: str, profiler: cProfile.Profile | None) -> None:
    if profiler is None:
        return
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("cumulative").print_stats(25)
    print(f"\n--- cProfile: {title} ---")
    print("\n".join(line for line in buffer.getvalue().splitlines() if line.strip())[:6000])


def factbot_command() -> list[str]:
    script = ROOT / ".venv" / "bin" / "factbot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


def _timed_runs(cmd: list[str], env: dict[str, str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return times


def measure_cold_start(runs: int) -> list[tuple[str, list[float]]]:
    cmd = [*factbot_command(), "claims"]
    python = (
        str(ROOT / ".venv" / "bin" / "python")
        if (ROOT / ".venv" / "bin" / "python").exists()
        else sys.executable
    )
    rows: list[tuple[str, list[float]]] = []
    with tempfile.TemporaryDirectory(prefix="factbot-cold-") as tmp:
        env = {**os.environ, "FACTBOT_DB": str(Path(tmp) / "cold.db"), "FACTBOT_LOG_LEVEL": "WARNING"}
        _timed_runs(cmd, env, 1)  # seeds the database (ingests the seed article once)
        label = "as-is" + (
            " (PYTHONDONTWRITEBYTECODE=1)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
        )
        rows.append((f"factbot claims, env {label}", _timed_runs(cmd, env, runs)))
        cached = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
        _timed_runs(cmd, cached, 1)  # writes the bytecode cache
        rows.append(("factbot claims, with .pyc cache", _timed_runs(cmd, cached, runs)))
        rows.append(
            ("  of which: import bot.cli", _timed_runs([python, "-c", "import bot.cli"], cached, runs))
        )
        rows.append(
            (
                "  of which: import jieba.posseg",
                _timed_runs([python, "-c", "import jieba.posseg"], cached, runs),
            )
        )
        rows.append(("  python startup (baseline)", _timed_runs([python, "-c", "pass"], cached, runs)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="remixed articles to ingest (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5, help="cold-start runs (median reported)")
    parser.add_argument("--profile", action="store_true", help="cProfile the warm ingest loop")
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold-start measurement")
    parser.add_argument(
        "--what-if", default="", help=f"comma-separated parts to make free, for bounds: {', '.join(WHAT_IFS)}"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="3 articles with every what-if, one cold-start run (tests)"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.articles, args.runs, args.what_if = 3, 1, ",".join(WHAT_IFS)
    OUT.mkdir(parents=True, exist_ok=True)

    what_ifs = [w for w in args.what_if.split(",") if w]
    if unknown := set(what_ifs) - set(WHAT_IFS):
        parser.error(f"unknown --what-if {', '.join(sorted(unknown))} (known: {', '.join(WHAT_IFS)})")
    ingest = asyncio.run(measure_ingest(args.articles, args.seed, args.profile, what_ifs))
    if what_ifs:
        print(f"\nWHAT-IF (a bound, not factbot's speed): {', '.join(what_ifs)} cost nothing in this run")
    print(
        f"\nIngest: {ingest['articles']} remixed articles, {ingest['kb']:.0f} KB, {ingest['claims']} claims, "
        f"fresh temporary database, desk.library.ingest_paths (as `factbot ingest FILE...`)"
    )
    print(f"{'measure':<54}{'value':>12}  {'target':>10}  ok")
    rows = [
        (
            "ingest throughput, warm (KB/s)",
            ingest["kbs"],
            f">= {TARGET_KBS:.0f}",
            ingest["kbs"] >= TARGET_KBS,
        ),
        ("ingest throughput, incl. jieba load (KB/s)", ingest["kbs_cold"], "", None),
        ("jieba one-time load (s)", ingest["jieba_load"], "", None),
        ("ingest wall time, warm (s)", ingest["seconds"], "", None),
        ("ms per article, warm", 1000 * ingest["seconds"] / ingest["articles"], "", None),
    ]
    for name, value, target, ok in rows:
        print(f"{name:<54}{value:>12.2f}  {target:>10}  {'' if ok is None else ('yes' if ok else 'NO')}")
    if not args.skip_cold:
        print(
            f"\nCold start: {' '.join(factbot_command())} claims on a seeded database, wall time, "
            f"median of {args.runs}"
        )
        print(f"{'command':<54}{'median s':>12}  {'min':>6} {'max':>6}  {'target':>8}  ok")
        for i, (name, times) in enumerate(measure_cold_start(args.runs)):
            med = statistics.median(times)
            target = f"<= {TARGET_COLD_S}" if i < 2 else ""
            ok = ("yes" if med <= TARGET_COLD_S else "NO") if i < 2 else ""
            print(f"{name:<54}{med:>12.3f}  {min(times):>6.3f} {max(times):>6.3f}  {target:>8}  {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
