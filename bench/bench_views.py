"""Views benchmark: scorecards, the timeline, the dispute map and their graph exports.

Builds a store with ``bench_store.build_tables`` in a child process (or reuses one
given with ``--store``), opens it, and times with ``time.perf_counter`` the median of
several runs of:

  scorecard all    scorecard(b): the whole store
  scorecard one    scorecard(b, a) for the most contested actor
  scorecards       scorecards(b): every actor in one pass (what a Markdown export needs)
  timeline all     timeline(b)
  timeline one     timeline(b, a)
  dispute map      dispute_map(b)
  pairs            pairs(b, x, y) for the heaviest edge
  mermaid          to_mermaid(map) (the heaviest 100 edges) from a built map
  dot              to_dot(map) (every edge) from a built map
  cached timeline  ViewCache.timeline() when nothing changed
  ref: ...         the gateway reads every view needs (all rebuttals as models, every
                   statement document): the floor, and a yardstick on a busy machine

and, apart, the first timeline(b) and the first dispute_map(b) right after opening, each
in a fresh process (the store builds its indexes on first use). Each time is given as
wall-clock and as the measuring process's CPU time: on a shared machine, wall well above
CPU means other work took the cores. Prints a table and writes bench/results/views.json
("seconds": name -> [wall, cpu]). Not part of the test run.

    .venv/bin/python bench/bench_views.py [--size 100000] [--runs 5] [--store FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store import Briefing  # noqa: E402
from store.graph_export import to_dot, to_mermaid  # noqa: E402
from store.views import (  # noqa: E402
    ViewCache,
    dispute_map,
    pairs,
    scorecard,
    scorecards,
    timeline,
)

TARGETS_S = {"timeline all": 0.5, "dispute map": 0.5, "first timeline": 0.5, "first map": 0.5}


def build_in_child(path: Path, size: int) -> None:
    """Write the store from another process: building millions of objects here first
    would leave this process's memory fragmented, and every view measured after it
    about twice as slow as in a process that only opened the store (as the app does)."""
    code = (
        "import sys, orjson\n"
        f"sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'bench')!r}]\n"
        "from bench_store import build_tables\n"
        f"open({str(path)!r}, 'wb').write(orjson.dumps(build_tables({size})))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def timed(fn: Callable[[], Any]) -> tuple[tuple[float, float], Any]:
    """((wall seconds, CPU seconds of this process), result)."""
    t0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return (time.perf_counter() - t0, time.process_time() - c0), result


def median_of(fn: Callable[[], Any], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        gc.collect()
        times.append(timed(fn)[0])
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def first_after_open(path: Path, view: str) -> tuple[float, float]:
    """The first ``view(b)`` right after ``Briefing.open``, in a fresh process (as in an
    app that has just opened the store): ((wall, CPU) seconds)."""
    code = (
        "import gc, json, sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from store import Briefing\n"
        f"from store.views import {view} as view\n"
        f"b = Briefing.open({str(path)!r})\n"
        "gc.collect()\n"
        "t0, c0 = time.perf_counter(), time.process_time()\n"
        "view(b)\n"
        "print(json.dumps([time.perf_counter() - t0, time.process_time() - c0]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    wall, cpu = json.loads(done.stdout)
    return wall, cpu


def measure(path: Path, runs: int) -> dict[str, Any]:
    row: dict[str, Any] = {}
    row["first timeline"] = first_after_open(path, "timeline")
    row["first map"] = first_after_open(path, "dispute_map")

    t_open, b = timed(lambda: Briefing.open(path))
    row["open (for reference)"] = t_open
    counts = b.counts()
    disputes = dispute_map(b)
    top = disputes.rows[0].actor_id if disputes.rows else b.actor_ids()[0]
    heaviest = disputes.edges[0] if disputes.edges else None
    cases: dict[str, Callable[[], Any]] = {
        "scorecard all": lambda: scorecard(b),
        "scorecard one": lambda: scorecard(b, top),
        "scorecards": lambda: scorecards(b),
        "timeline all": lambda: timeline(b),
        "timeline one": lambda: timeline(b, top),
        "dispute map": lambda: dispute_map(b),
        "mermaid": lambda: to_mermaid(disputes),
        "dot": lambda: to_dot(disputes),
    }
    if heaviest is not None:
        cases["pairs"] = lambda: pairs(b, heaviest.rebutter_id, heaviest.rebutted_id)
    views = ViewCache(b)
    cases["cached timeline"] = lambda: views.timeline()
    # What any view must read through the gateway, for scale on a busy machine:
    cases["ref: b.rebuttals()"] = lambda: b.rebuttals()
    cases["ref: statement docs"] = lambda: [b.statement_doc(i) for i in b.statement_ids()]
    for name, fn in cases.items():
        fn()  # the store's own indexes are built on first use: measure steady state
        row[name] = median_of(fn, runs)
    line = timeline(b)
    views.close()
    b.close()
    return {
        "statements": counts["statements"],
        "rebuttals": counts["rebuttals"],
        "actors": counts["actors"],
        "timeline_days": len(line.days),
        "timeline_undated": len(line.undated),
        "dispute_rows": len(disputes.rows),
        "dispute_edges": len(disputes.edges),
        "seconds": row,
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="statements (default 100,000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--store", type=Path, help="measure this store file instead of building")
    parser.add_argument("--keep", type=Path, help="build the store in DIR and keep it")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "views.json")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="briefing-views-") as tmp:
        if args.store:
            path = args.store
        else:
            folder = args.keep or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"store-{args.size}.json"
            print(f"building {args.size:,} statements ...", file=sys.stderr, flush=True)
            build_in_child(path, args.size)
        result = measure(path, args.runs)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{result['statements']:,} statements, {result['rebuttals']:,} rebuttals, "
        f"{result['actors']:,} actors; timeline: {result['timeline_days']} days + "
        f"{result['timeline_undated']:,} undated items; map: {result['dispute_rows']:,} actors, "
        f"{result['dispute_edges']:,} edges"
    )
    print(f"(load average: {load}; other work on the machine skews the numbers)")
    verdicts = {}
    print(
        f"  {'':<22} {'wall':>8}    {'cpu':>8}"
        "   (cpu: this process only; wall >> cpu: a busy machine)"
    )
    for name, (seconds, cpu) in result["seconds"].items():
        target = TARGETS_S.get(name)
        note = ""
        if target is not None:
            ok = seconds <= target
            verdicts[name] = {"measured_s": seconds, "cpu_s": cpu, "target_s": target, "met": ok}
            note = f"  (target <= {target * 1e3:.0f} ms) {'ok' if ok else 'MISSED'}"
        print(f"  {name:<22} {seconds * 1e3:8.1f} ms {cpu * 1e3:8.1f} ms{note}")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": "views",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cpus",
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "result": result,
        "targets": verdicts,
    }
    args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
