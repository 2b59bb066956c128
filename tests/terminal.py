"""Drive the real ``briefing-tui`` in a real terminal: a detached tmux session.

Pilot hands the app one key at a time and never resizes a running app; a person's
terminal delivers several keys in one read and changes size. These helpers start the
installed command in a tmux pane of a given size, send keys (many in one ``send-keys``),
resize, read the screen, and read the exit status the shell echoes after the app ends.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
COMMAND = Path(sys.executable).with_name("briefing-tui")
EXIT_MARK = "EXITED "

needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed: no real terminal")


class Terminal:
    """One app in one detached tmux session, named uniquely (prefix ``ui-test-``)."""

    def __init__(
        self,
        db: Path,
        *,
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
        db_flag: bool = True,
    ) -> None:
        if TMUX is None:
            pytest.skip("tmux is not installed: no real terminal")
        self.name = f"ui-test-{uuid.uuid4().hex[:10]}"
        self.db = db
        width, height = size
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        db_args = ("--db", str(db)) if db_flag else ()
        command = " ".join(shlex.quote(part) for part in (str(COMMAND), *db_args, *args))
        # The pane stays after the app ends so its exit status and last words can be read.
        # (stderr stays on the terminal: Textual draws the screen through it.)
        prefix = f"env {exports} " if exports else ""
        shell = f"{prefix}{command}; echo {EXIT_MARK}$?; sleep 600"
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), shell)
        # A window follows its clients' sizes unless told otherwise: keep the one asked for.
        self._tmux("set-option", "-t", self.name, "window-size", "manual")
        self.resize(width, height)

    def _tmux(self, *args: str) -> str:
        # COLUMNS and LINES (set by pytest-xdist's workers) would override the pane's size.
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLUMNS", "LINES")}
        env.setdefault("TERM", "xterm-256color")
        # A server of its own (the socket is named like the session): other tmux clients,
        # options and tests running alongside cannot change this terminal's size or keys.
        done = subprocess.run(
            [TMUX or "tmux", "-L", self.name, *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if done.returncode != 0 and args[0] not in ("kill-session",):
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def send(self, *keys: str) -> None:
        """Send ``keys`` in one ``send-keys`` call (they reach the app in one read)."""
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally, in one write."""
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, pattern: str, timeout: float = 10.0) -> str:
        """Wait until the screen matches ``pattern`` (a regex); return the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} not on screen after {timeout} s:\n{screen}")

    def wait_until(self, check, timeout: float = 10.0) -> str:  # type: ignore[no-untyped-def]
        """Wait until ``check(screen)`` is true; return the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"condition not met after {timeout} s:\n{screen}")

    def exit_status(self, timeout: float = 10.0) -> int | None:
        """The app's exit status once it has ended, or None if it is still running."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(rf"{EXIT_MARK}(\d+)", self.screen())
            if found:
                return int(found.group(1))
            time.sleep(0.1)
        return None

    def close(self) -> None:
        self._tmux("kill-session", "-t", self.name)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sample_store(path: Path) -> Path:
    """A store at ``path`` holding the sample briefing, closed and on disk."""
    from store import Briefing
    from store.sample import build_sample

    briefing = Briefing.open(path)
    build_sample(briefing)
    briefing.close()
    return path
