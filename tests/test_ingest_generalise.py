"""Rules added to generalise import on real news phrasing (issue 13, continued): each on a
made-up sentence of one shape, so a change that breaks a rule says which."""

from __future__ import annotations

from ingest_helpers import rebuttals, run


def test_denial_in_the_content_rebuts() -> None:
    """'the allegations were not rooted in fact', 'that was not the case': no denial verb."""
    result = run(
        "Tamsin Rowe said the mill had dumped dye into the canal for years.\n\n"
        'Harlow Textiles said the allegations were "not rooted in fact".'
    )
    assert rebuttals(result) == [("Harlow Textiles", "Tamsin Rowe")]
    result = run(
        "Odell Marsh said the bus company had cut the night service without notice.\n\n"
        "Kerrigan Buses said that was not the case."
    )
    assert rebuttals(result) == [("Kerrigan Buses", "Odell Marsh")]


def test_a_plea_of_not_guilty_rebuts_the_charge() -> None:
    result = run(
        "Prosecutor Lena Fisk said Aaron Vell had taken bribes from three builders.\n\n"
        "Vell pleaded not guilty to all charges."
    )
    assert rebuttals(result) == [("Aaron Vell", "Lena Fisk")]


def test_a_denial_in_the_lede_answers_the_accusation_reported_next() -> None:
    result = run(
        'Corvan Mining has dismissed the accusations as "baseless".\n\n'
        "The Green Valley Trust said on Monday that the mine had poisoned two wells."
    )
    assert rebuttals(result) == [("Corvan Mining", "Green Valley Trust")]


def test_a_filed_document_speaks_for_the_agent_that_filed_it() -> None:
    result = run(
        "The lawsuit, filed on Monday in the county court by Derek Olsson, alleges that the "
        "managers ignored the rules. It also claims that Olsson was dismissed for complaining."
    )
    names = {a.key: a.name for a in result.actors}
    assert {names[s.actor_key] for s in result.statements} == {"Derek Olsson"}
    assert len(result.statements) == 2


def test_the_allegations_named_in_a_content_denial_find_their_claim() -> None:
    result = run(
        "Marta Lind said the hotel had overcharged its guests for years.\n\n"
        "The hotel chain Riverton Group has not yet seen the complaint. A spokesperson for "
        'Riverton Group said the allegations were "not rooted in fact".'
    )
    assert rebuttals(result) == [("Riverton Group", "Marta Lind")]


def test_the_deniers_next_words_on_the_same_matter_rebut_too() -> None:
    result = run(
        "The Nurses Union said Halden Care had offered a pay rise of one per cent.\n\n"
        'Halden Care said that was "simply untrue". The pay rise offered was three per cent, '
        "the company said."
    )
    assert rebuttals(result) == [("Halden Care", "Nurses Union")] * 2


def test_a_title_after_a_body_names_its_holder_as_subject() -> None:
    """'Kestrel manager Ivo Marsh went further, claiming ...': Marsh, not Kestrel."""
    result = run(
        "Kestrel Athletic lodged a complaint on Monday.\n\n"
        "Kestrel manager Ivo Marsh went further, claiming the referee had been biased. "
        'The 52-year-old said his players had been "robbed".'
    )
    names = {a.key: a.name for a in result.actors}
    assert [names[s.actor_key] for s in result.statements][-2:] == ["Ivo Marsh"] * 2


def test_published_figures_claiming_speak_for_the_publisher() -> None:
    result = run(
        "The Taxfair group published figures on Monday claiming that the council had "
        "tripled its spending on consultants."
    )
    names = {a.key: a.name for a in result.actors}
    assert [names[s.actor_key] for s in result.statements] == ["Taxfair"]


def test_in_fact_after_a_denial_rebuts_the_same_claim() -> None:
    result = run(
        "Ellen Shaw said the library would close in May.\n\n"
        "Council leader Raj Patel said the claim was wrong. He added that the budget had in "
        "fact grown this year."
    )
    assert rebuttals(result) == [("Raj Patel", "Ellen Shaw")] * 2


