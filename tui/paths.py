"""Where the store lives by default (no textual import: the CLI uses this too)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

APP_NAME = "briefing-tui"


def store_path(db: str | None = None) -> Path:
    """The store-path rule, the only copy of it: ``--db`` (given here as ``db``), else the
    ``BRIEFING_DB`` environment variable, else ``briefing.json`` in the user data folder."""
    chosen = explicit_store(db)
    if chosen:
        return Path(chosen).expanduser()
    return platformdirs.user_data_path(APP_NAME) / "briefing.json"


def explicit_store(db: str | None = None) -> str | None:
    """The path the user named (``--db``, else ``BRIEFING_DB``), None for the default."""
    return db or os.environ.get("BRIEFING_DB") or None


def default_store_path() -> Path:
    """``BRIEFING_DB`` if set, else ``briefing.json`` in the user data folder."""
    return store_path(None)


def _export_memory() -> Path:
    return platformdirs.user_state_path(APP_NAME) / "export.json"


def export_folder() -> Path:
    """Where the export dialog writes: the folder used last time, else the user's
    documents folder (when it exists), else their home folder."""
    try:
        folder = Path(json.loads(_export_memory().read_text(encoding="utf-8"))["folder"])
        if folder.is_dir():
            return folder
    except (OSError, ValueError, KeyError, TypeError):
        pass  # never exported, or the memory is unreadable: use the default
    documents = platformdirs.user_documents_path()
    return documents if documents.is_dir() else Path.home()


def remember_export_folder(folder: Path) -> None:
    """Keep ``folder`` for the next export (best effort: an export never fails on this)."""
    memory = _export_memory()
    try:
        memory.parent.mkdir(parents=True, exist_ok=True)
        memory.write_text(json.dumps({"folder": str(folder)}), encoding="utf-8")
    except OSError:
        pass
