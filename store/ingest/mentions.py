"""Mentions stage: capitalised runs classified as people, organisations, governments, media,
places or ordinary words, with the case rules named in each branch."""

from __future__ import annotations

import re

from .document import Document, Mention, Sentence
from .lexicon import (
    AUX,
    CALENDAR,
    COMMON,
    CONN_SET,
    COUNTRY_DEMONYM,
    DEMONYM_COUNTRY,
    DEMONYMS,
    FORENAME_GENDER,
    GROUP_NOUNS,
    HONORIFICS,
    KNOWN_ORGS,
    MONTHS,
    NOT_NAME_OPENERS,
    ORG_CUES,
    ORG_WORDS,
    PARTICLES,
    PLACE_PREFIX,
    PLACES,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    VERB_FORMS,
    WEEKDAYS,
    demonym_like,
)
from .names import CORP_ENDS, NAME_OR_ANCHOR_RE, PART_RE, RUN_RE, key_of, word_base
from .text import SUBJECT_WORDS_RE

CUE_AFTER_RE = re.compile(
    r" (party|newspaper|daily|broadcaster|magazine|channel|website|tabloid|weekly|group|"
    r"charity|company|firm|club|team|foundation|union|network)\b"
)

TEAM_ROLE_RE = re.compile(r" (?:leader|captain|manager|boss|principal|director|doctor)\b")

# "the Belarusian government", "Russia's defence ministry", "the Chinese foreign ministry".
GROUP_RE = re.compile(
    r"\b([A-Z][\w'-]*(?:[ ][A-Z][\w'-]*)?)[ ]((?:foreign|defence|defense|interior|health|"
    r"finance|justice|economy|trade|education|environment|energy|agriculture|transport)[ ]"
    r"(?=ministry))?(" + "|".join(GROUP_NOUNS) + r")\b"
)
# "People's Republic", "Workers' Party": a collective possessive inside a body's name.
COLLECTIVE_OWNERS = frozenset(("people", "workers", "women", "citizens", "farmers"))
# A military unit's last word: "the Joint Task Command", "the 3rd Brigade".
UNIT_WORDS = frozenset(
    "operation command division brigade battalion regiment corps unit squadron fleet".split()
)
FORCE_NOUNS = ("army", "military", "navy", "forces", "police")
DEMONYM_SHAPE_RE = re.compile(r"[a-z]+(?:ian|ean|an|ese|ish|i)")
ORG_CUE_END_RE = re.compile(r"(?:^|\W)(" + "|".join(ORG_CUES) + r")$")


POSSESSIVE_TAIL_RE = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)'s $")
PLURAL_VERB_RE = re.compile(r"(?:have|are|were)\b")
NEXT_LOWER_RE = re.compile(r" ([a-z][a-z-]+)")
LAST_LOWER_RE = re.compile(r"([a-z][a-z-]*) $")
ADJECTIVE_ENDINGS = (
    "al",
    "ic",
    "ive",
    "ous",
    "ful",
    "less",
    "ary",
    "ed",
    "ian",
    "ish",
    "ent",
    "ant",
    "ble",
)
VERB_AFTER_RE = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:said|says|told|added|rejected|denied|insisted|[a-z]+ed)\b"
)
BUSINESS_OPENERS = frozenset(
    "retailer airline lender insurer miner broadcaster supermarket brewer caterer developer "
    "operator builder housebuilder publisher manufacturer supplier distributor carrier "
    "producer landlord".split()
)
CONTRACTION_HEADS = frozenset(
    "i we you he she it they that there what who let don can won isn doesn didn".split()
)
ASIDE_RE = re.compile(r",\s+(?:which|who|whose|a|an|the)\b[^,;.\"]{1,120},")
APPOSED_CUE_RE = re.compile(r"(?:^|\b)(?:the|its|their|a) ([a-z][a-z-]*), $", re.IGNORECASE)
# "The Zembian watchdog, known as ZRA,": the noun before the name it is known by.
KNOWN_AS_CUE_RE = re.compile(
    r"\b(?:[Tt]he|[Ii]ts|[Aa]) (?:[A-Z][a-z]+ )?([a-z]+), (?:known as|called) $"
)


MISSION_WORDS = frozenset({"embassy", "consulate"})


STATE_NOUNS = frozenset({"government", "authorities", "administration", "regime"})


