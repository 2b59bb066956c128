"""The panes' filter boxes: ``/`` opens one, typing filters, ``escape`` clears it; the
statements' status filter (``f``, a picker) and sort (``S`` cycles); and the palette's
jumps to an actor or a statement, which leave any filter.

A mixin of ``BriefingApp`` (tui/app.py), like ``Actions``: it uses the app's panes and
its focus helpers.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from store import Status

from .collector import freeze_if_big
from .panes import FilterBox, RecordList
from .screens import StatusFilterPicker
from .statement_table import SORTS


class PaneFilters:
    """Filtering the focused pane as you type."""

    briefing: Any
    statements: Any
    actors: Any
    detail: Any

    def action_filter(self) -> None:
        pane = self._focused_pane()
        if pane is None:
            return
        box = self.query_one(f"#{pane}-filter", Input)
        _show_filter_box(box)
        # Focused now, not after the next refresh (Widget.focus): keys typed right after
        # "/" (a paste, a fast typist) must go into the box, not to the list's bindings.
        self.screen.set_focus(box)
        if pane == "statements":
            # Once the box is on screen, while the analyst starts typing.
            self.call_after_refresh(self._prepare_search)

    def _prepare_search(self) -> None:
        self.briefing.prepare_search()
        freeze_if_big(self.briefing)  # (the index lives on: out of the collector's way)

    def on_input_changed(self, event: Input.Changed) -> None:
        if not event.input.has_class("filter"):
            return
        pane = (event.input.id or "").removesuffix("-filter")
        records = self.query_one(f"#{pane}", RecordList)
        records.filter_text = event.value
        records.reload()
        if pane == "statements":
            # The detail marks what the filter matched (a new current statement has
            # announced itself already: Highlighted shows it).
            self._show_matches()
            self._refresh_bindings_if_changed()

    def _show_matches(self) -> None:
        """The detail marks the statements filter's matches (or none, once cleared)."""
        detail = self.detail
        if detail.highlight != self.statements.filter_text:
            detail.highlight = self.statements.filter_text
            detail.show(self.briefing, self.statements.current_id)

    # -- the statements' sort and status filter ------------------------------------------

    def action_cycle_sort(self) -> None:
        statements = self.statements
        sort = SORTS[(SORTS.index(statements.sort) + 1) % len(SORTS)]
        statements.set_sort(sort)  # (a new current statement announces itself)

    def action_status_filter(self) -> None:
        counts = self.briefing.status_counts()

        def chosen(choice: str | None) -> None:
            if choice is None:
                return  # cancelled: as it was
            status = None if choice == StatusFilterPicker.ALL else Status(choice)
            self.statements.set_status_filter(status)  # (as set_sort)

        self.push_screen(StatusFilterPicker(self.statements.status, counts), chosen)

    def filter_submitted(self, box: Input) -> None:
        """Enter in a filter box: back to its list (the box stays while it holds a filter)."""
        pane = (box.id or "").removesuffix("-filter")
        if not box.value:
            _hide_filter_box(box)
        self.action_focus_pane(pane)

    def on_key(self, event: Any) -> None:
        # Escape inside a filter box clears it and returns to the list.
        if not self.screen_stack:
            return  # a key still queued while the app closes
        focused = self.focused
        if isinstance(focused, FilterBox) and event.is_printable and event.character:
            # Typed right after "/" but sent to the list before the box took focus: the
            # box consumes its own keys, so one that reaches here was meant for it.
            event.stop()
            focused.insert_text_at_cursor(event.character)
            return
        if event.key == "escape" and isinstance(focused, Input) and focused.has_class("filter"):
            event.stop()
            # Done here: the app's bindings must not see this escape once the list has
            # focus again (escape there clears the marks).
            event.prevent_default()
            pane = (focused.id or "").removesuffix("-filter")
            focused.value = ""  # (Changed: the list and the detail drop the filter)
            _hide_filter_box(focused)
            self.action_focus_pane(pane)

    def action_clear_filter(self) -> None:
        pane = self._focused_pane()
        if pane is None:
            return
        box = self.query_one(f"#{pane}-filter", Input)
        records = self.query_one(f"#{pane}", RecordList)
        if not records.filter_text and pane == "statements" and self.statements.status:
            # Escape peels back one thing at a time: marks, the text, then the status (f).
            self.statements.set_status_filter(None)
            return
        box.value = ""
        _hide_filter_box(box)
        records.filter_text = ""
        records.reload()
        if pane == "statements":
            self._show_matches()

    # -- jumping (used by the command palette): out of any filter --------------------

    def jump_to_actor(self, actor_id: int) -> None:
        if self.actors.filter_text:
            self.actors.filter_text = ""
            self.actors.reload()
        _hide_filter_box(self.query_one("#actors-filter", Input), clear=True)
        self.actors.select_id(actor_id)
        self.follow_actor()  # type: ignore[attr-defined]  (now: see action_move)
        self.action_focus_pane("actors")

    def jump_to_statement(self, statement_id: int) -> None:
        self.actors.set_cursor(0)
        self.statements.actor_id = None
        self.statements.filter_text = ""
        # The jump leaves the filtered list (and a status filter that would hide it): its
        # (now empty) filter box goes too.
        self.statements.status = None
        _hide_filter_box(self.query_one("#statements-filter", Input), clear=True)
        self.detail.highlight = ""
        self.statements.reload(keep=statement_id)
        self.statements.select_id(statement_id)
        self._show_statement(statement_id)
        self.action_focus_pane("statements")


def _show_filter_box(box: Input) -> None:
    # The class styles it; display is also set directly, so that the box can take focus
    # at once (the class takes effect only when styles are next applied).
    box.add_class("-visible")
    box.display = True


def _hide_filter_box(box: Input, *, clear: bool = False) -> None:
    if clear:
        with box.prevent(Input.Changed):
            box.value = ""
    box.remove_class("-visible")
    box.display = False
