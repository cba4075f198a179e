"""Who may rule: FACTBOT_REVIEWERS plus the members of FACTBOT_REVIEWER_GROUP, cached briefly.

The group is read with usergroups.users.list; a failed read keeps the last known members (or none),
so an outage never widens access.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.desk.service import Desk

log = logging.getLogger(__name__)


class ReviewerDirectory:
    def __init__(
        self,
        desk: Desk,
        client: AsyncWebClient,
        ttl: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.desk, self.client, self.ttl, self.clock = desk, client, ttl, clock
        self.group = desk.settings.reviewer_group
        self._members: frozenset[str] = frozenset()
        self._read_at: float | None = None

    async def group_members(self) -> frozenset[str]:
        """Members of the reviewer group (empty when none is configured)."""
        if not self.group:
            return frozenset()
        if self._read_at is not None and self.clock() - self._read_at < self.ttl:
            return self._members
        try:
            resp = await self.client.usergroups_users_list(usergroup=self.group)
            self._members = frozenset(resp.get("users") or [])
        except (SlackApiError, OSError, TimeoutError) as exc:
            log.warning("cannot read reviewer group %s: %s", self.group, type(exc).__name__)
        self._read_at = self.clock()
        return self._members

    async def is_reviewer(self, user_id: str | None) -> bool:
        if user_id in self.desk.settings.reviewers:
            return True
        return self.desk.is_reviewer(user_id, await self.group_members())
