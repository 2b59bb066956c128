"""The detail pane by keyboard: 4 and the tab cycle, list keys scroll it, m maximises a
pane and back, o opens the statement's URL, y copies the statement (tui/focus.py)."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import sample_app, use_config

from tui.app import BriefingApp

SIZE = (120, 30)


def _toasts(app: BriefingApp) -> str:
    return " | ".join(n.message for n in app._notifications)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs given to the browser (none is really opened)."""
    urls: list[str] = []

    def fake_open(url: str, *args: Any, **kwargs: Any) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return urls


@pytest.fixture
def copied(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []
    monkeypatch.setattr(BriefingApp, "copy_to_clipboard", lambda self, text: texts.append(text))
    return texts


async def test_4_focuses_the_detail_and_the_list_keys_scroll_it(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=(120, 16)) as pilot:
        await pilot.pause()
        statement_id = app.statements.current_id
        await pilot.press("4")
        assert app.focused is app.detail
        assert app.statements.current_id == statement_id  # the list did not move
        assert app.detail.max_scroll_y > 2, "the sample's detail is taller than the pane"
        await pilot.press("j", "j")
        await pilot.pause()
        assert app.detail.scroll_y == 2
        await pilot.press("k")
        await pilot.pause()
        assert app.detail.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert app.detail.scroll_y == app.detail.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert app.detail.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert app.detail.scroll_y > 1
        assert app.statements.current_id == statement_id
        # the statement keys act on the statement it shows
        before = app.briefing.statement(statement_id).status
        await pilot.press("d")
        await pilot.pause()
        assert app.briefing.statement(statement_id).status != before
        # its border says it has focus, like the panes
        focused_border = app.detail.styles.border_top
        await pilot.press("2")
        await pilot.pause()
        assert app.detail.styles.border_top != focused_border
        assert app.query_one("#statements-pane").styles.border_top == focused_border


async def test_tab_cycles_through_the_four_panes(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.statements
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(app.focused.id)
        assert seen == ["rebuttals", "detail", "actors", "statements"]
        seen = []
        for _ in range(4):
            await pilot.press("shift+tab")
            seen.append(app.focused.id)
        assert seen == ["actors", "detail", "rebuttals", "statements"]


async def test_m_maximises_the_focused_pane_and_back(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.query_one("#statements-pane")
        width = pane.size.width
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.maximized is pane
        assert pane.size.width > width and pane.size.width >= SIZE[0] - 2
        await pilot.press("j")  # the list keys still move in it
        assert app.statements.cursor == 1
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.maximized is None
        assert pane.size.width == width
        # the detail pane too; another pane's key brings the dashboard back
        await pilot.press("4", "m")
        await pilot.pause()
        assert app.screen.maximized is app.detail
        await pilot.press("escape")  # escape brings it back too
        await pilot.pause()
        assert app.screen.maximized is None
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.maximized is app.detail
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.maximized is None
        assert app.focused is app.actors


async def test_o_opens_the_url_or_says_there_is_none(
    tmp_path: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        statement_id = app.statements.current_id
        app.briefing.update_statement(statement_id, url="https://example.org/said?x=1")
        await pilot.pause()
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert opened == ["https://example.org/said?x=1"]
        assert "Opening https://example.org/said?x=1" in _toasts(app)
        # from the detail pane too
        await pilot.press("4", "o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(opened) == 2
        # no browser
        monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No browser could be opened" in _toasts(app)
        # no URL
        app.briefing.update_statement(statement_id, url="")
        await pilot.pause()
        await pilot.press("2", "o")
        await pilot.pause()
        assert f"Statement #{statement_id} has no URL." in _toasts(app)
        assert len(opened) == 2


async def test_y_copies_the_statement_with_actor_date_and_source(
    tmp_path: Path, copied: list[str]
) -> None:
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        statement_id = app.statements.current_id
        actor = app.briefing.add_actor(name="[b]Ann[/b] Lee")
        app.briefing.update_statement(
            statement_id,
            actor_id=actor.id,
            text="We will [red]not[/red] sign.",
            said_on="2025-06-21",
            source="Radio 4",
            url="https://example.org/a",
        )
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert copied == [
            '[b]Ann[/b] Lee (2025-06-21, Radio 4): "We will [red]not[/red] sign." '
            "https://example.org/a"
        ]
        assert f"Copied statement #{statement_id}" in _toasts(app)
        app.briefing.update_statement(statement_id, said_on=None, source="", url="")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert copied[-1] == '[b]Ann[/b] Lee: "We will [red]not[/red] sign."'


async def test_a_remapped_key_copies(
    tmp_path: Path, copied: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    use_config(monkeypatch, tmp_path, '[keys]\ncopy = "c"\nmaximize = "f11"\n')
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert copied == []
        await pilot.press("c")
        await pilot.pause()
        assert len(copied) == 1
        await pilot.press("f11")
        await pilot.pause()
        assert app.screen.maximized is not None


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_maximised_side_pane_fills_the_width_at_any_size(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    # The width rules of narrow and wide terminals must not hold a maximised pane back
    # (at 80x24 the detail pane stayed 34% wide beside an empty hatched screen).
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key, widget in (("4", app.detail), ("1", app.query_one("#actors-pane"))):
            await pilot.press(key, "m")
            await pilot.pause()
            assert app.screen.maximized is widget
            assert widget.outer_size.width >= size[0] - 2, (key, widget.outer_size.width)
            await pilot.press("m")
            await pilot.pause()
