"""Dispute structure: answers found from the shape of a two-sided dispute rather than from a
denial word. A denier's next words in the same paragraph; a verdict on the other side's
report ("the report was pure speculation"); a lede that answers a report it names ("X
insisted ..., after a newspaper reported that ...")."""

from __future__ import annotations

import bisect
import re

from .document import Claim, Document
from .lexicon import CLIENT_ROLES
from .negation import MODAL_START_RE, NEGATED_START_RE, OWN_STEP_RE, STANDS_BY_RE

# "The report was 'pure speculation'", "the claims were a crude attempt to distract".
JUDGED_RE = re.compile(
    r"(?:the|these|those|this|that|such|their|his|her|its)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:reports?|claims?|allegations?|accusations?|story|stories|article|findings|figures|"
    r"criticism|suggestions?|affidavits?|accounts?|version|testimony)\s+[\"“]?"
    r"(?:was|were|is|are|had been|has been|have been|"
    r"amounted|represented|lacked|lack)\b",
    re.IGNORECASE,
)
# "Tesso claims were 'a fabrication'": a verdict on claims named by who made them.
NAMED_JUDGED_RE = re.compile(
    r"[A-Z][\w'’-]*\s+(?:claims|allegations|accusations|reports)\s+(?:were|are|have been)\b"
)
# A verdict that agrees: "the report was accurate", "the findings were concerning".
AGREEING_VERDICT_RE = re.compile(
    r"\b(?:accurate|correct|right|true|fair|welcome|helpful|important|useful|valuable|"
    r"serious|concerning|worrying|timely|balanced)\b",
    re.IGNORECASE,
)
VERDICT_NEGATION_RE = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)
# "..., after a newspaper reported that ...": the lede answers what it names next.
AFTER_REPORT_RE = re.compile(
    r"\b(?:after|following)\s+(?:[\w'-]+\s+){0,5}?"
    r"(?:reported|claimed|alleged|accused|suggested|revealed|published|said|wrote)\b",
    re.IGNORECASE,
)
MODAL_RE = re.compile(r"(?:\S+\s+){0,5}?(?:would|will|plans?\s+to|intends?\s+to)\b", re.I)
AGREE_RE = re.compile(
    r"(?:\S+\s+){0,3}?(?:accepted|accepts|agreed|agrees|welcomed|welcomes|acknowledged|"
    r"admitted|admits|apologised|apologized|regrets|regretted)\b",
    re.IGNORECASE,
)

# "accused union leaders of ...", "called for the contract to be paused": a claim of its own.
NEW_CLAIM_RE = re.compile(r"(?:accus|call|urg|demand|warn)\w*\b", re.IGNORECASE)
VERDICT_RE = re.compile(r"(?:this|that|it)(?:\s+is|'s)\b", re.IGNORECASE)

CONTRAST_RE = re.compile(r"(?:but|however|yet)\b", re.IGNORECASE)
NEGATED_OPENING_RE = re.compile(
    r"(?:\S+\s+){0,4}?[\"“']?(?:no|not|never|nothing|nobody|none)\b|(?:\S+\s+){0,4}?\w+n't\b",
    re.I,
)
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople"})
BLANK_LINE_RE = re.compile(r"\n[ ]*\n")
NEWLINE_RE = re.compile(r"\n")


