"""The store's exception family: every message names what is wrong and what to do."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises; ``str(err)`` is meant for a person."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return self.message


class CorruptStoreError(StoreError):
    """The file is not a briefing store: empty, truncated, not JSON, or a foreign layout."""


class SchemaVersionError(StoreError):
    """The file was written by a newer program (or carries an unknown schema version)."""


class ValidationError(StoreError):
    """A field failed validation; ``field`` names it, ``reason`` says why."""

    def __init__(
        self,
        message: str,
        *,
        field: str = "",
        reason: str = "",
        problems: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.reason = reason
        # Every (field, reason) found, so a form can show each under its own field.
        self.problems = problems if problems is not None else []


class NotFoundError(StoreError):
    """An id that does not exist (or no longer exists) in its table."""


class DanglingReferenceError(StoreError):
    """A change would leave a reference dangling (a statement without its actor, ...)."""


class LockTimeoutError(StoreError):
    """Another process held the store's lock for too long."""


class StoreWriteError(StoreError):
    """Writing the file failed (disk full, read-only folder, ...); nothing was lost in memory."""


class NothingToUndoError(StoreError):
    """``undo()`` was called with no change left to undo."""


class NothingToRedoError(StoreError):
    """``redo()`` was called with no undone change to re-apply (none undone, or a new
    change was made after the undo)."""
