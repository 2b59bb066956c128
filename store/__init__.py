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
    NothingToUndoError,
    SchemaVersionError,
    StoreError,
    StoreWriteError,
    ValidationError,
)
from .models import Actor, ActorKind, Annotation, HistoryEntry, Rebuttal, Statement, Status
from .storage import SCHEMA_VERSION, DurableStorage

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Annotation",
    "Briefing",
    "Change",
    "CorruptStoreError",
    "DanglingReferenceError",
    "DurableStorage",
    "HistoryEntry",
    "LockTimeoutError",
    "NotFoundError",
    "NothingToUndoError",
    "Rebuttal",
    "SchemaVersionError",
    "Statement",
    "Status",
    "StoreError",
    "StoreSnapshot",
    "StoreWriteError",
    "ValidationError",
]
