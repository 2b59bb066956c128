"""Shared helpers for the app tests: a frozen clock, reading the screen and the file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from textual.app import App

from store.storage import read_durable
from tui.app import BriefingApp, make_app


class FrozenClock:
    """A clock that starts at a fixed moment and ticks one second per call."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 6, 24, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def sample_app(path: Path, **kwargs: Any) -> BriefingApp:
    """The app on a new store at ``path`` holding the sample briefing."""
    return make_app(path, sample_if_new=True, clock=FrozenClock(), poll_interval=0, **kwargs)


def empty_app(path: Path, **kwargs: Any) -> BriefingApp:
    return make_app(path, clock=FrozenClock(), poll_interval=0, **kwargs)


def use_config(monkeypatch: Any, folder: Path, text: str) -> Path:
    """A config file (tui/config.py) holding ``text``, used by the apps made after this."""
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CONFIG", str(path))
    return path


def screen_text(app: App[Any]) -> str:
    """What a person sees: the whole screen (modals and toasts included) as plain text."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, color_system=None
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text()


def on_disk(path: Path) -> dict[str, Any]:
    """What is durable on disk: the snapshot with the log after it applied."""
    return read_durable(path, with_history=True)


def disk_statement(path: Path, statement_id: int) -> dict[str, Any]:
    return on_disk(path)["statements"][str(statement_id)]


def detail_text(app: BriefingApp) -> str:
    """The detail pane's text, unwrapped (the screen wraps long lines)."""
    return app.detail.plain


def modal_text(app: App[Any]) -> str:
    """The text of every Static on the current (modal) screen, unwrapped."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query(Static):
        content = widget.content
        parts.append(getattr(content, "plain", str(content)))
    return "\n".join(parts)
