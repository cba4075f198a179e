"""Claim kind and check-worthiness: generic cues, each reason named so a reviewer sees why."""

from __future__ import annotations

import re

from bot.claims.models import ClaimKind, Entity, Source, SourceKind
from bot.text.types import DateSpan, Quantity

LAW_CITATION = re.compile(
    r"《[^《》]{1,30}(法|法典|条例|规定|办法|公约)》\s*第\s*[0-9一二三四五六七八九十百千零〇两]+\s*条"
)
_LAW_TITLE = re.compile(r"《[^《》]{1,30}(法|法典|条例|公约)》")
QUOTE = re.compile(r"[\"“「『]([^\"“”「」『』]{8,})[\"”」』]")
_SPEECH = re.compile(
    r"(指出|表示|认为|称|说|反映|透露|坦言|强调|介绍|提出|回应|告诉|直言)\s*[：:，]?\s*[\"“「]"
)
_STUDY = re.compile(r"(研究|调查|报告|论文|评估|提案|问卷|民调|测算|分析)(显示|表明|发现|指出|称|认为)?")
_COMPARISON = re.compile(
    r"较|相比|比上|比去年|同比|环比|高于|低于|高出|低出|多于|少于|不及|优于|超过.{0,8}的|对比|是.{1,6}的\d+倍"
)
_PEOPLE = (SourceKind.PERSON, SourceKind.UNNAMED_PERSON)  # 分析人士认为 is a view, not a study
EVALUATIVE = re.compile(
    r"体现了|展现了|彰显|标志着|折射出|反映出|意味着|值得|应当|应该|必须|需要|关键|重要参考|重大考验|"
    r"永恒课题|智慧|独特逻辑|既.{1,20}也|不仅.{1,20}更|颇具代表性|尤为|极大|深层|理念|价值导向|优势|"
    r"令人(?:赞叹|瞩目|钦佩|欣慰|担忧|遗憾|失望)|举世瞩目|有目共睹|堪称|典范|楷模|了不起|非凡|卓越|"
    r"难能可贵|可圈可点|功不可没|毋庸置疑|显而易见|无疑是|具有重要意义|充分展现|至关重要|不可或缺"
)


def classify(
    text: str,
    quantities: tuple[Quantity, ...],
    dates: tuple[DateSpan, ...],
    source: Source | None,
) -> ClaimKind:
    """The claim's kind, most specific cue first."""
    if LAW_CITATION.search(text) or (source is not None and source.kind is SourceKind.LAW):
        return ClaimKind.LEGAL_CITATION
    if QUOTE.search(text) and (_SPEECH.search(text) or text.lstrip()[:1] in '"“「'):
        return ClaimKind.QUOTE
    if source is not None and source.kind not in _PEOPLE and _STUDY.search(text):
        return ClaimKind.STUDY_CITATION
    if _COMPARISON.search(text) and quantities:
        return ClaimKind.COMPARISON
    if quantities:
        return ClaimKind.STATISTIC
    if EVALUATIVE.search(text):
        return ClaimKind.OPINION
    return ClaimKind.EVENT


def worthiness(
    text: str,
    kind: ClaimKind,
    quantities: tuple[Quantity, ...],
    dates: tuple[DateSpan, ...],
    entities: tuple[Entity, ...],
    source: Source | None,
) -> tuple[float, tuple[str, ...]]:
    """Score 0..1: how much a fact-checker would want to check this claim, with the reasons."""
    score = 0.1
    reasons: list[str] = []
    if quantities:
        score += 0.35
        reasons.append(f"numbers:{len(quantities)}")
    if dates:
        score += 0.1
        reasons.append("dates")
    if kind in (ClaimKind.LEGAL_CITATION, ClaimKind.STUDY_CITATION):
        score += 0.25
        reasons.append(f"cites:{kind.value}")
    elif kind is ClaimKind.QUOTE:
        score += 0.15
        reasons.append("quote")
    if source is not None:
        score += 0.05 if source.named else 0.1
        reasons.append("named_source" if source.named else "unnamed_source")
    if any(e.type in ("place", "organisation", "person") for e in entities):
        score += 0.1
        reasons.append("entities")
    if kind is ClaimKind.OPINION:
        score -= 0.2
        reasons.append("evaluative_language")
    if len(text) < 12:
        score -= 0.1
        reasons.append("short")
    return round(min(1.0, max(0.0, score)), 2), tuple(reasons)
