"""Article import (store.ingest): the sample article, the annotated corpus, known actors,
dates, bad input, long input, and a property test that extract() never fails unexpectedly."""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.ingest import (
    IngestError,
    SuggestedStatement,
    Suggestions,
    extract,
    read_article,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = Path("/work/shared/seed/kellogg-lukashenko.txt")
CORPUS = ROOT / "tests" / "ingest_corpus"
DEV = CORPUS / "dev"
SAMPLE_FALLBACK = CORPUS / "kellogg-lukashenko.sample"


def _seed_text() -> str:
    # The shared seed article; a copy travels with the tests for machines without /work/shared.
    path = SEED if SEED.exists() else SAMPLE_FALLBACK
    return path.read_text(encoding="utf-8")


def _load_eval():
    spec = importlib.util.spec_from_file_location("ingest_eval", ROOT / "bench" / "ingest_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


def _actor(result: Suggestions, surname: str):
    found = [a for a in result.actors if surname.casefold() in a.name.casefold()]
    assert found, f"no actor named like {surname!r} in {[a.name for a in result.actors]}"
    return found[0]


def _statements_of(result: Suggestions, key: str) -> list[SuggestedStatement]:
    return [s for s in result.statements if s.actor_key == key]


def _check_integrity(result: Suggestions) -> None:
    actor_keys = [a.key for a in result.actors]
    statement_keys = [s.key for s in result.statements]
    assert len(set(actor_keys)) == len(actor_keys)
    assert len(set(statement_keys)) == len(statement_keys)
    for a in result.actors:
        assert a.name.strip() and len(a.name) <= 200
        assert a.kind in {"person", "organisation", "government", "media", "other"}
    for s in result.statements:
        assert s.actor_key in actor_keys
        assert s.text.strip() and len(s.text) <= 10_000
        assert s.said_on is None or dt.date.fromisoformat(s.said_on)
    for r in result.rebuttals:
        assert r.actor_key in actor_keys
        assert r.statement_key in statement_keys
        target = next(s for s in result.statements if s.key == r.statement_key)
        assert target.actor_key != r.actor_key, "a rebuttal answers someone else's claim"


# --------------------------------------------------------------------------------------------
# The sample article
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Suggestions:
    return extract(_seed_text(), published=dt.date(2025, 7, 1))


def test_sample_finds_the_people_with_their_roles(sample: Suggestions) -> None:
    kellogg = _actor(sample, "Kellogg")
    assert kellogg.name == "Keith Kellogg"
    assert kellogg.kind == "person"
    assert kellogg.role == "U.S. Special Envoy for Ukraine"
    lukashenko = _actor(sample, "Lukashenko")
    assert (lukashenko.name, lukashenko.role) == ("Alexander Lukashenko", "Belarusian dictator")
    putin = _actor(sample, "Putin")
    assert (putin.name, putin.role) == ("Vladimir Putin", "Russian President")
    prisoner = _actor(sample, "Tsikhanouski")
    assert (prisoner.name, prisoner.role) == ("Siarhei Tsikhanouski", "political prisoner")
    assert "Kellogg" in kellogg.aliases  # later mentions by surname are the same actor
    names = [a.name for a in sample.actors]
    assert len(names) == len(set(names))


def test_sample_finds_the_belarusian_government(sample: Suggestions) -> None:
    government = _actor(sample, "Belarusian government")
    assert government.kind == "government"


def test_sample_has_no_places_or_dates_as_actors(sample: Suggestions) -> None:
    names = {a.name.casefold() for a in sample.actors}
    for not_an_actor in (
        "ukraine",
        "russia",
        "minsk",
        "washington",
        "belarus",
        "june",
        "kremlin's",
    ):
        assert not_an_actor not in names


def test_sample_statements(sample: Suggestions) -> None:
    lukashenko = _actor(sample, "Lukashenko")
    claims = [s.text for s in _statements_of(sample, lukashenko.key)]
    # His claim that Kellogg agreed to work on halting the drone strikes.
    assert any("Kellogg agreed" in c and "drone" in c for c in claims), claims
    putin = _actor(sample, "Putin")
    positions = [s.text for s in _statements_of(sample, putin.key)]
    assert any("ceasefire" in p and "drone strikes" in p for p in positions), positions
    government = _actor(sample, "Belarusian government")
    described = [s for s in _statements_of(sample, government.key)]
    assert any("reconciliation" in s.text and "Tsikhanouski" in s.text for s in described)
    for s in sample.statements:
        assert s.evidence and s.text.split()[0].lower() not in {"said", "that"}
    # Narrative sentences are not statements: "Lukashenko, who has ruled Belarus since 1994 ...
    # has allowed Russian troops ..." reports what he did, not what he said.
    assert not any("1994" in s.text or "regime" in s.text for s in sample.statements)
    # Kellogg's clarification right after his denial ("the discussion ... was focused on a
    # full and unconditional ceasefire") is the denial's substance: a rebuttal, not a statement.
    assert len(sample.statements) == 5, [s.text for s in sample.statements]
    assert any("unconditional ceasefire" in r.text for r in sample.rebuttals)
    _check_integrity(sample)


def test_sample_kellogg_denial_is_a_rebuttal_of_lukashenko(sample: Suggestions) -> None:
    kellogg = _actor(sample, "Kellogg")
    lukashenko = _actor(sample, "Lukashenko")
    by_key = {s.key: s for s in sample.statements}
    rebuttals = [r for r in sample.rebuttals if r.actor_key == kellogg.key]
    assert rebuttals
    for r in rebuttals:
        target = by_key[r.statement_key]
        assert target.actor_key == lukashenko.key
        assert "Kellogg" in target.text
    assert any("denied" in r.text.lower() for r in rebuttals)
    assert any("out of context" in r.text for r in rebuttals)
    # Denials are rebuttals, not statements of their own.
    assert not any("denied" in s.text.lower() for s in _statements_of(sample, kellogg.key))


def test_sample_dates_need_a_publication_date() -> None:
    dated = extract(_seed_text(), published=dt.date(2025, 7, 1))
    conveyed = next(s for s in dated.statements if "conveyed" in s.text)
    assert conveyed.said_on == "2025-06-21"  # "a meeting on June 21"
    undated = extract(_seed_text())
    conveyed = next(s for s in undated.statements if "conveyed" in s.text)
    assert conveyed.said_on is None  # a month and day without a year stays unresolved


# --------------------------------------------------------------------------------------------
# Phrasing, dates and resolution on small texts
# --------------------------------------------------------------------------------------------


def test_quotes_straight_curly_before_and_after_the_speaker() -> None:
    text = (
        "“We will not back down,” said union leader Mark Evans on Monday.\n\n"
        'Evans told reporters: "The strike goes on."\n\n'
        'The company said the claims were exaggerated. "We have paid every bonus," it added.'
    )
    result = extract(text)
    evans = _actor(result, "Evans")
    assert evans.role == "union leader"
    quotes = {s.text: s.quote for s in _statements_of(result, evans.key)}
    assert quotes == {"We will not back down": True, "The strike goes on": True}
    _check_integrity(result)


def test_pronouns_and_titles_carry_the_speaker() -> None:
    text = (
        "Finance Minister Anna Berg said on Tuesday that taxes would not rise. "
        '"Not this year, not next year," she said. '
        "The minister added that the deficit was shrinking."
    )
    result = extract(text, published=dt.date(2024, 3, 7))
    berg = _actor(result, "Berg")
    texts = [s.text for s in _statements_of(result, berg.key)]
    assert len(texts) == 3, texts
    assert all(s.said_on == "2024-03-05" for s in _statements_of(result, berg.key))


def test_according_to_and_organisations() -> None:
    text = (
        "According to the World Health Organization, cases rose by 20 per cent in March. "
        "The State Department said the figures were worrying, according to a statement."
    )
    result = extract(text)
    who = _actor(result, "World Health Organization")
    state = _actor(result, "State Department")
    assert state.kind == "government"
    assert [s.text for s in _statements_of(result, who.key)] == [
        "Cases rose by 20 per cent in March"
    ]
    assert [s.text for s in _statements_of(result, state.key)] == ["The figures were worrying"]


def test_denial_links_to_the_claim_it_answers() -> None:
    text = (
        "Opposition leader Irina Vasquez said the election had been rigged. "
        "Transport Minister Daniel Okafor said the new bridge would open in May.\n\n"
        "The Central Election Commission rejected the allegations made by Vasquez, calling "
        "them baseless."
    )
    result = extract(text)
    commission = _actor(result, "Central Election Commission")
    vasquez = _actor(result, "Vasquez")
    (rebuttal,) = [r for r in result.rebuttals if r.actor_key == commission.key]
    target = next(s for s in result.statements if s.key == rebuttal.statement_key)
    assert target.actor_key == vasquez.key and "rigged" in target.text


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Berg said on 3 March 2024 that taxes would rise.", None, "2024-03-03"),
        ("Berg said on March 3, 2024 that taxes would rise.", None, "2024-03-03"),
        (
            "Berg said on Wednesday, November 29, that taxes would rise.",
            dt.date(2023, 12, 1),
            "2023-11-29",
        ),
        ("Berg said on June 21 that taxes would rise.", dt.date(2025, 7, 1), "2025-06-21"),
        ("Berg said on June 21 that taxes would rise.", None, None),
        ("Berg said yesterday that taxes would rise.", dt.date(2024, 1, 1), "2023-12-31"),
        ("Berg said yesterday that taxes would rise.", None, None),
        ("Berg said on Monday that taxes would rise.", dt.date(2024, 3, 6), "2024-03-04"),
        ("Berg said that taxes would rise.", dt.date(2024, 3, 6), None),
    ],
)
def test_dates(sentence: str, published: dt.date | None, expected: str | None) -> None:
    result = extract("Finance Minister Anna " + sentence, published=published)
    (statement,) = result.statements
    assert statement.said_on == expected


