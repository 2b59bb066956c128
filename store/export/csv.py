"""CSV, one row per statement; cells guarded against spreadsheet formulas."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..clean import clean_text
from .common import CSV_COLUMNS, CSV_JOIN
from .selection import _View

_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # (and fullwidth = + - @)


def csv_cell(value: Any) -> Any:
    """A CSV cell safe to open in a spreadsheet: cleaned like every export, and text
    whose first visible character is ``= + - @`` (or their fullwidth forms, or that
    starts with a tab) gets a leading apostrophe so it is not run as a formula."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value[:1] in _FORMULA_START or value.lstrip()[:1] in _FORMULA_START:
        return "'" + value
    return value


def _csv(view: _View) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for st in view.statements:
        assert st.id is not None
        row = [
            st.id,
            view.actor_name(st.actor_id),
            st.said_on.isoformat() if st.said_on else "",
            st.status.word,
            st.text,
            st.source,
            st.url,
            len(view.rebuttals.get(st.id, ())),
            CSV_JOIN.join(a.text for a in st.annotations),
            ", ".join(st.tags),
        ]
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()
