"""The gateway's rebuttal verbs and reads (a mixin of ``Briefing``)."""

from __future__ import annotations

from typing import Any

from .core import DocChange, GatewayCore
from .models import Rebuttal, Status


class RebuttalVerbs(GatewayCore):
    """Add, edit and delete rebuttals; who rebutted what."""

    def add_rebuttal(self, statement_id: int, actor_id: int, text: str, **fields: Any) -> Rebuttal:
        """Record ``actor_id``'s rebuttal of a statement. An unverified statement becomes
        disputed in the same change (one undo step), and the history says why."""
        self._check_fields(
            "rebuttals",
            {"statement_id": statement_id, "actor_id": actor_id, "text": text, **fields},
        )
        now = self._clock()
        rebuttal = Rebuttal.validated(
            statement_id=statement_id,
            actor_id=actor_id,
            text=text,
            created_at=now,
            updated_at=now,
            **fields,
        )
        with self._transaction():
            self._require_statement(rebuttal.statement_id)
            self._require_actor(rebuttal.actor_id)
            doc_id = self._indexes.next_id("rebuttals")
            who = self.actor_name(rebuttal.actor_id)
            doc = rebuttal.to_doc()
            changes: list[DocChange] = [("rebuttals", doc_id, None, doc)]
            statement = self._doc("statements", rebuttal.statement_id)
            reason = f"Added rebuttal by {who} to statement #{rebuttal.statement_id}"
            if statement.get("status", "unverified") == Status.UNVERIFIED:
                changes.append(
                    (
                        "statements",
                        rebuttal.statement_id,
                        statement,
                        {**statement, "status": Status.DISPUTED.value, "updated_at": self._now()},
                    )
                )
                reason += f"; marked it disputed because {who} rebutted it"
            self._commit(changes, "add", reason=reason)
        return Rebuttal.from_doc(doc_id, doc)

    def update_rebuttal(self, rebuttal_id: int, **fields: Any) -> Rebuttal:
        """Change the given fields of a rebuttal; other fields stay as they are."""

        def require(_: dict[str, Any], after: dict[str, Any]) -> None:
            self._require_statement(after["statement_id"])
            self._require_actor(after["actor_id"])

        after = self._update(
            "rebuttals",
            Rebuttal,
            rebuttal_id,
            fields,
            lambda _: f"Edited rebuttal #{rebuttal_id}",
            require,
        )
        return Rebuttal.from_doc(rebuttal_id, after)

    def delete_rebuttal(self, rebuttal_id: int) -> None:
        with self._transaction():
            before = self._doc("rebuttals", rebuttal_id)
            self._commit(
                [("rebuttals", rebuttal_id, before, None)],
                "delete",
                reason=f"Deleted rebuttal #{rebuttal_id}",
            )

    def rebuttal(self, rebuttal_id: int) -> Rebuttal:
        return Rebuttal.from_doc(int(rebuttal_id), self._doc("rebuttals", rebuttal_id))

    def rebuttals(
        self, statement_id: int | None = None, actor_id: int | None = None
    ) -> list[Rebuttal]:
        """Rebuttals in recorded order, optionally of one statement or by one actor."""
        docs = self._storage.data["rebuttals"]
        if statement_id is None and actor_id is None:
            # (by id: an undone delete puts a document back at the end of the table)
            return [Rebuttal.from_doc(int(k), docs[k]) for k in sorted(docs, key=int)]
        indexes = self._indexes
        if statement_id is not None:
            ids = set(indexes.rebuttals_of(statement_id))
            if actor_id is not None:
                ids &= set(indexes.rebuttals_by(actor_id))
        else:
            ids = set(indexes.rebuttals_by(actor_id))  # type: ignore[arg-type]
        return [Rebuttal.from_doc(i, docs[str(i)]) for i in sorted(ids)]

    def rebuttal_count(self, statement_id: int) -> int:
        return len(self._indexes.rebuttals_of(statement_id))

    def statement_count(self, actor_id: int) -> int:
        return len(self._indexes.statements_by(actor_id))
