"""The same-claim decision: the stored model, its bands, and refitting it."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest

from bot.claims.models import Claim, ClaimKind
from bot.desk.service import Desk
from bot.errors import SeedError
from bot.lookup.decision import FEATURES, MODEL_PATH, Evidence, SameClaimModel, features, load_model
from bot.lookup.match import Ranking, Scored, decide

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_model_says_where_it_came_from_and_is_monotone_in_the_score() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["refit"] and data["data"] and data["held_out"] and data["fitted_on"]
    model = load_model(MODEL_PATH)
    assert set(model.names) <= set(FEATURES)
    assert 0 < model.ambiguous_at <= model.match_at < 1
    weak, strong = (features(Evidence(c, c, c), c, 0.0, 0.0, 5) for c in (0.2, 0.9))
    assert model.probability(weak) < model.ambiguous_at <= model.match_at <= model.probability(strong)


def test_the_bands_give_three_answers() -> None:
    model = SameClaimModel(("score",), (0.0,), (1.0,), (10.0,), -5.0, match_at=0.7, ambiguous_at=0.3)
    answers = [model.status(model.probability({"score": s})) for s in (0.2, 0.5, 0.8)]
    assert answers == ["no_match", "ambiguous", "matched"]


class _Candidate:
    """What the decision reads of a stage-1 candidate: its claim."""

    def __init__(self, claim_id: str) -> None:
        self.claim = Claim(claim_id, "a1", f"claim {claim_id}", 0, 9, ClaimKind.EVENT)


def test_did_you_mean_offers_the_close_claims_not_a_far_one() -> None:
    model = SameClaimModel(("score",), (0.0,), (1.0,), (10.0,), -5.0, match_at=0.9, ambiguous_at=0.3)
    ranked = [
        Scored(score, (), Evidence(score, score, score), _Candidate(cid))  # type: ignore[arg-type]
        for score, cid in ((0.5, "best"), (0.46, "close"), (0.08, "far"))
    ]
    result = decide("query", Ranking(ranked, 4), 3, model)
    assert result.status == "ambiguous"
    assert [m.claim.claim_id for m in result.matches] == ["best", "close"]


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"model": {"features": ["score"]}}',
        '{"model": {"features": ["no_such_input"], "mean": [0], "scale": [1], "coef": [1], "intercept": 0},'
        ' "bands": {"matched": 0.5, "ambiguous": 0.5}}',
    ],
)
def test_a_broken_model_file_is_refused_by_name(tmp_path: Path, content: str) -> None:
    path = tmp_path / "same_claim.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SeedError, match=r"same_claim\.json"):
        load_model(path)


async def test_a_close_but_unsure_query_is_offered_not_asserted(desk: Desk) -> None:
    """Half the words of a claim: the closest claims are shown to pick from, with the model's doubt."""
    result = (await desk.check("北京西站退票")).result
    assert result.status in ("ambiguous", "matched")
    sure = (await desk.check("北京西站日均退票量达1.2万张")).result
    assert sure.status == "matched" and sure.confidence > result.confidence
    assert (await desk.check("火星上发现了液态水湖泊")).result.status == "no_match"


def test_refitting_is_one_command() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from fit_same_claim import run

    report = asyncio.run(run(ROOT / "no-datasets-here", smoke=True))
    assert (
        report["model"]["features"] and 0 <= report["bands"]["ambiguous"] <= report["bands"]["matched"] <= 1
    )
    assert "holdout.jsonl" in report["held_out"]


def test_no_match_names_the_close_claims_whose_figure_differs() -> None:
    """The same words with another figure: no match, but the asker sees what the archive does say."""
    model = SameClaimModel(("score",), (0.0,), (1.0,), (10.0,), -5.0, match_at=0.9, ambiguous_at=0.6)
    near = Evidence(0.85, 0.9, 0.5, numbers_clashed=1.0)  # clashing figure, halved score below
    other_story = Evidence(0.3, 0.2, 0.2, numbers_clashed=1.0)
    ranked = [
        Scored(0.4, (), near, _Candidate("near")),  # type: ignore[arg-type]
        Scored(0.1, (), other_story, _Candidate("other")),  # type: ignore[arg-type]
    ]
    result = decide("query", Ranking(ranked, 4), 3, model)
    assert result.status == "no_match" and result.matches == ()
    assert [m.claim.claim_id for m in result.offered] == ["near"]
    same_figure = [Scored(0.4, (), Evidence(0.85, 0.9, 0.5), _Candidate("agrees"))]  # type: ignore[arg-type]
    assert decide("query", Ranking(same_figure, 4), 3, model).offered == ()  # weak, but no other figure
