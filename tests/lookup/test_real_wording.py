"""Lookup on the seed article with the words people use: amounts as said, hedges, multiples."""

from __future__ import annotations

import pytest

from bot.desk.service import Desk

REFUNDS = "较政策实施前增长320%"
LOSS = "日均经济损失约12亿元"


async def _top(desk: Desk, query: str) -> tuple[str, str]:
    result = (await desk.check(query)).result
    return result.status, result.matches[0].claim.text if result.matches else ""


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("西站退票量真的比政策前涨了三倍多?", REFUNDS),  # a multiple that agrees with 320 %
        ("北京西站退票翻了两番还多", REFUNDS),
        ("每天损失12个亿", LOSS),
        ("日均经济损失超过十亿元", LOSS),  # a bound that agrees with an estimate
    ],
)
async def test_amounts_as_people_say_them_find_their_claim(desk: Desk, query: str, expect: str) -> None:
    status, text = await _top(desk, query)
    assert status == "matched"
    assert expect in text


@pytest.mark.parametrize("query", ["西站退票量比政策前涨了七倍多", "日均经济损失超过三十亿元"])
async def test_amounts_that_disagree_do_not_match(desk: Desk, query: str) -> None:
    status, _ = await _top(desk, query)
    assert status != "matched"
