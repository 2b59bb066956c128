"""A second briefing-tui, run as its own process by the hardening tests.

Usage: python tests/hardening_peer.py STORE ACTION
  dispute-first   press d on the first statement, wait until saved, exit
  source-first    set the first statement's source through the edit form
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.widgets import Input

from tui.app import make_app


async def main(path: str, action: str) -> None:
    app = make_app(path, poll_interval=0.2, backup=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if action == "dispute-first":
            await pilot.press("g", "d")
        elif action == "source-first":
            await pilot.press("g", "e")
            await pilot.pause()
            app.screen.query_one("#field-source", Input).value = "Peer source"
            await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.briefing.flush(timeout=10)
    print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
