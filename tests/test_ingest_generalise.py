"""Rules added to generalise import on real news phrasing (issue 13, continued): each on a
made-up sentence of one shape, so a change that breaks a rule says which."""

from __future__ import annotations

import datetime as dt

from store.ingest import Suggestions, extract

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday


def run(text: str) -> Suggestions:
    return extract(text, published=PUBLISHED)


def rebuttals(result: Suggestions) -> list[tuple[str, str]]:
    names = {a.key: a.name for a in result.actors}
    by_key = {s.key: s for s in result.statements}
    return [(names[r.actor_key], names[by_key[r.statement_key].actor_key]) for r in result.rebuttals]


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
