"""Segments: what one capitalised segment names (the case rules, one method per case)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document, Mention, Sentence
from .known import attr
from .lexicon import (
    AUX,
    BUILDING_NOUNS,
    CAPITALS,
    COMMON,
    CONN_SET,
    COUNTRY_DEMONYM,
    DEMONYMS,
    EVENT_WORDS,
    FORENAME_GENDER,
    GOV_PREFIX,
    HONORIFIC_GENDER,
    HONORIFIC_ROLE,
    HONORIFICS,
    KNOWN_ORGS,
    LOCAL_GOV,
    NOT_ACTOR_ACRONYMS,
    ORG_CUES,
    ORG_WORDS,
    PARTICLES,
    PLACE_PREFIX,
    PLACE_SUFFIX,
    PLACE_TAILS,
    PLACES,
    POST_NOMINALS,
    PREPOSITIONS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SPOKES,
    VERB_FORMS,
)
from .mentions import NEXT_LOWER_RE, PLURAL_VERB_RE, POSSESSIVE_TAIL_RE
from .names import is_acronym, key_of, norm_name, word_base

THEY_AFTER_RE = re.compile(r"[^.;\"“”]{0,80}?\b(?:where|which|and|as|when|after)\s+they\b")
# "Paul and Ruth Tolland": the full name after a lone forename.
SHARED_SURNAME_RE = re.compile(r" and (\w+) ([A-Z][\w'-]+)\b(?! and\b)")
REPRESENTED_RE = re.compile(
    rf"\b(?:{'|'.join(SPOKES)}|lawyers?|attorneys?|"
    r"publicist|agent)\s+(?:for|from)\s+$"
)

SPOKEN_FOR_RE = re.compile(
    r"'s\s+(?:office|spokesman|spokeswoman|spokesperson|lawyers?|attorneys?|representatives?|"
    r"legal team|campaign|team|aides?)\b"
)


# What an acronym's possessive owns: "'s ethics committee" (then a reporting verb).
OWNED_WORD_RE = re.compile(r"\s+[a-z][a-z-]*")
# "The regulator, known as ZRA, said": the acronym names the body just described.
KNOWN_AS_RE = re.compile(r"\b[a-z]+,\s+(?:known as|called)\s+$")
# A name ending in a question mark, then the sentence goes on: "Which? said".
QUESTION_NAME_RE = re.compile(r"\?[ ](?:said|says|has|had|is|was|warned|found|claimed)\b")
BROADCAST_RE = re.compile(r"\b(?:television|tv|radio|news|cable)\s+network\s+$", re.IGNORECASE)
# Titles that are part of how a person is named, kept in the name.
NAME_TITLES = frozenset({"sir", "dame", "lord", "lady", "baroness", "baron"})


class SegmentStage(Document):
    def _classify_segment(self, sent: Sentence, seg: list[tuple[str, int, int]]) -> None:
        """Decide what one capitalised segment names, in order: a known or seen actor, a
        place or event, a titled person, an organisation, a person, a single word."""
        while len(seg) > 2 and seg[-1][0].lower() in POST_NOMINALS and seg[-1][0].isupper():
            seg = seg[:-1]  # "Rupert Gale KC": the letters after a name are not the name
        if len(seg) > 1 and seg[0][0].lower().endswith("-based"):
            seg = seg[1:]  # "the Leeds-based Fair Pay Group": where it sits is no part of it
        w, ws, we = seg[-1]
        if QUESTION_NAME_RE.match(sent.text, we):
            seg = [*seg[:-1], (w + "?", ws, we + 1)]  # 'Consumer group Which? said'
        elif w in ("Jr", "Sr") and len(seg) > 1 and sent.text[we : we + 1] == ".":
            seg = [*seg[:-1], (w + ".", ws, we + 1)]  # "Ray Lott Jr." keeps its point
        if (
            len(seg) >= 3
            and seg[0][0].lower() in ROLE_MODIFIERS
            and seg[1][0].lower() in FORENAME_GENDER
            and seg[0][0].lower() not in FORENAME_GENDER
        ):
            seg = seg[1:]  # "Consumer Ann Bell": the word before her name describes her
        elif (
            len(seg) >= 2
            and seg[0][1] == 0
            and seg[0][0].lower().endswith("ing")
            and seg[0][0].lower() not in FORENAME_GENDER
            and seg[-1][0].lower() not in PLACE_SUFFIX  # "Downing Street" is one name
            and seg[-1][0].lower() not in ORG_WORDS
        ):
            seg = seg[1:]  # "Neighbouring Ostrava said": an opening adjective, not the name
        sg = Segment.of(sent, seg)
        if self._bracketed_acronym(sg) or self._seg_known(sg) or self._seg_not_actor(sg):
            return
        # Role sg.words inside the run: "U.S. Special Envoy for Ukraine Keith Kellogg".
        head_idx = -1
        for idx in range(len(sg.words) - 1, -1, -1):
            if (
                sg.lows[idx] in ROLE_HEADS
                and sg.words[idx][:1].isupper()
                and idx < len(sg.words) - 1
            ):
                head_idx = idx
                break
            if sg.lows[idx] in HONORIFICS and idx < len(sg.words) - 1:
                head_idx = idx
                break
        org_kind = self._org_kind(sg.words, sg.lows)
        if head_idx >= 0 and org_kind is not None:
            # "Commission President Ursula von der Leyen": the sg.words after the title are a name.
            tail = sg.lows[head_idx + 1 :]
            if not tail or any(
                t in ORG_WORDS or (t in CONN_SET and t not in PARTICLES) for t in tail
            ):
                head_idx = -1
        if head_idx >= 0:
            self._seg_titled_person(sg, head_idx)
            return
        if self._seg_organisation(sg, org_kind) or self._seg_person(sg):
            return
        self._seg_single(sg)

    def _seg_known(self, sg: Segment) -> bool:
        """An actor the caller knows, or one seen before under this name."""
        sent, text, s, e = sg.sent, sg.text, sg.s, sg.e
        full, full_low, poss, pos = sg.full, sg.full_low, sg.poss, sg.pos
        ext = sg.ext
        # Known actors supplied by the caller come first.
        if full_low in self.known and full_low not in PLACES:
            k = self.known[full_low]
            kind = attr(k, "kind", "other") or "other"
            if kind == "person":
                # The article's own title for them is the suggestion; the stored role is a
                # fallback when the article gives none.
                role = self._role_before(sent, s)
                uid = self._person(full, pos, text, role)
                if role:
                    self.actors[uid].role = role
                    ext = self._role_start(sent, s)
            else:
                uid = self._org(full, str(kind), pos, text)
            self._add_mention(sent, s, e, ext, uid, poss)
            return True
        # An actor seen before under this name.
        seen = self._lookup(full)
        if seen is None and full_low not in PLACES:
            seen = self._lookup_partial(full)
            if seen is not None:
                self._register_alias(seen, full)
        if seen is not None and not (full_low in PLACES and self.actors[seen].kind != "government"):
            self._add_mention(sent, s, e, ext, seen, poss)
            self._maybe_role_before(sent, seen, s)
            return True
        return False

    def _seg_not_actor(self, sg: Segment) -> bool:
        """Places, demonyms, events and well-known organisations."""
        sent, text, s, e = sg.sent, sg.text, sg.s, sg.e
        words, lows, full, full_low = sg.words, sg.lows, sg.full, sg.full_low
        poss, pos, ext, the_before = sg.poss, sg.pos, sg.ext, sg.the_before
        # Places and calendar words.
        if full_low in PLACES and not (full_low in KNOWN_ORGS and not the_before):
            country = full_low if full_low in COUNTRY_DEMONYM else CAPITALS.get(full_low)
            if country:
                self.recent_country = country
            sent.mentions.append(Mention(s, e, ext, None, country=country, poss=poss))
            return True
        if (
            (
                lows[-1] in PLACE_SUFFIX
                and len(words) >= 2
                and lows[-1] not in ORG_WORDS
                and lows[0] not in FORENAME_GENDER  # "Anna Hill", "Mark Field" are people
                and not (_speaks_next(sent.text, e) and not _after_preposition(sent.text, s))
            )
            or " ".join(lows[-2:]) in PLACE_TAILS
            or _next_word(sent.text, e) in BUILDING_NOUNS  # "the Larkspur Court flats"
        ):
            sent.mentions.append(Mention(s, e, ext, None, poss=poss))
            return True
        if lows[0] in PLACE_PREFIX and len(words) >= 3 and lows[1] == "of":
            sent.mentions.append(Mention(s, e, ext, None, poss=poss))
            return True
        if len(words) == 1 and (lows[0] in DEMONYMS):
            return True
        if lows[-1] in EVENT_WORDS and len(words) >= 2:
            return True
        if full_low in KNOWN_ORGS:
            uid = self._org(full, KNOWN_ORGS[full_low], pos, text)
            self._add_mention(sent, s, e, ext, uid, poss)
            return True
        return False

    def _seg_titled_person(self, sg: Segment, head_idx: int) -> None:
        """A name after a title in the run: 'U.S. Special Envoy for Ukraine Keith Kellogg'."""
        sent, seg, text, s = sg.sent, sg.seg, sg.text, sg.s
        e, words, lows, poss = sg.e, sg.words, sg.lows, sg.poss
        pos, ext, the_before = sg.pos, sg.ext, sg.the_before
        k = head_idx + 1
        # "Envoy for Ukraine", "Secretary of State": the role's own object.
        if k < len(words) and lows[k] in ("for", "of", "on", "the", "to"):
            while k < len(words) and (
                lows[k] in CONN_SET
                or lows[k] in PLACES
                or lows[k] in ROLE_MODIFIERS
                or lows[k] in ROLE_HEADS
                or lows[k] in ORG_WORDS
                or lows[k] in DEMONYMS
                or is_acronym(words[k])
                or lows[k] in ("state", "affairs", "staff", "defense", "defence", "commerce")
            ):
                k += 1
        name_parts = seg[k:]
        while name_parts and name_parts[0][0] in CONN_SET:
            name_parts = name_parts[1:]
        if not name_parts:
            # A title alone ("the Prime Minister"): not a new actor.
            return
        ns = name_parts[0][1]
        name = text[ns:e]
        if len(name_parts) > 4:
            return
        honor = lows[head_idx] in HONORIFICS
        if honor:
            # "Mr Grundberg": a courtesy title, not a role ("Defence Minister Dr X" keeps
            # what comes before it).
            role = text[s : seg[head_idx - 1][2]] if head_idx > 0 else ""
        else:
            role = text[s : seg[k - 1][2]]
        left_role = self._role_before(sent, s)
        if left_role and role:
            role = f"{left_role} {role}"
        elif left_role:
            role = left_role
        elif honor and not role:
            role = HONORIFIC_ROLE.get(lows[head_idx].rstrip("."), "")  # "Cllr Amy Hart"
        uid = self._person(name, pos + (ns - s), text, norm_name(role))
        if honor and lows[head_idx] in NAME_TITLES:
            self._keep_title(uid, f"{words[head_idx]} {name}")
        if honor:
            # Pronoun resolution may use it: "she" will not pick "Mr Grundberg".
            g = HONORIFIC_GENDER.get(lows[head_idx].rstrip("."), "")
            if g and not self.actors[uid].gender:
                self.actors[uid].gender = g
        self._add_mention(sent, ns, e, s if not the_before else ext, uid, poss)
        self._affiliation_from_role(uid, sent)
        return

    def _keep_title(self, uid: int, titled: str) -> None:
        """ "Sir Ann Bell" is how she is named: the title stays in the name, "Ann Bell" is an
        alias. A title before one word ("Lord Bell") is left as it was."""
        actor = self.actors[uid]
        titled = norm_name(titled)
        if len(titled.split()) < 3 or len(actor.name.split()) < 2:
            return
        if key_of(titled) == key_of(actor.name) or key_of(actor.name) not in key_of(titled):
            return
        plain = actor.name
        actor.name = titled
        actor.aliases = [a for a in actor.aliases if key_of(a) != key_of(titled)]
        self._register_alias(uid, plain)
        self.alias[key_of(titled)] = uid

    def _seg_organisation(self, sg: Segment, org_kind: str | None) -> bool:
        """Organisations, governments and media by their words or the noun before them."""
        sent, text, s, e = sg.sent, sg.text, sg.s, sg.e
        words, lows, full, poss = sg.words, sg.lows, sg.full, sg.poss
        pos, ext, before, the_before = sg.pos, sg.ext, sg.before, sg.the_before
        # Organisations, governments and media by their words or the noun before them.
        cue = self._cue_before(before)
        if cue and before.rstrip().endswith(",") and lows[0] in FORENAME_GENDER and len(words) > 1:
            cue = None  # "the chair of the association, Lisa Tran,": a person in apposition
        if org_kind is None and cue:
            org_kind = ORG_CUES[cue]
            if BROADCAST_RE.search(before):
                org_kind = "media"  # "the television network KTV"
        if org_kind is None and len(words) == 1 and is_acronym(words[0]):
            if lows[0] in NOT_ACTOR_ACRONYMS:
                return True
            speaks = self._is_subject(sent, e) or self._acronym_speaks(sg)
            org_kind = "organisation" if speaks else None
            if org_kind is None:
                return True
        if org_kind is not None:
            prefix_country = None
            name = full
            # "Moldova's Foreign Ministry": name the government body after its country.
            m = POSSESSIVE_TAIL_RE.search(before)
            if m and key_of(m.group(1)) in PLACES:
                prefix_country = key_of(m.group(1))
                dem = COUNTRY_DEMONYM.get(prefix_country)
                if dem and org_kind == "government":
                    name = f"{dem} {full}"
            if the_before and org_kind == "media" and lows[0] not in KNOWN_ORGS:
                name = f"The {name}"
            if "council" in lows and any(x in LOCAL_GOV for x in lows):
                org_kind = "government"  # "Leeds City Council" is local government
            if org_kind == "government" or (
                org_kind == "organisation"
                and lows[0] in GOV_PREFIX
                and lows[-1]
                in (
                    "agency",
                    "commission",
                    "bureau",
                    "office",
                    "authority",
                    "service",
                    "administration",
                    "guard",
                    "committee",
                    "court",
                    "tribunal",
                )
            ):
                org_kind = "government"
            uid = self._org(name, org_kind, pos, text)
            if cue and not self.actors[uid].cue:
                self.actors[uid].cue = cue
            if name != full:
                self._register_alias(uid, full)
            ext2 = ext
            if cue:
                # "Spanish newspaper El Diario": the descriptor's adjectives, contiguous.
                ext2 = len(before) - len(cue) - 1
                base = max(0, ext2 - 40)
                for wm in reversed(list(re.finditer(r"[\w'-]+ ", before[base:ext2]))):
                    wlow = wm.group(0).strip().lower()
                    if wlow in PREPOSITIONS or wlow in COMMON or base + wm.end() != ext2:
                        break
                    ext2 = base + wm.start()
            self._add_mention(sent, s, e, ext2, uid, poss)
            return True
        return False

    def _seg_person(self, sg: Segment) -> bool:
        """People: two to five name words."""
        sent, text, s, e = sg.sent, sg.text, sg.s, sg.e
        words, lows, full, poss = sg.words, sg.lows, sg.full, sg.poss
        pos, ext, the_before = sg.pos, sg.ext, sg.the_before
        # People: two to four name words, or one word introduced as a person.
        if (
            2 <= len(words) <= 5
            and not any(lw in ROLE_MODIFIERS and lw not in PARTICLES for lw in lows[:1])
        ) or (
            2 <= len(words) <= 5 and not all(lw in ROLE_MODIFIERS or lw in CONN_SET for lw in lows)
        ):
            if any(w.lower() in CONN_SET and w.lower() not in PARTICLES for w in words):
                # No personal name has "of" or "for" in it: a speaking one is a body
                # ("Families for Fair Treatment said").
                if self._is_subject(sent, e) and not poss and lows[-1] not in ROLE_HEADS:
                    uid = self._org(full, "organisation", pos, text)
                    self._add_mention(sent, s, e, ext, uid, poss)
                return True
            if all(is_acronym(w) for w in words):
                return True
            if lows[-1] in ROLE_HEADS and s == 0 and not the_before and self._is_subject(sent, e):
                # "Human Rights Monitor said": a title with no article opening the sentence
                # and speaking is a body's name.
                uid = self._org(full, "organisation", pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return True
            if lows[-1] in ROLE_HEADS or lows[-1].removesuffix("s") in ROLE_HEADS:
                return True  # a title, not a name: "the Riverside MP", "Shadow Ministers"
            if any(
                w.isupper() and w.isalpha() and len(w) >= 2 and w.lower() not in ROLE_HEADS
                for w in words
            ) or (lows[-1] in COUNTRY_DEMONYM and lows[0] not in FORENAME_GENDER):
                # "NHS Lanarkshire", "Community Pharmacy Scotland": no one's name.
                uid = self._org(full, "organisation", pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return True
            # Plural agreement marks a club or company written like a name ("Real Madrid have");
            # people's names take no article ("with the Harlow Star").
            after = text[e:].lstrip().lower()
            plural = PLURAL_VERB_RE.match(after) or (
                lows[-1].endswith("s") and THEY_AFTER_RE.match(after)
            )  # "Kestrel Juniors issued a statement in which they said ..."
            if (plural and not poss and lows[0] not in FORENAME_GENDER) or (
                the_before and not NEXT_LOWER_RE.match(text, e)
            ):
                uid = self._org(full, "organisation", pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return True
            nxt = NEXT_LOWER_RE.match(text, e)
            if nxt and not poss:
                w2 = nxt.group(1)
                if (
                    w2 in ROLE_HEADS
                    or w2 in ORG_CUES
                    or (
                        the_before
                        and w2 not in VERB_FORMS
                        and w2 not in AUX
                        and w2 not in COMMON
                        and not w2.endswith("ed")
                    )
                ):
                    return True
            role = self._role_before(sent, s)
            uid = self._person(full, pos, text, role)
            rs = self._role_start(sent, s) if role else ext
            self._add_mention(sent, s, e, rs, uid, poss)
            self._affiliation_from_role(uid, sent)
            return True
        return False

    def _bracketed_acronym(self, sg: Segment) -> bool:
        """ "the Guild of Welders (GOW)": the acronym in brackets right after a body's name
        is another name for it."""
        sent, s, e = sg.sent, sg.s, sg.e
        if len(sg.words) != 1 or not is_acronym(sg.words[0]) or not sent.mentions:
            return False
        last = sent.mentions[-1]
        if last.uid is None or sent.text[last.e : s] != " (" or sent.text[e : e + 1] != ")":
            return False
        uid = self._live(last.uid)
        if self.actors[uid].kind == "person":
            return False
        self._register_alias(uid, sg.words[0])
        self._add_mention(sent, s, e, sg.ext, uid, sg.poss)
        return True

    def _shared_surname(self, sg: Segment) -> bool:
        """ "Paul and Ruth Tolland": a lone forename joined to a full name shares its surname."""
        m = SHARED_SURNAME_RE.match(sg.text, sg.e)
        if not m or sg.lows[0] not in FORENAME_GENDER:
            return False
        if m.group(1).lower() not in FORENAME_GENDER:
            return False
        uid = self._person(f"{sg.words[0]} {m.group(2)}", sg.pos, sg.text)
        other = self._person(f"{m.group(1)} {m.group(2)}", sg.pos, sg.text)
        self.allied.add(frozenset((self._live(uid), self._live(other))))  # they speak together
        self._add_mention(sg.sent, sg.s, sg.e, sg.ext, uid, False)
        return True

    def _acronym_speaks(self, sg: Segment) -> bool:
        """An acronym whose body speaks ("ZRA's appeals board said") or that names a
        speaker described before it ("The regulator, known as ZRA, said")."""
        sent, e = sg.sent, sg.e
        if sg.poss:
            at = sent.text.find(" ", e)
            for _ in range(3):
                m = OWNED_WORD_RE.match(sent.text, at)
                if m is None:
                    return False
                at = m.end()
                if self._is_subject(sent, at):
                    return True
            return False
        if not KNOWN_AS_RE.search(sent.text, 0, sg.s):
            return False
        return self._is_subject(sent, e + 1 if sent.text[e : e + 1] == "," else e)

    def _seg_single(self, sg: Segment) -> None:
        """One word: a surname seen before, a titled name, or a new speaking organisation."""
        sent, text, s, e = sg.sent, sg.text, sg.s, sg.e
        words, lows, poss, pos, ext = sg.words, sg.lows, sg.poss, sg.pos, sg.ext
        if len(words) == 1 and text[s - 1 : s] == "(" and text[e : e + 1] == ")":
            return  # a tag in brackets: "Ruth Ames (Lab)", "(AP)"
        if len(words) == 1 and self._shared_surname(sg):
            return
        if len(words) == 1:
            word = words[0]
            low = lows[0]
            # A surname seen before (even one that is also a word: "May said").
            cands = [self._live(u) for u in self.surnames.get(low, [])]
            if low in ROLE_HEADS or (not cands and (low in ROLE_MODIFIERS or low in COMMON)):
                return
            if cands:
                uid = cands[-1]
                self._register_alias(uid, word)
                self._add_mention(sent, s, e, ext, uid, poss)
                return
            known_sur = self.known_surname.get(low, [])
            if len(known_sur) == 1:
                uid = self._person(word, pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return
            if poss and SPOKEN_FOR_RE.match(text, e):
                # "Netanyahu's office said", "Lizzo's lawyer said": someone spoken for.
                uid = self._person(word, pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return
            if REPRESENTED_RE.search(text, max(0, s - 40), s) and not poss:
                # "lawyers for Lizzo", "a spokesperson for Madonna": a one-word name spoken for.
                uid = self._person(word, pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return
            # A title or role right before a single name: "President Putin", "striker Ruiz".
            role = self._role_before(sent, s)
            if role:
                uid = self._person(word, pos, text, role)
                self._add_mention(sent, s, e, self._role_start(sent, s), uid, poss)
                return
            if self._is_subject(sent, e) and not poss and not _after_preposition(text, s):
                # "its plant in Sunderland, the company said": a place, not a speaker.
                # A new single name doing the talking is most often an organisation
                # ("Huawei said"); people are introduced with their full name.
                kind = "government" if ORG_WORDS.get(low) == "government" else "organisation"
                uid = self._org(word, kind, pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return


@dataclass(slots=True)
class Segment:
    """One capitalised segment of a sentence, with what the classifier asks about it."""

    sent: Sentence
    seg: list[tuple[str, int, int]]
    text: str
    s: int
    e: int
    words: list[str]
    lows: list[str]
    full: str
    full_low: str
    poss: bool
    pos: int
    before: str
    the_before: bool
    ext: int

    @classmethod
    def of(cls, sent: Sentence, seg: list[tuple[str, int, int]]) -> Segment:
        text = sent.text
        s, e = seg[0][1], seg[-1][2]
        words = [w for w, _, _ in seg]
        full = text[s:e]
        before = text[:s]
        the_before = before.lower().endswith("the ")
        return cls(
            sent=sent,
            seg=seg,
            text=text,
            s=s,
            e=e,
            words=words,
            lows=[word_base(w) for w in words],
            full=full,
            full_low=key_of(full),
            poss=text[e : e + 2] == "'s" or text[e : e + 2] == "' ",
            pos=sent.start + s,
            before=before,
            the_before=the_before,
            ext=s - 4 if the_before else s,
        )


def _speaks_next(text: str, e: int) -> bool:
    """'Harbour City have dismissed reports', 'Kestrel City said': a place-like name that
    speaks is a club or a body, not the place."""
    words = text[e:].lower().split()[:3]
    while words and words[0].strip(",") in AUX:
        words = words[1:]
    return bool(words) and words[0].strip(",.") in VERB_FORMS


def _next_word(text: str, e: int) -> str:
    """The word right after a name, when it is written in lower case."""
    m = re.match(r"\s+([a-z]+)\b", text[e:])
    return m.group(1) if m else ""


def _after_preposition(text: str, s: int) -> bool:
    """'Residents of Kelso Bay have accused ...': the place is an object, not the subject."""
    before = text[:s].lower().split()[-2:]
    if before and before[-1] == "the":
        before = before[:-1]
    return bool(before) and before[-1] in PREPOSITIONS
