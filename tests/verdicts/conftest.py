"""Fixtures for verdict tests; the helpers they use live in vhelpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from vhelpers import FACTS, LAWS, SEED_EVIDENCE, SOURCES, CtxFactory, make_article, write_jsonl

from bot.claims.models import Article, Claim
from bot.verdicts.evidence import EvidenceBase
from bot.verdicts.evidence_files import load_evidence
from bot.verdicts.signals import SignalContext


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
