"""Lookup latency and memory at 1k, 100k and 1M claims, answered as the server's lookup workers answer.

Usage: uv run python bench/lookup_scale.py [--sizes 1k,100k,1m | --quick] [--queries 1000] [--seed 7]
       [--profile] [--rebuild] [--smoke] [--message [--messages 200]]

For each size the synthetic corpus (bench/gen_corpus.py) is built or reused from bench/out/. Each size is
measured in a fresh child process (so its RSS is its own): read the database file once (the OS
page cache, as on a server), start a bot.lookup.pool.LookupWorker on it (what each lookup process of
`factbot serve` runs: the database read-only, jieba and the seed glossary with its general dictionaries,
load_seed_glossary, as the app loads them), run a warm-up of 30 lookups, then time --queries lookups,
one at a time, with `worker.answer(text)` (bot.lookup.message.answer: a short text is looked up as one
claim by bot.lookup.match.lookup); no result is cached. Wall and process CPU time are both reported:
on a shared machine other work inflates the first. A generated text that the app answers as a message
(two sentences of a long remixed claim: bot.lookup.message.is_message) is timed apart, as kind "message".
Queries are claims of the corpus perturbed the way editors write them: words dropped (paraphrase),
numbers rewritten (1.2万 / 12,000 / 百分之六十二), question framing, traditional characters, plus
no-match queries (off-topic sentences with numbers). A second, untimed-for-the-headline pass wraps the
store calls to show where the time goes (prepare = folding + jieba + number/date parsing; vocab =
fts5vocab document frequencies and the claim count, one query; fts+fetch = the FTS5 query and its candidate rows, one query;
rerank = the rest, Python scoring). --profile adds a cProfile of the timed loop.
RSS: VmRSS from /proc/self/status after the lookups, and ru_maxrss (peak) of the child.

--message times whole messages instead (the same worker.answer, as /checkclaim and the shortcut
answer long text): each is 2,000 characters of corpus claims, new sentences, a chat header and list
markers, so every claim in it is extracted and looked up and the whole is measured as a version. The
corpus's text index of versions is filled first (a bulk-loaded corpus has none; the time is shown).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import gen_corpus  # noqa: E402

import bot.lookup.match as lookup_module  # noqa: E402
from bot.lookup.message import Answer, MessageResult, is_message  # noqa: E402
from bot.lookup.pool import LookupWorker  # noqa: E402
from bot.store import claims as claim_store  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.text import segment  # noqa: E402
from bot.text.normalize import fold_article  # noqa: E402

# 1M: a short query p99 <= 10 ms (issue 15); 1k and 100k: the earlier targets of issue 3.
TARGET_P99_MS = {1_000: 5.0, 100_000: 15.0, 1_000_000: 10.0}
TARGET_RSS_MB = {1_000_000: 300.0}
WARMUP = 30
OFF_TOPIC = [
    "苹果公司第三季度营收达到{n}亿美元",
    "中国女排在世界杯上以{n}比0战胜对手",
    "某品牌新能源汽车月销量突破{n}万辆",
    "今年高考报名人数达{n}万人创历史新高",
    "故宫博物院{n}月起实行分时段预约参观",
    "国际油价周三上涨{n}%至每桶90美元",
    "研究发现每天喝咖啡{n}杯可降低患病风险",
    "上证指数收盘报{n}点较前一交易日下跌",
    "这部电影的票房在上映{n}天后突破20亿元",
    "火星探测器已在轨运行{n}天传回大量图像",
    "某市地铁{n}号线将于年底开通运营",
    "全国小麦播种面积达{n}万亩同比增加",
    "Apple shipped {n} million iPhones last quarter",
    "The central bank cut rates by {n} basis points",
    "世界杯决赛吸引了全球{n}亿观众收看",
]
_NUM = re.compile(r"\d+(?:\.\d+)?")
_CN_DIGITS = "零一二三四五六七八九"


def _cn_number(n: int) -> str:
    """Small integers in Chinese numerals (1..99): 62 -> 六十二."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _rewrite_numbers(text: str, rng: random.Random) -> str:
    """Write the claim's numbers another way (same value): 12000 -> 1.2万 / 12,000; 62% -> 百分之六十二."""

    def one(m: re.Match[str]) -> str:
        raw = m.group(0)
        after = text[m.end() : m.end() + 1]
        if "." in raw:
            return raw
        value = int(raw)
        if after == "%" and value < 100 and rng.random() < 0.6:
            return "百分之" + _cn_number(value) + "\x00"  # \x00: drop the % that follows
        if value >= 10000 and value % 1000 == 0:
            return f"{value / 10000:g}万"
        if value >= 1000:
            return f"{value:,}"
        return raw

    return _NUM.sub(one, text).replace("\x00%", "")


