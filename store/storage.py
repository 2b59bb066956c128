"""The store's storage: a TinyDB snapshot plus the append-only history log beside it.

* ``briefing.json`` (``store.snapshot``) is plain TinyDB JSON; its ``meta`` says how far
  the log is folded in (``log_seq``, ``log_offset``).
* ``briefing.json.log`` (``store.log``) gets one line per change, fsynced under the lock:
  that append is what makes a change durable.

Opening parses the snapshot and replays only the log lines after its offset. The snapshot
is rewritten (compaction) in a background thread once enough lines have accumulated, and
at a clean close; the log is never truncated. Another process's changes are picked up by
reading only the lines it appended.

The interface a different backend would implement: ``load`` (snapshot + replay),
``apply_memory``/``persist`` (append a change), ``refresh`` (read changes since our last
seq), ``compact``.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from . import snapshot as snap
from .errors import CorruptStoreError, LockTimeoutError, StoreError, StoreWriteError
from .foreign import ForeignReads
from .history import Foreign, HistoryReads, Op, Undo, apply_entries, read_durable
from .log import Entry, HistoryLog, encode_commit
from .snapshot import (
    SCHEMA_VERSION,
    TABLES,
    Tables,
    empty_tables,
    is_store_layout,
    meta_of,
    parse_store,
)
from .writer import BackgroundWrites, _stamp

__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "DurableStorage",
    "Foreign",
    "Op",
    "Undo",
    "append_durably",
    "empty_tables",
    "is_store_layout",
    "parse_store",
    "read_durable",
    "write_atomically",
]

write_atomically = snap.write_atomically


def append_durably(log: HistoryLog, payload: bytes) -> int:
    """Append and fsync: the moment a change becomes durable (tests patch this to fail)."""
    return log.append(payload)


class DurableStorage(HistoryReads, ForeignReads, BackgroundWrites, Storage):
    """TinyDB storage over a snapshot and its history log (see the module docstring).

    Two ways to write:

    * sync (the default, for scripts): ``persist`` returns once the change's log line is
      appended and fsynced.
    * write-behind (``start_writer()``, for the app): memory changes at once and a thread
      appends the lines; the file lock stays held until they are durable. ``pending_count``
      says how many changes are not on disk yet; ``on_status`` hears "saving", "saved"
      (only when nothing is pending) and "failed: reason".
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        lock_timeout: float = 10.0,
        **_: Any,
    ) -> None:
        super().__init__()
        self.path = snap.resolve_store_path(Path(path).expanduser())
        self.log = HistoryLog(snap.log_path(self.path))
        self.lock_timeout = lock_timeout
        self._create = create
        self._data: Tables | None = None
        self._mem = threading.RLock()  # guards memory between the app and the writer
        self._version = 0  # bumped on every change to memory
        self.seq = 0  # last seq applied to memory
        self.durable_seq = 0  # last seq on disk
        self.offset = 0  # log offset after durable_seq's line
        self._base_offset = 0  # log before this is read lazily (history); after: _recent
        self._recent: dict[int, Entry] = {}
        self._recent_of: dict[tuple[str, int], list[int]] = {}
        self._by_doc: dict[tuple[str, int], list[int]] | None = None
        self._offsets: dict[int, int] = {}
        self.snapshot_seq = 0  # how far the snapshot on disk has folded the log in
        self.snapshot_offset = 0
        self._snap_stamp: tuple[int, int, int] | None = None
        # Whether the snapshot opened is one we wrote, unchanged since (snapshot.SEAL).
        self.sealed = False
        # A snapshot another program wrote that the document checks refused, and why.
        self.refused: tuple[tuple[int, int, int] | None, Exception] | None = None
        self._snap_id: str | None = None
        self._snap_size = 0
        self._queue: list[list[Entry]] = []
        self._writer: threading.Thread | None = None
        self._wake = threading.Condition()
        self._holding = False  # the writer owes the file lock one release
        self._closing = False
        self._compactor: threading.Thread | None = None
        self._unmigrated: Tables | None = None
        self._appended = False  # this process wrote to the log (close then compacts)
        self.last_error: str | None = None
        self.on_status: Callable[[str], None] | None = None
        self.on_foreign: Callable[[Foreign], Any] | None = None
        self.retry_delay = 1.0

    # -- opening --------------------------------------------------------------------

    @property
    def data(self) -> Tables:
        if self._data is None:
            self.load()
        assert self._data is not None
        return self._data

    @property
    def readonly(self) -> bool:
        return self.log.readonly

    @contextlib.contextmanager
    def locked_memory(self) -> Iterator[None]:
        """Hold off every change to memory (the writer's and this thread's) while inside."""
        with self._mem:
            yield

    @property
    def version(self) -> int:
        """Bumped on every change to memory (ours, another process's, a reload)."""
        return self._version

    def load(self, *, migrate: bool = True) -> Tables:
        """Open the store: parse the snapshot, replay the log after it, migrate a schema-1
        file, or create an empty store. A failed open changes no byte of either file.

        ``migrate=False`` keeps a schema-1 store in memory unwritten (its documents can be
        checked first); ``finish_migration()`` then upgrades the file."""
        path = str(self.path)
        st = snap.check_regular(self.path)
        log_st = snap.check_regular(self.log.path, "history log")
        if st is None:
            return self._load_missing(log_st is not None)
        try:
            raw = self.path.read_bytes()
        except PermissionError:
            raise CorruptStoreError(
                f"{path} cannot be read (permission denied). Check the file's permissions.",
                path=path,
            ) from None
        data = parse_store(raw, path)
        if meta_of(data)["schema_version"] == 1:
            if not migrate:
                self._unmigrated = data
                self._data = {k: v for k, v in data.items() if k != "history"}
                return self._data
            from .migrate import migrate_v1

            migrate_v1(self, data)
            return self.load()
        if log_st is None:
            raise CorruptStoreError(
                f"{path}: its history log {self.log.path.name} is missing, so changes made "
                "since the snapshot cannot be read. Put the log back beside it.",
                path=path,
            )
        self.log.close()
        self.log.open()
        sealed = snap.is_sealed(raw, data)  # (before the replay changes any table)
        data, entries, end = self._replay(data, path)
        with self._mem:
            self.sealed = sealed
            self.offset = end
            self._data = data
            self._version += 1
            meta = meta_of(data)
            self.snapshot_seq = meta["log_seq"]
            self.snapshot_offset = self._base_offset = meta["log_offset"]
            self._recent = {e["seq"]: e for e in entries}
            self._forget_recent()
            self._by_doc = None
            self._offsets = {}
            last = entries[-1]["seq"] if entries else self.snapshot_seq
            self.seq = self.durable_seq = last
            self._snap_stamp = _stamp(self.path)
            self._snap_id = meta.get("snapshot_id")
            self._snap_size = len(raw)
        self._housekeeping()
        return data

    def finish_migration(self) -> None:
        """Write the schema-1 store that ``load(migrate=False)`` read as schema 2."""
        data, self._unmigrated = self._unmigrated, None
        if data is not None:
            from .migrate import migrate_v1

            migrate_v1(self, data)
            self.load()

    def _replay(self, data: Tables, path: str) -> tuple[Tables, list[Entry], int]:
        """Check that the log continues ``data``'s snapshot and apply the lines after it."""
        meta = meta_of(data)
        header = self.log.read_header()
        name = self.log.path.name
        if header is None or header.get("store_id") != meta.get("store_id"):
            raise CorruptStoreError(
                f"{path}: the history log {name} belongs to another store (its store id does "
                "not match). Nothing was changed. Put this store's own log beside it, or run "
                "briefing-tui --recover.",
                path=path,
            )
        seq, offset = meta["log_seq"], meta["log_offset"]
        size = self.log.size()
        if size < offset or (seq and self.log.seq_before(offset) != seq):
            raise CorruptStoreError(
                f"{path}: the history log {name} does not continue the snapshot (the snapshot "
                f"has folded in {seq} changes up to byte {offset}; the log is {size} bytes). "
                "Nothing was changed. Restore the log from the same copy as the store, or run "
                "briefing-tui --recover.",
                path=path,
            )
        entries_at, end = self.log.read_from(offset, seq)
        entries = [e for _, e in entries_at]
        apply_entries(data, entries)
        return data, entries, end

    def _load_missing(self, log_exists: bool) -> Tables:
        path = str(self.path)
        if log_exists:
            self.log.close()
            self.log.open()
            header = self.log.read_header()
            if header is not None and self.log.size() > self.log.header_end:
                raise CorruptStoreError(
                    f"{path} is missing but its history log {self.log.path.name} holds "
                    "changes. Nothing was changed. Run briefing-tui --recover to rebuild the "
                    "store from its backups and the log, or move the log aside.",
                    path=path,
                )
        elif not self._create:
            raise CorruptStoreError(f"{path} does not exist.", path=path)
        else:
            try:
                self.log.create(uuid.uuid4().hex)
            except FileExistsError:  # another process is creating it: use theirs
                return self.load()
            except OSError as exc:
                raise StoreError(
                    f"Cannot create {self.log.path}: {exc.strerror or exc}. Choose another "
                    "path with --db.",
                    path=path,
                ) from None
        # A new store, or a creation killed between the log and the snapshot: finish it.
        with self.locked():
            if self.path.exists():
                return self.load()
            header = self.log.read_header()
            if header is None:
                self.log.write_header(uuid.uuid4().hex)
                header = self.log.header
            assert header is not None
            meta = snap.new_meta()
            meta.update(store_id=header["store_id"], log_offset=self.log.header_end)
            self._write_snapshot(empty_tables(meta))
        return self.load()

    def _housekeeping(self) -> None:
        """Remove temp files of writers that were killed (only when no live writer holds
        the lock, and only files whose process is gone)."""
        if self.log.readonly or not self.log.try_lock():
            return
        try:
            stale = [*snap.stale_temps(self.path), *snap.stale_temps(snap.log_path(self.path))]
            for tmp in stale:
                with contextlib.suppress(OSError):
                    tmp.unlink()
        finally:
            self.log.unlock()

    # -- locking --------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock (re-entrant) for a read-modify-write."""
        self._ensure_log()
        if self.log.readonly:
            raise StoreWriteError(
                f"{self.log.path} is read-only for you (permission denied), so changes "
                "cannot be saved. Ask its owner, or copy the store and open the copy.",
                path=str(self.path),
            )
        self.log.lock(self.lock_timeout)
        try:
            yield
        finally:
            self.log.unlock()

    def _ensure_log(self) -> None:
        if self.log.fd is not None:
            return
        if self._data is None:
            self.load()
        else:  # used again after close()
            self.log.open()
            self.log.read_header()

    # -- writing ----------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        """True while a change is in memory but not yet durable in the log."""
        return self.seq != self.durable_seq

    @property
    def pending_count(self) -> int:
        """How many history entries are in memory but not yet on disk."""
        return self.seq - self.durable_seq

    def apply_memory(self, ops: list[Op], entries: list[Entry] | None = None) -> Undo:
        """Apply ``ops`` to memory and number ``entries`` (their history); nothing is
        written yet (see ``persist``). Returns what reverts it."""
        data = self.data
        undo = Undo()
        with self._mem:
            last = meta_of(data).setdefault("last_ids", {})
            for table, doc_id, doc in ops:
                tbl = data.setdefault(table, {})
                undo.ops.append((table, doc_id, tbl.get(doc_id)))
                if doc is None:
                    tbl.pop(doc_id, None)
                else:
                    tbl[doc_id] = doc
                    last[table] = max(last.get(table, 0), int(doc_id))
            for entry in entries or ():
                self.seq += 1
                numbered = {"seq": self.seq, **entry}
                self._remember(numbered)
                undo.entries.append(numbered)
            self._version += 1
        return undo

    def revert(self, undo: Undo, *, saved: bool = False) -> None:
        """Undo ``apply_memory`` (changes not yet persisted). ``saved`` is accepted for
        callers of the schema-1 storage; what is durable is known from the seq."""
        data = self.data
        with self._mem:
            for table, doc_id, doc in reversed(undo.ops):
                if doc is None:
                    data[table].pop(doc_id, None)
                else:
                    data[table][doc_id] = doc
            gone = {e["seq"] for e in undo.entries}
            for seq in gone:
                entry = self._recent.pop(seq, None)
                if entry is not None:
                    seqs = self._recent_of.get((entry["table"], entry["doc_id"]), [])
                    if seq in seqs:
                        seqs.remove(seq)
                if entry is not None and self._by_doc is not None:
                    seqs = self._by_doc.get((entry["table"], entry["doc_id"]), [])
                    if seq in seqs:
                        seqs.remove(seq)
            if gone:
                self.seq = min(gone) - 1
            self._version += 1

    def persist(self, undo: Undo) -> None:
        """Make ``undo.entries`` durable; call inside ``locked()`` after ``apply_memory``.

        Sync mode: append and fsync now; a failure reverts memory and raises
        StoreWriteError. Write-behind: queue them (the lock is held until they are on disk).
        """
        if not undo.entries:
            return
        if self._writer is not None:
            with self._wake:
                if not self._holding:
                    self.log.lock(self.lock_timeout)  # released by the writer once durable
                    self._holding = True
                self._queue.append(undo.entries)
                self._emit("saving")
                self._wake.notify()
            return
        try:
            self._append([undo.entries])
        except StoreWriteError:
            self.revert(undo)
            raise
        self._maybe_compact()

    def apply(self, ops: list[Op], entries: list[Entry] | None = None) -> None:
        """Apply and persist in one step (under the lock)."""
        with self.locked():
            self.persist(self.apply_memory(ops, entries))

    def _append(self, commits: list[list[Entry]]) -> None:
        """Append whole changes and fsync (lock held). Raises StoreWriteError."""
        payload = b"".join(encode_commit(c) for c in commits)
        try:
            size = self.log.size()
            if size != self.offset:
                if self.log.read_from(self.offset, self.durable_seq)[0]:
                    raise StoreWriteError(
                        f"{self.log.path} was appended to without the lock by another "
                        "program; the change was not saved. Reopen the store.",
                        path=str(self.path),
                    )
                self.log.cut_torn_tail(self.offset)
            append_durably(self.log, payload)
            end = self.log.size()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.last_error = reason
            with contextlib.suppress(OSError):
                self.log.cut_torn_tail(self.offset)
            raise StoreWriteError(
                f"Could not save {self.path}: {reason}. Free some space or check the folder's "
                "permissions; the change was not saved.",
                path=str(self.path),
            ) from None
        self.offset = end
        self.durable_seq = commits[-1][-1]["seq"]
        self.last_error = None
        self._appended = True

    def _write_snapshot(self, data: Tables) -> None:
        """Write a whole snapshot now (lock held): a new store or a migration."""
        pieces = snap.encode_tables(snap.sealed_tables(data))
        snap.install(snap.write_temp(self.path, pieces, seal=True), self.path)

    # -- TinyDB's Storage interface ------------------------------------------------------

    def read(self) -> Tables | None:
        """A deep copy with every change applied (a caller's edits never leak in)."""
        self.refresh()
        return orjson.loads(orjson.dumps(self.data))

    def write(self, data: Tables) -> None:
        """TinyDB wrote ``data``: log each document that differs, as one change."""
        data = orjson.loads(orjson.dumps(data))  # ours now: the caller may go on editing
        with self.locked():
            self.refresh()
            current = self.data
            ops: list[Op] = []
            entries: list[Entry] = []
            at = _now_iso()
            for name in sorted(set(current) | set(data)):
                if name in ("meta", "history"):
                    continue  # (ours to keep; a schema-1 history table is not a table now)
                old, new = current.get(name, {}), data.get(name, {})
                for key in sorted(set(old) | set(new), key=int):
                    if old.get(key) != new.get(key):
                        doc = new.get(key)
                        ops.append((name, key, doc))
                        entries.append(
                            {
                                "table": name,
                                "doc_id": int(key),
                                "at": at,
                                "action": "write",
                                "before": old.get(key),
                                "after": doc,
                                "reason": "Written through TinyDB",
                            }
                        )
            if entries:
                self.persist(self.apply_memory(ops, entries))

    def close(self) -> None:
        """Flush, fold the log into the snapshot when this process wrote to it (a writer's
        clean exit leaves the snapshot complete; a reader changes no byte), and let go of
        the log."""
        self.stop_writer()
        worker = self._compactor
        if worker is not None:
            worker.join()
        if self._appended and self._data is not None and not self.pending:
            with contextlib.suppress(LockTimeoutError, StoreWriteError, OSError):
                self.compact()
        self.log.close()


def _now_iso() -> str:
    from .models import iso, utc_now

    return iso(utc_now())
