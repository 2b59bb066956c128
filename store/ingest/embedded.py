"""Embedded claims: a claim named inside a denial ("the allegations made by X that ...",
"claims by their former striker that ..."), added as the claim the denial answers."""

from __future__ import annotations

import re

from ..models import TEXT_MAX
from .document import Anchor, Claim, Document, Sentence
from .lexicon import ROLE_HEADS
from .names import content_stems

EMBEDDED_RE = re.compile(
    r"\b(?:claims?|allegations?|accusations?|assertions?|suggestions?|reports?)\s+"
    r"(?:(?:made|levelled|leveled|published|issued|voiced|spread|repeated)\s+)?by\s+"
    r"|\b(?:a|an|the)\s+(?:former\s+|ex-)?(?:[a-z-]+\s+){0,2}[a-z-]+'s\s+(?=(?:claims?|"
    r"allegations?|accusations?)\s+that\b)"
    # "disputed the Ledger's report that ...": the named owner just before.
    r"|(?P<poss>(?<=[a-z])['’]s\s+(?:[a-z-]+\s+)?(?:report|story|claims?|allegations?|"
    r"accusations?)\s+(?=that\b))"
)
DESCRIPTION_RE = re.compile(
    r"(?:the|their|his|her|its)\s+(?:former\s+|ex-|own\s+|one-time\s+)?([a-z-]+)\b"
)


class EmbeddedStage(Document):
    def _embedded_claims(self, sent: Sentence, anchors: list[Anchor]) -> None:
        """'allegations made by Lukashenko that he agreed ...', 'claims by their former
        striker that he was forced out' (the striker is found by role at the end)."""
        text = sent.text
        for m in EMBEDDED_RE.finditer(text):
            men = next(
                (
                    x
                    for x in sent.mentions
                    if x.ext <= m.end() + 40 and x.s >= m.end() and x.uid is not None
                ),
                None,
            )
            head = ""
            if m.group("poss"):
                men = next(
                    (x for x in sent.mentions if x.e == m.start() and x.uid is not None), None
                )
                if men is None:
                    continue
                owner_end = m.end() - 1
            elif m.group(0).endswith("'s "):
                # "a former campaign staffer's claim that ...": found by role at the end.
                men = None
                head = m.group(0).split()[-1].split("'")[0].lower()
                tail = re.match(r"(?:claims?|allegations?|accusations?)\s+", text[m.end() :])
                if head not in ROLE_HEADS or tail is None:
                    continue
                owner_end = m.end() + tail.end() - 1
            elif men is not None:
                owner_end = men.e
            else:
                dm = DESCRIPTION_RE.match(text, m.end())
                if dm is None or dm.group(1).lower() not in ROLE_HEADS:
                    continue
                head, owner_end = dm.group(1).lower(), dm.end(1)
            tm = re.match(r"\s*(?:,[^,]{0,80},\s*)?that\s+", text[owner_end:])
            if not tm:
                continue
            c0 = owner_end + tm.end()
            claim, c1, denier = self._embedded_text(sent, anchors, m.start(), c0)
            if len(claim.split()) < 2:
                continue
            in_text = frozenset(
                self._live(x.uid) for x in sent.mentions if x.uid is not None and c0 <= x.s < c1
            )
            if denier is not None:
                in_text |= {denier}
            found = Claim(
                uid=self._live(men.uid) if men is not None and men.uid is not None else -1,
                text=claim[:TEXT_MAX],
                evidence=self._evidence(sent),
                sent_idx=sent.idx,
                pos=sent.start + c0,
                said_on=self._said_on(sent),
                quote=False,
                named=frozenset(self._live(x.uid) for x in sent.mentions if x.uid is not None),
                in_text=in_text,
                stems=content_stems(claim),
            )
            if head:
                self.deferred.append((found, head))
            elif not self._reported_before(found):
                self.claims.append(found)

    def _reported_before(self, found: Claim) -> bool:
        """'Reyes said players had been bullied' ... 'rejected claims by Reyes that players
        were bullied': the claim named in the denial was already reported; the denial
        answers that one."""
        uid = self._live(found.uid)
        need = min(2, len(found.stems))
        for c in reversed(self.claims):  # in sentence order: stop at the old ones
            if found.sent_idx - c.sent_idx > 8:
                return False
            if need and self._live(c.uid) == uid and len(c.stems & found.stems) >= need:
                return True
        return False

    def _embedded_text(
        self, sent: Sentence, anchors: list[Anchor], m0: int, c0: int
    ) -> tuple[str, int, int | None]:
        """The embedded claim's text and end, and the actor denying it in this sentence."""
        text = sent.text
        c1 = len(text)
        for x in anchors:
            xs = sent.toks[x.i][0]
            if xs > c0 and x.speaker is not None:
                cut = re.search(r"(?:,\s*(?:and|but|while|after)?\s*|\s(?:and|but)\s)$", text[:xs])
                c1 = cut.start() if cut else xs
                break
        claim = self._clean_claim(self._original(sent, text[c0:c1], c0, c1), False)
        denier = next(
            (x for x in anchors if x.deny and x.speaker is not None and sent.toks[x.i][0] < m0),
            None,
        )
        if denier is None or denier.speaker is None:
            return claim, c1, None
        d_actor = self.actors[self._live(denier.speaker)]
        # "X denied claims by Y that he ...": "he" is the one denying, when X is a person.
        pron = re.match(r"(he|she|they|it)\b", claim, re.IGNORECASE)
        if pron and (d_actor.kind == "person") == (pron.group(1).lower() in ("he", "she")):
            short = d_actor.name.split()[-1] if d_actor.kind == "person" else d_actor.name
            claim = short + claim[pron.end() :]
        return claim, c1, d_actor.uid
