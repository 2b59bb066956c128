"""Snapshot tests: each screen and modal as an SVG, compared with the accepted one.

Regenerate after a deliberate UI change with ``pytest tests/test_snapshots.py
--snapshot-update`` and look at the SVGs before committing them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tui_helpers import FrozenClock, empty_app, sample_app

from store import Briefing


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A relative store path keeps the top bar the same on every machine.
    monkeypatch.chdir(tmp_path)
    # Times are shown in local time: the same zone everywhere keeps the history the same.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    return Path("briefing.json")


def quiet(app):
    app.welcome = None
    return app


def test_main_screen_sample(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), terminal_size=(120, 40))


def test_main_screen_narrow(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), terminal_size=(80, 24))


def test_main_screen_wide(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), terminal_size=(160, 50))


def test_empty_store(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(empty_app(in_tmp)), terminal_size=(120, 40))


def test_annotate_modal(snap_compare, in_tmp: Path) -> None:
    app = quiet(sample_app(in_tmp))
    assert snap_compare(app, press=["a", *"Ask for the readout"], terminal_size=(120, 40))


def test_status_picker(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), press=["s"], terminal_size=(120, 40))


def test_actor_form_validation_error(snap_compare, in_tmp: Path) -> None:
    app = quiet(sample_app(in_tmp))
    assert snap_compare(app, press=["1", "n", "ctrl+s"], terminal_size=(120, 40))


def test_statement_form(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), press=["n", *"Put"], terminal_size=(120, 40))


def test_rebuttal_form(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), press=["r"], terminal_size=(120, 40))


def test_confirm_delete(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), press=["delete"], terminal_size=(120, 40))


def test_help_screen(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), press=["question_mark"], terminal_size=(120, 40))


def test_marked_statements(snap_compare, in_tmp: Path) -> None:
    # Two marked rows (the ● cell and "2 marked" in the title), the cursor on the next
    # row, and the footer's escape to unmark.
    app = quiet(sample_app(in_tmp))
    assert snap_compare(app, press=["j", "space", "space"], terminal_size=(120, 40))


def test_filtered_statements(snap_compare, in_tmp: Path) -> None:
    app = quiet(sample_app(in_tmp))
    assert snap_compare(app, press=["slash", *"ceasefire"], terminal_size=(120, 40))


def test_markup_shown_literally(snap_compare, in_tmp: Path) -> None:
    b = Briefing.open(in_tmp, clock=FrozenClock())
    actor = b.add_actor(name="[red]Mallory[/red]")
    b.add_statement(actor_id=actor.id, text="[bold]x[/bold] [link=https://example.org]y[/link] [/]")
    b.close()
    assert snap_compare(quiet(empty_app(in_tmp)), terminal_size=(120, 40))


def test_table_wide_sorted_by_date(snap_compare, in_tmp: Path) -> None:
    # Every column at 200 columns; the header's arrow on the date column.
    assert snap_compare(quiet(sample_app(in_tmp)), press=["S"], terminal_size=(200, 50))


def test_status_filter_picker(snap_compare, in_tmp: Path) -> None:
    assert snap_compare(quiet(sample_app(in_tmp)), press=["f"], terminal_size=(120, 40))


def test_table_only_one_status_and_matches_marked(snap_compare, in_tmp: Path) -> None:
    # Only unverified statements, filtered by a word of an annotation and of a text: the
    # matched parts marked in the rows and in the detail.
    app = quiet(sample_app(in_tmp))
    press = ["f", "down", "enter", "slash", *"ceasefire"]
    assert snap_compare(app, press=press, terminal_size=(160, 40))
