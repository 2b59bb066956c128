"""Anchors: where a sentence attributes something: reporting and denial verbs and
"according to", each marked as a denial or not, passive or not."""

from __future__ import annotations

from .document import Anchor, Document, Sentence
from .lexicon import (
    CLAIM_NOUNS,
    DENIAL_ADJ,
    DESCRIBE,
    EXPRESS_OBJECTS,
    NOT_VERB_BEFORE,
    PHRASAL_DENIALS,
    STAND_BY,
    STUDY_NOUNS,
    VERB_FORMS,
)


class AnchorStage(Document):
    def _anchors(self, sent: Sentence) -> list[Anchor]:
        """Attribution anchors in the sentence: reporting and denial verbs, "according to"."""
        if not sent.attributes:
            return []
        low = sent.low
        anchors: list[Anchor] = []
        n = len(low)
        for i, w in enumerate(low):
            if w == "according" and i + 1 < n and low[i + 1] == "to":
                if not sent.in_quote(sent.toks[i][0]):
                    anchors.append(Anchor(i, i + 2, "according", False, according=True))
                continue
            aside = _report_aside(low, i)
            if aside > 0 and not sent.in_quote(sent.toks[i][0]):
                # "One worry, reported Friday in the Ledger, is that ...": the outlet's.
                anchors.append(Anchor(i, aside, "according", False, according=True))
                continue
            form = VERB_FORMS.get(w)
            if w in ("read", "reads") and i > 0 and low[i - 1] in STUDY_NOUNS:
                form = ("say", False)  # "The club's statement read: ..."
            elif w in ("read", "reads") and _inverted_read(low, i):
                form = ("say", False)  # '"...," read the statement from the club.'
            if w in STAND_BY and low[i + 1 : i + 2] == ["by"]:
                form = ("stand", True)
            elif w in PHRASAL_DENIALS and _followed_by(low, i, PHRASAL_DENIALS[w]):
                form = (f"{w} {PHRASAL_DENIALS[w]}", True)  # "hit back", "pleaded not guilty"
            if form is None:
                continue
            ts = sent.toks[i][0]
            if sent.in_quote(ts):
                continue
            if ts > 0 and sent.text[ts - 1] == "-":
                continue  # "value-added", "so-called"
            if sent.text[ts].isupper() and any(m.s < ts < m.e for m in sent.mentions):
                continue  # inside a name: "President Omar Said"
            lemma, deny = form
            # "refuted by X" denies; "accused by X of ..." / "criticised by X" is X's claim.
            passive = (deny and _passive_by(low, i)) or (
                lemma in PASSIVE_CLAIMS and _passive_by(low, i, AGENT_REACH)
            )
            if not passive and not self._is_speech_verb(low, i, lemma):
                continue
            if lemma == "challenge" and not passive and not _claim_object(low, i):
                continue  # "challenged the ruling in court" is a step, not a denial
            a = Anchor(i, i + 1, lemma, deny, passive=passive)
            if lemma == "stand" or " " in lemma:
                a.j = i + 1 + len(lemma.split()[1:]) if " " in lemma else i + 2
            if w.endswith("ing") and i > 0 and low[i - 1] == ",":
                a.participle = True
            if lemma == "call" and i + 1 < n and low[i + 1] in ("for", "on"):
                a.j = i + 2
            anchors.append(a)
        _mark_describing_denials(anchors, low)
        _mark_contrast_denials(anchors, low)
        _mark_object_denials(anchors, low)
        return anchors

    def _is_speech_verb(self, low: list[str], i: int, lemma: str) -> bool:
        """False for a verb form used otherwise: passive, a noun, power, a negation."""
        n = len(low)
        prev = low[i - 1] if i > 0 else ""
        nxt = low[i + 1] if i + 1 < n else ""
        if prev in NOT_VERB_BEFORE:
            return False  # passive voice or a noun ("the claims", "so-called")
        if lemma == "call" and not self._call_is_report(low, i):
            return False
        if lemma == "report" and nxt in ("it", "them", "him", "her", "this", "these", "those"):
            return False  # "reported it to the company": an action, not a report
        if lemma in COURT_ACTS and not COURT_WORDS & set(low[max(0, i - 4) : i]):
            return False  # "the appeal court has upheld the penalty": a court's finding
        if lemma == "charge" and not {"with", "that"} & set(low[i + 1 : i + 5]):
            return False  # "charged him on Friday" is an act; "charged that ..." a claim
        if lemma == "show" and nxt != "that":
            return False  # "showed that" reports; "showed the team had spent" is evidence
        if lemma == "cite" and nxt in ("a", "an", "sources", "unnamed", "anonymous"):
            return False  # "citing a source," names where it came from, not a claim
        if lemma == "find" and "that" not in low[i + 1 : i + 3] and not _clause_after(low, i):
            return False  # "found that" / "found he had" report a finding; "found the body" not
        if lemma == "rule" and "that" not in low[i + 1 : i + 5]:
            return False  # "has ruled Belarus since 1994" is power, "ruled that" is a ruling
        if lemma == "add" and nxt and nxt not in ("that", ":", ",", '"', "`", ".", "in", "on"):
            return False  # "added six firms to a list" is not speech
        if prev in ("not", "never", "n't", "to") or (
            i > 1 and low[i - 2] in ("not", "never", "declined", "refused")
        ):
            return False  # "did not respond", "declined to comment"
        if lemma in ("respond", "reply") and (
            nxt == "to" or prev in ("would", "will", "could", "might", "may")
        ):
            return False  # "responded to", "would respond in kind": an action
        if lemma == "ask" and (
            nxt in ("for", "to", "about") or {"to", "for"} & set(low[i + 2 : i + 6])
        ):
            return False  # "asked the journal to retract": a request, not a claim
        if (
            lemma in ("note", "post", "state", "report", "charge", "stress", "signal", "express")
            and nxt == "of"
        ):
            return False
        if lemma == "express" and nxt not in EXPRESS_OBJECTS:
            return False
        if (
            lemma == "write"
            and WRITTEN_WORKS & set(low[i + 1 : i + 4])
            and "that" not in low[i + 1 : i + 4]
        ):
            return False  # "wrote travel features for magazines", "wrote a book": work, not a claim
        return not (
            lemma == "counter" and nxt in ("-", "terrorism", "measures", "offensive", "attack")
        )

    @staticmethod
    def _call_is_report(low: list[str], i: int) -> bool:
        nxt = low[i + 1 : i + 12]
        if nxt[:1] == ["for"]:
            return True
        if nxt[:1] == ["on"] and "to" in nxt[2:8] and low[i - 1 : i] != ["and"]:
            return True  # "called on both sides to show restraint": a demand of its own
        if nxt[:1] in (["on"], ["off"], ["up"], ["in"], ["it"]):
            return False
        # "called the report false", "called it a turning point", 'called "cynical"'.
        return any(w in DENIAL_ADJ or w == '"' or w == "`" or w == "'" for w in nxt) or any(
            w in CLAIM_NOUNS for w in nxt[:4]
        )


