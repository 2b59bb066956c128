"""Who rebuts whom: the dispute map, and the exchanges between two actors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..briefing import Briefing
from ._common import (
    Days,
    actor_names,
    owner_of,
    quiet_gc,
    rebuttals_of,
    status_of,
)
from .timeline import TimelineItem

# -- who rebuts whom ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DisputeEdge:
    """``rebutter`` rebutted ``rebutted``'s statements: how often, and how many claims."""

    rebutter_id: int
    rebutter_name: str
    rebutted_id: int
    rebutted_name: str
    rebuttals: int
    statements: int  # distinct statements of ``rebutted`` that ``rebutter`` answered


@dataclass(frozen=True, slots=True)
class DisputeRow:
    """One actor in the dispute map: the edges of whom they rebut and of who rebuts
    them, each list heaviest first (then by the other actor's name)."""

    actor_id: int
    name: str
    rebuts: tuple[DisputeEdge, ...]  # this actor is the rebutter
    rebutted_by: tuple[DisputeEdge, ...]  # this actor is the one rebutted
    issued: int  # rebuttals this actor made
    received: int  # rebuttals of this actor's statements


@dataclass(frozen=True, slots=True)
class DisputeMap:
    """Actors with any rebuttal between them, most contested first, and the edges
    (rebutter → rebutted), heaviest first."""

    rows: tuple[DisputeRow, ...]
    edges: tuple[DisputeEdge, ...]

    @property
    def rebuttals(self) -> int:
        return sum(e.rebuttals for e in self.edges)

    def row(self, actor_id: int) -> DisputeRow | None:
        return next((r for r in self.rows if r.actor_id == actor_id), None)


@quiet_gc
def dispute_map(briefing: Briefing, statement_ids: Iterable[int] | None = None) -> DisputeMap:
    """Who rebuts whom, with counts. ``statement_ids`` keeps only the rebuttals of those
    statements (an export's selection).

    Rows are sorted by most contested: most rebuttals received, then most issued, then
    name. An actor who rebuts their own statement appears on both sides of one edge.
    Actors with no rebuttal either way are left out.
    """
    names = actor_names(briefing)
    if statement_ids is None:
        rebuttals = briefing.rebuttals()
    else:
        rebuttals = rebuttals_of(briefing, sorted(set(statement_ids)))
    # (Counter and set over zip run in C: a loop doing the same costs about twice as much)
    rebutters = [r.actor_id for r in rebuttals]
    sids = [r.statement_id for r in rebuttals]
    owner = {sid: owner_of(briefing, sid) for sid in set(sids)}
    targets = list(map(owner.__getitem__, sids))
    counts = Counter(zip(rebutters, targets, strict=True))
    per_edge_claims = Counter((a, owner[sid]) for a, sid in set(zip(rebutters, sids, strict=True)))

    involved = {a for a, _ in counts} | {b for _, b in counts}
    folded = {a: names[a].casefold() for a in involved}
    ordered = sorted(
        counts.items(), key=lambda kv: (-kv[1], folded[kv[0][0]], folded[kv[0][1]], kv[0])
    )
    # Walking the edges heaviest first fills each actor's lists already in their order
    # (most rebuttals, then name): no sort per actor. An edge object is shared by the
    # rows of both its actors (at 100,000 statements: 20,000 objects, not 60,000).
    rebuts: dict[int, list[DisputeEdge]] = {}
    rebutted_by: dict[int, list[DisputeEdge]] = {}
    received: Counter[int] = Counter()
    issued: Counter[int] = Counter()
    edges = []
    for (a, b), n in ordered:
        edge = DisputeEdge(a, names[a], b, names[b], n, per_edge_claims[(a, b)])
        edges.append(edge)
        rebuts.setdefault(a, []).append(edge)
        rebutted_by.setdefault(b, []).append(edge)
        issued[a] += n
        received[b] += n
    actors = sorted(involved, key=lambda a: (-received[a], -issued[a], folded[a], a))
    rows = tuple(
        DisputeRow(
            a,
            names[a],
            tuple(rebuts.get(a, ())),
            tuple(rebutted_by.get(a, ())),
            issued[a],
            received[a],
        )
        for a in actors
    )
    return DisputeMap(rows=rows, edges=tuple(edges))


@dataclass(frozen=True, slots=True)
class Exchange:
    """A statement and the rebuttals of it by one other actor."""

    statement: TimelineItem
    rebuttals: tuple[TimelineItem, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    """Everything ``rebutter`` said against ``rebutted``'s statements."""

    rebutter_id: int
    rebutter_name: str
    rebutted_id: int
    rebutted_name: str
    exchanges: tuple[Exchange, ...]  # by the statement's date (undated last), then id

    @property
    def rebuttals(self) -> int:
        return sum(len(e.rebuttals) for e in self.exchanges)


def pairs(briefing: Briefing, rebutter_id: int, rebutted_id: int) -> Pair:
    """The statements of ``rebutted_id`` that ``rebutter_id`` rebutted, each with those
    rebuttals. One direction: call it the other way round for the answers back.
    Raises ``NotFoundError`` for an unknown actor."""
    rebutter = briefing.actor(rebutter_id)
    rebutted = briefing.actor(rebutted_id)
    days = Days()
    by_statement: dict[int, list[TimelineItem]] = {}
    for r in briefing.rebuttals(actor_id=rebutter_id):
        doc = briefing.statement_doc(r.statement_id)
        if doc is None or doc.get("actor_id") != rebutted_id:
            continue
        by_statement.setdefault(r.statement_id, []).append(
            TimelineItem(
                "rebuttal",
                r.id or 0,
                r.said_on,
                rebutter_id,
                rebutter.name,
                r.text,
                r.statement_id,
                None,
                rebutted_id,
                rebutted.name,
            )
        )
    exchanges = []
    for sid, items in by_statement.items():
        doc = briefing.statement_doc(sid) or {}
        claim = TimelineItem(
            "statement",
            sid,
            days(doc.get("said_on")),
            rebutted_id,
            rebutted.name,
            doc.get("text", ""),
            sid,
            status_of(doc),
        )
        exchanges.append(Exchange(claim, tuple(items)))
    exchanges.sort(
        key=lambda e: (e.statement.said_on is None, e.statement.said_on or date.min, e.statement.id)
    )
    return Pair(
        rebutter.id or rebutter_id,
        rebutter.name,
        rebutted.id or rebutted_id,
        rebutted.name,
        tuple(exchanges),
    )
