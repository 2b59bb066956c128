"""Store benchmark: open, durable changes, another window's change, compaction, filter,
each beside the same operation on stdlib sqlite3.

Builds stores of 1,000 / 10,000 / 100,000 statements (a tenth as many actors, a fifth as
many rebuttals, plausible text, sources, dates, annotations, and one history entry per
created document, as real use leaves them), written straight in the schema-2 layout (a
snapshot whose meta has folded in the whole history log beside it). Then it measures,
with ``time.perf_counter`` and the median of several runs:

  open          Briefing.open(path): parse the snapshot, replay the log after it
  first change  the first set_status after opening (sync: returns after the fsync)
  set_status    one set_status in sync mode, median of the later calls
  other window  CPU (thread time) that poll() costs this Briefing after another Briefing
                on the same store made one change
  compaction    a full snapshot rewrite (in a thread), and the longest stall a 1 ms
                ticker on the main thread saw meanwhile (what a key press would wait)
  history       history(statement, limit=20) right after open (no index yet: the log is
                scanned from its end), and after prepare_history's index
  filter        Briefing.statement_ids(text=...) cold (builds the index) and warm
  open RSS      peak RSS of a fresh process that opens the store

SQLite runs the same operations on one table of JSON documents plus a history table (WAL,
synchronous=FULL): open is connect + the first 40 statements, a change is read + update +
history insert + commit, the filter is a LIKE scan. The ratio is ours / SQLite.

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
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
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
from store.log import encode_entry  # noqa: E402
from store.snapshot import encode_tables, log_path, new_meta  # noqa: E402

# issue 12's targets at 100,000 statements (seconds); set_status also <= 2x the 1k figure
TARGETS_100K = {
    "set_status": 0.010,
    "first_change": 0.010,
    "other_window_cpu": 0.020,
    "compaction_stall": 0.050,
}
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
    tables: dict[str, Any] = {"meta": {"1": {}}, "actors": {}, "statements": {}, "rebuttals": {}}
    history: dict[str, Any] = {}
    tables["history"] = history
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
    counted = ("actors", "statements", "rebuttals")
    tables["meta"]["1"]["last_ids"] = {t: len(tables[t]) for t in counted}
    return tables


def write_store(path: Path, tables: dict[str, Any]) -> None:
    """Write ``tables`` as a schema-2 store: the history as the log, the rest as a snapshot
    that has folded all of it in."""
    history = tables.pop("history")
    meta = new_meta()
    header = orjson.dumps({"briefing_log": 1, "store_id": meta["store_id"]}) + b"\n"
    with open(log_path(path), "wb") as fh:
        fh.write(header)
        fh.writelines(encode_entry({"seq": int(k), **e}) for k, e in history.items())
        offset = fh.tell()
    meta.update(last_ids=tables["meta"]["1"]["last_ids"], log_seq=len(history), log_offset=offset)
    tables["meta"] = {"1": meta}
    path.write_bytes(b"".join(encode_tables(tables)))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def median(values: list[float]) -> float:
    return statistics.median(values)


def _change(b: Briefing, rng: random.Random, ids: list[int]) -> float:
    sid = rng.choice(ids)
    status = rng.choice([Status.CONFIRMED, Status.FALSE, Status.RETRACTED, Status.DISPUTED])
    if b.statement(sid).status == status:
        status = Status.UNVERIFIED
    t, _ = timed(lambda: b.set_status(sid, status))
    assert not b.unsaved
    return t


def _open_rss_mb(path: Path) -> float:
    # VmHWM, not ru_maxrss: that one keeps the parent's figure across fork and exec.
    code = (
        "import re, sys; sys.path.insert(0, sys.argv[2]); from store import Briefing;"
        "b = Briefing.open(sys.argv[1]); b.history('statements', 1, limit=20);"
        "print(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True, text=True
    )
    return int(out.stdout.strip()) / 1024


def _compaction(b: Briefing) -> tuple[float, float]:
    """A full snapshot rewrite in a thread; the longest stall of a 1 ms ticker meanwhile."""
    done = threading.Event()
    took: list[float] = []

    def run() -> None:
        t0 = time.perf_counter()
        b.storage.compact(force=True)
        took.append(time.perf_counter() - t0)
        done.set()

    worker = threading.Thread(target=run)
    worker.start()
    worst = 0.0
    last = time.perf_counter()
    while not done.is_set():
        time.sleep(0.001)
        now = time.perf_counter()
        worst = max(worst, now - last - 0.001)
        last = now
    worker.join()
    return took[0], worst


def bench_size(n: int, folder: Path, runs: int) -> dict[str, Any]:
    path = folder / f"store-{n}.json"
    t0 = time.perf_counter()
    tables = build_tables(n)
    sqlite_path = folder / f"store-{n}.sqlite"
    build_sqlite(sqlite_path, tables)
    write_store(path, tables)
    del tables
    t_build = time.perf_counter() - t0
    gc.collect()
    row: dict[str, Any] = {
        "statements": n,
        "snapshot_mb": round(path.stat().st_size / 1e6, 1),
        "log_mb": round(log_path(path).stat().st_size / 1e6, 1),
        "build_s": round(t_build, 2),
    }
    opens: list[float] = []
    firsts: list[float] = []
    colds: list[float] = []
    histories: list[float] = []
    rng = random.Random(n)
    for _ in range(runs):
        gc.collect()
        t_open, b = timed(lambda: Briefing.open(path))
        opens.append(t_open)
        t_hist, entries = timed(lambda b=b: b.history("statements", 1, limit=20))
        histories.append(t_hist)
        assert entries, "statement 1 has history"
        firsts.append(_change(b, rng, list(range(1, n + 1))))
        t_cold, ids = timed(lambda b=b: b.statement_ids(text=NEEDLES[0]))
        colds.append(t_cold)
        assert ids, "the needle should match something"
        b.close()  # (folds the runs' changes in: the next open replays nothing)
        del b

    b = Briefing.open(path)
    warm: list[float] = []
    for needle in NEEDLES:
        b.statement_ids(text=needle)
        for _ in range(max(5, runs)):
            t, _ = timed(lambda needle=needle: b.statement_ids(text=needle))
            warm.append(t)
    ids = b.statement_ids()
    writes = [_change(b, rng, ids) for _ in range(max(20, runs))]
    b.storage.build_history_index()
    t_hist_indexed, _ = timed(lambda: b.history("statements", 1, limit=20))

    other = Briefing.open(path)
    polls: list[float] = []
    for _ in range(max(5, runs)):
        _change(other, rng, ids)
        t0 = time.thread_time()
        assert b.poll()
        polls.append(time.thread_time() - t0)
    other.close()
    t_compact, stall = _compaction(b)
    b.close()
    sq = bench_sqlite(sqlite_path, runs)
    row.update(
        {
            "open_s": median(opens),
            "first_change_s": median(firsts),
            "set_status_s": median(writes),
            "set_status_p90_s": sorted(writes)[int(len(writes) * 0.9)],
            "other_window_cpu_s": median(polls),
            "compaction_s": t_compact,
            "compaction_stall_s": stall,
            "history_first_s": median(histories),
            "history_indexed_s": t_hist_indexed,
            "filter_cold_s": median(colds),
            "filter_warm_s": median(warm),
            "open_rss_mb": round(_open_rss_mb(path), 0),
            "sqlite": sq,
            "runs": runs,
        }
    )
    return row


# -- the same operations on SQLite ---------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    return con


def build_sqlite(path: Path, tables: dict[str, Any]) -> None:
    con = _connect(path)
    con.execute("CREATE TABLE docs (tbl TEXT, id INTEGER, doc TEXT, PRIMARY KEY (tbl, id))")
    con.execute("CREATE TABLE history (seq INTEGER PRIMARY KEY, entry TEXT)")
    con.execute("BEGIN")
    for name in ("actors", "statements", "rebuttals"):
        con.executemany(
            "INSERT INTO docs VALUES (?, ?, ?)",
            ((name, int(k), orjson.dumps(d).decode()) for k, d in tables[name].items()),
        )
    con.executemany(
        "INSERT INTO history VALUES (?, ?)",
        ((int(k), orjson.dumps(e).decode()) for k, e in tables["history"].items()),
    )
    con.execute("COMMIT")
    con.close()


def _sqlite_change(con: sqlite3.Connection, sid: int, status: str) -> float:
    t0 = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    (raw,) = con.execute("SELECT doc FROM docs WHERE tbl='statements' AND id=?", (sid,)).fetchone()
    before = orjson.loads(raw)
    after = {**before, "status": status}
    con.execute(
        "UPDATE docs SET doc=? WHERE tbl='statements' AND id=?", (orjson.dumps(after).decode(), sid)
    )
    entry = {"table": "statements", "doc_id": sid, "before": before, "after": after}
    con.execute("INSERT INTO history (entry) VALUES (?)", (orjson.dumps(entry).decode(),))
    con.execute("COMMIT")
    return time.perf_counter() - t0


def bench_sqlite(path: Path, runs: int) -> dict[str, float]:
    rng = random.Random(1)
    (n,) = _connect(path).execute("SELECT count(*) FROM docs WHERE tbl='statements'").fetchone()
    opens, firsts = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        con = _connect(path)
        rows = con.execute(
            "SELECT id, doc FROM docs WHERE tbl='statements' ORDER BY id LIMIT 40"
        ).fetchall()
        [orjson.loads(d) for _, d in rows]
        opens.append(time.perf_counter() - t0)
        firsts.append(_sqlite_change(con, rng.randint(1, n), rng.choice(STATUSES)))
        con.close()
    con = _connect(path)
    writes = [_sqlite_change(con, rng.randint(1, n), rng.choice(STATUSES)) for _ in range(20)]
    warm = []
    for needle in NEEDLES:
        for _ in range(max(5, runs)):
            t0 = time.perf_counter()
            con.execute(
                "SELECT id FROM docs WHERE tbl='statements' AND doc LIKE ?", (f"%{needle}%",)
            ).fetchall()
            warm.append(time.perf_counter() - t0)
    con.close()
    return {
        "open_s": median(opens),
        "first_change_s": median(firsts),
        "set_status_s": median(writes),
        "filter_warm_s": median(warm),
    }


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

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"(load average while measuring: {load}; other work on the machine skews the numbers)")
    cols = [
        ("open", "open_s", "open_s"),
        ("1st change", "first_change_s", "first_change_s"),
        ("set_status", "set_status_s", "set_status_s"),
        ("filter warm", "filter_warm_s", "filter_warm_s"),
    ]
    print(f"{'statements':>10}  {'MB snap+log':>12}  " + "  ".join(f"{c[0]:>25}" for c in cols))
    for r in rows:
        cells = []
        for _, ours, theirs in cols:
            a, b = r[ours], r["sqlite"][theirs]
            cells.append(f"{a * 1e3:>8.1f} / {b * 1e3:>6.2f} ms {a / b:>6.2f}x")
        mb = f"{r['snapshot_mb']:.0f}+{r['log_mb']:.0f}"
        print(f"{r['statements']:>10,}  {mb:>12}  " + "  ".join(f"{c:>25}" for c in cells))
    print("(each cell: ours / SQLite, and the ratio)")
    print(
        f"\n{'statements':>10} {'p90 change':>11} {'other win CPU':>14} {'compact':>9} "
        f"{'stall':>7} {'hist 1st':>9} {'hist idx':>9} {'filter cold':>12} {'open RSS':>9}"
    )
    for r in rows:
        print(
            f"{r['statements']:>10,} {r['set_status_p90_s'] * 1e3:>9.1f}ms "
            f"{r['other_window_cpu_s'] * 1e3:>12.2f}ms {r['compaction_s'] * 1e3:>7.0f}ms "
            f"{r['compaction_stall_s'] * 1e3:>5.1f}ms {r['history_first_s'] * 1e3:>7.1f}ms "
            f"{r['history_indexed_s'] * 1e3:>7.2f}ms {r['filter_cold_s'] * 1e3:>10.1f}ms "
            f"{r['open_rss_mb']:>7.0f}MB"
        )
    verdicts = {}
    big = next((r for r in rows if r["statements"] == 100_000), None)
    small = next((r for r in rows if r["statements"] == 1_000), None)
    if big is not None:
        print("\ntargets at 100,000 statements (issue 12):")
        for key, limit in TARGETS_100K.items():
            measured = big[f"{key}_s"]
            ok = measured <= limit
            if key == "set_status" and small is not None:
                ok = ok and measured <= 2 * small["set_status_s"]
            verdicts[key] = {"measured_s": measured, "target_s": limit, "met": ok}
            extra = " and <= 2x the 1k figure" if key == "set_status" else ""
            print(
                f"  {key:<17} {measured * 1e3:8.2f} ms  (target <= {limit * 1e3:.0f} ms{extra})"
                f"  {'ok' if ok else 'MISSED'}"
            )

    args.out.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "benchmark": "store",
        "when": iso(datetime.now(UTC)),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
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
