"""Name helpers: capitalised runs, tokens, stems and the keys names are compared by."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from .lexicon import NAME_ABBREVIATIONS, STOP
from .text import WORK_MAP


def char_class(pred: Callable[[str], bool]) -> str:
    ranges: list[str] = []
    start = prev = -2
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if pred(chr(cp)):
            if cp != prev + 1:
                if start >= 0:
                    ranges.append((start, prev))  # type: ignore[arg-type]
                start = cp
            prev = cp
    if start >= 0:
        ranges.append((start, prev))  # type: ignore[arg-type]
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges  # type: ignore[misc]
    )


UP = char_class(lambda c: c.isupper() or c.istitle())
TITLE_ABBREV = (
    "Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Rev|Hon|Adm|Cmdr|Maj|Brig|Supt|Insp|Det"
)
# One word of a name: "U.S.", "P&O", "Dr.", "O'Brien", "Co-operation", "al-Ansari", "J.".
TOK = (
    rf"(?:(?:{TITLE_ABBREV})\.(?=[ ][{UP}])"
    rf"|[{UP}]{{1,4}}&[{UP}]{{1,4}}\b"
    rf"|[{UP}]\.(?:[{UP}]\.)+"
    rf"|[{UP}]\.(?=[ ][{UP}])"
    rf"|(?:Inc|Corp|Ltd|Bros)\.(?=[ ,;)]|$)"
    rf"|(?:[OD]'|Mc|Mac)?[{UP}][^\W_]*(?:-[^\W_]+)*(?:'(?![sS]\b)[^\W_]+)?"
    rf"|(?:al|el|ad|as|ash|ibn|bin|de|di|da|van|von|du|le|la)-[{UP}][^\W_]*)"
)
CONN = (
    r"(?:of|for|and|&|in|on|to|de|da|del|der|den|van|von|al|bin|ibn|el|la|le|du|dos|das|di|y|the)"
)
# The leading look-ahead lets the engine skip lower-case text quickly (4x faster on prose).
# A short bracketed place or abbreviation inside a name: "Dalton (Ont.) Memorial Hospital".
PAREN = rf"\([{UP}][\w.]{{0,6}}\)(?=[ ][{UP}])"
RUN_RE = re.compile(rf"(?=[{UP}]){TOK}(?:[ ]+(?:{CONN}[ ]+){{0,3}}(?:{PAREN}[ ]+)?{TOK})*")
NAME_OR_ANCHOR_RE = re.compile(f"[{UP}]")  # any capital letter
PART_RE = re.compile(rf"{TOK}|{PAREN}|{CONN}(?=[ ])|&")


TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:['\-]\w+)*|\S")


# A company suffix keeps its full stop in the name ("Palmer Valves Inc."); as a word it is
# the bare suffix.
CORP_DOT = frozenset({"inc.", "corp.", "ltd.", "bros."})
# A company suffix ends the name: "Palmer Valves Inc. of Dayton" is the firm and its town.
CORP_ENDS = frozenset({"inc", "corp", "ltd", "llc", "plc"})


def word_base(word: str) -> str:
    low = word.lower()
    if low in CORP_DOT:
        return low[:-1]
    if low.endswith("'s"):
        return low[:-2]
    return low


def is_acronym(tok: str) -> bool:
    letters = tok.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


_INITIALS_SKIP = frozenset("of for and the & in on de la le".split())


def initials(name: str) -> str:
    skip = _INITIALS_SKIP
    return "".join(w[0] for w in name.split() if w.lower() not in skip and w[:1].isalpha()).upper()


@functools.lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    for suf in ("ies", "ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)] + ("y" if suf == "ies" else "")
            break
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


def content_stems(text: str) -> frozenset[str]:
    return frozenset(
        stem(w)
        for w in re.findall(r"[^\W\d_][\w'-]*", text)
        if w.lower() not in STOP and len(w) > 2
    )


@functools.lru_cache(maxsize=65_536)
def norm_name(text: str) -> str:
    text = text.translate(WORK_MAP).replace("`", "'")
    return " ".join(text.split())


@functools.lru_cache(maxsize=65_536)
def key_of(name: str) -> str:
    """The key names are compared by: case, spacing, a leading "the" and abbreviations
    ("Treasury Dept" is "Treasury Department") do not count."""
    n = norm_name(name).casefold()
    if n.startswith("the "):
        n = n[4:]
    if "." in n or any(w in NAME_ABBREVIATIONS for w in n.split()):
        n = " ".join(NAME_ABBREVIATIONS.get(w, w) for w in n.split())
    return n


def one_edit(a: str, b: str) -> bool:
    """One letter added, dropped or changed turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]
