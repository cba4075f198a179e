"""Lookup quality on bench/queries/eval.jsonl: recall@1, MRR and no-match accuracy.

Usage: uv run python bench/eval_lookup.py [--queries FILE] [--verbose] [--smoke]
Ingests the seed articles and tests/fixtures/articles into a temporary database, then asks every query.
A query with "expect" is a hit when the claim ranked first contains that substring of the article;
a query with "expect": null is right when the status is no_match.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.desk.service import Desk  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "articles"


@dataclass
class Scores:
    recall_at_1: float
    mrr: float
    no_match_accuracy: float
    false_no_match: int
    positives: int
    negatives: int


async def evaluate(queries_path: Path, verbose: bool = False) -> Scores:
    queries = [
        json.loads(line) for line in queries_path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings.from_env(env={}), db_path=str(Path(tmp) / "eval.db"))
        desk = await Desk.open(settings)
        try:
            for path in sorted(FIXTURES.glob("*.txt")):
                await desk.library.ingest_path(path)
            hits = rr = 0.0
            positives = negatives = negatives_right = false_no_match = 0
            for item in queries:
                result = (await desk.check(item["query"], origin="eval")).result
                expect = item.get("expect")
                if expect is None:
                    negatives += 1
                    ok = result.status == "no_match"
                    negatives_right += ok
                else:
                    positives += 1
                    rank = next(
                        (
                            i
                            for i, m in enumerate(result.matches, 1)
                            if expect in m.claim.text and m.claim.article_id == item["article"]
                        ),
                        None,
                    )
                    ok = rank == 1 and result.status != "no_match"
                    hits += ok
                    rr += 1 / rank if rank and result.status != "no_match" else 0
                    false_no_match += result.status == "no_match"
                if verbose and not ok:
                    top = result.matches[0] if result.matches else None
                    print(
                        f"MISS [{item['type']}] {item['query']!r} expect={expect!r} -> {result.status} "
                        f"{(top.score, top.claim.text[:50]) if top else ''}"
                    )
        finally:
            await desk.close()
    return Scores(
        recall_at_1=hits / max(positives, 1),
        mrr=rr / max(positives, 1),
        no_match_accuracy=negatives_right / max(negatives, 1),
        false_no_match=false_no_match,
        positives=positives,
        negatives=negatives,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries" / "eval.jsonl")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--smoke", action="store_true", help="8 matching and 4 unmatched queries (for the tests)"
    )
    args = parser.parse_args()
    if args.smoke:
        with tempfile.TemporaryDirectory(prefix="factbot-eval-") as folder:
            sample = Path(folder) / "smoke.jsonl"
            lines = [line for line in args.queries.read_text(encoding="utf-8").splitlines() if line]
            matching = [line for line in lines if json.loads(line).get("expect") is not None]
            unmatched = [line for line in lines if json.loads(line).get("expect") is None]
            sample.write_text("\n".join(matching[:8] + unmatched[:4]) + "\n", encoding="utf-8")
            scores = asyncio.run(evaluate(sample, args.verbose))
    else:
        scores = asyncio.run(evaluate(args.queries, args.verbose))
    print(f"queries: {scores.positives} with an expected claim, {scores.negatives} that must not match")
    print(f"recall@1: {scores.recall_at_1:.3f}")
    print(f"MRR: {scores.mrr:.3f}")
    print(f"no-match accuracy: {scores.no_match_accuracy:.3f}")
    print(f"false no_match on matchable queries: {scores.false_no_match}")


if __name__ == "__main__":
    main()
