"""App benchmark: the real dashboard, headless, on stores of 1,000 / 10,000 / 100,000 statements.

The stores are built by ``bench_store.build_tables`` (a tenth as many actors, a fifth as
many rebuttals, realistic text lengths, one history entry per created document). Every run
is a fresh subprocess on a fresh copy of the store file, so imports and the page cache are
warm (the file was just copied) but nothing in Python is: that is a second launch of the
app on a machine that has the file cached. Each run measures, with ``time.perf_counter``:

  first paint   from just before ``make_app(path)`` (which opens the store: read, parse,
                check) through Textual's start-up to the end of the first screen frame in
                which the statements list rendered rows. Python and Textual imports are
                NOT included (they cost the same at any size).
  j, d          a key press to the repainted screen: from sending the key to the end of
                the first compositor frame drawn after the app finished handling it (the
                list, the detail pane, the rebuttals and the top bar all updated).
                "j settled": to the end of the last frame before the app went idle
                (Textual lays out auto-height text twice, so a detail change takes two
                or three frames). Medians of 15 ``j`` and 6 ``d`` presses per run.
  filter key    the same, for one keystroke typed into the statements filter after ``/``
                ("first": the first keystroke; "typing": the median of the following
                keystrokes of "ceasefire"). The app builds the search index right after
                ``/`` has shown the box; that build is reported as "search index" (a
                keystroke typed before it is done waits for the rest of it).
  S (sort)      the same, for each press of S as it cycles the statements' sort through
                date, actor, status and back to the order recorded (the median and the
                slowest of the four: each order is built on its first use).
  status filter the same, for enter in the status picker (f) choosing "disputed": the
                list narrowed to that status ("f" alone: opening the picker).
  d to disk     from sending ``d`` to the moment the writer thread has the change durable
                on disk (its log line appended and fsynced under the lock). Checked
                afterwards by reading the durable state back (snapshot + log).
  peak RSS      VmHWM of the run's process at its end (open + all of the above).

The app is the real one from ``make_app(path)``: write-behind saving, the 0.5 s poll for
other processes' changes, and the backup of the store that it makes at each launch (in a
background thread) all run as they do for an analyst.

"Frames" are Textual's own compositor updates: ``App._display`` is wrapped to time each
update and to turn it into the terminal's bytes (``render_segments``), which the headless
driver would otherwise skip, so the cost of drawing is counted as in a real terminal.
Textual paints at most 60 frames a second, so a repaint can include up to ~17 ms of
waiting for the next frame. Keys go in as the terminal driver delivers them (a Key
event to the app), not through Pilot.press, whose wait makes every widget on the screen
answer a callback while the app handles the key and paints: harness work no terminal
session does, which delayed the measured frame by 5-20 ms.

A separate fresh process per size times two floors on this machine (median of 3):
"parse floor" is ``orjson.loads`` of the snapshot alone (any launch pays at least this
before it can show a row), "append+fsync floor" is appending one 300-byte line to a file
and fdatasync-ing it (median of 20: any durable change pays at least this).

Prints a table and writes bench/results/app.json. Not part of the test run.

    .venv/bin/python bench/bench_app.py [--sizes 1000,10000,100000] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

SIZE = (120, 40)
J_PRESSES = 15
D_PRESSES = 6
NEEDLE = "ceasefire"
TARGETS_100K = {
    "first_paint_s": 1.0,
    "first_paint_ratio": 3.0,  # 100,000 over 1,000
    "key_j_s": 0.050,
    "key_d_s": 0.050,
    "filter_first_s": 0.050,
    "filter_typing_s": 0.050,
    "sort_s": 0.050,
    "sort_max_s": 0.050,
    "status_filter_s": 0.050,
    "durable_s": 0.020,
    "peak_rss_mb": 450.0,
}


# -- the child: one app run -------------------------------------------------------------


def vm_hwm_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Probe:
    """Timestamps of compositor frames, of the app's handlers, and of the writer's saves."""

    def __init__(self) -> None:
        self.frames: list[tuple[float, float]] = []  # (start, end) of each frame
        self.marks: list[float] = []  # when a handler that changes the screen returned
        self.saves: list[tuple[float, int]] = []  # (when durable, version it covers)
        self.rows_rendered = False
        self.prepared: list[float] = []  # how long building the search index took
        self.first_paint: float | None = None

    def frame_after(self, moment: float) -> float | None:
        """End of the first frame that started after ``moment``."""
        for start, end in self.frames:
            if start >= moment:
                return end
        return None


def install_probe(app: Any, probe: Probe) -> None:
    """Wrap the app's display, its screen-changing handlers and the store's writes."""
    from textual._compositor import CompositorUpdate

    from tui.app import BriefingApp
    from tui.panes import RecordList
    from tui.statement_table import StatementList

    display = app._display

    def timed_display(screen: Any, renderable: Any) -> None:
        start = time.perf_counter()
        display(screen, renderable)
        if renderable is None or app._batch_count:
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)  # what a real terminal would be sent
        end = time.perf_counter()
        probe.frames.append((start, end))
        if probe.first_paint is None and probe.rows_rendered:
            probe.first_paint = end

    app._display = timed_display

    render_line = StatementList.render_line

    def render_line_probe(self: StatementList, y: int) -> Any:
        if self.ids:
            probe.rows_rendered = True
        return render_line(self, y)

    StatementList.render_line = render_line_probe  # type: ignore[method-assign]

    # (class-level patches: this is a throw-away benchmark process)
    for cls, name in (
        (BriefingApp, "_on_store_change"),
        (BriefingApp, "_show_statement"),
        (BriefingApp, "action_toggle_disputed"),
        (BriefingApp, "action_filter"),
        (BriefingApp, "action_cycle_sort"),
        (BriefingApp, "action_status_filter"),
        (RecordList, "reload"),
        (RecordList, "set_cursor"),
    ):
        original = getattr(cls, name)

        def marked(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            result = _original(self, *args, **kwargs)
            probe.marks.append(time.perf_counter())
            return result

        setattr(cls, name, marked)

    prepare = getattr(type(app.briefing), "prepare_search", None)  # (absent in old versions)
    if prepare is not None:

        def timed_prepare(self: Any) -> None:
            start = time.perf_counter()
            prepare(self)
            probe.prepared.append(time.perf_counter() - start)

        type(app.briefing).prepare_search = timed_prepare  # type: ignore[method-assign]

    storage = app.briefing.storage
    append = storage._append

    def timed_append(commits: Any) -> None:
        append(commits)
        probe.saves.append((time.perf_counter(), storage.durable_seq))

    storage._append = timed_append


async def press_and_measure(pilot: Any, probe: Probe, key: str) -> dict[str, float]:
    """Press ``key``; return key-to-repaint (and the store version it left)."""
    probe.marks.clear()
    probe.frames.clear()
    t0 = time.perf_counter()
    # The key as the terminal driver delivers it. (Pilot.press would also make every
    # widget on the screen answer a callback while the app handles the key and paints,
    # work that a real terminal session never does and that delays the frame measured.)
    from textual import events

    character = {"slash": "/", "enter": "\r"}.get(key, key if len(key) == 1 else None)
    event = events.Key(key, character)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    await asyncio.sleep(0.2)  # handled and painted well within this
    await pilot.pause()
    if not probe.marks:
        raise RuntimeError(f"pressing {key!r} ran none of the app's screen-changing handlers")
    last_mark = max(probe.marks)
    painted = probe.frame_after(last_mark)
    if painted is None:
        raise RuntimeError(f"no frame was drawn after {key!r} was handled")
    settled = max(end for _, end in probe.frames)
    return {"repaint": painted - t0, "settled": settled - t0, "t0": t0, "handled": last_mark - t0}


async def wait_until_saved(app: Any, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    storage = app.briefing.storage
    while storage.pending or storage._holding:
        if time.perf_counter() > deadline:
            raise RuntimeError("the writer did not save in time")
        await asyncio.sleep(0.002)


async def run_app(path: Path) -> dict[str, Any]:
    from tui.app import make_app

    probe = Probe()
    rss_before = vm_hwm_mb()
    t0 = time.perf_counter()
    app = make_app(path)
    t_made = time.perf_counter()
    install_probe(app, probe)
    out: dict[str, Any] = {
        "make_app_s": t_made - t0,
        "rss_after_imports_mb": rss_before,
        "load_average_at_start": os.getloadavg()[0],
    }
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        t_paused = time.perf_counter()
        assert app.statements.ids, "the statements list should have rows"
        if probe.first_paint is None:
            raise RuntimeError("no frame showed the statements list")
        out["first_paint_s"] = probe.first_paint - t0
        out["first_paint_pilot_s"] = t_paused - t0
        out["statements"] = len(app.statements.ids)

        js = [await press_and_measure(pilot, probe, "j") for _ in range(J_PRESSES)]
        out["key_j_s"] = [m["repaint"] for m in js]
        out["key_j_settled_s"] = [m["settled"] for m in js]

        storage = app.briefing.storage
        ds: list[float] = []
        durable: list[float] = []
        for _ in range(D_PRESSES):
            await wait_until_saved(app)
            probe.saves.clear()
            sid = app.statements.current_id
            before = app.briefing.statement_doc(sid)["status"]
            m = await press_and_measure(pilot, probe, "d")
            version = storage.seq
            assert app.briefing.statement_doc(sid)["status"] != before, "d should toggle"
            ds.append(m["repaint"])
            await wait_until_saved(app)
            saved_at = next(t for t, v in probe.saves if v >= version)
            durable.append(saved_at - m["t0"])
        out["key_d_s"] = ds
        out["durable_s"] = durable
        expected = app.briefing.statement_doc(sid)["status"]

        slash = await press_and_measure(pilot, probe, "slash")
        out["slash_s"] = slash["repaint"]
        out["search_index_s"] = sum(probe.prepared)
        keys = [await press_and_measure(pilot, probe, ch) for ch in NEEDLE]
        out["filter_first_s"] = keys[0]["repaint"]
        out["filter_typing_s"] = [m["repaint"] for m in keys[1:]]
        out["filter_settled_s"] = [m["settled"] for m in keys]
        out["filter_matches"] = len(app.statements.ids)
        await pilot.press("escape")
        await pilot.pause()
        await asyncio.sleep(0.3)  # (the box closed and the screen laid out: not part of S)

        out["orders_ready"] = sorted(getattr(app.briefing._indexes, "_orders", {}))
        sorts = [await press_and_measure(pilot, probe, "S") for _ in range(4)]
        assert app.statements.sort == "recorded", "S should cycle back to the order recorded"
        out["sort_s"] = [m["repaint"] for m in sorts]
        picker = await press_and_measure(pilot, probe, "f")
        out["status_picker_s"] = picker["repaint"]
        await pilot.press("down", "down")  # all statuses, unverified, disputed
        chosen = await press_and_measure(pilot, probe, "enter")
        assert app.statements.status == "disputed", "the picker should choose disputed"
        out["status_filter_s"] = chosen["repaint"]
        out["status_filter_matches"] = len(app.statements.ids)
        out["peak_rss_mb"] = vm_hwm_mb()

    from store.storage import read_durable

    on_disk = read_durable(path)["statements"][str(sid)]["status"]
    assert on_disk == expected, f"disk has {on_disk!r}, memory {expected!r}"
    app.briefing.close()
    return out


def floors(path: Path, repeat: int = 3) -> int:
    """What any launch and any whole-file save pay at least, in a fresh process."""
    import orjson

    parse, write = [], []
    raw = path.read_bytes()
    for _ in range(repeat):
        gc.disable()  # as the store's own parse does
        t = time.perf_counter()
        orjson.loads(path.read_bytes())
        parse.append(time.perf_counter() - t)
        gc.enable()
        gc.collect()
    spare = os.open(path.with_name(path.name + ".floor"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    for _ in range(20):
        t = time.perf_counter()
        os.write(spare, b"x" * 299 + b"\n")
        os.fdatasync(spare)
        write.append(time.perf_counter() - t)
    os.close(spare)
    result = {"parse_s": median(parse), "write_fsync_s": median(write), "file_mb": len(raw) / 1e6}
    print("RESULT " + json.dumps(result))
    return 0


def child(path: Path) -> int:
    # Imports first: they are not part of any figure.
    import textual.app  # noqa: F401

    import tui.app  # noqa: F401

    result = asyncio.run(run_app(path))
    print("RESULT " + json.dumps(result))
    return 0


# -- the parent: build stores, run children, report ---------------------------------------


def build_store(n: int, folder: Path) -> Path:
    from bench_store import build_tables, write_store

    path = folder / f"store-{n}.json"
    if not path.exists():  # (the snapshot is written after its log)
        write_store(path, build_tables(n))
    return path


def copy_store(store: Path, copy: Path) -> None:
    shutil.copyfile(store, copy)
    shutil.copyfile(str(store) + ".log", str(copy) + ".log")


def run_python(*args: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT, check=False
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"child failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return json.loads(lines[-1].removeprefix("RESULT "))


def run_child(store: Path, work: Path) -> dict[str, Any]:
    # A fresh folder each run: the app keeps backups (and a lock file) next to the store.
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    copy = work / "run.json"
    copy_store(store, copy)
    return run_python("--child", str(copy))


def median(values: list[float]) -> float:
    return statistics.median(values)


def summarise(n: int, runs: list[dict[str, Any]], floor: dict[str, Any]) -> dict[str, Any]:
    def pooled(key: str) -> list[float]:
        return [v for r in runs for v in r[key]]

    return {
        "statements": n,
        "file_mb": round(floor["file_mb"], 1),
        "runs": len(runs),
        "make_app_s": median([r["make_app_s"] for r in runs]),
        "first_paint_s": median([r["first_paint_s"] for r in runs]),
        "first_paint_pilot_s": median([r["first_paint_pilot_s"] for r in runs]),
        "key_j_s": median(pooled("key_j_s")),
        "key_j_max_s": max(pooled("key_j_s")),
        "key_j_settled_s": median(pooled("key_j_settled_s")),
        "key_d_s": median(pooled("key_d_s")),
        "key_d_max_s": max(pooled("key_d_s")),
        "filter_first_s": median([r["filter_first_s"] for r in runs]),
        "filter_typing_s": median(pooled("filter_typing_s")),
        "filter_settled_s": median(pooled("filter_settled_s")),
        "sort_s": median(pooled("sort_s")),
        "sort_max_s": max(pooled("sort_s")),
        "status_picker_s": median([r["status_picker_s"] for r in runs]),
        "status_filter_s": median([r["status_filter_s"] for r in runs]),
        "durable_s": median(pooled("durable_s")),
        "durable_first_s": median([r["durable_s"][0] for r in runs]),
        "slash_s": median([r["slash_s"] for r in runs]),
        "search_index_s": median([r["search_index_s"] for r in runs]),
        "load_average": median([r["load_average_at_start"] for r in runs]),
        "floor_parse_s": floor["parse_s"],
        "floor_write_fsync_s": floor["write_fsync_s"],
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "rss_after_imports_mb": median([r["rss_after_imports_mb"] for r in runs]),
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.0f}" if seconds >= 0.1 else f"{seconds * 1e3:.1f}"


def table(rows: list[dict[str, Any]]) -> str:
    columns = [
        ("statements", lambda r: f"{r['statements']:,}"),
        ("file MB", lambda r: f"{r['file_mb']:.1f}"),
        ("open ms", lambda r: ms(r["make_app_s"])),
        ("1st paint ms", lambda r: ms(r["first_paint_s"])),
        ("j ms", lambda r: ms(r["key_j_s"])),
        ("j settled ms", lambda r: ms(r["key_j_settled_s"])),
        ("d ms", lambda r: ms(r["key_d_s"])),
        ("filter 1st ms", lambda r: ms(r["filter_first_s"])),
        ("filter ms", lambda r: ms(r["filter_typing_s"])),
        ("search index ms", lambda r: ms(r["search_index_s"])),
        ("S ms", lambda r: ms(r["sort_s"])),
        ("S max ms", lambda r: ms(r["sort_max_s"])),
        ("f ms", lambda r: ms(r["status_picker_s"])),
        ("status filter ms", lambda r: ms(r["status_filter_s"])),
        ("d→disk ms", lambda r: ms(r["durable_s"])),
        ("1st d→disk ms", lambda r: ms(r["durable_first_s"])),
        ("parse floor ms", lambda r: ms(r["floor_parse_s"])),
        ("append+fsync floor ms", lambda r: ms(r["floor_write_fsync_s"])),
        ("peak RSS MB", lambda r: f"{r['peak_rss_mb']:.0f}"),
    ]
    cells = [[name for name, _ in columns]] + [[fmt(r) for _, fmt in columns] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = [" | ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def verdicts(rows: list[dict[str, Any]]) -> dict[str, Any]:
    big = next((r for r in rows if r["statements"] == 100_000), None)
    small = next((r for r in rows if r["statements"] == 1_000), None)
    if big is None:
        return {}
    measured = {k: big[k] for k in TARGETS_100K if k in big}
    if small is not None:
        measured["first_paint_ratio"] = big["first_paint_s"] / small["first_paint_s"]
    return {
        key: {"measured": measured[key], "target": limit, "met": measured[key] <= limit}
        for key, limit in TARGETS_100K.items()
        if key in measured
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per size")
    parser.add_argument("--keep", type=Path, help="build the stores in DIR and reuse them")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "app.json")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floors", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child)
    if args.floors:
        return floors(args.floors)
    sizes = [int(s) for s in args.sizes.split(",")]

    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-app-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        work = Path(tmp) / "work"
        for n in sizes:
            print(f"building {n:,} statements ...", file=sys.stderr, flush=True)
            store = build_store(n, folder)
            runs = []
            for i in range(args.runs):
                print(f"  run {i + 1}/{args.runs}", file=sys.stderr, flush=True)
                runs.append(run_child(store, work))
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            copy = work / "floor.json"
            copy_store(store, copy)
            floor = run_python("--floors", str(copy))
            rows.append(summarise(n, runs, floor) | {"raw": runs})

    print(table(rows))
    results = verdicts(rows)
    if results:
        print("\ntargets at 100,000 statements:")
        for key, v in results.items():
            unit = "x" if key == "first_paint_ratio" else ("MB" if key.endswith("mb") else "ms")
            scale = 1e3 if unit == "ms" else 1
            print(
                f"  {key:<18} {v['measured'] * scale:8.1f} {unit:<2} "
                f"(target <= {v['target'] * scale:g} {unit})  {'ok' if v['met'] else 'MISSED'}"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "app",
        "command": "python bench/bench_app.py " + " ".join(argv or sys.argv[1:]),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cpus",
        "terminal": f"headless {SIZE[0]}x{SIZE[1]}",
        "results": rows,
        "targets_100k": results,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(f"\nwrote {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
