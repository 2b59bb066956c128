"""Registry stage: the actors found so far, their aliases, merging, known actors, and the
resolution of pronouns and titles ("he", "the minister", "the company") to one of them."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from ..models import NAME_MAX, SHORT_MAX
from .document import Actor, Anchor, Document, Sentence
from .known import adopt_known, attr
from .lexicon import (
    BUSINESS,
    COMMON,
    CONN_SET,
    COUNTRY_DEMONYM,
    DEMONYMS,
    FORENAME_GENDER,
    GENERIC_ORG_HEADS,
    GOV_PREFIX,
    HONORIFICS,
    LOCAL_GOV,
    NON_BUSINESS,
    OPEN_SORTS,
    ORG_WORDS,
    PARTICLES,
    PLACES,
    PRONOUNS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    SORT_HINTS,
    TITLE_NAME_WORDS,
    TITLE_ORG,
)
from .names import initials, key_of, norm_name, one_edit

# "Dunmere City Mayor", "Mayor of Dunmere": the town a mayor's council is named after.
MAYOR_RE = re.compile(
    r"(?:([A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}) [Mm]ayor|[Mm]ayor of ([A-Z][\w' -]+))"
)
# A finite verb before a name makes the name an object, not the subject.
VERB_BEFORE_RE = re.compile(r"\b(?:has|have|had|is|are|was|were|will|would|[a-z]{3,}ed)\b")

AGE_RE = re.compile(r"\d{1,3}-year-old")
GOV_TITLES = frozenset(
    "authority authorities prosecutors prosecution police army military navy "
    "tribunal court parliament cabinet junta regime presidency".split()
)


ARMED_GROUPS = frozenset({"rebels", "separatists", "insurgents", "militants", "guerrillas"})
ARMED_NAME_WORDS = frozenset(
    {"front", "movement", "liberation", "army", "alliance", "brigade", "brigades", "militia"}
)


# A short place in brackets inside a name: "Dunmore (Pa.) General Hospital".
INNER_PLACE_RE = re.compile(r"^(.+?) \([A-Z][A-Za-z.]{1,10}\) (.+)$")


class Registry(Document):
    def _add_known(self, k: Any) -> None:
        name = attr(k, "name", "")
        if not isinstance(name, str) or not name.strip():
            return
        keys = [name, *[a for a in (attr(k, "aliases", []) or []) if isinstance(a, str)]]
        for alias in keys:
            key = key_of(alias)
            if key:
                self.known.setdefault(key, k)
        if (attr(k, "kind", "") or "") == "person":
            parts = norm_name(name).split()
            if len(parts) >= 2:
                self.known_surname.setdefault(parts[-1].casefold(), []).append(k)

    # ---- registry ----------------------------------------------------------------------

    def _touch(self, uid: int) -> None:
        uid = self._live(uid)
        if self.recent and self.recent[-1] == uid:
            return
        with contextlib.suppress(ValueError):
            self.recent.remove(uid)
        self.recent.append(uid)
        if len(self.recent) > 60:
            del self.recent[0]

    def _live(self, uid: int) -> int:
        while self.actors[uid].merged_into is not None:
            uid = self.actors[uid].merged_into  # type: ignore[assignment]
        return uid

    def _lookup(self, name: str) -> int | None:
        key = key_of(name)
        uid = self.alias.get(key)
        return None if uid is None else self._live(uid)

    def _register_alias(self, uid: int, alias: str) -> None:
        key = key_of(alias)
        if not key:
            return
        self.alias.setdefault(key, uid)
        actor = self.actors[uid]
        clean = norm_name(alias)
        if clean and clean.casefold() != actor.name.casefold() and clean not in actor.aliases:
            actor.aliases.append(clean)

    def _new_actor(self, name: str, kind: str, pos: int, evidence: str, role: str = "") -> int:
        name = norm_name(name)[:NAME_MAX]
        known = self.known.get(key_of(name))
        uid = len(self.actors)
        actor = Actor(uid=uid, name=name, kind=kind, role=role[:SHORT_MAX], pos=pos)
        # Evidence in the analyst's own characters, from the sentence being read.
        actor.evidence = self._evidence(self.current) if self.current is not None else evidence
        self.actors.append(actor)
        self.alias[key_of(name)] = uid
        if kind == "person":
            self._index_person(uid, name)
        elif kind in ("organisation", "government", "media"):
            self._index_org(uid, name)
        if known is not None:
            self._apply_known(actor, known)
        return uid

    def _index_person(self, uid: int, name: str) -> None:
        parts = name.split()
        if len(parts) >= 2 and not self.actors[uid].gender:
            # "she" never picks a person whose first name says otherwise.
            self.actors[uid].gender = FORENAME_GENDER.get(parts[0].casefold(), "")
        if len(parts) >= 2:
            sur = parts[-1].casefold()
            if sur in ("jr", "jr.", "sr", "sr.", "ii", "iii") and len(parts) >= 3:
                sur = parts[-2].casefold()
            self.surnames.setdefault(sur, []).append(uid)
            # "Ana Ruiz del Monte" is "Ruiz" too: the word before a particle starts the surname.
            lows = [w.casefold() for w in parts]
            p = next((i for i in range(2, len(lows) - 1) if lows[i] in PARTICLES), 0)
            if p and lows[p - 1] != sur:
                self.surnames.setdefault(lows[p - 1], []).append(uid)
            first = parts[0].casefold()
            if first not in HONORIFICS and len(first) > 2:
                self.forenames.setdefault(first, set()).add(uid)

    def _index_org(self, uid: int, name: str) -> None:
        """Acronym, first word, and every leading or trailing part of the name."""
        words = name.split()
        if len(words) >= 2:
            acr = initials(name)
            if 2 <= len(acr) <= 6:
                self.alias.setdefault(acr.casefold(), uid)
            first = words[0]
            low = first.lower()
            if (
                len(first) >= 4
                and low not in COMMON
                and low not in ROLE_MODIFIERS
                and low not in DEMONYMS
                and low not in PLACES
                and low not in ORG_WORDS
                and low not in GOV_PREFIX
                and first[0].isupper()
            ):
                self.alias.setdefault(low, uid)
            lows = [w.casefold() for w in words]
            for k in range(1, len(words)):
                for part in (lows[:k], lows[k:]):
                    if part[0] not in CONN_SET and part[-1] not in CONN_SET:
                        self.partial.setdefault(key_of(" ".join(part)), set()).add(uid)
        if name.lower().startswith("the "):
            self.alias.setdefault(key_of(name[4:]), uid)

    def _lookup_partial(self, name: str) -> int | None:
        """An organisation named by the first or last words of its full name ("Rovers FC",
        "Treasury"), or a person by their first name, when exactly one actor fits."""
        key = key_of(name)
        words = key.split()
        if not words or all(
            w in GENERIC_ORG_HEADS
            or w in ROLE_MODIFIERS
            or w in COMMON
            or w in CONN_SET
            or w in DEMONYMS
            or w in PLACES
            or w in LOCAL_GOV
            for w in words
        ):
            return None
        uids = {self._live(u) for u in self.partial.get(key, ())}
        if len(uids) == 1:
            return uids.pop()
        if len(words) == 1 and not uids and key not in self.surnames:
            people = {self._live(u) for u in self.forenames.get(key, ())}
            if len(people) == 1:
                uid = people.pop()
                actor = self.actors[uid]
                if actor.kind == "person" and not actor.role and not actor.gender:
                    # A "person" with no title later named by the first word alone is a
                    # company written like a name ("Northgate Fulfilment", "Northgate").
                    actor.kind = "organisation"
                return uid
        return None

    def _apply_known(self, actor: Actor, known: Any) -> None:
        adopt_known(actor, known)

    def _person(self, name: str, pos: int, evidence: str, role: str = "") -> int:
        """Find or create the person called ``name`` (full name or surname)."""
        parts = name.split()
        uid = self._lookup(name)
        if uid is None and len(parts) >= 2:
            # A full name whose surname was seen alone first ("Putin", later "Vladimir Putin").
            sur = parts[-1].casefold()
            prev = self._lookup(parts[-1])
            if prev is not None and self.actors[prev].kind == "person":
                actor = self.actors[prev]
                if len(actor.name.split()) == 1:
                    actor.aliases.append(actor.name)
                    actor.name = norm_name(name)[:NAME_MAX]
                    self.alias[key_of(name)] = prev
                    self.surnames.setdefault(sur, []).append(prev)
                    uid = prev
        if uid is None and len(parts) >= 2:
            uid = self._misspelt(parts)
        if uid is None and len(parts) == 1:
            cands = [self._live(u) for u in self.surnames.get(parts[0].casefold(), [])]
            cands = list(dict.fromkeys(cands))
            if not cands:
                # "Sir David" after "Sir David Nicholson": the one person of that first name.
                cands = list({self._live(u) for u in self.forenames.get(parts[0].casefold(), ())})
                cands = cands if len(cands) == 1 else []
            if cands:
                uid = cands[-1]
            else:
                kn = self.known_surname.get(parts[0].casefold(), [])
                if len(kn) == 1:
                    uid = self._new_actor(attr(kn[0], "name", name), "person", pos, evidence, role)
                    self._apply_known(self.actors[uid], kn[0])
        if uid is None:
            known_list = self.known_surname.get(parts[-1].casefold(), []) if len(parts) > 1 else []
            uid = self._new_actor(name, "person", pos, evidence, role)
            if self.actors[uid].existing_id is None and len(known_list) == 1:
                kfirst = norm_name(attr(known_list[0], "name", "")).split()[:1]
                if kfirst and kfirst[0].casefold() == parts[0].casefold():
                    self._apply_known(self.actors[uid], known_list[0])
        actor = self.actors[uid]
        if role and not actor.role:
            actor.role = role[:SHORT_MAX]
        if key_of(name) != key_of(actor.name):
            self._register_alias(uid, name)
        return uid

    def _misspelt(self, parts: list[str]) -> int | None:
        """Zhao Haomig after Zhao Haoming: the same first name and a surname of five letters
        or more one letter off is the same person, written wrong once."""
        sur = parts[-1].casefold()
        if len(sur) < 5:
            return None
        found = set()
        for uid in self.forenames.get(parts[0].casefold(), ()):
            seen = self.actors[self._live(uid)].name.split()
            if len(seen) == len(parts) and one_edit(seen[-1].casefold(), sur):
                found.add(self._live(uid))
        return found.pop() if len(found) == 1 else None

    def _org(self, name: str, kind: str, pos: int, evidence: str) -> int:
        inner = INNER_PLACE_RE.match(name)
        if inner and self._lookup(name) is None:
            # "Dunmore (Pa.) General Hospital" is also "Dunmore General Hospital".
            plain = f"{inner.group(1)} {inner.group(2)}"
            uid = self._lookup(plain)
            if uid is None:
                uid = self._new_actor(name, kind, pos, evidence)
            self._register_alias(uid, plain)
            self._register_alias(uid, name)
            return uid
        uid = self._lookup(name)
        if uid is None:
            uid = self._new_actor(name, kind, pos, evidence)
        elif key_of(name) != key_of(self.actors[uid].name):
            self._register_alias(uid, name)
        return uid

    def _country_government(self, country: str, pos: int, evidence: str) -> int:
        demonym = COUNTRY_DEMONYM.get(country)
        name = f"{demonym} government" if demonym else f"Government of {country.title()}"
        uid = self._lookup(name)
        if uid is None:
            uid = self._new_actor(name, "government", pos, evidence)
            self._register_alias(uid, f"government of {country.title()}")
            if not demonym:
                self._register_alias(uid, f"{country.title()} government")  # as written
        if country in PLACES:
            # "Russia denied it" and "the Russian government" are one actor, under either name.
            self._register_alias(uid, country.title())
        return uid

    def _resolve_person_title(self, head: str) -> int | None:
        for uid in reversed(self.recent):
            actor = self.actors[uid]
            if actor.kind == "person" and head in actor.role.lower():
                return uid
        return None

    def _armed_group(self) -> int | None:
        """'The rebels denied it': the armed movement the article named ('the Northern
        Liberation Front'), never the army or the government."""
        for u in reversed(self.recent):
            a = self.actors[u]
            if a.kind == "organisation" and ARMED_NAME_WORDS & set(a.name.lower().split()):
                return u
        return None

    def _resolve_org_title(self, head: str) -> int | None:
        head = head.lower()
        if head in ("government", "administration", "authorities", "regime", "cabinet"):
            for uid in reversed(self.recent):
                a = self.actors[uid]
                if a.kind == "government" and (
                    "government" in a.name.lower() or head in a.name.lower()
                ):
                    return uid
            if self.recent_country:
                cur = self.current
                return self._country_government(
                    self.recent_country, cur.start if cur else 0, cur.text if cur else ""
                )
            return None
        for uid in reversed(self.recent):
            a = self.actors[uid]
            if a.kind != "person" and re.search(rf"\b{re.escape(head)}\b", a.name.lower()):
                return uid
        sort_words = TITLE_NAME_WORDS.get(head, SORT_HINTS.get(head, frozenset()))
        for uid in reversed(self.recent):
            a = self.actors[uid]
            if a.kind != "person" and (a.cue == head or sort_words & set(a.name.lower().split())):
                return uid  # "the regulator": the Civil Aviation Authority
        if head in ("prosecution", "prosecutors", "defence", "defense", "police"):
            # "the prosecution's case": whoever the article gives that part.
            stem = head[:6]
            for uid in reversed(self.recent):
                a = self.actors[uid]
                if stem in a.name.lower() or stem in a.role.lower():
                    return uid
        if head in BUSINESS:
            uid = self._recent_business()
            if uid is not None or head not in OPEN_SORTS:
                return uid  # "the group" may also be a campaign group or a council
        if head in ("newspaper", "paper", "broadcaster", "outlet", "magazine", "channel"):
            return self._recent_kind(("media",))
        if head in ARMED_GROUPS:
            return self._armed_group()
        if head in ("ministry", "department", "embassy", "presidency", "kremlin"):
            return self._recent_kind(("government",))
        if head in (
            "group",
            "organisation",
            "organization",
            "charity",
            "campaign",
            "watchdog",
            "alliance",
            "coalition",
            "movement",
            "association",
            "network",
        ):
            # "Transport Focus said ... . The watchdog said": the body that just spoke, before
            # one only named since.
            cur = self.current.idx if self.current else 0
            spoke = [self._live(u) for i, u in self.salient_orgs if 0 < cur - i <= 2]
            spoke = [u for u in spoke if self.actors[u].kind == "organisation"]
            return spoke[-1] if spoke else self._recent_kind(("organisation",))
        if head == "council":
            uid = self._mayors_council()
            if uid is not None:
                return uid
        if head in TITLE_ORG:
            # "the club", "the team", "the university": the last body of that sort (never
            # one whose name says it is another sort: "the league" is not an Association).
            if head in TITLE_NAME_WORDS:
                return None
            kind = "organisation" if head not in GOV_TITLES else "government"
            for uid in reversed(self.recent):
                a = self.actors[uid]
                last = a.name.lower().split()[-1] if a.name else ""
                if a.kind == kind and (last == head or last not in TITLE_ORG):
                    return uid
        return None

    def _mayors_council(self) -> int | None:
        """The council named only as "the council", before any council is named: the one whose mayor
        was just named ("Dunmere City Mayor Alan Pike" -> "Dunmere City Council")."""
        if any(a.kind == "government" and "council" in a.name.lower() for a in self.actors):
            return None
        for uid in reversed(self.recent):
            m = MAYOR_RE.fullmatch(self.actors[uid].role)
            if self.actors[uid].kind == "person" and m:
                town = m.group(1) or m.group(2)
                cur = self.current
                return self._org(f"{town} Council", "government", cur.start if cur else 0, "")
        return None

    def _recent_business(self) -> int | None:
        """'the company', 'the firm', 'the retailer': the last organisation that is not a
        union, party, agency or other non-business body, or the last untitled "person" (a
        company written like a name, "Cordillera Copper, which operates the mine,"), which
        is then an organisation."""
        for uid in reversed(self.recent):
            a = self.actors[uid]
            if (
                a.kind == "organisation"
                and not any(w in NON_BUSINESS for w in a.name.lower().split())
                and a.cue not in NON_BUSINESS
            ):
                return uid
            if a.kind == "person" and not a.role and not a.gender and len(a.name.split()) > 1:
                a.kind = "organisation"
                return uid
        return None

    def _org_named_like(self, noun: str) -> int | None:
        """The last organisation whose name has ``noun`` in it ("the clinic" -> "Westbrook
        Fertility Clinic")."""
        if len(noun) < 4 or noun in COMMON:
            return None
        for uid in reversed(self.recent):
            a = self.actors[uid]
            if a.kind != "person" and noun in a.name.lower().split():
                return uid
        return None

    def _recent_kind(self, kinds: tuple[str, ...]) -> int | None:
        for uid in reversed(self.recent):
            if self.actors[uid].kind in kinds:
                return uid
        return None

    def _pronoun(self, word: str, sent: Sentence, a: Anchor | None) -> int | None:
        gender = PRONOUNS.get(word, "")
        if gender == "w":
            return None
        if gender in ("m", "f"):
            if self.spokes_said[0] == sent.idx - 1 and not self._sentence_people(sent, a):
                # "A spokesman for the developer said ... . He added ...": the developer.
                return self.spokes_said[1]
            # The current sentence's earlier speaker, then earlier sentences' subjects.
            for uid in self._sentence_people(sent, a):
                if self._gender_ok(uid, gender):
                    return uid
            for idx, uid in reversed(self.salient_people):
                if (
                    idx < sent.idx
                    and sent.idx - idx <= 6
                    and self._gender_ok(self._live(uid), gender)
                ):
                    return self._live(uid)
            for uid in reversed(self.recent):
                person = self.actors[uid].kind == "person" and uid not in self.silent
                if person and self._gender_ok(uid, gender):
                    return uid
            return None
        pair = self._joint_pair(sent) if gender == "p" else None
        if pair is not None:
            return pair[0]  # "Paul and Ruth Tolland found ... . They said ...": both
        for idx, uid in reversed(self.salient_orgs):
            if idx <= sent.idx and sent.idx - idx <= 4:
                return self._live(uid)
        return self._recent_kind(("organisation", "government", "media"))

    def _joint_pair(self, sent: Sentence) -> tuple[int, int] | None:
        """The two people who spoke together in this or the last sentence, if any."""
        for idx, uid in reversed(self.salient_people):
            if sent.idx - idx > 1:
                break
            uid = self._live(uid)
            for pair in self.allied:
                if uid in pair and len(pair) == 2:
                    other = next(u for u in pair if u != uid)
                    if self.actors[self._live(other)].kind == "person":
                        return uid, self._live(other)
        return None

    def _sentence_people(self, sent: Sentence, a: Anchor | None) -> list[int]:
        if a is None:
            return []
        limit = sent.toks[a.i][0]
        if a.i >= 2 and sent.low[a.i - 2] == ",":
            return []  # "CLAIM, he alleges": he is not someone named in the claim
        for m in sent.mentions:
            if (
                m.uid is not None
                and m.e < limit
                and not m.poss
                and not sent.in_quote(m.s)
                and self.actors[self._live(m.uid)].kind == "person"
            ):
                return [self._live(m.uid)]
        return []

    def _gender_ok(self, uid: int, gender: str) -> bool:
        g = self.actors[uid].gender
        return not g or g == gender

    def _other_sort(self, words: list[str], uid: int | None) -> bool:
        """'The hospital trust pushed back' when no trust is named yet (or the last body
        named is a charity): a description of another sort, to be named later."""
        if uid is not None:
            actor = self.actors[self._live(uid)]
            if actor.kind == "person" or set(actor.name.lower().split()) & set(words[1:]):
                return False
        return (
            len(words) == 3
            and words[0] == "the"
            and words[1].isalpha()
            and words[2] in TITLE_ORG
            and words[2] not in OPEN_SORTS
        )

    def _titled_by(self, between: str, uid: int | None) -> bool:
        """'Kestrel manager Ivo Marsh': the body's name qualifies a title, whose holder is
        the subject."""
        words = between.split()
        return (
            uid is not None
            and 0 < len(words) <= 3
            and all(w.isalpha() and w.islower() for w in words)
            and words[-1] in ROLE_HEADS
            and self.actors[self._live(uid)].kind == "person"
        )

    def _aged_subject(self, sent: Sentence, a: Anchor, k: int) -> bool:
        """'The 52-year-old said', 'the 51-year-old German said': the person the last
        sentences were about."""
        low, w = sent.low, sent.low[k]
        recent = next(
            (self._live(u) for i, u in reversed(self.salient_people) if sent.idx - i <= 2), None
        )
        if AGE_RE.fullmatch(w) and k > 0 and low[k - 1] == "the":
            a.speaker = recent
            a.a0 = sent.toks[k - 1][0]
            return True
        if k > 0 and AGE_RE.fullmatch(low[k - 1]) and (w in DEMONYMS or w in ROLE_HEADS):
            a.speaker = self._recent_untitled_person(sent, w) or recent
            a.a0 = sent.toks[max(0, k - 2)][0]
            return True
        return False

    def _recent_untitled_person(self, sent: Sentence, role: str) -> int | None:
        for idx, uid in reversed(self.salient_people):
            if sent.idx - idx > 2:
                break
            actor = self.actors[self._live(uid)]
            if not actor.role:
                actor.role = role
                return actor.uid
            if role in actor.role.lower():
                return actor.uid
        return None

    def _untitled_body(self, idx: int) -> int | None:
        """'Silverbirch Care said ... . A spokeswoman said ...': the speaker just before, taken
        for a person but with no title or gender, is a body written like a name."""
        for i, uid in reversed(self.salient_people):
            actor = self.actors[self._live(uid)]
            if idx - i > 1:
                break
            if not actor.role and not actor.gender and len(actor.name.split()) > 1:
                actor.kind = "organisation"
                return actor.uid
        return None

    def _media_before(self, sent: Sentence, pos: int) -> int | None:
        """The last outlet named in the sentence before ``pos``."""
        found = None
        for m in sent.mentions:
            if m.uid is not None and m.s < pos and self.actors[self._live(m.uid)].kind == "media":
                found = self._live(m.uid)
        return found

    def _possessor(self, sent: Sentence, s0: int, e0: int) -> int | None:
        """The actor named with "'s" between ``s0`` and ``e0``; or the person "his" or "her"
        stands for ("his lawyer said": the one the article was just speaking of)."""
        for m in sent.mentions:
            if m.uid is not None and m.poss and s0 <= m.s < e0:
                return self._live(m.uid)
        pron = re.search(r"\b(his|her)\b", sent.text[s0:e0], re.IGNORECASE)
        if pron is None:
            return None
        return self._pronoun("he" if pron.group(1).lower() == "his" else "she", sent, None)
