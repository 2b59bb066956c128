"""Attribution: per sentence, anchors -> speakers -> claims; quotes carried over sentences;
speakers introduced after their claim; salience for later pronouns."""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import TEXT_MAX
from .document import EVIDENCE_MAX, Anchor, Claim, Document, Mention, Sentence
from .lexicon import DESCRIBE
from .names import content_stems
from .negation import strong_denial
from .registry import VERB_BEFORE_RE

# "The lawsuit, filed on Monday in the county court by Derek Ossley, ...": its agent.
FILING_RE = re.compile(
    r"\b(?:sues|(?<!being )suing|(?<!was )(?<!were )(?<!been )(?<!being )(?<!is )(?<!are )(?<!be )"
    r"(?:sued|(?:filed|lodged|brought|launched)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}(?:lawsuit|suit|complaint|claim|petition|case|action)))\b"
)
# "In a claim filed at the High Court, Bellini's lawyers say": the speaker filed it.
DOC_FILED_RE = re.compile(r"\b(?:lawsuit|suit|complaint|claim|petition)s?,?\s+(?:filed|lodged)\b")
FILED_BY_RE = re.compile(
    r"\b(?:lawsuit|suit|complaint|claim|petition|filing|writ)s?,?\s+(?:which\s+was\s+|was\s+)?"
    r"(?:filed|brought|lodged|launched)\b(?:[^.;\"]|\.(?=[ ]\d)){0,90}?\bby\s+(?:the\s+)?",
    re.IGNORECASE,
)
# "the news agency Wirex reported": an outlet that passes on what others said.
AGENCY_RE = re.compile(r"\b(?:news|press|wire)\s+(?:agency|service)\s+$", re.IGNORECASE)
CITING_RE = re.compile(
    r"\bciting\s+(?:a|an|the)\s+(?:\w+\s+)?(?:report|story|article)s?\b[^,]*,", re.I
)
# An outlet named as the way words reached the article: "quoted by the Wire", "told Reuters".
CHANNEL_BEFORE_RE = re.compile(
    r"\b(?:(?:quoted|obtained|seen|cited)\s+by|told|according\s+to)\s+(?:the\s+)?$", re.I
)
QUOTE_MARK_RE = re.compile(r"[\"“”‘`]|(?:^|\s)'")
LAW_FIRM_RE = re.compile(r"\b(?:(?:law|legal)\s+firm|solicitors|lawyers),?\s+$", re.IGNORECASE)
# '"listed compounds" like X as those ...': what follows a quoted object described.
AS_OBJECT_RE = re.compile(r"(?:\s+[\w-]+){0,3}?\s+as\s")
BEHALF_RE = re.compile(r"\bon behalf of\b")
SPOKES_WORDS = frozenset(("spokesman", "spokeswoman", "spokesperson", "representative"))


ACCUSED_RE = re.compile(r"\b(?:accused|accusing|alleged|alleging|allegations?)\b")
NO_COMMENT_RE = re.compile(
    r"\b(?:could not be reached|declined to comment|did not respond|did not return|"
    r"was not available for comment|has not commented|refused to comment)\b"
)
# ", and his Estavian counterpart," between two joint speakers.
CO_TITLED_RE = re.compile(r",?\s*(?:and|&)\s+(?:his|her|their|its|the)\s+[\w' -]{2,40},")