def _of_joins(seg: list[tuple[str, int, int]], prev_low: str, in_org: bool) -> bool:
    """Whether "of"/"for"/"on" after ``prev_low`` stays inside the name ("Bank of Leith"),
    not after a company suffix ("Palmer Valves Inc. of Dayton" is the firm and its town)."""
    return prev_low not in CORP_ENDS and (
        _plural_opener(seg, prev_low)
        or prev_low in ORG_WORDS
        or prev_low in ROLE_HEADS
        or prev_low in PLACE_PREFIX
        or prev_low in ("programme", "program", "secretary", "state")
        or in_org
    )


class MentionStage(Document):
    def _mentions(self, sent: Sentence) -> None:
        text = sent.text
        runs = list(RUN_RE.finditer(text))
        if not runs:
            self._group_mentions(sent)
            return
        # Merge "Dockworkers' Union": a plural possessive glued to an organisation word.
        merged: list[tuple[int, int]] = []
        for m in runs:
            s, e = m.span()
            if merged:
                ps, pe = merged[-1]
                gap = text[pe:s]
                first = text[s:e].split(" ", 1)[0].lower()
                last = text[s:e].rsplit(" ", 1)[-1].lower()
                # "Builders' Merchants Federation": a plural possessive opening a body's name.
                plural_opener = " " not in text[ps:pe].removeprefix("The ") and (
                    ORG_WORDS.get(last) in ("organisation", "government")
                )
                if gap == "' " and (first in ORG_WORDS or plural_opener):
                    merged[-1] = (ps, e)
                    continue
                prev_low = key_of(text[ps:pe])
                if (
                    gap in ("'s ", "’s ")
                    and prev_low not in PLACES
                    and self._lookup(text[ps:pe]) is None
                    and any(
                        ORG_WORDS.get(w.lower()) == "organisation"
                        # "Information Commissioner's Office": an office named for its holder
                        or (w.lower() in ORG_WORDS and prev_low.split()[-1] in ROLE_HEADS)
                        # "the Northern People's Republic": a collective owner in the name
                        or (w.lower() in ORG_WORDS and prev_low.split()[-1] in COLLECTIVE_OWNERS)
                        for w in text[s:e].split()
                    )
                ):
                    merged[-1] = (ps, e)
                    continue
            merged.append((s, e))
        for s, e in merged:
            if not self._shop_name(sent, s, e):
                self._classify_run(sent, s, e)
        self._group_mentions(sent)
        sent.mentions.sort(key=lambda m: m.s)

    def _shop_name(self, sent: Sentence, s: int, e: int) -> bool:
        """'Sainsbury's said', 'McDonald's has denied': a firm named with "'s" speaks."""
        text = sent.text
        if text[e : e + 3] not in ("'s ", "’s "):
            return False
        name = text[s:e]
        low = key_of(name)
        seen = self._lookup(name + "'s")
        if seen is None and (
            not VERB_AFTER_RE.match(text, e + 2)
            or low in PLACES
            or " " in name
            or self._lookup(name) is not None
        ):
            return False
        if seen is None and (low in FORENAME_GENDER or low in self.surnames or low in COMMON):
            return False
        uid = (
            seen
            if seen is not None
            else self._org(name + "'s", "organisation", sent.start + s, text)
        )
        self._add_mention(sent, s, e + 2, s, uid, False)
        return True

    def _group_mentions(self, sent: Sentence) -> None:
        """'the Belarusian government', 'the Chinese embassy', 'the Saudi-led coalition'."""
        text = sent.text
        for m in GROUP_RE.finditer(text):
            words = m.group(1)
            start = m.start(1)
            if words.startswith("The ") and " " in words:
                words = words[4:]
                start += 4
            said_as = ""
            if words.endswith(("'s", "’s")) and key_of(words[:-2]) in PLACES:
                said_as, words = f"{words} {m.group(2) or ''}{m.group(3)}", words[:-2]
            low = words.lower()
            noun = (m.group(2) or "") + m.group(3)
            first_low = low.split()[0]
            if first_low in COMMON or first_low in MONTHS or first_low in WEEKDAYS:
                continue
            is_adj = (
                low in DEMONYMS
                or re.search(r"-(?:led|backed|based|allied|aligned|run|funded|installed)$", low)
                or low in PLACES
            )
            # "Arveny's defence ministry": a country's ministry, even one no list knows.
            owned = low.endswith(("'s", "’s")) and m.group(2) is not None and " " not in low
            if not is_adj and not owned:
                # "the Houthi movement", "the Trump administration": a name before the noun;
                # "the Kandari army": a demonym no list knows, before a force.
                if noun not in (
                    "movement",
                    "administration",
                    "government",
                    "coalition",
                    "regime",
                ) and not (noun in FORCE_NOUNS and DEMONYM_SHAPE_RE.fullmatch(low)):
                    continue
                if low.split()[-1] in ORG_WORDS or low.split()[-1] in ROLE_HEADS:
                    continue
            if (
                noun in ("authorities", "regime", "opposition", "rebels", "militia")
                and low not in DEMONYMS
                and low not in PLACES
                and not re.search(r"-(?:led|backed)$", low)
            ):
                continue
            if noun in ("rebels", "separatists", "insurgents", "militia") and "-" in low:
                continue  # "Tesso-backed rebels": a description, not the group's name
            # Skip when the capitalised words are already part of a person or organisation.
            if any(x.s <= start < x.e and x.uid is not None for x in sent.mentions):
                continue
            country = DEMONYM_COUNTRY.get(low) or (low if low in PLACES else None)
            if noun in STATE_NOUNS and country:
                # "the Danish authorities", "the Danish regime": the one government.
                uid = self._country_government(country, sent.start, text)
                if noun != "government":
                    self._register_alias(uid, text[start : m.end(3)])
            else:
                if low in PLACES and low in COUNTRY_DEMONYM:
                    words = COUNTRY_DEMONYM[low]
                name = f"{words} {noun}"
                uid = self._org(name, GROUP_NOUNS[m.group(3)], sent.start + start, text)
            if said_as:
                self._register_alias(uid, said_as)  # "Russia's defence ministry"
            # Replace the place/demonym mention the run classifier may have left there.
            sent.mentions = [x for x in sent.mentions if not (x.s <= start < x.e)]
            ext = start
            if text[max(0, start - 4) : start].lower() == "the ":
                ext = start - 4
            sent.mentions.append(Mention(start, m.end(), ext, uid))
            self._touch(uid)
        sent.mentions.sort(key=lambda m: m.s)

    def _classify_run(self, sent: Sentence, s: int, e: int) -> None:
        text = sent.text
        if (
            " " not in text[s:e]
            and s > 1
            and text[s - 2] not in ".!?:\"`'("
            and text[e : e + 1] != "'"
        ):
            uid = self.alias.get(key_of(text[s:e]))
            if uid is not None and text[max(0, s - 4) : s].lower() != "the ":
                # A single word already known as an actor's name: nothing left to decide.
                self._add_mention(sent, s, e, s, uid, False)
                return
        parts = [(p.group(0), p.start() + s, p.end() + s) for p in PART_RE.finditer(text[s:e])]
        # Sentence-initial ordinary words are capitalised by position only.
        # "Downing Street said", "Reading Council said": an -ing word opening a speaking name;
        # "Stridely disputed": a name that looks like an adverb, with a speech verb after it.
        nxt = NEXT_LOWER_RE.match(text, e)
        speaks = nxt is not None and nxt.group(1) in VERB_FORMS
        ing_name = len(parts) == 2 and bool(VERB_AFTER_RE.match(text, e))
        while (
            parts
            and self._at_start(text, parts[0][1])
            and self._ordinary(parts[0][0], parts)
            and not (ing_name and parts[0][0].endswith("ing") and len(parts) == 2)
            and not (speaks and len(parts) == 1 and parts[0][0].endswith("ly"))
        ):
            parts.pop(0)
            while parts and parts[0][0] in CONN_SET:
                parts.pop(0)
        if not parts:
            return
        cue = CUE_AFTER_RE.match(text, e)
        titled = cue is not None and cue.group(1) == "team" and TEAM_ROLE_RE.match(text, cue.end())
        if cue and not titled and self._named_by_cue_after(sent, parts, cue):
            return
        for seg in self._split_run(text, parts):
            self._classify_segment(sent, seg)
        if titled and self._lookup(text[parts[0][1] : parts[-1][2]]) is None:
            # "the Velotex Nova team leader": the team is named, but the title's holder speaks.
            self._org(text[parts[0][1] : parts[-1][2]], "organisation", sent.start, text)

    def _named_by_cue_after(
        self, sent: Sentence, parts: list[tuple[str, int, int]], cue: re.Match[str]
    ) -> bool:
        """'the Nation newspaper', 'the opposition Law and Justice party' -> an organisation."""
        text = sent.text
        s, e = parts[0][1], parts[-1][2]
        name = text[s:e]
        key = key_of(name)
        words = [word_base(w) for w, _, _ in parts]
        if key in PLACES or all(
            demonym_like(w) or w in CONN_SET or w in ROLE_MODIFIERS for w in words
        ):
            return False
        # "Environmental group Clearwater Alliance": the noun introduces the next name.
        if NAME_OR_ANCHOR_RE.match(text, cue.end() + 1):
            return False
        seen = self._lookup(name)
        if seen is not None and self.actors[seen].kind == "person":
            return False
        noun = cue.group(1)
        uid = self._org(name, ORG_CUES[noun], sent.start + s, text)
        self._register_alias(uid, f"{name} {noun}")
        ext = s - 4 if text[max(0, s - 4) : s].lower() == "the " else s
        self._add_mention(sent, s, cue.end(), ext, uid, text[cue.end() : cue.end() + 2] == "'s")
        return True

    @staticmethod
    def _at_start(text: str, pos: int) -> bool:
        before = text[:pos].rstrip()
        return not before or before[-1] in "\"'`([:-" or before.endswith(("--",))

    def _ordinary(self, word: str, parts: list[tuple[str, int, int]]) -> bool:
        low = word_base(word)
        if low in self.surnames and word[:1].isupper() and len(parts) == 1:
            return False  # a surname seen before ("May said", "Brown added")
        if "'" in low and low.split("'")[0] in CONTRACTION_HEADS:
            return True  # "I've", "We're", "Don't": never a name
        if word.isupper() and len(word) > 2 and (low in COMMON or low in ROLE_MODIFIERS):
            return True  # a drop-capital opener: "SENIOR councillors said"
        if low in KNOWN_ORGS or low in PLACES or low in HONORIFICS:
            return False
        if len(parts) == 2 and low in ORG_WORDS and word_base(parts[1][0]) in PLACES:
            return False  # "Police Scotland", "NHS England": a body named for its country
        if (
            len(parts) >= 3
            and parts[1][0] in ("for", "of", "against", "without")
            and low.endswith("s")
            and len(low) > 4
            and low not in NOT_NAME_OPENERS
        ):
            return False  # "Families for Fair Treatment", "Doctors Without Borders"
        if low in COMMON or low in MONTHS or low in WEEKDAYS:
            return True
        if len(parts) > 1 and (low.endswith("maker") or low in BUSINESS_OPENERS):
            return True  # "Carmaker Velden Motors said": a description before the name
        if low in ROLE_HEADS or (low.endswith("s") and low[:-1] in ROLE_HEADS):
            return len(parts) == 1 or low.endswith("s")
        if len(parts) == 1 and (low.endswith(("ing", "ly")) or low in self.lower_words):
            return True
        if len(parts) > 1 and low.endswith("ing") and len(low) > 5:
            return True
        return (
            len(parts) > 1
            and low in self.lower_words
            and low not in DEMONYMS
            and low not in ROLE_MODIFIERS
            # An adjective opens the sentence ("Environmental group X"); a noun may open a
            # name ("Asthma Action UK said").
            and (low.endswith(ADJECTIVE_ENDINGS) or parts[1][0] in CONN_SET)
        )

    def _split_run(
        self, text: str, parts: list[tuple[str, int, int]]
    ) -> list[list[tuple[str, int, int]]]:
        """Split a run at connectors that join two names rather than make one
        ("Russia and Ukraine", "Kellogg in Minsk")."""
        segs: list[list[tuple[str, int, int]]] = [[]]
        i, n = 0, len(parts)
        pre = text[: parts[0][1]].rstrip().lower()
        org_context = bool(ORG_CUE_END_RE.search(pre, max(0, len(pre) - 30)))
        keyword_seen = and_merged = False
        while i < n:
            word = parts[i][0]
            if word in CONN_SET:
                j = i
                conns = []
                while j < n and parts[j][0] in CONN_SET:
                    conns.append(parts[j][0])
                    j += 1
                if j >= n or not segs[-1]:
                    segs.append([])
                    i = j
                    continue
                prev_low = word_base(segs[-1][-1][0])
                next_low = word_base(parts[j][0])
                keep = False
                if conns == ["to"]:
                    keep = prev_low in ROLE_HEADS  # "Envoy to Chile", not "Kyiv to Moscow"
                elif all(c in PARTICLES for c in conns):
                    keep = next_low not in PLACES and prev_low not in PLACES
                elif conns[0] in ("of", "for", "on") and _of_joins(
                    segs[-1], prev_low, org_context or keyword_seen
                ):
                    keep = next_low not in MONTHS and next_low not in WEEKDAYS
                    keyword_seen = keyword_seen or prev_low in ORG_WORDS or org_context
                elif conns[0] == "&" or (
                    conns[0] == "and"
                    and (
                        any(x[0] in ("of", "for", "on") for x in segs[-1])
                        or self._and_in_body(segs[-1], parts[j:])
                    )
                ):
                    # "Brandt & Cole"; "Office of Fair Trading and Standards". Two names
                    # joined by "and" otherwise stay two: "Meridian Capital and Brandt & Cole".
                    keep = True
                    and_merged = True
                elif conns == ["in"] and (
                    (keyword_seen and and_merged and next_low in PLACES)
                    or (prev_low in MISSION_WORDS and j == n - 1)
                ):
                    # "Organisation for Security and Co-operation in Europe",
                    # but not "Ministry of Interior in Kabul"; a mission and the one city it
                    # is in: "the Danish Embassy in Lagos".
                    keep = True
                if keep:
                    segs[-1].extend(parts[i:j])
                else:
                    segs.append([])
                i = j
                continue
            low = word_base(word)
            if low in ORG_WORDS:
                keyword_seen = True
            # Months and weekdays never belong to a name, but a surname can look like one
            # ("Theresa May", and "May said" once she is known; "the Sunday Courier").
            if (low in MONTHS or low in WEEKDAYS or low in CALENDAR) and not (
                (low in WEEKDAYS and i == 0 < n - 1 and pre.endswith(("the", "'s")))
                or self._month_name(text, parts, i, segs[-1])
            ):
                segs.append([])
                i += 1
                continue
            if segs[-1] and _body_then_person(segs[-1], parts, i, low):
                segs.append([])
            segs[-1].append(parts[i])
            if self._possessive_ends(text, parts, i, low):
                segs.append([])
            i += 1
        return [seg for seg in segs if seg]

    def _and_in_body(
        self, before: list[tuple[str, int, int]], after: list[tuple[str, int, int]]
    ) -> bool:
        """'Competition and Markets Authority', 'Food and Drug Administration': one or two
        ordinary words, "and", then words ending in a body's keyword make one name."""
        if not 1 <= len(before) <= 2:
            return False
        tail = [w for w, _, _ in after]
        if any(w in CONN_SET for w in tail):
            tail = tail[: next(k for k, w in enumerate(tail) if w in CONN_SET)]
        return (
            bool(tail)
            and ORG_WORDS.get(word_base(tail[-1])) in ("organisation", "government")
            and all(self._plain_word(w) for w, _, _ in before)
        )

    def _plain_word(self, word: str) -> bool:
        """An ordinary capitalised word: no body's keyword, place, nationality or forename
        ("Coastal Safety and Rescue Administration")."""
        low = word_base(word)
        return (
            low not in ORG_WORDS
            and low not in PLACES
            and low not in DEMONYMS
            and low not in FORENAME_GENDER
            and self._lookup(word) is None
        )

    def _month_name(
        self, text: str, parts: list[tuple[str, int, int]], i: int, seg: list[tuple[str, int, int]]
    ) -> bool:
        word, _, pe = parts[i]
        low = word.lower()
        if low not in MONTHS or word != word.capitalize() or re.match(r"\s*\d", text[pe:]):
            return False
        if seg and word_base(seg[-1][0]) in FORENAME_GENDER:
            return True
        return not seg and low in self.surnames and bool(VERB_AFTER_RE.match(text, pe))

    def _possessive_ends(
        self, text: str, parts: list[tuple[str, int, int]], i: int, low: str
    ) -> bool:
        """A possessive ends the run ("Putin's position", "Moldova's Foreign Ministry"), except
        an institution's own name ("St John's College")."""
        word, _, pe = parts[i]
        n = len(parts)
        institution = (
            text[pe : pe + 3] == "'s "
            and i + 1 < n
            and parts[i + 1][1] == pe + 3
            and low not in PLACES
            and self._lookup(word) is None
            and any(
                ORG_WORDS.get(word_base(p[0])) == "organisation"
                or (word_base(p[0]) in ORG_WORDS and low in ROLE_HEADS)  # "Commissioner's Office"
                or (word_base(p[0]) in ORG_WORDS and low in COLLECTIVE_OWNERS)  # "People's Party"
                for p in parts[i + 1 :]
            )
        )
        if institution:
            return False
        return text[pe : pe + 2] == "'s" or (
            text[pe : pe + 1] == "'"
            and not (
                i + 1 < n
                and parts[i + 1][1] == pe + 2
                and (
                    word_base(parts[i + 1][0]) in ORG_WORDS
                    or (i == 0 and ORG_WORDS.get(word_base(parts[-1][0])) is not None)
                )
            )
        )

    def _org_kind(self, words: list[str], lows: list[str]) -> str | None:
        if lows[0] in PLACE_PREFIX and len(lows) > 2 and lows[1] == "of":
            return None
        kind = None
        for w, low in zip(words, lows, strict=True):
            if low in ORG_WORDS and w[:1].isupper() and len(words) > 1:
                k = ORG_WORDS[low]
                # The last keyword decides: "News Corporation" is a company, "Bank Times" media.
                kind = k if kind is None or k != "organisation" else kind
                if k == "government":
                    kind = "government"
        full = " ".join(lows)
        if full in KNOWN_ORGS:
            return KNOWN_ORGS[full]
        if kind == "media" and lows[-1] not in ORG_WORDS:
            kind = "organisation"
        return kind

    @staticmethod
    def _cue_before(before: str) -> str | None:
        m = LAST_LOWER_RE.search(before, max(0, len(before) - 40))
        if m and m.group(1) in ORG_CUES:
            return m.group(1)
        # In apposition: "The operator, Pennine Coaches, said".
        m = APPOSED_CUE_RE.search(before, max(0, len(before) - 40)) or KNOWN_AS_CUE_RE.search(
            before, max(0, len(before) - 50)
        )
        if m and m.group(1) in ORG_CUES:
            return m.group(1)
        return None

    @staticmethod
    def _is_subject(sent: Sentence, e: int) -> bool:
        """True when a reporting or denial verb follows the word (skipping auxiliaries and
        an aside: "Unison, which represents nurses, disputed ...")."""
        aside = ASIDE_RE.match(sent.text, e)
        if aside:
            e = aside.end()
        for w in SUBJECT_WORDS_RE.findall(sent.text, e, e + 80)[:6]:
            low = w.lower()
            if low in VERB_FORMS:
                return True
            if low not in AUX and low not in ("in", "a", "statement"):
                return False
        return False

    def _add_mention(self, sent: Sentence, s: int, e: int, ext: int, uid: int, poss: bool) -> None:
        uid = self._live(uid)
        sent.mentions.append(Mention(s, e, ext, uid, poss=poss))
        self._touch(uid)


def _plural_opener(seg: list[tuple[str, int, int]], low: str) -> bool:
    """A name's first word that is a plural noun: "Families for ...", "Friends of ..."."""
    return (
        len(seg) == 1
        and low.endswith("s")
        and len(low) > 4
        and low not in NOT_NAME_OPENERS
        and low not in PLACES
        and low not in DEMONYMS
    )


def _body_then_person(
    seg: list[tuple[str, int, int]], parts: list[tuple[str, int, int]], i: int, low: str
) -> bool:
    """A known forename opening the last two or three words, after a body's last word: "the
    Joint Task Group Anna Brel" is a body, then its person."""
    last = word_base(seg[-1][0])
    return (
        low in FORENAME_GENDER
        and 2 <= len(parts) - i <= 3
        and (last in ORG_WORDS or last in UNIT_WORDS)
        and not any(p[0] in CONN_SET for p in parts[i:])
    )