def test_a_description_finds_the_body_of_its_sort() -> None:
    """'the regulator' is the Civil Aviation Authority, not the airline named since."""
    result = run(
        "The Civil Aviation Authority fined SkyJet Air on Monday. In its decision, the "
        "regulator said SkyJet had ignored refund deadlines.\n\n"
        "According to Carrow Police, officers were attacked by Jon Pell. The force said the "
        "weapon was an imitation pistol."
    )
    names = {a.key: a.name for a in result.actors}
    owners = [names[s.actor_key] for s in result.statements]
    assert owners == ["Civil Aviation Authority", "Carrow Police", "Carrow Police"]


def test_a_body_of_another_sort_is_not_the_description() -> None:
    """'The league said' is nobody when only an Association and a club are named."""
    result = run(
        "Kestrel Athletic lodged a complaint. The Referees' Association said its members "
        "worked under pressure.\n\nThe league said it would review the complaint."
    )
    names = {a.key: a.name for a in result.actors}
    owners = [names[s.actor_key] for s in result.statements]
    assert owners == ["Referees' Association"]


def test_a_plan_after_a_denial_is_not_a_rebuttal() -> None:
    result = run(
        "The Kessel Interior Ministry said it had expelled two Valdorian diplomats.\n\n"
        "Valdorian spokesman Tomas Vrana rejected the allegations. Vrana said Valdoria would "
        "respond by expelling two Kessel diplomats."
    )
    assert rebuttals(result) == [("Tomas Vrana", "Kessel Interior Ministry")]


def test_the_accuseds_own_account_of_the_same_matter_rebuts() -> None:
    result = run(
        "The Crown Prosecution Service alleges that the mayor gave the paving work to Dunlin "
        "Civil without a tender.\n\n"
        'Dunlin Civil said in a statement that it had won the paving work "fairly".'
    )
    assert rebuttals(result) == [("Dunlin Civil", "Crown Prosecution Service")]


def test_a_description_of_a_body_named_only_next_waits_for_it() -> None:
    """'The hospital trust pushed back.' before the trust is named: not the charity."""
    result = run(
        "The Patients' Alliance said waits had doubled.\n\n"
        "The hospital trust pushed back. Dr Kwame Asante, medical director of Redbridge "
        "Health Trust, said the charity had counted the wrong waits."
    )
    assert ("Redbridge Health Trust", "Patients' Alliance") in rebuttals(result)


def test_said_nothing_of_the_kind_rebuts() -> None:
    result = run(
        "Opposition leader Carla Denby said the minister had claimed 9,000 homes were built.\n\n"
        "Minister Peter Vale replied that he had said nothing of the kind."
    )
    assert rebuttals(result) == [("Peter Vale", "Carla Denby")]


def test_the_deniers_own_account_right_after_rebuts() -> None:
    """'... a "fabrication". "We have checked every flight log," she said.'"""
    result = run(
        "The Tavrian Defence Ministry said Ostrava had sent two drones into its airspace.\n\n"
        'Spokeswoman Irena Bosk called the claims a "fabrication". "We have checked every '
        'flight log," she said.'
    )
    assert rebuttals(result) == [("Irena Bosk", "Tavrian Defence Ministry")] * 2


def test_an_adding_clause_after_a_denial_in_the_same_sentence() -> None:
    result = run(
        "The Tidewater Fund said Norvale Pharma had hidden reports of liver damage.\n\n"
        '"The lawsuit is without merit," a Norvale Pharma spokeswoman said, adding that it had '
        "shared every report with regulators."
    )
    assert rebuttals(result) == [("Norvale Pharma", "Tidewater Fund")] * 2


def test_flawed_is_a_word_that_calls_a_claim_false() -> None:
    result = run(
        "Dr Hana Lind said the team had excluded 300 participants without explanation.\n\n"
        'The lead author, Professor Colm Adair, called the reanalysis "deeply flawed".'
    )
    assert rebuttals(result) == [("Colm Adair", "Hana Lind")]


