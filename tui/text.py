"""Making user text safe to show: it is data, never markup or terminal control."""

from __future__ import annotations

import unicodedata

from rich.markup import escape

from store.clean import clean_text


def clean(text: str, *, one_line: bool = False) -> str:
    """Strip terminal escapes, control, bidi-override and invisible characters (the one
    cleaner, ``store.clean.clean_text``); tabs become spaces; fold to one line if asked."""
    if not text:
        return ""
    return clean_text(text, one_line=one_line).replace("\t", " ")


def markup_safe(text: str, *, one_line: bool = True) -> str:
    """Clean text and escape Rich/Textual markup, for places that parse markup (toasts)."""
    return escape(clean(text, one_line=one_line))


def shorten(text: str, limit: int) -> str:
    """One-line text cut to ``limit`` characters with an ellipsis."""
    text = clean(text, one_line=True)
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plural(count: int, word: str, many: str = "") -> str:
    """ "1 rebuttal", "2 rebuttals" (with thousands separators)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def match_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Where ``needle`` occurs in ``text`` ignoring case, as the store's text filter
    matches (casefold): (start, end) offsets into ``text``, in order, not overlapping."""
    needle = needle.strip().casefold()
    if not needle or not text:
        return []
    folded = text.casefold()
    if len(folded) == len(text):
        where = None
    else:
        # A character that folds to several ("ß" to "ss"): map each folded offset back.
        parts = [c.casefold() for c in text]
        folded = "".join(parts)
        where = [i for i, part in enumerate(parts) for _ in part] + [len(text)]
    spans: list[tuple[int, int]] = []
    start = folded.find(needle)
    while start >= 0:
        end = start + len(needle)
        if where is None:
            spans.append((start, end))
        else:
            first, last = where[start], where[end - 1] + 1
            spans.append((first, last))
        start = folded.find(needle, end)
    return spans
