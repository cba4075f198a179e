"""Fact-check memory in Slack: "also in N other articles", a carried ruling on the card and the reply,
and the reviewer's offer to apply a ruling to the family or split a claim out (both recorded)."""

from __future__ import annotations

import json

from slackkit import CHANNEL, REVIEWER, Bot

from bot.articles.read import article_from_text
from bot.desk.service import Desk
from bot.slack import blocks
from bot.verdicts.labels import Label
from bot.verdicts.models import Verdict

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
    await apply_from_offer(bot, check["thread_ts"])
    other = copy if check["claim_id"] == original else original
    [applied] = await bot.until(
        f"SELECT * FROM verdicts WHERE claim_id = '{other}' AND source = 'reviewer'", 1
    )
    assert applied["label"] == "false" and applied["author"] == REVIEWER
    [event] = bot.rows("SELECT * FROM family_events WHERE event = 'applied'")
    assert event["claim_id"] == other and event["actor"] == REVIEWER and event["at"]


async def apply_from_offer(bot: Bot, thread_ts: str) -> None:
    """The reviewer presses "apply to all appearances" in the ephemeral offer of a ruling."""
    [offer] = await bot.fake.wait_for("chat.postEphemeral")
    buttons = [e for b in offer.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    apply = next(b for b in buttons if b["action_id"] == blocks.FAMILY_APPLY)
    status, _ = await bot.interaction(
        "block_actions_button",
        user=REVIEWER,
        channel=CHANNEL,
        action_id=blocks.FAMILY_APPLY,
        value=apply["value"],
        message_ts=thread_ts,
        thread_ts=thread_ts,
    )
    assert status == 200
    await bot.idle()


async def test_applying_a_ruling_to_the_family_tells_each_other_appearances_thread(bot: Bot) -> None:
    original = await ingest(bot.desk, "ruled", RULED)
    reworded = await ingest(bot.desk, "reworded", REWORDED)
    text_of = {c.claim_id: c.text for c in await bot.desk.claims()}
    first = await bot.full_check(text_of[original])
    second = await bot.full_check(text_of[reworded])
    assert (first["claim_id"], second["claim_id"]) == (original, reworded)
    mention = dict(channel=CHANNEL, user=REVIEWER, ts="1800000000.000400", thread_ts=first["thread_ts"])
    assert await bot.event("event_app_mention", text="verdict false 没有这项规定", **mention) == 200
    updates_before = len(bot.fake.calls_to("chat.update"))
    await apply_from_offer(bot, first["thread_ts"])
    notices = [
        texts(c.args)
        for c in bot.fake.calls_to("chat.postMessage")
        if c.args.get("thread_ts") == second["thread_ts"] and "中的裁定用于这里" in texts(c.args)
    ]
    assert len(notices) == 1  # one notice in the other appearance's thread, none in the ruled one's
    assert f"<@{REVIEWER}>" in notices[0] and "海滨市火车站调整退票规则" in notices[0]
    assert "没有这项规定" in notices[0] and blocks.badge(Label.FALSE, "zh-Hans") in notices[0]
    assert not [
        c
        for c in bot.fake.calls_to("chat.postMessage")
        if c.args.get("thread_ts") == first["thread_ts"] and "中的裁定用于这里" in texts(c.args)
    ]
    updated = bot.fake.calls_to("chat.update")[updates_before:]
    assert any(c.args.get("ts") == second["message_ts"] for c in updated)  # its card shows the ruling
    [item] = bot.rows("SELECT * FROM outbox WHERE kind = 'notice' AND check_id = ?", (second["check_id"],))
    assert item["status"] == "delivered"


async def test_the_family_notice_reads_in_english_too() -> None:
    payload = {"event": "family_applied", "user": "UREV", "title": "Ferry <fares>"}
    ruling = Verdict("c1", Label.FALSE, 1.0, "没有这项规定", "No such rule", source="reviewer", author="UREV")
    text = blocks.notice_text(payload, ruling, "en")
    assert text.startswith(":link: <@UREV> applied the ruling on the same claim in another article")
    assert "Ferry &lt;fares&gt;" in text and "No such rule" in text
