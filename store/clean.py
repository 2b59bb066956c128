"""Making user text inert: the one place that knows which characters are unsafe.

Stored text is data. Shown in a terminal or written into a file another program opens,
some characters act instead of being read: terminal escape sequences and other C0/C1
controls (colours, window titles, clipboard writes, ``U+009B`` as a one-byte CSI),
bidirectional overrides and isolates (which reorder the rest of a line, "Trojan Source"),
and invisible zero-width characters (which hide text or split a word a reader searches
for). The policy, used by the app's display and by every export:

* **Removed** (``clean_text``): escape sequences whole (``ESC [ 31 m`` leaves no ``[31m``
  behind), C0 controls except tab and newline, DEL, C1 controls ``U+0080``-``U+009F``,
  bidi embeddings/overrides/isolates ``U+202A``-``U+202E`` and ``U+2066``-``U+2069``,
  and the invisible ``U+200B`` (zero-width space), ``U+2060``-``U+2064`` (word joiner,
  invisible operators) and ``U+FEFF`` (byte-order mark / zero-width no-break space).
  ``\\r\\n`` and a lone ``\\r`` become ``\\n``; ``U+2028``/``U+2029`` (line and paragraph
  separators) become ``\\n`` too.
* **Kept**: tab and newline (callers fold them where a line is wanted), the zero-width
  joiner and non-joiner ``U+200C``/``U+200D`` (they build emoji sequences and are
  required spelling in Persian, Hindi and other scripts) and the directional marks
  ``U+200E``/``U+200F``/``U+061C`` (they only nudge neutral characters; right-to-left
  text needs them).
* **Markdown** (``md_escape``) gets the cleaned text with its markup escaped, so user
  text can never change a document's structure.
* **JSON** keeps the data lossless instead: ``escape_json`` writes each of those
  characters as a ``\\uXXXX`` escape, so the file holds no raw control character and a
  JSON reader gets the stored text back exactly.

Pure Python: no textual, no rich (the ``store`` rule).
"""

from __future__ import annotations

import re

# An escape sequence: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), or a two-byte
# escape. Removed whole, before the lone controls.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])"
)
# What ``clean_text`` removes, one character at a time.
UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab, newline), DEL, C1 (\r is handled first)
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides, isolates
    "\u200b\u2060-\u2064\ufeff"  # invisible: zero-width space, word joiner, BOM, ...
)
_UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029]")
# What ``escape_json`` escapes: the removed set plus tab, CR and the line separators
# (raw U+2028/9 end a line in JavaScript before ES2019, where JSON-LD often lands).
_JSON_UNSAFE = re.compile(f"[{UNSAFE_CLASS}\t\r\u2028\u2029]")


def clean_text(text: str, *, one_line: bool = False) -> str:
    """``text`` with escape sequences, control, bidi-override and invisible characters
    removed (see the module docstring); newlines normalised to ``\\n``.

    ``one_line=True`` also folds every run of whitespace (newlines, tabs) into one space
    and strips the ends.
    """
    if not text:
        return ""
    text = _NEWLINES.sub("\n", text)
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    text = _UNSAFE.sub("", text)
    if one_line:
        text = fold_whitespace(text)
    return text


def fold_whitespace(text: str) -> str:
    """Every run of whitespace (newlines, tabs) one space, the ends stripped: the rule
    for single-line fields (names, roles, tags, sources)."""
    return " ".join(text.split())


def one_line(text: str, limit: int | None = None) -> str:
    """User text as one clean line (``clean_text``'s rule; a lone surrogate becomes
    ``?``), cut to ``limit`` characters with an ellipsis."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = clean_text(text, one_line=True)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


# Markdown: inline markup characters, an entity's ampersand, and markers that start a
# block at a line start (a heading, quote, list item, setext underline, numbered item).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_BLOCK_START = re.compile(r"^([#>+=-])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def md_escape(text: str, *, heading: bool = False, after_prefix: bool = False) -> str:
    """Clean user text and escape it so it cannot change a Markdown document's structure.

    Inline markup characters get a backslash; so do block markers at a line start
    (``#``, ``>``, ``-``, ``+``, ``=``, ``1.``). Leading spaces are dropped (they
    would make code blocks). ``heading=True`` also escapes every ``#`` (a heading's
    closing sequence; also right for a table cell). ``after_prefix=True``: the first
    line follows other text on its line (a list item's label), so block markers cannot
    start there. Plain prose comes out unchanged.
    """
    text = _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", clean_text(text)))
    lines = []
    for i, line in enumerate(text.split("\n")):
        line = line.strip()
        if heading:
            line = line.replace("#", "\\#")
        elif i == 0 and after_prefix:
            pass
        else:
            line = _MD_BLOCK_START.sub(r"\\\1", line)
            line = _MD_ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def md_cell(text: str, limit: int | None = None) -> str:
    """User text for a Markdown table cell: one line, cut to ``limit``, escaped."""
    return md_escape(one_line(text, limit), heading=True)


def first_unsafe(text: str) -> str | None:
    """The first character ``clean_text`` would remove (or a newline/CR), else None."""
    found = _UNSAFE.search(text) or _NEWLINES.search(text)
    return found.group()[0] if found else None


def char_name(ch: str) -> str:
    """``U+001B`` and a word for it, for messages (never the raw character)."""
    code = ord(ch)
    if code < 0x20 or code == 0x7F:
        kind = "a control character"
    elif 0x80 <= code <= 0x9F:
        kind = "a C1 control character"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "a bidirectional override"
    else:
        kind = "an invisible character"
    return f"{kind} (U+{code:04X})"


def escape_json(encoded: str) -> str:
    """Escape the unsafe characters of already-encoded JSON text as ``\\uXXXX``.

    Safe on JSON that ``json.dumps``/``orjson`` wrote: outside strings such JSON has only
    ASCII punctuation, spaces and newlines (never a tab or CR), so every character matched
    here is inside a string, where the escape means the same character.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
