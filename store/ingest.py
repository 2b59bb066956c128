"""Article import: news text in, suggested actors, statements and rebuttals out.

Rule-based and dependency-free on purpose: no model downloads, predictable on any machine,
fast enough for a 10 MB paste. The pipeline, per paragraph and sentence:

1. prepare the text (newlines, control characters, curly quotes mapped to straight ones on a
   same-length working copy so every offset still points into what the analyst pasted);
2. split paragraphs and sentences (quotes and abbreviations such as "U.S." do not end one);
3. find capitalised runs ("U.S. Special Envoy for Ukraine Keith Kellogg") and classify them:
   person (with the title before the name as role), organisation, government, media, or a
   place / month / common word that is not an actor;
4. find attribution anchors (reporting verbs, "according to", denial verbs), the speaker of
   each (a name, a title such as "the minister", a pronoun, or an elided subject) and the claim
   it carries (direct quote, indirect speech, or the clause before a trailing "X said");
5. turn denials into rebuttals linked to the best-matching claim by another actor;
6. resolve dates against the publication date, match known actors, number everything.

Every suggestion is a suggestion: the analyst reviews it before anything reaches the store.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import StoreError

__all__ = [
    "IngestError",
    "SuggestedActor",
    "SuggestedRebuttal",
    "SuggestedStatement",
    "Suggestions",
    "extract",
    "read_article",
]

# The store's field limits (store/models.py): suggestions must be storable as they are.
_NAME_MAX = 200
_SHORT_MAX = 500
_TEXT_MAX = 10_000
_EVIDENCE_MAX = 2_000
# A "sentence" longer than this is cut at a space: keeps every window scan bounded.
_SENTENCE_MAX = 1_500
_PROGRESS_EVERY = 64_000  # characters between progress callbacks


# --------------------------------------------------------------------------------------------
# Public results
# --------------------------------------------------------------------------------------------


@dataclass
class SuggestedActor:
    """A person, organisation, government or media outlet found in the article."""

    key: str
    name: str
    kind: str
    role: str = ""
    affiliation: str = ""
    aliases: list[str] = field(default_factory=list)
    existing_id: int | None = None
    evidence: str = ""


@dataclass
class SuggestedStatement:
    """A claim attributed to ``actor_key``; ``evidence`` is the whole source sentence."""

    key: str
    actor_key: str
    text: str
    evidence: str
    said_on: str | None = None
    quote: bool = False


@dataclass
class SuggestedRebuttal:
    """``actor_key`` denies the claim ``statement_key`` made by another actor."""

    key: str
    actor_key: str
    statement_key: str
    text: str
    evidence: str
    said_on: str | None = None


@dataclass
class Suggestions:
    """Everything found in one article, for the analyst to review before it is stored."""

    actors: list[SuggestedActor]
    statements: list[SuggestedStatement]
    rebuttals: list[SuggestedRebuttal]
    warnings: list[str]


class IngestError(StoreError):
    """The article cannot be imported; the message says what to do about it."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


# --------------------------------------------------------------------------------------------
# Lexicons (lower case). Small on purpose: they catch the common news phrasing, and anything
# they miss shows up as a missing suggestion, never as a crash.
# --------------------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> dict[str, str]:
    """'key:value' tokens; '_' stands for a space ("new_delhi:india")."""
    out: dict[str, str] = {}
    for token in text.split():
        key, _, value = token.partition(":")
        out[key.replace("_", " ")] = value.replace("_", " ")
    return out


def _lemmas(text: str) -> dict[str, str]:
    """'lemma: form form form' lines."""
    out: dict[str, str] = {}
    for line in text.strip().splitlines():
        lemma, _, forms = line.partition(":")
        out[lemma.strip()] = forms.strip()
    return out


_COMMON = _words(
    """a about above across after afterwards again against ahead all almost along already also
    although always amid among an and another any anyone anything are around as at because
    before behind being below beneath beside besides between beyond both but by can cannot
    could despite did do does doing down during each earlier either else elsewhere even ever
    every everyone everything except few following for from further furthermore had has have
    having he hence her here hers herself him himself his how however i if in inside instead
    into is it its itself just last later least less like many may meanwhile might more
    moreover most much must my near nearly neither never nevertheless next no nobody none nor
    not nothing now of off often on once one only onto or other others otherwise our ours out
    outside over own per perhaps rather really same several shall she should since so some
    someone something sometimes soon still such than that the their theirs them themselves
    then there thereby therefore these they this those though through throughout thus to
    today together tomorrow too toward towards under unless unlike until up upon us very via
    was we well were what whatever when whenever where whereas wherever whether which while
    who whoever whom whose why will with within without would yes yesterday yet you your
    according asked speaking opening meanwhile indeed instead nonetheless overall separately
    similarly still amid elsewhere ultimately initially eventually finally first second
    third two three four five six seven eight nine ten hundreds thousands millions dozens
    critics officials analysts experts residents authorities observers investigators police
    lawmakers diplomats sources witnesses doctors scientists economists activists campaigners
    protesters workers employees voters citizens people prosecutors judges troops soldiers
    forces rebels militants members leaders ministers parents children families patients
    students teachers farmers tenants residents shareholders investors customers users
    fans players supporters opponents organisers organizers officers agents reporters
    journalists editors readers viewers consumers drivers passengers refugees migrants
    several many some most both neither either all none each both no yes ok okay dear
    but and or nor so yet for if as because unless while whereas whether
    breaking update updated exclusive analysis opinion editorial comment read watch listen
    see note photo video live related sources source""",
)

_MONTHS = {
    k: int(v)
    for k, v in _pairs(
        """january:1 february:2 march:3 april:4 may:5 june:6 july:7 august:8 september:9
        october:10 november:11 december:12 jan:1 feb:2 mar:3 apr:4 jun:6 jul:7 aug:8 sep:9
        sept:9 oct:10 nov:11 dec:12"""
    ).items()
}
_WEEKDAYS = {
    k: int(v)
    for k, v in _pairs(
        "monday:0 tuesday:1 wednesday:2 thursday:3 friday:4 saturday:5 sunday:6"
    ).items()
}
_CALENDAR = _words(
    """christmas easter ramadan eid hanukkah diwali thanksgiving halloween passover
    spring summer autumn winter fall noon midnight""",
)

# country -> demonym; the demonym names governments ("Belarusian government").
_COUNTRY_DEMONYM = _pairs(
    """afghanistan:Afghan albania:Albanian algeria:Algerian angola:Angolan
    argentina:Argentine armenia:Armenian australia:Australian austria:Austrian
    azerbaijan:Azerbaijani bahrain:Bahraini bangladesh:Bangladeshi belarus:Belarusian
    belgium:Belgian bolivia:Bolivian bosnia:Bosnian brazil:Brazilian bulgaria:Bulgarian
    cambodia:Cambodian cameroon:Cameroonian canada:Canadian chad:Chadian chile:Chilean
    china:Chinese colombia:Colombian congo:Congolese croatia:Croatian cuba:Cuban
    cyprus:Cypriot czechia:Czech denmark:Danish ecuador:Ecuadorian egypt:Egyptian
    eritrea:Eritrean estonia:Estonian ethiopia:Ethiopian finland:Finnish france:French
    gabon:Gabonese georgia:Georgian germany:German ghana:Ghanaian greece:Greek
    guatemala:Guatemalan guinea:Guinean haiti:Haitian honduras:Honduran hungary:Hungarian
    iceland:Icelandic india:Indian indonesia:Indonesian iran:Iranian iraq:Iraqi
    ireland:Irish israel:Israeli italy:Italian jamaica:Jamaican japan:Japanese
    jordan:Jordanian kazakhstan:Kazakh kenya:Kenyan kosovo:Kosovar kuwait:Kuwaiti
    kyrgyzstan:Kyrgyz laos:Lao latvia:Latvian lebanon:Lebanese libya:Libyan
    lithuania:Lithuanian luxembourg:Luxembourgish madagascar:Malagasy malawi:Malawian
    malaysia:Malaysian mali:Malian malta:Maltese mexico:Mexican moldova:Moldovan
    mongolia:Mongolian montenegro:Montenegrin morocco:Moroccan mozambique:Mozambican
    myanmar:Myanmar namibia:Namibian nepal:Nepali netherlands:Dutch nicaragua:Nicaraguan
    niger:Nigerien nigeria:Nigerian norway:Norwegian oman:Omani pakistan:Pakistani
    palestine:Palestinian panama:Panamanian paraguay:Paraguayan peru:Peruvian
    philippines:Philippine poland:Polish portugal:Portuguese qatar:Qatari romania:Romanian
    russia:Russian rwanda:Rwandan senegal:Senegalese serbia:Serbian singapore:Singaporean
    slovakia:Slovak slovenia:Slovenian somalia:Somali spain:Spanish sudan:Sudanese
    sweden:Swedish switzerland:Swiss syria:Syrian taiwan:Taiwanese tajikistan:Tajik
    tanzania:Tanzanian thailand:Thai tunisia:Tunisian turkey:Turkish turkmenistan:Turkmen
    uganda:Ugandan ukraine:Ukrainian uruguay:Uruguayan uzbekistan:Uzbek
    venezuela:Venezuelan vietnam:Vietnamese yemen:Yemeni zambia:Zambian
    zimbabwe:Zimbabwean scotland:Scottish wales:Welsh england:English britain:British
    america:American"""
)
_COUNTRY_DEMONYM.update(
    _pairs(
        """united_states:U.S. united_states_of_america:U.S. us:U.S. u.s.:U.S. usa:U.S.
        u.s.a.:U.S. united_kingdom:British uk:British u.k.:British saudi_arabia:Saudi
        south_africa:South_African south_korea:South_Korean north_korea:North_Korean
        new_zealand:New_Zealand north_macedonia:North_Macedonian czech_republic:Czech
        sri_lanka:Sri_Lankan south_sudan:South_Sudanese united_arab_emirates:Emirati
        uae:Emirati burkina_faso:Burkinabe costa_rica:Costa_Rican el_salvador:Salvadoran
        dominican_republic:Dominican ivory_coast:Ivorian"""
    )
)
_DEMONYM_COUNTRY = {d.lower(): c for c, d in _COUNTRY_DEMONYM.items()}
_DEMONYM_COUNTRY.update({"belarussian": "belarus", "american": "united states"})
_DEMONYMS = frozenset(_DEMONYM_COUNTRY) | _words(
    """european african asian arab western eastern northern southern kurdish chechen crimean
    catalan basque soviet nordic baltic latin balkan caucasian gulf persian islamic
    international transatlantic""",
)
_CAPITALS = _pairs(
    """
    kyiv:ukraine kiev:ukraine moscow:russia minsk:belarus washington:united_states
    beijing:china london:united_kingdom paris:france berlin:germany tehran:iran
    jerusalem:israel ankara:turkey warsaw:poland vilnius:lithuania riga:latvia
    tallinn:estonia chisinau:moldova tbilisi:georgia yerevan:armenia baku:azerbaijan
    damascus:syria baghdad:iraq cairo:egypt riyadh:saudi_arabia doha:qatar tokyo:japan
    seoul:south_korea pyongyang:north_korea new_delhi:india islamabad:pakistan
    kabul:afghanistan ottawa:canada canberra:australia rome:italy madrid:spain
    lisbon:portugal vienna:austria bern:switzerland budapest:hungary prague:czechia
    bratislava:slovakia bucharest:romania sofia:bulgaria belgrade:serbia zagreb:croatia
    ljubljana:slovenia athens:greece stockholm:sweden oslo:norway copenhagen:denmark
    helsinki:finland dublin:ireland amsterdam:netherlands brasilia:brazil
    buenos_aires:argentina mexico_city:mexico caracas:venezuela havana:cuba
    pretoria:south_africa nairobi:kenya addis_ababa:ethiopia abuja:nigeria
    beirut:lebanon amman:jordan sanaa:yemen manila:philippines jakarta:indonesia
    hanoi:vietnam bangkok:thailand taipei:taiwan astana:kazakhstan tashkent:uzbekistan
    """
)
_PLACES = (
    frozenset(_COUNTRY_DEMONYM)
    | frozenset(_CAPITALS)
    | frozenset(
        """geneva;new york;los angeles;chicago;san francisco;boston;miami;houston;
        st petersburg;st. petersburg;saint petersburg;odesa;odessa;kharkiv;lviv;mariupol;
        donetsk;luhansk;crimea;donbas;donbass;zaporizhzhia;kherson;bakhmut;gaza;west bank;
        rafah;aleppo;idlib;europe;asia;africa;middle east;latin america;north america;
        south america;arctic;antarctica;balkans;caucasus;scandinavia;sahel;hong kong;macau;
        tibet;xinjiang;kashmir;punjab;california;texas;florida;new york state;washington dc;
        washington d.c.;silicon valley;oceania;eurasia;siberia;kaliningrad;transnistria;
        abkhazia;chechnya;dagestan;belgorod;kursk;brussels;strasbourg;luxembourg;frankfurt;
        munich;hamburg;milan;barcelona;manchester;edinburgh;glasgow;istanbul;dubai;
        abu dhabi;mumbai;shanghai;shenzhen;wuhan;sydney;melbourne;toronto;montreal;
        vancouver;sao paulo;rio de janeiro;lagos;johannesburg;cape town;davos;the hague;
        persian gulf;red sea;black sea;baltic sea;mediterranean;atlantic;pacific;
        south china sea;taiwan strait;strait of hormuz;english channel;danube;amazon""".replace(
            "\n", " "
        )
        .replace(" ;", ";")
        .replace("; ", ";")
        .split(";"),
    )
)
_PLACE_SUFFIX = _words(
    """sea ocean river lake mountains mountain street square avenue road boulevard province
    region oblast county district city island islands bay gulf valley strait peninsula
    airport station bridge park stadium arena cathedral hotel desert plain plateau coast
    border canal harbour harbor port ridge hill hills heights field fields mine forest falls
    springs beach quarter estate creek reservoir dam""",
)
_PLACE_PREFIX = _words("port mount lake cape fort gulf bay strait sea isle")
_EVENT_WORDS = _words(
    """war summit games cup olympics championship championships festival act bill treaty
    agreement accord accords day week revolution crisis declaration award awards prize
    election elections referendum protocol charter pact doctrine plan report index""",
)
_ROLE_HEADS = _words(
    """president vice-president premier minister secretary envoy ambassador spokesperson
    spokesman spokeswoman dictator leader chief ceo cfo coo cto chairman chairwoman
    chairperson chair director governor mayor senator congressman congresswoman
    representative lawmaker legislator mp mep general commander colonel admiral lieutenant
    captain sergeant officer official adviser advisor analyst prisoner activist dissident
    lawyer attorney prosecutor judge chancellor king queen prince princess emperor pope
    cardinal bishop archbishop imam rabbi sheikh emir sultan monarch economist researcher
    professor scientist doctor physician head founder co-founder executive manager coach
    striker midfielder defender goalkeeper player agent negotiator diplomat journalist
    reporter correspondent editor columnist commissioner inspector auditor treasurer deputy
    candidate nominee speaker whip councillor councilor alderman sheriff superintendent
    trustee banker investor billionaire businessman businesswoman entrepreneur owner consul
    rapporteur expert specialist engineer pilot witness strategist pollster historian
    author writer commentator cleric mufti ayatollah tsar czar magnate tycoon oligarch
    defendant plaintiff suspect detainee hostage member delegate emissary mediator monitor
    observer administrator dean rector warden marshal aide assistant campaigner organiser
    organizer scholar partner vice deputy-director secretary-general chief-executive
    attaché attache ombudsman regulator-general premier-elect president-elect runner athlete
    cyclist swimmer boxer sprinter champion footballer cricketer golfer driver skier
    governor-general field-marshal major-general lieutenant-general brigadier""",
)
_HONORIFICS = _words(
    "mr mrs ms miss dr prof sir lord lady dame mx mme mlle herr mr. mrs. ms. dr. prof."
)
_ROLE_MODIFIERS = _words(
    """former ex deputy acting senior top chief special foreign interior defence defense
    finance health justice prime vice opposition political jailed imprisoned exiled detained
    veteran longtime long-time outgoing incoming interim assistant associate lead principal
    general executive press military security intelligence energy trade economy economic
    environment environmental labour labor education transport agriculture culture climate
    independent prominent leading influential controversial embattled disgraced newly
    elected appointed national regional local federal state city county party union company
    club bank government ministry country campaign team human rights civil society ruling
    junior world global international managing operating financial technical legal medical
    scientific public communications policy research investigative self-exiled
    self-proclaimed authoritarian presidential parliamentary commission council committee
    agency board group foundation central election border police army navy air force
    coast guard tax customs housing water digital data cyber privacy competition consumer
    antitrust anti-corruption corruption ethics safety quality sales marketing investment
    fund asset hedge equity pension insurance oil gas mining tech technology media news
    television tv radio newspaper sports football soccer basketball tennis olympic
    development aid humanitarian refugee migration immigration science space nuclear
    arms weapons peace transition reform veterans affairs homeland chief-of-staff staff
    of for the and to at""",
)
# Lower-case nouns that make a capitalised run an organisation when they precede it
# ("advocacy group Safe Medicines Now") and the kind they imply.
_ORG_CUES = _pairs(
    """
    group:organisation association:organisation company:organisation firm:organisation
    charity:organisation campaign:organisation organisation:organisation
    organization:organisation movement:organisation party:organisation
    union:organisation coalition:organisation network:organisation alliance:organisation
    watchdog:organisation operator:organisation manufacturer:organisation
    maker:organisation retailer:organisation airline:organisation carrier:organisation
    giant:organisation conglomerate:organisation lender:organisation
    insurer:organisation startup:organisation start-up:organisation club:organisation
    team:organisation ngo:organisation nonprofit:organisation non-profit:organisation
    institute:organisation lobby:organisation tank:organisation bank:organisation
    developer:organisation contractor:organisation supplier:organisation
    producer:organisation provider:organisation platform:organisation
    regulator:government ministry:government agency:organisation newspaper:media
    daily:media broadcaster:media outlet:media magazine:media tabloid:media
    website:media channel:media paper:media weekly:media journal:media
    """
)
# Lower-case nouns that, after a capitalised word or demonym, name an actor:
# "the Belarusian government", "the Chinese embassy", "the Saudi-led coalition".
_GROUP_NOUNS = _pairs(
    """
    government:government administration:government embassy:government
    consulate:government ministry:government cabinet:government parliament:government
    presidency:government authorities:government regime:government junta:government
    coalition:organisation movement:organisation militia:organisation
    rebels:organisation opposition:organisation
    """
)
_ORG_WORDS = {
    **dict.fromkeys(
        """inc ltd llc plc corp corporation company co group holdings industries
        technologies technology systems solutions pharmaceuticals pharma labs laboratories
        energy oil gas telecom telecoms communications airlines airways motors bank capital
        partners ventures investments insurance foods logistics shipping mining steel
        union association federation confederation institute institution university college
        school academy foundation fund trust society league club alliance coalition front
        movement network organisation organization council commission committee board
        bureau agency authority service services programme program party watch
        international center centre forum initiative project campaign court tribunal army
        navy forces guard brigade battalion regiment militia hospital clinic church
        cooperative co-operative exchange brands media entertainment studios records
        enterprises consortium syndicate chamber resources minerals metals chemicals electric
        power utilities construction engineering automotive aerospace analytics software
        networks securities financial retail stores markets properties realty farms
        beverages healthcare biotech therapeutics biosciences robotics dynamics
        semiconductors electronics petroleum lines railways automobiles pictures publishing
        consulting advisors associates management bancorp credit payments unit research
        division directorate secretariat inspectorate observatory laboratory tribunal
        caucus""".split(),
        "organisation",
    ),
    **dict.fromkeys(
        """ministry department government embassy consulate presidency kremlin pentagon
        treasury parliament senate congress cabinet duma knesset bundestag rada
        administration police""".split(),
        "government",
    ),
    **dict.fromkeys(
        """times post news journal herald gazette tribune telegraph guardian courier
        chronicle observer daily express mirror independent mail radio tv television
        broadcasting broadcast press magazine weekly wire""".split(),
        "media",
    ),
}
_GOV_PREFIX = _words("national federal state central royal presidential supreme constitutional")
_LOCAL_GOV = _words("city county town district borough municipal parish regional provincial")
_KNOWN_ORGS = _pairs(
    """
    huawei:organisation google:organisation apple:organisation microsoft:organisation
    amazon:organisation meta:organisation facebook:organisation twitter:organisation
    tesla:organisation gazprom:organisation rosneft:organisation boeing:organisation
    airbus:organisation nato:organisation un:organisation eu:organisation
    opec:organisation who:organisation imf:organisation wto:organisation
    unicef:organisation unhcr:organisation icrc:organisation osce:organisation
    oecd:organisation asean:organisation interpol:organisation europol:organisation
    greenpeace:organisation oxfam:organisation amnesty:organisation hamas:organisation
    hezbollah:organisation taliban:organisation wagner:organisation houthis:organisation
    isis:organisation openai:organisation nvidia:organisation samsung:organisation
    sony:organisation toyota:organisation volkswagen:organisation shell:organisation
    bp:organisation exxonmobil:organisation chevron:organisation pfizer:organisation
    moderna:organisation astrazeneca:organisation bayer:organisation
    siemens:organisation spacex:organisation tiktok:organisation bytedance:organisation
    alibaba:organisation tencent:organisation uber:organisation netflix:organisation
    disney:organisation intel:organisation ibm:organisation oracle:organisation
    nokia:organisation ericsson:organisation rosatom:organisation lukoil:organisation
    sberbank:organisation aeroflot:organisation wfp:organisation
    united_nations:organisation european_union:organisation world_bank:organisation
    world_health_organization:organisation red_cross:organisation
    human_rights_watch:organisation amnesty_international:organisation
    european_commission:organisation kremlin:government white_house:government
    pentagon:government state_department:government downing_street:government
    elysee:government élysée:government reuters:media ap:media afp:media bbc:media
    cnn:media bloomberg:media tass:media interfax:media xinhua:media politico:media
    axios:media npr:media pbs:media euronews:media dw:media rt:media sputnik:media
    belta:media yonhap:media kyodo:media ansa:media efe:media anadolu:media cctv:media
    haaretz:media nexta:media meduza:media al_jazeera:media guardian:media
    the_guardian:media al_arabiya:media associated_press:media
    agence_france-presse:media ria_novosti:media fox_news:media sky_news:media
    financial_times:media the_economist:media le_monde:media der_spiegel:media
    el_país:media kyiv_independent:media novaya_gazeta:media global_times:media
    deutsche_welle:media france_24:media
    """
)
_NOT_ACTOR_ACRONYMS = _words(
    """us usa uk uae ceo cfo coo cto mp mps mep gdp ai tv covid ngo pm am utc gmt id it pr hq
    ok dna hiv aids lng dc ny la ii iii iv vi vii viii ix xi xii xx bc ad cv pdf usd eur
    gbp kg km mph vip faq diy tbc rip asap vat ipo esg r&d""",
)
# Plural-noun subjects that are not named actors ("Officials said", "Prosecutors allege").
_TITLE_PERSON = _ROLE_HEADS | _words("source sources spokespeople officials aides people")
_TITLE_ORG = _words(
    """company firm group ministry department agency government commission council union
    party club bank newspaper paper broadcaster organisation organization regulator watchdog
    alliance coalition movement embassy court committee authority authorities operator
    administration kremlin team office campaign charity association federation network
    airline manufacturer lender insurer board bureau parliament cabinet junta regime
    presidency prosecutors prosecution police army military institute foundation unit
    laboratory lab tribunal division directorate secretariat inspectorate university college
    fund trust society league hospital school academy navy""",
)
_BUSINESS = _words(
    """company firm operator manufacturer maker retailer airline carrier lender insurer
    developer contractor supplier producer provider platform giant conglomerate startup
    start-up group""",
)
_PRONOUNS = {
    "he": "m",
    "she": "f",
    "they": "p",
    "it": "n",
    "we": "w",
    "i": "w",
}

