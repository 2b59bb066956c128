"""The statements pane as a table: status, date, actor, text and rebuttal count, in the
columns the pane's width allows, with a one-line header that shows the sort.

``Columns`` is the layout for one width (which columns show, and how wide); the list
draws each row as one cell per column from it, and the header draws the column names
from the same layout, so the two always line up. Rows are drawn on demand (the list is a
``RecordList``); user text in them is data: segments, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.widget import Widget

from store import SORTS as STORE_SORTS
from store import Briefing, Status

from .marks import MarkedRows
from .panes import STATUS_WIDTH, RecordList, fit_width, status_label
from .text import clean, match_spans, shorten

# The orders the list can be read in (the store's), in the order S cycles through them.
SORTS = STORE_SORTS
SORT_WORDS = {
    "recorded": "order recorded",
    "date": "date",
    "actor": "actor",
    "status": "status",
}
# The column that shows each sort's arrow in the header.
SORT_COLUMN = {"recorded": "text", "date": "date", "actor": "actor", "status": "status"}
ARROW = "▲"

DATE_WIDTH = 10  # an ISO date
COUNT_WIDTH = 4  # "↩12" and a space before it


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns a list ``width`` cells wide shows, and how wide each is.

    Narrow (an 80-column terminal): the status symbol, the actor and the text. Wider
    panes add the rebuttal count, then the date, then the status word (the symbol
    already says it: colour is never the only signal); the actor column
    grows with the width. Every column is a fixed width, so the text column starts at
    the same cell in every row whatever the status word's length.
    """

    width: int
    status: int  # 1 (the symbol) or STATUS_WIDTH (symbol and word)
    date: int  # 0: not shown
    actor: int
    rebuttals: int  # 0: not shown
    text: int

    @classmethod
    def for_width(cls, width: int, actor: bool = True) -> Columns:
        """The columns of a list ``width`` cells wide; no actor column when ``actor`` is
        False (the list shows one actor's statements, and its title names them)."""
        rebuttals = COUNT_WIDTH if width >= 40 else 0
        date = DATE_WIDTH if width >= 56 else 0
        status = STATUS_WIDTH if width >= 72 else 1
        actor_width = max(6, min(40, width // 4)) if actor else 0
        # one space before the status, one after each column but the last
        used = 1 + status + 1 + (date + 1 if date else 0) + rebuttals + 1
        used += actor_width + 1 if actor_width else 0
        actor = actor_width
        return cls(width, status, date, actor, rebuttals, max(0, width - used))

    def cells(self) -> list[tuple[str, int]]:
        """(column name, width) of each column shown, left to right, gaps included
        (a gap is named "")."""
        cells = [("", 1), ("status", self.status), ("", 1)]  # (the first: a row's mark)
        if self.date:
            cells += [("date", self.date), ("", 1)]
        if self.actor:
            cells += [("actor", self.actor), ("", 1)]
        cells.append(("text", self.text))
        if self.rebuttals:
            cells.append(("rebuttals", self.rebuttals))
        cells.append(("", 1))
        return cells


HEADINGS = {
    "status": ("Status", "S"),
    "date": ("Date", "Date"),
    "actor": ("Actor", "Actor"),
    "text": ("Statement", "Statement"),
    "rebuttals": ("  ↩", "↩"),
}


def heading(column: str, width: int, sort: str, shown: bool = True) -> str:
    """A column's name cut to its width, with the sort's arrow on the sorted column (on
    the text column, with the sort's name, when the sort has no column or it is not
    ``shown``: the date column of a narrow pane)."""
    long, short = HEADINGS[column]
    name = long if cell_len(long) <= width else short
    if column == "text" and (sort == "recorded" or not shown):
        name += f" ({ARROW} {SORT_WORDS[sort]})"
    elif shown and SORT_COLUMN.get(sort) == column:
        name = fit_width(name, width - 2) + " " + ARROW
    return fit_width(name, width)


class StatementList(MarkedRows, RecordList):
    """Statements as a table: mark, status, date, actor, text, rebuttal count."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *RecordList.COMPONENT_CLASSES,
        "record-list--match",
        "statement-list--mark",
    }

    title = "Statements"
    empty_hint = (
        "No statements yet: press {new} to add one (add an actor first in pane {pane-actors})."
    )

    def __init__(self, briefing: Briefing, **kwargs: Any) -> None:
        super().__init__(briefing, **kwargs)
        self.actor_id: int | None = None
        self.actor_label = ""
        self.sort = "recorded"  # one of SORTS
        self.status: Status | None = None  # only statements with this status
        self.header: StatementHeader | None = None  # the header row above (it registers)

    # -- what is shown ----------------------------------------------------------------

    def load_ids(self) -> list[int]:
        return self.briefing.statement_ids(
            actor_id=self.actor_id,
            status=self.status,
            text=self.filter_text or None,
            sort=self.sort,
        )

    @property
    def narrowed(self) -> bool:
        """Whether a change to any statement may add, remove or move rows (a filter, a
        status filter or a sort other than the order recorded is in force)."""
        return bool(self.filter_text) or self.status is not None or self.sort != "recorded"

    def set_sort(self, sort: str) -> None:
        self.sort = sort
        self.reload()  # (the title and the header's arrow follow: _update_title)

    def set_status_filter(self, status: Status | None) -> None:
        self.status = status
        self.reload()

    def empty_text(self) -> str:
        if self.status is not None and not self.filter_text:
            whose = f" by {shorten(self.actor_label, 30)}" if self.actor_id is not None else ""
            return (
                f"No {self.status.value} statements{whose}: "
                f"{self.key_for('status-filter')} shows other statuses."
            )
        if not self.filter_text and self.actor_id is not None:
            who = shorten(self.actor_label, 30)
            return f"No statements by {who} yet: press {self.key_for('new')} to add one."
        return super().empty_text()

    def _update_title(self) -> None:
        # The marks first after the count: a narrow pane cuts the title's end.
        parts = [f"{self.title} ({len(self.ids):,})", self.marks_title()]
        if self.actor_id is not None:
            parts.append(f"by {shorten(self.actor_label, 24)}")
        if self.status is not None:
            parts.append(f"only {status_label(self.status)}")
        if self.filter_text:
            parts.append(f"filter: {shorten(self.filter_text, 20)}")
        if self.sort != "recorded":  # (last: the header's arrow says it too)
            parts.append(f"sorted by {SORT_WORDS[self.sort]}")
        self.set_title(" · ".join(p for p in parts if p))
        if self.header is not None:
            self.header.refresh()  # (one actor's statements have no actor column)

    def on_resize(self) -> None:
        super().on_resize()
        if self.header is not None:
            self.header.refresh()

    # -- rows ---------------------------------------------------------------------------

    @property
    def columns(self) -> Columns:
        width = self.size.width
        actor = self.actor_id is None
        columns = self._columns
        if columns is None or columns.width != width or bool(columns.actor) != actor:
            columns = self._columns = Columns.for_width(width, actor)
        return columns

    _columns: Columns | None = None

    def render_row(self, doc_id: int, width: int) -> list[Segment]:
        doc = self.briefing.statement_doc(doc_id)
        if doc is None:
            return [Segment(" (deleted)")]
        columns = self.columns
        # The first cell: the mark of a marked row (tui/marks.py), else a blank.
        segments = [self.mark_cell() if doc_id in self.marked else Segment(" ")]
        segments += self._status_cell(doc, columns.status)
        segments.append(Segment(" "))
        if columns.date:
            date = doc.get("said_on") or ""
            segments.append(Segment(f"{date:<{columns.date}} ", self.style("record-list--muted")))
        if columns.actor:
            actor = clean(self.briefing.actor_name(doc["actor_id"]), one_line=True)
            segments += self._text_cell(
                actor, columns.actor, self.style("record-list--strong"), tail=" "
            )
        segments += self._text_cell(clean(doc["text"], one_line=True), columns.text, None)
        if columns.rebuttals:
            count = self.briefing.rebuttal_count(doc_id)
            shown = f"↩{count}" if count else ""
            segments.append(
                Segment(f"{shown:>{columns.rebuttals}}", self.style("record-list--muted"))
            )
        return segments

    def _status_cell(self, doc: dict[str, Any], width: int) -> list[Segment]:
        status = Status(doc.get("status", "unverified"))
        label = status.symbol if width < STATUS_WIDTH else status_label(status)
        return [Segment(f"{label:<{width}}", self.style(f"status--{status.value}"))]

    def _text_cell(
        self, text: str, width: int, style: Style | None, tail: str = ""
    ) -> list[Segment]:
        """``text`` cut and padded to ``width`` cells, then ``tail``, the filter's matches
        marked (a text whose first match lies past the cell's end is shown from a little
        before it, after an ellipsis: the row shows why it matched). The padding keeps
        the cell's style: an SVG screenshot drops the spaces that open a run of text."""
        spans = match_spans(text, self.filter_text) if self.filter_text else []
        if spans and width > 8 and cell_len(text[: spans[0][1]]) > width - 1:
            text = "…" + text[max(0, spans[0][0] - max(3, width // 4)) :]
        text = fit_width(text, width)
        pad = " " * max(0, width - cell_len(text)) + tail
        spans = match_spans(text, self.filter_text) if spans else []
        if not spans:
            return [Segment(text + pad, style)]
        match = self.style("record-list--match")
        match = style + match if style is not None else match
        segments: list[Segment] = []
        position = 0
        for start, end in spans:
            if start > position:
                segments.append(Segment(text[position:start], style))
            segments.append(Segment(text[start:end], match))
            position = end
        segments.append(Segment(text[position:] + pad, style))
        return segments


class StatementHeader(Widget):
    """The column names above the statements, with the sort's arrow: one line whose size
    never changes, so a new sort repaints it without a layout of the screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"statement-header--sorted"}

    def __init__(self, table: StatementList, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.table = table
        table.header = self

    def render(self) -> Content:
        columns = self.table.columns
        cells = columns.cells()
        sort = self.table.sort
        sorted_column = SORT_COLUMN[sort]
        # (a column too narrow for its name and the arrow: the text column says the sort)
        shown = any(name == sorted_column and width > 2 for name, width in cells)
        if sort == "recorded" or not shown:
            sorted_column = "text"
        sorted_style = self.get_visual_style("statement-header--sorted", partial=True)
        parts: list[list[Any]] = []
        for name, width in cells:
            if not name:
                # A gap goes with the cell before it: an SVG screenshot drops the spaces
                # that open a run of text, which shifted the names off their columns.
                if parts:
                    parts[-1][0] += " " * width
                else:
                    parts.append([" " * width, None])
                continue
            text = heading(name, width, sort, shown)
            text += " " * max(0, width - cell_len(text))
            if name == "rebuttals":
                text = f"{text.strip():>{width}}"
            parts.append([text, sorted_style if name == sorted_column else None])
        return Content.assemble(*((text, style) if style else text for text, style in parts))
