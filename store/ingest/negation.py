"""Negation and denial wording: the words that make a claim deny another's ("is false",
"there were no plans"), apart from the linking that pairs a denial with its claim."""

from __future__ import annotations

import re

from .lexicon import BUSINESS, DENIAL_PHRASES, FALSITY_WORDS


def _phrase_pattern(phrase: str) -> str:
    """A denial phrase as a pattern: words apart by spaces or quote marks; POSS a possessive."""
    parts = [
        r"(?:his|her|its|their|our|my)" if w == "POSS" else re.escape(w) for w in phrase.split()
    ]
    return r"[\s\"“”‘’']+".join(parts)


# "were not rooted in fact", "that was not the case": denial in the content, from the lexicon.
PHRASE_DENIAL_RE = re.compile(
    r"\b(?:" + "|".join(_phrase_pattern(p) for p in sorted(DENIAL_PHRASES, key=len)[::-1]) + r")\b",
    re.IGNORECASE,
)

STRONG_DENIAL_RE = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+[\"“”‘’']?(?:completely\s+|totally\s+|simply\s+|"
    r"utterly\s+|entirely\s+|absolutely\s+)?[\"“”‘’']?(?:false|untrue|baseless|absurd|"
    r"nonsense|fabricated|lies|a lie|"
    r"groundless|unfounded|fake|not true|wrong|ridiculous|laughable|preposterous|unsubstantiated|"
    r"meritless|without merit|frivolous|misleading|inaccurate|incorrect|defamatory|malicious)|"
    r"not true|no truth|no basis|misinterpreted|"
    r"misrepresented|taken out of context|never happened|fake news|categorically|"
    r"no (?:indication|evidence|sign|proof)(?: whatsoever)?[\"“”‘’']? (?:of|that)|"
    r"(?<!were )(?<!was )(?<!been )(?<!being )(?<!are )(?<!is )(?<!be )"
    r"(?:strongly |categorically |flatly |firmly |totally |completely )?"
    r"(?:denies|rejects|refutes|(?:denied|rejected|refuted)[\"“”’']?\s+(?:the|these|those|all|any|"
    r"such)\s+(?:\w+\s+)?(?:allegations?|claims?|accusations?|reports?|suggestions?|charges?))\b|"
    r"(?:is|are|was|were)\s+(?:a\s+|an\s+)?(?:\w+\s+)?(?:smear|lie|lies|fabrication|fantasy|"
    r"fiction|distortion|hoax|nonsense)\b|"
    r"talking\s+(?:absolute\s+|complete\s+|utter\s+)?(?:rubbish|nonsense)\b|"
    r"(?:does|do|did)\s*(?:not|n't)\s+(?:stand\s+up|add\s+up|hold\s+water)\b|"
    r"\b(?:have|has|had)?\s*never\s+(?:said|told|did|made|asked|threatened|promised)\s+"
    r"(?:that|this|it|anything|any|such)\b|"
    r"^(?:the|their|his|her|its)\s+[\w-]+'s\s+(?:claims?|case|allegations?|accusations?|"
    r"report|figures|account|version|evidence|findings|remarks|comments)\s+(?:is|was|are|were)\b"
    r"(?=.*\b(?:lie|lies|lying|wrong|false|flawed|misleading|nonsense|baseless|untrue)\b)|"
    r"(?:serious(?:ly)? |fundamental(?:ly)? |methodological )*flaw(?:s|ed)\b|"
    # "contamination claims were 'rarely borne out'": claims judged, not made
    r"^(?:[\w-]+\s+){0,3}(?:claims?|allegations?|accusations?|suggestions?)\s+(?:is|are|was|"
    r"were)\b(?=.*\b(?:(?:rarely|seldom|never|not)\s+(?:borne|backed|supported|true|accurate|"
    r"correct)|false|untrue|baseless|unfounded|without\s+(?:foundation|basis|merit)|"
    r"politically\s+motivated|an\s+attempt|a\s+distraction|(?:political\s+)?stunt|"
    r"witch[\s-]?hunt|exaggerated|overblown|outrageous|speculation|speculative|"
    r"not\s+worth\s+the\s+paper)\b))\b",
    re.IGNORECASE,
)


# "was one big lie from start to finish", "is 'entirely invented and baseless'": falsity
# a few words after a copula, with no negation between ("was not false" is no denial).
COPULA_VERDICT_RE = re.compile(
    r"\b(?:is|are|was|were|been|(?:it|that|this|which|what)['’]s)\s+"
    r"(?:[\"“”‘’']?(?!not\b|never\b|no\b)[\w'’-]+[\s\"“”‘’']+){0,4}?"
    r"[\"“”‘’']?(?:" + "|".join(sorted(map(re.escape, FALSITY_WORDS), key=len)[::-1]) + r")\b"
    r"(?!\s+(?:of|to|for)\b)",  # "it was wrong of him to ..." judges a deed, not a claim
    re.IGNORECASE,
)


# '"The Deputy Minister has flatly denied ..."': a claim that someone named denied,
# reported by another (the reporter accuses; it denies nothing itself).
THIRD_PARTY_DENIAL_RE = re.compile(
    r"^[\W]*(?:[Tt]he\s+)?(?!(?:We|I|It|He|She|They|Our|This|That)\b)"
    r"(?:[A-Z][\w'’.-]*\s+){1,5}(?:has\s+|had\s+|have\s+)?(?:[a-z]+ly\s+)?"
    r"(?:denied|rejected|refuted|dismissed)\b"
)


