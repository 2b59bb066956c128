"""The gateway's core: its write path (transaction, commit, batch), its events and the
checks every verb shares. ``Briefing`` (store/briefing.py) is built on it, with one mixin
per feature (store/verbs_*.py).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

from .errors import (
    DanglingReferenceError,
    NotFoundError,
    StoreError,
    StoreWriteError,
    ValidationError,
)
from .indexes import Indexes
from .models import Actor, Rebuttal, Statement, iso
from .storage import DurableStorage, Op, Undo

Clock = Callable[[], datetime]
T = TypeVar("T")
# (table, doc_id, before, after): one document's change as the write path takes it.
DocChange = tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]


@dataclass(frozen=True)
class Change:
    """What subscribers hear after every change.

    ``action`` is the verb ("add", "update", "delete", "set_status", "annotate", "undo",
    "import", ...) or "reload" when another process changed the file.
    """

    action: str
    tables: frozenset[str]
    doc_ids: dict[str, tuple[int, ...]] = field(default_factory=dict)
    description: str = ""


_ACTOR_FIELDS = {"name", "kind", "role", "affiliation", "aliases", "tags", "notes"}
_STATEMENT_FIELDS = {"actor_id", "text", "said_on", "source", "url", "status", "tags"}
_REBUTTAL_FIELDS = {"statement_id", "actor_id", "text", "said_on", "source", "url"}
_EDITABLE = {
    "actors": _ACTOR_FIELDS,
    "statements": _STATEMENT_FIELDS,
    "rebuttals": _REBUTTAL_FIELDS,
}


def ids_by_table(pairs: Iterable[tuple[str, int]]) -> dict[str, tuple[int, ...]]:
    """{table: doc ids in order} for a change's event (built in one pass: a change of
    100,000 documents must not copy a growing tuple per document)."""
    lists: dict[str, list[int]] = {}
    for table, doc_id in pairs:
        lists.setdefault(table, []).append(doc_id)
    return {table: tuple(ids) for table, ids in lists.items()}


def label(table: str) -> str:
    return table[:-1]


class Listeners(Generic[T]):
    """Callbacks that asked to hear of something; ``add`` returns the way to stop."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], None]] = []

    def add(self, callback: Callable[[T], None]) -> Callable[[], None]:
        self._callbacks.append(callback)

        def remove() -> None:
            with contextlib.suppress(ValueError):
                self._callbacks.remove(callback)

        return remove

    def __iter__(self) -> Iterator[Callable[[T], None]]:
        return iter(list(self._callbacks))  # a callback may unsubscribe while called