class DisputeStage(Document):
    def _side_of(self, uid: int, by_first: dict[str, set[int]]) -> set[int]:
        """The denier and, for a government, the bodies of the same country ("Philippine
        government", "Philippine Coast Guard")."""
        actor = self.actors[uid]
        if actor.kind != "government":
            return {uid}
        return {uid} | by_first.get(actor.name.split()[0].lower(), set())

    def _side_words(self, side: set[int]) -> set[str]:
        return {self.actors[u].name.split()[0].lower() for u in side}

    def _on_side(self, uid: int, side: set[int]) -> bool:
        """One of the denying side: itself, affiliated with it, or a government's own
        minister ("Ugandan Foreign Minister Sam Oketch" for the Ugandan government)."""
        actor = self.actors[uid]
        aff = actor.affiliation.lower()
        if uid in side or any(self.actors[u].name.lower() == aff for u in side):
            return True
        words = self._side_words(side)
        if aff and aff.split()[0] in words:
            return True
        role = actor.role.lower().split()
        if actor.kind != "person" or not role:
            return False
        if (
            any(self.actors[u].kind != "person" for u in side)
            and role[-1] in SPOKES
            and set(role[:-1]) & {w for u in side for w in self.actors[u].name.lower().split()}
        ):
            return True  # "Government spokesman Abel Tesfa" for the Terranian government
        return any(self.actors[u].kind == "government" for u in side) and any(
            role[0].startswith(w) for w in words
        )

    def _defences(self) -> None:
        """'Her lawyer said Ms Dane had been at home all night' ... 'Prosecutors said there was a
        reasonable suspicion that she took part': a negated or exculpating claim about the
        one another side accuses (or by it, or by its lawyer), near that accusation, before or
        after it, answers the accuser."""
        ordered = sorted(self.claims, key=lambda x: x.sent_idx)
        at = [x.sent_idx for x in ordered]
        clients: dict[int, set[int]] = {}
        for c in self.claims:
            if c.denial or MODAL_START_RE.match(c.text) or OWN_STEP_RE.match(c.text):
                continue
            parts = re.split(r"(?<=[.!?])\s+", c.text)
            if not (any(NEGATED_START_RE.match(p) for p in parts) or EXCULPATING_RE.search(c.text)):
                continue
            uid = self._live(c.uid)
            if uid not in clients:
                clients[uid] = self._clients(uid)
            side = {uid} | clients[uid]
            about = {self._live(u) for u in c.in_text} | {uid}
            if not about & side:
                continue
            window = ordered[
                bisect.bisect_left(at, c.sent_idx - 6) : bisect.bisect_right(at, c.sent_idx + 6)
            ]
            near = [
                e
                for e in window
                if not e.denial
                and e is not c
                and abs(e.sent_idx - c.sent_idx) <= 6
                and self._live(e.uid) not in side
                and frozenset((uid, self._live(e.uid))) not in self.allied
                and {self._live(u) for u in e.in_text} & (side - {uid} or side)
                and not any(NEGATED_START_RE.match(p) for p in re.split(r"(?<=[.!?])\s+", e.text))
            ]
            if near:
                e = min(near, key=lambda x: abs(x.sent_idx - c.sent_idx))
                c.denial = True
                c.against = frozenset((self._live(e.uid),))

    def _clients(self, uid: int) -> set[int]:
        """Those a lawyer acts for: the role "Dane's lawyer" names the client."""
        role = self.actors[uid].role
        m = CLIENT_ROLE_RE.match(role)
        if not m:
            return set()
        who = m.group(1).lower()
        return {
            a.uid
            for a in self.actors
            if a.merged_into is None
            and a.uid != uid
            and (
                who == a.name.lower()
                or who in (x.lower() for x in a.aliases)
                or who == a.name.lower().split()[-1]
            )
        }

    def _co_deniers(self) -> None:
        """'The minister condemned the allegations ...' / 'An aide called the reports
        reckless': two who each deny the claims, naming neither the other, are on one side of
        the dispute and never each other's target."""
        deniers: dict[int, set[int]] = {}  # denier -> actors its denials name
        for c in self.claims:
            if c.denial and c.about_claim and c.against is None and not STANDS_BY_RE.match(c.text):
                uid = self._live(c.uid)
                deniers.setdefault(uid, set()).update(
                    {self._live(u) for u in c.named | c.in_text} - {uid}
                )

        def names(named: set[int], uid: int) -> bool:
            # "rejected the clinic's explanation" names the clinic's medical director too
            aff = self.actors[uid].affiliation.lower()
            return uid in named or any(self.actors[u].name.lower() == aff for u in named)

        for a, a_named in deniers.items():
            for b, b_named in deniers.items():
                if a < b and not names(a_named, b) and not names(b_named, a):
                    self.allied.add(frozenset((a, b)))

    def _judged_claims(self) -> None:
        """'A spokesman for Anders said the report was "pure speculation"': a verdict on a
        report or claims, by someone other than the one who made them, rebuts them unless
        it agrees ("the findings were concerning")."""
        recent: list[Claim] = []
        for c in sorted(self.claims, key=lambda x: x.sent_idx):
            if not c.denial and (JUDGED_RE.match(c.text) or NAMED_JUDGED_RE.match(c.text)):
                agrees = bool(AGREEING_VERDICT_RE.search(c.text)) and not (
                    VERDICT_NEGATION_RE.search(c.text)
                )
                uid = self._live(c.uid)
                other = any(
                    self._live(e.uid) != uid
                    and frozenset((uid, self._live(e.uid))) not in self.allied
                    and c.sent_idx - e.sent_idx <= 6
                    for e in recent
                )
                if other and not agrees:
                    c.denial = True
                    c.about_claim = True
            recent = [*recent[-20:], c]

    def _contrasted_claims(self) -> None:
        """'The army said the raid killed dozens of fighters. But the rebels' spokesman said
        the aircraft could not have hit them': a sentence that opens with "But" or "However"
        and negates, or names the one who spoke last, by another side, answers the claim
        just before (a counter-account without a "not" is a claim of its own, which the
        first side may then deny)."""
        last: Claim | None = None
        spoke = {self._live(e.uid) for e in self.claims if not e.denial}
        for c in sorted(self.claims, key=lambda x: (x.sent_idx, x.pos)):
            if (
                last is not None
                and not c.denial
                and CONTRAST_RE.match(c.evidence)
                and (
                    (NEGATED_OPENING_RE.match(c.text) and c.sent_idx - last.sent_idx <= 2)
                    # "But Tate argued Ms Ellery had ample chance to ...": about the other.
                    or self._live(last.uid) in {self._live(u) for u in c.in_text}
                )
                and 1 <= c.sent_idx - last.sent_idx <= 6
                and self._live(c.uid) != self._live(last.uid)
                and frozenset((self._live(c.uid), self._live(last.uid))) not in self.allied
                and not MODAL_RE.match(c.text)
                and not AGREE_RE.match(c.text)
            ):
                c.denial = True
                c.against = frozenset((self._live(last.uid),))
            elif last is not None and not c.denial:
                self._contrast_after_own(c, last, spoke)
            last = c

    def _contrast_after_own(self, c: Claim, last: Claim, spoke: set[int]) -> None:
        """'X issued a statement about the Courier's article, confirming that staff asked
        for a receipt. But he stressed that no one was asked to leave anything out': a "But"
        and a negation after one's own words that named the other side answer that side."""
        uid = self._live(c.uid)
        if (
            self._live(last.uid) != uid
            or not 0 <= c.sent_idx - last.sent_idx <= 1
            or not CONTRAST_RE.match(c.evidence)
            or not NEGATED_OPENING_RE.search(c.text)
            or MODAL_RE.match(c.text)
        ):
            return
        others = {
            self._live(u)
            for u in last.named
            if self._live(u) != uid
            and self._live(u) in spoke
            and frozenset((uid, self._live(u))) not in self.allied
        }
        if len(others) == 1:
            c.denial = True
            c.against = frozenset(others)

    def _answers_named_report(self) -> None:
        """'Kellsworth Trust has insisted it is not putting patients at risk, after a
        newspaper reported that ...': the lede answers the report told in its own sentence."""
        by_sent: dict[int, list[Claim]] = {}
        for c in self.claims:
            by_sent.setdefault(c.sent_idx, []).append(c)
        for group in by_sent.values():
            if len(group) < 2:
                continue
            for c in group:
                if c.denial or MODAL_RE.match(c.text) or not AFTER_REPORT_RE.search(c.evidence):
                    continue
                uid = self._live(c.uid)
                reporters = {
                    self._live(e.uid)
                    for e in group
                    if e.pos > c.pos
                    and self._live(e.uid) != uid
                    and frozenset((uid, self._live(e.uid))) not in self.allied
                }
                if reporters:
                    c.denial = True
                    c.against = frozenset(reporters)

    def _continuations(
        self,
        pairs: list[tuple[Claim, Claim | None]],
        statements: list[Claim],
        taken: set[int],
    ) -> dict[int, tuple[Claim, Claim]]:
        """'In a statement, the club said Marsh had made no allegation. "Tony has the
        greatest respect for referees," the statement said.': the denier's next words, in the
        same paragraph, go on answering the same claim (a plan or an admission does not)."""
        out: dict[int, tuple[Claim, Claim]] = {}
        targets = {id(t) for _, t in pairs if t is not None}
        by_sent: dict[int, list[Claim]] = {}
        for c in statements:
            by_sent.setdefault(c.sent_idx, []).append(c)
        queue = [(d, t) for d, t in pairs if t is not None]
        brk = BLANK_LINE_RE if queue and BLANK_LINE_RE.search(self.work) else NEWLINE_RE
        while queue:
            d, target = queue.pop(0)
            d_uid = self._live(d.uid)
            for c in by_sent.get(d.sent_idx + 1, ()):
                if (
                    id(c) in out
                    or id(c) in taken
                    or id(c) in targets
                    or brk.search(self.work, min(d.pos, c.pos), max(d.pos, c.pos))
                    or self._live(c.uid) != d_uid
                    or self._live(target.uid) == d_uid
                    or MODAL_RE.match(c.text)
                    or AGREE_RE.match(c.text)
                    or NEW_CLAIM_RE.match(c.text)
                ):
                    continue
                # On the same matter, or a verdict on what was said ("This is propaganda").
                said = target.stems.union(
                    *(
                        e.stems
                        for i in range(d.sent_idx - 4, d.sent_idx + 1)
                        for e in by_sent.get(i, ())
                        if self._live(e.uid) == self._live(target.uid)
                    )
                )
                if not (c.stems & said or (c.quote and VERDICT_RE.match(c.text))):
                    continue
                c.denial = True
                out[id(c)] = (c, target)
                queue.append((c, target))
        return out


# "innocent", "had nothing to do with the theft": clearing the accused without a "not".
EXCULPATING_RE = re.compile(
    r"\b(?:innocent|unrelated to|no part in|nothing to do with|wrongly accused|unjustly)\b", re.I
)
CLIENT_ROLE_RE = re.compile(
    r"^(.+?)['’]s\s+(?:[\w-]+\s+)?(?:" + "|".join(sorted(CLIENT_ROLES)) + r")$", re.I
)
