"""Quotes that run on: paragraphs of quotation with no reporting cue of their own, right
after a speaker's quoted words, are that speaker's words too (the news convention of
opening each paragraph of a long quote with a quote mark)."""

from __future__ import annotations

import bisect
import re

from ..models import TEXT_MAX
from .document import Claim, Document
from .names import content_stems, key_of
from .negation import strong_denial

QUOTE_OPENERS = "\"“'‘`"
CLOSERS = "\"”'’"
MAX_RUN = 4  # paragraphs taken on at most
WORD_RE = re.compile(r"[\w'’-]+")


class ContinuedQuoteStage(Document):
    def _continue_quotes(self) -> None:
        """Append cue-less quote paragraphs to the last quoted claim of the paragraph before
        them; a run that calls the other side's claim false makes the claim a denial."""
        if not self.claims:
            return
        paras = self.paras  # as the pipeline read them
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
            head = c.text
            if head[:1] in QUOTE_OPENERS and head.count(head[0]) == 1:
                head = head[1:]  # the quote mark that opened the run, left unclosed
            if head[-1:] not in ".!?…":
                head += "."
            c.text = f"{head} {more}"[:TEXT_MAX]
            told = self._named_in(more)  # "only the chairman did": whom the run-on names
            c.in_text = c.in_text | told
            c.named = c.named | told
            if not c.denial:
                c.stems = c.stems | content_stems(more)
                if strong_denial(more):
                    c.denial = True
                    c.strong = True

    def _named_in(self, text: str) -> frozenset[int]:
        """Actors named in a run of text by a name or alias the article gave them: each
        capitalised word and the few words after it, looked up (not every actor searched)."""
        toks = WORD_RE.findall(text)
        out: set[int] = set()
        for i, tok in enumerate(toks):
            if not tok[:1].isupper():
                continue
            for j in range(i + 1, min(len(toks), i + 6) + 1):
                uid = self.alias.get(key_of(" ".join(toks[i:j])))
                if uid is None and j == i + 1:
                    found = self.surnames.get(tok.casefold(), [])
                    uid = found[0] if len(found) == 1 else None
                if uid is not None:
                    out.add(self._live(uid))
        return frozenset(out)


def _closes(para: str) -> bool:
    """The paragraph's quote is closed at its end: the long quote stops here."""
    return para.count('"') % 2 == 0 and para.count("“") <= para.count("”")
