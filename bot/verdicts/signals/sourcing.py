"""Sourcing: who a claim comes from. Unnamed or anonymous sources and incomplete study citations
cannot be traced, so they make a claim unsupported unless the evidence base checks it."""

from __future__ import annotations

import re

from bot.claims.models import Claim, ClaimKind, Source, SourceKind
from bot.verdicts import lexicon as lx
from bot.verdicts.models import Signal
from bot.verdicts.signals._common import SignalContext, has_any, make_signal

W_UNNAMED = 0.6
W_UNNAMED_TEXT = 0.5
W_UNRELIABLE = 0.7
W_QUOTE = 0.5

_TITLE = re.compile(r"《([^》]+)》|“([^”]{4,})”")


def unnamed_source(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """Source.kind UNNAMED / UNNAMED_PERSON, or (with no source) phrases such as 据第三方评估."""
    src = claim.source
    if src is not None and src.kind == SourceKind.UNNAMED_PERSON:
        return [make_signal("sourcing.anonymous_person", "unsourced", W_UNNAMED, source=src.name)]
    if src is not None and src.kind == SourceKind.UNNAMED:
        return [make_signal("sourcing.unnamed_source", "unsourced", W_UNNAMED, source=src.name)]
    if src is None:
        phrases = has_any(claim.text, lx.UNNAMED_PHRASES)
        if phrases:
            return [make_signal("sourcing.unnamed_source", "unsourced", W_UNNAMED_TEXT, source=phrases[0])]
    return []


def traceable(source: Source, ctx: SignalContext) -> bool:
    """A named organisation, person or publication (not one the base lists as unreliable): what it
    said can be looked up at the source. Laws are checked by the legal signals instead."""
    if not source.named or source.kind == SourceKind.LAW:
        return False
    pub = ctx.base.publication(source.name)
    return pub is None or pub.reliable


def named_source(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """A named source is traceable but not proof; an unreliable publication never counts."""
    src = claim.source
    if src is None or not src.named or src.kind == SourceKind.LAW:
        return []
    pub = ctx.base.publication(src.name)
    if pub is not None and not pub.reliable:
        return [
            make_signal(
                "sourcing.unreliable_publication",
                "unsourced",
                W_UNRELIABLE,
                source=src.name,
                note=pub.note or pub.name,
            )
        ]
    return [make_signal("sourcing.named_source", "info", 0.0, source=src.name)]


def _has_study_title(claim: Claim) -> bool:
    """A title of the study itself, not merely the journal that carried it (《自然》杂志)."""
    source_name = claim.source.name.strip("《》") if claim.source else ""
    for match in _TITLE.finditer(claim.text):
        title = match.group(1) or match.group(2) or ""
        after = claim.text[match.end() : match.end() + 2]
        if title == source_name or any(after.startswith(s) for s in lx.PUBLICATION_SUFFIXES):
            continue
        if match.group(1) and title.endswith(lx.PUBLICATION_SUFFIXES):
            continue
        return True
    return False


def study_incomplete(claim: Claim, ctx: SignalContext) -> list[Signal]:
    """A study cited without title, authors or date cannot be looked up."""
    if claim.kind != ClaimKind.STUDY_CITATION and not has_any(claim.text, lx.STUDY_MARKERS):
        return []
    missing: list[tuple[str, str]] = []
    if not _has_study_title(claim):
        missing.append(("标题", "a title"))
    has_author = any(e.type == "person" for e in claim.entities) or (
        claim.source is not None and claim.source.kind == SourceKind.PERSON
    )
    if not has_author:
        missing.append(("作者", "authors"))
    if not claim.dates:
        missing.append(("日期", "a date"))
    if not missing:
        return []
    return [
        make_signal(
            "sourcing.study_incomplete",
            "unsourced",
            0.3 + 0.1 * len(missing),
            missing_zh="、".join(z for z, _ in missing),
            missing_en=", ".join(e for _, e in missing),
        )
    ]


def quote_unattributed(claim: Claim, ctx: SignalContext) -> list[Signal]:
    if claim.kind != ClaimKind.QUOTE or claim.source is not None:
        return []
    return [make_signal("sourcing.quote_unattributed", "unsourced", W_QUOTE)]


SIGNALS = (unnamed_source, named_source, study_incomplete, quote_unattributed)
