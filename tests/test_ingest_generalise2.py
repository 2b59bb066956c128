"""Rules added for the denial and attribution kinds that failed on unseen news (dev batch
73-84): each on a made-up sentence of one shape, so a change that breaks a rule says which."""

from __future__ import annotations

from ingest_helpers import actor_names, rebuttals, run, speakers


def test_a_denial_of_a_joint_statement_rebuts_each_speaker() -> None:
    result = run(
        "Councillors Ada Brisk and Tom Vale said in a joint statement that the depot contract "
        "had been rigged.\n\n"
        'Mayor Colin Dunn dismissed the accusations as "nonsense".'
    )
    assert sorted(rebuttals(result)) == [("Colin Dunn", "Ada Brisk"), ("Colin Dunn", "Tom Vale")]


def test_and_inside_a_body_name_keeps_one_name() -> None:
    result = run(
        "The Trading and Standards Authority said the prices had been fixed.\n\n"
        "The Food and Drink Federation said its members had done nothing wrong."
    )
    assert actor_names(result) == {
        "Trading and Standards Authority",
        "Food and Drink Federation",
    }


def test_a_plural_possessive_opens_a_body_name() -> None:
    result = run("The Growers' Marketing Association said prices had fallen by a third.")
    assert actor_names(result) == {"Growers' Marketing Association"}


def test_a_bracketed_abbreviation_stays_inside_the_name() -> None:
    result = run("Kenton (N.S.) General Hospital said on Monday that two wards had closed.")
    assert actor_names(result) == {"Kenton (N.S.) General Hospital"}
    assert speakers(result) == ["Kenton (N.S.) General Hospital"]


def test_joint_speakers_with_titles_between_both_speak() -> None:
    result = run(
        "Norland's trade minister, Ola Berg, and his Danish counterpart, Mette Holm, said in a "
        "joint statement that the tariff would be lifted."
    )
    assert sorted(speakers(result)) == ["Mette Holm", "Ola Berg"]


def test_the_deniers_words_just_before_its_denial_rebut_the_same_claim() -> None:
    result = run(
        "Inspector Rhea Moss said the lorry had been carrying stolen copper cable.\n\n"
        "The haulier, Fenwick Freight, said the cable had been bought from a licensed dealer. "
        '"These accusations are without foundation," the company said.'
    )
    assert rebuttals(result) == [("Fenwick Freight", "Rhea Moss")] * 2


def test_standing_by_an_account_answers_the_denial_of_it() -> None:
    """A claims, B denies, A stands by it: a rebuttal of B's own claim."""
    result = run(
        "The Cycling Federation said rider Piet Oort had tested positive for a banned drug.\n\n"
        "Piet Oort said his sample had been contaminated in the laboratory.\n\n"
        'The federation said contamination claims were "rarely borne out by evidence". '
        "Oort said he stood by his account."
    )
    assert rebuttals(result)[-2:] == [
        ("Cycling Federation", "Piet Oort"),
        ("Piet Oort", "Cycling Federation"),
    ]


def test_standing_by_an_account_after_a_bare_denial_stays_a_statement() -> None:
    """The denier said nothing else: no claim of its own to answer."""
    result = run(
        "The Valley Gazette reported that Brill Water had spilled sewage on 90 days.\n\n"
        'Brill Water called the report "nonsense". The Anglers Club said it stood by its data.'
    )
    assert rebuttals(result) == [("Brill Water", "Valley Gazette")]


def test_an_unnamed_crowd_of_a_place_or_body_is_not_its_speaker() -> None:
    result = run(
        "Critics of the Kelby Housing Trust say its repairs take months.\n\n"
        "Residents of Ashwick said the river had flooded twice this year.\n\n"
        "The Kelby Housing Trust said most repairs were done within a week."
    )
    assert speakers(result) == ["Kelby Housing Trust"]
    assert actor_names(result) == {"Kelby Housing Trust"}


def test_his_lawyer_speaks_for_the_man_just_spoken_of() -> None:
    """'his lawyer said' -> him; his first words on the same matter answer the charge."""
    result = run(
        "Prosecutor Ruth Kemp told the court that bank records showed cash deposits linked to "
        "contracts approved by Owen Drake.\n\n"
        "His lawyer said the deposits came from the sale of a family farm."
    )
    assert speakers(result) == ["Ruth Kemp"]
    assert rebuttals(result) == [("Owen Drake", "Ruth Kemp")]


def test_a_passive_denial_with_an_adverb_and_a_titled_agent() -> None:
    result = run(
        "Former aide Carl Pike says Mayor Ida Rowe used council cars for family trips.\n\n"
        "Pike's claims were also disputed by the Civic Party chairman, Ned Ames, who called "
        'them "fantasy".'
    )
    assert rebuttals(result) == [("Ned Ames", "Carl Pike")]


