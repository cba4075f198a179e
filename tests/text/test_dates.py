"""Date parsing: Chinese, numeric and English forms, ranges, context years, keys, robustness."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text.dates import date_key, date_like_spans, parse_dates
from bot.text.numbers import parse_quantities
from bot.text.types import DateSpan

CTX = date(2022, 12, 1)
D = date


def spans(text: str, context: date | None = CTX) -> list[tuple[date, date, str, bool]]:
    return [(s.first, s.last, s.granularity, s.year_inferred) for s in parse_dates(text, context)]


def check_offsets(text: str, found: list[DateSpan]) -> None:
    last_end = 0
    for s in found:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.start >= last_end
        assert s.first <= s.last
        assert s.granularity in ("day", "month", "year")
        last_end = s.end


@pytest.mark.parametrize(
    ("text", "first", "last", "granularity"),
    [
        ("2022年12月16日", D(2022, 12, 16), D(2022, 12, 16), "day"),
        ("2022年12月16号", D(2022, 12, 16), D(2022, 12, 16), "day"),
        ("2023年1月", D(2023, 1, 1), D(2023, 1, 31), "month"),
        ("2022年12月", D(2022, 12, 1), D(2022, 12, 31), "month"),
        ("2024年2月", D(2024, 2, 1), D(2024, 2, 29), "month"),
        ("2022年", D(2022, 1, 1), D(2022, 12, 31), "year"),
        ("2022 年 12 月 16 日", D(2022, 12, 16), D(2022, 12, 16), "day"),
        ("２０２２年１２月１６日", D(2022, 12, 16), D(2022, 12, 16), "day"),
        ("2022-12-18", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("2022/12/18", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("2022.12.18", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("Dec 18, 2022", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("December 18, 2022", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("18 December 2022", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("18th December 2022", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("Sept. 3, 2023", D(2023, 9, 3), D(2023, 9, 3), "day"),
        ("December 2022", D(2022, 12, 1), D(2022, 12, 31), "month"),
        ("Dec. 2022", D(2022, 12, 1), D(2022, 12, 31), "month"),
    ],
)
def test_explicit_dates(text: str, first: date, last: date, granularity: str) -> None:
    for context in (None, CTX):
        found = parse_dates(text, context)
        assert [(s.first, s.last, s.granularity, s.year_inferred) for s in found] == [
            (first, last, granularity, False)
        ]
        assert found[0].text == text
        check_offsets(text, found)


@pytest.mark.parametrize(
    ("text", "first", "last", "granularity"),
    [
        ("12月18日", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("12月18号", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("18日", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("3月", D(2022, 3, 1), D(2022, 3, 31), "month"),
        ("December 18", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("18 December", D(2022, 12, 18), D(2022, 12, 18), "day"),
        ("今（18）日", D(2022, 12, 18), D(2022, 12, 18), "day"),  # Taiwan wire style
        ("昨(17)日", D(2022, 12, 17), D(2022, 12, 17), "day"),
    ],
)
def test_year_from_context(text: str, first: date, last: date, granularity: str) -> None:
    assert spans(text) == [(first, last, granularity, True)]
    assert parse_dates(text) == []  # no context: nothing is guessed


def test_context_year_is_used_as_is() -> None:
    # The article's context decides the year; no "nearest year" guessing.
    assert spans("3月5日", date(2022, 12, 1)) == [(D(2022, 3, 5), D(2022, 3, 5), "day", True)]
    assert spans("12月18日", date(1900, 1, 1)) == [(D(1900, 12, 18), D(1900, 12, 18), "day", True)]


@pytest.mark.parametrize(
    ("text", "first", "last", "inferred"),
    [
        ("12月15日至22日", D(2022, 12, 15), D(2022, 12, 22), True),
        ("12月15日-22日", D(2022, 12, 15), D(2022, 12, 22), True),
        ("12月15日到22日", D(2022, 12, 15), D(2022, 12, 22), True),
        ("12月15日～22日", D(2022, 12, 15), D(2022, 12, 22), True),
        ("12月15-22日", D(2022, 12, 15), D(2022, 12, 22), True),
        ("12月15日至12月22日", D(2022, 12, 15), D(2022, 12, 22), True),
        ("12月28日至1月3日", D(2022, 12, 28), D(2023, 1, 3), True),
        ("2022年12月1日至12月20日", D(2022, 12, 1), D(2022, 12, 20), False),
        ("2022年12月1日至2023年1月8日", D(2022, 12, 1), D(2023, 1, 8), False),
        ("2022年12月15-22日", D(2022, 12, 15), D(2022, 12, 22), False),
        ("Dec 15-22, 2022", D(2022, 12, 15), D(2022, 12, 22), False),
    ],
)
def test_day_ranges(text: str, first: date, last: date, inferred: bool) -> None:
    found = parse_dates(text, CTX)
    assert [(s.first, s.last, s.granularity, s.year_inferred) for s in found] == [
        (first, last, "day", inferred)
    ]
    assert found[0].text == text


def test_month_and_year_ranges() -> None:
    assert spans("2022年1月至3月") == [(D(2022, 1, 1), D(2022, 3, 31), "month", False)]
    assert spans("2020年至2022年") == [(D(2020, 1, 1), D(2022, 12, 31), "year", False)]


def test_range_that_does_not_fit_stays_single() -> None:
    # A year-less tail on a day, or an end before the start, is not a range.
    assert spans("2022年12月20日至2022年12月1日") == [
        (D(2022, 12, 20), D(2022, 12, 20), "day", False),
        (D(2022, 12, 1), D(2022, 12, 1), "day", False),
    ]
    assert spans("2022年12月1日-3") == [(D(2022, 12, 1), D(2022, 12, 1), "day", False)]


def test_dates_in_a_sentence() -> None:
    text = "从数据看,2022年12月1日至12月20日,北京累计报告本土确诊病例逾1.2万例。12月18日,日均退票量达1.2万张"
    found = parse_dates(text, CTX)
    check_offsets(text, found)
    assert [s.text for s in found] == ["2022年12月1日至12月20日", "12月18日"]
    assert found[1].first == D(2022, 12, 18)


@pytest.mark.parametrize(
    "text",
    [
        "今天",
        "两周内",
        "年初",
        "去年12月",  # the 12月 part is read, 去年 is not: see below
        "3个月",
        "48小时",
        "1.2万例",
        "日均1.2万张",
        "3日内",
        "2月30日",
        "13月1日",
        "2022年2月29日",
        "12000",
        "5号线",
        "Mayor",
        "may 18",
        "",
        "\x00",
    ],
)
def test_not_dates_without_context(text: str) -> None:
    assert parse_dates(text) == []


@pytest.mark.parametrize(
    "text", ["今天", "两周内", "年初", "3个月", "48小时", "日均1.2万张", "3日内", "2月30日"]
)
def test_not_dates_with_context(text: str) -> None:
    assert parse_dates(text, CTX) == []


def test_relative_year_word_is_ignored() -> None:
    assert spans("去年12月") == [(D(2022, 12, 1), D(2022, 12, 31), "month", True)]


def test_year_word_with_season_gives_the_year() -> None:
    found = parse_dates("2022年初", CTX)
    assert [(s.text, s.granularity) for s in found] == [("2022年", "year")]


def test_unnormalised_offsets() -> None:
    text = "截至　２０２３年３月１日，数据如下"
    found = parse_dates(text)
    check_offsets(text, found)
    assert [(s.first, s.text) for s in found] == [(D(2023, 3, 1), "２０２３年３月１日")]


@pytest.mark.parametrize(
    ("span", "keys"),
    [
        (DateSpan(D(2022, 12, 18), D(2022, 12, 18), "", 0, 0, "day"), ["d20221218", "m202212"]),
        (DateSpan(D(2022, 12, 1), D(2022, 12, 31), "", 0, 0, "month"), ["m202212"]),
        (DateSpan(D(2022, 1, 1), D(2022, 12, 31), "", 0, 0, "year"), ["y2022"]),
        (DateSpan(D(2022, 12, 15), D(2022, 12, 22), "", 0, 0, "day"), ["d20221215", "m202212"]),
        (
            DateSpan(D(2022, 12, 1), D(2023, 1, 8), "", 0, 0, "day"),
            ["d20221201", "m202212", "m202301"],
        ),
        (
            DateSpan(D(2022, 1, 1), D(2022, 3, 31), "", 0, 0, "month"),
            ["m202201", "m202202", "m202203"],
        ),
        (DateSpan(D(2020, 1, 1), D(2022, 12, 31), "", 0, 0, "year"), ["y2020", "y2021", "y2022"]),
        (DateSpan(D(2000, 1, 1), D(2010, 1, 1), "", 0, 0, "day"), [f"y{y}" for y in range(2000, 2011)]),
        (DateSpan(D(1900, 12, 18), D(1900, 12, 18), "", 0, 0, "day"), ["d19001218", "m190012"]),
    ],
)
def test_date_key(span: DateSpan, keys: list[str]) -> None:
    assert date_key(span) == keys
    assert all(k.isascii() and k.isalnum() for k in keys)


def test_date_like_spans_cover_unresolvable_dates_and_clock_times() -> None:
    text = "12月18日 9:30 18日 Dec 18; 2022-12-18"
    covered = {i for a, b in date_like_spans(text) for i in range(a, b)}
    for part in ("12月18日", "9:30", "18日", "Dec 18", "2022-12-18"):
        at = text.index(part)
        assert set(range(at, at + len(part))) <= covered, part


def test_long_input() -> None:
    text = ("2022年12月1日至12月20日，12月18日，共1.2万例。" * 2000)[:40000]
    found = parse_dates(text, CTX)
    check_offsets(text, found)
    assert len(found) > 2000


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.dates()))
def test_never_raises(text: str, context: date | None) -> None:
    check_offsets(text, parse_dates(text, context))


_ALPHABET = "0123456789０１年月日号至到-~/. ,DecJanMay th初底个"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40), st.one_of(st.none(), st.dates()))
def test_never_raises_on_date_soup(text: str, context: date | None) -> None:
    found = parse_dates(text, context)
    check_offsets(text, found)
    for s in found:
        assert all(k.isascii() and k.isalnum() for k in date_key(s))


@pytest.mark.parametrize(
    ("text", "first", "last", "granularity"),
    [
        ("二○二三年二月至四月的失業率", D(2023, 2, 1), D(2023, 4, 30), "month"),  # ○ is a zero
        ("二〇二三年六月二十日公布", D(2023, 6, 20), D(2023, 6, 20), "day"),
        ("政府今日（六月二十日）公布", D(2022, 6, 20), D(2022, 6, 20), "day"),  # the context's year
        ("十二月十八日至二十二日", D(2022, 12, 18), D(2022, 12, 22), "day"),
        ("6月十日起施行", D(2022, 6, 10), D(2022, 6, 10), "day"),
    ],
)
def test_chinese_numeral_dates_are_read_as_their_digits(
    text: str, first: date, last: date, granularity: str
) -> None:
    [span] = parse_dates(text, CTX)
    assert (span.first, span.last, span.granularity) == (first, last, granularity)
    assert text[span.start : span.end] == span.text and span.text[0] in "二六十6"


def test_a_chinese_numeral_date_is_no_quantity_and_a_count_of_months_no_date() -> None:
    assert parse_quantities("二○二三年二月至四月的失業率為3.1%")[0].text == "3.1%"
    assert parse_dates("三个月内完成", CTX) == [] and parse_dates("十几月", CTX) == []
