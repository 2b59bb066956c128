"""Random sequences of verbs: the file always equals memory, and undo restores the past."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from store import Briefing, NothingToUndoError, Status

words = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=24,
).filter(lambda s: s.strip())
names = st.one_of(words, st.sampled_from(["Keith Kellogg", "[bold]Lukashenko[/]", "Putin"]))
statuses = st.sampled_from(list(Status))
picks = st.integers(min_value=0, max_value=10_000)  # index into whatever exists


def snapshot(b: Briefing) -> dict[str, Any]:
    return {
        "actors": {a.id: a.model_dump() for a in b.actors()},
        "statements": {s.id: s.model_dump() for s in b.statements()},
        "rebuttals": {r.id: r.model_dump() for r in b.rebuttals()},
    }


class BriefingMachine(RuleBasedStateMachine):
    """Drives one store through random verbs.

    ``undo_stack`` holds a snapshot of the three tables before each change that is not yet
    undone; an ``undo`` must bring back exactly the newest of them.
    """

    @initialize()
    def open_store(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="briefing-machine-")
        self.path = Path(self.folder) / "briefing.json"
        self.b = Briefing.open(self.path)
        self.undo_stack: list[dict[str, Any]] = []
        self.before: dict[str, Any] = {}
        self.history_len = 0

    def teardown(self) -> None:
        if hasattr(self, "b"):
            self.b.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------

    def _ids(self, table: str) -> list[int]:
        return sorted(int(k) for k in self.b.storage.data[table])

    def _pick(self, table: str, index: int) -> int:
        ids = self._ids(table)
        return ids[index % len(ids)]

    def _begin(self) -> None:
        self.before = snapshot(self.b)
        self.history_len = len(self.b.history())

    def _end(self) -> None:
        """Record the step for undo, and check undo on a copy of the file right away."""
        if len(self.b.history()) == self.history_len:
            assert snapshot(self.b) == self.before  # a no-op verb changed nothing
            return
        self.undo_stack.append(self.before)
        copy = Path(self.folder) / "copy.json"
        shutil.copyfile(self.path, copy)
        shutil.copyfile(str(self.path) + ".log", str(copy) + ".log")
        other = Briefing.open(copy)
        other.undo()
        assert snapshot(other) == self.before
        other.close()

    def _has(self, table: str) -> bool:
        return bool(self.b.storage.data[table]) if hasattr(self, "b") else False

    # -- rules ------------------------------------------------------------------------------

    @rule(name=names, kind=st.sampled_from(["person", "organisation", "government"]))
    def add_actor(self, name: str, kind: str) -> None:
        self._begin()
        actor = self.b.add_actor(name=name, kind=kind)
        assert actor.id == max(self._ids("actors"))
        self._end()

    @precondition(lambda self: self._has("actors"))
    @rule(actor=picks, text=words, said_on=st.sampled_from([None, "2025-06-21", ""]))
    def add_statement(self, actor: int, text: str, said_on: str | None) -> None:
        self._begin()
        self.b.add_statement(actor_id=self._pick("actors", actor), text=text, said_on=said_on)
        self._end()

    @precondition(lambda self: self._has("statements"))
    @rule(statement=picks, actor=picks, text=words)
    def add_rebuttal(self, statement: int, actor: int, text: str) -> None:
        self._begin()
        sid = self._pick("statements", statement)
        was = self.b.statement(sid).status
        self.b.add_rebuttal(statement_id=sid, actor_id=self._pick("actors", actor), text=text)
        if was == Status.UNVERIFIED:
            assert self.b.statement(sid).status == Status.DISPUTED
        else:
            assert self.b.statement(sid).status == was
        self._end()

    @precondition(lambda self: self._has("actors"))
    @rule(actor=picks, name=names)
    def update_actor(self, actor: int, name: str) -> None:
        self._begin()
        self.b.update_actor(self._pick("actors", actor), name=name)
        self._end()

    @precondition(lambda self: self._has("statements"))
    @rule(statement=picks, text=words, actor=picks)
    def update_statement(self, statement: int, text: str, actor: int) -> None:
        self._begin()
        fields = {"text": text, "actor_id": self._pick("actors", actor)}
        self.b.update_statement(self._pick("statements", statement), **fields)
        self._end()

    @precondition(lambda self: self._has("statements"))
    @rule(statement=picks, status=statuses)
    def set_status(self, statement: int, status: Status) -> None:
        self._begin()
        sid = self._pick("statements", statement)
        self.b.set_status(sid, status)
        assert self.b.statement(sid).status == status
        self._end()

    @precondition(lambda self: self._has("statements"))
    @rule(statement=picks)
    def toggle_disputed(self, statement: int) -> None:
        self._begin()
        sid = self._pick("statements", statement)
        was = self.b.statement(sid).status
        now = self.b.toggle_disputed(sid).status
        # Disputed goes back to the status before the dispute (any but disputed).
        assert (now != Status.DISPUTED) if was == Status.DISPUTED else now == Status.DISPUTED
        self._end()

    @precondition(lambda self: self._has("statements"))
    @rule(marked=st.lists(picks, min_size=1, max_size=4), status=st.none() | statuses)
    def change_marked(self, marked: list[int], status: Status | None) -> None:
        # Marked statements: several at once as one change (None: d, the toggle).
        self._begin()
        ids = sorted({self._pick("statements", i) for i in marked})
        was = {i: self.b.statement(i).status for i in ids}
        if status is None:
            changed = self.b.toggle_disputed_many(ids)
            if all(s == Status.DISPUTED for s in was.values()):
                assert changed == ids
                assert all(self.b.statement(i).status != Status.DISPUTED for i in ids)
            else:
                assert changed == [i for i in ids if was[i] != Status.DISPUTED]
                assert all(self.b.statement(i).status == Status.DISPUTED for i in ids)
        else:
            changed = self.b.set_status_many(ids, status)
            assert changed == [i for i in ids if was[i] != status]
            assert all(self.b.statement(i).status == status for i in ids)
        self._end()  # (one undo, on a copy of the file, brings all of them back)

    @precondition(lambda self: self._has("statements"))
    @rule(statement=picks, text=words)
    def annotate(self, statement: int, text: str) -> None:
        self._begin()
        sid = self._pick("statements", statement)
        count = len(self.b.statement(sid).annotations)
        self.b.annotate(sid, text)
        assert len(self.b.statement(sid).annotations) == count + 1
        self._end()

    @precondition(lambda self: self._has("actors"))
    @rule(actor=picks)
    def delete_actor(self, actor: int) -> None:
        self._begin()
        aid = self._pick("actors", actor)
        self.b.delete_actor(aid, cascade=True)
        assert aid not in self._ids("actors")
        assert all(s.actor_id != aid for s in self.b.statements())
        assert all(r.actor_id != aid for r in self.b.rebuttals())
        self._end()

    @precondition(lambda self: self._has("statements"))
    @rule(statement=picks)
    def delete_statement(self, statement: int) -> None:
        self._begin()
        sid = self._pick("statements", statement)
        self.b.delete_statement(sid, cascade=True)
        assert all(r.statement_id != sid for r in self.b.rebuttals())
        self._end()

    @precondition(lambda self: self._has("rebuttals"))
    @rule(rebuttal=picks)
    def delete_rebuttal(self, rebuttal: int) -> None:
        self._begin()
        self.b.delete_rebuttal(self._pick("rebuttals", rebuttal))
        self._end()

    @precondition(lambda self: hasattr(self, "b"))
    @rule()
    def undo(self) -> None:
        if not self.undo_stack:
            try:
                self.b.undo()
            except NothingToUndoError:
                return
            raise AssertionError("undo succeeded with nothing left to undo")
        self.b.undo()
        assert snapshot(self.b) == self.undo_stack.pop()

    # -- invariants -----------------------------------------------------------------------------

    @invariant()
    def file_equals_memory(self) -> None:
        if not hasattr(self, "b"):
            return
        reopened = Briefing.open(self.path)
        assert reopened.actors() == self.b.actors()
        assert reopened.statements() == self.b.statements()
        assert reopened.rebuttals() == self.b.rebuttals()
        assert reopened.history() == self.b.history()
        assert reopened.can_undo() == bool(self.undo_stack)
        # The in-memory search indexes, kept up to date change by change, answer as the
        # freshly built ones of the reopened store do.
        needles = ["a", "e", " "]
        needles += [s.text[:3] for s in self.b.statements()[:3]]
        needles += [a.name[-4:] for a in self.b.actors()[:2]]
        for needle in needles:
            assert self.b.statement_ids(text=needle) == reopened.statement_ids(text=needle)
            assert self.b.statement_ids(text=needle, status="disputed") == (
                reopened.statement_ids(text=needle, status="disputed")
            )
        # The sorted orders, moved change by change, are those a fresh store builds.
        for sort in ("date", "actor", "status"):
            assert self.b.statement_ids(sort=sort) == reopened.statement_ids(sort=sort)
        for actor in self.b.actors()[:2]:
            assert self.b.statement_ids(actor_id=actor.id) == reopened.statement_ids(
                actor_id=actor.id
            )
            assert self.b.rebuttals(actor_id=actor.id) == reopened.rebuttals(actor_id=actor.id)
        for statement in self.b.statements()[:2]:
            assert self.b.rebuttals(statement_id=statement.id) == reopened.rebuttals(
                statement_id=statement.id
            )
            assert self.b.history("statements", statement.id) == reopened.history(
                "statements", statement.id
            )
        reopened.close()

    @invariant()
    def references_are_whole(self) -> None:
        if not hasattr(self, "b"):
            return
        actors = set(self._ids("actors"))
        statements = set(self._ids("statements"))
        assert all(s.actor_id in actors for s in self.b.statements())
        for r in self.b.rebuttals():
            assert r.statement_id in statements and r.actor_id in actors


BriefingMachine.TestCase.settings = settings(
    max_examples=50,
    stateful_step_count=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_briefing_state_machine = BriefingMachine.TestCase
