"""Analysis screens at scale: open the timeline (t), who rebuts whom (w) and the whole
store's scorecard (1) on a store of N statements, and time each key in them.

Headless, through Pilot (whose waits add a few ms to each figure: an upper bound).
"open" is from pressing the key to the screen showing its rows (the worker done and
the next frame drawn); "key" is the median of j / pagedown / G / g presses inside the
screen. Not part of the test run.

    .venv/bin/python bench/bench_screens.py [--size 100000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_store import build_tables, write_store

from tui.app import make_app


async def measure(path: Path) -> dict[str, float]:
    app = make_app(path, poll_interval=0, backup=False)
    app.welcome = None
    out: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        times = []
        for _ in range(10):  # the harness's own cost: a j in the dashboard's statements
            start = time.perf_counter()
            await pilot.press("j")
            times.append(time.perf_counter() - start)
        out["dashboard j, same harness (median)"] = statistics.median(times)
        for key, name in (("t", "timeline"), ("w", "disputes")):
            start = time.perf_counter()
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            out[f"{name} open"] = time.perf_counter() - start
            times = []
            for k in ["j"] * 10 + ["pagedown"] * 5 + ["G", "g"]:
                start = time.perf_counter()
                await pilot.press(k)
                times.append(time.perf_counter() - start)
            out[f"{name} key (median)"] = statistics.median(times)
            out[f"{name} key (max)"] = max(times)
            await pilot.press("escape")
            await pilot.pause()
        start = time.perf_counter()
        await pilot.press("1")
        await pilot.pause()
        out["1 (key, scorecard pending)"] = time.perf_counter() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        out["All actors scorecard shown"] = time.perf_counter() - start
        times = []
        for _ in range(10):
            start = time.perf_counter()
            await pilot.press("j")
            times.append(time.perf_counter() - start)
        out["actor scorecard j (median)"] = statistics.median(times)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.json"
        write_store(path, build_tables(args.size))
        for name, seconds in asyncio.run(measure(path)).items():
            print(f"{name:<36} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
