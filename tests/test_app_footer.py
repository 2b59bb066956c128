"""The footer: whole keys only at any width, and a dialog's own keys inside a dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import sample_app, screen_text

from tui.forms import FormScreen

WORDS = {
    "Quit", "Help", "Dispute", "Annotate", "Status", "Rebut", "New", "Edit", "Delete",
    "Filter", "Undo", "Export", "Import", "palette", "Save", "Cancel", "Next", "field",
    "Yes", "No", "Close", "│", "Sort", "filter", "Mark", "all", "Unmark",
}  # fmt: skip
KEYS = {"q", "?", "d", "a", "s", "r", "n", "e", "del", "/", "u", "x", "i", "^p", "^s", "esc",
        "tab", "y", "S", "f", "space", "*"}  # fmt: skip


def _footer(app) -> str:
    return screen_text(app).splitlines()[-1]


def _whole(line: str) -> None:
    tokens = line.split()
    assert tokens, line
    for token in tokens:
        assert token in WORDS or token in KEYS, f"{token!r} cut or stray in {line!r}"


@pytest.mark.parametrize("width", [80, 100, 120, 200])
async def test_the_footer_shows_whole_keys_at_any_width(tmp_path: Path, width: int) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        for keys in ([], ["1"], ["3"], ["2"]):
            await pilot.press(*keys)
            await pilot.pause()
            line = _footer(app)
            _whole(line)
            assert line.rstrip().endswith("^p palette"), line
            assert "? Help" in line and "q Quit" in line


async def test_a_dialog_footer_shows_the_dialogs_keys(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        line = _footer(app)
        _whole(line)
        assert "^s Save" in line and "esc Cancel" in line
        for app_key in ("Quit", "Import", "Dispute", "palette"):
            assert app_key not in line, line
        # q in a dialog types or does nothing; it never quits the app.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        line = _footer(app)
        assert "y Yes" in line and "Quit" not in line, line
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code is None
