"""Claims stage: the span each anchor carries (quote, indirect speech, "CLAIM, X said"),
cleaned into the analyst's own characters and recorded with its date."""

from __future__ import annotations

import re

from ..models import TEXT_MAX
from .document import EVIDENCE_MAX, Anchor, Claim, Document, Sentence
from .lexicon import (
    AUDIENCE,
    AUDIENCE_MODIFIERS,
    CLAIM_NOUNS,
    COMMON,
    CONJ,
    DESCRIBE,
    DETERMINERS,
    KEEP_VERB,
    MEDIUM_WORDS,
    MONTHS,
    ROLE_HEADS,
    STATEMENT_NOUNS,
    STATEMENT_TAILS,
    STUDY_NOUNS,
    TITLE_ORG,
    WEEKDAYS,
)
from .names import content_stems
from .negation import MODAL_START_RE, NEGATED_START_RE, strong_denial

SUBORDINATE_RE = re.compile(
    r"(?:as|while|after|because|since|when|amid|following|before|although|though|despite)\b",
    re.IGNORECASE,
)


BUT_CLAUSE_RE = re.compile(r",\s+but\s+(?:the\s+)?(?:[\w-]+(?:\s+[\w-]+)?\s*)?$")


class ClaimStage(Document):
    def _claim(
        self, sent: Sentence, a: Anchor, anchors: list[Anchor], idx: int
    ) -> tuple[int, int, bool, bool] | None:
        """(start, end, is_direct_quote, keep_verb) of the claim in sentence coordinates."""
        toks = sent.toks
        a0 = min(a.a0, toks[a.i][0])
        a1 = max(a.a1, toks[a.i][1])
        region_start, region_end = self._claim_region(sent, a, anchors, idx, a0, a1)
        quoted = _direct_quote(sent, a, a0, a1, region_start, region_end)
        if quoted is not None:
            return quoted
        if a.according:
            return _according_claim(sent, a, a0, region_start, region_end)
        return self._reported_claim(sent, a, a0, a1, region_start, region_end)

    def _claim_region(
        self, sent: Sentence, a: Anchor, anchors: list[Anchor], idx: int, a0: int, a1: int
    ) -> tuple[int, int]:
        """From the previous anchor's end to the next sibling anchor's start."""
        text, toks = sent.text, sent.toks
        region_start = 0
        for x in anchors[:idx]:
            if x.speaker is not None and x.a1 <= a0:
                region_start = max(region_start, x.a1)
        region_end = len(text)
        for x in anchors[idx + 1 :]:
            # ", according to a statement" ends the claim even when it names no one.
            xs = min(x.a0 or toks[x.i][0], toks[x.i][0])
            if x.speaker is None and not x.elided and not x.according and not x.participle:
                # "..., the ministry said, but the rebels rejected it": no speaker, still a cut.
                but = BUT_CLAUSE_RE.search(text, a1, xs)
                if but is not None:
                    region_end = but.start()
                    break
            if (x.speaker is None and not x.elided and not x.according) or x.participle:
                continue  # participle clauses (", saying ...") belong to this claim
            if xs <= a1:
                continue
            lead = text[a1:xs]
            before = text[:xs].rstrip()
            sibling = x.elided or x.according or before.endswith(",") or SIBLING_RE.search(before)
            if sibling or '"' in lead:
                cut = SIBLING_CUT_RE.search(text[:xs])
                region_end = cut.start() if cut else xs
                break
        return region_start, region_end

    def _reported_claim(
        self, sent: Sentence, a: Anchor, a0: int, a1: int, region_start: int, region_end: int
    ) -> tuple[int, int, bool, bool] | None:
        """Forward: "said (that) ...", "denied that ...", "told reporters ..."; or backward:
        "CLAIM, Governor Lena Fischer said on Thursday."."""
        text, toks, low = sent.text, sent.toks, sent.low
        n = len(text)
        k = a.j
        if a.lemma == "tell" or (
            a.lemma in ("say", "write", "announce", "tweet", "add", "explain")
            and k < len(low)
            and low[k] in ("in", "on", "at", "to")
        ):
            k = self._skip_object(sent, k, a.lemma)
        k = self._skip_adverbials(sent, k)
        forward_start = toks[k][0] if k < len(toks) else n
        if forward_start < a1:
            forward_start = a1
        fwd = text[forward_start:region_end].strip(" ,.;:-")
        fwd_words = len(re.findall(r"\w+", fwd))
        # "..., the company announced on Monday, as it shifts ...": a clause, not the claim.
        # "..., the company said on Tuesday, blaming falling demand": a participle clause.
        if (
            "," in text[a1 : forward_start + 1]
            and (SUBORDINATE_RE.match(fwd) or (not a.deny and CIRCUMSTANCE_RE.match(fwd)))
        ) or GERUND_ADVERBIAL_RE.match(fwd):
            fwd_words = 0  # "..., the club said on Friday after reviewing the film": when, not what
        # "said that ..." opens a clause; "says that is not good enough" does not.
        starts_that = bool(re.match(r"that\b", fwd)) and not THAT_SUBJECT_RE.match(fwd)
        # ", the union Unison said": the article before a cue noun is the speaker's.
        back = re.sub(r"\s(?:the|a|an)$", "", text[region_start:a0].rstrip(), flags=re.I).rstrip()
        if (
            (fwd_words <= 3 or (a.lemma == "tell" and fwd_words <= 5))
            and not starts_that
            and back.endswith(",")
        ):
            bs = region_start
            while bs < a0 and text[bs] in " ,":
                bs += 1
            if (
                len(re.findall(r"\w+", back)) >= 3
                and not a.deny
                and not INTRO_PHRASE_RE.match(text[bs:a0].strip())
            ):
                whole = text[bs : region_start + len(back)].rstrip(", ")
                is_quote = any(qs == bs and qe >= bs + len(whole) - 1 for qs, qe in sent.quotes)
                return (bs, bs + len(whole), is_quote, False)
        if DESCRIPTIVE_RE.match(fwd):
            return None  # "responded in a statement posted to the website": no claim
        if fwd_words >= 2 or (a.deny and fwd_words >= 1):
            keep = a.deny or bool(KEEP_VERB & {a.lemma, sent.low[a.i]}) or fwd.startswith("to ")
            if a.lemma in DESCRIBE and not a.deny and self._relative_describe(sent, a):
                return (-1, region_end, False, True)
            if starts_that and not a.deny:
                keep = False
                forward_start += text[forward_start:].find("that") + 4
            if keep:
                return (toks[a.i][0], region_end, False, True)
            return (forward_start, region_end, False, False)
        return None

    def _relative_describe(self, sent: Sentence, a: Anchor) -> bool:
        """'a move the government described as ...': the described thing comes before."""
        a0 = a.a0
        before = sent.text[:a0].rstrip()
        m = re.search(r"([a-z]+)$", before)
        return bool(m) and m.group(1) not in COMMON and m.group(1) not in CONJ

    def _skip_object(self, sent: Sentence, k: int, lemma: str) -> int:
        """Skip the audience or medium: 'reporters', 'the jury', 'Reuters', 'in a blog post'."""
        low = sent.low
        n = len(low)
        # "told X that ...": the claim starts after "that" when it comes soon.
        for j in range(k, min(n, k + 10)):
            if low[j] in (",", '"', "`", ".", ";"):
                if low[j] == ",":
                    return j + 1
                break
            if low[j] == "that":
                return j + 1
            if low[j] == ":":
                return j + 1
        if lemma != "tell":
            j = k
            if j < n and low[j] in ("in", "on", "at", "to"):
                j += 1
                while (
                    j < n
                    and j - k < 5
                    and (
                        low[j] in ("a", "an", "the", "his", "her", "its", "their")
                        or low[j] in MEDIUM_WORDS
                    )
                ):
                    j += 1
                return j
            return k
        j = k
        men = sent.mention_starting(j)
        if men is not None:
            return sent.tok_at(men.e)
        while j < n and (low[j] in DETERMINERS or low[j] in AUDIENCE_MODIFIERS):
            j += 1
        if j < n and (low[j] in AUDIENCE or sent.text[sent.toks[j][0]].isupper()):
            j += 1
            if j + 1 < n and low[j] in ("in", "at") and sent.text[sent.toks[j + 1][0]].isupper():
                j += 2
            return j
        return k

    def _skip_adverbials(self, sent: Sentence, k: int) -> int:
        low = sent.low
        n = len(low)
        while k < n:
            w = low[k]
            if (
                w in ("on", "last")
                and k + 1 < n
                and (low[k + 1] in WEEKDAYS or low[k + 1] in MONTHS or low[k + 1].isdigit())
            ):
                k += 2
                while k < n and (low[k].isdigit() or low[k] in MONTHS or low[k] == ","):
                    if low[k] == "," and not (
                        k + 1 < n and (low[k + 1] in MONTHS or low[k + 1].isdigit())
                    ):
                        break
                    k += 1
                continue
            if (
                w in ("in", "during")
                and k + 2 < n
                and low[k + 1] in ("a", "an", "the", "his", "her", "its", "their")
                and low[k + 2] in STATEMENT_NOUNS
            ):
                j = k + 3
                while (
                    j < n
                    and j - k < 7
                    and low[j] not in (",", "that", '"', "`")
                    and not sent.text[sent.toks[j][0]].isupper()
                    and low[j] in STATEMENT_TAILS
                ):
                    j += 1
                k = j
                continue
            if w in (
                "yesterday",
                "today",
                "tonight",
                "also",
                "again",
                "repeatedly",
                "publicly",
                "previously",
                "earlier",
                "later",
                "separately",
            ) or (
                w.endswith("ly") and len(w) > 4 and w not in ("italy", "family", "ally", "rally")
            ):
                k += 1
                continue
            if w == "," and k + 1 < n and low[k + 1] in ("however", "though"):
                k += 2
                continue
            if w in WEEKDAYS or w in ("yesterday", "today", "tonight"):
                k += 1  # "said Tuesday that", "said on Monday it"
                continue
            if w in ("last", "this") and k + 1 < n and low[k + 1] in PERIODS:
                k += 2  # "said last week that"
                continue
            if w == "-" and "-" in low[k + 1 : k + 10]:
                k = low.index("-", k + 1) + 1  # "argue - in a joint letter - that ..."
                continue
            break
        return k

    def _learn_kind(self, uid: int, claim: str) -> None:
        """'X said it would ...': a titleless "person" X is a body."""
        speaker = self.actors[uid]
        if (
            speaker.kind == "person"
            and not speaker.role
            and not speaker.gender
            and re.match(r"(?:it|its)\b", claim, re.I)
        ):
            speaker.kind = "organisation"

    def _defended(self, sent: Sentence, c0: int, c1: int) -> frozenset[int]:
        """People a denial speaks up for: "Ann Reid did not say that" (never its target)."""
        out = set()
        for m in sent.mentions:
            if m.uid is not None and c0 <= m.s < c1 and DEFENDED_RE.match(sent.text, m.e):
                out.add(self._live(m.uid))
        return frozenset(out)

    def _possessor_before(self, sent: Sentence, pos: int) -> int | None:
        for m in reversed(sent.mentions):
            if m.uid is not None and m.poss and m.s < pos:
                uid = self._live(m.uid)
                if self.actors[uid].kind == "person":
                    return uid
        return None

    def _denial_owners(self, sent: Sentence, a: Anchor) -> frozenset[int]:
        """Whose words a denial names: "calling his remarks premature", "rejected the
        union's account", "the researcher's findings"."""
        text = sent.text
        owners: set[int] = set()
        for k in range(a.j, len(sent.low)):
            w = sent.low[k]
            if w in ("his", "her") and not sent.in_quote(sent.toks[k][0]):
                # "Nair's lawyer ... stood by her account": the one named with "'s" first.
                who = self._possessor_before(sent, sent.toks[a.i][0]) or self._pronoun(
                    "he" if w == "his" else "she", sent, a
                )
                if who is not None:
                    owners.add(who)
        for om in re.finditer(r"\b(?:the|its|their)\s+([a-z]+)'s\b", text[sent.toks[a.i][0] :]):
            noun = om.group(1)
            who = None
            if noun in TITLE_ORG:
                who = self._resolve_org_title(noun)
            elif noun in ROLE_HEADS:
                who = self._resolve_person_title(noun)
            else:
                who = self._org_named_like(noun)  # "the clinic's explanation"
            if who is not None:
                owners.add(who)
        return frozenset(owners)

    def _record(
        self,
        sent: Sentence,
        a: Anchor,
        c0: int,
        c1: int,
        quote: bool,
        keep_verb: bool,
        frame: Anchor | None,
    ) -> None:
        text = sent.text
        uid = self._live(a.speaker)  # type: ignore[arg-type]
        if c0 == -1:
            # Relative description: the sentence with the speaker taken out.
            start = 0
            claim = text[start : a.a0].rstrip() + " " + text[sent.toks[a.i][0] : c1]
            c0 = 0
        else:
            claim = text[c0:c1]
        claim_clean = self._clean_claim(self._original(sent, claim, c0, c1), quote)
        if a.deny and claim_clean and not quote:
            claim_clean = claim_clean[0].upper() + claim_clean[1:]
        if len(re.findall(r"\w+", claim_clean)) < 2:
            return
        evidence = self._evidence(sent)
        self._learn_kind(uid, claim_clean)
        named = frozenset(self._live(m.uid) for m in sent.mentions if m.uid is not None)
        owners: frozenset[int] = frozenset()
        defended = self._defended(sent, c0, c1) if a.deny or quote else frozenset()
        # "Responding to the claims, the firm said ...": an answer to what was said.
        framed = (
            not a.deny
            and bool(RESPONSE_FRAME_RE.search(text, 0, max(0, a.a0)))
            and not MODAL_START_RE.match(claim_clean)  # "it would review": a plan
        )
        strong_words = not a.deny and (framed or strong_denial(claim_clean))
        if a.deny or strong_words:
            owners = self._denial_owners(sent, a)
            if a.lemma != "stand":
                named = named | owners
        lo, hi = (c0, c1) if c0 >= 0 else (0, len(text))
        in_text = frozenset(
            self._live(m.uid) for m in sent.mentions if m.uid is not None and lo <= m.s < hi
        )
        if quote:
            self.last_quote = (sent.idx, uid)
            if c0 <= 1 and self.open_quotes and self.open_quotes[-1][0] == sent.idx - 1:
                # The quote began paragraphs earlier; its cue is only here.
                claim_clean = " ".join([*(q for _, q, _ in self.open_quotes), claim_clean])
                self.open_quotes.clear()
        strong = False
        deny = a.deny
        if strong_words:
            deny = True
            strong = True
        self.claims.append(
            Claim(
                uid=uid,
                text=claim_clean[:TEXT_MAX],
                evidence=evidence,
                sent_idx=sent.idx,
                pos=sent.start + max(c0, 0),
                said_on=self._said_on(sent),
                quote=quote,
                denial=deny,
                strong=strong,
                named=named,
                in_text=in_text,
                stems=content_stems(claim_clean if not deny else text),
                allies=(owners if a.lemma == "stand" else frozenset()) | defended,
                demonstrative=(a.deny and _demonstrative(sent.low, a.j))
                or (strong_words and bool(ANAPHOR_RE.match(claim_clean))),
                insists=_insists(a, claim_clean),
                about_claim=framed or _about_claim(sent, a, strong_words, claim_clean),
                object_noun=_object_noun(sent.low, a.j) if a.deny else _named_claim(claim_clean),
                frame=self._live(frame.speaker)
                if frame is not None and frame.speaker is not None and frame is not a
                else None,
            )
        )

    def _original(self, sent: Sentence, claim: str, c0: int, c1: int) -> str:
        """The claim in the analyst's own characters (curly quotes and all)."""
        if c0 < 0 or len(claim) != c1 - c0:
            # Rebuilt text: map back through the cleaned article where possible.
            return claim.replace("`", "‘")
        return self.clean[sent.start + c0 : sent.start + c1].replace("\n", " ")

    @staticmethod
    def _clean_claim(claim: str, quote: bool) -> str:
        claim = " ".join(claim.split())
        if not quote:
            # "... supporting the M40, an allegation Lemara denies": the other side's answer.
            claim = OTHERS_DENIAL_TAIL_RE.sub("", claim)
        claim = claim.strip(" ,;:-–—")
        if claim.lower().startswith("that ") and not THAT_SUBJECT_RE.match(claim):
            claim = claim[5:]
        if quote:
            # Join a split quote: '"My client," Cole argued, "followed ..."' -> one sentence.
            # Double quotes first: a 'single' quote inside them is part of the quote.
            parts = re.findall(r"[\"“”„«»](.+?)[\"“”„«»](?=\s|$|[,.;:!?])", claim)
            if not parts and not re.search(r"[\"“”„«»]", claim):
                parts = re.findall(r"[‘’`'](.+?)[’'](?=\s|$|[,.;:!?])", claim)
            if parts:
                claim = " ".join(p.strip().rstrip(",") for p in parts)
            claim = claim.strip("\"“”„«»‘’`' ")
        claim = claim.rstrip(" ,;:")
        # A trailing full stop is punctuation; a question or exclamation mark is meaning.
        if claim.endswith(".") and not claim.endswith(".."):
            claim = claim[:-1]
        # A closing quote mark left over from cutting the sentence, but not a balanced one.
        if (claim.endswith('"') and claim.count('"') % 2 == 1) or (
            claim.endswith("”") and claim.count("”") > claim.count("“")
        ):
            claim = claim[:-1]
        claim = claim.strip()
        if claim:
            claim = claim[0].upper() + claim[1:]
        return claim

    def _evidence(self, sent: Sentence) -> str:
        ev = " ".join(self.clean[sent.start : sent.end].split())
        return ev[:EVIDENCE_MAX]


