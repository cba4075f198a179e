"""Find calendar dates in Chinese/English news text and turn them into :class:`DateSpan`.

Precompiled regexes, pure functions, never raises. Rules worth knowing:

- 2022年12月16日 / 2022-12-16 / 2022/12/16 / 2022.12.16 / "Dec 18, 2022" / "18 December 2022"
  are days; 2022年12月 / "December 2022" are months; 2022年 is a year.
- A date without a year (12月18日, "December 18", 12月) takes the year of ``context`` and is
  flagged ``year_inferred``; a bare day (18日) takes the context's year and month. Without a
  context such dates are skipped (nothing is guessed).
- Taiwan wire copy's 今（15）日 / 昨（14）日 is a bare day too.
- Ranges become one span: 12月15日至22日, 12月15-22日, 2022年12月1日至2023年1月8日, 2022年1月至3月,
  2020年至2022年, "Dec 15-22, 2022". A year-less range that wraps (12月28日至1月3日) ends in
  the next year.
- Chinese-numeral dates, as government releases write them (二〇二三年六月二十日, 二○二三年二月至四月,
  六月二十日), are read as their digits would be. Relative words (今天, 两周内, 年初) are not.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date

from bot.text.types import DateSpan

# Full-width ASCII -> ASCII (length-preserving so offsets stay valid); the Chinese comma ， stays.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH[0x3000] = 0x20
_HAS_FULLWIDTH = re.compile("[０-９Ａ-Ｚａ-ｚ％．－／～（）\u3000]")  # only these matter here


def halfwidth(text: str) -> str:
    """Full-width digits, letters and symbols -> ASCII, same length (offsets are kept)."""
    return text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text


_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "Ｏ": 0}
# A year of four numerals before 年; a month of one to three before 月 (not 三个月: 个 is no numeral);
# a day after 月 or after the 至 of a range (六月二十日, 6月二十日, 十八日至二十二日).
_CN_DATE_PART = re.compile(
    "[〇○零Ｏ一二三四五六七八九]{4}(?=年)"
    "|(?<![〇○零一二三四五六七八九十百千万两几])(?:十[一二]?|[一二三四五六七八九])(?=月)"
    "|(?<=[月至到])(?:三十[一]?|二?十[一二三四五六七八九]?|[一二三四五六七八九])(?=[日号])"
)


def _cn_number(numerals: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 三十一 -> 31 (the numerals of a month or a day)."""
    if "十" not in numerals:
        return _CN_DIGIT[numerals]
    tens, _, ones = numerals.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _arabic_dates(text: str) -> tuple[str, list[int]]:
    """The text with Chinese-numeral dates in digits, and where each of its characters came from (the
    lengths differ: 十日 is 10日), so spans found in it map back to the text."""
    if not _CN_DATE_PART.search(text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    origin: list[int] = []
    at = 0
    for m in _CN_DATE_PART.finditer(text):
        out.append(text[at : m.start()])
        origin.extend(range(at, m.start()))
        part = m.group(0)
        digits = (
            "".join(str(_CN_DIGIT[c]) for c in part)
            if len(part) == 4 and "十" not in part
            else str(_cn_number(part))
        )
        out.append(digits)
        origin.extend([m.start()] * len(digits))
        at = m.end()
    out.append(text[at:])
    origin.extend(range(at, len(text) + 1))
    return "".join(out), origin


_SP = "[ \u00a0]{0,2}"
_SEP = "(?:[-－–—~～〜]|至|到)"
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def _mon(name: str) -> str:
    return (
        rf"(?P<{name}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
        r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![A-Za-z])\.?"
    )


