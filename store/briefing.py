"""The Briefing gateway: every read and write of a store goes through here.

It validates through the models, keeps references whole, appends to the history in the
same write as the change, undoes, and tells subscribers what changed. The verbs live in
one mixin per feature (store/verbs_*.py) over the shared write path (store/core.py); the
caches behind the fast reads in store/indexes.py.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .core import Change, Clock, GatewayCore, Listeners, PendingBatch, ids_by_table
from .errors import StoreError
from .indexes import Indexes
from .models import MODELS, Status, utc_now
from .snapshot import resolve_store_path
from .storage import DurableStorage, Foreign
from .validate import (
    BadDocumentError,
    check_document,
    check_tables,
    document_error,
)
from .verbs_actors import ActorVerbs
from .verbs_history import HistoryVerbs
from .verbs_rebuttals import RebuttalVerbs
from .verbs_statements import StatementVerbs

__all__ = ["Briefing", "Change", "Clock", "StoreSnapshot"]


@dataclass(frozen=True)
class StoreSnapshot:
    """The tables at one revision: table name -> {doc id (str) -> document}, read-only."""

    revision: tuple[int, int]
    tables: Mapping[str, Mapping[str, dict[str, Any]]]

    def doc(self, table: str, doc_id: int) -> dict[str, Any] | None:
        return self.tables[table].get(str(doc_id))


class Briefing(ActorVerbs, StatementVerbs, RebuttalVerbs, HistoryVerbs, GatewayCore):
    """A store of actors, statements and rebuttals on one TinyDB file.

    Open with ``Briefing.open(path)``. Every verb validates first and raises a
    ``StoreError`` subclass with a message a person can act on; nothing is written then.
    """

    def __init__(self, storage: DurableStorage, *, clock: Clock | None = None) -> None:
        self._storage = storage
        self._given_path: Path | None = None
        self._clock: Clock = clock or utc_now
        self._subscribers: Listeners[Change] = Listeners()
        self._batch: PendingBatch | None = None
        self._clean = True
        self._indexes = Indexes(lambda: self._storage.data)
        self._save_listeners: Listeners[str] = Listeners()
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

    @property
    def last_error(self) -> str | None:
        """Why the last background write failed (None once a write succeeds again)."""
        return self._storage.last_error

    @property
    def readonly(self) -> bool:
        """True when the store was opened read-only (its files could not be written)."""
        return self._storage.readonly

    def on_save_status(self, callback: Callable[[str], None]) -> Callable[[], None]:
        """Call ``callback(status)`` when the save state changes: "saving", "saved" (only
        when nothing is pending) or "failed: reason". It runs on the writer thread, so an
        application hands it to its own thread. Returns a function that unsubscribes."""
        self._storage.on_status = self._emit_save_status
        return self._save_listeners.add(callback)

    def _emit_save_status(self, status: str) -> None:
        for callback in self._save_listeners:
            with contextlib.suppress(Exception):  # one bad listener must not stop saving
                callback(status)

    def compact(self) -> bool:
        """Rewrite the snapshot now with the whole log folded in (tests and benchmarks;
        ``close`` does it when there is something new); returns whether it was done."""
        return self._storage.compact(force=True)

    @property
    def revision(self) -> tuple[int, int]:
        """Changes whenever the store's contents may have (a change here, or a reload)."""
        return (id(self._storage.data), self._storage.version)

    # -- raw documents for rendering (read-only by contract) ----------------------------

    def actor_doc(self, actor_id: int) -> dict[str, Any] | None:
        """An actor's stored document, or None (read-only by contract; for fast rendering)."""
        return self._storage.data["actors"].get(str(actor_id))

    def rebuttal_doc(self, rebuttal_id: int) -> dict[str, Any] | None:
        """A rebuttal's stored document, or None (read-only by contract)."""
        return self._storage.data["rebuttals"].get(str(rebuttal_id))

    def rebuttal_ids(self, statement_id: int) -> list[int]:
        """Ids of a statement's rebuttals, in recorded order."""
        return sorted(self._indexes.rebuttals_of(statement_id))

    def snapshot(self) -> StoreSnapshot:
        """The tables as they are now, for a worker thread: later changes do not show in
        it (stored documents are replaced on change, never edited, so a shallow copy of
        each table is enough)."""
        with self._storage.locked_memory():
            data = self._storage.data
            tables = {t: MappingProxyType(dict(data[t])) for t in MODELS}
            return StoreSnapshot(self.revision, MappingProxyType(tables))

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

    def foreign_backlog(self) -> int:
        """How many bytes of log lines other processes appended that ``poll()`` has not
        read yet (0: none, or our own changes are still being written). An application
        reads a big backlog (another window marked 100,000 statements) in a thread."""
        storage = self._storage
        if storage.pending or storage.log.fd is None:
            return 0
        try:
            return max(0, storage.log.size() - storage.offset)
        except OSError:
            return 0

    def _accept_foreign(self, foreign: Foreign) -> None:
        """The one place where other processes' changes enter memory: their new log lines,
        or a whole snapshot another program wrote. Each is checked before it is taken in:
        a bad one raises BadDocumentError and memory keeps what it had."""
        self._check_foreign(foreign)
        done = self._storage.accept(foreign)
        if done is None:
            self._indexes.reset()
            self._notify(Change("reload", frozenset(MODELS) | {"history"}))
            return
        ops = [op for op, _ in done]
        self._indexes.apply(ops, [old for _, old in done])
        for table, key, doc in ops:
            if doc is not None:
                self._indexes.saw_id(table, int(key))
        actions = {e["action"] for e in foreign.entries}
        # An action the panes know (a lone set_status repaints one row); else a batch.
        action = actions.pop() if len(actions) == 1 else "batch"
        ids = ids_by_table((table, int(key)) for table, key, _ in ops)
        tables = frozenset(ids) | {"history"}
        self._notify(Change(action, tables, ids, "changed by another process"))

    def _check_foreign(self, foreign: Foreign) -> None:
        # New log lines were each checked as the log read them (HistoryLog.read_from);
        # a whole snapshot another program wrote is checked here, before it is taken in.
        if foreign.tables is None:
            return
        try:
            check_tables(foreign.tables, str(self.path))
        except BadDocumentError as exc:
            self._storage.refused = (foreign.stamp, exc)
            raise
        self._storage.refused = None

    def _check_documents(self) -> None:
        """Every document against the models' rules (store/validate.py), so a file
        another program wrote fails at open with one clear message, not later. A snapshot
        we wrote and nobody changed since (its seal matches) holds only documents that were
        checked on their way in, and each log line replayed was checked as it was read."""
        data = self._storage.data
        if self._storage.sealed:  # (the seal covers the body, not meta: check that)
            for key, doc in data["meta"].items():
                problem = check_document("meta", key, doc, data)
                if problem is not None:
                    raise document_error(str(self.path), "meta", key, problem)
            return
        check_tables(data, str(self.path))

    # -- summaries ------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        data = self._storage.data
        counts = {t: len(data[t]) for t in ("actors", "statements", "rebuttals")}
        counts["history"] = self._storage.history_count
        return counts

    def status_counts(self) -> dict[Status, int]:
        """How many statements have each status (kept up to date, so cheap to ask often)."""
        counts = self._indexes.status_counts()
        return {s: counts.get(s.value, 0) for s in Status}
