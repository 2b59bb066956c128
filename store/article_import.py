"""Writing accepted article suggestions into a store: one batch, one undo step."""

from __future__ import annotations

from dataclasses import dataclass, field

from .briefing import Briefing
from .ingest import Suggestions

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


def closure(suggestions: Suggestions, keys: set[str]) -> set[str]:
    """Keys that can be written: a statement needs its actor; a rebuttal needs its actor
    and the statement it answers. Anything whose prerequisite is not chosen is dropped."""
    keys = set(keys)
    actors = {a.key for a in suggestions.actors if a.key in keys}
    statements = {s.key for s in suggestions.statements if s.key in keys and s.actor_key in actors}
    rebuttals = {
        r.key
        for r in suggestions.rebuttals
        if r.key in keys and r.actor_key in actors and r.statement_key in statements
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
    """Add the chosen suggestions (all when ``keys`` is None) as one change.

    Each statement keeps its evidence sentence as an annotation and is tagged
    ``imported``; a rebuttal marks the statement it answers disputed. If anything is
    refused (an invalid field), nothing is written and the StoreError says what.
    """
    chosen = {
        *(a.key for a in suggestions.actors),
        *(s.key for s in suggestions.statements),
        *(r.key for r in suggestions.rebuttals),
    }
    if keys is not None:
        chosen &= keys
    writable = closure(suggestions, chosen)
    result = ImportResult()
    for key in sorted(chosen - writable):
        result.skipped.append(f"{key} (what it depends on was not chosen)")
    actor_ids: dict[str, int] = {}
    statement_ids: dict[str, int] = {}
    with briefing.batch(reason):
        for actor in suggestions.actors:
            if actor.key not in writable:
                continue
            existing = actor.existing_id
            if existing is None:
                found = briefing.find_actor(actor.name)
                existing = found.id if found else None
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
        for statement in suggestions.statements:
            if statement.key not in writable:
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
        for rebuttal in suggestions.rebuttals:
            if rebuttal.key not in writable:
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
