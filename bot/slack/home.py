"""App Home: the review queue, disputed claims, proposals, recent changes and counts."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.slack.context import Services
from bot.slack.views import home_view


def register(app: AsyncApp, s: Services) -> None:
    async def home_opened(event: dict[str, Any]) -> None:
        await publish_home(s, event)

    app.event("app_home_opened")(home_opened)


async def publish_home(s: Services, event: dict[str, Any]) -> None:
    if event.get("tab", "home") != "home":
        return
    queue = await s.desk.review.review_queue()
    await s.client.views_publish(user_id=event["user"], view=home_view(queue, s.locale))
