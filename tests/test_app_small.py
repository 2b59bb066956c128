"""Smaller promises: aligned rows, what a delete names, the new statement's actor, backspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import modal_text, sample_app, screen_text

from tui.forms import ActorPicker, FormScreen
from tui.screens import ConfirmScreen

SIZE = (120, 40)


async def test_statement_rows_line_up_whatever_the_status(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=(200, 50)) as pilot:  # wide enough for the date column
        await pilot.pause()
        rows = [
            line
            for line in screen_text(app).splitlines()
            if "2025-06-21" in line and ("disputed" in line or "unverified" in line)
        ]
        columns = {line.index("2025-06-21") for line in rows}
        assert len(rows) >= 3 and len(columns) == 1, rows


async def test_deleting_a_rebuttal_names_its_author_and_text(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("3", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = modal_text(app)
        rebuttal = app.briefing.rebuttal(app.rebuttals.current_id)
        assert "by Keith Kellogg" in text
        assert rebuttal.text[:40] in text


async def test_a_new_statement_under_all_actors_starts_with_no_actor(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert app.statements.actor_id is None  # "All actors"
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-actor_id", ActorPicker).selected is None
        assert form.query_one("#field-actor_id-search", Input).value == ""
        await pilot.press("escape")
        await pilot.pause()
        # With an actor chosen, the form starts with that actor.
        await pilot.press("1", "j", "2", "n")
        await pilot.pause()
        form = app.screen
        chosen = app.statements.actor_id
        assert chosen is not None
        assert form.query_one("#field-actor_id", ActorPicker).selected == chosen


async def test_backspace_deletes_in_a_list_and_edits_in_a_box(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete statement" in modal_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("slash", *"Kellx", "backspace")
        await pilot.pause()
        assert app.query_one("#statements-filter", Input).value == "Kell"
        assert not isinstance(app.screen, ConfirmScreen)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_import_review_keeps_its_keys_line_on_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from textual.widgets import Input as TextInput

    source = Path(__file__).resolve().parent.parent / "store" / "data" / "kellogg-lukashenko.txt"
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-file", TextInput).value = str(source)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "space choose/skip" in text, text


async def test_the_welcome_goes_when_a_dialog_opens_over_it(tmp_path: Path) -> None:
    # At 80x24 the welcome toast covered most of the first dialog opened under it.
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Created ") for m in messages), messages
        await pilot.press("i")
        await pilot.pause()
        assert not any(n.message.startswith("Created ") for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        # other toasts still come and stay
        await pilot.press("2", "d")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages and not any(m.startswith("Created ") for m in messages), messages
