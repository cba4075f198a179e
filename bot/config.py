"""Settings from the environment (and an optional .env file): one frozen dataclass, read once."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from bot.errors import ConfigError

DEFAULT_DB = "factbot.db"
SLACK_API_DEFAULT = "https://slack.com/api/"


def _meta(env: str, help_text: str) -> dict[str, str]:
    return {"env": env, "help": help_text}


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting has an environment variable, a default and a one-line help (see ``.env.example``)."""

    db_path: str = field(default=DEFAULT_DB, metadata=_meta("FACTBOT_DB", "SQLite database file"))
    seeds_dir: str = field(
        default="", metadata=_meta("FACTBOT_SEEDS", "seed folder (articles, evidence, dictionaries)")
    )
    locale: str = field(default="zh-Hans", metadata=_meta("FACTBOT_LOCALE", "zh-Hans or en"))
    slack_bot_token: str = field(default="", metadata=_meta("SLACK_BOT_TOKEN", "bot token (xoxb-…)"))
    slack_signing_secret: str = field(
        default="", metadata=_meta("SLACK_SIGNING_SECRET", "signing secret for HTTP mode")
    )
    slack_app_token: str = field(
        default="", metadata=_meta("SLACK_APP_TOKEN", "app-level token (xapp-…): enables Socket Mode")
    )
    slack_api_url: str = field(
        default=SLACK_API_DEFAULT, metadata=_meta("SLACK_API_URL", "Slack Web API base URL")
    )
    port: int = field(default=3000, metadata=_meta("FACTBOT_PORT", "HTTP port for /slack/events"))
    lookup_workers: int = field(
        default=1, metadata=_meta("FACTBOT_LOOKUP_WORKERS", "serve: processes running lookups; 0: none")
    )
    reviewers: tuple[str, ...] = field(
        default=(), metadata=_meta("FACTBOT_REVIEWERS", "comma-separated Slack user IDs allowed to rule")
    )
    reviewer_group: str = field(
        default="", metadata=_meta("FACTBOT_REVIEWER_GROUP", "Slack user group ID whose members may rule")
    )
    ingesters: tuple[str, ...] = field(
        default=(),
        metadata=_meta(
            "FACTBOT_INGESTERS", "comma-separated Slack user IDs who may ingest articles (besides reviewers)"
        ),
    )
    fetch_allow_private: bool = field(
        default=False,
        metadata=_meta(
            "FACTBOT_FETCH_ALLOW_PRIVATE", "1: article links may reach private/loopback addresses"
        ),
    )
    digest_cron: str = field(
        default="0 9 * * *", metadata=_meta("FACTBOT_DIGEST_CRON", "digest schedule (cron)")
    )
    tz: str = field(default="Asia/Shanghai", metadata=_meta("FACTBOT_TZ", "newsroom time zone"))
    digest_channel: str = field(
        default="", metadata=_meta("FACTBOT_DIGEST_CHANNEL", "channel ID for digests; empty: none")
    )
    digest_skip_empty: bool = field(
        default=False, metadata=_meta("FACTBOT_DIGEST_SKIP_EMPTY", "1: post nothing for an empty period")
    )
    digest_grace_hours: float = field(
        default=6.0, metadata=_meta("FACTBOT_DIGEST_GRACE", "hours a missed digest may still be posted")
    )
    log_level: str = field(default="INFO", metadata=_meta("FACTBOT_LOG_LEVEL", "logging level"))

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, dotenv: bool = True) -> Settings:
        """Build settings from ``env`` (default: os.environ, after loading ./.env if present)."""
        if env is None:
            if dotenv:
                from dotenv import load_dotenv

                load_dotenv(Path.cwd() / ".env", override=False)
            env = dict(os.environ)
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["env"])
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, f.metadata["env"], f.type, raw)
        return cls(**values)  # type: ignore[arg-type]

    def seeds_path(self) -> Path:
        """The seed folder: FACTBOT_SEEDS, else ``seeds/`` next to the package."""
        return Path(self.seeds_dir) if self.seeds_dir else Path(__file__).resolve().parent.parent / "seeds"


def _convert(name: str, env: str, type_: object, raw: str) -> object:
    try:
        if type_ in ("int", int):
            return int(raw)
        if type_ in ("float", float):
            return float(raw)
        if type_ in ("bool", bool):
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if str(type_).startswith("tuple"):
            return tuple(part.strip() for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise ConfigError(f"{env}: cannot read {raw!r} as {type_}") from exc
    return raw


def settings_table() -> list[tuple[str, str, str]]:
    """(variable, default, help) for every setting: feeds .env.example and the README table."""
    return [(f.metadata["env"], str(f.default), f.metadata["help"]) for f in fields(Settings)]
