"""BriefingApp: three panes over one store, and ``main()``, the command-line entry point."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.widgets import Input, Static

from store import Briefing, Change, Status, StoreError
from store.backup import make_backup
from store.sample import build_sample

from .actions import Actions
from .collector import freeze_if_big
from .commands import BriefingCommands, Palette
from .config import Config, ConfigTheme, load_config
from .detail import StatementDetail
from .filtering import PaneFilters
from .focus import FocusActions
from .keybar import KeyBar
from .keys import BY_ACTION, DASHBOARD_ACTIONS, WHERE, bindings, first_key
from .marks import BIG_BACKLOG, MarkActions
from .panes import ActorList, FilterBox, RebuttalList, RecordList
from .screens import ConfirmScreen
from .statement_table import StatementHeader, StatementList
from .text import clean, plural
from .textual_compat import CrashReport


class SaveStatus(Message):
    """The writer thread's news: "saving", "saved" or "failed: reason"."""

    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status


class BriefingApp(
    CrashReport, ConfigTheme, PaneFilters, FocusActions, MarkActions, Actions, App[None]
):
    """The analyst's dashboard over one ``Briefing``."""

    CSS_PATH = "briefing.tcss"
    TITLE = "briefing-tui"
    COMMANDS: ClassVar[set[Any]] = {*App.COMMANDS, BriefingCommands}
    ENABLE_COMMAND_PALETTE = True
    # A maximised pane (m) keeps the top bar and the key bar.
    ALLOW_IN_MAXIMIZED_VIEW = "#topbar, KeyBar"

    # Priority: a key is acted on as it arrives, so keys typed right after it in the same
    # read go where it sends them (into the dialog it opens, the pane it focuses); while
    # an input has focus these keys are its text (check_action).
    # From the keys table (tui/keys.py). Priority keys are acted on as they arrive, so keys
    # typed right after one in the same read go where it sends them; while an input has
    # focus they are its text (check_action).
    BINDINGS: ClassVar[list[BindingType]] = bindings("app")

    def __init__(
        self,
        briefing: Briefing,
        *,
        welcome: str | None = None,
        poll_interval: float = 0.5,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.briefing = briefing
        # The user's config file: their keys (by binding id) and theme (tui/config.py).
        self.config = config
        self.user_keys: dict[str, str] = dict(config.keymap) if config else {}
        self.set_keymap(self.user_keys)
        self.welcome = welcome
        self.poll_interval = poll_interval
        self.save_state = "saved"
        self._unsubscribe: Callable[[], None] | None = None
        self._applicable: tuple[object, ...] = ()
        # The keys the footer shows: when which of them apply changes, it is redrawn.
        self._app_bindings = [b for b in self.BINDINGS if isinstance(b, Binding) and b.show]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: Any = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast: user text in it is data, so no markup and no control characters."""
        super().notify(
            clean(message),
            title=clean(title, one_line=True),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="topbar")
        with Horizontal(id="main"):
            with Vertical(id="actors-pane", classes="pane"):
                yield ActorList(self.briefing, id="actors")
                yield FilterBox(placeholder="Filter actors…", id="actors-filter", classes="filter")
            with Vertical(id="middle"):
                with Vertical(id="statements-pane", classes="pane"):
                    statements = StatementList(self.briefing, id="statements")
                    yield StatementHeader(statements, id="statements-header")
                    yield statements
                    yield FilterBox(
                        placeholder="Filter statements…", id="statements-filter", classes="filter"
                    )
                with Vertical(id="rebuttals-pane", classes="pane"):
                    yield RebuttalList(self.briefing, id="rebuttals")
                    yield FilterBox(
                        placeholder="Filter rebuttals…", id="rebuttals-filter", classes="filter"
                    )
            yield StatementDetail(id="detail")
        yield KeyBar(palette=True, id="footer")

    @property
    def actors(self) -> ActorList:
        return self.query_one("#actors", ActorList)

    @property
    def statements(self) -> StatementList:
        return self.query_one("#statements", StatementList)

    @property
    def rebuttals(self) -> RebuttalList:
        return self.query_one("#rebuttals", RebuttalList)

    @property
    def detail(self) -> StatementDetail:
        return self.query_one("#detail", StatementDetail)

    def on_mount(self) -> None:
        self.actors.reload()
        self.statements.reload()
        self.statements.focus()
        self._show_statement(self.statements.current_id)
        self._update_topbar()
        self._unsubscribe = self.briefing.subscribe(self._store_event)
        self._stop_save_status = self.briefing.on_save_status(
            lambda status: self.post_message(SaveStatus(status))
        )
        if self.poll_interval:
            self.set_interval(self.poll_interval, self._poll_store)
        if self.welcome:
            self._welcome_toast = Notification(self.welcome, "Welcome", timeout=12, markup=False)
            self.post_message(Notify(self._welcome_toast))
        self._apply_config()
        self._on_resize_layout()
        # Indexes the first screen can do without, once it is up (both in a thread). The
        # sorted orders (S, f) wait a moment more: built at once, the thread slowed the
        # first keys after launch (~120 ms at 100,000 statements).
        self.call_after_refresh(self.briefing.prepare_history)
        self.set_timer(1.5, self.briefing.prepare_sorts)
        # Those indexes live as long as the store: out of the collector's way too, once
        # built (a full collection walking them stalled a key by ~60 ms at 100,000).
        self.set_timer(6.0, lambda: freeze_if_big(self.briefing))

    _welcome_toast: Notification | None = None

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        # The welcome would cover the dialog (at 80x24, most of it): it has been read.
        if self._welcome_toast is not None:
            with contextlib.suppress(KeyError):
                self._unnotify(self._welcome_toast)
            self._welcome_toast = None
        return super().push_screen(*args, **kwargs)

    def on_resize(self, event: Any) -> None:
        # This handler runs before Textual's own, which is when ``self.size`` takes the
        # new size: use the event's, or the layout is always one resize behind.
        self._on_resize_layout(event.size.width)

    def _on_resize_layout(self, width: int | None = None) -> None:
        width = self.size.width if width is None else width
        if not self.screen_stack:
            return
        # The dashboard is the bottom screen; a dialog may be on top while the size changes.
        main = self.screen_stack[0]
        main.set_class(width < 110, "-narrow")
        main.set_class(width >= 150, "-wide")

    # -- store events ---------------------------------------------------------------

    def _on_store_change(self, change: Change) -> None:
        structural = change.action in ("add", "delete", "undo", "redo", "reload", "batch")
        if change.action == "reload":
            freeze_if_big(self.briefing)  # the newly read documents, as at launch
            self.briefing.prepare_sorts()  # (a reload forgot them)
        if structural:
            self.statements.drop_missing_marks()  # (deleted here, by an undo, elsewhere)
        if "actors" in change.tables or change.action == "reload":
            self.actors.reload()
        elif structural or change.action == "update":
            self.actors.refresh_rows()  # (the statement counts; a status or note leaves them)
        # An edit can move a statement to another actor or out of the filter: re-query.
        shown = self.statements.current_id
        if structural or self.statements.narrowed or change.action == "update":
            self.statements.reload()
        else:
            self.statements.refresh_rows(change.doc_ids.get("statements", ()))
        current = self.statements.current_id
        if (
            structural
            or current != shown
            or "rebuttals" in change.tables
            or "actors" in change.tables
            or change.action == "update"
        ):
            self.rebuttals.statement_id = current
            self.rebuttals.reload()
        self.detail.show(self.briefing, current)
        self._update_topbar()

    def _poll_store(self) -> None:
        if self.busy:
            return  # a big change is being made in a thread (tui/marks.py)
        if self.briefing.foreign_backlog() >= BIG_BACKLOG:
            self.poll_in_thread()  # (seconds of reading: tui/marks.py)
            return
        try:
            self.briefing.poll()
        except StoreError as exc:
            self._poll_failed(exc)
        else:
            self._poll_error = None

    def _poll_failed(self, exc: StoreError) -> None:
        # (say it once: the poll keeps finding the same bad file until it changes)
        if str(exc) != getattr(self, "_poll_error", None):
            self._poll_error = str(exc)
            self.notify(
                f"{exc} Your changes are not saved while the file is like this.",
                title="Store file changed outside briefing-tui",
                severity="error",
                timeout=30,
                markup=False,
            )

    def on_save_status(self, message: SaveStatus) -> None:
        previous = self.save_state
        if message.status == "saving" and previous.startswith("failed"):
            return  # a retry: keep saying "not saved" until it is
        self.save_state = message.status
        self._update_topbar()
        if message.status.startswith("failed") and not previous.startswith("failed"):
            reason = message.status.removeprefix("failed: ")
            self.notify(
                f"Could not save {self.briefing.path}: {reason}. Your changes are kept in memory "
                "and saving is retried; free space or fix permissions.",
                title="Not saved",
                severity="error",
                timeout=15,
                markup=False,
            )
        elif message.status == "saved" and previous.startswith("failed"):
            self.notify("All changes are saved now.", title="Saved", markup=False)

    def _update_topbar(self) -> None:
        counts = self.briefing.counts()
        disputed = self.briefing.status_counts()[Status.DISPUTED]
        save_state = self.save_state
        if save_state == "saved" and self.briefing.unsaved_count:
            # The writer's last word may predate the change just made: "saved" is said
            # only when nothing is pending at the time the bar is drawn.
            save_state = "saving"
        state = {
            "saved": "✓ saved",
            "saving": "… saving",
        }.get(save_state, "✗ NOT SAVED")
        if self.busy and not save_state.startswith("failed"):
            state = f"… {self.busy}"
        parts = [
            plural(counts["actors"], "actor"),
            plural(counts["statements"], "statement"),
            plural(counts["rebuttals"], "rebuttal"),
            f"{disputed:,} disputed",
        ]
        path = clean(str(self.briefing.path), one_line=True)
        bars = self.query("#topbar").results(Static)
        for bar in bars:  # none while the app shuts down
            # The save state comes first so a long path or a toast never hides it.
            # (Its size is fixed by the .tcss: a new text needs no layout of the screen.)
            bar.update(Content(f" {state} · {' · '.join(parts)} · {path}"), layout=False)
            bar.set_class(self.save_state.startswith("failed"), "-unsaved")

    # -- selection ------------------------------------------------------------------

    @on(RecordList.Highlighted, "#actors")
    def _actor_highlighted(self, event: RecordList.Highlighted) -> None:
        self.follow_actor()

    def follow_actor(self) -> None:
        """Narrow the statements to the highlighted actor, if not done yet (the actors
        list says so by a message, which comes after the keys already read: "1 j 2 *" in
        one read must mark the new actor's statements)."""
        actor_id = self.actors.current_actor_id
        if actor_id == self.statements.actor_id:
            return
        self.statements.actor_id = actor_id
        self.statements.actor_label = self.briefing.actor_name(actor_id) if actor_id else ""
        self.statements.reload(keep=-1)
        self._show_statement(self.statements.current_id)

    @on(RecordList.Highlighted, "#statements")
    def _statement_highlighted(self, event: RecordList.Highlighted) -> None:
        self._show_statement(event.doc_id)

    @on(RecordList.Chosen, "#actors")
    def _actor_chosen(self, event: RecordList.Chosen) -> None:
        self.action_focus_pane("statements")

    @on(RecordList.Chosen, "#statements")
    def _statement_chosen(self, event: RecordList.Chosen) -> None:
        if self.rebuttals.ids:
            self.action_focus_pane("rebuttals")

    def _show_statement(self, statement_id: int | None) -> None:
        self.rebuttals.statement_id = statement_id
        self.rebuttals.reload(keep=-1)
        self.detail.highlight = self.statements.filter_text  # (its matches are marked)
        self.detail.show(self.briefing, statement_id)
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        # The footer rebuilds all its keys on every refresh_bindings (most of the cost of a
        # cursor move), so ask only when the keys that apply here have changed.
        applicable = self._applicable_keys()
        if applicable != self._applicable:
            self._applicable = applicable
            self.refresh_bindings()

    def _applicable_keys(self) -> tuple[object, ...]:
        if not self.screen_stack:
            return ()  # the app is closing
        focused = self.focused
        return (id(focused), *(self.can_run(b.action, focused) for b in self._app_bindings))

    # -- panes and focus ------------------------------------------------------------

    def on_descendant_focus(self) -> None:
        if not self.screen_stack:
            return  # a focus change still queued while the app closes
        # The actors pane in focus: the detail shows the actor (tui/profile.py), and back.
        if self.screen is self.screen_stack[0]:
            self.detail.show(self.briefing, self.statements.current_id)
        self._applicable = self._applicable_keys()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.screen_stack:
            return False  # the app is closing
        if action in DASHBOARD_ACTIONS and self.screen is not self.screen_stack[0]:
            return False  # a dialog is open: its own keys apply (and the footer says so)
        key = BY_ACTION.get(action)
        typing = isinstance(self.focused, Input) and not (key and key.while_typing)
        if action in DASHBOARD_ACTIONS and typing:
            return False  # typing in a filter box: the key is text
        return self.can_run(action, self.focused)

    def can_run(self, action: str, focused: Any) -> bool:
        """Whether ``action`` applies with ``focused`` focused (the palette asks too): the
        keys table's ``where`` for it (tui/keys.py)."""
        key = BY_ACTION.get(action.split("(")[0])
        return key is None or WHERE[key.where](self, self._focused_pane(focused))

    def pane_list(self, pane: str) -> RecordList:
        return self.query_one(f"#{pane}", RecordList)

    def selected_in(self, pane: str) -> int | None:
        """The id of the selected row of ``pane`` (None for "All actors" or an empty list)."""
        if pane == "actors":
            return self.actors.current_actor_id
        return self.pane_list(pane).current_id

    def key_for(self, key_id: str) -> str:
        """The (first) key bound to ``key_id``, the user's if remapped: for sentences."""
        return first_key(key_id, self.user_keys)

    def action_command_palette(self) -> None:
        """Textual's palette, in the form that may be closed while it searches."""
        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette(id="--command-palette"))

    async def action_quit_app(self) -> None:
        await self.action_quit()

    async def action_quit(self) -> None:
        # A write that is already failing will not succeed in the next seconds: ask now.
        failing = self.briefing.last_error
        if self.briefing.unsaved and (failing or not self.briefing.flush(timeout=3.0)):

            def answered(yes: bool | None) -> None:
                if yes:
                    self.exit()

            self.push_screen(
                ConfirmScreen(
                    "Unsaved changes",
                    f"Some changes could not be saved to {self.briefing.path} "
                    f"({self.briefing.last_error}). Quit anyway and lose them?",
                    yes="Quit",
                ),
                answered,
            )
            return
        self.exit()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        stop = getattr(self, "_stop_save_status", None)
        if stop is not None:
            stop()


def make_app(
    path: str | os.PathLike[str],
    *,
    sample_if_new: bool = False,
    clock: Any = None,
    poll_interval: float = 0.5,
    write_behind: bool = True,
    backup: bool = True,
    config: Config | None = None,
) -> BriefingApp:
    """Open (or create) the store at ``path`` and build the app on it (tests use this);
    ``config`` defaults to the user's config file (tui/config.py)."""
    path = Path(path)
    config = config if config is not None else load_config()
    keymap = config.keymap
    is_new = not path.exists()
    # A short lock wait: a store held by another process gives a message, not a freeze.
    briefing = Briefing.open(path, clock=clock, write_behind=write_behind, lock_timeout=2.0)
    freeze_if_big(briefing)
    if backup and not is_new:
        # The last good file at each launch, off the start-up path.
        threading.Thread(target=_backup_quietly, args=(path,), daemon=True).start()
    welcome = None
    if is_new and sample_if_new:
        build_sample(briefing)
        briefing.flush()
        welcome = (
            f"Created {path} with a sample briefing (the Kellogg–Lukashenko dispute). "
            f"Press {first_key('undo', keymap)} to remove it, or start empty with: "
            "briefing-tui --db another.json"
        )
    elif is_new:
        welcome = (
            f"New empty store at {path}. Press {first_key('pane-actors', keymap)} then "
            f"{first_key('new', keymap)} to add your first actor; "
            f"{first_key('help', keymap)} shows every key."
        )
    return BriefingApp(briefing, welcome=welcome, poll_interval=poll_interval, config=config)


def _backup_quietly(path: Path) -> None:
    with contextlib.suppress(OSError, StoreError):
        make_backup(path)


def main(argv: list[str] | None = None) -> int:
    """The command-line entry point (kept here for installs made before ``tui.cli``)."""
    from .cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
