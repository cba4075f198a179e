"""Do two claims the matcher calls the same make the same assertion? Figures, dates and names decide.

The matcher (bot/lookup/match.py) scores wording; a near miss (the same words with another figure,
date or place) can still score high there. A family joins only claims whose figures (quantity keys),
dates and named places, people and organisations agree. Pure functions, no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from bot.claims.models import Claim
from bot.text.normalize import fold_query
from bot.text.types import DateSpan
from bot.text.units import quantity_key

NAMED = ("place", "person", "organisation")


def conflict(a: Claim, b: Claim) -> str | None:
    """Why ``a`` and ``b`` cannot be one assertion ("figures", "dates", "place"...); None if they can."""
    if not _same_figures(a, b):
        return "figures"
    return _other_conflict(a, b)


def _other_conflict(a: Claim, b: Claim) -> str | None:
    """Dates or names that tell two claims apart."""
    if a.dates and b.dates and not _same_dates(a.dates, b.dates):
        return "dates"
    text_a, text_b = _folded(a), _folded(b)
    for kind in NAMED:
        only_a = [n for n in _names(a, kind) if n not in text_b]
        only_b = [n for n in _names(b, kind) if n not in text_a]
        if only_a and only_b:  # each names one the other never mentions: another place, another person
            return kind
    return None


def contradicts(a: Claim, b: Claim) -> str | None:
    """Can ``a`` and ``b`` sit in one family (each joined through some other member)? As ``conflict``,
    except that two partial statements with different figures (开车前24小时 / 收取20%) do not
    contradict: only the same kind of figure with other values does (20% / 30%)."""
    return "figures" if _figures_clash(a, b) else _other_conflict(a, b)


def _figures_clash(a: Claim, b: Claim) -> bool:
    keys_a: dict[str, set[str]] = {}
    for q in a.quantities:
        keys_a.setdefault(q.unit, set()).add(quantity_key(q))
    keys_b: dict[str, set[str]] = {}
    for q in b.quantities:
        keys_b.setdefault(q.unit, set()).add(quantity_key(q))
    return any(not (keys_a[unit] & keys_b[unit]) for unit in keys_a.keys() & keys_b.keys())


def _same_figures(a: Claim, b: Claim) -> bool:
    """Equal figure keys, or one claim's figures all among the other's (a headline states fewer). A
    claim with figures and one without are not the same assertion: the figure is what is checked."""
    keys_a = {quantity_key(q) for q in a.quantities}
    keys_b = {quantity_key(q) for q in b.quantities}
    if not keys_a or not keys_b:
        return keys_a == keys_b
    return keys_a <= keys_b or keys_b <= keys_a


def _same_dates(a: Sequence[DateSpan], b: Sequence[DateSpan]) -> bool:
    """Every date of the claim with fewer dates overlaps one of the other's (a year-less 月日 meets
    the same month and day in any year)."""
    few, many = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(_overlap(x, y) for y in many) for x in few)


def _overlap(x: DateSpan, y: DateSpan) -> bool:
    if (x.year_inferred or y.year_inferred) and x.granularity == y.granularity == "day":
        return (x.first.month, x.first.day) == (y.first.month, y.first.day)
    return x.first <= y.last and y.first <= x.last


def _names(claim: Claim, kind: str) -> list[str]:
    return [folded_text(e.text) for e in claim.entities if e.type == kind]


def _folded(claim: Claim) -> str:
    return folded_text(claim.text + " " + claim.context)


@lru_cache(maxsize=50_000)
def folded_text(text: str) -> str:
    """fold_query, remembered: OpenCC is the slow part, and a batch compares the same claims often."""
    return fold_query(text)