_Y = "[12][0-9]{3}"
_N = "[0-9]{1,2}"
_ATOM = re.compile(
    rf"(?P<ny>{_Y})(?P<ns>[-/.])(?P<nm>{_N})(?P=ns)(?P<nd>{_N})(?![0-9])"
    rf"|(?P<y>{_Y}){_SP}年(?:{_SP}(?P<m>{_N}){_SP}月份?"
    rf"(?:{_SP}(?P<d>{_N})(?:{_SP}{_SEP}{_SP}(?P<dd>{_N}))?{_SP}[日号])?)?"
    rf"|(?P<m2>{_N}){_SP}月份?(?:{_SP}(?P<d2>{_N})(?:{_SP}{_SEP}{_SP}(?P<dd2>{_N}))?{_SP}[日号])?"
    rf"|(?P<d3>{_N}){_SP}日(?![均内])"
    rf"|\((?P<pd>{_N})\)日"  # Taiwan wire style: 今（15）日, 昨（14）日
    rf"|{_mon('em')}{_SP}(?P<ed>{_N})(?:st|nd|rd|th)?(?:{_SP}[-–]{_SP}(?P<ed2>{_N}))?(?![0-9])"
    rf"(?:,?{_SP}(?P<ey>{_Y})(?![0-9]))?"
    rf"|(?P<fd>{_N})(?:st|nd|rd|th)?{_SP}{_mon('fm')}(?:,?{_SP}(?P<fy>{_Y})(?![0-9]))?"
    rf"|{_mon('gm')},?{_SP}(?P<gy>{_Y})(?![0-9])"
)
_TAIL = re.compile(
    rf"{_SP}{_SEP}{_SP}(?:(?P<ty>{_Y}){_SP}年)?(?:{_SP}(?P<tm>{_N}){_SP}月份?)?(?:{_SP}(?P<td>{_N}){_SP}[日号])?"
)
# Where an atom may start; the left context (no digit/dot before a number, no letter before a
# month name) is checked in Python because a leading lookbehind would stop re's fast prefix scan.
_CANDIDATE = re.compile(
    r"[0-9]{1,4}(?=[ \u00a0]{0,2}[年月日号]|[-/.][0-9]|(?:st|nd|rd|th)?[ \u00a0]{0,2}[JFMASOND])"
    r"|[JFMASOND][a-z]*|\((?=[0-9]{1,2}\)日)"
)
_CLOCK = re.compile(r"[0-9]{1,2}(?::[0-9]{2}(?::[0-9]{2})?|[时点][0-9]{1,2}分)(?![0-9])")

# (first, last, granularity, year_inferred) before it becomes a DateSpan
_Span = tuple[date, date, str, bool]


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _make(y: int, m: int | None, d: int | None) -> tuple[date, date] | None:
    """Span of a year, month or day; None when the parts are not a real date."""
    if not 1 <= y <= 9999:
        return None
    if m is None:
        return date(y, 1, 1), date(y, 12, 31)
    if not 1 <= m <= 12:
        return None
    if d is None:
        return date(y, m, 1), _month_end(y, m)
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return date(y, m, d), date(y, m, d)


def _atom(m: re.Match[str], context: date | None) -> tuple[_Span, int | None, int | None] | None:
    """Resolve one atom; also returns the month and day a range tail inherits."""
    g = m.groupdict()
    y: int | None
    inferred = False
    if g["ny"]:
        y, mo, d, d2 = int(g["ny"]), _int(g["nm"]), _int(g["nd"]), None
    elif g["y"]:
        y, mo, d, d2 = int(g["y"]), _int(g["m"]), _int(g["d"]), _int(g["dd"])
    elif g["m2"]:
        y, mo, d, d2 = None, _int(g["m2"]), _int(g["d2"]), _int(g["dd2"])
    elif g["d3"] or g["pd"]:
        if context is None:
            return None
        y, mo, d, d2 = context.year, context.month, int(g["d3"] or g["pd"]), None
        inferred = True
    else:
        mon = g["em"] or g["fm"] or g["gm"] or ""
        mo = _MONTHS.get(mon[:3].lower())
        y = _int(g["ey"] or g["fy"] or g["gy"])
        d, d2 = _int(g["ed"] or g["fd"]), _int(g["ed2"])
    if y is None:
        if context is None:
            return None
        y, inferred = context.year, True
    span = _make(y, mo, d)
    if span is None:
        return None
    gran = "year" if mo is None else "month" if d is None else "day"
    if d2 is not None and mo is not None:
        end = _make(y, mo, d2)
        if end is None or end[0] < span[0]:
            return None
        span = (span[0], end[1])
    return (span[0], span[1], gran, inferred), mo, d


