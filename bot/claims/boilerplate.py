"""Split an article into paragraphs and tell body text from boilerplate.

Boilerplate is anything that is not an assertion of the article: image captions ("…-第1张图片",
"图为…"), repeated headline lines, a standalone 《title》 line, a plea to pass it on ("转给家人看看！"),
and editorial notes such as "(本文数据截至2023年3月…)", which are kept as article metadata instead of
claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.claims.forwarded import is_plea, list_markers
from bot.text.normalize import fold_article

_CAPTION = re.compile(
    r"(第\s*[0-9一二三四五六七八九十]+\s*张(图片|图)|图片来源|^图为|^图\s*[0-9一二三四五六七八九十]+\s*[：:]|^（图|^\(图)"
)
_NOTE = re.compile(
    r"^[（(【\[]?\s*(本文|文中|以上|本报道|编者按|责任编辑|责编|来源[：:]|原标题|注[：:])"
    r"|数据截至|仅供参考|转载请注明"
)
_BYLINE = re.compile(
    r"^[（(【\[]?\s*(本报|新华社|中新社)?\s*(记者|通讯员|实习生)[\s\u4e00-\u9fff、]{0,20}[）)】\]]?$"
)
_TITLE_ONLY = re.compile(r"^[《“\"「]?[^。，！？]{2,60}[》”\"」]?$")
_SENTENCE_END = re.compile(r"[。！？!?]")
SUBHEADING_MAX = 40
_NUMBERED = re.compile(r"\s*[(（]?[0-9０-９①-⑳]")  # "2." "(3)" "④": items; "二、" numbers a section


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph with its role: "body", "headline", "caption", "plea" or "note"."""

    kind: str
    start: int
    end: int


def split_blocks(text: str, folded: str | None = None) -> list[Block]:
    """Paragraphs (non-blank lines) of ``text`` with offsets and roles. ``folded`` is
    ``fold_article(text)`` when the caller has it already (folding keeps offsets: one fold serves)."""
    folded = fold_article(text) if folded is None else folded
    blocks: list[Block] = []
    headline: str | None = None
    at = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = at + line.index(stripped[0])
            end = start + len(stripped)
            kind = _role(folded[start:end], headline)
            if headline is None and kind in ("body", "headline"):
                headline = _key(stripped) if _is_headline(stripped) else ""
                kind = "headline" if headline else kind
            blocks.append(Block(kind, start, end))
        at += len(line)
    return blocks


def _key(text: str) -> str:
    return re.sub(r"[\s，,。:：\-—_|]", "", text)


def _is_headline(line: str) -> bool:
    return len(line) <= 80 and not _SENTENCE_END.search(line)


def _role(line: str, headline: str | None) -> str:
    if _CAPTION.search(line):
        return "caption"
    if is_plea(line):  # "📢 转给家人看看！": what a re-post asks of its reader, in an article too
        return "plea"
    if (_NOTE.search(line) and len(line) <= 200) or _BYLINE.match(line):
        return "note"
    if headline and _key(line).startswith(headline[:20]):
        return "headline"
    if _TITLE_ONLY.match(line) and line[0] in '《“"「' and not _SENTENCE_END.search(line):
        return "headline"
    if headline is not None and len(line) <= SUBHEADING_MAX and not _SENTENCE_END.search(line):
        if _NUMBERED.match(line) and list_markers(line):
            return "body"  # an item of a numbered list ("2.优先评估近期可用的疗法") asserts something
        return "headline"  # a section heading such as "政策：71亿元淘汰旧柴油车"
    return "body"
