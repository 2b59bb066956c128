"""The lossless JSON export (``import_json`` in json_import.py reads it back)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ..briefing import Briefing
from ..clean import escape_json
from ..models import Actor, HistoryEntry, Rebuttal, Statement, iso, utc_now
from ..storage import SCHEMA_VERSION
from .common import FORMAT_NAME, FORMAT_VERSION
from .selection import Selection, _view


def _doc(model: Actor | Statement | Rebuttal) -> dict[str, Any]:
    return {"id": model.id, **model.to_doc()}


def _history_doc(entry: HistoryEntry) -> dict[str, Any]:
    doc = entry.model_dump(mode="json")
    doc["at"] = iso(entry.at)
    for key in ("group", "undoes", "redoes"):
        if doc.get(key) is None:
            doc.pop(key, None)
    for key in ("reason", "batch"):
        if not doc.get(key):
            doc.pop(key, None)
    return doc


def export_data(
    briefing: Briefing, selection: Selection | None = None, *, now: datetime | None = None
) -> dict[str, Any]:
    """The JSON export as a dict (see the module docstring for the layout)."""
    selection = selection or Selection()
    view = _view(briefing, selection)
    rebuttals = [r for items in view.rebuttals.values() for r in items]
    rebuttals.sort(key=lambda r: r.id or 0)
    history = list(reversed(briefing.history()))  # oldest first
    if not selection.empty:
        keep = {("actors", i) for i in view.actors}
        keep |= {("statements", s.id) for s in view.statements}
        keep |= {("rebuttals", r.id) for r in rebuttals}
        history = [h for h in history if (h.table, h.doc_id) in keep]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": iso(now or utc_now()),
        "schema_version": SCHEMA_VERSION,
        "selection": None if selection.empty else selection.as_dict(),
        "actors": [_doc(a) for a in sorted(view.actors.values(), key=lambda a: a.id or 0)],
        "statements": [_doc(s) for s in view.statements],
        "rebuttals": [_doc(r) for r in rebuttals],
        "history": [_history_doc(h) for h in history],
    }


def _json(briefing: Briefing, selection: Selection, *, now: datetime) -> str:
    data = export_data(briefing, selection, now=now)
    return escape_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