def test_a_place_like_name_that_speaks_is_a_body() -> None:
    """'Harbour City have dismissed reports ...': the club, not a city."""
    result = run(
        "The Evening Chronicle reported that the striker had refused to train.\n\n"
        'Harbour City have dismissed the report as "completely untrue". "He trained as '
        'normal," a club statement read.'
    )
    assert ("Harbour City", "Evening Chronicle") in rebuttals(result)
    names = {a.key: a.name for a in result.actors}
    said = [names[x.actor_key] for x in [*result.statements, *result.rebuttals]]
    assert said.count("Harbour City") == 2  # "a club statement read": the club


def test_a_name_before_a_building_noun_is_a_place_and_no_subject() -> None:
    """'Tenants at the Larkspur Court flats in Eastfield say ..., and accuse ...': nobody
    named speaks (the tenants are anonymous)."""
    result = run(
        "Tenants at the Larkspur Court flats in Eastfield say the lifts have been broken for "
        "a month, and accuse their landlord of ignoring complaints."
    )
    assert result.statements == [] and not result.speakers


def test_insisting_right_after_another_sides_claim_rebuts_it() -> None:
    """'The firm insisted it took its obligations seriously' after the tenants' claim, even
    when the claim does not name the firm."""
    result = run(
        "The Larkspur Tenants Association said 41 flats had black mould.\n\n"
        "Greyfield Homes insisted it took its obligations extremely seriously."
    )
    assert rebuttals(result) == [("Greyfield Homes", "Larkspur Tenants Association")]


def test_the_authors_speak_for_the_body_whose_study_was_just_reported() -> None:
    result = run(
        "The study, published in March by a team at Easterby University, reported that "
        'people scored lower. According to the authors, the effect was "large". The '
        "researchers said more work was needed."
    )
    names = {a.key: a.name for a in result.actors}
    assert [names[s.actor_key] for s in result.statements] == ["Easterby University"] * 3


def test_an_unnamed_plaintiffs_allegation_waits_for_the_filer() -> None:
    """'A former manager has sued X, alleging ...' and the filer named in the next sentence."""
    result = run(
        "A former site manager has sued Brennock Construction, alleging that the firm ignored "
        "warnings about unsafe scaffolding.\n\n"
        "The lawsuit, filed on Monday by Derek Olsson, says he was dismissed for complaining."
    )
    names = {a.key: a.name for a in result.actors}
    assert [names[s.actor_key] for s in result.statements] == ["Derek Olsson"] * 2


def test_a_denial_naming_what_it_answers_finds_that_claim() -> None:
    """'questioned the findings' answers the university's study, not its lead author."""
    result = run(
        "A sweetener may raise the risk of stroke, according to a study by Northgate "
        'University. "It is an association and not proof," said lead author Dr Amira Cass.\n\n'
        "The Beverage Council questioned the findings. The group said the food diaries were "
        "unreliable."
    )
    assert ("Beverage Council", "Northgate University") in rebuttals(result)
    names = {a.key: a.name for a in result.actors}
    said = [names[x.actor_key] for x in [*result.statements, *result.rebuttals]]
    assert said.count("Beverage Council") == 2  # "the group": the council, not a business


def test_a_negated_sentence_inside_a_longer_quote_rebuts() -> None:
    """The second sentence of a quote is the denial: 'We received no warning ...'."""
    result = run(
        "Councillor Tom Redd said he had warned the organisers about drainage at the site. "
        '"I told them the field would flood," Redd said.\n\n'
        '"Safety always came first," Brightwater Events said in a statement. "We received no '
        'warning from anyone that the site would flood."'
    )
    assert rebuttals(result) == [("Brightwater Events", "Tom Redd")]


