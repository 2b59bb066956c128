"""Domain models: validation lives here, persistence does not.

Documents on disk are plain dicts (TinyDB's layout); a model's ``id`` is the TinyDB
doc_id and is not stored inside the document.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, NamedTuple, Self

import pydantic
from pydantic import BaseModel, ConfigDict, Field, field_serializer, field_validator

from .clean import char_name, first_unsafe, fold_whitespace
from .errors import ValidationError

# Field limits, in characters (lists: in entries). A value over its limit is refused
# with the limit named, by the forms, the API, import-json and the check at open.
NAME_MAX = 200  # actor name, each alias
TEXT_MAX = 10_000  # statement, rebuttal and annotation text; actor notes
SHORT_MAX = 500  # role, affiliation, source
URL_MAX = 2_000
TAG_MAX = 60
LIST_MAX = 100  # aliases, tags
LIMITS: dict[str, int] = {
    "name": NAME_MAX,
    "text": TEXT_MAX,
    "notes": TEXT_MAX,
    "role": SHORT_MAX,
    "affiliation": SHORT_MAX,
    "source": SHORT_MAX,
    "url": URL_MAX,
    "tag": TAG_MAX,
    "aliases and tags (entries)": LIST_MAX,
}


class Status(StrEnum):
    """The verdict on a statement, and the one vocabulary every screen and export uses
    for it: ``symbol`` ("!"), ``word`` ("disputed"), ``label`` ("! disputed") and the
    ClaimReview ``rating`` (None for a statement nobody has judged)."""

    UNVERIFIED = "unverified"
    DISPUTED = "disputed"
    CONFIRMED = "confirmed"
    FALSE = "false"
    RETRACTED = "retracted"

    @property
    def symbol(self) -> str:
        """One character shown next to the word (never instead of it: colour-blind
        readers and greyscale printouts)."""
        return _STATUS_SYMBOLS[self]

    @property
    def word(self) -> str:
        """The word a reader sees, lower case (the stored value)."""
        return self.value

    @property
    def label(self) -> str:
        """Symbol and word: ``"! disputed"``."""
        return f"{self.symbol} {self.word}"

    @property
    def rating(self) -> ClaimRating | None:
        """The ClaimReview verdict, or None (an unverified claim is not a fact check)."""
        return _CLAIM_RATINGS.get(self)


class ClaimRating(NamedTuple):
    """A schema.org ``Rating`` for ClaimReview: the textual rating readers see, and a
    value on the 1 (false) .. 5 (true) scale only where it means something."""

    name: str
    value: int | None


_STATUS_SYMBOLS: dict[Status, str] = {
    Status.UNVERIFIED: "?",
    Status.DISPUTED: "!",
    Status.CONFIRMED: "✓",
    Status.FALSE: "✗",
    Status.RETRACTED: "↺",
}
_CLAIM_RATINGS: dict[Status, ClaimRating] = {
    Status.DISPUTED: ClaimRating("Disputed", None),
    Status.CONFIRMED: ClaimRating("True", 5),
    Status.FALSE: ClaimRating("False", 1),
    Status.RETRACTED: ClaimRating("Retracted", None),
}


class ActorKind(StrEnum):
    """What sort of actor makes statements."""

    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNMENT = "government"
    MEDIA = "media"
    OTHER = "other"


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(ts: datetime) -> str:
    """Timestamps on disk: ISO 8601 in UTC with milliseconds."""
    return ts.astimezone(UTC).isoformat(timespec="milliseconds")


_URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _one_line(value: Any) -> Any:
    # Names, roles and tags are single-line fields: fold newlines and tabs into spaces.
    return fold_whitespace(value) if isinstance(value, str) else value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _as_utc(value: Any) -> Any:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    return value


NonEmptyName = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
NonEmptyText = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
ShortText = Annotated[str, Field(max_length=SHORT_MAX)]
Tag = Annotated[str, Field(min_length=1, max_length=TAG_MAX)]


class _Model(BaseModel):
    """Shared behaviour: whitespace handling, UTC timestamps, doc conversion."""

    model_config = ConfigDict(validate_assignment=True, extra="ignore", use_enum_values=False)

    # Fields that are not part of the stored document.
    _not_stored: ClassVar[frozenset[str]] = frozenset({"id"})
    kind_label: ClassVar[str] = "document"

    def to_doc(self) -> dict[str, Any]:
        """The dict stored in TinyDB (JSON types only)."""
        return self.model_dump(mode="json", exclude=set(self._not_stored))

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> Self:
        return cls.model_validate({**doc, "id": doc_id})

    @classmethod
    def validated(cls, **fields: Any) -> Self:
        """Build a model, turning pydantic's errors into the store's ValidationError."""
        try:
            return cls.model_validate(fields)
        except pydantic.ValidationError as exc:
            raise to_store_error(cls.kind_label, exc) from None


def to_store_error(what: str, exc: pydantic.ValidationError) -> ValidationError:
    """One readable line per problem: which field, what was wrong."""
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first.get("loc", ())) or "value"
    reason = _reason(first)
    found = [(field, reason)]
    for err in exc.errors()[1:]:
        loc = ".".join(str(p) for p in err.get("loc", ())) or "value"
        found.append((loc, _reason(err)))
    message = f"Invalid {what}: " + "; ".join(f"{f}: {r}" for f, r in found)
    return ValidationError(message, field=field, reason=reason, problems=found)


def _reason(err: Any) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "enum":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "too_long":
        return f"has too many entries (at most {ctx.get('max_length')})"
    if kind == "missing":
        return "is required"
    msg = str(err.get("msg", "is not valid"))
    return msg.removeprefix("Value error, ")


class Annotation(BaseModel):
    """An analyst's note on a statement."""

    model_config = ConfigDict(extra="ignore")

    text: NonEmptyText
    at: datetime

    _strip_text = field_validator("text", mode="before")(_strip)
    _utc = field_validator("at", mode="before")(_as_utc)

    @field_serializer("at")
    def _iso(self, value: datetime) -> str:
        return iso(value)


