"""Find quantities (numbers with units) in Chinese/English news text.

One precompiled regex finds number candidates; small pure checks decide what is a quantity and
normalise it (see :class:`Quantity`), so 1.2万例, 12,000例 and 一万两千例 compare equal. Decimals go
through ``Decimal`` so 1.2万 is exactly 12000. Choices callers rely on:

- ``text``/``start``/``end`` cover hedge words too (逾1.2万例) and index the string passed in.
- English count nouns are not consumed ("12,000 cases" -> 12000, unit ""); only percent,
  percentage points, times/fold, tons/kg/grams, yuan/RMB and person-times are mapped.
- Dates and clock times (see :mod:`bot.text.dates`), years (2022年), ordinals (第49条), numbers
  glued to Latin letters (COVID-19, 5G) and denominators after 每/per (每百万人口) are skipped.
- A Chinese numeral that is one character (一, 两, 三) or has no digit (千, 百万) counts only before
  a "strong" unit (倍, 成, %, 例, money, weight, time, people); 一 alone not even before people or
  time. So 一致, 一场, 两国, 千万 are not quantities, but 两周, 六成, 千例 are.
- 近 before a time span (近3年) means "the last N", not "about". 从/由/from A到B is two numbers.
- A range (3-4倍, 20%-30%) has value = lower bound, upper = upper bound.
"""

from __future__ import annotations

import re
from decimal import Decimal

from bot.text.dates import date_like_spans, halfwidth
from bot.text.types import Quantity
from bot.text.units import (
    EN_UNITS,
    NOT_AFTER,
    POST_QUALIFIERS,
    QUALIFIER_GUARD,
    QUALIFIERS,
    STRONG,
    STRONG_ONE,
    TIME_UNITS,
    UNITS,
)

_SP = "[ \u00a0\u2009\u202f]{0,2}"
_ARABIC = (
    r"[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]{1,12})?"
    r"|[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+(?![0-9])(?:\.[0-9]{1,12})?"
    r"|[0-9]{1,40}(?:\.[0-9]{1,12})?"
)
_CN = "[零〇一二两三四五六七八九十百千万亿]{1,24}"
_EN_MULT = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9}
_MULT = rf"(?:[十百千万亿](?!分[点之])){{1,3}}|{_SP}(?i:thousand|million|billion|trillion|bn)(?![A-Za-z])"
_CN_DIGIT = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}

_ONE, _ZERO, _HALF = Decimal(1), Decimal(0), Decimal("0.5")
_UNIT_DEC = {k.lower(): (u, Decimal(f)) for table in (UNITS, EN_UNITS) for k, (u, f) in table.items()}


def _alts(surfaces: dict[str, tuple[str, str]], guard: dict[str, str]) -> str:
    return "|".join(
        re.escape(s) + (f"(?!{guard[s]})" if s in guard else "")
        for s in sorted(surfaces, key=len, reverse=True)
    )


_UNIT = (
    r"个(?P<gm>[多余半])(?:小时|月|星期|工作日|百分点)"
    r"|成(?![为功立本果员绩就长交都年熟型效分人千万百]|不变)(?P<chd>[一二三四五六七八九](?![十百千万]))?"
    f"|{_alts(UNITS, NOT_AFTER)}|(?i:{_alts(EN_UNITS, {})})(?![A-Za-z])"
)
_SEP = "(?:[-－–—~～〜](?![-－–—])|至|到)"
_NUM_RE = re.compile(
    rf"(?:(?P<a1>{_ARABIC})|(?P<c1>{_CN}))(?P<x1>[多余])?(?P<m1>{_MULT})?(?P<y1>[多余])?"
    rf"(?:{_SP}(?P<u1>[%‰])?{_SP}(?P<sep>{_SEP}){_SP}"
    rf"(?:(?P<a2>{_ARABIC})|(?P<c2>{_CN}))(?P<x2>[多余])?(?P<m2>{_MULT})?(?P<y2>[多余])?)?"
    rf"(?:{_SP}(?P<unit>{_UNIT}))?"
    rf"(?P<post>以上|开外|左右|上下(?![班楼车])|以下|以内|{_SP}(?i:or more|or so|or less)(?![A-Za-z]))?"
)
_QUAL_BY_LAST: dict[str, list[tuple[str, str]]] = {}
for _kind, _words in QUALIFIERS.items():
    for _w in (w.replace("_", " ") for w in _words.split()):
        _QUAL_BY_LAST.setdefault(_w[-1], []).append((_w, _kind))
for _list in _QUAL_BY_LAST.values():
    _list.sort(key=lambda wk: -len(wk[0]))
