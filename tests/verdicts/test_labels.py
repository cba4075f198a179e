"""Labels: every label round-trips through its machine, English and Chinese names."""

from __future__ import annotations

import pytest

from bot.verdicts.labels import SCALE, Label, parse_label


@pytest.mark.parametrize("label", list(Label))
def test_parse_label_all_names(label: Label) -> None:
    info = SCALE[label]
    assert parse_label(label.value) == label
    assert parse_label(info.en) == label
    assert parse_label(info.en.upper()) == label
    assert parse_label(f"  {info.zh} ") == label


def test_parse_label_variants_and_unknown() -> None:
    assert parse_label("Mostly-true") == Label.MOSTLY_TRUE
    assert parse_label("mostly true") == Label.MOSTLY_TRUE
    assert parse_label("不实") == Label.FALSE
    assert parse_label("缺乏依据") == Label.UNSUPPORTED
    assert parse_label("maybe") is None
    assert parse_label("") is None
