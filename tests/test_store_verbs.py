"""Briefing's verbs, queries, history, undo, events and validation errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from store import (
    Actor,
    Briefing,
    Change,
    DanglingReferenceError,
    NotFoundError,
    NothingToUndoError,
    Statement,
    Status,
    StoreError,
    ValidationError,
)
from store.storage import read_durable


def on_disk(path: Path) -> dict[str, Any]:
    """What is durable on disk: the snapshot with the log after it applied."""
    return read_durable(path)


def tables(b: Briefing) -> dict[str, Any]:
    """The three document tables as plain data, for before/after comparisons."""
    return {
        "actors": {a.id: a.model_dump() for a in b.actors()},
        "statements": {s.id: s.model_dump() for s in b.statements()},
        "rebuttals": {r.id: r.model_dump() for r in b.rebuttals()},
    }


def seed(b: Briefing) -> tuple[Actor, Actor, Statement]:
    luka = b.add_actor(name="Alexander Lukashenko", kind="person", role="President of Belarus")
    kellogg = b.add_actor(name="Keith Kellogg", role="U.S. envoy", affiliation="United States")
    claim = b.add_statement(
        actor_id=luka.id,
        text="Kellogg agreed to explore halting drone strikes.",
        said_on="2025-06-21",
        source="Seed article",
        url="https://example.org/a",
    )
    return luka, kellogg, claim


def assert_utc_iso(value: str) -> None:
    ts = datetime.fromisoformat(value)
    assert ts.tzinfo is not None, value
    assert ts.utcoffset() == timedelta(0), value


# -- actors -----------------------------------------------------------------------------


def test_add_actor_is_on_disk_with_defaults(briefing: Briefing, store_path: Path) -> None:
    actor = briefing.add_actor(name="  Keith   Kellogg ", role="Envoy", aliases=["Kellogg"])
    assert actor.id == 1
    assert actor.name == "Keith Kellogg"
    assert actor.kind == "person"
    doc = on_disk(store_path)["actors"]["1"]
    assert doc["name"] == "Keith Kellogg"
    assert doc["kind"] == "person"
    assert doc["aliases"] == ["Kellogg"]
    assert "id" not in doc
    assert briefing.actor(1) == actor


def test_update_actor_changes_only_given_fields(briefing: Briefing, store_path: Path) -> None:
    luka, _, _ = seed(briefing)
    updated = briefing.update_actor(luka.id, role="Dictator", kind="government")
    assert updated.role == "Dictator"
    assert updated.kind == "government"
    assert updated.name == luka.name
    assert updated.created_at == luka.created_at
    assert updated.updated_at >= luka.updated_at
    assert on_disk(store_path)["actors"][str(luka.id)]["role"] == "Dictator"
    entry = briefing.history("actors", luka.id)[0]
    assert entry.action == "update"
    assert entry.before["role"] == "President of Belarus"
    assert entry.after["role"] == "Dictator"


def test_update_actor_without_change_writes_nothing(briefing: Briefing, store_path: Path) -> None:
    luka, _, _ = seed(briefing)
    before = store_path.read_bytes()
    history = len(briefing.history())
    briefing.update_actor(luka.id, role=luka.role)
    assert store_path.read_bytes() == before
    assert len(briefing.history()) == history


def test_delete_actor_without_documents(briefing: Briefing, store_path: Path) -> None:
    actor = briefing.add_actor(name="Nobody")
    assert briefing.delete_actor(actor.id) == 1
    assert str(actor.id) not in on_disk(store_path)["actors"]
    with pytest.raises(NotFoundError, match=f"#{actor.id}"):
        briefing.actor(actor.id)


def test_delete_actor_with_statements_needs_cascade(briefing: Briefing, store_path: Path) -> None:
    luka, kellogg, claim = seed(briefing)
    briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="Out of context.")
    before = store_path.read_bytes()
    with pytest.raises(DanglingReferenceError, match="cascade") as err:
        briefing.delete_actor(luka.id)
    assert "1 statement(s)" in str(err.value)
    assert store_path.read_bytes() == before
    assert briefing.actor(luka.id).name == luka.name


def test_delete_actor_cascade_removes_statements_and_rebuttals(briefing: Briefing) -> None:
    luka, kellogg, claim = seed(briefing)
    putin = briefing.add_actor(name="Vladimir Putin")
    other = briefing.add_statement(actor_id=putin.id, text="Ceasefire if drones stop.")
    on_claim = briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    by_luka = briefing.add_rebuttal(statement_id=other.id, actor_id=luka.id, text="Relayed.")
    keep = briefing.add_rebuttal(statement_id=other.id, actor_id=kellogg.id, text="Unclear.")
    snapshot = tables(briefing)

    removed = briefing.delete_actor(luka.id, cascade=True)

    # the actor, their statement, the rebuttal of it, and their rebuttal of Putin's statement
    assert removed == 4
    assert [a.name for a in briefing.actors()] == ["Keith Kellogg", "Vladimir Putin"]
    assert [s.id for s in briefing.statements()] == [other.id]
    assert [r.id for r in briefing.rebuttals()] == [keep.id]
    assert on_claim.id not in {r.id for r in briefing.rebuttals()}
    assert by_luka.id not in {r.id for r in briefing.rebuttals()}
    # one change, one undo step
    entries = [e for e in briefing.history() if e.action == "delete"]
    assert len(entries) == 4
    assert len({e.group for e in entries}) == 1 and entries[0].group
    briefing.undo()
    assert tables(briefing) == snapshot


def test_delete_actor_cascade_undo_after_reopen(briefing: Briefing, store_path: Path) -> None:
    luka, kellogg, claim = seed(briefing)
    briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    snapshot = tables(briefing)
    briefing.delete_actor(luka.id, cascade=True)
    reopened = Briefing.open(store_path)
    reopened.undo()
    assert tables(reopened) == snapshot
    assert tables(Briefing.open(store_path)) == snapshot


# -- statements ---------------------------------------------------------------------------


def test_add_statement_fields_and_defaults(briefing: Briefing, store_path: Path) -> None:
    luka, _, claim = seed(briefing)
    assert claim.status == Status.UNVERIFIED
    assert claim.said_on.isoformat() == "2025-06-21"
    doc = on_disk(store_path)["statements"][str(claim.id)]
    assert doc["actor_id"] == luka.id
    assert doc["said_on"] == "2025-06-21"
    assert doc["status"] == "unverified"
    assert doc["annotations"] == []
    assert doc["url"] == "https://example.org/a"


def test_update_statement(briefing: Briefing, store_path: Path) -> None:
    _, kellogg, claim = seed(briefing)
    updated = briefing.update_statement(claim.id, text="New text", actor_id=kellogg.id)
    assert updated.text == "New text"
    assert updated.actor_id == kellogg.id
    doc = on_disk(store_path)["statements"][str(claim.id)]
    assert doc["text"] == "New text" and doc["actor_id"] == kellogg.id
    assert briefing.statements(actor_id=kellogg.id) == [updated]


def test_update_statement_to_missing_actor_is_dangling(
    briefing: Briefing, store_path: Path
) -> None:
    _, _, claim = seed(briefing)
    before = store_path.read_bytes()
    with pytest.raises(DanglingReferenceError, match="actor_id"):
        briefing.update_statement(claim.id, actor_id=999)
    assert store_path.read_bytes() == before


def test_delete_statement_and_cascade(briefing: Briefing, store_path: Path) -> None:
    _, kellogg, claim = seed(briefing)
    rebuttal = briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    with pytest.raises(DanglingReferenceError, match="cascade"):
        briefing.delete_statement(claim.id)
    assert briefing.delete_statement(claim.id, cascade=True) == 2
    data = on_disk(store_path)
    assert str(claim.id) not in data["statements"]
    assert str(rebuttal.id) not in data["rebuttals"]


def test_set_status_and_toggle_disputed(briefing: Briefing, store_path: Path) -> None:
    _, _, claim = seed(briefing)
    assert briefing.set_status(claim.id, Status.CONFIRMED).status == Status.CONFIRMED
    assert on_disk(store_path)["statements"][str(claim.id)]["status"] == "confirmed"
    assert briefing.set_status(claim.id, "false").status == Status.FALSE
    assert briefing.toggle_disputed(claim.id).status == Status.DISPUTED
    assert on_disk(store_path)["statements"][str(claim.id)]["status"] == "disputed"
    # Back to what it was before the dispute, not to unverified.
    assert briefing.toggle_disputed(claim.id).status == Status.FALSE
    assert on_disk(store_path)["statements"][str(claim.id)]["status"] == "false"
    actions = [e.action for e in briefing.history("statements", claim.id)]
    assert actions == ["set_status", "set_status", "set_status", "set_status", "add"]


def test_set_status_to_same_value_writes_nothing(briefing: Briefing, store_path: Path) -> None:
    _, _, claim = seed(briefing)
    before = store_path.read_bytes()
    revision = briefing.revision
    briefing.set_status(claim.id, Status.UNVERIFIED)
    assert store_path.read_bytes() == before
    # The revision is what an application compares to say "no change".
    assert briefing.revision == revision


def test_toggle_disputed_twice_restores_the_status_before(briefing: Briefing) -> None:
    _, kellogg, claim = seed(briefing)
    briefing.set_status(claim.id, Status.CONFIRMED)
    assert briefing.toggle_disputed(claim.id).status == Status.DISPUTED
    assert briefing.toggle_disputed(claim.id).status == Status.CONFIRMED
    # Disputed by a rebuttal while unverified: d goes back to unverified.
    other = briefing.add_statement(actor_id=kellogg.id, text="Another claim")
    briefing.add_rebuttal(statement_id=other.id, actor_id=kellogg.id, text="No.")
    assert briefing.toggle_disputed(other.id).status == Status.UNVERIFIED
    # An undo that lands on disputed is not a new dispute: the one before it counts.
    briefing.set_status(claim.id, Status.RETRACTED)
    briefing.toggle_disputed(claim.id)  # retracted -> disputed
    briefing.set_status(claim.id, Status.FALSE)
    briefing.undo()  # back to disputed
    assert briefing.toggle_disputed(claim.id).status == Status.RETRACTED


def test_an_edit_that_changes_nothing_writes_no_history(
    briefing: Briefing, store_path: Path
) -> None:
    actor, _, claim = seed(briefing)
    before = store_path.read_bytes()
    revision = briefing.revision
    history = len(briefing.history())
    briefing.update_statement(claim.id, text=claim.text, source=claim.source)
    briefing.update_actor(actor.id, name=actor.name)
    assert len(briefing.history()) == history
    assert briefing.revision == revision
    assert store_path.read_bytes() == before


def test_annotate_appends_notes_with_utc_time(briefing: Briefing, store_path: Path) -> None:
    _, _, claim = seed(briefing)
    briefing.annotate(claim.id, "  First note  ")
    noted = briefing.annotate(claim.id, "[bold]Second[/bold] note")
    assert [n.text for n in noted.annotations] == ["First note", "[bold]Second[/bold] note"]
    notes = on_disk(store_path)["statements"][str(claim.id)]["annotations"]
    assert [n["text"] for n in notes] == ["First note", "[bold]Second[/bold] note"]
    for note in notes:
        assert_utc_iso(note["at"])
    assert briefing.history("statements", claim.id)[0].action == "annotate"


# -- rebuttals --------------------------------------------------------------------------


def test_rebuttal_on_unverified_statement_disputes_it_in_one_change(
    briefing: Briefing, store_path: Path
) -> None:
    _, kellogg, claim = seed(briefing)
    snapshot = tables(briefing)
    history_before = len(briefing.history())
    heard: list[Change] = []
    briefing.subscribe(heard.append)

    rebuttal = briefing.add_rebuttal(
        statement_id=claim.id, actor_id=kellogg.id, text="Taken out of context."
    )

    data = on_disk(store_path)
    assert data["rebuttals"][str(rebuttal.id)]["statement_id"] == claim.id
    assert data["statements"][str(claim.id)]["status"] == "disputed"
    assert briefing.statement(claim.id).status == Status.DISPUTED
    # one change event, two history entries sharing a group, the reason says why
    assert len(heard) == 1
    assert heard[0].tables >= {"rebuttals", "statements", "history"}
    new = briefing.history()[: len(briefing.history()) - history_before]
    assert len(new) == 2
    assert new[0].group and new[0].group == new[1].group
    for entry in new:
        assert "disputed" in entry.reason and "Keith Kellogg" in entry.reason
    status_entry = next(e for e in new if e.table == "statements")
    assert status_entry.before["status"] == "unverified"
    assert status_entry.after["status"] == "disputed"
    # one undo removes both
    undone = briefing.undo()
    assert len(undone) == 2
    assert tables(briefing) == snapshot
    assert on_disk(store_path)["statements"][str(claim.id)]["status"] == "unverified"


def test_rebuttal_on_confirmed_statement_keeps_status(briefing: Briefing) -> None:
    _, kellogg, claim = seed(briefing)
    briefing.set_status(claim.id, Status.CONFIRMED)
    briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    assert briefing.statement(claim.id).status == Status.CONFIRMED
    assert "disputed" not in briefing.history()[0].reason


def test_update_and_delete_rebuttal(briefing: Briefing, store_path: Path) -> None:
    luka, kellogg, claim = seed(briefing)
    rebuttal = briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    updated = briefing.update_rebuttal(rebuttal.id, text="Misinterpreted.", actor_id=luka.id)
    assert updated.text == "Misinterpreted."
    assert on_disk(store_path)["rebuttals"][str(rebuttal.id)]["actor_id"] == luka.id
    with pytest.raises(DanglingReferenceError, match="statement_id"):
        briefing.update_rebuttal(rebuttal.id, statement_id=12345)
    briefing.delete_rebuttal(rebuttal.id)
    assert on_disk(store_path)["rebuttals"] == {}
    with pytest.raises(NotFoundError):
        briefing.rebuttal(rebuttal.id)


def test_rebuttal_references_must_exist(briefing: Briefing, store_path: Path) -> None:
    _, kellogg, claim = seed(briefing)
    before = store_path.read_bytes()
    with pytest.raises(DanglingReferenceError, match="statement_id"):
        briefing.add_rebuttal(statement_id=99, actor_id=kellogg.id, text="No.")
    with pytest.raises(DanglingReferenceError, match="actor_id"):
        briefing.add_rebuttal(statement_id=claim.id, actor_id=99, text="No.")
    assert store_path.read_bytes() == before


# -- undo ---------------------------------------------------------------------------------


def test_undo_several_levels_deep(briefing: Briefing) -> None:
    states = [tables(briefing)]
    luka, kellogg, claim = seed(briefing)  # three changes
    states += [None, None, tables(briefing)]
    steps = [
        lambda: briefing.set_status(claim.id, Status.CONFIRMED),
        lambda: briefing.annotate(claim.id, "note"),
        lambda: briefing.update_actor(luka.id, name="A. Lukashenko"),
        lambda: briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No."),
        lambda: briefing.toggle_disputed(claim.id),
        lambda: briefing.delete_actor(luka.id, cascade=True),
    ]
    for step in steps:
        step()
        states.append(tables(briefing))
    for expected in reversed(states[3:-1]):
        briefing.undo()
        assert tables(briefing) == expected
    briefing.undo()
    briefing.undo()
    briefing.undo()
    assert tables(briefing) == states[0]
    with pytest.raises(NothingToUndoError, match="Nothing to undo"):
        briefing.undo()


def test_undo_after_reopen_continues_where_it_left(store_path: Path) -> None:
    b = Briefing.open(store_path)
    luka, _, claim = seed(b)
    s0 = tables(b)
    b.set_status(claim.id, Status.FALSE)
    s1 = tables(b)
    b.annotate(claim.id, "note")
    b.close()

    b = Briefing.open(store_path)
    b.undo()
    assert tables(b) == s1
    b.close()

    b = Briefing.open(store_path)
    assert b.can_undo()
    b.undo()
    assert tables(b) == s0
    b.undo()  # the statement
    b.undo()  # Kellogg
    b.undo()  # Lukashenko
    assert tables(b) == {"actors": {}, "statements": {}, "rebuttals": {}}
    b.close()
    b = Briefing.open(store_path)
    assert not b.can_undo()
    with pytest.raises(NothingToUndoError):
        b.undo()
    del luka


def test_undo_is_recorded_in_history(briefing: Briefing) -> None:
    _, _, claim = seed(briefing)
    briefing.set_status(claim.id, Status.CONFIRMED)
    briefing.undo()
    entry = briefing.history()[0]
    assert entry.action == "undo"
    assert entry.undoes is not None
    assert entry.reason.startswith("Undid:")
    assert entry.before["status"] == "confirmed"
    assert entry.after["status"] == "unverified"


def test_batch_is_one_undo_step(briefing: Briefing, store_path: Path) -> None:
    luka, kellogg, claim = seed(briefing)
    snapshot = tables(briefing)
    heard: list[Change] = []
    briefing.subscribe(heard.append)
    writes: list[bytes] = []
    with briefing.batch("Imported an article"):
        a = briefing.add_actor(name="Vladimir Putin")
        s = briefing.add_statement(actor_id=a.id, text="Ceasefire if drones stop.")
        briefing.add_rebuttal(statement_id=s.id, actor_id=kellogg.id, text="No deal.")
        briefing.annotate(claim.id, "Batched note")
        briefing.set_status(claim.id, Status.FALSE)
        writes.append(on_disk(store_path))
    # nothing reached the disk until the batch ended; then one event
    assert writes[0]["actors"].keys() == {"1", "2"}
    assert len(on_disk(store_path)["actors"]) == 3
    assert len(heard) == 1 and heard[0].action == "batch"
    assert heard[0].description == "Imported an article"
    entries = [e for e in briefing.history() if e.batch == "Imported an article"]
    assert len({e.group for e in entries}) == 1
    undone = briefing.undo()
    assert len(undone) == len(entries)
    assert tables(briefing) == snapshot
    assert briefing.history()[0].reason == "Undid: Imported an article"
    assert tables(Briefing.open(store_path)) == snapshot
    del luka


def test_batch_that_raises_keeps_nothing(briefing: Briefing, store_path: Path) -> None:
    seed(briefing)
    snapshot = tables(briefing)
    before = store_path.read_bytes()
    with pytest.raises(ValidationError), briefing.batch("half an import"):
        briefing.add_actor(name="Vladimir Putin")
        briefing.add_actor(name="")
    assert tables(briefing) == snapshot
    assert store_path.read_bytes() == before
    assert not briefing.unsaved


# -- ids and timestamps ---------------------------------------------------------------------


def test_ids_are_never_reused(briefing: Briefing, store_path: Path) -> None:
    a1 = briefing.add_actor(name="One")
    a2 = briefing.add_actor(name="Two")
    briefing.delete_actor(a2.id)
    a3 = briefing.add_actor(name="Three")
    assert a3.id == 3
    briefing.undo()  # removes Three again
    a4 = briefing.add_actor(name="Four")
    assert a4.id == 4
    s = briefing.add_statement(actor_id=a1.id, text="x")
    briefing.delete_statement(s.id)
    briefing.close()
    reopened = Briefing.open(store_path)
    assert reopened.add_actor(name="Five").id == 5
    assert reopened.add_statement(actor_id=a1.id, text="y").id == s.id + 1


def test_timestamps_are_iso_utc(briefing: Briefing, store_path: Path) -> None:
    luka, kellogg, claim = seed(briefing)
    briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    briefing.annotate(claim.id, "note")
    data = read_durable(store_path, with_history=True)
    for table in ("actors", "statements", "rebuttals"):
        for doc in data[table].values():
            assert_utc_iso(doc["created_at"])
            assert_utc_iso(doc["updated_at"])
    for entry in data["history"].values():
        assert_utc_iso(entry["at"])
    assert luka.created_at.utcoffset() == timedelta(0)


def test_injected_clock_is_used(store_path: Path) -> None:
    when = datetime(2025, 6, 21, 12, 30, tzinfo=UTC)
    b = Briefing.open(store_path, clock=lambda: when)
    actor = b.add_actor(name="Clocked")
    doc = on_disk(store_path)["actors"][str(actor.id)]
    assert doc["created_at"] == "2025-06-21T12:30:00.000+00:00"
    history = read_durable(store_path, with_history=True)["history"]
    assert history["1"]["at"] == "2025-06-21T12:30:00.000+00:00"


# -- events -------------------------------------------------------------------------------


def test_subscribers_hear_a_change_per_verb(briefing: Briefing) -> None:
    heard: list[Change] = []
    unsubscribe = briefing.subscribe(heard.append)
    luka, kellogg, claim = seed(briefing)
    briefing.set_status(claim.id, Status.CONFIRMED)
    briefing.annotate(claim.id, "note")
    assert [c.action for c in heard] == ["add", "add", "add", "set_status", "annotate"]
    assert all(isinstance(c, Change) for c in heard)
    assert heard[0].doc_ids == {"actors": (luka.id,)}
    assert heard[2].tables == frozenset({"statements", "history"})
    assert heard[3].doc_ids == {"statements": (claim.id,)}
    assert "confirmed" in heard[3].description
    briefing.undo()
    assert heard[-1].action == "undo"
    unsubscribe()
    briefing.add_actor(name="Quiet")
    assert len(heard) == 6
    del kellogg


def test_failed_verb_notifies_nobody(briefing: Briefing) -> None:
    heard: list[Change] = []
    briefing.subscribe(heard.append)
    with pytest.raises(ValidationError):
        briefing.add_actor(name="")
    with pytest.raises(NotFoundError):
        briefing.set_status(42, Status.FALSE)
    assert heard == []


# -- queries ----------------------------------------------------------------------------


@pytest.fixture
def populated(briefing: Briefing) -> Briefing:
    luka, kellogg, claim = seed(briefing)
    putin = briefing.add_actor(name="Vladimir Putin", aliases=["Putin"])
    s2 = briefing.add_statement(
        actor_id=putin.id, text="Ceasefire if DRONE strikes stop.", tags=["ceasefire"]
    )
    s3 = briefing.add_statement(actor_id=luka.id, text="Prisoners were released.")
    briefing.set_status(s3.id, Status.CONFIRMED)
    briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    briefing.add_rebuttal(statement_id=s2.id, actor_id=kellogg.id, text="Unclear.")
    return briefing


def test_statements_query(populated: Briefing) -> None:
    b = populated
    luka = b.find_actor("lukashenko ")  # case- and space-insensitive on the name
    assert luka is None or luka.name == "Alexander Lukashenko"
    luka = b.find_actor("Alexander Lukashenko")
    putin = b.find_actor("putin")
    assert luka is not None and putin is not None
    assert [s.id for s in b.statements()] == [1, 2, 3]
    assert [s.id for s in b.statements(actor_id=luka.id)] == [1, 3]
    assert [s.id for s in b.statements(status=Status.DISPUTED)] == [1, 2]
    assert [s.id for s in b.statements(status="confirmed")] == [3]
    assert [s.id for s in b.statements(actor_id=luka.id, status="disputed")] == [1]
    assert [s.id for s in b.statements(text="drone")] == [1, 2]
    assert [s.id for s in b.statements(text="CEASEFIRE")] == [2]  # text and tags
    assert [s.id for s in b.statements(text="seed article")] == [1]  # source
    assert [s.id for s in b.statements(text="putin")] == [2]  # the actor's name
    assert b.statements(text="no such words") == []
    assert b.statement_ids(actor_id=putin.id, text="released") == []
    assert b.statements(actor_id=999) == []


def test_statements_query_follows_changes(populated: Briefing) -> None:
    b = populated
    assert [s.id for s in b.statements(text="drone")] == [1, 2]
    b.update_statement(2, text="Ceasefire, whatever happens.")
    assert [s.id for s in b.statements(text="drone")] == [1]
    s4 = b.add_statement(actor_id=1, text="More drones.")
    assert [s.id for s in b.statements(text="drone")] == [1, s4.id]
    b.delete_statement(1, cascade=True)
    assert [s.id for s in b.statements(text="drone")] == [s4.id]
    b.undo()
    assert [s.id for s in b.statements(text="drone")] == [1, s4.id]
    assert [s.id for s in b.statements(actor_id=1)] == [1, 3, s4.id]


def test_rebuttals_query(populated: Briefing) -> None:
    b = populated
    assert [r.id for r in b.rebuttals()] == [1, 2]
    assert [r.id for r in b.rebuttals(statement_id=1)] == [1]
    assert [r.id for r in b.rebuttals(statement_id=2)] == [2]
    assert b.rebuttals(statement_id=3) == []
    assert [r.id for r in b.rebuttals(actor_id=2)] == [1, 2]
    assert b.rebuttal_count(1) == 1


def test_lists_stay_in_id_order_after_an_undone_delete(populated: Briefing) -> None:
    b = populated
    b.delete_rebuttal(1)
    b.delete_statement(1, cascade=True)
    b.undo()
    b.undo()
    assert [r.id for r in b.rebuttals()] == [1, 2]
    assert [s.id for s in b.statements()] == [1, 2, 3]
    assert [s.id for s in b.statements(text="drone")] == [1, 2]


def test_history_query(populated: Briefing) -> None:
    b = populated
    everything = b.history()
    assert everything[0].at >= everything[-1].at  # newest first
    assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)
    statements = b.history("statements")
    assert statements and all(e.table == "statements" for e in statements)
    one = b.history("statements", 3)
    assert [e.action for e in one] == ["set_status", "add"]
    assert all(e.doc_id == 3 for e in one)
    assert one[0].after["status"] == "confirmed"
    assert b.history("statements", 3, limit=1) == one[:1]
    b.annotate(3, "later")
    assert [e.action for e in b.history("statements", 3)] == ["annotate", "set_status", "add"]
    assert b.history("actors", 999) == []


# -- validation errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda b: b.add_actor(name=""), "name"),
        (lambda b: b.add_actor(name="   \n "), "name"),
        (lambda b: b.add_actor(name="x" * 201), "name"),
        (lambda b: b.add_actor(name="Someone", kind="alien"), "kind"),
        (lambda b: b.add_actor(name="Someone", shoe_size=44), "shoe_size"),
        (lambda b: b.update_actor(1, name=""), "name"),
        (lambda b: b.add_statement(actor_id=1, text=""), "text"),
        (lambda b: b.add_statement(actor_id=1, text="x" * 10_001), "text"),
        (lambda b: b.add_statement(actor_id=1, text="x", status="maybe"), "status"),
        (lambda b: b.add_statement(actor_id=1, text="x", said_on="21/06/2025"), "said_on"),
        (lambda b: b.add_statement(actor_id=1, text="x", said_on="2025-02-30"), "said_on"),
        (lambda b: b.add_statement(actor_id=1, text="x", url="ftp://example.org"), "url"),
        (lambda b: b.add_statement(actor_id=1, text="x", url="javascript:alert(1)"), "url"),
        (lambda b: b.add_statement(actor_id=1, text="x", url="https://a b.org"), "url"),
        (lambda b: b.update_statement(1, said_on="yesterday"), "said_on"),
        (lambda b: b.update_statement(1, url="example.org"), "url"),
        (lambda b: b.set_status(1, "maybe"), "status"),
        (lambda b: b.annotate(1, ""), "text"),
        (lambda b: b.annotate(1, "x" * 10_001), "text"),
        (lambda b: b.add_rebuttal(statement_id=1, actor_id=1, text=""), "text"),
        (lambda b: b.add_rebuttal(statement_id=1, actor_id=1, text="x", url="mailto:a@b"), "url"),
    ],
)
def test_validation_errors_name_the_field_and_write_nothing(
    briefing: Briefing, store_path: Path, call: Any, field: str
) -> None:
    briefing.add_actor(name="Someone")
    briefing.add_statement(actor_id=1, text="Something")
    before = store_path.read_bytes()
    heard: list[Change] = []
    briefing.subscribe(heard.append)
    with pytest.raises(ValidationError) as err:
        call(briefing)
    assert err.value.field == field
    assert field in str(err.value)
    assert err.value.reason
    assert "Traceback" not in str(err.value)
    assert store_path.read_bytes() == before
    assert heard == []
    assert len(briefing.history()) == 2


def test_validation_messages_read_well(briefing: Briefing) -> None:
    with pytest.raises(ValidationError, match="name: must not be empty"):
        briefing.add_actor(name="")
    with pytest.raises(ValidationError, match="at most 200 characters"):
        briefing.add_actor(name="x" * 201)
    with pytest.raises(ValidationError, match="person"):
        briefing.add_actor(name="x", kind="alien")  # lists the allowed kinds
    a = briefing.add_actor(name="x")
    with pytest.raises(ValidationError, match="at most 10000 characters"):
        briefing.add_statement(actor_id=a.id, text="x" * 10_001)
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        briefing.add_statement(actor_id=a.id, text="x", said_on="June 21")
    with pytest.raises(ValidationError, match="http"):
        briefing.add_statement(actor_id=a.id, text="x", url="ftp://x.org")
    with pytest.raises(ValidationError, match="unverified, disputed"):
        briefing.set_status(1, "maybe")


def test_boundaries_are_accepted(briefing: Briefing) -> None:
    a = briefing.add_actor(name="x" * 200)
    s = briefing.add_statement(actor_id=a.id, text="y" * 10_000, said_on="", url="")
    assert s.said_on is None and s.url == ""
    assert briefing.add_statement(actor_id=a.id, text="z", url="HTTP://EXAMPLE.ORG/x").url


def test_not_found_errors(briefing: Briefing, store_path: Path) -> None:
    seed(briefing)
    before = store_path.read_bytes()
    for call in (
        lambda: briefing.actor(99),
        lambda: briefing.statement(99),
        lambda: briefing.rebuttal(99),
        lambda: briefing.update_actor(99, name="x"),
        lambda: briefing.update_statement(99, text="x"),
        lambda: briefing.update_rebuttal(99, text="x"),
        lambda: briefing.delete_actor(99),
        lambda: briefing.delete_statement(99),
        lambda: briefing.delete_rebuttal(99),
        lambda: briefing.set_status(99, Status.FALSE),
        lambda: briefing.toggle_disputed(99),
        lambda: briefing.annotate(99, "note"),
    ):
        with pytest.raises(NotFoundError, match="99"):
            call()
    assert store_path.read_bytes() == before


def test_dangling_references(briefing: Briefing, store_path: Path) -> None:
    before = store_path.read_bytes()
    with pytest.raises(DanglingReferenceError, match="no actor #7"):
        briefing.add_statement(actor_id=7, text="x")
    assert store_path.read_bytes() == before


def test_errors_are_store_errors(briefing: Briefing) -> None:
    for exc_type in (ValidationError, NotFoundError, DanglingReferenceError, NothingToUndoError):
        assert issubclass(exc_type, StoreError)
    with pytest.raises(StoreError):
        briefing.undo()


def test_typing_on_narrows_the_filter_and_changes_are_never_missed(briefing) -> None:
    # Each keystroke searches within the last matches; an edit, an add or another
    # actor's name must still count.
    b = briefing
    cease = b.add_actor(name="Ceasefire Monitor")
    other = b.add_actor(name="Other")
    texts = ["a ceasefire now", "cease talks", "no match", "CEASEFIRE soon", "ce"]
    ids = [b.add_statement(actor_id=other.id, text=t).id for t in texts]
    by_monitor = b.add_statement(actor_id=cease.id, text="unrelated words").id

    def brute(needle: str) -> list[int]:
        out = []
        for s in b.statements():
            hay = f"{s.text} {s.source} {' '.join(s.tags)}".casefold()
            if needle in hay or needle in b.actor_name(s.actor_id).casefold():
                out.append(s.id)
        return sorted(out)

    for needle in ("c", "ce", "cea", "ceas", "ceasefire", "ceasefire n", "ceasefire"):
        assert b.statement_ids(text=needle) == brute(needle), needle
    assert by_monitor in b.statement_ids(text="ceasefire")
    b.update_statement(ids[2], text="ceasefire after all")  # now matches: must appear
    assert ids[2] in b.statement_ids(text="ceasefire")
    assert b.statement_ids(text="ceasefire") == brute("ceasefire")
    b.statement_ids(text="cea")
    added = b.add_statement(actor_id=other.id, text="ceasefire, new").id
    assert added in b.statement_ids(text="ceas")
    # With many actors, a needle matching few of them takes the other path.
    for n in range(40):
        b.add_statement(actor_id=b.add_actor(name=f"Filler {n}").id, text=f"filler {n}")
    for needle in ("monitor", "filler 3", "ceasefire", "e"):
        assert b.statement_ids(text=needle) == brute(needle), needle
    assert b.statement_ids(text="ceasefire", actor_id=other.id) == [
        i for i in brute("ceasefire") if b.statement(i).actor_id == other.id
    ]


def test_history_of_one_document_same_by_scan_and_by_index(store_path: Path) -> None:
    # Entries folded into the snapshot are read from the log file: by a scan before the
    # index exists, then through the index; both give the same entries, newest first, and
    # follow new changes (kept in memory).
    b = Briefing.open(store_path)
    actor = b.add_actor(name="A")
    ids = [b.add_statement(actor_id=actor.id, text=f"claim {n}").id for n in range(5)]
    b.annotate(ids[2], "note")
    b.toggle_disputed(ids[2])
    b.close()
    b = Briefing.open(store_path)
    assert not b.storage._recent  # everything is in the file part of the log
    scanned = [e.id for e in b.history("statements", ids[2])]
    b.storage.build_history_index()
    indexed = [e.id for e in b.history("statements", ids[2])]
    assert scanned == indexed and len(scanned) == 3
    assert scanned == sorted(scanned, reverse=True)
    b.set_status(ids[2], "confirmed")
    assert len(b.history("statements", ids[2])) == 4
    assert [e.id for e in b.history("statements", ids[0], limit=1)] == [
        e.id for e in b.history() if e.table == "statements" and e.doc_id == ids[0]
    ][:1]
    b.close()
