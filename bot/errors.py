"""factbot's exceptions. The core raises them; each edge (CLI, Slack) turns them into kind messages."""

from __future__ import annotations


class FactbotError(Exception):
    """Base class: ``str(exc)`` is safe to show to a user (never contains a token)."""


class ConfigError(FactbotError):
    """A setting is missing or malformed."""


class InputError(FactbotError):
    """User input was refused (empty, too long, not text)."""


class IngestError(FactbotError):
    """An article file cannot be ingested (missing, not UTF-8, binary, too large, empty)."""


class SeedError(FactbotError):
    """A seed or evidence file is malformed; the message names the file and line."""


class NotFound(FactbotError):
    """A claim, article or check does not exist."""


class NotAuthorised(FactbotError):
    """The user may not do this (e.g. change a verdict without being a reviewer)."""


class IngestRefused(IngestError):
    """An article offered from Slack (or a page) was refused: ``str(exc)`` is the catalog key of the
    reason, ``values`` fill its message (a status code, a limit, when it was ingested before)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values
