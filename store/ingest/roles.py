"""Roles: titles before a name, appositive roles between commas, and affiliations."""

from __future__ import annotations

import re

from ..models import SHORT_MAX
from .document import Actor, Document, Sentence
from .lexicon import (
    CLIENT_ROLES,
    COMMON,
    DEMONYMS,
    DETERMINERS,
    INVERTIBLE,
    ORG_CUES,
    ORG_WORDS,
    ROLE_HEADS,
    ROLE_MODIFIERS,
    ROLE_STOPS,
    TITLE_ORG,
    VERB_FORMS,
    WEAK_ROLES,
)
from .names import TOKEN_RE, initials, is_acronym, norm_name, word_base

INVERTIBLE_START_RE = re.compile(r"^\s*(?:" + "|".join(sorted(INVERTIBLE)) + r")\b")

TITLE_WITH_OBJECT_RE = re.compile(
    r"(?:\b[A-Z][\w-]*\s+)?\b([a-z-]+\s+)?([a-z-]+)\s+(?:for|of)\s+(?:the\s+)?[a-z-]+(?:\s+[a-z-]+)?\s+$"
)


WHO_LEADS_RE = re.compile(
    r", who (chairs|leads|heads|runs|founded|represents|speaks for) ((?:the|its|their) [\w' -]+?)"
    r"(?=[,.;]|$)"
)
RELATIVE_ROLES = {
    "chairs": "chair",
    "leads": "leader",
    "heads": "head",
    "runs": "head",
    "founded": "founder",
    "represents": "representative",
    "speaks for": "spokesperson",
}


