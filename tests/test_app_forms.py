"""Forms and the annotation editor: tab order, enter, errors by their fields, escape."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select, Static, TextArea
from tui_helpers import disk_statement, modal_text, on_disk, sample_app

from tui.screens import AnnotateScreen, ConfirmScreen, FormScreen

SIZE = (120, 40)


def _focused_id(app) -> str:
    return app.focused.id if app.focused is not None else "(nothing)"


async def test_tab_visits_exactly_the_visible_fields_of_the_statement_form(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("2", "n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        order = [_focused_id(app)]
        for _ in range(7):
            await pilot.press("tab")
            order.append(_focused_id(app))
        assert order == [
            "field-actor_id-search",
            "field-text",
            "field-said_on",
            "field-source",
            "field-url",
            "field-status",
            "field-tags",
            "field-actor_id-search",
        ]
        for _ in range(7):
            await pilot.press("shift+tab")
            assert _focused_id(app).startswith("field-"), _focused_id(app)


async def test_typing_through_the_statement_form_fills_each_field(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("2", "n")
        await pilot.pause()
        await pilot.press(*"Kellogg", "tab", *"No deal was made", "tab")
        await pilot.press(*"2025-06-22", "enter", *"MFA briefing", "enter")
        await pilot.press(*"https://example.org/a", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen), modal_text(app)
        assert app.briefing.flush()
        added = [s for s in on_disk(path)["statements"].values() if s["text"] == "No deal was made"]
        assert len(added) == 1
        assert added[0]["said_on"] == "2025-06-22"
        assert added[0]["source"] == "MFA briefing"
        assert added[0]["url"] == "https://example.org/a"
        assert added[0]["actor_id"] == app.briefing.find_actor("Keith Kellogg").id


async def test_enter_in_the_actor_search_picks_the_match_and_moves_on(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("r")  # the rebuttal form: who rebuts first
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press(*"Tsikh", "enter")
        assert isinstance(app.focused, TextArea) and app.focused.id == "field-text"
        assert form.values()["actor_id"] == app.briefing.find_actor("Siarhei Tsikhanouski").id
        search = form.query_one("#field-actor_id-search", Input)
        assert search.value == "Siarhei Tsikhanouski"


async def test_new_actor_form_enter_moves_to_the_next_field(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("1", "n")
        await pilot.pause()
        await pilot.press(*"Maria Zakharova", "enter")
        assert isinstance(app.focused, Select)
        assert isinstance(app.screen, FormScreen)  # enter did not save or close


async def test_shift_tab_in_the_edit_form_lands_on_a_field_and_typing_is_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        sid = app.statements.current_id
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("shift+tab")
        assert _focused_id(app) == "field-tags"
        await pilot.press(*"minsk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.briefing.flush()
        assert disk_statement(path, sid)["tags"] == ["minsk"]


async def test_an_unchanged_edit_says_so_and_writes_no_history(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        history = len(app.briefing.history())
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Nothing changed" in m for m in messages), messages
        assert not any("saved" in m.casefold() for m in messages), messages
        assert len(app.briefing.history()) == history


async def test_each_error_goes_under_its_own_field_in_the_labels_words(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("2", "n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Kellogg", "enter", *"A claim", "tab")
        await pilot.press(*"22/06/2025", "enter", "enter", *"ftp://x", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)

        def error(name: str) -> str:
            return str(form.query_one(f"#error-{name}", Static).content)

        assert error("said_on").startswith("Said on must be a date as YYYY-MM-DD")
        assert "22/06/2025" in error("said_on")
        assert "url" not in error("said_on").casefold()
        assert error("url").startswith("URL must start with http")
        assert "said_on" not in modal_text(app)  # no internal field names


async def test_escape_in_the_annotation_editor_with_text_asks_first(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        sid = app.statements.current_id
        notes = len(app.briefing.statement(sid).annotations)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Check the readout", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: back to the note, as typed
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        assert app.screen.query_one(TextArea).text == "Check the readout"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateScreen | ConfirmScreen)
        assert len(app.briefing.statement(sid).annotations) == notes
        # An empty editor closes at once.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateScreen | ConfirmScreen)


async def test_escape_in_a_form_with_changes_asks_first(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")  # nothing changed: closes
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", *"more", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # escape on the question: keep editing
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-text", TextArea).text.endswith("more") or (
            "more" in app.screen.query_one("#field-text", TextArea).text
        )
