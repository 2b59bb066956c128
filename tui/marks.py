"""Marks: several statements at once (issue 16, part 7).

``space`` marks or unmarks the statement under the cursor and moves down a row (as in a
file manager, so a run of rows is marked by holding it), ``*`` marks every statement in
the view (the actor and filter in force; again, when all of them are marked, unmarks
them), ``escape`` clears the marks. With marks, ``d`` and ``s`` act on every marked
statement as ONE store change (``Briefing.toggle_disputed_many`` / ``set_status_many``):
one ``u`` undoes it. The marks are cleared once the change is made (they were for that
change; a second ``d`` on stale marks would be a surprise); when nothing changed they
stay. Marks outlive a change of actor or filter (gather statements from several views):
the pane title says "N marked" and how many are not in the view.

A change of many statements (``BIG`` or more) is made in a thread so that the key press
is answered at once; until it is in memory, keys that change the store wait (a toast
says so) and the top bar says what is being changed. The same goes for a big undo or
redo, and for reading another window's big change (``BIG_BACKLOG``).

``MarkedRows`` is the statements list's half (a mixin of ``StatementList``), ``MarkActions``
the app's (a mixin of ``BriefingApp``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from rich.segment import Segment
from textual import work

from store import Status, StoreError

from .collector import quiet_gc
from .text import plural

# The mark cell's symbol: marks are never shown by colour alone.
MARK = "●"
# From this many statements on, a change runs in a thread (about 15 µs a statement here:
# 1,000 take some 15 ms, 100,000 one to two seconds).
BIG = 1000
# Another window's change whose log lines take this many bytes or more is read in a
# thread (a line is about 1.4 kB: some 3,000 statements; 90,000 take seconds to read).
BIG_BACKLOG = 4 << 20
# What may not run while a big change is being made (they change the store or the marks).
WAIT_FOR_BIG = frozenset(
    {
        "toggle_disputed",
        "set_status",
        "annotate",
        "add_rebuttal",
        "new",
        "edit",
        "delete",
        "undo",
        "redo",
        "import_article",
        "toggle_mark",
        "mark_all",
        "clear_marks",
        "quit_app",
        "quit",
    }
)


class MarkedRows:
    """The marks of a list of statements: a set of ids, the mark cell and the title part."""

    ids: list[int]
    briefing: Any
    style: Callable[[str], Any]
    refresh_rows: Callable[..., None]
    _update_title: Callable[[], None]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marked: set[int] = set()
        self._id_set: tuple[int, set[int]] = (0, set())

    def mark_cell(self) -> Segment:
        """A marked row's first cell: the mark symbol, in its own style."""
        return Segment(MARK, self.style("statement-list--mark"))

    def marks_title(self) -> str:
        """ "3 marked", "3 marked (1 not shown)" or "" for the pane title."""
        if not self.marked:
            return ""
        hidden = len(self.marked) - self._shown_marks()
        return f"{len(self.marked):,} marked" + (f" ({hidden:,} not shown)" if hidden else "")

    def _shown_marks(self) -> int:
        key, shown = self._id_set
        if key != id(self.ids):
            shown = set(self.ids)
            self._id_set = (id(self.ids), shown)
        if len(self.marked) < len(shown):
            return sum(1 for i in self.marked if i in shown)
        return sum(1 for i in shown if i in self.marked)

    @property
    def hidden_marks(self) -> int:
        """How many marked statements the view does not show."""
        return len(self.marked) - self._shown_marks() if self.marked else 0

    def toggle_mark(self, doc_id: int) -> None:
        self.marked ^= {doc_id}
        self._marks_changed([doc_id])

    def mark_view(self) -> None:
        """Mark every statement shown; when all of them are marked, unmark them."""
        if self.ids and all(i in self.marked for i in self.ids):
            self.marked.difference_update(self.ids)
        else:
            self.marked.update(self.ids)
        self._marks_changed(None)

    def clear_marks(self) -> None:
        if self.marked:
            self.marked = set()
            self._marks_changed(None)

    def drop_missing_marks(self) -> None:
        """Forget marks of statements that are gone (deleted here, by an undo, or by
        another process)."""
        if not self.marked:
            return
        doc = self.briefing.statement_doc
        gone = [i for i in self.marked if doc(i) is None]
        if gone:
            self.marked.difference_update(gone)
            self._marks_changed(gone)

    def _marks_changed(self, doc_ids: list[int] | None) -> None:
        many = doc_ids is None or len(doc_ids) > 64
        self.refresh_rows(None if many else doc_ids)
        self._update_title()