_NOT_BEFORE = re.compile(r"(?:第|每|(?<![A-Za-z])(?i:per|no\.?|number))" + _SP + r"\Z")
_EN_YEAR_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:in|since|by|from|until|till|before|after|during|of|year|between|and|to|through)\s\Z"
)
_DATEISH_NEXT = frozenset("年月日号时点")
_SPACES = " \u00a0\u2009\u202f"
_NOT_BEFORE_LAST = frozenset("第每rRoO.")
_FROM = re.compile(r"(?:[从由]|(?<![A-Za-z])(?i:from)\s)\Z")
_NO_SEPARATORS = str.maketrans("", "", ",， \u00a0\u2009\u202f")
_CANDIDATE = re.compile("[0-9零〇一二两三四五六七八九十百千万亿]")  # lets re scan fast for a start


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _glued(t: str, i: int) -> bool:
    """Number at ``i`` continues a number or an identifier: 1.2.3, COVID-19, H1N1, BA.5."""
    a, b = t[i - 1], t[i - 2] if i > 1 else " "
    return a.isdigit() or _latin(a) or (a in "-." and _latin(b)) or (a == "." and b.isdigit())


def _cn_int(s: str) -> int | None:
    """Chinese numeral -> int (一万两千 -> 12000, 三千五 -> 3500); None if malformed (一二, 万一)."""
    if s[0] in "万亿":
        return None
    total = section = prev_unit = 0
    digit: int | None = None
    last_small, big_seen, after_zero = 10**5, 0, False
    for ch in s:
        if ch in _CN_DIGIT:
            if digit is not None:
                return None
            value = _CN_DIGIT[ch]
            if value == 0:
                after_zero = True
            else:
                digit = value
            continue
        unit = _CN_UNIT[ch]
        if unit < 10**4:
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit
            last_small = unit
        else:
            section += digit or 0
            if section == 0:
                total *= unit
            elif unit >= big_seen:
                total = (total + section) * unit
            else:
                total += section * unit
            big_seen, section, last_small = max(big_seen, unit), 0, 10**5
        digit, prev_unit, after_zero = None, unit, False
    if digit is not None:  # 三千五 = 3500, 一万二 = 12000, but 一百零五 = 105
        section += digit * prev_unit // 10 if prev_unit >= 10 and not after_zero else digit
    return total + section


def _cn_pair(s: str) -> tuple[int, int] | None:
    """Two adjacent digits as a rough range: 三四倍 -> (3, 4), 两三个 -> (2, 3)."""
    if len(s) == 2 and s[0] in _CN_DIGIT and s[1] in _CN_DIGIT:
        lo, hi = _CN_DIGIT[s[0]], _CN_DIGIT[s[1]]
        if lo > 0 and hi == lo + 1:
            return lo, hi
    return None


def _weak(cn: str) -> bool:
    return len(cn) == 1 or not any(ch in _CN_DIGIT for ch in cn)


def _mult(s: str | None) -> Decimal:
    if not s:
        return _ONE
    word = s.strip(" \u00a0\u2009\u202f").lower()
    if word in _EN_MULT:
        return Decimal(_EN_MULT[word])
    out = Decimal(1)
    for ch in word:
        out *= _CN_UNIT[ch]
    return out


def _unit(g: dict[str, str | None]) -> tuple[str, Decimal, Decimal]:
    """(canonical unit, factor, addend) of the matched unit word."""
    surface = g["unit"]
    if not surface:
        return ("%" if g["u1"] else ""), _ONE, _ZERO
    if surface.startswith("成"):
        return "%", Decimal(10), Decimal(_CN_DIGIT[g["chd"]] if g["chd"] else 0)
    key = surface.replace(g["gm"], "", 1) if g["gm"] else surface
    unit, factor = _UNIT_DEC.get(key.lower()) or _UNIT_DEC.get(" ".join(key.lower().split()), ("", _ONE))
    return unit, factor, _HALF * factor if g["gm"] == "半" else _ZERO


def _number(arabic: str | None, cn: str | None, pair_ok: bool) -> tuple[Decimal, Decimal | None] | None:
    """(value, upper for 三四 style pairs) of one numeral, before multipliers; None if not a number."""
    if arabic:
        return Decimal(arabic.translate(_NO_SEPARATORS)), None
    assert cn is not None
    n = _cn_int(cn)
    if n is not None:
        return Decimal(n), None
    pair = _cn_pair(cn) if pair_ok else None
    return (Decimal(pair[0]), Decimal(pair[1])) if pair else None


