"""What every export format shares: format names, status words and symbols, the error."""

from __future__ import annotations

from ..errors import StoreError
from ..models import ActorKind, Status

FORMATS: tuple[str, ...] = ("md", "json", "claimreview", "csv", "dot")
"""Export formats, in the order a picker should offer them."""

FORMAT_LABELS: dict[str, str] = {
    "md": "Markdown briefing",
    "json": "JSON (whole store, lossless; can be imported)",
    "claimreview": "ClaimReview JSON-LD (schema.org fact checks)",
    "csv": "CSV (one row per statement)",
    "dot": "Graphviz DOT (who rebuts whom)",
}

SUFFIXES: dict[str, str] = {
    "md": ".md",
    "json": ".json",
    "claimreview": ".jsonld",
    "csv": ".csv",
    "dot": ".dot",
}

FORMAT_NAME = "briefing-tui/export"
FORMAT_VERSION = 1
DEFAULT_REVIEWER = "briefing-tui analyst"

STATUS_SYMBOLS: dict[Status, str] = {s: s.symbol for s in Status}
"""One symbol per status (``Status.symbol``), shown next to the word."""

STATUS_ORDER: tuple[Status, ...] = (
    Status.DISPUTED,
    Status.FALSE,
    Status.UNVERIFIED,
    Status.RETRACTED,
    Status.CONFIRMED,
)
"""Briefing order: disputed and false claims first."""

_ORGANISATION_KINDS = {ActorKind.GOVERNMENT, ActorKind.ORGANISATION, ActorKind.MEDIA}

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "actor",
    "date",
    "status",
    "text",
    "source",
    "url",
    "rebuttals",
    "annotations",
    "tags",
)
CSV_JOIN = " | "


class ExportError(StoreError):
    """An export or import could not be done; the message says what was wrong and what
    to do. Nothing was written (no file, no change to the store) when it is raised."""


def status_label(status: Status | str) -> str:
    """``"! disputed"``: the symbol and the word, as the app shows them (``Status.label``)."""
    return Status(status).label


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
