"""The sample briefing: the Kellogg–Lukashenko dispute, curated by hand from the seed article.

The article ships inside the package (``store/data``) so the sample is self-contained.
"""

from __future__ import annotations

from importlib import resources

from .briefing import Briefing
from .models import ActorKind, Status

SOURCE = "Seed article: Kellogg denies Lukashenko's drone-strike claim"
SAMPLE_TAG = "sample"


def article_text() -> str:
    """The seed article the sample briefing was curated from."""
    return resources.files("store").joinpath("data/kellogg-lukashenko.txt").read_text("utf-8")


def build_sample(briefing: Briefing) -> None:
    """Add the sample briefing to ``briefing`` as one change (one undo removes it)."""
    tags = [SAMPLE_TAG]
    with briefing.batch("Added the sample briefing"):
        kellogg = briefing.add_actor(
            name="Keith Kellogg",
            kind=ActorKind.PERSON,
            role="U.S. Special Envoy for Ukraine",
            affiliation="United States",
            aliases=["Kellogg"],
            tags=tags,
        )
        lukashenko = briefing.add_actor(
            name="Alexander Lukashenko",
            kind=ActorKind.PERSON,
            role="President of Belarus (described as a dictator)",
            affiliation="Belarus",
            aliases=["Lukashenko"],
            tags=tags,
            notes="Has ruled Belarus since 1994; a key ally of the Kremlin.",
        )
        putin = briefing.add_actor(
            name="Vladimir Putin",
            kind=ActorKind.PERSON,
            role="President of Russia",
            affiliation="Russia",
            aliases=["Putin"],
            tags=tags,
        )
        tsikhanouski = briefing.add_actor(
            name="Siarhei Tsikhanouski",
            kind=ActorKind.PERSON,
            role="Political prisoner, released after the talks",
            affiliation="Belarus",
            aliases=["Tsikhanouski"],
            tags=tags,
        )
        government = briefing.add_actor(
            name="Belarusian government",
            kind=ActorKind.GOVERNMENT,
            role="Government of Belarus",
            affiliation="Belarus",
            aliases=["the government", "Minsk"],
            tags=tags,
        )
        common = {"source": SOURCE, "tags": tags}
        claim = briefing.add_statement(
            actor_id=lukashenko.id,
            text=(
                "Kellogg agreed to explore halting Ukraine's drone strikes on Russia in "
                "return for Putin considering a ceasefire."
            ),
            said_on="2025-06-21",
            **common,
        )
        relayed = briefing.add_statement(
            actor_id=putin.id,
            text=(
                "Russia is willing to consider a ceasefire in Ukraine if Ukrainian forces "
                "cease drone strikes on Russian territory (as relayed by Lukashenko)."
            ),
            said_on="2025-06-21",
            **common,
        )
        release = briefing.add_statement(
            actor_id=government.id,
            text=(
                "The release of political prisoner Siarhei Tsikhanouski is part of the "
                "process of political reconciliation."
            ),
            said_on="2025-06-21",
            **common,
        )
        focus = briefing.add_statement(
            actor_id=kellogg.id,
            text=(
                "The meeting in Minsk focused on a full and unconditional ceasefire, without "
                "specific concessions on Ukraine's military operations against Russia."
            ),
            **common,
        )
        briefing.add_rebuttal(
            statement_id=claim.id,
            actor_id=kellogg.id,
            text=(
                "The remarks were misinterpreted and taken out of context; the discussion "
                "was about a full and unconditional ceasefire, with no concessions on "
                "Ukraine's drone strikes."
            ),
            source="Kellogg on X (tweet)",
        )
        briefing.annotate(
            claim.id,
            "Only Lukashenko's account of the June 21 meeting exists; Kellogg denied it "
            "publicly. Treat as disputed until a readout from either side is published.",
        )
        briefing.annotate(
            relayed.id,
            "Second-hand: Putin's position comes only through Lukashenko. No Kremlin "
            "statement found.",
        )
        briefing.set_status(
            focus.id, Status.CONFIRMED, reason="Kellogg's own public statement (tweet)"
        )
        briefing.annotate(
            release.id,
            "The release itself is confirmed; the 'reconciliation' framing is the "
            "government's own.",
        )
        del tsikhanouski  # recorded as an actor; he makes no statement in the article
