"""Review in the thread: notes, rulings by button + modal and by mention, refusals, re-pointing."""

from __future__ import annotations

import json

from slackkit import ASKER, CHANNEL, GROUP_REVIEWER, REVIEWER, STRANGER, Bot


async def _thread_note(
    bot: Bot, thread: str, ts: str, user: str = STRANGER, text: str = "数据来源是什么？"
) -> None:
    assert (
        await bot.event(
            "event_message_thread", channel=CHANNEL, user=user, text=text, ts=ts, thread_ts=thread
        )
        == 200
    )


async def test_thread_messages_become_notes_and_follow_edits_and_deletions(bot: Bot) -> None:
    check = await bot.full_check()
    thread = check["thread_ts"]
    await _thread_note(bot, thread, "1800000000.000100", text="这个数字 &lt;@U1&gt; 可疑")
    await _thread_note(bot, thread, "1800000000.000200")
    await bot.until("SELECT * FROM review_notes", 2)
    await bot.event(
        "event_message_changed",
        channel=CHANNEL,
        user=STRANGER,
        text="改过的意见",
        ts="1800000000.000100",
        thread_ts=thread,
        event_ts="1800000001.000000",
    )
    await bot.until("SELECT * FROM review_notes WHERE edited_at IS NOT NULL", 1)
    await bot.event(
        "event_message_deleted",
        channel=CHANNEL,
        user=STRANGER,
        ts="1800000000.000200",
        thread_ts=thread,
        event_ts="1800000002.000000",
    )
    await bot.until("SELECT * FROM review_notes WHERE deleted_at IS NOT NULL", 1)
    notes = bot.rows("SELECT * FROM review_notes ORDER BY ts")
    assert [(n["ts"], n["text"], bool(n["edited_at"]), bool(n["deleted_at"])) for n in notes] == [
        ("1800000000.000100", "改过的意见", True, False),
        ("1800000000.000200", "数据来源是什么？", False, True),
    ]
    assert notes[0]["check_id"] == check["check_id"] and notes[0]["user_id"] == STRANGER


async def test_a_retried_event_is_acknowledged_once_and_two_messages_are_never_merged(bot: Bot) -> None:
    check = await bot.full_check()
    mention = dict(channel=CHANNEL, user=REVIEWER, ts="1800000000.000300", thread_ts=check["thread_ts"])
    mention["text"] = "verdict false 数字有误"
    assert await bot.event("event_app_mention", event_id="EvSAME", **mention) == 200
    assert await bot.event("event_app_mention", event_id="EvSAME", retry=1, **mention) == 200
    assert await bot.event("event_app_mention", event_id="EvSAME", retry=2, **mention) == 200
    await bot.until("SELECT * FROM verdicts WHERE source = 'reviewer'", 1)
    await bot.idle()
    assert len(bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'")) == 1
    assert len(bot.fake.calls_to("chat.update")) == 1
    same_text = dict(channel=CHANNEL, user=STRANGER, text="同一句话", thread_ts=check["thread_ts"])
    await bot.event("event_message_thread", ts="1800000000.000400", **same_text)
    await bot.event("event_message_thread", ts="1800000000.000500", **same_text)
    notes = await bot.until("SELECT ts FROM review_notes ORDER BY ts", 2)
    assert [n["ts"] for n in notes] == ["1800000000.000400", "1800000000.000500"]


async def test_messages_outside_check_threads_and_from_bots_are_not_notes(bot: Bot) -> None:
    check = await bot.full_check()
    await _thread_note(bot, "1111111111.000001", "1800000000.000500")
    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "EvBOT",
            "team_id": "T0NEWS",
            "api_app_id": "A0FACT",
            "event": {
                "type": "message",
                "subtype": "bot_message",
                "bot_id": "BOTHER",
                "channel": CHANNEL,
                "text": "机器人",
                "ts": "1800000000.000600",
                "thread_ts": check["thread_ts"],
            },
        }
    )
    assert (await bot.post(body, "application/json")).status == 200
    await _thread_note(bot, check["thread_ts"], "1800000000.000650", text="最后一条")
    [only] = await bot.until("SELECT * FROM review_notes", 1)
    assert only["text"] == "最后一条"


async def test_a_reviewer_changes_the_verdict_with_the_button_and_modal(bot: Bot) -> None:
    first = await bot.full_check()
    second = await bot.full_check()  # another thread about the same claim
    assert first["claim_id"] == second["claim_id"]
    status, _ = await bot.interaction(
        "block_actions_button",
        user=REVIEWER,
        channel=CHANNEL,
        action_id="change_verdict",
        value=second["check_id"],
        message_ts=second["thread_ts"],
        thread_ts=second["thread_ts"],
    )
    assert status == 200
    [opened] = await bot.fake.wait_for("views.open")
    assert opened.args["view"]["callback_id"] == "verdict_modal"
    status, body = await bot.interaction(
        "view_submission_verdict",
        user=REVIEWER,
        check_id=second["check_id"],
        label="false",
        rationale="铁路部门公布的数字是 8000 张",
        evidence_url="https://example.org/railway",
    )
    assert status == 200 and body == ""
    await bot.fake.wait_for("chat.update", 2)
    await bot.idle()
    history = bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'")
    assert [(h["label"], h["author"], h["evidence_url"]) for h in history] == [
        ("false", REVIEWER, "https://example.org/railway")
    ]
    posts = bot.fake.calls_to("chat.postMessage")[4:]
    assert sorted(p.args["thread_ts"] for p in posts) == sorted([first["thread_ts"], second["thread_ts"]])
    assert any("8000" in str(p.args["blocks"]) for p in posts)
    updated = {u.args["ts"] for u in bot.fake.calls_to("chat.update")}
    assert updated == {first["message_ts"], second["message_ts"]}
    assert all(":x:" in str(u.args["blocks"]) for u in bot.fake.calls_to("chat.update"))


