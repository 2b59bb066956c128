"""tui/textual_compat.py: each private Textual name it uses still exists and its workaround
still has its effect; and no other module of tui/ uses a private Textual name."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
import textual
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widgets import OptionList

from tui import textual_compat
from tui.textual_compat import (
    PRIVATE_NAMES,
    TEXTUAL_VERSION,
    CrashReport,
    Options,
    normalize_keys,
    set_scroll_size,
)

TUI = Path(textual_compat.__file__).parent


def _resolve(owner: str) -> object:
    parts = owner.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            target = getattr(target, name)
        return target
    raise ImportError(owner)


@pytest.mark.parametrize(("owner", "name"), PRIVATE_NAMES)
def test_each_private_name_still_exists(owner: str, name: str) -> None:
    target = _resolve(owner)
    if name == "_exit_renderables":  # an instance attribute, set in App.__init__
        assert name in inspect.getsource(App.__init__)
    else:
        assert hasattr(target, name), f"Textual {textual.__version__}: {owner}.{name} is gone"


def test_written_for_the_installed_textual() -> None:
    # Another version: run this file, check each workaround is still needed, then update.
    assert textual.__version__ == TEXTUAL_VERSION


def test_no_other_module_overrides_or_calls_a_private_textual_name() -> None:
    # The underscore names of Textual's classes that tui/ may mention only in textual_compat.
    textual_privates = {name for _, name in PRIVATE_NAMES}
    for path in TUI.glob("*.py"):
        if path.name == "textual_compat.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in textual_privates:
            assert not re.search(rf"\b{name}\b", text), f"{path.name} uses {name}"


def test_key_names_are_normalized_as_the_keymap_does() -> None:
    assert normalize_keys("?,ctrl+e, x") == "question_mark,ctrl+e,x"
    assert App._normalize_keymap({"a": "/"}) == {"a": normalize_keys("/")}


class _ScrollApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ScrollView()


async def test_set_scroll_size_moves_the_scrollbar_without_a_layout() -> None:
    app = _ScrollApp()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(ScrollView)
        await pilot.pause()
        set_scroll_size(view, Size(40, 100))
        assert view.virtual_size == Size(40, 100)
        assert view.max_scroll_y > 0  # the scrollbar follows at once
        view.scroll_to(y=50, animate=False, immediate=True)
        assert view.scroll_y == 50


class _Crashing(CrashReport, App[None]):
    quiet_crash = True

    def on_mount(self) -> None:
        raise RuntimeError("boom")


async def test_a_crash_is_kept_and_textual_prints_nothing() -> None:
    app = _Crashing()
    with pytest.raises(RuntimeError):
        async with app.run_test():
            pass
    assert app.crash_report is not None and "RuntimeError: boom" in app.crash_report
    app._print_error_renderables()
    assert not app._exit_renderables  # the screenful of locals is not printed


def test_the_palette_override_wraps_textuals_search() -> None:
    # Palette._gather_commands calls Textual's undecorated method through __wrapped__.
    assert hasattr(CommandPalette._gather_commands, "__wrapped__")
    assert inspect.iscoroutinefunction(CommandPalette._gather_commands.__wrapped__)


def test_paging_options_before_they_are_drawn() -> None:
    # Still needed: Textual's own OptionList fails paging before its first render...
    with pytest.raises((KeyError, IndexError)):
        OptionList("a", "b", "c")._move_page(1)
    # ...and still works: ours does nothing then.
    Options("a", "b", "c")._move_page(1)