# Attribution verbs: form -> lemma.
_REPORT_LEMMAS = _lemmas(
    """
    say: say says said saying
    state: state states stated stating
    claim: claim claims claimed claiming
    tell: tell tells told telling
    allege: allege alleges alleged alleging
    insist: insist insists insisted insisting
    warn: warn warns warned warning
    describe: describe describes described describing
    tweet: tweet tweets tweeted tweeting
    announce: announce announces announced announcing
    add: add adds added adding
    argue: argue argues argued arguing
    assert: assert asserts asserted asserting
    maintain: maintain maintains maintained maintaining
    accuse: accuse accuses accused accusing
    suggest: suggest suggests suggested suggesting
    note: note notes noted noting
    explain: explain explains explained explaining
    write: write writes wrote writing
    report: report reports reported reporting
    confirm: confirm confirms confirmed confirming
    acknowledge: acknowledge acknowledges acknowledged acknowledging
    admit: admit admits admitted admitting
    declare: declare declares declared declaring
    reiterate: reiterate reiterates reiterated reiterating
    stress: stress stresses stressed stressing
    emphasise: emphasise emphasises emphasised emphasising
    emphasize: emphasize emphasizes emphasized emphasizing
    urge: urge urges urged urging
    ask: ask asks asked asking
    predict: predict predicts predicted predicting
    promise: promise promises promised promising
    pledge: pledge pledges pledged pledging
    vow: vow vows vowed vowing
    clarify: clarify clarifies clarified clarifying
    respond: respond responds responded responding
    reply: reply replies replied replying
    estimate: estimate estimates estimated estimating
    express: express expresses expressed expressing
    post: posted
    believe: believe believes believed
    complain: complain complains complained complaining
    contend: contend contends contended contending
    charge: charged
    reveal: reveal reveals revealed revealing
    disclose: disclose discloses disclosed disclosing
    concede: concede concedes conceded conceding
    demand: demand demands demanded demanding
    propose: propose proposes proposed proposing
    threaten: threaten threatens threatened threatening
    signal: signal signals signalled signaled signalling signaling
    caution: caution cautions cautioned cautioning
    blame: blame blames blamed blaming
    rule: ruled
    call: call calls called calling
    write_: writes
    continue: continued
    recall: recalled
    brand: brand brands branded branding
    label: labelled labeled
    dub: dubbed
    hail: hailed
    welcome: welcomed
    """
)
_DENY_LEMMAS = _lemmas(
    """
    deny: deny denies denied denying
    refute: refute refutes refuted refuting
    reject: reject rejects rejected rejecting
    dismiss: dismiss dismisses dismissed dismissing
    rubbish: rubbish rubbishes rubbished rubbishing
    counter: counter counters countered countering
    rebut: rebut rebuts rebutted rebutting
    rebuff: rebuff rebuffs rebuffed rebuffing
    contradict: contradict contradicts contradicted contradicting
    dispute: dispute disputes disputed disputing
    debunk: debunk debunks debunked debunking
    """
)
_VERB_FORMS: dict[str, tuple[str, bool]] = {}  # filled below
for _lemma, _forms in _REPORT_LEMMAS.items():
    for _f in _forms.split():
        _VERB_FORMS[_f] = (_lemma.rstrip("_"), False)
for _lemma, _forms in _DENY_LEMMAS.items():
    for _f in _forms.split():
        _VERB_FORMS[_f] = (_lemma, True)
_ANCHOR_WORDS = frozenset(_VERB_FORMS) | {"according"}
_ASCII_WORD_RE = re.compile(r"[a-z]+")
# Verbs that may follow their quote: "...," said Lopez / "...," said the minister.
_INVERTIBLE = _words(
    """said says added asked wrote insisted argued explained continued warned claimed stated
    noted replied tweeted told declared stressed recalled conceded countered""",
)
# Verbs whose claim reads better with the verb kept: "urged both sides to return to talks".
_KEEP_VERB = _words(
    """call urge accuse express pledge promise vow demand propose threaten describe brand
    label dub hail welcome predict estimate caution blame""",
)
_DESCRIBE = _words("describe call brand label dub term hail")
_AUX = _words(
    """has have had also later then again previously repeatedly publicly reportedly further
    separately earlier recently once first already now today yesterday tonight since
    meanwhile subsequently initially immediately quickly swiftly flatly firmly strongly
    categorically angrily sharply openly privately officially formally vehemently
    emphatically on friday monday tuesday wednesday thursday saturday sunday will would
    could might may must shall should did does do not never just has""",
)
_CONJ = _words("and but or then while whereas yet so")
_AUDIENCE = _words(
    """reporters journalists supporters lawmakers parliament the press media a audience
    an crowd jury court judge viewers listeners readers delegates members congress senate
    committee interviewer investors analysts students staff employees workers colleagues
    officials diplomats residents voters followers protesters conference""",
)
_CLAIM_NOUNS = _words(
    """claim claims allegation allegations accusation accusations report reports remarks
    remark comments comment statement statements story stories findings assertion assertions
    criticism charges charge suggestion suggestions rumours rumors speculation account
    accounts comparison version narrative figures data assessment characterisation
    characterization reporting interpretation""",
)
_DENIAL_ADJ = _words(
    """false baseless absurd untrue nonsense lies lie fabricated fabrication ridiculous
    groundless unfounded misleading fake provocation propaganda slander smear malicious
    inaccurate incorrect wrong alarmist defamatory libellous libelous fiction fantasy
    disinformation misinformation hoax laughable preposterous outrageous distortion
    distorted misrepresentation exaggerated""",
)
_STRONG_DENIAL_RE = re.compile(
    r"\b(?:(?:is|are|was|were|be|been)\s+(?:completely\s+|totally\s+|simply\s+|utterly\s+|"
    r"entirely\s+|absolutely\s+)?(?:false|untrue|baseless|absurd|nonsense|fabricated|lies|a lie|"
    r"groundless|unfounded|fake|not true|wrong)|not true|no truth|no basis|misinterpreted|"
    r"misrepresented|taken out of context|never happened|fake news|categorically|"
    r"no (?:indication|evidence|sign|proof)(?: whatsoever)?[\"“”‘’']? (?:of|that))\b",
    re.IGNORECASE,
)
_STOP = _COMMON | _words(
    """said says say told tell claim claims claimed stated added would could also year years
    week weeks month months day days time mr ms mrs new will been being made make including
    there one per cent percent million billion""",
)


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------


def read_article(path: str | os.PathLike[str]) -> tuple[str, list[str]]:
    """Read an article file as text and return ``(text, warnings)``.

    UTF-8 (with or without BOM; UTF-16/32 with a BOM too). Undecodable bytes are replaced and
    counted in the warnings. Binary files, folders, missing and unreadable files raise
    :class:`IngestError` naming the path. Large files are read whole.
    """
    try:
        name = os.fspath(path)
    except TypeError as exc:
        raise IngestError(f"Not a file path: {path!r}. Give the path of a text file.") from exc
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise IngestError(
            f"No file at {name}: check the path, or paste the article text instead.", path=name
        ) from exc
    except IsADirectoryError as exc:
        raise IngestError(
            f"{name} is a folder, not a file: choose a text file.", path=name
        ) from exc
    except PermissionError as exc:
        raise IngestError(
            f"Cannot read {name}: permission denied. Check the file's permissions.", path=name
        ) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise IngestError(f"Cannot read {name}: {reason}.", path=name) from exc
    return _decode(data, name)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_BAD_BYTE_RE = re.compile("[\udc80-\udcff]")
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    if not data.strip():
        raise IngestError(
            f"{name} is empty: choose a file with the article's text in it.", path=name
        )
    warnings: list[str] = []
    encoding = "utf-8"
    for bom, enc in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], enc
            break
    if encoding == "utf-8" and b"\x00" in data[:65_536]:
        raise IngestError(
            f"{name} looks like a binary file (it contains NUL bytes), not text: "
            "save the article as plain text (.txt) and try again.",
            path=name,
        )
    # surrogateescape keeps one marker per undecodable byte, so they can be counted exactly.
    text = data.decode(encoding, "surrogateescape")
    bad = len(_BAD_BYTE_RE.findall(text))
    controls = len(_CONTROL_RE.findall(text, 0, 65_536))
    sample = min(len(text), 65_536) or 1
    if (bad + controls) > 0.3 * min(len(text), max(sample, bad + controls)):
        raise IngestError(
            f"{name} does not look like text (most of it is binary data): "
            "save the article as plain text (.txt) and try again.",
            path=name,
        )
    if bad:
        text = _BAD_BYTE_RE.sub("\ufffd", text)
        plural = "byte was" if bad == 1 else "bytes were"
        warnings.append(
            f"The file was not valid UTF-8; {bad} {plural} replaced. "
            "Check names with accents in the suggestions."
        )
    return text, warnings


# --------------------------------------------------------------------------------------------
# Text preparation
# --------------------------------------------------------------------------------------------

# Same-length map for the working copy: offsets in it are offsets in the cleaned text.
# "‘" becomes "`" so an opening single quote stays distinguishable from an apostrophe.
_WORK_MAP = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "‘": "`",
        "‚": "`",
        "’": "'",
        "‛": "'",
        "′": "'",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\t": " ",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
    }
)
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NEWLINES_RE = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]")
_CONTROLS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES_RE.sub("\n", text)
    text = _ZERO_WIDTH_RE.sub("", text)
    # Control characters are never part of an article; a space keeps words apart.
    return _CONTROLS_RE.sub(" ", text)


def _paragraph_spans(work: str) -> list[tuple[int, int]]:
    """Paragraphs: blocks between blank lines, or single lines when there are no blank lines
    (many pasted articles put one paragraph per line)."""
    spans: list[tuple[int, int]] = []
    if re.search(r"\n[ ]*\n", work):
        pattern = re.compile(r"(?:[^\n]|\n(?![ ]*\n))+")
    else:
        pattern = re.compile(r"[^\n]+")
    for m in pattern.finditer(work):
        s, e = m.span()
        while s < e and work[s] in " \n":
            s += 1
        while e > s and work[e - 1] in " \n":
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


