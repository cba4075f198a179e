"""A message in Slack (a long /checkclaim, the shortcut on a long post): one card for the whole message,
its known claims with their verdicts and a link to the thread where each was checked, its new ones."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from slackkit import CHANNEL, MATCHED, REVIEWER, Bot

from bot.claims.models import Claim, ClaimKind
from bot.desk.message_view import MessageLine, MessageView
from bot.desk.review import CheckView
from bot.slack import message_blocks
from bot.slack.blocks import MAX_BLOCKS, SECTION_CHARS
from bot.store.checks import CheckRecord
from bot.verdicts.models import unchecked

FORWARDED = (
    "09:30 小李 网传：\n"
    "1、12月18日北京西站日均退票量达1.2万张，较政策实施前增长320%！\n"
    "2、海港市下周起地铁全线停运一个月，请大家转告亲友提前安排出行。"
)


async def test_a_long_checkclaim_gets_one_card_with_known_and_new_claims_and_a_thread_link(bot: Bot) -> None:
    first = await bot.full_check(MATCHED)  # the claim is checked once: its thread exists
    row = await bot.full_check(FORWARDED)
    assert row["kind"] == "message" and row["claim_id"] == first["claim_id"]
    card, reply = bot.fake.calls_to("chat.postMessage")[-2:]
    text = json.dumps(card.args["blocks"], ensure_ascii=False)
    assert "1 条已有核查，1 条是新的" in text
    assert "海港市下周起地铁全线停运一个月" in text
    assert f"newsroom.slack.com/archives/{CHANNEL}/p{first['message_ts'].replace('.', '')}" in text
    assert "误导" in text  # the known claim's verdict badge
    assert reply.args["thread_ts"] == row["message_ts"]
    assert "*理由*" in json.dumps(reply.args["blocks"], ensure_ascii=False)
    parts = bot.rows(
        "SELECT text, status FROM message_claims WHERE check_id = ? ORDER BY position", (row["check_id"],)
    )
    assert [p["status"] for p in parts] == ["matched", "no_match"]
    assert not parts[0]["text"].startswith(("09:30", "网传", "1、"))


async def test_the_shortcut_on_a_long_post_answers_the_whole_message_in_its_thread(bot: Bot) -> None:
    status, _ = await bot.interaction(
        "shortcut_message", user=REVIEWER, channel=CHANNEL, ts="1800000000.000700", text=FORWARDED
    )
    assert status == 200
    card, reply = await bot.fake.wait_for("chat.postMessage", 2)
    await bot.idle()
    assert card.args["thread_ts"] == reply.args["thread_ts"] == "1800000000.000700"
    assert "消息核查" in card.args["text"]
    row = bot.rows("SELECT origin, kind, status FROM checks")[0]
    assert (row["origin"], row["kind"], row["status"]) == ("slack_shortcut", "message", "matched")


def test_a_message_of_many_claims_stays_within_slacks_limits() -> None:
    claim = unchecked("c1")
    lines = tuple(
        MessageLine(
            f"第{i}条说法<!channel>" + "很长" * 400,
            True,
            None if i % 2 else _claim(i),
            None if i % 2 else claim,
        )
        for i in range(120)
    )
    view = CheckView(_record("长消息" * 2000), None, None, unchecked(""), message=MessageView(lines))
    for body in (message_blocks.card(view, "zh-Hans"), message_blocks.reply(view, "zh-Hans")):
        assert len(body) <= MAX_BLOCKS
        for block in body:
            text = block.get("text", {}).get("text", "")
            assert len(text) <= SECTION_CHARS and "<!channel>" not in text


def _claim(i: int) -> Claim:
    return Claim(f"c{i}", "a", f"已知说法{i}", 0, 5, ClaimKind.EVENT)


def _record(query: str) -> CheckRecord:
    return CheckRecord(1, query, "slack", "U1", CHANNEL, "matched", None, None, (), datetime.now(UTC))