def test_an_account_given_against_a_denial_answers_only_the_deniers_claims() -> None:
    """Kell's account after Delgado's denial is his claim: Delgado said nothing else."""
    result = run(
        "Senator Rosa Dale has rejected the allegations made by her former aide, Mark Kell, "
        "who says she used campaign funds for holidays.\n\n"
        "Kell said he had booked the flights for the senator's family himself.\n\n"
        "The Ethics Board said it would decide within a month whether to investigate."
    )
    assert rebuttals(result) == [("Rosa Dale", "Mark Kell")]
    assert speakers(result).count("Mark Kell") == 2


def test_a_person_who_could_not_be_reached_is_not_the_next_she() -> None:
    result = run(
        'Senator Rosa Dale said on Monday: "Every expense was declared."\n\n'
        "The card was managed by the treasurer, Ana Ruiz, who could not be reached for "
        "comment.\n\n"
        "She later clarified that two flights had been charged by mistake."
    )
    assert speakers(result) == ["Rosa Dale", "Rosa Dale"]


def test_a_lawsuit_filed_by_a_body_claims_for_it() -> None:
    result = run(
        "A lawsuit filed by the Harbour Drivers Union claims Vexa Freight altered timesheets."
    )
    assert speakers(result) == ["Harbour Drivers Union"]


def test_the_complaint_states_with_no_filing_is_the_body_that_just_made_its_case() -> None:
    result = run(
        "The Fair Markets Authority has accused two cement makers of fixing prices.\n\n"
        "In a statement on Monday, the authority said the firms had shared price lists. "
        "The complaint states:\n\n"
        '"The parties coordinated every increase."'
    )
    assert speakers(result) == ["Fair Markets Authority"] * 3


def test_the_complaint_after_an_anonymous_filing_speaks_for_nobody() -> None:
    result = run(
        "The Fair Markets Authority said prices rose by a third.\n\n"
        "A former employee has filed a complaint against the firm. The complaint states that "
        "managers shared price lists."
    )
    assert speakers(result) == ["Fair Markets Authority"]


def test_a_claim_filed_with_a_speaker_makes_the_speaker_its_filer() -> None:
    result = run(
        "In a claim filed at the High Court on Friday, Ravi Mehta's lawyers say the article "
        "was false. The claim says the newspaper ignored evidence he sent."
    )
    assert speakers(result) == ["Ravi Mehta"] * 2


def test_an_inverted_spokesperson_for_a_body_speaks_for_it() -> None:
    result = run(
        "Anna Berg said the council had hidden the report.\n\n"
        '"These claims are categorically false," said a spokesperson for Kelby Council.'
    )
    assert rebuttals(result) == [("Kelby Council", "Anna Berg")]


def test_a_claim_named_in_a_denial_and_reported_before_is_not_repeated() -> None:
    result = run(
        "Former coach Dan Reyes said players had been bullied by staff.\n\n"
        "Harbour Rovers FC has rejected claims by Reyes that players were bullied."
    )
    assert speakers(result) == ["Dan Reyes"]
    assert rebuttals(result) == [("Harbour Rovers FC", "Dan Reyes")]


def test_a_reply_framed_as_a_response_to_the_claims_rebuts_them() -> None:
    for frame in ("Responding to the claims, ", "Asked about the allegations, ", "In response, "):
        result = run(
            "Councillor Dina Shaw said the depot had leaked diesel into the stream for months."
            f"\n\n{frame}Kelso Transport said its tanks had been inspected in May."
        )
        assert rebuttals(result) == [("Kelso Transport", "Dina Shaw")], frame
    result = run(
        "Councillor Dina Shaw said the depot had leaked diesel into the stream.\n\n"
        "In response, Kelso Transport said it would review its tanks."
    )
    assert rebuttals(result) == []


def test_claims_judged_as_motivated_or_worthless_are_denials() -> None:
    for verdict in ("politically motivated", "an attempt to distract", "not worth the paper"):
        result = run(
            "Councillor Dina Shaw said the depot had leaked diesel into the stream.\n\n"
            f"Kelso Transport said the accusations were {verdict}."
        )
        assert rebuttals(result) == [("Kelso Transport", "Dina Shaw")], verdict


def test_a_firm_named_with_an_apostrophe_s_speaks() -> None:
    result = run(
        "Sainsbury's said prices would fall. Sainsbury's also said stores would open late."
    )
    assert speakers(result) == ["Sainsbury's"] * 2


def test_a_body_named_for_its_country_is_not_the_countrys_government() -> None:
    result = run("Police Scotland said two men had been arrested.")
    assert speakers(result) == ["Police Scotland"]


