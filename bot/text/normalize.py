"""Text normalisation.

Two flavours: ``fold_article`` keeps the length so that offsets found in the folded text point at
the same characters of the original (claims quote the original); ``fold_query`` is free to change
length (Slack markup, entities, whitespace) because a query is never quoted back by offset.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

import opencc

# Full-width ASCII variants (！..～) map to ASCII, except the punctuation we turn into Chinese marks.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20  # ideographic space
# Roman numerals as used for levels (Ⅰ级应急响应) -> Chinese numerals, one character each.
_FULLWIDTH.update({0x2160 + i: ord(ch) for i, ch in enumerate("一二三四五六七八九十")})
_FULLWIDTH.update({0x2170 + i: ord(ch) for i, ch in enumerate("一二三四五六七八九十")})
# ASCII punctuation used as Chinese punctuation in sloppy web text; commas are handled by context.
_CJK_PUNCT = str.maketrans({";": "；", "?": "？", "!": "！"})
_ASCII_COMMA = re.compile(r"(?<![0-9]),|,(?![0-9]{3}(?![0-9]))")
_COLON = re.compile(r"(?<![0-9]):|:(?![0-9])")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified Chinese (OpenCC), characters outside CJK untouched."""
    return str(_t2s().convert(text))


def fold_article(text: str) -> str:
    """Length-preserving fold: full width -> half width, sloppy ASCII punctuation -> Chinese, t2s.

    An ASCII comma stays a comma only as a thousands separator (``12,000``); elsewhere it is a
    clause separator and becomes ``，``. The same for ``:`` outside times.
    """
    folded = text.translate(_FULLWIDTH)
    folded = _ASCII_COMMA.sub("，", folded)
    folded = _COLON.sub("：", folded)
    folded = folded.translate(_CJK_PUNCT)
    simplified = to_simplified(folded)
    if len(simplified) != len(folded):  # OpenCC phrase rules changed the length: go char by char
        simplified = "".join(to_simplified(ch) for ch in folded)
    return simplified


_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>]*)(?:\|([^>]*))?>")
_SLACK_SPECIAL = re.compile(r"<[@#!][^>]*>")
_SLACK_STYLE = re.compile(r"[*_~`]+")
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def strip_slack_markup(text: str) -> str:
    """Slack mrkdwn -> plain text: links to their labels, mentions removed, entities unescaped."""
    text = _SLACK_LINK.sub(lambda m: m.group(2) or "", text)
    text = _SLACK_SPECIAL.sub(" ", text)
    text = html.unescape(text)
    return _SLACK_STYLE.sub(" ", text)


def fold_query(text: str, lower: bool = True) -> str:
    """Fold a user's query for matching: Slack markup, NFKC, t2s, control chars (and case)."""
    text = strip_slack_markup(text)
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text))
    text = fold_article(text)
    return _SPACES.sub(" ", text.lower() if lower else text).strip()


def printable_length(text: str) -> int:
    """Characters that carry meaning (letters, digits, CJK): decides whether a query is empty."""
    return sum(1 for ch in text if ch.isalnum())
