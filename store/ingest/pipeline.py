"""The pipeline: the stages in order over one shared document, and :func:`extract`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from ..models import SHORT_MAX
from .agents import AgentStage
from .anchors import AnchorStage
from .attribution import AttributionStage
from .claims import ClaimStage
from .dates import DateStage
from .denials import DenialStage
from .document import Document, Sentence
from .embedded import EmbeddedStage
from .known import match_known
from .lexicon import ANCHOR_WORDS
from .mentions import MentionStage
from .names import NAME_OR_ANCHOR_RE
from .offices import OfficeStage
from .registry import Registry
from .results import ResultStage
from .roles import RoleStage
from .segments import SegmentStage
from .speakers import SpeakerStage
from .suggestions import IngestError, Suggestions
from .text import (
    headline_of,
    html_to_text,
    looks_like_html,
    paragraph_spans,
    prepare,
    quote_spans,
    sentence_spans,
    story_paragraphs,
)

PROGRESS_EVERY = 64_000  # characters between progress callbacks
ASCII_WORD_RE = re.compile(r"[a-z]+")


def extract(
    text: str,
    *,
    known_actors: Iterable[Any] = (),
    published: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> Suggestions:
    """Suggest actors, statements and rebuttals found in an article's text.

    ``known_actors`` are objects (or dicts) with ``id``, ``name``, ``aliases``, ``kind`` and
    ``role``: a suggestion that matches one by full name, surname or alias gets its
    ``existing_id`` and name. ``published`` resolves "on Monday", "yesterday" and dates without
    a year. ``progress(fraction)`` is called now and then. Raises :class:`IngestError` when
    the text is empty or not text at all.
    """
    if not isinstance(text, str):
        raise IngestError(
            f"The article must be text, not {type(text).__name__}: paste text or choose a file."
        )
    if published is not None and not isinstance(published, dt.date):
        raise IngestError("The publication date must be a date (YYYY-MM-DD) or left empty.")
    if isinstance(published, dt.datetime):
        published = published.date()
    headline = ""
    if looks_like_html(text):
        text, headline = html_to_text(text)
    prepared = prepare(text)
    headline = headline or headline_of(prepared)
    if not prepared.strip():
        raise IngestError("The article is empty: paste text or choose a file with text in it.")
    known = [k for k in (known_actors or ()) if k is not None]
    extractor = Extractor(prepared, known, published, progress)
    extractor.run()
    extractor.flush_pending()
    result = extractor.results()
    match_known(result, known)
    result.headline = headline[:SHORT_MAX]
    if progress:
        progress(1.0)
    return result


class Extractor(
    MentionStage,
    OfficeStage,
    SegmentStage,
    RoleStage,
    AttributionStage,
    SpeakerStage,
    AgentStage,
    AnchorStage,
    ClaimStage,
    DenialStage,
    EmbeddedStage,
    DateStage,
    ResultStage,
    Registry,
    Document,
):
    """The stages over one document: per paragraph and sentence, mentions (names -> actors),
    then attribution (anchors -> speakers -> claims); at the end, linking and results."""

    def run(self) -> None:
        self.paras = paragraph_spans(self.work)
        total = max(1, len(self.work))
        next_report = PROGRESS_EVERY
        if self.progress:
            self.progress(0.0)
        for p_idx, ps, para in story_paragraphs(self.work, self.paras):
            pe = ps + len(para)
            quotes = quote_spans(para)
            q0 = 0
            prev: Sentence | None = None
            for ss, se in sentence_spans(para, quotes):
                sent = Sentence(para[ss:se], ps + ss, self.sent_idx, p_idx)
                sent.prev = prev
                prev = sent
                self.sent_idx += 1
                # The quotes overlapping this sentence (both lists are in text order).
                while q0 < len(quotes) and quotes[q0][1] <= ss:
                    q0 += 1
                qj = q0
                while qj < len(quotes) and quotes[qj][0] < se:
                    qs, qe = quotes[qj]
                    sent.quotes.append((max(qs, ss) - ss, min(qe, se) - ss))
                    qj += 1
                self.current = sent
                # Most sentences name no one, quote no one and attribute nothing: skip them.
                sent.attributes = not ANCHOR_WORDS.isdisjoint(
                    ASCII_WORD_RE.findall(sent.text.lower())
                )
                if sent.quotes or sent.attributes or NAME_OR_ANCHOR_RE.search(sent.text, 1):
                    self._mentions(sent)
                    self._office_mentions(sent)
                    self._attributions(sent)
                if self.pending:
                    self._resolve_pending(sent)
            if self.progress and pe >= next_report:
                next_report = pe + PROGRESS_EVERY
                self.progress(min(0.95, pe / total))
