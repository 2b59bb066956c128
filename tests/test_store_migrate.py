"""Schema 1 -> 2: a store written by the previous briefing-tui (tests/data/store_v1.json was
made by it: the sample briefing, a status change, a note, an undo, an added and deleted
actor) opens, keeps every history entry and its undo state, and survives SIGKILL."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from store import Briefing, CorruptStoreError, SchemaVersionError
from store.migrate import v1_backup_path
from store.snapshot import parse_store

ROOT = Path(__file__).resolve().parent.parent
V1 = Path(__file__).resolve().parent / "data" / "store_v1.json"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
STRESS = os.environ.get("STRESS") == "1"


def log_of(path: Path) -> Path:
    return path.with_name(path.name + ".log")


def v1_history() -> list[dict]:
    history = json.loads(V1.read_text())["history"]
    return [{"id": int(k), **history[k]} for k in sorted(history, key=int, reverse=True)]


def test_a_v1_store_migrates_with_a_backup_and_keeps_every_history_entry(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    shutil.copyfile(V1, path)
    path.with_name("briefing.json.lock").touch()  # left by the schema-1 program
    original = V1.read_bytes()
    b = Briefing.open(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "briefing.json",
        "briefing.json.log",
        "briefing.json.v1-backup",
    ]
    assert v1_backup_path(path).read_bytes() == original
    snapshot = json.loads(path.read_text())
    meta = snapshot["meta"]["1"]
    assert meta["schema_version"] == 2 and meta["migrated_from"] == 1
    assert "history" not in snapshot
    assert meta["log_seq"] == 21 and meta["log_offset"] == log_of(path).stat().st_size
    old = v1_history()
    new = b.history()
    assert [(e.id, e.action, e.reason, e.before, e.after) for e in new] == [
        (h["id"], h["action"], h.get("reason", ""), h["before"], h["after"]) for h in old
    ]
    data = json.loads(original)
    for table in ("actors", "statements", "rebuttals"):
        assert snapshot[table] == data[table]
    # ids go on where schema 1 left them (actor 6 was added and deleted: never reused)
    assert b.add_actor(name="New").id == 7
    b.close()
    with TinyDB(path) as stock:
        assert len(stock.table("actors")) == 6


def test_undo_goes_on_across_the_migration_and_restarts(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    shutil.copyfile(V1, path)
    b = Briefing.open(path)
    undone = b.undo()  # the last change made by schema 1: the actor's deletion
    assert [e.action for e in undone] == ["delete"] and b.find_actor("Temporary")
    b.close()
    b = Briefing.open(path)
    assert [e.action for e in b.undo()] == ["add"]  # its addition
    assert b.find_actor("Temporary") is None
    # the next one skips schema 1's undo pair (set_status undone there) to the note
    assert [e.action for e in b.undo()] == ["annotate"]
    b.close()
    assert len(Briefing.open(path).history()) == 24


def test_an_older_briefing_tui_opening_the_new_store_says_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    shutil.copyfile(V1, path)
    Briefing.open(path).close()
    # schema 1's own check is parse_store with a maximum of 1
    with pytest.raises(SchemaVersionError, match=r"newer briefing-tui \(schema version 2"):
        parse_store(path.read_bytes(), str(path), max_version=1)


def test_a_foreign_log_beside_a_v1_store_is_an_error_and_nothing_changes(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    shutil.copyfile(V1, path)
    log_of(path).write_bytes(b'{"briefing_log":1,"store_id":"someone else"}\n')
    with pytest.raises(CorruptStoreError, match="not an unfinished upgrade"):
        Briefing.open(path)
    assert path.read_bytes() == V1.read_bytes()
    assert log_of(path).read_bytes() == b'{"briefing_log":1,"store_id":"someone else"}\n'


def test_an_interrupted_migration_is_done_again(tmp_path: Path) -> None:
    path = tmp_path / "briefing.json"
    shutil.copyfile(V1, path)
    Briefing.open(path).close()
    lines = log_of(path).read_bytes().splitlines(keepends=True)
    header = orjson.loads(lines[0])
    shutil.copyfile(V1, path)  # as if killed before the snapshot was replaced ...
    log_of(path).write_bytes(b"".join(lines[:7]) + lines[7][:30])  # ... mid-log
    b = Briefing.open(path)
    assert len(b.history()) == 21
    assert orjson.loads(log_of(path).read_bytes().splitlines()[0])["store_id"] != header["store_id"]


CHILD = """
import sys
from store import Briefing
Briefing.open(sys.argv[1])
print("done", flush=True)
"""


def _big_v1(path: Path, statements: int) -> dict:
    data = json.loads(V1.read_text())
    history = data["history"]
    seq = max(map(int, history))
    for n in range(statements):
        doc = {**data["statements"]["1"], "text": f"bulk {n}"}
        key = str(100 + n)
        data["statements"][key] = doc
        seq += 1
        history[str(seq)] = {
            "at": doc["created_at"],
            "action": "add",
            "table": "statements",
            "doc_id": 100 + n,
            "before": None,
            "after": doc,
        }
    path.write_bytes(orjson.dumps(data))
    return data


def test_sigkill_during_migration_leaves_a_store_that_opens_with_nothing_lost(
    tmp_path: Path,
) -> None:
    rounds = 40 if STRESS else 5
    source = tmp_path / "source.json"
    data = _big_v1(source, 3000)
    rng = random.Random()
    outcomes = set()
    for n in range(rounds):
        folder = tmp_path / f"r{n}"
        folder.mkdir()
        path = folder / "briefing.json"
        shutil.copyfile(source, path)
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path)], env=ENV, cwd=ROOT)
        time.sleep(rng.uniform(0.15, 0.6))  # the import takes ~0.15 s, the upgrade a little
        proc.kill()
        proc.wait()
        outcomes.add(json.loads(path.read_bytes())["meta"]["1"]["schema_version"])
        b = Briefing.open(path)
        assert len(b.statements()) == len(data["statements"])
        assert len(b.history()) == len(data["history"])
        b.close()
    assert outcomes  # (which of v1 and v2 each kill left varies with the machine)
