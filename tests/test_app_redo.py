"""Redo (U) after undo (u), and both putting the cursor on the row they changed."""

from __future__ import annotations

from pathlib import Path

from tui_helpers import disk_statement, empty_app, sample_app, screen_text

SIZE = (120, 40)


async def test_u_then_U_restores_the_change_with_a_toast(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "d")
        await pilot.pause()
        sid = app.statements.current_id
        assert sid is not None
        assert app.briefing.statement(sid).status.value == "disputed"
        await pilot.press("u")
        await pilot.pause()
        assert app.briefing.statement(sid).status.value == "unverified"
        await pilot.press("U")
        await pilot.pause()
        assert app.briefing.statement(sid).status.value == "disputed"
        assert "Redid: Marked statement" in screen_text(app)
        assert app.statements.current_id == sid
        assert app.briefing.flush()
        assert disk_statement(path, sid)["status"] == "disputed"
        # one level only was undone: a second U says there is nothing left
        await pilot.press("U")
        await pilot.pause()
        assert "Nothing to redo" in screen_text(app)


async def test_undo_undo_redo_redo(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "d", "j", "d")
        await pilot.pause()
        ids = app.statements.ids
        status = lambda i: app.briefing.statement(ids[i]).status.value  # noqa: E731
        await pilot.press("u", "u")
        await pilot.pause()
        assert (status(1), status(2)) == ("unverified", "unverified")
        await pilot.press("U")
        await pilot.pause()
        assert (status(1), status(2)) == ("disputed", "unverified")
        assert app.statements.current_id == ids[1]
        await pilot.press("U")
        await pilot.pause()
        assert (status(1), status(2)) == ("disputed", "disputed")
        assert app.statements.current_id == ids[2]


async def test_undo_moves_the_cursor_to_the_changed_row(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "d")
        await pilot.pause()
        changed = app.statements.current_id
        await pilot.press("g")  # away from it, and into another pane
        await pilot.press("1")
        await pilot.pause()
        assert app.statements.current_id != changed
        await pilot.press("u")
        await pilot.pause()
        assert app.briefing.statement(changed).status.value == "unverified"
        assert app.statements.current_id == changed
        assert app.focused is app.statements


async def test_undo_of_an_actor_edit_goes_to_the_actor(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        actor_id = app.briefing.actors()[-1].id
        app.briefing.update_actor(actor_id, role="Someone else")
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert app.actors.current_actor_id == actor_id
        assert app.focused is app.actors


async def test_redo_after_a_new_change_says_why_not(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("j", "d", "u", "d")
        await pilot.pause()
        await pilot.press("U")
        await pilot.pause()
        text = screen_text(app)
        assert "Nothing to redo" in text


async def test_redo_on_an_empty_store_says_so(tmp_path: Path) -> None:
    app = empty_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("U")
        await pilot.pause()
        assert "Nothing to redo" in screen_text(app)
