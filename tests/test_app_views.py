"""The analysis screens: the timeline (t) and who rebuts whom (w), on the sample store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tui_helpers import sample_app, screen_text

from tui.disputes import DisputesScreen, PairScreen
from tui.timeline import TimelineScreen

SIZE = (120, 40)
HOSTILE = "[bold red]Evil[/] \x1b[31mActor"


async def _open(app, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def _rows(screen) -> list[str]:
    rows = screen.rows
    return ["".join(text for text, _ in rows.rows.row(i).parts) for i in range(len(rows.ids))]


async def test_timeline_groups_by_day_with_undated_last(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        app.welcome = None
        await _open(app, pilot, "t")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        rows = _rows(screen)
        assert rows[0].startswith("2025-06-21 Saturday  3 items")
        assert rows[4].startswith("Undated  2 items")
        assert len(rows) == 7  # two headings, four statements, one rebuttal
        rebuttal = rows[6]
        assert "↩ rebuttal" in rebuttal and "Keith Kellogg answers Alexander Lukashenko" in rebuttal
        assert "“Kellogg agreed to explore" in rebuttal
        text = screen_text(app)
        assert "Timeline · All actors · 4 statements, 1 rebuttal, 1 day · 2 undated" in text
        # The cursor starts on the first item, not a heading, and steps over headings.
        assert screen.rows.cursor == 1
        await pilot.press("j", "j", "j")
        assert screen.rows.cursor == 5
        await pilot.press("G")
        assert screen.rows.cursor == 6
        await pilot.press("g")
        assert screen.rows.cursor == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)


async def test_timeline_enter_on_a_rebuttal_jumps_to_its_statement(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "t")
        await pilot.press("G", "enter")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        claim = next(r for r in app.briefing.rebuttals()).statement_id
        assert app.statements.current_id == claim
        assert app.focused is app.statements


async def test_timeline_follows_the_selected_actor_and_the_filter(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        kellogg = next(
            a for a in app.briefing.actor_ids() if app.briefing.actor_name(a) == "Keith Kellogg"
        )
        app.jump_to_actor(kellogg)
        await pilot.pause()
        await _open(app, pilot, "t")
        rows = _rows(app.screen)
        # Kellogg's own (undated) statement and the rebuttal he issued.
        assert rows == [rows[0], rows[1], rows[2]] and rows[0].startswith("Undated  2 items")
        assert "Keith Kellogg: The meeting in Minsk" in rows[1]
        assert "Timeline · Keith Kellogg" in screen_text(app)
        await pilot.press("escape", "1", "g", "2", "slash", *"ceasefire")
        await pilot.pause()
        await pilot.press("enter")
        await _open(app, pilot, "t")
        assert "filter: ceasefire" in screen_text(app)
        rows = _rows(app.screen)
        statements = [r for r in rows if r.startswith("  ") and "↩ rebuttal" not in r]
        assert len(statements) == len(app.statements.ids) == 3


async def test_disputes_lists_both_sides_and_enter_opens_the_pair(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        await _open(app, pilot, "w")
        screen = app.screen
        assert isinstance(screen, DisputesScreen)
        rows = _rows(screen)
        assert rows == [
            "Alexander Lukashenko  rebutted 1 time, rebuts others 0 times",
            "  ← rebutted by Keith Kellogg  1 rebuttal of 1 claim",
            "Keith Kellogg  rebutted 0 times, rebuts others 1 time",
            "  → rebuts Alexander Lukashenko  1 rebuttal of 1 claim",
        ]
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        pair = app.screen
        assert isinstance(pair, PairScreen)
        text = screen_text(app)
        assert "Keith Kellogg rebuts Alexander Lukashenko · 1 claim, 1 rebuttal" in text
        prows = _rows(pair)
        assert "disputed" in prows[0] and "Kellogg agreed" in prows[0]
        assert "↩ rebuttal" in prows[1]
        await pilot.press("escape")  # back to the map
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "enter")  # the rebuttal row: jumps to the claim
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        claim = next(r for r in app.briefing.rebuttals()).statement_id
        assert app.statements.current_id == claim


async def test_disputes_escape_closes_and_empty_store_says_so(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        for r in list(app.briefing.rebuttals()):
            app.briefing.delete_rebuttal(r.id)
        await pilot.pause()
        await _open(app, pilot, "w")
        assert "No rebuttals yet" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        await _open(app, pilot, "t")
        await pilot.press("q")  # closes the screen, does not quit the app
        await pilot.pause()
        assert app.screen is app.screen_stack[0] and app.is_running


async def test_hostile_names_and_texts_are_shown_literally(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        b = app.briefing
        evil = b.add_actor(HOSTILE).id
        other = b.actor_ids()[0]
        claim = b.add_statement(
            evil, "[/] claim \x1b[2J[link=x]t[/link]", said_on=date(2025, 6, 22)
        )
        b.add_rebuttal(claim.id, other, "[red]no[/red]", said_on=date(2025, 6, 23))
        await pilot.pause()
        await _open(app, pilot, "t")
        text = screen_text(app)
        assert "[bold red]Evil[/] Actor: [/] claim [link=x]t[/link]" in text
        assert "answers [bold red]Evil[/] Actor “[/] claim [link=x]t[/link]”: [red]no[/red]" in text
        assert "\x1b" not in "".join(_rows(app.screen))
        await pilot.press("escape")
        await _open(app, pilot, "w")
        assert "rebutted by" in screen_text(app) and "[bold red]Evil[/] Actor" in screen_text(app)


async def test_palette_opens_the_timeline(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Timeline")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)


# -- the actor profile and scorecard in the detail pane ------------------------------------


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_actors_pane_shows_the_whole_store_scorecard_then_each_actor(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await _settle(app, pilot)
        text = app.detail.plain
        assert text.startswith("All actors\n\nEveryone in the store: 5 actors, 4 statements")
        assert "Statements  4 (1 undated)" in text
        for line in (
            "░ ? unverified 2",
            "▒ ! disputed   1",
            "█ ✓ confirmed  1",
            "▓ ✗ false      0",
        ):
            assert line in text
        assert "Rebutted    1 of 4 claims, 1 rebuttal: by Keith Kellogg (1)" in text
        assert "First said  2025-06-21" in text
        await pilot.press("j")  # Alexander Lukashenko
        await _settle(app, pilot)
        text = app.detail.plain
        assert text.startswith("Alexander Lukashenko\n")
        assert "Kind        person" in text and "Aliases" in text and "Notes" in text
        assert "Rebutted    1 of 1 claim, 1 rebuttal: by Keith Kellogg (1)" in text
        assert "Rebuts      0 rebuttals" in text
        assert app.detail.border_title.startswith("Actor #")
        await pilot.press("2")  # back to the statement
        await pilot.pause()
        assert app.detail.border_title.startswith("Statement #")
        assert "Said on" in app.detail.plain


async def test_the_scorecard_follows_a_change(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await _settle(app, pilot)
        assert "Statements  4 (1 undated)" in app.detail.plain
        app.briefing.add_statement(
            app.briefing.actor_ids()[0], "One more", said_on=date(2025, 7, 1)
        )
        await _settle(app, pilot)
        await _settle(app, pilot)
        assert "Statements  5 (1 undated)" in app.detail.plain
        assert "Last said   2025-07-01" in app.detail.plain


async def test_hostile_actor_profile_is_literal(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        evil = app.briefing.add_actor(
            HOSTILE, role="[b]boss[/b]", aliases=["[i]x[/i]"], notes="\x1b]0;t\x07[/]"
        ).id
        await pilot.pause()
        app.jump_to_actor(evil)
        await _settle(app, pilot)
        text = app.detail.plain
        assert text.startswith("[bold red]Evil[/] Actor\n")
        assert "Role        [b]boss[/b]" in text and "Aliases     [i]x[/i]" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "[bold red]Evil[/] Actor" in screen_text(app)


async def test_keys_typed_while_the_timeline_is_built_are_acted_on_once_it_is(
    tmp_path: Path, monkeypatch
) -> None:
    # "t j j j enter" typed in one go: the rows are not there yet when j and enter arrive.
    import threading

    built = threading.Event()
    build = TimelineScreen.build

    def slow_build(self):
        built.wait(5)
        return build(self)

    monkeypatch.setattr(TimelineScreen, "build", slow_build)
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE) as pilot:
        app.welcome = None
        await pilot.press("t", "j", "j", "j", "enter")
        screen = app.screen
        rows = screen.rows
        assert isinstance(screen, TimelineScreen) and not rows.ids
        built.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        # Three items down from the first (the heading "Undated" stepped over): the first
        # undated statement; enter jumped to it in the dashboard.
        assert not isinstance(app.screen, TimelineScreen)
        wanted = rows.rows.row(5).statement_id
        assert wanted is not None
        assert app.statements.current_id == wanted
