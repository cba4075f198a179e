"""Articles from Slack end to end: /checkclaim ingest URL, the modal, the message shortcut (text and a
.txt file through files.info), the triage post and its "Check this" buttons, refusals and duplicates.
The real Bolt app over HTTP, the fake Slack, and a local web server for the pages."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
from articlekit import ARTICLE, PARAGRAPHS, TITLE, PageServer, page_server
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from slackkit import CHANNEL, REVIEWER, STRANGER, Bot, payload, sign

from bot.articles.fetch import address_policy
from bot.articles.triage import ANONYMOUS, CONTRADICTION, LEGAL, TriagePick
from bot.claims.models import Article, Claim, ClaimKind
from bot.config import Settings
from bot.desk.articles import TriageView
from bot.slack import ingest, triage
from bot.slack.manifest import manifest
from bot.store.article_requests import ArticleRequest
from bot.verdicts.labels import Label
from bot.verdicts.models import Signal, Verdict

INGESTER = "UINGESTER"
HOSTILE = "<!channel> <@U123> <https://evil.example|点我> & " + "长" * 5000


@pytest.fixture
def slack_settings(slack_settings: Settings) -> Settings:
    """The rig's settings, with loopback pages allowed (the test server) and one named ingester."""
    return replace(slack_settings, fetch_allow_private=True, ingesters=(INGESTER,))


@pytest.fixture
async def pages() -> AsyncIterator[PageServer]:
    async with page_server() as server:
        yield server


def valid(blocks: list[dict[str, Any]]) -> None:
    assert 0 < len(blocks) <= 50
    for raw in blocks:
        Block.parse(raw).validate_json()  # type: ignore[union-attr]


async def triage_post(bot: Bot, count: int = 1) -> dict[str, Any]:
    """The ``count``-th message posted in the channel (waiting for it), once everything is idle."""
    await bot.fake.wait_for("chat.postMessage", count, timeout=30)
    await bot.runtime.wait_idle(timeout=30)
    return bot.fake.calls_to("chat.postMessage")[count - 1].args


async def send(bot: Bot, body: dict[str, Any]) -> tuple[int, str]:
    raw = urlencode({"payload": json.dumps(body, ensure_ascii=False)})
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(raw)}
    async with bot.http.post(bot.url, data=raw, headers=headers) as resp:
        return resp.status, await resp.text()


def button_values(blocks: list[dict[str, Any]]) -> list[str]:
    return [
        b["accessory"]["value"]
        for b in blocks
        if b.get("accessory", {}).get("action_id") == triage.CHECK_THIS
    ]


async def test_a_link_is_acknowledged_at_once_then_a_valid_triage_post_leads_with_red_flags(
    bot: Bot, pages: PageServer
) -> None:
    url = pages.url("/article.html")
    status, body = await bot.command(f"ingest <{url}>", user=REVIEWER)
    assert status == 200 and "正在读取" in json.loads(body)["text"]
    post = await triage_post(bot)
    assert post["channel"] == CHANNEL and TITLE in post["text"]
    blocks = post["blocks"]
    valid(blocks)
    assert f"<{url}|{TITLE}>" in blocks[0]["text"]["text"]  # the title, linked
    meta = blocks[1]["elements"][0]["text"]
    assert "河湾日报" in meta and "2026-12-01" in meta and f"<@{REVIEWER}>" in meta
    lines = [b["text"]["text"] for b in blocks if b.get("accessory")]
    assert 5 <= len(lines) <= 8
    assert "文内自相矛盾" in lines[0] and "文内自相矛盾" in lines[1]
    assert "法条引用与原文不符" in lines[2] and "匿名或不明来源" in lines[3]
    assert all(":triangular_flag_on_post:" in line for line in lines[:5])
    request = bot.rows("SELECT * FROM article_requests")[0]
    item = bot.rows("SELECT * FROM outbox WHERE item_id = ?", (request["triage_item"],))[0]
    assert item["status"] == "delivered" and item["delivered_ts"] == bot.fake.messages[CHANNEL][0]["ts"]


