"""Making user text safe to show: it is data, never markup or terminal control."""

from __future__ import annotations

import re
import unicodedata

from rich.markup import escape

# C0/C1 controls and DEL, except newline and tab (handled per use). ESC sequences are
# removed whole so "\x1b[31m" does not leave "[31m" behind.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi overrides/isolates can reorder the rest of a line in the terminal.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean(text: str, *, one_line: bool = False) -> str:
    """Strip terminal escapes and control characters; fold to one line if asked."""
    if not text:
        return ""
    text = _ANSI.sub("", text)
    text = _CONTROL.sub("", text)
    text = _BIDI.sub("", text)
    text = text.replace("\t", " ")
    if one_line:
        text = " ".join(text.split())
    return text


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