class _Dated(_Model):
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    _utc = field_validator("created_at", "updated_at", mode="before")(_as_utc)

    @field_serializer("created_at", "updated_at")
    def _iso(self, value: datetime) -> str:
        return iso(value)


def _said_on(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"must be a date as YYYY-MM-DD, not {value.strip()[:40]!r}") from None
    return value


def url_problem(value: str) -> str | None:
    """What is wrong with a URL (stripped first), in words; None when it is fine or empty.

    Control characters (ESC, BEL, C1 such as U+009B), bidi overrides and invisible
    characters are refused: an export or a terminal would act on them.
    """
    value = value.strip()
    if not value:
        return None
    bad = first_unsafe(value)
    if bad is not None:
        return f"must not contain {char_name(bad)}"
    if not _URL_RE.match(value):
        return "must start with http:// or https:// and contain no spaces"
    if len(value) > URL_MAX:
        return f"is too long: {len(value):,} characters (at most {URL_MAX:,})"
    return None


def _url(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.strip()
        problem = url_problem(value)
        if problem is not None:
            raise ValueError(problem)
    return value


def _tags(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if isinstance(value, list | tuple):
        seen: list[str] = []
        for item in value:
            if isinstance(item, str):
                item = _one_line(item)
                if item and item not in seen:
                    seen.append(item)
            else:
                seen.append(item)
        return seen
    return value


class Actor(_Dated):
    """A person, organisation, government or outlet that makes statements."""

    kind_label: ClassVar[str] = "actor"

    id: int | None = None
    name: NonEmptyName
    kind: ActorKind = ActorKind.PERSON
    role: ShortText = ""
    affiliation: ShortText = ""
    aliases: list[Annotated[str, Field(min_length=1, max_length=NAME_MAX)]] = Field(
        default_factory=list, max_length=LIST_MAX
    )
    tags: list[Tag] = Field(default_factory=list, max_length=LIST_MAX)
    notes: Annotated[str, Field(max_length=TEXT_MAX)] = ""

    _one_line = field_validator("name", "role", "affiliation", mode="before")(_one_line)
    _lists = field_validator("aliases", "tags", mode="before")(_tags)
    _notes = field_validator("notes", mode="before")(_strip)


class Statement(_Dated):
    """Something an actor said, with the analyst's verdict and notes."""

    kind_label: ClassVar[str] = "statement"

    id: int | None = None
    actor_id: int
    text: NonEmptyText
    said_on: date | None = None
    source: ShortText = ""
    url: Annotated[str, Field(max_length=URL_MAX)] = ""
    status: Status = Status.UNVERIFIED
    annotations: list[Annotation] = Field(default_factory=list)
    tags: list[Tag] = Field(default_factory=list, max_length=LIST_MAX)

    _text = field_validator("text", mode="before")(_strip)
    _source = field_validator("source", mode="before")(_one_line)
    _said = field_validator("said_on", mode="before")(_said_on)
    _url = field_validator("url", mode="before")(_url)
    _lists = field_validator("tags", mode="before")(_tags)


class Rebuttal(_Dated):
    """One actor's answer to another's statement."""

    kind_label: ClassVar[str] = "rebuttal"

    id: int | None = None
    statement_id: int
    actor_id: int
    text: NonEmptyText
    said_on: date | None = None
    source: ShortText = ""
    url: Annotated[str, Field(max_length=URL_MAX)] = ""

    _text = field_validator("text", mode="before")(_strip)
    _source = field_validator("source", mode="before")(_one_line)
    _said = field_validator("said_on", mode="before")(_said_on)
    _url = field_validator("url", mode="before")(_url)


class HistoryEntry(BaseModel):
    """One change in the append-only audit trail."""

    model_config = ConfigDict(extra="ignore")

    id: int | None = None
    at: datetime
    action: str
    table: str
    doc_id: int
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    group: str | None = None
    reason: str = ""
    batch: str = ""
    undoes: int | None = None
    redoes: int | None = None  # on a redo entry: the undo entry whose change it re-applies

    _utc = field_validator("at", mode="before")(_as_utc)

    @classmethod
    def from_doc(cls, doc_id: int, doc: dict[str, Any]) -> HistoryEntry:
        return cls.model_validate({**doc, "id": doc_id})

    def describe(self) -> str:
        """A short sentence for toasts and the history list."""
        what = self.table.rstrip("s")
        if self.reason:
            return self.reason
        return f"{self.action.replace('_', ' ')} {what} #{self.doc_id}"


MODELS: dict[str, type[_Model]] = {
    "actors": Actor,
    "statements": Statement,
    "rebuttals": Rebuttal,
}
