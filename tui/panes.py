"""The panes over one virtual list widget (the statements table: tui/statement_table.py).

``RecordList`` is a Line API ``ScrollView``: it holds only a list of ids and renders the
rows on screen through ``render_line``, with a small strip cache, so 100,000 statements
cost no more to show than 100.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input

from store import Briefing, Status

from .fields import copy_key
from .keys import bindings, first_key, say
from .text import clean, shorten
from .textual_compat import KeysFirst, set_scroll_size

KIND_SYMBOL = {
    "person": "P",
    "organisation": "O",
    "government": "G",
    "media": "M",
    "other": "·",
}


def status_label(status: str | Status) -> str:
    """A status as symbol and word (store's vocabulary), never colour alone."""
    return Status(status).label


# Every status label takes the same width, so the columns after it line up.
STATUS_WIDTH = max(len(status_label(s)) for s in Status)


class FilterBox(KeysFirst, Input):
    """The filter line under a list: a one-line Input of fixed size.

    A stock Input sets its scrollable width on every keystroke, which lays out the whole
    screen (about 30 ms a key); the box's own size never changes, so here it does not.

    Keys typed in one read are all queued on the box ("/cease", enter, space): enter hands
    focus back to the list as it comes, and the keys queued behind it go back to the app,
    to be acted on where focus now is (as the dialog fields do: tui/fields.py).
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    def handle_key_first(self, event: events.Key) -> bool:
        focused = self.screen.focused
        if focused is self and event.key != "enter":
            return False
        event.stop()
        event.prevent_default()
        if focused is self:  # enter, now (as a binding it would come behind the keys after it)
            self.app.filter_submitted(self)  # type: ignore[attr-defined]
        else:
            self.app.post_message(copy_key(event))
        return True


def fit_width(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` cells (wide characters count double) with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


class RecordList(ScrollView, can_focus=True):
    """A keyboard-driven list of document ids that renders only the visible rows."""

    # From the keys table (tui/keys.py, scope "list").
    BINDINGS: ClassVar[list[BindingType]] = bindings("list")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-list--cursor",
        "record-list--cursor-blurred",
        "record-list--muted",
        "record-list--strong",
        "record-list--empty",
        "status--unverified",
        "status--disputed",
        "status--confirmed",
        "status--false",
        "status--retracted",
    }

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class _RecordMessage(Message):
        """News from a list about one record (``doc_id`` is None when the list is empty)."""

        def __init__(self, record_list: RecordList, doc_id: int | None) -> None:
            super().__init__()
            self.record_list = record_list
            self.doc_id = doc_id

        @property
        def control(self) -> RecordList:
            return self.record_list

    class Highlighted(_RecordMessage):
        """The cursor moved to another record."""

    class Chosen(_RecordMessage):
        """Enter was pressed on a record."""

    title: ClassVar[str] = "Records"
    empty_hint: ClassVar[str] = "Nothing here yet."

    def __init__(self, briefing: Briefing, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.briefing = briefing
        self.ids: list[int] = []
        self.filter_text = ""
        self._cache: OrderedDict[tuple[Any, ...], Strip] = OrderedDict()
        self._styles: dict[str, Style] = {}
        self._title = ""
        self._last_highlighted: int | None = -1

    # -- data -------------------------------------------------------------------------

    def load_ids(self) -> list[int]:
        """The ids to show, in order (subclasses query the store)."""
        return []

    def reload(self, keep: int | None = None) -> None:
        """Re-read ids from the store, keeping the cursor on ``keep`` (or the same id)."""
        current = self.current_id if keep is None else keep
        self.ids = self.load_ids()
        self._cache.clear()
        index = 0
        if current is not None and self.ids:
            try:
                index = self.ids.index(current)
            except ValueError:
                index = min(self.cursor, len(self.ids) - 1)
        set_scroll_size(self, Size(self.size.width, max(1, len(self.ids))))
        self.set_cursor(index)
        self._update_title()
        self.refresh()

    def refresh_rows(self, doc_ids: Iterable[int] | None = None) -> None:
        """Repaint after documents changed but the ids did not (only ``doc_ids``' rows)."""
        if doc_ids is None:
            self._cache.clear()
            self.refresh()
            return
        changed = set(doc_ids)
        for key in [key for key in self._cache if key[0] in changed]:
            del self._cache[key]
        top, width = self.scroll_offset.y, self.size.width
        for y, doc_id in enumerate(self.ids[top : top + self.size.height]):
            if doc_id in changed:
                self.refresh(Region(0, y, width, 1))

    def empty_text(self) -> str:
        """What an empty list says: a filter that matches nothing is not an empty store."""
        if self.filter_text:
            clear = self.key_for("clear-filter")
            return f"Nothing matches {shorten(self.filter_text, 30)!r}: {clear} clears the filter."
        return say(self.empty_hint, self.user_keys)

    @property
    def user_keys(self) -> dict[str, str] | None:
        """The user's keys (tui/config.py), for the hints that name a key."""
        return getattr(self.app, "user_keys", None)

    def key_for(self, key_id: str) -> str:
        return first_key(key_id, self.user_keys)

    def _update_title(self) -> None:
        count = len(self.ids)
        suffix = f" · filter: {shorten(self.filter_text, 20)}" if self.filter_text else ""
        self.set_title(f"{self.title} ({count:,}){suffix}")

    def set_title(self, title: str) -> None:
        """The title goes on the pane around the list (which also holds its filter box)."""
        if title == self._title:
            return  # (a new border title repaints the whole pane)
        self._title = title
        target = self.parent if self.parent is not None else self
        # Content, not str: a str border title is parsed as markup, and the title holds user
        # text (the filter, the actor's name) such as "[/]", which would crash the app.
        target.border_title = Content(title)  # type: ignore[union-attr]

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self.ids):
            return self.ids[self.cursor]
        return None

    def select_id(self, doc_id: int) -> bool:
        try:
            index = self.ids.index(doc_id)
        except ValueError:
            return False
        self.set_cursor(index)
        return True

    # -- cursor ---------------------------------------------------------------------

    def set_cursor(self, index: int) -> None:
        if not self.ids:
            index = 0
        else:
            index = max(0, min(index, len(self.ids) - 1))
        old = self.cursor
        self.cursor = index
        if old != index:
            self._refresh_row(old)
        self._refresh_row(index)
        self._scroll_to_cursor()
        doc_id = self.current_id
        if doc_id != self._last_highlighted:
            self._last_highlighted = doc_id
            self.post_message(self.Highlighted(self, doc_id))

    def _refresh_row(self, index: int) -> None:
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height or self.size.height
        if height <= 0:
            return
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, max(1, len(self.ids)))
        self._cache.clear()
        self._scroll_to_cursor()

    # The movement keys, acted on by the list itself: a key handled through the bindings
    # is acted on by whichever list has focus when it is looked up, which in a burst of
    # keys ("1 g 2") may be another pane already.
    MOVES: ClassVar[dict[str, str]] = {
        "up": "cursor_up",
        "k": "cursor_up",
        "down": "cursor_down",
        "j": "cursor_down",
        "g": "first",
        "home": "first",
        "G": "last",
        "end": "last",
        "pageup": "page_up",
        "pagedown": "page_down",
    }

    def on_key(self, event: Any) -> None:
        action = self.MOVES.get(event.key)
        if action is not None and self.screen is self.app.screen:
            event.stop()
            event.prevent_default()
            getattr(self, f"action_{action}")()

    def on_focus(self) -> None:
        self._styles = {}
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._styles = {}
        self._cache.clear()
        self.refresh()

    def action_cursor_up(self) -> None:
        self.set_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.set_cursor(self.cursor + 1)

    def action_first(self) -> None:
        self.set_cursor(0)

    def action_last(self) -> None:
        self.set_cursor(len(self.ids) - 1)

    def action_page_up(self) -> None:
        self.set_cursor(self.cursor - max(1, self.size.height - 1))

    def action_page_down(self) -> None:
        self.set_cursor(self.cursor + max(1, self.size.height - 1))

    def action_choose(self) -> None:
        self.post_message(self.Chosen(self, self.current_id))

    def on_click(self, event: Any) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.ids):
            self.set_cursor(index)

    # -- rendering ------------------------------------------------------------------

    def style(self, name: str) -> Style:
        # Styles are looked up for every row drawn; they change only with the .tcss
        # state (theme, focus), so they are kept until then.
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name, partial=True)
        return style

    def _base_style(self) -> Style:
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}
        self._cache.clear()

    def render_row(self, doc_id: int, width: int) -> list[Segment]:
        """The segments of one row (subclasses)."""
        return [Segment(str(doc_id))]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self._base_style()
        if not self.ids:
            if y == 1:
                hint = fit_width(" " + self.empty_text(), width)
                return Strip(
                    [Segment(hint, base + self.style("record-list--empty"))]
                ).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        index = y + self.scroll_offset.y
        if index >= len(self.ids):
            return Strip.blank(width, base)
        doc_id = self.ids[index]
        is_cursor = index == self.cursor
        key = (doc_id, width, is_cursor, self.has_focus)
        strip = self._cache.get(key)
        if strip is not None:
            self._cache.move_to_end(key)
            return strip
        segments = self.render_row(doc_id, width)
        strip = Strip(segments).adjust_cell_length(width)
        if is_cursor:
            cursor = "record-list--cursor" if self.has_focus else "record-list--cursor-blurred"
            strip = strip.apply_style(self.style(cursor))
        strip = strip.apply_style(base)
        self._cache[key] = strip
        if len(self._cache) > 512:
            self._cache.popitem(last=False)
        return strip