# Acts by which a court finds: its statement, when a court does them.
COURT_ACTS = frozenset(("reinstate", "uphold", "overturn", "fine", "order"))
COURT_WORDS = frozenset(("court", "tribunal", "judge", "judges", "justices"))
WRITTEN_WORKS = frozenset(
    "book books novel novels feature features article articles column columns song songs "
    "script scripts poem poems memoir biography plays".split()
)
AGENT_REACH = 14  # "was accused of using a council car for private trips by X"
PASSIVE_CLAIMS = frozenset(("accuse", "criticise", "criticize", "blame"))


def _report_aside(low: list[str], i: int) -> int:
    """'NOUN, reported (on) Tuesday in/by X, is that ...': the token after "in"/"by", else -1."""
    if low[i] not in ("reported", "published", "revealed") or i < 2 or low[i - 1] != ",":
        return -1
    k = next((k for k in range(i + 1, min(len(low), i + 4)) if low[k] in ("in", "by")), -1)
    if k < 0 or not any(
        low[j] == "," and low[j + 1 : j + 3] in (["is", "that"], ["was", "that"])
        for j in range(k, min(len(low) - 2, k + 12))
    ):
        return -1
    return k + 1


def _followed_by(low: list[str], i: int, words: str) -> bool:
    """The words after token ``i`` are ``words`` ("back", "not guilty")."""
    parts = words.split()
    return low[i + 1 : i + 1 + len(parts)] == parts


