"""Marks at scale: ``*`` then ``d`` (and ``u``, ``U``) on the real app over a store of
100,000 statements (bench_store.build_tables), headless, in a fresh process.

For each key: "handled" is how long the app's handler for it ran on the app's thread
(what holds up the next key), "repaint" is key-to-the-end of the first frame drawn after
the handler returned (as bench_app.py measures it: the frame is turned into terminal
bytes). For the change itself, run in a worker thread: "in memory" is key-to-the moment
the change is in memory and announced (the toast), "durable" key-to-the writer having
appended and fsynced all of its log lines. Also "j after": a cursor move once the
100,000-statement change is in the history.

    .venv/bin/python bench/bench_marks.py [--size 100000] [--keep DIR]

Prints a table and writes bench/results/marks.json. Not part of the test run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_app import Probe, build_store, copy_store, install_probe, wait_until_saved  # noqa: E402


async def press(pilot: Any, probe: Probe, key: str, handled: list[float]) -> dict[str, float]:
    from textual import events

    probe.frames.clear()
    handled.clear()
    t0 = time.perf_counter()
    character = {"asterisk": "*"}.get(key, key if len(key) == 1 else None)
    event = events.Key(key, character)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    deadline = t0 + 5
    while not handled and time.perf_counter() < deadline:
        await asyncio.sleep(0.001)
    if not handled:
        raise RuntimeError(f"{key!r} was not handled")
    start, end = handled[0]
    while probe.frame_after(end) is None and time.perf_counter() < deadline:
        await asyncio.sleep(0.002)
    painted = probe.frame_after(end)
    return {"t0": t0, "handled": end - start, "repaint": (painted or float("nan")) - t0}


async def _js(pilot: Any) -> list[float]:
    """Five cursor moves through Pilot (its own wait included: for comparison only)."""
    js = []
    for _ in range(5):
        t0 = time.perf_counter()
        await pilot.press("j")
        await pilot.pause()
        js.append(time.perf_counter() - t0)
    return js


async def until(check: Any, timeout: float = 120.0) -> float:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise RuntimeError("timed out")
        await asyncio.sleep(0.002)
    return time.perf_counter()


async def run(path: Path) -> dict[str, Any]:
    from tui.app import BriefingApp, make_app

    probe = Probe()
    app = make_app(path)
    install_probe(app, probe)
    handled: list[float] = []
    for name in ("action_mark_all", "action_toggle_disputed", "action_undo", "action_redo"):
        original = getattr(BriefingApp, name)

        def timed(self: Any, *a: Any, _original: Any = original, **k: Any) -> Any:
            start = time.perf_counter()
            result = _original(self, *a, **k)
            handled.append((start, time.perf_counter()))
            return result

        setattr(BriefingApp, name, timed)
    out: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        n = len(app.statements.ids)
        out["statements"] = n
        out["j_before_s"] = await _js(pilot)
        star = await press(pilot, probe, "asterisk", handled)
        assert len(app.statements.marked) == n
        out["star"] = star
        await wait_until_saved(app)
        disputed_before = app.briefing.status_counts()
        d = await press(pilot, probe, "d", handled)
        seq = app.briefing.storage.seq
        in_memory = await until(lambda: app.busy is None)
        durable = await until(
            lambda: not app.briefing.storage.pending and not app.briefing.storage._holding
        )
        changed = app.briefing.storage.seq - seq
        out["d"] = {
            **d,
            "changed": changed,
            "in_memory": in_memory - d["t0"],
            "durable": durable - d["t0"],
        }
        assert app.briefing.status_counts() != disputed_before
        out["j_after_s"] = await _js(pilot)
        for key in ("u", "U"):
            m = await press(pilot, probe, key, handled)
            in_memory = await until(lambda: app.busy is None)
            durable = await until(
                lambda: not app.briefing.storage.pending and not app.briefing.storage._holding
            )
            out[key] = {**m, "in_memory": in_memory - m["t0"], "durable": durable - m["t0"]}
    app.briefing.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-marks-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = build_store(args.size, folder)
    work = folder / "marks.json"
    copy_store(store, work)
    result = asyncio.run(run(work))
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)

    def ms(s: float) -> str:
        return f"{s * 1000:,.0f} ms"

    print(f"{result['statements']:,} statements")
    for key in ("star", "d", "u", "U"):
        row = result[key]
        line = f"{key:>4}: handled {ms(row['handled'])}, repaint {ms(row['repaint'])}"
        if "in_memory" in row:
            line += f", in memory {ms(row['in_memory'])}, durable {ms(row['durable'])}"
        print(line)
    print(f"   d changed {result['d']['changed']:,} statements")
    print("   j before: " + ", ".join(ms(s) for s in result["j_before_s"]))
    print("   j after: " + ", ".join(ms(s) for s in result["j_after_s"]))
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "marks.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
