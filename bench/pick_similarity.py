"""Where NEAR_SIMILARITY (bot/desk/picks.py) comes from: how similar two queries get under
bot.desk.picks' own normal form and shingles, when they aim at different claims and when one is a
re-typed version of the other.

    uv run python bench/pick_similarity.py [--queries bench/queries/eval.jsonl] [--smoke]

Prints, over all pairs of the query set: the highest similarity of two queries aimed at different
claims (with and without the same-numbers rule), and over re-typed versions of every query (a question
mark, 是真的吗, a Slack mention, full-width punctuation, a doubled character): the share that reaches
the threshold.
"""

from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import Path

from bot.desk.picks import NEAR_SIMILARITY, jaccard, normal_form, numbers, shingles

ROOT = Path(__file__).resolve().parent.parent


def similarity(a: str, b: str) -> float:
    fa, fb = normal_form(a), normal_form(b)
    if fa == fb:
        return 1.0
    ga, gb = shingles(fa), shingles(fb)
    return jaccard(len(ga & gb), len(ga), len(gb))


def retyped(query: str) -> list[str]:
    """Ways the same question comes back: generic edits, none written for a particular query."""
    middle = len(query) // 2
    return [
        query + "?",
        query.rstrip("?？") + "是真的吗",
        "<@U0PERSON> " + query,
        query.replace(",", "，").replace("?", "？"),
        query[:middle] + query[middle] + query[middle:],  # a character typed twice
        "「" + query + "」",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "queries" / "eval.jsonl")
    parser.add_argument("--smoke", action="store_true", help="the first 20 queries only")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line]
    if args.smoke:
        rows = rows[:20]
    target = [(r["article"], r.get("expect") or f"none:{i}") for i, r in enumerate(rows)]
    worst_any = worst_guarded = 0.0
    worst_pair = ("", "")
    pairs = 0
    for (i, a), (j, b) in combinations(enumerate(rows), 2):
        if target[i] == target[j]:
            continue
        pairs += 1
        score = similarity(a["query"], b["query"])
        worst_any = max(worst_any, score)
        if numbers(normal_form(a["query"])) == numbers(normal_form(b["query"])) and score > worst_guarded:
            worst_guarded, worst_pair = score, (a["query"], b["query"])
    versions = [(r["query"], v) for r in rows for v in retyped(r["query"])]
    kept = [
        similarity(q, v) >= NEAR_SIMILARITY and numbers(normal_form(q)) == numbers(normal_form(v))
        for q, v in versions
    ]
    print(f"queries {len(rows)}, pairs aimed at different claims {pairs}")
    print(f"highest similarity of such a pair: {worst_any:.3f} (any numbers)")
    print(f"highest with the same numbers:     {worst_guarded:.3f}  {worst_pair}")
    print(
        f"re-typed versions reusing the pick at {NEAR_SIMILARITY}: {sum(kept)}/{len(kept)}"
        f" = {sum(kept) / max(len(kept), 1):.3f}"
    )


if __name__ == "__main__":
    main()