def _mark_describing_denials(anchors: list[Anchor], low: list[str]) -> None:
    """'called ... false': a describe verb aimed at a claim is a denial."""
    for a in anchors:
        if a.lemma in DESCRIBE or a.lemma in ("dismiss",):
            window = low[a.j : a.j + 12]
            obj = [w for w in window[:4] if w in CLAIM_NOUNS]
            adj = [w for w in window if w in DENIAL_ADJ]
            if adj or (obj and a.lemma in ("describe", "dismiss", "brand", "label", "dub", "call")):
                a.deny = True


def _passive_by(low: list[str], i: int, reach: int = 3) -> bool:
    """'has been refuted by X', 'was rejected by X': a passive denial with its agent; 'was
    accused of lying by X' (``reach`` words on, not past a comma)."""
    k = i - 1
    if k > 0 and low[k] in ("also", "since", "later", "swiftly", "quickly", "strongly", "firmly"):
        k -= 1  # "were also disputed by X"
    prev = low[k] if k >= 0 else ""
    return prev in ("been", "being", "was", "were", "is", "are", "be") and "by" in _upto_comma(
        low[i + 1 : i + 1 + reach]
    )


def _upto_comma(words: list[str]) -> list[str]:
    cut = [k for k, w in enumerate(words) if w in (",", ".", ";")]
    return words[: cut[0]] if cut else words


def _mark_object_denials(anchors: list[Anchor], low: list[str]) -> None:
    """'challenged the figures', 'questioned the findings', 'denounced the allegation':
    doubting or condemning a claim rebuts it."""
    for a in anchors:
        if a.lemma in ("challenge", "question", "denounce", "slam") and not a.deny:
            a.deny = any(w in CLAIM_NOUNS for w in low[a.j : a.j + 4])


def _mark_contrast_denials(anchors: list[Anchor], low: list[str]) -> None:
    """'He insisted, however, that ...' / 'But X maintained that ...': holding one's
    ground against what was said before is a rebuttal."""
    for a in anchors:
        if a.lemma not in ("insist", "maintain") or a.deny:
            continue
        before = low[max(0, a.i - 6) : a.i]
        after = low[a.j : a.j + 3]
        if "but" in before or "however" in before or after[:2] == [",", "however"]:
            a.deny = True


def _claim_object(low: list[str], i: int) -> bool:
    """'challenged her findings', 'challenged the claims': the verb's object is a claim."""
    return any(w in CLAIM_NOUNS or w in STUDY_NOUNS for w in low[i + 1 : i + 4])


def _inverted_read(low: list[str], i: int) -> bool:
    """'"...," read the statement': "read" after a quote, before a document noun."""
    return (
        i > 1
        and low[i - 1] in ('"', "`", "”")
        and low[i + 1 : i + 2] == ["the"]
        and low[i + 2 : i + 3] != []
        and low[i + 2] in STUDY_NOUNS
    )


FINITE_AUX = frozenset(("had", "has", "have", "was", "were", "is", "are"))


def _clause_after(low: list[str], i: int) -> bool:
    """A clause follows the verb: a pronoun subject and a finite auxiliary ("found he had
    received ...", "found they were paid ...")."""
    return low[i + 1 : i + 2] in (["he"], ["she"], ["they"], ["it"]) and bool(
        FINITE_AUX & set(low[i + 2 : i + 3])
    )
