"""Briefings out: a Markdown briefing, lossless JSON (and its import), ClaimReview, CSV.

Pure Python over the ``Briefing`` gateway's public methods: no textual, no rich.

Every export takes the same selection as the app's statements pane (``status``,
``actor_id`` or ``actor_name``, ``text``), so "export the current view" is one call::

    from store.export import export_briefing, write_export, import_json
    text = export_briefing(briefing, "md", status="disputed")
    write_export(briefing, "csv", "view.csv", actor_name="Kellogg")
    report = import_json(other_briefing, "briefing.json")

JSON import and history: an export carries the source store's history (every entry,
as stored). ``import_json`` does **not** replay that foreign history into the target:
its doc_ids refer to the source store, and replaying it would let ``undo`` reach into
changes the target never made. The import itself is recorded in the target's history
as one batch (one undo step removes all of it); the report says how many foreign
history entries were left out.

Every format is inert (store/clean.py says which characters and why): Markdown and CSV
drop escape sequences, C0/C1 controls, bidi overrides and invisible characters; JSON
and ClaimReview keep the text exactly but write those characters as ``\\uXXXX``
escapes, so no file holds a raw one; CSV cells that a spreadsheet would run as a
formula get a leading apostrophe.

One module per format (``md``, ``json``, ``claimreview``, ``csv``), the selection
(``selection``), the JSON import (``json_import``) and what they share (``common``);
this package's names are the public ones.

What an import cannot keep (the gateway sets them): new ids, ``created_at`` and
``updated_at`` of added documents, and the ``at`` time of imported annotations are the
time of the import.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from ..briefing import Briefing
from ..clean import clean_text
from ..graph_export import dot_export
from ..models import Status, utc_now
from ..snapshot import write_atomically
from .claimreview import _claimreview, claim_reviews
from .common import (
    CSV_COLUMNS,
    CSV_JOIN,
    DEFAULT_REVIEWER,
    FORMAT_LABELS,
    FORMAT_NAME,
    FORMAT_VERSION,
    FORMATS,
    STATUS_ORDER,
    STATUS_SYMBOLS,
    SUFFIXES,
    ExportError,
    status_label,
)
from .csv import _csv, csv_cell
from .json import _json, export_data
from .json_import import ImportReport, import_json
from .md import _markdown, _md_item, md_escape
from .selection import Selection, _view, parse_status, resolve_selection

__all__ = [
    "CSV_COLUMNS",
    "CSV_JOIN",
    "DEFAULT_REVIEWER",
    "FORMATS",
    "FORMAT_LABELS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "STATUS_ORDER",
    "STATUS_SYMBOLS",
    "SUFFIXES",
    "ExportError",
    "ImportReport",
    "Selection",
    "_md_item",
    "claim_reviews",
    "clean_text",
    "csv_cell",
    "default_filename",
    "export_briefing",
    "export_data",
    "import_json",
    "md_escape",
    "parse_status",
    "resolve_selection",
    "status_label",
    "write_export",
]


def export_briefing(
    briefing: Briefing,
    fmt: str,
    *,
    status: Status | str | None = None,
    actor_id: int | None = None,
    actor_name: str | None = None,
    text: str | None = None,
    reviewer: str = DEFAULT_REVIEWER,
    review_url: str | None = None,
    title: str | None = None,
    now: datetime | None = None,
) -> str:
    """The export of (a selection of) ``briefing`` in format ``fmt`` as text.

    ``fmt`` is one of ``FORMATS``. ``reviewer`` and ``review_url`` (a base URL; each
    review gets ``<base>#statement-<id>``) are used by ClaimReview; ``title`` by the
    Markdown briefing; ``now`` is the export time (UTC; default: the current time).
    """
    fmt = _check_format(fmt)
    selection = resolve_selection(
        briefing, status=status, actor_id=actor_id, actor_name=actor_name, text=text
    )
    now = now or utc_now()
    if fmt == "md":
        return _markdown(briefing, _view(briefing, selection), title=title, now=now)
    if fmt == "json":
        return _json(briefing, selection, now=now)
    if fmt == "claimreview":
        return _claimreview(
            briefing, _view(briefing, selection), reviewer=reviewer, review_url=review_url
        )
    if fmt == "dot":
        return dot_export(briefing, selection.statement_ids(briefing))
    return _csv(_view(briefing, selection))


def write_export(
    briefing: Briefing, fmt: str, path: str | os.PathLike[str], **options: Any
) -> Path:
    """Write ``export_briefing(briefing, fmt, **options)`` to ``path`` atomically.

    The file appears whole or not at all (temp file, fsync, ``os.replace``). A bad
    format, a bad selection or an unwritable path raises ExportError before anything
    is written. Returns the path written.
    """
    fmt = _check_format(fmt)
    target = _check_target(Path(path).expanduser())
    content = export_briefing(briefing, fmt, **options)
    _write_atomically(target, content.encode("utf-8"))
    return target


def default_filename(fmt: str, now: datetime | None = None) -> str:
    """A sensible file name for an export, e.g. ``briefing-2025-06-21.md``."""
    fmt = _check_format(fmt)
    day = (now or utc_now()).date().isoformat()
    return f"briefing-{day}{SUFFIXES[fmt]}"


def _check_format(fmt: str) -> str:
    key = str(fmt).strip().casefold()
    if key in ("markdown",):
        key = "md"
    if key not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    return key


def _check_target(path: Path) -> Path:
    if path.is_dir():
        raise ExportError(f"{path} is a folder. Give a file name to export to, e.g. {path}/x.md.")
    parent = path.parent
    if not parent.exists():
        raise ExportError(
            f"Cannot write {path}: the folder {parent} does not exist. Create it first or "
            "choose another path."
        )
    if not parent.is_dir():
        raise ExportError(f"Cannot write {path}: {parent} is a file, not a folder.")
    return path


def _write_atomically(path: Path, payload: bytes) -> None:
    try:
        # 0o666 before the umask: an export is an ordinary document.
        write_atomically(path, payload, new_mode=0o666)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"Cannot write {path}: {reason}. Check the folder's permissions and free space, "
            "or choose another path."
        ) from None
