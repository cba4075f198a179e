"""Fractions and halves written in words (三分之一, 一半, 过半, "more than half") as percentages.

Kept apart from the numeral scan in bot/text/numbers.py: these phrases are not a number followed by a
unit, so they are found by their own regexes, after the scan, wherever it found nothing.
"""

from __future__ import annotations

import re

from bot.text.numerals import cn_int
from bot.text.types import Quantity

_FRACTION = re.compile(r"([二三四五六七八九十两1-9]|10)\s*分之\s*([一二三四五六七八九1-9])(?![0-9十百千万])")


_HALF_WORDS = re.compile(r"一半|过半|逾半|大半|超过一半|more than half|over half|(?<![a-z])half(?![a-z])")


def with_fractions(t: str, text: str, found: list[Quantity]) -> list[Quantity]:
    """Add fractions written in words (三分之一 -> 33.3 %, 一半/过半 -> 50 %) where nothing else was found.

    ``t`` is ``halfwidth(text)``, which the regexes read; ``found`` are the quantities already found.
    """
    extra: list[Quantity] = []
    for m in _FRACTION.finditer(t):
        if any(q.start < m.end() and m.start() < q.end for q in found):
            continue
        den, num = (cn_int(g) if not g.isdigit() else int(g) for g in m.groups())
        if den and num is not None and 0 < num < den:
            extra.append(
                Quantity(
                    round(100 * num / den, 2),
                    "%",
                    text[m.start() : m.end()],
                    m.start(),
                    m.end(),
                    None,
                    "about",
                )
            )
    for m in _HALF_WORDS.finditer(t):
        if not any(q.start < m.end() and m.start() < q.end for q in found):
            qualifier = "about" if m.group(0) in ("一半", "half") else "over"
            extra.append(Quantity(50.0, "%", text[m.start() : m.end()], m.start(), m.end(), None, qualifier))
    return sorted([*found, *extra], key=lambda q: q.start) if extra else found