async def test_a_group_member_rules_by_mention_in_english_or_chinese(bot: Bot) -> None:
    check = await bot.full_check()
    await bot.event(
        "event_app_mention",
        user=GROUP_REVIEWER,
        channel=CHANNEL,
        ts="1800000000.000700",
        thread_ts=check["thread_ts"],
        text="verdict 不实 车站公告只有八千张",
    )
    await bot.fake.wait_for("chat.update", 1)
    await bot.idle()
    [row] = bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'")
    assert (row["label"], row["author"], row["rationale_zh"]) == (
        "false",
        GROUP_REVIEWER,
        "车站公告只有八千张",
    )
    assert bot.fake.calls_to("usergroups.users.list")


async def test_a_non_reviewer_is_refused_everywhere_and_nothing_changes(bot: Bot) -> None:
    check = await bot.full_check()
    before = len(bot.fake.calls_to("chat.postMessage"))
    await bot.interaction(
        "block_actions_button",
        user=STRANGER,
        channel=CHANNEL,
        action_id="change_verdict",
        value=check["check_id"],
        message_ts=check["thread_ts"],
        thread_ts=check["thread_ts"],
    )
    status, body = await bot.interaction(
        "view_submission_verdict",
        user=STRANGER,
        check_id=check["check_id"],
        label="true",
        rationale="我说是真的",
        evidence_url="",
    )
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    await bot.event(
        "event_app_mention",
        user=STRANGER,
        channel=CHANNEL,
        ts="1800000000.000800",
        thread_ts=check["thread_ts"],
        text="verdict true 我说是真的",
    )
    refusals = await bot.fake.wait_for("chat.postEphemeral", 2)
    assert {r.args["user"] for r in refusals} == {STRANGER}
    assert bot.fake.calls_to("views.open") == []
    assert bot.rows("SELECT * FROM verdicts WHERE source = 'reviewer'") == []
    await bot.idle()
    assert len(bot.fake.calls_to("chat.postMessage")) == before and bot.fake.calls_to("chat.update") == []


async def test_the_asker_repoints_an_ambiguous_check_to_an_alternative(bot: Bot) -> None:
    check = await bot.full_check("北京")
    assert check["status"] == "ambiguous"
    await bot.interaction(
        "block_actions_button",
        user=ASKER,
        channel=CHANNEL,
        action_id="not_right_claim",
        value=check["check_id"],
        message_ts=check["thread_ts"],
        thread_ts=check["thread_ts"],
    )
    [picker] = await bot.fake.wait_for("chat.postEphemeral")
    options = picker.args["blocks"][0]["accessory"]["options"]
    chosen = options[1]["value"]
    await bot.interaction(
        "block_actions_select",
        user=ASKER,
        channel=CHANNEL,
        value=chosen,
        message_ts=picker.args.get("thread_ts", ""),
        thread_ts=check["thread_ts"],
    )
    await bot.fake.wait_for("chat.update", 1)
    await bot.idle()
    row = bot.rows("SELECT claim_id, repointed_by, alternatives FROM checks")[0]
    assert (row["claim_id"], row["repointed_by"]) == (chosen.split(":")[1], ASKER)
    assert check["claim_id"] in json.loads(row["alternatives"])
    assert (await bot.fake.wait_for_response(1))[0]["response_type"] == "ephemeral"


async def test_a_stranger_cannot_repoint_someone_elses_check(bot: Bot) -> None:
    check = await bot.full_check("北京")
    await bot.interaction(
        "block_actions_select",
        user=STRANGER,
        channel=CHANNEL,
        value=f"{check['check_id']}:{json.loads(check['alternatives'])[0]}",
        message_ts="",
        thread_ts=check["thread_ts"],
    )
    await bot.fake.wait_for_response(1)
    assert bot.rows("SELECT claim_id, repointed_by FROM checks")[0]["repointed_by"] is None


async def test_an_unmatched_text_can_be_opened_as_a_new_claim(bot: Bot) -> None:
    check = await bot.full_check("火星上发现了液态水湖泊")
    await bot.interaction(
        "block_actions_button",
        user=ASKER,
        channel=CHANNEL,
        action_id="propose_claim",
        value=check["check_id"],
        message_ts=check["thread_ts"],
        thread_ts=check["thread_ts"],
    )
    await bot.fake.wait_for("chat.postMessage", 3)
    assert bot.rows("SELECT proposed_by FROM checks")[0]["proposed_by"] == ASKER
