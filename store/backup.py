"""Rotating backups of a store, and recovery from a broken one.

Backups live next to the store in ``<name>.backups/``, one file per launch, named by
date (``briefing-20250624-093000.json``); the newest few are kept. Each is a copy of the
snapshot, whose ``meta`` says how far into the history log it reaches.

``recover`` copies a broken store aside (it never deletes it), then puts the newest backup
that fits the log in its place with one atomic rename; opening it replays the log's later
lines, so nothing acknowledged is lost. Without such a backup it rebuilds the store from
the log alone.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import snapshot as snap
from .errors import StoreError
from .history import apply_entries, read_durable
from .log import HistoryLog
from .snapshot import empty_tables, meta_of, parse_store, write_atomically
from .validate import check_tables

KEEP = 5


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def has_backup(path: Path) -> bool:
    """Whether ``recover`` has a backup to try."""
    return bool(backups(Path(path)))


def can_recover(path: Path) -> bool:
    """Whether ``recover`` has something to rebuild from: a backup, or a history log
    (every change since the store began), so a message may offer --recover."""
    path = Path(path)
    try:
        return has_backup(path) or snap.log_path(path).stat().st_size > 0
    except OSError:
        return False


def backups(path: Path) -> list[Path]:
    """The store's backups, newest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    return sorted(
        (p for p in folder.iterdir() if p.suffix == ".json" and p.name.startswith(path.stem)),
        key=lambda p: p.name,
        reverse=True,
    )


def make_backup(path: Path, *, keep: int = KEEP, now: datetime | None = None) -> Path | None:
    """Copy the store's snapshot (which opened fine) into the backups; keep the newest
    ``keep``. Skipped when the newest backup has the same bytes (the snapshot changes only
    when the log is folded in; the log itself holds every later change). Returns the new
    backup's path."""
    try:
        path = snap.resolve_store_path(Path(path))
        # The snapshot as it is (no parse: this runs beside an app's first screen). Its
        # meta says how far into the log it reaches; recover replays the log from there.
        raw = path.read_bytes()
    except (OSError, StoreError):
        return None
    existing = backups(path)
    if existing:
        with contextlib.suppress(OSError):
            if existing[0].read_bytes() == raw:
                return None
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    folder = backup_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}-{stamp}.json"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{n}.json"
    write_atomically(target, raw)
    for old in backups(path)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


@dataclass
class Recovery:
    """What ``recover`` did, in words a person can act on."""

    broken_moved_to: Path | None
    restored_from: Path | None
    backup_time: datetime
    counts: dict[str, int]
    replayed: int = 0
    log_copy: Path | None = None  # a damaged log was copied here and cut before the damage
    kept: int = 0

    def describe(self) -> str:
        when = self.backup_time.strftime("%Y-%m-%d %H:%M:%S UTC")
        moved = (
            f"The broken file was copied to {self.broken_moved_to}. "
            if self.broken_moved_to
            else ""
        )
        counts = (
            f"{self.counts.get('actors', 0)} actors, {self.counts.get('statements', 0)} "
            f"statements, {self.counts.get('rebuttals', 0)} rebuttals"
        )
        if self.log_copy is not None and self.restored_from is None and not moved:
            return (
                f"The history log was damaged: a copy is at {self.log_copy}, and the log now "
                f"holds its {self.kept} whole changes before the damage. The store: {counts}."
            )
        if self.restored_from is None:
            return f"{moved}Rebuilt the store from its history log: {counts}."
        later = (
            f" {self.replayed} later changes were replayed from the history log."
            if self.replayed
            else f" Changes made after {when} are not in it."
        )
        return (
            f"{moved}Restored the backup of {when} ({self.restored_from.name}): {counts}." + later
        )


def recover(path: Path, *, now: datetime | None = None) -> Recovery:
    """Replace a broken store with the newest backup that fits its history log (or, with
    none, rebuild it from the log), keeping a copy of the broken file.

    Order matters for a crash at any moment: the broken file is copied aside first, then
    the replacement is written to a temp file and renamed over it, so there is always a
    store file. Raises StoreError when nothing usable was found (nothing is changed then).
    """
    path = snap.resolve_store_path(Path(path))  # (a link stays a link: restore its target)
    log = HistoryLog(snap.log_path(path))
    has_log = log.path.exists()
    if has_log:
        log.fd = os.open(log.path, os.O_RDWR)
        log.lock(timeout=10)
    try:
        if has_log:
            repaired = _cut_damage(path, log, now)
            if repaired is not None:
                return repaired
        return _recover_locked(path, log if has_log else None, now)
    finally:
        log.unlock()
        log.close()


