"""Fact-check memory on real-world text: does a ruling follow its claim into other outlets' articles?

Usage: uv run python bench/eval_families.py [--datasets DIR] [--verbose] [--smoke]

Protocol on crossfake-zh-dev (articles of one ``group`` repeat one claim in their own words): ingest the
first article of every group, each with its headline (``zh_title``) as its title; rule (as a reviewer,
不实 False) the headline claim of each multi-article group's first article (``rule_headline``); then ingest
every other article. A later
article carries the ruling when one of its claims shows that ruling as its current verdict (carried
through its claim family). A claim of an article outside the group that carries a group's ruling joined
wrongly. Claims in a family that spans groups are counted apart: some groups relay one press release.

Everything goes through the real Desk (ingest with families, ``set_verdict``, ``verdicts``) on a
temporary database. ``--smoke`` runs the protocol on a tiny sample written for the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_realworld  # noqa: E402

from bot.articles.read import article_from_text, slugify  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.desk.service import Desk  # noqa: E402
from bot.lookup.match import rank  # noqa: E402
from bot.verdicts.labels import Label  # noqa: E402

DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
TARGET_CARRIED = 0.80
TARGET_WRONG = 0.05


@dataclass
class Figures:
    later: int = 0  # later appearances (articles after a group's first)
    carried: int = 0
    claims: int = 0
    wrong: int = 0  # claims carrying the ruling of a group their article is not in
    families: int = 0
    mixed: int = 0  # claims in a family that spans groups (some are one press release relayed twice)
    misses: list[str] = field(default_factory=list)


@dataclass
class Row:
    article_id: str
    group: str
    title: str
    text: str


def load(folder: Path) -> list[list[Row]]:
    groups: dict[str, list[Row]] = {}
    for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            text = (folder / "articles" / f"{item['id']}.txt").read_text(encoding="utf-8")
            aid = slugify(f"crossfake-{item['id']}")
            groups.setdefault(item["group"], []).append(Row(aid, item["group"], item["zh_title"], text))
    return list(groups.values())


async def ingest(desk: Desk, row: Row) -> None:
    """A published article has its headline: the title is given as metadata (as bench/eval_realworld.py does)."""
    meta = {"id": row.article_id, "title": row.title}
    await desk.library.ingest_article(article_from_text(row.text, meta, row.article_id))


async def rule_headline(desk: Desk, row: Row) -> str | None:
    """Rule the headline claim of ``row``'s article: among its claims of the title (paragraph 0, or a
    claim whose text the headline holds: a title ending in "！" reads as a body line), the one its headline
    ranks first, else the most check-worthy; without any, the article's claim the headline ranks first,
    else its most check-worthy claim. Returns the ruled claim's id."""
    claims = await desk.claims(row.article_id)
    if not claims:
        return None
    ranking = await rank(desk.db, row.title, desk.glossary)
    order = {m.candidate.claim_id: i for i, m in enumerate(ranking.ranked)}
    titled = [c for c in claims if c.paragraph == 0 or c.text in row.title]
    pool = titled or [c for c in claims if c.claim_id in order] or claims
    ruled = min(pool, key=lambda c: (order.get(c.claim_id, len(order)), -c.worthiness))
    await desk.set_verdict(ruled.claim_id, Label.FALSE, "eval ruling", "eval", local_operator=True)
    return ruled.claim_id


async def run(folder: Path, verbose: bool) -> Figures:
    figures = Figures()
    groups = load(folder)
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings.from_env(env={}), db_path=str(Path(tmp) / "families.db"))
        desk = await Desk.open(settings)
        try:
            for group in groups:
                await ingest(desk, group[0])
            ruled: dict[str, str] = {}  # group -> ruled claim
            for group in groups:
                if len(group) >= 2 and (claim_id := await rule_headline(desk, group[0])):
                    ruled[group[0].group] = claim_id
            for group in groups:
                for row in group[1:]:
                    await ingest(desk, row)
            await measure(desk, groups, ruled, figures)
        finally:
            await desk.close()
    if verbose:
        for miss in figures.misses:
            print("  ", miss)
    return figures


async def measure(desk: Desk, groups: list[list[Row]], ruled: dict[str, str], figures: Figures) -> None:
    ruling_group = {claim_id: group for group, claim_id in ruled.items()}
    group_of = {row.article_id: row.group for group in groups for row in group}
    families = await desk.families.all()
    figures.families = len(families)
    for group in groups:
        for row in group:
            claims = await desk.claims(row.article_id)
            verdicts = await desk.verdicts(c.claim_id for c in claims)
            carried = {
                c.claim_id: ruling_group.get(v.carried.claim_id)
                for c in claims
                if (v := verdicts.get(c.claim_id)) is not None and v.carried is not None
            }
            figures.claims += len(claims)
            for claim in claims:
                if carried.get(claim.claim_id) not in (None, row.group):
                    figures.wrong += 1
                    figures.misses.append(f"wrong carry: {row.article_id} {claim.text[:50]}")
            if row is not group[0] and row.group in ruled:
                figures.later += 1
                if row.group in carried.values():
                    figures.carried += 1
                else:
                    figures.misses.append(f"not carried: {row.article_id} {row.title[:50]}")
    article_of = {c.claim_id: c.article_id for c in await desk.claims()}
    for ids in families.values():
        mixed = {group_of.get(article_of.get(cid, ""), "") for cid in ids}
        figures.mixed += len(ids) if len(mixed) > 1 else 0


def report(f: Figures) -> None:
    print("crossfake-zh-dev (a ruling on each group's first article, the others ingested after)")
    print(
        f"  later appearances carrying the ruling: {f.carried}/{f.later} = {f.carried / max(f.later, 1):.3f}"
    )
    print(
        f"  claims carrying another group's ruling: {f.wrong}/{f.claims} = {f.wrong / max(f.claims, 1):.3f}"
    )
    print(f"  claims in a family spanning groups: {f.mixed}/{f.claims} = {f.mixed / max(f.claims, 1):.3f}")
    print(f"  families: {f.families}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS, help="the datasets folder")
    parser.add_argument("--verbose", action="store_true", help="list every miss and wrong join")
    parser.add_argument("--smoke", action="store_true", help="a tiny built-in sample (for the tests)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.datasets / "crossfake-zh-dev"
        if args.smoke:  # eval_realworld's sample, written for the test suite in the dataset's format
            eval_realworld.write_smoke(Path(tmp))
            folder = Path(tmp) / "crossfake-zh-dev"
        if not (folder / "index.jsonl").is_file():
            print(f"no crossfake-zh-dev in {args.datasets}: skipped (see --datasets)")
            return 0
        report(asyncio.run(run(folder, args.verbose)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
