"""Fixtures for verdict tests; the helpers they use live in vhelpers.py."""

from __future__ import annotations

import sys
from pathlib import Path

# The venv's editable install of factbot has no .pth file, so make the repo importable here.
_REPO = str(Path(__file__).resolve().parents[2])
if _REPO not in sys.path:
    sys.path.insert(0, _REPO)

import pytest  # noqa: E402
from vhelpers import FACTS, LAWS, SEED_EVIDENCE, SOURCES, CtxFactory, make_article, write_jsonl  # noqa: E402

from bot.claims.models import Article, Claim  # noqa: E402
from bot.verdicts.evidence import EvidenceBase, load_evidence  # noqa: E402
from bot.verdicts.signals import SignalContext  # noqa: E402


@pytest.fixture
def evidence_dir(tmp_path: Path) -> Path:
    write_jsonl(tmp_path / "facts.jsonl", ["# synthetic facts", "", *FACTS])
    write_jsonl(tmp_path / "laws.jsonl", LAWS)
    write_jsonl(tmp_path / "sources.jsonl", SOURCES)
    return tmp_path


@pytest.fixture
def mini_base(evidence_dir: Path) -> EvidenceBase:
    return load_evidence(evidence_dir)


@pytest.fixture(scope="session")
def seed_base() -> EvidenceBase:
    return load_evidence(SEED_EVIDENCE)


@pytest.fixture
def ctx_for(mini_base: EvidenceBase) -> CtxFactory:
    def build(
        *claims: Claim, article: Article | None = None, base: EvidenceBase | None = None
    ) -> SignalContext:
        return SignalContext(article=article or make_article(), claims=tuple(claims), base=base or mini_base)

    return build
