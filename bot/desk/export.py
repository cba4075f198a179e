"""schema.org ClaimReview JSON-LD for verdicts, so a desk can publish its fact-checks.

https://schema.org/ClaimReview — one object per claim, rating on factbot's 1 (false) .. 5 (true) scale.
"""

from __future__ import annotations

from typing import Any

from bot.claims.models import Article, Claim
from bot.verdicts.labels import BEST_RATING, SCALE, WORST_RATING, Label
from bot.verdicts.models import Verdict

PUBLISHER = "factbot"


def claim_review(claim: Claim, article: Article | None, verdict: Verdict) -> dict[str, Any]:
    """One ClaimReview object."""
    info = SCALE[verdict.label]
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": f"{info.zh} {info.en}",
    }
    if info.rating_value is not None:
        rating["ratingValue"] = info.rating_value
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article is not None:
        appearance["headline"] = article.title
        if article.url:
            appearance["url"] = article.url
        if article.published:
            appearance["datePublished"] = article.published.isoformat()
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if article is not None and article.published:
        item["datePublished"] = article.published.isoformat()
    if article is not None and article.source:
        item["author"] = {"@type": "Organization", "name": article.source}
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.claim_id,
        "claimReviewed": claim.text,
        "reviewRating": rating,
        "itemReviewed": item,
        "author": _author(verdict),
        "reviewBody": verdict.rationale_zh,
    }
    if verdict.created_at is not None:
        review["datePublished"] = verdict.created_at.date().isoformat()
    if verdict.evidence_url:
        review["url"] = verdict.evidence_url
    return review


def _author(verdict: Verdict) -> dict[str, Any]:
    if verdict.source == "reviewer" and verdict.author:
        return {"@type": "Person", "name": verdict.author}
    return {"@type": "Organization", "name": f"{PUBLISHER} (automated, {verdict.engine_version})"}


def claim_reviews(
    claims: list[Claim], articles: dict[str, Article], verdicts: dict[str, Verdict], include_auto: bool
) -> list[dict[str, Any]]:
    """Reviews for claims whose current verdict a reviewer gave (or any verdict with include_auto).
    A claim still waiting for a check (待核查) has no review to publish."""
    out = []
    for claim in claims:
        verdict = verdicts.get(claim.claim_id)
        if verdict is None or verdict.label is Label.UNCHECKED:
            continue
        if verdict.source != "reviewer" and not include_auto:
            continue
        out.append(claim_review(claim, articles.get(claim.article_id), verdict))
    return out
