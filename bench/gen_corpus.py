"""Synthetic claim corpus for the lookup benchmarks, written into a factbot SQLite database by factbot's
own code.

Usage: uv run python bench/gen_corpus.py --claims 100000 [--out bench/out/corpus-100k.db] [--articles N]
       [--seed 7] [--workers 2] [--force] [--smoke]

Claim texts are made by re-mixing real clauses of the real articles (seeds/articles,
tests/fixtures/articles): 1-3 clauses per sentence, with the numbers inside quantities rewritten at
random, dates replaced by random dates and place names swapped for others (deterministic: one
random.Random per article, seeded from --seed and the article number, so the corpus does not depend on
--workers). Each synthetic article is then what an ingest makes of it: bot.articles.analyse.index_article
(extraction, description and index terms), bot.store.claims.encode_article and save_articles (the rows
and the term frequencies), on a schema from the real Database.open. Nothing of that pipeline is copied
here, so the corpus follows the code it benchmarks (a generator that re-implemented indexing stopped
running when the extractor's signature changed). Automated verdicts are not computed: lookup never
reads them. The claim count is the extractor's, stopped at --claims.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import multiprocessing as mp
import random
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from bot.articles.analyse import index_article  # noqa: E402
from bot.articles.read import read_article  # noqa: E402
from bot.claims.extract import extract_claims  # noqa: E402
from bot.claims.models import Article  # noqa: E402
from bot.store.claims import ArticleRows, encode_article, save_articles  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.text import segment  # noqa: E402
from bot.text.dates import parse_dates  # noqa: E402
from bot.text.normalize import fold_article  # noqa: E402
from bot.text.numbers import parse_quantities  # noqa: E402

SOURCES = [ROOT / "seeds" / "articles", ROOT / "tests" / "fixtures" / "articles"]
PLACES = (
    "北京 上海 天津 重庆 广州 深圳 杭州 南京 武汉 成都 西安 郑州 长沙 沈阳 哈尔滨 长春 济南 青岛 厦门 "
    "福州 南昌 合肥 昆明 贵阳 南宁 海口 兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 石家庄 太原 大连 苏州 "
    "无锡 宁波 温州 佛山 东莞 珠海 香港 澳门 台北 朝阳区 海淀区 丰台区 浦东新区 天河区 福建 广东 "
    "浙江 江苏 山东 河南 河北 湖南 湖北 四川 云南 贵州 陕西 甘肃 辽宁 吉林 黑龙江 新疆 西藏 晋江 泉州"
).split()
_PIECE = re.compile(r"[，；]")
_DIGITS = re.compile(r"\d+")
ARTICLE_CLAIMS = 40  # claims per synthetic article by default: a long news article's count


@dataclass(frozen=True, slots=True)
class Template:
    """A real clause (folded text) and where its numbers, dates and place names are."""

    text: str
    context: date | None
    slots: tuple[tuple[int, int, str], ...]  # (start, end, kind) with kind "num" | "date" | "place"


def load_templates() -> list[Template]:
    """Every clause of every real article's claims, with its replaceable spans."""
    segment.configure([ROOT / "seeds" / "jieba_userdict.txt"])
    templates: dict[str, Template] = {}
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            article = read_article(path)
            for claim in extract_claims(article):
                folded = fold_article(claim.text).strip()
                for clause in _PIECE.split(folded):
                    clause = clause.strip(" ，。；")
                    if len(re.findall(r"[\u4e00-\u9fff]", clause)) >= 4 and clause not in templates:
                        templates[clause] = _template(clause, article.date_context)
    return list(templates.values())


