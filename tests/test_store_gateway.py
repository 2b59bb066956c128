"""The gateway's public reads for a screen: raw documents, ids, revision, save state,
a snapshot for a worker thread; and the indexes staying in step with changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from store import Briefing, Status
from store.storage import read_durable


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_raw_documents_and_rebuttal_ids(briefing: Briefing) -> None:
    a = briefing.add_actor(name="Ana", role="Minister")
    b = briefing.add_actor(name="Ben")
    s = briefing.add_statement(actor_id=a.id, text="Rates will fall.")
    r1 = briefing.add_rebuttal(s.id, b.id, "They will not.")
    r2 = briefing.add_rebuttal(s.id, a.id, "They will, later.")
    assert briefing.actor_doc(a.id) == {**a.to_doc()}
    assert briefing.actor_doc(999) is None
    assert briefing.rebuttal_doc(r1.id)["text"] == "They will not."  # type: ignore[index]
    assert briefing.rebuttal_doc(999) is None
    assert briefing.rebuttal_ids(s.id) == [r1.id, r2.id]
    assert briefing.rebuttal_ids(999) == []
    briefing.delete_rebuttal(r1.id)
    assert briefing.rebuttal_ids(s.id) == [r2.id]
    briefing.undo()
    assert briefing.rebuttal_ids(s.id) == [r1.id, r2.id]


def test_revision_moves_with_every_change_and_reload(briefing: Briefing) -> None:
    first = briefing.revision
    a = briefing.add_actor(name="Ana")
    second = briefing.revision
    assert second != first
    briefing.update_actor(a.id, role="Minister")
    assert briefing.revision != second
    same = briefing.revision
    assert briefing.revision == same  # reading does not move it


def test_snapshot_does_not_see_later_changes(briefing: Briefing) -> None:
    a = briefing.add_actor(name="Ana")
    s = briefing.add_statement(actor_id=a.id, text="One.")
    snap = briefing.snapshot()
    briefing.set_status(s.id, Status.FALSE)
    briefing.add_statement(actor_id=a.id, text="Two.")
    assert snap.revision != briefing.revision
    assert snap.doc("statements", s.id)["status"] == "unverified"  # type: ignore[index]
    assert list(snap.tables["statements"]) == [str(s.id)]
    with pytest.raises(TypeError):
        snap.tables["statements"]["9"] = {}  # type: ignore[index]


def test_save_status_listeners_and_state(store_path: Path) -> None:
    b = Briefing.open(store_path, write_behind=True)
    heard: list[str] = []
    also: list[str] = []
    stop = b.on_save_status(heard.append)
    b.on_save_status(also.append)
    assert not b.readonly
    assert b.last_error is None
    b.add_actor(name="Ana")
    assert b.flush()
    assert b.unsaved_count == 0
    assert wait_for(lambda: "saved" in heard and "saved" in also)
    stop()
    heard.clear()
    b.add_actor(name="Ben")
    assert b.flush()
    assert wait_for(lambda: also.count("saved") >= 2)
    assert heard == []
    assert b.close()


def test_compact_folds_the_log_into_the_snapshot(briefing: Briefing) -> None:
    briefing.add_actor(name="Ana")
    assert briefing.compact()
    assert briefing.compact()  # again with nothing new: a fresh snapshot all the same
    assert read_durable(briefing.path)["actors"]["1"]["name"] == "Ana"


def test_indexes_follow_changes_in_another_process(store_path: Path) -> None:
    mine = Briefing.open(store_path)
    theirs = Briefing.open(store_path)
    a = mine.add_actor(name="Ana")
    s = mine.add_statement(actor_id=a.id, text="Fares rise in May.")
    assert mine.statement_ids(text="fares") == [s.id]
    assert mine.status_counts()[Status.UNVERIFIED] == 1
    theirs.poll()
    t = theirs.add_statement(actor_id=a.id, text="Fares fall in June.", status="false")
    assert mine.poll()
    assert mine.statement_ids(text="fares") == [s.id, t.id]
    assert mine.statement_ids(actor_id=a.id) == [s.id, t.id]
    assert mine.status_counts()[Status.FALSE] == 1
    # our next id comes after theirs
    assert mine.add_statement(actor_id=a.id, text="Three.").id == t.id + 1
    mine.close()
    theirs.close()


def test_snapshot_is_consistent_while_a_thread_writes(briefing: Briefing) -> None:
    a = briefing.add_actor(name="Ana")
    done = threading.Event()

    def write() -> None:
        for i in range(50):
            briefing.add_statement(actor_id=a.id, text=f"s{i}")
        done.set()

    worker = threading.Thread(target=write)
    worker.start()
    while not done.is_set():
        snap = briefing.snapshot()
        ids = sorted(map(int, snap.tables["statements"]))
        assert ids == list(range(1, len(ids) + 1))
    worker.join()


def _sets(index: dict[int, dict[int, None]]) -> dict[int, set[int]]:
    return {key: set(ids) for key, ids in index.items() if ids}


def test_indexes_kept_in_step_equal_indexes_built_afresh(briefing: Briefing) -> None:
    from store.indexes import Indexes

    a = briefing.add_actor(name="Ana", aliases=["A."])
    b = briefing.add_actor(name="Ben")
    briefing.prepare_search()  # build every part, so each change updates it
    briefing.status_counts()
    s1 = briefing.add_statement(actor_id=a.id, text="Rates fall.", tags=["economy"])
    s2 = briefing.add_statement(actor_id=b.id, text="Rates rise.")
    briefing.add_rebuttal(s1.id, b.id, "No.")
    briefing.update_statement(s2.id, actor_id=a.id)
    briefing.update_actor(b.id, role="Governor")
    briefing.delete_statement(s1.id, cascade=True)
    briefing.undo()  # the statement and its rebuttal come back (out of id order)
    briefing.set_status(s2.id, Status.FALSE)
    kept = briefing._indexes
    fresh = Indexes(lambda: briefing.storage.data)
    for part in ("statements_by_actor", "rebuttals_by_statement", "rebuttals_by_actor"):
        # (as sets: an emptied entry may stay, and callers sort the ids)
        assert _sets(getattr(kept.refs, part)) == _sets(getattr(fresh.refs, part)), part
    assert kept.haystacks() == fresh.haystacks()
    assert list(kept.haystacks()) == list(fresh.haystacks())  # id order
    assert kept.actor_haystacks() == fresh.actor_haystacks()
    assert kept.statement_order() == fresh.statement_order()
    kept_counts = {k: v for k, v in kept.status_counts().items() if v}
    assert kept_counts == fresh.status_counts()
