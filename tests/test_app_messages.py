"""What the screen says must be true: filters, unchanged statuses, counts, quitting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import disk_statement, sample_app, screen_text

from tui.screens import StatusPicker

SIZE = (120, 40)


def _toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_filter_that_matches_nothing_says_so(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        text = screen_text(app)
        assert "Nothing matches 'zzzz'" in text
        assert "No statements yet" not in text


async def test_choosing_the_current_status_says_no_change(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        history = len(app.briefing.history())
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StatusPicker)
        await pilot.press("enter")  # the current one (disputed) is highlighted
        await pilot.pause()
        toasts = _toasts(app)
        assert any("already disputed" in t for t in toasts), toasts
        assert not any("is now disputed" in t for t in toasts), toasts
        assert len(app.briefing.history()) == history


async def test_d_twice_on_a_confirmed_statement_gives_confirmed_back(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("G")  # the sample's confirmed statement is last
        sid = app.statements.current_id
        assert app.briefing.statement(sid).status.value == "confirmed"
        await pilot.press("d")
        await pilot.pause()
        assert app.briefing.statement(sid).status.value == "disputed"
        await pilot.press("d")
        await pilot.pause()
        assert app.briefing.flush()
        assert disk_statement(path, sid)["status"] == "confirmed"
        assert "✓ confirmed" in screen_text(app)


async def test_ctrl_c_hint_is_plain_words(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        text = screen_text(app)
        assert "Press q to quit" in text
        assert "[b]" not in text and "[/b]" not in text


async def test_top_bar_counts_are_singular_for_one(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        top = screen_text(app).splitlines()[0]
        assert "· 1 rebuttal ·" in top, top
        assert "5 actors" in top and "4 statements" in top


async def test_a_palette_jump_out_of_a_filtered_list_closes_its_filter_box(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Kell", "enter")
        await pilot.pause()
        box = app.query_one("#statements-filter", Input)
        assert box.display
        target = app.statements.ids[0]
        other = next(s.id for s in app.briefing.statements() if "ceasefire in" in s.text)
        assert other != target
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"willing to consider")
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Statement: Russia is willing" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.statements.current_id == other
        assert not box.display
        assert "Filter statements" not in screen_text(app)


async def test_a_palette_closed_with_its_dialog_before_it_was_drawn(tmp_path: Path) -> None:
    # Found by the burst monkey (seed 7): ctrl+p, then a key that closed the dialog under
    # the palette, in one read: the palette mounted with no screen below and raised.
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        app.action_command_palette()  # pushed, not mounted yet
        form.dismiss(False)  # closes the palette above it too, at once
        await pilot.pause()
        await pilot.pause()
        assert app._exception is None
        assert len(app.screen_stack) == 1
        await pilot.press("j")
        assert app.statements.cursor == 1


async def test_a_dialog_answered_in_the_same_read_that_opened_it(tmp_path: Path) -> None:
    # Found by the burst monkey: delete, then escape at once; the question closed before
    # it was built, and its mount handler failed to find its buttons.
    from tui.screens import ConfirmScreen

    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = ConfirmScreen("Delete statement", "Delete it?")
        app.push_screen(screen)
        screen.dismiss(False)  # before it is mounted
        await pilot.pause()
        await pilot.pause()
        assert app._exception is None
        assert len(app.screen_stack) == 1
        assert len(app.briefing.statements()) == 4


async def test_a_question_closed_with_its_dialog_before_it_was_built(tmp_path: Path) -> None:
    # Found by the burst monkey (seed 1): a form's "Discard changes?" closed along with
    # the form before the question was mounted; its mount handler found no buttons.
    from tui.forms import FormScreen
    from tui.screens import ConfirmScreen

    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        app.push_screen(ConfirmScreen("Discard changes?", "Discard it?"))
        form.dismiss(False)  # takes the unbuilt question with it
        await pilot.pause()
        await pilot.pause()
        assert app._exception is None
        assert len(app.screen_stack) == 1
