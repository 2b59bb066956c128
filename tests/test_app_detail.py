"""The detail pane: local times, URLs folded between their parts, colours after a theme."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import sample_app

SIZE = (120, 40)


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _lines(app) -> list[str]:
    return [strip.text.rstrip() for strip in app.detail._strips]


async def test_annotation_and_history_times_are_local(tmp_path: Path, new_york: None) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Check the readout", "ctrl+s")
        await pilot.pause()
        sid = app.statements.current_id
        note = app.briefing.statement(sid).annotations[-1]
        stored = note.at  # UTC, as stored
        assert stored.utcoffset().total_seconds() == 0
        local = stored.astimezone()
        assert local.hour != stored.hour  # New York is not UTC
        text = "\n".join(_lines(app))
        assert f"{local:%Y-%m-%d %H:%M}  Check the readout" in text
        assert f"{stored:%Y-%m-%d %H:%M}  Check the readout" not in text
        history = app.briefing.history("statements", sid, limit=1)[0]
        assert f"{history.at.astimezone():%Y-%m-%d %H:%M}  " in text


async def test_a_long_url_breaks_between_its_parts(tmp_path: Path) -> None:
    url = (
        "https://www.example-news-agency.org/world/europe/2025/06/21/"
        "kellogg-denies-lukashenko-drone-strike-claim?utm_source=briefing&utm_medium=tui"
    )
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        sid = app.statements.current_id
        app.briefing.update_statement(sid, url=url)
        await pilot.pause()
        lines = _lines(app)
        start = next(i for i, line in enumerate(lines) if line.startswith("URL"))
        pieces = [lines[start][9:]]
        for line in lines[start + 1 :]:
            if not line.startswith(" " * 9) or not line.strip():
                break
            pieces.append(line.strip())
        assert len(pieces) > 1, lines
        assert "".join(pieces) == url
        for piece in pieces[:-1]:
            assert piece[-1] in "/?&=#-_.", f"broken mid-word: {piece!r}"
        width = app.detail.scrollable_content_region.width
        assert all(len(line) <= width for line in lines)


async def test_a_new_theme_recolours_the_detail_at_once(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        before = list(app.detail._strips[0])
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        await pilot.pause()
        now = list(app.detail._strips[0])
        assert now != before
        app.detail.show(app.briefing, app.statements.current_id, force=True)
        assert list(app.detail._strips[0]) == now  # what a fresh draw gives