PERIODS = frozenset({"week", "month", "year", "weekend", "night", "morning", "evening"})
OTHERS_DENIAL_TAIL_RE = re.compile(
    r"(?:,|\s+[–—-])\s+(?:(?:an?|the)\s+(?:allegations?|accusations?|claims?|charges?)"
    r"(?:\s+that)?|which)"
    r"\s+[^,]{1,60}?\b(?:denies|denied|deny|rejects|rejected|reject|disputes|disputed)\b.*$",
    re.IGNORECASE,
)
# "In a statement, the firm said:": an introductory phrase is not a claim.
DEFENDED_RE = re.compile(r"\s+(?:did not|didn't|never|has not|hasn't|had not|was not)\b")
# "The explanation simply does not stand up": a strong denial of what was just said.
ANAPHOR_RE = re.compile(
    r"(?:the|this|that|these|those)\s+(?:explanation|claims?|allegations?|account|figures?|"
    r"accusations?|suggestion|report|story|version|research|study|findings|conclusions|data)\b"
    r"|(?:that|this)\s+(?:is|was)\s+(?:not|simply|completely|totally|untrue|false|wrong)\b",
    re.IGNORECASE,
)
# "the allegations were not rooted in fact": the words name the claim they deny.
RESPONSE_FRAME_RE = re.compile(
    r"\b(?:(?:responding|replying|reacting)\s+to|asked\s+about|in\s+response\s+to|"
    r"in\s+(?:a\s+)?reply\s+to|hitting\s+back\s+at)\s+(?:the|these|those|such|his|her|its|"
    r"their|this)\s+(?:[\w-]+\s+)?(?:claims?|allegations?|accusations?|criticisms?|charges?|"
    r"report|remarks|comments|complaints?)\b|^in\s+response,",
    re.IGNORECASE,
)
# A participle clause after the cue that gives a circumstance, not the content.
GERUND_ADVERBIAL_RE = re.compile(r"(?:in|after|before|while|upon)\s+[a-z]+ing\b")
CIRCUMSTANCE_RE = re.compile(r"(?:blaming|citing|following|leaving|bringing|ending)\b")
DETERMINERS_OF_CLAIMS = frozenset("the this that these those such their his her its".split())
CLAIM_REF_RE = re.compile(
    r"(?:\b(?:the|this|that|these|those|such|their|his|her|its)\s+(?:\S+\s+)?|^[\w-]+\s+)"
    r"(?:allegations?|claims?|"
    r"accusations?|charges?|suggestions?|reports?|figures?|findings|articles?|story|stories)\b",
    re.IGNORECASE,
)
DESCRIPTIVE_RE = re.compile(
    r"(?:posted|issued|published|released|sent|given|made)\s+(?:to|by|on|in|at)\b"
)
THAT_SUBJECT_RE = re.compile(
    r"that\s+(?:is|was|has|had|will|would|can|could|does|did|isn't|wasn't|'s)\b", re.I
)
# "At the hearing, the judge said": an opening phrase, not a claim; "At least 40 homes
# were flooded, the council said" has a verb of its own and is one.
INTRO_PHRASE_RE = re.compile(
    r"(?:in|on|at|during|after|before|speaking|asked|when|while|later|earlier)\b"
    r"(?![^,]*\b(?:is|are|was|were|has|have|had|will|would)\b)[^,]{0,40},?$",
    re.IGNORECASE,
)
_CONNECTIVES = r"(?:and|but|while|after|as|when|where|whereas|before|since)"
SIBLING_RE = re.compile(rf"(?:,\s*|\s){_CONNECTIVES}\s*$")
SIBLING_CUT_RE = re.compile(rf"(?:,?\s*{_CONNECTIVES}\s*|,\s*)$")