def _last(t: str, i: int) -> str:
    """The character before ``i`` skipping up to two spaces ("" at the start)."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if t[j] not in _SPACES:
            return t[j]
    return ""


def _prefix(t: str, start: int) -> tuple[int, bool, str | None]:
    """Look left of a number for 百分之 and a hedge word: (new start, is_percent, qualifier)."""
    pct = t.endswith("百分之", 0, start)
    if pct:
        start -= 3
    j = start
    while j > 0 and start - j < 2 and t[j - 1] in _SPACES:
        j -= 1
    for word, kind in _QUAL_BY_LAST.get(t[j - 1].lower() if j else "", ()):
        b = j - len(word)
        if b < 0 or t[b:j].lower() != word:
            continue
        before = t[b - 1] if b else " "
        if before in QUALIFIER_GUARD.get(word, "") or (word.isascii() and _latin(before)):
            continue
        return b, pct, kind
    return start, pct, None


def _build(t: str, text: str, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """Quantities for one regex match (0, 1, or 2 if a "range" is really 从A到B), and resume pos."""
    skip: tuple[list[Quantity], int] = ([], m.end())
    n0 = m.start()
    is_range = m["sep"] is not None
    if m["c1"] and not is_range and not m["unit"] and _weak(m["c1"]) and not t.endswith("百分之", 0, n0):
        return skip  # the common case: 一, 十, 万 inside ordinary words
    g = m.groupdict()
    if n0 and _glued(t, n0):  # 1.2.3, COVID-19, H1N1, BA.5: identifiers
        return skip
    start, pct, qual = _prefix(t, n0)
    if _last(t, start) in _NOT_BEFORE_LAST and _NOT_BEFORE.search(t, max(0, start - 8), start):
        return skip
    first = _number(g["a1"], g["c1"], not is_range)
    if first is None:
        return skip
    lo, hi = first
    m1, m2 = g["m1"], g["m2"]
    weak = bool(g["c1"] and _weak(g["c1"])) or hi is not None
    if is_range:
        second = _number(g["a2"], g["c2"], False)
        if second is None:
            return skip
        hi = second[0]
        weak = weak or bool(g["c2"] and _weak(g["c2"]))
        if not m1 and m2 and lo <= hi:
            m1 = m2
        came_from = _FROM.search(t, max(0, start - 5), start)
        if came_from or lo * _mult(m1) > hi * _mult(m2):  # two numbers, not a range: keep the first
            end = max(m.end(g) for g in ("a1", "c1", "x1", "m1", "y1", "u1"))
            unit = "%" if g["u1"] or pct else ""
            val = float(lo * _mult(g["m1"]))
            if g["c1"] and _weak(g["c1"]) and not pct and unit != "%":
                return [], m.start("sep")
            return [Quantity(val, unit, text[start:end], start, end, None, qual)], m.start("sep")
    unit, factor, add = _unit(g)
    if pct:
        unit, factor, add = "%", _ONE, _ZERO
    if weak and not pct:
        cn = g["c1"] if not is_range else g["c2"]
        if unit not in (STRONG_ONE if cn == "一" else STRONG):
            return skip
        if not any(ch in _CN_DIGIT for ch in cn or "一") and g["unit"] in ("克", "米"):  # 千克, 千米
            return skip
    end = m.end()
    nxt = t[end : end + 1]
    if not unit and not pct and (nxt in _DATEISH_NEXT or (nxt.isascii() and nxt.isalpha() and not m1)):
        return skip
    a1 = g["a1"] or ""
    if unit == "年" and len(a1) == 4 and a1.isdigit():
        return skip
    year_like = len(a1) == 4 and a1[:2] in ("19", "20") and a1.isdigit() and not is_range and not m1
    if not unit and year_like and _EN_YEAR_BEFORE.search(t, max(0, n0 - 8), n0):  # "in 2022"
        return skip
    if qual == "about" and unit in TIME_UNITS and t[start] == "近":  # 近3年 = "the last 3 years"
        start, qual = n0 - (3 if pct else 0), None
    if qual is None and (g["x1"] or g["y1"] or g["x2"] or g["y2"] or g["gm"] in ("多", "余")):
        qual = "over"
    post = (g["post"] or "").strip(" \u00a0\u2009\u202f").lower()
    if qual is None and post:
        qual = POST_QUALIFIERS.get(" ".join(post.split()), "about")
    value = lo * _mult(m1) * factor + add
    upper = float(hi * (_mult(m2) if is_range else _mult(m1)) * factor + add) if hi is not None else None
    return [Quantity(float(value), unit, text[start:end], start, end, upper, qual)], m.end()


_FRACTION = re.compile(r"([二三四五六七八九十两1-9]|10)\s*分之\s*([一二三四五六七八九1-9])(?![0-9十百千万])")


_HALF_WORDS = re.compile(r"一半|过半|逾半|大半|超过一半|more than half|over half|(?<![a-z])half(?![a-z])")


def _with_fractions(t: str, text: str, found: list[Quantity]) -> list[Quantity]:
    """Add fractions written in words (三分之一 -> 33.3 %, 一半/过半 -> 50 %) where nothing else was found."""
    extra = []
    for m in _FRACTION.finditer(t):
        if any(q.start < m.end() and m.start() < q.end for q in found):
            continue
        den, num = (_cn_int(g) if not g.isdigit() else int(g) for g in m.groups())
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


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, with offsets into ``text``. Never raises."""
    try:
        t = halfwidth(text)
        dates = date_like_spans(t)
        k = 0
        out: list[Quantity] = []
        pos = 0
        while (c := _CANDIDATE.search(t, pos)) is not None:
            m = _NUM_RE.match(t, c.start())
            if m is None:
                pos = c.end()
                continue
            while k < len(dates) and dates[k][1] <= m.start():
                k += 1
            if k < len(dates) and dates[k][0] < m.end():  # overlaps a date: skip past both
                pos = max(m.end(), dates[k][1])
                continue
            found, nxt = _build(t, text, m)
            out.extend(found)
            pos = max(nxt, m.start() + 1)
        return _with_fractions(t, text, out)
    except (ArithmeticError, ValueError, KeyError, IndexError):  # defensive: ingest must go on
        return []
