"""Dispute linking rules: a denial that names no one answers the other side's claim; a
stand-by answers whoever disputed it; a verdict of falsity a few words after "is"; a claim
that reports someone else's denial is an accusation. Invented sentences only."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import rebuttals, run, speakers

from store.ingest.negation import strong_denial


def test_rejecting_the_claim_answers_the_other_sides_claim_even_far_back() -> None:
    result = run(
        "Councillor Ada Brennick said on Monday: 'The planning chair has obviously been "
        "bought by the builders.\n\n"
        "'The whole committee stinks.'\n\n"
        "Nobody else from the committee attended the hearing last week.\n\n"
        "The vote took place on Tuesday as planned.\n\n"
        "Her remarks angered councillor Owen Tarrant, who rejected the claim as "
        "'entirely untrue'."
    )
    assert ("Owen Tarrant", "Ada Brennick") in rebuttals(result)


def test_standing_by_a_claim_answers_the_one_who_disputed_it_not_a_bystander() -> None:
    result = run(
        "Councillor Ada Brennick said the planning chair had been bought by builders.\n\n"
        "Councillor Owen Tarrant rejected the claim as 'entirely untrue'.\n\n"
        "Councillor Priya Lome said her group would take advice from its solicitors.\n\n"
        "But Cllr Brennick has stood by her claim, pointing to the chair's new allowance."
    )
    pairs = rebuttals(result)
    assert ("Owen Tarrant", "Ada Brennick") in pairs
    assert ("Ada Brennick", "Priya Lome") not in pairs


def test_a_verdict_of_falsity_a_few_words_after_the_verb() -> None:
    assert strong_denial("What she posted was one big lie from start to finish")
    assert strong_denial('It is "entirely invented and baseless"')
    assert not strong_denial("The report was not false")
    # Calling a document misleading accuses its maker; it denies no one's claim.
    assert not strong_denial('The privacy notice was "buried and misleading"')


def test_reporting_that_a_named_official_denied_is_not_a_denial() -> None:
    assert not strong_denial(
        '"the Deputy Minister has categorically denied that any raid took place"'
    )
    assert strong_denial("We categorically denied it")
    result = run(
        'The ministry said on Friday the newspaper story was "entirely invented".\n\n'
        'In its report, the Coastal Herald claimed that "the Deputy Minister has flatly '
        'denied that any raid took place".'
    )
    assert ("Coastal Herald", "ministry") not in rebuttals(result)
    assert "Coastal Herald" in speakers(result) or "The Coastal Herald" in speakers(result)


def test_quote_paragraphs_with_no_cue_continue_the_speakers_quote() -> None:
    result = run(
        "Posting online, councillor Ada Brennick said: 'The two groups have clearly done a "
        "deal behind closed doors.\n\n"
        "'Every committee chair went to one of them.\n\n"
        "'Jobs for the boys.'\n\n"
        "The council meets again on Thursday."
    )
    texts = [s.text for s in result.statements]
    assert any("deal behind closed doors" in t and "Jobs for the boys" in t for t in texts)
    # Joined as sentences, without the quote mark left open at the start.
    assert any(t.startswith("The two groups") and "doors. Every" in t for t in texts), texts


def test_a_run_on_quote_that_calls_the_claim_false_rebuts_it() -> None:
    result = run(
        "The Evening Courier alleged on Sunday that a council officer had asked a cafe to "
        "rewrite a receipt.\n\n"
        'Mayor Tom Ferrand said the Courier had "gone far too far".\n\n'
        '"That story is grave, and every word of it is false."\n\n'
        "The mayor will meet the paper's editor next week."
    )
    assert ("Tom Ferrand", "Evening Courier") in rebuttals(result)


def test_a_denial_naming_whose_findings_it_rejects_answers_that_bodys_own_sentence() -> None:
    result = run(
        "The Northern Institute for Soil Research (NISR) found in May that the weedkiller "
        "was likely to harm river insects.\n\n"
        "Farm supplier Verdane Ltd has rejected the findings by a panel of NISR scientists "
        'as "bad science".'
    )
    assert ("Verdane Ltd", "Northern Institute for Soil Research") in rebuttals(result)


def test_a_denial_of_allegations_in_a_broadcasters_film_answers_the_broadcaster() -> None:
    result = run(
        "Retired sprinter Lena Marsh has denied allegations made in a film on Danish "
        "broadcaster KTV2.\n\n"
        "KTV2 also showed that her coach had kept a list of banned products in his office."
    )
    assert ("Lena Marsh", "KTV2") in rebuttals(result)


def test_a_lawyers_denial_before_the_accusation_answers_the_accuser() -> None:
    result = run(
        "Police in Valmora detained winger Tomas Ekdal on Tuesday.\n\n"
        "Ekdal's lawyer, Rosa Imbert, told a radio station that Ekdal had not gone near the "
        "bar that night.\n\n"
        "The Valmora Prosecution Service said there is a reasonable suspicion that Ekdal "
        "took part in a robbery."
    )
    assert ("Rosa Imbert", "Valmora Prosecution Service") in rebuttals(result)


def test_accusing_someone_of_falsely_claiming_rebuts_their_claim() -> None:
    result = run(
        "Councillor Ada Brennick has accused the mayor, Owen Tarrant, of falsely "
        "claiming her group passed papers to reporters.\n\n"
        "At a meeting in June, councillor Priya Lome asked Mr Tarrant why the updates had "
        "ended.\n\n"
        'Mr Tarrant said: "I ended the updates for the group because the papers were in the '
        'newspapers within the hour."'
    )
    pairs = rebuttals(result)
    assert ("Ada Brennick", "Owen Tarrant") in pairs
    # Answering a question denies nothing.
    assert ("Owen Tarrant", "Priya Lome") not in pairs


def test_a_run_on_quote_that_names_the_other_side_answers_it() -> None:
    result = run(
        'Mayor Tom Ferrand said on Monday: "The updates ended because the papers were '
        'passed on."\n\n'
        "Councillor Ada Brennick is taking legal advice.\n\n"
        "Speaking on Friday, Ms Brennick said: \"The mayor uses the town's solicitors as a "
        "shield.\n\n"
        '"Our group has not lied to anyone; only Mr Ferrand has lied."'
    )
    assert ("Ada Brennick", "Tom Ferrand") in rebuttals(result)


def test_rejecting_accusations_against_ones_own_government_answers_the_accuser() -> None:
    result = run(
        "Veland dismisses Norland's claims as unfounded\n\n"
        "Foreign Ministry spokesperson Ilse Varga has rejected recent accusations levelled "
        "by the Norland government against Veland, calling them politically motivated.\n\n"
        "Earlier on Monday, Norland officials claimed that a cell based in Veland was "
        "behind attacks on its ports."
    )
    pairs = rebuttals(result)
    assert any(a == "Ilse Varga" and "Norland" in t for a, t in pairs), pairs


def test_a_denial_of_a_media_report_answers_the_one_outlet_the_article_names() -> None:
    result = run(
        "Foreign Minister Olga Brandt has dismissed a Norland media report claiming that "
        "Veland planned the harbour sabotage.\n\n"
        "Presidential spokesman Karl Ost called the reports reckless.\n\n"
        "The Norland Courier on Sunday quoted security officials who said the plot was "
        "approved at the highest level."
    )
    pairs = rebuttals(result)
    assert ("Olga Brandt", "Norland Courier") in pairs, pairs
    # Two who each deny the reports are on one side: neither answers the other.
    assert ("Olga Brandt", "Karl Ost") not in pairs and ("Karl Ost", "Olga Brandt") not in pairs


def test_a_negated_reply_on_the_same_word_family_answers_the_claim_just_made() -> None:
    result = run(
        "Health minister Carl Dunmore urged the board to withdraw the plan at once.\n\n"
        '"There is no case for withdrawal," chair Marta Kiel said on Tuesday.'
    )
    assert ("Marta Kiel", "Carl Dunmore") in rebuttals(result)


def test_naming_the_other_sides_words_untrue_or_correcting_them_rebuts() -> None:
    assert strong_denial("That invented story is absurd")
    assert strong_denial("The vote was far closer than the minister has said it was")
    assert not strong_denial("The vote was far closer than last year")
    result = run(
        "Council leader Ruth Adair said rebels in the opposition group had come to her with "
        "worries about their own leader.\n\n"
        'Councillor Sam Pike said: "That invented story is absurd."'
    )
    assert ("Sam Pike", "Ruth Adair") in rebuttals(result)


def test_calling_the_accusers_move_a_smear_campaign_rebuts_it() -> None:
    result = run(
        "Meat processor Halden has accused the Food Workers Union of hiding part of its "
        "income.\n\n"
        'Union secretary Jo Renn said: "Nobody here is shocked that Halden has launched '
        'this smear campaign."'
    )
    assert ("Jo Renn", "Halden") in rebuttals(result)


# Paragraphs of the dev corpus, shuffled into new articles: every order of accusations,
# denials and quotes must give suggestions whose rebuttals answer listed statements.
_DEV = Path(__file__).parent / "ingest_corpus" / "dev"
_PARAS = sorted(
    {
        p.strip()
        for f in sorted(_DEV.glob("*.txt"))[:60]
        for p in f.read_text(encoding="utf-8").split("\n\n")
        if 40 < len(p.strip()) < 600
    }
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PARAS), min_size=2, max_size=14))
def test_shuffled_dispute_paragraphs_always_give_consistent_suggestions(paras: list[str]) -> None:
    result = run("\n\n".join(paras))
    statements = {s.key: s for s in result.statements}
    for r in result.rebuttals:
        assert r.statement_key in statements
        assert statements[r.statement_key].actor_key != r.actor_key


def test_contesting_the_allegations_in_a_run_on_quote_rebuts_them() -> None:
    assert strong_denial("We firmly dispute the allegations she has made")
    result = run(
        "Former designer Nina Holt told the tribunal her manager had mocked her for months "
        "before she was let go.\n\n"
        'In a reply, managing director Paul Greer said: "We will not discuss the detail of '
        "the case.\n\n"
        '"We strongly contest the claims that Ms Holt has made and will bring evidence."'
    )
    assert ("Paul Greer", "Nina Holt") in rebuttals(result)


def test_but_and_a_negation_after_ones_own_words_naming_the_accuser_answer_it() -> None:
    result = run(
        "The Harbour Gazette alleged on Sunday that a port official had asked a hotel to "
        "alter a bill for a dinner.\n\n"
        "Port director Alan Ruse issued a statement about the Harbour Gazette article, "
        "confirming that staff had asked the hotel for a fresh copy of the bill.\n\n"
        "But he stressed that at no point was the hotel asked to leave anything off it."
    )
    assert ("Alan Ruse", "Harbour Gazette") in rebuttals(result)


def test_a_contracted_verdict_of_falsity_denies() -> None:
    assert strong_denial("It's a false allegation against me")
    assert strong_denial("That's simply untrue")
    assert not strong_denial("It's a fair point about the budget")
