"""Results: the document's actors, claims and linked denials numbered as suggestions.

Speaking actors (a statement, a rebuttal, or a claim rebutted) come first and are marked
``speaks``; names only mentioned follow, for the analyst to add by hand if wanted.
"""

from __future__ import annotations

import re

from ..models import LIST_MAX, NAME_MAX, SHORT_MAX
from .counsel import CounselStage
from .document import EVIDENCE_MAX, Actor, Claim, Document
from .suggestions import SuggestedActor, SuggestedRebuttal, SuggestedStatement, Suggestions

Pairs = list[tuple[Claim, Claim | None]]


class ResultStage(CounselStage, Document):
    def results(self) -> Suggestions:
        """Number everything found: actors (speakers first), statements, rebuttals."""
        self._carry_dates()
        self._named_counsel()
        pairs, statements = self.link()
        # Unlinked denials stay as statements ("The company denied any wrongdoing"); link()
        # already lists them among the statements.
        all_statements = sorted(statements, key=lambda c: (c.pos, c.sent_idx))
        self._merge_known_duplicates()
        self._merge_plural_forms()
        for n, (d, target) in enumerate(pairs):
            if target is not None and self._live(d.uid) == self._live(target.uid):
                pairs[n] = (d, None)  # merged into one actor: an actor never rebuts itself
                all_statements.append(d)
        all_statements.sort(key=lambda c: (c.pos, c.sent_idx))
        speaking = {self._live(c.uid) for c in all_statements}
        speaking |= {self._live(d.uid) for d, target in pairs if target is not None}
        out_actors, actor_keys = self._suggested_actors(speaking)
        out_statements, claim_key = self._suggested_statements(all_statements, actor_keys)
        out_rebuttals = self._suggested_rebuttals(pairs, actor_keys, claim_key)
        warnings: list[str] = []
        if not out_actors and not out_statements:
            warnings.append(
                "No actors or statements were recognised: the text may not be a news article, "
                "or it names nobody. Add them by hand."
            )
        elif not out_statements:
            warnings.append(
                "No statements were recognised: no one is quoted or reported as saying anything."
            )
        return Suggestions(out_actors, out_statements, out_rebuttals, warnings)

    def _merge_known_duplicates(self) -> None:
        """Known actors may have pulled two suggestions onto one stored actor: merge them."""
        by_existing: dict[int, int] = {}
        for actor in self.actors:
            if actor.merged_into is not None or actor.existing_id is None:
                continue
            if actor.existing_id in by_existing:
                actor.merged_into = by_existing[actor.existing_id]
            else:
                by_existing[actor.existing_id] = actor.uid

    def _merge_plural_forms(self) -> None:
        """A group named in the singular as a modifier and in the plural as a body ("Green
        Dem councillors", "the Green Dems") is one actor, under the form written most."""
        live = {a.name: a for a in self.actors if a.merged_into is None}
        for name, one in list(live.items()):
            many = live.get(name + "s")
            if many is None or many.merged_into is not None or one.merged_into is not None:
                continue
            if one.kind == "person" and many.kind == "person" and len(name.split()) < 2:
                continue
            count = {
                a.uid: len(re.findall(rf"\b{re.escape(a.name)}\b", self.work)) for a in (one, many)
            }
            keep, drop = (one, many) if count[one.uid] > count[many.uid] else (many, one)
            drop.merged_into = keep.uid
            self._register_alias(keep.uid, drop.name)
            if keep.kind == "person":
                keep.kind = "organisation" if drop.kind == "person" else drop.kind
                keep.role = ""

    def _suggested_actors(self, speaking: set[int]) -> tuple[list[SuggestedActor], dict[int, str]]:
        live = [a for a in self.actors if a.merged_into is None]
        live.sort(key=lambda a: (a.uid not in speaking, a.pos))
        actor_keys: dict[int, str] = {}
        out: list[SuggestedActor] = []
        for actor in live:
            key = f"a{len(out) + 1}"
            actor_keys[actor.uid] = key
            out.append(_suggested_actor(actor, key, actor.uid in speaking))
        for actor in self.actors:
            if actor.merged_into is not None:
                actor_keys[actor.uid] = actor_keys[self._live(actor.uid)]
        return out, actor_keys

    def _suggested_statements(
        self, claims: list[Claim], actor_keys: dict[int, str]
    ) -> tuple[list[SuggestedStatement], dict[int, str]]:
        out: list[SuggestedStatement] = []
        claim_key: dict[int, str] = {}
        seen: dict[tuple[str, str], str] = {}
        for c in claims:
            akey = actor_keys[self._live(c.uid)]
            sig = (akey, c.text.casefold())
            if sig in seen:
                claim_key[id(c)] = seen[sig]
                continue
            key = f"s{len(out) + 1}"
            seen[sig] = key
            claim_key[id(c)] = key
            out.append(
                SuggestedStatement(
                    key=key,
                    actor_key=akey,
                    text=c.text,
                    evidence=c.evidence,
                    said_on=c.said_on,
                    quote=c.quote,
                )
            )
        return out, claim_key

    def _suggested_rebuttals(
        self, pairs: Pairs, actor_keys: dict[int, str], claim_key: dict[int, str]
    ) -> list[SuggestedRebuttal]:
        out: list[SuggestedRebuttal] = []
        seen: set[tuple[str, str, str]] = set()
        for d, target in pairs:
            if target is None:
                continue
            akey = actor_keys[self._live(d.uid)]
            skey = claim_key[id(target)]
            sig = (akey, skey, d.text.casefold())
            if sig in seen:
                continue
            seen.add(sig)
            out.append(
                SuggestedRebuttal(
                    key=f"r{len(out) + 1}",
                    actor_key=akey,
                    statement_key=skey,
                    text=d.text,
                    evidence=d.evidence,
                    said_on=d.said_on,
                )
            )
        return out


def _suggested_actor(actor: Actor, key: str, speaks: bool) -> SuggestedActor:
    aliases = [x for x in dict.fromkeys(actor.aliases) if x.casefold() != actor.name.casefold()]
    return SuggestedActor(
        key=key,
        name=actor.name[:NAME_MAX],
        kind=actor.kind,
        role=actor.role[:SHORT_MAX],
        affiliation=actor.affiliation[:SHORT_MAX],
        aliases=aliases[:LIST_MAX],
        existing_id=actor.existing_id,
        evidence=actor.evidence[:EVIDENCE_MAX],
        speaks=speaks,
    )
