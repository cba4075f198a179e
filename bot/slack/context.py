"""What every listener module needs, handed to its ``register`` function (nothing global)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.desk.articles import ArticleIntake
from bot.desk.intake import CheckIntake
from bot.desk.service import Desk
from bot.errors import FactbotError, NotFound
from bot.lookup.query import MAX_QUERY_CHARS
from bot.messages import CATALOG, t
from bot.slack.deliver import Deliverer
from bot.slack.reviewers import ReviewerDirectory

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Services:
    desk: Desk
    client: AsyncWebClient
    deliverer: Deliverer
    reviewers: ReviewerDirectory
    intake: CheckIntake
    articles: ArticleIntake

    @property
    def locale(self) -> str:
        return self.desk.settings.locale

    def say(self, key: str, **values: object) -> str:
        return t(key, self.locale, **values)

    def explain(self, exc: FactbotError) -> str:
        return explain(exc, self.locale)

    async def whisper(
        self,
        channel: str,
        user: str,
        text: str,
        thread_ts: str | None = None,
        blocks: list[dict[str, Any]] | None = None,
    ) -> None:
        """An ephemeral message only ``user`` sees (refusals, pickers, hints)."""
        await self.client.chat_postEphemeral(
            channel=channel, user=user, text=text, thread_ts=thread_ts, blocks=blocks
        )


def explain(exc: FactbotError, locale: str) -> str:
    """A kind message for a core error: its catalog text when it names a key, else a generic one."""
    key = str(exc)
    if key in CATALOG:
        return t(key, locale, limit=MAX_QUERY_CHARS, label="", what="")
    if isinstance(exc, NotFound):
        return t("not_found", locale, what="")
    return t("internal_error", locale)
