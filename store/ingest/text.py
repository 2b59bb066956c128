"""Text stage: reading files (decoding), the working copy, paragraphs, quotes, sentences."""

from __future__ import annotations

import bisect
import html.parser
import os
import re
import unicodedata
from collections.abc import Iterator

from .lexicon import ABBREV, STARTERS
from .suggestions import IngestError

# A "sentence" longer than this is cut at a space: keeps every window scan bounded.
SENTENCE_MAX = 1_500
BYLINE_RE = re.compile(
    r"(?:By|BY|From)\s+[^.!?\"]{2,80}$"
    r"|\(?(?:Additional\s+)?(?:[Rr]eporting|[Ww]riting|[Ee]diting)\s+by\b[^\"]{2,300}$"
)


def read_article(path: str | os.PathLike[str]) -> tuple[str, list[str]]:
    """Read an article file as text and return ``(text, warnings)``.

    UTF-8 (with or without BOM; UTF-16/32 with a BOM too). Undecodable bytes are replaced and
    counted in the warnings. Binary files, folders, missing and unreadable files raise
    :class:`IngestError` naming the path. Large files are read whole.
    """
    try:
        name = os.fspath(path)
    except TypeError as exc:
        raise IngestError(f"Not a file path: {path!r}. Give the path of a text file.") from exc
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise IngestError(
            f"No file at {name}: check the path, or paste the article text instead.", path=name
        ) from exc
    except IsADirectoryError as exc:
        raise IngestError(
            f"{name} is a folder, not a file: choose a text file.", path=name
        ) from exc
    except PermissionError as exc:
        raise IngestError(
            f"Cannot read {name}: permission denied. Check the file's permissions.", path=name
        ) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise IngestError(f"Cannot read {name}: {reason}.", path=name) from exc
    return decode(data, name)


BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
BAD_BYTE_RE = re.compile("[\udc80-\udcff]")
CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    if not data.strip():
        raise IngestError(
            f"{name} is empty: choose a file with the article's text in it.", path=name
        )
    warnings: list[str] = []
    encoding = "utf-8"
    for bom, enc in BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], enc
            break
    if encoding == "utf-8" and b"\x00" in data[:65_536]:
        raise IngestError(
            f"{name} looks like a binary file (it contains NUL bytes), not text: "
            "save the article as plain text (.txt) and try again.",
            path=name,
        )
    # surrogateescape keeps one marker per undecodable byte, so they can be counted exactly.
    text = data.decode(encoding, "surrogateescape")
    bad = len(BAD_BYTE_RE.findall(text))
    controls = len(CONTROL_RE.findall(text, 0, 65_536))
    sample = min(len(text), 65_536) or 1
    if (bad + controls) > 0.3 * min(len(text), max(sample, bad + controls)):
        raise IngestError(
            f"{name} does not look like text (most of it is binary data): "
            "save the article as plain text (.txt) and try again.",
            path=name,
        )
    if bad:
        text = BAD_BYTE_RE.sub("\ufffd", text)
        plural = "byte was" if bad == 1 else "bytes were"
        warnings.append(
            f"The file was not valid UTF-8; {bad} {plural} replaced. "
            "Check names with accents in the suggestions."
        )
    return text, warnings


# Same-length map for the working copy: offsets in it are offsets in the cleaned text.
# "‘" becomes "`" so an opening single quote stays distinguishable from an apostrophe.
WORK_MAP = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "`",
        "‚": "`",
        "’": "'",
        "‛": "'",
        "′": "'",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)
ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
NEWLINES_RE = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")
CONTROLS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def prepare(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = NEWLINES_RE.sub("\n", text)
    text = ZERO_WIDTH_RE.sub("", text)
    # Control characters are never part of an article; a space keeps words apart.
    return CONTROLS_RE.sub(" ", text)


def paragraph_spans(work: str) -> list[tuple[int, int]]:
    """Paragraphs: blocks between blank lines, or single lines when there are no blank lines
    (many pasted articles put one paragraph per line)."""
    spans: list[tuple[int, int]] = []
    if re.search(r"\n[ ]*\n", work):
        pattern = re.compile(r"(?:[^\n]|\n(?![ ]*\n))+")
    else:
        pattern = re.compile(r"[^\n]+")
    for m in pattern.finditer(work):
        s, e = m.span()
        while s < e and work[s] in " \n":
            s += 1
        while e > s and work[e - 1] in " \n":
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def story_paragraphs(work: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int, str]]:
    """(index, start, text) of the paragraphs the story is read from: a byline ("By Jane Doe,
    Reuters") is its writer, not an actor, and a paragraph repeated word for word
    (boilerplate, a section pasted twice) could only repeat what is merged anyway."""
    seen: set[str] = set()
    for p_idx, (ps, pe) in enumerate(spans):
        para = work[ps:pe].replace("\n", " ")
        if BYLINE_RE.match(para):
            continue
        if len(para) >= 80:
            if para in seen:
                continue
            seen.add(para)
        yield p_idx, ps, para


DQ_RE = re.compile('"')
SQ_OPEN_RE = re.compile(r"`|(?:(?<=^)|(?<=[\s(\[\-:]))'(?=[^\W\d_])")
SQ_CLOSE_RE = re.compile(r"(?<=[.,!?;:])'|'(?=[\s,.;:!?)\]]|$)")


