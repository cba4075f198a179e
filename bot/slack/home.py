"""App Home: the review queue, disputed claims, proposals, recent changes and counts; reviewers also see
the posts that failed for good, so a message Slack never got is not lost silently."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.messages import CATALOG, t
from bot.slack.blocks import Block, context, escape, fit, section
from bot.slack.context import Services
from bot.slack.views import home_view
from bot.store.outbox import OutboxItem

FAILED_SHOWN = 10  # the newest failed posts listed; /healthz counts them all


def register(app: AsyncApp, s: Services) -> None:
    async def home_opened(event: dict[str, Any]) -> None:
        await publish_home(s, event)

    app.event("app_home_opened")(home_opened)


async def publish_home(s: Services, event: dict[str, Any]) -> None:
    if event.get("tab", "home") != "home":
        return
    user = event["user"]
    queue = await s.desk.review.review_queue()
    view = home_view(queue, s.locale)
    if await s.reviewers.is_reviewer(user):
        failed = await s.desk.outbox.failed_items(FAILED_SHOWN)
        head, rest = view["blocks"][:2], view["blocks"][2:]  # under the title and the counts
        view["blocks"] = fit(head + failed_posts(failed, s.locale) + rest)
    await s.client.views_publish(user_id=user, view=view)


def failed_posts(items: list[OutboxItem], locale: str) -> list[Block]:
    """Blocks listing failed outbox items (nothing when there are none: the tab stays as it was)."""
    if not items:
        return []
    blocks: list[Block] = [section(f"*{t('slack_home_failed', locale)}*")]
    for item in items:
        when = datetime.fromtimestamp(item.created_at, UTC).isoformat(timespec="minutes")
        line = t(
            "slack_home_failed_item",
            locale,
            kind=kind_name(item.kind, locale),
            check=item.check_id if item.check_id is not None else "-",
            channel=f"<#{item.channel_id}>" if item.channel_id else "-",
            error=escape(item.last_error or "?"),
            attempts=item.attempts,
            when=when.replace("T", " ")[:16],
        )
        blocks.append(context(line))
    blocks.append({"type": "divider"})
    return blocks


def kind_name(kind: str, locale: str) -> str:
    """An outbox item's kind as readers say it (its code when the catalogue has no name for it)."""
    key = f"outbox_kind_{kind}"
    return t(key, locale) if key in CATALOG else kind
