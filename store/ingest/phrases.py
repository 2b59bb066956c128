"""Small phrase tests the speaker stage reads: an object after a preposition, a document's
issuer, a noun phrase's start, a number's inner comma."""

from __future__ import annotations

from .document import Sentence
from .lexicon import HONORIFICS, PREPOSITIONS

ISSUED_NOUNS = frozenset(
    {"statement", "letter", "email", "message", "report", "post", "tweet", "video", "notice"}
)

# Titles of who leads a body ("the Rovers boss"): a person, not the body named with them.
LEADER_HEADS = frozenset(("boss", "manager", "chairman", "coach", "owner", "leader"))

# Bodies of members formed around another ("the school's parent association").
MEMBERS_BODIES = frozenset(("association", "union", "federation", "society", "club"))


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
