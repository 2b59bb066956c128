"""Schema 1 -> 2: the ``history`` table moves out of the store file into the log.

Each step is safe to kill: the schema-1 file stays in place, untouched, until the new
snapshot replaces it atomically as the very last step, so a crash leaves either the old
store (and the next open migrates again) or the new one, complete.

1. A copy of the schema-1 file: ``briefing.json.v1-backup`` (fsynced).
2. The log: a header marked ``"migrated_from": 1``, then every history entry, its
   history id becoming its ``seq``; fsynced. A log left by an interrupted migration (the
   store file is still schema 1, and the log holds nothing the file does not) is started
   again from empty; any other log beside a schema-1 file is an error, never cut.
3. The schema-2 snapshot, recording the log's end as folded in; then the schema-1
   program's ``briefing.json.lock`` is removed (the lock is ``flock`` on the log now).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .errors import CorruptStoreError, StoreError
from .log import encode_entry
from .snapshot import SCHEMA_VERSION, TABLES, Tables, meta_of, parse_store, write_atomically

if TYPE_CHECKING:
    from .storage import DurableStorage


def v1_backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".v1-backup")


def migrate_v1(storage: DurableStorage, data: Tables) -> None:
    """Turn the schema-1 store at ``storage.path`` (parsed as ``data``) into schema 2."""
    path, log = storage.path, storage.log
    log.close()
    try:
        os.close(os.open(log.path, os.O_WRONLY | os.O_CREAT, 0o600))
        log.open()
    except OSError as exc:
        raise StoreError(
            f"{path} is from an older briefing-tui and must be upgraded, but its history log "
            f"{log.path.name} cannot be created ({exc.strerror or exc}). Open it where you "
            "may write, or copy it to a folder of yours.",
            path=str(path),
        ) from None
    log.lock(storage.lock_timeout)
    try:
        raw = path.read_bytes()
        data = parse_store(raw, str(path))
        if meta_of(data)["schema_version"] != 1:
            return  # another process migrated it while we waited for the lock
        _migrate_locked(storage, raw, data)
    finally:
        log.unlock()
        log.close()


def _migrate_locked(storage: DurableStorage, raw: bytes, data: Tables) -> None:
    path, log = storage.path, storage.log
    write_atomically(v1_backup_path(path), raw)
    if log.size():
        header = log.read_header()
        last_v1 = max(map(int, data.get("history", {})), default=0)
        newer = header is not None and any(
            e["seq"] > last_v1 for _, e in log.read_from(log.header_end, 0)[0]
        )
        if header is None or header.get("migrated_from") != 1 or newer:
            raise CorruptStoreError(
                f"{path} is from an older briefing-tui, but a history log {log.path.name} "
                "that is not an unfinished upgrade of it (it has other or newer changes) lies "
                "beside it. Nothing was changed. Move one of them aside, or run "
                "briefing-tui --recover.",
                path=str(path),
            )
        log.truncate(0)  # (ours, and not yet referenced by any snapshot)
    store_id = uuid.uuid4().hex
    log.write_header(store_id, migrated_from=1)
    history = data.pop("history", {})
    lines: list[bytes] = []
    last_seq = 0
    for key in sorted(history, key=int):
        entry = history[key]
        if not isinstance(entry.get("table"), str) or not isinstance(entry.get("doc_id"), int):
            raise CorruptStoreError(
                f"{path}: history entry #{key} has no table or doc_id, so it cannot be moved "
                "to the log. Nothing was changed. Fix or remove that entry.",
                path=str(path),
            )
        entry.pop("seq", None)
        entry.pop("end", None)
        last_seq = int(key)
        lines.append(encode_entry({"seq": last_seq, **entry}))
        if len(lines) >= 4096:
            log.append_unsynced(b"".join(lines))
            lines = []
    end = log.append(b"".join(lines))
    old_meta = meta_of(data)
    last_ids: dict[str, Any] = {
        k: v for k, v in (old_meta.get("last_ids") or {}).items() if k != "history"
    }
    meta = {
        **old_meta,
        "schema_version": SCHEMA_VERSION,
        "store_id": store_id,
        "last_ids": last_ids,
        "log_seq": last_seq,
        "log_offset": end,
        "snapshot_id": uuid.uuid4().hex,
        "migrated_from": 1,
    }
    tables: Tables = {"meta": {next(iter(data["meta"])): meta}}
    for name, table in data.items():
        if name != "meta":
            tables[name] = table
    for name in TABLES:
        tables.setdefault(name, {})
    write_atomically(path, orjson.dumps(tables))
    # Schema 1 locked a separate file; the lock is on the log now, so that one is litter.
    with contextlib.suppress(OSError):
        path.with_name(path.name + ".lock").unlink()