def test_undated_sentence_takes_the_paragraph_date_but_not_across_paragraphs() -> None:
    text = (
        "Finance Minister Anna Berg met unions on 3 March 2024. She said taxes would rise.\n\n"
        "Berg said the budget was balanced."
    )
    said_on = {s.text: s.said_on for s in extract(text).statements}
    assert said_on == {"Taxes would rise": "2024-03-03", "The budget was balanced": None}


# --------------------------------------------------------------------------------------------
# Known actors
# --------------------------------------------------------------------------------------------


def _known():
    return [
        SimpleNamespace(id=7, name="Keith Kellogg", aliases=[], kind="person", role="Envoy"),
        SimpleNamespace(
            id=8, name="Lukashenko, Alexander", aliases=["A. Lukashenko"], kind="person", role=""
        ),
        SimpleNamespace(
            id=9, name="Belarus", aliases=["Belarusian government"], kind="government", role=""
        ),
    ]


def test_known_actors_get_their_id_and_name() -> None:
    result = extract(_seed_text(), known_actors=_known())
    kellogg = _actor(result, "Kellogg")
    assert (kellogg.existing_id, kellogg.name) == (7, "Keith Kellogg")
    government = next(a for a in result.actors if a.existing_id == 9)
    assert government.name == "Belarus"  # the stored name wins over the suggested one
    assert "Belarusian government" in government.aliases
    putin = _actor(result, "Putin")
    assert putin.existing_id is None


