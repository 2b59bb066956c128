"""Rules added for the dispute structures that failed on unseen news (dev batch 106-121):
each on a made-up text of one shape, so a change that breaks a rule says which."""

from __future__ import annotations

from ingest_helpers import rebuttals, run, speakers


def test_a_national_army_is_a_speaker() -> None:
    result = run(
        "The Kandari army has accused rebels of setting fire to a church in Tesso.\n\n"
        "The Northern Liberation Front denied the accusation."
    )
    assert speakers(result) == ["Kandari army"]
    assert rebuttals(result) == [("Northern Liberation Front", "Kandari army")]


def test_known_demonym_military_and_police() -> None:
    result = run(
        "The Nigerian military said troops had killed 20 fighters.\n\n"
        "The Kenyan police said two men had been arrested."
    )
    assert speakers(result) == ["Nigerian military", "Kenyan police"]


def test_a_weekday_opens_a_newspaper_name() -> None:
    result = run(
        "The Sunday Courier reported that the club had agreed terms with a buyer.\n\n"
        "On Sunday the club said it was not for sale."
    )
    names = {a.name.removeprefix("The ") for a in result.actors if a.speaks}
    assert "Sunday Courier" in names


def test_a_verdict_on_the_report_rebuts_it() -> None:
    result = run(
        "The Weekly Ledger reported that Dana Holt had agreed to sell the club.\n\n"
        'A spokesman for Holt said the report was "pure speculation".'
    )
    assert rebuttals(result) == [("Dana Holt", "Weekly Ledger")]


def test_an_agreeing_verdict_is_a_statement() -> None:
    result = run(
        "The Weekly Ledger reported that the council had lost £2m on the deal.\n\n"
        "Council leader Jo Marr said the report was accurate and the money would be recovered."
    )
    assert rebuttals(result) == []


def test_a_lede_answers_the_report_it_names() -> None:
    result = run(
        "Fernhill Water has insisted its reservoirs are safe, after the Valley Times reported "
        "that two dams had failed inspections.\n\n"
        "The company will publish its inspection results next week."
    )
    assert rebuttals(result) == [("Fernhill Water", "Valley Times")]


def test_the_deniers_next_words_in_the_paragraph_answer_the_same_claim() -> None:
    result = run(
        "The Referees' Association said manager Tony Marsh had questioned the referee's "
        "integrity.\n\n"
        "Harbour Rovers denied that Marsh had made any allegation. "
        '"This is a misunderstanding of a heated moment," the club said.'
    )
    assert rebuttals(result) == [
        ("Harbour Rovers", "Referees' Association"),
        ("Harbour Rovers", "Referees' Association"),
    ]


def test_a_new_accusation_after_a_denial_is_a_statement() -> None:
    result = run(
        "The Dockers' Union said Harbor Freight had cut the crew on every ship.\n\n"
        "Harbor Freight denied cutting crews. It accused union leaders of misleading their "
        "members."
    )
    assert rebuttals(result) == [("Harbor Freight", "Dockers' Union")]


def test_the_one_sued_answers_the_lawsuit_without_a_denial_word() -> None:
    result = run(
        "Driver Tom Kell has sued haulier Brant Freight, claiming he was sacked for joining a "
        "union.\n\n"
        "Brant Freight said his contract had ended because he failed two safety checks."
    )
    assert rebuttals(result) == [("Brant Freight", "Tom Kell")]


def test_the_defendant_answers_the_prosecutor_through_his_barrister() -> None:
    result = run(
        "Prosecutor Amanda Royce told the court that CCTV showed Darren Kyle returning to the "
        "club with a knife.\n\n"
        "Kyle's barrister said his client had been attacked first."
    )
    assert rebuttals(result) == [("Darren Kyle", "Amanda Royce")]


def test_an_earlier_accusation_beats_a_later_remark_naming_the_denier() -> None:
    result = run(
        "In her book, Clara Voss writes that Lucas Berend called pensioners a drain.\n\n"
        "Berend's office said the minister had never said such a thing.\n\n"
        "Opposition leader Dana Whitfield said Berend should apologise."
    )
    assert rebuttals(result) == [("Lucas Berend", "Clara Voss")]


def test_but_and_a_negation_from_the_other_side_answers_the_claim() -> None:
    result = run(
        "The Dorvanian army said its helicopters had destroyed a rebel base near Kessara.\n\n"
        "But a spokesman for the Movement for Justice, Hassan Tobi, said the aircraft could "
        "not have hit its fighters."
    )
    assert rebuttals(result) == [("Hassan Tobi", "Dorvanian army")]


