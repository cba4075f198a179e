"""Lookup on real-world text nobody here wrote: the protocol of ../shared/datasets/README.md.

Usage: uv run python bench/eval_realworld.py [--datasets DIR] [--verbose] [--smoke]

cofacts-2017-dev: the first version of every multi-version answer and every second single-version
answer are ingested (each message an article); every other version is sent whole, as the message
shortcut would, and must find that answer's article at rank 1; the single-version messages left out
must get no_match. crossfake-zh-dev: the first article of every multi-article group and every second
single-article group are ingested; the headline of every other article of a group must find a claim
of the group's first article at rank 1; the headlines of the single groups left out must get no_match.

Everything goes through the real Desk (``desk.check``) on a temporary database. A left-out message
that is a near-identical copy of an ingested one (the same chain filed under two answers) is
expected to get no_match by the protocol but cannot; it is counted on its own line. ``--smoke`` runs
the same protocol on a tiny sample written for the test suite (not taken from the datasets).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.articles.read import article_from_text, slugify  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.desk.service import CheckOutcome, Desk  # noqa: E402

DEFAULT_DATASETS = ROOT.parent / "shared" / "datasets"
NEAR_COPY = 0.9  # share of a left-out message's 3-grams inside an ingested one: the same text twice


@dataclass
class Case:
    text: str
    expect: str | None  # the article that must come first; None: must be no_match
    copy_of: str | None = None  # an ingested article this no_match case is a near-identical copy of


@dataclass
class Protocol:
    name: str
    articles: list[tuple[str, str, str]]  # (article id, title, text)
    cases: list[Case]


@dataclass
class Figures:
    name: str
    positives: int = 0
    found: int = 0
    negatives: int = 0
    no_match: int = 0
    copies: int = 0  # left-out texts that are near-identical copies of ingested ones
    copies_no_match: int = 0
    misses: list[str] = field(default_factory=list)


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cofacts(folder: Path) -> Protocol:
    answers = _jsonl(folder / "answers.jsonl")
    articles, cases = [], []
    singles = [a for a in answers if len(_messages(a)) == 1]
    for answer in answers:
        messages = _messages(answer)
        if len(messages) >= 2:
            aid = slugify(f"cofacts-{answer['answer_id']}")
            articles.append((aid, aid, messages[0]))
            cases += [Case(m, aid) for m in messages[1:]]
    for i, answer in enumerate(singles):
        aid = slugify(f"cofacts-{answer['answer_id']}")
        if i % 2 == 0:
            articles.append((aid, aid, _messages(answer)[0]))
        else:
            cases.append(Case(_messages(answer)[0], None))
    return Protocol("cofacts-2017-dev (whole forwarded versions)", articles, cases)


def _messages(answer: dict[str, object]) -> list[str]:
    messages = answer["messages"]
    assert isinstance(messages, list)
    return [str(m) for m in messages]


def crossfake(folder: Path) -> Protocol:
    groups: dict[str, list[dict[str, object]]] = {}
    for row in _jsonl(folder / "index.jsonl"):
        groups.setdefault(str(row["group"]), []).append(row)

    def text(row: dict[str, object]) -> str:
        return (folder / "articles" / f"{row['id']}.txt").read_text(encoding="utf-8")

    articles, cases = [], []
    singles = [g for g in groups.values() if len(g) == 1]
    for group in groups.values():
        if len(group) >= 2:
            first, aid = group[0], slugify(f"crossfake-{group[0]['id']}")
            articles.append((aid, str(first["zh_title"]), text(first)))
            cases += [Case(str(r["zh_title"]), aid) for r in group[1:]]
    for i, group in enumerate(singles):
        row = group[0]
        if i % 2 == 0:
            articles.append((slugify(f"crossfake-{row['id']}"), str(row["zh_title"]), text(row)))
        else:
            cases.append(Case(str(row["zh_title"]), None))
    return Protocol("crossfake-zh-dev (other outlets' headlines)", articles, cases)


def mark_copies(protocol: Protocol) -> None:
    """Flag the no_match cases that are near-identical copies of an ingested text."""
    from bot.lookup.versions import containment, shingles

    ingested = [(aid, shingles(text)) for aid, _, text in protocol.articles]
    for case in protocol.cases:
        if case.expect is None:
            mine = shingles(case.text)
            for aid, theirs in ingested:
                if max(containment(mine, theirs), containment(theirs, mine)) >= NEAR_COPY:
                    case.copy_of = aid


def top_article(outcome: CheckOutcome) -> tuple[str | None, bool]:
    """(the article answered at rank 1, whether the answer is no_match). A message's rank 1 is the text
    it is a version of, else its best known claim."""
    message = getattr(outcome, "message", None)
    if message is not None:
        if message.version is not None:
            return message.version.article_id, False
        best = message.summary().best
        return (best.claim.article_id if best else None), message.status == "no_match"
    best = outcome.result.best
    no_match = outcome.result.status == "no_match"
    return (best.claim.article_id if best and not no_match else None), no_match


async def run(protocol: Protocol, verbose: bool) -> Figures:
    figures = Figures(protocol.name)
    mark_copies(protocol)
    with tempfile.TemporaryDirectory() as tmp:
        settings = replace(Settings.from_env(env={}), db_path=str(Path(tmp) / "realworld.db"))
        desk = await Desk.open(settings)
        try:
            for aid, title, text in protocol.articles:
                article = article_from_text(text, {"id": aid, "title": title}, aid)
                await desk.library.ingest_article(article)
            for case in protocol.cases:
                outcome = await desk.check(case.text, origin="eval")
                top, no_match = top_article(outcome)
                if case.expect is not None:
                    figures.positives += 1
                    ok = top == case.expect
                    figures.found += ok
                elif case.copy_of is not None:
                    figures.copies += 1
                    figures.copies_no_match += no_match
                    ok = True
                else:
                    figures.negatives += 1
                    figures.no_match += no_match
                    ok = no_match
                if not ok:
                    figures.misses.append(
                        f"expected {case.expect or 'no_match'}, got {top}: {case.text[:60]!r}"
                    )
        finally:
            await desk.close()
    if verbose:
        for miss in figures.misses:
            print("  MISS", miss)
    return figures


def report(f: Figures) -> None:
    print(f"{f.name}")
    print(f"  recall@1: {f.found}/{f.positives} = {f.found / max(f.positives, 1):.3f}")
    print(f"  no-match accuracy: {f.no_match}/{f.negatives} = {f.no_match / max(f.negatives, 1):.3f}")
    if f.copies:
        print(
            f"  expected no_match, but a near-identical text is ingested: {f.copies} "
            f"(answered no_match: {f.copies_no_match}; not counted above)"
        )
        all_right, all_cases = f.no_match + f.copies_no_match, f.negatives + f.copies
        print(f"  no-match accuracy counting them too: {all_right}/{all_cases} = {all_right / all_cases:.3f}")


# --- the smoke sample: written for the test suite, in the datasets' format ---------------------------

_SMOKE_ANSWERS = [
    {
        "answer_id": "s1",
        "messages": [
            "網傳：\n海港市自来水厂上周检出超标细菌，市民饮用后已有三百多人腹泻住院。\n"
            "卫生部门要求全市暂停供水两天，请大家提前储水并转告亲友。",
            "09:12 小林 海港市自来水厂上周检出超标细菌,市民饮用后已有三百多人腹泻住院!!\n"
            "卫生部门要求全市暂停供水两天",
        ],
    },
    {
        "answer_id": "s2",
        "messages": [
            "1.明年起骑电动车不戴头盔一律罚款五百元。\n2.电动车载人将被扣车十五天。\n请互相转告，别被罚了！",
            "【交通新规】\n1、明年起骑电动车不戴头盔一律罚款五百元\n2、电动车载人将被扣车十五天",
        ],
    },
    {"answer_id": "s3", "messages": ["吃香蕉前喝牛奶会中毒，已经有孩子因此送医抢救，家长们一定要注意。"]},
    {"answer_id": "s4", "messages": ["山城图书馆下月起周末开放到晚上十点，借书证办理免收押金。"]},
]
_SMOKE_INDEX = [
    {"id": "g1_1", "group": "g1", "zh_title": "研究称每天步行八千步可降低心脏病风险三成"},
    {"id": "g1_2", "group": "g1", "zh_title": "每天走八千步，心脏病风险降三成"},
    {"id": "g2_1", "group": "g2", "zh_title": "湖滨大桥将于五月封闭维修三个月"},
    {"id": "g3_1", "group": "g3", "zh_title": "某地推出宠物狗免费体检活动"},
]
_SMOKE_TEXTS = {
    "g1_1": "研究称每天步行八千步可降低心脏病风险三成\n一项跟踪两万名成年人十年的研究显示，"
    "每天步行八千步以上的人患心脏病的风险比少动的人低三成。",
    "g1_2": "每天走八千步，心脏病风险降三成\n研究人员跟踪两万名成年人十年后发现，每天步行八千步可让心脏病风险降低三成。",
    "g2_1": "湖滨大桥将于五月封闭维修三个月\n市交通局表示，湖滨大桥将于五月一日起封闭维修，工期约三个月。",
    "g3_1": "某地推出宠物狗免费体检活动\n本周末多家宠物医院为市民的狗提供免费体检。",
}


def write_smoke(folder: Path) -> None:
    """The smoke sample as a datasets folder."""
    (folder / "cofacts-2017-dev").mkdir(parents=True)
    (folder / "crossfake-zh-dev" / "articles").mkdir(parents=True)
    lines = "\n".join(json.dumps(a, ensure_ascii=False) for a in _SMOKE_ANSWERS)
    (folder / "cofacts-2017-dev" / "answers.jsonl").write_text(lines + "\n", encoding="utf-8")
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in _SMOKE_INDEX)
    (folder / "crossfake-zh-dev" / "index.jsonl").write_text(lines + "\n", encoding="utf-8")
    for key, text in _SMOKE_TEXTS.items():
        (folder / "crossfake-zh-dev" / "articles" / f"{key}.txt").write_text(text, encoding="utf-8")


def protocols(folder: Path) -> Iterator[Protocol]:
    if (folder / "cofacts-2017-dev").is_dir():
        yield cofacts(folder / "cofacts-2017-dev")
    if (folder / "crossfake-zh-dev").is_dir():
        yield crossfake(folder / "crossfake-zh-dev")


async def evaluate(folder: Path, verbose: bool) -> list[Figures]:
    return [await run(p, verbose) for p in protocols(folder)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS, help="the datasets folder")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--smoke", action="store_true", help="a tiny built-in sample (for the tests)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.datasets
        if args.smoke:
            folder = Path(tmp) / "datasets"
            write_smoke(folder)
        if not any(protocols(folder)):
            print(f"no datasets in {folder}: skipped (see --datasets)")
            return 0
        for figures in asyncio.run(evaluate(folder, args.verbose)):
            report(figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
