"""Denials and linking: claims named inside a denial ("the allegations made by X that ..."),
and each denial paired with the claim it answers."""

from __future__ import annotations

import bisect
import math
import re

from .continued import ContinuedQuoteStage
from .disputes import DisputeStage
from .document import Claim
from .lexicon import OFFICER_ROLES, STUDY_NOUNS
from .names import stem
from .negation import (
    ACCUSATION_RE,
    AGREEING_RE,
    BARE_NEGATION_RE,
    CLAIM_TALK_RE,
    FIRM_ACCOUNT_RE,
    MODAL_START_RE,
    NEGATED_START_RE,
    NEGATED_WORD_RE,
    NEGATION_RE,
    OWN_STEP_RE,
    SELF_ACCOUNT_RE,
    STANDS_BY_RE,
    SUED_RE,
)
from .owners import OwnerStage

# "asked the mayor why the grant was cut": a question, not an accusation.
QUESTION_RE = re.compile(r"\basked\b(?:\s+\S+){0,5}?\s+(?:why|whether|if|how|what|when)\b", re.I)


class DenialStage(ContinuedQuoteStage, OwnerStage, DisputeStage):
    def _contradictions(self) -> None:
        """'There were no plans to close Hillcrest' after 'they want to close the school': a
        negated claim on the same matter as another side's recent claim is a rebuttal."""
        recent: list[Claim] = []
        for c in sorted(self.claims, key=lambda x: x.sent_idx):
            # A quote over several sentences: any of them may be the negated one.
            parts = re.split(r"(?<=[.!?])\s+", c.text)
            if not c.denial and any(
                NEGATED_START_RE.match(p) and not (OWN_STEP_RE.match(p) or MODAL_START_RE.match(p))
                for p in parts
            ):
                uid = self._live(c.uid)
                said: dict[int, set[str]] = {}  # each other side's recent words, together
                for e in recent:
                    if c.sent_idx - e.sent_idx <= 6:
                        said.setdefault(self._live(e.uid), set()).update(e.stems)
                c.denial = (
                    any(
                        e_uid != uid
                        and frozenset((uid, e_uid)) not in self.allied
                        and len(c.stems & stems) >= 2
                        for e_uid, stems in said.items()
                    )
                    or self._contradicts_last(c, recent)
                    or any(
                        # "No approach had been made", by the one the other side's claim named.
                        uid in {self._live(u) for u in e.named}
                        and self._live(e.uid) != uid
                        and not e.denial
                        and c.sent_idx - e.sent_idx <= 3
                        and bool(c.stems & e.stems)
                        for e in recent
                    )
                )
            recent = [*recent[-20:], c]

    def _contradicts_last(self, c: Claim, recent: list[Claim]) -> bool:
        """'Families had been consulted in the spring' / 'She had never been consulted': a
        claim that negates the very word of the other side's last words answers them."""
        uid = self._live(c.uid)
        last = next((e for e in reversed(recent) if self._live(e.uid) != uid), None)
        return (
            last is not None
            and not last.denial
            and c.sent_idx - last.sent_idx <= 2
            and frozenset((uid, self._live(last.uid))) not in self.allied
            and (
                any(stem(w) in last.stems for w in NEGATED_WORD_RE.findall(c.text))
                # "urged the board to withdraw the plan" / "there is no case for withdrawal"
                or bool(_prefixes(c.stems) & _prefixes(last.stems))
            )
        )

    def _insisting_answers(self) -> None:
        """'Northsea insisted its surveys showed ...' right after a claim naming Northsea:
        holding to one's own account against the other side's is a rebuttal. So is the
        accused's own account of the same matter: 'X alleges Dunlin won the work without a
        tender' ... 'Dunlin said it had won the work fairly'."""
        recent: list[Claim] = []
        for c in sorted(self.claims, key=lambda x: x.sent_idx):
            if recent and c.denial and c.against is None:
                c.against = self._counter_denial(c, recent[-1])
            self_account = bool(SELF_ACCOUNT_RE.match(c.text)) and not MODAL_START_RE.match(c.text)
            stands = bool(STANDS_BY_RE.match(c.text)) and not c.denial
            if stands:
                # "It stood by the research": against the other side's latest words, when
                # those are a claim (holding one's ground against a rebuttal links nowhere).
                uid = self._live(c.uid)
                others = [e for e in reversed(recent) if self._live(e.uid) != uid]
                # Against the one who disputed its claim, when someone did, not a bystander
                # who spoke since ("Y dismissed the claim. Z had no comment. X stood by it").
                last = next(
                    (
                        e
                        for e in others
                        if (e.denial or e.about_claim) and c.sent_idx - e.sent_idx <= 6
                    ),
                    others[0] if others else None,
                )
                c.denial = (
                    last is not None
                    and c.sent_idx - last.sent_idx <= (6 if last.denial or last.about_claim else 2)
                    and frozenset((uid, self._live(last.uid))) not in self.allied
                )
                if c.denial and last is not None and last.denial:
                    # "A claims, B denies, A stands by it": against B's own claims, if any
                    # (and those of the others who denied it just before).
                    c.against = frozenset(
                        self._live(e.uid)
                        for e in recent
                        if e.denial and c.sent_idx - e.sent_idx <= 4 and self._live(e.uid) != uid
                    )
            elif (c.insists or self_account or self._accused_reply(c, recent)) and not (
                c.denial or OWN_STEP_RE.match(c.text) or MODAL_START_RE.match(c.text)
            ):
                uid = self._live(c.uid)
                answered = [
                    e
                    for e in recent
                    if c.sent_idx - e.sent_idx <= (6 if not c.insists else 3)
                    and self._live(e.uid) != uid
                    and (c.insists or self._names_accused(uid, e))
                    and frozenset((uid, self._live(e.uid))) not in self.allied
                    and (c.insists or bool(c.stems & e.stems) or self._on_accusation(c, e))
                ]
                c.denial = bool(answered)
                if answered and all(e.denial for e in answered):
                    # An account given against a denial ("Delgado rejected the allegations
                    # made by Kell" ... "Kell said he had booked the flights"): it answers
                    # the denier's own claims, if any.
                    c.against = frozenset(self._live(e.uid) for e in answered)
            recent = [*recent[-20:], c]

    def _counter_denial(self, c: Claim, last: Claim) -> frozenset[int] | None:
        """'The trust denied the delay caused his death.' / 'The claim was disputed by the
        Alliance, which said the trust had missed its targets': disputing the claim just
        denied, and naming the denier, answers the denier."""
        d_uid, l_uid = self._live(c.uid), self._live(last.uid)
        if not (last.denial and (c.demonstrative or c.about_claim)) or d_uid == l_uid:
            return None
        if c.sent_idx - last.sent_idx > 1 or frozenset((d_uid, l_uid)) in self.allied:
            return None
        actor = self.actors[l_uid]
        word = actor.name.lower().split()[-1]
        named = l_uid in {self._live(u) for u in c.in_text} or f"the {word}" in c.text.lower()
        # "rejected the accusations levelled against Iran": Iran is the one accused and
        # defended, not the one answered.
        defended = any(
            re.search(rf"\bagainst\s+(?:the\s+)?{re.escape(n)}\b", c.evidence, re.I)
            for n in (actor.name, *actor.aliases)
            if n
        )
        return frozenset((l_uid,)) if named and not defended else None

    def _accused_reply(self, c: Claim, recent: list[Claim]) -> bool:
        """'Clegg said records showed deposits matching changes approved by Achebe' ... 'His
        lawyer said the deposits came from a house sale': the first words of the one accused,
        on the same matter, answer the accusation."""
        uid = self._live(c.uid)
        if c.frame is not None or MODAL_START_RE.match(c.text) or AGREEING_RE.match(c.text):
            return False  # "According to X, Putin expressed ...": told by another
        if any(self._live(e.uid) == uid for e in recent[-3:]):
            return False  # its own say, not an answer (its answers may go on)
        return any(
            not e.denial
            and 0 <= c.sent_idx - e.sent_idx <= 3
            and self._live(e.uid) != uid
            and not QUESTION_RE.search(e.evidence)  # an answer to a question denies nothing
            and self._names_accused(uid, e)
            and self._on_accusation(c, e)
            for e in recent
        )

    def _names_accused(self, uid: int, e: Claim) -> bool:
        """The claim names the actor, or its sentence sues or accuses it ('has sued Luma
        Beauty, claiming she was dismissed ...')."""
        if any(self._live(u) == uid for u in e.in_text):
            return True
        return any(self._live(u) == uid for u in e.named) and bool(SUED_RE.search(e.evidence))

    def _on_accusation(self, c: Claim, e: Claim) -> bool:
        """The accused's words answer the accusation: on the same matter, naming the accuser
        ('Lumen said Mr Patel had been dismissed for misconduct'), or right after an
        accusation ('accused Grove Estates of ...' / 'all repairs had been completed')."""
        if e.denial or not 0 <= c.sent_idx - e.sent_idx <= 3:
            return False
        if c.stems & e.stems or self._live(e.uid) in {self._live(u) for u in c.in_text}:
            return True
        accused = self._live(c.uid) in {self._live(u) for u in self.accused}
        return c.sent_idx - e.sent_idx <= 2 and (accused or bool(ACCUSATION_RE.search(e.evidence)))

    def _resolve_deferred(self) -> None:
        """Claims by a description ("their former striker") go to the one person the
        article gives that role; unresolved ones are dropped."""
        if not self.deferred:
            return
        people = [a for a in self.actors if a.kind == "person" and a.role]
        for claim, head in self.deferred:
            uids = {self._live(a.uid) for a in people if head in a.role.lower()}
            if len(uids) == 1:
                claim.uid = uids.pop()
                self.claims.append(claim)
        self.deferred.clear()

    def link(self) -> tuple[list[tuple[Claim, Claim | None]], list[Claim]]:
        """Pair each denial with the claim it answers; unpaired denials become statements."""
        self._resolve_deferred()
        self._continue_quotes()
        self._owned_claims()
        self._defences()
        self._co_deniers()
        self._judged_claims()
        self._answers_named_report()
        self._contrasted_claims()
        self._insisting_answers()
        self._contradictions()
        statements = sorted((c for c in self.claims if not c.denial), key=lambda c: c.sent_idx)
        positions = [c.sent_idx for c in statements]
        pairs: list[tuple[Claim, Claim | None]] = []
        contested: set[int] = set()  # actors whose claims were already denied
        last_target: dict[int, tuple[int, Claim]] = {}  # denier -> (sentence, claim)
        firsts: list[tuple[int, int]] | None = None
        for d in sorted((c for c in self.claims if c.denial), key=lambda c: c.sent_idx):
            d_uid = self._live(d.uid)
            if d.against is None and STANDS_BY_RE.match(d.text):
                # "X held to her account" after Y disputed it: against Y, not a bystander.
                deniers = frozenset(
                    self._live(e.uid)
                    for e, t in pairs
                    if t is not None and self._live(t.uid) == d_uid and d.sent_idx - e.sent_idx <= 8
                )
                d.against = deniers or None
            lo = bisect.bisect_left(positions, d.sent_idx - 60)
            scored = self._score_targets(d, statements[lo:], contested)
            need = 0.8 if d.strong and not d.about_claim else 0.5
            # What was said before it comes first: a later claim only when nothing earlier fits.
            early = [x for x in scored if x[1].sent_idx <= d.sent_idx]
            before = [x for x in early if x[0] >= need]
            top = max((x[0] for x in before), default=0.0)
            scored = [x for x in scored if x[1].sent_idx <= d.sent_idx or x[0] >= top + 1.0]
            best, best_score = max(scored, key=lambda x: x[0], default=(0.0, None))[::-1]
            if best is not None and not d.demonstrative:
                best = self._prefer_principal(best, best_score, scored)
            target = best if best_score >= need else None
            prior = last_target.get(d_uid)
            if target is None and prior is not None and d.sent_idx - prior[0] <= 3:
                target = prior[1]  # "'That never happened,' she said": the same dispute
            if (
                target is None
                and (d.about_claim or d.demonstrative)
                and d.against is None
                and not STANDS_BY_RE.match(d.text)
            ):
                target = self._nearest_claimant(d, early)
            if target is None and not scored and not d.strong and d.against is None:
                firsts = firsts if firsts is not None else self._first_speakers()
                target = self._lede_target(d, statements, firsts)
            if target is not None:
                contested.add(self._live(target.uid))
                last_target[d_uid] = (d.sent_idx, target)
            else:
                # An unanswered "denial" stays a claim, and later denials may answer it.
                at = bisect.bisect_right(positions, d.sent_idx)
                positions.insert(at, d.sent_idx)
                statements.insert(at, d)
            pairs.append((d, target))
        replies = self._replies(pairs, statements)
        replies.update(self._preceding_substance(pairs, statements))
        replies.update(self._continuations([*pairs, *replies.values()], statements, set(replies)))
        if replies:
            statements = [c for c in statements if id(c) not in replies]
            for n, (d, t) in enumerate(pairs):
                if t is not None and id(t) in replies:
                    # It stood by its account against what is now a rebuttal: a statement.
                    pairs[n] = (d, None)
                    statements.append(d)
            statements.sort(key=lambda c: c.sent_idx)
            pairs += list(replies.values())
        return _consistent(pairs + self._joint_targets(pairs, statements), statements)

    def _nearest_claimant(self, d: Claim, before: list[tuple[float, Claim]]) -> Claim | None:
        """'Her remarks angered Y, who rejected the claim outright': a denial of
        "the claim" that names no one answers the best-fitting claim by another side in the
        last few sentences, however weakly it fits (a denial with nothing to answer is rare)."""
        near = [(sc, c) for sc, c in before if d.sent_idx - c.sent_idx <= 8]
        return max(near, key=lambda x: x[0])[1] if near else None

    def _first_speakers(self) -> list[tuple[int, int]]:
        """The first claim's (sentence, actor) and the first by another actor."""
        out: list[tuple[int, int]] = []
        for c in sorted(self.claims, key=lambda x: x.sent_idx):
            if not out or self._live(c.uid) != out[0][1]:
                out.append((c.sent_idx, self._live(c.uid)))
                if len(out) == 2:
                    break
        return out

    def _preceding_substance(
        self, pairs: list[tuple[Claim, Claim | None]], statements: list[Claim]
    ) -> dict[int, tuple[Claim, Claim]]:
        """'The company said the cargo was farm machinery. "These accusations are without
        foundation," it said.': the denier's words just before its denial, on the same
        matter as the denied claim, are its substance and rebut the same claim."""
        out: dict[int, tuple[Claim, Claim]] = {}
        targets = {id(t) for _, t in pairs if t is not None}
        positions = [c.sent_idx for c in statements]  # in sentence order
        for d, target in pairs:
            if target is None:
                continue
            d_uid = self._live(d.uid)
            lo = bisect.bisect_left(positions, d.sent_idx - 1)
            hi = bisect.bisect_right(positions, d.sent_idx)
            for c in statements[lo:hi]:
                if (
                    id(c) not in targets
                    and id(c) not in out
                    and self._live(c.uid) == d_uid
                    and d.sent_idx - 1 <= c.sent_idx <= d.sent_idx
                    and c.pos < d.pos
                    and target.sent_idx < c.sent_idx
                    and not MODAL_START_RE.match(c.text)
                    and not AGREEING_RE.match(c.text)  # "accepted the fine but disputed ..."
                    and bool(c.stems & target.stems)
                ):
                    c.denial = True
                    out[id(c)] = (c, target)
        return out

    def _joint_targets(
        self, pairs: list[tuple[Claim, Claim | None]], statements: list[Claim]
    ) -> list[tuple[Claim, Claim]]:
        """'X and Y said in a joint statement ...' then 'Z dismissed the accusations': the
        denial answers the claim of each joint speaker, not only the one it was paired with."""
        by_sent: dict[int, list[Claim]] = {}
        for c in statements:
            by_sent.setdefault(c.sent_idx, []).append(c)
        out: list[tuple[Claim, Claim]] = []
        for d, target in pairs:
            if target is None:
                continue
            t_uid, d_uid = self._live(target.uid), self._live(d.uid)
            seen = {t_uid, d_uid}
            for c in by_sent.get(target.sent_idx, ()):
                c_uid = self._live(c.uid)
                if (
                    c_uid not in seen
                    and c.text == target.text
                    and c.pos == target.pos  # one cue, two speakers
                    and frozenset((d_uid, c_uid)) not in self.allied
                ):
                    seen.add(c_uid)
                    out.append((d, c))
        return out

    def _lede_target(
        self, d: Claim, statements: list[Claim], firsts: list[tuple[int, int]]
    ) -> Claim | None:
        """'Northwind has dismissed the accusations as baseless.' with nothing said before:
        the denial comes first (the news), the accusation it answers is reported next."""
        d_uid = self._live(d.uid)
        # Others spoke before: the denial answers one of them, or nothing.
        if any(i < d.sent_idx and u != d_uid for i, u in firsts):
            return None
        for c in statements:
            if c.sent_idx <= d.sent_idx:
                continue
            if c.sent_idx > d.sent_idx + 4:
                break
            c_uid = self._live(c.uid)
            if (
                c_uid == d_uid
                or c.denial
                or frozenset((d_uid, c_uid)) in self.allied
                or self.actors[c_uid].affiliation.lower() == self.actors[d_uid].name.lower()
            ):
                continue
            return c
        return None

    def _replies(
        self, pairs: list[tuple[Claim, Claim | None]], statements: list[Claim]
    ) -> dict[int, tuple[Claim, Claim]]:
        """A statement right after a denial, by the denier or someone speaking for it, that
        names the accuser or says "never"/"not" answers the same claim: a rebuttal too."""
        out: dict[int, tuple[Claim, Claim]] = {}
        # A claim that only a stand-by answers may still turn out to be a denial's substance.
        targets = {id(t) for d, t in pairs if t is not None and not STANDS_BY_RE.match(d.text)}
        positions = [c.sent_idx for c in statements]
        by_first: dict[str, set[int]] = {}
        for a in self.actors:
            if a.merged_into is None and a.kind in ("government", "organisation") and a.name:
                by_first.setdefault(a.name.split()[0].lower(), set()).add(a.uid)
        queue = list(pairs)
        while queue:
            d, target = queue.pop(0)
            if target is None:
                continue
            side = self._side_of(self._live(d.uid), by_first)
            accuser = self._live(target.uid)
            lo = bisect.bisect_left(positions, d.sent_idx)
            hi = bisect.bisect_right(positions, d.sent_idx + 4)
            for c in statements[lo:hi]:
                if id(c) in out or id(c) in targets or c.pos <= d.pos:
                    continue  # ", adding that ...": later in the same sentence counts
                c_uid = self._live(c.uid)
                aff = self.actors[c_uid].affiliation.lower()
                on_side = self._on_side(c_uid, side)
                # "MetroLink hit back ... . '...,' managing director Graham Pike said": an
                # officer of no named body, speaking right after a body's denial, is its own.
                officer = self.actors[c_uid]
                on_side = on_side or (
                    not aff
                    and officer.kind == "person"
                    and officer.role.lower().split()[-1:] in [[w] for w in OFFICER_ROLES]
                    and self.actors[self._live(d.uid)].kind != "person"
                    and c.sent_idx - d.sent_idx <= 1
                )
                if not on_side or c_uid == accuser or MODAL_START_RE.match(c.text):
                    continue  # "would respond in kind": a plan answers nothing
                names_accuser = accuser in {self._live(u) for u in c.in_text}
                # "Unite denied that. Holt said every offer had been shared": the substance of
                # a bare denial, in the next sentence (a plan, "would take it to court", is not).
                bare = (
                    (len(d.text.split()) <= 5 or BARE_NEGATION_RE.search(d.text) is not None)
                    and c.sent_idx == d.sent_idx + 1
                    and not c.text.lower().startswith(("accuse", "accusing"))  # a new claim
                )
                # "... simply untrue. The offer was worth 4 per cent, the company said": the
                # same matter as the denied claim, in the denier's next words.
                same_matter = c.sent_idx - d.sent_idx <= 2 and len(c.stems & target.stems) >= 2
                # "'We have checked every flight log,' she said": the denier's own account.
                own = c.sent_idx - d.sent_idx <= 1 and bool(
                    SELF_ACCOUNT_RE.match(c.text)
                    or c.text.lower().startswith("our ")
                    # "the company had shared every report", by the company that denied
                    or (
                        c_uid == self._live(d.uid)
                        and self.actors[c_uid].kind != "person"
                        and FIRM_ACCOUNT_RE.match(c.text)
                    )
                )
                negated = bool(NEGATION_RE.search(c.text)) and c.sent_idx > d.sent_idx
                # "He said the federation's figure counted complaints twice": the denier's
                # next words, about the other side's claim.
                about = c.sent_idx - d.sent_idx <= 1 and bool(CLAIM_TALK_RE.search(c.text))
                if names_accuser or bare or same_matter or own or negated or about:
                    c.denial = True
                    out[id(c)] = (c, target)
                    queue.append((c, target))  # its own follow-up may answer too
        return out

    def _score_targets(
        self, d: Claim, candidates: list[Claim], contested: set[int]
    ) -> list[tuple[float, Claim]]:
        """How well each claim near the denial fits as what it answers."""
        d_uid = self._live(d.uid)
        d_actor = self.actors[d_uid]
        d_aff = d_actor.affiliation.lower()
        named = {self._live(u) for u in d.named} - {d_uid}
        allies = {self._live(u) for u in d.allies}
        scored: list[tuple[float, Claim]] = []
        for c in candidates:
            if c.sent_idx > d.sent_idx + 12:
                break
            c_uid = self._live(c.uid)
            c_actor = self.actors[c_uid]
            if c_uid == d_uid or c_uid in allies or (d_aff and c_actor.name.lower() == d_aff):
                continue
            if (
                d_uid in {self._live(u) for u in c.allies}
                or frozenset((d_uid, c_uid)) in self.allied
            ):
                continue  # a claim that speaks up for the denier is not what it denies
            if c_actor.affiliation and c_actor.affiliation.lower() == d_actor.name.lower():
                continue
            score = 0.0
            affiliated = bool(c_actor.affiliation) and any(
                self.actors[u].name.lower() == c_actor.affiliation.lower() for u in named
            )
            if d.against is not None and (c_uid not in d.against or c.denial):
                continue  # standing by one's account answers only the one who denied it
            if c_uid in named:
                score += 4.0
            elif affiliated:
                score += 3.0
            elif d.against is not None:
                score += 1.0  # the one it was found to answer, though not named here
            if c.frame is not None and c.frame in named:
                score += 1.5
            score += _object_bonus(d.object_noun, c.evidence)
            if d_uid in {self._live(u) for u in c.in_text}:
                score += 2.0
            if c.stems and d.stems:
                shared = len(c.stems & d.stems)
                score += 3.0 * shared / math.sqrt(len(c.stems) * len(d.stems))
            dist = d.sent_idx - c.sent_idx
            if dist >= 0:
                score += 1.0 / (1.0 + dist / 2.0)
                if d.about_claim and c_uid in contested:
                    score += 1.5  # "the allegations": the claim the article is about
                if d.demonstrative and dist <= 2:
                    score += 1.5 / (1.0 + dist)  # "denied that": what was just said
                if (d.demonstrative or d.about_claim) and NEGATED_START_RE.match(c.text):
                    score -= 1.0  # "the claims are untrue" answers an accusation, not a "no"
            elif (
                c_uid in named
                or affiliated
                or d_uid in {self._live(u) for u in c.in_text}
                or (d.against is not None and c_uid in d.against)  # the accuser, told later
            ):
                score += 0.5 / (1.0 + -dist / 2.0)
            else:
                continue  # a denial answers what came before, unless it names the claim
            scored.append((score, c))
        return scored

    def _prefer_principal(
        self, best: Claim, best_score: float, scored: list[tuple[float, Claim]]
    ) -> Claim:
        """A denial answers the organisation rather than the person speaking for it: prefer
        the principal's own claim when it matches nearly as well."""
        aff = self.actors[self._live(best.uid)].affiliation.lower()
        if not aff:
            return best
        principal = [
            (sc, c)
            for sc, c in scored
            if self.actors[self._live(c.uid)].name.lower() == aff and sc >= best_score - 3.0
        ]
        return max(principal, key=lambda x: x[0])[1] if principal else best