def test_a_reply_chain_our_account_after_a_follow_up() -> None:
    """'The trust pushed back. Asante said ... "Our doctors see most patients within four
    hours," he said.': each follow-up answers the same claim."""
    result = run(
        "The Patients' Alliance said patients waited nine hours at Redbridge General.\n\n"
        "Redbridge Health Trust pushed back. Its medical director, Dr Kwame Asante, said the "
        'charity had counted the wait for a ward bed. "Our doctors see most patients within '
        'four hours," he said.'
    )
    assert len(rebuttals(result)) == 3


def test_his_barrister_acts_for_him() -> None:
    result = run(
        "Gordon Pryce has pleaded not guilty.\n\n"
        "His barrister, Celia Moor, told the court the contracts were lawful."
    )
    moor = next(a for a in result.actors if a.name == "Celia Moor")
    assert (moor.role, moor.affiliation) == ("barrister", "Gordon Pryce")


def test_an_office_named_for_its_holder_is_one_body() -> None:
    result = run("The Information Commissioner's Office said the app had failed to get consent.")
    assert [(a.name, a.kind) for a in result.actors] == [
        ("Information Commissioner's Office", "government")
    ]


def test_disagreeing_with_the_findings_answers_the_body_not_its_officer() -> None:
    """'Deputy commissioner Helen Marsh' belongs to the Commissioner's Office, so the firm
    that 'disagreed with the findings' answers the office."""
    result = run(
        "The Information Commissioner's Office said PulseTrack had failed to get consent. "
        'Deputy commissioner Helen Marsh said its notice was "misleading".\n\n'
        "PulseTrack said it disagreed with the findings and would appeal."
    )
    assert rebuttals(result) == [("PulseTrack", "Information Commissioner's Office")]


def test_vowing_to_clear_ones_name_rebuts_the_finding() -> None:
    result = run(
        "The International Testing Agency said on Tuesday that a sample from Lena Hart "
        "contained a banned stimulant.\n\n"
        "Swimmer Lena Hart has vowed to clear her name."
    )
    assert rebuttals(result) == [("Lena Hart", "International Testing Agency")]


def test_monitors_from_a_body_speak_for_it() -> None:
    result = run(
        "Independent monitors from the Civic Election Network said they had found no "
        "deleted names in the register."
    )
    names = {a.key: a.name for a in result.actors}
    assert [names[s.actor_key] for s in result.statements] == ["Civic Election Network"]


def test_his_own_statement_late_on_a_weekday_calling_speaks_for_him() -> None:
    result = run(
        "The Castle Police Federation said Daniel Oyelo had punished three officers.\n\n"
        "Oyelo issued his own statement late on Wednesday calling the allegations "
        "categorically false."
    )
    assert rebuttals(result) == [("Daniel Oyelo", "Castle Police Federation")]


def test_he_after_an_unnamed_spokesman_is_the_body_he_speaks_for() -> None:
    result = run(
        "Save Fields said the park was missing from the plans.\n\n"
        "Harrowgate Homes rejected the accusation. A spokesman for the developer said the "
        "park was clearly marked. He added that the leaflets had been checked."
    )
    assert rebuttals(result) == [("Harrowgate Homes", "Save Fields")] * 3


def test_standing_by_its_research_answers_the_latest_claim_of_the_other_side() -> None:
    result = run(
        "Dr Hana Lind said the team had excluded 300 participants without explanation.\n\n"
        "Easterby University said it stood by the research."
    )
    assert rebuttals(result) == [("Easterby University", "Hana Lind")]


def test_standing_by_data_against_a_rebuttal_links_nowhere() -> None:
    """The other side's latest words are a denial: there is no claim to link to."""
    result = run(
        "The Gazette reported that the firm had spilled sewage on 140 days.\n\n"
        'Westmere Water called the report "nonsense".\n\n'
        "The Tolle Anglers Association said it stood by its data."
    )
    assert rebuttals(result) == [("Westmere Water", "Gazette")]


