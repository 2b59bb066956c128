"""Store benchmark: open, one durable status change, and a text filter at scale.

Builds stores of 1,000 / 10,000 / 100,000 statements (a tenth as many actors, a fifth as
many rebuttals, plausible text, sources, dates, annotations, and one history entry per
created document, as real use leaves them), written straight in the store's layout for
speed. Then it measures, with ``time.perf_counter`` and the median of several runs:

  open         Briefing.open(path)
  set_status   one set_status in sync mode: the call returns after fsync (the first
               write after open is reported apart: caches may be warmed by it)
  filter cold  the first Briefing.statement_ids(text=...) after open (builds the index)
  filter warm  the same call again

Prints a table and writes bench/results/store.json. Not part of the test run.

    .venv/bin/python bench/bench_store.py [--sizes 1000,10000,100000] [--runs 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store import Briefing, Status  # noqa: E402
from store.storage import SCHEMA_VERSION, empty_tables  # noqa: E402

TARGETS_100K = {"open": 0.6, "set_status": 0.100, "filter_warm": 0.030}
NEEDLES = ("ceasefire", "minsk", "no such phrase")  # common, rarer, none: each a full scan

WORDS = """
the a of to in and on for with that by as at from was were is are has have had will would
could may said says claimed denied agreed confirmed rejected announced stated warned insisted
government ministry president envoy spokesperson official officials minister parliament
opposition regime army forces troops border talks meeting summit negotiations ceasefire truce
sanctions prisoners release election vote referendum protest protesters police court ruling
drone drones strikes attack attacks missile shelling territory region capital city villages
Ukraine Russia Belarus Minsk Kyiv Moscow Washington Brussels Warsaw Vilnius Kremlin NATO EU UN
United States Poland Lithuania Europe allies partners adversaries relations diplomacy
statement remarks interview tweet press conference readout report briefing source sources
week month year since after before during while without any specific concessions context
full unconditional political reconciliation military operations humanitarian corridor aid
energy gas pipeline grain exports prices economy trade deal agreement proposal plan offer
""".split()
OUTLETS = [
    "Reuters",
    "AP",
    "BBC",
    "Kyiv Independent",
    "Belta",
    "TASS",
    "Meduza",
    "RFE/RL",
    "Politico Europe",
    "Official Telegram channel",
    "Press conference",
    "Interview",
]
KINDS = ["person", "person", "person", "organisation", "government", "media", "other"]
FIRST = "Anna Boris Chen Dmitri Elena Farid Greta Hassan Irina Jonas Keith Lena Marek Nadia".split()
LAST = "Kellogg Lukashenko Petrova Novak Kowalski Ivanova Schmidt Haddad Moreau Tanaka".split()
STATUSES = ["unverified", "unverified", "unverified", "confirmed", "false", "retracted"]


def iso(ts: datetime) -> str:
    return ts.astimezone(UTC).isoformat(timespec="milliseconds")


def sentence(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    words: list[str] = []
    length = 0
    while length < target:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)[:target].rstrip()
    return text[0].upper() + text[1:] + "."


def build_tables(n_statements: int, seed: int = 7) -> dict[str, Any]:
    """The tables Briefing would have left after adding everything one by one."""
    rng = random.Random(seed)
    tables = empty_tables()
    history = tables["history"]
    start = datetime(2024, 1, 1, tzinfo=UTC)
    clock = [start]

    def tick() -> str:
        clock[0] += timedelta(seconds=rng.randint(1, 90), milliseconds=rng.randint(0, 999))
        return iso(clock[0])

    def record(table: str, doc_id: int, before: Any, after: Any, action: str, reason: str) -> None:
        entry = {
            "at": after["updated_at"],
            "action": action,
            "table": table,
            "doc_id": doc_id,
            "before": before,
            "after": after,
            "reason": reason,
        }
        history[str(len(history) + 1)] = entry

    n_actors = max(1, n_statements // 10)
    for i in range(1, n_actors + 1):
        now = tick()
        doc = {
            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
            "kind": rng.choice(KINDS),
            "role": sentence(rng, 10, 40)[:-1],
            "affiliation": rng.choice(["Belarus", "Russia", "Ukraine", "United States", "EU", ""]),
            "aliases": [],
            "tags": rng.sample(["defence", "energy", "diplomacy", "sample"], rng.randint(0, 2)),
            "notes": sentence(rng, 20, 120) if rng.random() < 0.2 else "",
            "created_at": now,
            "updated_at": now,
        }
        tables["actors"][str(i)] = doc
        record("actors", i, None, doc, "add", f"Added actor {doc['name']}")

    for i in range(1, n_statements + 1):
        now = tick()
        day = start.date() + timedelta(days=rng.randint(0, 500))
        annotations = [
            {"text": sentence(rng, 30, 200), "at": now} for _ in range(rng.choice([0, 0, 0, 1, 2]))
        ]
        doc = {
            "actor_id": rng.randint(1, n_actors),
            "text": sentence(rng, 80, 400),
            "said_on": day.isoformat() if rng.random() < 0.8 else None,
            "source": rng.choice(OUTLETS),
            "url": f"https://news.example.org/{day.isoformat()}/{i}" if rng.random() < 0.6 else "",
            "status": rng.choice(STATUSES),
            "annotations": annotations,
            "tags": rng.sample(["ceasefire", "prisoners", "drones", "energy"], rng.randint(0, 2)),
            "created_at": now,
            "updated_at": now,
        }
        tables["statements"][str(i)] = doc
        record("statements", i, None, doc, "add", "Added statement")

    for i in range(1, n_statements // 5 + 1):
        now = tick()
        sid = rng.randint(1, n_statements)
        doc = {
            "statement_id": sid,
            "actor_id": rng.randint(1, n_actors),
            "text": sentence(rng, 60, 300),
            "said_on": None,
            "source": rng.choice(OUTLETS),
            "url": "",
            "created_at": now,
            "updated_at": now,
        }
        tables["rebuttals"][str(i)] = doc
        record("rebuttals", i, None, doc, "add", "Added rebuttal")
        statement = tables["statements"][str(sid)]
        if statement["status"] == "unverified":  # as add_rebuttal does, in the same change
            after = {**statement, "status": "disputed", "updated_at": now}
            tables["statements"][str(sid)] = after
            record("statements", sid, statement, after, "add", "marked it disputed")
    meta = tables["meta"]["1"]
    meta["schema_version"] = SCHEMA_VERSION
    meta["last_ids"] = {t: len(tables[t]) for t in ("actors", "statements", "rebuttals", "history")}
    return tables


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_size(n: int, folder: Path, runs: int) -> dict[str, Any]:
    path = folder / f"store-{n}.json"
    t0 = time.perf_counter()
    path.write_bytes(orjson.dumps(build_tables(n)))
    t_build = time.perf_counter() - t0
    gc.collect()
    row: dict[str, Any] = {
        "statements": n,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "build_s": round(t_build, 2),
    }

    opens: list[float] = []
    colds: list[float] = []
    for _ in range(runs):
        gc.collect()
        t_open, b = timed(lambda: Briefing.open(path))
        opens.append(t_open)
        t_cold, ids = timed(lambda b=b: b.statement_ids(text=NEEDLES[0]))
        colds.append(t_cold)
        assert ids, "the needle should match something"
        b.close()
        del b

    b = Briefing.open(path)
    warm: list[float] = []
    matches = {}
    for needle in NEEDLES:
        matches[needle] = len(b.statement_ids(text=needle))
        for _ in range(max(5, runs)):
            t, _ = timed(lambda needle=needle: b.statement_ids(text=needle))
            warm.append(t)

    rng = random.Random(n)
    statuses = [Status.CONFIRMED, Status.FALSE, Status.RETRACTED, Status.DISPUTED]
    writes: list[float] = []
    ids = b.statement_ids()
    for i in range(max(5, runs) + 1):  # the first write after open is reported apart
        sid = rng.choice(ids)
        status = statuses[i % len(statuses)]
        if b.statement(sid).status == status:
            status = Status.UNVERIFIED
        t, _ = timed(lambda sid=sid, status=status: b.set_status(sid, status))
        writes.append(t)
        assert not b.unsaved
    b.close()
    check = Briefing.open(path)
    assert check.statement(sid).status == status, "the change must be on disk"
    check.close()

    row.update(
        {
            "open_s": median(opens),
            "set_status_s": median(writes[1:]),
            "set_status_first_s": writes[0],
            "filter_cold_s": median(colds),
            "filter_warm_s": median(warm),
            "matches": matches,
            "runs": runs,
        }
    )
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--keep", type=Path, help="build the stores in DIR and keep them")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "store.json")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]

    rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            print(f"building and measuring {n:,} statements ...", file=sys.stderr, flush=True)
            rows.append(bench_size(n, folder, args.runs))

    header = (
        f"{'statements':>10} {'file MB':>8} {'open':>9} {'set_status':>11} "
        f"{'(1st write)':>11} {'filter cold':>12} {'filter warm':>12}"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"(load average while measuring: {load}; other work on the machine skews the numbers)")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['statements']:>10,} {r['file_mb']:>8.1f} {r['open_s'] * 1e3:>7.0f}ms "
            f"{r['set_status_s'] * 1e3:>9.1f}ms {r['set_status_first_s'] * 1e3:>9.0f}ms "
            f"{r['filter_cold_s'] * 1e3:>10.1f}ms "
            f"{r['filter_warm_s'] * 1e3:>10.1f}ms"
        )
    verdicts = {}
    big = next((r for r in rows if r["statements"] == 100_000), None)
    if big is not None:
        measured = {
            "open": big["open_s"],
            "set_status": big["set_status_s"],
            "filter_warm": big["filter_warm_s"],
        }
        print("\ntargets at 100,000 statements:")
        for key, limit in TARGETS_100K.items():
            ok = measured[key] <= limit
            verdicts[key] = {"measured_s": measured[key], "target_s": limit, "met": ok}
            print(
                f"  {key:<12} {measured[key] * 1e3:8.1f} ms  (target <= {limit * 1e3:.0f} ms)"
                f"  {'ok' if ok else 'MISSED'}"
            )

    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "store",
        "when": iso(datetime.now(UTC)),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cpus",
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "needles": list(NEEDLES),
        "results": rows,
        "targets_100k": verdicts,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
