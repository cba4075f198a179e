"""/checkclaim end to end: signed slash command in, card + threaded verdict out, everything stored."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

import pytest
from fake_slack import Call
from slackkit import ASKER, CHANNEL, MATCHED, Bot

from bot.lookup.message import MAX_MESSAGE_CHARS
from bot.store import intake as intake_store


async def test_a_check_posts_a_card_then_the_verdict_in_its_thread_and_stores_both_ts(bot: Bot) -> None:
    status, body = await bot.command(MATCHED)
    assert status == 200 and body == ""
    card, reply = await bot.fake.wait_for("chat.postMessage", 2)
    await bot.idle()
    assert card.args["channel"] == CHANNEL and "thread_ts" not in card.args
    card_ts = bot.fake.messages[CHANNEL][0]["ts"]
    assert reply.args["thread_ts"] == card_ts
    card_text = str(card.args["blocks"])
    assert f"<@{ASKER}>" in card_text and MATCHED in card_text
    assert any(b["type"] == "actions" for b in reply.args["blocks"])
    check = bot.rows("SELECT * FROM checks")[0]
    assert (check["user_id"], check["channel_id"], check["status"]) == (ASKER, CHANNEL, "matched")
    assert check["claim_id"] and check["score"] > 0.5
    assert check["message_ts"] == card_ts and check["thread_ts"] == card_ts
    items = bot.rows("SELECT kind, status, delivered_ts FROM outbox ORDER BY item_id")
    assert [(i["kind"], i["status"]) for i in items] == [("card", "delivered"), ("verdict", "delivered")]


async def test_the_check_is_stored_before_the_first_post_and_a_500_is_retried(bot: Bot) -> None:
    seen: list[int] = []

    def count_checks(call: Call) -> None:
        conn = sqlite3.connect(bot.desk.settings.db_path)
        seen.append(conn.execute("SELECT count(*) FROM checks").fetchone()[0])
        conn.close()

    bot.fake.hooks["chat.postMessage"] = count_checks
    bot.fake.fail_next("chat.postMessage", times=3, status=500)  # beats the client's own retry once
    await bot.command(MATCHED)
    await bot.fake.wait_for("chat.postMessage", 2)
    await bot.idle()
    failed = [c for c in bot.fake.calls if c.method == "chat.postMessage" and c.failed]
    assert len(failed) == 3
    assert seen and seen[0] == 1
    assert len(bot.fake.calls_to("chat.postMessage")) == 2


async def test_a_post_that_reached_slack_but_lost_its_answer_is_not_posted_twice(bot: Bot) -> None:
    bot.fake.fail_next("chat.postMessage", times=2, status=500, apply=True)
    await bot.command(MATCHED)
    await bot.fake.wait_for("conversations.replies", 1)
    await bot.idle()
    posted = bot.fake.messages[CHANNEL]
    assert len(posted) == 2  # one card, one reply: each was looked for before it was posted again
    assert bot.fake.calls_to("conversations.history") and bot.fake.calls_to("conversations.replies")
    assert bot.rows("SELECT message_ts FROM checks")[0]["message_ts"] == posted[0]["ts"]
    assert [r["status"] for r in bot.rows("SELECT status FROM outbox")] == ["delivered", "delivered"]


async def test_a_text_joining_assertions_says_on_its_card_which_part_matched(bot: Bot) -> None:
    await bot.command("西站日均退票1.2万张 旅客只好改坐长途大巴回老家过春节导致大巴车票一票难求")
    card, _ = await bot.fake.wait_for("chat.postMessage", 2)
    await bot.idle()
    assert "其中这一句对得上：「西站日均退票1.2万张」" in str(card.args["blocks"])
    check = bot.rows("SELECT status, part FROM checks")[0]
    assert (check["status"], check["part"]) == ("matched", "西站日均退票1.2万张")


async def test_rate_limits_are_honoured_and_nothing_is_lost(bot: Bot) -> None:
    bot.fake.fail_next("chat.postMessage", times=2, status=429, retry_after=1)
    await bot.command(MATCHED)
    await bot.fake.wait_for("chat.postMessage", 2, timeout=15)
    await bot.idle()
    assert len(bot.fake.messages[CHANNEL]) == 2


async def test_not_in_channel_is_explained_through_response_url(bot: Bot) -> None:
    bot.fake.fail_next("chat.postMessage", error="not_in_channel")
    await bot.command(MATCHED)
    [answer] = await bot.fake.wait_for_response(1)
    await bot.idle()
    assert answer["response_type"] == "ephemeral" and "not_in_channel" in answer["text"]
    assert bot.fake.messages[CHANNEL] == []
    items = bot.rows("SELECT kind, status, last_error FROM outbox ORDER BY item_id")
    assert [(i["kind"], i["status"]) for i in items] == [("card", "failed"), ("verdict", "failed")]
    assert len(bot.rows("SELECT * FROM checks")) == 1


async def test_help_empty_and_unknown_subcommands_get_the_usage_and_store_nothing(bot: Bot) -> None:
    for text in ("", "help", "帮助", "frobnicate"):
        status, body = await bot.command(text)
        assert status == 200
        assert '"response_type":"ephemeral"' in body.replace(" ", "") and "/checkclaim" in body
    status, body = await bot.command("digest")
    assert status == 200 and "ephemeral" in body
    assert bot.rows("SELECT * FROM checks") == []
    assert bot.fake.calls_to("chat.postMessage") == []


async def test_emoji_only_and_oversized_text_are_refused_kindly(bot: Bot) -> None:
    for text in ("😀😀🎉", "北" * (MAX_MESSAGE_CHARS + 1)):  # longer than any message (issue 15)
        status, body = await bot.command(text)
        assert status == 200 and "ephemeral" in body
    assert bot.rows("SELECT * FROM checks") == []


async def test_no_match_answers_honestly_and_offers_a_new_claim(bot: Bot) -> None:
    await bot.command("火星上发现了液态水湖泊")
    _card, reply = await bot.fake.wait_for("chat.postMessage", 2)
    buttons = [e for b in reply.args["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == ["propose_claim"]
    assert bot.rows("SELECT status FROM checks")[0]["status"] == "no_match"


async def test_a_query_with_mentions_never_pings_anyone(bot: Bot) -> None:
    await bot.command("<!channel> <@U999> 北京西站日均退票量达1.2万张 &lt;!here&gt;")
    card, reply = await bot.fake.wait_for("chat.postMessage", 2)
    await bot.idle()  # the outbox settles before the app stops (a loaded CI machine once hung here)
    for call in (card, reply):
        text = str(call.args["blocks"]) + call.args["text"]
        assert "<!channel>" not in text and "<@U999>" not in text and "<!here>" not in text
    assert "&lt;!channel&gt;" in str(card.args["blocks"])


async def test_the_ack_is_sent_only_after_the_request_is_committed(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add = intake_store.add

    def slow_add(conn: sqlite3.Connection, *args: Any) -> Any:
        time.sleep(0.3)  # on the database thread, inside the transaction: an early ack would beat it
        return real_add(conn, *args)

    monkeypatch.setattr(intake_store, "add", slow_add)
    status, body = await bot.command(MATCHED)
    assert status == 200 and body == ""
    assert [r["query"] for r in bot.rows("SELECT query FROM intake")] == [MATCHED]
    await bot.fake.wait_for("chat.postMessage", 2)
    await bot.idle()
    assert bot.rows("SELECT status FROM intake")[0]["status"] == "answered"


async def test_a_request_that_fails_after_the_ack_is_explained_through_response_url(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(query: str) -> Any:
        raise RuntimeError("lookup worker died")

    monkeypatch.setattr(bot.desk, "_lookup", broken)
    status, body = await bot.command(MATCHED)
    assert status == 200 and body == ""
    [answer] = await bot.fake.wait_for_response(1)
    await bot.idle()
    assert answer["response_type"] == "ephemeral" and answer["text"]
    assert bot.rows("SELECT * FROM checks") == [] and bot.fake.calls_to("chat.postMessage") == []
    assert bot.rows("SELECT status FROM intake")[0]["status"] == "refused"
