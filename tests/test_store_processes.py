"""Real processes: SIGKILL mid-write, two writers at once, a lock held by someone else."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import Briefing, LockTimeoutError

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "store_writer_child.py"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and flock")


STRESS = os.environ.get("STRESS") == "1"


def spawn_writer(
    path: Path, prefix: str, count: int | None = None, compact_every: int | None = None
) -> subprocess.Popen[str]:
    """Start a writer; it imports the store and then waits for ``go``."""
    env = {**ENV, "BRIEFING_COMPACT_LINES": str(compact_every)} if compact_every else ENV
    args = [sys.executable, str(CHILD), str(path), prefix]
    if count is not None:
        args.append(str(count))
    return subprocess.Popen(
        args,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def go(proc: subprocess.Popen[str]) -> None:
    assert proc.stdout is not None and proc.stdin is not None
    ready = proc.stdout.readline()
    if ready != "ready\n":
        proc.kill()
        raise AssertionError(f"writer did not start: {ready!r} {proc.communicate()[1]}")
    proc.stdin.write("go\n")
    proc.stdin.flush()


def statement_texts(path: Path) -> list[str]:
    """The statements in id order, read twice: by Briefing.open, and by reading the
    snapshot and the log after it without the store's classes (plain json per line)."""
    b = Briefing.open(path)
    by_store = [s.text for s in b.statements()]
    b.close()
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    statements = data["statements"]
    with open(path.with_name(path.name + ".log"), "rb") as fh:
        fh.seek(data["meta"]["1"]["log_offset"])
        for line in fh.read().split(b"\n"):
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a torn last line
            if entry["table"] == "statements":
                statements[str(entry["doc_id"])] = entry["after"]
    by_json = [doc["text"] for _, doc in sorted(statements.items(), key=lambda kv: int(kv[0]))]
    assert by_json == by_store
    return by_store


def setup_store(path: Path) -> None:
    b = Briefing.open(path)
    b.add_actor(name="Writer")
    b.close()


AHEAD = 2  # writers started ahead of time, to hide their start-up


@pytest.mark.parametrize("compact_every", [None, 7])
def test_sigkill_at_random_moments_loses_no_acknowledged_write(
    tmp_path: Path, compact_every: int | None
) -> None:
    # With compact_every=7 the writer rewrites the snapshot in the background every few
    # changes, so kills land during compactions too. STRESS=1: 100 kills each (200 in all).
    path = tmp_path / "briefing.json"
    setup_store(path)
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    kills = 100 if STRESS else 12
    expected: list[str] = []
    in_flight_seen = 0
    # The next writers import while this one writes (each waits for "go").
    upcoming = [spawn_writer(path, f"run{run}", None, compact_every) for run in range(AHEAD)]
    try:
        for run in range(kills):
            proc = upcoming.pop(0)
            if run + AHEAD < kills:
                upcoming.append(spawn_writer(path, f"run{run + AHEAD}", None, compact_every))
            go(proc)
            assert proc.stdout is not None
            first = proc.stdout.readline()
            assert first.endswith("\n"), f"writer never acknowledged: {proc.communicate()[1]}"
            time.sleep(rng.uniform(0, 0.15))
            proc.kill()  # SIGKILL
            proc.wait(timeout=10)
            rest = proc.stdout.read()
            proc.stdout.close()
            lines = [first, *rest.splitlines(keepends=True)]
            acked = [line[:-1] for line in lines if line.endswith("\n")]
            assert acked == [f"run{run}-{i}" for i in range(len(acked))]

            texts = statement_texts(path)  # opens with Briefing.open, then with json.load
            context = f"seed {seed}, run {run}, {len(acked)} acknowledged"
            assert texts[: len(expected)] == expected, context
            new = texts[len(expected) :]
            assert new[: len(acked)] == acked, context
            extra = new[len(acked) :]
            assert extra in ([], [f"run{run}-{len(acked)}"]), context
            in_flight_seen += len(extra)
            expected = texts
    finally:
        for proc in upcoming:
            proc.kill()
            proc.communicate()

    # Whatever temp files the kills left behind, the store opens, reads and writes.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    (tmp_path / f".{path.name}.99999.1.tmp").write_bytes(b'{"meta": {"1": {"schema_ver')
    b = Briefing.open(path)
    assert [s.text for s in b.statements()] == expected
    b.add_statement(actor_id=1, text="after the crashes")
    b.close()
    assert statement_texts(path)[-1] == "after the crashes"
    assert len(expected) > kills, (leftovers, in_flight_seen)


