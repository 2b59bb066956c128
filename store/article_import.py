"""Writing accepted article suggestions into a store: one batch, one undo step."""

from __future__ import annotations

from dataclasses import dataclass, field

from .briefing import Briefing
from .ingest import SuggestedActor, Suggestions

IMPORT_TAG = "imported"


@dataclass
class ImportResult:
    """What an accepted import added (ids in the store)."""

    actors_added: list[int] = field(default_factory=list)
    actors_reused: list[int] = field(default_factory=list)
    statements_added: list[int] = field(default_factory=list)
    rebuttals_added: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [
            f"{len(self.actors_added)} new actor(s)",
            f"{len(self.actors_reused)} existing actor(s) reused",
            f"{len(self.statements_added)} statement(s)",
            f"{len(self.rebuttals_added)} rebuttal(s)",
        ]
        text = "Imported " + ", ".join(parts) + "."
        if self.skipped:
            text += f" Skipped {len(self.skipped)}: " + "; ".join(self.skipped[:3])
        return text


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def mark_present(briefing: Briefing, suggestions: Suggestions) -> int:
    """Mark statements (and rebuttals) the store already has, same actor and same text, with
    their ``existing_id``: a re-imported article then suggests nothing twice. Returns how
    many were found."""
    actor_ids: dict[str, int] = {}
    for actor in suggestions.actors:
        existing = _existing_actor_id(briefing, actor)
        if existing is not None:
            actor_ids[actor.key] = existing
    found_count = 0
    for statement in suggestions.statements:
        statement.existing_id = None
        actor_id = actor_ids.get(statement.actor_key)
        if actor_id is None:
            continue
        for stored in briefing.statements(actor_id=actor_id):
            if _same_text(stored.text, statement.text):
                statement.existing_id = stored.id
                found_count += 1
                break
    stored_ids = {s.key: s.existing_id for s in suggestions.statements}
    for rebuttal in suggestions.rebuttals:
        rebuttal.existing_id = None
        statement_id = stored_ids.get(rebuttal.statement_key)
        actor_id = actor_ids.get(rebuttal.actor_key)
        if statement_id is None or actor_id is None:
            continue
        for stored_r in briefing.rebuttals(statement_id=statement_id, actor_id=actor_id):
            if _same_text(stored_r.text, rebuttal.text):
                rebuttal.existing_id = stored_r.id
                found_count += 1
                break
    return found_count


def default_keys(suggestions: Suggestions) -> set[str]:
    """What the review starts with ticked: the speaking actors, and what they said that the
    store does not have yet. Names only mentioned start unticked."""
    keys = {a.key for a in suggestions.actors if a.speaks}
    keys |= {s.key for s in suggestions.statements if s.existing_id is None and s.actor_key in keys}
    keys |= {r.key for r in suggestions.rebuttals if r.existing_id is None and r.actor_key in keys}
    return keys


def answered_by(suggestions: Suggestions, statement_key: str) -> list[str]:
    """Keys of the rebuttals that answer the statement ``statement_key``."""
    return [r.key for r in suggestions.rebuttals if r.statement_key == statement_key]


def closure(suggestions: Suggestions, keys: set[str]) -> set[str]:
    """Keys that can be written: a statement needs its actor; a rebuttal needs its actor
    and the statement it answers (chosen, or already in the store). Anything whose
    prerequisite is not chosen is dropped."""
    keys = set(keys)
    actors = {a.key for a in suggestions.actors if a.key in keys}
    statements = {s.key for s in suggestions.statements if s.key in keys and s.actor_key in actors}
    present = {s.key for s in suggestions.statements if s.existing_id is not None}
    rebuttals = {
        r.key
        for r in suggestions.rebuttals
        if r.key in keys and r.actor_key in actors and r.statement_key in statements | present
    }
    return actors | statements | rebuttals


def accept_suggestions(
    briefing: Briefing,
    suggestions: Suggestions,
    *,
    keys: set[str] | None = None,
    source: str = "",
    url: str = "",
    reason: str = "Imported an article",
) -> ImportResult:
    """Add the chosen suggestions (the default ticks when ``keys`` is None) as one change.

    Each statement keeps its evidence sentence as an annotation and is tagged
    ``imported``; a rebuttal marks the statement it answers disputed. Statements and
    rebuttals already in the store (``existing_id``) are not added again; a new rebuttal of
    one is attached to the stored statement. If anything is refused (an invalid field),
    nothing is written and the StoreError says what.
    """
    chosen = default_keys(suggestions) if keys is None else set(keys)
    chosen &= {
        *(a.key for a in suggestions.actors),
        *(s.key for s in suggestions.statements),
        *(r.key for r in suggestions.rebuttals),
    }
    writable = closure(suggestions, chosen)
    result = ImportResult()
    for key in sorted(chosen - writable):
        result.skipped.append(f"{key} (what it depends on was not chosen)")
    with briefing.batch(reason):
        actor_ids = _write_actors(briefing, suggestions, writable, result)
        statement_ids = _write_statements(
            briefing, suggestions, writable, actor_ids, source, url, result
        )
        for rebuttal in suggestions.rebuttals:
            if rebuttal.key not in writable or rebuttal.existing_id is not None:
                continue
            added_rebuttal = briefing.add_rebuttal(
                statement_id=statement_ids[rebuttal.statement_key],
                actor_id=actor_ids[rebuttal.actor_key],
                text=rebuttal.text,
                said_on=rebuttal.said_on,
                source=source,
                url=url,
            )
            assert added_rebuttal.id is not None
            result.rebuttals_added.append(added_rebuttal.id)
    return result


def _write_actors(
    briefing: Briefing, suggestions: Suggestions, writable: set[str], result: ImportResult
) -> dict[str, int]:
    actor_ids: dict[str, int] = {}
    for actor in suggestions.actors:
        if actor.key not in writable:
            continue
        existing = _existing_actor_id(briefing, actor)
        if existing is not None:
            actor_ids[actor.key] = existing
            result.actors_reused.append(existing)
            continue
        added = briefing.add_actor(
            name=actor.name,
            kind=actor.kind,
            role=actor.role,
            affiliation=actor.affiliation,
            aliases=actor.aliases,
            tags=[IMPORT_TAG],
        )
        assert added.id is not None
        actor_ids[actor.key] = added.id
        result.actors_added.append(added.id)
    return actor_ids


def _write_statements(
    briefing: Briefing,
    suggestions: Suggestions,
    writable: set[str],
    actor_ids: dict[str, int],
    source: str,
    url: str,
    result: ImportResult,
) -> dict[str, int]:
    statement_ids: dict[str, int] = {
        s.key: s.existing_id for s in suggestions.statements if s.existing_id is not None
    }
    for statement in suggestions.statements:
        if statement.key not in writable or statement.existing_id is not None:
            continue
        added_statement = briefing.add_statement(
            actor_id=actor_ids[statement.actor_key],
            text=statement.text,
            said_on=statement.said_on,
            source=source,
            url=url,
            tags=[IMPORT_TAG],
        )
        assert added_statement.id is not None
        statement_ids[statement.key] = added_statement.id
        result.statements_added.append(added_statement.id)
        if statement.evidence and statement.evidence.strip() != statement.text.strip():
            briefing.annotate(added_statement.id, f"Evidence: {statement.evidence}")
    return statement_ids


def _existing_actor_id(briefing: Briefing, actor: SuggestedActor) -> int | None:
    """The store's id for a suggested actor: the one the extractor matched, else the
    actor of that name or alias, else None."""
    if actor.existing_id is not None:
        return actor.existing_id
    found = briefing.find_actor(actor.name)
    return found.id if found else None
