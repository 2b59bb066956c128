"""Actor scorecards: an actor's profile and record, or the whole store's."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..briefing import Briefing
from ..models import Actor, ActorKind, Rebuttal, Status
from ._common import (
    Counterpart,
    Names,
    actor_names,
    counterparts,
    owner_of,
    quiet_gc,
    rebuttals_of,
    said_column,
    statement_docs,
    status_column,
)

ALL_ACTORS = "All actors"
"""The scorecard name used for the whole store."""

# Scorecards of at most this many actors are built one by one from the indexes.
_FEW_ACTORS = 20

BAR_FILLS: dict[Status, str] = {
    Status.UNVERIFIED: "░",
    Status.DISPUTED: "▒",
    Status.CONFIRMED: "█",
    Status.FALSE: "▓",
    Status.RETRACTED: "─",
}
"""Default bar characters: each status has its own, so a bar reads without colour."""


@dataclass(frozen=True, slots=True)
class BarSegment:
    """One status's share of a bar: ``cells`` characters of the bar's width."""

    status: Status
    count: int
    cells: int


# -- the status bar ----------------------------------------------------------------------


def status_bar(
    counts: Mapping[Status, int] | Iterable[tuple[Status, int]],
    width: int,
    order: Sequence[Status] | None = None,
) -> tuple[BarSegment, ...]:
    """Split ``width`` cells between the statuses in proportion to their counts.

    Segments come in ``order`` (default: Status order), one per status, zero cells for a
    zero count; statuses left out of ``order`` are not drawn. The cells add up to
    ``width`` when there is anything to show; a status with statements gets at least
    one cell when the width allows, so a single false claim among thousands stays
    visible.
    """
    given = dict(counts.items() if isinstance(counts, Mapping) else counts)
    ordered = [(s, max(0, int(given.get(s, 0)))) for s in (order or Status)]
    width = max(0, int(width))
    total = sum(n for _, n in ordered)
    if total == 0 or width == 0:
        return tuple(BarSegment(s, n, 0) for s, n in ordered)
    exact = [n * width / total for _, n in ordered]
    cells = [int(x) for x in exact]
    present = [i for i, (_, n) in enumerate(ordered) if n]
    if len(present) <= width:
        for i in present:
            cells[i] = max(cells[i], 1)
    # Largest remainders take the cells still free; the biggest segments give back any
    # cells the minimum of one took beyond the width.
    spare = width - sum(cells)
    by_remainder = sorted(present, key=lambda i: (-(exact[i] - int(exact[i])), i))
    k = 0
    while spare > 0:
        cells[by_remainder[k % len(by_remainder)]] += 1
        spare -= 1
        k += 1
    while spare < 0:
        biggest = max(present, key=lambda i: (cells[i], -i))
        cells[biggest] -= 1
        spare += 1
    return tuple(BarSegment(s, n, c) for (s, n), c in zip(ordered, cells, strict=True))


def bar_text(segments: Iterable[BarSegment], fills: Mapping[Status, str] = BAR_FILLS) -> str:
    """The bar as plain characters, one fill character per status (see ``BAR_FILLS``)."""
    return "".join(fills.get(seg.status, "█")[:1] * seg.cells for seg in segments)


# -- scorecard -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scorecard:
    """An actor's profile and record, or the whole store's (``actor_id`` None)."""

    actor_id: int | None
    name: str
    kind: ActorKind | None
    role: str
    affiliation: str
    aliases: tuple[str, ...]
    notes: str
    statements: int
    by_status: tuple[tuple[Status, int], ...]  # every status, in Status order
    undated: int  # statements without a (readable) date
    first_said: date | None
    last_said: date | None
    claims_rebutted: int  # statements with at least one rebuttal
    rebuttals_received: int
    rebutted_by: tuple[Counterpart, ...]  # who rebutted these claims, most first
    rebuttals_issued: int
    issued_against: tuple[Counterpart, ...]  # whose claims these rebuttals answer, most first

    def count(self, status: Status | str) -> int:
        wanted = Status(status)
        return next(n for s, n in self.by_status if s is wanted)

    def bar(self, width: int, order: Sequence[Status] | None = None) -> tuple[BarSegment, ...]:
        """The statements by status as a bar ``width`` cells wide (see ``status_bar``)."""
        return status_bar(self.by_status, width, order)

    def bar_text(
        self,
        width: int,
        fills: Mapping[Status, str] = BAR_FILLS,
        order: Sequence[Status] | None = None,
    ) -> str:
        return bar_text(self.bar(width, order), fills)


@quiet_gc
def scorecard(briefing: Briefing, actor_id: int | None = None) -> Scorecard:
    """The scorecard of one actor, or of the whole store when ``actor_id`` is None.

    Raises ``NotFoundError`` for an unknown actor. One actor takes milliseconds; the
    whole store reads every statement and rebuttal (about 0.2 s at 100,000 statements),
    so a screen may want it off the key press path.
    """
    return _scorecard(briefing, actor_id, actor_names(briefing))


def _scorecard(briefing: Briefing, actor_id: int | None, names: Names) -> Scorecard:
    if actor_id is None:
        actor = None
        ids = briefing.statement_ids()
        rebuttals_in = briefing.rebuttals()
        rebuttals_out = rebuttals_in
    else:
        actor = briefing.actor(actor_id)
        ids = briefing.statement_ids(actor_id=actor_id)
        rebuttals_in = rebuttals_of(briefing, ids)
        rebuttals_out = briefing.rebuttals(actor_id=actor_id)
    docs = [doc for doc in map(briefing.statement_doc, ids) if doc is not None]
    against = Counter(owner_of(briefing, r.statement_id) for r in rebuttals_out)
    return _card(actor, docs, rebuttals_in, against, names)


@quiet_gc
def scorecards(briefing: Briefing, actor_ids: Iterable[int] | None = None) -> dict[int, Scorecard]:
    """Scorecards of many actors at once (all of them when ``actor_ids`` is None), by
    actor id in name order (or in the order given): one pass over the store instead of
    one per actor, for an export of every actor. Raises ``NotFoundError`` for an
    unknown actor."""
    names = actor_names(briefing)
    if actor_ids is None:
        actors = {a.id: a for a in briefing.actors() if a.id is not None}
    else:
        wanted = list(dict.fromkeys(actor_ids))
        if len(wanted) <= _FEW_ACTORS:
            return {a: _scorecard(briefing, a, names) for a in wanted}
        actors = {a: briefing.actor(a) for a in wanted}
    ids = briefing.statement_ids()
    owner: dict[int, Any] = {}
    by_actor: dict[Any, list[Mapping[str, Any]]] = {}
    for sid, doc in statement_docs(briefing, ids):
        who = owner[sid] = doc.get("actor_id", -1)
        by_actor.setdefault(who, []).append(doc)
    received: dict[Any, list[Rebuttal]] = {}
    against: dict[int, Counter[Any]] = {}
    for r in briefing.rebuttals():
        target = owner.get(r.statement_id, -1)
        received.setdefault(target, []).append(r)
        against.setdefault(r.actor_id, Counter())[target] += 1
    return {
        aid: _card(
            actor,
            by_actor.get(aid, []),
            received.get(aid, []),
            against.get(aid, Counter()),
            names,
        )
        for aid, actor in actors.items()
    }


def _card(
    actor: Actor | None,
    docs: Sequence[Mapping[str, Any]],
    rebuttals_in: Sequence[Rebuttal],
    against: Counter[Any],
    names: Names,
) -> Scorecard:
    """A scorecard from an actor's (or the store's) statements and rebuttals either way."""
    statuses = Counter(status_column(docs))
    said = said_column(docs)
    dated = [day for day in said if day is not None]
    common: dict[str, Any] = {
        "statements": len(docs),
        "by_status": tuple((s, statuses.get(s, 0)) for s in Status),
        "undated": len(said) - len(dated),
        "first_said": min(dated) if dated else None,
        "last_said": max(dated) if dated else None,
        "claims_rebutted": len({r.statement_id for r in rebuttals_in}),
        "rebuttals_received": len(rebuttals_in),
        "rebutted_by": counterparts(Counter(r.actor_id for r in rebuttals_in), names),
        "rebuttals_issued": sum(against.values()),
        "issued_against": counterparts(against, names),
    }
    if actor is None:
        return Scorecard(
            actor_id=None,
            name=ALL_ACTORS,
            kind=None,
            role="",
            affiliation="",
            aliases=(),
            notes="",
            **common,
        )
    return Scorecard(
        actor_id=actor.id,
        name=actor.name,
        kind=actor.kind,
        role=actor.role,
        affiliation=actor.affiliation,
        aliases=tuple(actor.aliases),
        notes=actor.notes,
        **common,
    )
