"""Fixtures for verdict tests: hand-made claims, a synthetic evidence base and the real seeds.

The synthetic base uses a fictional city (甲乙市) and a fictional law so the tests prove the signals
are generic, not tuned to the seed article."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bot.claims.models import Article, Claim, ClaimKind, Entity, Source
from bot.text.types import DateSpan, Quantity
from bot.verdicts.signals import SignalContext

REPO = Path(__file__).resolve().parents[2]
SEED_EVIDENCE = REPO / "seeds" / "evidence"

QSpec = tuple[Any, ...]  # (text, value, unit[, qualifier[, upper]])
DSpec = tuple[str, date, date] | tuple[str, date, date, str]

FACTS: list[dict[str, Any]] = [
    {
        "id": "jia-pop",
        "statement": "甲乙市2030年末常住人口1000万人。",
        "statement_en": "Jia's population was 10m.",
        "place": "甲乙市",
        "date": "2030-12-31",
        "kind": "population",
        "values": {"population": 10_000_000},
        "units": {"population": "人"},
        "topic_terms": ["常住人口"],
        "source_name": "甲乙市统计局",
        "url": "https://stats.example.org/2030",
        "confidence": "high",
        "note": "synthetic",
    },
    {
        "id": "jia-pass-lifted",
        "statement": "2030年5月10日起甲乙市不再查验通行证。",
        "statement_en": "From 10 May 2030 Jia no longer checks passes.",
        "place": "甲乙市",
        "date": "2030-05-10",
        "kind": "policy_change",
        "effective": "2030-05-10",
        "topic_terms": ["通行证"],
        "old_state_markers": ["查验通行证", "凭通行证"],
        "source_name": "甲乙市政府",
        "url": "https://gov.example.org/pass",
        "confidence": "high",
        "note": "synthetic",
    },
]
LAWS: list[dict[str, Any]] = [
    {
        "id": "sample-law",
        "title": "中华人民共和国样例法",
        "aliases": ["样例法"],
        "version": "2020",
        "effective": "2020-01-01",
        "total_articles": 50,
        "source_name": "全国人大",
        "url": "https://law.example.org/",
    },
    {
        "law": "sample-law",
        "article": 12,
        "text": "公民的通信自由受法律保护。任何组织不得非法干涉。",
        "source_name": "全国人大",
        "url": "https://law.example.org/12",
    },
]
SOURCES: list[dict[str, Any]] = [
    {
        "id": "farm",
        "name": "快讯农场",
        "domains": ["farm.example.com"],
        "reliable": False,
        "note": "content farm",
    },
]


def write_jsonl(path: Path, rows: Sequence[dict[str, Any] | str]) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_article(title: str = "甲乙市观察", *, data_cutoff: date | None = None) -> Article:
    return Article(
        article_id="a1",
        title=title,
        text="",
        sha256="0" * 64,
        url="https://news.example.org/a1",
        date_context=date(2030, 6, 1),
        data_cutoff=data_cutoff,
    )


def make_claim(
    text: str,
    *,
    claim_id: str = "c1",
    kind: ClaimKind = ClaimKind.STATISTIC,
    quantities: Sequence[QSpec] = (),
    dates: Sequence[DSpec] = (),
    source: Source | None = None,
    entities: Sequence[Entity] = (),
    paragraph: int = 0,
    start: int = 0,
    context: str = "",
) -> Claim:
    """A Claim with Quantity/DateSpan offsets computed from their text inside ``text``."""
    qs: list[Quantity] = []
    for spec in quantities:
        qtext, value, unit = spec[0], spec[1], spec[2]
        pos = text.index(qtext)
        qs.append(
            Quantity(
                value=float(value),
                unit=unit,
                text=qtext,
                start=pos,
                end=pos + len(qtext),
                qualifier=spec[3] if len(spec) > 3 else None,
                upper=spec[4] if len(spec) > 4 else None,
            )
        )
    ds: list[DateSpan] = []
    for dspec in dates:
        dtext, first, last = dspec[0], dspec[1], dspec[2]
        pos = text.index(dtext)
        gran = dspec[3] if len(dspec) > 3 else "day"
        ds.append(
            DateSpan(first=first, last=last, text=dtext, start=pos, end=pos + len(dtext), granularity=gran)
        )
    return Claim(
        claim_id=claim_id,
        article_id="a1",
        text=text,
        start=start,
        end=start + len(text),
        kind=kind,
        quantities=tuple(qs),
        dates=tuple(ds),
        entities=tuple(entities),
        source=source,
        paragraph=paragraph,
        context=context,
    )


CtxFactory = Callable[..., SignalContext]


def codes(signals: Sequence[Any]) -> list[str]:
    return [s.code for s in signals]
