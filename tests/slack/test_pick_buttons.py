"""Did you mean in Slack: the buttons under an ambiguous answer, a pick's verdict in the thread, the
pick answering the next asker, and refusals (a stranger, a stale button, a tampered value)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from slackkit import ASKER, CHANNEL, REVIEWER, STRANGER, Bot

from bot.slack.picks import parse_pick

AMBIGUOUS = "政策执行效率提升40%以上"


def _buttons(blocks: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(action_id, value) of every button, accessories included."""
    found = [b["accessory"] for b in blocks if b.get("accessory", {}).get("type") == "button"]
    found += [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    return [(e["action_id"], e["value"]) for e in found]


def _action_responses(bot: Bot) -> list[dict[str, Any]]:
    return [body for name, body in bot.fake.responses if name == "action"]


async def _press(bot: Bot, user: str, action_id: str, value: str, thread: str) -> int:
    status, _ = await bot.interaction(
        "block_actions_button",
        user=user,
        channel=CHANNEL,
        action_id=action_id,
        value=value,
        message_ts=thread,
        thread_ts=thread,
    )
    return status


async def _ambiguous(bot: Bot) -> tuple[Any, list[tuple[str, str]]]:
    check = await bot.full_check(AMBIGUOUS)
    assert check["status"] == "ambiguous"
    reply = bot.fake.calls_to("chat.postMessage")[-1]
    return check, _buttons(reply.args["blocks"])


async def test_an_ambiguous_answer_offers_the_three_closest_and_none_of_these(bot: Bot) -> None:
    check, buttons = await _ambiguous(bot)
    picks = [value for action, value in buttons if action == "pick_claim"]
    alternatives = json.loads(check["alternatives"])
    assert picks == [f"{check['check_id']}:{c}" for c in [check["claim_id"], *alternatives][:3]]
    assert ("pick_none", str(check["check_id"])) in buttons
    reply = str(bot.fake.calls_to("chat.postMessage")[-1].args["blocks"])
    assert "你是指下面哪一条" in reply and "就是这条" in reply and "都不是" in reply


async def test_this_one_repoints_posts_the_verdict_and_answers_the_next_asker(bot: Bot) -> None:
    check, buttons = await _ambiguous(bot)
    _, chosen = [b for b in buttons if b[0] == "pick_claim"][1]
    posts = len(bot.fake.calls_to("chat.postMessage"))
    assert await _press(bot, ASKER, "pick_claim", chosen, check["thread_ts"]) == 200
    await bot.fake.wait_for("chat.update", 1)
    await bot.fake.wait_for("chat.postMessage", posts + 2)  # the notice, then the chosen claim's verdict
    await bot.idle()
    claim_id = chosen.split(":", 1)[1]
    row = bot.rows("SELECT claim_id, pick_id FROM checks WHERE check_id = ?", (check["check_id"],))[0]
    [pick] = bot.rows("SELECT * FROM lookup_picks")
    assert (row["claim_id"], row["pick_id"]) == (claim_id, pick["pick_id"])
    assert (pick["user_id"], pick["query"], pick["claim_id"], pick["kind"]) == (
        ASKER,
        AMBIGUOUS,
        claim_id,
        "this_one",
    )
    notice, verdict = bot.fake.calls_to("chat.postMessage")[posts : posts + 2]
    assert {notice.args["thread_ts"], verdict.args["thread_ts"]} == {check["thread_ts"]}
    assert "选出了这个问题说的那条说法" in str(notice.args["blocks"])
    assert "pick_claim" not in str(verdict.args["blocks"])  # decided: no more choices
    assert "确认过" in str(bot.fake.calls_to("chat.update")[-1].args["blocks"])
    assert _action_responses(bot)[-1]["response_type"] == "ephemeral"

    again = await bot.full_check(AMBIGUOUS + "？", user=STRANGER)  # someone else asks the same later
    assert (again["status"], again["claim_id"], again["pick_id"]) == ("matched", claim_id, pick["pick_id"])
    card = str(bot.fake.calls_to("chat.postMessage")[-2].args["blocks"])
    assert "确认过" in card and f"<@{ASKER}>" in card


async def test_none_of_these_answers_the_same_query_no_match(bot: Bot) -> None:
    check, _ = await _ambiguous(bot)
    assert await _press(bot, ASKER, "pick_none", str(check["check_id"]), check["thread_ts"]) == 200
    await bot.fake.wait_for("chat.update", 1)
    await bot.idle()
    row = bot.rows("SELECT claim_id, pick_id FROM checks WHERE check_id = ?", (check["check_id"],))[0]
    assert row["claim_id"] is None and row["pick_id"] is not None
    [pick] = bot.rows("SELECT kind, claim_id FROM lookup_picks")
    assert (pick["kind"], pick["claim_id"]) == ("none", None)
    again = await bot.full_check(AMBIGUOUS, user=STRANGER)
    assert (again["status"], again["claim_id"]) == ("no_match", None)
    reply = bot.fake.calls_to("chat.postMessage")[-1].args["blocks"]
    assert ("propose_claim", str(again["check_id"])) in _buttons(reply)


async def _refused(bot: Bot, user: str, action_id: str, value: str, thread: str, expected: str) -> None:
    """The presser alone hears ``expected``; no pick, no change to any check, nothing posted."""
    checks = bot.rows("SELECT * FROM checks ORDER BY check_id")
    picks = bot.rows("SELECT * FROM lookup_picks")
    posts, updates = len(bot.fake.calls_to("chat.postMessage")), len(bot.fake.calls_to("chat.update"))
    answers = len(_action_responses(bot))
    assert await _press(bot, user, action_id, value, thread) == 200
    async with asyncio.timeout(10):  # Bolt acknowledges first; the answer follows
        while len(_action_responses(bot)) == answers:
            await asyncio.sleep(0.01)
    await bot.idle()
    answer = _action_responses(bot)[-1]
    assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
    assert expected in answer["text"]
    assert [tuple(r) for r in bot.rows("SELECT * FROM checks ORDER BY check_id")] == [
        tuple(r) for r in checks
    ]
    assert [tuple(r) for r in bot.rows("SELECT * FROM lookup_picks")] == [tuple(r) for r in picks]
    assert len(bot.fake.calls_to("chat.postMessage")) == posts
    assert len(bot.fake.calls_to("chat.update")) == updates


async def test_a_stranger_a_stale_button_and_tampered_values_are_refused_kindly(bot: Bot) -> None:
    check, buttons = await _ambiguous(bot)
    thread, check_id = check["thread_ts"], check["check_id"]
    first, second = [value for action, value in buttons if action == "pick_claim"][:2]
    await _refused(bot, STRANGER, "pick_claim", first, thread, "只有提问的人或核查编辑")
    for tampered in (f"{check_id}:no-such-claim", f"999999:{first.split(':', 1)[1]}", "not-a-value", ":x"):
        await _refused(bot, ASKER, "pick_claim", tampered, thread, "按钮可能已经过期")
    await _refused(bot, ASKER, "pick_none", "12:34", thread, "按钮可能已经过期")

    assert await _press(bot, REVIEWER, "pick_claim", first, thread) == 200  # a reviewer may pick
    await bot.fake.wait_for("chat.update", 1)
    await bot.idle()
    await _refused(bot, ASKER, "pick_claim", second, thread, "已经有人选过了")  # the list is out of date
    await _refused(bot, ASKER, "pick_none", str(check_id), thread, "已经有人选过了")
    assert len(bot.rows("SELECT * FROM lookup_picks")) == 1


def test_button_values_are_parsed_strictly() -> None:
    assert parse_pick("pick_claim", "12:beijing-travel#c3") == (12, "beijing-travel#c3")
    assert parse_pick("pick_none", "12") == (12, None)
    for action, value in [
        ("pick_claim", "12"),
        ("pick_claim", "x:claim"),
        ("pick_claim", "12:"),
        ("pick_claim", "12: spaced"),
        ("pick_claim", "12:" + "c" * 300),
        ("pick_none", "12:claim"),
        ("pick_none", "-1"),
    ]:
        assert parse_pick(action, value) is None, value
