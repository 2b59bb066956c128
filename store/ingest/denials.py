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
    r"no (?:indication|evidence|sign|proof)(?: whatsoever)?[\"“”‘’']? (?:of|that))\b",
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
        for d in (c for c in self.claims if c.denial):
            d_uid = self._live(d.uid)
            d_aff = self.actors[d_uid].affiliation.lower()
            scored: list[tuple[float, Claim]] = []
            # Bounded window: a denial answers a claim in the same stretch of the article.
            lo = bisect.bisect_left(positions, d.sent_idx - 60)
            named = {self._live(u) for u in d.named} - {d_uid}
            for ci in range(lo, len(statements)):
                c = statements[ci]
                if c.sent_idx > d.sent_idx + 12:
                    break
                c_uid = self._live(c.uid)
                if c_uid == d_uid:
                    continue
                c_actor = self.actors[c_uid]
                if d_aff and c_actor.name.lower() == d_aff:
                    continue
                if (
                    c_actor.affiliation
                    and c_actor.affiliation.lower() == self.actors[d_uid].name.lower()
                ):
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
                in_text = {self._live(u) for u in c.in_text}
                if d_uid in in_text:
                    score += 2.0
                if c.stems and d.stems:
                    shared = len(c.stems & d.stems)
                    score += 3.0 * shared / math.sqrt(len(c.stems) * len(d.stems))
                dist = d.sent_idx - c.sent_idx
                if dist >= 0:
                    score += 1.0 / (1.0 + dist / 2.0)
                else:
                    score += 0.5 / (1.0 + -dist / 2.0)
                scored.append((score, c))
            best: Claim | None = None
            best_score = 0.0
            for score, c in scored:
                if score > best_score:
                    best, best_score = c, score
            if best is not None:
                # A denial answers the organisation rather than the person speaking for it:
                # prefer the principal's own claim when it matches nearly as well.
                aff = self.actors[self._live(best.uid)].affiliation.lower()
                if aff:
                    principal = [
                        (sc, c)
                        for sc, c in scored
                        if self.actors[self._live(c.uid)].name.lower() == aff
                        and sc >= best_score - 1.5
                    ]
                    if principal:
                        best = max(principal, key=lambda x: x[0])[1]
            # A denial verb always answers something; denial words inside a report need more.
            need = 0.8 if d.strong else 0.5
            pairs.append((d, best if best_score >= need else None))
        return pairs, statements