def _direct_quote(
    sent: Sentence, a: Anchor, a0: int, a1: int, region_start: int, region_end: int
) -> tuple[int, int, bool, bool] | None:
    """A direct quote right before the attribution, maybe continued right after it."""
    text = sent.text
    q_before = None
    for qs, qe in sent.quotes:
        gap = text[qe:a0]
        lead = text[region_start:qs]
        if (
            qe <= a0
            and re.fullmatch(r"[\s,\-]*", gap)
            and qs >= region_start
            and re.fullmatch(r"[\s,.;:\-]*", lead)
        ):
            q_before = (qs, qe)
    q_after = None
    for qs, qe in sent.quotes:
        if qs >= a1 and qs < region_end:
            gap = text[a1:qs]
            if re.fullmatch(r"[\s,:\-]*", gap) or (
                re.fullmatch(r"[^\"`.;]{0,60}[:,]\s*", gap) and not re.search(r"\bthat\b", gap)
            ):
                q_after = (qs, qe)
            break
    if q_before and q_after:
        return (q_before[0], q_after[1], True, False)
    if q_before:
        return (q_before[0], q_before[1], True, False)
    if q_after and not a.deny:
        return (q_after[0], q_after[1], True, False)
    return None


def _according_claim(
    sent: Sentence, a: Anchor, a0: int, region_start: int, region_end: int
) -> tuple[int, int, bool, bool] | None:
    """According to: the rest of the sentence, or what came before it."""
    text = sent.text
    rest_start = a.a1
    if rest_start < len(text) and text[rest_start : rest_start + 1] == ",":
        rest_start += 1
    that = re.match(r"\s*(?:is|was)\s+that\s+", text[rest_start:])
    if that:
        rest_start += that.end()  # "One worry, published in the Ledger, is that ..."
    before = text[region_start:a0].strip(" ,")
    after = text[rest_start:region_end].strip(" ,.")
    if re.match(r"(?:which|who|whose)\b", after):
        after = ""  # "..., according to group X, which is fighting the plan"
    if before and len(before.split()) >= 3 and not after:
        return (region_start, a0, False, False)
    if after:
        return (rest_start, region_end, False, False)
    return None


