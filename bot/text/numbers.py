"""Find quantities (numbers with units) in Chinese/English news text.

One precompiled regex finds number candidates; small pure checks decide what is a quantity and
normalise it (see :class:`Quantity`), so 1.2万例, 12,000例 and 一万两千例 compare equal. Decimals go
through ``Decimal`` so 1.2万 is exactly 12000. This module is the scan; reading one numeral is
bot/text/numerals.py, fractions in words (三分之一, 一半) bot/text/fraction_words.py, the unit tables
bot/text/units.py. Choices callers rely on:

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
- 12个亿 is 12亿; 三倍多 is "over 3倍"; 翻一番/翻两番 double/quadruple (2倍/4倍, 还多: "over").
- A list marker is not a decimal point: at a line's start, ``１.18%`` (a full-width digit before an
  ASCII dot) or ``2.3万`` in a list whose next or previous line starts ``3.``/``1.`` is item, then 18 %.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.text.dates import date_like_spans, halfwidth
from bot.text.fraction_words import with_fractions
from bot.text.numerals import CN_DIGIT, multiplier, read_numeral, weak_numeral
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
# Multipliers after a numeral; 千 before 瓦 belongs to the unit (2498万千瓦 is 2498万 kW).
_MULT = (
    rf"(?:[十百万亿](?!分[点之])|千(?!瓦)){{1,3}}|{_SP}(?i:thousand|million|billion|trillion|bn)(?![A-Za-z])"
)

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
    rf"(?:(?P<a1>{_ARABIC})|(?P<c1>{_CN}))(?P<x1>[多余])?(?P<m1>(?:个(?=[万亿]))?(?:{_MULT}))?(?P<y1>[多余])?"
    rf"(?:{_SP}(?P<u1>[%‰])?{_SP}(?P<sep>{_SEP}){_SP}"
    rf"(?:(?P<a2>{_ARABIC})|(?P<c2>{_CN}))(?P<x2>[多余])?(?P<m2>{_MULT})?(?P<y2>[多余])?)?"
    rf"(?:{_SP}(?P<unit>{_UNIT}))?"
    rf"(?P<post>以上|开外|左右|上下(?![班楼车])|以下|以内|(?<=倍)还?多|{_SP}(?i:or more|or so|or less)(?![A-Za-z]))?"
)
_QUAL_BY_LAST: dict[str, list[tuple[str, str]]] = {}
for _kind, _words in QUALIFIERS.items():
    for _w in (w.replace("_", " ") for w in _words.split()):
        _QUAL_BY_LAST.setdefault(_w[-1], []).append((_w, _kind))
for _list in _QUAL_BY_LAST.values():
    _list.sort(key=lambda wk: -len(wk[0]))
# An ordinal or a rate is no amount (第49条, 每3天), but "连续第二天" counts days as "连续两天" does.
_NOT_BEFORE = re.compile(r"(?:(?<!连续)第|每|(?<![A-Za-z])(?i:per|no\.?|number))" + _SP + r"\Z")
_EN_YEAR_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:in|since|by|from|until|till|before|after|during|of|year|between|and|to|through)\s\Z"
)
_DATEISH_NEXT = frozenset("年月日号时点")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACES = " \u00a0\u2009\u202f"
_NOT_BEFORE_LAST = frozenset("第每rRoO.")
_FROM = re.compile(r"(?:[从由]|(?<![A-Za-z])(?i:from)\s)\Z")
# A bare number after a capitalised Latin word is part of a name: Mate 60, iPhone 15, Windows 11.
_MODEL_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z]*[A-Z][A-Za-z]*[ ]?\Z")
_CANDIDATE = re.compile("[0-9零〇一二两三四五六七八九十百千万亿]")  # lets re scan fast for a start
# 翻番 counts doublings: 翻一番 = 2倍, 翻两番 = 4倍 (of the old amount); 还多 makes it a lower bound.
_DOUBLINGS = re.compile(r"翻了?(?P<n>[一两二三四五]|[1-5])?番(?P<more>还多|多)?")
_MARKER = re.compile(r"(?m)^[ \t\u3000]*(?P<n>[0-9０-９]{1,2})[.．](?=[0-9０-９])")


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _glued(t: str, i: int) -> bool:
    """Number at ``i`` continues a number or an identifier: 1.2.3, COVID-19, H1N1, BA.5."""
    a, b = t[i - 1], t[i - 2] if i > 1 else " "
    return a.isdigit() or _latin(a) or (a in "-." and _latin(b)) or (a == "." and b.isdigit())


def _unit(g: dict[str, str | None]) -> tuple[str, Decimal, Decimal]:
    """(canonical unit, factor, addend) of the matched unit word."""
    surface = g["unit"]
    if not surface:
        return ("%" if g["u1"] else ""), _ONE, _ZERO
    if surface.startswith("成"):
        return "%", Decimal(10), Decimal(CN_DIGIT[g["chd"]] if g["chd"] else 0)
    key = surface.replace(g["gm"], "", 1) if g["gm"] else surface
    unit, factor = _UNIT_DEC.get(key.lower()) or _UNIT_DEC.get(" ".join(key.lower().split()), ("", _ONE))
    return unit, factor, _HALF * factor if g["gm"] == "半" else _ZERO


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


def _build(t: str, text: str, m: re.Match[str], markers: frozenset[int]) -> tuple[list[Quantity], int]:
    """Quantities for one regex match (0, 1, or 2 if a "range" is really 从A到B), and resume pos."""
    skip: tuple[list[Quantity], int] = ([], m.end())
    n0 = m.start()
    is_range = m["sep"] is not None
    if (
        m["c1"]
        and not is_range
        and not m["unit"]
        and weak_numeral(m["c1"])
        and not t.endswith("百分之", 0, n0)
        and not (m["m1"] or "").startswith("个")  # 八个亿 is an amount, as 八亿 is
    ):
        return skip  # the common case: 一, 十, 万 inside ordinary words
    g = m.groupdict()
    if n0 and n0 not in markers and _glued(t, n0):  # 1.2.3, COVID-19, H1N1, BA.5: identifiers
        return skip
    start, pct, qual = _prefix(t, n0)
    if _last(t, start) in _NOT_BEFORE_LAST and _NOT_BEFORE.search(t, max(0, start - 8), start):
        return skip
    first = read_numeral(g["a1"], g["c1"], not is_range)
    if first is None:
        return skip
    lo, hi = first
    m1, m2 = g["m1"], g["m2"]
    weak = bool(g["c1"] and weak_numeral(g["c1"]) and not (m1 or "").startswith("个")) or hi is not None
    if is_range:
        second = read_numeral(g["a2"], g["c2"], False)
        if second is None:
            return skip
        hi = second[0]
        weak = weak or bool(g["c2"] and weak_numeral(g["c2"]))
        if not m1 and m2 and lo <= hi:
            m1 = m2
        came_from = _FROM.search(t, max(0, start - 5), start)
        if came_from or lo * multiplier(m1) > hi * multiplier(m2):  # two numbers, not a range: keep the first
            end = max(m.end(g) for g in ("a1", "c1", "x1", "m1", "y1", "u1"))
            unit = "%" if g["u1"] or pct else ""
            val = float(lo * multiplier(g["m1"]))
            if g["c1"] and weak_numeral(g["c1"]) and not pct and unit != "%":
                return [], m.start("sep")
            return [Quantity(val, unit, text[start:end], start, end, None, qual)], m.start("sep")
    unit, factor, add = _unit(g)
    if pct:
        unit, factor, add = "%", _ONE, _ZERO
    if weak and not pct:
        cn = g["c1"] if not is_range else g["c2"]
        if unit not in (STRONG_ONE if cn == "一" else STRONG):
            return skip
        if not any(ch in CN_DIGIT for ch in cn or "一") and g["unit"] in ("克", "米"):  # 千克, 千米
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
    value = lo * multiplier(m1) * factor + add
    upper = (
        float(hi * (multiplier(m2) if is_range else multiplier(m1)) * factor + add)
        if hi is not None
        else None
    )
    return [Quantity(float(value), unit, text[start:end], start, end, upper, qual)], m.end()


@dataclass(frozen=True, slots=True)
class _Markers:
    starts: dict[int, int]  # a list marker's first digit -> where the text after its dot starts
    ends: frozenset[int]  # those text starts: a number there is not glued to the marker's dot


def _list_markers(text: str) -> _Markers:
    """Item numbers of a list written ``1.`` at a line's start, glued to the number that follows.

    Only when the writing tells: a full-width digit before an ASCII dot (``１.18%``: nobody writes a
    decimal that way), or a neighbouring line numbered one more or one less (``2.`` after ``1.``)."""
    found = list(_MARKER.finditer(text))
    if not found:
        return _Markers({}, frozenset())
    numbers = {int(halfwidth(m["n"])) for m in found}
    starts = {
        m.start("n"): m.end()
        for m in found
        if (not m["n"].isascii() and text[m.end() - 1] == ".")
        or {int(halfwidth(m["n"])) - 1, int(halfwidth(m["n"])) + 1} & numbers
    }
    return _Markers(starts, frozenset(starts.values()))


_LARGE = {"万": 1e4, "亿": 1e8, "萬": 1e4, "億": 1e8}
_ONE_DIGIT = re.compile(r"[0-9一二三四五六七八九两]")


def _compounds(text: str, found: list[Quantity]) -> list[Quantity]:
    """One number written in two parts is one amount: 59万7,740票 = 597,740票, 3亿2000万元, 1万5千人;
    a lone digit after 万 is the next place down (两万三 = 23,000)."""
    out: list[Quantity] = []
    for q in found:
        last = out[-1] if out else None
        scale = _LARGE.get(last.text[-1:], 0.0) if last is not None else 0.0
        if (
            last is not None
            and scale
            and not last.unit
            and last.end == q.start
            and last.upper is None
            and q.upper is None
            and 0 < q.value < scale
        ):
            add = q.value * scale / 10 if _ONE_DIGIT.fullmatch(q.text) else q.value
            merged = Quantity(
                last.value + add,
                q.unit,
                text[last.start : q.end],
                last.start,
                q.end,
                None,
                last.qualifier or q.qualifier,
            )
            out[-1] = merged
            continue
        out.append(q)
    return out


def _with_doublings(t: str, text: str, found: list[Quantity]) -> list[Quantity]:
    """Add 翻(了)N番 as 2**N倍 where nothing else was found (翻番 alone is one doubling)."""
    extra = []
    for m in _DOUBLINGS.finditer(t):
        if any(q.start < m.end() and m.start() < q.end for q in found):
            continue
        n = int(m["n"]) if m["n"] and m["n"].isdigit() else CN_DIGIT.get(m["n"] or "一", 1)
        qualifier = "over" if m["more"] else None
        extra.append(
            Quantity(float(2**n), "倍", text[m.start() : m.end()], m.start(), m.end(), None, qualifier)
        )
    return sorted(found + extra, key=lambda q: q.start) if extra else found


_DIALLED = re.compile(
    r"(?:拨打|致电|热线|电话|号码|手机号?|短信|批号|编号|文号|代码|账号|卡号|单号)[为是:：]?\s*(?:[0-9]+-)*$"
)
_CODE = re.compile(r"[0-9][0-9\-]*")
CODE_DIGITS = 7


def _model_number(t: str, q: Quantity) -> bool:
    """A bare integer right after a capitalised Latin word is part of a name, not an amount; so is a
    bare year glued to the noun it names (2019冠状病毒病, 2019新型冠状病毒: the disease, not 2019 of it),
    a number to dial (拨打96110, 电话400-800-1234) and a code (批号20230512: seven digits or more
    with no unit and no separator; an amount that large is written with 万 or 亿)."""
    if q.unit:
        return False
    if _DIALLED.search(t, max(0, q.start - 16), q.start) and _CODE.fullmatch(q.text):
        return True
    if not q.text.isdigit():
        return False
    if len(q.text) >= CODE_DIGITS:
        return True
    if len(q.text) == 4 and 1900 <= q.value <= 2100 and _CJK.match(t, q.end):
        return True
    return _MODEL_NAME.search(t, 0, q.start) is not None


def parse_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, with offsets into ``text``. Never raises."""
    try:
        t = halfwidth(text)
        dates = date_like_spans(t)
        k = 0
        out: list[Quantity] = []
        pos = 0
        markers = _list_markers(text)
        while (c := _CANDIDATE.search(t, pos)) is not None:
            if c.start() in markers.starts:  # "1." of a list: the number starts after the dot
                pos = markers.starts[c.start()]
                continue
            m = _NUM_RE.match(t, c.start())
            if m is None:
                pos = c.end()
                continue
            while k < len(dates) and dates[k][1] <= m.start():
                k += 1
            if k < len(dates) and dates[k][0] < m.end():  # overlaps a date: skip past both
                pos = max(m.end(), dates[k][1])
                continue
            found, nxt = _build(t, text, m, markers.ends)
            out.extend(q for q in found if not _model_number(t, q))
            pos = max(nxt, m.start() + 1)
        return _compounds(text, _with_doublings(t, text, with_fractions(t, text, out)))
    except (ArithmeticError, ValueError, KeyError, IndexError):  # defensive: ingest must go on
        return []