def test_the_accused_answering_an_accusation_rebuts_it() -> None:
    result = run(
        "In the complaint, the Tenants Union alleges that landlord Grove Estates failed to fix "
        "heating in 40 flats.\n\n"
        "A spokesperson for Grove Estates said all repairs had been logged and completed."
    )
    assert rebuttals(result) == [("Grove Estates", "Tenants Union")]
    result = run(
        "Former employee Raj Patel accused Lumen Foods of firing him for reporting safety "
        "problems.\n\n"
        "Lumen Foods said Mr Patel had been dismissed for misconduct."
    )
    assert rebuttals(result) == [("Lumen Foods", "Raj Patel")]
    result = run(
        "Former employee Raj Patel accused Lumen Foods of firing him.\n\n"
        "Lumen Foods said it would publish its hiring rules next week."
    )
    assert rebuttals(result) == []


def test_an_ing_word_opening_a_speaking_name_stays_in_it() -> None:
    result = run("Downing Street said the prime minister had full confidence in her.")
    assert speakers(result) == ["Downing Street"]


def test_a_countrys_ministry_in_lower_case_speaks() -> None:
    result = run(
        "Russia's defence ministry said two drones had been shot down. The Ukrainian foreign "
        "ministry said the claim was false."
    )
    names = {a.name: a.aliases for a in result.actors if a.speaks}
    assert set(names) == {"Russian defence ministry", "Ukrainian foreign ministry"}
    assert "Russia's defence ministry" in names["Russian defence ministry"]


def test_the_watchdog_is_the_body_that_just_spoke() -> None:
    result = run(
        "The Fair Rail Association said Northline Trains had cancelled 1,240 trains. The "
        "watchdog said the pattern was clear."
    )
    assert speakers(result) == ["Fair Rail Association"] * 2


def test_a_passive_accusation_is_the_agents_claim() -> None:
    result = run(
        "Mayor Ida Rowe was accused by opposition leader Tom Bale of misleading the council.\n\n"
        "Rowe said she had answered every question honestly."
    )
    assert speakers(result) == ["Tom Bale"]
    assert rebuttals(result) == [("Ida Rowe", "Tom Bale")]


def test_a_negated_answer_by_the_one_named_rebuts() -> None:
    result = run(
        "Manager Lee Carver said Holt Albion had made an illegal approach to his captain.\n\n"
        "Holt Albion said no approach had been made. The club added that it had only "
        "enquired through the proper channels."
    )
    assert rebuttals(result) == [("Holt Albion", "Lee Carver")] * 2


def test_the_deniers_next_words_about_the_other_sides_figure_rebut_too() -> None:
    """And a stand-by against them is a statement (the denier has no claim of its own)."""
    result = run(
        "The Carrow Tenants Federation said it had logged 312 complaints since January. "
        '"Nobody has come to look," said Grace Mensah, who chairs the federation.\n\n'
        "Landlord boss Martin Doyle insisted that every report had been investigated. He said "
        "the federation's figure counted the same complaints twice.\n\n"
        "Ms Mensah said she stood by the figures."
    )
    assert rebuttals(result) == [("Martin Doyle", "Carrow Tenants Federation")] * 2
    assert speakers(result).count("Grace Mensah") == 2


def test_disputing_a_denial_and_naming_the_denier_answers_the_denier() -> None:
    result = run(
        "His son, Mark Penn, said his father had been left to die.\n\n"
        "The Riverside Ambulance Trust said it was deeply sorry but denied that the delay "
        "had caused his death.\n\n"
        "The claim was disputed by the Patients Alliance, which said the trust had missed "
        "its targets all year."
    )
    assert rebuttals(result) == [
        ("Riverside Ambulance Trust", "Mark Penn"),
        ("Patients Alliance", "Riverside Ambulance Trust"),
    ]


def test_a_description_before_a_firm_and_a_place_after_in_are_not_names() -> None:
    result = run(
        "Carmaker Velden Motors will cut 1,200 jobs at its plant in Sunderland.\n\n"
        "Union officer Sharon Kaye said Velden had promised there would be no compulsory "
        "redundancies.\n\n"
        "Velden said it had made no such promise. A spokesperson said the agreement covered "
        "only the pay freeze."
    )
    assert actor_names(result) == {"Sharon Kaye", "Velden Motors"}
    assert rebuttals(result) == [("Velden Motors", "Sharon Kaye")] * 2


