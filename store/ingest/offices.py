"""Offices named by a common noun: "the prosecutor's office in Valmora" is an institution
(named by its holder's title and its place); "the prosecutor's office" later is the same one."""

from __future__ import annotations

import re

from .document import Document, Sentence
from .lexicon import PLACES, ROLE_HEADS
from .names import key_of

OFFICE_RE = re.compile(
    r"\b[Tt]he ((?:[a-z]+ )?([a-z]+)(?:'s|’s|s') office)"
    r"(?: in ((?:[A-Z][\w-]+)(?: [A-Z][\w-]+)?))?"
)


class OfficeStage(Document):
    def _office_mentions(self, sent: Sentence) -> None:
        """Name the office by its place the first time; a bare mention later is that office.
        Without a place ("the mayor's office said") it is left to the title rules."""
        added = False
        for m in OFFICE_RE.finditer(sent.text):
            holder = m.group(2)
            if holder not in ROLE_HEADS or any(x.s <= m.start(1) < x.e for x in sent.mentions):
                continue
            office = m.group(1).replace("’", "'")
            place = m.group(3)
            if place and (key_of(place) in PLACES or self._lookup(place) is None):
                name = f"{office} in {place}"
                uid = self._org(name, "government", sent.start + m.start(1), sent.text)
                self._register_alias(uid, office)
                # "Valmora" alone is the town, not this office.
                self.partial.get(key_of(place), set()).discard(uid)
            else:
                uid = self._lookup(office)
                if uid is None:
                    continue
            self._add_mention(sent, m.start(1), m.end(1), m.start(), uid, False)
            added = True
        if added:
            sent.mentions.sort(key=lambda x: x.s)
