"""The sample briefing built from the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import ActorKind, Briefing, Status
from store.sample import SAMPLE_TAG, article_text, build_sample


@pytest.fixture
def sample(briefing: Briefing) -> Briefing:
    build_sample(briefing)
    return briefing


def test_sample_actors(sample: Briefing) -> None:
    names = {a.name: a for a in sample.actors()}
    for name in (
        "Keith Kellogg",
        "Alexander Lukashenko",
        "Vladimir Putin",
        "Siarhei Tsikhanouski",
        "Belarusian government",
    ):
        assert name in names, name
    assert names["Belarusian government"].kind == ActorKind.GOVERNMENT
    assert names["Keith Kellogg"].kind == ActorKind.PERSON
    assert "Envoy" in names["Keith Kellogg"].role


def test_lukashenko_drone_claim_is_disputed_by_kellogg(sample: Briefing) -> None:
    luka = sample.find_actor("Alexander Lukashenko")
    kellogg = sample.find_actor("Keith Kellogg")
    assert luka is not None and kellogg is not None
    claims = [s for s in sample.statements(actor_id=luka.id) if "drone" in s.text.lower()]
    assert len(claims) == 1
    claim = claims[0]
    assert claim.status == Status.DISPUTED
    rebuttals = sample.rebuttals(statement_id=claim.id)
    assert [r.actor_id for r in rebuttals] == [kellogg.id]
    assert "context" in rebuttals[0].text
    reasons = [e.reason for e in sample.history("statements", claim.id)]
    assert any("disputed because Keith Kellogg rebutted it" in r for r in reasons)


def test_every_sample_document_is_tagged(sample: Briefing) -> None:
    assert all(SAMPLE_TAG in a.tags for a in sample.actors())
    assert all(SAMPLE_TAG in s.tags for s in sample.statements())
    assert sample.rebuttals()
    for rebuttal in sample.rebuttals():  # rebuttals have no tags: their statement does
        assert SAMPLE_TAG in sample.statement(rebuttal.statement_id).tags


def test_sample_has_annotations_dates_and_sources(sample: Briefing) -> None:
    statements = sample.statements()
    assert len(statements) >= 4
    assert sum(len(s.annotations) for s in statements) >= 2
    assert any(s.said_on is not None and s.said_on.isoformat() == "2025-06-21" for s in statements)
    assert all(s.source for s in statements)
    assert {s.status for s in statements} >= {Status.DISPUTED, Status.CONFIRMED}


def test_sample_is_one_undo_step_and_survives_reopen(sample: Briefing, store_path: Path) -> None:
    reopened = Briefing.open(store_path)
    assert reopened.statements() == sample.statements()
    assert reopened.rebuttals() == sample.rebuttals()
    reopened.undo()
    assert reopened.actors() == [] and reopened.statements() == [] and reopened.rebuttals() == []


def test_article_text_is_shipped() -> None:
    text = article_text()
    assert "Kellogg" in text and "Lukashenko" in text and "Tsikhanouski" in text
