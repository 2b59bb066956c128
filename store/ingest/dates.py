"""Dates stage: "on Tuesday", "3 March", "yesterday" resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import re

from .document import Claim, Document, Sentence
from .lexicon import MONTHS, WEEKDAYS

MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
DATE_RE = re.compile(
    rf"\b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b"
    rf"|\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH_RE})\b\.?"
    rf"(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<m2>{MONTH_RE})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*%|[.,]\d)"
    rf"(?:,?\s+(?P<y2>\d{{4}})\b)?"
    rf"|\b(?P<rel>yesterday|today|tonight|this\s+morning|this\s+afternoon|this\s+evening|"
    rf"last\s+night)\b"
    rf"|\b(?P<wd>{WEEKDAY_RE})\b",
    re.IGNORECASE,
)


CARRY_SENTENCES = 4  # how far a speaker's date carries to their next words

DATE_HINT_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|night|morning|evening|noon"
    r"|\d{4}-\d)",
    re.IGNORECASE,
)


def resolve_date(m: re.Match[str], published: dt.date | None) -> str | None:
    try:
        if m.group("iso"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id"))).isoformat()
        month_word = m.group("m1") or m.group("m2")
        if month_word:
            month = MONTHS[month_word.lower()]
            day = int(m.group("d1") or m.group("d2"))
            year_s = m.group("y1") or m.group("y2")
            if year_s:
                return dt.date(int(year_s), month, day).isoformat()
            if published is None:
                return None
            found = dt.date(published.year, month, day)
            # A month-day far in the future of the article is last year's.
            if (found - published).days > 180:
                found = dt.date(published.year - 1, month, day)
            return found.isoformat()
        if published is None:
            return None
        rel = m.group("rel")
        if rel:
            rel = rel.lower()
            if rel == "yesterday" or rel == "last night":
                return (published - dt.timedelta(days=1)).isoformat()
            return published.isoformat()
        wd = m.group("wd")
        if wd:
            back = (published.weekday() - WEEKDAYS[wd.lower()]) % 7
            return (published - dt.timedelta(days=back)).isoformat()
    except (ValueError, OverflowError, KeyError):
        return None
    return None


def sentence_date(text: str, published: dt.date | None) -> tuple[str | None, bool]:
    """(ISO date, whether the sentence mentions a date at all) for the first date that resolves."""
    mentioned = False
    for m in DATE_RE.finditer(text):
        mentioned = True
        found = resolve_date(m, published)
        if found:
            return found, True
    return None, mentioned


class DateStage(Document):
    def _said_on(self, sent: Sentence) -> str | None:
        """The date in the sentence, else the latest dated sentence before it in the paragraph.

        Computed only for sentences that yield a claim: the date patterns are the costliest
        regular expression here. A date the sentence mentions but that cannot be resolved
        ("yesterday" without a publication date) leaves the claim undated.
        """
        cur: Sentence | None = sent
        steps = 0
        while cur is not None and steps < 50:
            if not cur.date_done:
                cur.date_done = True
                if DATE_HINT_RE.search(cur.text):
                    cur.date, cur.date_mentioned = sentence_date(cur.text, self.published)
            if cur.date:
                return cur.date
            if cur is sent and cur.date_mentioned:
                return None
            cur = cur.prev
            steps += 1
        return None

    def _carry_dates(self) -> None:
        """'X said on Monday ... . "...," X added.': an undated claim right after the same
        speaker's claim dated in its own sentence (no one else speaking between) was made on
        the same occasion."""
        last: Claim | None = None
        source: Claim | None = None  # the run's claim dated by its own sentence
        for c in sorted(self.claims, key=lambda x: (x.sent_idx, x.pos)):
            same = last is not None and self._live(last.uid) == self._live(c.uid)
            if not same or c.sent_idx - last.sent_idx > CARRY_SENTENCES:  # type: ignore[union-attr]
                source = None
            if c.said_on is not None:
                own = sentence_date(c.evidence, self.published)[0] == c.said_on
                source = c if own else None
            elif source is not None:
                c.said_on = source.said_on
            last = c
