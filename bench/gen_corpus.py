"""Synthetic claim corpus for the lookup benchmarks, written straight into a factbot SQLite database.

Usage: uv run python bench/gen_corpus.py --claims 100000 [--out bench/out/corpus-100k.db] [--articles 300]
       [--seed 7] [--workers 2] [--verify 300] [--force]

Claims are made by re-mixing real clauses of the real articles (seeds/articles, tests/fixtures/articles):
1-3 clauses per claim, with the numbers inside quantities rewritten at random, dates replaced by random
dates and place names swapped for others (deterministic: one random.Random per article, seeded from
--seed and the article number, so the corpus does not depend on --workers).

The schema comes from the real Database.open (migrations). Every claim row is described with the real
functions: parse_quantities / parse_dates / find_source / classify / worthiness / claim_id, and its
index terms with the real build_terms(segment.words(...)), exactly as bot.desk.index_article does.
Speed comes from caching jieba, which is the only expensive step: segment.words is cached per
"，"-separated piece of the blanked text (jieba never joins words across punctuation or blanks, so the
result is identical; --verify checks this against the uncached path), and entities (jieba posseg) are
cached per piece with digits masked (numbers never change which place/organisation/person words are
found; only the order of entities across pieces can differ, which the index does not see).
Rows are inserted with executemany in large transactions (same tables and columns as
bot.store.claims.save_articles); the FTS5 index is not optimised afterwards (as in a live bot).
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
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"

from bot.articles.read import read_article  # noqa: E402
from bot.claims.classify import classify, worthiness  # noqa: E402
from bot.claims.extract import _entities, claim_id, extract_claims  # noqa: E402
from bot.claims.models import Claim  # noqa: E402
from bot.claims.sources import find_source  # noqa: E402
from bot.store.codec import claim_values  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.text import segment  # noqa: E402
from bot.text.dates import parse_dates  # noqa: E402
from bot.text.normalize import fold_article  # noqa: E402
from bot.text.numbers import parse_quantities  # noqa: E402
from bot.text.terms import build_terms, without_spans  # noqa: E402

SOURCES = [ROOT / "seeds" / "articles", ROOT / "tests" / "fixtures" / "articles"]
PLACES = (
    "北京 上海 天津 重庆 广州 深圳 杭州 南京 武汉 成都 西安 郑州 长沙 沈阳 哈尔滨 长春 济南 青岛 厦门 "
    "福州 南昌 合肥 昆明 贵阳 南宁 海口 兰州 西宁 银川 乌鲁木齐 拉萨 呼和浩特 石家庄 太原 大连 苏州 "
    "无锡 宁波 温州 佛山 东莞 珠海 香港 澳门 台北 朝阳区 海淀区 丰台区 浦东新区 天河区 福建 广东 "
    "浙江 江苏 山东 河南 河北 湖南 湖北 四川 云南 贵州 陕西 甘肃 辽宁 吉林 黑龙江 新疆 西藏 晋江 泉州"
).split()
_PIECE = re.compile(r"[，；]")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
CACHE_LIMIT = 300_000


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


class Describer:
    """Claim text -> (Claim, search_text, terms), as index_article would, with jieba cached by piece."""

    def __init__(self) -> None:
        self.words: dict[str, list[str]] = {}
        self.entities: dict[str, tuple] = {}
        self.hits = self.misses = 0

    def _words(self, wordy: str) -> list[str]:
        out: list[str] = []
        start = 0
        for m in _PIECE.finditer(wordy):
            out += self._piece_words(wordy[start : m.start()])
            out.append(m.group(0))
            start = m.end()
        out += self._piece_words(wordy[start:])
        return out

    def _piece_words(self, piece: str) -> list[str]:
        cached = self.words.get(piece)
        if cached is None:
            self.misses += 1
            if len(self.words) > CACHE_LIMIT:
                self.words.clear()
            cached = self.words[piece] = segment.words(piece) if piece else []
        else:
            self.hits += 1
        return cached

    def _entities(self, norm: str) -> tuple:
        found: dict[str, object] = {}
        for piece in _PIECE.split(norm):
            key = _DIGIT.sub("0", piece)
            cached = self.entities.get(key)
            if cached is None:
                if len(self.entities) > CACHE_LIMIT:
                    self.entities.clear()
                cached = self.entities[key] = _entities(piece)
            for entity in cached:
                found.setdefault(entity.text, entity)
        return tuple(found.values())

    def describe(
        self,
        article_id: str,
        text: str,
        start: int,
        context: date | None,
        occurrence: int,
        paragraph: int,
        exact: bool = False,
    ) -> tuple[Claim, str, tuple[str, ...]]:
        norm = fold_article(text)
        quantities = tuple(parse_quantities(norm))
        dates = tuple(parse_dates(norm, context))
        source = find_source(norm)
        entities = _entities(norm) if exact else self._entities(norm)
        kind = classify(norm, quantities, dates, source)
        score, reasons = worthiness(norm, kind, quantities, dates, entities, source)
        claim = Claim(
            claim_id(article_id, text, occurrence),
            article_id,
            text,
            start,
            start + len(text),
            kind,
            quantities,
            dates,
            entities,
            source,
            score,
            reasons,
            paragraph,
            text,
        )
        # From here on, exactly bot.desk.index_article:
        spans = [(q.start, q.end) for q in quantities] + [(d.start, d.end) for d in dates]
        wordy = without_spans(fold_article(text).lower(), spans)
        folded = "".join(wordy.split())
        words = segment.words(wordy) if exact else self._words(wordy)
        terms = build_terms(words, quantities, dates)
        entity_terms = tuple(e.text for e in entities if e.text not in terms)
        return claim, folded, terms + entity_terms


# --- generation (one article at a time; runs in worker processes) ------------------------------------------

_STATE: dict[str, object] = {}


def _init_worker(templates: list[Template], seed: int) -> None:
    segment.configure([ROOT / "seeds" / "jieba_userdict.txt"])
    _STATE.update(templates=templates, seed=seed, describer=Describer())


def claim_texts(templates: list[Template], rng: random.Random, count: int) -> list[str]:
    texts = []
    for _ in range(count):
        k = rng.choices((1, 2, 3), weights=(5, 4, 1))[0]
        texts.append("，".join(fill(rng.choice(templates), rng) for _ in range(k)))
    return texts


def make_article(job: tuple[int, int]) -> tuple[dict, list[dict], list[tuple[int, str]], int]:
    """Article number ``index`` with ``count`` claims: (article row, claim rows, (local index, keys))."""
    index, count = job
    templates: list[Template] = _STATE["templates"]  # type: ignore[assignment]
    describer: Describer = _STATE["describer"]  # type: ignore[assignment]
    rng = random.Random(f"{_STATE['seed']}:{index}")
    article_id = f"synthetic-{index:05d}"
    context = rng.choice([t.context for t in templates[:50]] + [date(2023, 1, 1)])
    texts = claim_texts(templates, rng, count)
    seen: Counter[str] = Counter()
    rows: list[dict] = []
    body: list[str] = []
    offset = 0
    for i, text in enumerate(texts):
        key = re.sub(r"\s+", "", fold_article(text))
        seen[key] += 1
        claim, folded, terms = describer.describe(article_id, text, offset, context, seen[key], i // 8 + 1)
        row = claim_values(claim)
        row["search_text"] = folded
        row["search_keys"] = " ".join(terms)
        rows.append(row)
        body.append(text)
        offset += len(text) + 1
    article_text = "。".join(body) + "。"
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    article = {
        "article_id": article_id,
        "title": f"合成文章{index}：{texts[0][:30] if texts else ''}",
        "language": "zh-Hans",
        "source": "factbot bench: synthetic corpus (re-mixed real clauses)",
        "url": None,
        "published": None,
        "date_context": context.isoformat() if context else None,
        "data_cutoff": None,
        "notes": "[]",
        "text": article_text,
        "sha256": hashlib.sha256(article_text.encode("utf-8")).hexdigest(),
        "path": None,
        "stamp": stamp,
    }
    return article, rows, [], describer.misses


ARTICLE_SQL = """INSERT INTO articles (article_id, title, language, source, url, published, date_context,
    data_cutoff, notes, text, sha256, path, ingested_at, updated_at)
    VALUES (:article_id, :title, :language, :source, :url, :published, :date_context, :data_cutoff, :notes,
    :text, :sha256, :path, :stamp, :stamp)"""
CLAIM_SQL = """INSERT INTO claims (rowid, claim_id, article_id, text, start, end, kind, quantities, dates,
    entities, source_name, source_kind, worthiness, worthiness_reasons, paragraph, context, search_text,
    search_keys, active)
    VALUES (:rowid, :claim_id, :article_id, :text, :start, :end, :kind, :quantities, :dates, :entities,
    :source_name, :source_kind, :worthiness, :worthiness_reasons, :paragraph, :context, :search_text,
    :search_keys, 1)"""
TERMS_SQL = "INSERT INTO claim_terms (rowid, terms) VALUES (?, ?)"


def jobs(claims: int, articles: int) -> list[tuple[int, int]]:
    base, extra = divmod(claims, articles)
    return [(i, base + (1 if i < extra else 0)) for i in range(articles)]


def build(path: Path, claims: int, articles: int, seed: int, workers: int, progress: bool = True) -> dict:
    """Create the database at ``path`` (replacing it); returns build statistics."""
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
    conn.execute("BEGIN")
    rowid = 0
    pending = 0
    work = jobs(claims, max(1, min(articles, claims)))
    if workers > 1:
        pool = mp.get_context("fork").Pool(workers, _init_worker, (templates, seed))
        results: Iterator = pool.imap(make_article, work, chunksize=1)
    else:
        pool = None
        _init_worker(templates, seed)
        results = map(make_article, work)
    last_report = time.perf_counter()
    try:
        for article, rows, _, _ in results:
            conn.execute(ARTICLE_SQL, article)
            for row in rows:
                rowid += 1
                row["rowid"] = rowid
            conn.executemany(CLAIM_SQL, rows)
            conn.executemany(TERMS_SQL, ((row["rowid"], row["search_keys"]) for row in rows))
            pending += len(rows)
            if pending >= 50_000:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                pending = 0
            if progress and time.perf_counter() - last_report > 10:
                last_report = time.perf_counter()
                rate = rowid / (last_report - prepared)
                print(f"  {rowid:,}/{claims:,} claims, {rate:,.0f}/s", file=sys.stderr, flush=True)
        conn.execute("COMMIT")
        # what save_articles keeps up to date article by article, built once for the bulk load
        conn.execute("INSERT OR REPLACE INTO term_df (term, df) SELECT term, doc FROM claim_terms_vocab")
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    elapsed = time.perf_counter() - started
    stats = {
        "claims": rowid,
        "articles": len(work),
        "templates": len(templates),
        "seed": seed,
        "workers": workers,
        "build_seconds": round(elapsed, 2),
        "template_seconds": round(prepared - started, 2),
        "claims_per_second": round(rowid / max(elapsed, 1e-9)),
        "db_bytes": path.stat().st_size,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    Path(str(path) + ".json").write_text(json.dumps(stats, indent=1))
    return stats


def verify(path: Path, samples: int, seed: int) -> tuple[int, int]:
    """Re-describe ``samples`` stored claims through the uncached path: (identical term sets, checked)."""
    segment.configure([ROOT / "seeds" / "jieba_userdict.txt"])
    conn = sqlite3.connect(path)
    total = conn.execute("SELECT max(rowid) FROM claims").fetchone()[0]
    rng = random.Random(seed)
    same = 0
    ids = rng.sample(range(1, total + 1), min(samples, total))
    describer = Describer()
    for rid in ids:
        text, article_id, start, keys, ctx = conn.execute(
            "SELECT c.text, c.article_id, c.start, c.search_keys, a.date_context FROM claims c "
            "JOIN articles a USING (article_id) WHERE c.rowid = ?",
            (rid,),
        ).fetchone()
        context = date.fromisoformat(ctx) if ctx else None
        _, _, terms = describer.describe(article_id, text, start, context, 1, 0, exact=True)
        stored = keys.split()
        same += set(terms) == set(stored)
        if set(terms) != set(stored):
            print(
                f"  differs: {text!r}\n    stored-only {set(stored) - set(terms)} exact-only {set(terms) - set(stored)}"
            )
    conn.close()
    return same, len(ids)


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
    parser.add_argument("--articles", type=int, default=300, help="synthetic article rows (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=min(2, mp.cpu_count()), help="generator processes")
    parser.add_argument("--out", type=Path, help="database file (default bench/out/corpus-SIZE-sSEED.db)")
    parser.add_argument(
        "--verify", type=int, default=0, help="check N claims' terms against the uncached path"
    )
    parser.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    args = parser.parse_args(argv)
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
    if args.verify:
        same, checked = verify(path, args.verify, args.seed)
        print(f"verify: {same}/{checked} sampled claims have exactly the terms the uncached path builds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
