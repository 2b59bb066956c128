"""The gateway's actor verbs and reads (a mixin of ``Briefing``)."""

from __future__ import annotations

from typing import Any

from .core import DocChange, GatewayCore
from .errors import DanglingReferenceError
from .indexes import actor_haystack
from .models import Actor


class ActorVerbs(GatewayCore):
    """Add, edit, delete and find actors."""

    def add_actor(self, name: str, **fields: Any) -> Actor:
        """Add an actor; ``name`` is required, ``kind`` defaults to person."""
        self._check_fields("actors", {"name": name, **fields})
        now = self._clock()
        actor = Actor.validated(name=name, created_at=now, updated_at=now, **fields)
        with self._transaction():
            doc_id = self._indexes.next_id("actors")
            doc = actor.to_doc()
            self._commit([("actors", doc_id, None, doc)], "add", reason=f"Added actor {actor.name}")
        return Actor.from_doc(doc_id, doc)

    def update_actor(self, actor_id: int, **fields: Any) -> Actor:
        """Change the given fields of an actor; other fields stay as they are."""
        after = self._update(
            "actors", Actor, actor_id, fields, lambda doc: f"Edited actor {doc['name']}"
        )
        return Actor.from_doc(actor_id, after)

    def delete_actor(self, actor_id: int, *, cascade: bool = False) -> int:
        """Delete an actor. With statements or rebuttals of theirs, ``cascade=True`` is
        required and removes those too (and the rebuttals of those statements), in one
        write and one undo step. Returns how many documents were removed."""
        with self._transaction():
            before = self._doc("actors", actor_id)
            indexes = self._indexes
            statements = list(indexes.statements_by(actor_id))
            rebuttals = dict.fromkeys(indexes.rebuttals_by(actor_id))
            for sid in statements:
                rebuttals.update(dict.fromkeys(indexes.rebuttals_of(sid)))
            if (statements or rebuttals) and not cascade:
                raise DanglingReferenceError(
                    f"Actor {before['name']} has {len(statements)} statement(s) and "
                    f"{len(rebuttals)} rebuttal(s). Delete with cascade to remove them too, "
                    "or move them to another actor first."
                )
            data = self._storage.data
            changes: list[DocChange] = [
                ("rebuttals", rid, data["rebuttals"][str(rid)], None) for rid in rebuttals
            ]
            changes += [
                ("statements", sid, data["statements"][str(sid)], None) for sid in statements
            ]
            changes.append(("actors", actor_id, before, None))
            self._commit(changes, "delete", reason=f"Deleted actor {before['name']}")
        return len(changes)

    def actor(self, actor_id: int) -> Actor:
        return Actor.from_doc(int(actor_id), self._doc("actors", actor_id))

    def actors(self, text: str | None = None) -> list[Actor]:
        """All actors by name; ``text`` keeps those whose name, alias, role or affiliation
        contains it (case-insensitive)."""
        docs = self._storage.data["actors"]
        ids = self.actor_ids(text)
        return [Actor.from_doc(i, docs[str(i)]) for i in ids]

    def actor_ids(self, text: str | None = None) -> list[int]:
        docs = self._storage.data["actors"]
        needle = (text or "").strip().casefold()
        items = []
        for key, doc in docs.items():
            if needle and needle not in actor_haystack(doc):
                continue
            items.append((doc["name"].casefold(), int(key)))
        items.sort()
        return [i for _, i in items]

    def find_actor(self, name: str) -> Actor | None:
        """The actor whose name or alias equals ``name`` (case-insensitive), if any."""
        wanted = " ".join(name.split()).casefold()
        for key, doc in self._storage.data["actors"].items():
            names = [doc["name"], *doc.get("aliases", [])]
            if any(n.casefold() == wanted for n in names):
                return Actor.from_doc(int(key), doc)
        return None