class AttributionStage(Document):
    def _attributions(self, sent: Sentence) -> None:
        self._appositives(sent)
        self._note_filer(sent)
        self._note_allies(sent)
        anchors = self._anchors(sent)
        self._note_issuer(sent)
        for a in anchors:
            self._find_speaker(sent, a, anchors)
            self._note_spokesperson(sent, a)
        self._note_document_speaker(sent, anchors)
        text = sent.text
        for b in anchors:
            if b.speaker is None or b.elided or b.according:
                continue
            for a in anchors:
                if a is b or a.according or (a.speaker is None and not a.elided) or a.i >= b.i:
                    continue
                gap = text[a.a1 : b.a0]
                if a.a1 <= b.a0 and len(gap) < 300 and not re.search(r"[,;:\"`]|\s-\s", gap):
                    # "said that Hamas had rejected the proposal": Hamas is not speaking here.
                    b.speaker = None
                    break
        frame = next((a for a in anchors if a.according and a.speaker is not None), None)
        self._elided_speakers(sent, anchors, frame)
        for idx, a in enumerate(anchors):
            if a.speaker is None:
                continue
            waiting = {id(p[1]) for p in self.pending if p[0] is sent}
            if a.according and any(
                (x.speaker is not None or id(x) in waiting)
                and not x.according
                and not x.elided
                and x.i != a.i
                for x in anchors
            ):
                # "According to Lukashenko, Putin said ...": the inner speaker carries it;
                # "..., the club said, according to Reuters": the outlet only passes it on.
                continue
            if any(
                x.claim_end >= sent.toks[a.i][0]
                and x.speaker == a.speaker
                and (a.participle or x.passive)
                for x in anchors[:idx]
            ):
                # "..., saying the roads had been closed" / "refuted by X, who said ...":
                # part of the claim before it.
                continue
            if a.passive:
                # The passive denial is the whole sentence: what was denied, by whom, why.
                a.claim_end = len(text)
                self._record(sent, a, 0, len(text), False, False, frame)
                continue
            result = self._claim_span(sent, a, anchors, idx)
            if result is None:
                if text.rstrip().endswith(":") and idx == len(anchors) - 1:
                    # 'In a statement, the firm said:' and the quote in the next paragraph.
                    self.awaiting = (sent.idx, self._live(a.speaker), a.deny)
                continue
            c0, c1, quote, keep_verb = result
            if self._channel(sent, a, c0, c1, anchors) or self._law_firm(sent, a):
                continue
            if not quote:
                a.claim_end = c1
            self._record(sent, a, c0, c1, quote, keep_verb, frame)
            co = self._co_subject(sent, a)
            if co is not None:
                # "Greenpeace and Friends of the Earth argue that ...": both say it.
                self._record(sent, replace(a, speaker=co), c0, c1, quote, keep_verb, frame)
        self._embedded_claims(sent, anchors)
        waiting = len(self.open_quotes)
        if not any(a.speaker is not None for a in anchors):
            self._continued_quote(sent)
        if len(self.open_quotes) == waiting:
            self._uncued_quotes()
        self._note_salience(sent, anchors)

    def _uncued_quotes(self) -> None:
        """Quote sentences no cue claimed, right after a person spoke ("Hale said the claims
        were wrong. He backed the scheme. '...'"): that person's words."""
        quotes, self.open_quotes = self.open_quotes, []
        if not quotes or not self.salient_people:
            return
        first, _, opening = quotes[0]
        idx, uid = self.salient_people[-1]
        if opening.prev is not None or not first - 2 <= idx < first:
            return  # only a paragraph that opens with the quote
        said = next((c for c in reversed(self.claims[-20:]) if c.uid == self._live(uid)), None)
        if said is None or QUOTE_MARK_RE.search(said.evidence):
            return  # after words quoted already, a new quote may go on theirs or be anyone's
        claim = " ".join(q for _, q, _ in quotes)
        if not re.search(r"\b(?:I|my|me|My)\b", claim):
            return  # only words that speak for themselves ("My answer is ...")
        self._quote_claim(quotes[0][2], self._live(uid), claim, False)

    def _elided_speakers(self, sent: Sentence, anchors: list[Anchor], frame: Anchor | None) -> None:
        """An elided subject ("..., saying ...", "and claimed ...") is the frame's, the
        earlier verb's, or the sentence's subject."""
        text = sent.text
        for idx, a in enumerate(anchors):
            if a.speaker is None and a.elided:
                prev = [x for x in anchors[:idx] if x.speaker is not None and not x.according]
                if prev and _inner_coordinate(sent.low, prev[-1], a):
                    continue  # "said that Marsh had questioned ... and had called for ...": his
                if frame is not None and frame.i < a.i:
                    a.speaker = frame.speaker
                elif prev:
                    a.speaker = prev[-1].speaker
                else:
                    a.speaker = self._sentence_subject(sent, a)
                if a.speaker is None and a.participle and FILING_RE.search(text):
                    # "A former manager has sued X, alleging ...": the filer, named later.
                    self.pending.append((sent, a, anchors, "filer"))
                self._note_spokesperson(sent, a)

    def _claim_span(
        self, sent: Sentence, a: Anchor, anchors: list[Anchor], idx: int
    ) -> tuple[int, int, bool, bool] | None:
        result = self._claim(sent, a, anchors, idx)
        if result is not None and result[2] and a.lemma in DESCRIBE:
            tail = sent.text[result[1] :]
            if AS_OBJECT_RE.match(tail):
                # 'defines "listed compounds" as those ...': the quote is the object.
                end = len(tail.rstrip(" .")) + result[1]
                return (sent.toks[a.i][0], end, False, True)
        if result is None and a.deny and not a.according and _ends_sentence(sent, a):
            # "Kingsbridge boss Dave Holloway disagreed.": the bare denial is the claim.
            result = (min(a.a0, sent.toks[a.i][0]), sent.toks[a.j - 1][1], False, False)
        if result is not None and a.participle and not result[2]:
            result = _aside_end(sent, anchors[idx + 1 :], result)
        return result

    def _channel(self, sent: Sentence, a: Anchor, c0: int, c1: int, anchors: list[Anchor]) -> bool:
        """'Minister Ann Roe had given the figures, the news agency Wirex reported': an outlet
        passing on what a person did or said is a channel, not a speaker (its own story, 'the
        banks had moved their reserves, the Ledger reported', stays its claim)."""
        if a.speaker is None or a.according or c0 < 0:
            return False
        uid = self._live(a.speaker)
        cited = CITING_RE.search(sent.text, 0, sent.toks[a.i][0])
        if cited and any(
            m.uid is not None
            and cited.start() < m.s < cited.end()
            and self.actors[self._live(m.uid)].kind == "media"
            for m in sent.mentions
        ):
            return True  # "Citing a report by the Wire, the Digest said ...": passed on
        if a.lemma != "report":
            return False
        own = next(
            (m for m in sent.mentions if m.uid is not None and self._live(m.uid) == uid), None
        )
        if own is not None and AGENCY_RE.search(sent.text, max(0, own.s - 30), own.s):
            return True
        if c1 > a.a0:
            return False  # "the Ledger reported that Ann Roe had agreed terms": its own story
        waiting = {id(p[1]) for p in self.pending if p[0] is sent}
        if any(
            x.i < a.i
            and x.lemma == "say"
            and (x.speaker not in (None, a.speaker) or id(x) in waiting)
            for x in anchors
        ):
            return True  # "The researchers say ..., the Ledger reported": they speak
        # The sentence's subject (or the claim's) is a person: the outlet passes it on.
        for lo in (0, c0):
            first = next((m for m in sent.mentions if m.uid is not None and lo <= m.s < c1), None)
            if first is not None and self._channel_subject(first, uid, sent.text[lo : first.s]):
                return True
        return False

    def _law_firm(self, sent: Sentence, a: Anchor) -> bool:
        """'the borough's solicitors, Dunmore LLP, replied rejecting the claim': a firm
        writes for its client; what it writes is no claim of its own."""
        if a.speaker is None:
            return False
        uid = self._live(a.speaker)
        if self.actors[uid].kind == "person":
            return False
        if self.actors[uid].name.rsplit(" ", 1)[-1].lower() in ("llp", "solicitors"):
            return True
        own = next(
            (m for m in sent.mentions if m.uid is not None and self._live(m.uid) == uid), None
        )
        return own is not None and bool(LAW_FIRM_RE.search(sent.text, max(0, own.s - 40), own.s))

    def _channel_subject(self, m: Mention, uid: int, before: str) -> bool:
        return (
            m.uid is not None
            and self._live(m.uid) != uid
            and self.actors[self._live(m.uid)].kind == "person"
            and len(before.split()) <= 8
        )

    def _note_spokesperson(self, sent: Sentence, a: Anchor) -> None:
        """'A spokesman for the developer said': a later 'he' is the developer speaking."""
        if a.speaker is None or self.actors[self._live(a.speaker)].kind == "person":
            return
        subject = sent.low[max(0, a.i - 9) : a.i]
        verb_at = sent.toks[a.i][0]
        named = any(
            m.uid is not None and self.actors[self._live(m.uid)].kind == "person"
            for m in sent.mentions
            if m.s < verb_at
        )
        if not named and any(w in SPOKES_WORDS for w in subject):
            self.spokes_said = (sent.idx, self._live(a.speaker))

    def _note_allies(self, sent: Sentence) -> None:
        """'Manchester United and Wayne Rooney have issued a joint statement': two names
        joined as one subject speak together, and never rebut each other."""
        named = [m for m in sent.mentions if m.uid is not None and not m.poss]
        if len(named) >= 2 and sent.text[named[0].e : named[1].ext].strip() in ("and", "&"):
            first, second = self._live(named[0].uid), self._live(named[1].uid)  # type: ignore[arg-type]
            if first != second and VERB_BEFORE_RE.match(sent.text, named[1].e + 1):
                self.allied.add(frozenset((first, second)))

    def _note_filer(self, sent: Sentence) -> None:
        """'Ortega Foods filed a lawsuit against ...': whose complaint later speaks."""
        by = FILED_BY_RE.search(sent.text)
        if by:
            # "The lawsuit, filed on Monday by Derek Ossley, alleges ...": the agent filed it.
            agent = next((m for m in sent.mentions if m.uid is not None and m.s >= by.end()), None)
            if agent is not None and agent.s - by.end() <= 4 and agent.uid is not None:
                # "filed by a firm of solicitors on behalf of Ruth Ames": her suit.
                behalf = BEHALF_RE.search(sent.text, agent.e)
                if behalf:
                    agent = next(
                        (m for m in sent.mentions if m.uid is not None and m.s >= behalf.end()),
                        agent,
                    )
                self.filer = self._live(agent.uid)  # type: ignore[arg-type]
                self.filer_at = self.document_said = sent.idx
                return
        filing = FILING_RE.search(sent.text)
        if filing:
            self.filer_at = sent.idx  # a filing by someone, named or not
            before = [m for m in sent.mentions if m.uid is not None and m.e <= filing.start()]
            subject = next((m for m in before if not m.poss), None)
            if subject is not None and subject.uid is not None:
                self.filer = self._live(subject.uid)
                self.filer_at = sent.idx

    def _note_document_speaker(self, sent: Sentence, anchors: list[Anchor]) -> None:
        """'In a claim filed at the High Court, Bellini's lawyers say': Bellini filed it.
        And 'The mayor, Clare Ibbotson, has been accused of ...': her answers rebut."""
        if ACCUSED_RE.search(sent.text):
            self.accused.update(self._live(m.uid) for m in sent.mentions if m.uid is not None)
        if self.filer_at != sent.idx and DOC_FILED_RE.search(sent.text):
            speaker = next((a.speaker for a in anchors if a.speaker is not None), None)
            if speaker is not None:
                self.filer, self.filer_at = self._live(speaker), sent.idx

    def _document_owner(self, sent: Sentence) -> int | None:
        """Whom 'the complaint states' speaks for: the filer; with no filing reported, the
        body that made its case just before ('In a statement of objections, the regulator
        said ... . The complaint states:'); after an anonymous filing, nobody."""
        if self.filer is not None:
            return self._live(self.filer)
        if self.filer_at >= 0 or FILING_RE.search(self.work, max(0, sent.start - 400), sent.start):
            return None
        recent: set[int] = set()
        for c in reversed(self.claims):
            if sent.idx - c.sent_idx > 3:
                break
            recent.add(self._live(c.uid))
        return next(
            (
                self._live(u)
                for i, u in reversed(self.salient_orgs)
                if sent.idx - i <= 3 and self._live(u) in recent
            ),
            None,
        )

    def _co_subject(self, sent: Sentence, a: Anchor) -> int | None:
        """The first of two names joined by "and" as the subject of one verb."""
        if a.according or a.passive or a.elided or a.speaker is None:
            return None
        if sent.text[a.a0 : a.a0 + 5].lower() == "they ":
            pair = self._joint_pair(sent)
            return pair[1] if pair is not None and pair[0] == self._live(a.speaker) else None
        for m in sent.mentions:
            if m.uid is None or m.poss or m.e >= a.a0:
                continue
            gap = sent.text[m.e : a.a0].strip()
            # "Erik Dahl, and his Estavian counterpart, Mara Lind, said": a title between.
            if gap in ("and", "&") or CO_TITLED_RE.fullmatch(gap):
                uid = self._live(m.uid)
                return uid if uid != self._live(a.speaker) else None
        return None

    def _note_salience(self, sent: Sentence, anchors: list[Anchor]) -> None:
        """Remember the sentence's person and organisation for pronouns in later ones."""
        person = None
        org = None
        for a in anchors:
            if a.speaker is None:
                continue
            kind = self.actors[self._live(a.speaker)].kind
            if kind == "person" and person is None:
                person = self._live(a.speaker)
            elif kind != "person" and org is None:
                org = self._live(a.speaker)
        if person is None:
            person = next(
                (
                    self._live(m.uid)
                    for m in sent.mentions
                    if m.uid is not None
                    and not m.poss
                    and not sent.in_quote(m.s)
                    and self.actors[self._live(m.uid)].kind == "person"
                ),
                None,
            )
        if org is None:
            org = next(
                (
                    self._live(m.uid)
                    for m in sent.mentions
                    if m.uid is not None
                    and not sent.in_quote(m.s)
                    and self.actors[self._live(m.uid)].kind != "person"
                    and not CHANNEL_BEFORE_RE.search(sent.text, max(0, m.s - 30), m.s)
                ),
                None,
            )
        speaks = any(a.speaker is not None for a in anchors)
        if person is not None and not speaks and NO_COMMENT_RE.search(sent.text):
            # "Ana Ruiz, who could not be reached for comment": no later "she said".
            self.silent.add(person)
            person = None
        if person is not None:
            self.salient_people.append((sent.idx, person))
            del self.salient_people[:-8]
        if org is not None:
            self.salient_orgs.append((sent.idx, org))
            del self.salient_orgs[:-8]

    def _pending_fallback(self, old: Sentence, a: Anchor, anchors: list[Anchor]) -> None:
        """Nobody with the role was named: the one spoken for says it ("his agent said")."""
        uid = self.pending_fallback.pop(id(a), None)
        if uid is None:
            return
        a.speaker = uid
        result = self._claim_span(old, a, anchors, anchors.index(a))
        if result is not None:
            c0, c1, quote, keep_verb = result
            self._record(old, a, c0, c1, quote, keep_verb, None)

    def _await_members(self, sent: Sentence, a: Anchor, staff: str, place: int | None) -> None:
        """'Nurses at Kell Hospital say ...': the nurses' own body when one is named soon
        ("the Kell Nurses Association"), else the place they work at."""
        self.pending.append((sent, a, [a], "members:" + staff))
        if place is not None:
            self.pending_fallback[id(a)] = self._live(place)
        a.a0 = sent.toks[0][0]

    def flush_pending(self) -> None:
        """At the end of the article: descriptions never named fall back as above."""
        for old, a, anchors, _ in self.pending:
            self._pending_fallback(old, a, anchors)
        self.pending = []

    def _pending_match(self, sent: Sentence, old: Sentence, head: str) -> int | None:
        """The actor a description waits for: a person given that role here, or for "a group"
        the first organisation introduced after it."""
        if head == "filer":
            return self.filer if self.filer is not None and self.filer_at > old.idx else None
        for m in sent.mentions:
            if m.uid is None:
                continue
            actor = self.actors[self._live(m.uid)]
            if head.startswith("members:"):
                if actor.kind != "person" and head[8:] in actor.name.lower().split():
                    return actor.uid  # "Nurses at ... say" and then the Nurses Association
            elif head.startswith("org:"):
                if actor.kind != "person" and actor.pos >= old.end:
                    return actor.uid
            elif actor.kind == "person" and head in actor.role.lower() and actor.pos >= sent.start:
                return actor.uid
        return None

    def _resolve_pending(self, sent: Sentence) -> None:
        keep = []
        for old, a, anchors, head in self.pending:
            if old is sent:
                keep.append((old, a, anchors, head))
                continue
            if sent.idx - old.idx > 3:
                self._pending_fallback(old, a, anchors)
                continue
            found = self._pending_match(sent, old, head)
            if found is None:
                keep.append((old, a, anchors, head))
                continue
            a.speaker = found
            result = self._claim_span(old, a, anchors, anchors.index(a))
            if result is not None:
                c0, c1, quote, keep_verb = result
                self._record(old, a, c0, c1, quote, keep_verb, None)
        self.pending = keep

    def _continued_quote(self, sent: Sentence) -> None:
        """A sentence that is all quote, right after a quoted speaker, continues that quote
        (one cue, one statement): '"Mateo is happy here," Almeida said. "We laughed."'; after
        "X said:" it is X's quote; otherwise it waits for the cue in the next paragraph."""
        text = sent.text
        if (
            not sent.quotes
            or sent.quotes[0][0] != 0
            or sent.quotes[0][1] < len(text.rstrip(" .")) - 1
        ):
            return
        claim = self._clean_claim(self._original(sent, text, 0, len(text)), True)
        if len(re.findall(r"\w+", claim)) < 2:
            return
        if self.awaiting is not None and self.awaiting[0] == sent.idx - 1:
            _, uid, deny = self.awaiting
            self.awaiting = None
            self._quote_claim(sent, uid, claim, deny)
            return
        if self.last_quote is not None and self.last_quote[0] == sent.idx - 1:
            uid = self.last_quote[1]
            recent = self.claims[-20:]
            last = next((c for c in reversed(recent) if c.uid == uid and c.quote), None)
            if last is not None and last.sent_idx >= sent.idx - 8:
                joint = " " if last.text.endswith((".", "?", "!", ",", ":")) else ". "
                last.text = f"{last.text}{joint}{claim}"[:TEXT_MAX]
                last.evidence = f"{last.evidence} {self._evidence(sent)}"[:EVIDENCE_MAX]
                last.stems = last.stems | content_stems(claim)
                self.last_quote = (sent.idx, uid)
                return
            self._quote_claim(sent, uid, claim, False)
            return
        # No cue yet: the speaker may be named with the quote's last paragraph.
        self.open_quotes.append((sent.idx, claim, sent))

    def _quote_claim(self, sent: Sentence, uid: int, claim: str, deny: bool) -> None:
        strong = not deny and strong_denial(claim)
        self.claims.append(
            Claim(
                uid=uid,
                text=claim[:TEXT_MAX],
                evidence=self._evidence(sent),
                sent_idx=sent.idx,
                pos=sent.start,
                said_on=self._said_on(sent),
                quote=True,
                denial=deny or strong,
                strong=strong,
                named=frozenset(self._live(m.uid) for m in sent.mentions if m.uid is not None),
                in_text=frozenset(),
                stems=content_stems(claim),
            )
        )
        self.last_quote = (sent.idx, uid)