class RoleStage(Document):
    def _left_words(self, sent: Sentence, s: int) -> list[tuple[str, int]]:
        """Up to 10 words before ``s`` as (word, start), nearest first, stopping at punctuation."""
        out: list[tuple[str, int]] = []
        base = max(0, s - 160)
        window = [m for m in TOKEN_RE.finditer(sent.text, base, s)]
        if base > 0 and window:
            window = window[1:]  # may be cut in half
        for m in reversed(window):
            word = m.group(0)
            if not word[:1].isalnum() or len(out) >= 10:
                break
            out.append((word, m.start()))
        return out

    def _role_words(self, sent: Sentence, s: int) -> list[tuple[str, int]]:
        words = self._left_words(sent, s)
        got: list[tuple[str, int]] = []
        for idx, (w, ws) in enumerate(words):
            low = word_base(w)
            if idx == 0 and low not in ROLE_HEADS:
                return []
            if low in DETERMINERS or low in ROLE_STOPS:
                break
            ok = (
                low in ROLE_HEADS
                or low in ROLE_MODIFIERS
                or low in DEMONYMS
                or w.endswith("'s")
                or (w[:1].isupper() and not self._at_start(sent.text, ws))
                or any(m.s <= ws < m.e and m.uid is not None for m in sent.mentions)
                or (
                    w[:1].isupper()
                    and (
                        low in ROLE_MODIFIERS
                        or low in DEMONYMS
                        or low in ROLE_HEADS
                        or low in ORG_WORDS
                        or is_acronym(w)
                    )
                )
                or low in ORG_WORDS
                or low in ORG_CUES
            )
            # "umpires union spokesman": the members a union or association is named for.
            members = bool(got) and word_base(got[-1][0]) in ORG_WORDS and _plural_noun(w)
            if not (ok or members):
                break
            if (
                not members
                and w[:1].islower()
                and (low in VERB_FORMS or (low in COMMON and low not in ROLE_MODIFIERS))
            ):
                break
            got.append((w, ws))
        return got

    def _role_before(self, sent: Sentence, s: int) -> str:
        got = self._role_words(sent, s)
        if not got:
            # "Cabinet member for education Tom Whitlock": a title with its object.
            m = TITLE_WITH_OBJECT_RE.search(sent.text, max(0, s - 60), s)
            if m and word_base(m.group(2)) in ROLE_HEADS:
                return norm_name(m.group(0))[:SHORT_MAX]
            return ""
        start = got[-1][1]
        end = got[0][1] + len(got[0][0])
        return norm_name(sent.text[start:end])[:SHORT_MAX]

    def _role_start(self, sent: Sentence, s: int) -> int:
        got = self._role_words(sent, s)
        if not got:
            return s
        start = got[-1][1]
        if sent.text[max(0, start - 4) : start].lower() == "the ":
            start -= 4
        return start

    def _maybe_role_before(self, sent: Sentence, uid: int, s: int) -> None:
        actor = self.actors[uid]
        if actor.kind == "person" and not actor.role:
            role = self._role_before(sent, s)
            if role:
                actor.role = role

    def _affiliation_from_role(self, uid: int, sent: Sentence) -> None:
        actor = self.actors[uid]
        if actor.affiliation or not actor.role:
            return
        role_low = f" {actor.role.lower()} "
        # The bodies named in this sentence, then those named lately ("White House Press
        # Secretary Sarah Sanders" after "The White House has denied ...").
        seen = [self._live(m.uid) for m in sent.mentions if m.uid is not None]
        for other_uid in dict.fromkeys([*seen, *reversed(self.recent)]):
            other = self.actors[other_uid]
            if other_uid == uid or other.kind == "person":
                continue
            names = [other.name, *other.aliases, initials(other.name)]
            if any(len(x) > 1 and f" {x.lower()} " in role_low for x in names):
                actor.affiliation = other.name
                return
        # "Deputy commissioner Helen Marsh" of the "Information Commissioner's Office": the
        # title's head word names the body.
        head = actor.role.lower().split()[-1]
        if head in ROLE_HEADS:
            for other_uid in reversed(self.recent):
                other = self.actors[other_uid]
                words = [w.removesuffix("'s") for w in other.name.lower().split()]
                if other_uid != uid and other.kind != "person" and head in words:
                    actor.affiliation = other.name
                    return

    def _appositives(self, sent: Sentence) -> None:
        """Roles set off by commas: "Maria Lopez, general secretary of the union," and
        "the agency's chief executive, Helena Marsh,"."""
        text = sent.text
        for m in sent.mentions:
            if m.uid is None:
                continue
            actor = self.actors[self._live(m.uid)]
            if actor.kind != "person":
                continue
            # After the name.
            weak = actor.role.lower() in WEAK_ROLES
            if (not actor.role or weak) and text[m.e : m.e + 2] == ", ":
                seg_end = len(text)
                # "X, editor of the Review and a professor of law,": the first title.
                for stop in (
                    ",",
                    ";",
                    ".",
                    '"',
                    "`",
                    " who ",
                    " whose ",
                    " which ",
                    " and a ",
                    " and an ",
                ):
                    k = text.find(stop, m.e + 2)
                    if k != -1:
                        seg_end = min(seg_end, k)
                seg = text[m.e + 2 : seg_end]
                role = self._role_phrase(seg)
                if role:
                    actor.role = role
                    self._affiliation_from_text(actor, role, sent)
            # "Grace Mensah, who chairs the federation,": the body she speaks for.
            rel = WHO_LEADS_RE.match(text, m.e)
            if rel and not actor.affiliation:
                actor.role = actor.role or RELATIVE_ROLES[rel.group(1)]
                self._affiliation_from_text(actor, rel.group(2), sent)
            # Before the name.
            if text[max(0, m.ext - 2) : m.ext] == ", " and (
                text[m.e : m.e + 1] in (",", ".", "")
                or text[m.e :].startswith((" said", " told", " says", " who "))
                or re.match(r" (?:of|at|from) (?:the )?[A-Z]", text[m.e :])
            ):
                left = text[: m.ext - 2]
                k = max(
                    left.rfind(","),
                    left.rfind(";"),
                    left.rfind(":"),
                    left.rfind('"'),
                    left.rfind("`"),
                )
                seg = left[k + 1 :]
                # Drop a reporting verb that starts the segment: '..." said the company's head'.
                seg = INVERTIBLE_START_RE.sub("", seg)
                role = self._role_phrase(seg, before=True)
                if role:
                    if not actor.role or actor.role.lower() in WEAK_ROLES:
                        actor.role = role
                    seg_start = len(left) - len(seg)
                    m.ext = seg_start + (len(seg) - len(seg.lstrip()))
                    self._affiliation_from_text(actor, seg, sent)

    def _role_phrase(self, seg: str, before: bool = False) -> str:
        words = re.findall(r"[\w'.-]+", seg)
        if not words or len(words) > 14:
            return ""
        lows = [word_base(w) for w in words]
        if before:
            return self._role_phrase_before(seg, words, lows)
        start = 0
        while start < len(lows) and lows[start] in (
            "the",
            "a",
            "an",
            "its",
            "his",
            "her",
            "their",
            "our",
        ):
            start += 1
        head = -1
        for idx in range(start, min(len(lows), start + 6)):
            # "a virologist at ...", "a historian of ...": job nouns the list cannot foresee.
            if lows[idx] in ROLE_HEADS or (
                start > 0 and len(lows[idx]) > 5 and lows[idx].endswith(("ist", "ian"))
            ):
                head = idx
                # Keep going: "chief executive", "general secretary".
                while head + 1 < len(lows) and lows[head + 1] in ROLE_HEADS:
                    head += 1
                break
            if (
                lows[idx] in VERB_FORMS or (lows[idx] in COMMON and lows[idx] not in ROLE_MODIFIERS)
            ) and lows[idx] not in ("of", "for"):
                return ""
        if head < 0:
            return ""
        end = head + 1
        if end < len(lows) and lows[end] in ("of", "for", "at", "to", "on", "in"):
            k = end + 1
            while (
                k < len(lows)
                and k < end + 7
                and not (
                    lows[k] in ("who", "which", "that", "based", "said", "told")
                    or lows[k] in VERB_FORMS
                )
            ):
                k += 1
            end = k
        first = words[start]
        text_words = words[start:end]
        if not text_words:
            return ""
        # Rebuild from the original spacing.
        begin = seg.find(first)
        last = text_words[-1]
        stop = seg.find(last, begin + sum(len(w) for w in text_words[:-1]))
        if begin < 0 or stop < 0:
            return norm_name(" ".join(text_words))[:SHORT_MAX]
        return norm_name(seg[begin : stop + len(last)])[:SHORT_MAX]

    def _role_phrase_before(self, seg: str, words: list[str], lows: list[str]) -> str:
        """'the agency's chief executive', 'a pledge its environment minister' -> the title."""
        preps = ("of", "for", "at", "to", "on", "in", "with")
        head = -1
        for idx in range(len(lows) - 1, -1, -1):
            if lows[idx] in ROLE_HEADS:
                tail = lows[idx + 1 :]
                if not tail or (tail[0] in preps and not any(t in VERB_FORMS for t in tail)):
                    head = idx
                    break
        if head < 0:
            return ""
        start = head
        while start > 0:
            w, low = words[start - 1], lows[start - 1]
            if low in ("the", "a", "an", "its", "his", "her", "their", "our"):
                break
            if not (
                low in ROLE_HEADS
                or low in ROLE_MODIFIERS
                or low in DEMONYMS
                or low in ORG_WORDS
                or low in ORG_CUES
                or w.endswith("'s")
                or w[:1].isupper()
            ) or (low in VERB_FORMS and low not in ROLE_HEADS):
                break
            start -= 1
        chosen = words[start:]
        begin = seg.find(chosen[0], sum(len(w) for w in words[:start]))
        if begin < 0:
            return norm_name(" ".join(chosen))[:SHORT_MAX]
        return norm_name(seg[begin:])[:SHORT_MAX]

    def _affiliation_from_text(self, actor: Actor, phrase: str, sent: Sentence) -> None:
        if actor.affiliation:
            return
        low = phrase.lower()
        for m in sent.mentions:
            if m.uid is None:
                continue
            other = self.actors[self._live(m.uid)]
            if other.kind != "person" and other.name.lower() in low:
                actor.affiliation = other.name
                return
            if m.poss and other.kind == "person" and other is not actor and _client_of(low):
                # "Reed's attorney, Leon Pell,": he speaks for Reed, never against him.
                self.allied.add(frozenset((self._live(m.uid), self._live(actor.uid))))
        if low.strip().startswith(("his ", "her ")) and any(w in CLIENT_ROLES for w in low.split()):
            # "His barrister, Celia Moor,": she acts for the man just written about.
            client = self._pronoun("he" if low.strip().startswith("his") else "she", sent, None)
            if client is not None and client != actor.uid:
                actor.affiliation = self.actors[self._live(client)].name
            return
        if low.strip().startswith(("its ", "their ")):
            # "Its chief executive, Joanne Pryce,": the body the sentence before was about.
            uid = next((self._live(u) for _, u in reversed(self.salient_orgs)), None)
            if uid is None:
                uid = self._recent_kind(("organisation", "government", "media"))
            if uid is not None and uid != actor.uid:
                actor.affiliation = self.actors[uid].name
            return
        pm = re.search(r"\b(the|its|their)\s+(?:([a-z]+)'s|([a-z]+)$)", low)
        if pm:
            noun = pm.group(2) or pm.group(3)
            if pm.group(1) in ("its", "their"):
                uid = self._recent_kind(("organisation", "government", "media"))
            else:
                uid = self._resolve_org_title(noun) if noun in TITLE_ORG else None
                if uid is None:
                    uid = self._org_named_like(noun)
            if uid is not None and uid != actor.uid:
                actor.affiliation = self.actors[uid].name


def _client_of(low: str) -> bool:
    """'reed's attorney': a role held for the person named just before."""
    words = low.split()
    return len(words) == 2 and words[0].endswith("'s") and words[1] in CLIENT_ROLES


def _plural_noun(word: str) -> bool:
    """A lower-case plural that names people ("umpires", "nurses"), not a verb form."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 4
        and word.endswith("s")
        and not word.endswith("ss")
        and word not in VERB_FORMS
    )
