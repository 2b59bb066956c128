"""The store file: plain TinyDB, reopen equals memory, bad files, failed writes, write-behind."""

from __future__ import annotations

import errno
import json
import threading
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
from tinydb import Query, TinyDB

import store.storage
from store import (
    SCHEMA_VERSION,
    Briefing,
    CorruptStoreError,
    DurableStorage,
    SchemaVersionError,
    Status,
    StoreWriteError,
)
from store.sample import build_sample
from store.snapshot import TABLES, parse_store
from store.storage import read_durable


def state(b: Briefing) -> dict[str, Any]:
    return {
        "actors": b.actors(),
        "statements": b.statements(),
        "rebuttals": b.rebuttals(),
        "history": b.history(),
    }


def log_of(path: Path) -> Path:
    return path.with_name(path.name + ".log")


def wait_for(predicate: Any, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return bool(predicate())


# -- reopen ---------------------------------------------------------------------------------


def test_open_creates_an_empty_store(store_path: Path) -> None:
    assert not store_path.exists()
    b = Briefing.open(store_path)
    data = json.loads(store_path.read_text())
    meta = data["meta"]["1"]
    assert meta["schema_version"] == SCHEMA_VERSION == 2
    assert meta["log_seq"] == 0 and meta["log_offset"] == len(log_of(store_path).read_bytes())
    assert set(data) == {"meta", "actors", "statements", "rebuttals"}
    for table in ("actors", "statements", "rebuttals"):
        assert data[table] == {}
    header = json.loads(log_of(store_path).read_text())
    assert header == {"briefing_log": 1, "store_id": meta["store_id"]}
    assert b.actors() == [] and b.statements() == [] and b.history() == []
    b.close()
    # no lock file is left: the lock is taken on the log itself
    assert sorted(p.name for p in store_path.parent.iterdir()) == [
        store_path.name,
        store_path.name + ".log",
    ]


def test_open_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "briefing.json"
    Briefing.open(path).add_actor(name="x")
    assert read_durable(path)["actors"]["1"]["name"] == "x"


def test_reopened_store_equals_memory(briefing: Briefing, store_path: Path) -> None:
    build_sample(briefing)
    claim = briefing.statements(text="drone strikes on Russia in return")[0]
    briefing.set_status(claim.id, Status.FALSE)
    briefing.annotate(claim.id, "Text with [bold]markup[/] and \x1b[31mescapes\x1b[0m")
    briefing.delete_actor(briefing.find_actor("Vladimir Putin").id, cascade=True)
    briefing.undo()
    reopened = Briefing.open(store_path)
    assert state(reopened) == state(briefing)
    assert reopened.storage.data == briefing.storage.data
    durable = read_durable(store_path)
    assert {t: durable[t] for t in TABLES} == {t: briefing.storage.data[t] for t in TABLES}
    briefing.close()
    reopened.close()
    # after a clean close the snapshot alone has every change
    snapshot = orjson.loads(store_path.read_bytes())
    assert {t: snapshot[t] for t in TABLES} == {t: reopened.storage.data[t] for t in TABLES}


# -- plain TinyDB ------------------------------------------------------------------------------


def test_stock_tinydb_reads_the_file(briefing: Briefing, store_path: Path) -> None:
    build_sample(briefing)
    briefing.close()  # a clean close folds the log into the snapshot
    db = TinyDB(store_path)  # JSONStorage
    try:
        assert set(db.tables()) == {"meta", "actors", "statements", "rebuttals"}
        assert db.table("meta").all()[0]["schema_version"] == SCHEMA_VERSION
        names = {doc["name"] for doc in db.table("actors").all()}
        assert {"Keith Kellogg", "Alexander Lukashenko"} <= names
        statements = db.table("statements")
        assert len(statements) == len(briefing.statements())
        disputed = statements.search(Query().status == "disputed")
        assert {d.doc_id for d in disputed} == {
            s.id for s in briefing.statements(status=Status.DISPUTED)
        }
        rebuttal = db.table("rebuttals").all()[0]
        assert statements.get(doc_id=rebuttal["statement_id"]) is not None
        meta = db.table("meta").all()[0]
        log_lines = log_of(store_path).read_bytes().splitlines()[1:]
        assert meta["log_seq"] == len(log_lines) == len(briefing.history())
        assert meta["log_offset"] == len(log_of(store_path).read_bytes())
    finally:
        db.close()


def test_tinydb_with_durable_storage(store_path: Path) -> None:
    Briefing.open(store_path).add_actor(name="Keith Kellogg")
    db = TinyDB(store_path, storage=DurableStorage)
    try:
        actors = db.table("actors")
        assert actors.get(doc_id=1)["name"] == "Keith Kellogg"
        actors.update({"role": "Envoy"}, doc_ids=[1])
        doc_id = actors.insert({"name": "Alexander Lukashenko", "kind": "person"})
        assert doc_id == 2
    finally:
        db.close()
    b = Briefing.open(store_path)
    assert b.actor(1).role == "Envoy"
    assert b.actor(2).name == "Alexander Lukashenko"
    # stock TinyDB agrees
    with TinyDB(store_path) as stock:
        assert len(stock.table("actors")) == 2


def test_tinydb_on_a_new_file_with_durable_storage(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    with TinyDB(path, storage=DurableStorage) as db:
        db.table("actors").insert({"name": "Someone"})
    assert Briefing.open(path).actors()[0].name == "Someone"


def test_read_returns_a_copy(briefing: Briefing, store_path: Path) -> None:
    briefing.add_actor(name="Keith Kellogg", aliases=["Kellogg"])
    before = store_path.read_bytes()
    data = briefing.storage.read()
    data["actors"]["1"]["name"] = "Mallory"
    data["actors"]["1"]["aliases"].append("mutated")
    data["actors"]["2"] = {"name": "Injected"}
    assert briefing.actor(1).name == "Keith Kellogg"
    assert briefing.actor(1).aliases == ["Kellogg"]
    assert [a.name for a in briefing.actors()] == ["Keith Kellogg"]
    assert briefing.storage.read()["actors"]["1"]["name"] == "Keith Kellogg"
    assert store_path.read_bytes() == before
    # and through TinyDB itself: a returned document is a copy too
    with TinyDB(store_path, storage=DurableStorage) as db:
        doc = db.table("actors").get(doc_id=1)
        doc["name"] = "Mallory"
        assert db.table("actors").get(doc_id=1)["name"] == "Keith Kellogg"


def test_write_keeps_its_own_copy(store_path: Path) -> None:
    storage = DurableStorage(store_path)
    data = storage.read()
    data["actors"]["1"] = {"name": "A"}
    storage.write(data)
    data["actors"]["1"]["name"] = "changed after write"
    assert storage.read()["actors"]["1"]["name"] == "A"
    assert read_durable(store_path)["actors"]["1"]["name"] == "A"


# -- bad files ---------------------------------------------------------------------------------

BAD_FILES: dict[str, tuple[bytes, type[Exception]]] = {
    "truncated": (
        b'{"meta": {"1": {"schema_version": 1}}, "actors": {"1": {"na',
        CorruptStoreError,
    ),
    "empty": (b"", CorruptStoreError),
    "whitespace": (b"  \n\n ", CorruptStoreError),
    "binary": (bytes(range(256)) * 4, CorruptStoreError),
    "invalid utf-8": (b'{"meta": "\xff\xfe"}', CorruptStoreError),
    "json list": (b'[{"name": "Keith Kellogg"}]', CorruptStoreError),
    "json string": (b'"hello"', CorruptStoreError),
    "json null": (b"null", CorruptStoreError),
    "foreign tinydb": (b'{"users": {"1": {"name": "alice", "age": 3}}}', CorruptStoreError),
    "empty tinydb": (b'{"_default": {}}', CorruptStoreError),
    "empty object": (b"{}", CorruptStoreError),
    "not tinydb layout": (b'{"meta": {"schema_version": 1}}', CorruptStoreError),
    "table of lists": (b'{"meta": {"1": {"schema_version": 1}}, "actors": []}', CorruptStoreError),
    "no schema version": (b'{"meta": {"1": {"created": "today"}}}', CorruptStoreError),
    "string schema version": (b'{"meta": {"1": {"schema_version": "1"}}}', CorruptStoreError),
    "newer schema": (b'{"meta": {"1": {"schema_version": 3}}, "actors": {}}', SchemaVersionError),
    "v2 without log position": (
        b'{"meta": {"1": {"schema_version": 2}}, "actors": {}}',
        CorruptStoreError,
    ),
    "much newer schema": (b'{"meta": {"1": {"schema_version": 99}}}', SchemaVersionError),
    "schema zero": (b'{"meta": {"1": {"schema_version": 0}}}', SchemaVersionError),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_raise_typed_errors_and_stay_untouched(store_path: Path, case: str) -> None:
    raw, error = BAD_FILES[case]
    store_path.write_bytes(raw)
    with pytest.raises(error) as err:
        Briefing.open(store_path)
    message = str(err.value)
    assert str(store_path) in message
    assert err.value.path == str(store_path)
    assert "Traceback" not in message and len(message) < 400
    assert store_path.read_bytes() == raw
    # TinyDB over DurableStorage refuses the same way
    with pytest.raises(error):
        TinyDB(store_path, storage=DurableStorage).table("actors").all()
    assert store_path.read_bytes() == raw
    assert sorted(p.name for p in store_path.parent.iterdir()) == [store_path.name]


def test_newer_schema_message_says_upgrade(store_path: Path) -> None:
    store_path.write_bytes(b'{"meta": {"1": {"schema_version": 3}}}')
    with pytest.raises(SchemaVersionError, match=r"newer .*schema version 3.*Upgrade"):
        Briefing.open(store_path)


def test_an_older_program_reading_a_v2_store_says_newer_version(
    briefing: Briefing, store_path: Path
) -> None:
    # The schema-1 program's check (max version 1) meets our snapshot.
    briefing.add_actor(name="A")
    with pytest.raises(SchemaVersionError, match=r"newer briefing-tui \(schema version 2"):
        parse_store(store_path.read_bytes(), str(store_path), max_version=1)


def test_document_missing_a_required_field_is_refused(store_path: Path) -> None:
    raw = orjson.dumps(
        {
            "meta": {"1": {"schema_version": 1}},
            "actors": {"1": {"name": "A"}},
            "statements": {"1": {"text": "no actor_id"}},
        }
    )
    store_path.write_bytes(raw)
    with pytest.raises(CorruptStoreError, match=r"statement #1 has no 'actor_id'") as err:
        Briefing.open(store_path)
    assert str(store_path) in str(err.value)
    assert store_path.read_bytes() == raw


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    from store import StoreError

    with pytest.raises(StoreError, match="folder"):
        Briefing.open(tmp_path)


# -- failed writes -------------------------------------------------------------------------------


def _no_space(path: Path, payload: bytes) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_failed_write_raises_and_changes_nothing(
    briefing: Briefing, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_sample(briefing)
    claim = briefing.statements(status=Status.DISPUTED)[0]
    before_bytes = store_path.read_bytes()
    before = state(briefing)
    heard: list[Any] = []
    briefing.subscribe(heard.append)
    monkeypatch.setattr(store.storage, "append_durably", _no_space)

    verbs = [
        lambda: briefing.add_actor(name="New"),
        lambda: briefing.add_statement(actor_id=1, text="New"),
        lambda: briefing.add_rebuttal(statement_id=claim.id + 1, actor_id=1, text="New"),
        lambda: briefing.update_actor(1, name="Renamed"),
        lambda: briefing.set_status(claim.id, Status.FALSE),
        lambda: briefing.toggle_disputed(claim.id),
        lambda: briefing.annotate(claim.id, "note"),
        lambda: briefing.delete_actor(1, cascade=True),
        lambda: briefing.delete_statement(claim.id, cascade=True),
        lambda: briefing.undo(),
    ]
    for verb in verbs:
        with pytest.raises(StoreWriteError, match="No space left on device") as err:
            verb()
        assert str(store_path) in str(err.value)
        assert state(briefing) == before
        assert store_path.read_bytes() == before_bytes
        assert not briefing.unsaved
    with pytest.raises(StoreWriteError), briefing.batch("import"):
        briefing.add_actor(name="In a batch")
    assert state(briefing) == before
    assert heard == []
    assert store_path.read_bytes() == before_bytes

    monkeypatch.undo()
    briefing.add_actor(name="Works again")
    assert Briefing.open(store_path).actors() == briefing.actors()


def test_failed_write_then_another_writer_loses_nothing(
    briefing: Briefing, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = briefing.add_actor(name="Writer")
    with monkeypatch.context() as patched:
        patched.setattr(store.storage, "append_durably", _no_space)
        with pytest.raises(StoreWriteError):
            briefing.add_statement(actor_id=actor.id, text="failed")
    other = Briefing.open(store_path)
    other.add_statement(actor_id=actor.id, text="from the other")
    briefing.add_statement(actor_id=actor.id, text="from the first")
    texts = [s.text for s in Briefing.open(store_path).statements()]
    assert texts == ["from the other", "from the first"]


def test_failed_batch_then_another_writer_loses_nothing(
    briefing: Briefing, store_path: Path
) -> None:
    actor = briefing.add_actor(name="Writer")
    with pytest.raises(RuntimeError), briefing.batch("doomed"):
        briefing.add_statement(actor_id=actor.id, text="doomed")
        raise RuntimeError("boom")
    assert not briefing.unsaved
    other = Briefing.open(store_path)
    other.add_statement(actor_id=actor.id, text="from the other")
    briefing.add_statement(actor_id=actor.id, text="from the first")
    texts = [s.text for s in Briefing.open(store_path).statements()]
    assert texts == ["from the other", "from the first"]


def test_store_picks_up_changes_from_another_briefing(briefing: Briefing, store_path: Path) -> None:
    actor = briefing.add_actor(name="Writer")
    other = Briefing.open(store_path)
    other.add_statement(actor_id=actor.id, text="theirs")
    heard: list[Any] = []
    briefing.subscribe(heard.append)
    assert briefing.poll() is True
    assert [c.action for c in heard] == ["add"]
    assert [s.text for s in briefing.statements()] == ["theirs"]
    assert briefing.poll() is False


# -- write-behind ---------------------------------------------------------------------------------


def test_write_behind_returns_before_disk(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = Briefing.open(store_path, write_behind=True)
    real = store.storage.append_durably
    gate = threading.Event()
    started = threading.Event()

    def slow(path: Path, payload: bytes) -> None:
        started.set()
        assert gate.wait(10)
        real(path, payload)

    monkeypatch.setattr(store.storage, "append_durably", slow)
    try:
        actor = b.add_actor(name="Fast")  # returns although the write cannot finish
        assert b.actor(actor.id).name == "Fast"
        assert b.unsaved
        assert started.wait(5)
        assert read_durable(store_path)["actors"] == {}
        gate.set()
        assert b.flush()
        assert not b.unsaved
        assert read_durable(store_path)["actors"]["1"]["name"] == "Fast"
    finally:
        gate.set()
        b.close()


def test_write_behind_flush_and_close(store_path: Path) -> None:
    b = Briefing.open(store_path, write_behind=True)
    statuses: list[str] = []
    b.storage.on_status = statuses.append
    actor = b.add_actor(name="A")
    for i in range(20):
        b.add_statement(actor_id=actor.id, text=f"s{i}")
    assert b.flush()
    assert len(read_durable(store_path)["statements"]) == 20
    assert wait_for(lambda: "saved" in statuses)  # told just after the write
    b.set_status(1, Status.CONFIRMED)
    b.annotate(1, "closing")
    assert b.close()
    reopened = Briefing.open(store_path)
    assert reopened.statement(1).status == Status.CONFIRMED
    assert reopened.statement(1).annotations[0].text == "closing"
    assert state(reopened) == state(b)


def test_write_behind_failed_write_stays_pending_until_it_works(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = Briefing.open(store_path, write_behind=True)
    statuses: list[str] = []
    b.storage.on_status = statuses.append
    failing = threading.Event()
    failing.set()
    real = store.storage.append_durably

    def flaky(path: Path, payload: bytes) -> None:
        if failing.is_set():
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(store.storage, "append_durably", flaky)
    before = store_path.read_bytes()
    try:
        actor = b.add_actor(name="Pending")  # no exception: memory has it
        assert b.actor(actor.id).name == "Pending"
        assert wait_for(lambda: any(s.startswith("failed: ") for s in statuses))
        assert "No space left on device" in next(s for s in statuses if s.startswith("failed"))
        assert b.unsaved
        assert b.flush(timeout=0.2) is False
        assert store_path.read_bytes() == before
        b.add_statement(actor_id=actor.id, text="also pending")
        assert b.unsaved
        failing.clear()
        assert b.flush(timeout=5)
        assert not b.unsaved
        assert wait_for(lambda: statuses[-1] == "saved")
        data = read_durable(store_path)
        assert data["actors"]["1"]["name"] == "Pending"
        assert data["statements"]["1"]["text"] == "also pending"
    finally:
        failing.clear()
        b.close()
    assert Briefing.open(store_path).statements()[0].text == "also pending"


def test_write_behind_holds_other_writers_off_until_saved(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import LockTimeoutError

    b = Briefing.open(store_path, write_behind=True)
    gate = threading.Event()
    real = store.storage.append_durably

    def slow(path: Path, payload: bytes) -> None:
        assert gate.wait(10)
        real(path, payload)

    monkeypatch.setattr(store.storage, "append_durably", slow)
    try:
        b.add_actor(name="Mine")
        other = Briefing.open(store_path, lock_timeout=0.2)
        with pytest.raises(LockTimeoutError):
            other.add_actor(name="Theirs")
        gate.set()
        assert b.flush()
        other.storage.lock_timeout = 10  # the writer lets go right after the write
        other.add_actor(name="Theirs")
        assert [a.name for a in Briefing.open(store_path).actors()] == ["Mine", "Theirs"]
    finally:
        gate.set()
        b.close()
