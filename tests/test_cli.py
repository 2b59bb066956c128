"""The command line: --help, --version, stores that cannot be opened, first launch."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tui_helpers import sample_app, screen_text

from tui.app import main, make_app
from tui.paths import default_store_path

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def test_help_and_version() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "--db PATH" in result.stdout
    assert "export" in result.stdout
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("briefing-tui ")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b'{"meta": {"1": {"schema_version": 1}}, "actors": {"1": {"na', "not valid JSON"),
        (b"\x00\x01\x02binary\xff", "not valid JSON"),
        (b"[1, 2, 3]", "not a TinyDB store"),
        (b'{"users": {"1": {"name": "x"}}}', "not a briefing store"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "newer briefing-tui"),
    ],
)
def test_unopenable_store_exits_2_with_one_clear_line(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(content)
    result = run_cli("--db", str(path))
    assert result.returncode == 2
    assert expected in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content  # the file is left exactly as it was


def test_folder_as_store_exits_2(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path))
    assert result.returncode == 2
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_main_in_process_reports_and_returns_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(b"not json")
    assert main(["--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing-tui: cannot open the store:")


def test_default_store_path_follows_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("BRIEFING_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "briefing-tui" / "briefing.json"
    monkeypatch.setenv("BRIEFING_DB", str(tmp_path / "elsewhere.json"))
    assert default_store_path() == tmp_path / "elsewhere.json"


async def test_first_launch_creates_sample_and_says_how_to_start_empty(tmp_path: Path) -> None:
    path = tmp_path / "data" / "briefing-tui" / "briefing.json"
    app = sample_app(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert "Welcome" in screen_text(app)
        toasts = " ".join(n.message for n in app._notifications)
        assert "sample briefing" in toasts
        assert "--db" in toasts  # how to start empty
    assert path.exists()
    assert app.briefing.counts()["statements"] == 4


async def test_new_explicit_store_starts_empty(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.briefing.counts()["statements"] == 0
        assert "Welcome" in screen_text(app)
        assert "New empty store" in " ".join(n.message for n in app._notifications)
    assert path.exists()


def test_the_store_path_rule_is_written_once(tmp_path: Path, monkeypatch) -> None:
    from tui.paths import store_path

    monkeypatch.setenv("BRIEFING_DB", str(tmp_path / "env.json"))
    assert store_path(str(tmp_path / "db.json")) == tmp_path / "db.json"  # --db first
    assert store_path(None) == tmp_path / "env.json"  # then BRIEFING_DB
    tui = Path(__file__).resolve().parent.parent / "tui"
    for path in tui.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name != "paths.py":
            assert 'environ.get("BRIEFING_DB")' not in text, path.name
        assert "__import__(" not in text, path.name  # plain imports: a missing one fails
        # One module's private helpers are not another's.
        for line in text.splitlines():
            if line.startswith("from .") and " import " in line:
                names = line.split(" import ", 1)[1].replace("(", "").split(",")
                private = [n for n in map(str.strip, names) if re.match(r"_[^_]", n)]
                assert not private, (path.name, line)
