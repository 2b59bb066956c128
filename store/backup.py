"""Rotating backups of a store, and recovery from a broken one.

Backups live next to the store in ``<name>.backups/``, one file per launch, named by
date (``briefing-20250624-093000.json``); the newest few are kept. ``recover`` moves a
broken store aside (it never deletes it) and puts the newest good backup in its place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import StoreError
from .storage import parse_store, write_atomically
from .validate import check_tables

KEEP = 5


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + ".backups")


def has_backup(path: Path) -> bool:
    """Whether ``recover`` has a backup to try (so a message may offer --recover)."""
    return bool(backups(Path(path)))


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
    """Copy the store (which opened fine) into the backups; keep the newest ``keep``.

    Skipped when the newest backup has the same bytes. Returns the new backup's path.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
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
    restored_from: Path
    backup_time: datetime
    counts: dict[str, int]

    def describe(self) -> str:
        when = self.backup_time.strftime("%Y-%m-%d %H:%M:%S UTC")
        moved = (
            f"The broken file was moved to {self.broken_moved_to}. " if self.broken_moved_to else ""
        )
        return (
            f"{moved}Restored the backup of {when} ({self.restored_from.name}): "
            f"{self.counts.get('actors', 0)} actors, {self.counts.get('statements', 0)} "
            f"statements, {self.counts.get('rebuttals', 0)} rebuttals. Changes made after "
            f"{when} are not in it."
        )


def recover(path: Path, *, now: datetime | None = None) -> Recovery:
    """Move a broken store aside and restore the newest backup that opens.

    Raises StoreError when there is no usable backup (the broken file is then left
    where it was).
    """
    path = Path(path)
    good: Path | None = None
    data = None
    for candidate in backups(path):
        try:
            data = parse_store(candidate.read_bytes(), str(candidate))
            check_tables(data, str(candidate))  # a backup with a bad document is no cure
        except (StoreError, OSError):
            continue
        good = candidate
        break
    if good is None or data is None:
        raise StoreError(
            f"No usable backup of {path} was found in {backup_dir(path)}. The file was left "
            "as it is; open another store with --db, or repair the file by hand.",
            path=str(path),
        )
    moved: Path | None = None
    if path.exists():
        stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
        moved = path.with_name(f"{path.name}.broken-{stamp}")
        os.replace(path, moved)
    tmp = path.with_name(f".{path.name}.restore.tmp")
    shutil.copyfile(good, tmp)
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    taken = _backup_time(good)
    counts = {t: len(data.get(t, {})) for t in ("actors", "statements", "rebuttals")}
    return Recovery(moved, good, taken, counts)


def _backup_time(backup: Path) -> datetime:
    stem = backup.stem.rsplit("-", 2)
    try:
        return datetime.strptime(f"{stem[-2]}-{stem[-1]}", "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
    except (ValueError, IndexError):
        return datetime.fromtimestamp(backup.stat().st_mtime, UTC)
