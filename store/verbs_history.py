"""The gateway's history and undo (a mixin of ``Briefing``)."""

from __future__ import annotations

import itertools
import threading
import uuid
from typing import Any

from .core import DocChange, GatewayCore
from .errors import DanglingReferenceError, NothingToRedoError, NothingToUndoError
from .models import HistoryEntry


class HistoryVerbs(GatewayCore):
    """Read the history log, undo the last change and redo what was undone."""

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
        """True when ``undo()`` has a change to revert."""
        return bool(self._undo_target())

    def undo_size(self) -> int:
        """How many documents ``undo()`` would change (0: nothing to undo), so that an
        application can run a big one (a change of many marked statements) in a thread."""
        return len(self._undo_target())

    def _redo_target(self) -> list[dict[str, Any]]:
        """Entries of the newest undo not yet redone (a whole group), newest first.

        Only the tail of the log counts: walking back over undos and redos, the first undo
        that no later redo re-applied is the target; any other change met first (a new
        change made after the undo) means there is nothing to redo, as in an editor.
        """
        redone: set[int] = set()
        target: list[dict[str, Any]] = []
        group: str | None = None
        for entry in self._storage.entries_back():
            action = entry["action"]
            if target:
                if group is not None and action == "undo" and entry.get("group") == group:
                    target.append(entry)
                    continue
                break
            if action == "redo":
                if entry.get("redoes") is not None:
                    redone.add(entry["redoes"])
                continue
            if action != "undo":
                break  # a new change after the undos: the redo chain is gone
            if entry["seq"] in redone:
                continue
            target.append(entry)
            group = entry.get("group")
            if group is None:
                break
        return target

    def can_redo(self) -> bool:
        """True when ``redo()`` has an undone change to re-apply."""
        return bool(self._redo_target())

    def redo_size(self) -> int:
        """How many documents ``redo()`` would change (0: nothing to redo)."""
        return len(self._redo_target())

    def redo(self) -> list[HistoryEntry]:
        """Re-apply the change the newest undo reverted; returns the new history entries.

        Written as a new change (action "redo", each entry's ``redoes`` naming the undo
        entry it reverses): the log only grows. Several undos are redone newest first, one
        step each. Only while the newest changes are undos and redos: a new change made
        after an undo clears the redo chain. Works across reopen, from the history on disk.
        """
        with self._transaction():
            target = self._redo_target()
            if not target:
                raise NothingToRedoError(
                    "Nothing to redo: no change was undone since the last new change "
                    "(redo re-applies what undo reverted, until you make a new change)."
                )
            # (The raw entries, checked when they were read: a model for each would cost
            # seconds for a change of 100,000 marked statements.)
            changes: list[DocChange] = []
            redoes: list[int] = []
            pending: dict[tuple[str, int], Any] = {}
            data = self._storage.data
            # Newest undo entry first: it reverted the oldest entry of the change.
            for entry in target:
                table, doc_id, before = entry["table"], entry["doc_id"], entry.get("before")
                key = (table, doc_id)
                current = pending[key] if key in pending else data[table].get(str(doc_id))
                changes.append((table, doc_id, current, before))
                pending[key] = before
                redoes.append(int(entry["seq"]))
            oldest = HistoryEntry.from_doc(target[-1]["seq"], target[-1])
            what = _plain(oldest.reason.removeprefix("Undid: ")) or oldest.describe()
            group = uuid.uuid4().hex[:12] if len(changes) > 1 else None
            self._commit(
                changes,
                "redo",
                reason=f"Redid: {what}",
                group=group,
                redoes=redoes,
                check=self._check_references,
            )
            # The entries just written: the tail of the log, newest first.
            made = itertools.islice(self._storage.entries_back(), len(changes))
            return [HistoryEntry.from_doc(e["seq"], e) for e in made]

    def undo(self) -> list[HistoryEntry]:
        """Revert the last change (a whole batch counts as one); returns what was undone.

        Works across reopen: the history on disk says what is left to undo.
        """
        with self._transaction():
            target = self._undo_target()
            if not target:
                raise NothingToUndoError("Nothing to undo: the history has no change left to undo.")
            entries = [HistoryEntry.from_doc(e["seq"], e) for e in target]
            changes: list[DocChange] = []
            undoes: list[int] = []
            for entry in entries:  # newest first: the reverse of how they were made
                current = self._storage.data[entry.table].get(str(entry.doc_id))
                changes.append((entry.table, entry.doc_id, current, entry.before))
                undoes.append(int(entry.id or 0))
            what = entries[-1].batch or _plain(entries[-1].describe())
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
                    f"Cannot undo or redo: statement #{key} would refer to a missing actor "
                    f"#{doc['actor_id']} (it was changed since). Nothing was changed."
                )
        for key, doc in data["rebuttals"].items():
            if str(doc["statement_id"]) not in statements or str(doc["actor_id"]) not in actors:
                raise DanglingReferenceError(
                    f"Cannot undo or redo: rebuttal #{key} would refer to a missing statement "
                    "or actor (it was changed since). Nothing was changed."
                )


def _plain(what: str) -> str:
    """A change's words without the "Redid: " a redo put before them."""
    return what.removeprefix("Redid: ")
