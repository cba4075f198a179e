"""The evidence base: reference facts, law texts and publications, and the questions signals ask it.

Everything topic-specific lives in seeds/evidence/*.jsonl, never in code, so the engine works on any
article; bot/verdicts/evidence_files.py reads and validates those files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Fact:
    """One attributed reference fact; ``first``/``last`` is the period it describes."""

    fact_id: str
    statement: str
    statement_en: str
    place: str
    first: date
    last: date
    kind: str
    source_name: str
    url: str
    confidence: str
    note: str = ""
    values: tuple[tuple[str, float], ...] = ()
    units: tuple[tuple[str, str], ...] = ()
    topic_terms: tuple[str, ...] = ()
    effective: date | None = None
    old_state_markers: tuple[str, ...] = ()

    def unit_of(self, name: str) -> str:
        return dict(self.units).get(name, "")


@dataclass(frozen=True, slots=True)
class Law:
    law_id: str
    title: str
    aliases: tuple[str, ...]
    version: str
    effective: date
    total_articles: int
    source_name: str
    url: str
    confidence: str = "high"
    note: str = ""


@dataclass(frozen=True, slots=True)
class LawArticle:
    law_id: str
    article: int
    text: str
    source_name: str
    url: str
    confidence: str = "high"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Publication:
    """A publication and whether it may count as evidence (content farms never do)."""

    pub_id: str
    name: str
    domains: tuple[str, ...]
    reliable: bool
    aliases: tuple[str, ...] = ()
    note: str = ""


def normalise_place(name: str) -> str:
    """北京市 and 北京 are the same place for matching."""
    name = name.strip()
    for suffix in ("特别行政区", "自治区", "市", "省"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _law_key(name: str) -> str:
    name = name.strip().strip("《》")
    return name.removeprefix("中华人民共和国")


@dataclass(frozen=True, slots=True)
class EvidenceBase:
    facts: tuple[Fact, ...] = ()
    laws: tuple[Law, ...] = ()
    articles: tuple[LawArticle, ...] = ()
    publications: tuple[Publication, ...] = ()
    fingerprint: str = ""
    _law_index: dict[str, Law] = field(default_factory=dict, compare=False, repr=False)
    _places: tuple[str, ...] = field(default=(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        for law in self.laws:
            for name in (law.title, *law.aliases):
                self._law_index.setdefault(_law_key(name), law)
        names = {normalise_place(f.place) for f in self.facts if f.place != "全国"}
        # Signals ask for the places of every claim: computed once, not per question.
        object.__setattr__(self, "_places", tuple(sorted(names, key=lambda n: (-len(n), n))))

    def law(self, name: str) -> Law | None:
        """Find a law by title or alias, with or without 《》 and the 中华人民共和国 prefix."""
        return self._law_index.get(_law_key(name))

    def article(self, law_id: str, number: int) -> LawArticle | None:
        return next((a for a in self.articles if a.law_id == law_id and a.article == number), None)

    def facts_of_kind(self, kind: str) -> tuple[Fact, ...]:
        return tuple(f for f in self.facts if f.kind == kind)

    def places(self) -> tuple[str, ...]:
        """Every place the base knows (normalised), longest first so 北京市 wins over 北京."""
        return self._places

    def population(self, place: str, on: date | None = None) -> Fact | None:
        """The population fact for ``place`` closest to ``on`` (latest if ``on`` is None)."""
        key = normalise_place(place)
        found = [f for f in self.facts_of_kind("population") if normalise_place(f.place) == key]
        found = [f for f in found if any(n == "population" for n, _ in f.values)]
        if not found:
            return None
        if on is None:
            return max(found, key=lambda f: f.last)
        return min(found, key=lambda f: (abs((f.last - on).days), f.fact_id))

    def publication(self, name_or_domain: str) -> Publication | None:
        needle = name_or_domain.strip().strip("《》").lower()
        for pub in self.publications:
            names = [pub.name.lower(), *(a.lower() for a in pub.aliases)]
            if needle in names or any(needle == d or needle.endswith("." + d) for d in pub.domains):
                return pub
        return None