# --------------------------------------------------------------------------------------------
# Quotes and sentences
# --------------------------------------------------------------------------------------------

_DQ_RE = re.compile('"')
_SQ_OPEN_RE = re.compile(r"`|(?:(?<=^)|(?<=[\s(\[\-:]))'(?=[^\W\d_])")
_SQ_CLOSE_RE = re.compile(r"(?<=[.,!?;:])'|'(?=[\s,.;:!?)\]]|$)")


def _quote_spans(para: str) -> list[tuple[int, int]]:
    """(start, end) of quoted passages, quote marks included, in paragraph coordinates."""
    spans: list[tuple[int, int]] = []
    opened = -1
    for m in _DQ_RE.finditer(para):
        if opened < 0:
            opened = m.start()
        else:
            spans.append((opened, m.end()))
            opened = -1
    if opened >= 0:
        # An unclosed quote runs to the paragraph end (the news convention for quotes that
        # continue into the next paragraph).
        spans.append((opened, len(para)))
    if "`" in para or "'" in para:
        spans.extend(_single_quote_spans(para, spans))
        spans.sort()
    return spans


def _single_quote_spans(para: str, doubles: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    n = len(para)
    while pos < n:
        m = _SQ_OPEN_RE.search(para, pos)
        if m is None:
            break
        start = m.start()
        k = bisect.bisect_right(doubles, (start, len(para) + 1)) - 1
        if k >= 0 and doubles[k][0] <= start < doubles[k][1]:
            pos = start + 1
            continue
        c = _SQ_CLOSE_RE.search(para, start + 2)
        # A closing mark must come after some words and before the paragraph runs away.
        if c is None or c.start() - start > 800 or " " not in para[start : c.start()]:
            pos = start + 1
            continue
        out.append((start, c.end()))
        pos = c.end()
    return out


_ABBREV = _words(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm rev hon st jr sr no vs
    jan feb mar apr jun jul aug sep sept oct nov dec corp ltd co inc mt ft approx dept est
    fig al maj brig gov pres supt insp det cpl pvt messrs mme mlle""",
)
_SUBJECT_WORDS_RE = re.compile(r"[\w'-]+|[,\"]")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_SENT_END_RE = re.compile(r"[.!?…]+[\"'`)\]]*(?=\s)")
_STARTERS = _COMMON | _words("the a an he she it they we i this that in on at but however")


def _sentence_spans(para: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans in paragraph coordinates."""
    bounds: list[int] = []
    qi = 0
    for m in _SENT_END_RE.finditer(para):
        end = m.end()
        # Inside a quote (not at its closing mark): the quote's sentences belong together.
        while qi < len(quotes) and quotes[qi][1] < end:
            qi += 1
        if (
            qi < len(quotes)
            and quotes[qi][0] < m.start() < end < quotes[qi][1]
            and quotes[qi][1] - quotes[qi][0] < 1200
        ):
            continue
        nxt = end
        while nxt < len(para) and para[nxt] == " ":
            nxt += 1
        if nxt >= len(para):
            continue
        ch = para[nxt]
        if not (ch.isupper() or ch.isdigit() or ch in "\"'`(["):
            continue
        if para[m.start()] == ".":
            word_m = _WORD_BEFORE_RE.search(para, max(0, m.start() - 20), m.start())
            word = word_m.group(1) if word_m else ""
            low = word.lower()
            if low in _ABBREV or (len(word) == 1 and word.isupper()):
                continue
            if "." in word and len(word) <= 6:
                # "U.S." ends a sentence only when the next word usually starts one.
                nxt_word = re.match(r"\w+", para[nxt:])
                if not nxt_word or nxt_word.group(0).lower() not in _STARTERS:
                    continue
        bounds.append(end)
    spans: list[tuple[int, int]] = []
    start = 0
    for b in [*bounds, len(para)]:
        s, e = start, b
        while s < e and para[s] == " ":
            s += 1
        while e > s and para[e - 1] == " ":
            e -= 1
        # Overlong "sentences" (lists, tables, unpunctuated text) are cut at spaces.
        while e - s > _SENTENCE_MAX:
            cut = para.rfind(" ", s, s + _SENTENCE_MAX)
            if cut <= s:
                cut = s + _SENTENCE_MAX
            spans.append((s, cut))
            s = cut
            while s < e and para[s] == " ":
                s += 1
        if e > s:
            spans.append((s, e))
        start = b
    return spans


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DATE_RE = re.compile(
    rf"\b(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b"
    rf"|\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\b\.?"
    rf"(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<m2>{_MONTH_RE})\b\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*%|[.,]\d)"
    rf"(?:,?\s+(?P<y2>\d{{4}})\b)?"
    rf"|\b(?P<rel>yesterday|today|tonight|this\s+morning|this\s+afternoon|this\s+evening|"
    rf"last\s+night)\b"
    rf"|\b(?P<wd>{_WEEKDAY_RE})\b",
    re.IGNORECASE,
)


_CUE_AFTER_RE = re.compile(
    r" (party|newspaper|daily|broadcaster|magazine|channel|website|tabloid|weekly|group|"
    r"charity|company|firm|club|foundation|union|network)\b"
)
_SUBORDINATE_RE = re.compile(
    r"(?:as|while|after|because|since|when|amid|following|before|although|though|despite)\b",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(r"(?:By|BY|From)\s+[^.!?\"]{2,80}$")
_DATE_HINT_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|day|night|morning|evening|noon"
    r"|\d{4}-\d)",
    re.IGNORECASE,
)


def _resolve_date(m: re.Match[str], published: dt.date | None) -> str | None:
    try:
        if m.group("iso"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id"))).isoformat()
        month_word = m.group("m1") or m.group("m2")
        if month_word:
            month = _MONTHS[month_word.lower()]
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
            back = (published.weekday() - _WEEKDAYS[wd.lower()]) % 7
            return (published - dt.timedelta(days=back)).isoformat()
    except (ValueError, OverflowError, KeyError):
        return None
    return None


def _sentence_date(text: str, published: dt.date | None) -> tuple[str | None, bool]:
    """(ISO date, whether the sentence mentions a date at all) for the first date that resolves."""
    mentioned = False
    for m in _DATE_RE.finditer(text):
        mentioned = True
        found = _resolve_date(m, published)
        if found:
            return found, True
    return None, mentioned


# --------------------------------------------------------------------------------------------
# Capitalised runs
# --------------------------------------------------------------------------------------------


def _char_class(pred: Callable[[str], bool]) -> str:
    ranges: list[str] = []
    start = prev = -2
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if pred(chr(cp)):
            if cp != prev + 1:
                if start >= 0:
                    ranges.append((start, prev))  # type: ignore[arg-type]
                start = cp
            prev = cp
    if start >= 0:
        ranges.append((start, prev))  # type: ignore[arg-type]
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges  # type: ignore[misc]
    )


_UP = _char_class(lambda c: c.isupper() or c.istitle())
_TITLE_ABBREV = (
    "Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Rev|Hon|Adm|Cmdr|Maj|Brig|Supt|Insp|Det"
)
# One word of a name: "U.S.", "Dr.", "O'Brien", "Co-operation", "al-Ansari", an initial "J.".
_TOK = (
    rf"(?:(?:{_TITLE_ABBREV})\.(?=[ ][{_UP}])"
    rf"|[{_UP}]\.(?:[{_UP}]\.)+"
    rf"|[{_UP}]\.(?=[ ][{_UP}])"
    rf"|(?:[OD]'|Mc|Mac)?[{_UP}][^\W_]*(?:-[^\W_]+)*(?:'(?![sS]\b)[^\W_]+)?"
    rf"|(?:al|el|ad|as|ash|ibn|bin|de|di|da|van|von|du|le|la)-[{_UP}][^\W_]*)"
)
_CONN = r"(?:of|for|and|&|in|on|de|da|del|der|den|van|von|al|bin|ibn|el|la|le|du|dos|das|di|y|the)"
# The leading look-ahead lets the engine skip lower-case text quickly (4x faster on prose).
_RUN_RE = re.compile(rf"(?=[{_UP}]){_TOK}(?:[ ]+(?:{_CONN}[ ]+){{0,3}}{_TOK})*")
_NAME_OR_ANCHOR_RE = re.compile(f"[{_UP}]")  # any capital letter
_PART_RE = re.compile(rf"{_TOK}|{_CONN}(?=[ ])|&")
_PARTICLES = _words("de da del der den van von al bin ibn el la le du dos das di y")
_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:['\-]\w+)*|\S")


def _base(word: str) -> str:
    low = word.lower()
    if low.endswith("'s"):
        return low[:-2]
    return low


def _is_acronym(tok: str) -> bool:
    letters = tok.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _initials(name: str) -> str:
    skip = _words("of for and the & in on de la le")
    return "".join(w[0] for w in name.split() if w.lower() not in skip and w[:1].isalpha()).upper()


@functools.lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    for suf in ("ies", "ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)] + ("y" if suf == "ies" else "")
            break
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


def _content_stems(text: str) -> frozenset[str]:
    return frozenset(
        _stem(w)
        for w in re.findall(r"[^\W\d_][\w'-]*", text)
        if w.lower() not in _STOP and len(w) > 2
    )


@functools.lru_cache(maxsize=65_536)
def _norm_name(text: str) -> str:
    text = text.translate(_WORK_MAP).replace("`", "'")
    return " ".join(text.split())


@functools.lru_cache(maxsize=65_536)
def _key_of(name: str) -> str:
    n = _norm_name(name).casefold()
    if n.startswith("the "):
        n = n[4:]
    return n


# --------------------------------------------------------------------------------------------
# Working structures
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Actor:
    uid: int
    name: str
    kind: str
    role: str = ""
    affiliation: str = ""
    aliases: list[str] = field(default_factory=list)
    evidence: str = ""
    existing_id: int | None = None
    gender: str = ""
    cue: str = ""
    pos: int = 0
    merged_into: int | None = None


@dataclass(slots=True)
class _Mention:
    s: int  # name start (sentence coordinates)
    e: int  # name end
    ext: int  # start including the role or descriptor before the name
    uid: int | None  # actor, or None for a place
    country: str | None = None
    poss: bool = False


@dataclass(slots=True)
class _Claim:
    uid: int  # speaker
    text: str
    evidence: str
    sent_idx: int
    pos: int
    said_on: str | None
    quote: bool
    denial: bool = False
    strong: bool = False  # denial found in the words of a report, not in a denial verb
    named: frozenset[int] = frozenset()  # actors mentioned in the sentence
    in_text: frozenset[int] = frozenset()  # actors mentioned inside the claim itself
    stems: frozenset[str] = frozenset()
    frame: int | None = None


@dataclass(slots=True)
class _Anchor:
    i: int  # token index of the verb (or of "according")
    j: int  # token index after the anchor words
    lemma: str
    deny: bool
    according: bool = False
    speaker: int | None = None
    elided: bool = False
    a0: int = 0  # attribution span (sentence coordinates)
    a1: int = 0
    participle: bool = False
    claim_end: int = -1  # where this anchor's claim ended (sentence coordinates)


class _Sentence:
    __slots__ = (
        "_low",
        "_toks",
        "attributes",
        "date",
        "date_done",
        "date_mentioned",
        "end",
        "idx",
        "mentions",
        "para",
        "prev",
        "quotes",
        "start",
        "text",
    )

    def __init__(self, text: str, start: int, idx: int, para: int) -> None:
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.idx = idx
        self.para = para
        self._toks: list[tuple[int, int]] | None = None
        self._low: list[str] = []
        self.mentions: list[_Mention] = []
        self.quotes: list[tuple[int, int]] = []
        self.attributes = True  # may contain an attribution word
        self.date: str | None = None
        self.date_done = False
        self.date_mentioned = False
        self.prev: _Sentence | None = None

    @property
    def toks(self) -> list[tuple[int, int]]:
        """Word and punctuation spans, computed on first use (most sentences never need them)."""
        if self._toks is None:
            self._toks = [m.span() for m in _TOKEN_RE.finditer(self.text)]
            self._low = [self.text[s:e].lower() for s, e in self._toks]
        return self._toks

    @property
    def low(self) -> list[str]:
        if self._toks is None:
            _ = self.toks
        return self._low

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.toks, (pos, -1))

    def in_quote(self, pos: int) -> bool:
        return any(s < pos < e - 1 for s, e in self.quotes)

    def mention_ending(self, tok_index: int) -> _Mention | None:
        if tok_index < 0:
            return None
        s, e = self.toks[tok_index]
        for m in self.mentions:
            if m.s <= s and e <= m.e + 2:
                return m
        return None

    def mention_starting(self, tok_index: int) -> _Mention | None:
        if tok_index >= len(self.toks):
            return None
        s = self.toks[tok_index][0]
        for m in self.mentions:
            if m.s == s or m.ext == s:
                return m
        return None


# --------------------------------------------------------------------------------------------
# The extractor
# --------------------------------------------------------------------------------------------


class _Extractor:
    def __init__(
        self,
        text: str,
        known: list[Any],
        published: dt.date | None,
        progress: Callable[[float], None] | None,
    ) -> None:
        self.clean = text
        self.work = text.translate(_WORK_MAP)
        self.published = published
        self.progress = progress
        self.actors: list[_Actor] = []
        self.alias: dict[str, int] = {}  # lower-case name or alias -> actor uid
        self.surnames: dict[str, list[int]] = {}
        self.recent: list[int] = []  # actor uids, most recent last (bounded)
        self.claims: list[_Claim] = []
        self.recent_country: str | None = None
        self.salient_people: list[tuple[int, int]] = []  # (sentence idx, uid)
        self.salient_orgs: list[tuple[int, int]] = []
        self.known: dict[str, Any] = {}
        self.known_surname: dict[str, list[Any]] = {}
        for k in known:
            self._add_known(k)
        # Words seen in lower case: a capitalised sentence opener that also occurs in lower
        # case ("Following", "Environmental") is an ordinary word, not a name.
        self.lower_words = frozenset(re.findall(r"\b[a-z][a-z'-]+\b", self.work))
        self.sent_idx = 0
        self.current: _Sentence | None = None
        self.last_quote: tuple[int, int] | None = None  # (sentence idx, speaker) of a quote
        # Claims whose speaker is introduced later: "A security researcher says ..."
        self.pending: list[tuple[_Sentence, _Anchor, list[_Anchor], str]] = []

    # ---- known actors ------------------------------------------------------------------

    def _add_known(self, k: Any) -> None:
        name = _attr(k, "name", "")
        if not isinstance(name, str) or not name.strip():
            return
        keys = [name, *[a for a in (_attr(k, "aliases", []) or []) if isinstance(a, str)]]
        for alias in keys:
            key = _key_of(alias)
            if key:
                self.known.setdefault(key, k)
        if (_attr(k, "kind", "") or "") == "person":
            parts = _norm_name(name).split()
            if len(parts) >= 2:
                self.known_surname.setdefault(parts[-1].casefold(), []).append(k)

    # ---- registry ----------------------------------------------------------------------

    def _touch(self, uid: int) -> None:
        uid = self._live(uid)
        if self.recent and self.recent[-1] == uid:
            return
        with contextlib.suppress(ValueError):
            self.recent.remove(uid)
        self.recent.append(uid)
        if len(self.recent) > 60:
            del self.recent[0]

    def _live(self, uid: int) -> int:
        while self.actors[uid].merged_into is not None:
            uid = self.actors[uid].merged_into  # type: ignore[assignment]
        return uid

    def _lookup(self, name: str) -> int | None:
        key = _key_of(name)
        uid = self.alias.get(key)
        return None if uid is None else self._live(uid)

    def _register_alias(self, uid: int, alias: str) -> None:
        key = _key_of(alias)
        if not key:
            return
        self.alias.setdefault(key, uid)
        actor = self.actors[uid]
        clean = _norm_name(alias)
        if clean and clean.casefold() != actor.name.casefold() and clean not in actor.aliases:
            actor.aliases.append(clean)

    def _new_actor(self, name: str, kind: str, pos: int, evidence: str, role: str = "") -> int:
        name = _norm_name(name)[:_NAME_MAX]
        known = self.known.get(_key_of(name))
        uid = len(self.actors)
        actor = _Actor(uid=uid, name=name, kind=kind, role=role[:_SHORT_MAX], pos=pos)
        # Evidence in the analyst's own characters, from the sentence being read.
        actor.evidence = self._evidence(self.current) if self.current is not None else evidence
        self.actors.append(actor)
        self.alias[_key_of(name)] = uid
        if kind == "person":
            parts = name.split()
            if len(parts) >= 2:
                sur = parts[-1].casefold()
                if sur in ("jr", "jr.", "sr", "sr.", "ii", "iii") and len(parts) >= 3:
                    sur = parts[-2].casefold()
                self.surnames.setdefault(sur, []).append(uid)
        elif kind in ("organisation", "government", "media"):
            words = name.split()
            if len(words) >= 2:
                acr = _initials(name)
                if 2 <= len(acr) <= 6:
                    self.alias.setdefault(acr.casefold(), uid)
                first = words[0]
                low = first.lower()
                if (
                    len(first) >= 4
                    and low not in _COMMON
                    and low not in _ROLE_MODIFIERS
                    and low not in _DEMONYMS
                    and low not in _PLACES
                    and low not in _ORG_WORDS
                    and low not in _GOV_PREFIX
                    and first[0].isupper()
                ):
                    self.alias.setdefault(low, uid)
            if name.lower().startswith("the "):
                self.alias.setdefault(_key_of(name[4:]), uid)
        if known is not None:
            self._apply_known(actor, known)
        return uid

    def _apply_known(self, actor: _Actor, known: Any) -> None:
        _adopt_known(actor, known)

    def _person(self, name: str, pos: int, evidence: str, role: str = "") -> int:
        """Find or create the person called ``name`` (full name or surname)."""
        parts = name.split()
        uid = self._lookup(name)
        if uid is None and len(parts) >= 2:
            # A full name whose surname was seen alone first ("Putin", later "Vladimir Putin").
            sur = parts[-1].casefold()
            prev = self._lookup(parts[-1])
            if prev is not None and self.actors[prev].kind == "person":
                actor = self.actors[prev]
                if len(actor.name.split()) == 1:
                    actor.aliases.append(actor.name)
                    actor.name = _norm_name(name)[:_NAME_MAX]
                    self.alias[_key_of(name)] = prev
                    self.surnames.setdefault(sur, []).append(prev)
                    uid = prev
        if uid is None and len(parts) == 1:
            cands = [self._live(u) for u in self.surnames.get(parts[0].casefold(), [])]
            cands = list(dict.fromkeys(cands))
            if cands:
                uid = cands[-1]
            else:
                kn = self.known_surname.get(parts[0].casefold(), [])
                if len(kn) == 1:
                    uid = self._new_actor(_attr(kn[0], "name", name), "person", pos, evidence, role)
                    self._apply_known(self.actors[uid], kn[0])
        if uid is None:
            known_list = self.known_surname.get(parts[-1].casefold(), []) if len(parts) > 1 else []
            uid = self._new_actor(name, "person", pos, evidence, role)
            if self.actors[uid].existing_id is None and len(known_list) == 1:
                kfirst = _norm_name(_attr(known_list[0], "name", "")).split()[:1]
                if kfirst and kfirst[0].casefold() == parts[0].casefold():
                    self._apply_known(self.actors[uid], known_list[0])
        actor = self.actors[uid]
        if role and not actor.role:
            actor.role = role[:_SHORT_MAX]
        if _key_of(name) != _key_of(actor.name):
            self._register_alias(uid, name)
        return uid

    def _org(self, name: str, kind: str, pos: int, evidence: str) -> int:
        uid = self._lookup(name)
        if uid is None:
            uid = self._new_actor(name, kind, pos, evidence)
        elif _key_of(name) != _key_of(self.actors[uid].name):
            self._register_alias(uid, name)
        return uid

    def _country_government(self, country: str, pos: int, evidence: str) -> int:
        demonym = _COUNTRY_DEMONYM.get(country)
        name = f"{demonym} government" if demonym else f"Government of {country.title()}"
        uid = self._lookup(name)
        if uid is None:
            uid = self._new_actor(name, "government", pos, evidence)
            self._register_alias(uid, f"government of {country.title()}")
        return uid

    # ---- main loop ---------------------------------------------------------------------

    def run(self) -> None:
        paras = _paragraph_spans(self.work)
        total = max(1, len(self.work))
        next_report = _PROGRESS_EVERY
        if self.progress:
            self.progress(0.0)
        seen_paras: set[str] = set()
        for p_idx, (ps, pe) in enumerate(paras):
            para = self.work[ps:pe].replace("\n", " ")
            if _BYLINE_RE.match(para):
                continue  # "By Jane Doe, Reuters": the writer is not an actor in the story
            if len(para) >= 80:
                # A repeated paragraph (boilerplate, a pasted-twice section) can only repeat
                # suggestions that are merged anyway.
                if para in seen_paras:
                    continue
                seen_paras.add(para)
            quotes = _quote_spans(para)
            q0 = 0
            prev: _Sentence | None = None
            for ss, se in _sentence_spans(para, quotes):
                sent = _Sentence(para[ss:se], ps + ss, self.sent_idx, p_idx)
                sent.prev = prev
                prev = sent
                self.sent_idx += 1
                # The quotes overlapping this sentence (both lists are in text order).
                while q0 < len(quotes) and quotes[q0][1] <= ss:
                    q0 += 1
                qj = q0
                while qj < len(quotes) and quotes[qj][0] < se:
                    qs, qe = quotes[qj]
                    sent.quotes.append((max(qs, ss) - ss, min(qe, se) - ss))
                    qj += 1
                self.current = sent
                # Most sentences name no one, quote no one and attribute nothing: skip them.
                sent.attributes = not _ANCHOR_WORDS.isdisjoint(
                    _ASCII_WORD_RE.findall(sent.text.lower())
                )
                if sent.quotes or sent.attributes or _NAME_OR_ANCHOR_RE.search(sent.text, 1):
                    self._mentions(sent)
                    self._attributions(sent)
                if self.pending:
                    self._resolve_pending(sent)
            if self.progress and pe >= next_report:
                next_report = pe + _PROGRESS_EVERY
                self.progress(min(0.95, pe / total))

    def _said_on(self, sent: _Sentence) -> str | None:
        """The date in the sentence, else the latest dated sentence before it in the paragraph.

        Computed only for sentences that yield a claim: the date patterns are the costliest
        regular expression here. A date the sentence mentions but that cannot be resolved
        ("yesterday" without a publication date) leaves the claim undated.
        """
        cur: _Sentence | None = sent
        steps = 0
        while cur is not None and steps < 50:
            if not cur.date_done:
                cur.date_done = True
                if _DATE_HINT_RE.search(cur.text):
                    cur.date, cur.date_mentioned = _sentence_date(cur.text, self.published)
            if cur.date:
                return cur.date
            if cur is sent and cur.date_mentioned:
                return None
            cur = cur.prev
            steps += 1
        return None

    # ---- mentions ----------------------------------------------------------------------

    def _mentions(self, sent: _Sentence) -> None:
        text = sent.text
        runs = list(_RUN_RE.finditer(text))
        if not runs:
            self._group_mentions(sent)
            return
        # Merge "Dockworkers' Union": a plural possessive glued to an organisation word.
        merged: list[tuple[int, int]] = []
        for m in runs:
            s, e = m.span()
            if merged:
                ps, pe = merged[-1]
                gap = text[pe:s]
                first = text[s:e].split(" ", 1)[0].lower()
                if gap == "' " and first in _ORG_WORDS:
                    merged[-1] = (ps, e)
                    continue
                prev_low = _key_of(text[ps:pe])
                if (
                    gap == "'s "
                    and prev_low not in _PLACES
                    and self._lookup(text[ps:pe]) is None
                    and any(_ORG_WORDS.get(w.lower()) == "organisation" for w in text[s:e].split())
                ):
                    merged[-1] = (ps, e)
                    continue
            merged.append((s, e))
        for s, e in merged:
            self._classify_run(sent, s, e)
        self._group_mentions(sent)
        sent.mentions.sort(key=lambda m: m.s)

    def _group_mentions(self, sent: _Sentence) -> None:
        """'the Belarusian government', 'the Chinese embassy', 'the Saudi-led coalition'."""
        text = sent.text
        for m in _GROUP_RE.finditer(text):
            words = m.group(1)
            start = m.start(1)
            if words.startswith("The ") and " " in words:
                words = words[4:]
                start += 4
            low = words.lower()
            noun = m.group(2)
            first_low = low.split()[0]
            if first_low in _COMMON or first_low in _MONTHS or first_low in _WEEKDAYS:
                continue
            is_adj = (
                low in _DEMONYMS
                or re.search(r"-(?:led|backed|based|allied|aligned|run|funded|installed)$", low)
                or low in _PLACES
            )
            if not is_adj:
                # "the Houthi movement", "the Trump administration": a name before the noun.
                if noun not in ("movement", "administration", "government", "coalition", "regime"):
                    continue
                if low.split()[-1] in _ORG_WORDS or low.split()[-1] in _ROLE_HEADS:
                    continue
            if (
                noun in ("authorities", "regime", "opposition", "rebels", "militia")
                and low not in _DEMONYMS
                and low not in _PLACES
                and not re.search(r"-(?:led|backed)$", low)
            ):
                continue
            # Skip when the capitalised words are already part of a person or organisation.
            if any(x.s <= start < x.e and x.uid is not None for x in sent.mentions):
                continue
            country = _DEMONYM_COUNTRY.get(low) or (low if low in _PLACES else None)
            if noun == "government" and country:
                uid = self._country_government(country, sent.start, text)
            else:
                if low in _PLACES and low in _COUNTRY_DEMONYM:
                    words = _COUNTRY_DEMONYM[low]
                name = f"{words} {noun}"
                uid = self._org(name, _GROUP_NOUNS[noun], sent.start + start, text)
            # Replace the place/demonym mention the run classifier may have left there.
            sent.mentions = [x for x in sent.mentions if not (x.s <= start < x.e)]
            ext = start
            if text[max(0, start - 4) : start].lower() == "the ":
                ext = start - 4
            sent.mentions.append(_Mention(start, m.end(), ext, uid))
            self._touch(uid)
        sent.mentions.sort(key=lambda m: m.s)

    def _classify_run(self, sent: _Sentence, s: int, e: int) -> None:
        text = sent.text
        if (
            " " not in text[s:e]
            and s > 1
            and text[s - 2] not in ".!?:\"`'("
            and text[e : e + 1] != "'"
        ):
            uid = self.alias.get(_key_of(text[s:e]))
            if uid is not None and text[max(0, s - 4) : s].lower() != "the ":
                # A single word already known as an actor's name: nothing left to decide.
                self._add_mention(sent, s, e, s, uid, False)
                return
        parts = [(p.group(0), p.start() + s, p.end() + s) for p in _PART_RE.finditer(text[s:e])]
        # Sentence-initial ordinary words are capitalised by position only.
        while parts and self._at_start(text, parts[0][1]) and self._ordinary(parts[0][0], parts):
            parts.pop(0)
            while parts and parts[0][0] in _CONN_SET:
                parts.pop(0)
        if not parts:
            return
        cue = _CUE_AFTER_RE.match(text, e)
        if cue and self._named_by_cue_after(sent, parts, cue):
            return
        for seg in self._split_run(text, parts):
            self._classify_segment(sent, seg)

    def _named_by_cue_after(
        self, sent: _Sentence, parts: list[tuple[str, int, int]], cue: re.Match[str]
    ) -> bool:
        """'the Nation newspaper', 'the opposition Law and Justice party' -> an organisation."""
        text = sent.text
        s, e = parts[0][1], parts[-1][2]
        name = text[s:e]
        key = _key_of(name)
        words = [_base(w) for w, _, _ in parts]
        if key in _PLACES or all(
            w in _DEMONYMS or w in _CONN_SET or w in _ROLE_MODIFIERS for w in words
        ):
            return False
        # "Environmental group Clearwater Alliance": the noun introduces the next name.
        if _NAME_OR_ANCHOR_RE.match(text, cue.end() + 1):
            return False
        seen = self._lookup(name)
        if seen is not None and self.actors[seen].kind == "person":
            return False
        noun = cue.group(1)
        uid = self._org(name, _ORG_CUES[noun], sent.start + s, text)
        self._register_alias(uid, f"{name} {noun}")
        ext = s - 4 if text[max(0, s - 4) : s].lower() == "the " else s
        self._add_mention(sent, s, cue.end(), ext, uid, text[cue.end() : cue.end() + 2] == "'s")
        return True

    @staticmethod
    def _at_start(text: str, pos: int) -> bool:
        before = text[:pos].rstrip()
        return not before or before[-1] in "\"'`([:-" or before.endswith(("--",))

    def _ordinary(self, word: str, parts: list[tuple[str, int, int]]) -> bool:
        low = _base(word)
        if low in _KNOWN_ORGS or low in _PLACES or low in _HONORIFICS:
            return False
        if low in _COMMON or low in _MONTHS or low in _WEEKDAYS:
            return True
        if low in _ROLE_HEADS or (low.endswith("s") and low[:-1] in _ROLE_HEADS):
            return len(parts) == 1 or low.endswith("s")
        if len(parts) == 1 and (low.endswith(("ing", "ly")) or low in self.lower_words):
            return True
        if len(parts) > 1 and low.endswith("ing") and len(low) > 5:
            return True
        return (
            len(parts) > 1
            and low in self.lower_words
            and low not in _DEMONYMS
            and low not in _ROLE_MODIFIERS
        )

    def _split_run(
        self, text: str, parts: list[tuple[str, int, int]]
    ) -> list[list[tuple[str, int, int]]]:
        """Split a run at connectors that join two names rather than make one
        ("Russia and Ukraine", "Kellogg in Minsk")."""
        segs: list[list[tuple[str, int, int]]] = [[]]
        i = 0
        n = len(parts)
        pre = text[: parts[0][1]].rstrip().lower()
        org_context = bool(_ORG_CUE_END_RE.search(pre, max(0, len(pre) - 30)))
        keyword_seen = False
        and_merged = False
        while i < n:
            word, _, pe = parts[i]
            if word in _CONN_SET:
                j = i
                conns = []
                while j < n and parts[j][0] in _CONN_SET:
                    conns.append(parts[j][0])
                    j += 1
                if j >= n or not segs[-1]:
                    segs.append([])
                    i = j
                    continue
                prev_low = _base(segs[-1][-1][0])
                next_low = _base(parts[j][0])
                keep = False
                if all(c in _PARTICLES for c in conns):
                    keep = next_low not in _PLACES and prev_low not in _PLACES
                elif conns[0] in ("of", "for", "on") and (
                    prev_low in _ORG_WORDS
                    or prev_low in _ROLE_HEADS
                    or prev_low in _PLACE_PREFIX
                    or prev_low in ("programme", "program", "secretary", "state")
                    or org_context
                    or keyword_seen
                ):
                    keep = next_low not in _MONTHS and next_low not in _WEEKDAYS
                    keyword_seen = keyword_seen or prev_low in _ORG_WORDS or org_context
                elif conns[0] in ("and", "&") and (keyword_seen or conns[0] == "&"):
                    keep = True
                    and_merged = True
                elif conns[0] == "in" and keyword_seen and and_merged and next_low in _PLACES:
                    # "Organisation for Security and Co-operation in Europe",
                    # but not "Ministry of Interior in Kabul".
                    keep = True
                if keep:
                    segs[-1].extend(parts[i:j])
                else:
                    segs.append([])
                i = j
                continue
            low = _base(word)
            if low in _ORG_WORDS:
                keyword_seen = True
            # Months and weekdays never belong to a name.
            if low in _MONTHS or low in _WEEKDAYS or low in _CALENDAR:
                segs.append([])
                i += 1
                continue
            segs[-1].append(parts[i])
            # A possessive ends the run ("Putin's position", "Moldova's Foreign Ministry").
            institution = (
                text[pe : pe + 3] == "'s "
                and i + 1 < n
                and parts[i + 1][1] == pe + 3
                and low not in _PLACES
                and self._lookup(word) is None
                and any(_ORG_WORDS.get(_base(p[0])) == "organisation" for p in parts[i + 1 :])
            )
            if institution:
                pass
            elif text[pe : pe + 2] == "'s" or (
                text[pe : pe + 1] == "'"
                and not (
                    i + 1 < n and _base(parts[i + 1][0]) in _ORG_WORDS and parts[i + 1][1] == pe + 2
                )
            ):
                segs.append([])
            i += 1
        return [seg for seg in segs if seg]

    def _classify_segment(self, sent: _Sentence, seg: list[tuple[str, int, int]]) -> None:
        text = sent.text
        s, e = seg[0][1], seg[-1][2]
        words = [w for w, _, _ in seg]
        lows = [_base(w) for w in words]
        full = text[s:e]
        full_low = _key_of(full)
        poss = text[e : e + 2] == "'s" or text[e : e + 2] == "' "
        pos = sent.start + s
        before = text[:s]
        the_before = before.lower().endswith("the ")
        ext = s - 4 if the_before else s

        # Known actors supplied by the caller come first.
        if full_low in self.known and full_low not in _PLACES:
            k = self.known[full_low]
            kind = _attr(k, "kind", "other") or "other"
            if kind == "person":
                # The article's own title for them is the suggestion; the stored role is a
                # fallback when the article gives none.
                role = self._role_before(sent, s)
                uid = self._person(full, pos, text, role)
                if role:
                    self.actors[uid].role = role
                    ext = self._role_start(sent, s)
            else:
                uid = self._org(full, str(kind), pos, text)
            self._add_mention(sent, s, e, ext, uid, poss)
            return
        # An actor seen before under this name.
        seen = self._lookup(full)
        if seen is not None and not (
            full_low in _PLACES and self.actors[seen].kind != "government"
        ):
            self._add_mention(sent, s, e, ext, seen, poss)
            self._maybe_role_before(sent, seen, s)
            return
        # Places and calendar words.
        if full_low in _PLACES and not (full_low in _KNOWN_ORGS and not the_before):
            country = full_low if full_low in _COUNTRY_DEMONYM else _CAPITALS.get(full_low)
            if country:
                self.recent_country = country
            sent.mentions.append(_Mention(s, e, ext, None, country=country, poss=poss))
            return
        if lows[-1] in _PLACE_SUFFIX and len(words) >= 2 and lows[-1] not in _ORG_WORDS:
            sent.mentions.append(_Mention(s, e, ext, None, poss=poss))
            return
        if lows[0] in _PLACE_PREFIX and len(words) >= 3 and lows[1] == "of":
            sent.mentions.append(_Mention(s, e, ext, None, poss=poss))
            return
        if len(words) == 1 and (lows[0] in _DEMONYMS):
            return
        if lows[-1] in _EVENT_WORDS and len(words) >= 2:
            return
        if full_low in _KNOWN_ORGS:
            uid = self._org(full, _KNOWN_ORGS[full_low], pos, text)
            self._add_mention(sent, s, e, ext, uid, poss)
            return

        # Role words inside the run: "U.S. Special Envoy for Ukraine Keith Kellogg".
        head_idx = -1
        for idx in range(len(words) - 1, -1, -1):
            if lows[idx] in _ROLE_HEADS and words[idx][:1].isupper() and idx < len(words) - 1:
                head_idx = idx
                break
            if lows[idx] in _HONORIFICS and idx < len(words) - 1:
                head_idx = idx
                break
        org_kind = self._org_kind(words, lows)
        if head_idx >= 0 and org_kind is not None:
            # "Commission President Ursula von der Leyen": the words after the title are a name.
            tail = lows[head_idx + 1 :]
            if not tail or any(
                t in _ORG_WORDS or (t in _CONN_SET and t not in _PARTICLES) for t in tail
            ):
                head_idx = -1
        if head_idx >= 0:
            k = head_idx + 1
            # "Envoy for Ukraine", "Secretary of State": the role's own object.
            if k < len(words) and lows[k] in ("for", "of", "on", "the"):
                while k < len(words) and (
                    lows[k] in _CONN_SET
                    or lows[k] in _PLACES
                    or lows[k] in _ROLE_MODIFIERS
                    or lows[k] in _ROLE_HEADS
                    or lows[k] in _ORG_WORDS
                    or lows[k] in _DEMONYMS
                    or _is_acronym(words[k])
                    or lows[k] in ("state", "affairs", "staff", "defense", "defence", "commerce")
                ):
                    k += 1
            name_parts = seg[k:]
            while name_parts and name_parts[0][0] in _CONN_SET:
                name_parts = name_parts[1:]
            if not name_parts:
                # A title alone ("the Prime Minister"): not a new actor.
                return
            ns = name_parts[0][1]
            name = text[ns:e]
            if len(name_parts) > 4:
                return
            honor = lows[head_idx] in _HONORIFICS
            if honor:
                # "Mr Grundberg": a courtesy title, not a role ("Defence Minister Dr X" keeps
                # what comes before it).
                role = text[s : seg[head_idx - 1][2]] if head_idx > 0 else ""
            else:
                role = text[s : seg[k - 1][2]]
            left_role = self._role_before(sent, s)
            if left_role and role:
                role = f"{left_role} {role}"
            elif left_role:
                role = left_role
            uid = self._person(name, pos + (ns - s), text, _norm_name(role))
            if honor:
                # Pronoun resolution may use it: "she" will not pick "Mr Grundberg".
                g = _HONORIFIC_GENDER.get(lows[head_idx].rstrip("."), "")
                if g and not self.actors[uid].gender:
                    self.actors[uid].gender = g
            self._add_mention(sent, ns, e, s if not the_before else ext, uid, poss)
            self._affiliation_from_role(uid, sent)
            return

        # Organisations, governments and media by their words or the noun before them.
        cue = self._cue_before(before)
        if org_kind is None and cue:
            org_kind = _ORG_CUES[cue]
        if org_kind is None and len(words) == 1 and _is_acronym(words[0]):
            if lows[0] in _NOT_ACTOR_ACRONYMS:
                return
            org_kind = "organisation" if self._is_subject(sent, e) else None
            if org_kind is None:
                return
        if org_kind is not None:
            prefix_country = None
            name = full
            # "Moldova's Foreign Ministry": name the government body after its country.
            m = _POSSESSIVE_TAIL_RE.search(before)
            if m and _key_of(m.group(1)) in _PLACES:
                prefix_country = _key_of(m.group(1))
                dem = _COUNTRY_DEMONYM.get(prefix_country)
                if dem and org_kind == "government":
                    name = f"{dem} {full}"
            if the_before and org_kind == "media" and lows[0] not in _KNOWN_ORGS:
                name = f"The {name}"
            if "council" in lows and any(x in _LOCAL_GOV for x in lows):
                org_kind = "government"  # "Leeds City Council" is local government
            if org_kind == "government" or (
                org_kind == "organisation"
                and lows[0] in _GOV_PREFIX
                and lows[-1]
                in (
                    "agency",
                    "commission",
                    "bureau",
                    "office",
                    "authority",
                    "service",
                    "administration",
                    "guard",
                    "committee",
                    "court",
                    "tribunal",
                )
            ):
                org_kind = "government"
            uid = self._org(name, org_kind, pos, text)
            if cue and not self.actors[uid].cue:
                self.actors[uid].cue = cue
            if name != full:
                self._register_alias(uid, full)
            ext2 = ext
            if cue:
                # "Spanish newspaper El Diario": the descriptor's adjectives, contiguous.
                ext2 = len(before) - len(cue) - 1
                base = max(0, ext2 - 40)
                for wm in reversed(list(re.finditer(r"[\w'-]+ ", before[base:ext2]))):
                    wlow = wm.group(0).strip().lower()
                    if wlow in _PREPOSITIONS or wlow in _COMMON or base + wm.end() != ext2:
                        break
                    ext2 = base + wm.start()
            self._add_mention(sent, s, e, ext2, uid, poss)
            return

        # People: two to four name words, or one word introduced as a person.
        if (
            2 <= len(words) <= 5
            and not any(lw in _ROLE_MODIFIERS and lw not in _PARTICLES for lw in lows[:1])
        ) or (
            2 <= len(words) <= 5
            and not all(lw in _ROLE_MODIFIERS or lw in _CONN_SET for lw in lows)
        ):
            if any(w.lower() in _CONN_SET and w.lower() not in _PARTICLES for w in words):
                return
            if all(_is_acronym(w) for w in words):
                return
            # Plural agreement marks a club or company written like a name ("Real Madrid have").
            after = text[e:].lstrip().lower()
            if _PLURAL_VERB_RE.match(after) and not poss:
                uid = self._org(full, "organisation", pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return
            nxt = _NEXT_LOWER_RE.match(text, e)
            if nxt and not poss:
                w2 = nxt.group(1)
                if (
                    w2 in _ROLE_HEADS
                    or w2 in _ORG_CUES
                    or (
                        the_before
                        and w2 not in _VERB_FORMS
                        and w2 not in _AUX
                        and w2 not in _COMMON
                        and not w2.endswith("ed")
                    )
                ):
                    return
            role = self._role_before(sent, s)
            uid = self._person(full, pos, text, role)
            rs = self._role_start(sent, s) if role else ext
            self._add_mention(sent, s, e, rs, uid, poss)
            self._affiliation_from_role(uid, sent)
            return
        if len(words) == 1:
            word = words[0]
            low = lows[0]
            if low in _ROLE_HEADS or low in _ROLE_MODIFIERS or low in _COMMON:
                return
            # A surname seen before.
            cands = [self._live(u) for u in self.surnames.get(low, [])]
            if cands:
                uid = cands[-1]
                self._register_alias(uid, word)
                self._add_mention(sent, s, e, ext, uid, poss)
                return
            known_sur = self.known_surname.get(low, [])
            if len(known_sur) == 1:
                uid = self._person(word, pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return
            # A title or role right before a single name: "President Putin", "striker Ruiz".
            role = self._role_before(sent, s)
            if role:
                uid = self._person(word, pos, text, role)
                self._add_mention(sent, s, e, self._role_start(sent, s), uid, poss)
                return
            if self._is_subject(sent, e) and not poss:
                # A new single name doing the talking is most often an organisation
                # ("Huawei said"); people are introduced with their full name.
                kind = "government" if _ORG_WORDS.get(low) == "government" else "organisation"
                uid = self._org(word, kind, pos, text)
                self._add_mention(sent, s, e, ext, uid, poss)
                return

    def _org_kind(self, words: list[str], lows: list[str]) -> str | None:
        if lows[0] in _PLACE_PREFIX and len(lows) > 2 and lows[1] == "of":
            return None
        kind = None
        for w, low in zip(words, lows, strict=True):
            if low in _ORG_WORDS and w[:1].isupper() and len(words) > 1:
                k = _ORG_WORDS[low]
                # The last keyword decides: "News Corporation" is a company, "Bank Times" media.
                kind = k if kind is None or k != "organisation" else kind
                if k == "government":
                    kind = "government"
        full = " ".join(lows)
        if full in _KNOWN_ORGS:
            return _KNOWN_ORGS[full]
        if kind == "media" and lows[-1] not in _ORG_WORDS:
            kind = "organisation"
        return kind

    @staticmethod
    def _cue_before(before: str) -> str | None:
        m = _LAST_LOWER_RE.search(before, max(0, len(before) - 40))
        if m and m.group(1) in _ORG_CUES:
            return m.group(1)
        return None

    @staticmethod
    def _is_subject(sent: _Sentence, e: int) -> bool:
        """True when a reporting or denial verb follows the word (skipping auxiliaries)."""
        for w in _SUBJECT_WORDS_RE.findall(sent.text, e, e + 80)[:6]:
            low = w.lower()
            if low in _VERB_FORMS:
                return True
            if low not in _AUX and low not in ("in", "a", "statement"):
                return False
        return False

    def _add_mention(self, sent: _Sentence, s: int, e: int, ext: int, uid: int, poss: bool) -> None:
        uid = self._live(uid)
        sent.mentions.append(_Mention(s, e, ext, uid, poss=poss))
        self._touch(uid)

    # ---- roles -------------------------------------------------------------------------

    def _left_words(self, sent: _Sentence, s: int) -> list[tuple[str, int]]:
        """Up to 10 words before ``s`` as (word, start), nearest first, stopping at punctuation."""
        out: list[tuple[str, int]] = []
        base = max(0, s - 160)
        window = [m for m in _TOKEN_RE.finditer(sent.text, base, s)]
        if base > 0 and window:
            window = window[1:]  # may be cut in half
        for m in reversed(window):
            word = m.group(0)
            if not word[:1].isalnum() or len(out) >= 10:
                break
            out.append((word, m.start()))
        return out

    def _role_words(self, sent: _Sentence, s: int) -> list[tuple[str, int]]:
        words = self._left_words(sent, s)
        got: list[tuple[str, int]] = []
        for idx, (w, ws) in enumerate(words):
            low = _base(w)
            if idx == 0 and low not in _ROLE_HEADS:
                return []
            if low in (
                "the",
                "a",
                "an",
                "his",
                "her",
                "its",
                "their",
                "our",
                "by",
                "to",
                "with",
                "and",
                "of",
                "for",
                "at",
            ):
                break
            ok = (
                low in _ROLE_HEADS
                or low in _ROLE_MODIFIERS
                or low in _DEMONYMS
                or w.endswith("'s")
                or (w[:1].isupper() and not self._at_start(sent.text, ws))
                or (
                    w[:1].isupper()
                    and (
                        low in _ROLE_MODIFIERS
                        or low in _DEMONYMS
                        or low in _ROLE_HEADS
                        or low in _ORG_WORDS
                        or _is_acronym(w)
                    )
                )
                or low in _ORG_WORDS
                or low in _ORG_CUES
            )
            if not ok:
                break
            if w[:1].islower() and (
                low in _VERB_FORMS or (low in _COMMON and low not in _ROLE_MODIFIERS)
            ):
                break
            got.append((w, ws))
        return got

    def _role_before(self, sent: _Sentence, s: int) -> str:
        got = self._role_words(sent, s)
        if not got:
            return ""
        start = got[-1][1]
        end = got[0][1] + len(got[0][0])
        return _norm_name(sent.text[start:end])[:_SHORT_MAX]

    def _role_start(self, sent: _Sentence, s: int) -> int:
        got = self._role_words(sent, s)
        if not got:
            return s
        start = got[-1][1]
        if sent.text[max(0, start - 4) : start].lower() == "the ":
            start -= 4
        return start

    def _maybe_role_before(self, sent: _Sentence, uid: int, s: int) -> None:
        actor = self.actors[uid]
        if actor.kind == "person" and not actor.role:
            role = self._role_before(sent, s)
            if role:
                actor.role = role

    def _affiliation_from_role(self, uid: int, sent: _Sentence) -> None:
        actor = self.actors[uid]
        if actor.affiliation or not actor.role:
            return
        role_low = f" {actor.role.lower()} "
        for m in sent.mentions:
            if m.uid is not None and m.uid != uid:
                other = self.actors[self._live(m.uid)]
                if other.kind == "person":
                    continue
                names = [other.name, *other.aliases, _initials(other.name)]
                if any(len(x) > 1 and f" {x.lower()} " in role_low for x in names):
                    actor.affiliation = other.name
                    return

    def _appositives(self, sent: _Sentence) -> None:
        """Roles set off by commas: "Maria Lopez, general secretary of the union," and
        "the agency's chief executive, Helena Marsh,"."""
        text = sent.text
        for m in sent.mentions:
            if m.uid is None:
                continue
            actor = self.actors[self._live(m.uid)]
            if actor.kind != "person":
                continue
            # After the name.
            weak = actor.role.lower() in _WEAK_ROLES
            if (not actor.role or weak) and text[m.e : m.e + 2] == ", ":
                seg_end = len(text)
                for stop in (",", ";", ".", '"', "`", " who ", " whose ", " which "):
                    k = text.find(stop, m.e + 2)
                    if k != -1:
                        seg_end = min(seg_end, k)
                seg = text[m.e + 2 : seg_end]
                role = self._role_phrase(seg)
                if role:
                    actor.role = role
                    self._affiliation_from_text(actor, role, sent)
            # Before the name.
            if text[max(0, m.ext - 2) : m.ext] == ", " and (
                text[m.e : m.e + 1] in (",", ".", "")
                or text[m.e :].startswith((" said", " told", " says"))
                or re.match(r" (?:of|at|from) (?:the )?[A-Z]", text[m.e :])
            ):
                left = text[: m.ext - 2]
                k = max(
                    left.rfind(","),
                    left.rfind(";"),
                    left.rfind(":"),
                    left.rfind('"'),
                    left.rfind("`"),
                )
                seg = left[k + 1 :]
                # Drop a reporting verb that starts the segment: '..." said the company's head'.
                seg = _INVERTIBLE_START_RE.sub("", seg)
                role = self._role_phrase(seg, before=True)
                if role:
                    if not actor.role or actor.role.lower() in _WEAK_ROLES:
                        actor.role = role
                    seg_start = len(left) - len(seg)
                    m.ext = seg_start + (len(seg) - len(seg.lstrip()))
                    self._affiliation_from_text(actor, seg, sent)

    def _role_phrase(self, seg: str, before: bool = False) -> str:
        words = re.findall(r"[\w'.-]+", seg)
        if not words or len(words) > 14:
            return ""
        lows = [_base(w) for w in words]
        if before:
            return self._role_phrase_before(seg, words, lows)
        start = 0
        while start < len(lows) and lows[start] in (
            "the",
            "a",
            "an",
            "its",
            "his",
            "her",
            "their",
            "our",
        ):
            start += 1
        head = -1
        for idx in range(start, min(len(lows), start + 6)):
            # "a virologist at ...", "a historian of ...": job nouns the list cannot foresee.
            if lows[idx] in _ROLE_HEADS or (
                start > 0 and len(lows[idx]) > 5 and lows[idx].endswith(("ist", "ian"))
            ):
                head = idx
                # Keep going: "chief executive", "general secretary".
                while head + 1 < len(lows) and lows[head + 1] in _ROLE_HEADS:
                    head += 1
                break
            if (
                lows[idx] in _VERB_FORMS
                or (lows[idx] in _COMMON and lows[idx] not in _ROLE_MODIFIERS)
            ) and lows[idx] not in ("of", "for"):
                return ""
        if head < 0:
            return ""
        end = head + 1
        if end < len(lows) and lows[end] in ("of", "for", "at", "to", "on", "in"):
            k = end + 1
            while (
                k < len(lows)
                and k < end + 7
                and not (
                    lows[k] in ("who", "which", "that", "based", "said", "told")
                    or lows[k] in _VERB_FORMS
                )
            ):
                k += 1
            end = k
        first = words[start]
        text_words = words[start:end]
        if not text_words:
            return ""
        # Rebuild from the original spacing.
        begin = seg.find(first)
        last = text_words[-1]
        stop = seg.find(last, begin + sum(len(w) for w in text_words[:-1]))
        if begin < 0 or stop < 0:
            return _norm_name(" ".join(text_words))[:_SHORT_MAX]
        return _norm_name(seg[begin : stop + len(last)])[:_SHORT_MAX]

    def _role_phrase_before(self, seg: str, words: list[str], lows: list[str]) -> str:
        """'the agency's chief executive', 'a pledge its environment minister' -> the title."""
        preps = ("of", "for", "at", "to", "on", "in", "with")
        head = -1
        for idx in range(len(lows) - 1, -1, -1):
            if lows[idx] in _ROLE_HEADS:
                tail = lows[idx + 1 :]
                if not tail or (tail[0] in preps and not any(t in _VERB_FORMS for t in tail)):
                    head = idx
                    break
        if head < 0:
            return ""
        start = head
        while start > 0:
            w, low = words[start - 1], lows[start - 1]
            if low in ("the", "a", "an", "its", "his", "her", "their", "our"):
                break
            if not (
                low in _ROLE_HEADS
                or low in _ROLE_MODIFIERS
                or low in _DEMONYMS
                or low in _ORG_WORDS
                or low in _ORG_CUES
                or w.endswith("'s")
                or w[:1].isupper()
            ) or (low in _VERB_FORMS and low not in _ROLE_HEADS):
                break
            start -= 1
        chosen = words[start:]
        begin = seg.find(chosen[0], sum(len(w) for w in words[:start]))
        if begin < 0:
            return _norm_name(" ".join(chosen))[:_SHORT_MAX]
        return _norm_name(seg[begin:])[:_SHORT_MAX]

    def _affiliation_from_text(self, actor: _Actor, phrase: str, sent: _Sentence) -> None:
        if actor.affiliation:
            return
        low = phrase.lower()
        for m in sent.mentions:
            if m.uid is None:
                continue
            other = self.actors[self._live(m.uid)]
            if other.kind != "person" and other.name.lower() in low:
                actor.affiliation = other.name
                return
        pm = re.search(r"\b(the|its|their)\s+(?:([a-z]+)'s|([a-z]+)$)", low)
        if pm:
            noun = pm.group(2) or pm.group(3)
            if pm.group(1) in ("its", "their"):
                uid = self._recent_kind(("organisation", "government", "media"))
            else:
                uid = self._resolve_org_title(noun) if noun in _TITLE_ORG else None
            if uid is not None and uid != actor.uid:
                actor.affiliation = self.actors[uid].name

    # ---- attributions ------------------------------------------------------------------

    def _attributions(self, sent: _Sentence) -> None:
        self._appositives(sent)
        anchors = self._anchors(sent)
        for a in anchors:
            self._find_speaker(sent, a, anchors)
        text = sent.text
        for b in anchors:
            if b.speaker is None or b.elided or b.according:
                continue
            for a in anchors:
                if a is b or a.according or a.speaker is None or a.i >= b.i:
                    continue
                gap = text[a.a1 : b.a0]
                if a.a1 <= b.a0 and len(gap) < 300 and not re.search(r"[,;:\"`]", gap):
                    # "said that Hamas had rejected the proposal": Hamas is not speaking here.
                    b.speaker = None
                    break
        frame = next((a for a in anchors if a.according and a.speaker is not None), None)
        for idx, a in enumerate(anchors):
            if a.speaker is None and a.elided:
                prev = [x for x in anchors[:idx] if x.speaker is not None and not x.according]
                if frame is not None and frame.i < a.i:
                    a.speaker = frame.speaker
                elif prev:
                    a.speaker = prev[-1].speaker
                else:
                    a.speaker = self._sentence_subject(sent, a)
        for idx, a in enumerate(anchors):
            if a.speaker is None:
                continue
            if a.according and any(
                x.speaker is not None and not x.according and not x.elided and x.i > a.j
                for x in anchors
            ):
                # "According to Lukashenko, Putin said ...": the inner speaker carries it.
                continue
            if a.participle and any(
                x.claim_end >= sent.toks[a.i][0] and x.speaker == a.speaker for x in anchors[:idx]
            ):
                continue  # "..., saying the roads had been closed": part of the claim before it
            result = self._claim(sent, a, anchors, idx)
            if result is None:
                continue
            c0, c1, quote, keep_verb = result
            if not quote:
                a.claim_end = c1
            self._record(sent, a, c0, c1, quote, keep_verb, frame)
        self._embedded_claims(sent, anchors)
        if not any(a.speaker is not None for a in anchors):
            self._continued_quote(sent)
        # Salience for pronouns in later sentences.
        person = None
        org = None
        for a in anchors:
            if a.speaker is None:
                continue
            kind = self.actors[self._live(a.speaker)].kind
            if kind == "person" and person is None:
                person = self._live(a.speaker)
            elif kind != "person" and org is None:
                org = self._live(a.speaker)
        if person is None:
            person = next(
                (
                    self._live(m.uid)
                    for m in sent.mentions
                    if m.uid is not None
                    and not m.poss
                    and not sent.in_quote(m.s)
                    and self.actors[self._live(m.uid)].kind == "person"
                ),
                None,
            )
        if org is None:
            org = next(
                (
                    self._live(m.uid)
                    for m in sent.mentions
                    if m.uid is not None
                    and not sent.in_quote(m.s)
                    and self.actors[self._live(m.uid)].kind != "person"
                ),
                None,
            )
        if person is not None:
            self.salient_people.append((sent.idx, person))
            del self.salient_people[:-8]
        if org is not None:
            self.salient_orgs.append((sent.idx, org))
            del self.salient_orgs[:-8]

    def _anchors(self, sent: _Sentence) -> list[_Anchor]:
        if not sent.attributes:
            return []
        low = sent.low
        anchors: list[_Anchor] = []
        n = len(low)
        for i, w in enumerate(low):
            if w == "according" and i + 1 < n and low[i + 1] == "to":
                if not sent.in_quote(sent.toks[i][0]):
                    anchors.append(_Anchor(i, i + 2, "according", False, according=True))
                continue
            form = _VERB_FORMS.get(w)
            if form is None:
                continue
            ts = sent.toks[i][0]
            if sent.in_quote(ts):
                continue
            if ts > 0 and sent.text[ts - 1] == "-":
                continue  # "value-added", "so-called"
            lemma, deny = form
            prev = low[i - 1] if i > 0 else ""
            if prev in (
                "been",
                "being",
                "be",
                "is",
                "are",
                "was",
                "were",
                "so",
                "the",
                "a",
                "an",
                "his",
                "her",
                "its",
                "their",
                "these",
                "those",
                "this",
                "of",
                "such",
                "any",
                "no",
            ):
                continue  # passive voice or a noun ("the claims", "so-called")
            if lemma == "call" and not self._call_is_report(low, i):
                continue
            if lemma == "rule" and "that" not in low[i + 1 : i + 5]:
                continue  # "has ruled Belarus since 1994" is power, "ruled that" is a ruling
            if (
                lemma == "add"
                and i + 1 < n
                and low[i + 1] not in ("that", ":", ",", '"', "`", ".", "in", "on")
            ):
                continue  # "added six firms to a list" is not speech
            if prev in ("not", "never", "n't", "to") or (
                i > 1 and low[i - 2] in ("not", "never", "declined", "refused")
            ):
                continue  # "did not respond", "declined to comment"
            if lemma in ("respond", "reply") and i + 1 < n and low[i + 1] in ("to",):
                continue
            if lemma == "ask" and i + 1 < n and low[i + 1] in ("for", "to", "about"):
                continue
            if (
                lemma
                in ("note", "post", "state", "report", "charge", "stress", "signal", "express")
                and i + 1 < n
                and low[i + 1] in ("of",)
            ):
                continue
            if lemma == "express" and not (
                i + 1 < n
                and low[i + 1]
                in (
                    "willingness",
                    "concern",
                    "hope",
                    "support",
                    "regret",
                    "confidence",
                    "doubt",
                    "doubts",
                    "frustration",
                    "readiness",
                    "disappointment",
                    "surprise",
                    "outrage",
                    "sympathy",
                    "condolences",
                    "solidarity",
                    "interest",
                    "optimism",
                    "scepticism",
                    "skepticism",
                    "alarm",
                )
            ):
                continue
            if (
                lemma == "counter"
                and i + 1 < n
                and low[i + 1] in ("-", "terrorism", "measures", "offensive", "attack")
            ):
                continue
            a = _Anchor(i, i + 1, lemma, deny)
            if w.endswith("ing") and i > 0 and low[i - 1] == ",":
                a.participle = True
            if lemma == "call" and i + 1 < n and low[i + 1] == "for":
                a.j = i + 2
            anchors.append(a)
        # "called ... false": a describe verb aimed at a claim is a denial.
        for a in anchors:
            if a.lemma in _DESCRIBE or a.lemma in ("dismiss",):
                window = low[a.j : a.j + 12]
                obj = [w for w in window[:4] if w in _CLAIM_NOUNS]
                adj = [w for w in window if w in _DENIAL_ADJ]
                if adj or (
                    obj and a.lemma in ("describe", "dismiss", "brand", "label", "dub", "call")
                ):
                    a.deny = True
        return anchors

    @staticmethod
    def _call_is_report(low: list[str], i: int) -> bool:
        nxt = low[i + 1 : i + 12]
        if nxt[:1] == ["for"]:
            return True
        if nxt[:1] in (["on"], ["off"], ["up"], ["in"], ["it"]):
            return False
        # "called the report false", "called it a turning point", 'called "cynical"'.
        return any(w in _DENIAL_ADJ or w == '"' or w == "`" or w == "'" for w in nxt) or any(
            w in _CLAIM_NOUNS for w in nxt[:4]
        )

    # ---- speakers ----------------------------------------------------------------------

    def _find_speaker(self, sent: _Sentence, a: _Anchor, anchors: list[_Anchor]) -> None:
        text = sent.text
        low = sent.low
        toks = sent.toks
        if a.according:
            # The speaker is the noun phrase after "according to", up to the comma.
            end = len(toks)
            for k in range(a.j, min(len(toks), a.j + 14)):
                if low[k] in (",", ".", ";", '"', "`"):
                    end = k
                    break
            span_s = toks[a.j][0] if a.j < len(toks) else len(text)
            span_e = toks[end - 1][1] if end - 1 >= a.j and end - 1 < len(toks) else span_s
            a.a0, a.a1 = toks[a.i][0], span_e
            a.speaker = self._np_speaker(sent, a.j, end, span_s, span_e)
            return
        a.a1 = toks[a.i][1] if a.j == a.i + 1 else toks[a.j - 1][1]
        # Walk left over auxiliaries, adverbs, dates and parenthetical commas.
        k = a.i - 1
        while k >= 0:
            w = low[k]
            if w in _AUX or (
                w.endswith("ly")
                and len(w) > 4
                and w not in ("italy", "family", "rally", "ally", "july")
            ):
                k -= 1
                continue
            if w in ("on", "last") and k + 1 < a.i and (low[k + 1] in _WEEKDAYS):
                k -= 1
                continue
            if w.isdigit() or w in _MONTHS or w in _WEEKDAYS:
                k -= 1
                continue
            if w == "," and k > 0:
                # ", however," / ", who has ruled Belarus since 1994," / ", Salma Haddad,"
                j = k - 1
                while j >= 0 and low[j] not in (",", ".", ";", ":", '"', "`") and k - j < 30:
                    j -= 1
                if j < 0 or low[j] != ",":
                    # Not an enclosed parenthetical. A participle after a comma is elided.
                    break
                inner = low[j + 1 : k]
                men = sent.mention_starting(j + 1)
                tail = text[men.e : toks[k - 1][1]] if men is not None else ""
                if (
                    men is not None
                    and men.uid is not None
                    and (
                        len(tail) <= 2
                        or re.fullmatch(r"\s+(?:of|at|from)\s+(?:the\s+)?[A-Z][^,]*", tail)
                    )
                    and self.actors[self._live(men.uid)].kind == "person"
                ):
                    a.speaker = self._live(men.uid)
                    a.a0 = men.ext
                    return
                after_name = sent.mention_ending(j - 1)
                if inner and (
                    inner[0] in _PARENTHETICAL_OPENERS
                    or inner[0] in _ROLE_HEADS
                    or inner[0] in _ROLE_MODIFIERS
                    or (after_name is not None and after_name.uid is not None)
                    or inner[0].endswith("ing")
                    or inner[0].endswith("ly")
                ):
                    k = j - 1
                    continue
                break
            break
        if k < 0:
            self._inverted_speaker(sent, a)
            return
        w = low[k]
        ws = toks[k][0]
        if w in _CONJ and a.i - k <= 3:
            a.elided = True
            a.a0 = ws
            return
        if w == "," and a.participle:
            a.elided = True
            a.a0 = ws
            return
        if w in ("who", "which", "that") and k > 0:
            kk = k - 1
            if low[kk] == ",":
                kk -= 1
            men = sent.mention_ending(kk)
            if men is not None and men.uid is not None:
                a.speaker = self._live(men.uid)
                a.a0 = toks[k][0]
                return
            return
        men = sent.mention_ending(k)
        for _ in range(3):
            if men is None or men.poss:
                break
            pp = self._preposition_before(sent, men)
            if pp is None:
                break
            prep, pk = pp
            if (
                prep in ("for", "of", "at")
                and pk > 0
                and (low[pk - 1] in _TITLE_PERSON or low[pk - 1].removesuffix("s") in _ROLE_HEADS)
                and men.uid is not None
                and self.actors[self._live(men.uid)].kind != "person"
            ):
                # "a spokesperson for the Commerce Ministry said": the organisation speaks.
                np_start = pk - 1
                while np_start > 0 and pk - np_start < 4 and low[np_start - 1] not in _STOP_NP:
                    np_start -= 1
                a.speaker = self._live(men.uid)
                a.a0 = toks[np_start][0]
                return
            # "The Chinese embassy in Washington", "a study in the journal X": look further left.
            k = pk - 1
            if k < 0:
                return
            w = low[k]
            men = sent.mention_ending(k)
            if men is None:
                break
        if men is not None and men.e >= toks[k][1] - 2 and not men.poss:
            if men.uid is not None:
                a.speaker = self._live(men.uid)
                a.a0 = men.ext
                return
            if men.country:
                a.speaker = self._country_government(men.country, sent.start, text)
                self._touch(a.speaker)
                a.a0 = men.ext
                return
            return
        if w in _PRONOUNS:
            a.speaker = self._pronoun(w, sent, a)
            a.a0 = ws
            if a.speaker is None:
                return
            return
        if w in _TITLE_PERSON or w in _TITLE_ORG or w in ("office",):
            np_start = k
            while (
                np_start > 0
                and k - np_start < 4
                and low[np_start - 1]
                not in (",", ".", ";", ":", '"', "`", "and", "but", "that", "who", "which", "while")
            ):
                prev = low[np_start - 1]
                if prev in _VERB_FORMS or prev in (
                    "by",
                    "to",
                    "with",
                    "from",
                    "after",
                    "as",
                    "when",
                    "where",
                    "if",
                    "because",
                ):
                    break
                np_start -= 1
                if prev in ("the", "a", "an", "his", "her", "its", "their", "this", "that"):
                    break
            a.a0 = toks[np_start][0]
            a.speaker = self._title_speaker(sent, np_start, k + 1)
            if (
                a.speaker is None
                and low[np_start] in ("a", "an")
                and w in _ROLE_HEADS
                and w not in ("spokesperson", "spokesman", "spokeswoman", "official", "source")
            ):
                self.pending.append((sent, a, anchors, w))
            return
        if self._quote_ends_at(sent, toks[k][1]) or w == ",":
            self._inverted_speaker(sent, a)
            return

    def _preposition_before(self, sent: _Sentence, men: _Mention) -> tuple[str, int] | None:
        """The preposition that governs a mention ('in [the journal] X'), with its token index."""
        k = sent.tok_at(men.s) - 1
        low = sent.low
        steps = 0
        while (
            k >= 0
            and steps < 3
            and (low[k] in ("the", "a", "an") or low[k] in _ORG_CUES or low[k] in _DEMONYMS)
        ):
            k -= 1
            steps += 1
        if k >= 0 and low[k] in _PREPOSITIONS:
            return low[k], k
        return None

    def _inverted_speaker(self, sent: _Sentence, a: _Anchor) -> None:
        """'"...," said Maria Lopez' / '"...," said the company's head of quality, Tomas Reyes'."""
        if sent.low[a.i] not in _INVERTIBLE or a.deny:
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
        elif low[a.j] in _PRONOUNS:
            chosen = self._pronoun(low[a.j], sent, a)
        else:
            k = a.j
            while k < end and low[k] not in (",",) and k - a.j < 6:
                if low[k] in _TITLE_PERSON or low[k] in _TITLE_ORG:
                    chosen = self._title_speaker(sent, a.j, k + 1)
                    break
                k += 1
        if chosen is None:
            return
        a.speaker = chosen
        a.a0 = toks[a.i][0]
        # The attribution runs to the end of the speaker's phrase.
        stop = span_e
        rest = sent.text[toks[a.j][0] : span_e]
        cut = re.search(r",\s*(?:adding|saying|who|which|according)\b", rest)
        if cut:
            stop = toks[a.j][0] + cut.start()
        a.a1 = stop

    def _np_speaker(self, sent: _Sentence, t0: int, t1: int, s: int, e: int) -> int | None:
        for m in sent.mentions:
            if (
                m.uid is not None
                and s <= m.s < e
                and self.actors[self._live(m.uid)].kind == "person"
            ):
                return self._live(m.uid)
        for m in sent.mentions:
            if m.uid is not None and s <= m.s < e:
                return self._live(m.uid)
        for m in sent.mentions:
            if m.uid is None and m.country and s <= m.s < e and not m.poss:
                return self._country_government(m.country, sent.start, sent.text)
        for k in range(t0, t1):
            w = sent.low[k]
            if w in _PRONOUNS and k == t0:
                return self._pronoun(w, sent, None)
            if w in _TITLE_PERSON or w in _TITLE_ORG:
                return self._title_speaker(sent, t0, t1)
        return None

    def _title_speaker(self, sent: _Sentence, t0: int, t1: int) -> int | None:
        """Resolve 'the minister', 'a company spokesperson', 'his office', 'the government'."""
        low = sent.low
        words = [w for w in low[t0:t1] if w not in ("the", "a", "an", "this", "that")]
        if not words:
            return None
        head = words[-1]
        if head == "office":
            s0, e0 = sent.toks[t0][0], sent.toks[t1 - 1][1]
            for m in sent.mentions:
                if m.uid is not None and m.poss and s0 <= m.s < e0:
                    return self._live(m.uid)
        if head == "office" and len(words) >= 2:
            owner = words[-2]
            if owner in ("his", "her"):
                return self._pronoun("he" if owner == "his" else "she", sent, None)
            if owner.endswith("'s"):
                return self._resolve_person_title(owner[:-2])
        mods = words[:-1]
        if head in _TITLE_PERSON and head not in _TITLE_ORG:
            # "a company spokesperson", "the agency's chief executive", "a ministry official".
            for m in reversed(mods):
                b = _base(m)
                if b in _TITLE_ORG:
                    uid = self._resolve_org_title(b)
                    if uid is not None:
                        return uid
                if m in ("its", "their"):
                    uid = self._recent_kind(("organisation", "government", "media"))
                    if uid is not None:
                        return uid
            # A name in the phrase: "Kremlin spokesman".
            s = sent.toks[t0][0]
            e = sent.toks[t1 - 1][1]
            for m in sent.mentions:
                if m.uid is not None and s <= m.s < e:
                    return self._live(m.uid)
            if head in (
                "spokesperson",
                "spokesman",
                "spokeswoman",
                "official",
                "officials",
                "source",
                "sources",
                "spokespeople",
                "aides",
            ):
                return None
            return self._resolve_person_title(head)
        return self._resolve_org_title(_base(head))

    def _resolve_person_title(self, head: str) -> int | None:
        for uid in reversed(self.recent):
            actor = self.actors[uid]
            if actor.kind == "person" and head in actor.role.lower():
                return uid
        return None

    def _resolve_org_title(self, head: str) -> int | None:
        head = head.lower()
        if head in ("government", "administration", "authorities", "regime", "cabinet"):
            for uid in reversed(self.recent):
                a = self.actors[uid]
                if a.kind == "government" and (
                    "government" in a.name.lower() or head in a.name.lower()
                ):
                    return uid
            if self.recent_country:
                cur = self.current
                return self._country_government(
                    self.recent_country, cur.start if cur else 0, cur.text if cur else ""
                )
            return None
        for uid in reversed(self.recent):
            a = self.actors[uid]
            if a.kind != "person" and re.search(rf"\b{re.escape(head)}\b", a.name.lower()):
                return uid
        for uid in reversed(self.recent):
            a = self.actors[uid]
            if a.kind != "person" and a.cue == head:
                return uid
        if head in _BUSINESS:
            for uid in reversed(self.recent):
                a = self.actors[uid]
                if (
                    a.kind == "organisation"
                    and not any(
                        w in a.name.lower().split()
                        for w in (
                            "union",
                            "ministry",
                            "commission",
                            "party",
                            "alliance",
                            "council",
                            "agency",
                            "movement",
                            "coalition",
                            "association",
                            "federation",
                            "league",
                        )
                    )
                    and a.cue
                    not in (
                        "union",
                        "party",
                        "alliance",
                        "association",
                        "movement",
                        "coalition",
                        "watchdog",
                        "charity",
                        "campaign",
                    )
                ):
                    return uid
            return None
        if head in ("newspaper", "paper", "broadcaster", "outlet", "magazine", "channel"):
            return self._recent_kind(("media",))
        if head in ("ministry", "department", "embassy", "presidency", "kremlin"):
            return self._recent_kind(("government",))
        if head in (
            "group",
            "organisation",
            "organization",
            "charity",
            "campaign",
            "watchdog",
            "alliance",
            "coalition",
            "movement",
            "association",
            "network",
        ):
            return self._recent_kind(("organisation",))
        return None

    def _recent_kind(self, kinds: tuple[str, ...]) -> int | None:
        for uid in reversed(self.recent):
            if self.actors[uid].kind in kinds:
                return uid
        return None

    def _pronoun(self, word: str, sent: _Sentence, a: _Anchor | None) -> int | None:
        gender = _PRONOUNS.get(word, "")
        if gender == "w":
            return None
        if gender in ("m", "f"):
            # The current sentence's earlier speaker, then earlier sentences' subjects.
            for uid in self._sentence_people(sent, a):
                if self._gender_ok(uid, gender):
                    return uid
            for idx, uid in reversed(self.salient_people):
                if (
                    idx < sent.idx
                    and sent.idx - idx <= 6
                    and self._gender_ok(self._live(uid), gender)
                ):
                    return self._live(uid)
            for uid in reversed(self.recent):
                if self.actors[uid].kind == "person" and self._gender_ok(uid, gender):
                    return uid
            return None
        for idx, uid in reversed(self.salient_orgs):
            if idx <= sent.idx and sent.idx - idx <= 4:
                return self._live(uid)
        return self._recent_kind(("organisation", "government", "media"))

    def _sentence_people(self, sent: _Sentence, a: _Anchor | None) -> list[int]:
        if a is None:
            return []
        limit = sent.toks[a.i][0]
        for m in sent.mentions:
            if (
                m.uid is not None
                and m.e < limit
                and not m.poss
                and not sent.in_quote(m.s)
                and self.actors[self._live(m.uid)].kind == "person"
            ):
                return [self._live(m.uid)]
        return []

    def _gender_ok(self, uid: int, gender: str) -> bool:
        g = self.actors[uid].gender
        return not g or g == gender

    def _sentence_subject(self, sent: _Sentence, a: _Anchor) -> int | None:
        limit = sent.toks[a.i][0]
        for m in sent.mentions:
            if m.uid is not None and m.e < limit and not m.poss:
                return self._live(m.uid)
        return None

    def _quote_ends_at(self, sent: _Sentence, pos: int) -> bool:
        return any(e == pos for _, e in sent.quotes)

    # ---- claims ------------------------------------------------------------------------

    def _claim(
        self, sent: _Sentence, a: _Anchor, anchors: list[_Anchor], idx: int
    ) -> tuple[int, int, bool, bool] | None:
        """(start, end, is_direct_quote, keep_verb) of the claim in sentence coordinates."""
        text = sent.text
        toks = sent.toks
        low = sent.low
        n = len(text)
        a0 = min(a.a0, toks[a.i][0])
        a1 = max(a.a1, toks[a.i][1])
        # Region: from the previous anchor's end to the next sibling anchor's start.
        region_start = 0
        for x in anchors[:idx]:
            if x.speaker is not None and x.a1 <= a0:
                region_start = max(region_start, x.a1)
        region_end = n
        for x in anchors[idx + 1 :]:
            # ", according to a statement" ends the claim even when it names no one.
            if (x.speaker is None and not x.elided and not x.according) or x.participle:
                continue  # participle clauses (", saying ...") belong to this claim
            xs = min(x.a0 or toks[x.i][0], toks[x.i][0])
            if xs <= a1:
                continue
            lead = text[a1:xs]
            before = text[:xs].rstrip()
            sibling = (
                x.elided
                or x.according
                or before.endswith(",")
                or re.search(
                    r"(?:,\s*|\s)(?:and|but|while|after|as|when|where|whereas|before|since)\s*$",
                    before,
                )
            )
            if sibling or '"' in lead:
                cut = re.search(
                    r"(?:,?\s*(?:and|but|while|after|as|when|where|whereas|before|since)\s*|,\s*)$",
                    text[:xs],
                )
                region_end = cut.start() if cut else xs
                break
        # 1. A direct quote right before the attribution, maybe continued right after it.
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
        # 2. According to: the rest of the sentence, or what came before it.
        if a.according:
            rest_start = a.a1
            if rest_start < n and text[rest_start : rest_start + 1] == ",":
                rest_start += 1
            before = text[region_start:a0].strip(" ,")
            after = text[rest_start:region_end].strip(" ,.")
            if before and len(before.split()) >= 3 and not after:
                return (region_start, a0, False, False)
            if after:
                return (rest_start, region_end, False, False)
            return None
        # 3. Forward: "said (that) ...", "denied that ...", "told reporters ...".
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
        if "," in text[a1 : forward_start + 1] and _SUBORDINATE_RE.match(fwd):
            fwd_words = 0
        starts_that = bool(re.match(r"that\b", fwd))
        # 4. Backward: "CLAIM, Governor Lena Fischer said on Thursday."
        back = text[region_start:a0].rstrip()
        if (
            (fwd_words <= 3 or (a.lemma == "tell" and fwd_words <= 5))
            and not starts_that
            and back.endswith(",")
        ):
            bs = region_start
            while bs < a0 and text[bs] in " ,":
                bs += 1
            if len(re.findall(r"\w+", back)) >= 3 and not a.deny:
                whole = text[bs : region_start + len(back)].rstrip(", ")
                is_quote = any(qs == bs and qe >= bs + len(whole) - 1 for qs, qe in sent.quotes)
                return (bs, bs + len(whole), is_quote, False)
        if fwd_words >= 2 or (a.deny and fwd_words >= 1):
            keep = a.deny or a.lemma in _KEEP_VERB or fwd.startswith("to ")
            if a.lemma in _DESCRIBE and not a.deny and self._relative_describe(sent, a):
                return (-1, region_end, False, True)
            if starts_that and not a.deny:
                keep = False
                forward_start += text[forward_start:].find("that") + 4
            if keep:
                return (toks[a.i][0], region_end, False, True)
            return (forward_start, region_end, False, False)
        return None

    def _relative_describe(self, sent: _Sentence, a: _Anchor) -> bool:
        """'a move the government described as ...': the described thing comes before."""
        a0 = a.a0
        before = sent.text[:a0].rstrip()
        m = re.search(r"([a-z]+)$", before)
        return bool(m) and m.group(1) not in _COMMON and m.group(1) not in _CONJ

    def _skip_object(self, sent: _Sentence, k: int, lemma: str) -> int:
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
                        or low[j]
                        in (
                            "statement",
                            "tweet",
                            "post",
                            "blog",
                            "interview",
                            "news",
                            "conference",
                            "briefing",
                            "letter",
                            "video",
                            "speech",
                            "televised",
                            "address",
                            "written",
                            "response",
                            "social",
                            "media",
                            "x",
                            "telegram",
                            "facebook",
                            "reporters",
                            "journalists",
                        )
                    )
                ):
                    j += 1
                return j
            return k
        j = k
        men = sent.mention_starting(j)
        if men is not None:
            return sent.tok_at(men.e)
        while j < n and low[j] in (
            "the",
            "a",
            "an",
            "his",
            "her",
            "its",
            "their",
            "state",
            "local",
            "national",
            "foreign",
        ):
            j += 1
        if j < n and (low[j] in _AUDIENCE or sent.text[sent.toks[j][0]].isupper()):
            j += 1
            if j + 1 < n and low[j] in ("in", "at") and sent.text[sent.toks[j + 1][0]].isupper():
                j += 2
            return j
        return k

    def _skip_adverbials(self, sent: _Sentence, k: int) -> int:
        low = sent.low
        n = len(low)
        while k < n:
            w = low[k]
            if (
                w in ("on", "last")
                and k + 1 < n
                and (low[k + 1] in _WEEKDAYS or low[k + 1] in _MONTHS or low[k + 1].isdigit())
            ):
                k += 2
                while k < n and (low[k].isdigit() or low[k] in _MONTHS or low[k] == ","):
                    if low[k] == "," and not (
                        k + 1 < n and (low[k + 1] in _MONTHS or low[k + 1].isdigit())
                    ):
                        break
                    k += 1
                continue
            if (
                w in ("in", "during")
                and k + 2 < n
                and low[k + 1] in ("a", "an", "the", "his", "her", "its", "their")
                and low[k + 2]
                in (
                    "statement",
                    "tweet",
                    "post",
                    "interview",
                    "briefing",
                    "speech",
                    "letter",
                    "video",
                    "written",
                    "televised",
                    "radio",
                    "blog",
                    "press",
                    "news",
                    "social",
                )
            ):
                j = k + 3
                while (
                    j < n
                    and j - k < 7
                    and low[j] not in (",", "that", '"', "`")
                    and not sent.text[sent.toks[j][0]].isupper()
                    and low[j]
                    in (
                        "response",
                        "statement",
                        "post",
                        "conference",
                        "interview",
                        "address",
                        "on",
                        "with",
                        "media",
                        "release",
                        "briefing",
                    )
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
            break
        return k

    def _record(
        self,
        sent: _Sentence,
        a: _Anchor,
        c0: int,
        c1: int,
        quote: bool,
        keep_verb: bool,
        frame: _Anchor | None,
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
        named = frozenset(self._live(m.uid) for m in sent.mentions if m.uid is not None)
        if a.deny:
            # "calling his remarks premature": "his" names whose words are being denied.
            for k in range(a.j, len(sent.low)):
                w = sent.low[k]
                if w in ("his", "her") and not sent.in_quote(sent.toks[k][0]):
                    who = self._pronoun("he" if w == "his" else "she", sent, a)
                    if who is not None:
                        named = named | {who}
            # "rejected the union's account", "the researcher's findings".
            for om in re.finditer(r"\b(?:the|its|their)\s+([a-z]+)'s\b", text[sent.toks[a.i][0] :]):
                noun = om.group(1)
                who = None
                if noun in _TITLE_ORG:
                    who = self._resolve_org_title(noun)
                elif noun in _ROLE_HEADS:
                    who = self._resolve_person_title(noun)
                if who is not None:
                    named = named | {who}
        lo, hi = (c0, c1) if c0 >= 0 else (0, len(text))
        in_text = frozenset(
            self._live(m.uid) for m in sent.mentions if m.uid is not None and lo <= m.s < hi
        )
        if quote:
            self.last_quote = (sent.idx, uid)
        strong = False
        deny = a.deny
        if not deny and _STRONG_DENIAL_RE.search(claim_clean):
            deny = True
            strong = True
        self.claims.append(
            _Claim(
                uid=uid,
                text=claim_clean[:_TEXT_MAX],
                evidence=evidence,
                sent_idx=sent.idx,
                pos=sent.start + max(c0, 0),
                said_on=self._said_on(sent),
                quote=quote,
                denial=deny,
                strong=strong,
                named=named,
                in_text=in_text,
                stems=_content_stems(claim_clean if not deny else text),
                frame=self._live(frame.speaker)
                if frame is not None and frame.speaker is not None and frame is not a
                else None,
            )
        )

    def _resolve_pending(self, sent: _Sentence) -> None:
        keep = []
        for old, a, anchors, head in self.pending:
            if old is sent:
                keep.append((old, a, anchors, head))
                continue
            if sent.idx - old.idx > 3:
                continue
            found = None
            for m in sent.mentions:
                if m.uid is None:
                    continue
                actor = self.actors[self._live(m.uid)]
                if (
                    actor.kind == "person"
                    and head in actor.role.lower()
                    and actor.pos >= sent.start
                ):
                    found = actor.uid
                    break
            if found is None:
                keep.append((old, a, anchors, head))
                continue
            a.speaker = found
            result = self._claim(old, a, anchors, anchors.index(a))
            if result is not None:
                c0, c1, quote, keep_verb = result
                self._record(old, a, c0, c1, quote, keep_verb, None)
        self.pending = keep

    def _continued_quote(self, sent: _Sentence) -> None:
        """A sentence that is all quote, right after a quoted speaker, is still that speaker:
        '"Mateo is happy here," Almeida said. "We read the story and laughed."'."""
        if self.last_quote is None or self.last_quote[0] != sent.idx - 1:
            return
        text = sent.text
        if (
            not sent.quotes
            or sent.quotes[0][0] != 0
            or sent.quotes[0][1] < len(text.rstrip(" .")) - 1
        ):
            return
        claim = self._clean_claim(self._original(sent, text, 0, len(text)), True)
        if len(re.findall(r"\w+", claim)) < 2:
            return
        uid = self.last_quote[1]
        self.claims.append(
            _Claim(
                uid=uid,
                text=claim[:_TEXT_MAX],
                evidence=self._evidence(sent),
                sent_idx=sent.idx,
                pos=sent.start,
                said_on=self._said_on(sent),
                quote=True,
                named=frozenset(),
                in_text=frozenset(),
                stems=_content_stems(claim),
            )
        )
        self.last_quote = (sent.idx, uid)

    def _embedded_claims(self, sent: _Sentence, anchors: list[_Anchor]) -> None:
        """'allegations made by Lukashenko that he agreed ...' / "Vasquez's claims that ..."."""
        text = sent.text
        for m in re.finditer(
            r"\b(?:claims?|allegations?|accusations?|assertions?|suggestions?|reports?)\s+"
            r"(?:(?:made|levelled|leveled|published|issued|voiced|spread|repeated)\s+)?by\s+",
            text,
        ):
            men = next(
                (
                    x
                    for x in sent.mentions
                    if x.ext <= m.end() + 40 and x.s >= m.end() and x.uid is not None
                ),
                None,
            )
            if men is None:
                continue
            rest = text[men.e :]
            tm = re.match(r"\s*(?:,[^,]{0,80},\s*)?that\s+", rest)
            if not tm:
                continue
            c0 = men.e + tm.end()
            c1 = len(text)
            for x in anchors:
                xs = sent.toks[x.i][0]
                if xs > c0 and x.speaker is not None:
                    cut = re.search(
                        r"(?:,\s*(?:and|but|while|after)?\s*|\s(?:and|but)\s)$", text[:xs]
                    )
                    c1 = cut.start() if cut else xs
                    break
            claim = self._clean_claim(self._original(sent, text[c0:c1], c0, c1), False)
            # "X denied claims by Y that he ...": "he" is the one denying.
            denier = next(
                (
                    x
                    for x in anchors
                    if x.deny and x.speaker is not None and sent.toks[x.i][0] < m.start()
                ),
                None,
            )
            if denier is not None:
                d_actor = self.actors[self._live(denier.speaker)]  # type: ignore[arg-type]
                pron = re.match(r"(he|she|they|it)\b", claim, re.IGNORECASE)
                if pron:
                    short = d_actor.name.split()[-1] if d_actor.kind == "person" else d_actor.name
                    claim = short + claim[pron.end() :]
            if len(claim.split()) < 2:
                continue
            uid = self._live(men.uid)  # type: ignore[arg-type]
            named = frozenset(self._live(x.uid) for x in sent.mentions if x.uid is not None)
            in_text = frozenset(
                self._live(x.uid) for x in sent.mentions if x.uid is not None and c0 <= x.s < c1
            ) | (
                frozenset([self._live(denier.speaker)])
                if denier is not None and denier.speaker is not None
                else frozenset()
            )
            self.claims.append(
                _Claim(
                    uid=uid,
                    text=claim[:_TEXT_MAX],
                    evidence=self._evidence(sent),
                    sent_idx=sent.idx,
                    pos=sent.start + c0,
                    said_on=self._said_on(sent),
                    quote=False,
                    named=named,
                    in_text=in_text,
                    stems=_content_stems(claim),
                )
            )

    def _original(self, sent: _Sentence, claim: str, c0: int, c1: int) -> str:
        """The claim in the analyst's own characters (curly quotes and all)."""
        if c0 < 0 or len(claim) != c1 - c0:
            # Rebuilt text: map back through the cleaned article where possible.
            return claim.replace("`", "‘")
        return self.clean[sent.start + c0 : sent.start + c1].replace("\n", " ")

    @staticmethod
    def _clean_claim(claim: str, quote: bool) -> str:
        claim = " ".join(claim.split())
        claim = claim.strip(" ,;:-–—")
        if claim.lower().startswith("that "):
            claim = claim[5:]
        if quote:
            # Join a split quote: '"My client," Cole argued, "followed ..."' -> one sentence.
            parts = re.findall(r"[\"“”„«»‘’`'](.+?)[\"“”„«»’'](?=\s|$|[,.;:!?])", claim)
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

    def _evidence(self, sent: _Sentence) -> str:
        ev = " ".join(self.clean[sent.start : sent.end].split())
        return ev[:_EVIDENCE_MAX]

    # ---- rebuttals and results ---------------------------------------------------------

    def link(self) -> tuple[list[tuple[_Claim, _Claim | None]], list[_Claim]]:
        """Pair each denial with the claim it answers; unpaired denials become statements."""
        statements = sorted((c for c in self.claims if not c.denial), key=lambda c: c.sent_idx)
        positions = [c.sent_idx for c in statements]
        pairs: list[tuple[_Claim, _Claim | None]] = []
        for d in (c for c in self.claims if c.denial):
            d_uid = self._live(d.uid)
            d_aff = self.actors[d_uid].affiliation.lower()
            scored: list[tuple[float, _Claim]] = []
            # Bounded window: a denial answers a claim in the same stretch of the article.
            lo = bisect.bisect_left(positions, d.sent_idx - 60)
            named = {self._live(u) for u in d.named} - {d_uid}
            for ci in range(lo, len(statements)):
                c = statements[ci]
                if c.sent_idx > d.sent_idx + 12:
                    break
                c_uid = self._live(c.uid)
                if c_uid == d_uid:
                    continue
                c_actor = self.actors[c_uid]
                if d_aff and c_actor.name.lower() == d_aff:
                    continue
                if (
                    c_actor.affiliation
                    and c_actor.affiliation.lower() == self.actors[d_uid].name.lower()
                ):
                    continue
                score = 0.0
                if c_uid in named:
                    score += 4.0
                elif c_actor.affiliation and any(
                    self.actors[u].name.lower() == c_actor.affiliation.lower() for u in named
                ):
                    score += 3.0
                if c.frame is not None and c.frame in named:
                    score += 1.5
                in_text = {self._live(u) for u in c.in_text}
                if d_uid in in_text:
                    score += 2.0
                if c.stems and d.stems:
                    shared = len(c.stems & d.stems)
                    score += 3.0 * shared / math.sqrt(len(c.stems) * len(d.stems))
                dist = d.sent_idx - c.sent_idx
                if dist >= 0:
                    score += 1.0 / (1.0 + dist / 2.0)
                else:
                    score += 0.5 / (1.0 + -dist / 2.0)
                scored.append((score, c))
            best: _Claim | None = None
            best_score = 0.0
            for score, c in scored:
                if score > best_score:
                    best, best_score = c, score
            if best is not None:
                # A denial answers the organisation rather than the person speaking for it:
                # prefer the principal's own claim when it matches nearly as well.
                aff = self.actors[self._live(best.uid)].affiliation.lower()
                if aff:
                    principal = [
                        (sc, c)
                        for sc, c in scored
                        if self.actors[self._live(c.uid)].name.lower() == aff
                        and sc >= best_score - 1.5
                    ]
                    if principal:
                        best = max(principal, key=lambda x: x[0])[1]
            # A denial verb always answers something; denial words inside a report need more.
            need = 0.8 if d.strong else 0.5
            pairs.append((d, best if best_score >= need else None))
        return pairs, statements

    def results(self) -> Suggestions:
        pairs, statements = self.link()
        warnings: list[str] = []
        # Unlinked denials stay as statements ("The company denied any wrongdoing").
        orphan = [d for d, target in pairs if target is None]
        all_statements = sorted(statements + orphan, key=lambda c: (c.pos, c.sent_idx))
        # Known actors may have pulled two suggestions onto one stored actor: merge them.
        by_existing: dict[int, int] = {}
        for actor in self.actors:
            if actor.merged_into is not None or actor.existing_id is None:
                continue
            if actor.existing_id in by_existing:
                actor.merged_into = by_existing[actor.existing_id]
            else:
                by_existing[actor.existing_id] = actor.uid
        used: dict[int, None] = {}
        for c in all_statements:
            used.setdefault(self._live(c.uid), None)
        for d, target in pairs:
            if target is not None:
                used.setdefault(self._live(d.uid), None)
        actor_keys: dict[int, str] = {}
        out_actors: list[SuggestedActor] = []
        live = [a for a in self.actors if a.merged_into is None]
        live.sort(key=lambda a: a.pos)
        for actor in live:
            key = f"a{len(out_actors) + 1}"
            actor_keys[actor.uid] = key
            aliases = [
                x for x in dict.fromkeys(actor.aliases) if x.casefold() != actor.name.casefold()
            ]
            out_actors.append(
                SuggestedActor(
                    key=key,
                    name=actor.name[:_NAME_MAX],
                    kind=actor.kind,
                    role=actor.role[:_SHORT_MAX],
                    affiliation=actor.affiliation[:_SHORT_MAX],
                    aliases=aliases[:100],
                    existing_id=actor.existing_id,
                    evidence=actor.evidence[:_EVIDENCE_MAX],
                )
            )
        for actor in self.actors:
            if actor.merged_into is not None:
                actor_keys[actor.uid] = actor_keys[self._live(actor.uid)]
        out_statements: list[SuggestedStatement] = []
        claim_key: dict[int, str] = {}
        seen: dict[tuple[str, str], str] = {}
        for c in all_statements:
            akey = actor_keys[self._live(c.uid)]
            sig = (akey, c.text.casefold())
            if sig in seen:
                claim_key[id(c)] = seen[sig]
                continue
            key = f"s{len(out_statements) + 1}"
            seen[sig] = key
            claim_key[id(c)] = key
            out_statements.append(
                SuggestedStatement(
                    key=key,
                    actor_key=akey,
                    text=c.text,
                    evidence=c.evidence,
                    said_on=c.said_on,
                    quote=c.quote,
                )
            )
        out_rebuttals: list[SuggestedRebuttal] = []
        seen_r: set[tuple[str, str, str]] = set()
        for d, target in pairs:
            if target is None:
                continue
            akey = actor_keys[self._live(d.uid)]
            skey = claim_key[id(target)]
            sig = (akey, skey, d.text.casefold())
            if sig in seen_r:
                continue
            seen_r.add(sig)
            out_rebuttals.append(
                SuggestedRebuttal(
                    key=f"r{len(out_rebuttals) + 1}",
                    actor_key=akey,
                    statement_key=skey,
                    text=d.text,
                    evidence=d.evidence,
                    said_on=d.said_on,
                )
            )
        if not out_actors and not out_statements:
            warnings.append(
                "No actors or statements were recognised: the text may not be a news article, "
                "or it names nobody. Add them by hand."
            )
        elif not out_statements:
            warnings.append(
                "No statements were recognised: no one is quoted or reported as saying anything."
            )
        return Suggestions(out_actors, out_statements, out_rebuttals, warnings)


_GROUP_RE = re.compile(
    r"\b([A-Z][\w'-]*(?:[ ][A-Z][\w'-]*)?)[ ](" + "|".join(_GROUP_NOUNS) + r")\b"
)
_ORG_CUE_END_RE = re.compile(r"(?:^|\W)(" + "|".join(_ORG_CUES) + r")$")
_INVERTIBLE_START_RE = re.compile(r"^\s*(?:" + "|".join(sorted(_INVERTIBLE)) + r")\b")
_POSSESSIVE_TAIL_RE = re.compile(r"([A-Z][\w.-]*(?: [A-Z][\w.-]*)?)'s $")
_PLURAL_VERB_RE = re.compile(r"(?:have|are|were)\b")
_NEXT_LOWER_RE = re.compile(r" ([a-z][a-z-]+)")
_LAST_LOWER_RE = re.compile(r"([a-z][a-z-]*) $")
_HONORIFIC_GENDER = _pairs("mr:m sir:m lord:m herr:m mrs:f ms:f miss:f lady:f dame:f mme:f mlle:f")
_PREPOSITIONS = _words(
    "in at from near outside inside on with by for of across into within over under"
)
# Words that open an aside between commas: ", however,", ", who has ruled Belarus since 1994,".
_PARENTHETICAL_OPENERS = _words(
    """who which whose however meanwhile though too speaking in on at for a an the also
    according after before citing"""
)
_STOP_NP = frozenset({",", ".", ";", ":", '"', "`", "and", "but", "that", "who", "which", "while"})
_WEAK_ROLES = _words(
    """professor prof dr doctor colonel col general gen captain capt lieutenant lt sergeant sgt
    major admiral sir lord dame lady"""
)
_CONN_SET = frozenset(
    "of for and & in on de da del der den van von al bin ibn el la le du dos das di y the".split()
)


def _attr(obj: Any, name: str, default: Any) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def extract(
    text: str,
    *,
    known_actors: Iterable[Any] = (),
    published: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> Suggestions:
    """Suggest actors, statements and rebuttals found in an article's text.

    ``known_actors`` are objects (or dicts) with ``id``, ``name``, ``aliases``, ``kind`` and
    ``role``: a suggestion that matches one by full name, surname or alias gets its
    ``existing_id`` and name. ``published`` resolves "on Monday", "yesterday" and dates without
    a year. ``progress(fraction)`` is called now and then. Raises :class:`IngestError` when
    the text is empty or not text at all.
    """
    if not isinstance(text, str):
        raise IngestError(
            f"The article must be text, not {type(text).__name__}: paste text or choose a file."
        )
    if published is not None and not isinstance(published, dt.date):
        raise IngestError("The publication date must be a date (YYYY-MM-DD) or left empty.")
    if isinstance(published, dt.datetime):
        published = published.date()
    prepared = _prepare(text)
    if not prepared.strip():
        raise IngestError("The article is empty: paste text or choose a file with text in it.")
    known = [k for k in (known_actors or ()) if k is not None]
    extractor = _Extractor(prepared, known, published, progress)
    extractor.run()
    result = extractor.results()
    _match_known(result, known)
    if progress:
        progress(1.0)
    return result


def _adopt_known(actor: Any, known: Any) -> None:
    """Take a stored actor's id, name, kind and (if ours has none) role; keep our name as an
    alias. ``actor`` is an extraction-time actor or a SuggestedActor (same attributes)."""
    kid = _attr(known, "id", None)
    if isinstance(kid, int):
        actor.existing_id = kid
    kname = _attr(known, "name", "")
    if isinstance(kname, str) and kname.strip() and kname.strip() != actor.name:
        if actor.name not in actor.aliases:
            actor.aliases.append(actor.name)
        actor.name = _norm_name(kname)[:_NAME_MAX]
    kind = _attr(known, "kind", "")
    if kind in ("person", "organisation", "government", "media", "other"):
        actor.kind = str(kind)
    if not actor.role:
        krole = _attr(known, "role", "")
        if isinstance(krole, str):
            actor.role = krole[:_SHORT_MAX]


def _match_known(result: Suggestions, known: list[Any]) -> None:
    """Set ``existing_id`` on suggestions that match a stored actor the run did not see by name."""
    if not known:
        return
    by_name: dict[str, Any] = {}
    by_surname: dict[str, list[Any]] = {}
    for k in known:
        name = _attr(k, "name", "")
        if not isinstance(name, str) or not name.strip():
            continue
        for alias in [name, *[a for a in (_attr(k, "aliases", []) or []) if isinstance(a, str)]]:
            by_name.setdefault(_key_of(alias), k)
        parts = _norm_name(name).split()
        if (_attr(k, "kind", "") or "") == "person" and len(parts) >= 2:
            by_surname.setdefault(parts[-1].casefold(), []).append(k)
    for actor in result.actors:
        if actor.existing_id is not None:
            continue
        match = None
        for candidate in [actor.name, *actor.aliases]:
            match = by_name.get(_key_of(candidate))
            if match is not None:
                break
        if match is None and actor.kind == "person":
            sur = _norm_name(actor.name).split()[-1].casefold() if actor.name.strip() else ""
            options = by_surname.get(sur, [])
            if len(options) == 1:
                match = options[0]
        if match is None:
            continue
        actor.existing_id = None
        _adopt_known(actor, match)
