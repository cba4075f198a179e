"""Read one numeral as a ``Decimal``: 1.2 / 12,000 / 一万两千 / 三四 (a rough range), and a multiplier
word after it (万, 百万, million).

Kept apart from the scan in bot/text/numbers.py, which finds numerals in text and decides which are
quantities: these are pure string -> number conversions that know nothing of units or context.
"""

from __future__ import annotations

from decimal import Decimal

# English multiplier words (numbers.py's _MULT regex accepts the same ones after a numeral).
_EN_MULT = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9}
CN_DIGIT = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
_NO_SEPARATORS = str.maketrans("", "", ",， \u00a0\u2009\u202f")
_ONE = Decimal(1)


def cn_int(s: str) -> int | None:
    """Chinese numeral -> int (一万两千 -> 12000, 三千五 -> 3500); None if malformed (一二, 万一)."""
    if s[0] in "万亿":
        return None
    total = section = prev_unit = 0
    digit: int | None = None
    last_small, big_seen, after_zero = 10**5, 0, False
    for ch in s:
        if ch in CN_DIGIT:
            if digit is not None:
                return None
            value = CN_DIGIT[ch]
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
    if len(s) == 2 and s[0] in CN_DIGIT and s[1] in CN_DIGIT:
        lo, hi = CN_DIGIT[s[0]], CN_DIGIT[s[1]]
        if lo > 0 and hi == lo + 1:
            return lo, hi
    return None


def weak_numeral(cn: str) -> bool:
    """One character (一, 两, 三) or no digit (千, 百万): a quantity only before a strong unit."""
    return len(cn) == 1 or not any(ch in CN_DIGIT for ch in cn)


def multiplier(s: str | None) -> Decimal:
    """Value of the multiplier word after a numeral: 万 -> 10000, 百万 -> 10**6, million; 1 if none."""
    if not s:
        return _ONE
    word = s.strip(" \u00a0\u2009\u202f").lower().removeprefix("个")  # 12个亿 = 12亿
    if word in _EN_MULT:
        return Decimal(_EN_MULT[word])
    out = Decimal(1)
    for ch in word:
        out *= _CN_UNIT[ch]
    return out


def read_numeral(arabic: str | None, cn: str | None, pair_ok: bool) -> tuple[Decimal, Decimal | None] | None:
    """(value, upper for 三四 style pairs) of one numeral, before multipliers; None if not a number."""
    if arabic:
        return Decimal(arabic.translate(_NO_SEPARATORS)), None
    assert cn is not None
    n = cn_int(cn)
    if n is not None:
        return Decimal(n), None
    pair = _cn_pair(cn) if pair_ok else None
    return (Decimal(pair[0]), Decimal(pair[1])) if pair else None