def test_known_actor_matched_by_surname_and_alias() -> None:
    text = (
        "Kellogg told reporters the talks were useful. "
        "A. Lukashenko said on state television that the meeting had gone well."
    )
    known = _known()
    result = extract(text, known_actors=known)
    assert _actor(result, "Kellogg").existing_id == 7
    luka = [a for a in result.actors if a.existing_id == 8]
    assert len(luka) == 1 and luka[0].name == "Lukashenko, Alexander"
    # Dicts work too, and a surname shared by two stored people matches neither.
    twins = [
        {"id": 1, "name": "Anna Berg", "aliases": [], "kind": "person", "role": ""},
        {"id": 2, "name": "Lars Berg", "aliases": [], "kind": "person", "role": ""},
    ]
    result = extract("Berg said the plan was final.", known_actors=twins)
    assert all(a.existing_id is None for a in result.actors)
    result = extract("Anna Berg said the plan was final.", known_actors=twins)
    assert _actor(result, "Berg").existing_id == 1


# --------------------------------------------------------------------------------------------
# The annotated corpus (bench/ingest_eval.py prints the full table)
# --------------------------------------------------------------------------------------------


# Dev articles the extractor does not handle yet, named so the gap stays visible: a
# defamation row whose defence lines read as statements (two claims invented, one missed);
# a caterer's answer to parents' complaints that uses no denial word and names no accuser
# (its two rebuttals read as statements; an unnamed parents' association is given to the
# school).
# Dev articles whose failures are not fixed yet (the 106-131 ones were scored before fixing;
# what they still miss is reported, not tuned away).
KNOWN_WEAK = {
    "71-chef-defamation",
    "98-school-meals",
    "123-assault-charge",
    "127-wedding-couple",
}


