"""Kinds of plain sentences: praise and judgement with nothing checkable are opinions."""

from __future__ import annotations

import pytest

from bot.claims.classify import classify
from bot.claims.models import ClaimKind
from bot.text.numbers import parse_quantities


@pytest.mark.parametrize(
    "text",
    [
        "这座城市的公共交通体系令人赞叹,是现代化治理的典范",
        "这次应对堪称沿海省份防台的教科书式案例",
        "救援队伍的付出有目共睹,功不可没",
        "这无疑是一次难能可贵的尝试",
        "咖啡已经成为现代都市生活中不可或缺的一部分",  # the opinion signal's words classify too
    ],
)
def test_praise_and_judgement_are_opinions(text: str) -> None:
    assert classify(text, (), (), None) is ClaimKind.OPINION


@pytest.mark.parametrize(
    "text",
    [
        "上海地铁全网客运量达到1329.4万人次,创历史新高",  # a number makes it checkable
        "市政府宣布启动防台风应急响应",  # a plain event
    ],
)
def test_checkable_sentences_are_not_opinions(text: str) -> None:
    assert classify(text, tuple(parse_quantities(text)), (), None) is not ClaimKind.OPINION