# Nouns for a piece of research: "questioned the findings" answers "a study ... found".
RESEARCH_NOUNS = frozenset(STUDY_NOUNS - {"statement", "letter"}) | {"findings", "results"}


def _object_bonus(noun: str, evidence: str) -> float:
    """A denial that names what it answers ("the reanalysis", "the findings") fits the
    claim whose sentence speaks of that thing."""
    if not noun:
        return 0.0
    words = set(re.findall(r"[a-z]+", evidence.lower()))
    if noun in words:
        return 1.5
    heads = noun.split()
    mods = [w[:5] for w in heads[:-1] if len(w) >= 4 and w.isalpha()]
    if any(w.startswith(m) for m in mods for w in words):
        return 1.5  # "the bonus figure" answers the claim about bonuses
    if noun in RESEARCH_NOUNS and words & RESEARCH_NOUNS:
        return 1.0
    return 0.0


def _consistent(
    pairs: list[tuple[Claim, Claim | None]], statements: list[Claim]
) -> tuple[list[tuple[Claim, Claim | None]], list[Claim]]:
    """Every rebuttal answers a claim that is still a statement: one whose target turned out
    to be an answer itself stays a claim of its own."""
    listed = {id(c) for c in statements}
    out: list[tuple[Claim, Claim | None]] = []
    for d, t in pairs:
        if t is not None and id(t) not in listed:
            t = None
            if id(d) not in listed:
                statements.append(d)
                listed.add(id(d))
        out.append((d, t))
    statements.sort(key=lambda c: c.sent_idx)
    return out, statements


def _prefixes(stems: frozenset[str]) -> set[str]:
    """Six-letter heads of the longer words: "retract" and "retraction" share one."""
    return {w[:6] for w in stems if len(w) >= 6}