def test_corpus_meets_the_quality_bar() -> None:
    evaluation = _load_eval()
    results, totals = evaluation.evaluate(DEV)
    assert len(results) >= 12
    for name, score in totals.items():
        assert score.f1 >= 0.8, f"{name}: F1 {score.f1:.2f}"
    # The measure, mean F1 per article, kept near where dev stands (a guard
    # against regressions; dev is tuned on, so it says nothing of unseen text).
    for part, floor in (("actors", 0.95), ("statements", 0.9), ("rebuttals", 0.8)):
        mean = sum(getattr(r, part).f1 for r in results) / len(results)
        assert mean >= floor, f"{part}: mean F1 per article {mean:.3f} < {floor}"
    for r in results:
        if r.name in KNOWN_WEAK:
            continue
        # Every article: most of its actors and statements are found, and little is
        # invented (one slip is allowed: in a two-claim article it halves precision).
        for score, floor in ((r.actors, 0.7), (r.statements, 0.6)):
            assert score.recall >= floor or score.fn <= 1, (r.name, r.notes)
            assert score.precision >= floor or score.fp <= 1, (r.name, r.notes)


def test_corpus_files_are_paired_and_well_formed() -> None:
    import json

    texts = sorted(DEV.glob("*.txt"))
    assert len(texts) >= 12
    for txt in texts:
        meta = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        names = {a["name"] for a in meta["actors"]}
        for item in meta["statements"] + meta["rebuttals"]:
            assert item["actor"] in names, (txt.name, item)
        for item in meta["rebuttals"]:
            assert item["target"] in names, (txt.name, item)


# --------------------------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n", "\u200b\ufeff"])
def test_empty_text_raises(text: str) -> None:
    with pytest.raises(IngestError, match="empty"):
        extract(text)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-article.txt"
    with pytest.raises(IngestError) as err:
        read_article(missing)
    assert str(missing) in str(err.value)


def test_folder_and_empty_file_raise(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="folder"):
        read_article(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    with pytest.raises(IngestError, match="empty"):
        read_article(empty)


def test_binary_file_raises(tmp_path: Path) -> None:
    blob = tmp_path / "photo.jpg"
    blob.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40)
    with pytest.raises(IngestError, match="binary") as err:
        read_article(blob)
    assert str(blob) in str(err.value)
    noise = tmp_path / "noise.bin"
    noise.write_bytes(bytes(random.Random(1).randrange(128, 256) for _ in range(4000)))
    with pytest.raises(IngestError, match="not look like text"):
        read_article(noise)


