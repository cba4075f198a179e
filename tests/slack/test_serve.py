"""`factbot serve` (Socket Mode against a fake websocket, HTTP), start-up errors, and the manifest."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
from fake_slack import APP_TOKEN, FakeSlack
from slackkit import ASKER, CHANNEL, FAST, MATCHED, payload

from bot import cli
from bot.config import Settings
from bot.slack.serve import serve


async def _run_until(
    settings: Settings, ready: asyncio.Future[int | None]
) -> tuple[asyncio.Event, asyncio.Task[None]]:
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(
            settings, stop=stop, policy=FAST, host="127.0.0.1", on_ready=lambda port: ready.set_result(port)
        )
    )
    await asyncio.wait_for(asyncio.shield(ready), 15)
    return stop, task


async def test_serve_in_socket_mode_acks_the_envelope_and_answers(
    slack_settings: Settings, fake: FakeSlack
) -> None:
    form = payload(
        "slash_checkclaim", text=MATCHED, user=ASKER, channel=CHANNEL, response_url=fake.response_url()
    )
    fake.socket_envelopes.append(
        {"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True, "payload": form}
    )
    settings = replace(slack_settings, slack_api_url=fake.api_url, slack_app_token=APP_TOKEN)
    ready: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
    stop, task = await _run_until(settings, ready)
    assert ready.result() is None
    ack = await fake.wait_for_ack("env-1")
    assert ack["envelope_id"] == "env-1"
    _card, reply = await fake.wait_for("chat.postMessage", 2)
    assert reply.args["thread_ts"] == fake.messages[CHANNEL][0]["ts"]
    assert fake.calls_to("apps.connections.open")
    stop.set()
    await asyncio.wait_for(task, 10)


async def test_serve_over_http_answers_healthz_and_stops_cleanly(
    slack_settings: Settings, fake: FakeSlack
) -> None:
    settings = replace(slack_settings, slack_api_url=fake.api_url, port=0)
    ready: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
    stop, task = await _run_until(settings, ready)
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{ready.result()}/healthz") as resp,
    ):
        assert resp.status == 200 and (await resp.json())["ok"] is True
    stop.set()
    await asyncio.wait_for(task, 10)


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-secret-123"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-ok", "SLACK_APP_TOKEN": "xoxa-app-secret-456"}, "SLACK_APP_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-ok"}, "SLACK_SIGNING_SECRET"),
    ],
)
def test_missing_or_malformed_tokens_stop_start_up_naming_the_variable_not_the_value(
    env: dict[str, str],
    variable: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FACTBOT_DB", str(tmp_path / "never.db"))
    assert cli.main(["serve"]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert variable in err
    assert "secret-123" not in err and "secret-456" not in err
    assert not (tmp_path / "never.db").exists()


def test_manifest_declares_the_command_shortcut_events_and_scopes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["manifest"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["features"]["slash_commands"][0]["command"] == "/checkclaim"
    assert data["features"]["shortcuts"][0]["callback_id"] == "check_this_claim"
    assert data["features"]["app_home"]["home_tab_enabled"] is True
    assert set(data["settings"]["event_subscriptions"]["bot_events"]) >= {"app_home_opened", "app_mention"}
    assert {"commands", "chat:write", "usergroups:read"} <= set(data["oauth_config"]["scopes"]["bot"])
    assert data["settings"]["socket_mode_enabled"] is True
    assert cli.main(["manifest", "--http", "https://factbot.example.org"]) == 0
    http = json.loads(capsys.readouterr().out)
    assert http["settings"]["interactivity"]["request_url"] == "https://factbot.example.org/slack/events"
    assert http["settings"]["socket_mode_enabled"] is False


def test_env_example_documents_every_setting_and_the_docs_the_slack_commands() -> None:
    from bot.config import settings_table

    root = Path(__file__).resolve().parents[2]
    example = (root / ".env.example").read_text(encoding="utf-8")
    for variable, _, _ in settings_table():
        assert f"\n{variable}=" in example
    readme = (root / "README.md").read_text(encoding="utf-8")
    slack_page = (root / "docs" / "slack.md").read_text(encoding="utf-8")
    assert "factbot serve" in readme and "factbot manifest" in readme and "(docs/slack.md)" in readme
    assert (
        "factbot serve" in slack_page and "factbot manifest" in slack_page and "## Socket Mode" in slack_page
    )
