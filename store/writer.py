"""The storage's background work: the write-behind thread and compaction.

Write-behind (the app): a verb changes memory and queues its log lines; this thread
appends and fsyncs them while the file lock stays held, then says "saved" (only when
nothing is pending). Compaction rewrites the snapshot from a copy of memory taken when
memory equals the log, encoding it without any lock, and renames it in under the lock.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from . import snapshot as snap
from .errors import StoreError, StoreWriteError
from .log import Entry, HistoryLog
from .snapshot import Tables, meta_of

COMPACT_LINES = 2000  # lines since the snapshot that make a background compaction due
COMPACT_BYTES = 4 << 20  # ... or this many bytes of log (or an eighth of the snapshot)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class BackgroundWrites:
    """Write-behind and compaction for ``DurableStorage`` (a mixin over its state)."""

    path: Path
    log: HistoryLog
    lock_timeout: float
    seq: int
    durable_seq: int
    offset: int
    snapshot_seq: int
    snapshot_offset: int
    last_error: str | None
    on_status: Callable[[str], None] | None
    retry_delay: float
    _data: Tables | None
    _mem: threading.RLock
    _wake: threading.Condition
    _queue: list[list[Entry]]
    _writer: threading.Thread | None
    _holding: bool
    _closing: bool
    _compactor: threading.Thread | None
    _snap_size: int
    _snap_stamp: tuple[int, int, int] | None
    _snap_id: str | None

    if TYPE_CHECKING:

        @property
        def pending(self) -> bool: ...

        def _append(self, commits: list[list[Entry]]) -> None: ...

        def locked(self) -> contextlib.AbstractContextManager[None]: ...

    # -- write-behind -----------------------------------------------------------------

    def start_writer(self) -> None:
        if self._writer is not None:
            return
        self._closing = False
        self._writer = threading.Thread(target=self._writer_loop, name="store-writer", daemon=True)
        self._writer.start()

    def _emit(self, status: str) -> None:
        if self.on_status is not None:
            with contextlib.suppress(Exception):
                self.on_status(status)

    def _writer_loop(self) -> None:
        while True:
            with self._wake:
                while not self._queue and not self._closing:
                    self._wake.wait()
                if not self._queue:
                    return
                commits = self._queue
                self._queue = []
            try:
                self._append(commits)
            except StoreWriteError:
                with self._wake:
                    self._queue[:0] = commits  # keep them, in order, and retry
                    self._emit(f"failed: {self.last_error}")
                    if self._closing:
                        return
                    self._wake.wait(self.retry_delay)
                continue
            with self._wake:
                # "saved" is said under the same lock as "saving", so it can never arrive
                # after a newer change's "saving" and claim that one too.
                if not self._queue:
                    if self._holding:
                        self._holding = False
                        self.log.unlock()
                    self._emit("saved")
            self._maybe_compact()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every change is on disk; returns False if it is not by ``timeout``."""
        deadline = time.monotonic() + timeout
        while self.pending:
            if self._writer is None or time.monotonic() > deadline:
                return not self.pending
            with self._wake:
                self._wake.notify()
            time.sleep(0.001)
        return True

    def stop_writer(self, timeout: float = 10.0) -> bool:
        """Flush and stop the writer thread; returns False when changes are still unsaved."""
        if self._writer is None:
            return not self.pending
        ok = self.flush(timeout)
        with self._wake:
            self._closing = True
            self._wake.notify_all()
        self._writer.join(timeout=2.0)
        self._writer = None
        with self._wake:
            if self._holding and not self.pending:
                self._holding = False
                self.log.unlock()
        return ok

    # -- compaction -------------------------------------------------------------------

    def _compaction_due(self) -> bool:
        lines = self.durable_seq - self.snapshot_seq
        size = self.offset - self.snapshot_offset
        return lines >= COMPACT_LINES or size >= max(COMPACT_BYTES, self._snap_size // 8)

    def _maybe_compact(self) -> None:
        if not self._compaction_due() or self.log.readonly:
            return
        worker = self._compactor
        if worker is not None and worker.is_alive():
            return
        self._compactor = threading.Thread(
            target=self._compact_quietly, name="store-compactor", daemon=True
        )
        self._compactor.start()

    def _compact_quietly(self) -> None:
        with contextlib.suppress(StoreError, OSError):
            self.compact()

    def compact(self, *, force: bool = False) -> bool:
        """Rewrite the snapshot with every durable change folded in; returns whether it did.

        The documents are copied under the memory lock (a few ms), encoded and written to a
        temp file without any lock, and put in place under the file lock, so no key and no
        other process waits for the encoding.
        """
        with self._mem:
            if self._data is None or self.seq != self.durable_seq:
                return False  # memory is ahead of the log; the writer will call again
            if not force and self.durable_seq <= self.snapshot_seq:
                return False
            tables = {name: dict(table) for name, table in self._data.items()}
            meta = dict(meta_of(self._data))
            meta["last_ids"] = dict(meta.get("last_ids") or {})
            meta.update(log_seq=self.durable_seq, log_offset=self.offset)
            meta["snapshot_id"] = uuid.uuid4().hex
            tables["meta"] = {next(iter(self._data["meta"])): meta}
        tmp = snap.write_temp(self.path, snap.encode_tables(snap.sealed_tables(tables)), seal=True)
        try:
            with self.locked():
                on_disk = snap.read_meta(self.path)
                ours = on_disk is not None and on_disk.get("store_id") == meta["store_id"]
                if not force and (
                    (ours and on_disk.get("log_seq", -1) >= meta["log_seq"])  # type: ignore[union-attr]
                    or (not ours and _stamp(self.path) != self._snap_stamp)
                ):
                    # Someone compacted as far already, or another program put a file
                    # there that we could not read: never overwrite it blindly.
                    tmp.unlink()
                    return False
                snap.install(tmp, self.path)
                self._snap_stamp = _stamp(self.path)
                self._snap_id = meta["snapshot_id"]
                self.snapshot_seq, self.snapshot_offset = meta["log_seq"], meta["log_offset"]
                self._snap_size = self._snap_stamp[2] if self._snap_stamp else 0
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        return True
