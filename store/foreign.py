"""The storage's reading of what other processes wrote: the log lines they appended, or a
whole snapshot another program put in place, found (``read_foreign``) and then, once the
gateway has checked it, taken into memory (``accept``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import snapshot as snap
from .history import Foreign, Op, apply_entries
from .log import Entry, HistoryLog
from .snapshot import SCHEMA_VERSION, Tables, meta_of, parse_store
from .writer import _stamp


class ForeignReads:
    """Other processes' changes, for ``DurableStorage`` (a mixin over its state)."""

    path: Path
    log: HistoryLog
    seq: int
    durable_seq: int
    offset: int
    snapshot_seq: int
    snapshot_offset: int
    refused: tuple[tuple[int, int, int] | None, Exception] | None
    on_foreign: Callable[[Foreign], Any] | None
    _data: Tables | None
    _mem: threading.RLock
    _version: int
    _snap_stamp: tuple[int, int, int] | None
    _snap_id: str | None

    if TYPE_CHECKING:

        @property
        def data(self) -> Tables: ...

        @property
        def pending(self) -> bool: ...

        def load(self, *, migrate: bool = True) -> Tables: ...

        def compact(self, *, force: bool = False) -> bool: ...

        def _replay(self, data: Tables, path: str) -> tuple[Tables, list[Entry], int]: ...

        def _remember(self, entry: Entry) -> None: ...

    # -- reading what others wrote -----------------------------------------------------

    def changed_on_disk(self) -> bool:
        """Whether another process appended to the log or replaced the snapshot."""
        if self._data is None or self.log.fd is None:
            return False
        return self.log.size() != self.offset or _stamp(self.path) != self._snap_stamp

    def refresh(self) -> bool:
        """Pick up other processes' changes: only the log lines they appended, or (when
        another program rewrote the snapshot) the whole file. Returns whether any came."""
        if self._data is None:
            self.load()
            return True
        if self.pending:
            return False  # (we hold the lock until they are durable: nothing can be new)
        foreign = self.read_foreign()
        if foreign is None:
            return False
        if self.on_foreign is not None:
            self.on_foreign(foreign)
        else:
            self.accept(foreign)
        return True

    def read_foreign(self) -> Foreign | None:
        """What others changed since we last looked, not yet applied (None: nothing)."""
        foreign = None
        if self.log.size() != self.offset:
            entries_at, end = self.log.read_from(self.offset, self.seq)
            if entries_at:
                foreign = Foreign(entries=[e for _, e in entries_at], end=end)
            if self.log.held and self.log.size() > end:
                self.log.cut_torn_tail(end)  # a writer killed mid-append; we hold the lock
        stamp = _stamp(self.path)
        if stamp == self._snap_stamp:
            return foreign
        if stamp is None:
            # Removed underneath: memory is the newest copy, so write it back.
            self.compact(force=True)
            return foreign
        meta = snap.read_meta(self.path)
        last_seq = foreign.entries[-1]["seq"] if foreign else self.seq
        if (
            meta is not None
            and meta.get("store_id") == meta_of(self.data).get("store_id")
            and meta.get("snapshot_id") != self._snap_id
            and isinstance(meta.get("log_seq"), int)
            and meta["log_seq"] <= last_seq
        ):
            # Someone's compaction of changes we have (or are reading now): no reload.
            self._snap_stamp, self._snap_id = stamp, meta.get("snapshot_id")
            if meta["log_seq"] > self.snapshot_seq:
                self.snapshot_seq, self.snapshot_offset = meta["log_seq"], meta["log_offset"]
            return foreign
        if meta is not None and meta.get("log_seq", 0) > last_seq:
            return foreign  # its log lines are not all readable yet: look again later
        # Another program rewrote the file (stock TinyDB, a restored copy): read it whole.
        if self.refused is not None and self.refused[0] == stamp:
            raise self.refused[1]  # the same bad file as last time: no second parse
        raw = self.path.read_bytes()
        data = parse_store(raw, str(self.path))
        if meta_of(data)["schema_version"] != SCHEMA_VERSION:
            return foreign
        data, entries, end = self._replay(data, str(self.path))
        # (the stamp is taken when it is accepted: a file refused stays news until fixed)
        return Foreign(entries=entries, tables=data, end=end, stamp=stamp)

    def accept(self, foreign: Foreign) -> list[tuple[Op, Op]] | None:
        """Apply what ``read_foreign`` found; returns (op, revert op) pairs for line
        changes, None for a whole new snapshot."""
        with self._mem:
            self._version += 1
            if foreign.tables is not None:
                self._data = foreign.tables
                meta = meta_of(foreign.tables)
                self._snap_stamp, self._snap_id = foreign.stamp, meta.get("snapshot_id")
                last = max(self.seq, meta["log_seq"])
                for entry in foreign.entries:
                    if entry["seq"] > self.seq:
                        self._remember(entry)
                        last = max(last, entry["seq"])
                self.snapshot_seq, self.snapshot_offset = meta["log_seq"], meta["log_offset"]
                self.seq = self.durable_seq = last
                self.offset = foreign.end
                return None
            done = apply_entries(self.data, foreign.entries)
            for entry in foreign.entries:
                self._remember(entry)
            self.seq = self.durable_seq = foreign.entries[-1]["seq"]
            self.offset = foreign.end
            return done
