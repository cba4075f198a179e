"""Dataclasses that cross module boundaries: articles, claims and their parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bot.text.types import DateSpan, Quantity


class ClaimKind(StrEnum):
    STATISTIC = "statistic"
    LEGAL_CITATION = "legal_citation"
    QUOTE = "quote"
    STUDY_CITATION = "study_citation"
    EVENT = "event"
    COMPARISON = "comparison"
    OPINION = "opinion"


class SourceKind(StrEnum):
    PUBLICATION = "publication"  # 《自然》杂志, 《人民日报》
    LAW = "law"  # 《刑法》
    ORGANISATION = "organisation"  # 北京市政协, 国家卫健委
    PERSON = "person"  # a named person
    UNNAMED_PERSON = "unnamed_person"  # 北京法学会研究员, 有关专家, 某社区志愿者
    UNNAMED = "unnamed"  # 第三方评估, 据统计, 有关部门


@dataclass(frozen=True, slots=True)
class Entity:
    text: str
    type: str  # "place" | "organisation" | "person" | "work"


@dataclass(frozen=True, slots=True)
class Source:
    """Who the claim says it comes from."""

    name: str
    kind: SourceKind

    @property
    def named(self) -> bool:
        return self.kind not in (SourceKind.UNNAMED, SourceKind.UNNAMED_PERSON)


@dataclass(frozen=True, slots=True)
class Article:
    """An ingested article. ``article_id`` is stable across edits (slug); ``sha256`` detects them."""

    article_id: str
    title: str
    text: str
    sha256: str
    language: str = "zh-Hans"
    source: str | None = None
    url: str | None = None
    published: date | None = None
    date_context: date | None = None  # resolves "12月18日" (year, and month for "18日")
    data_cutoff: date | None = None  # from notes such as "本文数据截至2023年3月"
    notes: tuple[str, ...] = ()  # boilerplate kept as metadata, not claims


@dataclass(frozen=True, slots=True)
class Claim:
    """The smallest span of an article that carries one checkable assertion with its subject."""

    claim_id: str
    article_id: str
    text: str
    start: int  # character offsets in Article.text
    end: int
    kind: ClaimKind
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateSpan, ...] = ()
    entities: tuple[Entity, ...] = ()
    source: Source | None = None
    worthiness: float = 0.0
    worthiness_reasons: tuple[str, ...] = ()
    paragraph: int = 0
    context: str = ""  # the sentence around the claim, for display
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
