"""What the gateway derives from the tables to answer quickly: who said what, the text
search haystacks and the last filter, status counts, statement orders (recorded, by
date, actor or status), the last ids.

Everything here is a cache: ``reset()`` drops it all and each part is rebuilt from the
tables on its next use; ``apply()`` keeps the built parts in step with a change.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import methodcaller
from typing import Any

from .history import Op
from .snapshot import Tables

# An ordered set of ids (a dict keeps insertion order and removes in O(1)).
IdSet = dict[int, None]


# The orders a statement list can be read in ("recorded": by id, the order of entry).
SORTS = ("recorded", "date", "actor", "status")
STATUS_ORDER = ("unverified", "disputed", "confirmed", "false", "retracted")
# Undated statements sort after every date.
UNDATED = "9999-99-99"


# What each sorted order is sorted by.
_SORT_FIELDS = {
    "date": ("said_on",),
    "actor": ("actor_id", "said_on"),
    "status": ("status",),
}


def _date_key(said_on: str | None) -> str:
    return said_on or UNDATED


def _status_rank(status: str | None) -> int:
    status = status or "unverified"
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def build_order(
    data: Mapping[str, Mapping[str, dict[str, Any]]],
    sort: str,
    recorded: list[int],
    by_date: list[int] | None = None,
) -> list[int]:
    """Every statement id of ``data`` in the order ``sort`` (``recorded``: the ids in
    ascending order; ``by_date``: the date order, for "actor", built when not given).

    Buckets, not a sort of 100,000 keys: one pass over the statements (in recorded
    order) into a bucket per status, date or actor, then only the buckets' keys are
    sorted (the order of ``Indexes.sort_key``; ~30 ms at 100,000 where sorted() takes
    ~90). Reads only ``data``: a thread may run it on a snapshot.
    """
    docs = data["statements"]
    if sort == "actor":
        # By actor, then date: the date order bucketed by actor.
        ids = by_date if by_date is not None else build_order(data, "date", recorded)
        field = "actor_id"
    elif sort in ("date", "status"):
        ids = recorded
        field = "status" if sort == "status" else "said_on"
    else:
        raise ValueError(f"Unknown sort {sort!r}: one of {', '.join(SORTS)}")
    buckets: dict[Any, list[int]] = {}
    values = map(methodcaller("get", field), map(docs.__getitem__, map(str, ids)))
    for i, value in zip(ids, values, strict=True):
        bucket = buckets.get(value)
        if bucket is None:
            buckets[value] = [i]
        else:
            bucket.append(i)
    if sort == "date":
        keys = sorted(buckets, key=_date_key)
    elif sort == "status":
        keys = sorted(buckets, key=_status_rank)
    else:
        names = actor_names(data)
        keys = sorted(buckets, key=lambda a: (names.get(a, ""), a))
    order: list[int] = []
    for key in keys:
        order += buckets[key]
    return order


def build_orders(data: Mapping[str, Mapping[str, dict[str, Any]]]) -> dict[str, list[int]]:
    """Every sorted order of ``data`` (not "recorded"): what ``prepare_sorts`` builds."""
    recorded = sorted(map(int, data["statements"]))
    by_date = build_order(data, "date", recorded)
    return {
        "date": by_date,
        "actor": build_order(data, "actor", recorded, by_date),
        "status": build_order(data, "status", recorded),
    }


def actor_names(data: Mapping[str, Mapping[str, dict[str, Any]]]) -> dict[int, str]:
    """Actor id -> name, casefolded (what the actor order sorts by)."""
    return {int(k): d.get("name", "").casefold() for k, d in data["actors"].items()}


def statement_haystack(doc: dict[str, Any], rebuttal_texts: Iterable[str] = ()) -> str:
    """What a text filter searches in a statement: its text, source, tags, annotations
    and the texts of its rebuttals."""
    parts = [doc.get("text", ""), doc.get("source", ""), *doc.get("tags", ())]
    parts += [note.get("text", "") for note in doc.get("annotations", ())]
    parts += rebuttal_texts
    # (a newline between parts: a needle typed in the box never spans two of them)
    return "\n".join(parts).casefold()


def actor_haystack(doc: dict[str, Any]) -> str:
    """What a text filter searches in an actor: name, role, affiliation and aliases."""
    parts = [doc.get("name", ""), doc.get("role", ""), doc.get("affiliation", "")]
    parts += doc.get("aliases", [])
    return " ".join(parts).casefold()


@dataclass
class References:
    """Who said what: statements by actor, rebuttals by statement and by actor."""

    statements_by_actor: dict[int, IdSet] = field(default_factory=dict)
    rebuttals_by_statement: dict[int, IdSet] = field(default_factory=dict)
    rebuttals_by_actor: dict[int, IdSet] = field(default_factory=dict)

    @classmethod
    def build(cls, data: Tables) -> References:
        refs = cls()
        for key, doc in data["statements"].items():
            refs.statements_by_actor.setdefault(doc["actor_id"], {})[int(key)] = None
        for key, doc in data["rebuttals"].items():
            rid = int(key)
            refs.rebuttals_by_statement.setdefault(doc["statement_id"], {})[rid] = None
            refs.rebuttals_by_actor.setdefault(doc["actor_id"], {})[rid] = None
        return refs

    def apply(self, table: str, doc_id: int, new: dict[str, Any] | None, old: Any) -> None:
        if old is not None and new is not None and _same_refs(table, old, new):
            # (A status or a note: the maps stay as they are, untouched, so a reader on
            # another thread never sees one change size under it.)
            return
        if table == "statements":
            if old is not None:
                self.statements_by_actor.get(old["actor_id"], {}).pop(doc_id, None)
            if new is not None:
                self.statements_by_actor.setdefault(new["actor_id"], {})[doc_id] = None
        elif table == "rebuttals":
            if old is not None:
                self.rebuttals_by_statement.get(old["statement_id"], {}).pop(doc_id, None)
                self.rebuttals_by_actor.get(old["actor_id"], {}).pop(doc_id, None)
            if new is not None:
                self.rebuttals_by_statement.setdefault(new["statement_id"], {})[doc_id] = None
                self.rebuttals_by_actor.setdefault(new["actor_id"], {})[doc_id] = None


def _same_refs(table: str, old: dict[str, Any], new: dict[str, Any]) -> bool:
    if table == "statements":
        return bool(old["actor_id"] == new["actor_id"])
    if table == "rebuttals":
        return bool(
            old["statement_id"] == new["statement_id"] and old["actor_id"] == new["actor_id"]
        )
    return True


class Indexes:
    """The gateway's caches over one store's tables (``data()`` returns them).

    Each part is built on first use and kept up to date by ``apply``; nothing outside
    this class sees a part that is not built yet.
    """

    def __init__(self, data: Callable[[], Tables]) -> None:
        self._data = data
        self.reset()

    def reset(self) -> None:
        """Forget everything (after a reload, or a change that was reverted)."""
        self._refs: References | None = None
        # statement id -> searchable text, kept in ascending id order (see haystacks)
        self._haystack: dict[int, str] | None = None
        self._haystack_sorted = True
        self._actor_hay: dict[int, str] | None = None
        self._statement_order: list[int] | None = None
        # sort name -> every statement id in that order (dropped when a change touches it)
        self._orders: dict[str, list[int]] = {}
        self._ranks: dict[str, tuple[list[int], dict[int, int]]] = {}
        self._status_counts: dict[str, int] | None = None
        # The last text filter and its matches: typing on narrows within them.
        self.last_filter: tuple[tuple[Any, ...], str, tuple[int, ...]] = ((), "", ())
        self.last_ids: dict[str, int] = {}

    # -- reads ----------------------------------------------------------------------

    @property
    def refs(self) -> References:
        if self._refs is None:
            self._refs = References.build(self._data())
        return self._refs

    def statements_by(self, actor_id: int) -> IdSet:
        return self.refs.statements_by_actor.get(actor_id, {})

    def rebuttals_of(self, statement_id: int) -> IdSet:
        return self.refs.rebuttals_by_statement.get(statement_id, {})

    def rebuttals_by(self, actor_id: int) -> IdSet:
        return self.refs.rebuttals_by_actor.get(actor_id, {})

    def statement_order(self) -> list[int]:
        """Every statement id, ascending (shared: do not change the list)."""
        if self._statement_order is None:
            self._statement_order = sorted(map(int, self._data()["statements"]))
        return self._statement_order

    def ordered(self, sort: str) -> list[int]:
        """Every statement id in the order ``sort`` (one of ``SORTS``; shared: do not
        change the list). Kept until a change touches what it is sorted by."""
        if sort == "recorded":
            return self.statement_order()
        order = self._orders.get(sort)
        if order is None:
            order = self._orders[sort] = self._build_order(sort)
        return order

    def rank(self, sort: str) -> dict[int, int]:
        """Statement id -> its place in ``ordered(sort)`` (for sorting a few ids)."""
        order = self.ordered(sort)
        cached = self._ranks.get(sort)
        if cached is None or cached[0] is not order:
            cached = self._ranks[sort] = (order, {i: n for n, i in enumerate(order)})
        return cached[1]

    def _build_order(self, sort: str) -> list[int]:
        by_date = self.ordered("date") if sort == "actor" else None
        return build_order(self._data(), sort, self.statement_order(), by_date)

    def adopt_orders(self, orders: dict[str, list[int]]) -> None:
        """Take orders built elsewhere (a thread, from a snapshot of these very tables:
        the caller checks the revision) where none is built yet."""
        for sort, order in orders.items():
            self._orders.setdefault(sort, order)

    def with_status(self, status: str) -> list[int]:
        """Every statement id with ``status``, in recorded order: a slice of the status
        order (whose buckets are in recorded order), found by bisection."""
        order = self.ordered("status")
        key = self.sort_key("status")
        rank = _status_rank(status)
        start = bisect.bisect_left(order, (rank, 0), key=key)
        end = bisect.bisect_left(order, (rank + 1, 0), lo=start, key=key)
        return order[start:end]

    def sort_key(self, sort: str) -> Callable[[int], tuple[Any, ...]]:
        """The key ``ordered(sort)`` is sorted by, for one statement id."""
        docs = self._data()["statements"]
        if sort == "date":
            return lambda i: (_date_key(docs[str(i)].get("said_on")), i)
        if sort == "status":
            return lambda i: (_status_rank(docs[str(i)].get("status")), i)
        names = actor_names(self._data())

        def actor_key(i: int) -> tuple[Any, ...]:
            doc = docs[str(i)]
            actor = doc["actor_id"]
            return (names.get(actor, ""), actor, _date_key(doc.get("said_on")), i)

        return actor_key

    def _rebuttal_texts(self, statement_id: int) -> list[str]:
        rebuttals = self._data()["rebuttals"]
        return [
            rebuttals[str(r)].get("text", "")
            for r in self.rebuttals_of(statement_id)
            if str(r) in rebuttals
        ]

    def haystacks(self) -> dict[int, str]:
        """Statement id -> searchable text, in ascending id order."""
        if self._haystack is None:
            data = self._data()
            docs = data["statements"]
            answers: dict[int, list[str]] = {}
            for doc in data["rebuttals"].values():
                answers.setdefault(doc["statement_id"], []).append(doc.get("text", ""))
            self._haystack = {
                int(k): statement_haystack(docs[k], answers.get(int(k), ()))
                for k in sorted(docs, key=int)
            }
            self._haystack_sorted = True
        elif not self._haystack_sorted:
            self._haystack = dict(sorted(self._haystack.items()))
            self._haystack_sorted = True
        return self._haystack

    def actor_haystacks(self) -> dict[int, str]:
        if self._actor_hay is None:
            docs = self._data()["actors"]
            self._actor_hay = {int(k): actor_haystack(doc) for k, doc in docs.items()}
        return self._actor_hay

    def status_counts(self) -> dict[str, int]:
        """Status value -> how many statements have it (values with none may be absent)."""
        if self._status_counts is None:
            # (Counter over map runs in C: ~20 ms at 100,000 statements, a loop ~70 ms)
            status = methodcaller("get", "status", "unverified")
            docs = self._data()["statements"].values()
            self._status_counts = dict(Counter(map(status, docs)))
        return self._status_counts

    def prepare_search(self) -> None:
        """Build the search parts now (the references too: without them the next change
        would drop the haystacks again)."""
        _ = self.refs
        self.haystacks()
        self.actor_haystacks()

    # -- keeping up -----------------------------------------------------------------

    def apply(self, ops: Iterable[Op], undo: Iterable[Op]) -> None:
        """Keep the built parts in step with applied ops (``undo`` holds the old docs)."""
        pairs = list(zip(ops, undo, strict=True))
        counts = self._status_counts
        if counts is not None:
            for (table, _, new), (_, _, old) in pairs:
                if table == "statements":
                    if old is not None:
                        counts[old.get("status", "unverified")] -= 1
                    if new is not None:
                        status = new.get("status", "unverified")
                        counts[status] = counts.get(status, 0) + 1
        self._keep_orders(pairs)
        if self._refs is None:
            self._haystack = None
            self._actor_hay = None
            self._statement_order = None
            return
        for (table, key, new), (_, _, old) in pairs:
            doc_id = int(key)
            self._refs.apply(table, doc_id, new, old)
            if table == "statements":
                self._apply_haystack(doc_id, new)
                if (old is None) != (new is None):
                    self._statement_order = None
            elif table == "rebuttals":
                # A statement's haystack holds its rebuttals' texts.
                for doc in (old, new):
                    if doc is not None:
                        self._refresh_haystack(doc["statement_id"])
            elif table == "actors" and self._actor_hay is not None:
                if new is None:
                    self._actor_hay.pop(doc_id, None)
                else:
                    self._actor_hay[doc_id] = actor_haystack(new)

    def _keep_orders(self, pairs: list[tuple[Op, Op]]) -> None:
        """Move the statements a change touched to their new places in the sorted orders
        (a set_status under the status sort costs ~1 ms, not a new order)."""
        orders = self._orders
        if not orders:
            return
        self._ranks.clear()
        moved: dict[str, set[int]] = {sort: set() for sort in orders}
        for (table, key, new), (_, _, old) in pairs:
            if table == "actors" and (old or {}).get("name") != (new or {}).get("name"):
                orders.pop("actor", None)  # a renamed actor moves all their statements
            if table != "statements":
                continue
            for sort, fields in _SORT_FIELDS.items():
                if sort in moved and (
                    old is None or new is None or any(old.get(f) != new.get(f) for f in fields)
                ):
                    moved[sort].add(int(key))
        docs = self._data()["statements"]
        for sort, ids in moved.items():
            order = orders.get(sort)
            if order is None or not ids:
                continue
            if len(ids) > 2000:
                del orders[sort]  # (built again when next read)
                continue
            # Out first, then each back in by its new key: the rest stay in order.
            order[:] = [i for i in order if i not in ids]
            key = self.sort_key(sort)
            for i in sorted(ids):
                if str(i) in docs:
                    bisect.insort(order, i, key=key)

    def _refresh_haystack(self, statement_id: int) -> None:
        hay = self._haystack
        if hay is None or statement_id not in hay:
            return  # (a statement removed or added in the same change sets its own)
        doc = self._data()["statements"].get(str(statement_id))
        if doc is not None:
            hay[statement_id] = statement_haystack(doc, self._rebuttal_texts(statement_id))

    def _apply_haystack(self, doc_id: int, new: dict[str, Any] | None) -> None:
        hay = self._haystack
        if hay is None:
            return
        if new is None:
            hay.pop(doc_id, None)
            return
        if doc_id not in hay and hay and doc_id < next(reversed(hay)):
            self._haystack_sorted = False  # an undone delete comes back
        # (an update keeps its place)
        hay[doc_id] = statement_haystack(new, self._rebuttal_texts(doc_id))

    def next_id(self, table: str) -> int:
        """A new id for ``table``: never one used before, so a history entry keeps
        meaning the same document."""
        last = self.last_ids.get(table)
        if last is None:
            data = self._data()
            meta = next(iter(data["meta"].values()))
            stored = (meta.get("last_ids") or {}).get(table, 0)
            last = max(stored, max(map(int, data[table]), default=0))
        self.last_ids[table] = last + 1
        return last + 1

    def saw_id(self, table: str, doc_id: int) -> None:
        """Another process used ``doc_id``: ours come after it."""
        if table in self.last_ids:
            self.last_ids[table] = max(self.last_ids[table], doc_id)
