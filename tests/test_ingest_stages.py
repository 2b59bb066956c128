"""Each extraction stage on made-up sentences of one phenomenon (issue 13's failure kinds).

The corpus evaluation (bench/ingest_eval.py, test_ingest.py) scores the whole pipeline;
these pin down one rule each, so a change that breaks a rule says which.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from store.ingest import Suggestions, extract
from store.ingest import lexicon as lex
from store.ingest.names import key_of
from store.ingest.text import (
    headline_of,
    html_to_text,
    looks_like_html,
    paragraph_spans,
    quote_spans,
    sentence_spans,
)

PACKAGE = Path(__file__).resolve().parent.parent / "store" / "ingest"
PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday


def run(text: str) -> Suggestions:
    return extract(text, published=PUBLISHED)


def actor(result: Suggestions, name: str):
    found = [a for a in result.actors if a.name == name or name in a.aliases]
    assert found, f"no actor {name!r} in {[(a.name, a.aliases) for a in result.actors]}"
    return found[0]


def said_by(result: Suggestions, name: str) -> list[str]:
    key = actor(result, name).key
    return [s.text for s in result.statements if s.actor_key == key]


def rebuttals(result: Suggestions) -> list[tuple[str, str]]:
    """(who rebuts, whose claim) pairs by actor name."""
    names = {a.key: a.name for a in result.actors}
    owner = {s.key: names[s.actor_key] for s in result.statements}
    return [(names[r.actor_key], owner[r.statement_key]) for r in result.rebuttals]


# --------------------------------------------------------------------------------------------
# Package shape
# --------------------------------------------------------------------------------------------


def test_the_single_module_is_gone_and_stages_are_small() -> None:
    assert not (PACKAGE.parent / "ingest.py").exists()
    for path in PACKAGE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 600, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 80, f"{path.name}: {node.name} has {length} lines"


def test_every_word_list_file_is_loaded_by_name() -> None:
    loader = (PACKAGE / "lexicon" / "__init__.py").read_text(encoding="utf-8")
    files = sorted((PACKAGE / "lexicon").glob("*.txt"))
    assert len(files) > 40
    for path in files:
        assert f'"{path.stem}"' in loader, f"{path.name} is not loaded"
        for line in path.read_text(encoding="utf-8").splitlines():
            assert line == line.strip(), f"{path.name}: stray spaces in {line!r}"


def test_field_limits_come_from_the_models() -> None:
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^(?:NAME|SHORT|TEXT)_MAX\s*=", text, re.M), path.name


# --------------------------------------------------------------------------------------------
# text: decoding, HTML, paragraphs, sentences, quotes
# --------------------------------------------------------------------------------------------


def test_paragraphs_are_lines_when_there_are_no_blank_lines() -> None:
    assert len(paragraph_spans("One line.\nAnother line.")) == 2
    assert len(paragraph_spans("One\nparagraph.\n\nTwo.")) == 2


def test_abbreviations_and_quotes_do_not_end_sentences() -> None:
    para = 'The U.S. envoy spoke. "We are ready. We wait," he said. Then he left.'
    spans = sentence_spans(para, quote_spans(para))
    assert [para[s:e] for s, e in spans] == [
        "The U.S. envoy spoke.",
        '"We are ready. We wait," he said.',
        "Then he left.",
    ]


def test_an_unclosed_quote_runs_to_the_paragraph_end() -> None:
    para = '"Women should not drive that far. We have no figures.'
    assert quote_spans(para) == [(0, len(para))]


def test_html_is_reduced_to_its_text_and_headline() -> None:
    page = (
        "<!doctype html><html><head><title>Site | Story</title><style>p{}</style></head>"
        "<body><h1>Dockers walk out</h1><p>Maria Lopez said the strike &amp; the ban "
        "would go on.</p><script>var said = 1;</script><p>Second paragraph.</p></body></html>"
    )
    assert looks_like_html(page) and not looks_like_html("Plain <3 text, said Bob.")
    text, headline = html_to_text(page)
    assert headline == "Dockers walk out"
    assert "strike & the ban" in text and "var said" not in text and "p{}" not in text
    result = run(page)
    assert result.headline == "Dockers walk out"
    assert said_by(result, "Maria Lopez") == ["The strike & the ban would go on"]


def test_headline_is_a_short_title_line_not_a_sentence() -> None:
    assert headline_of("Port strike spreads\n\nWorkers said ...") == "Port strike spreads"
    assert headline_of("Workers walked out on Tuesday.\n\nMore.") == ""


# --------------------------------------------------------------------------------------------
# lexicon and names
# --------------------------------------------------------------------------------------------


def test_word_lists_are_lower_case_data() -> None:
    assert "said" in lex.VERB_FORMS and lex.VERB_FORMS["denied"] == ("deny", True)
    assert lex.MONTHS["march"] == 3
    assert all(w == w.lower() for w in lex.ROLE_HEADS)


def test_names_compare_with_abbreviations_expanded() -> None:
    assert key_of("the Treasury Dept") == key_of("Treasury Department")


# --------------------------------------------------------------------------------------------
# mentions: names split or glued, titles, places
# --------------------------------------------------------------------------------------------


def test_a_long_office_name_stays_whole() -> None:
    result = run("The Office of Fair Trading and Standards said the figures were wrong.")
    assert said_by(result, "Office of Fair Trading and Standards")


def test_a_title_with_its_object_before_a_name() -> None:
    result = run("Former U.K. Envoy to Chile Anna Marsh said the gap was too big.")
    marsh = actor(result, "Anna Marsh")
    assert marsh.kind == "person" and "Envoy to Chile" in marsh.role
    assert not [a for a in result.actors if "Chile" in a.name]


def test_two_organisations_joined_by_and_stay_two() -> None:
    result = run(
        "Analysts at Meridian Capital and Brandt & Cole disagreed. "
        "Meridian Capital said the trend mattered more."
    )
    assert said_by(result, "Meridian Capital")
    assert not [a for a in result.actors if " and " in a.name]


def test_a_title_alone_is_not_a_person() -> None:
    result = run("Dana Okafor, the Riverside MP, said the ward would close.")
    assert [a.name for a in result.actors] == ["Dana Okafor"]
    assert actor(result, "Dana Okafor").role == "Riverside MP"


def test_a_plural_noun_opens_a_body_name() -> None:
    result = run("Families for Fair Treatment said in a statement that 40 couples paid.")
    body = actor(result, "Families for Fair Treatment")
    assert body.kind == "organisation" and said_by(result, body.name)


def test_places_and_buildings_are_not_people() -> None:
    result = run("Councillor Ruth Gale said at Dalton Town Hall that the vote was rigged.")
    assert [a.name for a in result.actors] == ["Ruth Gale"]


def test_a_name_after_the_is_no_person() -> None:
    result = run('"It was a scandal," Ms Priya Nair said in an interview with the Harlow Star.')
    assert actor(result, "Harlow Star").kind != "person"


# --------------------------------------------------------------------------------------------
# registry: one actor under several names; pronouns and titles
# --------------------------------------------------------------------------------------------


def test_one_club_under_two_names() -> None:
    result = run(
        "Harbour Rovers FC said the report was wrong. Rovers FC chairman Graham Pike said "
        "every player had been paid."
    )
    club = actor(result, "Harbour Rovers FC")
    assert "Rovers FC" in club.aliases
    assert len([a for a in result.actors if "Rovers" in a.name]) == 1
    assert actor(result, "Graham Pike").affiliation == "Harbour Rovers FC"


def test_an_abbreviated_department_is_the_same_department() -> None:
    result = run(
        "The Treasury Department said the deficit fell. Critics said the Treasury Dept had "
        "left out payments. A Treasury spokesman said every payment was recorded."
    )
    assert len([a for a in result.actors if "Treasury" in a.name]) == 1
    assert len(said_by(result, "Treasury Department")) == 2


def test_an_honorific_and_a_surname_are_the_person() -> None:
    result = run("Dana Okafor said the ward would close. Hon. Okafor later said it was wrong.")
    assert [a.name for a in result.actors] == ["Dana Okafor"]
    assert len(said_by(result, "Dana Okafor")) == 2


def test_she_does_not_pick_a_man_mentioned_since() -> None:
    result = run(
        "Senator Maria Costa said the deal was unlawful.\n\nHer rival, John Petrov, called "
        "the remarks reckless. She later clarified that she meant the process."
    )
    assert "She meant the process" in said_by(result, "Maria Costa")
    assert ("John Petrov", "Maria Costa") in rebuttals(result)


def test_the_striker_is_the_untitled_person_just_speaking() -> None:
    result = run(
        'Leon Mbeki told reporters that wages went unpaid. "I spoke up," the 29-year-old '
        "striker claimed."
    )
    assert said_by(result, "Leon Mbeki") == ["Wages went unpaid", "I spoke up"]
    assert actor(result, "Leon Mbeki").role == "striker"


# --------------------------------------------------------------------------------------------
# speakers: who speaks, and who does not
# --------------------------------------------------------------------------------------------


def test_names_only_mentioned_are_not_speakers() -> None:
    result = run(
        "Mayor Alan Reyes told Channel 9 that the deal Victor Hale signed was void. The "
        "deal was cancelled in March, according to a wire report."
    )
    assert [a.name for a in result.speakers] == ["Alan Reyes"]
    assert all(not a.speaks for a in result.mentioned)


def test_the_object_of_an_accusation_is_not_its_speaker() -> None:
    result = run(
        "A patients' group has accused the Westbrook Clinic of charging for tests.\n\n"
        "Families for Fair Treatment said 40 couples had paid."
    )
    assert said_by(result, "Westbrook Clinic") == []
    assert len(said_by(result, "Families for Fair Treatment")) == 2
    assert [a.name for a in result.mentioned] == ["Westbrook Clinic"]


def test_officials_of_a_named_ministry_speak_for_it() -> None:
    result = run(
        "The Ministry of Transport said the bridge was safe. Ministry officials claim the "
        "contractor skipped two inspections."
    )
    assert len(said_by(result, "Ministry of Transport")) == 2


def test_a_spokesperson_speaks_for_the_body() -> None:
    result = run("Keel Logistics was named. A spokesperson for Keel Logistics said it had paid.")
    assert said_by(result, "Keel Logistics") == ["It had paid"]


# --------------------------------------------------------------------------------------------
# claims: without "said", documents, quotes over sentences and paragraphs
# --------------------------------------------------------------------------------------------


def test_said_in_a_statement_on_a_date_that() -> None:
    result = run("The Clean Air Trust said in a statement on 3 March that the river was safe.")
    (statement,) = result.statements
    assert statement.text == "The river was safe" and statement.said_on == "2024-03-03"


def test_cited_and_suspects_report_speech() -> None:
    result = run(
        "Professor Ian Cole cited three studies showing the drug was safe. The Clean Air "
        "Trust suspects that the plant exceeded its limits."
    )
    assert said_by(result, "Ian Cole") == ["Three studies showing the drug was safe"]
    assert said_by(result, "Clean Air Trust") == ["The plant exceeded its limits"]


def test_a_statement_with_a_colon_takes_the_next_paragraph() -> None:
    result = run(
        "Regulators questioned Keel Logistics on Monday.\n\n"
        "In a statement, the company said:\n\n"
        '"Every shipment was inspected and we will cooperate fully."'
    )
    assert said_by(result, "Keel Logistics") == [
        "Every shipment was inspected and we will cooperate fully"
    ]


def test_a_complaint_speaks_for_who_filed_it() -> None:
    result = run(
        "Ortega Foods has sued Brightline Logistics. The suit alleges that Brightline "
        "delivered spoiled goods."
    )
    assert said_by(result, "Ortega Foods") == ["Brightline delivered spoiled goods"]
    assert said_by(result, "Brightline Logistics") == []


def test_quotes_under_one_cue_are_one_statement() -> None:
    result = run('"We are happy here," Jorge Almeida said. "We read the story and laughed."')
    assert said_by(result, "Jorge Almeida") == ["We are happy here. We read the story and laughed"]


def test_a_quote_over_paragraphs_with_its_cue_at_the_end() -> None:
    result = run(
        '"Women in labour should not drive that far. We have no figures.\n\n'
        '"If the ministry has a case, it should make it," Dana Okafor said.'
    )
    (text,) = said_by(result, "Dana Okafor")
    assert text.startswith("Women in labour") and text.endswith("it should make it")


def test_a_dash_aside_after_the_verb_is_not_the_claim() -> None:
    result = run("The Alpha Workers Union argues - in a joint letter - that pay is too low.")
    assert said_by(result, "Alpha Workers Union") == ["Pay is too low"]


# --------------------------------------------------------------------------------------------
# denials and linking
# --------------------------------------------------------------------------------------------

CLAIM = "Councillor Ruth Marsh said the depot was unsafe and workers were at risk.\n\n"


@pytest.mark.parametrize(
    "denial",
    [
        "Keel Logistics strongly denies any wrongdoing.",
        "The claim has been refuted by Keel Logistics.",
        'Keel Logistics dismissed the accusations as "laughable".',
        "Keel Logistics called the allegations false and malicious.",
        "Keel Logistics rejected the allegations made by Ruth Marsh.",
        "Keel Logistics disputed the figures.",
    ],
)
def test_denials_answer_the_claim(denial: str) -> None:
    result = run(CLAIM + denial)
    assert rebuttals(result) == [("Keel Logistics", "Ruth Marsh")], result


def test_that_never_happened_follows_the_first_denial() -> None:
    result = run(
        CLAIM + "Dr Anna Bell, the firm's director, called the claims false. \"That never "
        'happened," she said.'
    )
    assert rebuttals(result) == [("Anna Bell", "Ruth Marsh"), ("Anna Bell", "Ruth Marsh")]


def test_an_accusation_in_a_clause_is_a_statement_that_can_be_denied() -> None:
    result = run(
        "The Dockworkers Union accused Keel Logistics of hiding injuries.\n\n"
        "Keel Logistics denied the accusation."
    )
    assert said_by(result, "Dockworkers Union") == ["Accused Keel Logistics of hiding injuries"]
    assert rebuttals(result) == [("Keel Logistics", "Dockworkers Union")]


def test_standing_by_her_account_rebuts_the_other_side() -> None:
    result = run(
        "Priya Nair said managers ignored warnings. Keel Logistics said she had been "
        "warned twice.\n\nNair's lawyer, Daniel Ash, stood by her account."
    )
    assert ("Daniel Ash", "Keel Logistics") in rebuttals(result)


def test_no_actor_rebuts_itself() -> None:
    result = run(
        "Keel Logistics said the depot was safe. Keel Logistics later denied that the "
        "depot was ever closed."
    )
    for who, whose in rebuttals(result):
        assert who != whose


# --------------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------------


def test_weekdays_resolve_against_the_publication_date() -> None:
    result = run("Ruth Marsh said on Tuesday that the depot was unsafe.")
    assert result.statements[0].said_on == "2024-03-05"


# --------------------------------------------------------------------------------------------
# More phrasing of real reporting
# --------------------------------------------------------------------------------------------


def test_a_report_speaks_for_who_published_it() -> None:
    result = run(
        "The Audit Office published its review on Tuesday. The report found that the "
        "scheme had wasted £40 million."
    )
    assert said_by(result, "Audit Office") == ["The scheme had wasted £40 million"]
    assert run("Police found the body on Monday.").statements == []


@pytest.mark.parametrize(
    "reply",
    [
        "Keel Logistics hit back, saying the depot had passed every inspection.",
        "Keel Logistics challenged the figures.",
        "Keel Logistics played down the claims.",
        "But Keel Logistics insisted that the depot was safe.",
    ],
)
def test_more_ways_to_rebut(reply: str) -> None:
    assert rebuttals(run(CLAIM + reply)) == [("Keel Logistics", "Ruth Marsh")]


def test_two_names_before_one_verb_both_speak() -> None:
    result = run("Greenpeace and Friends of the Earth argue that the permit is illegal.")
    assert said_by(result, "Greenpeace") == said_by(result, "Friends of the Earth")
    assert said_by(result, "Greenpeace") == ["The permit is illegal"]


def test_wire_story_habits() -> None:
    result = run(
        "WASHINGTON (AP) - Senator Lisa Grant said Tuesday that the bill would cut costs. "
        '"It\'s a giveaway," said Rep. Mark Dale.\n\n(Reporting by Jane Smith; Editing by '
        "Tom Brown)"
    )
    assert said_by(result, "Lisa Grant") == ["The bill would cut costs"]
    assert said_by(result, "Mark Dale") == ["It's a giveaway"]
    assert {a.name for a in result.actors} == {"Lisa Grant", "Mark Dale", "AP"}


def test_a_bracketed_tag_and_an_aside_before_the_verb() -> None:
    result = run(
        "Ruth Ames (Lab) said the budget was cruel. Unison, which represents nurses, said "
        "waits had risen."
    )
    assert said_by(result, "Ruth Ames") == ["The budget was cruel"]
    assert said_by(result, "Unison") == ["Waits had risen"]
    assert not [a for a in result.actors if a.name == "Lab"]


def test_a_bare_denial_and_a_passive_denied_that_is_not_one() -> None:
    result = run(
        "Westfield manager Carlos Mendes said his side were denied a clear penalty.\n\n"
        "Kingsbridge boss Dave Holloway disagreed."
    )
    assert said_by(result, "Carlos Mendes") == ["His side were denied a clear penalty"]
    assert rebuttals(result) == [("Dave Holloway", "Carlos Mendes")]


def test_contractions_are_not_names_and_that_can_be_a_subject() -> None:
    result = run(
        'Sandra Okoye says the roof leaks. "I\'ve reported it eleven times," she says.\n\n'
        "Councillor Priya Shah says that is not good enough."
    )
    assert [a.name for a in result.actors] == ["Sandra Okoye", "Priya Shah"]
    assert said_by(result, "Priya Shah") == ["That is not good enough"]


def test_a_body_written_like_a_name_is_known_by_it() -> None:
    result = run(
        "Brightvale says it has no record of the complaints. A spokesperson said repairs "
        "would be completed within weeks."
    )
    (body,) = result.actors
    assert body.kind == "organisation" and len(said_by(result, body.name)) == 2


def test_a_claim_owned_by_a_description_goes_to_who_has_that_role() -> None:
    result = run(
        "Keel Logistics has denied a former driver's claim that managers hid injuries.\n\n"
        "In a lawsuit filed Monday, former driver Ada Kerr said she was injured twice.\n\n"
        "Keel Logistics press officer Tom Vail called the allegation absurd."
    )
    assert "Managers hid injuries" in said_by(result, "Ada Kerr")
    assert set(rebuttals(result)) == {("Keel Logistics", "Ada Kerr"), ("Tom Vail", "Ada Kerr")}
    assert actor(result, "Tom Vail").affiliation == "Keel Logistics"


def test_a_surname_that_is_also_a_word() -> None:
    result = run(
        "Prime minister Theresa May spoke on Friday. On Sunday May rejected the charity's "
        'claim of a crisis. "There are always pressures," May said.'
    )
    assert [a.name for a in result.actors] == ["Theresa May"]
    assert len(said_by(result, "Theresa May")) == 2


def test_a_reported_rejection_is_not_the_speakers_denial() -> None:
    result = run(
        "Benjamin Netanyahu's office said Hamas had rejected the latest proposal. The East "
        'Midlands SHA said it "totally refuted" the allegations.'
    )
    claims = {s.text: s for s in result.statements}
    assert "Hamas had rejected the latest proposal" in claims


def test_a_negated_claim_on_the_same_matter_rebuts() -> None:
    result = run(
        "Priya Nair said the depot managers ignored safety warnings.\n\n"
        "Keel Logistics said its managers never ignored any safety warnings."
    )
    assert rebuttals(result) == [("Keel Logistics", "Priya Nair")]