def test_a_leaflet_produced_by_a_group_speaks_for_it_and_made_up_denies() -> None:
    result = run(
        "The leaflet, produced by the group Taxfair North, says the budget has doubled.\n\n"
        'The Rail Partnership said the £2,000 figure was "simply made up".'
    )
    assert rebuttals(result) == [("Rail Partnership", "Taxfair North")]


def test_an_officer_of_no_named_body_after_its_denial_speaks_for_it() -> None:
    result = run(
        "The Transport Workers Union said the offer from operator MetroLink was worth less than "
        "inflation.\n\n"
        'MetroLink hit back, saying the offer was worth 5.5 per cent. "The union is not '
        'telling its members the whole story," managing director Graham Pike said.'
    )
    assert ("Graham Pike", "Transport Workers Union") in rebuttals(result)


def test_a_spokeswoman_after_a_body_written_like_a_name_speaks_for_it() -> None:
    result = run(
        "Silverbirch Care said the claims were wrong. A spokeswoman said staffing was fine."
    )
    assert [(a.name, a.kind) for a in result.actors] == [("Silverbirch Care", "organisation")]
    assert len(result.statements) == 2


def test_the_company_is_the_most_recent_firm_even_one_written_like_a_name() -> None:
    result = run(
        "River Watch Andes said the water was acid.\n\n"
        "Cordillera Copper, which operates the mine, rejected the findings. The company said "
        "its own monitoring had found no breach and that the group's samples were wrong."
    )
    names = {a.key: a.name for a in result.actors}
    said = [names[x.actor_key] for x in [*result.statements, *result.rebuttals]]
    assert said.count("Cordillera Copper") == 2


def test_the_agency_is_not_a_mining_firm() -> None:
    result = run(
        "Cordillera Copper said its monitoring had found no breach.\n\n"
        "The national environment agency said it would take its own samples."
    )
    names = {a.key: a.name for a in result.actors}
    assert [names[s.actor_key] for s in result.statements] == ["Cordillera Copper"]


def test_a_firms_own_account_after_its_denial_rebuts() -> None:
    result = run(
        "The Tidewater Fund said Norvale Pharma had hidden reports of liver damage.\n\n"
        '"The lawsuit is without merit," a Norvale Pharma spokeswoman said, adding that the '
        "company had shared every report with regulators."
    )
    assert rebuttals(result) == [("Norvale Pharma", "Tidewater Fund")] * 2


def test_their_union_announced_waits_for_the_union_named_next() -> None:
    result = run(
        "Nurses at three clinics will strike next week, their union announced on Tuesday.\n\n"
        "The Clinical Staff Union said the pay offer was 1.5 per cent."
    )
    names = {a.key: a.name for a in result.actors}
    assert [names[s.actor_key] for s in result.statements] == ["Clinical Staff Union"] * 2


def test_a_content_denial_naming_the_bonus_figure_answers_the_bonus_claim() -> None:
    result = run(
        "The Nurses Union said Halden Care had offered a one per cent rise while paying "
        "bonuses of £2 million. The union said its members would strike next week.\n\n"
        'Halden Care said the bonus figure was "simply untrue".'
    )
    by_key = {s.key: s for s in result.statements}
    (r,) = result.rebuttals
    assert "bonuses" in by_key[r.statement_key].text


def test_a_place_after_a_preposition_stays_a_place_before_a_verb() -> None:
    """'Residents of Kelso Bay have accused ...': anonymous residents, the bay is a place."""
    result = run("Residents of Kelso Bay have accused Northwind Power of hiding the noise.")
    assert result.statements == [] and not result.speakers


def test_an_article_that_claimed_is_the_outlets_and_his_lawyers_speak_for_him() -> None:
    result = run(
        "Chef Marco Bellini is suing the Daily Herald over an article that claimed he had "
        "taken credit for recipes by junior staff.\n\n"
        'Bellini\'s lawyers say the article was "false and seriously damaging".'
    )
    assert rebuttals(result) == [("Marco Bellini", "Daily Herald")]
