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

STATUS_SYMBOLS: dict[Status, str] = {
    Status.DISPUTED: "⚠",
    Status.FALSE: "✗",
    Status.UNVERIFIED: "?",
    Status.RETRACTED: "↺",
    Status.CONFIRMED: "✓",
}
"""One symbol per status, shown next to the word (never instead of it)."""

STATUS_ORDER: tuple[Status, ...] = (
    Status.DISPUTED,
    Status.FALSE,
    Status.UNVERIFIED,
    Status.RETRACTED,
    Status.CONFIRMED,
)
"""Briefing order: disputed and false claims first."""

# ClaimReview ratings: the textual rating is what readers see; a numeric value is given
# only where it means something on the 1 (false) .. 5 (true) scale fact checkers use.
_RATINGS: dict[Status, tuple[str, int | None]] = {
    Status.DISPUTED: ("Disputed", None),
    Status.CONFIRMED: ("True", 5),
    Status.FALSE: ("False", 1),
    Status.RETRACTED: ("Retracted", None),
}
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
    """``"⚠ Disputed"``: the symbol and the word."""
    status = Status(status)
    return f"{STATUS_SYMBOLS[status]} {status.value.capitalize()}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