class ActorList(RecordList):
    """Actors by name; the first row, "All actors", shows every statement."""

    title = "Actors"
    empty_hint = "No actors yet: press {new} to add one."
    ALL = 0

    def load_ids(self) -> list[int]:
        return [self.ALL, *self.briefing.actor_ids(self.filter_text or None)]

    def _update_title(self) -> None:
        count = len(self.ids) - 1
        suffix = f" · filter: {shorten(self.filter_text, 16)}" if self.filter_text else ""
        self.set_title(f"{self.title} ({count:,}){suffix}")

    @property
    def current_actor_id(self) -> int | None:
        doc_id = self.current_id
        return None if doc_id in (None, self.ALL) else doc_id

    def render_row(self, doc_id: int, width: int) -> list[Segment]:
        if doc_id == self.ALL:
            total = self.briefing.counts()["statements"]
            count = f"{total:,}"
            name = fit_width("All actors", width - len(count) - 3)
            gap = " " * max(1, width - cell_len(name) - len(count) - 2)
            return [
                Segment(" " + name, self.style("record-list--strong")),
                Segment(gap),
                Segment(count + " ", self.style("record-list--muted")),
            ]
        doc = self.briefing.actor_doc(doc_id)
        if doc is None:
            return [Segment(" (deleted)")]
        count = f"{self.briefing.statement_count(doc_id):,}"
        kind = KIND_SYMBOL.get(doc.get("kind", "other"), "·")
        name = fit_width(clean(doc["name"], one_line=True), width - len(count) - 5)
        gap = " " * max(1, width - cell_len(name) - len(count) - 4)
        return [
            Segment(f" {kind} ", self.style("record-list--muted")),
            Segment(name),
            Segment(gap),
            Segment(count + " ", self.style("record-list--muted")),
        ]


