"""What the document checks cost at open: Briefing.open with and without them.

Uses the stores bench_store.py builds (``build_tables``: 1,000 / 10,000 / 100,000
statements with their actors, rebuttals and history). Each measurement is a fresh
process (as a launch is), alternating with and without the checks so that the load of
a shared machine falls on both alike; the median of ``--runs`` is reported. The store is
one briefing-tui wrote (sealed: see store.snapshot.SEAL), so "with checks" is the cost of
verifying the seal; ``check_tables`` alone is what a file another program wrote costs.
Not part of the test run.

    .venv/bin/python bench/bench_checks.py [--sizes 1000,10000,100000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_store import build_tables, write_store  # noqa: E402

from store import Briefing  # noqa: E402

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
import store.briefing, store.snapshot, store.validate
from store import Briefing
checks = sys.argv[2] == "on"
if not checks:  # no seal to verify, no document to check
    store.briefing.check_tables = lambda tables, path: None
    store.snapshot.is_sealed = lambda raw, data: True
t0 = time.perf_counter()
b = Briefing.open(sys.argv[1], create=False)
t_open = time.perf_counter() - t0
t0 = time.perf_counter()
store.validate.check_tables(b.storage.data, sys.argv[1])
t_check = time.perf_counter() - t0
print(t_open, t_check)
"""


def measure(path: Path, checks: bool) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), "on" if checks else "off"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the stores in DIR (reused if there)")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-checks-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"{'statements':>10} {'MB':>6} {'open, no checks':>16} {'open, checks':>13} "
        f"{'extra':>7} {'check_tables':>13}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        path = folder / f"store-{n}.json"
        if not path.exists():
            write_store(path, build_tables(n))  # a schema-2 store: snapshot and log
            # Folded and sealed by briefing-tui itself, as a store it wrote and reopens.
            b = Briefing.open(path)
            b.compact()
            b.close()
        without: list[float] = []
        with_: list[float] = []
        alone: list[float] = []
        for _ in range(args.runs):
            without.append(measure(path, False)[0])
            t_open, t_check = measure(path, True)
            with_.append(t_open)
            alone.append(t_check)
        a, b, c = (statistics.median(x) for x in (without, with_, alone))
        mb = path.stat().st_size / 1e6
        print(
            f"{n:>10,} {mb:>6.1f} {a * 1000:>13.0f} ms {b * 1000:>10.0f} ms "
            f"{(b / a - 1) * 100:>6.1f}% {c * 1000:>10.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
