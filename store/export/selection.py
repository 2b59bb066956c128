"""Which statements an export covers (the app's "current view"), read once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..briefing import Briefing
from ..errors import NotFoundError
from ..models import Actor, Rebuttal, Statement, Status
from .common import ExportError


@dataclass(frozen=True)
class Selection:
    """Which statements an export covers (the app's "current view")."""

    status: Status | None = None
    actor_id: int | None = None
    actor_name: str | None = None
    text: str | None = None

    @property
    def empty(self) -> bool:
        return self.status is None and self.actor_id is None and not self.text

    def statement_ids(self, briefing: Briefing) -> list[int] | None:
        """The ids of the statements selected, or None for the whole store."""
        if self.empty:
            return None
        return briefing.statement_ids(actor_id=self.actor_id, status=self.status, text=self.text)

    def describe(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"status {self.status.value}")
        if self.actor_id is not None:
            parts.append(f"actor {self.actor_name or f'#{self.actor_id}'}")
        if self.text:
            parts.append(f'text "{self.text}"')
        return ", ".join(parts) or "everything"

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value if self.status is not None else None,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "text": self.text or None,
        }


def parse_status(status: Status | str | None) -> Status | None:
    """``None`` or a Status; an unknown word raises ExportError naming the choices."""
    if status is None or isinstance(status, Status):
        return status
    word = str(status).strip().casefold()
    if not word:
        return None
    try:
        return Status(word)
    except ValueError:
        raise ExportError(
            f"Unknown status {status!r}: choose one of " + ", ".join(s.value for s in Status) + "."
        ) from None


def resolve_selection(
    briefing: Briefing,
    *,
    status: Status | str | None = None,
    actor_id: int | None = None,
    actor_name: str | None = None,
    text: str | None = None,
) -> Selection:
    """Check a selection against the store; unknown statuses and actors raise ExportError."""
    wanted = parse_status(status)
    name = None
    if actor_name is not None and actor_name.strip():
        found = briefing.find_actor(actor_name)
        if found is None:
            known = [a.name for a in briefing.actors()]
            hint = (
                "Known actors: " + ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
                if known
                else "The store has no actors."
            )
            raise ExportError(f"There is no actor named {actor_name.strip()!r}. {hint}")
        if actor_id is not None and actor_id != found.id:
            raise ExportError(
                f"The actor filter is contradictory: {actor_name!r} is actor #{found.id}, "
                f"not #{actor_id}. Give one of the two."
            )
        actor_id, name = found.id, found.name
    elif actor_id is not None:
        try:
            name = briefing.actor(actor_id).name
        except NotFoundError:
            raise ExportError(
                f"There is no actor #{actor_id} (it may have been deleted). Clear the actor "
                "filter and export again."
            ) from None
    needle = (text or "").strip() or None
    return Selection(status=wanted, actor_id=actor_id, actor_name=name, text=needle)


@dataclass
class _View:
    """The documents one export covers, read once through the gateway."""

    selection: Selection
    statements: list[Statement]
    actors: dict[int, Actor]
    rebuttals: dict[int, list[Rebuttal]]  # by statement id, in recorded order

    def actor_name(self, actor_id: int) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else f"(missing actor #{actor_id})"


def _view(briefing: Briefing, selection: Selection) -> _View:
    statements = briefing.statements(
        actor_id=selection.actor_id, status=selection.status, text=selection.text
    )
    all_actors = {a.id: a for a in briefing.actors() if a.id is not None}
    if selection.empty:
        rebuttals: dict[int, list[Rebuttal]] = {}
        for reb in briefing.rebuttals():
            rebuttals.setdefault(reb.statement_id, []).append(reb)
        actors = all_actors
    else:
        rebuttals = {}
        wanted: set[int] = set()
        for st in statements:
            assert st.id is not None
            found = briefing.rebuttals(statement_id=st.id)
            if found:
                rebuttals[st.id] = found
            wanted.add(st.actor_id)
            wanted.update(r.actor_id for r in found)
        actors = {i: a for i, a in all_actors.items() if i in wanted}
    for items in rebuttals.values():
        items.sort(key=lambda r: r.id or 0)
    return _View(selection, statements, actors, rebuttals)
