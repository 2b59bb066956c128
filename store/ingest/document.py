"""The shared document: sentences, mentions, anchors, claims and the actors found so far.

Every stage is a mixin over :class:`Document`; ``pipeline.Extractor`` combines them, so the
stages share one object: the text, the sentence being read, the actor registry and the claims.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .names import TOKEN_RE
from .text import WORK_MAP

# Evidence is the source sentence shown to the analyst: long enough for any news sentence.
EVIDENCE_MAX = 2_000


@dataclass(slots=True)
class Actor:
    uid: int
    name: str
    kind: str
    role: str = ""
    affiliation: str = ""
    aliases: list[str] = field(default_factory=list)
    evidence: str = ""
    existing_id: int | None = None
    gender: str = ""
    cue: str = ""
    pos: int = 0
    merged_into: int | None = None


@dataclass(slots=True)
class Mention:
    s: int  # name start (sentence coordinates)
    e: int  # name end
    ext: int  # start including the role or descriptor before the name
    uid: int | None  # actor, or None for a place
    country: str | None = None
    poss: bool = False


@dataclass(slots=True)
class Claim:
    uid: int  # speaker
    text: str
    evidence: str
    sent_idx: int
    pos: int
    said_on: str | None
    quote: bool
    denial: bool = False
    strong: bool = False  # denial found in the words of a report, not in a denial verb
    named: frozenset[int] = frozenset()  # actors mentioned in the sentence
    in_text: frozenset[int] = frozenset()  # actors mentioned inside the claim itself
    stems: frozenset[str] = frozenset()
    frame: int | None = None
    # What a denial is aimed at, when it names it: "questioned the findings" -> "findings".
    object_noun: str = ""
    # Whose account a denial stands by ("stood by her account"): never its target.
    allies: frozenset[int] = frozenset()
    # The denial's object is a claim noun ("the allegations", "the claims").
    about_claim: bool = False
    # "denied that.", "rejected this claim": what was said just before.
    demonstrative: bool = False
    insists: bool = False  # "X insisted ...": a denial when X was just accused
    against: frozenset[int] | None = None  # "she stood by her account" after B's denial: B


@dataclass(slots=True)
class Anchor:
    i: int  # token index of the verb (or of "according")
    j: int  # token index after the anchor words
    lemma: str
    deny: bool
    according: bool = False
    speaker: int | None = None
    elided: bool = False
    a0: int = 0  # attribution span (sentence coordinates)
    a1: int = 0
    participle: bool = False
    claim_end: int = -1  # where this anchor's claim ended (sentence coordinates)
    blocked: bool = False  # the subject is known to be nobody we can name
    passive: bool = False  # "the claim has been refuted by X": the speaker follows "by"


class Sentence:
    __slots__ = (
        "_low",
        "_toks",
        "attributes",
        "date",
        "date_done",
        "date_mentioned",
        "end",
        "idx",
        "mentions",
        "para",
        "prev",
        "quotes",
        "start",
        "text",
    )

    def __init__(self, text: str, start: int, idx: int, para: int) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.idx = idx
        self.para = para
        self._toks: list[tuple[int, int]] | None = None
        self._low: list[str] = []
        self.mentions: list[Mention] = []
        self.quotes: list[tuple[int, int]] = []
        self.attributes = True  # may contain an attribution word
        self.date: str | None = None
        self.date_done = False
        self.date_mentioned = False
        self.prev: Sentence | None = None

    @property
    def toks(self) -> list[tuple[int, int]]:
        """Word and punctuation spans, computed on first use (most sentences never need them)."""
        if self._toks is None:
            self._toks = [m.span() for m in TOKEN_RE.finditer(self.text)]
            self._low = [self.text[s:e].lower() for s, e in self._toks]
        return self._toks

    @property
    def low(self) -> list[str]:
        if self._toks is None:
            _ = self.toks
        return self._low

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.toks, (pos, -1))

    def in_quote(self, pos: int) -> bool:
        return any(s < pos < e - 1 for s, e in self.quotes)

    def mention_ending(self, tok_index: int) -> Mention | None:
        if tok_index < 0:
            return None
        s, e = self.toks[tok_index]
        for m in self.mentions:
            if m.s <= s and e <= m.e + 2:
                return m
        return None

    def mention_starting(self, tok_index: int) -> Mention | None:
        if tok_index >= len(self.toks):
            return None
        s = self.toks[tok_index][0]
        for m in self.mentions:
            if m.s == s or m.ext == s:
                return m
        return None


class Document:
    def __init__(
        self,
        text: str,
        known: list[Any],
        published: dt.date | None,
        progress: Callable[[float], None] | None,
    ) -> None:
        self.clean = text
        self.work = SWAPPED_CLOSE_RE.sub(r"\1'\"", opening_in_case(text.translate(WORK_MAP)))
        self.published = published
        self.progress = progress
        self.actors: list[Actor] = []
        self.alias: dict[str, int] = {}  # lower-case name or alias -> actor uid
        self.surnames: dict[str, list[int]] = {}
        # The first or last words of an organisation's name -> actors ("Rovers FC",
        # "Treasury"), and people's first names: short forms of a name seen in full.
        self.partial: dict[str, set[int]] = {}
        self.forenames: dict[str, set[int]] = {}
        self.recent: list[int] = []  # actor uids, most recent last (bounded)
        self.claims: list[Claim] = []
        self.paras: list[tuple[int, int]] = []  # paragraph spans, as the pipeline read them
        self.recent_country: str | None = None
        self.salient_people: list[tuple[int, int]] = []  # (sentence idx, uid)
        self.silent: set[int] = set()  # people who "could not be reached for comment"
        self.accused: set[int] = set()  # actors named where the article speaks of accusations
        self.salient_orgs: list[tuple[int, int]] = []
        self.known: dict[str, Any] = {}
        self.known_surname: dict[str, list[Any]] = {}
        for k in known:
            self._add_known(k)
        # Words seen in lower case: a capitalised sentence opener that also occurs in lower
        # case ("Following", "Environmental") is an ordinary word, not a name.
        self.lower_words = frozenset(re.findall(r"\b[a-z][a-z'-]+\b", self.work))
        self.sent_idx = 0
        self.current: Sentence | None = None
        # (sentence idx, speaker, is a denial) of "X said:" waiting for its quote.
        self.awaiting: tuple[int, int, bool] | None = None
        # Quote paragraphs with no cue yet: (sentence idx, cleaned quote).
        self.open_quotes: list[tuple[int, str, Sentence]] = []
        # Claims by a description ("their former striker"), resolved by role at the end.
        self.deferred: list[tuple[Claim, str]] = []
        self.allied: set[frozenset[int]] = set()  # joint speakers, never each other's target
        self.pending_fallback: dict[int, int] = {}  # anchor id -> the one spoken for
        self.filer: int | None = None  # who filed the lawsuit or complaint last named
        self.document_said = -1  # the sentence where a filed document last spoke
        self.filer_at = -1  # the sentence that named the filer
        # (sentence, body) where an unnamed spokesperson last spoke for a body.
        self.spokes_said: tuple[int, int] = (-9, -1)
        self.issued: tuple[int, int, str] | None = None  # (sentence, issuer, "statement")
        self.last_quote: tuple[int, int] | None = None  # (sentence idx, speaker) of a quote
        # Claims whose speaker is introduced later: "A security researcher says ..."
        self.pending: list[tuple[Sentence, Anchor, list[Anchor], str]] = []


# A quote inside a quote closed in the wrong order: '"... \'enough is enough,"\' she said'.
SWAPPED_CLOSE_RE = re.compile(r"([,.!?])\"['`](?=\s)")
OPENING_CAPS_RE = re.compile(r"\s*([A-Z]{2,})(?= [A-Z][a-z])")


def opening_in_case(work: str) -> str:
    """An article whose first word is set in capitals ("SOUTHERN Rail staff ..."): that word
    as the article writes it elsewhere, when it does, so the name it starts is the same name.
    An acronym ("BBC News") is never written any other way, so it stays."""
    m = OPENING_CAPS_RE.match(work)
    if not m:
        return work
    word = m.group(1)
    title = word[0] + word[1:].lower()
    if not re.search(rf"\b{title}\b", work[m.end() :]):
        return work
    return work[: m.start(1)] + title + work[m.end(1) :]
