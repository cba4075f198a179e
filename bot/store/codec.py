"""Rows <-> dataclasses. JSON columns hold lists of plain objects, never pickles."""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol

from bot.claims.models import Article, Claim, ClaimKind, Entity, Source, SourceKind
from bot.text.types import DateSpan, Quantity


class RowLike(Protocol):
    """A database row (sqlite3.Row) or a dict: what the row converters read."""

    def __getitem__(self, key: str, /) -> Any: ...


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def datetime_from_iso(value: str | None) -> datetime | None:
    """A nullable timestamp column (ISO text) as a datetime."""
    return datetime.fromisoformat(value) if value else None


def quantity_to_json(q: Quantity) -> dict[str, Any]:
    return {
        "value": q.value,
        "unit": q.unit,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "upper": q.upper,
        "qualifier": q.qualifier,
    }


def date_to_json(d: DateSpan) -> dict[str, Any]:
    return {
        "first": d.first.isoformat(),
        "last": d.last.isoformat(),
        "text": d.text,
        "start": d.start,
        "end": d.end,
        "granularity": d.granularity,
        "year_inferred": d.year_inferred,
    }


def claim_values(claim: Claim) -> dict[str, Any]:
    """Column values for a claim row (without search columns)."""
    return {
        "claim_id": claim.claim_id,
        "article_id": claim.article_id,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "kind": claim.kind.value,
        "quantities": json.dumps([quantity_to_json(q) for q in claim.quantities], ensure_ascii=False),
        "dates": json.dumps([date_to_json(d) for d in claim.dates], ensure_ascii=False),
        "entities": json.dumps([[e.text, e.type] for e in claim.entities], ensure_ascii=False),
        "source_name": claim.source.name if claim.source else None,
        "source_kind": claim.source.kind.value if claim.source else None,
        "worthiness": claim.worthiness,
        "worthiness_reasons": json.dumps(list(claim.worthiness_reasons)),
        "paragraph": claim.paragraph,
        "context": claim.context,
    }


@lru_cache(maxsize=20_000)
def quantities_from_json(text: str) -> tuple[Quantity, ...]:
    """Decoded once per distinct JSON text: lookups decode the same candidates again and again."""
    return tuple(Quantity(**q) for q in json.loads(text))


@lru_cache(maxsize=20_000)
def dates_from_json(text: str) -> tuple[DateSpan, ...]:
    return tuple(
        DateSpan(
            first=date.fromisoformat(d["first"]),
            last=date.fromisoformat(d["last"]),
            text=d["text"],
            start=d["start"],
            end=d["end"],
            granularity=d["granularity"],
            year_inferred=d["year_inferred"],
        )
        for d in json.loads(text)
    )


def row_to_claim(row: RowLike) -> Claim:
    source = None
    if row["source_name"] is not None:
        source = Source(row["source_name"], SourceKind(row["source_kind"]))
    return Claim(
        claim_id=row["claim_id"],
        article_id=row["article_id"],
        text=row["text"],
        start=row["start"],
        end=row["end"],
        kind=ClaimKind(row["kind"]),
        quantities=quantities_from_json(row["quantities"]),
        dates=dates_from_json(row["dates"]),
        entities=tuple(Entity(text, type_) for text, type_ in json.loads(row["entities"])),
        source=source,
        worthiness=row["worthiness"],
        worthiness_reasons=tuple(json.loads(row["worthiness_reasons"])),
        paragraph=row["paragraph"],
        context=row["context"],
    )


def article_values(article: Article) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "title": article.title,
        "language": article.language,
        "source": article.source,
        "url": article.url,
        "published": _iso(article.published),
        "date_context": _iso(article.date_context),
        "data_cutoff": _iso(article.data_cutoff),
        "notes": json.dumps(list(article.notes), ensure_ascii=False),
        "text": article.text,
        "sha256": article.sha256,
    }


def row_to_article(row: RowLike) -> Article:
    return Article(
        article_id=row["article_id"],
        title=row["title"],
        text=row["text"],
        sha256=row["sha256"],
        language=row["language"],
        source=row["source"],
        url=row["url"],
        published=_date(row["published"]),
        date_context=_date(row["date_context"]),
        data_cutoff=_date(row["data_cutoff"]),
        notes=tuple(json.loads(row["notes"])),
    )
