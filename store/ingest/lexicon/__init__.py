"""Word lists of the extractor, loaded once from the named data files beside this module.

Each ``NAME.txt`` holds one entry per line (lower case; ``#`` starts a comment line). Pair
lists write ``key: value``; verb lists write ``lemma: form form form``. Small on purpose: they
catch the common news phrasing, and anything they miss shows up as a missing suggestion,
never as a crash.
"""

from __future__ import annotations

from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


def words(name: str) -> frozenset[str]:
    """The entries of word list ``name`` (one per line)."""
    return frozenset(_lines(name))


def pairs(name: str) -> dict[str, str]:
    """``key: value`` entries of list ``name``, in file order."""
    out: dict[str, str] = {}
    for line in _lines(name):
        key, _, value = line.rpartition(":")
        out[key.strip()] = value.strip()
    return out


COMMON = words("common")
DETERMINERS = words("determiners")
AUDIENCE_MODIFIERS = words("audience_modifiers")
ROLE_STOPS = words("role_stops")
MONTHS = {k: int(v) for k, v in pairs("months").items()}
WEEKDAYS = {k: int(v) for k, v in pairs("weekdays").items()}
CALENDAR = words("calendar")

COUNTRY_DEMONYM = pairs("country_demonyms")
DEMONYM_COUNTRY = {d.lower(): c for c, d in COUNTRY_DEMONYM.items()}
DEMONYM_COUNTRY.update(pairs("demonym_variants"))
DEMONYMS = frozenset(DEMONYM_COUNTRY) | words("regional_adjectives")
CAPITALS = pairs("capitals")
PLACES = frozenset(COUNTRY_DEMONYM) | frozenset(CAPITALS) | words("places")


def demonym_like(low: str) -> bool:
    """A listed demonym, or an adjective made from a country's name that no list gives
    ("argentinian" from "argentina", "italian" from "italy")."""
    if low in DEMONYMS:
        return True
    for suffix in ("ian", "ean", "an", "ese", "ish", "i"):
        stem = low[: -len(suffix)]
        if low.endswith(suffix) and len(stem) >= 4:
            for country in COUNTRY_DEMONYM:
                if country.startswith(stem) and len(country) - len(stem) <= 2:
                    return True
    return False


PLACE_SUFFIX = words("place_suffixes")
PLACE_PREFIX = words("place_prefixes")
PLACE_TAILS = words("place_tails")
BUILDING_NOUNS = words("building_nouns")
POST_NOMINALS = words("post_nominals")
EVENT_WORDS = words("event_words")

ROLE_HEADS = words("role_heads")
CLIENT_ROLES = words("client_roles")
OFFICER_ROLES = words("officer_roles")
HONORIFICS = words("honorifics")
HONORIFIC_GENDER = pairs("honorific_genders")
HONORIFIC_ROLE = pairs("honorific_roles")
ROLE_MODIFIERS = words("role_modifiers")
WEAK_ROLES = words("weak_roles")

ORG_CUES = pairs("org_cues")
GROUP_NOUNS = pairs("group_nouns")
ORG_WORDS = pairs("org_words")
GOV_PREFIX = words("gov_prefixes")
LOCAL_GOV = words("local_gov")
KNOWN_ORGS = pairs("known_orgs")
NOT_ACTOR_ACRONYMS = words("not_actor_acronyms")
# Plural-noun subjects that are not named actors ("Officials said", "Prosecutors allege").
TITLE_PERSON = ROLE_HEADS | words("plural_speakers")
TITLE_ORG = words("org_titles")
# (longest first: a regular expression alternation tries them in this order)
SPOKES = tuple(sorted(words("spokes_nouns"), key=lambda w: (-len(w), w)))
OPEN_SORTS = words("open_sorts")
TITLE_NAME_WORDS = {k: frozenset(v.split()) for k, v in pairs("title_name_words").items()}
SORT_HINTS = {k: frozenset(v.split()) for k, v in pairs("sort_hints").items()}
BUSINESS = words("business_nouns")
PRONOUNS = pairs("pronouns")

REPORT_LEMMAS = pairs("report_verbs")
DENY_LEMMAS = pairs("deny_verbs")
# Attribution verbs: form -> (lemma, is a denial).
VERB_FORMS: dict[str, tuple[str, bool]] = {}
for _lemma, _forms in REPORT_LEMMAS.items():
    for _form in _forms.split():
        VERB_FORMS[_form] = (_lemma.rstrip("_"), False)
for _lemma, _forms in DENY_LEMMAS.items():
    for _form in _forms.split():
        VERB_FORMS[_form] = (_lemma, True)
STAND_BY = words("stand_by_verbs")
PHRASAL_DENIALS = pairs("phrasal_denials")
ANCHOR_WORDS = (
    frozenset(VERB_FORMS) | {"according", "read", "reads"} | STAND_BY | frozenset(PHRASAL_DENIALS)
)
NOT_VERB_BEFORE = words("not_verb_before")
EXPRESS_OBJECTS = words("express_objects")
MEDIUM_WORDS = words("medium_words")
STATEMENT_NOUNS = words("statement_nouns")
STATEMENT_TAILS = words("statement_tails")
INVERTIBLE = words("invertible_verbs")
KEEP_VERB = words("keep_verb")
DESCRIBE = words("describe_verbs")
AUX = words("auxiliaries")
CONJ = words("conjunctions")
AUDIENCE = words("audiences")
CLAIM_NOUNS = words("claim_nouns")
DENIAL_ADJ = words("denial_adjectives")
DENIAL_PHRASES = words("denial_phrases")
FALSITY_WORDS = words("falsity_words")
STOP = COMMON | words("stop_extra")

ABBREV = words("abbreviations")
STARTERS = COMMON
PARTICLES = words("name_particles")
CONN_SET = words("connectors")
NAME_ABBREVIATIONS = pairs("name_abbreviations")
GENERIC_ORG_HEADS = words("generic_org_heads")
CROWD_NOUNS = words("crowd_nouns")
NOT_NAME_OPENERS = words("not_name_openers") | CROWD_NOUNS
NON_BUSINESS = words("non_business")
FORENAME_GENDER = pairs("forenames")
DOCUMENT_NOUNS = words("document_nouns")
STUDY_NOUNS = words("study_nouns")
STUDY_AUTHORS = words("study_authors")
PUBLISH_VERBS = words("publish_verbs")
PREPOSITIONS = words("prepositions")
PARENTHETICAL_OPENERS = words("parenthetical_openers")
