"""What extraction hands back: suggested actors, statements and rebuttals, and the error."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import StoreError


@dataclass
class SuggestedActor:
    """A person, organisation, government or media outlet found in the article."""

    key: str
    name: str
    kind: str
    role: str = ""
    affiliation: str = ""
    aliases: list[str] = field(default_factory=list)
    existing_id: int | None = None
    evidence: str = ""
    # True when the actor makes a statement or a rebuttal here (ticked in the review);
    # False for a name only mentioned (listed apart, unticked).
    speaks: bool = True


@dataclass
class SuggestedStatement:
    """A claim attributed to ``actor_key``; ``evidence`` is the whole source sentence."""

    key: str
    actor_key: str
    text: str
    evidence: str
    said_on: str | None = None
    quote: bool = False
    # The stored statement with the same actor and text, when the article was imported before.
    existing_id: int | None = None


@dataclass
class SuggestedRebuttal:
    """``actor_key`` denies the claim ``statement_key`` made by another actor."""

    key: str
    actor_key: str
    statement_key: str
    text: str
    evidence: str
    said_on: str | None = None
    # The stored rebuttal with the same actor, statement and text (a re-import).
    existing_id: int | None = None


@dataclass
class Suggestions:
    """Everything found in one article, for the analyst to review before it is stored."""

    actors: list[SuggestedActor]
    statements: list[SuggestedStatement]
    rebuttals: list[SuggestedRebuttal]
    warnings: list[str]
    headline: str = ""  # the article's title line, when it has one

    @property
    def speakers(self) -> list[SuggestedActor]:
        """Actors who make a statement or a rebuttal in the article."""
        return [a for a in self.actors if a.speaks]

    @property
    def mentioned(self) -> list[SuggestedActor]:
        """Names only mentioned: not suggested for adding unless the analyst ticks them."""
        return [a for a in self.actors if not a.speaks]


class IngestError(StoreError):
    """The article cannot be imported; the message says what to do about it."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path
