"""The Slack app manifest: create the app in one step (Socket Mode by default, HTTP with a URL)."""

from __future__ import annotations

from typing import Any

from bot.slack.commands import COMMAND
from bot.slack.ingest import INGEST_ARTICLE
from bot.slack.serve import EVENTS_PATH
from bot.slack.shortcuts import CHECK_THIS_CLAIM

BOT_SCOPES = [
    "commands",
    "chat:write",
    "app_mentions:read",
    "channels:history",
    "groups:history",
    "usergroups:read",
    "users:read",
    "files:read",  # "Ingest as article" on a message with a .txt/.html file (files.info, url_private)
]
BOT_EVENTS = ["app_home_opened", "app_mention", "message.channels", "message.groups"]


def manifest(public_url: str | None = None) -> dict[str, Any]:
    """Socket Mode when ``public_url`` is None; else HTTP, every request URL at PUBLIC_URL/slack/events."""
    url = public_url.rstrip("/") + EVENTS_PATH if public_url else None
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": "核查一条说法 / Check a claim",
        "usage_hint": "说法 TEXT | ingest URL | help",
        "should_escape": False,
    }
    events: dict[str, Any] = {"bot_events": BOT_EVENTS}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if url:
        command["url"] = url
        events["request_url"] = url
        interactivity["request_url"] = url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "factbot",
            "description": "新闻核查助手：查找文章中的说法并给出核查结论 / Newsroom fact-checking",
            "background_color": "#1d3557",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": False,
                "messages_tab_read_only_enabled": True,
            },
            "bot_user": {"display_name": "factbot", "always_online": True},
            "shortcuts": [
                {
                    "name": "Check this claim",
                    "type": "message",
                    "callback_id": CHECK_THIS_CLAIM,
                    "description": "核查这条消息里的说法 / Check the claim in this message",
                },
                {
                    "name": "Ingest as article / 收录为文章",
                    "type": "message",
                    "callback_id": INGEST_ARTICLE,
                    "description": "把这条消息或附件收录为文章 / Ingest this message or its file as an article",
                },
            ],
            "slash_commands": [command],
        },
        "oauth_config": {"scopes": {"bot": BOT_SCOPES}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": url is None,
            "token_rotation_enabled": False,
        },
    }
