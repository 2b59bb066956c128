"""Agents stage: speakers found after the verb: the agent of a passive denial ("refuted by
X"), the noun phrase after "according to", and an inverted '"...," said X'."""

from __future__ import annotations

import re

from .document import Anchor, Document, Sentence
from .lexicon import (
    COMMON,
    CONN_SET,
    HONORIFICS,
    INVERTIBLE,
    MONTHS,
    PLACES,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_HEADS,
    SPOKES,
    STUDY_NOUNS,
    TITLE_ORG,
    TITLE_PERSON,
    WEEKDAYS,
    demonym_like,
)
from .registry import VERB_BEFORE_RE
from .speakers import AGENT_STOPS, UNNAMED_HEADS

# "by the Democratic Party chairman, Luis Ortega": a title between a body and its person.
TITLE_THEN_NAME_RE = re.compile(r"(?:\s+[a-z][\w-]*){1,3},\s+")
LONE_NAME_RE = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?")

# "a representative from the firm released a statement saying": the firm is the subject.
REPRESENTED_BY_RE = re.compile(rf"\b(?:{'|'.join(SPOKES)})\s+(?:for|from)(?:\s+the)?$")


# "after X recalled ...": a clause whose subject a participle in it ("citing") belongs to.
CLAUSE_OPENERS = frozenset(("after", "before", "when", "since", "because", "as", "while"))
CLAUSE_VERB_RE = re.compile(r"\s+(?:(?:has|have|had)\s+)?[a-z]+ed\b")


