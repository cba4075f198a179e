"""Legal citations (《X法》第N条) checked against the law texts in seeds/evidence/laws.jsonl.

A quotation missing from the article's text, or an article number beyond the law's size, is a
contradiction; a law the base does not hold is only unverifiable (never false)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.claims.models import Claim
from bot.verdicts.evidence import Law, LawArticle
from bot.verdicts.models import Evidence, Signal
from bot.verdicts.signals._common import SignalContext, make_signal

W_MISQUOTE = 0.9
W_BEYOND = 0.95
W_MATCH = 0.8
W_UNKNOWN = 0.4
W_NO_EXCERPT = 0.3

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CITATION = re.compile(r"《([^》]{2,40})》\s*(?:的)?第\s*([0-9０-９零〇一二两三四五六七八九十百千]+)\s*条")
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"|「([^」]+)」")
_NOISE = re.compile(r"[\s，,。．.；;：:、！!？?“”\"'（）()「」]")
QUOTE_REACH = 16  # a quotation must start this close after the citation to be attributed to it


def parse_article_number(text: str) -> int | None:
    """'49', '４９', '四十九', '一千一百一十三' -> int; None if it is not a number."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            return None
    return total + digit or None


@dataclass(frozen=True, slots=True)
class Citation:
    law_name: str
    article: int
    quotes: tuple[str, ...]


def find_citations(text: str) -> list[Citation]:
    """Every 《X》第N条 with the quotations that follow it (up to the next citation)."""
    matches = list(_CITATION.finditer(text))
    found: list[Citation] = []
    for i, m in enumerate(matches):
        number = parse_article_number(m.group(2))
        if number is None:
            continue
        segment_end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        quotes = tuple(
            next(g for g in q.groups() if g)
            for q in _QUOTE.finditer(text, m.end(), segment_end)
            if q.start() - m.end() <= QUOTE_REACH
        )
        found.append(Citation(m.group(1), number, quotes))
    return found


def _normal(text: str) -> str:
    return _NOISE.sub("", text)


def _law_evidence(law: Law) -> Evidence:
    return Evidence(
        statement=f"《{law.title}》（{law.version}年版）共{law.total_articles}条",
        source_name=law.source_name,
        url=law.url,
        fact_id=law.law_id,
    )


def _article_evidence(art: LawArticle) -> Evidence:
    return Evidence(
        statement=art.text, source_name=art.source_name, url=art.url, fact_id=f"{art.law_id}#{art.article}"
    )


def _check(cite: Citation, ctx: SignalContext) -> list[Signal]:
    law = ctx.base.law(cite.law_name)
    if law is None:
        return [
            make_signal(
                "legal.law_unknown", "unverifiable", W_UNKNOWN, law=cite.law_name, article=cite.article
            )
        ]
    name = cite.law_name.strip()
    if cite.article > law.total_articles:
        return [
            make_signal(
                "legal.article_beyond",
                "contradicts",
                W_BEYOND,
                (_law_evidence(law),),
                law=name,
                version=law.version,
                total=law.total_articles,
                article=cite.article,
            )
        ]
    art = ctx.base.article(law.law_id, cite.article)
    if art is None:
        return [
            make_signal(
                "legal.article_no_excerpt",
                "unverifiable",
                W_NO_EXCERPT,
                (_law_evidence(law),),
                law=name,
                article=cite.article,
            )
        ]
    evidence = (_article_evidence(art),)
    weight = W_MISQUOTE if art.confidence == "high" else W_MISQUOTE - 0.05
    out: list[Signal] = []
    for quote in cite.quotes:
        if _normal(quote) and _normal(quote) not in _normal(art.text):
            out.append(
                make_signal(
                    "legal.misquote",
                    "contradicts",
                    weight,
                    evidence,
                    law=name,
                    article=cite.article,
                    quote=quote,
                    text=art.text,
                )
            )
        else:
            out.append(
                make_signal(
                    "legal.quote_matches", "supports", W_MATCH, evidence, law=name, article=cite.article
                )
            )
    if not cite.quotes:
        out.append(
            make_signal(
                "legal.article_excerpt", "info", 0.0, evidence, law=name, article=cite.article, text=art.text
            )
        )
    return out


def legal_citations(claim: Claim, ctx: SignalContext) -> list[Signal]:
    out: list[Signal] = []
    for cite in find_citations(claim.text):
        out.extend(_check(cite, ctx))
    return out


SIGNALS = (legal_citations,)
