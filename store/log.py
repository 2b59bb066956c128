"""The history log: the store's write-ahead journal and audit trail in one file.

``briefing.json.log`` is JSON Lines. The first line is a header naming the store
(``{"briefing_log": 1, "store_id": ...}``); every other line is one history entry with
its sequence number, written with ``seq``, ``table`` and ``doc_id`` first::

    {"seq":7,"table":"statements","doc_id":3,"at":"...","action":"set_status",
     "before":{...},"after":{...},"reason":"..."}

A change of several entries (a cascade delete, a batch) is written in one append; each of
its lines carries ``"end"``, the last seq of the change, so a reader never applies half of
one. A change is durable once its lines are appended and fsynced. The file is never
truncated except to cut off a torn tail (bytes no writer finished, so never
acknowledged), and then only under the lock.

The lock is ``flock`` on the log itself: no extra lock file is left beside the store.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from .errors import CorruptStoreError, LockTimeoutError, StoreError, StoreWriteError
from .validate import document_error, entry_problem

Entry = dict[str, Any]
# A line's head, from which an index is built without parsing the rest of the line.
_HEAD = re.compile(rb'(?:^|\n)\{"seq":(\d+),"table":"([a-z_]+)","doc_id":(\d+),')
_CHUNK = 4 << 20
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def encode_entry(entry: Entry) -> bytes:
    """One log line; ``seq``, ``table`` and ``doc_id`` first (the index reads only those)."""
    head = {"seq": entry["seq"], "table": entry["table"], "doc_id": entry["doc_id"]}
    rest = {k: v for k, v in entry.items() if k not in head}
    return orjson.dumps({**head, **rest}) + b"\n"


def encode_commit(entries: list[Entry]) -> bytes:
    """The lines of one change, marked so that a reader applies all of them or none."""
    if len(entries) > 1:
        last = entries[-1]["seq"]
        return b"".join(encode_entry({**e, "end": last}) for e in entries)
    return b"".join(encode_entry(e) for e in entries)


class HistoryLog:
    """The open log file: append under the lock, read what others appended."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None
        self.readonly = False
        self.header: Entry | None = None
        self.header_end = 0
        self._count = 0  # lock depth, shared by this process's threads
        self._guard = threading.Lock()

    # -- opening ----------------------------------------------------------------------

    def open(self) -> None:
        """Open for reading and locking; whether we may append is checked now, but the
        file is opened for writing only while appending (an idle store holds no file
        open for writing, so e.g. its file system can be remounted read-only)."""
        try:
            self.fd = os.open(self.path, os.O_RDONLY | _CLOEXEC)
        except OSError as exc:
            raise StoreError(
                f"Cannot open the history log {self.path}: {exc.strerror or exc}. Check the "
                "folder's permissions.",
                path=str(self.path),
            ) from None
        self.readonly = not os.access(self.path, os.W_OK)

    def create(self, store_id: str, **extra: Any) -> None:
        """Create a new log with its header line (fails if one exists)."""
        os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _CLOEXEC, 0o600))
        self.open()
        self.lock(timeout=0)
        self.write_header(store_id, **extra)
        self.unlock()

    def write_header(self, store_id: str, **extra: Any) -> None:
        header = {"briefing_log": 1, "store_id": store_id, **extra}
        self.append(orjson.dumps(header) + b"\n")
        self.read_header()

    def read_header(self) -> Entry | None:
        """Read the first line; None for an empty log (a creation that never finished)."""
        head = self.pread(0, 4096)
        if not head:
            self.header, self.header_end = None, 0
            return None
        end = head.find(b"\n")
        try:
            header = orjson.loads(head[:end]) if end >= 0 else None
        except orjson.JSONDecodeError:
            header = None
        if not isinstance(header, dict) or header.get("briefing_log") != 1:
            raise CorruptStoreError(
                f"{self.path} is not a briefing-tui history log (its first line is not our "
                "header). Move it aside.",
                path=str(self.path),
            )
        self.header, self.header_end = header, end + 1
        return header

    def close(self) -> None:
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
            self._count = 0

    def size(self) -> int:
        assert self.fd is not None
        return os.fstat(self.fd).st_size

    def pread(self, offset: int, length: int) -> bytes:
        assert self.fd is not None
        return os.pread(self.fd, length, offset)

    # -- locking ----------------------------------------------------------------------

    def lock(self, timeout: float, poll: float = 0.005) -> None:
        """Take the cross-process lock (re-entrant; shared by this process's threads).

        A lock that cannot be taken is an error, never a write without it."""
        with self._guard:
            if self._count:
                self._count += 1
                return
            assert self.fd is not None
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeoutError(
                            f"{self.path} is locked by another process (waited {timeout:g} s). "
                            "Close the other briefing-tui or script using it, then try again.",
                            path=str(self.path),
                        ) from None
                    time.sleep(poll)
                except OSError as exc:
                    raise StoreWriteError(
                        f"Cannot lock {self.path}: {exc.strerror or exc}. Changes cannot be "
                        "saved safely on this file system; copy the store to a local folder.",
                        path=str(self.path),
                    ) from None
            self._count = 1

    def try_lock(self) -> bool:
        """Take the lock only if nobody holds it (for housekeeping at open)."""
        with self._guard:
            if self._count:
                return False
            assert self.fd is not None
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False
            self._count = 1
            return True

    def unlock(self) -> None:
        with self._guard:
            if not self._count:
                return
            self._count -= 1
            if not self._count and self.fd is not None:
                fcntl.flock(self.fd, fcntl.LOCK_UN)

    @property
    def held(self) -> bool:
        return self._count > 0

    # -- writing ----------------------------------------------------------------------

    def append(self, data: bytes) -> int:
        """Append ``data`` and fsync it (call with the lock held); returns the new end."""
        assert self.fd is not None and self._count
        self._write(data, sync=True)
        return self.size()

    def append_unsynced(self, data: bytes) -> None:
        """Append without fsync (a bulk write whose last ``append`` syncs it all)."""
        assert self.fd is not None and self._count
        self._write(data, sync=False)

    def _write(self, data: bytes, *, sync: bool) -> None:
        if self.readonly:
            raise PermissionError(13, "the history log is read-only for this user")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | _CLOEXEC)
        try:
            if os.fstat(fd).st_ino != os.fstat(self.fd).st_ino:  # type: ignore[arg-type]
                raise OSError(errno.ESTALE, "the history log was replaced while open")
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if sync:
                (os.fdatasync if hasattr(os, "fdatasync") else os.fsync)(fd)
        finally:
            os.close(fd)

    def truncate(self, size: int) -> None:
        """Cut the file to ``size`` bytes (lock held): a torn tail, or an upgrade that
        never finished."""
        fd = os.open(self.path, os.O_WRONLY | _CLOEXEC)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)

    def cut_torn_tail(self, good_end: int) -> None:
        """Drop bytes after ``good_end`` that no writer finished (call with the lock held:
        then nobody is in the middle of writing them)."""
        assert self.fd is not None and self._count
        if not self.readonly and self.size() > good_end:
            self.truncate(good_end)

    # -- reading ----------------------------------------------------------------------

    def read_from(
        self, offset: int, after_seq: int, *, stop_at_damage: bool = False
    ) -> tuple[list[tuple[int, Entry]], int]:
        """Whole changes from ``offset`` on: ([(line offset, entry)], end of the last whole
        change). A torn or unfinished tail is left unread; damage before it is an error
        (or, with ``stop_at_damage``, where reading stops: what --recover keeps)."""
        end = self.size()
        if end <= offset:
            return [], offset
        raw = self.pread(offset, end - offset)
        out: list[tuple[int, Entry]] = []
        good = offset
        pending: list[tuple[int, Entry]] = []
        pos = 0
        expected = after_seq + 1
        while True:
            nl = raw.find(b"\n", pos)
            if nl < 0:
                break  # no newline yet: torn, or still being written
            line = raw[pos:nl]
            try:
                entry = orjson.loads(line)
                seq = entry["seq"]
            except (orjson.JSONDecodeError, TypeError, KeyError):
                if stop_at_damage:
                    break
                raise self._damaged(offset + pos) from None
            problem = entry_problem(entry)
            if problem is not None:  # (another program wrote a line our models refuse)
                if stop_at_damage:
                    break
                raise document_error(str(self.path), "history", seq, problem)
            if not isinstance(seq, int) or seq < expected:
                if stop_at_damage:
                    break
                raise self._damaged(offset + pos, f"sequence {seq!r} after {expected - 1}")
            expected = seq + 1
            pending.append((offset + pos, entry))
            pos = nl + 1
            if entry.get("end", seq) == seq:
                out.extend(pending)
                pending = []
                good = offset + pos
        # (bytes after the last newline are a torn line or one still being written)
        return out, good

    def _damaged(self, at: int, why: str = "not a whole JSON line") -> CorruptStoreError:
        return CorruptStoreError(
            f"{self.path} is damaged at byte {at} ({why}). Nothing was changed. Run "
            "briefing-tui --recover to keep the log's whole changes before the damage (a copy "
            "of the damaged log is kept), or restore the file from a copy.",
            path=str(self.path),
        )

    def line_at(self, offset: int) -> Entry:
        """The entry whose line starts at ``offset``."""
        chunk = self.pread(offset, 65536)
        while b"\n" not in chunk:
            more = self.pread(offset + len(chunk), len(chunk))
            if not more:
                break
            chunk += more
        return orjson.loads(chunk[: chunk.find(b"\n")])

    def seq_before(self, offset: int) -> int | None:
        """The seq of the line ending at ``offset`` (None at the header)."""
        if offset <= self.header_end:
            return None
        match = re.match(rb'\{"seq":(\d+),', self.pread(self._line_start(offset - 1), 32))
        return int(match.group(1)) if match else None

    def _line_start(self, pos: int) -> int:
        while pos > self.header_end:
            start = max(self.header_end, pos - 65536)
            chunk = self.pread(start, pos - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                return start + cut + 1
            pos = start
        return self.header_end

    def iter_back(self, end: int, needle: bytes | None = None) -> Iterator[tuple[int, bytes]]:
        """Lines before ``end``, newest first, as (offset, bytes); with ``needle``, only lines
        that contain it. Reads the file in chunks from the end, never all of it at once."""
        pos = end
        carry = b""
        while pos > self.header_end:
            start = max(self.header_end, pos - _CHUNK)
            chunk = self.pread(start, pos - start) + carry
            first = chunk.find(b"\n") + 1 if start > self.header_end else 0
            if start > self.header_end and first == 0:
                carry, pos = chunk, start
                continue
            if needle is None or chunk.find(needle, first) >= 0:  # (no copy when absent)
                body = chunk[first:]
                lines = body.split(b"\n")
                offsets = []
                at = start + first
                for line in lines:
                    offsets.append(at)
                    at += len(line) + 1
                for line, at in zip(reversed(lines), reversed(offsets), strict=True):
                    if line and (needle is None or needle in line):
                        yield at, line
            carry, pos = chunk[:first], start

    def scan_heads(self, end: int) -> Iterator[tuple[int, str, int, int]]:
        """(seq, table, doc_id, offset) of each line before ``end``, oldest first, from the
        lines' heads only (building the history index without parsing every entry)."""
        pos = self.header_end
        while pos < end:
            chunk = self.pread(pos, min(_CHUNK, end - pos))
            cut = chunk.rfind(b"\n") + 1
            if cut == 0:
                chunk = self.pread(pos, end - pos)
                cut = len(chunk)
            body = chunk[:cut]
            for m in _HEAD.finditer(body):
                at = m.start() + (1 if body[m.start() : m.start() + 1] == b"\n" else 0)
                yield int(m.group(1)), m.group(2).decode(), int(m.group(3)), pos + at
            pos += cut