def _template(text: str, context: date | None) -> Template:
    slots: list[tuple[int, int, str]] = []
    for d in parse_dates(text, context):
        slots.append((d.start, d.end, "date"))
    for q in parse_quantities(text):
        for m in _DIGITS.finditer(text, q.start, q.end):
            slots.append((m.start(), m.end(), "num"))
    at = 0
    for token in segment.pos_tokens(text):
        if token.flag == "ns" and len(token.word) >= 2:
            slots.append((at, at + len(token.word), "place"))
        at += len(token.word)
    slots.sort()
    kept: list[tuple[int, int, str]] = []
    for slot in slots:  # dates first in sort ties; drop anything overlapping an earlier slot
        if not kept or slot[0] >= kept[-1][1]:
            kept.append(slot)
    return Template(text, context, tuple(kept))


def _random_date(rng: random.Random, original: str) -> str:
    year, month, day = rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28)
    if "年" in original and "日" not in original and "号" not in original:
        return f"{year}年{month}月"
    if "年" in original:
        return f"{year}年{month}月{day}日"
    return f"{month}月{day}日"


def fill(template: Template, rng: random.Random) -> str:
    parts: list[str] = []
    at = 0
    text = template.text
    for start, end, kind in template.slots:
        parts.append(text[at:start])
        original = text[start:end]
        if kind == "num":
            digits = len(original) if rng.random() < 0.7 else max(1, len(original) + rng.choice((-1, 1)))
            parts.append(
                str(rng.randint(1 if digits > 1 else 0, 9))
                + "".join(str(rng.randint(0, 9)) for _ in range(digits - 1))
            )
        elif kind == "date":
            parts.append(_random_date(rng, original))
        else:
            parts.append(rng.choice(PLACES))
        at = end
    parts.append(text[at:])
    return "".join(parts)


# --- generation (one article at a time; runs in worker processes) ------------------------------------------

_STATE: dict[str, object] = {}


def _init_worker(templates: list[Template], seed: int) -> None:
    segment.configure([ROOT / "seeds" / "jieba_userdict.txt"])
    _STATE.update(templates=templates, seed=seed)


def claim_texts(templates: list[Template], rng: random.Random, count: int) -> list[str]:
    texts = []
    for _ in range(count):
        k = rng.choices((1, 2, 3), weights=(5, 4, 1))[0]
        texts.append("，".join(fill(rng.choice(templates), rng) for _ in range(k)))
    return texts


def make_article(job: tuple[int, int]) -> ArticleRows:
    """Synthetic article number ``index`` of ``count`` sentences, analysed as an ingest analyses it."""
    index, count = job
    templates: list[Template] = _STATE["templates"]  # type: ignore[assignment]
    rng = random.Random(f"{_STATE['seed']}:{index}")
    context = rng.choice([t.context for t in templates[:50]] + [date(2023, 1, 1)])
    texts = claim_texts(templates, rng, count)
    # Eight sentences a paragraph, as a news article runs.
    paragraphs = ["。".join(texts[i : i + 8]) + "。" for i in range(0, len(texts), 8)]
    text = "\n\n".join(paragraphs)
    article = Article(
        article_id=f"synthetic-{index:05d}",
        title=f"合成文章{index}：{texts[0][:30] if texts else ''}",
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source="factbot bench: synthetic corpus (re-mixed real clauses)",
        date_context=context,
    )
    return encode_article(article, index_article(article))


def jobs(claims: int, articles: int) -> list[tuple[int, int]]:
    base, extra = divmod(claims, articles)
    return [(i, base + (1 if i < extra else 0)) for i in range(articles)]