async def test_check_this_opens_a_check_thread_on_that_claim_as_checkclaim_does(
    bot: Bot, pages: PageServer
) -> None:
    await bot.command(f"ingest {pages.url('/article.html')}", user=INGESTER)
    post = await triage_post(bot)
    claim_id = button_values(post["blocks"])[2]
    ts = bot.fake.messages[CHANNEL][0]["ts"]
    status, _ = await bot.interaction(
        "block_actions_button",
        user="UREADER",
        channel=CHANNEL,
        message_ts=ts,
        thread_ts="",
        action_id=triage.CHECK_THIS,
        value=claim_id,
    )
    assert status == 200
    card, reply = (await bot.fake.wait_for("chat.postMessage", 3, timeout=30))[1:]
    await bot.idle()
    check = bot.rows("SELECT * FROM checks ORDER BY check_id DESC LIMIT 1")[0]
    assert (check["claim_id"], check["user_id"], check["status"]) == (claim_id, "UREADER", "matched")
    assert "thread_ts" not in card.args and reply.args["thread_ts"] == check["thread_ts"]
    assert "第85条" in str(card.args["blocks"])


async def test_a_stranger_is_refused_privately_and_nothing_is_fetched(bot: Bot, pages: PageServer) -> None:
    status, body = await bot.command(f"ingest {pages.url('/article.html')}", user=STRANGER)
    assert status == 200 and json.loads(body)["response_type"] == "ephemeral"
    assert "只有核查编辑" in json.loads(body)["text"]
    assert pages.hits == {} and bot.rows("SELECT * FROM article_requests") == []
    status, body = await bot.command("ingest", user=STRANGER)  # the modal is not opened either
    assert "只有核查编辑" in json.loads(body)["text"] and bot.fake.calls_to("views.open") == []


async def test_a_dead_link_and_a_bad_scheme_are_explained_in_the_askers_language(
    bot: Bot, pages: PageServer
) -> None:
    await bot.command(f"ingest {pages.url('/no-such-page')}", user=REVIEWER)
    [answer] = await bot.fake.wait_for_response(1, timeout=30)
    assert "HTTP 404" in answer["text"] and answer["response_type"] == "ephemeral"
    _, body = await bot.command("ingest ftp://example.org/a.txt", user=REVIEWER)
    assert "http://" in json.loads(body)["text"]
    await bot.idle()
    assert bot.rows("SELECT count(*) FROM articles WHERE article_id LIKE 'web-%'")[0][0] == 0
    assert bot.fake.calls_to("chat.postMessage") == []


async def test_without_allow_private_a_loopback_link_is_refused_in_the_ack(
    bot: Bot, pages: PageServer
) -> None:
    bot.runtime.services.articles.policy = address_policy(allow_private=False)  # the default setting
    _, body = await bot.command(f"ingest {pages.url('/article.html')}", user=REVIEWER)
    assert "内网或本机地址" in json.loads(body)["text"]
    assert pages.hits == {} and bot.rows("SELECT * FROM article_requests") == []


async def test_the_same_link_twice_links_the_first_triage_post(bot: Bot, pages: PageServer) -> None:
    url = pages.url("/article.html")
    await bot.command(f"ingest {url}", user=REVIEWER)
    await triage_post(bot)
    await bot.command(f"ingest {url}", user=INGESTER)
    [answer] = await bot.fake.wait_for_response(1, timeout=30)
    await bot.idle()
    assert "已于" in answer["text"] and "https://newsroom.slack.com/archives/C0NEWS/p" in answer["text"]
    assert len(bot.fake.calls_to("chat.postMessage")) == 1


async def test_ingest_alone_opens_a_valid_modal_whose_text_becomes_an_article(bot: Bot) -> None:
    status, _ = await bot.command("ingest", user=REVIEWER)
    [opened] = await bot.fake.wait_for("views.open")
    View(**opened.args["view"]).validate_json()
    assert [b["block_id"] for b in opened.args["view"]["blocks"]] == list(ingest.FIELDS)
    values = {"user": REVIEWER, "channel": CHANNEL, "title": "", "source": "河湾日报"}
    bad_date = payload("view_submission_ingest", text=ARTICLE, published="2026-13-45", **values)
    status, body = await send(bot, bad_date)
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    no_chinese = payload("view_submission_ingest", text="English only.", published="2026-12-01", **values)
    status, body = await send(bot, no_chinese)
    assert "汉字" in json.loads(body)["errors"]["text"]
    assert bot.rows("SELECT * FROM article_requests") == []
    status, body = await send(
        bot, payload("view_submission_ingest", text=ARTICLE, published="2026-12-01", **values)
    )
    assert status == 200 and body == ""
    post = await triage_post(bot)
    valid(post["blocks"])
    assert "河湾日报 · 2026-12-01" in post["blocks"][1]["elements"][0]["text"]
    assert any(
        "received" in c.args.get("text", "") or "正在读取" in c.args.get("text", "")
        for c in bot.fake.calls_to("chat.postEphemeral")
    )