def test_a_circumstance_after_an_inverted_cue_leaves_the_claim_before_it() -> None:
    result = run(
        "Velden Motors will cut 1,200 jobs at its plant in Sunderland, the company said on "
        "Tuesday, blaming falling demand for its electric models."
    )
    assert [s.text for s in result.statements] == [
        "Velden Motors will cut 1,200 jobs at its plant in Sunderland"
    ]


def test_bodies_named_with_an_acronym_or_a_country_are_organisations() -> None:
    result = run(
        "Gillian Hart said she had received half the doses she ordered.\n\n"
        "NHS Lanarkshire insisted that supplies were sufficient and said the problem lay "
        "with how pharmacies had ordered.\n\n"
        "Community Pharmacy Scotland said that was not the case. Its chief executive, Adam "
        "Osborne, said orders had been placed in June."
    )
    kinds = {a.name: a.kind for a in result.actors}
    assert kinds["NHS Lanarkshire"] == kinds["Community Pharmacy Scotland"] == "organisation"
    assert ("Adam Osborne", "NHS Lanarkshire") in rebuttals(result)


def test_a_name_like_an_adverb_speaks_and_reported_it_is_an_action() -> None:
    result = run(
        "Priya Sood said she had found a flaw and reported it to the company twice.\n\n"
        "Stridely disputed her account.\n\n"
        "The United Nations called on both sides to show restraint."
    )
    assert speakers(result) == ["Priya Sood", "United Nations"]
    assert rebuttals(result) == [("Stridely", "Priya Sood")]


def test_that_was_not_the_case_answers_what_was_just_said() -> None:
    result = run(
        "Gillian Hart said she had received half the doses she ordered.\n\n"
        "NHS Lanarkshire said supplies were sufficient.\n\n"
        "Community Pharmacy Scotland said that was not the case."
    )
    assert rebuttals(result) == [("Community Pharmacy Scotland", "NHS Lanarkshire")]


def test_a_possessive_ministry_and_a_titled_name_in_an_aside() -> None:
    """Invented countries: no word list knows them, the grammar still does."""
    result = run(
        "Arveny's defence ministry said Tolsan artillery had shelled two border posts.\n\n"
        "Tolsa's military spokesman, Colonel Idris Vane, said the claim was a fabrication."
    )
    assert rebuttals(result) == [("Idris Vane", "Arveny's defence ministry")]


def test_accepting_a_penalty_while_disputing_a_finding_is_not_a_rebuttal() -> None:
    result = run(
        "The Rugby Football Union fined Ashford Vale £5,000, it said on Thursday.\n\n"
        "Chairman Peter Owusu said the club accepted the fine but disputed the panel's "
        "finding that stewards had failed to act."
    )
    assert rebuttals(result) == [("Peter Owusu", "Rugby Football Union")]


def test_the_answer_of_someone_the_article_says_was_accused_rebuts() -> None:
    result = run(
        "The mayor of Dunmore, Clare Ibbotson, has been accused of using a council car for "
        "private trips.\n\n"
        "Kevin Sharpe told the Dunmore Herald that he had driven Ms Ibbotson to her holiday "
        "home six times.\n\n"
        'Ms Ibbotson said the journeys had all been on council business. "Mr Sharpe is '
        'bearing a grudge," she said.'
    )
    assert rebuttals(result) == [("Clare Ibbotson", "Kevin Sharpe")] * 2


def test_an_inverted_cue_noun_before_the_name_and_a_trade_word_before_a_firm() -> None:
    result = run(
        "Staff are paying up to £600 a year to park at work, the union Unison has said.\n\n"
        "Caterer FreshPlate said portion sizes had not changed. The chair of the "
        "association, Lisa Tran, said children were hungry."
    )
    assert speakers(result) == ["Unison", "FreshPlate", "Lisa Tran"]
    assert {a.name: a.kind for a in result.actors}["Lisa Tran"] == "person"


def test_a_passive_accusation_with_its_agent_after_the_charge() -> None:
    result = run(
        "Mayor Ida Rowe has been accused of using a council car for private trips by "
        "opposition leader Tom Bale.\n\n"
        "Rowe said the journeys had been on council business."
    )
    assert rebuttals(result) == [("Ida Rowe", "Tom Bale")]


def test_negating_the_very_word_of_the_other_sides_last_claim_rebuts_it() -> None:
    result = run(
        "Janet Cole said the rise would add £1,100 a month to the bill.\n\n"
        "Silverline Care said families had been consulted in the spring.\n\n"
        "Ms Cole said she had never been consulted."
    )
    assert rebuttals(result) == [("Janet Cole", "Silverline Care")]
    result = run(
        "Councillor Ben Ward said the club had promised to keep the stadium name.\n\n"
        "Harwick City FC said no such promise had been made."
    )
    assert rebuttals(result) == [("Harwick City FC", "Ben Ward")]