# "accused the mayor of falsely saying ...", "only the chairman has lied": calling
# the other side's words untrue by calling its speaker a liar.
LIAR_RE = re.compile(
    r"\bfalsely\s+(?:claim|say|said|stat|suggest|assert|insinuat|impl)\w*|"
    r"\b(?:has|have|had)\s+lied\b|\bwhich\s+has\s+lied\b|\b(?:these|his|her|their|such)\s+lies\b",
    re.IGNORECASE,
)


# "that invented story is absurd", "their false allegations": the other side's
# words named as untrue; "the vote was closer than the minister has said": a correction.
FALSE_WORDS_RE = re.compile(
    r"\b(?:this|that|these|those|such|the|her|his|their|its)\s+(?:[\w-]+\s+)?"
    r"(?:" + "|".join(sorted(map(re.escape, FALSITY_WORDS), key=len)[::-1]) + r")\s+"
    r"(?:statements?|claims?|allegations?|accusations?|stor(?:y|ies)|reports?|accounts?|"
    r"campaigns?)\b|"
    r"\bthan\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:has|have|had)\s+(?:said|claimed|suggested)\b|"
    r"\b(?:misconstrued|misunderstood|misheard|misquoted)\b|"
    r"\b(?:contest|contests|contested|dispute|disputes|disputed)\s+(?:the|these|those|all|any|"
    r"such|her|his|their)\s+(?:[\w-]+\s+)?(?:allegations?|claims?|accusations?|charges?)\b",
    re.IGNORECASE,
)


def strong_denial(text: str) -> bool:
    """True when the words of a claim deny another's ("is false", "not rooted in fact"), but
    not when it admits ("it accepted that its reporting had been flawed") or reports that a
    third party denied."""
    if AGREEING_RE.match(text) or THIRD_PARTY_DENIAL_RE.match(text):
        return False
    return bool(
        STRONG_DENIAL_RE.search(text)
        or PHRASE_DENIAL_RE.search(text)
        or COPULA_VERDICT_RE.search(text)
        or LIAR_RE.search(text)
        or FALSE_WORDS_RE.search(text)
    )


NEGATION_RE = re.compile(
    r"\b(?:never|not|no|nothing|nobody|none|cannot|in fact|actually)\b|n't\b", re.IGNORECASE
)

# A claim whose main clause is negated near its start: "There were no plans to ...".
NEGATED_START_RE = re.compile(
    r"(?:\S+\s+){0,4}?(?:no|not|never|nothing|nobody|none)\b|(?:\S+\s+){0,4}?\w+n't\b", re.I
)
# "It had not yet decided whether to challenge it", "she could not comment on it": its own
# pending step or silence, answering nothing
OWN_STEP_RE = re.compile(
    r"(?:\S+\s+){0,4}?(?:not|n't)\s+(?:yet\s+)?(?:decided|determined|received|discuss|comment)\b",
    re.I,
)

# "It stood by the research", "she stands by her account".
STANDS_BY_RE = re.compile(
    r"(?:(?:it|he|she|they|we|i)\s+)?(?:(?:has|have|had)\s+)?(?:stood|stands|stand)\s+by\b",
    re.IGNORECASE,
)
# A claim about the speaker's own conduct: "it had won the work fairly", "we acted on advice".
SELF_ACCOUNT_RE = re.compile(
    r"(?:it|he|she|they|we|i)\s+(?:had|has|have|was|were|did|acted|followed|always|only)\b",
    re.IGNORECASE,
)
# The same told of a firm by its own side: "the company had carried out repairs".
FIRM_ACCOUNT_RE = re.compile(
    r"the\s+(?:" + "|".join(sorted(BUSINESS)) + r")\s+(?:had|has|have|was|did|always)\b",
    re.IGNORECASE,
)
# "It had made no such promise": a short denial whose substance follows.
BARE_NEGATION_RE = re.compile(r"^(?:\S+\s+){0,4}(?:no such|never)\b(?:\s+\S+){0,2}$", re.I)
# "The club accepted the fine": agreeing with the other side answers nothing.
AGREEING_RE = re.compile(
    r"(?:\S+\s+){0,3}?(?:accepted|accepts|agreed|agrees|welcomed|welcomes|acknowledged|"
    r"acknowledges|admitted|admits|apologised|apologized|regrets|regretted)\b",
    re.IGNORECASE,
)
# The word a negation applies to: "never been consulted" -> "consulted".
NEGATED_WORD_RE = re.compile(
    r"\b(?:not|never|no)\s+(?:(?:been|be|have|had|ever|once|actually|even)\s+)*([a-z]{4,})",
    re.IGNORECASE,
)
CLAIM_TALK_RE = re.compile(
    r"(?:\b(?:the|a|an)\s+[\w-]+'s|\b(?:their|his|her))\s+(?:[\w-]+\s+)?"
    r"(?:claims?|allegations?|accusations?|figures?|report|account|version|data|findings)\b",
    re.IGNORECASE,
)
ACCUSATION_RE = re.compile(
    r"\b(?:accus|alleg|charged with|suspended|sanction|prosecut|sued\b|suing|lawsuit|blam)\w*",
    re.IGNORECASE,
)
SUED_RE = re.compile(r"\b(?:sued|sues|suing|lawsuit|accused|accuses|blamed|blames)\b", re.I)
MODAL_START_RE = re.compile(r"(?:\S+\s+){0,5}?(?:would|will|plans?\s+to|intends?\s+to)\b", re.I)
