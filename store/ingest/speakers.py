"""Speakers stage: attribution anchors (reporting and denial verbs, "according to") and the
speaker of each: a name, a title, a pronoun, an elided subject or an inverted "said X"."""

from __future__ import annotations

import re

from .document import Anchor, Document, Mention, Sentence
from .lexicon import (
    AUX,
    BUSINESS,
    CLIENT_ROLES,
    CONJ,
    CROWD_NOUNS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    HONORIFICS,
    MONTHS,
    ORG_CUES,
    PARENTHETICAL_OPENERS,
    POST_NOMINALS,
    PREPOSITIONS,
    PRONOUNS,
    PUBLISH_VERBS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    STUDY_AUTHORS,
    STUDY_NOUNS,
    TITLE_ORG,
    TITLE_PERSON,
    VERB_FORMS,
    WEEKDAYS,
)
from .names import norm_name, word_base
from .phrases import (
    ISSUED_RE,
    LEADER_HEADS,
    MEMBERS_BODIES,
    OWNED_BODIES,
    dash_aside_start,
    governed,
    in_number,
    issued_by,
    np_start,
    staff_at,
)

# Where a title's noun phrase starts: after these words.
REPRESENTATIVES = frozenset(
    "spokesperson spokesman spokeswoman representative lawyer lawyers attorney attorneys".split()
)
PERIOD_WORDS = frozenset("week month year weekend morning afternoon evening".split())
NOT_ADVERBS = frozenset("italy family rally ally july".split())
CO_WORKERS = frozenset("colleagues co-authors others team".split())
AGENT_STOPS = frozenset(", . ; on in at after for during since who which".split())
NP_BREAKERS = frozenset(
    ("by", "to", "with", "from", "after", "as", "when", "where", "if", "because")
)
UNNAMED_HEADS = frozenset(
    "spokesperson spokesman spokeswoman official officials".split()
    + "source sources spokespeople aides".split()
)
FILED_OR_PUBLISHED = frozenset(
    "published released issued posted aired filed lodged brought".split()
)
STOP_NP = frozenset({",", ".", ";", ":", '"', "`", "and", "but", "that", "who", "which", "while"})


