"""Regenerate the README's screenshots (SVG) from the sample briefing.

Run from the project root:  python screenshots/make_screenshots.py [NAME ...]
(names: only those shots; none: all of them).
Each shot runs the real app headless on a fresh copy of the sample briefing.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tui.app import make_app  # noqa: E402


class Clock:
    """A fixed clock, so the history in the shots does not change from run to run."""

    def __init__(self) -> None:
        self.now = datetime(2025, 6, 24, 9, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now


SHOTS: list[tuple[str, tuple[int, int], Sequence[str], float]] = [
    ("main", (120, 40), (), 0.0),
    ("detail", (160, 50), (), 0.0),
    ("annotate", (120, 40), ("a", *"Ask the State Department for a readout of June 21."), 0.0),
    ("palette", (120, 40), ("ctrl+p", *"kellogg"), 0.6),
    ("status", (120, 40), ("j", "s"), 0.0),
    ("narrow", (80, 24), (), 0.0),
    ("timeline", (120, 40), ("t",), 0.0),
    ("disputes", (120, 40), ("w",), 0.0),
    ("scorecard", (120, 40), ("1", "j"), 0.0),
    # The statements table sorted by status, filtered, its matches marked.
    ("table", (160, 40), ("S", "S", "S", "slash", *"ceasefire", "enter"), 0.0),
]


async def shoot(name: str, size: tuple[int, int], keys: Sequence[str], wait: float) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            app = make_app("briefing.json", sample_if_new=True, clock=Clock(), poll_interval=0)
            app.welcome = None
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                for key in keys:
                    await pilot.press(key)
                    await app.workers.wait_for_complete()  # views built in a worker
                await pilot.pause(wait or 0.1)
                svg = app.export_screenshot(title=f"briefing-tui · {name}")
            app.briefing.close()
        finally:
            os.chdir(cwd)
    target = HERE / f"{name}.svg"
    target.write_text(svg, encoding="utf-8")
    return target


async def main(names: Sequence[str] = ()) -> None:
    for name, size, keys, wait in SHOTS:
        if not names or name in names:
            print(await shoot(name, size, keys, wait))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