def build(
    path: Path, claims: int, articles: int | None, seed: int, workers: int, progress: bool = True
) -> dict:
    """Create the database at ``path`` (replacing it) with ``claims`` claims; returns build statistics.
    ``articles``: how many synthetic articles carry them (default: one per 40 claims, as a news
    archive's articles do)."""
    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)

    async def migrate() -> None:
        db = await Database.open(path)
        await db.close()

    asyncio.run(migrate())
    templates = load_templates()
    prepared = time.perf_counter()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    # The extractor keeps about four claims of five sentences: plan half as many again, stop at ``claims``
    # (articles still queued are never made).
    count = max(1, articles or claims // ARTICLE_CLAIMS)
    work = jobs(claims * 3 // 2 + count, round(count * 1.5))
    pool = mp.get_context("fork").Pool(workers, _init_worker, (templates, seed)) if workers > 1 else None
    if pool is None:
        _init_worker(templates, seed)
    results: Iterator[ArticleRows] = (
        pool.imap(make_article, work, chunksize=4) if pool else map(make_article, work)
    )
    stored = made = 0
    last_report = time.perf_counter()
    batch: list[tuple[ArticleRows, str | None]] = []
    try:
        conn.execute("BEGIN")
        for rows in results:
            made += 1
            rows = replace(rows, claims=rows.claims[: claims - stored])
            stored += len(rows.claims)
            batch.append((rows, None))
            if len(batch) >= 200 or stored >= claims:
                save_articles(conn, batch)
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                batch = []
            if stored >= claims:
                break
            if progress and time.perf_counter() - last_report > 10:
                last_report = time.perf_counter()
                rate = stored / (last_report - prepared)
                print(f"  {stored:,}/{claims:,} claims, {rate:,.0f}/s", file=sys.stderr, flush=True)
        save_articles(conn, batch)
        conn.execute("COMMIT")
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    elapsed = time.perf_counter() - started
    stats = {
        "claims": stored,
        "articles": made,
        "templates": len(templates),
        "seed": seed,
        "workers": workers,
        "build_seconds": round(elapsed, 2),
        "template_seconds": round(prepared - started, 2),
        "claims_per_second": round(stored / max(elapsed, 1e-9)),
        "db_bytes": path.stat().st_size,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    Path(str(path) + ".json").write_text(json.dumps(stats, indent=1))
    return stats


def size_label(claims: int) -> str:
    if claims >= 1_000_000 and claims % 1_000_000 == 0:
        return f"{claims // 1_000_000}m"
    if claims >= 1000 and claims % 1000 == 0:
        return f"{claims // 1000}k"
    return str(claims)


def default_path(claims: int, seed: int = 7) -> Path:
    return OUT / f"corpus-{size_label(claims)}-s{seed}.db"


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = 1_000_000 if text.endswith("m") else 1000 if text.endswith("k") else 1
    return int(float(text.rstrip("mk")) * factor)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a synthetic factbot claim corpus.")
    parser.add_argument("--claims", default="1k", help="number of claims: 1000, 1k, 100k, 1m (default 1k)")
    parser.add_argument(
        "--articles", type=int, help=f"synthetic articles (default: claims / {ARTICLE_CLAIMS})"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=min(2, mp.cpu_count()), help="generator processes")
    parser.add_argument("--out", type=Path, help="database file (default bench/out/corpus-SIZE-sSEED.db)")
    parser.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    parser.add_argument("--smoke", action="store_true", help="200 claims in a temporary file, one worker")
    args = parser.parse_args(argv)
    if args.smoke:
        with tempfile.TemporaryDirectory(prefix="factbot-corpus-") as folder:
            stats = build(Path(folder) / "smoke.db", 200, None, args.seed, 1, progress=False)
            print(
                f"smoke: {stats['claims']} claims in {stats['articles']} articles, {stats['build_seconds']} s"
            )
            return 0 if stats["claims"] == 200 else 1
    claims = parse_size(args.claims)
    path = args.out or default_path(claims, args.seed)
    sidecar = Path(str(path) + ".json")
    if path.exists() and sidecar.exists() and not args.force:
        stats = json.loads(sidecar.read_text())
        print(f"reusing {path} (use --force to rebuild)")
    else:
        stats = build(path, claims, args.articles, args.seed, args.workers)
    print(
        f"{'claims':>10} {'articles':>9} {'templates':>10} {'build s':>9} {'claims/s':>9} {'DB MB':>8}  file"
    )
    print(
        f"{stats['claims']:>10,} {stats['articles']:>9} {stats['templates']:>10} {stats['build_seconds']:>9.1f} "
        f"{stats['claims_per_second']:>9,} {stats['db_bytes'] / 1e6:>8.1f}  {path}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
