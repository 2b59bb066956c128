"""Counsel: a client's lawyer, first unnamed ("his lawyer said"), then named as a speaker in
his own right ("said defence lawyer Hal Brenner"): the article's words are the lawyer's."""

from __future__ import annotations

import re

from .document import Document
from .lexicon import CLIENT_ROLES

# "..., her lawyer said on Friday", "A lawyer for Tom Reed, the driver in the crash, said".
UNNAMED_COUNSEL_RE = re.compile(
    r"\b(?:his|her|their|a|the)\s+(?:defen[cs]e\s+)?(?:"
    + "|".join(sorted(CLIENT_ROLES))
    + r")\s+(?:for\s+(?:[^.;\"“”]|(?<=\b[A-Z])\.){1,160}?\s+)?(?:said|says|told|stated|added)\b",
    re.IGNORECASE,
)

# "District Attorney Kevin Marsh", "the prosecuting attorney": the other side's lawyer.
PROSECUTOR_WORDS = frozenset({"district", "prosecuting", "general", "county", "state's", "u.s."})


class CounselStage(Document):
    def _named_counsel(self) -> None:
        """Claims given to a client through an unnamed lawyer go to the lawyer the article
        then names and quotes, when exactly one such lawyer speaks."""
        speakers = {self._live(c.uid) for c in self.claims}
        counsel = [
            uid
            for uid in speakers
            if self.actors[uid].kind == "person"
            and self.actors[uid].role
            and self.actors[uid].role.lower().split()[-1] in CLIENT_ROLES
            and not PROSECUTOR_WORDS & set(self.actors[uid].role.lower().split())
        ]
        if len(counsel) != 1:
            return
        lawyer = counsel[0]
        for c in self.claims:
            uid = self._live(c.uid)
            if (
                uid != lawyer
                and self.actors[uid].kind == "person"
                and UNNAMED_COUNSEL_RE.search(c.evidence)
                and self.actors[lawyer].name not in c.evidence
            ):
                c.uid = lawyer
