"""schema.org ClaimReview JSON-LD for verdicts, so a desk can publish its fact-checks.

https://schema.org/ClaimReview — one object per claim, rating on factbot's 1 (false) .. 5 (true) scale.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance(article)}
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


def appearance(article: Article | None) -> dict[str, Any]:
    """Where a claim appeared: the article as a CreativeWork."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article is not None:
        work["headline"] = article.title
        if article.url:
            work["url"] = article.url
        if article.published:
            work["datePublished"] = article.published.isoformat()
    return work


def _author(verdict: Verdict) -> dict[str, Any]:
    if verdict.source == "reviewer" and verdict.author:
        return {"@type": "Person", "name": verdict.author}
    return {"@type": "Organization", "name": f"{PUBLISHER} (automated, {verdict.engine_version})"}


def claim_reviews(
    claims: list[Claim],
    articles: dict[str, Article],
    verdicts: dict[str, Verdict],
    include_auto: bool,
    families: Mapping[str, int] | None = None,
) -> list[dict[str, Any]]:
    """Reviews for claims whose current verdict a reviewer gave (or any verdict with include_auto).
    A claim still waiting for a check (待核查) has no review to publish. The members of a claim family
    (``families``: claim id -> family id) that share one ruling make ONE review, of the claim the ruling
    was made on, listing every appearance in ``itemReviewed.appearance``."""
    reviewed: list[tuple[Claim, Verdict]] = []
    shared: dict[tuple[int, int | None], list[Claim]] = {}
    for claim in claims:
        verdict = verdicts.get(claim.claim_id)
        if verdict is None or verdict.label is Label.UNCHECKED:
            continue
        if verdict.source != "reviewer" and not include_auto:
            continue
        family_id = (families or {}).get(claim.claim_id)
        if family_id is None or verdict.source != "reviewer":
            reviewed.append((claim, verdict))
            continue
        members = shared.setdefault((family_id, verdict.verdict_id), [])
        if not members:
            reviewed.append((claim, verdict))
        members.append(claim)
    out = []
    by_id = {c.claim_id: c for c in claims}
    for claim, verdict in reviewed:
        family_id = (families or {}).get(claim.claim_id)
        members = shared.get((family_id, verdict.verdict_id), []) if family_id is not None else []
        if not members:
            out.append(claim_review(claim, articles.get(claim.article_id), verdict))
            continue
        head = by_id.get(verdict.carried.claim_id, claim) if verdict.carried else claim
        review = claim_review(head, articles.get(head.article_id), verdict)
        seen = dict.fromkeys(c.article_id for c in [head, *members])
        review["itemReviewed"]["appearance"] = [appearance(articles.get(a)) for a in seen]
        review["identifier"] = f"family-{family_id}"
        out.append(review)
    return out
