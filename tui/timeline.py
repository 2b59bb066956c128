"""The timeline screen (key t): statements and rebuttals by the day they were said.

For the actor selected in the dashboard, or the whole store, with the statements
filter in force. Each day is a heading followed by its statements, then its rebuttals
(each under its own date, naming the claim it answers); undated items come last under
"Undated". The timeline is built in a worker thread (a few tenths of a second at
100,000 statements) and remembered in the app's ``ViewCache``; the list draws only the
rows on screen. Enter jumps to the statement in the dashboard; escape closes.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.worker import Worker, WorkerState

from store import Status
from store.views import Timeline, ViewCache

from .collector import quiet_gc
from .panes import STATUS_WIDTH
from .rowlist import Row, RowList, Rows, TitleLine, one_line, status_part, title_line
from .screens import Dialog
from .text import plural, shorten

if TYPE_CHECKING:
    from .app import BriefingApp

EXCERPT = 32  # characters of the claim a rebuttal answers
REBUTTAL_PART = ("↩ rebuttal".ljust(STATUS_WIDTH + 1), "record-list--muted")


def view_cache(app: Any) -> ViewCache:
    """The app's ``ViewCache`` (one per app and store), made when first asked for."""
    cache: ViewCache | None = getattr(app, "_view_cache", None)
    if cache is None or getattr(cache, "_briefing", None) is not app.briefing:
        cache = ViewCache(app.briefing)
        app._view_cache = cache
    return cache


class AnalysisScreen(Dialog[int | None]):
    """A full-size screen over one ``RowList``: a title line, the rows, its keys.

    Dismissed with the statement id to jump to, or None (escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        # (priority: before the list's own enter, so the footer names what enter does)
        Binding("enter", "pick", "Go to statement", priority=True),
    ]
    list_id = "analysis-list"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="analysis"):
            yield TitleLine(title_line(self.heading()), classes="analysis-title")
            yield RowList(self.app.briefing, id=self.list_id)  # type: ignore[attr-defined]

    def heading(self) -> str:
        return ""

    @property
    def rows(self) -> RowList:
        return self.query_one(RowList)

    def on_mount(self) -> None:
        self.rows.focus()
        view_cache(self.app)  # made here, on the app's thread, not in the worker
        self.run_worker(self._build, thread=True, exclusive=True, name=self.list_id)

    def _build(self) -> Any:
        # (its rows, out of the collector's way: tui/collector.py)
        with quiet_gc(self.app.briefing):  # type: ignore[attr-defined]
            return self.build()

    def build(self) -> Any:
        """The view (in a worker thread)."""
        return None

    def loaded(self, view: Any) -> None:
        """Show the built view (on the app's thread)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != self.list_id or not self.is_attached:
            return
        if event.state == WorkerState.SUCCESS:
            self.loaded(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self.rows.set_rows(Rows(0, _no_row), f"Could not build this view: {error}")

    def set_title(self, *parts: str) -> None:
        self.query_one(TitleLine).update(title_line(*parts))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_pick(self) -> None:
        self.rows.action_choose()

    def on_row_list_picked(self, event: RowList.Picked) -> None:
        event.stop()
        if event.row.statement_id is not None:
            self.dismiss(event.row.statement_id)


def _no_row(index: int) -> Row:
    return Row((("", ""),), heading=True)


class TimelineScreen(AnalysisScreen):
    """Statements and rebuttals by day, for one actor or all, within the filter."""

    list_id = "timeline-list"

    def __init__(
        self,
        actor_id: int | None,
        actor_name: str,
        statement_ids: list[int] | None,
        filter_text: str = "",
        status: Status | None = None,
    ) -> None:
        super().__init__()
        self.actor_id = actor_id
        self.actor_name = actor_name
        self.statement_ids = statement_ids
        self.filter_text = filter_text
        self.status = status  # the dashboard's status filter (f), if any
        self.timeline: Timeline | None = None

    def heading(self) -> str:
        return f"Timeline · {self.actor_name} · Loading…"

    def build(self) -> Timeline:
        cache = view_cache(self.app)
        return cache.timeline(self.actor_id, self.statement_ids)

    def loaded(self, view: Any) -> None:
        timeline: Timeline = view
        self.timeline = timeline
        briefing = self.app.briefing  # type: ignore[attr-defined]
        groups = timeline.groups
        sizes = [len(g) + 1 for g in groups]  # a heading, then the items
        starts = [0, *accumulate(sizes)][:-1]
        total = sum(sizes)
        heads = set(starts)

        def build(index: int) -> Row:
            g = bisect_right(starts, index) - 1
            group = groups[g]
            offset = index - starts[g]
            if offset == 0:
                day = group.day
                label = f"{day.isoformat()} {day:%A}" if day is not None else "Undated"
                count = f"  {plural(len(group), 'item')}"
                return Row(
                    ((label, "row-list--heading"), (count, "record-list--muted")), heading=True
                )
            item = group.item(offset - 1)
            who = shorten(item.actor_name, 24)
            if not item.is_rebuttal:
                return Row(
                    (
                        ("  ", ""),
                        status_part(item.status),
                        (who, "record-list--strong"),
                        (": ", ""),
                        (one_line(item.text), ""),
                    ),
                    statement_id=item.statement_id,
                )
            claim = briefing.statement_doc(item.statement_id) or {}
            excerpt = shorten(claim.get("text", ""), EXCERPT)
            target = shorten(item.target_actor_name, 24)
            return Row(
                (
                    ("  ", ""),
                    REBUTTAL_PART,
                    (who, "record-list--strong"),
                    (" answers ", "record-list--muted"),
                    (target, "record-list--strong"),
                    (f" “{excerpt}”: ", "record-list--muted"),
                    (one_line(item.text), ""),
                ),
                statement_id=item.statement_id,
            )

        self.rows.set_rows(
            Rows(total, build, heads.__contains__),
            "Nothing to show: no statements or rebuttals here"
            + (" within the filter." if self.filter_text or self.status else "."),
        )
        parts = ["Timeline", self.actor_name]
        if self.status is not None:
            parts.append(f"only {self.status.label}")
        if self.filter_text:
            parts.append(f"filter: {shorten(self.filter_text, 20)}")
        parts.append(
            f"{plural(timeline.statements, 'statement')}, "
            f"{plural(timeline.rebuttals, 'rebuttal')}, {plural(len(timeline.days), 'day')}"
        )
        if timeline.undated.rows:
            parts.append(f"{len(timeline.undated):,} undated")
        self.set_title(*parts)


def open_timeline(app: BriefingApp) -> None:
    """The timeline of the actor selected in the dashboard (or all), within the filter."""
    statements = app.statements
    actor_id = statements.actor_id
    name = app.briefing.actor_name(actor_id) if actor_id is not None else "All actors"
    narrowed = statements.filter_text or statements.status is not None
    filtered = list(statements.ids) if narrowed else None

    def jump(statement_id: int | None) -> None:
        if statement_id is not None:
            app.jump_to_statement(statement_id)

    screen = TimelineScreen(actor_id, name, filtered, statements.filter_text, statements.status)
    app.push_screen(screen, jump)
