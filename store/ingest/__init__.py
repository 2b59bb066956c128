"""Article import: news text in, suggested actors, statements and rebuttals out.

Rule-based and dependency-free on purpose: no model downloads, predictable on any machine,
fast enough for a 10 MB paste. The stages, one module each, over one shared document
(``document.Document``), run by ``pipeline.Extractor``:

1. ``text``: decode the file, prepare a same-length working copy (curly quotes mapped to
   straight ones, so every offset still points into what the analyst pasted), split
   paragraphs, quotes and sentences (quotes and abbreviations such as "U.S." end none);
2. ``mentions`` and ``roles``: capitalised runs classified as person (with the title before
   the name as role), organisation, government, media, or a place / month / common word;
3. ``registry``: the actors so far, their aliases and merges, known actors, and the
   resolution of pronouns and titles ("she", "the minister", "the company");
4. ``speakers``: attribution anchors (reporting verbs, "according to", denial verbs) and the
   speaker of each; ``claims``: the claim each anchor carries; ``attribution`` runs both
   per sentence;
5. ``denials``: denials linked to the best-matching claim by another actor;
6. ``dates`` against the publication date; ``results`` numbers everything.

Word lists live in ``lexicon/*.txt``. Every suggestion is a suggestion: the analyst reviews
it before anything reaches the store.
"""

from .pipeline import extract
from .suggestions import (
    IngestError,
    SuggestedActor,
    SuggestedRebuttal,
    SuggestedStatement,
    Suggestions,
)
from .text import read_article

__all__ = [
    "IngestError",
    "SuggestedActor",
    "SuggestedRebuttal",
    "SuggestedStatement",
    "Suggestions",
    "extract",
    "read_article",
]