def _tail(t: re.Match[str], first: _Span, mo: int | None) -> _Span | None:
    """Extend a span with a range tail ("至22日", "-2023年1月8日"), or None if it does not fit."""
    start, _, gran, inferred = first
    ty, tm, td = _int(t["ty"]), _int(t["tm"]), _int(t["td"])
    if (gran == "day" and td is None) or (gran == "month" and (tm is None or td is not None)):
        return None
    if gran == "year" and (ty is None or tm is not None or td is not None):
        return None
    y = ty if ty is not None else start.year
    end = _make(y, tm if tm is not None else mo, td)
    if end is not None and end[1] < start and ty is None and inferred:
        end = _make(y + 1, tm if tm is not None else mo, td)
    if end is None or end[1] < start:
        return None
    return start, end[1], gran, inferred


def _scan(t: str, context: date | None) -> Iterator[tuple[int, int, _Span | None]]:
    """Every date-like match as (start, end, resolved span or None if it cannot be resolved)."""
    pos = 0
    for cand in _CANDIDATE.finditer(t):
        i = cand.start()
        prev = t[i - 1] if i else " "
        if i < pos or (prev in "0123456789." if t[i].isdigit() else prev.isascii() and prev.isalpha()):
            continue
        m = _ATOM.match(t, i)
        if m is None:
            continue
        end = m.end()
        got = _atom(m, context)
        span = got[0] if got else None
        if got is not None and (m["y"] or m["m2"] or m["d3"]):
            tail = _TAIL.match(t, end)
            if tail is not None and (tail["ty"] or tail["tm"] or tail["td"]):
                longer = _tail(tail, got[0], got[1])
                if longer is not None:
                    span, end = longer, tail.end()
        yield i, end, span
        pos = end


def parse_dates(text: str, context: date | None = None) -> list[DateSpan]:
    """All dates in ``text`` in order; ``context`` supplies the year (and month) left implicit."""
    try:
        t, origin = _arabic_dates(halfwidth(text))
        spans = [(origin[a], _end(origin, b), s) for a, b, s in _scan(t, context) if s is not None]
        return [DateSpan(s[0], s[1], text[a:b], a, b, s[2], s[3]) for a, b, s in spans]
    except (ValueError, OverflowError, TypeError):  # defensive: parsing must never break ingest
        return []


def _end(origin: list[int], end: int) -> int:
    """The text offset after a span ending at ``end`` in the converted text."""
    return origin[end] if end == len(origin) - 1 or origin[end] != origin[end - 1] else origin[end] + 1


def date_like_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every date or clock-time expression, resolvable or not.

    numbers.py uses it to keep the digits of dates out of quantities.
    """
    t, origin = _arabic_dates(halfwidth(text))
    try:
        spans = [(origin[a], _end(origin, b)) for a, b, _ in _scan(t, None)]
    except (ValueError, OverflowError, TypeError):
        spans = []
    t = halfwidth(text)
    spans.extend(m.span() for m in _CLOCK.finditer(t) if not t[m.start() - 1 : m.start()].isdigit())
    spans.sort()
    return spans


def _months(first: date, last: date) -> list[tuple[int, int]]:
    y, m = first.year, first.month
    out: list[tuple[int, int]] = []
    while (y, m) <= (last.year, last.month) and len(out) <= 36:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def date_key(d: DateSpan) -> list[str]:
    """ASCII search tokens: a day "d20221218" + "m202212", a month "m202212", a year "y2022".

    A range gives its first day's (or month's) key plus the "m" key of every month it touches;
    a range longer than 36 months gives "y" keys per year instead; year ranges give "y" keys.
    """
    if d.granularity == "year" or len(_months(d.first, d.last)) > 36:
        return [f"y{y:04d}" for y in range(d.first.year, min(d.last.year, d.first.year + 50) + 1)]
    keys = [f"d{d.first.year:04d}{d.first.month:02d}{d.first.day:02d}"] if d.granularity == "day" else []
    keys.extend(f"m{y:04d}{m:02d}" for y, m in _months(d.first, d.last))
    return keys
