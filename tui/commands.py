"""Command palette: jump to any actor or statement by name, and run every action."""

from __future__ import annotations

import contextlib
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Mount
from textual.widgets import Button, Input

from .text import clean, shorten

if TYPE_CHECKING:
    from .app import BriefingApp

# (label, action, help) for every action the palette offers.
ACTIONS: list[tuple[str, str, str]] = [
    ("Toggle disputed", "toggle_disputed", "Mark the selected statement disputed, or back"),
    ("Set status…", "set_status", "Unverified, disputed, confirmed, false, retracted"),
    ("Annotate statement", "annotate", "Add a note to the selected statement"),
    ("Add rebuttal", "add_rebuttal", "Another actor's answer to the selected statement"),
    ("New (in the focused pane)", "new", "New actor, statement or rebuttal"),
    ("Edit selected", "edit", "Edit the selected row of the focused pane"),
    ("Delete selected", "delete", "Delete the selected row (asks first)"),
    ("Filter the focused pane", "filter", "Filter as you type"),
    ("Undo last change", "undo", "Revert the last change"),
    ("Go to actors pane", "focus_pane('actors')", "Pane 1"),
    ("Go to statements pane", "focus_pane('statements')", "Pane 2"),
    ("Go to rebuttals pane", "focus_pane('rebuttals')", "Pane 3"),
    ("Import an article…", "import_article", "Suggested actors, statements and rebuttals"),
    ("Export the current view…", "export", "Markdown, JSON, ClaimReview or CSV"),
    # keys-table: the two analysis screens (t, w)
    ("Timeline", "timeline", "Statements and rebuttals by day"),
    ("Who rebuts whom", "disputes", "The dispute map, with counts"),
    ("Help: all keys", "help", "Every key"),
    ("Quit", "quit", "Leave briefing-tui"),
]

MAX_RECORD_HITS = 40


class Palette(CommandPalette):
    """Textual's command palette, safe to close while it is still searching.

    Typing into the palette and pressing escape at once can start a search after the
    palette's list has been removed: Textual's search worker then fails looking for the
    list, and that failure would end the app. A search for a palette that is going away
    now simply stops.
    """

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)  # type: ignore[attr-defined]
        except NoMatches:
            if self.is_attached and self.query(CommandList):
                raise  # the palette is still showing: a real fault, not the race

    _result_given = False

    def _on_mount(self, event: Mount) -> None:
        # Closed before it was mounted (the dialog under it closed, taking it along):
        # Textual's own mount handler, which runs next, would look for the screen below.
        if self not in self.app.screen_stack or len(self.app.screen_stack) < 2:
            event.prevent_default()

    def dismiss(self, result: Any = None) -> AwaitComplete:
        # Enter Enter in one read selects, then submits: the second would close the
        # palette again (popping the last screen) and run the command twice.
        if self._result_given or self not in self.app.screen_stack:
            return AwaitComplete.nothing()
        self._result_given = True
        return super().dismiss(result)

    @on(Input.Submitted)
    @on(Button.Pressed)
    def _ignore_once_closing(self, event: Input.Submitted | Button.Pressed) -> None:
        # Runs before Textual's own handler (subclass first); prevent_default skips it.
        if self._result_given:
            event.stop()
            event.prevent_default()

    def _action_command_list(self, action: str) -> None:
        # Paging the results before they are first drawn (pageup right after ctrl+p)
        # raises KeyError in Textual's OptionList; there is nothing to page through yet.
        with contextlib.suppress(KeyError, IndexError):
            super()._action_command_list(action)


class BriefingCommands(Provider):
    """Actors and statements by name, plus every action."""

    @property
    def briefing_app(self) -> BriefingApp:
        return self.app  # type: ignore[return-value]

    def _run_action(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    def _available(self, action: str) -> bool:
        name = action.split("(")[0]
        if not hasattr(self.app, f"action_{name}"):
            return False
        return self.briefing_app.can_run(name, self.focused)

    async def discover(self) -> Hits:
        for label, action, help_text in ACTIONS:
            if self._available(action):
                yield DiscoveryHit(label, partial(self._run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, help_text in ACTIONS:
            if not self._available(action):
                continue
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._run_action, action),
                    help=help_text,
                )
        app = self.briefing_app
        briefing = app.briefing
        needle = query.strip()
        if not needle:
            return
        for actor_id in briefing.actor_ids(needle)[:MAX_RECORD_HITS]:
            name = clean(briefing.actor_name(actor_id), one_line=True)
            text = f"Actor: {name}"
            score = max(matcher.match(text), 0.5)
            yield Hit(
                score,
                Content(text),
                partial(app.jump_to_actor, actor_id),
                help="Jump to this actor",
            )
        for statement_id in briefing.statement_ids(text=needle)[:MAX_RECORD_HITS]:
            doc: Any = briefing.statement_doc(statement_id) or {}
            who = clean(briefing.actor_name(doc.get("actor_id", 0)), one_line=True)
            text = f"Statement: {shorten(doc.get('text', ''), 70)}"
            score = max(matcher.match(text), 0.4)
            # User text goes in the prompt (literal Content); the palette parses help as markup.
            yield Hit(
                score,
                Content(f"{text}\n  by {who}"),
                partial(app.jump_to_statement, statement_id),
                help="Jump to this statement",
            )
