"""Redo: re-applying what undo reverted, as new history entries, across reopen too."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import Briefing, NothingToRedoError, Status, StoreError
from tests.test_store_verbs import seed, tables


def test_undo_then_redo_restores_the_change(briefing: Briefing) -> None:
    _, _, claim = seed(briefing)
    briefing.set_status(claim.id, Status.FALSE)
    changed = tables(briefing)
    assert not briefing.can_redo()
    briefing.undo()
    assert briefing.can_redo()
    made = briefing.redo()
    assert tables(briefing) == changed
    assert [(e.action, e.table, e.doc_id) for e in made] == [("redo", "statements", claim.id)]
    assert made[0].redoes is not None
    assert made[0].reason.startswith("Redid: ")
    assert not briefing.can_redo()
    with pytest.raises(NothingToRedoError, match="Nothing to redo"):
        briefing.redo()


def test_redo_is_appended_never_removes_history(briefing: Briefing) -> None:
    _, _, claim = seed(briefing)
    briefing.annotate(claim.id, "note")
    before = len(briefing.history())
    briefing.undo()
    briefing.redo()
    history = briefing.history()
    assert len(history) == before + 2
    assert [e.action for e in history[:2]] == ["redo", "undo"]


def test_several_levels_undo_undo_redo_redo(briefing: Briefing) -> None:
    luka, kellogg, claim = seed(briefing)
    s0 = tables(briefing)
    briefing.set_status(claim.id, Status.CONFIRMED)
    s1 = tables(briefing)
    briefing.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No.")
    s2 = tables(briefing)
    briefing.delete_actor(luka.id, cascade=True)  # one change of several documents
    s3 = tables(briefing)
    for expected in (s2, s1, s0):
        briefing.undo()
        assert tables(briefing) == expected
    for expected in (s1, s2, s3):
        briefing.redo()
        assert tables(briefing) == expected
    assert not briefing.can_redo()
    # and undo walks back over the redone changes
    for expected in (s2, s1):
        briefing.undo()
        assert tables(briefing) == expected
    briefing.redo()
    assert tables(briefing) == s2


def test_redo_across_reopen(store_path: Path) -> None:
    b = Briefing.open(store_path)
    _, _, claim = seed(b)
    b.set_status(claim.id, Status.FALSE)
    s1 = tables(b)
    b.annotate(claim.id, "note")
    s2 = tables(b)
    b.undo()
    b.undo()
    b.close()

    b = Briefing.open(store_path)
    assert b.can_redo()
    b.redo()
    assert tables(b) == s1
    b.close()

    b = Briefing.open(store_path)
    b.redo()
    assert tables(b) == s2
    assert not b.can_redo()
    b.close()


def test_a_new_change_after_undo_clears_redo(store_path: Path) -> None:
    b = Briefing.open(store_path)
    _, kellogg, claim = seed(b)
    b.set_status(claim.id, Status.FALSE)
    b.undo()
    b.update_actor(kellogg.id, role="Envoy")
    assert not b.can_redo()
    with pytest.raises(NothingToRedoError) as err:
        b.redo()
    assert isinstance(err.value, StoreError)
    b.close()
    b = Briefing.open(store_path)  # the history on disk says the same
    assert not b.can_redo()
    b.close()


def test_nothing_to_redo_on_a_fresh_store(briefing: Briefing) -> None:
    assert not briefing.can_redo()
    with pytest.raises(NothingToRedoError, match="undo"):
        briefing.redo()


# -- a random sequence of changes, undos, redos and reopens against an editor's model ----

STEPS = st.lists(
    st.sampled_from(["status", "annotate", "rebut", "undo", "redo", "reopen"]),
    min_size=1,
    max_size=14,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_undo_redo_sequences_match_an_editors_model(steps: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "briefing.json"
        b = Briefing.open(path)
        _, kellogg, claim = seed(b)
        current = tables(b)
        undo_stack: list[Any] = [None, None, None]  # the three seed changes (not compared)
        redo_stack: list[Any] = []
        statuses = iter([Status.FALSE, Status.CONFIRMED, Status.DISPUTED] * 10)
        changes: dict[str, Callable[[], Any]] = {
            "status": lambda: b.set_status(claim.id, next(statuses)),
            "annotate": lambda: b.annotate(claim.id, "note"),
            "rebut": lambda: b.add_rebuttal(statement_id=claim.id, actor_id=kellogg.id, text="No."),
        }
        try:
            for step in steps:
                if step == "reopen":
                    b.close()
                    b = Briefing.open(path)
                elif step == "undo":
                    if undo_stack[-1] is None:  # keep the seed
                        continue
                    b.undo()
                    redo_stack.append(current)
                    current = undo_stack.pop()
                elif step == "redo":
                    assert b.can_redo() == bool(redo_stack)
                    if not redo_stack:
                        with pytest.raises(NothingToRedoError):
                            b.redo()
                        continue
                    b.redo()
                    undo_stack.append(current)
                    current = redo_stack.pop()
                else:
                    changes[step]()
                    undo_stack.append(current)
                    current = tables(b)
                    redo_stack.clear()
                assert tables(b) == current
        finally:
            b.close()
