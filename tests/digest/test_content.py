"""What a digest says: real stored checks, verdict changes and articles, rendered for Slack and posted."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from digestkit import PREVIOUS_SLOT, SLOT, Clock, Opener, digest_posts
from fake_slack import FakeSlack
from slackkit import ASKER, CHANNEL, MATCHED, REVIEWER

from bot.config import Settings
from bot.slack.blocks import badge
from bot.verdicts.labels import Label

DEPOT = "中关村街道日均配送量达3800公斤"
GRID = "全市11.2万个社区网格员开展敲门行动"
MARS = "火星上发现了液态水湖泊"
TYPHOON = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "fixture-typhoon-doksuri-2023.txt"


async def test_a_digest_counts_checks_shows_changes_waiting_claims_top_claims_and_new_articles(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    bot = await newsroom()
    desk = bot.desk
    clock.set(PREVIOUS_SLOT + timedelta(hours=1))
    first = await desk.check(
        MATCHED, origin="slack", user_id=ASKER, channel_id=CHANNEL, thread_ts="100.000001"
    )
    clock.advance(hours=1)
    await desk.check(GRID, origin="slack", user_id=ASKER, channel_id=CHANNEL, thread_ts="100.000002")
    clock.advance(hours=1)
    await desk.check(MATCHED, origin="slack", user_id=ASKER, channel_id=CHANNEL, thread_ts="100.000003")
    await desk.check(DEPOT, origin="cli")
    await desk.check(MARS, origin="cli")
    matched = first.result.best
    assert matched is not None
    claim_id = matched.claim.claim_id
    before = first.verdict_for(claim_id).label
    clock.advance(hours=1)
    await desk.set_verdict(claim_id, Label.FALSE, "The station's own figures say otherwise.", REVIEWER)
    await desk.library.ingest_path(TYPHOON)
    clock.set(SLOT + timedelta(seconds=5))

    claimed = await bot.scheduler.run()
    assert claimed is not None and claimed.status == "queued"
    await bot.deliver()

    [post] = digest_posts(fake)
    blocks = post["blocks"]
    text = json.dumps(blocks, ensure_ascii=False)
    assert blocks[0]["type"] == "header"
    assert "2026-03-01 09:00 – 2026-03-02 09:00" in blocks[0]["text"]["text"]
    assert "5 checks of 3 claims; 1 found no matching claim" in text
    old, new = badge(before, "en"), badge(Label.FALSE, "en")
    assert f"{old} → {new}: 12月18日,北京西站日均退票量达1.2万张" in text and f"(<@{REVIEWER}>)" in text
    permalinks = {c.args["message_ts"] for c in fake.calls_to("chat.getPermalink")}
    assert {"100.000002", "100.000003"} <= permalinks
    assert f"archives/{CHANNEL}/p100000003" in text  # the change links to the claim's latest thread
    assert "Waiting for review (oldest first, 2 in all)" in text
    assert "2× ·" in text  # the most-checked claim, checked twice
    assert "台风" in text  # the article ingested in the period
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks) and len(blocks) <= 50
    assert post["text"].startswith("Fact-check digest 2026-03-01 09:00 – 2026-03-02 09:00")


async def test_an_empty_period_posts_one_line_saying_nothing_new(newsroom: Opener, fake: FakeSlack) -> None:
    bot = await newsroom()
    await bot.scheduler.run()
    await bot.deliver()
    [post] = digest_posts(fake)
    assert len(post["blocks"]) == 1
    assert "nothing new" in post["text"] and "2026-03-01 09:00 – 2026-03-02 09:00" in post["text"]


async def test_an_empty_period_posts_nothing_when_told_to_skip_it(
    newsroom: Opener, digest_settings: Settings, fake: FakeSlack
) -> None:
    bot = await newsroom(replace(digest_settings, digest_skip_empty=True))
    claimed = await bot.scheduler.run()
    await bot.deliver()
    assert claimed is not None and claimed.status == "skipped_empty"
    assert digest_posts(fake) == [] and fake.calls_to("chat.postMessage") == []
    assert await bot.scheduler.run() is not None  # the slot stays claimed: a rerun does not post either
    assert digest_posts(fake) == []
