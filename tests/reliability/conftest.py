"""The Slack test rig (tests/slack: fake Slack, signed requests, the real app over HTTP) reused as is."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SLACK_TESTS = Path(__file__).resolve().parent.parent / "slack"
sys.path.insert(0, str(SLACK_TESTS))

_spec = importlib.util.spec_from_file_location("slack_rig", SLACK_TESTS / "conftest.py")
assert _spec is not None and _spec.loader is not None
_rig = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_rig)

# pytest finds fixtures by the names a conftest defines: the rig's, under the same names.
spec = _rig.spec
template_db = _rig.template_db
slack_settings = _rig.slack_settings
fake = _rig.fake
bot = _rig.bot
