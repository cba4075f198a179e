"""The digest names who brought each new article in from Slack (an article from a file names nobody)."""

from __future__ import annotations

import json
from datetime import timedelta

from articlekit import ARTICLE, TITLE
from digestkit import PREVIOUS_SLOT, SLOT, Clock, Opener, digest_posts
from fake_slack import FakeSlack
from slackkit import CHANNEL, REVIEWER

from bot.store.article_requests import ArticleRequest


async def test_the_digest_lists_articles_ingested_from_slack_with_who_brought_them_in(
    newsroom: Opener, clock: Clock, fake: FakeSlack
) -> None:
    bot = await newsroom()
    clock.set(PREVIOUS_SLOT + timedelta(hours=2))
    intake = bot.runtime.services.articles
    request = await intake.receive(ArticleRequest(0, "text", REVIEWER, CHANNEL, clock(), text=ARTICLE))
    await intake.process(request)
    clock.set(SLOT + timedelta(seconds=5))
    await bot.scheduler.run()
    await bot.deliver()
    post = next(p for p in digest_posts(fake) if "Fact-check digest" in p["text"])
    text = json.dumps(post["blocks"], ensure_ascii=False)
    assert f"{TITLE} (" in text and f"ingested by <@{REVIEWER}>" in text
