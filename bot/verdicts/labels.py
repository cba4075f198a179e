"""The rating scale: machine labels, their zh-Hans/English names, Slack emoji and ClaimReview rating."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    TRUE = "true"
    MOSTLY_TRUE = "mostly_true"
    MISLEADING = "misleading"
    FALSE = "false"
    UNSUPPORTED = "unsupported"
    OPINION = "opinion"
    UNCHECKED = "unchecked"


@dataclass(frozen=True, slots=True)
class LabelInfo:
    label: Label
    zh: str
    en: str
    emoji: str
    rating_value: int | None  # ClaimReview ratingValue on a 1 (false) .. 5 (true) scale; None = not rated


SCALE: dict[Label, LabelInfo] = {
    Label.TRUE: LabelInfo(Label.TRUE, "属实", "True", ":white_check_mark:", 5),
    Label.MOSTLY_TRUE: LabelInfo(Label.MOSTLY_TRUE, "基本属实", "Mostly true", ":large_green_circle:", 4),
    Label.MISLEADING: LabelInfo(Label.MISLEADING, "误导", "Misleading", ":warning:", 2),
    Label.FALSE: LabelInfo(Label.FALSE, "不实", "False", ":x:", 1),
    Label.UNSUPPORTED: LabelInfo(Label.UNSUPPORTED, "缺乏依据", "Unsupported", ":grey_question:", 3),
    Label.OPINION: LabelInfo(Label.OPINION, "观点", "Opinion", ":speech_balloon:", None),
    Label.UNCHECKED: LabelInfo(Label.UNCHECKED, "待核查", "Unchecked", ":hourglass_flowing_sand:", None),
}

BEST_RATING = 5
WORST_RATING = 1


def parse_label(text: str) -> Label | None:
    """Read a label typed by a person: machine name, English or Chinese name (case-insensitive)."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    for info in SCALE.values():
        if key in (info.label.value, info.en.lower().replace(" ", "_"), info.zh):
            return info.label
    return None
