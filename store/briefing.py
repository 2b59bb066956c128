"""The Briefing gateway: every read and write of a store goes through here.

It validates through the models, keeps references whole, appends to the history in the
same write as the change, undoes, and tells subscribers what changed.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import methodcaller
from pathlib import Path
from typing import Any

from .errors import (
    DanglingReferenceError,
    NotFoundError,
    NothingToUndoError,
    StoreError,
    StoreWriteError,
    ValidationError,
)
from .models import (
    MODELS,
    Actor,
    Annotation,
    HistoryEntry,
    Rebuttal,
    Statement,
    Status,
    iso,
    utc_now,
)
from .snapshot import resolve_store_path
from .storage import DurableStorage, Foreign, Op, Undo
from .validate import BadDocumentError, check_document, check_tables, document_error

Clock = Callable[[], datetime]


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


def _label(table: str) -> str:
    return table[:-1]


class Briefing:
    """A store of actors, statements and rebuttals on one TinyDB file.

    Open with ``Briefing.open(path)``. Every verb validates first and raises a
    ``StoreError`` subclass with a message a person can act on; nothing is written then.
    """

    def __init__(self, storage: DurableStorage, *, clock: Clock | None = None) -> None:
        self._storage = storage
        self._given_path: Path | None = None
        self._clock: Clock = clock or utc_now
        self._subscribers: list[Callable[[Change], None]] = []
        self._batch: _Batch | None = None
        self._clean = True
        self._reset_indexes()
        self._check_documents()
        storage.on_foreign = self._accept_foreign

    # -- opening --------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        clock: Clock | None = None,
        lock_timeout: float = 10.0,
        write_behind: bool = False,
        create: bool = True,
    ) -> Briefing:
        """Open the store at ``path``, creating an empty one when the file is missing.

        ``write_behind=True`` returns from each verb before the disk write, which a
        background thread does (the app uses this); call ``close()`` to flush.
        """
        given = Path(path).expanduser()
        path = resolve_store_path(given)
        if not path.parent.exists():
            if not create:
                raise StoreError(f"{path.parent} does not exist.", path=str(path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Cannot create the folder {path.parent}: {exc.strerror}. "
                    "Choose another path with --db.",
                    path=str(path),
                ) from None
        storage = DurableStorage(path, lock_timeout=lock_timeout, create=create)
        try:
            storage.load(migrate=False)
        except OSError as exc:
            storage.log.close()
            raise StoreError(
                f"Cannot open {path}: {exc.strerror or exc}. Check the path and permissions.",
                path=str(path),
            ) from None
        except StoreError:
            storage.log.close()
            raise
        try:
            briefing = cls(storage, clock=clock)
            briefing._given_path = given
            # A schema-1 file is upgraded only once its documents passed the checks.
            storage.finish_migration()
        except BaseException:
            storage.log.close()
            raise
        if write_behind:
            storage.start_writer()
        return briefing

    @property
    def path(self) -> Path:
        """The path as given (a symlink stays a symlink); the storage writes the real file
        behind it."""
        return self._given_path or self._storage.path

    @property
    def storage(self) -> DurableStorage:
        return self._storage

    def close(self, timeout: float = 10.0) -> bool:
        """Flush pending writes and fold the log into the snapshot (so stock TinyDB sees
        every change); returns False when some could not be saved."""
        ok = self._storage.stop_writer(timeout)
        self._storage.close()
        return ok

    def flush(self, timeout: float = 10.0) -> bool:
        return self._storage.flush(timeout)

    @property
    def unsaved(self) -> bool:
        """True while a change is in memory but not yet on disk."""
        return self._storage.pending

    @property
    def unsaved_count(self) -> int:
        """How many changes are in memory but not yet durable (0: everything is saved).
        An application shows "saved" only when this is 0 at the time it draws."""
        return self._storage.pending_count

    # -- events ---------------------------------------------------------------------

    def subscribe(self, callback: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``callback(change)`` after every change; returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    def _notify(self, change: Change) -> None:
        for callback in list(self._subscribers):
            callback(change)

    def poll(self) -> bool:
        """Pick up changes another process made (only the log lines it appended); returns
        whether any came."""
        storage = self._storage
        if storage.pending or not storage.changed_on_disk():
            return False
        try:
            return storage.refresh()
        except BadDocumentError:
            raise  # complete, but another program wrote a bad document: say so
        except StoreError:
            return False  # a half-visible or foreign file: keep what we have, try later

    def _accept_foreign(self, foreign: Foreign) -> None:
        """The one place where other processes' changes enter memory: their new log lines,
        or a whole snapshot another program wrote. Each is checked before it is taken in:
        a bad one raises BadDocumentError and memory keeps what it had."""
        self._check_foreign(foreign)
        done = self._storage.accept(foreign)
        if done is None:
            self._reset_indexes()
            self._notify(Change("reload", frozenset(MODELS) | {"history"}))
            return
        ops = [op for op, _ in done]
        self._reindex(ops, [old for _, old in done])
        for table, key, doc in ops:
            if doc is not None and table in self._last_ids:
                self._last_ids[table] = max(self._last_ids[table], int(key))
        actions = {e["action"] for e in foreign.entries}
        # An action the panes know (a lone set_status repaints one row); else a batch.
        action = actions.pop() if len(actions) == 1 else "batch"
        ids: dict[str, tuple[int, ...]] = {}
        for table, key, _ in ops:
            ids[table] = (*ids.get(table, ()), int(key))
        tables = frozenset(ids) | {"history"}
        self._notify(Change(action, tables, ids, "changed by another process"))

    def _check_foreign(self, foreign: Foreign) -> None:
        path = str(self.path)
        if foreign.tables is not None:
            try:
                check_tables(foreign.tables, path)
            except BadDocumentError as exc:
                self._storage.refused = (foreign.stamp, exc)
                raise
            self._storage.refused = None
            return
        for entry in foreign.entries:
            problem = check_document("history", entry.get("seq"), entry)
            after = entry.get("after")
            if problem is None and after is not None:
                problem = check_document(entry["table"], entry["doc_id"], after)
            if problem is not None:
                raise document_error(path, entry.get("table", "history"), entry.get("seq"), problem)

    # -- indexes --------------------------------------------------------------------

    def _reset_indexes(self) -> None:
        self._stmt_by_actor: dict[int, dict[int, None]] | None = None
        self._reb_by_statement: dict[int, dict[int, None]] | None = None
        self._reb_by_actor: dict[int, dict[int, None]] | None = None
        # statement id -> searchable text, kept in ascending id order (see _haystacks)
        self._haystack: dict[int, str] | None = None
        self._haystack_sorted = True
        self._actor_hay: dict[int, str] | None = None
        self._statement_order: list[int] | None = None
        # The last text filter and its matches: typing on narrows within them.
        self._last_filter: tuple[tuple[Any, ...], str, tuple[int, ...]] | None = None
        self._status_counts: dict[str, int] | None = None
        self._last_ids: dict[str, int] = {}

    def _check_documents(self) -> None:
        """Every document against the models' rules (store/validate.py), so a file
        another program wrote fails at open with one clear message, not later."""
        check_tables(self._storage.data, str(self.path))

    def _index(self) -> None:
        if self._stmt_by_actor is not None:
            return
        data = self._storage.data
        by_actor: dict[int, dict[int, None]] = {}
        for key, doc in data["statements"].items():
            by_actor.setdefault(doc["actor_id"], {})[int(key)] = None
        reb_by_statement: dict[int, dict[int, None]] = {}
        reb_by_actor: dict[int, dict[int, None]] = {}
        for key, doc in data["rebuttals"].items():
            rid = int(key)
            reb_by_statement.setdefault(doc["statement_id"], {})[rid] = None
            reb_by_actor.setdefault(doc["actor_id"], {})[rid] = None
        self._stmt_by_actor = by_actor
        self._reb_by_statement = reb_by_statement
        self._reb_by_actor = reb_by_actor

    def _reindex(self, ops: Iterable[Op], undo: Iterable[Op]) -> None:
        """Keep the indexes in step with applied ops (``undo`` holds the old documents)."""
        counts = self._status_counts
        if counts is not None:
            for (table, _, new), (_, _, old) in zip(ops, undo, strict=True):
                if table == "statements":
                    if old is not None:
                        counts[old.get("status", "unverified")] -= 1
                    if new is not None:
                        status = new.get("status", "unverified")
                        counts[status] = counts.get(status, 0) + 1
        if self._stmt_by_actor is None:
            self._haystack = None
            self._actor_hay = None
            self._statement_order = None
            return
        assert self._reb_by_statement is not None and self._reb_by_actor is not None
        for (table, key, new), (_, _, old) in zip(ops, undo, strict=True):
            doc_id = int(key)
            if table == "statements":
                if old is not None:
                    self._stmt_by_actor.get(old["actor_id"], {}).pop(doc_id, None)
                if new is not None:
                    self._stmt_by_actor.setdefault(new["actor_id"], {})[doc_id] = None
                hay = self._haystack
                if hay is not None:
                    if new is None:
                        hay.pop(doc_id, None)
                    else:
                        if doc_id not in hay and hay and doc_id < next(reversed(hay)):
                            self._haystack_sorted = False  # an undone delete comes back
                        hay[doc_id] = _haystack(new)  # an update keeps its place
                if (old is None) != (new is None):
                    self._statement_order = None
            elif table == "rebuttals":
                if old is not None:
                    self._reb_by_statement.get(old["statement_id"], {}).pop(doc_id, None)
                    self._reb_by_actor.get(old["actor_id"], {}).pop(doc_id, None)
                if new is not None:
                    self._reb_by_statement.setdefault(new["statement_id"], {})[doc_id] = None
                    self._reb_by_actor.setdefault(new["actor_id"], {})[doc_id] = None
            elif table == "actors" and self._actor_hay is not None:
                if new is None:
                    self._actor_hay.pop(doc_id, None)
                else:
                    self._actor_hay[doc_id] = _actor_haystack(new)

    def _next_id(self, table: str) -> int:
        last = self._last_ids.get(table)
        if last is None:
            data = self._storage.data
            keys = data[table]
            meta = next(iter(data["meta"].values()))
            stored = (meta.get("last_ids") or {}).get(table, 0)
            last = max(stored, max(map(int, keys), default=0))
        # Ids are never reused: a history entry keeps meaning the same document.
        self._last_ids[table] = last + 1
        return last + 1

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
        changes: list[tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]],
        action: str,
        *,
        reason: str = "",
        group: str | None = None,
        undoes: list[int] | None = None,
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
            entries.append(entry)
        undo = self._storage.apply_memory(ops, entries)
        self._reindex(ops, undo.ops)
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
            self._reset_indexes()
            raise
        except BaseException:
            self._storage.revert(undo, saved=self._batch is None and self._clean)
            self._reset_indexes()
            raise
        tables = frozenset(t for t, _, _, _ in changes) | {"history"}
        ids: dict[str, tuple[int, ...]] = {}
        for table, doc_id, _, _ in changes:
            ids[table] = (*ids.get(table, ()), doc_id)
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
            self._batch = _Batch(group=uuid.uuid4().hex[:12], reason=reason)
            batch = self._batch
            try:
                yield
            except BaseException:
                self._batch = None
                self._storage.revert(batch.undo, saved=self._clean)
                self._reset_indexes()
                raise
            self._batch = None
            if batch.ops:
                try:
                    self._storage.persist(batch.undo)
                except StoreError:
                    self._reset_indexes()
                    raise
        if batch.changes:
            tables = frozenset().union(*(c.tables for c in batch.changes))
            ids: dict[str, tuple[int, ...]] = {}
            for c in batch.changes:
                for table, doc_ids in c.doc_ids.items():
                    ids[table] = (*ids.get(table, ()), *doc_ids)
            self._notify(Change("batch", tables, ids, reason))

    # -- validation helpers -------------------------------------------------------------

    def _doc(self, table: str, doc_id: int) -> dict[str, Any]:
        try:
            key = str(int(doc_id))
        except (TypeError, ValueError):
            raise NotFoundError(f"{doc_id!r} is not a {_label(table)} id.") from None
        doc = self._storage.data[table].get(key)
        if doc is None:
            raise NotFoundError(
                f"There is no {_label(table)} #{doc_id} (it may have been deleted)."
            )
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
                f"Unknown {_label(table)} field(s): {', '.join(sorted(unknown))}. "
                f"Known fields: {', '.join(sorted(_EDITABLE[table]))}.",
                field=sorted(unknown)[0],
                reason="unknown field",
            )

    def _now(self) -> str:
        return iso(self._clock())

    # -- actors -----------------------------------------------------------------------

    def add_actor(self, name: str, **fields: Any) -> Actor:
        """Add an actor; ``name`` is required, ``kind`` defaults to person."""
        self._check_fields("actors", {"name": name, **fields})
        now = self._clock()
        actor = Actor.validated(name=name, created_at=now, updated_at=now, **fields)
        with self._transaction():
            doc_id = self._next_id("actors")
            doc = actor.to_doc()
            self._commit([("actors", doc_id, None, doc)], "add", reason=f"Added actor {actor.name}")
        return Actor.from_doc(doc_id, doc)

    def update_actor(self, actor_id: int, **fields: Any) -> Actor:
        """Change the given fields of an actor; other fields stay as they are."""
        self._check_fields("actors", fields)
        with self._transaction():
            before = self._doc("actors", actor_id)
            after = self._validated_update(Actor, before, fields)
            if after != before:
                self._commit(
                    [("actors", actor_id, before, after)],
                    "update",
                    reason=f"Edited actor {after['name']}",
                )
        return Actor.from_doc(actor_id, after)

    def delete_actor(self, actor_id: int, *, cascade: bool = False) -> int:
        """Delete an actor. With statements or rebuttals of theirs, ``cascade=True`` is
        required and removes those too (and the rebuttals of those statements), in one
        write and one undo step. Returns how many documents were removed."""
        with self._transaction():
            before = self._doc("actors", actor_id)
            self._index()
            assert self._stmt_by_actor is not None and self._reb_by_actor is not None
            assert self._reb_by_statement is not None
            statements = list(self._stmt_by_actor.get(actor_id, {}))
            rebuttals = dict.fromkeys(self._reb_by_actor.get(actor_id, {}))
            for sid in statements:
                rebuttals.update(dict.fromkeys(self._reb_by_statement.get(sid, {})))
            if (statements or rebuttals) and not cascade:
                raise DanglingReferenceError(
                    f"Actor {before['name']} has {len(statements)} statement(s) and "
                    f"{len(rebuttals)} rebuttal(s). Delete with cascade to remove them too, "
                    "or move them to another actor first."
                )
            data = self._storage.data
            changes: list[tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]] = [
                ("rebuttals", rid, data["rebuttals"][str(rid)], None) for rid in rebuttals
            ]
            changes += [
                ("statements", sid, data["statements"][str(sid)], None) for sid in statements
            ]
            changes.append(("actors", actor_id, before, None))
            self._commit(changes, "delete", reason=f"Deleted actor {before['name']}")
        return len(changes)

    def actor(self, actor_id: int) -> Actor:
        return Actor.from_doc(int(actor_id), self._doc("actors", actor_id))

    def actors(self, text: str | None = None) -> list[Actor]:
        """All actors by name; ``text`` keeps those whose name, alias, role or affiliation
        contains it (case-insensitive)."""
        docs = self._storage.data["actors"]
        ids = self.actor_ids(text)
        return [Actor.from_doc(i, docs[str(i)]) for i in ids]

    def actor_ids(self, text: str | None = None) -> list[int]:
        docs = self._storage.data["actors"]
        needle = (text or "").strip().casefold()
        items = []
        for key, doc in docs.items():
            if needle and needle not in _actor_haystack(doc):
                continue
            items.append((doc["name"].casefold(), int(key)))
        items.sort()
        return [i for _, i in items]

    def actor_name(self, actor_id: int) -> str:
        doc = self._storage.data["actors"].get(str(actor_id))
        return doc["name"] if doc else f"(missing actor #{actor_id})"

    def find_actor(self, name: str) -> Actor | None:
        """The actor whose name or alias equals ``name`` (case-insensitive), if any."""
        wanted = " ".join(name.split()).casefold()
        for key, doc in self._storage.data["actors"].items():
            names = [doc["name"], *doc.get("aliases", [])]
            if any(n.casefold() == wanted for n in names):
                return Actor.from_doc(int(key), doc)
        return None

    # -- statements -----------------------------------------------------------------

    def add_statement(self, actor_id: int, text: str, **fields: Any) -> Statement:
        """Record what an actor said. ``said_on`` is an ISO date or empty."""
        self._check_fields("statements", {"actor_id": actor_id, "text": text, **fields})
        now = self._clock()
        statement = Statement.validated(
            actor_id=actor_id, text=text, created_at=now, updated_at=now, **fields
        )
        with self._transaction():
            self._require_actor(statement.actor_id)
            doc_id = self._next_id("statements")
            doc = statement.to_doc()
            self._commit(
                [("statements", doc_id, None, doc)],
                "add",
                reason=f"Added statement by {self.actor_name(statement.actor_id)}",
            )
        return Statement.from_doc(doc_id, doc)

    def update_statement(self, statement_id: int, **fields: Any) -> Statement:
        """Change the given fields of a statement; other fields stay as they are."""
        self._check_fields("statements", fields)
        with self._transaction():
            before = self._doc("statements", statement_id)
            after = self._validated_update(Statement, before, fields)
            if after["actor_id"] != before["actor_id"]:
                self._require_actor(after["actor_id"])
            if after != before:
                self._commit(
                    [("statements", statement_id, before, after)],
                    "update",
                    reason=f"Edited statement #{statement_id}",
                )
        return Statement.from_doc(statement_id, after)

    def delete_statement(self, statement_id: int, *, cascade: bool = False) -> int:
        """Delete a statement; with rebuttals, ``cascade=True`` removes them too."""
        with self._transaction():
            before = self._doc("statements", statement_id)
            self._index()
            assert self._reb_by_statement is not None
            rebuttals = list(self._reb_by_statement.get(statement_id, {}))
            if rebuttals and not cascade:
                raise DanglingReferenceError(
                    f"Statement #{statement_id} has {len(rebuttals)} rebuttal(s). Delete with "
                    "cascade to remove them too."
                )
            data = self._storage.data
            changes: list[tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]] = [
                ("rebuttals", rid, data["rebuttals"][str(rid)], None) for rid in rebuttals
            ]
            changes.append(("statements", statement_id, before, None))
            self._commit(changes, "delete", reason=f"Deleted statement #{statement_id}")
        return len(changes)

    def statement(self, statement_id: int) -> Statement:
        return Statement.from_doc(int(statement_id), self._doc("statements", statement_id))

    def statement_doc(self, statement_id: int) -> dict[str, Any] | None:
        """The raw stored document (read-only by convention; for fast list rendering)."""
        return self._storage.data["statements"].get(str(statement_id))

    def statements(
        self,
        actor_id: int | None = None,
        status: Status | str | None = None,
        text: str | None = None,
    ) -> list[Statement]:
        """Statements in the order they were recorded, optionally narrowed."""
        docs = self._storage.data["statements"]
        return [
            Statement.from_doc(i, docs[str(i)])
            for i in self.statement_ids(actor_id=actor_id, status=status, text=text)
        ]

    def statement_ids(
        self,
        actor_id: int | None = None,
        status: Status | str | None = None,
        text: str | None = None,
    ) -> list[int]:
        """Ids of matching statements, fast enough for filter-as-you-type at 100,000.

        ``text`` matches the statement's text, source and tags, or its actor's name.
        """
        docs = self._storage.data["statements"]
        if actor_id is not None:
            self._index()
            assert self._stmt_by_actor is not None
            ids = sorted(self._stmt_by_actor.get(actor_id, {}))
        else:
            if self._statement_order is None:
                self._statement_order = sorted(map(int, docs))
            ids = self._statement_order
        if status is not None:
            wanted = Status(status).value
            ids = [i for i in ids if docs[str(i)].get("status", "unverified") == wanted]
        needle = (text or "").strip().casefold()
        if needle:
            # A needle that contains the last one can only match a subset of its matches
            # (text or actor name): each keystroke typed on searches fewer statements.
            state = (self.revision, actor_id, status)
            last = self._last_filter
            if last is not None and last[0] == state and last[1] in needle:
                ids = last[2]
            result = self._match(ids, needle)
            self._last_filter = (state, needle, tuple(result))
            return result
        return list(ids)

    def _match(self, ids: Sequence[int], needle: str) -> list[int]:
        """The ids among ``ids`` whose statement or actor contains ``needle``."""
        hay = self._haystacks()
        actor_hay = self._actor_haystacks()
        actors = {aid for aid, text in actor_hay.items() if needle in text}
        everything = ids is self._statement_order
        if not actors:
            if everything:
                # All statements: walk the haystacks in id order, no lookups (100,000 in
                # about 25 ms).
                return [i for i, h in hay.items() if needle in h]
            return [i for i in ids if needle in hay[i]]
        if len(actors) * 20 > len(actor_hay):
            # Many actors match (a short needle): look up the actor of only the statements
            # whose own text does not match, rather than collecting most statements' ids.
            docs = self._storage.data["statements"]
            pairs = hay.items() if everything else ((i, hay[i]) for i in ids)
            return [i for i, h in pairs if needle in h or docs[str(i)]["actor_id"] in actors]
        self._index()
        assert self._stmt_by_actor is not None
        by_actor: set[int] = set()
        for aid in actors:
            by_actor.update(self._stmt_by_actor.get(aid, {}))
        if everything:
            return [i for i, h in hay.items() if needle in h or i in by_actor]
        return [i for i in ids if needle in hay[i] or i in by_actor]

    def _actor_haystacks(self) -> dict[int, str]:
        if self._actor_hay is None:
            self._actor_hay = {
                int(k): _actor_haystack(doc) for k, doc in self._storage.data["actors"].items()
            }
        return self._actor_hay

    def _haystacks(self) -> dict[int, str]:
        if self._haystack is None:
            docs = self._storage.data["statements"]
            self._haystack = {int(k): _haystack(docs[k]) for k in sorted(docs, key=int)}
            self._haystack_sorted = True
        elif not self._haystack_sorted:
            self._haystack = dict(sorted(self._haystack.items()))
            self._haystack_sorted = True
        return self._haystack

    def prepare_search(self) -> None:
        """Build the text-search index now (for example when a filter box opens), so the
        first keystroke does not wait for it (about 0.2 s at 100,000 statements)."""
        self._index()  # without it, the next change would drop the search index again
        self._haystacks()
        self._actor_haystacks()

    def set_status(self, statement_id: int, status: Status | str, *, reason: str = "") -> Statement:
        """Set a statement's verdict (unverified, disputed, confirmed, false, retracted)."""
        try:
            new = Status(status)
        except ValueError:
            raise ValidationError(
                f"Invalid status {status!r}: must be one of " + ", ".join(s.value for s in Status),
                field="status",
                reason="unknown status",
            ) from None
        with self._transaction():
            before = self._doc("statements", statement_id)
            if before.get("status") == new.value:
                return Statement.from_doc(statement_id, before)
            after = {**before, "status": new.value, "updated_at": self._now()}
            self._commit(
                [("statements", statement_id, before, after)],
                "set_status",
                reason=reason or f"Marked statement #{statement_id} {new.value}",
            )
        return Statement.from_doc(statement_id, after)

    def toggle_disputed(self, statement_id: int) -> Statement:
        """Any status becomes disputed; disputed goes back to the status it had before
        it became disputed (unverified when the history does not say)."""
        with self._transaction():
            current = self._doc("statements", statement_id).get("status", "unverified")
            if current == Status.DISPUTED:
                new = self._status_before_dispute(statement_id)
            else:
                new = Status.DISPUTED
            return self.set_status(statement_id, new)

    def _status_before_dispute(self, statement_id: int) -> Status:
        # The newest change that made it disputed says what it was before. Undo entries
        # are skipped: undoing a change away from disputed is not a new dispute.
        for entry in self.history("statements", statement_id):
            if entry.action == "undo":
                continue
            before = (entry.before or {}).get("status")
            after = (entry.after or {}).get("status")
            if after == Status.DISPUTED and before and before != Status.DISPUTED:
                try:
                    return Status(before)
                except ValueError:
                    break
        return Status.UNVERIFIED

    def annotate(self, statement_id: int, text: str) -> Statement:
        """Append an analyst's note to a statement."""
        note = _validated_annotation(text, self._clock())
        with self._transaction():
            before = self._doc("statements", statement_id)
            annotations = [*before.get("annotations", []), note]
            after = {**before, "annotations": annotations, "updated_at": self._now()}
            self._commit(
                [("statements", statement_id, before, after)],
                "annotate",
                reason=f"Annotated statement #{statement_id}",
            )
        return Statement.from_doc(statement_id, after)

    # -- rebuttals ------------------------------------------------------------------

    def add_rebuttal(self, statement_id: int, actor_id: int, text: str, **fields: Any) -> Rebuttal:
        """Record ``actor_id``'s rebuttal of a statement. An unverified statement becomes
        disputed in the same change (one undo step), and the history says why."""
        self._check_fields(
            "rebuttals",
            {"statement_id": statement_id, "actor_id": actor_id, "text": text, **fields},
        )
        now = self._clock()
        rebuttal = Rebuttal.validated(
            statement_id=statement_id,
            actor_id=actor_id,
            text=text,
            created_at=now,
            updated_at=now,
            **fields,
        )
        with self._transaction():
            self._require_statement(rebuttal.statement_id)
            self._require_actor(rebuttal.actor_id)
            doc_id = self._next_id("rebuttals")
            who = self.actor_name(rebuttal.actor_id)
            doc = rebuttal.to_doc()
            changes: list[tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]] = [
                ("rebuttals", doc_id, None, doc)
            ]
            statement = self._doc("statements", rebuttal.statement_id)
            reason = f"Added rebuttal by {who} to statement #{rebuttal.statement_id}"
            if statement.get("status", "unverified") == Status.UNVERIFIED:
                changes.append(
                    (
                        "statements",
                        rebuttal.statement_id,
                        statement,
                        {**statement, "status": Status.DISPUTED.value, "updated_at": self._now()},
                    )
                )
                reason += f"; marked it disputed because {who} rebutted it"
            self._commit(changes, "add", reason=reason)
        return Rebuttal.from_doc(doc_id, doc)

    def update_rebuttal(self, rebuttal_id: int, **fields: Any) -> Rebuttal:
        self._check_fields("rebuttals", fields)
        with self._transaction():
            before = self._doc("rebuttals", rebuttal_id)
            after = self._validated_update(Rebuttal, before, fields)
            self._require_statement(after["statement_id"])
            self._require_actor(after["actor_id"])
            if after != before:
                self._commit(
                    [("rebuttals", rebuttal_id, before, after)],
                    "update",
                    reason=f"Edited rebuttal #{rebuttal_id}",
                )
        return Rebuttal.from_doc(rebuttal_id, after)

    def delete_rebuttal(self, rebuttal_id: int) -> None:
        with self._transaction():
            before = self._doc("rebuttals", rebuttal_id)
            self._commit(
                [("rebuttals", rebuttal_id, before, None)],
                "delete",
                reason=f"Deleted rebuttal #{rebuttal_id}",
            )

    def rebuttal(self, rebuttal_id: int) -> Rebuttal:
        return Rebuttal.from_doc(int(rebuttal_id), self._doc("rebuttals", rebuttal_id))

    def rebuttals(
        self, statement_id: int | None = None, actor_id: int | None = None
    ) -> list[Rebuttal]:
        """Rebuttals in recorded order, optionally of one statement or by one actor."""
        docs = self._storage.data["rebuttals"]
        if statement_id is None and actor_id is None:
            # (by id: an undone delete puts a document back at the end of the table)
            return [Rebuttal.from_doc(int(k), docs[k]) for k in sorted(docs, key=int)]
        self._index()
        assert self._reb_by_statement is not None and self._reb_by_actor is not None
        if statement_id is not None:
            ids = set(self._reb_by_statement.get(statement_id, {}))
            if actor_id is not None:
                ids &= set(self._reb_by_actor.get(actor_id, {}))
        else:
            ids = set(self._reb_by_actor.get(actor_id, {}))  # type: ignore[arg-type]
        return [Rebuttal.from_doc(i, docs[str(i)]) for i in sorted(ids)]

    def rebuttal_count(self, statement_id: int) -> int:
        self._index()
        assert self._reb_by_statement is not None
        return len(self._reb_by_statement.get(statement_id, {}))

    def statement_count(self, actor_id: int) -> int:
        self._index()
        assert self._stmt_by_actor is not None
        return len(self._stmt_by_actor.get(actor_id, {}))

    # -- history and undo -------------------------------------------------------------

    def history(
        self, table: str | None = None, doc_id: int | None = None, limit: int | None = None
    ) -> list[HistoryEntry]:
        """Changes, newest first; optionally of one table or one document.

        Read from the log: its tail for recent changes, the older part from the file on
        demand (an index by document comes with ``prepare_history``)."""
        storage = self._storage
        if table is not None and doc_id is not None:
            entries = storage.entries_of(table, int(doc_id), limit)
        else:
            entries = []
            for entry in storage.entries_back(table):
                entries.append(entry)
                if limit is not None and len(entries) >= limit:
                    break
        return [HistoryEntry.from_doc(e["seq"], e) for e in entries]

    @property
    def revision(self) -> tuple[int, int]:
        """Changes whenever the store's contents may have (a change here, or a reload)."""
        return (id(self._storage.data), self._storage._version)

    def prepare_history(self) -> None:
        """Index the history log by document in a background thread (an application calls
        this once its first screen is up); ``history(table, doc_id)`` works before it too."""
        threading.Thread(
            target=self._storage.build_history_index, name="history-index", daemon=True
        ).start()

    def _undo_target(self) -> list[dict[str, Any]]:
        """Entries of the last change not yet undone (a whole group), newest first."""
        undone: set[int] = set()
        target: list[dict[str, Any]] = []
        group: str | None = None
        for entry in self._storage.entries_back():
            if entry["action"] == "undo":
                if "undoes" in entry:
                    undone.add(entry["undoes"])
                if target:
                    break
                continue
            if entry["seq"] in undone:
                if target:
                    break
                continue
            if not target:
                target.append(entry)
                group = entry.get("group")
                if group is None:
                    break
            elif entry.get("group") == group:
                target.append(entry)
            else:
                break
        return target

    def can_undo(self) -> bool:
        return bool(self._undo_target())

    def undo(self) -> list[HistoryEntry]:
        """Revert the last change (a whole batch counts as one); returns what was undone.

        Works across reopen: the history on disk says what is left to undo.
        """
        with self._transaction():
            target = self._undo_target()
            if not target:
                raise NothingToUndoError("Nothing to undo: the history has no change left to undo.")
            entries = [HistoryEntry.from_doc(e["seq"], e) for e in target]
            changes: list[tuple[str, int, dict[str, Any] | None, dict[str, Any] | None]] = []
            undoes: list[int] = []
            for entry in entries:  # newest first: the reverse of how they were made
                current = self._storage.data[entry.table].get(str(entry.doc_id))
                changes.append((entry.table, entry.doc_id, current, entry.before))
                undoes.append(int(entry.id or 0))
            what = entries[-1].batch or entries[-1].describe()
            group = uuid.uuid4().hex[:12] if len(changes) > 1 else None
            self._commit(
                changes,
                "undo",
                reason=f"Undid: {what}",
                group=group,
                undoes=undoes,
                check=self._check_references,
            )
        return entries

    def _check_references(self) -> None:
        data = self._storage.data
        actors, statements = data["actors"], data["statements"]
        for key, doc in statements.items():
            if str(doc["actor_id"]) not in actors:
                raise DanglingReferenceError(
                    f"Cannot undo: statement #{key} would refer to a missing actor "
                    f"#{doc['actor_id']} (it was changed since). Nothing was changed."
                )
        for key, doc in data["rebuttals"].items():
            if str(doc["statement_id"]) not in statements or str(doc["actor_id"]) not in actors:
                raise DanglingReferenceError(
                    f"Cannot undo: rebuttal #{key} would refer to a missing statement or actor "
                    "(it was changed since). Nothing was changed."
                )

    # -- summaries ------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        data = self._storage.data
        counts = {t: len(data[t]) for t in ("actors", "statements", "rebuttals")}
        counts["history"] = self._storage.history_count
        return counts

    def status_counts(self) -> dict[Status, int]:
        """How many statements have each status (kept up to date, so cheap to ask often)."""
        if self._status_counts is None:
            # (Counter over map runs in C: ~20 ms at 100,000 statements, a loop ~70 ms)
            status = methodcaller("get", "status", "unverified")
            docs = self._storage.data["statements"].values()
            self._status_counts = dict(Counter(map(status, docs)))
        return {s: self._status_counts.get(s.value, 0) for s in Status}

    # -- internals ------------------------------------------------------------------

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
class _Batch:
    group: str
    reason: str
    ops: list[Op] = field(default_factory=list)
    undo: Undo = field(default_factory=Undo)
    changes: list[Change] = field(default_factory=list)


def _haystack(doc: dict[str, Any]) -> str:
    parts = [doc.get("text", ""), doc.get("source", ""), *doc.get("tags", ())]
    return " ".join(parts).casefold()


def _actor_haystack(doc: dict[str, Any]) -> str:
    parts = [doc.get("name", ""), doc.get("role", ""), doc.get("affiliation", "")]
    parts += doc.get("aliases", [])
    return " ".join(parts).casefold()


def _validated_annotation(text: str, at: datetime) -> dict[str, Any]:
    import pydantic

    from .models import to_store_error

    try:
        note = Annotation.model_validate({"text": text, "at": at})
    except pydantic.ValidationError as exc:
        raise to_store_error("annotation", exc) from None
    return note.model_dump(mode="json")
