"""The gateway's statement verbs, reads and text filter (a mixin of ``Briefing``)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from .core import DocChange, GatewayCore
from .errors import DanglingReferenceError, NotFoundError, ValidationError
from .indexes import SORTS, build_orders
from .models import Annotation, Statement, Status


class StatementVerbs(GatewayCore):
    """Add, edit, delete, judge, annotate and filter statements."""

    def add_statement(self, actor_id: int, text: str, **fields: Any) -> Statement:
        """Record what an actor said. ``said_on`` is an ISO date or empty."""
        self._check_fields("statements", {"actor_id": actor_id, "text": text, **fields})
        now = self._clock()
        statement = Statement.validated(
            actor_id=actor_id, text=text, created_at=now, updated_at=now, **fields
        )
        with self._transaction():
            self._require_actor(statement.actor_id)
            doc_id = self._indexes.next_id("statements")
            doc = statement.to_doc()
            self._commit(
                [("statements", doc_id, None, doc)],
                "add",
                reason=f"Added statement by {self.actor_name(statement.actor_id)}",
            )
        return Statement.from_doc(doc_id, doc)

    def update_statement(self, statement_id: int, **fields: Any) -> Statement:
        """Change the given fields of a statement; other fields stay as they are."""

        def require(before: dict[str, Any], after: dict[str, Any]) -> None:
            if after["actor_id"] != before["actor_id"]:
                self._require_actor(after["actor_id"])

        after = self._update(
            "statements",
            Statement,
            statement_id,
            fields,
            lambda _: f"Edited statement #{statement_id}",
            require,
        )
        return Statement.from_doc(statement_id, after)

    def delete_statement(self, statement_id: int, *, cascade: bool = False) -> int:
        """Delete a statement; with rebuttals, ``cascade=True`` removes them too."""
        with self._transaction():
            before = self._doc("statements", statement_id)
            rebuttals = list(self._indexes.rebuttals_of(statement_id))
            if rebuttals and not cascade:
                raise DanglingReferenceError(
                    f"Statement #{statement_id} has {len(rebuttals)} rebuttal(s). Delete with "
                    "cascade to remove them too."
                )
            data = self._storage.data
            changes: list[DocChange] = [
                ("rebuttals", rid, data["rebuttals"][str(rid)], None) for rid in rebuttals
            ]
            changes.append(("statements", statement_id, before, None))
            self._commit(changes, "delete", reason=f"Deleted statement #{statement_id}")
        return len(changes)

    def statement(self, statement_id: int) -> Statement:
        return Statement.from_doc(int(statement_id), self._doc("statements", statement_id))

    def statement_doc(self, statement_id: int) -> dict[str, Any] | None:
        """The raw stored document (read-only by convention; for fast list rendering)."""
        return self._storage.data["statements"].get(str(statement_id))

    def statements(
        self,
        actor_id: int | None = None,
        status: Status | str | None = None,
        text: str | None = None,
    ) -> list[Statement]:
        """Statements in the order they were recorded, optionally narrowed."""
        docs = self._storage.data["statements"]
        return [
            Statement.from_doc(i, docs[str(i)])
            for i in self.statement_ids(actor_id=actor_id, status=status, text=text)
        ]

    def statement_ids(
        self,
        actor_id: int | None = None,
        status: Status | str | None = None,
        text: str | None = None,
        sort: str = "recorded",
    ) -> list[int]:
        """Ids of matching statements, fast enough for filter-as-you-type at 100,000.

        ``text`` matches the statement's text, source, tags, annotations and rebuttals'
        texts, or its actor's name. ``sort`` is one of ``SORTS``: "recorded" (the order
        they were entered), "date" (said on, undated last), "actor" (by name, then
        date) or "status" (unverified, disputed, confirmed, false, retracted).
        """
        if sort not in SORTS:
            raise ValidationError(
                f"Invalid sort {sort!r}: must be one of " + ", ".join(SORTS),
                field="sort",
                reason="unknown sort",
            )
        docs = self._storage.data["statements"]
        if actor_id is not None:
            ids = sorted(self._indexes.statements_by(actor_id))
        else:
            ids = self._indexes.statement_order()
        if status is not None:
            wanted = Status(status).value
            if actor_id is None:
                ids = self._indexes.with_status(wanted)
            else:
                ids = [i for i in ids if docs[str(i)].get("status", "unverified") == wanted]
        needle = (text or "").strip().casefold()
        if needle:
            # A needle that contains the last one can only match a subset of its matches
            # (text or actor name): each keystroke typed on searches fewer statements.
            state = (self.revision, actor_id, status)
            last_state, last_needle, last_ids = self._indexes.last_filter
            if last_state == state and last_needle in needle:
                ids = last_ids
            result = self._match(ids, needle)
            self._indexes.last_filter = (state, needle, tuple(result))
            return self._sorted(result, sort)
        return self._sorted(ids, sort)

    def _sorted(self, ids: Sequence[int], sort: str) -> list[int]:
        """``ids`` (in recorded order) in the order ``sort``."""
        if sort == "recorded":
            return list(ids)
        order = self._indexes.ordered(sort)
        if len(ids) == len(order):
            return list(order)
        if len(ids) * 8 > len(order):
            # Most statements: walk the whole order once, keeping those wanted.
            keep = set(ids)
            return [i for i in order if i in keep]
        rank = self._indexes.rank(sort)
        return sorted(ids, key=rank.__getitem__)

    def _match(self, ids: Sequence[int], needle: str) -> list[int]:
        """The ids among ``ids`` whose statement or actor contains ``needle``."""
        indexes = self._indexes
        hay = indexes.haystacks()
        actor_hay = indexes.actor_haystacks()
        actors = {aid for aid, text in actor_hay.items() if needle in text}
        everything = ids is indexes.statement_order()
        if not actors:
            if everything:
                # All statements: walk the haystacks in id order, no lookups (100,000 in
                # about 25 ms).
                return [i for i, h in hay.items() if needle in h]
            return [i for i in ids if needle in hay[i]]
        if len(actors) * 20 > len(actor_hay):
            # Many actors match (a short needle): look up the actor of only the statements
            # whose own text does not match, rather than collecting most statements' ids.
            docs = self._storage.data["statements"]
            pairs = hay.items() if everything else ((i, hay[i]) for i in ids)
            return [i for i, h in pairs if needle in h or docs[str(i)]["actor_id"] in actors]
        by_actor: set[int] = set()
        for aid in actors:
            by_actor.update(indexes.statements_by(aid))
        if everything:
            return [i for i, h in hay.items() if needle in h or i in by_actor]
        return [i for i in ids if needle in hay[i] or i in by_actor]

    def prepare_sorts(self) -> None:
        """Build the sorted orders (date, actor, status) in a background thread, from a
        snapshot (an application calls this once its first screen is up), so that the
        first sort of a big store does not wait for them (~0.2 s at 100,000); they are
        taken only if nothing changed meanwhile, else built when first read."""
        snapshot = self.snapshot()  # type: ignore[attr-defined]

        def build() -> None:
            orders = build_orders(snapshot.tables)
            with self._storage.locked_memory():
                # (every change bumps the revision inside this lock, before the indexes
                # follow it: orders of an older revision are never taken)
                if self.revision == snapshot.revision:  # type: ignore[attr-defined]
                    self._indexes.adopt_orders(orders)

        threading.Thread(target=build, name="sort-orders", daemon=True).start()

    def prepare_search(self) -> None:
        """Build the text-search index now (for example when a filter box opens), so the
        first keystroke does not wait for it (about 0.2 s at 100,000 statements)."""
        self._indexes.prepare_search()

    def set_status(self, statement_id: int, status: Status | str, *, reason: str = "") -> Statement:
        """Set a statement's verdict (unverified, disputed, confirmed, false, retracted)."""
        new = _status(status)
        with self._transaction():
            before = self._doc("statements", statement_id)
            if before.get("status") == new.value:
                return Statement.from_doc(statement_id, before)
            after = {**before, "status": new.value, "updated_at": self._now()}
            self._commit(
                [("statements", statement_id, before, after)],
                "set_status",
                reason=reason or f"Marked statement #{statement_id} {new.value}",
            )
        return Statement.from_doc(statement_id, after)

    def toggle_disputed(self, statement_id: int) -> Statement:
        """Any status becomes disputed; disputed goes back to the status it had before
        it became disputed (unverified when the history does not say)."""
        with self._transaction():
            current = self._doc("statements", statement_id).get("status", "unverified")
            if current == Status.DISPUTED:
                new = self._status_before_dispute(statement_id)
            else:
                new = Status.DISPUTED
            return self.set_status(statement_id, new)

    def set_status_many(
        self, statement_ids: Iterable[int], status: Status | str, *, reason: str = ""
    ) -> list[int]:
        """Set the status of many statements as ONE change: one history group written in
        one log append (all or nothing), so one ``undo()`` reverts all of it and one
        ``redo()`` re-applies it. Statements already at ``status`` are skipped. Returns the
        ids that changed, in record order ([]: nothing changed, nothing written).

        An id that is not a statement (deleted meanwhile, by another process too) raises
        NotFoundError and nothing is written."""
        new = _status(status)
        ids = _unique_ids(statement_ids)
        with self._transaction():
            docs = self._statement_docs(ids)
            targets = [
                (i, new)
                for i, doc in zip(ids, docs, strict=True)
                if doc.get("status", "unverified") != new.value
            ]
            return self._write_statuses(targets, docs_by_id(ids, docs), new.value, reason)

    def toggle_disputed_many(self, statement_ids: Iterable[int]) -> list[int]:
        """``toggle_disputed`` for many statements as ONE change (one undo step).

        When every one of them is disputed, each goes back to the status it had before it
        became disputed (as ``toggle_disputed`` does for one); otherwise those not disputed
        become disputed and the disputed ones stay as they are. Returns the ids that
        changed, in record order ([]: nothing changed)."""
        ids = _unique_ids(statement_ids)
        with self._transaction():
            docs = self._statement_docs(ids)
            by_id = docs_by_id(ids, docs)
            current = [doc.get("status", "unverified") for doc in docs]
            if ids and all(s == Status.DISPUTED for s in current):
                before = self._statuses_before_dispute(ids)
                targets = [(i, before[i]) for i in ids]
                back = {s for _, s in targets}
                word = back.pop().value if len(back) == 1 else "back from disputed"
            else:
                targets = [
                    (i, Status.DISPUTED)
                    for i, s in zip(ids, current, strict=True)
                    if s != Status.DISPUTED
                ]
                word = Status.DISPUTED.value
            return self._write_statuses(targets, by_id, word)

    def _statement_docs(self, ids: list[int]) -> list[dict[str, Any]]:
        table = self._storage.data["statements"]
        docs = []
        for i in ids:
            doc = table.get(str(i))
            if doc is None:
                raise NotFoundError(
                    f"There is no statement #{i} (it may have been deleted, here or by another "
                    "process). Nothing was changed."
                )
            docs.append(doc)
        return docs

    def _write_statuses(
        self,
        targets: list[tuple[int, Status]],
        docs: dict[int, dict[str, Any]],
        word: str,
        reason: str = "",
    ) -> list[int]:
        """One _commit: one group, one log append whose lines all carry "end". The
        history's reason is ``reason``, else "Marked 3 statements <word>"."""
        if not targets:
            return []
        if not reason:
            one = f"statement #{targets[0][0]}"
            what = one if len(targets) == 1 else plural_statements(len(targets))
            reason = f"Marked {what} {word}"
        now = self._now()
        changes: list[DocChange] = []
        for i, status in targets:
            before = docs[i]
            changes.append(
                ("statements", i, before, {**before, "status": status.value, "updated_at": now})
            )
        self._commit(changes, "set_status", reason=reason)
        return [i for i, _ in targets]

    def _statuses_before_dispute(self, ids: list[int]) -> dict[int, Status]:
        """``_status_before_dispute`` for many: one pass back over the history (a lookup per
        statement would read the log once each)."""
        if len(ids) == 1:
            return {ids[0]: self._status_before_dispute(ids[0])}
        wanted = set(ids)
        found: dict[int, Status] = {}
        for entry in self._storage.entries_back("statements"):
            doc_id = entry["doc_id"]
            if doc_id not in wanted or doc_id in found or entry["action"] == "undo":
                continue
            origin = _dispute_origin(entry.get("before"), entry.get("after"))
            if origin is not None:
                found[doc_id] = origin
                if len(found) == len(wanted):
                    break
        return {i: found.get(i, Status.UNVERIFIED) for i in ids}

    def _status_before_dispute(self, statement_id: int) -> Status:
        # The newest change that made it disputed says what it was before. Undo entries
        # are skipped: undoing a change away from disputed is not a new dispute.
        for entry in self.history("statements", statement_id):
            if entry.action == "undo":
                continue
            origin = _dispute_origin(entry.before, entry.after)
            if origin is not None:
                return origin
        return Status.UNVERIFIED

    def annotate(self, statement_id: int, text: str, *, at: datetime | None = None) -> Statement:
        """Append an analyst's note to a statement (written now, or ``at``: an imported
        note keeps the time it was written)."""
        note = _validated_annotation(text, self._clock() if at is None else at)
        with self._transaction():
            before = self._doc("statements", statement_id)
            annotations = [*before.get("annotations", []), note]
            after = {**before, "annotations": annotations, "updated_at": self._now()}
            self._commit(
                [("statements", statement_id, before, after)],
                "annotate",
                reason=f"Annotated statement #{statement_id}",
            )
        return Statement.from_doc(statement_id, after)


