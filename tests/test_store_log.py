"""The schema-2 layout on disk: the log's lines, torn and damaged logs, compaction, and
what another process's changes cost."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

import store.snapshot
import store.writer
from store import Briefing, CorruptStoreError, Status
from store.snapshot import TABLES
from store.storage import read_durable


def log_of(path: Path) -> Path:
    return path.with_name(path.name + ".log")


def files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}


def made(path: Path, statements: int = 3) -> tuple[Briefing, int]:
    b = Briefing.open(path)
    actor = b.add_actor(name="Keith Kellogg")
    for n in range(statements):
        b.add_statement(actor_id=actor.id, text=f"claim {n}")
    return b, actor.id


def test_each_change_is_one_fsynced_line_with_seq_table_and_doc_id_first(store_path: Path) -> None:
    b, actor = made(store_path, 1)
    snapshot_before = store_path.read_bytes()
    b.set_status(1, Status.FALSE)
    b.delete_actor(actor, cascade=True)  # two documents: one change of two lines
    assert store_path.read_bytes() == snapshot_before  # a change does not rewrite the snapshot
    lines = log_of(store_path).read_bytes().splitlines()
    header, *entries = (orjson.loads(line) for line in lines)
    assert header["briefing_log"] == 1
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5]
    for line in lines[1:]:
        assert line.startswith(b'{"seq":') and b',"table":"' in line[:40]
    assert list(entries[2])[:3] == ["seq", "table", "doc_id"]
    assert entries[2]["before"]["status"] == "unverified"
    assert entries[2]["after"]["status"] == "false"
    assert [e.get("end") for e in entries] == [None, None, None, 5, 5]
    assert entries[3]["group"] == entries[4]["group"]
    b.close()


def test_open_replays_only_the_lines_after_the_snapshot(store_path: Path) -> None:
    b, _ = made(store_path, 5)
    b.close()  # folds everything in
    meta = json.loads(store_path.read_text())["meta"]["1"]
    assert meta["log_seq"] == 6 and meta["log_offset"] == log_of(store_path).stat().st_size
    b = Briefing.open(store_path)
    assert b.storage._recent == {}  # nothing to replay
    b.set_status(2, Status.CONFIRMED)
    b.annotate(2, "after the snapshot")
    b2 = Briefing.open(store_path)  # (b still open: the snapshot lacks these two)
    assert sorted(b2.storage._recent) == [7, 8]
    assert b2.statement(2).annotations[0].text == "after the snapshot"
    assert [e.id for e in b2.history("statements", 2)] == [8, 7, 3]
    b2.undo()
    assert b.poll() and b.statement(2).annotations == []
    b.close()
    b2.close()


def test_a_torn_last_line_is_ignored_then_repaired_by_the_next_writer(store_path: Path) -> None:
    b, actor = made(store_path, 2)
    b.close()
    b = Briefing.open(store_path)
    b.add_statement(actor_id=actor, text="acknowledged")
    with open(log_of(store_path), "ab") as fh:  # a writer killed mid-append
        fh.write(b'{"seq":5,"table":"statements","doc_id":4,"at":"2025-')
    before = files(store_path)
    reopened = Briefing.open(store_path)
    assert files(store_path) == before  # opening changed nothing
    assert [s.text for s in reopened.statements()][-1] == "acknowledged"
    reopened.add_statement(actor_id=actor, text="next")  # repairs the tail under the lock
    log = log_of(store_path).read_bytes()
    assert b"2025-" not in log and log.endswith(b"\n")
    assert [orjson.loads(x)["seq"] for x in log.splitlines()[1:]] == [1, 2, 3, 4, 5]
    assert [s.text for s in Briefing.open(store_path).statements()][-2:] == ["acknowledged", "next"]


def test_half_of_a_two_line_change_is_not_applied(store_path: Path) -> None:
    b, actor = made(store_path, 1)
    size = log_of(store_path).stat().st_size
    b.delete_actor(actor, cascade=True)
    full = log_of(store_path).read_bytes()
    second = full.rindex(b'{"seq":')
    with open(log_of(store_path), "r+b") as fh:  # the kill came between the two lines
        fh.truncate(second)
    reopened = Briefing.open(store_path)
    assert [a.name for a in reopened.actors()] == ["Keith Kellogg"]
    assert len(reopened.statements()) == 1
    assert reopened.counts()["history"] == 2
    assert log_of(store_path).stat().st_size == second > size


@pytest.mark.parametrize(
    "damage",
    ["garbage line in the middle", "log from another store", "log shorter than the snapshot"],
)
def test_a_log_that_does_not_continue_the_snapshot_is_a_clear_error(
    store_path: Path, tmp_path: Path, damage: str
) -> None:
    b, actor = made(store_path, 3)
    b.close()
    b = Briefing.open(store_path)
    b.add_statement(actor_id=actor, text="after")
    b.close()
    log = log_of(store_path)
    raw = log.read_bytes()
    if damage == "garbage line in the middle":
        lines = raw.splitlines(keepends=True)
        lines[2] = b"#" * (len(lines[2]) - 1) + b"\n"  # same length: offsets still hold
        log.write_bytes(b"".join(lines))
        b2 = Briefing.open(store_path)  # the damage is before the snapshot's offset
        assert len(b2.statements()) == 4
        # (the damage shows when that part of the log is read: a document's history
        # skips it, the whole history, which undo and exports need, says where it is)
        assert [e.id for e in b2.history("statements", 2)] == [3]
        assert b2.history("statements", 1) == []  # (its one line is the damaged one)
        with pytest.raises(CorruptStoreError, match="damaged at byte"):
            b2.history()
        b2.close()
        lines[-1] = b"not json either\n"
        log.write_bytes(b"".join(lines[:-1]) + lines[-1] + b'{"seq":99}\n')
    elif damage == "log from another store":
        other, _ = made(tmp_path / "other.json", 3)
        other.close()
        log.write_bytes(log_of(tmp_path / "other.json").read_bytes())
    else:
        log.write_bytes(raw[: len(raw) // 2])
    before = files(store_path)
    with pytest.raises(CorruptStoreError) as err:
        Briefing.open(store_path)
    message = str(err.value)
    assert str(store_path.name) in message and "--recover" in message
    assert "Traceback" not in message and len(message) < 400
    assert files(store_path) == before


def test_a_truncated_snapshot_or_a_missing_log_is_an_error_that_changes_nothing(
    store_path: Path,
) -> None:
    b, _ = made(store_path, 3)
    b.close()
    raw = store_path.read_bytes()
    store_path.write_bytes(raw[: len(raw) // 2])
    before = files(store_path)
    with pytest.raises(CorruptStoreError, match="not valid JSON"):
        Briefing.open(store_path)
    assert files(store_path) == before
    store_path.write_bytes(raw)
    log_of(store_path).rename(store_path.with_name("aside.log"))
    with pytest.raises(CorruptStoreError, match=r"history log briefing\.json\.log is missing"):
        Briefing.open(store_path)
    assert not log_of(store_path).exists()


def test_a_log_ahead_of_a_missing_snapshot_is_an_error_not_an_empty_store(
    store_path: Path,
) -> None:
    from store.backup import recover

    b, _ = made(store_path, 3)
    b.close()
    store_path.unlink()
    before = files(store_path)
    with pytest.raises(CorruptStoreError, match=r"is missing but its history log .* holds changes"):
        Briefing.open(store_path)
    assert files(store_path) == before
    recovery = recover(store_path)  # no backup: the store is rebuilt from the log
    assert "Rebuilt the store from its history log" in recovery.describe()
    assert [s.text for s in Briefing.open(store_path).statements()] == [
        "claim 0",
        "claim 1",
        "claim 2",
    ]


def test_compaction_runs_in_the_background_and_never_truncates_the_log(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.writer, "COMPACT_LINES", 25)
    b = Briefing.open(store_path, write_behind=True)
    actor = b.add_actor(name="A")
    sizes = []
    for n in range(60):
        b.add_statement(actor_id=actor.id, text=f"s{n}")
        sizes.append(log_of(store_path).stat().st_size)
    assert b.flush()
    deadline = time.monotonic() + 5
    while json.loads(store_path.read_text())["meta"]["1"]["log_seq"] < 25:
        assert time.monotonic() < deadline, "no background compaction"
        time.sleep(0.01)
    assert sizes == sorted(sizes)  # the log only grows
    snapshot = json.loads(store_path.read_text())
    seq = snapshot["meta"]["1"]["log_seq"]
    assert len(snapshot["statements"]) == seq - 1  # folded in exactly up to its seq
    b.close()
    snapshot = json.loads(store_path.read_text())
    assert snapshot["meta"]["1"]["log_seq"] == 61 and len(snapshot["statements"]) == 60
    assert len(log_of(store_path).read_bytes().splitlines()) == 62  # header + every change


def test_another_process_lines_are_read_alone_and_its_compaction_costs_no_reload(
    store_path: Path,
) -> None:
    mine, actor = made(store_path, 3)
    theirs = Briefing.open(store_path)
    tables_before = mine.storage.data
    heard: list = []
    mine.subscribe(heard.append)
    theirs.set_status(2, Status.FALSE)
    assert mine.poll() is True
    assert mine.storage.data is tables_before  # no re-parse: one line applied in place
    assert [(c.action, c.doc_ids) for c in heard] == [("set_status", {"statements": (2,)})]
    assert mine.statement(2).status == Status.FALSE
    theirs.close()  # their clean close rewrites the snapshot; nothing new in it for us
    heard.clear()
    assert mine.poll() is False
    assert heard == [] and mine.storage.data is tables_before
    assert not mine.storage.changed_on_disk()
    mine.add_statement(actor_id=actor, text="still writes")
    assert Briefing.open(store_path).statements()[-1].text == "still writes"


def test_a_snapshot_rewritten_by_another_program_is_reloaded_whole(store_path: Path) -> None:
    mine, _ = made(store_path, 2)
    mine.close()
    mine = Briefing.open(store_path)
    heard: list = []
    mine.subscribe(heard.append)
    with TinyDB(store_path) as stock:  # stock TinyDB edits the snapshot in place
        stock.table("actors").update({"role": "Envoy"}, doc_ids=[1])
    assert mine.poll() is True
    assert [c.action for c in heard] == ["reload"]
    assert mine.actor(1).role == "Envoy"


def test_reading_the_durable_state_while_a_writer_holds_pending_changes(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = Briefing.open(store_path, write_behind=True)
    gate = threading.Event()
    real = store.storage.append_durably

    def slow(log, payload):
        assert gate.wait(10)
        return real(log, payload)

    monkeypatch.setattr(store.storage, "append_durably", slow)
    try:
        b.add_actor(name="Pending")
        assert b.unsaved_count == 1
        assert read_durable(store_path)["actors"] == {}
        gate.set()
        assert b.flush() and b.unsaved_count == 0
        assert read_durable(store_path)["actors"]["1"]["name"] == "Pending"
    finally:
        gate.set()
        b.close()
    stock = json.loads(store_path.read_text())
    assert set(stock) == {"meta", *TABLES}
    assert os.path.getsize(log_of(store_path)) == stock["meta"]["1"]["log_offset"]


def test_every_foreign_change_enters_through_accept_foreign(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One place for other processes' lines and foreign snapshots, so that document checks
    # can be hooked in there: by poll(), and by the refresh a verb does under the lock.
    seen: list[str] = []
    real = Briefing._accept_foreign

    def spy(self: Briefing, foreign) -> None:
        seen.append("tables" if foreign.tables is not None else f"{len(foreign.entries)} lines")
        real(self, foreign)

    monkeypatch.setattr(Briefing, "_accept_foreign", spy)
    mine, actor = made(store_path, 1)
    theirs = Briefing.open(store_path)
    theirs.set_status(1, Status.FALSE)
    assert mine.poll()
    theirs.annotate(1, "theirs")
    mine.add_statement(actor_id=actor, text="mine")  # picks theirs up first
    assert mine.storage.compact()  # (so that the snapshot stock TinyDB edits is current)
    with TinyDB(store_path) as stock:
        stock.table("actors").update({"role": "Envoy"}, doc_ids=[1])
    assert mine.poll()
    assert seen == ["1 lines", "1 lines", "tables"]
    assert mine.statement(1).annotations[0].text == "theirs"
    assert mine.actor(1).role == "Envoy"


def test_recover_keeps_a_damaged_log_s_whole_changes_before_the_damage(store_path: Path) -> None:
    from store.backup import recover

    b, actor = made(store_path, 2)
    b.close()  # the snapshot folds all of it in (seq 1-3)
    b = Briefing.open(store_path)
    for n in range(3):
        b.add_statement(actor_id=actor, text=f"only in the log {n}")
    b.storage.log.close()  # (as if killed: not folded in)
    log = log_of(store_path)
    lines = log.read_bytes().splitlines(keepends=True)
    damaged = [*lines[:5], b"#" * (len(lines[5]) - 1) + b"\n", *lines[6:]]  # seq 5
    log.write_bytes(b"".join(damaged))
    before = files(store_path)
    with pytest.raises(CorruptStoreError, match="damaged at byte"):
        Briefing.open(store_path)
    assert files(store_path) == before
    recovery = recover(store_path)
    assert "a copy is at" in recovery.describe()
    assert recovery.log_copy is not None and recovery.log_copy.read_bytes() == b"".join(damaged)
    reopened = Briefing.open(store_path)
    texts = [s.text for s in reopened.statements()]
    # the whole changes before the damage are kept; the one after it is only in the copy
    assert texts == ["claim 0", "claim 1", "only in the log 0"]
    assert [e.id for e in reopened.history()] == [4, 3, 2, 1]
    reopened.add_statement(actor_id=actor, text="after recover")
    assert Briefing.open(store_path).statements()[-1].text == "after recover"


def test_compaction_is_due_again_only_after_another_threshold_of_log(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store.writer, "COMPACT_LINES", 10_000)
    monkeypatch.setattr(store.writer, "COMPACT_BYTES", 3000)  # about 7 lines here
    installs: list[Path] = []
    real = store.snapshot.install

    def counted(tmp: Path, path: Path) -> None:
        installs.append(path)
        real(tmp, path)

    monkeypatch.setattr(store.snapshot, "install", counted)
    b = Briefing.open(store_path)
    actor = b.add_actor(name="A")
    for n in range(40):
        b.add_statement(actor_id=actor.id, text=f"statement number {n} " * 5)
        if b.storage._compactor is not None:
            b.storage._compactor.join()
    size = log_of(store_path).stat().st_size
    assert 2 <= len(installs) <= size // 3000 + 1
    b.close()