def _cut_damage(path: Path, log: HistoryLog, now: datetime | None) -> Recovery | None:
    """A log damaged in the middle: keep a copy of it, keep its whole changes before the
    damage as the log, and point the snapshot at that end. None when the log is whole."""
    if not log.size():
        return None
    log.read_header()
    try:
        log.read_from(log.header_end, 0)
        return None
    except StoreError:
        pass
    entries, end = log.read_from(log.header_end, 0, stop_at_damage=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    aside = log.path.with_name(f"{log.path.name}.broken-{stamp}")
    write_atomically(aside, log.pread(0, log.size()))  # the whole damaged log, first
    write_atomically(log.path, log.pread(0, end))  # then the good part takes its place
    last = entries[-1][1]["seq"] if entries else 0
    try:
        data = parse_store(path.read_bytes(), str(path))
    except (StoreError, OSError):
        data = None  # (the snapshot is broken too: the backups and the log rebuild it)
    if data is not None and meta_of(data).get("log_offset", 0) > end:
        # The snapshot folded in changes after the damage: it keeps them (their history
        # lines are in the copy) and now continues the shortened log.
        meta_of(data).update(log_seq=last, log_offset=end)
        write_atomically(path, b"".join(snap.encode_tables(data)))
    log.close()
    log.open()
    log.lock(timeout=10)
    if data is None:
        result = _recover_locked(path, log, now)
        result.log_copy = aside
        return result
    now_data = read_durable(path)
    counts = {t: len(now_data.get(t, {})) for t in ("actors", "statements", "rebuttals")}
    return Recovery(None, None, datetime.now(UTC), counts, log_copy=aside, kept=len(entries))


def _fits(data: dict, log: HistoryLog | None) -> bool:
    """Whether a snapshot can be continued by this log (or needs none)."""
    meta = meta_of(data)
    if meta.get("schema_version") == 1 or log is None:
        return log is None or log.size() == 0
    if log.header is None or log.header.get("store_id") != meta.get("store_id"):
        return False
    offset, seq = meta["log_offset"], meta["log_seq"]
    return offset <= log.size() and (not seq or log.seq_before(offset) == seq)


def _recover_locked(path: Path, log: HistoryLog | None, now: datetime | None) -> Recovery:
    if log is not None and log.size():
        log.read_header()
    raw: bytes | None = None
    good: Path | None = None
    data = None
    for candidate in backups(path):
        try:
            candidate_raw = candidate.read_bytes()
            data = parse_store(candidate_raw, str(candidate))
            check_tables(data, str(candidate))  # a backup with a bad document is no cure
        except (StoreError, OSError):
            continue
        if _fits(data, log):
            good, raw = candidate, candidate_raw
            break
    replayed = 0
    if good is not None and data is not None and log is not None and log.header is not None:
        meta = meta_of(data)
        if meta.get("schema_version") != 1:
            entries, _ = log.read_from(meta["log_offset"], meta["log_seq"])
            apply_entries(data, [e for _, e in entries])
            replayed = len(entries)
    if good is None and log is not None and log.header is not None:
        # No backup fits: every change since the store began is in the log.
        entries, end = log.read_from(log.header_end, 0)
        meta = snap.new_meta()
        meta["store_id"] = log.header["store_id"]
        data = empty_tables(meta)
        apply_entries(data, [e for _, e in entries])
        if entries:
            meta.update(log_seq=entries[-1][1]["seq"], log_offset=end)
        else:
            meta["log_offset"] = log.header_end
        raw = b"".join(snap.encode_tables(data))
    if raw is None or data is None:
        raise StoreError(
            f"No usable backup of {path} was found in {backup_dir(path)}. The file was left "
            "as it is; open another store with --db, or repair the file by hand.",
            path=str(path),
        )
    new_log: Path | None = None
    if log is None and meta_of(data).get("schema_version") != 1:
        # A schema-2 backup whose log is gone: it starts a new, empty log (under a temp
        # name until the snapshot is in place, so a kill leaves nothing half-made).
        new_log, raw = _fresh_log(path, data)
    moved: Path | None = None
    if path.exists():
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        moved = path.with_name(f"{path.name}.broken-{stamp}")
        write_atomically(moved, path.read_bytes())  # a copy: the broken file stays in place
    write_atomically(path, raw)  # temp, fsync, rename over the broken file, fsync folder
    if new_log is not None:
        snap.install(new_log, snap.log_path(path))
    counts = {t: len(data.get(t, {})) for t in ("actors", "statements", "rebuttals")}
    taken = _backup_time(good) if good is not None else datetime.now(UTC)
    return Recovery(moved, good, taken, counts, replayed)


def _fresh_log(path: Path, data: dict) -> tuple[Path, bytes]:
    """A new log (header only) for ``data`` at a temp path, and ``data`` encoded to
    continue it."""
    final = snap.log_path(path)
    temp = snap.temp_name(final)  # (removed at a later open if this process is killed)
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    meta = meta_of(data)
    fresh = HistoryLog(temp)
    fresh.create(meta["store_id"])
    meta.update(log_seq=0, log_offset=fresh.header_end)
    fresh.close()
    return temp, b"".join(snap.encode_tables(data))


def _backup_time(backup: Path) -> datetime:
    stem = backup.stem.rsplit("-", 2)
    try:
        return datetime.strptime(f"{stem[-2]}-{stem[-1]}", "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except (ValueError, IndexError):
        return datetime.fromtimestamp(backup.stat().st_mtime, UTC)