def test_non_utf8_file_decodes_with_a_warning(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes(
        "Ana Lopes, owner of the Café Central, said prices would rise.".encode("latin-1")
    )
    text, warnings = read_article(latin)
    assert "\ufffd" in text and "Lopes" in text
    assert warnings == [
        "The file was not valid UTF-8; 1 byte was replaced. "
        "Check names with accents in the suggestions."
    ]
    assert extract(text).statements


def test_utf8_bom_and_utf16_files_read_cleanly(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffKellogg said the talks were useful.".encode())
    assert read_article(bom) == ("Kellogg said the talks were useful.", [])
    wide = tmp_path / "utf16.txt"
    wide.write_bytes("Kellogg said the talks were useful.".encode("utf-16"))
    assert read_article(wide) == ("Kellogg said the talks were useful.", [])


# --------------------------------------------------------------------------------------------
# Long input
# --------------------------------------------------------------------------------------------


def _long_document(size: int, seed: int = 3) -> str:
    """A long report: mostly prose, some news paragraphs, every paragraph different."""
    rnd = random.Random(seed)
    first = "Anna Boris Carla David Elena Farid Greta Hugo Irina Jonas".split()
    last = "Almeida Brandt Castro Dimitrov Eriksen Fischer Garcia Haddad Ivanova Jensen".split()
    topics = "budget contract report strike merger inquiry pipeline election tariff bridge".split()
    prose = (
        "The {t} had been discussed for {n} weeks, and the committee reviewed the figures again "
        "before the recess. Several members asked for more detail on the costs, which had risen "
        "by {n} per cent since the last review. "
        "Nobody expected a decision before the end of the year."
    )
    news = (
        "{f} {l}, the finance minister, said on Tuesday that the {t} would cost {n} million. "
        '"We will not accept this," said {f2} {l2}, who leads the opposition. '
        "The ministry denied the claim, calling it baseless."
    )
    parts: list[str] = []
    total = 0
    while total < size:
        template = news if rnd.random() < 0.15 else prose
        para = (
            template.format(
                t=rnd.choice(topics),
                n=rnd.randint(2, 999),
                f=rnd.choice(first),
                l=rnd.choice(last),
                f2=rnd.choice(first),
                l2=rnd.choice(last),
            )
            + f" (section {len(parts) + 1})"
        )
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts)[:size]


def test_a_100kb_article_completes_quickly() -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt")))
    text = (text + "\n\n") * (100_000 // len(text) + 1)
    start = time.perf_counter()
    result = extract(text[:100_000])
    assert time.perf_counter() - start < 5.0
    assert result.statements and result.rebuttals
    _check_integrity(result)


def test_ten_megabytes_completes_and_reports_progress() -> None:
    text = _long_document(10_000_000)
    assert len(text) == 10_000_000
    seen: list[float] = []
    result = extract(text, progress=seen.append)
    assert len(seen) > 10
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    assert all(0.0 <= f <= 1.0 for f in seen)
    assert len(result.statements) > 1000
    _check_integrity(result)


def test_pathological_single_paragraph_with_many_quotes() -> None:
    # No paragraph breaks, unbalanced quotes everywhere: still linear, still sane.
    text = ('He said "yes. She said "no, it said. ' * 10_000) + "Mr"
    result = extract(text)
    _check_integrity(result)


# --------------------------------------------------------------------------------------------
# Any text at all
# --------------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        " ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        '"',
        "“",
        "”",
        "‘",
        "’",
        "'",
        "(",
        ")",
        ":",
        "-",
        "said ",
        "denied ",
        "told reporters ",
        "according to ",
        "he ",
        "she ",
        "they ",
        "the minister ",
        "called the claims false",
        "Mr ",
        "Dr. ",
        "U.S. ",
        "President ",
        "Keith Kellogg ",
        "Kellogg ",
        "Ministry of Defence ",
        "Belarus ",
        "the government ",
        "on June 21 ",
        "Monday ",
        "yesterday ",
        "2024 ",
        "İ",
        "ß",
        "\u0301",
        "\x00",
        "\ufeff",
        "\U0001f600",
        "Ł",
        "ǅ",
    ]
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=60).map("".join)),
    published=st.one_of(st.none(), st.dates()),
)
def test_extract_returns_suggestions_or_raises_ingest_error(
    text: str, published: dt.date | None
) -> None:
    try:
        result = extract(text, published=published, known_actors=_known())
    except IngestError:
        assert not text.strip() or not "".join(ch for ch in text if ch.isprintable()).strip()
        return
    assert isinstance(result, Suggestions)
    _check_integrity(result)
