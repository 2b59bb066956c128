"""Shared pytest fixtures. Keep each fixture small and generic; add more below as needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from store import Briefing

# -- the user's folders ----------------------------------------------------------------


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own home and XDG folders: exports, crash logs and remembered folders
    land in a temporary folder (not the test's tmp_path, which tests list), never in the
    real home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.delenv("BRIEFING_DB", raising=False)
    monkeypatch.delenv("BRIEFING_CONFIG", raising=False)
    return home


@pytest.fixture(autouse=True)
def no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test opens a real web browser (the app's ``o``): as if none could be opened."""
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: False)


# -- store ----------------------------------------------------------------------------


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a test's store file lives (it does not exist yet)."""
    return tmp_path / "briefing.json"


@pytest.fixture
def briefing(store_path: Path) -> Iterator[Briefing]:
    """An empty store opened in sync mode (every verb is on disk when it returns)."""
    b = Briefing.open(store_path)
    yield b
    b.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests (the monkey runs) first, so that parallel workers end together."""
    items.sort(key=lambda item: 0 if item.path.name == "test_monkey.py" else 1)
