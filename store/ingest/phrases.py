"""Small phrase tests the speaker stage reads: an object after a preposition, a document's
issuer, a noun phrase's start, a number's inner comma."""

from __future__ import annotations

import re

from .document import Sentence
from .lexicon import CROWD_NOUNS, HONORIFICS, PREPOSITIONS

ISSUED_NOUNS = frozenset(
    {"statement", "letter", "email", "message", "report", "post", "tweet", "video", "notice"}
)

# Titles of who leads a body ("the Rovers boss"): a person, not the body named with them.
LEADER_HEADS = frozenset(("boss", "manager", "chairman", "coach", "owner", "leader"))

# Bodies of members formed around another ("the school's parent association").
MEMBERS_BODIES = frozenset(("association", "union", "federation", "society", "club"))

# Bodies inside an organisation that speak for it when named with it: "X's appeals board".
OWNED_BODIES = frozenset(("committee", "board", "panel", "commission", "council", "department"))

ISSUED_RE = re.compile(
    r"\b(?:(?:released|issued|put out|published|sent)|(?:said|wrote)\s+in)\s+(?:a|an)\s+"
    r"(?:\w+\s+)?(statement|letter)\b",
    re.IGNORECASE,
)


def governed(sent: Sentence, start: int) -> bool:
    """A preposition within a few lower-case words before ``start`` ("in front of the city
    Corporation"): the name is an object, not a subject."""
    k = sent.tok_at(start) - 1
    for _ in range(4):
        if k < 0 or not sent.low[k].isalpha() or not sent.text[sent.toks[k][0]].islower():
            return False
        if sent.low[k] in PREPOSITIONS:
            return True
        k -= 1
    return False


def issued_by(sent: Sentence, start: int, noun: int = -1) -> bool:
    """'a statement from the Eastern Front', 'a letter by the trust' (or 'a statement sent
    by X' when ``noun`` is the document's token): the name issued the document before it."""
    k = sent.tok_at(start) - 1
    if k >= 1 and sent.low[k] == "the":
        k -= 1
    if k >= 1 and sent.low[k] in ("from", "by") and 0 <= noun < k <= noun + 3:
        return sent.low[noun] in ISSUED_NOUNS
    return k >= 1 and sent.low[k] in ("from", "by") and sent.low[k - 1] in ISSUED_NOUNS


def np_start(low: list[str], k: int) -> int:
    """The first token of a short noun phrase ending at ``k`` ("the report", "its new study")."""
    start = k
    while start > 0 and k - start < 3 and low[start - 1].isalpha():
        start -= 1
        if low[start] in ("the", "a", "an", "its", "their", "his", "her", "this", "that"):
            return start
    return k


def in_number(low: list[str], j: int) -> bool:
    """The comma of "9,000", the point of "3.5" or of "Mr." is no break in the sentence."""
    if not 0 < j < len(low) - 1:
        return False
    if low[j] == "." and (low[j - 1] in HONORIFICS or len(low[j - 1]) == 1):
        return True
    return low[j - 1].isdigit() and low[j + 1].isdigit()


def dash_aside_start(sent: Sentence, k: int) -> int:
    """At the dash ``k`` closing an aside after a name ("Ms Pell - who lives in Leeds -
    said"): the name's last token, or -1 when no name opens the aside."""
    low = sent.low
    for j in range(k - 2, max(0, k - 16), -1):
        if low[j] == "-":
            return j - 1 if sent.mention_ending(j - 1) is not None else -1
        if low[j] in (",", ";", ":", '"'):
            return -1
    return -1


def staff_at(sent: Sentence, start: int) -> str:
    """'Nurses at Kell Hospital say': the plural that opens the sentence before "at" the
    name starting at ``start`` ("nurses"), or "" when the sentence opens otherwise."""
    k = sent.tok_at(start) - 1
    if k >= 1 and sent.low[k] == "the":
        k -= 1
    if k != 1 or sent.low[k] not in ("at", "in", "from"):
        return ""
    noun = sent.low[0]
    ok = noun.isalpha() and noun.endswith("s") and len(noun) > 4 and not noun.endswith("ss")
    ok = ok and noun not in CROWD_NOUNS  # "Parents at the school": a group of their own
    return noun if ok else ""
