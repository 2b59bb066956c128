"""A durable TinyDB storage: parsed once, served from memory, written atomically.

Stock ``JSONStorage`` re-reads the file on every query and rewrites it in place. This
storage keeps the parsed tables in memory, writes a whole new file next to the old one
(fsync, ``os.replace``, fsync of the folder) and holds a cross-process file lock around
every read-modify-write, reloading first when another process changed the file.

It is a real ``tinydb.storages.Storage``: ``TinyDB(path, storage=DurableStorage)`` works,
and the file it writes is plain TinyDB JSON that stock TinyDB reads.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from .errors import CorruptStoreError, LockTimeoutError, SchemaVersionError, StoreWriteError

SCHEMA_VERSION = 1
TABLES = ("actors", "statements", "rebuttals", "history")

Tables = dict[str, dict[str, dict[str, Any]]]
# One change to apply: (table, doc_id as str, new document or None to delete).
Op = tuple[str, str, dict[str, Any] | None]


def empty_tables() -> Tables:
    tables: Tables = {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
    for name in TABLES:
        tables[name] = {}
    return tables


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def parse_store(raw: bytes, path: str) -> Tables:
    """Parse and check a store file's bytes; raise CorruptStoreError / SchemaVersionError."""
    if not raw.strip():
        raise CorruptStoreError(
            f"{path} is empty: it is not a briefing store. Move it aside or choose another "
            "file with --db.",
            path=path,
        )
    # Parsing builds millions of small objects; the cyclic GC would rescan them many times
    # over while they are created (more than half of the parse time at 100,000 statements).
    # Afterwards they go straight to the oldest generation (freeze + unfreeze moves them
    # there without a scan) instead of being walked as young objects by the next collections.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptStoreError(
            f"{path} is not valid JSON ({exc.msg} at byte {exc.pos}); it may be truncated or "
            "not a briefing store.",
            path=path,
        ) from None
    finally:
        if gc_was_on:
            if not gc.get_freeze_count():  # never undo a freeze the application made
                gc.freeze()
                gc.unfreeze()
            gc.enable()
    if not isinstance(data, dict):
        raise CorruptStoreError(
            f"{path} holds JSON but not a TinyDB store (the top level is a "
            f"{type(data).__name__}, not an object). Choose another file with --db.",
            path=path,
        )
    for name, table in data.items():
        # (map-based checks: a Python-level loop here cost 0.2 s at 100,000 statements)
        if (
            not isinstance(table, dict)
            or not all(map(str.isdigit, table))
            or not set(map(type, table.values())) <= {dict}
        ):
            raise CorruptStoreError(
                f"{path} is not in TinyDB's layout: table {name!r} is not a mapping of "
                "document ids to documents. Choose another file with --db.",
                path=path,
            )
    meta = data.get("meta")
    if not meta:
        raise CorruptStoreError(
            f"{path} is a TinyDB file but not a briefing store (it has no 'meta' table with a "
            f"schema_version; its tables are {sorted(data) or 'none'}). Choose another file "
            "with --db.",
            path=path,
        )
    version = next(iter(meta.values())).get("schema_version")
    if not isinstance(version, int):
        raise CorruptStoreError(
            f"{path}: meta.schema_version is missing or not a number. Choose another file "
            "with --db.",
            path=path,
        )
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{path} was written by a newer briefing-tui (schema version {version}; this "
            f"program reads up to {SCHEMA_VERSION}). Upgrade briefing-tui to open it.",
            path=path,
        )
    if version < 1:
        raise SchemaVersionError(f"{path}: unknown schema version {version}.", path=path)
    for name in TABLES:
        data.setdefault(name, {})
    return data


def write_atomically(path: Path, payload: bytes | Sequence[bytes]) -> None:
    """Write ``payload`` (bytes, or pieces written one after another) so a crash leaves the
    old file or the new one, never a mix."""
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = 0o600
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            _write_all(fd, [payload] if isinstance(payload, bytes) else list(payload))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # The rename is durable only once the folder's entry is on disk too.
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


_RUN = 512  # documents per cached run of JSON


