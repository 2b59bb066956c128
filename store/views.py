"""What the analysis screens show: actor scorecards, the timeline, who rebuts whom.

Pure functions over a ``Briefing``'s public methods (no textual, no rich). Each returns
frozen dataclasses that a screen renders and an export formats::

    from store.views import scorecard, timeline, dispute_map, pairs
    card = scorecard(briefing, actor_id)        # None: the whole store
    line = timeline(briefing, actor_id=None, statement_ids=None)
    disputes = dispute_map(briefing)
    between = pairs(briefing, rebutter_id, rebutted_id)

Speed: statements are read as stored documents (``statement_ids`` and
``statement_doc``) rather than as validated models, which would cost seconds at
100,000 statements. So a hand-edited document is read defensively here: an unknown
status counts as unverified, an unreadable ``said_on`` as undated.

Texts are returned as stored: a screen must still escape markup and strip control
characters before showing them.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import wraps
from itertools import repeat
from operator import methodcaller
from typing import Any, Literal, ParamSpec, TypeVar

from .briefing import Briefing
from .models import Actor, ActorKind, Rebuttal, Status

_P = ParamSpec("_P")
_R = TypeVar("_R")

ALL_ACTORS = "All actors"
"""The scorecard name used for the whole store."""

_STATUS_BY_VALUE: dict[str, Status] = {s.value: s for s in Status}

# Rebuttals of at most this many statements are read statement by statement; above it,
# reading all rebuttals once and filtering is cheaper.
_PER_STATEMENT_LIMIT = 2_000
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


# -- shared pieces ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Another actor and how many rebuttals went between the two (in one direction)."""

    actor_id: int
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class BarSegment:
    """One status's share of a bar: ``cells`` characters of the bar's width."""

    status: Status
    count: int
    cells: int


_STATUS_GET = methodcaller("get", "status", "unverified")
_SAID_GET = methodcaller("get", "said_on")
_ACTOR_GET = methodcaller("get", "actor_id", -1)
_TEXT_GET = methodcaller("get", "text", "")


# The column helpers below read one field of many stored statements with map(), which
# runs in C: at 100,000 statements a Python loop building rows costs twice as much.
# Each falls back to a plain loop when a hand-edited document holds something odd.


def _said_column(docs: Sequence[Mapping[str, Any]]) -> list[date | None]:
    raw = list(map(_SAID_GET, docs))
    days = _Days()
    try:
        parsed = {value: days(value) for value in set(raw)}
        return list(map(parsed.__getitem__, raw))
    except TypeError:  # an unhashable said_on
        return [days(v) if isinstance(v, str) else None for v in raw]


def _status_column(docs: Sequence[Mapping[str, Any]]) -> list[Status]:
    unverified = Status.UNVERIFIED
    try:
        return list(map(_STATUS_BY_VALUE.get, map(_STATUS_GET, docs), repeat(unverified)))
    except TypeError:  # an unhashable status
        return [_status_of(doc) for doc in docs]


def _name_column(names: dict[int, str], actor_ids: Sequence[Any]) -> list[str]:
    column = list(map(names.get, actor_ids))
    if None in column:  # a dangling actor id in a hand-edited file
        return [_actor_name(names, a) for a in actor_ids]
    return column


def _owner(briefing: Briefing, statement_id: int) -> int:
    """Who made a statement (-1 if it is gone)."""
    doc = briefing.statement_doc(statement_id)
    return doc.get("actor_id", -1) if doc is not None else -1


def _status_of(doc: Mapping[str, Any]) -> Status:
    value = doc.get("status", "unverified")
    return (
        _STATUS_BY_VALUE.get(value, Status.UNVERIFIED)
        if isinstance(value, str)
        else (Status.UNVERIFIED)
    )


