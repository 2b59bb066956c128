"""Analysis screens at scale: open the timeline (t), who rebuts whom (w) and the whole
store's scorecard (1) on a store of N statements, and time each key in them.

Headless, timed as ``bench_app.py`` times the dashboard: a key goes in as the terminal
driver delivers it, and a figure runs from sending it to the end of the first compositor
frame drawn after the app finished handling it (frames are turned into the terminal's
bytes, as a real terminal would be sent them).

  open     from pressing t / w to the end of the first frame after the screen's rows
           were set (the worker that builds the view done, its rows drawn); also the
           process's CPU time over the same span (on a shared machine, wall well above
           CPU means other work took the cores)
  key      median and max of j x10, pagedown x5, G, g inside the screen
  1        the whole store's scorecard in the detail pane (the worker done, drawn)

Each size runs in a fresh process on a fresh store (``--runs`` times; medians).
Not part of the test run.

    .venv/bin/python bench/bench_screens.py [--size 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_app import Probe, install_probe, press_and_measure  # noqa: E402
from bench_store import build_tables, write_store  # noqa: E402

KEYS = ["j"] * 10 + ["pagedown"] * 5 + ["G", "g"]
TARGET_OPEN_S = 0.5
TARGET_KEY_S = 0.050


async def open_and_measure(pilot: Any, probe: Probe, key: str) -> dict[str, float]:
    """Press ``key`` (a screen with a worker); time to the first frame after its rows."""
    from textual import events

    app = pilot.app
    probe.marks.clear()
    probe.frames.clear()
    t0, c0 = time.perf_counter(), time.process_time()
    event = events.Key(key, key)
    event.set_sender(app)
    app._driver.send_message(event)
    await asyncio.sleep(0.05)
    await app.workers.wait_for_complete()
    await asyncio.sleep(0.2)  # the rows set and painted well within this
    await pilot.pause()
    if not probe.marks:
        raise RuntimeError(f"pressing {key!r} set no rows")
    painted = probe.frame_after(max(probe.marks))
    if painted is None:
        raise RuntimeError(f"no frame was drawn after {key!r}'s rows were set")
    cpu = time.process_time() - c0  # (includes the harness's idle waits: near nothing)
    return {"wall": painted - t0, "cpu": cpu}


async def measure(path: Path) -> dict[str, float]:
    from tui.app import make_app

    app = make_app(path, poll_interval=0, backup=False)
    app.welcome = None
    probe = Probe()
    install_probe(app, probe)
    from tui.detail import StatementDetail

    redraw = StatementDetail.redraw_profile

    def marked_redraw(self: Any) -> None:  # the whole-store scorecard arrived
        redraw(self)
        probe.marks.append(time.perf_counter())

    StatementDetail.redraw_profile = marked_redraw  # type: ignore[method-assign]
    out: dict[str, float] = {"load_average": os.getloadavg()[0]}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        js = [await press_and_measure(pilot, probe, "j") for _ in range(10)]
        out["dashboard j"] = statistics.median(m["repaint"] for m in js)
        for key, name in (("t", "timeline"), ("w", "disputes")):
            opened = await open_and_measure(pilot, probe, key)
            out[f"{name} open"] = opened["wall"]
            out[f"{name} open CPU"] = opened["cpu"]
            times = [(await press_and_measure(pilot, probe, k))["repaint"] for k in KEYS]
            out[f"{name} key median"] = statistics.median(times)
            out[f"{name} key max"] = max(times)
            await pilot.press("escape")
            await pilot.pause()
        opened = await open_and_measure(pilot, probe, "1")
        out["all-actors scorecard"] = opened["wall"]
        times = [(await press_and_measure(pilot, probe, "j"))["repaint"] for _ in range(10)]
        out["actor scorecard j median"] = statistics.median(times)
    app.briefing.close()
    return out


def child(path: str) -> int:
    print(json.dumps(asyncio.run(measure(Path(path)))))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "b.json"
        write_store(store, build_tables(args.size))
        for run in range(args.runs):
            copy = Path(folder) / f"run{run}.json"
            copy.write_bytes(store.read_bytes())
            log = store.with_name(store.name + ".log")
            if log.exists():
                copy.with_name(copy.name + ".log").write_bytes(log.read_bytes())
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(copy)],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                return 1
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(
        f"{args.size:,} statements, {args.runs} runs (medians); load average at start: "
        + ", ".join(f"{r['load_average']:.1f}" for r in runs)
    )
    for name in runs[0]:
        if name == "load_average":
            continue
        value = statistics.median(r[name] for r in runs)
        if "CPU" in name:
            print(f"  {name:<26} {value * 1000:8.1f} ms")
            continue
        target = TARGET_OPEN_S if name.endswith(("open", "scorecard")) else TARGET_KEY_S
        verdict = "ok" if value <= target else "OVER"
        print(f"  {name:<26} {value * 1000:8.1f} ms   (target <= {target * 1000:.0f} ms) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