class _Runs:
    """One table's keys in dict order, cut into runs whose JSON is cached until one changes."""

    def __init__(self, table: dict[str, Any]) -> None:
        keys = list(table)
        self.keys = [keys[i : i + _RUN] for i in range(0, len(keys), _RUN)]
        self.run_of = {key: i // _RUN for i, key in enumerate(keys)}
        self.json: list[bytes | None] = [None] * len(self.keys)

    def changed(self, key: str, present: bool) -> None:
        run = self.run_of.get(key)
        if run is None:
            if not present:
                return
            # A new key goes last, as it does in the dict.
            if not self.keys or len(self.keys[-1]) >= _RUN:
                self.keys.append([])
                self.json.append(None)
            run = len(self.keys) - 1
            self.keys[run].append(key)
            self.run_of[key] = run
        elif not present:
            self.keys[run].remove(key)
            del self.run_of[key]
        self.json[run] = None

    def encode(self, run: int, table: dict[str, Any]) -> bytes:
        piece = self.json[run]
        if piece is None:
            piece = orjson.dumps({key: table[key] for key in self.keys[run]})[1:-1]
            self.json[run] = piece
        return piece


class _CachedJSON:
    """The store as JSON pieces that are re-encoded only where documents changed.

    A change re-encodes one run of documents instead of the whole store: at 100,000
    statements a full ``orjson.dumps`` takes ~0.5 s and holds the GIL, which froze the app
    on every save. The pieces joined are byte for byte ``orjson.dumps(data)``.
    """

    def __init__(self, data: Tables) -> None:
        self.data = data
        self.tables: dict[str, _Runs] = {}

    def changed(self, table: str, key: str, present: bool) -> None:
        runs = self.tables.get(table)
        if runs is not None:
            runs.changed(key, present)

    def _runs(self, name: str) -> _Runs:
        runs = self.tables.get(name)
        if runs is None:
            runs = self.tables[name] = _Runs(self.data[name])
        return runs

    def warm(self, lock: threading.RLock) -> None:
        """Encode stale runs one at a time under ``lock``, so a change waits for one run at
        most (the first save after opening a big store encodes all of it)."""
        for name in list(self.data):
            with lock:
                if name not in self.data:
                    continue
                runs = self._runs(name)
            for run in range(len(runs.json)):
                if runs.json[run] is None:  # (pieces() re-checks, under the lock)
                    with lock:
                        if name in self.data:
                            runs.encode(run, self.data[name])

    def pieces(self) -> list[bytes]:
        """The whole store's JSON (call with memory locked)."""
        out = [b"{"]
        for i, (name, table) in enumerate(self.data.items()):
            out.append(b"," + orjson.dumps(name) + b":{" if i else orjson.dumps(name) + b":{")
            runs = self._runs(name)
            first = True
            for run, keys in enumerate(runs.keys):
                if keys:
                    if not first:
                        out.append(b",")
                    out.append(runs.encode(run, table))
                    first = False
            out.append(b"}")
        out.append(b"}")
        return out


def _write_all(fd: int, pieces: list[bytes | memoryview]) -> None:
    # Few large system calls: each one releases the GIL, and taking it back can wait for
    # the app's thread, so a thousand small writes would each pay that wait.
    i = 0
    while i < len(pieces):
        head = pieces[i : i + 512]  # below IOV_MAX
        written = os.writev(fd, head) if hasattr(os, "writev") else os.write(fd, head[0])
        for piece in head:
            if written < len(piece):
                pieces[i] = memoryview(piece)[written:]  # a short write: the rest next time
                break
            written -= len(piece)
            i += 1


class DurableStorage(Storage):
    """TinyDB storage over one JSON file; see the module docstring.

    Two ways to write:

    * ``sync`` (the default, for scripts): ``apply`` returns once the change is on disk.
    * write-behind (``start_writer()``, for the app): ``apply`` changes memory at once and
      a background thread makes it durable; the file lock stays held until it is, so no
      other process can read a state that misses it. A failed write keeps the change
      pending and is retried; ``on_status`` hears "saving" / "saved" / "failed: reason".
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
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._lock = FileLock(str(self.path) + ".lock", thread_local=False)
        self.poll_interval = 0.01
        self._data: Tables | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._create = create
        # Guards self._data between the app thread (mutations) and the writer (dumps).
        self._mem = threading.RLock()
        self._json: _CachedJSON | None = None  # encoded pieces of self._data, for writes
        self._writer: threading.Thread | None = None
        self._wake = threading.Condition()
        self._version = 0  # bumped on every in-memory change
        self._saved_version = 0
        self._holding = False  # the writer owes the file lock one release
        self._closing = False
        self.last_error: str | None = None
        self.on_status: Callable[[str], None] | None = None
        self.retry_delay = 1.0

    # -- loading --------------------------------------------------------------------

    @property
    def data(self) -> Tables:
        if self._data is None:
            self.load()
        assert self._data is not None
        return self._data

    def load(self) -> Tables:
        """(Re)read the file from disk; create an empty store if it is missing."""
        path = str(self.path)
        stamp = _stamp(self.path)
        if stamp is None:
            if not self._create:
                raise CorruptStoreError(f"{path} does not exist.", path=path)
            data = empty_tables()
            with self.locked():
                if _stamp(self.path) is None:
                    self._write_now(data)
                else:  # another process created it meanwhile
                    return self.load()
            self._data = data
            return data
        try:
            raw = self.path.read_bytes()
        except IsADirectoryError:
            raise CorruptStoreError(
                f"{path} is a folder, not a store file. Give a file path with --db.", path=path
            ) from None
        except PermissionError:
            raise CorruptStoreError(
                f"{path} cannot be read (permission denied). Check the file's permissions.",
                path=path,
            ) from None
        data = parse_store(raw, path)
        if self._data is not None:
            # A reload: check before the new tables replace the good ones in memory (at
            # open, Briefing checks them).
            from .validate import check_tables

            check_tables(data, path)
        with self._mem:
            self._data = data
            self._json = None
            self._stamp = stamp
        return data

    def changed_on_disk(self) -> bool:
        """True when another process replaced the file since we last read or wrote it."""
        return self._data is not None and _stamp(self.path) != self._stamp

    def refresh(self) -> bool:
        """Reload when the file changed underneath; returns whether it did."""
        if self._data is None:
            self.load()
            return True
        if self.pending:
            # Our own unsaved changes are newer than the file; never replace them.
            return False
        stamp = _stamp(self.path)
        if stamp is None:
            # Removed underneath: memory is the newest copy, so write it back.
            self._write_now(self._data)
            return False
        if stamp != self._stamp:
            self.load()
            return True
        return False

    # -- locking --------------------------------------------------------------------

    def _acquire(self) -> bool:
        """Take the lock; False when the folder cannot hold a lock file at all."""
        try:
            self._lock.acquire(timeout=self.lock_timeout, poll_interval=self.poll_interval)
        except Timeout:
            raise LockTimeoutError(
                f"{self.path} is locked by another process (waited {self.lock_timeout:g} s). "
                "Close the other briefing-tui or script using it, then try again.",
                path=str(self.path),
            ) from None
        except OSError as exc:
            # A read-only, full or vanished folder: go on without the lock. The write
            # itself then fails and says why, and in the app the change stays pending.
            self.last_error = exc.strerror or str(exc)
            return False
        return True

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock (re-entrant) for a read-modify-write."""
        held = self._acquire()
        try:
            yield
        finally:
            if held:
                self._lock.release()

    # -- writing ----------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        return self._version != self._saved_version

    def apply_memory(self, ops: list[Op]) -> list[Op]:
        """Apply ``ops`` to memory only; returns the ops that revert them."""
        data = self.data
        undo: list[Op] = []
        with self._mem:
            cache = self._json if self._json is not None and self._json.data is data else None
            for table, doc_id, doc in ops:
                tbl = data.setdefault(table, {})
                undo.append((table, doc_id, tbl.get(doc_id)))
                if doc is None:
                    tbl.pop(doc_id, None)
                else:
                    tbl[doc_id] = doc
                if cache is not None:
                    cache.changed(table, doc_id, doc is not None)
            self._version += 1
        return undo

    def revert(self, undo: list[Op], *, saved: bool = False) -> None:
        """Undo ``apply_memory`` (ops as it returned them).

        ``saved=True`` says memory is back to what the file holds; in sync mode nothing is
        pending then (else ``refresh`` would skip other processes' changes and the next
        write would overwrite them).
        """
        data = self.data
        with self._mem:
            cache = self._json if self._json is not None and self._json.data is data else None
            for table, doc_id, doc in reversed(undo):
                if doc is None:
                    data[table].pop(doc_id, None)
                else:
                    data[table][doc_id] = doc
                if cache is not None:
                    cache.changed(table, doc_id, doc is not None)
            self._version += 1
            if saved and self._writer is None:
                self._saved_version = self._version

    def persist(self, undo: list[Op]) -> None:
        """Make memory durable; call inside ``locked()`` after ``apply_memory``.

        In sync mode a failed write reverts ``undo`` and raises StoreWriteError, so memory
        and disk never disagree. In write-behind mode the change stays pending instead.
        """
        if self._writer is not None:
            self._queue_write()
            return
        try:
            self._write_now(self.data)
        except StoreWriteError:
            self.revert(undo)
            self._saved_version = self._version
            raise

    def apply(self, ops: list[Op]) -> None:
        """Apply ``ops`` to memory and persist them (see ``persist``)."""
        self.persist(self.apply_memory(ops))

    def _write_now(self, data: Tables) -> None:
        payload: bytes | list[bytes]
        if data is self._data:
            with self._mem:
                if self._json is None or self._json.data is not data:
                    self._json = _CachedJSON(data)
                cache = self._json
            cache.warm(self._mem)
            with self._mem:
                payload = cache.pieces() if cache is self._json else orjson.dumps(data)
                version = self._version
        else:
            with self._mem:
                payload = orjson.dumps(data)
                version = self._version
        try:
            write_atomically(self.path, payload)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.last_error = reason
            raise StoreWriteError(
                f"Could not save {self.path}: {reason}. Free some space or check the folder's "
                "permissions; the change was not saved.",
                path=str(self.path),
            ) from None
        self._stamp = _stamp(self.path)
        self._saved_version = version
        self.last_error = None

    # Tinydb's Storage interface ------------------------------------------------------

    def read(self) -> Tables | None:
        """A deep copy, so a document a caller mutates never leaks into the store."""
        self.refresh()
        return orjson.loads(orjson.dumps(self.data))

    def write(self, data: Tables) -> None:
        with self.locked():
            self._write_now(data)
            with self._mem:
                self._data = orjson.loads(orjson.dumps(data))
                self._json = None

    def close(self) -> None:
        self.stop_writer()

    # -- write-behind -----------------------------------------------------------------

    def start_writer(self) -> None:
        if self._writer is not None:
            return
        self._closing = False
        self._writer = threading.Thread(target=self._writer_loop, name="store-writer", daemon=True)
        self._writer.start()

    def _queue_write(self) -> None:
        with self._wake:
            if not self._holding:
                # Keep the lock until this change is on disk (released by the writer).
                self._holding = self._acquire()
            self._wake.notify()

    def _emit(self, status: str) -> None:
        if self.on_status is not None:
            with contextlib.suppress(Exception):
                self.on_status(status)

    def _writer_loop(self) -> None:
        while True:
            with self._wake:
                while not self.pending and not self._closing:
                    self._wake.wait()
                if not self.pending and self._closing:
                    return
            self._emit("saving")
            try:
                self._write_now(self.data)
            except StoreWriteError:
                self._emit(f"failed: {self.last_error}")
                with self._wake:
                    if self._closing:
                        return
                    self._wake.wait(self.retry_delay)
                continue
            with self._wake:
                saved = not self.pending
                if saved and self._holding:
                    self._holding = False
                    self._lock.release()
            if saved:
                self._emit("saved")

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every change is on disk; returns False if it is not by ``timeout``."""
        deadline = time.monotonic() + timeout
        while self.pending:
            if self._writer is None:
                self._write_now(self.data)
                continue
            if time.monotonic() > deadline:
                return False
            with self._wake:
                self._wake.notify()
            time.sleep(0.002)
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
                self._lock.release()
        return ok


def is_store_layout(data: Any) -> bool:
    """Whether ``data`` looks like our tables (used by importers)."""
    return isinstance(data, dict) and "meta" in data and all(t in data for t in TABLES)
