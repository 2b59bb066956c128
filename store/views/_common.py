"""Reading the store fast and defensively: helpers shared by the views."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import wraps
from itertools import repeat
from operator import methodcaller
from typing import Any, ParamSpec, TypeVar

from ..briefing import Briefing
from ..models import Rebuttal, Status

_P = ParamSpec("_P")
_R = TypeVar("_R")


STATUS_BY_VALUE: dict[str, Status] = {s.value: s for s in Status}

# Rebuttals of at most this many statements are read statement by statement; above it,
# reading all rebuttals once and filtering is cheaper.
PER_STATEMENT_LIMIT = 2_000


# -- shared pieces ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counterpart:
    """Another actor and how many rebuttals went between the two (in one direction)."""

    actor_id: int
    name: str
    count: int


STATUS_GET = methodcaller("get", "status", "unverified")
SAID_GET = methodcaller("get", "said_on")
ACTOR_GET = methodcaller("get", "actor_id", -1)
TEXT_GET = methodcaller("get", "text", "")


# The column helpers below read one field of many stored statements with map(), which
# runs in C: at 100,000 statements a Python loop building rows costs twice as much.
# Each falls back to a plain loop when a hand-edited document holds something odd.


def said_column(docs: Sequence[Mapping[str, Any]]) -> list[date | None]:
    """Each document's ``said_on`` as a date; missing or unreadable: None."""
    raw = list(map(SAID_GET, docs))
    days = Days()
    try:
        parsed = {value: days(value) for value in set(raw)}
        return list(map(parsed.__getitem__, raw))
    except TypeError:  # an unhashable said_on
        return [days(v) if isinstance(v, str) else None for v in raw]


def status_column(docs: Sequence[Mapping[str, Any]]) -> list[Status]:
    """Each document's status; an unknown word reads as unverified."""
    unverified = Status.UNVERIFIED
    try:
        return list(map(STATUS_BY_VALUE.get, map(STATUS_GET, docs), repeat(unverified)))
    except TypeError:  # an unhashable status
        return [status_of(doc) for doc in docs]


def name_column(names: dict[int, str], actor_ids: Sequence[Any]) -> list[str]:
    """The name of each actor id (a placeholder for a missing one)."""
    column = list(map(names.get, actor_ids))
    if None in column:  # a dangling actor id in a hand-edited file
        return [actor_name(names, a) for a in actor_ids]
    return column


def owner_of(briefing: Briefing, statement_id: int) -> int:
    """Who made a statement (-1 if it is gone)."""
    doc = briefing.statement_doc(statement_id)
    return doc.get("actor_id", -1) if doc is not None else -1


def status_of(doc: Mapping[str, Any]) -> Status:
    """A stored status word as a Status; anything unknown reads as unverified."""
    value = doc.get("status", "unverified")
    if not isinstance(value, str):
        return Status.UNVERIFIED
    return STATUS_BY_VALUE.get(value, Status.UNVERIFIED)


class Days:
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


class Names(dict[int, str]):
    """Actor names by id; a missing actor gets a placeholder rather than a KeyError."""

    def __missing__(self, actor_id: int) -> str:
        return actor_name({}, actor_id)


def actor_name(names: Mapping[Any, str], actor_id: Any) -> str:
    try:
        return names[actor_id]
    except (KeyError, TypeError):
        return f"(missing actor #{actor_id})"


def actor_names(briefing: Briefing) -> Names:
    """Every actor's name by id, read once per view."""
    return Names((i, briefing.actor_name(i)) for i in briefing.actor_ids())


def quiet_gc(build: Callable[_P, _R]) -> Callable[_P, _R]:
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


def counterparts(counts: Mapping[int, int], names: Names) -> tuple[Counterpart, ...]:
    """Most rebuttals first, then by name."""
    if len(counts) == 1:  # most actors in a large store: no sort needed
        ((aid, n),) = counts.items()
        return (Counterpart(aid, names[aid], n),)
    fold = {a: names[a].casefold() for a in counts}
    return tuple(
        Counterpart(aid, names[aid], n)
        for aid, n in sorted(counts.items(), key=lambda kv: (-kv[1], fold[kv[0]], kv[0]))
    )


def statement_docs(
    briefing: Briefing, ids: Iterable[int]
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    for sid in ids:
        doc = briefing.statement_doc(sid)
        if doc is not None:
            yield sid, doc


def rebuttals_of(briefing: Briefing, statement_ids: Sequence[int]) -> list[Rebuttal]:
    """The rebuttals answering any of ``statement_ids``, by id."""
    if len(statement_ids) > PER_STATEMENT_LIMIT:
        wanted = set(statement_ids)
        return [r for r in briefing.rebuttals() if r.statement_id in wanted]
    found: list[Rebuttal] = []
    for sid in statement_ids:
        if briefing.rebuttal_count(sid):
            found.extend(briefing.rebuttals(statement_id=sid))
    found.sort(key=lambda r: r.id or 0)
    return found
