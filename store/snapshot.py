"""The snapshot file: a plain TinyDB JSON file of the store's tables, written atomically.

Schema 2 holds ``meta``, ``actors``, ``statements`` and ``rebuttals``; the history lives in
the log beside it (see ``store.log``). ``meta`` says how far the log is folded in:
``log_seq`` (the last sequence number applied) and ``log_offset`` (the byte just after it).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import stat
import threading
import uuid
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from .errors import CorruptStoreError, SchemaVersionError, StoreError

SEAL = "body_sum"
"""Meta field of a snapshot we wrote: the Adler-32 of every byte after the meta table.
A file whose body still matches it holds documents that were checked on their way in,
so opening it needs no second check; any other file (edited by another program, or by
hand) is checked document by document."""
_UNSEALED = "--------"

SCHEMA_VERSION = 2
TABLES = ("actors", "statements", "rebuttals")

Tables = dict[str, dict[str, dict[str, Any]]]


def new_meta() -> dict[str, Any]:
    """The meta document of a new, empty schema-2 store."""
    return {
        "schema_version": SCHEMA_VERSION,
        "store_id": uuid.uuid4().hex,
        "last_ids": {},
        "log_seq": 0,
        "log_offset": 0,
        "snapshot_id": uuid.uuid4().hex,
    }


def empty_tables(meta: dict[str, Any] | None = None) -> Tables:
    tables: Tables = {"meta": {"1": meta or new_meta()}}
    for name in TABLES:
        tables[name] = {}
    return tables


def meta_of(data: Tables) -> dict[str, Any]:
    return next(iter(data["meta"].values()))


def log_path(path: Path) -> Path:
    """The history log beside a snapshot."""
    return path.with_name(path.name + ".log")


def resolve_store_path(path: Path) -> Path:
    """The real file behind ``path``: a symlink is followed once here, so the real file is
    the one locked and replaced (replacing the link itself would cut it loose)."""
    if path.is_symlink() and not path.exists():
        raise StoreError(
            f"{path} is a symbolic link to {os.readlink(path)}, which does not exist. Fix the "
            "link or give the real file with --db.",
            path=str(path),
        )
    return Path(os.path.realpath(path))


def check_regular(path: Path, what: str = "store file") -> os.stat_result | None:
    """Stat ``path``; refuse anything that is not a regular file (a FIFO would hang the
    read, a device would read until memory runs out). None when it does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(
            f"Cannot open {path}: {exc.strerror or exc}. Check the path and permissions.",
            path=str(path),
        ) from None
    if stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} is a folder, not a {what}. Give a file path.", path=str(path))
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(
            f"{path} is not a regular file (a pipe, socket or device), so it cannot be a "
            f"{what}. Give the path of a briefing store with --db.",
            path=str(path),
        )
    return st


def parse_store(raw: bytes, path: str, *, max_version: int = SCHEMA_VERSION) -> Tables:
    """Parse and check a snapshot's bytes (schema 1 or 2); raise CorruptStoreError or
    SchemaVersionError with a message naming the file."""
    if not raw.strip():
        raise CorruptStoreError(
            f"{path} is empty: it is not a briefing store. Move it aside or choose another "
            "file with --db.",
            path=path,
        )
    # The cyclic GC would rescan millions of fresh objects while they are created; after,
    # freeze + unfreeze moves them to the oldest generation without a scan.
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
    if version > max_version:
        raise SchemaVersionError(
            f"{path} was written by a newer briefing-tui (schema version {version}; this "
            f"program reads up to {max_version}). Upgrade briefing-tui to open it.",
            path=path,
        )
    if version < 1:
        raise SchemaVersionError(f"{path}: unknown schema version {version}.", path=path)
    if version >= 2:
        meta_doc = next(iter(meta.values()))
        for name in ("log_seq", "log_offset"):
            if not isinstance(meta_doc.get(name), int) or meta_doc[name] < 0:
                raise CorruptStoreError(
                    f"{path}: meta.{name} is missing or not a count, so the history log "
                    "cannot be matched to it.",
                    path=path,
                )
    for name in TABLES:
        data.setdefault(name, {})
    return data


