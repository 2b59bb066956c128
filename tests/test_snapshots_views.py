"""Snapshots of the analysis screens: the timeline (t), who rebuts whom (w), a pair.

Regenerate after a deliberate change with ``pytest tests/test_snapshots_views.py
--snapshot-update`` and look at the SVGs (as PNG) before committing them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tui_helpers import sample_app


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return Path("briefing.json")


def _app(path: Path):
    app = sample_app(path)
    app.welcome = None
    return app


def _keys_then_wait(*batches: tuple[str, ...]):
    async def run_before(pilot) -> None:
        for keys in batches:
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


def test_timeline_screen(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(_app(in_tmp), run_before=_keys_then_wait(("t",)), terminal_size=(120, 40))


def test_timeline_screen_narrow(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(_app(in_tmp), run_before=_keys_then_wait(("t",)), terminal_size=(80, 24))


def test_disputes_screen(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(_app(in_tmp), run_before=_keys_then_wait(("w",)), terminal_size=(120, 40))


def test_pair_screen(snap_compare, in_tmp: Path) -> None:
    run = _keys_then_wait(("w",), ("enter",))
    assert snap_compare(_app(in_tmp), run_before=run, terminal_size=(120, 40))


def test_actor_scorecard(snap_compare, in_tmp: Path) -> None:
    run = _keys_then_wait(("1",), ("j",))
    assert snap_compare(_app(in_tmp), run_before=run, terminal_size=(120, 40))


def test_all_actors_scorecard(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(_app(in_tmp), run_before=_keys_then_wait(("1",)), terminal_size=(120, 40))
