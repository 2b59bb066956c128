"""Every use of a private Textual name, in one place, with why.

Written for Textual 8.2.8 (``TEXTUAL_VERSION``). Each workaround below overrides or calls
a Textual name that starts with ``_``; tests/test_textual_compat.py fails when one of
those names is gone from the installed Textual, or when the workaround no longer has its
effect, so a Textual upgrade is checked here and nowhere else. Nothing else in tui/
overrides or calls a private Textual name.
"""

from __future__ import annotations

import contextlib
import traceback
from typing import Any

from textual import events, on, work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.events import Mount
from textual.geometry import Size
from textual.keys import _normalize_key_list
from textual.scroll_view import ScrollView
from textual.widgets import Button, Input, OptionList

TEXTUAL_VERSION = "8.2.8"

# (owner, private name) pairs used below: the test checks each still exists.
PRIVATE_NAMES: tuple[tuple[str, str], ...] = (
    ("textual.app.App", "_handle_exception"),
    ("textual.app.App", "_print_error_renderables"),
    ("textual.app.App", "_exit_renderables"),
    ("textual.keys", "_normalize_key_list"),
    ("textual.scroll_view.ScrollView", "_scroll_update"),
    ("textual.command.CommandPalette", "_gather_commands"),
    ("textual.command.CommandPalette", "_GATHER_COMMANDS_GROUP"),
    ("textual.command.CommandPalette", "_on_mount"),
    ("textual.command.CommandPalette", "_action_command_list"),
    ("textual.widgets.OptionList", "_move_page"),
    ("textual.widgets.Input", "_on_key"),
    ("textual.widgets.TextArea", "_on_key"),
)


def normalize_keys(keys: str) -> str:
    """``"?,ctrl+e"`` -> ``"question_mark,ctrl+e"``: key names as Textual's keymap uses them
    (the same function ``App.set_keymap`` applies, so a clash check sees what Textual sees)."""
    return _normalize_key_list(keys)


def set_scroll_size(view: ScrollView, size: Size) -> None:
    """A new scrollable size for ``view`` without a layout of the whole screen.

    Setting ``virtual_size`` lays out every widget on the screen (about 30 ms a key here);
    the view's own size does not change with its content, so only its scrollbar needs to
    follow (``_scroll_update``; a layout still happens when the scrollbar appears or goes).
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)
        view.refresh()


class CrashReport:
    """App mixin: keeps the traceback of an error that ended the app (for tui.cli's crash
    log) and, when ``quiet_crash`` is set, prints nothing instead of Textual's screenful."""

    crash_report: str | None = None  # the traceback, once an error ended the app
    quiet_crash = False  # set by the command line: its crash log replaces the traceback

    def _handle_exception(self, error: Exception) -> None:
        # Textual's own hook for an uncaught error (it ends the app with return code 1).
        if self.crash_report is None:
            self.crash_report = "".join(traceback.format_exception(error))
        super()._handle_exception(error)  # type: ignore[misc]

    def _print_error_renderables(self) -> None:
        # One line pointing to the log (printed by tui.cli) instead of a screenful of locals.
        if self.quiet_crash and self.crash_report is not None:
            self._exit_renderables.clear()  # type: ignore[attr-defined]
            return
        super()._print_error_renderables()  # type: ignore[misc]


class KeysFirst:
    """Input/TextArea mixin: ``handle_key_first(event)`` sees each key before the widget
    types it (Textual has no public hook ahead of ``_on_key``); True means handled."""

    def handle_key_first(self, event: events.Key) -> bool:
        return False

    async def _on_key(self, event: events.Key) -> None:
        if not self.handle_key_first(event):
            await super()._on_key(event)  # type: ignore[misc]


class Options(OptionList):
    """An OptionList that may be paged before it is first drawn.

    Textual's OptionList pages through the lines of its last render: pageup or pagedown
    pressed as a dialog opens (before that render) raised KeyError and ended the app.
    """

    def _move_page(self, direction: Any) -> None:
        with contextlib.suppress(KeyError, IndexError):  # not drawn yet: nothing to page
            super()._move_page(direction)


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