class RebuttalList(RecordList):
    """The rebuttals of the selected statement."""

    title = "Rebuttals"
    empty_hint = "No rebuttals: select a statement and press {rebut} to add one."

    def __init__(self, briefing: Briefing, **kwargs: Any) -> None:
        super().__init__(briefing, **kwargs)
        self.statement_id: int | None = None

    def load_ids(self) -> list[int]:
        if self.statement_id is None:
            return []
        ids = self.briefing.rebuttal_ids(self.statement_id)
        if self.filter_text:
            needle = self.filter_text.casefold()
            docs = {i: self.briefing.rebuttal_doc(i) or {} for i in ids}
            ids = [
                i
                for i in ids
                if needle in docs[i].get("text", "").casefold()
                or needle in self.briefing.actor_name(docs[i].get("actor_id", 0)).casefold()
            ]
        return ids

    def render_row(self, doc_id: int, width: int) -> list[Segment]:
        doc = self.briefing.rebuttal_doc(doc_id)
        if doc is None:
            return [Segment(" (deleted)")]
        actor = fit_width(clean(self.briefing.actor_name(doc["actor_id"]), one_line=True), 20)
        date = doc.get("said_on") or ""
        head = f" ↩ {actor}" + (f" ({date})" if date else "") + ": "
        text = fit_width(clean(doc["text"], one_line=True), max(0, width - cell_len(head)))
        return [Segment(head, self.style("record-list--strong")), Segment(text)]
