"""briefing-tui's store: models, the Briefing gateway and durable TinyDB storage.

A plain Python library: it never imports textual or rich, so scripts and notebooks can
use it without a terminal.
"""

from .briefing import Briefing, Change, StoreSnapshot
from .errors import (
    CorruptStoreError,
    DanglingReferenceError,
    LockTimeoutError,
    NotFoundError,
    NothingToRedoError,
    NothingToUndoError,
    SchemaVersionError,
    StoreError,
    StoreWriteError,
    ValidationError,
)
from .models import (
    Actor,
    ActorKind,
    Annotation,
    ClaimRating,
    HistoryEntry,
    Rebuttal,
    Statement,
    Status,
)
from .storage import SCHEMA_VERSION, DurableStorage

# What an application needs beyond the gateway, imported on first use so that
# ``import store`` stays light (the extractor and the exports are not needed to open a
# store): name -> the module that defines it.
_LAZY: dict[str, str] = {
    "TEXT_MAX": "store.models",
    "NAME_MAX": "store.models",
    "SHORT_MAX": "store.models",
    "clean_text": "store.clean",
    "make_backup": "store.backup",
    "recover": "store.backup",
    "can_recover": "store.backup",
    "has_backup": "store.backup",
    "build_sample": "store.sample",
    "resolve_store_path": "store.snapshot",
    "DEFAULT_REVIEWER": "store.export",
    "FORMATS": "store.export",
    "FORMAT_LABELS": "store.export",
    "ExportError": "store.export",
    "default_filename": "store.export",
    "export_briefing": "store.export",
    "write_export": "store.export",
    "import_json": "store.export",
    "accept_suggestions": "store.article_import",
    "mark_present": "store.article_import",
    "default_keys": "store.article_import",
    "extract": "store.ingest",
    "read_article": "store.ingest",
    "BAR_FILLS": "store.views",
    "Counterpart": "store.views",
    "DisputeMap": "store.views",
    "Pair": "store.views",
    "Scorecard": "store.views",
    "Timeline": "store.views",
    "ViewCache": "store.views",
    "SORTS": "store.indexes",  # the orders statement_ids(sort=...) reads statements in
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'store' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [  # the gateway's names, then the lazy ones
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Annotation",
    "Briefing",
    "Change",
    "ClaimRating",
    "CorruptStoreError",
    "DanglingReferenceError",
    "DurableStorage",
    "HistoryEntry",
    "LockTimeoutError",
    "NotFoundError",
    "NothingToRedoError",
    "NothingToUndoError",
    "Rebuttal",
    "SchemaVersionError",
    "Statement",
    "Status",
    "StoreError",
    "StoreSnapshot",
    "StoreWriteError",
    "ValidationError",
    *_LAZY,
]
