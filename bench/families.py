"""What claim families cost at ingest: the same articles ingested with and without linking, into a copy of
a library of --claims claims (default 100k).

Usage: uv run python bench/families.py [--claims 100k] [--articles 40] [--rulings N] [--runs 2]
       [--datasets DIR] [--seed 7] [--smoke]

The library is the synthetic corpus of bench/gen_corpus.py (built once under bench/out/, reused). Each
run copies it, opens a real Desk on the copy and ingests, once with the desk's library (new claims
linked, bot/desk/families.py) and once with a library that has no linker; runs alternate and the best
of each is kept. Target: with <= 1.3x without. Scenarios:

- remixed articles (bench/ingest_speed.py) through ``ingest_paths``, as `factbot ingest FILE...` does,
  into the library as built (no rulings): what families cost when nothing has been ruled;
- with --rulings N, the same after N library claims picked at random were ruled (``set_verdict``): a
  worst case, since the remixed articles re-mix the very sentences the library is made of, so nearly
  every new claim resembles a ruling and is compared with it by the matcher;
- a re-post wave (when ``DIR/crossfake-zh-dev`` exists): the library plus the first article of every
  CrossFake group, its headline claim ruled (bench/eval_families.py), then every later article of the
  groups ingested, each repeating a ruled claim in its own words.

``--smoke``: a 1k library, 3 articles and 5 rulings, one run each, no dataset (for the test suite).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_families  # noqa: E402
import gen_corpus  # noqa: E402
import ingest_speed  # noqa: E402

from bot.articles.library import Library  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.desk.service import Desk  # noqa: E402
from bot.verdicts.labels import Label  # noqa: E402

TARGET_RATIO = 1.3


Ingest = Callable[[Library, bool], Awaitable[None]]  # (library, timed?): ingest the untimed or the timed part


async def ingest_once(library_db: Path, ingest: Ingest, linked: bool, work: Path) -> tuple[float, int]:
    """Seconds the timed part of ``ingest`` takes on a fresh copy of the library; and the claims in
    families after."""
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
        await ingest(library, False)  # worker processes and caches start outside the clock
        started = time.perf_counter()
        await ingest(library, True)
        seconds = time.perf_counter() - started
        links = sum(len(ids) for ids in (await desk.families.all()).values())
        return seconds, links
    finally:
        await desk.close()


async def compare(title: str, library_db: Path, ingest: Ingest, runs: int, work: Path) -> float:
    """Alternate runs without and with families (the best of each kept) and print the ratio."""
    best = {False: float("inf"), True: float("inf")}
    links = 0
    for _ in range(runs):
        for linked in (False, True):
            seconds, made = await ingest_once(library_db, ingest, linked, work)
            best[linked] = min(best[linked], seconds)
            links = made if linked else links
    ratio = best[True] / best[False]
    print(title)
    print(f"  without families: {best[False]:.2f} s   with families: {best[True]:.2f} s")
    print(f"  ratio: {ratio:.2f}x (target <= {TARGET_RATIO}x); claims in families after: {links}")
    return ratio


async def with_rulings(library_db: Path, rulings: int, seed: int, work: Path) -> Path:
    """A copy of the library in which ``rulings`` claims picked at random carry a reviewer's ruling."""
    ruled = work / "ruled.db"
    shutil.copyfile(library_db, ruled)
    desk = await Desk.open(replace(Settings.from_env(env={}), db_path=str(ruled)), load_seeds=False)
    try:
        total = (await desk.db.conn.execute_fetchall("SELECT max(rowid) FROM claims"))[0][0]
        rowids = random.Random(seed).sample(range(1, total + 1), min(rulings, total))
        marks = ",".join("?" * len(rowids))
        rows = await desk.db.conn.execute_fetchall(
            f"SELECT claim_id FROM claims WHERE rowid IN ({marks})", rowids
        )  # placeholders only
        for (claim_id,) in rows:
            await desk.set_verdict(claim_id, Label.FALSE, "bench ruling", "bench", local_operator=True)
    finally:
        await desk.close()
    return ruled


async def with_wave(library_db: Path, groups: list[list[eval_families.Row]], work: Path) -> Path:
    """A copy of the library holding the first article of every CrossFake group, its headline ruled."""
    base = work / "wave.db"
    shutil.copyfile(library_db, base)
    desk = await Desk.open(replace(Settings.from_env(env={}), db_path=str(base)), load_seeds=False)
    try:
        for group in groups:
            await eval_families.ingest(desk, group[0])
        for group in groups:
            if len(group) >= 2:
                await eval_families.rule_headline(desk, group[0])
    finally:
        await desk.close()
    return base


async def measure(args: argparse.Namespace, library_db: Path) -> list[float]:
    ratios: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "articles").mkdir()
        paths = ingest_speed.write_corpus(work / "articles", ingest_speed.remix(args.articles + 1, args.seed))

        async def remixed(library: Library, timed: bool) -> None:
            await library.ingest_paths(paths[1:] if timed else paths[:1])

        name = library_db.name
        title = f"{args.articles} remixed articles into {name}, no rulings"
        ratios.append(await compare(title, library_db, remixed, args.runs, work))
        if args.rulings:
            ruled = await with_rulings(library_db, args.rulings, args.seed, work)
            title = (
                f"{args.articles} remixed articles into {name} with {args.rulings} claims ruled at random "
                "(worst case: the articles re-mix the library's own sentences, so nearly every new claim "
                "resembles a ruling and is looked up)"
            )
            ratios.append(await compare(title, ruled, remixed, args.runs, work))
        folder = args.datasets / "crossfake-zh-dev"
        if folder.is_dir():
            groups = eval_families.load(folder)
            later = [row for group in groups for row in group[1:]]
            base = await with_wave(library_db, groups, work)

            (work / "wave").mkdir()
            files = ingest_speed.write_corpus(
                work / "wave", [(row.text, {"id": row.article_id, "title": row.title}) for row in later]
            )

            async def wave(library: Library, timed: bool) -> None:
                await library.ingest_paths(files[1:] if timed else files[:1])

            title = (
                f"a re-post wave: the {len(later) - 1} later CrossFake articles into {name} holding each "
                f"group's first article, {sum(len(g) >= 2 for g in groups)} headline claims ruled"
            )
            ratios.append(await compare(title, base, wave, args.runs, work))
        else:
            print(f"(no {folder}: the re-post wave is skipped)")
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", default="100k", help="library size: 1k, 100k, 1m")
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--rulings", type=int, default=0, help="library claims ruled at random (worst case)")
    parser.add_argument("--datasets", type=Path, default=eval_families.DEFAULT_DATASETS)
    parser.add_argument("--smoke", action="store_true", help="1k library, 3 articles, one run")
    args = parser.parse_args(argv)
    if args.smoke:
        args.claims, args.articles, args.runs, args.rulings = "1k", 3, 1, 5
        args.datasets = Path("/nonexistent")  # the smoke run stays self-contained
    claims = gen_corpus.parse_size(args.claims)
    with tempfile.TemporaryDirectory() as tmp:
        # The smoke library is built in a temporary folder: nothing is written into the checkout.
        path = Path(tmp) / "library.db" if args.smoke else gen_corpus.default_path(claims, args.seed)
        if not path.exists():
            gen_corpus.build(path, claims, None, args.seed, 2, progress=False)
        asyncio.run(measure(args, path))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
