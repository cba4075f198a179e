"""Reading seeds/evidence/*.jsonl into an EvidenceBase, refusing a bad line with file and line.

JSON Lines keeps each record on one line so a validation error can name the file and line; the first
bad line stops the load (SeedError), so a half-read evidence base is never used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from bot.errors import SeedError
from bot.verdicts.evidence import EvidenceBase, Fact, Law, LawArticle, Publication

FACT_KINDS = ("population", "policy_change", "statistic", "event")
CONFIDENCES = ("high", "medium", "low")
FACTS_FILE = "facts.jsonl"
LAWS_FILE = "laws.jsonl"
SOURCES_FILE = "sources.jsonl"

T = TypeVar("T")


class _Line:
    """One parsed JSONL line with typed field accessors that raise SeedError naming file:line."""

    def __init__(self, where: str, data: dict[str, Any]) -> None:
        self.where = where
        self.data = data

    def fail(self, message: str) -> SeedError:
        return SeedError(f"{self.where}: {message}")

    def _get(self, name: str, required: bool) -> Any:
        if name not in self.data or self.data[name] is None:
            if required:
                raise self.fail(f"missing field '{name}'")
            return None
        return self.data[name]

    def text(self, name: str, required: bool = True) -> str:
        value = self._get(name, required)
        if value is None:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(f"field '{name}' must be a non-empty string")
        return value

    def integer(self, name: str) -> int:
        value = self._get(name, True)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise self.fail(f"field '{name}' must be a positive integer")
        return value

    def boolean(self, name: str) -> bool:
        value = self._get(name, True)
        if not isinstance(value, bool):
            raise self.fail(f"field '{name}' must be true or false")
        return value

    def strings(self, name: str, required: bool = False) -> tuple[str, ...]:
        value = self._get(name, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"field '{name}' must be a list of non-empty strings")
        return tuple(value)

    def day(self, name: str, required: bool = True) -> date | None:
        value = self.text(name, required)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(f"field '{name}' is not an ISO date (YYYY-MM-DD): {value!r}") from None

    def url(self, name: str = "url") -> str:
        value = self.text(name)
        if not value.startswith(("http://", "https://")):
            raise self.fail(f"field '{name}' must be an http(s) URL: {value!r}")
        return value

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.text(name)
        if value not in allowed:
            raise self.fail(f"field '{name}' must be one of {', '.join(allowed)}: {value!r}")
        return value

    def mapping(self, name: str, numeric: bool) -> dict[str, Any]:
        value = self._get(name, False)
        if value is None:
            return {}
        kinds: tuple[type, ...] = (int, float) if numeric else (str,)
        ok = isinstance(value, dict) and all(
            isinstance(v, kinds) and not isinstance(v, bool) for v in value.values()
        )
        if not ok:
            raise self.fail(f"field '{name}' must be an object of {'numbers' if numeric else 'strings'}")
        return dict(value)


def _read_lines(path: Path, label: str) -> list[_Line]:
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SeedError(f"{label}: not UTF-8") from None
    lines: list[_Line] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        where = f"{label}:{number}"
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise SeedError(f"{where}: invalid JSON ({exc.msg})") from None
        if not isinstance(data, dict):
            raise SeedError(f"{where}: each line must be a JSON object")
        lines.append(_Line(where, data))
    return lines


def _fact(line: _Line) -> Fact:
    first: date | None
    period = line.data.get("period")
    if period is not None:
        text = line.text("period")
        parts = text.split("/")
        try:
            first, last = date.fromisoformat(parts[0]), date.fromisoformat(parts[-1])
        except ValueError:
            raise line.fail(f"field 'period' is not an ISO range (YYYY-MM-DD/YYYY-MM-DD): {text!r}") from None
        if len(parts) != 2 or last < first:
            raise line.fail(f"field 'period' must be 'first/last' with first <= last: {text!r}")
    else:
        first = line.day("date")
        assert first is not None
        last = first
    kind = line.choice("kind", FACT_KINDS)
    values = line.mapping("values", numeric=True)
    effective = line.day("effective", required=kind == "policy_change")
    markers = line.strings("old_state_markers", required=kind == "policy_change")
    return Fact(
        fact_id=line.text("id"),
        statement=line.text("statement"),
        statement_en=line.text("statement_en"),
        place=line.text("place"),
        first=first,
        last=last,
        kind=kind,
        source_name=line.text("source_name"),
        url=line.url(),
        confidence=line.choice("confidence", CONFIDENCES),
        note=line.text("note", required=False),
        values=tuple((k, float(v)) for k, v in sorted(values.items())),
        units=tuple(sorted(line.mapping("units", numeric=False).items())),
        topic_terms=line.strings("topic_terms", required=True),
        effective=effective,
        old_state_markers=markers,
    )


def _law(line: _Line) -> Law:
    effective = line.day("effective")
    assert effective is not None
    return Law(
        law_id=line.text("id"),
        title=line.text("title"),
        aliases=line.strings("aliases"),
        version=line.text("version"),
        effective=effective,
        total_articles=line.integer("total_articles"),
        source_name=line.text("source_name"),
        url=line.url(),
        confidence=line.choice("confidence", CONFIDENCES) if "confidence" in line.data else "high",
        note=line.text("note", required=False),
    )


def _law_article(line: _Line) -> LawArticle:
    return LawArticle(
        law_id=line.text("law"),
        article=line.integer("article"),
        text=line.text("text"),
        source_name=line.text("source_name"),
        url=line.url(),
        confidence=line.choice("confidence", CONFIDENCES) if "confidence" in line.data else "high",
        note=line.text("note", required=False),
    )


def _publication(line: _Line) -> Publication:
    return Publication(
        pub_id=line.text("id"),
        name=line.text("name"),
        domains=line.strings("domains"),
        reliable=line.boolean("reliable"),
        aliases=line.strings("aliases"),
        note=line.text("note", required=False),
    )


def _unique(items: list[tuple[str, str, T]], what: str) -> None:
    seen: dict[str, str] = {}
    for where, key, _ in items:
        if key in seen:
            raise SeedError(f"{where}: duplicate {what} {key!r} (first at {seen[key]})")
        seen[key] = where


def _parse_all(lines: list[_Line], parse: Callable[[_Line], T]) -> list[T]:
    return [parse(line) for line in lines]


def load_evidence(folder: Path) -> EvidenceBase:
    """Load and validate seeds/evidence; raise SeedError("file:line: ...") on the first bad line."""
    facts_path, laws_path, sources_path = folder / FACTS_FILE, folder / LAWS_FILE, folder / SOURCES_FILE
    for required in (facts_path, laws_path):
        if not required.is_file():
            raise SeedError(f"{required}: evidence file is missing")
    digest = hashlib.sha256()
    for path in (facts_path, laws_path, sources_path):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")

    fact_lines = _read_lines(facts_path, str(facts_path))
    facts = _parse_all(fact_lines, _fact)
    _unique([(ln.where, f.fact_id, f) for ln, f in zip(fact_lines, facts, strict=True)], "fact id")

    law_lines = _read_lines(laws_path, str(laws_path))
    laws: list[Law] = []
    articles: list[LawArticle] = []
    article_wheres: list[str] = []
    for line in law_lines:
        if "law" in line.data:
            articles.append(_law_article(line))
            article_wheres.append(line.where)
        elif "title" in line.data:
            laws.append(_law(line))
        else:
            raise line.fail("missing field 'title' (a law) or 'law' (an excerpted article)")
    law_wheres = [ln.where for ln in law_lines if "law" not in ln.data]
    _unique([(w, law.law_id, law) for w, law in zip(law_wheres, laws, strict=True)], "law id")
    by_id: Mapping[str, Law] = {law.law_id: law for law in laws}
    keyed = [(w, f"{a.law_id}#{a.article}", a) for w, a in zip(article_wheres, articles, strict=True)]
    _unique(keyed, "law article")
    for where, _, art in keyed:
        law = by_id.get(art.law_id)
        if law is None:
            raise SeedError(f"{where}: unknown law id {art.law_id!r}")
        if art.article > law.total_articles:
            limit = law.total_articles
            raise SeedError(f"{where}: article {art.article} beyond the {limit} articles of {law.title}")

    publications: list[Publication] = []
    if sources_path.is_file():
        source_lines = _read_lines(sources_path, str(sources_path))
        publications = _parse_all(source_lines, _publication)
        pairs = zip(source_lines, publications, strict=True)
        _unique([(ln.where, p.pub_id, p) for ln, p in pairs], "source id")

    return EvidenceBase(
        facts=tuple(facts),
        laws=tuple(laws),
        articles=tuple(articles),
        publications=tuple(publications),
        fingerprint=digest.hexdigest(),
    )
