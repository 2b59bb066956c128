"""The statements table: columns by width, the sort key, the status filter, and the
filter's matches marked in the rows and in the detail."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from tui_helpers import empty_app, sample_app, screen_text

from store import Briefing, Status
from tui.screens import StatusFilterPicker
from tui.statement_table import Columns, StatementHeader


def row_text(app, index: int) -> str:
    statements = app.statements
    return "".join(s.text for s in statements.render_row(statements.ids[index], 200))


def header_text(app) -> str:
    return app.query_one(StatementHeader).render().plain


def table_store(path: Path, n: int = 0) -> None:
    """Three statements with statuses of every length, dated out of recorded order."""
    b = Briefing.open(path)
    zed = b.add_actor(name="Zed Zimmermann-Oberhauser of the Long Name Institute")
    ana = b.add_actor(name="Ana")
    b.add_statement(actor_id=zed.id, text="Rates will fall.", said_on="2025-06-20")
    b.add_statement(actor_id=ana.id, text="Prices are stable.")
    b.add_statement(actor_id=ana.id, text="Exports grew.", said_on="2024-01-02")
    b.set_status(1, Status.FALSE)
    b.set_status(3, Status.UNVERIFIED)
    b.annotate(2, "Ask the ministry for the READOUT.")
    b.add_rebuttal(3, zed.id, "Exports shrank in Vilnius and Riga.")
    b.set_status(3, Status.RETRACTED)
    b.close()


def test_columns_appear_as_width_allows() -> None:
    narrow = Columns.for_width(28)  # the statements list of an 80-column terminal
    assert (narrow.status, narrow.date, narrow.rebuttals) == (1, 0, 0)
    assert narrow.actor >= 6 and narrow.text >= 10
    wide = Columns.for_width(87)  # of a 200-column terminal
    assert wide.status > 1 and wide.date and wide.rebuttals
    assert wide.actor > 18  # the actor column grows with the width
    for width in range(20, 220):
        for actor in (True, False):
            columns = Columns.for_width(width, actor)
            assert sum(w for _, w in columns.cells()) == width, width
    one_actor = Columns.for_width(87, actor=False)  # the list shows one actor's statements
    assert one_actor.actor == 0 and one_actor.text == wide.text + wide.actor + 1


async def test_one_actors_statements_have_no_actor_column(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "Actor" in screen_text(app).splitlines()[2]
        await pilot.press("1", "j")  # Alexander Lukashenko
        await pilot.pause()
        header = screen_text(app).splitlines()[2]
        assert "Actor" not in header and "Statement" in header, header
        row = screen_text(app).splitlines()[3]
        assert "! Kellogg agreed to explore halting" in row, row
        await pilot.press("k")  # all actors again
        await pilot.pause()
        assert "Actor" in screen_text(app).splitlines()[2]


async def test_rows_and_header_line_up_at_80_and_200_columns(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    table_store(path)
    app = empty_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.statements.columns.status == 1  # the symbol only
        assert header_text(app).split()[:3] == ["S", "Actor", "Statement"]
        await pilot.press("S", "S", "S")  # by status: too narrow a column for the arrow
        assert header_text(app).split()[:4] == ["S", "Actor", "Statement", "(▲"]
        await pilot.press("S")
        lines = screen_text(app).splitlines()
        assert any("✗ Zed" in line and "Rates" in line for line in lines)
        await pilot.resize_terminal(200, 50)
        await pilot.pause()
        columns = app.statements.columns
        assert columns.status > 1 and columns.date and columns.rebuttals
        header = header_text(app)
        text_at = header.index("Statement")
        assert header.index("Date") > header.index("Status")
        # The text starts in the same cell whatever the status word's length.
        rows = [row_text(app, i) for i in range(3)]
        assert [row[text_at:].split()[0] for row in rows] == ["Rates", "Prices", "Exports"]
        assert "✗ false" in rows[0] and "↺ retracted" in rows[2] and "2024-01-02" in rows[2]
        assert rows[2].rstrip().endswith("↩1")


async def test_sort_key_cycles_and_header_and_title_say_so(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    table_store(path)
    app = empty_app(path)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        statements = app.statements
        assert statements.ids == [1, 2, 3]
        assert "▲ order recorded" in header_text(app)
        await pilot.press("S")
        assert statements.ids == [3, 1, 2]  # by date, undated last
        assert "Date ▲" in header_text(app)
        assert "sorted by date" in str(app.query_one("#statements-pane").border_title)
        await pilot.press("S")
        assert statements.ids == [3, 2, 1]  # Ana (by date), then Zed
        assert "Actor ▲" in header_text(app)
        await pilot.press("S")
        assert statements.ids == [2, 1, 3]  # unverified, false, retracted
        assert "Status ▲" in header_text(app)
        # A change of status moves the row, and the cursor stays on it.
        statements.select_id(3)
        await pilot.press("d")  # retracted becomes disputed
        await pilot.pause()
        assert statements.ids == [2, 3, 1]
        assert statements.current_id == 3
        await pilot.press("S")
        assert statements.ids == [1, 2, 3]
        assert "by " not in str(app.query_one("#statements-pane").border_title)


async def test_status_filter_picker_narrows_and_all_statuses_shows_every_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "b.json"
    table_store(path)
    app = empty_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, StatusFilterPicker)
        assert "✗ false (1)" in screen_text(app) and "all statuses (3)" in screen_text(app)
        await pilot.press("down", "down", "down", "down", "enter")  # ✗ false
        await pilot.pause()
        assert app.statements.ids == [1]
        assert "only ✗ false" in str(app.query_one("#statements-pane").border_title)
        assert app.detail.sections["detail-text"].plain == "Rates will fall."
        # The only false statement stops being false: it leaves the list.
        await pilot.press("d")
        await pilot.pause()
        assert app.statements.ids == []
        assert "f shows other statuses" in screen_text(app)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("escape")  # cancelled: as it was
        await pilot.pause()
        assert app.statements.status == Status.FALSE
        await pilot.press("f", "home", "enter")
        await pilot.pause()
        assert app.statements.ids == [1, 2, 3]
        assert "only" not in str(app.query_one("#statements-pane").border_title)


async def test_filter_finds_notes_and_rebuttals_and_marks_the_match(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    table_store(path)
    app = empty_app(path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"readout")
        await pilot.pause()
        assert app.statements.ids == [2]  # found in its annotation
        match = app.detail.get_visual_style("detail--match")
        notes = app.detail.sections["detail-annotations"]
        marked = [notes.plain[s.start : s.end] for s in notes.spans if s.style == match]
        assert marked == ["READOUT"]
        await pilot.press(*["backspace"] * 7, *"vilnius")
        await pilot.pause()
        assert app.statements.ids == [3]  # found in its rebuttal
        rebuttals = app.detail.sections["detail-rebuttals"]
        assert [rebuttals.plain[s.start : s.end] for s in rebuttals.spans if s.style == match] == [
            "Vilnius"
        ]
        await pilot.press(*["backspace"] * 7, *"rates")
        await pilot.pause()
        assert app.statements.ids == [1]
        statements = app.statements
        row = statements.render_row(1, 160)
        style = statements.style("record-list--match")
        assert [s.text for s in row if isinstance(s, Segment) and s.style == style] == ["Rates"]
        text = app.detail.sections["detail-text"]
        assert [text.plain[s.start : s.end] for s in text.spans if s.style == match] == ["Rates"]
        # escape clears the filter, and the marks with it
        await pilot.press("escape")
        await pilot.pause()
        text = app.detail.sections["detail-text"]
        assert not [s for s in text.spans if s.style == match]


async def test_marked_user_text_is_still_data(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    a = b.add_actor(name="[bold]Mallory[/]")
    b.add_statement(actor_id=a.id, text="[link=x]click[/link] \x1b[31mred [/]")
    b.close()
    app = empty_app(path)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"[/")
        await pilot.pause()
        assert app.statements.ids == [1]
        screen = screen_text(app)
        assert "[bold]Mallory[/]" in screen
        assert "[link=x]click[/link]" in screen
        assert "\x1b" not in "".join(s.text for s in app.statements.render_row(1, 200))


async def test_sample_table_at_160_columns(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        header = header_text(app)
        assert header.split()[:4] == ["S", "Date", "Actor", "Statement"]
        assert "! 2025-06-21 Alexander" in screen_text(app)


async def test_a_match_past_the_cell_end_is_brought_into_view(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    a = b.add_actor(name="Ana")
    long = "A very long opening sentence that goes on. " * 3 + "Zebra."
    b.add_statement(actor_id=a.id, text=long)
    b.close()
    app = empty_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zebra")
        await pilot.pause()
        statements = app.statements
        row = statements.render_row(1, statements.size.width)
        style = statements.style("record-list--match")
        assert [s.text for s in row if s.style == style] == ["Zebra"]
        assert "…" in "".join(s.text for s in row)


async def test_export_covers_the_status_shown(tmp_path: Path, monkeypatch) -> None:
    from textual.widgets import Input, Select
    from tui_helpers import modal_text

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "b.json"
    table_store(path)
    app = empty_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f", "end", "enter")  # ↺ retracted
        await pilot.pause()
        assert app.statements.ids == [3]
        await pilot.press("x")
        await pilot.pause()
        assert "1 statement only retracted" in modal_text(app)
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "out.csv")
        app.screen.query_one("#field-format", Select).value = "csv"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
        assert len(rows) == 2 and "Exports grew." in rows[1]


async def test_timeline_keeps_the_status_shown(tmp_path: Path) -> None:
    from tui_helpers import modal_text

    path = tmp_path / "b.json"
    table_store(path)
    app = empty_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f", "down", "enter")  # ? unverified: statement 2 only
        await pilot.pause()
        assert app.statements.ids == [2]
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = modal_text(app)
        assert "only ? unverified" in text and "1 statement" in text, text


async def test_escape_clears_the_text_filter_then_the_status_shown(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    table_store(path)
    app = empty_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f", "down", "down", "down", "down", "enter")  # ✗ false
        await pilot.pause()
        await pilot.press("slash", "r", "a", "t", "e", "s", "enter")
        await pilot.pause()
        assert app.statements.ids == [1] and app.statements.filter_text == "rates"
        await pilot.press("escape")  # the text first
        await pilot.pause()
        assert app.statements.filter_text == "" and app.statements.status == Status.FALSE
        assert "only ✗ false" in str(app.query_one("#statements-pane").border_title)
        await pilot.press("escape")  # then the status shown
        await pilot.pause()
        assert app.statements.status is None and app.statements.ids == [1, 2, 3]
        assert "only" not in str(app.query_one("#statements-pane").border_title)