def _about_claim(sent: Sentence, a: Anchor, strong_words: bool, claim: str) -> bool:
    """The denial's object is a claim noun ("denied the allegations", "the allegations were
    not rooted in fact")."""
    window = sent.low[max(0, a.i - 5) if a.passive else a.j : a.j + 6]
    return (a.deny and any(w in CLAIM_NOUNS for w in window)) or (
        strong_words and bool(CLAIM_REF_RE.search(claim))
    )


def _named_claim(claim: str) -> str:
    """'the bonus figure was simply untrue' -> 'bonus figure': what a denial in the words
    of a report names."""
    m = CLAIM_REF_RE.search(claim)
    if not m:
        return ""
    words = m.group(0).lower().split()
    # "the bonus figure" -> "bonus figure"; "Contamination claims" keeps its first word.
    return " ".join(words[1:] if words[0] in DETERMINERS_OF_CLAIMS else words)


def _object_noun(low: list[str], j: int) -> str:
    """The noun a denial verb is aimed at: 'questioned the findings', 'called the
    reanalysis flawed' (a claim or document noun, or a word made on "analysis")."""
    for w in low[j : j + 4]:
        if w in CLAIM_NOUNS or w in STUDY_NOUNS or w.endswith("analysis"):
            return w
    return ""


def _demonstrative(low: list[str], j: int) -> bool:
    """'denied that.', 'rejected this claim', 'disputed that account' (not 'denied that
    the ...', where "that" opens the denied clause)."""
    if j >= len(low) or low[j] not in ("that", "this", "these", "those"):
        return False
    nxt = low[j + 1] if j + 1 < len(low) else "."
    return nxt in (".", ",", ";", "and", "but") or nxt in CLAIM_NOUNS


def _insists(a: Anchor, claim: str) -> bool:
    """'X insisted ...', and a negated reply ('He responded that his plan never ...'): holding
    one's ground."""
    if a.lemma in ("insist", "maintain"):
        return not a.deny
    return (
        a.lemma in ("respond", "reply", "retort")
        and bool(NEGATED_START_RE.match(claim))
        and not MODAL_START_RE.match(claim)
    )
