"""Rules added for the dispute structures that failed on unseen news (dev batch 106-121):
each on a made-up text of one shape, so a change that breaks a rule says which."""

from __future__ import annotations

import datetime as dt

from store.ingest import Suggestions, extract

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday


def run(text: str) -> Suggestions:
    return extract(text, published=PUBLISHED)


def rebuttals(result: Suggestions) -> list[tuple[str, str]]:
    names = {a.key: a.name for a in result.actors}
    by_key = {s.key: s for s in result.statements}
    return [
        (names[r.actor_key], names[by_key[r.statement_key].actor_key]) for r in result.rebuttals
    ]


def speakers(result: Suggestions) -> list[str]:
    names = {a.key: a.name for a in result.actors}
    return [names[s.actor_key] for s in result.statements]


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