def read_meta(path: Path) -> dict[str, Any] | None:
    """The meta document from the start of a snapshot we wrote (meta comes first), without
    parsing the rest; None when it is not there (another program wrote the file)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return None
    text = head.decode("utf-8", "replace")
    prefix = '{"meta":{"1":'
    if not text.startswith(prefix):
        return None
    try:
        meta, _ = json.JSONDecoder().raw_decode(text, len(prefix))
    except ValueError:
        return None
    return meta if isinstance(meta, dict) else None


def fsync_dir(folder: Path) -> None:
    # A rename is durable only once the folder's entry is on disk too.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    return path.parent / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"


def write_temp(
    path: Path, payload: bytes | Iterable[bytes], *, new_mode: int = 0o600, seal: bool = False
) -> Path:
    """Write ``payload`` (bytes, or pieces) to a fsynced temp file beside ``path``; it
    gets ``path``'s permissions, or ``new_mode`` (before the umask) for a new file.

    ``seal=True``: ``payload`` is ``encode_tables(sealed_tables(...))``; the placeholder
    in its meta is overwritten with the body's checksum before the fsync."""
    tmp = temp_name(path)
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = new_mode
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        try:
            pieces = [payload] if isinstance(payload, bytes) else payload
            buf: list[bytes] = []
            size = 0
            sealer = _Sealer() if seal else None
            for piece in pieces:
                if sealer is not None:
                    sealer.feed(piece)
                buf.append(piece)
                size += len(piece)
                if size >= 1 << 20:  # few large writes, without holding the whole file
                    _write_all(fd, b"".join(buf))
                    buf, size = [], 0
            _write_all(fd, b"".join(buf))
            if sealer is not None:
                sealer.close(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def install(tmp: Path, path: Path) -> None:
    """Put a temp file from ``write_temp`` in place atomically and durably."""
    try:
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def write_atomically(
    path: Path, payload: bytes | Iterable[bytes], *, new_mode: int = 0o600
) -> None:
    """Write ``payload`` so a crash leaves the old file or the new one, never a mix: the
    one atomic-write helper of ``store`` (temp file, fsync, rename, fsync the folder).
    A new file gets ``new_mode`` (default private: stores hold unpublished work)."""
    install(write_temp(path, payload, new_mode=new_mode), path)


class _Sealer:
    """Finds the seal placeholder in the meta table (the first pieces) and sums the rest."""

    _MARK = f'"{SEAL}":"{_UNSEALED}"'.encode()

    def __init__(self) -> None:
        self.head = b""
        self.at: int | None = None  # file offset of the placeholder's value
        self.body = False
        self.sum = zlib.adler32(b"")

    def feed(self, piece: bytes) -> None:
        if self.body:
            self.sum = zlib.adler32(piece, self.sum)
            return
        self.head += piece
        if piece == b"}":
            # encode_tables yields "{", '"meta":{', the meta document, then "}" closing
            # the meta table: everything after it is the body. (The head starts the file.)
            found = self.head.find(self._MARK)
            if found >= 0:
                self.at = found + len(SEAL) + 4
            self.body = True

    def close(self, fd: int) -> None:
        if self.at is not None:
            os.pwrite(fd, f"{self.sum:08x}".encode(), self.at)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_RUN = 512  # documents encoded per call: short calls let the app's thread take the GIL


def sealed_tables(data: Tables) -> Tables:
    """``data`` with a placeholder seal in its meta, for ``write_temp(..., seal=True)``."""
    key, meta = next(iter(data["meta"].items()))
    return {**data, "meta": {key: {**meta, SEAL: _UNSEALED}}}


def is_sealed(raw: bytes, data: Tables) -> bool:
    """Whether ``raw`` (parsed as ``data``) is a snapshot we wrote, body unchanged since."""
    meta = data.get("meta") or {}
    seal = next(iter(meta.values()), {}).get(SEAL) if meta else None
    if not isinstance(seal, str) or len(seal) != 8:
        return False
    head = b'{"meta":' + orjson.dumps(meta)
    if not raw.startswith(head):
        return False
    return f"{zlib.adler32(memoryview(raw)[len(head) :]):08x}" == seal


def encode_tables(data: Tables) -> Iterable[bytes]:
    """The tables as TinyDB JSON, in pieces of a few hundred documents (meta first, so
    ``read_meta`` finds it). Joined, the pieces are one JSON object."""
    yield b"{"
    names = ["meta", *(n for n in data if n != "meta")]
    for i, name in enumerate(names):
        table = data.get(name, {})
        yield (b"," if i else b"") + orjson.dumps(name) + b":{"
        keys = list(table)
        for start in range(0, len(keys), _RUN):
            piece = orjson.dumps({k: table[k] for k in keys[start : start + _RUN]})[1:-1]
            yield (b"," if start else b"") + piece
        yield b"}"
    yield b"}"


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def stale_temps(path: Path) -> list[Path]:
    """Our temp files beside ``path`` whose writing process is gone."""
    out = []
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            middle = name[len(prefix) : -len(".tmp")].split(".")
            if len(middle) == 2 and middle[0].isdigit() and not pid_alive(int(middle[0])):
                out.append(Path(entry.path))
    return out


def is_store_layout(data: Any) -> bool:
    """Whether ``data`` looks like our tables (used by importers)."""
    return isinstance(data, dict) and "meta" in data and all(t in data for t in TABLES)
