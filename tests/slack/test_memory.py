"""Fact-check memory in Slack: "also in N other articles", a carried ruling on the card and the reply,
and the reviewer's offer to apply a ruling to the family or split a claim out (both recorded)."""

from __future__ import annotations

import json

from slackkit import CHANNEL, REVIEWER, Bot

from bot.articles.read import article_from_text
from bot.desk.service import Desk
from bot.slack import blocks
from bot.verdicts.labels import Label

RULED = (
    "海滨市火车站调整退票规则\n\n"
    "海滨市铁路局宣布，自3月1日起，海滨火车站所有车票在开车前24小时内退票将收取20%的手续费。\n"
)
TRADITIONAL = (
    "退票新規\n\n海濱市鐵路局宣布，自3月1日起，海濱火車站所有車票在開車前24小時內退票將收取20%的手續費。\n"
)
REWORDED = (
    "网传退票要收手续费\n\n"
    "有网友转发称，从3月1日开始，海滨火车站的车票开车前24小时内退票，铁路局要收取20%手续费。\n"
)
FEE_QUERY = "海滨火车站开车前24小时内退票收取20%手续费"


async def ingest(desk: Desk, article_id: str, text: str) -> str:
    await desk.library.ingest_article(article_from_text(text, {"id": article_id}, article_id))
    [claim] = [c for c in await desk.claims(article_id) if "24" in c.text]
    return claim.claim_id


def texts(payload: object) -> str:
    return json.dumps(payload, ensure_ascii=False)


async def test_card_and_reply_show_a_carried_ruling_and_the_other_appearances(desk: Desk) -> None:
    original = await ingest(desk, "ruled", RULED)
    await desk.set_verdict(
        original, Label.FALSE, "铁路局没有发布这项规定", "UREV", "https://example.org/r", local_operator=True
    )
    reworded = await ingest(desk, "reworded", REWORDED)
    [claim] = [c for c in await desk.claims("reworded") if c.claim_id == reworded]
    outcome = await desk.check(claim.text)
    assert outcome.result.best is not None and outcome.result.best.claim.claim_id == reworded
    view = await desk.review.check_view(outcome.check_id)
    assert view.verdict.carried is not None and view.appearance_count == 1
    card, reply = texts(blocks.card(view, "en")), texts(blocks.verdict_reply(view, "en"))
    for shown in (card, reply):
        assert "Carried from <@UREV>" in shown and "海滨市火车站调整退票规则" in shown
    assert "Also in 1 other articles" in reply
    assert blocks.badge(Label.FALSE, "en") in reply


async def test_a_ruling_in_slack_offers_the_family_and_applying_it_is_recorded(bot: Bot) -> None:
    original = await ingest(bot.desk, "ruled", RULED)
    copy = await ingest(bot.desk, "hant", TRADITIONAL)
    check = await bot.full_check(FEE_QUERY)
    assert check["status"] == "matched"  # copies of one claim: answered once
    [reply] = [c for c in bot.fake.calls_to("chat.postMessage") if c.args.get("thread_ts")][-1:]
    assert "1 篇文章" in texts(reply.args.get("blocks"))
    mention = dict(channel=CHANNEL, user=REVIEWER, ts="1800000000.000300", thread_ts=check["thread_ts"])
    assert await bot.event("event_app_mention", text="verdict false 没有这项规定", **mention) == 200
    [offer] = await bot.fake.wait_for("chat.postEphemeral")
    buttons = [e for b in offer.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    apply = next(b for b in buttons if b["action_id"] == blocks.FAMILY_APPLY)
    status, _ = await bot.interaction(
        "block_actions_button",
        user=REVIEWER,
        channel=CHANNEL,
        action_id=blocks.FAMILY_APPLY,
        value=apply["value"],
        message_ts=check["thread_ts"],
        thread_ts=check["thread_ts"],
    )
    assert status == 200
    await bot.idle()
    other = copy if check["claim_id"] == original else original
    [applied] = await bot.until(
        f"SELECT * FROM verdicts WHERE claim_id = '{other}' AND source = 'reviewer'", 1
    )
    assert applied["label"] == "false" and applied["author"] == REVIEWER
    [event] = bot.rows("SELECT * FROM family_events WHERE event = 'applied'")
    assert event["claim_id"] == other and event["actor"] == REVIEWER and event["at"]
