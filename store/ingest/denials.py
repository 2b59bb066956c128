"""Denials and linking: claims named inside a denial ("the allegations made by X that ..."),
and each denial paired with the claim it answers."""

from __future__ import annotations

import bisect
import math
import re

from ..models import TEXT_MAX
from .document import Anchor, Claim, Document, Sentence
from .names import content_stems

STRONG_DENIAL_RE = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+(?:completely\s+|totally\s+|simply\s+|utterly\s+|"
    r"entirely\s+|absolutely\s+)?(?:false|untrue|baseless|absurd|nonsense|fabricated|lies|a lie|"
    r"groundless|unfounded|fake|not true|wrong)|not true|no truth|no basis|misinterpreted|"
    r"misrepresented|taken out of context|never happened|fake news|categorically|"
    r"no (?:indication|evidence|sign|proof)(?: whatsoever)?[\"“”‘’']? (?:of|that)|"
    r"(?:strongly |categorically |flatly |firmly )?(?:denies|denied|rejects|refutes)\b|"
    r"(?:serious(?:ly)? |fundamental(?:ly)? |methodological )*flaw(?:s|ed)\b)\b",
    re.IGNORECASE,
)


class DenialStage(Document):
    def _embedded_claims(self, sent: Sentence, anchors: list[Anchor]) -> None:
        """'allegations made by Lukashenko that he agreed ...' / "Vasquez's claims that ..."."""
        text = sent.text
        for m in re.finditer(
            r"\b(?:claims?|allegations?|accusations?|assertions?|suggestions?|reports?)\s+"
            r"(?:(?:made|levelled|leveled|published|issued|voiced|spread|repeated)\s+)?by\s+",
            text,
        ):
            men = next(
                (
                    x
                    for x in sent.mentions
                    if x.ext <= m.end() + 40 and x.s >= m.end() and x.uid is not None
                ),
                None,
            )
            if men is None:
                continue
            rest = text[men.e :]
            tm = re.match(r"\s*(?:,[^,]{0,80},\s*)?that\s+", rest)
            if not tm:
                continue
            c0 = men.e + tm.end()
            c1 = len(text)
            for x in anchors:
                xs = sent.toks[x.i][0]
                if xs > c0 and x.speaker is not None:
                    cut = re.search(
                        r"(?:,\s*(?:and|but|while|after)?\s*|\s(?:and|but)\s)$", text[:xs]
                    )
                    c1 = cut.start() if cut else xs
                    break
            claim = self._clean_claim(self._original(sent, text[c0:c1], c0, c1), False)
            # "X denied claims by Y that he ...": "he" is the one denying.
            denier = next(
                (
                    x
                    for x in anchors
                    if x.deny and x.speaker is not None and sent.toks[x.i][0] < m.start()
                ),
                None,
            )
            if denier is not None:
                d_actor = self.actors[self._live(denier.speaker)]  # type: ignore[arg-type]
                pron = re.match(r"(he|she|they|it)\b", claim, re.IGNORECASE)
                if pron:
                    short = d_actor.name.split()[-1] if d_actor.kind == "person" else d_actor.name
                    claim = short + claim[pron.end() :]
            if len(claim.split()) < 2:
                continue
            uid = self._live(men.uid)  # type: ignore[arg-type]
            named = frozenset(self._live(x.uid) for x in sent.mentions if x.uid is not None)
            in_text = frozenset(
                self._live(x.uid) for x in sent.mentions if x.uid is not None and c0 <= x.s < c1
            ) | (
                frozenset([self._live(denier.speaker)])
                if denier is not None and denier.speaker is not None
                else frozenset()
            )
            self.claims.append(
                Claim(
                    uid=uid,
                    text=claim[:TEXT_MAX],
                    evidence=self._evidence(sent),
                    sent_idx=sent.idx,
                    pos=sent.start + c0,
                    said_on=self._said_on(sent),
                    quote=False,
                    named=named,
                    in_text=in_text,
                    stems=content_stems(claim),
                )
            )

    def link(self) -> tuple[list[tuple[Claim, Claim | None]], list[Claim]]:
        """Pair each denial with the claim it answers; unpaired denials become statements."""
        statements = sorted((c for c in self.claims if not c.denial), key=lambda c: c.sent_idx)
        positions = [c.sent_idx for c in statements]
        pairs: list[tuple[Claim, Claim | None]] = []
        contested: set[int] = set()  # actors whose claims were already denied
        last_target: dict[int, tuple[int, Claim]] = {}  # denier -> (sentence, claim)
        for d in sorted((c for c in self.claims if c.denial), key=lambda c: c.sent_idx):
            d_uid = self._live(d.uid)
            lo = bisect.bisect_left(positions, d.sent_idx - 60)
            scored = self._score_targets(d, statements[lo:], contested)
            best, best_score = max(scored, key=lambda x: x[0], default=(0.0, None))[::-1]
            if best is not None:
                best = self._prefer_principal(best, best_score, scored)
            # A denial verb always answers something; denial words inside a report need more.
            need = 0.8 if d.strong else 0.5
            target = best if best_score >= need else None
            prior = last_target.get(d_uid)
            if target is None and prior is not None and d.sent_idx - prior[0] <= 3:
                target = prior[1]  # "'That never happened,' she said": the same dispute
            if target is not None:
                contested.add(self._live(target.uid))
                last_target[d_uid] = (d.sent_idx, target)
            pairs.append((d, target))
        return pairs, statements

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
            if c_actor.affiliation and c_actor.affiliation.lower() == d_actor.name.lower():
                continue
            score = 0.0
            if c_uid in named:
                score += 4.0
            elif c_actor.affiliation and any(
                self.actors[u].name.lower() == c_actor.affiliation.lower() for u in named
            ):
                score += 3.0
            if c.frame is not None and c.frame in named:
                score += 1.5
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
            else:
                score += 0.5 / (1.0 + -dist / 2.0)
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
            if self.actors[self._live(c.uid)].name.lower() == aff and sc >= best_score - 1.5
        ]
        return max(principal, key=lambda x: x[0])[1] if principal else best