def _ends_sentence(sent: Sentence, a: Anchor) -> bool:
    """Nothing but punctuation after the verb: 'Unite denied.', 'Holloway disagreed.'"""
    return all(not w[:1].isalnum() for w in sent.low[a.j :])


def _inner_coordinate(low: list[str], outer: Anchor, a: Anchor) -> bool:
    """'X said that Y had done A and had called for B': an auxiliary after "and", which the
    outer cue lacks, joins the verb to the reported clause, not to the cue."""
    k = a.i - 1
    return (
        k >= 1
        and low[k] in ("had", "has", "have", "was", "were", "is")
        and low[k - 1] == "and"
        and (outer.i == 0 or low[outer.i - 1] != low[k])
        and (low[outer.i + 1 : outer.i + 2] != ["and"])
        # A reported clause has a subject or a verb of its own ("said Y had done A"); "denied
        # taking any drug and has suggested ..." has none, so the verb is the cue's.
        and bool(CLAUSE_WORDS & set(low[outer.j : k - 1]))
    )


CLAUSE_WORDS = frozenset(
    "that had has have was were is are would could will he she they it we i".split()
)


def _aside_end(
    sent: Sentence, later: list[Anchor], result: tuple[int, int, bool, bool]
) -> tuple[int, int, bool, bool]:
    """ "The paper, citing a memo, claimed that ...": the aside's claim ends at its comma,
    before the speaking verb that follows it."""
    c0, c1, quote, keep = result
    for x in later:
        xs = sent.toks[x.i][0]
        if x.speaker is not None and c0 < xs < c1:
            comma = sent.text.rfind(",", c0, xs)
            return (c0, comma, quote, keep) if comma > c0 else result
    return result
