"""Rules added after scoring on real reporting (kept outside the repository): each on a
made-up text of one shape, so a change that breaks a rule says which."""

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
        (names[r.actor_key], names[by_key[r.statement_key].actor_key].removeprefix("The "))
        for r in result.rebuttals
    ]


def speaking(result: Suggestions) -> dict[str, list[str]]:
    return {a.name: a.aliases for a in result.actors if a.speaks}


def test_a_councillor_abbreviation_is_a_title_not_a_name() -> None:
    result = run(
        'Cr Dana Holt said the plan was "reckless".\n\n'
        "Cr Holt said the council had ignored residents."
    )
    actors = [a for a in result.actors if a.speaks]
    assert [a.name for a in actors] == ["Dana Holt"]
    assert actors[0].role == "councillor"


def test_a_country_and_its_government_are_one_actor() -> None:
    result = run(
        "The Daily Ledger reported that Norwegian agents had hacked the ministry.\n\n"
        "The Norwegian government denied the report.\n\n"
        'Norway said the story was "pure invention".'
    )
    govs = [a for a in result.actors if a.kind == "government"]
    assert len(govs) == 1
    assert "Norway" in govs[0].aliases