def quote_spans(para: str) -> list[tuple[int, int]]:
    """(start, end) of quoted passages, quote marks included, in paragraph coordinates."""
    spans: list[tuple[int, int]] = []
    opened = -1
    for m in DQ_RE.finditer(para):
        if opened < 0:
            opened = m.start()
        else:
            spans.append((opened, m.end()))
            opened = -1
    if opened >= 0:
        # An unclosed quote runs to the paragraph end (the news convention for quotes that
        # continue into the next paragraph).
        spans.append((opened, len(para)))
    if "`" in para or "'" in para:
        spans.extend(single_quote_spans(para, spans))
        spans.sort()
    return spans


def single_quote_spans(para: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(para)
    while pos < n:
        m = SQ_OPEN_RE.search(para, pos)
        if m is None:
            break
        start = m.start()
        k = bisect.bisect_right(doubles, (start, len(para) + 1)) - 1
        if k >= 0 and doubles[k][0] <= start < doubles[k][1]:
            pos = start + 1
            continue
        c = SQ_CLOSE_RE.search(para, start + 2)
        # A closing mark must come after some words and before the paragraph runs away.
        if c is None or c.start() - start > 800 or " " not in para[start : c.start()]:
            pos = start + 1
            continue
        out.append((start, c.end()))
        pos = c.end()
    return out


SUBJECT_WORDS_RE = re.compile(r"[\w'-]+|[,\"]")
WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
SENT_END_RE = re.compile(r"[.!?…]+[\"'`)\]]*(?=\s)")


def sentence_spans(para: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans in paragraph coordinates."""
    bounds: list[int] = []
    qi = 0
    for m in SENT_END_RE.finditer(para):
        end = m.end()
        # Inside a quote (not at its closing mark): the quote's sentences belong together.
        while qi < len(quotes) and quotes[qi][1] < end:
            qi += 1
        if (
            qi < len(quotes)
            and quotes[qi][0] < m.start() < end < quotes[qi][1]
            and quotes[qi][1] - quotes[qi][0] < 1200
        ):
            continue
        nxt = end
        while nxt < len(para) and para[nxt] == " ":
            nxt += 1
        if nxt >= len(para):
            continue
        ch = para[nxt]
        if not (ch.isupper() or ch.isdigit() or ch in "\"'`(["):
            continue
        if para[m.start()] == "." and re.search(
            r"\([\w.]{1,7}\)$", para[max(0, m.start() - 9) : end]
        ):
            continue  # "Dalton (Ont.) Memorial Hospital": an abbreviation in brackets
        if para[m.start()] == ".":
            word_m = WORD_BEFORE_RE.search(para, max(0, m.start() - 20), m.start())
            word = word_m.group(1) if word_m else ""
            low = word.lower()
            if low in ABBREV or (len(word) == 1 and word.isupper()):
                continue
            if "." in word and len(word) <= 6:
                # "U.S." ends a sentence only when the next word usually starts one.
                nxt_word = re.match(r"\w+", para[nxt:])
                if not nxt_word or nxt_word.group(0).lower() not in STARTERS:
                    continue
        bounds.append(end)
    spans: list[tuple[int, int]] = []
    start = 0
    for b in [*bounds, len(para)]:
        s, e = start, b
        while s < e and para[s] == " ":
            s += 1
        while e > s and para[e - 1] == " ":
            e -= 1
        # Overlong "sentences" (lists, tables, unpunctuated text) are cut at spaces.
        while e - s > SENTENCE_MAX:
            cut = para.rfind(" ", s, s + SENTENCE_MAX)
            if cut <= s:
                cut = s + SENTENCE_MAX
            spans.append((s, cut))
            s = cut
            while s < e and para[s] == " ":
                s += 1
        if e > s:
            spans.append((s, e))
        start = b
    return spans


# --------------------------------------------------------------------------------------------
# HTML and the headline
# --------------------------------------------------------------------------------------------

HTML_SNIFF_RE = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|p|div|h[1-6]|br|span|section)\b", re.I
)
_BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol article section header footer blockquote tr table "
    "figcaption figure aside nav main title".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head".split())


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page or fragment rather than plain prose."""
    sample = text[:4096]
    return len(HTML_SNIFF_RE.findall(sample)) >= 2 or sample.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html")
    )


class _TextOfHtml(html.parser.HTMLParser):
    """Visible text of a page, one paragraph per block element; the <title> and first <h1>
    are kept for the headline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title = ""
        self.h1 = ""
        self._in: str = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self.skip += 1
        if tag in ("title", "h1"):
            self._in = tag
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag != "head" and self.skip:
            self.skip -= 1
        if tag == self._in:
            self._in = ""
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
            return
        if self.skip:
            return
        if self._in == "h1" and not self.h1:
            self.h1 = data.strip()
        self.parts.append(data)


def html_to_text(text: str) -> tuple[str, str]:
    """``(plain text, headline)`` of an HTML page: tags, scripts and styles dropped,
    entities decoded, block elements as paragraphs."""
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    body = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body)]
    headline = " ".join((parser.h1 or parser.title).split())
    return "\n\n".join(p for p in paragraphs if p), headline


def headline_of(text: str) -> str:
    """The article's title line: a short first paragraph that is not a sentence."""
    first = text.lstrip().split("\n", 1)[0].strip()
    rest = text.lstrip()[len(first) :]
    if not first or len(first) > 160 or not rest.strip():
        return ""
    if first.endswith((".", "!", ",", ";", ":")) or first.startswith(('"', "“", "'")):
        return ""
    return first
