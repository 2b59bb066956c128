"""The timeline: statements and rebuttals by the day they were said."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from ..briefing import Briefing
from ..models import Status
from ._common import (
    actor_name,
    actor_names,
    owner_of,
    quiet_gc,
    rebuttals_of,
    said_column,
    status_of,
)

# -- timeline --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """A statement, or a rebuttal linked to the statement it answers."""

    kind: Literal["statement", "rebuttal"]
    id: int  # the statement's or the rebuttal's own id
    said_on: date | None
    actor_id: int  # who said it (for a rebuttal: who rebuts)
    actor_name: str
    text: str
    statement_id: int  # the statement itself, or the one the rebuttal answers
    status: Status | None = None  # statements only
    target_actor_id: int | None = None  # rebuttals: whose statement they answer
    target_actor_name: str = ""

    @property
    def is_rebuttal(self) -> bool:
        return self.kind == "rebuttal"


@dataclass(frozen=True, slots=True)
class TimelineDay:
    """One day's statements (by id), then its rebuttals (by id); ``day`` is None for the
    undated ones. ``len(day)`` items; ``item(i)`` builds one, ``items()`` all.

    Items are built on demand from ``rows``, which hold what was read from the store
    (the statement's stored document, the rebuttal): a 100,000-statement timeline opens
    in a fraction of the time, and a screen builds only the rows it shows. The stored
    documents are replaced, never changed in place, by every verb, so the rows stay a
    snapshot of the store as it was when the timeline was built.
    """

    day: date | None
    # (kind, id, stored statement document or Rebuttal, actor rebutted or None)
    rows: tuple[tuple[str, int, Any, int | None], ...] = field(repr=False)
    names: Mapping[int, str] = field(repr=False, compare=False, hash=False)

    def __len__(self) -> int:
        return len(self.rows)

    def item(self, index: int) -> TimelineItem:
        kind, item_id, source, target = self.rows[index]
        names = self.names
        if kind == "statement":
            who = source.get("actor_id", -1)
            return TimelineItem(
                "statement",
                item_id,
                self.day,
                who,
                actor_name(names, who),
                source.get("text", ""),
                item_id,
                status_of(source),
            )
        return TimelineItem(
            "rebuttal",
            item_id,
            self.day,
            source.actor_id,
            actor_name(names, source.actor_id),
            source.text,
            source.statement_id,
            None,
            target,
            actor_name(names, target),
        )

    def items(self) -> tuple[TimelineItem, ...]:
        return tuple(map(self.item, range(len(self.rows))))


@dataclass(frozen=True, slots=True)
class Timeline:
    """Dated items grouped by day in date order; undated ones apart, never dropped."""

    actor_id: int | None
    days: tuple[TimelineDay, ...]  # in date order, each non-empty
    undated: TimelineDay  # day None: statements by id, then rebuttals by id
    statements: int
    rebuttals: int

    @property
    def groups(self) -> tuple[TimelineDay, ...]:
        """The days, then the undated group if it has anything: what a screen lists."""
        return (*self.days, self.undated) if self.undated.rows else self.days

    def items(self) -> Iterator[TimelineItem]:
        """Every item: the days in order, then the undated ones."""
        for group in self.groups:
            yield from map(group.item, range(len(group)))

    def __len__(self) -> int:
        return self.statements + self.rebuttals

    def find(self, kind: Literal["statement", "rebuttal"], item_id: int) -> tuple[int, int] | None:
        """Where an item is: (index in ``groups``, index in that group's rows), or None."""
        for g, group in enumerate(self.groups):
            for r, row in enumerate(group.rows):
                if row[1] == item_id and row[0] == kind:
                    return g, r
        return None


@quiet_gc
def timeline(
    briefing: Briefing,
    actor_id: int | None = None,
    statement_ids: Iterable[int] | None = None,
) -> Timeline:
    """Statements and rebuttals by the day they were said.

    ``actor_id`` keeps that actor's statements, the rebuttals they drew and the
    rebuttals the actor issued; ``statement_ids`` (the filter in force) keeps only those
    statements, the rebuttals that answer them, and — with ``actor_id`` — the actor's
    rebuttals of statements in it. A rebuttal sits under its own date, not its
    statement's. Raises ``NotFoundError`` for an unknown actor.
    """
    names = actor_names(briefing)
    if actor_id is not None:
        briefing.actor(actor_id)  # an unknown actor is an error, not an empty timeline
    ids = briefing.statement_ids(actor_id=actor_id)
    wanted: set[int] | None = None
    if statement_ids is not None:
        wanted = set(statement_ids)
        ids = [i for i in ids if i in wanted]

    if actor_id is None and wanted is None:
        rebuttals = briefing.rebuttals()
    else:
        rebuttals = rebuttals_of(briefing, ids)
        if actor_id is not None:
            seen = {r.id for r in rebuttals}
            own = [
                r
                for r in briefing.rebuttals(actor_id=actor_id)
                if r.id not in seen and (wanted is None or r.statement_id in wanted)
            ]
            if own:
                rebuttals = sorted(rebuttals + own, key=lambda r: r.id or 0)

    docs = [doc for doc in map(briefing.statement_doc, ids) if doc is not None]
    if len(docs) != len(ids):
        ids = [i for i in ids if briefing.statement_doc(i) is not None]
    by_day: dict[date | None, list[tuple[str, int, Any, int | None]]] = {}
    for sid, doc, day in zip(ids, docs, said_column(docs), strict=True):
        row = ("statement", sid, doc, None)
        if day in by_day:
            by_day[day].append(row)
        else:
            by_day[day] = [row]
    for r in rebuttals:
        row = ("rebuttal", r.id or 0, r, owner_of(briefing, r.statement_id))
        if r.said_on in by_day:
            by_day[r.said_on].append(row)
        else:
            by_day[r.said_on] = [row]
    dated = {day: rows for day, rows in by_day.items() if day is not None}
    return Timeline(
        actor_id=actor_id,
        days=tuple(TimelineDay(day, tuple(dated[day]), names) for day in sorted(dated)),
        undated=TimelineDay(None, tuple(by_day.get(None, ())), names),
        statements=len(docs),
        rebuttals=len(rebuttals),
    )
