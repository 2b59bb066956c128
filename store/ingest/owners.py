"""Whose claim a denial names: "the findings by X", "X's allegations", "a report in X". When
that owner has no claim of its own in the article yet, its claim is the sentence elsewhere in
the article that tells what it said or found, so the denial has a claim to answer."""

from __future__ import annotations

import re

from .document import Claim, Document
from .lexicon import CLAIM_NOUNS
from .names import content_stems
from .negation import strong_denial
from .text import quote_spans, sentence_spans, story_paragraphs

# What a denial may name as the other side's: its words, or the document that holds them.
OBJECT_NOUNS = CLAIM_NOUNS | {
    "article",
    "classification",
    "complaint",
    "documentary",
    "dossier",
    "investigation",
    "lawsuit",
    "ruling",
    "study",
    "suit",
}
_NOUN = r"(?:" + "|".join(sorted(map(re.escape, OBJECT_NOUNS), key=len)[::-1]) + r")"
# "a foreign media report", "stories in the local press": an outlet's story, unnamed.
MEDIA_REPORT_RE = re.compile(
    r"\b(?:media|newspaper|press|news|tabloid|television|TV)\s+(?:reports?|stor(?:y|ies)|articles?)\b|"
    r"\b(?:reports?|stor(?:y|ies)|articles?)\s+in\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:media|press|newspapers?)\b",
    re.IGNORECASE,
)
DENY_WORD_RE = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject|refut|dismiss|disput)\w*", re.I)


def _owner_pattern(name: str) -> re.Pattern[str]:
    """'X's claims', 'the X report', 'the findings by (a panel of) X', 'a report in X'."""
    n = re.escape(name)
    return re.compile(
        rf"\b{n}\s*['’]s\s+(?:[\w-]+\s+){{0,2}}?{_NOUN}\b|"
        rf"\b{n}\s+{_NOUN}\b|"
        rf"\b{_NOUN}\s+(?:[\w-]+\s+)?(?:by|from|of|in|on)\s+(?:[\w'’-]+\s+){{0,4}}?{n}\b",
        re.IGNORECASE,
    )


class OwnerStage(Document):
    def _owned_claims(self) -> None:
        """Give the owner of a denied claim, when the denial names it and it says nothing else,
        the claim the article reports from it."""
        spoke = {self._live(c.uid) for c in self.claims if not c.denial}
        sentences: list[tuple[int, int, str]] | None = None
        for d in [c for c in self.claims if c.denial]:
            d_uid = self._live(d.uid)
            owners = {self._live(u) for u in d.named}
            if MEDIA_REPORT_RE.search(d.evidence):
                # "rejected a foreign media report": the one outlet the article names.
                outlets = {
                    a.uid
                    for a in self.actors
                    if a.merged_into is None and a.kind == "media" and a.uid not in spoke
                }
                owners |= outlets if len(outlets) == 1 else set()
            for uid in sorted(owners - {d_uid} - spoke):
                actor = self.actors[uid]
                if frozenset((d_uid, uid)) in self.allied or actor.affiliation.lower() == (
                    self.actors[d_uid].name.lower()
                ):
                    continue
                names = [n for n in (actor.name, *actor.aliases, _initials(actor.name)) if n]
                if uid in d.named and not any(_owner_pattern(n).search(d.evidence) for n in names):
                    continue
                if sentences is None:
                    sentences = self._all_sentences()
                found = _own_sentence(sentences, names, d.evidence)
                if found is None:
                    continue
                idx, pos, text = found
                d.named = d.named | {uid}  # the denial names it, if only as "a media report"
                self.claims.append(
                    Claim(
                        uid=uid,
                        text=text,
                        evidence=text,
                        sent_idx=idx,
                        pos=pos,
                        said_on=None,
                        quote=False,
                        named=frozenset((uid,)),
                        stems=content_stems(text),
                    )
                )
                spoke.add(uid)

    def _all_sentences(self) -> list[tuple[int, int, str]]:
        """(sentence index, position, text) numbered as the pipeline numbers them."""
        out: list[tuple[int, int, str]] = []
        idx = 0
        for _, ps, para in story_paragraphs(self.work, self.paras):
            for ss, se in sentence_spans(para, quote_spans(para)):
                out.append((idx, ps + ss, " ".join(self.clean[ps + ss : ps + se].split())))
                idx += 1
        return out


def _own_sentence(
    sentences: list[tuple[int, int, str]], names: list[str], denial: str
) -> tuple[int, int, str] | None:
    """The first sentence, other than the denial's, that has the owner as its subject (named
    near its start) and denies nothing itself."""
    heads = [re.compile(rf"^(?:\S+\s+){{0,6}}?(?:the\s+)?{re.escape(n)}\b", re.I) for n in names]
    for idx, pos, text in sentences:
        if text == " ".join(denial.split()) or len(text.split()) < 6:
            continue
        if DENY_WORD_RE.search(text) or strong_denial(text):
            continue
        if any(h.search(text) for h in heads):
            # "X found in May that <the claim>": the claim without its teller.
            m = THAT_RE.match(text)
            claim = (text[m.end() :] if m else text).rstrip(" .")
            return idx, pos, claim[:1].upper() + claim[1:]
    return None


THAT_RE = re.compile(r"^(?:\S+\s+){1,14}?that\s+(?=\S+\s+\S+\s+\S+)")


def _initials(name: str) -> str:
    """'National Office for Water Standards' -> 'NOWS' (three letters at least)."""
    caps = [w[0] for w in name.split() if w[:1].isupper()]
    return "".join(caps) if len(caps) >= 3 else ""
