"""The same-claim decision: is the best-ranked claim the one the query states?

A logistic model over the evidence match.py measured for the best candidate (how much of the query it
covers, numbers, dates, places, how far it stands above the next one) gives a probability; two bands
of it make the answer: ``matched`` (sure), ``ambiguous`` (close but not sure: the asker picks among the
closest) and ``no_match``. The weights and bands are fitted on labelled queries by
``bench/fit_same_claim.py`` and stored with their data and held-out figures in
``seeds/models/same_claim.json``; this module only applies them (pure Python: no numerical library
loads at start-up).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.errors import SeedError

MODEL_PATH = Path(__file__).resolve().parents[2] / "seeds" / "models" / "same_claim.json"


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the scoring saw in one candidate claim, each in [0, 1]."""

    coverage: float  # idf-weighted share of the query's words the claim has
    containment: float  # share of the query's character bigrams in the claim
    precision: float  # share of the claim's character bigrams in the query
    numbers_matched: float = 0.0  # share of the query's numbers the claim agrees with
    numbers_clashed: float = 0.0  # 1 when a query number contradicts one of the claim's
    numbers_missing: float = 0.0  # 1 when the query gives numbers the claim has nothing like
    date_clash: float = 0.0
    place_clash: float = 0.0  # 1: a place the article never names, 0.5: named elsewhere in it
    organisation_clash: float = (
        0.0  # 1: the query credits a body the claim's sentence and headline never name
    )


def features(
    evidence: Evidence, score: float, runner_up: float, other_article: float, query_terms: int
) -> dict[str, float]:
    """The model's inputs for the best candidate (``runner_up``: the next claim's ranking score,
    ``other_article``: the best score of a claim of another article)."""
    return {
        "score": score,
        "margin": score - runner_up,
        "article_margin": score - other_article,
        "coverage": evidence.coverage,
        "containment": evidence.containment,
        "precision": evidence.precision,
        "numbers_matched": evidence.numbers_matched,
        "numbers_clashed": evidence.numbers_clashed,
        "numbers_missing": evidence.numbers_missing,
        "date_clash": evidence.date_clash,
        "place_clash": evidence.place_clash,
        "query_size": math.log1p(query_terms),
    }


FEATURES = tuple(features(Evidence(0, 0, 0), 0, 0, 0, 0))


@dataclass(frozen=True, slots=True)
class SameClaimModel:
    """Standardised logistic regression: p = sigmoid(intercept + sum(coef * (x - mean) / scale))."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    match_at: float  # p from which the best claim is the query's claim
    ambiguous_at: float  # p from which it is close enough to offer as "did you mean"

    def probability(self, x: dict[str, float]) -> float:
        z = self.intercept + sum(
            c * (x[n] - m) / s
            for n, m, s, c in zip(self.names, self.mean, self.scale, self.coef, strict=True)
        )
        return 1 / (1 + math.exp(-max(-60.0, min(60.0, z))))

    def status(self, p: float) -> str:
        return "matched" if p >= self.match_at else "ambiguous" if p >= self.ambiguous_at else "no_match"


def load_model(path: Path) -> SameClaimModel:
    """Read a fitted model; a missing or malformed file raises SeedError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        model = data["model"]
        names = tuple(model["features"])
        if set(names) - set(FEATURES):
            raise SeedError(f"{path}: unknown features {sorted(set(names) - set(FEATURES))}")
        return SameClaimModel(
            names,
            tuple(float(v) for v in model["mean"]),
            tuple(float(v) or 1.0 for v in model["scale"]),
            tuple(float(v) for v in model["coef"]),
            float(model["intercept"]),
            float(data["bands"]["matched"]),
            float(data["bands"]["ambiguous"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SeedError(f"{path}: cannot read the same-claim model ({exc.__class__.__name__})") from exc


@cache
def default_model() -> SameClaimModel:
    return load_model(MODEL_PATH)
