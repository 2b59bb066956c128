"""In-app export: a remembered folder, a question before overwriting, the count written."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, Select
from tui_helpers import modal_text, sample_app

from tui.screens import ConfirmScreen, ExportScreen

SIZE = (120, 40)


def _toasts(app) -> str:
    return " | ".join(n.message for n in app._notifications)


async def _export(app, pilot, path: Path | None = None, fmt: str = "md") -> None:
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    if fmt != "md":
        app.screen.query_one("#field-format", Select).value = fmt
        await pilot.pause()
    if path is not None:
        app.screen.query_one("#field-path", Input).value = str(path)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_export_offers_documents_or_home_then_the_folder_used_last(
    tmp_path: Path, private_home: Path
) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        offered = Path(app.screen.query_one("#field-path", Input).value)
        assert offered.parent == private_home  # no Documents folder: home
        await pilot.press("escape")
        (private_home / "Documents").mkdir()
        await pilot.press("x")
        await pilot.pause()
        offered = Path(app.screen.query_one("#field-path", Input).value)
        assert offered.parent == private_home / "Documents"
        await pilot.press("escape")
        elsewhere = tmp_path / "briefings"
        elsewhere.mkdir()
        await _export(app, pilot, elsewhere / "june.md")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (elsewhere / "june.md").exists()
        await pilot.press("x")
        await pilot.pause()
        offered = Path(app.screen.query_one("#field-path", Input).value)
        assert offered.parent == elsewhere
        # A bare name goes into that folder, not the working folder.
        app.screen.query_one("#field-path", Input).value = "bare.md"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (elsewhere / "bare.md").exists()


async def test_export_asks_before_replacing_a_file(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    target = tmp_path / "out.md"
    target.write_text("keep me", encoding="utf-8")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await _export(app, pilot, target)
        assert isinstance(app.screen, ConfirmScreen)
        assert "already exists" in modal_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # back to choose another name
        await app.workers.wait_for_complete()
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert target.read_text(encoding="utf-8") != "keep me"


async def test_export_toast_names_the_count_and_claimreview_says_what_it_leaves_out(
    tmp_path: Path,
) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await _export(app, pilot, tmp_path / "all.md")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Exported 4 statements to" in _toasts(app)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#field-format", Select).value = "claimreview"
        await pilot.pause()
        note = modal_text(app)
        assert "2 unverified statements have no verdict and are left out" in note
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "reviews.json")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reviews = json.loads((tmp_path / "reviews.json").read_text(encoding="utf-8"))
        assert len(reviews) == 2
        assert "Exported 2 ClaimReview reviews to" in _toasts(app)
