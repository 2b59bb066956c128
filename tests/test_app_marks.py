"""Marks (issue 16, part 7): space and * mark statements, d and s act on all of them as
one change, u undoes it whole; escape clears the marks, then the filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import disk_statement, modal_text, sample_app, screen_text, use_config

import tui.app
import tui.marks
from store import Briefing
from tui.config import load_config
from tui.keybar import KeyBar
from tui.screens import StatusPicker

SIZE = (120, 40)


def statuses(app, ids=None) -> list[str]:  # type: ignore[no-untyped-def]
    ids = ids if ids is not None else app.statements.ids
    return [app.briefing.statement(i).status.value for i in ids]


def title(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.query_one("#statements-pane").border_title)


def toasts(app) -> str:  # type: ignore[no-untyped-def]
    return " | ".join(n.message for n in app._notifications)


def footer(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(f"{key} {word}" for key, word, _ in app.query_one(KeyBar).items)


async def test_space_marks_and_moves_down_then_d_disputes_all_as_one_change(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        ids = list(app.statements.ids)
        assert statuses(app) == ["disputed", "unverified", "unverified", "confirmed"]
        await pilot.press("j", "space", "space")
        await pilot.pause()
        assert app.statements.marked == {ids[1], ids[2]}
        assert app.statements.current_id == ids[3]  # space moved down each time
        assert "2 marked" in title(app)
        rows = screen_text(app).splitlines()[3:7]  # (under the column header)
        assert [row.split("││")[1][0] for row in rows] == [" ", "●", "●", " "]
        assert "esc Unmark" in footer(app)
        history = app.briefing.counts()["history"]

        await pilot.press("d")
        await pilot.pause()
        assert statuses(app) == ["disputed", "disputed", "disputed", "confirmed"]
        assert app.briefing.counts()["history"] == history + 2
        newest = app.briefing.history(limit=2)
        assert newest[0].group is not None and newest[0].group == newest[1].group
        text = toasts(app)
        assert "2 statements are now disputed" in text
        assert "press u to undo" in text
        assert app.statements.marked == set()  # applied: the marks are done with
        assert "marked" not in title(app)
        assert app.briefing.flush()
        assert disk_statement(path, ids[2])["status"] == "disputed"

        await pilot.press("u")
        await pilot.pause()
        assert statuses(app) == ["disputed", "unverified", "unverified", "confirmed"]
        assert "Undid: Marked 2 statements disputed" in toasts(app)
        # the cursor (on the row after them) goes to the first of them, in this view
        assert app.statements.current_id == ids[1]
        await pilot.press("U")
        await pilot.pause()
        assert statuses(app) == ["disputed", "disputed", "disputed", "confirmed"]
        assert app.briefing.flush()
        assert disk_statement(path, ids[1])["status"] == "disputed"


async def test_d_on_marks_that_are_all_disputed_puts_each_back(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        ids = list(app.statements.ids)
        await pilot.press("G", "d", "g", "space", "j", "j", "space")  # #1 and #4, both disputed
        await pilot.pause()
        assert statuses(app, [ids[0], ids[3]]) == ["disputed", "disputed"]
        await pilot.press("d")
        await pilot.pause()
        # #1 was disputed from its start (unverified); #4 was confirmed before its d
        assert statuses(app, [ids[0], ids[3]]) == ["unverified", "confirmed"]
        assert "back to their status before disputed" in toasts(app)


async def test_star_marks_the_view_and_again_unmarks_it(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("asterisk")
        await pilot.pause()
        assert app.statements.marked == set(app.statements.ids)
        assert "4 marked" in title(app)
        await pilot.press("asterisk")
        await pilot.pause()
        assert app.statements.marked == set()
        # one actor's view: only theirs; the marks stay when the view changes
        await pilot.press("1", "j", "2", "asterisk")
        await pilot.pause()
        theirs = set(app.statements.ids)
        assert len(theirs) == 1 and app.statements.marked == theirs
        await pilot.press("1", "g", "2")
        await pilot.pause()
        assert "1 marked" in title(app) and "not shown" not in title(app)
        await pilot.press("1", "j", "j", "2")
        await pilot.pause()
        assert "1 marked (1 not shown)" in title(app)
        await pilot.press("space", "d")  # the hidden one is acted on too, and said so
        await pilot.pause()
        # (Lukashenko's statement was disputed already; the government's is now)
        assert "is now disputed (1 of the 2 marked was already disputed)" in toasts(app)
        assert "1 of them was not in the view" in toasts(app)


async def test_s_sets_the_status_of_every_marked_statement(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        ids = list(app.statements.ids)
        await pilot.press("j", "j", "space", "space", "s")
        await pilot.pause()
        assert isinstance(app.screen, StatusPicker)
        assert "Set status of 2 marked statements" in modal_text(app)
        # they differ: the picker starts on the cursor's (the last row's: confirmed)
        await pilot.press("enter")
        await pilot.pause()
        assert statuses(app, ids[2:]) == ["confirmed", "confirmed"]
        text = toasts(app)
        assert (
            f"Statement #{ids[2]} is now confirmed (1 of the 2 marked was already confirmed)"
            in text
        )
        # nothing to change: said so, and the marks stay for another choice
        await pilot.press("g", "j", "j", "j", "space", "s")
        await pilot.pause()
        await pilot.press("enter")  # the picker starts on their status: confirmed
        await pilot.pause()
        assert "already confirmed: no change" in toasts(app)
        assert app.statements.marked == {ids[3]}


async def test_escape_clears_the_marks_first_then_the_filter(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"the", "enter")
        await pilot.pause()
        shown = list(app.statements.ids)
        assert app.statements.filter_text == "the" and app.focused is app.statements
        await pilot.press("asterisk")
        await pilot.pause()
        assert app.statements.marked == set(shown)
        await pilot.press("escape")
        await pilot.pause()
        assert app.statements.marked == set()
        assert app.statements.filter_text == "the"
        await pilot.press("escape")
        await pilot.pause()
        assert app.statements.filter_text == ""
        # in the filter box, space is text, not a mark
        await pilot.press("slash", "a", "space", "b")
        await pilot.pause()
        assert app.statements.filter_text == "a b" and not app.statements.marked


async def test_marks_of_deleted_statements_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        ids = list(app.statements.ids)
        await pilot.press("asterisk", "g", "delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.statements.marked == set(ids[1:])
        assert "3 marked" in title(app)
        # another process deletes one: its mark goes when the change comes in
        other = Briefing.open(path)
        other.delete_statement(ids[3], cascade=True)
        other.close()
        app.briefing.poll()
        await pilot.pause()
        assert app.statements.marked == {ids[1], ids[2]}
        assert "2 marked" in title(app)


async def test_a_big_change_runs_in_a_thread_and_keys_wait_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.marks, "BIG", 3)
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("asterisk", "d")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert statuses(app) == ["disputed"] * 4
        assert "3 statements are now disputed" in toasts(app)
        assert app.busy is None and not app.statements.marked
        await pilot.press("u")  # a big undo runs in a thread too
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert statuses(app) == ["disputed", "unverified", "unverified", "confirmed"]
        assert "Undid: Marked 3 statements disputed" in toasts(app)
        # while one runs, keys that change the store wait and say so
        app.busy = "marking 3 statements disputed"  # (as _change_marked says it)
        await pilot.press("d", "u", "space")
        await pilot.pause()
        assert statuses(app) == ["disputed", "unverified", "unverified", "confirmed"]
        assert not app.statements.marked
        assert "Wait a moment: marking 3 statements disputed" in toasts(app)
        app.busy = None


async def test_the_mark_keys_are_in_the_footer_help_and_palette(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        assert "space Mark" in footer(app) and "* Mark all" in footer(app)
        assert "Unmark" not in footer(app)
        await pilot.press("space")
        await pilot.pause()
        assert "esc Unmark" in footer(app)
        await pilot.press("1")  # the actors pane: no mark keys there
        await pilot.pause()
        assert "Mark" not in footer(app)
        await pilot.press("2", "question_mark")
        await pilot.pause()
        help_text = modal_text(app)
        assert "mark or unmark the selected statement" in help_text
        assert "mark every statement in the view" in help_text
        assert "clear the marks" in help_text


async def test_the_palette_marks_and_escape_in_the_filter_box_keeps_the_marks(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"mark all")
        await pilot.pause(0.3)
        assert "Mark all statements in view" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.statements.marked == set(app.statements.ids)
        # typing in the filter box: escape leaves the box (and its filter), not the marks
        await pilot.press("slash", *"kel")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.statements.filter_text == "" and app.focused is app.statements
        assert len(app.statements.marked) == 4


def test_only_the_keys_table_may_share_escape(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nclear-marks = "escape"\nclear-filter = "escape"\n', "utf-8")
    assert load_config(path).error is None
    path.write_text('[keys]\ndispute = "escape"\n', "utf-8")
    assert 'key "escape" is used twice (dispute and clear-marks)' in str(load_config(path).error)
    path.write_text('[keys]\nmark = "x"\n', "utf-8")
    assert 'key "x" is used twice (mark and export)' in str(load_config(path).error)


async def test_the_mark_keys_can_be_remapped(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    use_config(monkeypatch, tmp_path, '[keys]\nmark = "v"\nmark-all = "V"\nclear-marks = "c"\n')
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("v", "space")  # space is nothing now
        await pilot.pause()
        assert len(app.statements.marked) == 1
        assert "v Mark" in footer(app) and "c Unmark" in footer(app)
        await pilot.press("c")
        await pilot.pause()
        assert not app.statements.marked
        await pilot.press("V")
        await pilot.pause()
        assert len(app.statements.marked) == 4


async def test_another_window_s_big_change_is_read_in_a_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.app, "BIG_BACKLOG", 1)  # (any change counts as big here)
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        ids = list(app.statements.ids)
        await pilot.press("asterisk")
        other = Briefing.open(path)
        other.set_status_many(ids, "false")
        other.delete_statement(ids[2])
        other.close()
        assert app.briefing.foreign_backlog() > 0
        app._poll_store()
        assert app.busy == "reading a big change made in another window"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.busy is None and app.briefing.foreign_backlog() == 0
        assert statuses(app) == ["false"] * 3
        assert app.statements.marked == {ids[0], ids[1], ids[3]}  # the deleted one's dropped
        assert "3 marked" in title(app)
