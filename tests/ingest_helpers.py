"""What the import rule tests share: extract a made-up article, then read who said what."""

from __future__ import annotations

import datetime as dt

from store.ingest import Suggestions, extract

PUBLISHED = dt.date(2024, 3, 6)  # a Wednesday


def run(text: str) -> Suggestions:
    return extract(text, published=PUBLISHED)


def rebuttals(result: Suggestions) -> list[tuple[str, str]]:
    """(who rebuts, whose statement) for each suggested rebuttal; a leading "The" of the
    rebutted name is dropped ("The Sunday Courier" and "Sunday Courier" are one paper)."""
    names = {a.key: a.name for a in result.actors}
    by_key = {s.key: s for s in result.statements}
    return [
        (names[r.actor_key], names[by_key[r.statement_key].actor_key].removeprefix("The "))
        for r in result.rebuttals
    ]


def speakers(result: Suggestions) -> list[str]:
    """Who says each suggested statement, in order."""
    names = {a.key: a.name for a in result.actors}
    return [names[s.actor_key] for s in result.statements]


def actor_names(result: Suggestions) -> set[str]:
    """The names of the actors who speak."""
    return {a.name for a in result.actors if a.speaks}


def speaking(result: Suggestions) -> dict[str, list[str]]:
    """Each speaking actor's name and aliases."""
    return {a.name: a.aliases for a in result.actors if a.speaks}