class SpeakerStage(Document):
    def _find_speaker(self, sent: Sentence, a: Anchor, anchors: list[Anchor]) -> None:
        """Set ``a.speaker`` (and the attribution span): the subject left of the verb, the
        noun phrase after "according to", or the name after an inverted "said"."""
        toks = sent.toks
        if a.according:
            self._according_speaker(sent, a)
            return
        if a.passive:
            self._agent_speaker(sent, a)
            return
        a.a1 = toks[a.i][1] if a.j == a.i + 1 else toks[a.j - 1][1]
        k = self._walk_left(sent, a)
        if k is None:
            return  # the speaker was named in an aside: ", Salma Haddad, said"
        if k < 0:
            self._inverted_speaker(sent, a)
            return
        self._speaker_left(sent, a, anchors, k)

    def _walk_left(self, sent: Sentence, a: Anchor) -> int | None:
        """Token index of the subject's last word, walking left over auxiliaries, adverbs,
        dates and asides between commas; None when an aside named the speaker."""
        low = sent.low
        k = a.i - 1
        while k >= 0:
            w = low[k]
            if sent.text[sent.toks[k][0]].isupper() and sent.mention_ending(k) is not None:
                break  # "May said": a name, not the auxiliary "may"
            if w in AUX or (w.endswith("ly") and len(w) > 4 and w not in NOT_ADVERBS):
                k -= 1
                continue
            if w in ("on", "last") and k + 1 < a.i and (low[k + 1] in WEEKDAYS):
                k -= 1
                continue
            if w in ("late", "early") and k + 1 < a.i and low[k + 1] in ("on", "last"):
                k -= 1  # "issued a statement late on Wednesday calling ..."
                continue
            if (
                w in ("colleagues", "co-authors", "others", "team")
                and k > 1
                and low[k - 1] == "and"
            ):
                k -= 2  # "Dr Omar Haddad and colleagues reported"
                continue
            if w in PERIOD_WORDS and k > 0 and low[k - 1] in ("this", "last", "next", "earlier"):
                k -= 2  # "a report published this week claimed"
                continue
            if w.isdigit() or w in MONTHS or w in WEEKDAYS:
                k -= 1
                continue
            if w == "-" and dash_aside_start(sent, k) >= 0:
                k = dash_aside_start(sent, k)  # "Ms Pell - who lives in Leeds - said"
                continue
            if w == ")" and "(" in low[max(0, k - 6) : k]:
                k = k - 1 - low[k - 1 :: -1].index("(") - 1  # "Ruth Ames (Lab) said"
                continue
            if w == "," and k > 0:
                j = self._aside_start(sent, a, k)
                if j is None:
                    return None
                if j < 0:
                    break
                k = j
                continue
            break
        return k

    def _aside_start(self, sent: Sentence, a: Anchor, k: int) -> int | None:
        """At the comma ``k`` closing an aside (", however," / ", who has ruled Belarus since
        1994," / ", Salma Haddad,"): the index to go on from, -1 to stop here, or None when
        the aside is the speaker's name (then ``a`` is set)."""
        text, low, toks = sent.text, sent.low, sent.toks
        j = k - 1
        while (
            j >= 0
            and k - j < 30
            and (low[j] not in (",", ".", ";", ":", '"', "`") or in_number(low, j))
        ):
            j -= 1
        if j < 0 or low[j] != ",":
            # Not an enclosed parenthetical. A participle after a comma is elided.
            return -1
        inner = low[j + 1 : k]
        if inner and all(t.isdigit() for t in inner):
            return j - 1  # "The club's boss, 64, said": an age
        men = sent.mention_starting(j + 1)
        if men is None and k - j > 2 and (inner[0] in ROLE_HEADS or inner[0] in HONORIFICS):
            men = sent.mention_starting(j + 2)  # ", Colonel Idris Vane,"
        tail = text[men.e : toks[k - 1][1]] if men is not None else ""
        if (
            men is not None
            and men.uid is not None
            and (
                len(tail) <= 2
                or tail.strip().lower() in POST_NOMINALS
                or re.fullmatch(r"\s+(?:of|at|from)\s+(?:the\s+)?[A-Z][^,]*", tail)
            )
            and self.actors[self._live(men.uid)].kind == "person"
        ):
            a.speaker = self._live(men.uid)
            a.a0 = men.ext
            return None
        after_name = sent.mention_ending(j - 1)
        if inner and (
            inner[0] in PARENTHETICAL_OPENERS
            or inner[0] in ROLE_HEADS
            or inner[0] in ROLE_MODIFIERS
            or (after_name is not None and after_name.uid is not None)
            or inner[0].endswith("ing")
            or inner[0].endswith("ly")
            or (inner[0].endswith("ed") and "by" in inner)  # ", carried out by X,"
            or (inner[0].endswith("ed") and j > 0 and low[j - 1] in DOCUMENT_NOUNS)
        ):
            return j - 1
        return -1

    def _speaker_left(self, sent: Sentence, a: Anchor, anchors: list[Anchor], k: int) -> None:
        """The subject ending at token ``k``: elided, a relative pronoun's antecedent, a
        name, a pronoun, a title ("the minister") or, failing those, an inverted speaker."""
        low, toks = sent.low, sent.toks
        w, ws = low[k], toks[k][0]
        if _elided_at(low, a, k):
            a.elided, a.a0 = True, ws
            return
        if (w == "," and self._aside_subject(sent, a, k)) or self._for_gerund_subject(sent, a, k):
            return
        if w in ("who", "which", "that") and k > 0:
            kk = k - 2 if low[k - 1] == "," else k - 1
            men = sent.mention_ending(kk)
            if men is not None and men.uid is not None:
                a.speaker = self._live(men.uid)
                a.a0 = toks[k][0]
            elif low[kk] in ("article", "story", "report", "editorial"):
                # "suing the Daily Herald over an article that claimed ...": the outlet's.
                a.speaker = self._media_before(sent, toks[kk][0])
                a.a0 = toks[k][0]
            return
        men = sent.mention_ending(k)
        if low[a.i].endswith("ing") and men is not None and issued_by(sent, men.s):
            a.speaker, a.a0 = (self._live(men.uid) if men.uid is not None else None), ws
            return  # "a statement from the Eastern Front saying ...": the issuer says it
        if low[a.i].endswith("ing") and men is not None and governed(sent, men.s):
            # "a protest in front of the city Corporation accusing X": the sentence's
            # subject accuses, not the object of "of".
            a.elided = True
            a.a0 = toks[a.i][0]
            return
        found = self._named_subject(sent, a, k)
        if found is None:
            return
        k = found
        w = low[k]
        if w == "it" and self.filer is not None and self.document_said == sent.idx - 1:
            # "The complaint alleges ... . It also claims ...": the document again.
            a.speaker = self._live(self.filer)
            a.a0 = toks[k][0]
            self.document_said = sent.idx
            return
        if w in PRONOUNS:
            a.speaker = self._pronoun(w, sent, a)
            a.a0 = toks[k][0]
            return
        if self._aged_subject(sent, a, k):
            return
        titled = w in TITLE_PERSON or w in TITLE_ORG or w in BUSINESS or w in STUDY_AUTHORS
        if titled or w == "office":
            self._title_subject(sent, a, anchors, k)
            return
        if w in STUDY_NOUNS:
            if (
                low[a.i].endswith("ing")
                and k > 1
                and (
                    low[k - 1] in ("a", "an", "joint", "combined", "own")
                    or low[k - 1] in PUBLISH_VERBS
                    or (k > 2 and low[k - 2] in PUBLISH_VERBS)
                )
            ):
                # "X have issued a joint statement denying ...": X says it.
                a.elided = True
                a.a0 = toks[a.i][0]
                return
            a.speaker = self._publisher(sent, k)
            a.a0 = toks[np_start(low, k)][0]
            return
        if w in DOCUMENT_NOUNS:
            # "The complaint alleges ...": a filed document speaks for who filed it (when
            # the article names them; an anonymous plaintiff is nobody's claim).
            a.speaker = self._document_owner(sent)
            a.a0 = toks[np_start(low, k)][0]
            a.blocked = a.speaker is None
            self.document_said = sent.idx
            return
        if self._quote_ends_at(sent, toks[k][1]) or w == ",":
            self._inverted_speaker(sent, a)

    def _for_gerund_subject(self, sent: Sentence, a: Anchor, k: int) -> bool:
        """'Holt was criticised for claiming that ...', 'they thanked Holt for
        saying that ...': the one named last before "for" said it ('fired her for reporting
        unsafe practices' is an act, not speech). True when the verb follows "for"."""
        low = sent.low
        if low[k] != "for" or a.i - k != 1 or not low[a.i].endswith("ing"):
            return False
        if "that" not in low[a.i + 1 : a.i + 3]:
            return True
        ws = sent.toks[k][0]
        men = [m for m in sent.mentions if m.uid is not None and not m.poss and m.e <= ws]
        if men and men[-1].uid is not None:
            a.speaker, a.a0 = self._live(men[-1].uid), men[-1].ext
        return True

    def _aside_subject(self, sent: Sentence, a: Anchor, k: int) -> bool:
        """'The lawyer, Hal Brenner, who visited Mr Marsh in custody, said ...': the name
        before a "who" aside is the subject, not the last name inside it."""
        low = sent.low
        j = k - 1
        while j > 1 and k - j < 25 and low[j] not in (",", ";", '"', "`"):
            j -= 1
        if low[j] != "," or low[j + 1] not in ("who", "whose"):
            return False
        men = sent.mention_ending(j - 1)
        if men is None or men.uid is None or men.poss:
            return False
        a.speaker = self._live(men.uid)
        a.a0 = sent.toks[j - 1][0]
        return True

    def _named_subject(self, sent: Sentence, a: Anchor, k: int) -> int | None:
        """A name ending at ``k`` (looking past "in Washington", "for the Commerce Ministry")
        sets the speaker and returns None; otherwise the index to read on from."""
        low, toks = sent.low, sent.toks
        men = sent.mention_ending(k)
        for _ in range(3):
            if men is None or men.poss:
                break
            pp = self._preposition_before(sent, men)
            if pp is None:
                break
            prep, pk = pp
            if prep in ("of", "in") and pk > 0 and low[pk - 1] in CROWD_NOUNS:
                a.blocked = True  # "Critics of the trust say": an unnamed crowd speaks
                return None
            if staff := staff_at(sent, men.s):
                return self._await_members(sent, a, staff, men.uid)  # "Nurses at X say"
            if (
                prep == "of"
                and pk > 1
                and low[pk - 1] in ROLE_HEADS
                and low[pk - 2] == "the"
                and men.uid is not None
                and self.actors[self._live(men.uid)].kind == "person"
            ):
                # "The agent of Lucas Prado says": the agent, named later; else Prado.
                self.pending.append((sent, a, [a], low[pk - 1]))
                self.pending_fallback[id(a)] = self._live(men.uid)
                a.a0 = toks[pk - 2][0]
                return None
            speaks_for = pk > 0 and (
                self.actors[self._live(men.uid)].kind != "person" if men.uid is not None else False
            )
            if pk > 0 and prep == "for" and low[pk - 1] in REPRESENTATIVES:
                speaks_for = men.uid is not None  # "a spokesperson for Foxx": Foxx speaks
            if (
                prep in ("for", "of", "at", "from")
                and pk > 0
                and (low[pk - 1] in TITLE_PERSON or low[pk - 1].removesuffix("s") in ROLE_HEADS)
                and men.uid is not None
                and speaks_for
            ):
                # "a spokesperson for the Commerce Ministry said": the organisation speaks.
                np_start = pk - 1
                while np_start > 0 and pk - np_start < 4 and low[np_start - 1] not in STOP_NP:
                    np_start -= 1
                a.speaker = self._live(men.uid)
                a.a0 = toks[np_start][0]
                return None
            if (
                prep in ("in", "by")
                and pk > 0
                and low[pk - 1] in FILED_OR_PUBLISHED
                and men.uid is not None
            ):
                # "a report published in The Athletic claimed": the publisher asserts it;
                # "a lawsuit filed by the union claims": the filer.
                a.speaker = self._live(men.uid)
                a.a0 = men.ext
                return None
            # "The Chinese embassy in Washington", "a study in the journal X": look further left.
            k = pk - 1
            if k < 0:
                return None
            men = sent.mention_ending(k)
            if men is None:
                break
        # "The Agency for X's (AFX) said": a stray possessive before the bracketed acronym.
        bracketed = low[k + 1 : k + 2] == ["("]
        if men is not None and men.e >= toks[k][1] - 2 and (not men.poss or bracketed):
            if men.uid is not None:
                a.speaker = self._live(men.uid)
                a.a0 = men.ext
            elif men.country:
                a.speaker = self._country_government(men.country, sent.start, sent.text)
                self._touch(a.speaker)
                a.a0 = men.ext
            return None
        return k

    def _title_subject(self, sent: Sentence, a: Anchor, anchors: list[Anchor], k: int) -> None:
        """'the minister said', 'a company spokesperson said', 'his office said'."""
        low, toks = sent.low, sent.toks
        w = low[k]
        np_start = k
        while np_start > 0 and k - np_start < 4 and low[np_start - 1] not in STOP_NP:
            prev = low[np_start - 1]
            if prev in VERB_FORMS or prev in NP_BREAKERS:
                break
            np_start -= 1
            if prev in ("the", "a", "an", "his", "her", "its", "their", "this", "that"):
                break
        a.a0 = toks[np_start][0]
        a.speaker = self._title_speaker(sent, np_start, k + 1)
        if self._other_sort(low[np_start : k + 1], a.speaker):
            a.speaker = None  # "The hospital trust pushed back." before the trust is named
            self.pending.append((sent, a, anchors, "org:" + w))
            return
        if a.speaker is not None and self._first_named_after(sent, a.speaker, toks[a.i][0]):
            # "A patients' group has accused the clinic": the object is not the speaker.
            a.speaker = None
        anonymous = w in ("spokesperson", "spokesman", "spokeswoman", "official", "source")
        if a.speaker is None and w in ("spokesperson", "spokesman", "spokeswoman"):
            # "X urged both sides to talk. A spokesperson said ...": X's spokesperson.
            a.speaker = next(
                (self._live(u) for i, u in reversed(self.salient_orgs) if sent.idx - i <= 1),
                None,
            )
            if a.speaker is None:
                a.speaker = self._untitled_body(sent.idx)
        if a.speaker is not None or anonymous:
            return
        if low[np_start] == "their" and word_base(w) in TITLE_ORG:
            # "..., their union announced": the union named next.
            self.pending.append((sent, a, anchors, "org:" + w))
        elif low[np_start] in ("a", "an"):
            # Named later: "A security researcher says ..." / "A patients' group has ...".
            if w in ROLE_HEADS:
                self.pending.append((sent, a, anchors, w))
            elif word_base(w) in TITLE_ORG:
                self.pending.append((sent, a, anchors, "org:" + w))
        elif w in ROLE_HEADS and not w.endswith("s"):
            # "the 29-year-old striker claimed": the person just speaking, when untitled.
            a.speaker = self._recent_untitled_person(sent, w)

    def _publisher(self, sent: Sentence, k: int) -> int | None:
        """Who a report or study speaks for: a body named with it ("the Ombudsman's
        investigation", "a study by researchers at Leeds University"), else the body the
        last sentences were about."""
        if k > 0 and (sent.low[k - 1].endswith("'s") or sent.low[k - 1] in TITLE_ORG):
            # "the club's statement", "a club statement": the club.
            owner = sent.low[k - 1].removesuffix("'s")
            uid = self._resolve_org_title(owner) if owner in TITLE_ORG else None
            if uid is not None:
                return uid
        issued = self.issued
        if (
            k > 0
            and sent.low[k - 1] == "the"
            and issued
            and issued[2] == sent.low[k]
            and 0 < sent.idx - issued[0] <= 3
        ):
            return issued[1]  # "X released a statement ... . '...,' the statement read."
        start = sent.toks[max(0, k - 4)][0]
        end = sent.toks[min(len(sent.toks) - 1, k + 12)][1]
        for m in sent.mentions:
            if m.uid is not None and start <= m.s and m.e <= end:
                uid = self._live(m.uid)
                if self.actors[uid].kind != "person" or m.poss or issued_by(sent, m.s, k):
                    return uid  # "a statement from Veller", "a letter sent by Ms Ode"
        if k > 0 and sent.low[k - 1] in ("media", "press", "news"):
            return None  # "a press report said": some outlet, not the one last named
        return next(
            (self._live(u) for i, u in reversed(self.salient_orgs) if sent.idx - i <= 2), None
        )

    def _note_issuer(self, sent: Sentence) -> None:
        """'Kestrel Juniors released a statement': who issued the document "the statement"
        will mean in the next sentences."""
        for m in ISSUED_RE.finditer(sent.text):
            subject = [x for x in sent.mentions if x.uid is not None and x.e <= m.start()]
            if subject and not subject[-1].poss:
                self.issued = (sent.idx, self._live(subject[-1].uid), m.group(1).lower())  # type: ignore[arg-type]

    def _first_named_after(self, sent: Sentence, uid: int, pos: int) -> bool:
        """True when ``uid`` is new in this sentence and named only after ``pos``."""
        if self.actors[uid].pos < sent.start:
            return False
        spots = [m.s for m in sent.mentions if m.uid is not None and self._live(m.uid) == uid]
        return bool(spots) and min(spots) > pos

    def _preposition_before(self, sent: Sentence, men: Mention) -> tuple[str, int] | None:
        """The preposition that governs a mention ('in [the journal] X'), with its token index."""
        k = sent.tok_at(min(men.s, men.ext)) - 1
        low = sent.low
        steps = 0
        while (
            k >= 0
            and steps < 3
            and (low[k] in ("the", "a", "an") or low[k] in ORG_CUES or low[k] in DEMONYMS)
        ):
            k -= 1
            steps += 1
        if k >= 0 and low[k] in PREPOSITIONS:
            return low[k], k
        return None

    def _np_speaker(self, sent: Sentence, t0: int, t1: int, s: int, e: int) -> int | None:
        for m in sent.mentions:
            if (
                m.uid is not None
                and s <= m.s < e
                and self.actors[self._live(m.uid)].kind == "person"
            ):
                return self._live(m.uid)
        for m in sent.mentions:
            if m.uid is not None and s <= m.s < e:
                return self._live(m.uid)
        for m in sent.mentions:
            if m.uid is None and m.country and s <= m.s < e and not m.poss:
                return self._country_government(m.country, sent.start, sent.text)
        for k in range(t0, t1):
            w = sent.low[k]
            if w in PRONOUNS and k == t0:
                return self._pronoun(w, sent, None)
            if w in TITLE_PERSON or w in TITLE_ORG or w in STUDY_AUTHORS:
                return self._title_speaker(sent, t0, t1)
        return None

    def _title_speaker(self, sent: Sentence, t0: int, t1: int) -> int | None:
        """Resolve 'the minister', 'a company spokesperson', 'his office', 'the government'."""
        low = sent.low
        words = [w for w in low[t0:t1] if w not in ("the", "a", "an", "this", "that")]
        if not words:
            return None
        head = words[-1]
        if head == "office":
            s0, e0 = sent.toks[t0][0], sent.toks[t1 - 1][1]
            for m in sent.mentions:
                if m.uid is not None and m.poss and s0 <= m.s < e0:
                    return self._live(m.uid)
        if head == "office" and len(words) >= 2:
            owner = words[-2]
            if owner in ("his", "her"):
                return self._pronoun("he" if owner == "his" else "she", sent, None)
            if owner.endswith("'s"):
                return self._resolve_person_title(owner[:-2])
        mods = words[:-1]
        if head in REPRESENTATIVES or head.removesuffix("s") in CLIENT_ROLES:
            client = self._possessor(sent, sent.toks[t0][0], sent.toks[t1 - 1][1])
            if client is not None:
                return client  # "Bellini's lawyers say": the one they act for
        if head in STUDY_AUTHORS and not mods and low[t0] == "the":
            # "According to the authors, ...": the body whose study was just reported.
            cur = sent.idx
            return next(
                (self._live(u) for i, u in reversed(self.salient_orgs) if cur - i <= 2), None
            )
        if head in TITLE_PERSON and head not in TITLE_ORG:
            # "a company spokesperson", "the agency's chief executive", "a ministry official".
            for m in reversed(mods):
                b = word_base(m)
                if b in TITLE_ORG:
                    uid = self._resolve_org_title(b)
                    if uid is not None:
                        return uid
                if b in ROLE_HEADS and m.endswith(("'s", "’s")):
                    # "the prime minister's spokesman": the one who holds that title.
                    uid = self._resolve_person_title(" ".join(map(word_base, mods)))
                    if uid is not None:
                        return uid
                if m in ("its", "their"):
                    uid = self._recent_kind(("organisation", "government", "media"))
                    if uid is not None:
                        return uid
            if head in LEADER_HEADS and low[t0] == "the":
                uid = self._recent_untitled_person(sent, head)
                if uid is not None:
                    # "The Rovers boss": the man just named, untitled till now.
                    if self.actors[uid].role == head:
                        phrase = sent.text[sent.toks[t0 + 1][0] : sent.toks[t1 - 1][1]]
                        self.actors[uid].role = norm_name(phrase)
                    return uid
            # A name in the phrase: "Kremlin spokesman".
            s = sent.toks[t0][0]
            e = sent.toks[t1 - 1][1]
            for m in sent.mentions:
                if m.uid is not None and s <= m.s < e:
                    return self._live(m.uid)
            if head in REPRESENTATIVES and low[t0] == "the" and sent.idx - self.spokes_said[0] <= 3:
                # "A representative from the firm said ... . '...,' the representative said."
                return self.spokes_said[1]
            if head in UNNAMED_HEADS:
                return None
            return self._resolve_person_title(head)
        if head in OWNED_BODIES:
            owner = self._possessor(sent, sent.toks[t0][0], sent.toks[t1 - 1][1])
            if owner is not None:
                return owner  # "the league's ethics committee said": the league
        uid = self._resolve_org_title(word_base(head))
        if (
            uid is not None
            and head in MEMBERS_BODIES
            and any(m.endswith("'s") for m in mods)
            and head not in self.actors[uid].name.lower()
        ):
            return None  # "the school's parent association": not the school itself
        return uid

    def _quote_ends_at(self, sent: Sentence, pos: int) -> bool:
        return any(e == pos for _, e in sent.quotes)


def _elided_at(low: list[str], a: Anchor, k: int) -> bool:
    """The verb's subject is left out: "and claimed", ", saying", "when claiming he had"."""
    w = low[k]
    return (
        (w in CONJ and a.i - k <= 3)
        or (w == "," and a.participle)
        or (w in ("when", "while") and k == a.i - 1 and low[a.i].endswith("ing"))
    )
