"""The dashboard's panes and focus: the pane cycle, moving, maximising, and the detail's keys.

A mixin of ``BriefingApp`` (tui/app.py). The four panes in the ``tab`` cycle are the
three lists and the detail pane (``4``); the list keys (j/k/g/G/pageup/pagedown) move in
the focused list or scroll the detail. ``o`` opens the shown statement's URL and ``y``
copies the statement with its actor, date and source (tui/keys.py has the keys).
"""

from __future__ import annotations

import webbrowser
from typing import Any

from .panes import RecordList
from .text import clean

PANES = ("actors", "statements", "rebuttals")
# The tab cycle: the lists, then the detail pane.
CYCLE = (*PANES, "detail")

# A list move (RecordList's action) as the detail pane's scroll.
DETAIL_MOVES = {
    "cursor_up": "scroll_up",
    "cursor_down": "scroll_down",
    "first": "scroll_home",
    "last": "scroll_end",
    "page_up": "scroll_page_up",
    "page_down": "scroll_page_down",
}


class FocusActions:
    """Focus between the panes, moving in them, maximising one, and the detail's verbs."""

    briefing: Any
    statements: Any
    detail: Any
    focused: Any
    screen_stack: Any

    def _focused_pane(self, focused: Any = None) -> str | None:
        """The list pane with focus (its list or its filter box); None for the detail."""
        if focused is None and not self.screen_stack:
            return None  # the app is closing
        focused = focused if focused is not None else self.focused
        for name in PANES:
            if focused is not None and focused.id in (name, f"{name}-filter"):
                return name
        return None

    def detail_focused(self) -> bool:
        return self.focused is not None and self.focused.id == "detail"

    def action_focus_pane(self, name: str) -> None:
        # At once (Widget.focus waits for the next idle): the keys after "1" in the same
        # read are the actors list's.
        screen = self.screen_stack[0]
        target = self.query_one(f"#{name}")  # type: ignore[attr-defined]
        maximized = screen.maximized
        if maximized is not None and target not in maximized.walk_children(with_self=True):
            screen.minimize()  # another pane: the whole dashboard again
        screen.set_focus(target)

    def action_next_pane(self) -> None:
        self._cycle(1)

    def action_previous_pane(self) -> None:
        self._cycle(-1)

    def _cycle(self, step: int) -> None:
        current = "detail" if self.detail_focused() else self._focused_pane() or "statements"
        index = (CYCLE.index(current) + step) % len(CYCLE)
        self.action_focus_pane(CYCLE[index])

    def action_move(self, how: str) -> None:
        """Move in the focused list (``how``: one of RecordList's moves), or scroll the
        detail pane when it has focus."""
        focused = self.focused
        if self.detail_focused():
            getattr(focused, DETAIL_MOVES[how])(animate=False)
            return
        if isinstance(focused, RecordList):
            getattr(focused, f"action_{how}")()
            if focused is self.actors:  # type: ignore[attr-defined]
                # Now, not when the list's message comes: the keys after this one in the
                # same read ("1 j 2 d") act on the chosen actor's statements.
                self.follow_actor()  # type: ignore[attr-defined]

    def action_maximize(self) -> None:
        """Maximise the focused pane (the list with its filter box, or the detail); the
        same key again, or escape, brings the dashboard back."""
        screen = self.screen_stack[0]
        if screen.maximized is not None:
            screen.minimize()
            return
        if self.detail_focused():
            target = self.detail
        elif (pane := self._focused_pane()) is not None:
            target = self.query_one(f"#{pane}-pane")  # type: ignore[attr-defined]
        else:
            return
        screen.maximized = target  # (a container: Screen.maximize would take the list)

    def _statement_doc(self) -> tuple[int | None, dict[str, Any]]:
        statement_id = self.statements.current_id
        if statement_id is None:
            return None, {}
        return statement_id, self.briefing.statement_doc(statement_id) or {}

    def action_open_url(self) -> None:
        statement_id, doc = self._statement_doc()
        if statement_id is None:
            return
        url = clean(doc.get("url", ""), one_line=True).strip()
        if not url:
            self.notify(  # type: ignore[attr-defined]
                f"Statement #{statement_id} has no URL.", severity="warning", markup=False
            )
            return
        # A browser can take seconds to start: it is started off the app's thread.
        # (exit_on_error off: the app may be closing when the browser answers.)
        self.run_worker(  # type: ignore[attr-defined]
            lambda: self._open_in_browser(url),
            thread=True,
            group="browser",
            exit_on_error=False,
        )

    def _open_in_browser(self, url: str) -> None:
        """(In a worker thread.) Open ``url``; say on the app's thread what happened."""
        try:
            opened = webbrowser.open(url)
        except (webbrowser.Error, OSError):
            opened = False
        if opened:
            self.call_from_thread(  # type: ignore[attr-defined]
                self.notify,
                f"Opening {url}",
                markup=False,  # type: ignore[attr-defined]
            )
        else:
            self.call_from_thread(  # type: ignore[attr-defined]
                self.notify,  # type: ignore[attr-defined]
                f"No browser could be opened for {url}",
                title="Not opened",
                severity="warning",
                markup=False,
            )

    def action_copy_statement(self) -> None:
        statement_id, doc = self._statement_doc()
        if statement_id is None:
            return
        self.copy_to_clipboard(statement_text(self.briefing, doc))  # type: ignore[attr-defined]
        self.notify(f"Copied statement #{statement_id}", markup=False)  # type: ignore[attr-defined]


def statement_text(briefing: Any, doc: dict[str, Any]) -> str:
    """``Actor (date, source): "text" URL``: a statement to paste, with what it needs to
    be cited (a missing date, source or URL is left out)."""
    actor = clean(briefing.actor_name(doc.get("actor_id", 0)), one_line=True)
    said_on = str(doc.get("said_on") or "")
    source = clean(doc.get("source", ""), one_line=True)
    where = ", ".join(part for part in (said_on, source) if part)
    text = f"{actor} ({where})" if where else actor
    text += f': "{clean(doc.get("text", ""), one_line=True)}"'
    url = clean(doc.get("url", ""), one_line=True).strip()
    return f"{text} {url}" if url else text
