"""What claim families cost at ingest: the same articles ingested with and without linking, into a copy of
a library of --claims claims (default 100k).

Usage: uv run python bench/families.py [--claims 100k] [--articles 40] [--seed 7] [--smoke]

The library is the synthetic corpus of bench/gen_corpus.py (built once under bench/out/, reused). Each
run copies it, opens a real Desk on the copy, and ingests the same remixed articles (bench/ingest_speed.py)
through desk.library.ingest_paths, as `factbot ingest FILE...` does: once with the desk's library (every
new claim looked up and linked, bot/desk/families.py) and once with a library that has no linker.
The two runs alternate (without, with, without, with) and the best of each is kept. Target: with <= 1.3x
without. ``--smoke``: a 1k library and 3 articles, one run each (for the test suite).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import gen_corpus  # noqa: E402
import ingest_speed  # noqa: E402

from bot.articles.library import Library  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.desk.service import Desk  # noqa: E402

TARGET_RATIO = 1.3


async def ingest_once(library_db: Path, paths: list[Path], linked: bool, work: Path) -> tuple[float, int]:
    """Seconds to ingest ``paths`` into a fresh copy of the library; and the links made."""
    copy = work / "library.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    shutil.copyfile(library_db, copy)
    settings = replace(Settings.from_env(env={}), db_path=str(copy))
    desk = await Desk.open(settings, load_seeds=False)
    try:
        await desk.warm_up()
        library = desk.library
        if not linked:
            library = Library(desk.db, lambda: desk.evidence, desk.clock, library.dictionaries)
        await library.ingest_paths(paths[:1])  # worker processes and caches start outside the clock
        started = time.perf_counter()
        await library.ingest_paths(paths[1:])
        seconds = time.perf_counter() - started
        links = sum(len(ids) for ids in (await desk.families.all()).values())
        return seconds, links
    finally:
        await desk.close()


async def measure(library_db: Path, count: int, seed: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "articles").mkdir()
        paths = ingest_speed.write_corpus(work / "articles", ingest_speed.remix(count + 1, seed))
        best = {False: float("inf"), True: float("inf")}
        links = 0
        for _ in range(runs):
            for linked in (False, True):
                seconds, made = await ingest_once(library_db, paths, linked, work)
                best[linked] = min(best[linked], seconds)
                links = made if linked else links
        ratio = best[True] / best[False]
        print(f"ingest of {count} articles into a library of {library_db.name}")
        print(f"  without families: {best[False]:.2f} s   with families: {best[True]:.2f} s")
        print(f"  ratio: {ratio:.2f}x (target <= {TARGET_RATIO}x); claims in families after: {links}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", default="100k", help="library size: 1k, 100k, 1m")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--smoke", action="store_true", help="1k library, 3 articles, one run")
    args = parser.parse_args(argv)
    if args.smoke:
        args.claims, args.articles, args.runs = "1k", 3, 1
    claims = gen_corpus.parse_size(args.claims)
    with tempfile.TemporaryDirectory() as tmp:
        # The smoke library is built in a temporary folder: nothing is written into the checkout.
        path = Path(tmp) / "library.db" if args.smoke else gen_corpus.default_path(claims, args.seed)
        if not path.exists():
            gen_corpus.build(path, claims, None, args.seed, 2, progress=False)
        asyncio.run(measure(path, args.articles, args.seed, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