def _status(status: Status | str) -> Status:
    try:
        return Status(status)
    except ValueError:
        raise ValidationError(
            f"Invalid status {status!r}: must be one of " + ", ".join(s.value for s in Status),
            field="status",
            reason="unknown status",
        ) from None


def _unique_ids(statement_ids: Iterable[int]) -> list[int]:
    """The ids once each, in record order (a change's history lists them so)."""
    ids = set()
    for i in statement_ids:
        if isinstance(i, bool) or not isinstance(i, int):
            raise NotFoundError(f"{i!r} is not a statement id. Nothing was changed.")
        ids.add(i)
    return sorted(ids)


def docs_by_id(ids: list[int], docs: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return dict(zip(ids, docs, strict=True))


def plural_statements(count: int) -> str:
    return f"{count:,} statement" + ("" if count == 1 else "s")


def _dispute_origin(before: dict[str, Any] | None, after: dict[str, Any] | None) -> Status | None:
    """The status a change made disputed came from (None: this change did not make it
    disputed); a status word we do not know counts as unverified."""
    old = (before or {}).get("status")
    new = (after or {}).get("status")
    if new == Status.DISPUTED and old and old != Status.DISPUTED:
        try:
            return Status(old)
        except ValueError:
            return Status.UNVERIFIED
    return None


def _validated_annotation(text: str, at: datetime) -> dict[str, Any]:
    import pydantic

    from .models import to_store_error

    try:
        note = Annotation.model_validate({"text": text, "at": at})
    except pydantic.ValidationError as exc:
        raise to_store_error("annotation", exc) from None
    return note.model_dump(mode="json")