def make_queries(db_path: Path, count: int, seed: int) -> list[tuple[str, str, str | None]]:
    """(kind, query, claim_id expected or None) built from random claims of the corpus."""
    import sqlite3

    rng = random.Random(seed)
    conn = sqlite3.connect(db_path)
    total = conn.execute("SELECT max(rowid) FROM claims").fetchone()[0]
    queries: list[tuple[str, str, str | None]] = []
    kinds = (
        ["drop"] * 35
        + ["numbers"] * 20
        + ["question"] * 10
        + ["traditional"] * 10
        + ["exact"] * 5
        + ["none"] * 20
    )
    for _ in range(count):
        kind = rng.choice(kinds)
        if kind == "none":
            queries.append((kind, rng.choice(OFF_TOPIC).format(n=rng.randint(2, 98)), None))
            continue
        text, claim_id = conn.execute(
            "SELECT text, claim_id FROM claims WHERE rowid = ?", (rng.randint(1, total),)
        ).fetchone()
        folded = fold_article(text)
        if kind == "drop":
            words = segment.words(folded)
            content = [i for i, w in enumerate(words) if len(w) >= 2 and not _NUM.search(w)]
            drop = set(rng.sample(content, k=len(content) // 3)) if len(content) >= 3 else set()
            query = "".join(w for i, w in enumerate(words) if i not in drop)
        elif kind == "numbers":
            query = _rewrite_numbers(folded, rng)
        elif kind == "question":
            query = folded.rstrip("。") + rng.choice(["是真的吗？", "吗?", "，是否属实"])
        elif kind == "traditional":
            import opencc

            query = opencc.OpenCC("s2t").convert(folded)
        else:
            query = text
        queries.append((kind, query, claim_id))
    conn.close()
    return queries


def _warm_page_cache(db_path: Path) -> None:
    """Read the database file once so the OS caches it: a server's database is hot, and a first
    pass from disk would measure the disk (runs right after building a corpus were ~4x slower)."""
    with db_path.open("rb") as handle:
        while handle.read(1 << 20):
            pass


def rss_mb() -> tuple[float, float]:
    """(VmRSS now, ru_maxrss peak) in MB."""
    now = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            now = int(line.split()[1]) / 1024
    return now, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PhaseTimer:
    """Wraps the store calls lookup makes (module attributes, so wrapping changes nothing else)."""

    NAMES: ClassVar[dict[str, str]] = {
        "term_frequencies": "vocab",
        "weighted_candidates": "fts+fetch",
        "matching_candidates": "fts+fetch",
    }

    def __init__(self) -> None:
        self.totals = dict.fromkeys(["prepare", *self.NAMES.values()], 0.0)
        self.saved: list[tuple[object, str, object]] = []

    def _wrap(self, module: object, name: str, label: str) -> None:
        original = getattr(module, name)

        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.totals[label] += time.perf_counter() - started

        self.saved.append((module, name, original))
        setattr(module, name, wrapper)

    def __enter__(self) -> PhaseTimer:
        for name, label in self.NAMES.items():
            self._wrap(claim_store, name, label)
        original = lookup_module.prepare

        def prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.totals["prepare"] += time.perf_counter() - started

        self.saved.append((lookup_module, "prepare", original))
        lookup_module.prepare = prepare  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        for module, name, original in reversed(self.saved):
            setattr(module, name, original)


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def best_claim_id(result: Answer) -> str | None:
    looked = result.summary() if isinstance(result, MessageResult) else result
    return looked.matches[0].claim.claim_id if looked.matches else None


def measure(db_path: Path, count: int, seed: int, profile: bool) -> dict[str, object]:
    worker = LookupWorker(str(db_path), ROOT / "seeds")
    queries = make_queries(db_path, count + WARMUP, seed)
    _warm_page_cache(db_path)
    warmup, timed = queries[:WARMUP], queries[WARMUP:]
    try:
        for _, text, _ in warmup:
            worker.answer(text)
        latencies: list[float] = []
        cpu: list[float] = []
        by_kind: dict[str, list[float]] = {}
        statuses: dict[str, int] = {}
        hits = positives = negatives_right = negatives = 0
        profiler = cProfile.Profile() if profile else None
        if profiler is not None:
            profiler.enable()
        for kind, text, expected in timed:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = worker.answer(text)
            elapsed = (time.perf_counter() - started) * 1000
            if is_message(text):  # answered claim by claim: no short query (kind "message" below)
                by_kind.setdefault("message", []).append(elapsed)
            else:
                cpu.append((time.process_time() - started_cpu) * 1000)
                latencies.append(elapsed)
                by_kind.setdefault(kind, []).append(elapsed)
            statuses[result.status] = statuses.get(result.status, 0) + 1
            if expected is None:
                negatives += 1
                negatives_right += result.status == "no_match"
            else:
                positives += 1
                hits += best_claim_id(result) == expected
        if profiler is not None:
            profiler.disable()
        vm_rss, max_rss = rss_mb()
        with PhaseTimer() as phases:
            started = time.perf_counter()
            for _, text, _ in timed:
                worker.answer(text)
            phase_total = time.perf_counter() - started
    finally:
        worker.close()
    profile_text = ""
    if profiler is not None:
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(15)
        profile_text = "\n".join(line for line in buffer.getvalue().splitlines() if line.strip())
    n = len(timed)
    phase_ms = {k: 1000 * v / n for k, v in phases.totals.items()}
    phase_ms["rerank+rest"] = 1000 * phase_total / n - sum(phase_ms.values())
    ordered, cpu = sorted(latencies), sorted(cpu)
    return {
        "queries": n,
        "short": len(ordered),
        "p50": statistics.median(ordered),
        "p90": percentile(ordered, 0.90),
        "p99": percentile(ordered, 0.99),
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
        "cpu_p50": statistics.median(cpu),
        "cpu_p99": percentile(cpu, 0.99),
        "p99_by_kind": {k: percentile(sorted(v), 0.99) for k, v in by_kind.items()},
        "statuses": statuses,
        "hit_at_1": hits / max(positives, 1),
        "no_match_right": negatives_right / max(negatives, 1),
        "vm_rss_mb": vm_rss,
        "max_rss_mb": max_rss,
        "phase_ms": phase_ms,
        "profile": profile_text,
    }


def child(args: argparse.Namespace) -> int:
    if args.message:
        print(json.dumps(measure_messages(Path(args.child), args.messages, args.seed)))
        return 0
    result = measure(Path(args.child), args.queries, args.seed, args.profile)
    print(json.dumps(result))
    return 0


def ensure_corpus(
    claims: int, seed: int, rebuild: bool, folder: Path | None = None
) -> tuple[Path, dict[str, object]]:
    """The corpus of ``claims`` claims, built unless cached (in ``folder`` instead of bench/out)."""
    path = folder / f"corpus-{claims}.db" if folder else gen_corpus.default_path(claims, seed)
    sidecar = Path(str(path) + ".json")
    if rebuild or not (path.exists() and sidecar.exists()):
        print(
            f"building the {gen_corpus.size_label(claims)} corpus at {path} ...", file=sys.stderr, flush=True
        )
        cmd = [
            sys.executable,
            str(ROOT / "bench" / "gen_corpus.py"),
            "--claims",
            str(claims),
            "--seed",
            str(seed),
            "--force",
            "--out",
            str(path),
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return path, json.loads(sidecar.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Lookup p50/p99 latency, RSS and index build time by corpus size."
    )
    parser.add_argument("--sizes", default="1k,100k,1m", help="comma-separated sizes (default 1k,100k,1m)")
    parser.add_argument("--quick", action="store_true", help="sizes 1k,100k")
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of each size's timed loop")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the corpora even if cached")
    parser.add_argument(
        "--smoke", action="store_true", help="300 claims, 40 queries, temporary files (tests)"
    )
    parser.add_argument("--message", action="store_true", help="time 2,000-character messages instead")
    parser.add_argument("--messages", type=int, default=200, help="messages timed per size (--message)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    if args.smoke:
        args.sizes, args.queries, args.quick, args.messages = "300", 40, False, 10
        with tempfile.TemporaryDirectory(prefix="factbot-scale-") as folder:
            return run(args, Path(folder))
    return run(args, None)


def run(args: argparse.Namespace, folder: Path | None) -> int:
    sizes = [gen_corpus.parse_size(s) for s in ("1k,100k" if args.quick else args.sizes).split(",")]
    rows = []
    for claims in sizes:
        path, stats = ensure_corpus(claims, args.seed, args.rebuild, folder)
        cmd = [
            sys.executable,
            __file__,
            "--child",
            str(path),
            "--queries",
            str(args.queries),
            "--seed",
            str(args.seed),
        ]
        if args.profile:
            cmd.append("--profile")
        if args.message:
            cmd += ["--message", "--messages", str(args.messages)]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append((claims, stats, result))
        if args.profile:
            print(f"\n=== cProfile, {gen_corpus.size_label(claims)} claims, {result['queries']} lookups ===")
            print(result["profile"][:9000])
    if args.message:
        return report_messages(rows)

    print(
        f"\nshort queries through a LookupWorker (bot.lookup.pool), {args.queries} per size after {WARMUP} "
        "warm-up, one at a time (cpu: process CPU time, which other work on a shared machine does not inflate)"
    )
    print(
        f"{'claims':>10} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} {'max ms':>7} {'p99 target':>10} "
        f"{'cpu p50':>7} {'cpu p99':>7} {'RSS MB':>7} {'peak MB':>7} {'build s':>8} {'hit@1':>6} {'nomatch':>7}  ok"
    )
    for claims, stats, r in rows:
        target = TARGET_P99_MS.get(claims)
        rss_target = TARGET_RSS_MB.get(claims)
        ok = (target is None or r["p99"] <= target) and (rss_target is None or r["vm_rss_mb"] <= rss_target)
        print(
            f"{claims:>10,} {r['p50']:>7.2f} {r['p90']:>7.2f} {r['p99']:>7.2f} {r['max']:>7.2f} "
            f"{'<= ' + format(target, 'g') if target else '':>10} {r['cpu_p50']:>7.2f} {r['cpu_p99']:>7.2f} "
            f"{r['vm_rss_mb']:>7.0f} {r['max_rss_mb']:>7.0f} "
            f"{stats['build_seconds']:>8.1f} {r['hit_at_1']:>6.2f} {r['no_match_right']:>7.2f}  "
            f"{'yes' if ok else 'NO'}"
        )
    print("\nwhere the time goes (mean ms per lookup; second pass with the store calls wrapped)")
    names = list(rows[0][2]["phase_ms"]) if rows else []
    print(f"{'claims':>10} " + " ".join(f"{n:>11}" for n in names))
    for claims, _, r in rows:
        print(f"{claims:>10,} " + " ".join(f"{r['phase_ms'][n]:>11.2f}" for n in names))
    print(
        "\np99 ms by query kind (message: generated texts of two sentences that the app answers claim by "
        "claim, as a message; not in the short-query figures above)"
    )
    for claims, _, r in rows:
        print(f"{claims:>10,}: {r['queries'] - r['short']} of {r['queries']} texts answered as messages")
    kinds = sorted({k for _, _, r in rows for k in r["p99_by_kind"]})
    print(f"{'claims':>10} " + " ".join(f"{k:>11}" for k in kinds))
    for claims, _, r in rows:
        print(f"{claims:>10,} " + " ".join(f"{r['p99_by_kind'].get(k, float('nan')):>11.2f}" for k in kinds))
    if rss_note := [c for c, _, r in rows if TARGET_RSS_MB.get(c)]:
        print(
            f"RSS target: <= {TARGET_RSS_MB[rss_note[0]]:g} MB at {rss_note[0]:,} claims (VmRSS after the lookups)"
        )
    return 0


MESSAGE_CHARS = 2000
MESSAGE_WARMUP = 5
TARGET_MESSAGE_P99_MS = {100_000: 150.0}


def make_messages(db_path: Path, count: int, seed: int) -> list[str]:
    """Messages of MESSAGE_CHARS characters: a chat header, then numbered lines, two in three a claim of
    the corpus (as forwarded), the rest new sentences."""
    import sqlite3

    rng = random.Random(seed)
    conn = sqlite3.connect(db_path)
    total = conn.execute("SELECT max(rowid) FROM claims").fetchone()[0]
    messages = []
    for _ in range(count):
        lines = [f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} 老王 网传："]
        while sum(len(line) + 1 for line in lines) < MESSAGE_CHARS:
            if rng.random() < 2 / 3:
                row = conn.execute(
                    "SELECT text FROM claims WHERE rowid = ?", (rng.randint(1, total),)
                ).fetchone()
                sentence = row[0] if row else rng.choice(OFF_TOPIC).format(n=rng.randint(2, 98))
            else:
                sentence = rng.choice(OFF_TOPIC).format(n=rng.randint(2, 98))
            lines.append(f"{len(lines)}. {sentence.rstrip('。')}。")
        messages.append("\n".join(lines)[:MESSAGE_CHARS])
    conn.close()
    return messages


def measure_messages(db_path: Path, count: int, seed: int) -> dict[str, object]:
    from bot.store import versions as version_store

    async def index_versions() -> int:
        db = await Database.open(db_path)
        try:
            return await db.write(version_store.index_missing)
        finally:
            await db.close()

    started = time.perf_counter()
    indexed = asyncio.run(index_versions())
    index_seconds = time.perf_counter() - started
    worker = LookupWorker(str(db_path), ROOT / "seeds")
    messages = make_messages(db_path, count + MESSAGE_WARMUP, seed)
    try:
        _warm_page_cache(db_path)
        for text in messages[:MESSAGE_WARMUP]:
            worker.answer(text)
        latencies, cpu, claims, known = [], [], [], []
        for text in messages[MESSAGE_WARMUP:]:
            started, started_cpu = time.perf_counter(), time.process_time()
            result = worker.answer(text)
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert isinstance(result, MessageResult)
            claims.append(len(result.checkable))
            known.append(len(result.known))
        vm_rss, max_rss = rss_mb()
    finally:
        worker.close()
    ordered, cpu = sorted(latencies), sorted(cpu)
    return {
        "messages": len(ordered),
        "cpu_p50": statistics.median(cpu),
        "cpu_p99": percentile(cpu, 0.99),
        "p50": statistics.median(ordered),
        "p99": percentile(ordered, 0.99),
        "max": ordered[-1],
        "claims_looked_up": statistics.fmean(claims),
        "known": statistics.fmean(known),
        "indexed_articles": indexed,
        "index_seconds": index_seconds,
        "vm_rss_mb": vm_rss,
        "max_rss_mb": max_rss,
    }


def report_messages(rows: list[tuple[int, dict[str, object], dict[str, object]]]) -> int:
    print(f"\n{MESSAGE_CHARS:,}-character messages through a LookupWorker (bot.lookup.pool), one at a time")
    print("(cpu: process CPU time per message, which other work on a shared machine does not inflate)")
    print(
        f"{'claims':>10} {'messages':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'p99 target':>10} "
        f"{'cpu p50':>7} {'cpu p99':>7} {'claims/msg':>10} {'known/msg':>9} {'text index':>16} {'RSS MB':>7}  ok"
    )
    for claims, _, r in rows:
        target = TARGET_MESSAGE_P99_MS.get(claims)
        p99 = float(str(r["p99"]))
        index = f"{r['indexed_articles']} in {float(str(r['index_seconds'])):.1f}s"
        print(
            f"{claims:>10,} {r['messages']:>8} {float(str(r['p50'])):>7.1f} {p99:>7.1f} "
            f"{float(str(r['max'])):>7.1f} {'<= ' + format(target, 'g') if target else '':>10} "
            f"{float(str(r['cpu_p50'])):>7.1f} {float(str(r['cpu_p99'])):>7.1f} "
            f"{float(str(r['claims_looked_up'])):>10.1f} {float(str(r['known'])):>9.1f} {index:>16} "
            f"{float(str(r['vm_rss_mb'])):>7.0f}  {'yes' if target is None or p99 <= target else 'NO'}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