class GatewayCore:
    """The state and write path the verb mixins share (no public reads of its own)."""

    _storage: DurableStorage
    _indexes: Indexes
    _clock: Clock
    _subscribers: Listeners[Change]
    _batch: PendingBatch | None
    _clean: bool

    # -- events ---------------------------------------------------------------------

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change; returns a function that unsubscribes."""
        return self._subscribers.add(callback)

    def _notify(self, change: Change) -> None:
        for callback in self._subscribers:
            callback(change)

    # -- the write path ---------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """Hold the lock and start from the newest file (reloading when another wrote it)."""
        with self._storage.locked():
            if self._batch is None:
                self._storage.refresh()  # others' changes come in through _accept_foreign
                # Whether memory equals the file, so a failed change can say so when reverted.
                self._clean = not self._storage.pending
            yield

    def _commit(
        self,
        changes: list[DocChange],
        action: str,
        *,
        reason: str = "",
        group: str | None = None,
        undoes: list[int] | None = None,
        redoes: list[int] | None = None,
        check: Callable[[], None] | None = None,
    ) -> Change:
        """Write documents and their history entries in one write.

        ``changes`` are (table, doc_id, before, after). ``check`` runs after the change is
        in memory and may raise to cancel it (memory is restored).
        """
        at = iso(self._clock())
        group = group or (self._batch.group if self._batch else None)
        if group is None and len(changes) > 1:
            group = uuid.uuid4().hex[:12]
        ops: list[Op] = []
        entries: list[dict[str, Any]] = []
        for i, (table, doc_id, before, after) in enumerate(changes):
            ops.append((table, str(doc_id), after))
            entry: dict[str, Any] = {
                "at": at,
                "action": action,
                "table": table,
                "doc_id": doc_id,
                "before": before,
                "after": after,
            }
            if group:
                entry["group"] = group
            if reason:
                entry["reason"] = reason
            if self._batch is not None:
                entry["batch"] = self._batch.reason
            if undoes is not None:
                entry["undoes"] = undoes[i]
            if redoes is not None:
                entry["redoes"] = redoes[i]
            entries.append(entry)
        undo = self._storage.apply_memory(ops, entries)
        self._indexes.apply(ops, undo.ops)
        try:
            if check is not None:
                check()
            if self._batch is not None:
                self._batch.undo.extend(undo)
                self._batch.ops.extend(ops)
            else:
                self._storage.persist(undo)
        except StoreWriteError:
            # A failed sync write has already reverted memory (and nothing is pending).
            self._indexes.reset()
            raise
        except BaseException:
            self._storage.revert(undo, saved=self._batch is None and self._clean)
            self._indexes.reset()
            raise
        tables = frozenset(t for t, _, _, _ in changes) | {"history"}
        ids = ids_by_table((table, doc_id) for table, doc_id, _, _ in changes)
        change = Change(action, tables, ids, reason)
        if self._batch is not None:
            self._batch.changes.append(change)
        else:
            self._notify(change)
        return change

    @contextlib.contextmanager
    def batch(self, reason: str) -> Iterator[None]:
        """Group several verbs into one write and one undo step (e.g. an article import).

        If anything inside raises, none of it is kept.
        """
        if self._batch is not None:
            yield
            return
        with self._transaction():
            self._batch = PendingBatch(group=uuid.uuid4().hex[:12], reason=reason)
            batch = self._batch
            try:
                yield
            except BaseException:
                self._batch = None
                self._storage.revert(batch.undo, saved=self._clean)
                self._indexes.reset()
                raise
            self._batch = None
            if batch.ops:
                try:
                    self._storage.persist(batch.undo)
                except StoreError:
                    self._indexes.reset()
                    raise
        if batch.changes:
            tables = frozenset().union(*(c.tables for c in batch.changes))
            ids = ids_by_table(
                (table, doc_id)
                for c in batch.changes
                for table, doc_ids in c.doc_ids.items()
                for doc_id in doc_ids
            )
            self._notify(Change("batch", tables, ids, reason))

    # -- validation helpers -------------------------------------------------------------

    def _doc(self, table: str, doc_id: int) -> dict[str, Any]:
        try:
            key = str(int(doc_id))
        except (TypeError, ValueError):
            raise NotFoundError(f"{doc_id!r} is not a {label(table)} id.") from None
        doc = self._storage.data[table].get(key)
        if doc is None:
            raise NotFoundError(f"There is no {label(table)} #{doc_id} (it may have been deleted).")
        return doc

    def _require_actor(self, actor_id: Any, field_name: str = "actor_id") -> None:
        if not isinstance(actor_id, int) or str(actor_id) not in self._storage.data["actors"]:
            raise DanglingReferenceError(
                f"{field_name}: there is no actor #{actor_id}. Choose an existing actor or add "
                "one first."
            )

    def _require_statement(self, statement_id: Any) -> None:
        if (
            not isinstance(statement_id, int)
            or str(statement_id) not in self._storage.data["statements"]
        ):
            raise DanglingReferenceError(
                f"statement_id: there is no statement #{statement_id}. Choose an existing "
                "statement."
            )

    def _check_fields(self, table: str, fields: dict[str, Any]) -> None:
        unknown = set(fields) - _EDITABLE[table]
        if unknown:
            raise ValidationError(
                f"Unknown {label(table)} field(s): {', '.join(sorted(unknown))}. "
                f"Known fields: {', '.join(sorted(_EDITABLE[table]))}.",
                field=sorted(unknown)[0],
                reason="unknown field",
            )

    def _now(self) -> str:
        return iso(self._clock())

    def actor_name(self, actor_id: int) -> str:
        doc = self._storage.data["actors"].get(str(actor_id))
        return doc["name"] if doc else f"(missing actor #{actor_id})"

    # -- internals ------------------------------------------------------------------

    def _update(
        self,
        table: str,
        model: type[Actor] | type[Statement] | type[Rebuttal],
        doc_id: int,
        fields: dict[str, Any],
        describe: Callable[[dict[str, Any]], str],
        require: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
    ) -> dict[str, Any]:
        """Every edit verb: known fields only, merged over the stored document and
        validated, references checked (``require(before, after)``), written only when
        something changed (``describe(after)`` is the history's reason). Returns the
        document as it is now."""
        self._check_fields(table, fields)
        with self._transaction():
            before = self._doc(table, doc_id)
            after = self._validated_update(model, before, fields)
            if require is not None:
                require(before, after)
            if after != before:
                self._commit([(table, doc_id, before, after)], "update", reason=describe(after))
        return after

    def _validated_update(
        self,
        model: type[Actor] | type[Statement] | type[Rebuttal],
        before: dict[str, Any],
        fields: dict[str, Any],
    ) -> dict[str, Any]:
        merged = {**before, **fields}
        validated = model.validated(**merged)
        after = validated.to_doc()
        # Timestamps: created_at stays, updated_at moves only when something changed.
        after["created_at"] = before.get("created_at", after["created_at"])
        comparable = {k: v for k, v in after.items() if k != "updated_at"}
        if comparable == {k: v for k, v in before.items() if k != "updated_at"}:
            return before
        after["updated_at"] = self._now()
        return after


@dataclass
class PendingBatch:
    """The changes of a ``batch()`` so far: written and announced together at its end."""

    group: str
    reason: str
    ops: list[Op] = field(default_factory=list)
    undo: Undo = field(default_factory=Undo)
    changes: list[Change] = field(default_factory=list)