async def test_the_shortcut_takes_a_messages_text(bot: Bot) -> None:
    body = payload(
        "shortcut_ingest_text",
        user=INGESTER,
        channel=CHANNEL,
        ts="1700001200.000100",
        text=ARTICLE,
        response_url=bot.fake.response_url("sc"),
    )
    status, _ = await send(bot, body)
    assert status == 200
    post = await triage_post(bot)
    assert TITLE in post["blocks"][0]["text"]["text"]
    assert bot.rows("SELECT way, user_id FROM article_requests")[0][:] == ("text", INGESTER)


async def test_the_shortcut_reads_an_attached_gbk_txt_file_through_files_info_with_the_bot_token(
    bot: Bot,
) -> None:
    info = bot.fake.add_file("water.txt", ARTICLE.encode("gbk"))
    body = payload(
        "shortcut_ingest_file",
        user=REVIEWER,
        channel=CHANNEL,
        ts="1700001100.000100",
        file_id=info["id"],
        file_name="water.txt",
        response_url=bot.fake.response_url("sc"),
    )
    status, _ = await send(bot, body)
    assert status == 200
    post = await triage_post(bot)
    assert PARAGRAPHS[0][:10] in json.dumps(post["blocks"], ensure_ascii=False) or TITLE in post["text"]
    assert [c.args["file"] for c in bot.fake.calls_to("files.info")] == [info["id"]]
    assert bot.fake.downloads == [(info["id"], "Bearer xoxb-test-token")]


async def test_a_shortcut_on_a_file_that_is_not_text_is_refused_and_nothing_is_stored(bot: Bot) -> None:
    body = payload(
        "shortcut_ingest_file",
        user=REVIEWER,
        channel=CHANNEL,
        ts="1700001100.000200",
        file_id="F0PDF",
        file_name="scan.pdf",
        response_url=bot.fake.response_url("sc"),
    )
    await send(bot, body)
    [answer] = await bot.fake.wait_for_response(1, timeout=30)
    assert "scan.pdf" in answer["text"]
    assert bot.rows("SELECT * FROM article_requests") == [] and bot.fake.calls_to("files.info") == []


def test_the_triage_post_is_valid_block_kit_and_escapes_hostile_text_in_both_languages() -> None:
    signal = Signal("internal.metric_mismatch", "contradicts", 0.6, HOSTILE, HOSTILE)
    picks = [
        TriagePick(
            Claim(
                f"c{i}",
                "a",
                HOSTILE,
                0,
                5,
                ClaimKind.STATISTIC,
                worthiness=0.5,
                worthiness_reasons=("numbers:1", "dates"),
            ),
            Verdict(f"c{i}", Label.FALSE, 0.6, HOSTILE, HOSTILE, (signal,)),
            reason,
            signal if reason != "worthy" else None,
        )
        for i, reason in enumerate(
            [CONTRADICTION, LEGAL, ANONYMOUS, "ruled", "disputed", "worthy", "worthy", "worthy"]
        )
    ]
    article = Article("a", HOSTILE, "全文", "sha", source=HOSTILE, url="https://news.example/a?b=1|c>")
    request = ArticleRequest(1, "url", REVIEWER, CHANNEL, datetime.now(UTC), outcome="updated")
    for locale in ("zh-Hans", "en"):
        blocks = triage.triage_blocks(TriageView(request, article, 42, picks), locale, "factbot-outbox-1")
        valid(blocks)
        text = json.dumps(blocks, ensure_ascii=False)
        assert "<!channel>" not in text and "<@U123>" not in text and "核查这条 / Check this" in text
        assert len(button_values(blocks)) == 8 and blocks[0]["block_id"] == "factbot-outbox-1"
    empty = triage.triage_blocks(TriageView(request, article, 0, []), "en", None)
    valid(empty)


