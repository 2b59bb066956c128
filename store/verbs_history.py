"""The gateway's history and undo (a mixin of ``Briefing``)."""

from __future__ import annotations

import threading
import uuid
from typing import Any

from .core import DocChange, GatewayCore
from .errors import DanglingReferenceError, NothingToUndoError
from .models import HistoryEntry


class HistoryVerbs(GatewayCore):
    """Read the history log and undo the last change."""

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
            changes: list[DocChange] = []
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
