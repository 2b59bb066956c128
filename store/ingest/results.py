"""Results: the document's actors, claims and linked denials numbered as suggestions."""

from __future__ import annotations

from ..models import NAME_MAX, SHORT_MAX
from .document import EVIDENCE_MAX, Document
from .suggestions import SuggestedActor, SuggestedRebuttal, SuggestedStatement, Suggestions


class ResultStage(Document):
    def results(self) -> Suggestions:
        pairs, statements = self.link()
        warnings: list[str] = []
        # Unlinked denials stay as statements ("The company denied any wrongdoing").
        orphan = [d for d, target in pairs if target is None]
        all_statements = sorted(statements + orphan, key=lambda c: (c.pos, c.sent_idx))
        # Known actors may have pulled two suggestions onto one stored actor: merge them.
        by_existing: dict[int, int] = {}
        for actor in self.actors:
            if actor.merged_into is not None or actor.existing_id is None:
                continue
            if actor.existing_id in by_existing:
                actor.merged_into = by_existing[actor.existing_id]
            else:
                by_existing[actor.existing_id] = actor.uid
        used: dict[int, None] = {}
        for c in all_statements:
            used.setdefault(self._live(c.uid), None)
        for d, target in pairs:
            if target is not None:
                used.setdefault(self._live(d.uid), None)
        actor_keys: dict[int, str] = {}
        out_actors: list[SuggestedActor] = []
        live = [a for a in self.actors if a.merged_into is None]
        live.sort(key=lambda a: a.pos)
        for actor in live:
            key = f"a{len(out_actors) + 1}"
            actor_keys[actor.uid] = key
            aliases = [
                x for x in dict.fromkeys(actor.aliases) if x.casefold() != actor.name.casefold()
            ]
            out_actors.append(
                SuggestedActor(
                    key=key,
                    name=actor.name[:NAME_MAX],
                    kind=actor.kind,
                    role=actor.role[:SHORT_MAX],
                    affiliation=actor.affiliation[:SHORT_MAX],
                    aliases=aliases[:100],
                    existing_id=actor.existing_id,
                    evidence=actor.evidence[:EVIDENCE_MAX],
                )
            )
        for actor in self.actors:
            if actor.merged_into is not None:
                actor_keys[actor.uid] = actor_keys[self._live(actor.uid)]
        out_statements: list[SuggestedStatement] = []
        claim_key: dict[int, str] = {}
        seen: dict[tuple[str, str], str] = {}
        for c in all_statements:
            akey = actor_keys[self._live(c.uid)]
            sig = (akey, c.text.casefold())
            if sig in seen:
                claim_key[id(c)] = seen[sig]
                continue
            key = f"s{len(out_statements) + 1}"
            seen[sig] = key
            claim_key[id(c)] = key
            out_statements.append(
                SuggestedStatement(
                    key=key,
                    actor_key=akey,
                    text=c.text,
                    evidence=c.evidence,
                    said_on=c.said_on,
                    quote=c.quote,
                )
            )
        out_rebuttals: list[SuggestedRebuttal] = []
        seen_r: set[tuple[str, str, str]] = set()
        for d, target in pairs:
            if target is None:
                continue
            akey = actor_keys[self._live(d.uid)]
            skey = claim_key[id(target)]
            sig = (akey, skey, d.text.casefold())
            if sig in seen_r:
                continue
            seen_r.add(sig)
            out_rebuttals.append(
                SuggestedRebuttal(
                    key=f"r{len(out_rebuttals) + 1}",
                    actor_key=akey,
                    statement_key=skey,
                    text=d.text,
                    evidence=d.evidence,
                    said_on=d.said_on,
                )
            )
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
