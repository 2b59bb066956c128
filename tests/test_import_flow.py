"""Importing an article: the review screen in the app and the `import` command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input, OptionList
from tui_helpers import empty_app, on_disk, sample_app, screen_text

from store.sample import article_text
from tui.import_screen import ImportScreen

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)


def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(article_text(), encoding="utf-8")
    return path


async def find_suggestions(app, pilot, source: Path) -> ImportScreen:
    await pilot.press("i")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#import-file", Input).value = str(source)
    screen.query_one("#import-source-name", Input).value = "Seed article"
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_import_review_accept_and_one_undo(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = empty_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = await find_suggestions(app, pilot, article(tmp_path))
        assert screen.suggestions is not None
        text = screen_text(app)
        assert "Keith Kellogg" in text and "Alexander Lukashenko" in text
        assert app.briefing.counts()["statements"] == 0  # nothing written while reviewing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        assert app.briefing.flush()
        data = on_disk(path)
        names = {a["name"] for a in data["actors"].values()}
        assert {"Keith Kellogg", "Alexander Lukashenko", "Vladimir Putin"} <= names
        assert data["rebuttals"], "Kellogg's denial is imported as a rebuttal"
        rebutted = {r["statement_id"] for r in data["rebuttals"].values()}
        assert all(data["statements"][str(s)]["status"] == "disputed" for s in rebutted)
        assert all(s["source"] == "Seed article" for s in data["statements"].values())
        await pilot.press("u")  # one undo removes the whole import
        await pilot.pause()
        assert app.briefing.flush()
        data = on_disk(path)
        assert not data["actors"] and not data["statements"] and not data["rebuttals"]


async def test_skipping_an_actor_skips_their_statements(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = empty_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = await find_suggestions(app, pilot, article(tmp_path))
        options = screen.query_one("#import-options", OptionList)
        kinds = [kind for kind, _ in screen.rows]
        first_actor = kinds.index("actor")
        options.highlighted = first_actor
        skipped_key = screen.rows[first_actor][1]
        skipped_name = next(a.name for a in screen.suggestions.actors if a.key == skipped_key)
        await pilot.press("space")
        await pilot.pause()
        assert skipped_key not in screen.chosen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        assert app.briefing.find_actor(skipped_name) is None  # the store was empty before
        # Names only mentioned start unticked: the speakers but the skipped one are added.
        speakers = [a for a in screen.suggestions.actors if a.speaks]
        assert app.briefing.counts()["actors"] == len(speakers) - 1
        skipped_claims = {
            s.text for s in screen.suggestions.statements if s.actor_key == skipped_key
        }
        assert not skipped_claims & {s.text for s in app.briefing.statements()}


async def test_existing_actors_are_matched_not_duplicated(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = await find_suggestions(app, pilot, article(tmp_path))
        kellogg = next(a for a in screen.suggestions.actors if a.name == "Keith Kellogg")
        assert kellogg.existing_id == app.briefing.find_actor("Keith Kellogg").id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [a.name for a in app.briefing.actors()].count("Keith Kellogg") == 1


async def test_bad_input_is_explained_in_place(tmp_path: Path) -> None:
    app = empty_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("ctrl+s")  # neither a file nor text
        await pilot.pause()
        assert "Give a file name or paste" in screen_text(app)
        binary = tmp_path / "photo.jpg"
        binary.write_bytes(bytes(range(256)) * 40)
        app.screen.query_one("#import-file", Input).value = str(binary)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.suggestions is None
        assert app.briefing.counts()["actors"] == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ},
        stdin=subprocess.DEVNULL,
    )


def test_import_command_prints_and_writes_only_with_yes(tmp_path: Path) -> None:
    source = article(tmp_path)
    db = tmp_path / "b.json"
    result = run_cli("import", str(source), "--db", str(db), "--date", "2025-06-25")
    assert result.returncode == 0, result.stderr
    assert "Keith Kellogg" in result.stdout
    assert "Nothing was written" in result.stdout
    assert not db.exists()
    result = run_cli("import", str(source), "--db", str(db), "--yes", "--source", "Seed")
    assert result.returncode == 0, result.stderr
    assert "Imported" in result.stdout
    data = on_disk(db)
    assert len(data["statements"]) >= 3 and data["rebuttals"]


def test_import_command_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    result = run_cli("import", str(empty), "--db", str(tmp_path / "b.json"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "briefing-tui: error:" in result.stderr
    result = run_cli("import", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "b.json"))
    assert result.returncode == 2 and "missing.txt" in result.stderr
    result = run_cli("import", str(article(tmp_path)), "--date", "June 25")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
