"""Every payload kind is valid Block Kit within Slack's limits, and user text never pings anyone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.claims.extract import TITLE_PARAGRAPH
from bot.claims.models import Article, Claim, ClaimKind
from bot.desk.review import CheckView, QueueEntry, ReviewQueue
from bot.slack import blocks, views
from bot.store.checks import CheckRecord
from bot.store.picks import Pick
from bot.verdicts.labels import Label
from bot.verdicts.models import Evidence, Signal, Verdict

HOSTILE = "<!channel> <@U123> <https://evil.example|点我> & " + "长" * 5000


def _claim(i: int, text: str = "北京西站日均退票量达1.2万张") -> Claim:
    return Claim(f"c{i}", "a1", text, 0, len(text), ClaimKind.STATISTIC, paragraph=2, context=text)


def _view(
    query: str = "北京西站", status: str = "ambiguous", text: str = "北京西站日均退票量达1.2万张"
) -> CheckView:
    alternatives = tuple(
        (_claim(i, text), Verdict(f"c{i}", Label.FALSE, 0.5, "否", "No")) for i in range(2, 140)
    )
    check = CheckRecord(
        1,
        query,
        "slack",
        "UASKER",
        "C1",
        status,
        "c1",
        0.9,
        tuple(c.claim_id for c, _ in alternatives),
        datetime.now(UTC),
    )
    signals = tuple(
        Signal(
            "s",
            "contradicts",
            1.0,
            text,
            text,
            (Evidence(text, "来源<script>", f"https://x.org/{i}?a=1|b>"),),
        )
        for i in range(60)
    )
    verdict = Verdict("c1", Label.MISLEADING, 0.7, text, text, signals, evidence_url="https://example.org/e")
    article = Article("a1", "标题 <!here>", "全文", "sha", url="https://news.example/1", source="新闻")
    return CheckView(check, _claim(1, text), article, verdict, alternatives)


def _valid(payload: list[dict[str, Any]]) -> None:
    assert 0 < len(payload) <= 50
    for raw in payload:
        Block.parse(raw).validate_json()  # type: ignore[union-attr]


@pytest.mark.parametrize("locale", ["zh-Hans", "en"])
def test_cards_replies_and_notices_are_valid_and_fit_slacks_limits_even_for_huge_text(locale: str) -> None:
    for view in (_view(), _view(HOSTILE, text=HOSTILE)):
        _valid(blocks.card(view, locale, "factbot-outbox-1"))
        _valid(blocks.verdict_reply(view, locale, "factbot-outbox-2"))
        _valid(views.repoint_picker(view, locale))
        View(**views.verdict_modal(view, locale)).validate_json()
    no_match = CheckView(_view().check, None, None, Verdict("", Label.UNCHECKED, 0, "", ""))
    _valid(blocks.card(no_match, locale))
    _valid(blocks.verdict_reply(no_match, locale))
    verdict = Verdict("c1", Label.FALSE, 1.0, HOSTILE, HOSTILE, source="reviewer", author="UREV")
    _valid(blocks.notice(blocks.notice_text({"event": "changed", "previous": "true"}, verdict, locale)))


def test_user_and_article_text_is_escaped_so_it_never_pings() -> None:
    view = _view(HOSTILE, text=HOSTILE)
    rendered = str(blocks.card(view, "zh-Hans")) + str(blocks.verdict_reply(view, "zh-Hans"))
    rendered += blocks.card_text(view, "zh-Hans")
    for dangerous in ("<!channel>", "<@U123>", "<!here>", "<https://evil.example", "<script>"):
        assert dangerous not in rendered
    assert "&lt;!channel&gt;" in rendered
    assert "<@UASKER>" in rendered  # the asker is mentioned on purpose


def test_the_card_shows_query_asker_claim_and_badge() -> None:
    card = str(blocks.card(_view(), "zh-Hans"))
    assert "北京西站" in card and "<@UASKER>" in card and ":warning: 误导 Misleading" in card


def test_the_reply_shows_the_article_place_evidence_links_and_buttons() -> None:
    reply = blocks.verdict_reply(_view(), "en")
    text = str(reply)
    assert "paragraph 3" in text and "<https://x.org/0?a=1%7Cb%3E|" in text and "Reviewer's evidence" in text
    actions = [e["action_id"] for b in reply if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["change_verdict", "not_right_claim"]


def test_a_headline_claim_is_placed_in_the_headline_not_a_paragraph() -> None:
    view = _view()
    headline = replace(view, claim=replace(view.claim, paragraph=TITLE_PARAGRAPH))
    text = str(blocks.place_blocks(headline, "en")) + str(blocks.place_blocks(headline, "zh-Hans"))
    assert "the headline of" in text and "》标题" in text and "paragraph" not in text


def test_an_automated_verdict_states_its_confidence_unless_it_only_waits_for_a_person() -> None:
    judged = Verdict("c1", Label.MISLEADING, 0.7, "否", "No")
    waiting = Verdict("c1", Label.UNCHECKED, 0.0, "待核查", "Unchecked")
    assert blocks.verdict_source(judged, "en") == "automated, confidence 70%"
    assert blocks.verdict_source(waiting, "en") == "automated: waits for a fact-checker"
    assert "置信度" not in blocks.verdict_source(waiting, "zh-Hans")


def test_the_home_view_is_valid_with_full_queues() -> None:
    entry = QueueEntry(
        _claim(1, HOSTILE), Verdict("c1", Label.UNCHECKED, 0, "", ""), 3, "2024-01-01T09:00:00"
    )
    recent = Verdict(
        "c1", Label.TRUE, 1, HOSTILE, HOSTILE, source="reviewer", author="U1", created_at=datetime.now(UTC)
    )
    counts = dict(checks=1, claims=1, unreviewed=1, no_match=0, proposed=0, reviewer_verdicts=1)
    queue = ReviewQueue((entry,) * 30, (entry,) * 30, (_view().check,) * 30, (recent,) * 30, counts)
    for locale in ("zh-Hans", "en"):
        View(**views.home_view(queue, locale)).validate_json()
    View(**views.home_view(ReviewQueue((), (), (), (), counts), "en")).validate_json()


def test_an_unsure_reply_offers_the_three_closest_then_a_pick_names_who_confirmed_it() -> None:
    unsure = blocks.verdict_reply(_view(), "en")
    accessories = [b["accessory"] for b in unsure if "accessory" in b]
    assert [a["action_id"] for a in accessories] == ["pick_claim"] * 3 + ["pick_none"]
    assert [a["value"] for a in accessories[:3]] == ["1:c1", "1:c2", "1:c3"] and accessories[3][
        "value"
    ] == "1"
    assert [a["text"]["text"] for a in accessories] == ["This one"] * 3 + ["None of these"]
    pick = Pick(7, 1, "UEDITOR", "北京西站", "北京西站", "c2", "this_one", datetime(2026, 3, 1, tzinfo=UTC))
    confirmed = replace(_view(), pick=pick)
    for locale in ("zh-Hans", "en"):
        _valid(blocks.card(confirmed, locale))
        _valid(blocks.verdict_reply(confirmed, locale))
    card, reply = blocks.card(confirmed, "en"), blocks.verdict_reply(confirmed, "en")
    assert "Confirmed by <@UEDITOR> on 2026-03-01" in str(card) and "Confirmed by" in str(reply)
    assert "pick_claim" not in str(reply)
    none = Pick(8, 1, "UEDITOR", "北京西站", "北京西站", None, "none", datetime(2026, 3, 1, tzinfo=UTC))
    nothing = CheckView(_view().check, None, None, Verdict("", Label.UNCHECKED, 0, "", ""), (), none)
    assert "none of the known claims" in str(blocks.card(nothing, "en") + blocks.verdict_reply(nothing, "en"))
    assert "pick_claim" not in str(blocks.verdict_reply(nothing, "en"))
    # An answer a "none of these" gave still offers the claims it set aside: the pick can be wrong.
    set_aside = replace(nothing, alternatives=_view().alternatives[:5])
    for locale in ("zh-Hans", "en"):
        _valid(blocks.verdict_reply(set_aside, locale))
    reply = blocks.verdict_reply(set_aside, "en")
    offered = [b["accessory"] for b in reply if "accessory" in b]
    assert [a["action_id"] for a in offered] == ["pick_claim"] * 3  # the three closest, no "none" again
    assert [a["value"] for a in offered] == ["1:c2", "1:c3", "1:c4"]
    assert "Someone said none of these was it" in str(reply)
    # No pick at all: the close claims are there because their figure or date differs; no buttons.
    differs = replace(set_aside, pick=None)
    for locale in ("zh-Hans", "en"):
        _valid(blocks.verdict_reply(differs, locale))
    reply = blocks.verdict_reply(differs, "en")
    assert "another figure or date" in str(reply) and "pick_claim" not in str(reply)
    assert "some say it with another figure or date" in str(blocks.card(differs, "en"))
    assert "another figure" not in str(blocks.card(nothing, "en"))