def test_four_processes_times_300_changes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    setup_store(path)
    prefixes = ("a", "b", "c", "d")
    writers = [spawn_writer(path, prefix, 300, compact_every=250) for prefix in prefixes]
    try:
        for proc in writers:
            go(proc)
        outputs = [proc.communicate(timeout=300) for proc in writers]
    finally:
        for proc in writers:
            proc.kill()
    for proc, (out, err) in zip(writers, outputs, strict=True):
        assert proc.returncode == 0, err
        assert len(out.splitlines()) == 300
    texts = statement_texts(path)
    assert sorted(texts) == sorted(f"{p}-{i}" for p in prefixes for i in range(300))
    for prefix in prefixes:  # each writer's statements keep their order
        assert [t for t in texts if t.startswith(prefix + "-")] == [
            f"{prefix}-{i}" for i in range(300)
        ]
    b = Briefing.open(path)
    ids = [s.id for s in b.statements()]
    assert len(set(ids)) == 1200
    log_lines = path.with_name(path.name + ".log").read_bytes().splitlines()[1:]
    seqs = [json.loads(line)["seq"] for line in log_lines]
    assert seqs == list(range(1, 1202))  # the setup's actor, then 1,200 adds: unbroken
    assert len(b.history()) == 1201


def test_two_processes_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    setup_store(path)
    writers = [spawn_writer(path, prefix, 200) for prefix in ("a", "b")]
    try:
        for proc in writers:
            go(proc)
        outputs = [proc.communicate(timeout=120) for proc in writers]
    finally:
        for proc in writers:
            proc.kill()
    for proc, (out, err) in zip(writers, outputs, strict=True):
        assert proc.returncode == 0, err
        assert len(out.splitlines()) == 200

    texts = statement_texts(path)
    assert len(texts) == 400
    assert sorted(texts) == sorted([f"a-{i}" for i in range(200)] + [f"b-{i}" for i in range(200)])
    for prefix in ("a", "b"):  # each writer's statements keep their order
        mine = [t for t in texts if t.startswith(prefix + "-")]
        assert mine == [f"{prefix}-{i}" for i in range(200)]
    b = Briefing.open(path)
    ids = [s.id for s in b.statements()]
    assert len(set(ids)) == 400
    history = b.history()
    adds = [e for e in history if e.table == "statements" and e.action == "add"]
    assert len(adds) == 400
    assert sorted(e.doc_id for e in adds) == sorted(ids)
    assert len(history) == 401  # plus the setup's actor
    assert len({e.id for e in history}) == 401


LOCK_HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)  # the lock is flock on the history log
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_lock_held_by_another_process_times_out_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    b = Briefing.open(path)
    actor = b.add_actor(name="Keith Kellogg")
    b.close()
    before = path.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path) + ".log"],
        stdout=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        b = Briefing.open(path, lock_timeout=0.3)  # reading needs no lock
        assert b.actor(actor.id).name == "Keith Kellogg"
        started = time.monotonic()
        with pytest.raises(LockTimeoutError) as err:
            b.add_statement(actor_id=actor.id, text="blocked")
        assert 0.25 <= time.monotonic() - started < 5
        message = str(err.value)
        assert str(path) in message
        assert "locked by another process" in message
        assert "0.3 s" in message
        assert "try again" in message
        assert path.read_bytes() == before
        assert b.statements() == []
        with pytest.raises(LockTimeoutError):
            b.set_status(1, "false")
        with pytest.raises(LockTimeoutError):
            b.undo()
        assert b.actors()[0].name == "Keith Kellogg"
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    # once the other process is gone, the same Briefing writes again
    b.add_statement(actor_id=actor.id, text="after")
    assert statement_texts(path) == ["after"]
