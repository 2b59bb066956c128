"""Quotes that run on: paragraphs of quotation with no reporting cue of their own, right
after a speaker's quoted words, are that speaker's words too (the news convention of
opening each paragraph of a long quote with a quote mark)."""

from __future__ import annotations

import bisect
import re

from ..models import TEXT_MAX
from .document import Claim, Document
from .names import content_stems
from .negation import strong_denial
from .text import paragraph_spans

QUOTE_OPENERS = "\"“'‘`"
CLOSERS = "\"”'’"
MAX_RUN = 4  # paragraphs taken on at most


class ContinuedQuoteStage(Document):
    def _continue_quotes(self) -> None:
        """Append cue-less quote paragraphs to the last quoted claim of the paragraph before
        them; a run that calls the other side's claim false makes the claim a denial."""
        if not self.claims:
            return
        paras = paragraph_spans(self.work)
        starts = [s for s, _ in paras]
        claimed: dict[int, Claim] = {}  # paragraph -> its last claim
        for c in self.claims:
            p = bisect.bisect_right(starts, c.pos) - 1
            if p >= 0 and (p not in claimed or c.pos >= claimed[p].pos):
                claimed[p] = c
        for p, c in claimed.items():
            # Its own words are quoted, wholly or in part ("said the paper had 'overreached'").
            if not any(ch in QUOTE_OPENERS for ch in self.clean[c.pos : paras[p][1]]):
                continue
            run: list[str] = []
            q = p + 1
            while q < len(paras) and q not in claimed and len(run) < MAX_RUN:
                ps, pe = paras[q]
                para = " ".join(self.clean[ps:pe].split())
                if not para or para[0] not in QUOTE_OPENERS:
                    break
                run.append(para.strip(QUOTE_OPENERS + CLOSERS + " "))
                if para.rstrip()[-1:] in CLOSERS and p < q and _closes(para):
                    break
                q += 1
            if not run:
                continue
            more = " ".join(run)
            c.text = f"{c.text} {more}"[:TEXT_MAX]
            told = self._named_in(more)  # "only the chairman did": whom the run-on names
            c.in_text = c.in_text | told
            c.named = c.named | told
            if not c.denial:
                c.stems = c.stems | content_stems(more)
                if strong_denial(more):
                    c.denial = True
                    c.strong = True

    def _named_in(self, text: str) -> frozenset[int]:
        """Actors named in a run of text, by name or alias (whole words, case as written)."""
        out: set[int] = set()
        for a in self.actors:
            if a.merged_into is not None:
                continue
            for n in (a.name, *a.aliases):
                if len(n) >= 3 and re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", text):
                    out.add(a.uid)
                    break
        return frozenset(out)


def _closes(para: str) -> bool:
    """The paragraph's quote is closed at its end: the long quote stops here."""
    return para.count('"') % 2 == 0 and para.count("“") <= para.count("”")