class AgentStage(Document):
    def _sentence_subject(self, sent: Sentence, a: Anchor) -> int | None:
        """The sentence's subject: a name before the first verb ("X has sued Y, accusing
        ...": X, never Y)."""
        limit = sent.toks[a.i][0]
        clause = self._clause_subject(sent, limit)
        if clause is not None:
            return clause
        low = sent.low
        if len(low) > 2 and low[0] == "the" and low[2] not in CONN_SET:
            # "The doctor did not know ... when claiming ...": the one titled so; "The team
            # dropped him ... and said ...": the body named so.
            if low[1] in ROLE_HEADS:
                return self._resolve_person_title(low[1])
            if low[1] in TITLE_ORG and low[1] not in TITLE_PERSON:
                return self._resolve_org_title(low[1])
        named = [m for m in sent.mentions if m.uid is not None and m.e < limit]
        for idx, m in enumerate(named):
            before = sent.text[: m.s].lower().split()[-3:]
            spoken_for = REPRESENTED_BY_RE.search(" ".join(before))
            before = before[-2:]
            if sent.text[: m.s].endswith("("):
                continue  # "seen by the Service (LDS)": the bracketed name of an object
            if (
                before
                and not spoken_for
                and (
                    before[-1] in PREPOSITIONS
                    or (before[-1] == "the" and before[0] in PREPOSITIONS)
                )
            ):
                continue  # "Tenants at the flats in Eastfield say": not the subject
            if not m.poss:
                if VERB_BEFORE_RE.search(sent.text, 0, m.ext):
                    return None
                nxt = named[idx + 1] if idx + 1 < len(named) else None
                if nxt is not None and self._titled_by(sent.text[m.e : nxt.s], nxt.uid):
                    return self._live(nxt.uid)  # type: ignore[arg-type]
                return self._live(m.uid)  # type: ignore[arg-type]
        return None

    def _clause_subject(self, sent: Sentence, limit: int) -> int | None:
        """ "after Norland recalled its envoys citing threats": a participle inside a clause
        opened by "after", "when" ... is its subject's (a country: its government)."""
        for m in sent.mentions:
            if m.e >= limit or (m.uid is None and not m.country) or m.poss:
                continue
            before = sent.text[: m.s].lower().split()[-1:]
            if (
                before
                and before[-1] in CLAUSE_OPENERS
                and "," not in sent.text[m.e : limit]
                and CLAUSE_VERB_RE.match(sent.text, m.e)
            ):
                if m.uid is not None:
                    return self._live(m.uid)
                return self._country_government(m.country, sent.start, sent.text)  # type: ignore[arg-type]
        return None

    def _agent_speaker(self, sent: Sentence, a: Anchor) -> None:
        """The agent after "by" in a passive denial; an aside names the person who speaks
        for a body: "rejected by the union's officer, Tom Ellery, who said ..."."""
        low, toks = sent.low, sent.toks
        by = next(k for k in range(a.i + 1, min(len(low), a.i + 15)) if low[k] == "by")
        start = toks[by][1]
        limit = start + 120
        agents = [m for m in sent.mentions if m.uid is not None and start <= m.s <= limit]
        for n, m in enumerate(agents):
            if m.poss:
                continue
            nxt = agents[n + 1] if n + 1 < len(agents) else None
            if nxt is not None and TITLE_THEN_NAME_RE.fullmatch(sent.text, m.e, nxt.s):
                m = nxt  # "by the Democratic Party chairman, Luis Ortega": the person
            a.speaker = self._live(m.uid)  # type: ignore[arg-type]
            a.a0, a.a1 = toks[a.i][0], m.e
            return
        end = by + 1
        while end < len(low) and end - by < 6 and low[end] not in AGENT_STOPS:
            end += 1
        if end > by + 1:
            a.speaker = self._title_speaker(sent, by + 1, end)
            a.a0, a.a1 = toks[a.i][0], toks[end - 1][1]

    def _body_after(self, sent: Sentence, k: int) -> int | None:
        """The organisation named after 'for'/'at' at token ``k`` ('for the ministry')."""
        if k >= len(sent.low) or sent.low[k] not in ("for", "at"):
            return None
        m = sent.mention_starting(k + 2 if sent.low[k + 1 : k + 2] == ["the"] else k + 1)
        if m is None or m.uid is None or self.actors[self._live(m.uid)].kind == "person":
            return None
        return self._live(m.uid)

    def _according_speaker(self, sent: Sentence, a: Anchor) -> None:
        """The speaker is the noun phrase after "according to", up to the comma."""
        text, low, toks = sent.text, sent.low, sent.toks
        end = len(toks)
        for k in range(a.j, min(len(toks), a.j + 14)):
            if low[k] in (",", ".", ";", '"', "`"):
                end = k
                break
        span_s = toks[a.j][0] if a.j < len(toks) else len(text)
        span_e = toks[end - 1][1] if end - 1 >= a.j and end - 1 < len(toks) else span_s
        a.a0, a.a1 = toks[a.i][0], span_e
        a.speaker = self._np_speaker(sent, a.j, end, span_s, span_e)

    def _lone_surname(self, sent: Sentence, k: int) -> int | None:
        """'"...," said Grovenor.': one capitalised word, and nothing after it, is a person
        called by surname alone (a body would be named with its article or its noun)."""
        low = sent.low[k]
        if low in HONORIFICS and sent.low[k + 1 : k + 2] == ["."] and k + 2 < len(sent.low):
            k += 2  # '"...," said Mr. Grovenor.'
            if k + 1 < len(sent.low) and sent.low[k + 1] not in (".", ",", ";"):
                return None
            low = sent.low[k]
        s, e = sent.toks[k]
        word = sent.text[s:e]
        if (
            low in HONORIFICS
            or not LONE_NAME_RE.fullmatch(word)
            or low in COMMON
            or low in PRONOUNS
        ):
            return None
        if low in PLACES or demonym_like(low) or low in WEEKDAYS or low in MONTHS:
            return None
        # "The lawyer, Tobin Grovenor, ...": the full name the article gave before, though
        # no list knew it for a name.
        full = word
        for m in re.finditer(
            r"\b([A-Z][a-z]+) " + re.escape(word) + r"\b", self.work[: sent.start]
        ):
            first = m.group(1).lower()
            if first not in COMMON and first not in HONORIFICS and first not in PLACES:
                full = f"{m.group(1)} {word}"
        return self._person(full, sent.start + s, sent.text)

    def _described_after(self, sent: Sentence, start: int, end: int) -> int | None:
        """'..., reported local news outlet Vesti': a name after a few lower-case words."""
        first = next((m for m in sent.mentions if start <= m.s < end), None)
        if first is None or first.uid is None or first.poss:
            return None
        words = sent.text[start : first.s].split()
        if len(words) > 4 or not all(w.isalpha() and w.islower() for w in words):
            return None
        return self._live(first.uid)

    def _inverted_speaker(self, sent: Sentence, a: Anchor) -> None:
        """'"...," said Maria Lopez' / '"...," said the company's head of quality, Tomas Reyes'."""
        if sent.low[a.i] not in INVERTIBLE or a.deny:
            return
        low = sent.low
        toks = sent.toks
        end = len(toks)
        for k in range(a.j, min(len(toks), a.j + 16)):
            if low[k] in (".", ";", '"', "`", "!", "?"):
                end = k
                break
        if a.j >= end:
            return
        span_e = toks[end - 1][1]
        first_men = sent.mention_starting(a.j)
        people = [
            m
            for m in sent.mentions
            if m.uid is not None
            and toks[a.j][0] <= m.s < span_e
            and self.actors[self._live(m.uid)].kind == "person"
        ]
        chosen: int | None = None
        if people:
            chosen = self._live(people[0].uid)  # type: ignore[arg-type]
        elif first_men is not None and first_men.uid is not None:
            chosen = self._live(first_men.uid)
        elif low[a.j] in PRONOUNS:
            chosen = self._pronoun(low[a.j], sent, a)
        else:
            k = a.j
            while k < end and low[k] not in (",",) and k - a.j < 6:
                if low[k] in TITLE_PERSON or low[k] in TITLE_ORG:
                    # '"...," said a spokesperson for Kelby Council': the body spoken for.
                    body = self._body_after(sent, k + 1) if low[k] in UNNAMED_HEADS else None
                    chosen = body or self._title_speaker(sent, a.j, k + 1)
                    break
                if low[k] in STUDY_NOUNS:
                    chosen = self._publisher(sent, k)  # '"...," said the statement.'
                    break
                k += 1
        if chosen is None and end == a.j + 1:
            chosen = self._lone_surname(sent, a.j)
        if chosen is None:
            chosen = self._described_after(sent, toks[a.j][0], span_e)
        if chosen is None:
            return
        a.speaker = chosen
        a.a0 = toks[a.i][0]
        # The attribution runs to the end of the speaker's phrase.
        stop = span_e
        rest = sent.text[toks[a.j][0] : span_e]
        cut = re.search(r",\s*(adding|saying|who|which|according)\b", rest)
        if cut:
            stop = toks[a.j][0] + cut.start()
        if cut and cut.group(1) in ("who", "which") and cut.start() > 0:
            # "..., said Ruth Okoro, an expert, who was not involved": the clause is about her.
            tail = sent.text[stop + 1 :]
            more = re.search(r",\s*(?:adding|saying|according)\b|[.;]\s|[.;]?$", tail)
            stop = stop + 1 + (more.start() if more else len(tail))
        a.a1 = stop