def test_the_manifest_asks_for_files_read_and_offers_the_shortcut() -> None:
    app = manifest()
    assert "files:read" in app["oauth_config"]["scopes"]["bot"]
    shortcut = next(s for s in app["features"]["shortcuts"] if s["callback_id"] == ingest.INGEST_ARTICLE)
    assert shortcut["name"] == "Ingest as article / 收录为文章" and shortcut["type"] == "message"


def test_command_urls_are_read_as_slack_sends_them() -> None:
    assert ingest.command_url("<https://news.example/a?x=1&amp;y=2>") == "https://news.example/a?x=1&y=2"
    assert ingest.command_url("<https://news.example/a|news.example/a> 多余的字") == "https://news.example/a"
    assert ingest.command_url("https://news.example/b") == "https://news.example/b"


async def test_a_triage_post_slack_refuses_is_explained_to_the_asker(bot: Bot, pages: PageServer) -> None:
    bot.fake.fail_next("chat.postMessage", error="not_in_channel")
    await bot.command(f"ingest {pages.url('/article.html')}", user=REVIEWER)
    [answer] = await bot.fake.wait_for_response(1, timeout=30)
    await bot.idle()
    assert "not_in_channel" in answer["text"]
    assert bot.rows("SELECT status FROM outbox WHERE kind = 'triage'")[0][0] == "failed"


async def test_the_shortcut_on_a_shared_link_ingests_the_page(bot: Bot, pages: PageServer) -> None:
    url = pages.url("/article.html")
    body = payload(
        "shortcut_ingest_text",
        user=REVIEWER,
        channel=CHANNEL,
        ts="1700001200.000300",
        text=f"<{url}>",
        response_url=bot.fake.response_url("sc"),
    )
    await send(bot, body)
    post = await triage_post(bot)
    assert f"<{url}|{TITLE}>" in post["blocks"][0]["text"]["text"]
    assert bot.rows("SELECT way, url FROM article_requests")[0][:] == ("url", url)


async def test_help_mentions_how_to_ingest(bot: Bot) -> None:
    _, body = await bot.command("help")
    assert "/checkclaim ingest" in json.loads(body)["text"]


async def test_a_modal_url_that_is_not_http_is_refused_in_the_modal(bot: Bot) -> None:
    values = {"user": REVIEWER, "channel": CHANNEL, "title": "", "source": "", "published": "2026-12-01"}
    body = payload("view_submission_ingest", text=ARTICLE, **values)
    body["view"]["state"]["values"]["url"]["url"]["value"] = "javascript:alert(1)"
    _, answer = await send(bot, body)
    assert json.loads(answer)["errors"]["url"] and bot.rows("SELECT * FROM article_requests") == []


async def test_a_stranger_using_the_shortcut_on_a_file_is_told_they_may_not(bot: Bot) -> None:
    body = payload(
        "shortcut_ingest_file",
        user=STRANGER,
        channel=CHANNEL,
        ts="1700001100.000300",
        file_id="F0PDF",
        file_name="scan.pdf",
        response_url=bot.fake.response_url("sc"),
    )
    await send(bot, body)
    [answer] = await bot.fake.wait_for_response(1, timeout=30)
    assert "只有核查编辑" in answer["text"] and bot.fake.calls_to("files.info") == []


async def test_a_long_file_is_read_whole(bot: Bot) -> None:
    appendix = "附：河湾市水务局历年工作回顾摘录，仅供读者参考，不代表本报观点"
    long_text = ARTICLE + "\n".join([appendix] * 3000) + "\n文末：全文完。\n"
    info = bot.fake.add_file("long.txt", long_text.encode("utf-8"))
    assert info["size"] > 200_000  # many chunks on the way
    body = payload(
        "shortcut_ingest_file",
        user=REVIEWER,
        channel=CHANNEL,
        ts="1700001100.000400",
        file_id=info["id"],
        file_name="long.txt",
        response_url=bot.fake.response_url("sc"),
    )
    await send(bot, body)
    await triage_post(bot)
    article_id = bot.rows("SELECT article_id FROM article_requests")[0][0]
    stored = bot.rows("SELECT text FROM articles WHERE article_id = ?", (article_id,))[0][0]
    assert stored.rstrip().endswith("文末：全文完。")