class _Days:
    """ISO date strings to dates, each distinct string parsed once (a store has a few
    hundred distinct days among 100,000 statements)."""

    def __init__(self) -> None:
        self._seen: dict[Any, date | None] = {}

    def __call__(self, value: Any) -> date | None:
        try:
            return self._seen[value]
        except KeyError:
            pass
        except TypeError:  # an unhashable value in a hand-edited document
            return None
        day: date | None = None
        if isinstance(value, str) and value.strip():
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                day = None
        elif isinstance(value, date):
            day = value
        self._seen[value] = day
        return day


class _Names(dict[int, str]):
    """Actor names by id; a missing actor gets a placeholder rather than a KeyError."""

    def __missing__(self, actor_id: int) -> str:
        return _actor_name({}, actor_id)


def _actor_name(names: Mapping[Any, str], actor_id: Any) -> str:
    try:
        return names[actor_id]
    except (KeyError, TypeError):
        return f"(missing actor #{actor_id})"


def _names(briefing: Briefing) -> _Names:
    return _Names((i, briefing.actor_name(i)) for i in briefing.actor_ids())


def _quiet_gc(build: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``build`` with the cyclic GC paused: it makes many small acyclic objects.

    With a 100,000-statement store in memory, a full collection walks the whole store,
    and building a timeline's 120,000 items set off several (measured: 1.0 s instead of
    0.35 s). Nothing built here holds a cycle, so pausing misses nothing.
    """

    @wraps(build)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        was_on = gc.isenabled()
        gc.disable()
        try:
            return build(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()

    return paused


def _counterparts(
    counts: Mapping[int, int], names: _Names, folded: Mapping[int, str] | None = None
) -> tuple[Counterpart, ...]:
    """Most rebuttals first, then by name (``folded``: casefolded names, if at hand)."""
    if len(counts) == 1:  # most actors in a large store: no sort needed
        ((aid, n),) = counts.items()
        return (Counterpart(aid, names[aid], n),)
    fold = folded if folded is not None else {a: names[a].casefold() for a in counts}
    return tuple(
        Counterpart(aid, names[aid], n)
        for aid, n in sorted(counts.items(), key=lambda kv: (-kv[1], fold[kv[0]], kv[0]))
    )


def _statement_docs(
    briefing: Briefing, ids: Iterable[int]
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for sid in ids:
        doc = briefing.statement_doc(sid)
        if doc is not None:
            yield sid, doc


def _rebuttals_of(briefing: Briefing, statement_ids: Sequence[int]) -> list[Rebuttal]:
    """The rebuttals answering any of ``statement_ids``, by id."""
    if len(statement_ids) > _PER_STATEMENT_LIMIT:
        wanted = set(statement_ids)
        return [r for r in briefing.rebuttals() if r.statement_id in wanted]
    found: list[Rebuttal] = []
    for sid in statement_ids:
        if briefing.rebuttal_count(sid):
            found.extend(briefing.rebuttals(statement_id=sid))
    found.sort(key=lambda r: r.id or 0)
    return found


# -- the status bar ----------------------------------------------------------------------


def status_bar(
    counts: Mapping[Status, int] | Iterable[tuple[Status, int]], width: int
) -> tuple[BarSegment, ...]:
    """Split ``width`` cells between the statuses in proportion to their counts.

    Segments come in Status order, one per status (zero cells for a zero count). The
    cells add up to ``width`` when there is anything to show; a status with statements
    gets at least one cell when the width allows, so a single false claim among
    thousands stays visible.
    """
    pairs_ = dict(counts.items() if isinstance(counts, Mapping) else counts)
    ordered = [(s, max(0, int(pairs_.get(s, 0)))) for s in Status]
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

    def bar(self, width: int) -> tuple[BarSegment, ...]:
        """The statements by status as a bar ``width`` cells wide (see ``status_bar``)."""
        return status_bar(self.by_status, width)

    def bar_text(self, width: int, fills: Mapping[Status, str] = BAR_FILLS) -> str:
        return bar_text(self.bar(width), fills)


@_quiet_gc
def scorecard(briefing: Briefing, actor_id: int | None = None) -> Scorecard:
    """The scorecard of one actor, or of the whole store when ``actor_id`` is None.

    Raises ``NotFoundError`` for an unknown actor. One actor takes milliseconds; the
    whole store reads every statement and rebuttal (about 0.2 s at 100,000 statements),
    so a screen may want it off the key press path.
    """
    return _scorecard(briefing, actor_id, _names(briefing))


def _scorecard(briefing: Briefing, actor_id: int | None, names: _Names) -> Scorecard:
    if actor_id is None:
        actor = None
        ids = briefing.statement_ids()
        rebuttals_in = briefing.rebuttals()
        rebuttals_out = rebuttals_in
    else:
        actor = briefing.actor(actor_id)
        ids = briefing.statement_ids(actor_id=actor_id)
        rebuttals_in = _rebuttals_of(briefing, ids)
        rebuttals_out = briefing.rebuttals(actor_id=actor_id)
    docs = [doc for doc in map(briefing.statement_doc, ids) if doc is not None]
    against = Counter(_owner(briefing, r.statement_id) for r in rebuttals_out)
    return _card(actor, docs, rebuttals_in, against, names)


@_quiet_gc
def scorecards(briefing: Briefing, actor_ids: Iterable[int] | None = None) -> dict[int, Scorecard]:
    """Scorecards of many actors at once (all of them when ``actor_ids`` is None), by
    actor id in name order (or in the order given): one pass over the store instead of
    one per actor, for an export of every actor. Raises ``NotFoundError`` for an
    unknown actor."""
    names = _names(briefing)
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
    for sid, doc in _statement_docs(briefing, ids):
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
    names: _Names,
) -> Scorecard:
    """A scorecard from an actor's (or the store's) statements and rebuttals either way."""
    statuses = Counter(_status_column(docs))
    said = _said_column(docs)
    dated = [day for day in said if day is not None]
    common: dict[str, Any] = {
        "statements": len(docs),
        "by_status": tuple((s, statuses.get(s, 0)) for s in Status),
        "undated": len(said) - len(dated),
        "first_said": min(dated) if dated else None,
        "last_said": max(dated) if dated else None,
        "claims_rebutted": len({r.statement_id for r in rebuttals_in}),
        "rebuttals_received": len(rebuttals_in),
        "rebutted_by": _counterparts(Counter(r.actor_id for r in rebuttals_in), names),
        "rebuttals_issued": sum(against.values()),
        "issued_against": _counterparts(against, names),
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
    undated ones.

    The items are kept as plain tuples of a ``TimelineItem``'s fields (``rows``) and
    built on demand: a 100,000-statement timeline opens about a third faster, and a
    screen builds only the rows it shows (``item(i)``).
    """

    day: date | None
    rows: tuple[tuple[Any, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def item(self, index: int) -> TimelineItem:
        return TimelineItem(*self.rows[index])

    @property
    def items(self) -> tuple[TimelineItem, ...]:
        return tuple(TimelineItem(*row) for row in self.rows)


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
            for row in group.rows:
                yield TimelineItem(*row)

    def __len__(self) -> int:
        return self.statements + self.rebuttals


@_quiet_gc
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
    names = _names(briefing)
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
        rebuttals = _rebuttals_of(briefing, ids)
        if actor_id is not None:
            seen = {r.id for r in rebuttals}
            own = [
                r
                for r in briefing.rebuttals(actor_id=actor_id)
                if r.id not in seen and (wanted is None or r.statement_id in wanted)
            ]
            if own:
                rebuttals = sorted(rebuttals + own, key=lambda r: r.id or 0)

    # Column by column with map and zip, which run in C: a loop over 100,000 documents
    # building each row costs about twice as much.
    docs = [doc for doc in map(briefing.statement_doc, ids) if doc is not None]
    if len(docs) != len(ids):
        ids = [i for i in ids if briefing.statement_doc(i) is not None]
    who = list(map(_ACTOR_GET, docs))
    statement_rows = zip(
        repeat("statement"),
        ids,
        _said_column(docs),
        who,
        _name_column(names, who),
        map(_TEXT_GET, docs),
        ids,
        _status_column(docs),
        strict=False,  # (repeat() is endless; the other columns have one entry per statement)
    )
    rebuttal_rows = (
        (
            "rebuttal",
            r.id or 0,
            r.said_on,
            r.actor_id,
            names[r.actor_id],
            r.text,
            r.statement_id,
            None,
            target,
            names[target],
        )
        for r in rebuttals
        for target in (_owner(briefing, r.statement_id),)
    )
    by_day: dict[date, list[tuple[Any, ...]]] = {}
    undated: list[tuple[Any, ...]] = []
    for rows in (statement_rows, rebuttal_rows):
        for row in rows:
            day = row[2]
            if day is None:
                undated.append(row)
            elif day in by_day:
                by_day[day].append(row)
            else:
                by_day[day] = [row]
    return Timeline(
        actor_id=actor_id,
        days=tuple(TimelineDay(d, tuple(by_day[d])) for d in sorted(by_day)),
        undated=TimelineDay(None, tuple(undated)),
        statements=len(docs),
        rebuttals=len(rebuttals),
    )


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
    """One actor in the dispute map: whom they rebut and who rebuts them."""

    actor_id: int
    name: str
    rebuts: tuple[Counterpart, ...]
    rebutted_by: tuple[Counterpart, ...]

    @property
    def issued(self) -> int:
        return sum(c.count for c in self.rebuts)

    @property
    def received(self) -> int:
        return sum(c.count for c in self.rebutted_by)


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


@_quiet_gc
def dispute_map(briefing: Briefing, statement_ids: Iterable[int] | None = None) -> DisputeMap:
    """Who rebuts whom, with counts. ``statement_ids`` keeps only the rebuttals of those
    statements (an export's selection).

    Rows are sorted by most contested: most rebuttals received, then most issued, then
    name. An actor who rebuts their own statement appears on both sides of one edge.
    Actors with no rebuttal either way are left out.
    """
    names = _names(briefing)
    if statement_ids is None:
        rebuttals = briefing.rebuttals()
    else:
        rebuttals = _rebuttals_of(briefing, sorted(set(statement_ids)))
    owner: dict[int, int] = {}
    counts: Counter[tuple[int, int]] = Counter()
    claims: set[tuple[int, int, int]] = set()
    for r in rebuttals:
        sid = r.statement_id
        target = owner.get(sid)
        if target is None:
            doc = briefing.statement_doc(sid)
            target = owner[sid] = doc.get("actor_id", -1) if doc is not None else -1
        counts[(r.actor_id, target)] += 1
        claims.add((r.actor_id, target, sid))
    per_edge_claims = Counter((a, b) for a, b, _ in claims)

    involved = {a for a, _ in counts} | {b for _, b in counts}
    folded = {a: names[a].casefold() for a in involved}
    ordered = sorted(
        counts.items(), key=lambda kv: (-kv[1], folded[kv[0][0]], folded[kv[0][1]], kv[0])
    )
    # Walking the edges heaviest first fills each actor's lists already in their order
    # (most rebuttals, then name): no sort per actor.
    rebuts: dict[int, list[Counterpart]] = {}
    rebutted_by: dict[int, list[Counterpart]] = {}
    received: Counter[int] = Counter()
    issued: Counter[int] = Counter()
    edges = []
    for (a, b), n in ordered:
        name_a, name_b = names[a], names[b]
        edges.append(DisputeEdge(a, name_a, b, name_b, n, per_edge_claims[(a, b)]))
        rebuts.setdefault(a, []).append(Counterpart(b, name_b, n))
        rebutted_by.setdefault(b, []).append(Counterpart(a, name_a, n))
        issued[a] += n
        received[b] += n
    actors = sorted(involved, key=lambda a: (-received[a], -issued[a], folded[a], a))
    rows = tuple(
        DisputeRow(a, names[a], tuple(rebuts.get(a, ())), tuple(rebutted_by.get(a, ())))
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
    days = _Days()
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
            _status_of(doc),
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
