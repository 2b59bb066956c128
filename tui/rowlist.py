"""A list of rows drawn on demand, for the analysis screens (timeline, who rebuts whom).

``RowList`` is a ``RecordList`` (a Line API ``ScrollView`` that draws only the visible
rows) whose rows come from a ``Rows`` model: a length and a function from a row's index
to what it shows. Headings (a day, an actor) are drawn but the cursor steps over them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from store import Briefing, Status

from .panes import STATUS_WIDTH, RecordList, fit_width, status_label
from .text import clean


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a heading (not selectable) or an item; ``statement_id`` is where enter
    jumps (None: nowhere); ``key`` is what the screen acts on (a pair of actors…)."""

    parts: tuple[tuple[str, str], ...]  # (text, component class or "")
    heading: bool = False
    statement_id: int | None = None
    key: Any = None


class Rows:
    """The rows of a list: ``len()`` and ``row(i)``, built only when drawn."""

    def __init__(
        self,
        count: int,
        build: Callable[[int], Row],
        heading: Callable[[int], bool] | None = None,
    ) -> None:
        self.count = count
        self.build = build
        self._heading = heading

    def __len__(self) -> int:
        return self.count

    def row(self, index: int) -> Row:
        return self.build(index)

    def is_heading(self, index: int) -> bool:
        if self._heading is not None:
            return self._heading(index)
        return self.build(index).heading


class RowList(RecordList):
    """The rows of a ``Rows`` model; the cursor skips headings."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*RecordList.COMPONENT_CLASSES, "row-list--heading"}

    class Picked(Message):
        """Enter on a row."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    def __init__(self, briefing: Briefing, **kwargs: Any) -> None:
        super().__init__(briefing, **kwargs)
        self.rows = Rows(0, lambda i: Row((("", ""),)))
        self.empty_hint = "Loading…"
        # Keys that arrive while the rows are being built ("t j j enter" typed in one
        # go) are kept and acted on, in order, once the rows are set.
        self._waiting: list[str] | None = []

    def set_rows(self, rows: Rows, empty_hint: str) -> None:
        self.rows = rows
        self.empty_hint = empty_hint
        self.reload(keep=-1)
        self.set_cursor(self._selectable(0, 1))
        waiting, self._waiting = self._waiting, None
        for action in waiting or ():
            getattr(self, f"action_{action}")()

    def _later(self, action: str) -> bool:
        """Keep ``action`` for when the rows are set (True), if they are not yet."""
        if self._waiting is None:
            return False
        self._waiting.append(action)
        return True

    def load_ids(self) -> list[int]:
        return list(range(len(self.rows)))

    def _update_title(self) -> None:
        pass  # the screen has its own title line

    @property
    def current_row(self) -> Row | None:
        index = self.current_id
        return None if index is None else self.rows.row(index)

    def _selectable(self, index: int, step: int) -> int:
        """The nearest item row from ``index`` in direction ``step`` (else the other way)."""
        count = len(self.ids)
        if count == 0:
            return 0
        index = max(0, min(index, count - 1))
        for direction in (step, -step):
            i = index
            while 0 <= i < count:
                if not self.rows.is_heading(i):
                    return i
                i += direction
        return index

    def action_cursor_up(self) -> None:
        if self._later("cursor_up"):
            return
        self.set_cursor(self._selectable(self.cursor - 1, -1))

    def action_cursor_down(self) -> None:
        if self._later("cursor_down"):
            return
        self.set_cursor(self._selectable(self.cursor + 1, 1))

    def action_first(self) -> None:
        if self._later("first"):
            return
        self.set_cursor(self._selectable(0, 1))
        if self.cursor <= 1:
            self.scroll_to(y=0, animate=False, immediate=True)  # show the first heading

    def action_last(self) -> None:
        if self._later("last"):
            return
        self.set_cursor(self._selectable(len(self.ids) - 1, -1))

    def action_page_up(self) -> None:
        if self._later("page_up"):
            return
        self.set_cursor(self._selectable(self.cursor - max(1, self.size.height - 1), -1))

    def action_page_down(self) -> None:
        if self._later("page_down"):
            return
        self.set_cursor(self._selectable(self.cursor + max(1, self.size.height - 1), 1))

    def action_choose(self) -> None:
        if self._later("choose"):
            return
        row = self.current_row
        if row is not None and not row.heading:
            self.post_message(self.Picked(row))

    def on_click(self, event: Any) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.ids) and not self.rows.is_heading(index):
            self.set_cursor(index)

    def render_row(self, doc_id: int, width: int) -> list[Segment]:
        row = self.rows.row(doc_id)
        segments: list[Segment] = []
        used = 0
        for text, component in row.parts:
            text = fit_width(text, width - used)
            if not text:
                break
            style = self.style(component) if component else None
            # Leading spaces apart: an SVG screenshot collapses them inside a styled run.
            body = text.lstrip(" ")
            if body and body != text:
                segments.append(Segment(text[: len(text) - len(body)]))
            segments.append(Segment(body or text, style))
            used += cell_len(text)
        return segments


# -- shared pieces of the screens' rows ------------------------------------------------------


def one_line(text: str) -> str:
    """User text for a row: no control characters, one line (shown literally: the row
    is drawn as segments, never parsed as markup)."""
    return clean(text or "", one_line=True)


def status_part(status: Status | None) -> tuple[str, str]:
    if status is None:
        return (" " * (STATUS_WIDTH + 1), "")
    return (f"{status_label(status):<{STATUS_WIDTH}} ", f"status--{status.value}")


def title_line(*parts: str) -> Content:
    """A screen's title: plain Content (actor names and filters are user text)."""
    return Content(" · ".join(one_line(p) for p in parts if p))


class TitleLine(Static):
    """The line above a screen's list."""


def plural_items(counts: Sequence[tuple[int, str]]) -> str:
    from .text import plural

    return ", ".join(plural(n, word) for n, word in counts)