def test_but_with_a_counter_account_is_a_claim_of_its_own() -> None:
    result = run(
        "Northvale Resources blamed heavy rainfall for the collapse.\n\n"
        "But the National Union of Mineworkers said members had reported cracks in the tunnel."
    )
    assert rebuttals(result) == []


def test_saying_one_is_innocent_denies_the_finding() -> None:
    result = run(
        "Athletics Veland said Ruth Awino had tested positive for EPO.\n\n"
        "Awino said she was innocent."
    )
    assert rebuttals(result) == [("Ruth Awino", "Athletics Veland")]


def test_the_rebels_are_the_armed_movement_named_before() -> None:
    result = run(
        "The Movement for Justice, the main rebel alliance, said it had captured a town.\n\n"
        "The Dorvanian army said the rebels had shelled a market.\n\n"
        "The rebels denied the accusation."
    )
    assert rebuttals(result) == [("Movement for Justice", "Dorvanian army")]


def test_the_accusers_claim_leaves_out_the_accused_answer_in_its_tail() -> None:
    result = run(
        "The United Nations has accused Lemara of supporting the M40, an allegation Lemara denies."
    )
    assert rebuttals(result) == [("Lemara", "United Nations")]
    assert not any("denies" in s.text for s in result.statements)


def test_said_last_week_that_skips_the_time() -> None:
    result = run("Yves Dorat said last week that the dinner took place in March.")
    assert [s.text for s in result.statements] == ["The dinner took place in March"]


def test_but_with_a_quoted_negation_answers_the_claim() -> None:
    result = run(
        "The Kavuan army said soldiers from Lemara had backed the rebels.\n\n"
        'But the governor, Francis Habiya, said the Lemaran army was "not by any means '
        'involved".'
    )
    assert rebuttals(result) == [("Francis Habiya", "Kavuan army")]


def test_and_had_inside_the_reported_clause_is_not_a_new_cue() -> None:
    result = run(
        "The Referees' Association said on Monday that Tony Marsh had questioned the referee's "
        "integrity and had called for him to be kept away from Rovers matches."
    )
    assert len(result.statements) == 1


def test_a_governments_own_minister_goes_on_answering_for_it() -> None:
    result = run(
        "Uganda on Sunday rejected accusations that its soldiers raided a village in South "
        "Sudan.\n\n"
        "South Sudan Vice-President Riek Deng told parliament that an inquiry had found Ugandan "
        "troops responsible for the raid.\n\n"
        '"It cannot be our army. Our army is disciplined," Ugandan Foreign Minister Sam Oketch '
        "said."
    )
    assert sorted(rebuttals(result)) == [
        ("Sam Oketch", "Riek Deng"),
        ("Ugandan government", "Riek Deng"),
    ]


def test_a_residents_descriptor_is_a_role_not_part_of_the_name() -> None:
    result = run("Pensioner Moira Lennox said she had been fobbed off by the council.")
    assert [(a.name, a.role) for a in result.actors if a.speaks] == [("Moira Lennox", "Pensioner")]


def test_a_statement_from_a_body_saying_is_the_bodys_claim() -> None:
    result = run(
        "Reuters received a letter from the Harbour Trust claiming the pier was unsafe.\n\n"
        "The council said the pier had passed every inspection."
    )
    assert speakers(result)[0] == "Harbour Trust"


def test_and_had_after_a_reported_clause_without_that() -> None:
    result = run(
        "Professor Helen Ashby said she had never described her allergy as serious and had "
        "told staff she would be fine at the back of the plane."
    )
    assert len(result.statements) == 1


def test_admitting_a_flaw_is_not_a_denial() -> None:
    result = run(
        "The Water Services Regulator said Eastvale Water had understated its leaks.\n\n"
        "Eastvale said it accepted that its reporting had been flawed but denied deliberately "
        "misleading the regulator."
    )
    assert [r.text for r in result.rebuttals] == ["Denied deliberately misleading the regulator"]


def test_a_government_spokesman_goes_on_answering_for_the_government() -> None:
    result = run(
        "The Terranian government has denied that rebels killed 100 soldiers.\n\n"
        "The Eastern Liberation Front said in a statement that its fighters had overrun a base.\n\n"
        "Government spokesman Abel Tesfa said no such attack had taken place."
    )
    assert ("Abel Tesfa", "Eastern Liberation Front") in rebuttals(result)
