"""Reading the history log: what the detail pane, undo and backups need.

The log's older part (before the snapshot it was opened with) is read from the file on
demand, newest first, in chunks; an index by document is built from the lines' heads in
a thread after an application's first screen. Entries since then are kept in memory.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from . import snapshot as snap
from .errors import CorruptStoreError
from .log import Entry, HistoryLog
from .snapshot import Tables, meta_of, parse_store
from .validate import entry_problem

# One change to apply: (table, doc_id as str, new document or None to delete).
Op = tuple[str, str, dict[str, Any] | None]


@dataclass
class Undo:
    """What ``apply_memory`` did, to revert it: the old documents and the new entries."""

    ops: list[Op] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def extend(self, other: Undo) -> None:
        self.ops.extend(other.ops)
        self.entries.extend(other.entries)


@dataclass
class Foreign:
    """Changes another process made: new log lines, or a whole snapshot it wrote."""

    entries: list[Entry] = field(default_factory=list)
    tables: Tables | None = None
    end: int = 0  # log offset after them
    stamp: tuple[int, int, int] | None = None  # the snapshot file's, with ``tables``


def apply_entries(data: Tables, entries: list[Entry]) -> list[tuple[Op, Op]]:
    """Apply log entries' ``after`` documents; returns (op, revert op) pairs."""
    meta = meta_of(data)
    last = meta.setdefault("last_ids", {})
    done = []
    for entry in entries:
        table, key, doc = entry["table"], str(entry["doc_id"]), entry.get("after")
        tbl = data.setdefault(table, {})
        done.append(((table, key, doc), (table, key, tbl.get(key))))
        if doc is None:
            tbl.pop(key, None)
        else:
            tbl[key] = doc
            last[table] = max(last.get(table, 0), entry["doc_id"])
    return done


class HistoryReads:
    """The history half of ``DurableStorage`` (a mixin over its log and memory)."""

    log: HistoryLog
    seq: int
    _base_offset: int
    _recent: dict[int, Entry]
    # (table, doc_id) -> seqs in _recent, oldest first: one document's recent history without
    # a walk over all of _recent (a change of 100,000 documents puts 100,000 entries there).
    _recent_of: dict[tuple[str, int], list[int]]
    _by_doc: dict[tuple[str, int], list[int]] | None
    _offsets: dict[int, int]
    _mem: threading.RLock

    def _forget_recent(self) -> None:
        self._recent_of = {}
        for seq, entry in self._recent.items():
            self._recent_of.setdefault((entry["table"], entry["doc_id"]), []).append(seq)

    def _remember(self, entry: Entry) -> None:
        self._recent[entry["seq"]] = entry
        self._recent_of.setdefault((entry["table"], entry["doc_id"]), []).append(entry["seq"])
        if self._by_doc is not None:
            self._by_doc.setdefault((entry["table"], entry["doc_id"]), []).append(entry["seq"])

    @property
    def history_count(self) -> int:
        return self.seq

    def _parse(self, line: bytes, at: int) -> Entry:
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            raise self.log._damaged(at) from None
        problem = entry_problem(entry)
        if problem is not None:
            raise self.log._damaged(at, problem)
        return entry

    def _parse_or_skip(self, line: bytes) -> Entry | None:
        # A document's history is shown as far as it can be read (undo and exports,
        # which need all of it, raise instead).
        try:
            entry = orjson.loads(line)
        except orjson.JSONDecodeError:
            return None
        return entry if entry_problem(entry) is None else None

    def entries_back(self, table: str | None = None) -> Iterator[Entry]:
        """Every history entry, newest first (the log is read from the end, lazily)."""
        for seq in reversed(list(self._recent)):
            entry = self._recent[seq]
            if table is None or entry["table"] == table:
                yield entry
        if self.log.fd is None:
            return
        needle = b'"table":"' + table.encode() + b'"' if table else None
        for at, line in self.log.iter_back(self._base_offset, needle):
            entry = self._parse(line, at)
            if table is None or entry["table"] == table:
                yield entry

    def entries_of(self, table: str, doc_id: int, limit: int | None = None) -> list[Entry]:
        """One document's history entries, newest first."""
        recent = self._recent
        out = [recent[s] for s in reversed(self._recent_of.get((table, doc_id), ())) if s in recent]
        if limit is not None and len(out) >= limit:
            return out[:limit]
        by_doc = self._by_doc
        if by_doc is not None:
            for seq in reversed(by_doc.get((table, doc_id), [])):
                if seq in self._offsets:
                    try:
                        entry = self.log.line_at(self._offsets[seq])
                    except orjson.JSONDecodeError:
                        continue
                    if entry_problem(entry) is not None:
                        continue
                    out.append(entry)
                    if limit is not None and len(out) >= limit:
                        break
            return out
        needle = f'"table":"{table}","doc_id":{doc_id},'.encode()
        for _, line in self.log.iter_back(self._base_offset, needle):
            if line.startswith(b'{"seq":') and needle in line[: 80 + len(needle)]:
                entry = self._parse_or_skip(line)
                if entry is not None:
                    out.append(entry)
                if limit is not None and len(out) >= limit:
                    break
        return out

    def build_history_index(self) -> None:
        """Index the log by document (reads only each line's head; safe in a thread)."""
        if self._by_doc is not None or self.log.fd is None:
            return
        by_doc: dict[tuple[str, int], list[int]] = {}
        offsets: dict[int, int] = {}
        for seq, table, doc_id, at in self.log.scan_heads(self._base_offset):
            by_doc.setdefault((table, doc_id), []).append(seq)
            offsets[seq] = at
        with self._mem:
            for seq, entry in list(self._recent.items()):
                by_doc.setdefault((entry["table"], entry["doc_id"]), []).append(seq)
            self._offsets = offsets
            self._by_doc = by_doc


def read_durable(path: str | os.PathLike[str], *, with_history: bool = False) -> Tables:
    """What is durable on disk right now: the snapshot with the whole changes in the log
    after it applied (what the next open will see). Reads only and takes no lock.

    ``with_history=True`` adds a ``history`` table (seq -> entry) read from the whole log.
    """
    return _durable_state(Path(path), with_history)


def _durable_state(path: Path, with_history: bool) -> Tables:
    real = snap.resolve_store_path(path)
    if snap.check_regular(real) is None:
        raise CorruptStoreError(f"{real} does not exist.", path=str(real))
    data = parse_store(real.read_bytes(), str(real))
    if meta_of(data)["schema_version"] == 1:
        return data
    log = HistoryLog(snap.log_path(real))
    log.fd = os.open(log.path, os.O_RDONLY)
    try:
        log.read_header()
        meta = meta_of(data)
        entries, end = log.read_from(meta["log_offset"], meta["log_seq"])
        apply_entries(data, [e for _, e in entries])
        if entries:
            meta.update(log_seq=entries[-1][1]["seq"], log_offset=end)
        if with_history:
            every, _ = log.read_from(log.header_end, 0)
            data["history"] = {str(e["seq"]): e for _, e in every}
    finally:
        log.close()
    return data
