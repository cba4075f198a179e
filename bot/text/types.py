"""Value types produced by the text layer: quantities and dates found in a string."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, normalised so that equal amounts compare equal.

    ``value`` is in the base unit with every multiplier applied (1.2万例 -> 12000, unit "例";
    3.8吨 -> 3800, unit "kg"; 六成 -> 60, unit "%"). A range (3-4倍) has ``upper`` set.
    ``qualifier`` keeps hedges such as 逾/超过/以上 ("over"), 约/左右 ("about"), 不到 ("under").
    ``start``/``end`` are character offsets in the string that was parsed.
    """

    value: float
    unit: str
    text: str
    start: int
    end: int
    upper: float | None = None
    qualifier: str | None = None

    @property
    def is_range(self) -> bool:
        return self.upper is not None

    def shifted(self, offset: int) -> Quantity:
        """The same quantity with offsets ``offset`` characters earlier (span-relative). Direct
        construction: dataclasses.replace introspects the fields on every call."""
        return Quantity(
            self.value,
            self.unit,
            self.text,
            self.start - offset,
            self.end - offset,
            self.upper,
            self.qualifier,
        )


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A calendar span (inclusive). A single day has ``first == last``.

    ``granularity`` is "day", "month" or "year"; ``year_inferred`` says the year came from the
    article's date context rather than the text itself.
    """

    first: date
    last: date
    text: str
    start: int
    end: int
    granularity: str = "day"
    year_inferred: bool = False

    def shifted(self, offset: int) -> DateSpan:
        """The same span with offsets ``offset`` characters earlier (as Quantity.shifted)."""
        return DateSpan(
            self.first,
            self.last,
            self.text,
            self.start - offset,
            self.end - offset,
            self.granularity,
            self.year_inferred,
        )
