"""schema.org ClaimReview JSON-LD: one review per statement with a verdict."""

from __future__ import annotations

import json
from typing import Any

from ..briefing import Briefing
from ..clean import escape_json
from ..models import Actor, Statement, Status
from .common import _ORGANISATION_KINDS, DEFAULT_REVIEWER
from .selection import Selection, _View, _view


def _review_date(briefing: Briefing, st: Statement) -> str:
    """When the verdict was last set: the newest history entry that changed the status."""
    assert st.id is not None
    for entry in briefing.history("statements", st.id):
        if entry.after is None:
            continue
        old = (entry.before or {}).get("status", Status.UNVERIFIED.value)
        new = entry.after.get("status", Status.UNVERIFIED.value)
        if old != new and new == st.status.value:
            return entry.at.date().isoformat()
    return st.updated_at.date().isoformat()


def _claim_author(actor: Actor | None, fallback: str) -> dict[str, Any]:
    if actor is None:
        return {"@type": "Person", "name": fallback}
    if actor.kind in _ORGANISATION_KINDS:
        return {"@type": "Organization", "name": actor.name}
    person: dict[str, Any] = {"@type": "Person", "name": actor.name}
    if actor.role:
        person["jobTitle"] = actor.role
    return person


def claim_reviews(
    briefing: Briefing,
    selection: Selection | None = None,
    *,
    reviewer: str = DEFAULT_REVIEWER,
    review_url: str | None = None,
) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per statement with a verdict (not unverified).

    ``url`` (required by Google's Fact Check markup) is ``<review_url>#statement-<id>``
    when a base is given, else the statement's URL, else a ``urn:briefing-tui:`` URN
    (a placeholder: publish with a base URL to get a real one).
    """
    return _reviews(briefing, _view(briefing, selection or Selection()), reviewer, review_url)


def _reviews(
    briefing: Briefing, view: _View, reviewer: str, review_url: str | None
) -> list[dict[str, Any]]:
    reviewer = " ".join((reviewer or "").split()) or DEFAULT_REVIEWER
    base = (review_url or "").strip()
    reviews = []
    for st in view.statements:
        verdict = st.status.rating
        if verdict is None:
            continue
        assert st.id is not None
        word, value = verdict
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": word, "name": word}
        if value is not None:
            rating.update(ratingValue=value, bestRating=5, worstRating=1)
        claim: dict[str, Any] = {
            "@type": "Claim",
            "author": _claim_author(view.actors.get(st.actor_id), view.actor_name(st.actor_id)),
        }
        if st.said_on:
            claim["datePublished"] = st.said_on.isoformat()
        if st.url:
            appearance: dict[str, Any] = {"@type": "CreativeWork", "url": st.url}
            if st.source:
                appearance["name"] = st.source
            claim["appearance"] = appearance
        if base:
            url = f"{base.split('#')[0]}#statement-{st.id}"
        elif st.url:
            url = st.url
        else:
            url = f"urn:briefing-tui:statement:{st.id}"
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": url,
                "claimReviewed": st.text,
                "itemReviewed": claim,
                "reviewRating": rating,
                "author": {"@type": "Organization", "name": reviewer},
                "datePublished": _review_date(briefing, st),
            }
        )
    return reviews


def _claimreview(briefing: Briefing, view: _View, *, reviewer: str, review_url: str | None) -> str:
    text = json.dumps(_reviews(briefing, view, reviewer, review_url), indent=2, ensure_ascii=False)
    # Safe to paste into <script type="application/ld+json">: no "</script>" can appear.
    # These characters only occur inside JSON strings, so the JSON means the same.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return escape_json(text) + "\n"