class MarkActions:
    """The app's mark keys, and ``d`` / ``s`` on the marked statements as one change."""

    briefing: Any
    statements: Any
    notify: Callable[..., None]
    key_for: Callable[[str], str]
    call_from_thread: Callable[..., Any]
    _thread_id: int
    _refresh_bindings_if_changed: Callable[[], None]
    _update_topbar: Callable[[], None]
    _on_store_change: Callable[[Any], None]
    _poll_failed: Callable[[StoreError], None]
    # What a change running in a thread is doing ("disputing 100,000 statements"), or None.
    busy: str | None = None

    # -- the keys ---------------------------------------------------------------------

    def action_toggle_mark(self) -> None:
        statements = self.statements
        statement_id = statements.current_id
        if statement_id is None:
            return
        statements.toggle_mark(statement_id)
        statements.action_cursor_down()
        self._refresh_bindings_if_changed()

    def action_mark_all(self) -> None:
        # (an actor chosen by keys in the same read is followed as it moves: tui/focus.py)
        self.statements.mark_view()
        self._refresh_bindings_if_changed()

    def action_clear_marks(self) -> None:
        self.statements.clear_marks()
        self._refresh_bindings_if_changed()

    async def run_action(
        self, action: Any, default_namespace: Any = None, namespaces: Any = None
    ) -> bool:
        name = (action if isinstance(action, str) else action[1]).split("(")[0]
        if self.busy and name.rsplit(".", 1)[-1] in WAIT_FOR_BIG:
            self.notify(f"Wait a moment: {self.busy}.", title="Busy", severity="warning", timeout=3)
            return True
        return await super().run_action(  # type: ignore[misc]
            action, default_namespace, namespaces
        )

    def _store_event(self, change: Any) -> None:
        """The store's news, on the app's thread (a big change is made in a worker)."""
        if threading.get_ident() == self._thread_id:
            self._on_store_change(change)
        else:
            self.call_from_thread(self._on_store_change, change)

    # -- d and s on the marks -----------------------------------------------------------

    def dispute_marked(self) -> None:
        """``d`` with marks: all of them disputed, or (all disputed) each back."""
        ids = sorted(self.statements.marked)
        what = plural(len(ids), "statement")
        doing = f"disputing {what}"
        # Which way it goes (for the top bar): all disputed only if the store holds as
        # many disputed statements (cheap), and then only if each of them is.
        if self.briefing.status_counts()[Status.DISPUTED] >= len(ids):
            doc = self.briefing.statement_doc
            if all((doc(i) or {}).get("status") == Status.DISPUTED for i in ids):
                doing = f"taking {what} out of disputed"
        self._change_marked(ids, lambda: self.briefing.toggle_disputed_many(ids), doing, None)

    def set_status_of_marked(self, status: Status) -> None:
        ids = sorted(self.statements.marked)
        self._change_marked(
            ids,
            lambda: self.briefing.set_status_many(ids, status),
            f"marking {plural(len(ids), 'statement')} {status.value}",
            status,
        )

    def marked_status(self) -> Status:
        """The status the picker starts on: the marked statements' own when they share
        one, else the statement under the cursor's."""
        doc = self.briefing.statement_doc
        statuses = set()
        for statement_id in self.statements.marked:
            statuses.add((doc(statement_id) or {}).get("status", "unverified"))
            if len(statuses) > 1:
                break
        if len(statuses) != 1:
            current = self.statements.current_id
            shown = doc(current) if current is not None else None
            statuses = {(shown or {}).get("status", "unverified")}
        return Status(statuses.pop())

    def _change_marked(
        self,
        ids: list[int],
        verb: Callable[[], list[int]],
        doing: str,
        status: Status | None,
    ) -> None:
        hidden = self.statements.hidden_marks
        if len(ids) < BIG:
            try:
                changed = verb()
            except StoreError as exc:
                self._marked_failed(exc)
                return
            self._marked_done(ids, changed, status, hidden)
            return
        self.busy = doing
        self._update_topbar()
        self.notify(f"{doing[0].upper()}{doing[1:]}…", timeout=3)
        self._in_thread(verb, lambda changed: self._marked_done(ids, changed, status, hidden))

    @work(thread=True, exclusive=True, group="marks")
    def _in_thread(self, verb: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run a big store change (``verb``) off the app's thread, then ``done`` with its
        result on it; a refused change is said, and the app is no longer busy either way."""
        try:
            with quiet_gc(self.briefing):
                result = verb()
        except StoreError as exc:
            self.call_from_thread(self._marked_failed, exc)
            return
        except BaseException:
            self.call_from_thread(self._not_busy)
            raise
        self.call_from_thread(done, result)

    def _not_busy(self) -> None:
        self.busy = None
        self._update_topbar()

    def _marked_failed(self, exc: StoreError) -> None:
        self._not_busy()
        self.statements.drop_missing_marks()
        self.notify(str(exc), title="Not changed", severity="error")

    def _marked_done(
        self, ids: list[int], changed: list[int], status: Status | None, hidden: int
    ) -> None:
        self._not_busy()
        count = len(ids)
        marked = plural(count, "marked statement")
        if not changed:
            word = status.value if status is not None else "disputed"
            self.notify(f"The {marked} are already {word}: no change.", timeout=4)
            return
        self.statements.clear_marks()
        self._refresh_bindings_if_changed()
        if status is None:  # a toggle: which way it went
            doc = self.briefing.statement_doc
            went = {(doc(i) or {}).get("status", "unverified") for i in changed[:1000]}
            word = went.pop() if len(went) == 1 else "back to their status before disputed"
        else:
            word = status.value
        if len(changed) == 1:
            text = f"Statement #{changed[0]} is now {word}"
        else:
            text = f"{len(changed):,} statements are now {word}"
        skipped = count - len(changed)
        if skipped:
            text += f" ({skipped:,} of the {count:,} marked {_was(skipped)} already {word})"
        if hidden:
            text += f"; {hidden:,} of them {_was(hidden)} not in the view"
        self.notify(
            f"{text}. One change: press {self.key_for('undo')} to undo it.", title="Changed"
        )

    # -- another window's big change, read in a thread -----------------------------------

    def poll_in_thread(self) -> None:
        self.busy = "reading a big change made in another window"
        self._update_topbar()
        self._poll_worker()

    @work(thread=True, exclusive=True, group="marks")
    def _poll_worker(self) -> None:
        try:
            with quiet_gc(self.briefing):
                self.briefing.poll()
        except StoreError as exc:
            self.call_from_thread(self._poll_failed, exc)
        finally:
            self.call_from_thread(self._not_busy)

    # -- a big undo or redo in a thread too --------------------------------------------

    def undo_or_redo(
        self, verb: Callable[[], Any], size: int, then: Callable[[Any], None], doing: str
    ) -> bool:
        """Run a big undo or redo in a thread (True), or leave it to the caller (False)."""
        if size < BIG:
            return False
        self.busy = f"{doing} a change of {plural(size, 'document')}"
        self._update_topbar()
        self._in_thread(verb, lambda entries: (self._not_busy(), then(entries)))
        return True


def _was(count: int) -> str:
    return "was" if count == 1 else "were"
