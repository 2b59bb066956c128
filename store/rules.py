"""The field rules a stored document must meet (the models' rules, as checks on raw
JSON values): one rule a field, in ``RULES`` by table. ``store/validate.py`` applies them
to a document (``problem``) or to a whole column at once (``column_ok``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from itertools import chain, repeat
from operator import itemgetter, or_
from typing import Any

from .clean import UNSAFE_CLASS, fold_whitespace
from .models import (
    LIST_MAX,
    NAME_MAX,
    SHORT_MAX,
    TAG_MAX,
    TEXT_MAX,
    URL_MAX,
    ActorKind,
    Status,
    url_problem,
)

Tables = Mapping[str, Mapping[str, Any]]

LABELS = {
    "meta": "meta",
    "actors": "actor",
    "statements": "statement",
    "rebuttals": "rebuttal",
    "history": "history entry",
}
MISSING: Any = object()
ID_PATTERN = re.compile(r"[1-9][0-9]{0,17}")
ID_MAX = 2**63 - 1
# Stripped URLs as models.url_problem takes them, one per line (stricter is fine here).
_URLS = re.compile(rf"(?:https?://[^\s/$.?#{UNSAFE_CLASS}][^\s{UNSAFE_CLASS}]*\n)*", re.I)


# -- describing values ---------------------------------------------------------------


def show(value: Any) -> str:
    """A short, safe description of a JSON value for a message (no raw control
    characters; a huge value is cut, a huge number is not turned into digits)."""
    if value is MISSING:
        return "missing"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            return f"a number of about {int(value.bit_length() * 0.30103)} digits"
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        if len(value) > 40:
            return f"{value[:40]!r}… ({len(value):,} characters)"
        return repr(value)
    if isinstance(value, list):
        return f"a list of {len(value):,} items"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{show(value)} (a yes/no value)"
    if isinstance(value, int | float):
        return show(value)
    if isinstance(value, str):
        return f"the text {show(value)}"
    return show(value)


# -- rules -----------------------------------------------------------------------------
#
# A rule checks one field. ``problem(value, tables)`` is exact and returns words that
# follow the field's name ("must not be empty"). ``column_ok(values, tables)`` gets the
# field of every document (``MISSING`` where absent) and returns True only when every
# value certainly passes; False means "look closer" and costs nothing but time.


class Rule:
    required = False
    # What the column check sees where an optional field is absent: a value that passes.
    absent: Any = None

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        raise NotImplementedError

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        return False


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


class _Text(Rule):
    """A string of at most ``limit`` characters after the model's folding."""

    def __init__(
        self,
        limit: int | None,
        *,
        required: bool = False,
        nonempty: bool = False,
        fold: Callable[[str], str] | None = None,
    ) -> None:
        self.limit = limit
        self.required = required
        self.nonempty = nonempty
        self.fold = fold
        self.absent = MISSING if required else ""

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING:
            return "is missing" if self.required else None
        if not isinstance(value, str):
            return f"must be text, not {kind_of(value)}"
        folded = self.fold(value) if self.fold else value
        if self.nonempty and not folded:
            return "must not be empty"
        if self.limit is not None and len(folded) > self.limit:
            return f"is too long: {len(folded):,} characters (at most {self.limit:,})"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        if not values:
            return True
        # (str.__len__ raises TypeError for anything but a string: type and length in one
        # pass.) Folding only shortens, and folds to "" exactly the all-space strings.
        try:
            if self.nonempty:
                lengths = list(map(str.__len__, values))
                if not min(lengths) or any(map(str.isspace, values)):
                    return False
                longest = max(lengths)
            else:
                longest = max(map(str.__len__, values))
        except TypeError:
            return False
        return self.limit is None or longest <= self.limit


def _strip(text: str) -> str:
    return text.strip()


class _Choice(Rule):
    def __init__(self, choices: Iterable[str], *, required: bool = False) -> None:
        self.choices = frozenset(choices)
        self.words = ", ".join(choices)
        self.required = required
        self.absent = MISSING if required else next(iter(choices))

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING:
            return "is missing" if self.required else None
        if not isinstance(value, str) or value not in self.choices:
            return f"is {kind_of(value)}, which is not one of: {self.words}"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        try:
            return set(values) <= self.choices
        except TypeError:  # an unhashable value (a list or object)
            return False


def is_id(value: Any) -> bool:
    return type(value) is int and 0 < value <= ID_MAX


class _Reference(Rule):
    """The id of a document in ``table`` (a JSON integer), which must exist."""

    required = True
    absent = MISSING

    def __init__(self, table: str) -> None:
        self.table = table
        self.label = LABELS[table]

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING:
            return "is missing"
        if not is_id(value):
            return f"must be {self.label} id (a whole number), not {kind_of(value)}"
        if tables is not None and str(value) not in tables.get(self.table, {}):
            return f"refers to {self.label} #{value}, which does not exist"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        distinct = set(values) if _types(values) <= {int} else None
        if distinct is None:
            return False
        if distinct and (min(distinct) < 1 or max(distinct) > ID_MAX):
            return False
        return set(map(str, distinct)) <= tables.get(self.table, {}).keys()


class _Integer(Rule):
    def __init__(self, *, required: bool = False, nullable: bool = False) -> None:
        self.required = required
        self.nullable = nullable
        self.absent = MISSING if required else None

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING:
            return "is missing" if self.required else None
        if value is None and self.nullable:
            return None
        if not is_id(value):
            return f"must be a whole number id, not {kind_of(value)}"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        allowed: set[type] = {int, type(None)} if self.nullable or not self.required else {int}
        if not _types(values) <= allowed:
            return False
        numbers = [v for v in values if v is not None]
        return not numbers or (min(numbers) >= 1 and max(numbers) <= ID_MAX)


class _Optional(Rule):
    """Null, an object or a string: ``kinds`` says which of them may appear."""

    def __init__(self, *kinds: type, words: str) -> None:
        self.kinds = set(kinds)
        self.words = words

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING or type(value) in self.kinds:
            return None
        return f"must be {self.words}, not {kind_of(value)}"

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        return _types(values) <= self.kinds | {type(None)}


def _said_on_problem(value: Any) -> str | None:
    if value is None or value is MISSING:
        return None
    if not isinstance(value, str):
        return f"must be a date as YYYY-MM-DD or null, not {kind_of(value)}"
    if value.strip():
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            return f"is {show(value)}, which is not a date as YYYY-MM-DD"
    return None


class _Date(Rule):
    def problem(self, value: Any, tables: Tables | None) -> str | None:
        return _said_on_problem(value)

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        try:
            distinct = set(values)
        except TypeError:
            return False
        # (few distinct dates: each is parsed once)
        return not any(map(_said_on_problem, distinct))


def _timestamp_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be an ISO 8601 timestamp, not {kind_of(value)}"
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return f"is {show(value)}, which is not an ISO 8601 timestamp"
    return None


class _Timestamp(Rule):
    def __init__(self, *, required: bool = False) -> None:
        self.required = required
        self.absent = MISSING if required else "2000-01-01T00:00:00.000+00:00"

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING:
            return "is missing" if self.required else None
        return _timestamp_problem(value)

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        if not values:
            return True
        try:
            # Parsed and moved to UTC in C (faster than a regular expression over all of
            # them). A naive time is taken as local here, so it may overflow where the
            # exact check would not: that only costs a closer look.
            parsed = map(datetime.fromisoformat, values)
            return all(map(datetime.astimezone, parsed, repeat(UTC)))
        except (TypeError, ValueError, OverflowError):
            return False


class _Url(Rule):
    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING or value is None:
            return None
        if not isinstance(value, str):
            return f"must be text, not {kind_of(value)}"
        return url_problem(value)

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        if _types(values) - {str, type(None)}:
            return False
        urls = [v for v in values if v]
        if not urls:
            return True
        # One expression over all of them; a URL it does not take is looked at closely.
        joined = "\n".join(urls) + "\n"
        return max(map(len, urls)) <= URL_MAX and _URLS.fullmatch(joined) is not None


class _List(Rule):
    """A list (null allowed where the model turns it into ``[]``) of items of one rule."""

    def __init__(self, item: Rule, *, limit: int | None, nullable: bool = True) -> None:
        self.item = item
        self.limit = limit
        self.nullable = nullable
        self.absent = None if nullable else []

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING or (value is None and self.nullable):
            return None
        if not isinstance(value, list):
            return f"must be a list, not {kind_of(value)}"
        for i, item in enumerate(value):
            problem = self.item.problem(item, tables)
            if problem is not None:
                return f"[{i}]{glue(problem)}{problem}"
        if self.limit is not None and len(value) > self.limit:
            return f"has {len(value):,} entries (at most {self.limit})"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        if not values:
            return True
        try:
            # (list.__len__ raises TypeError for anything but a list, null included:
            # a null list is rare enough to be looked at closely.)
            longest = max(map(list.__len__, values))
        except TypeError:
            return False
        if self.limit is not None and longest > self.limit:
            return False
        return self.item.column_ok(list(chain.from_iterable(values)), tables)


class _Object(Rule):
    """An object whose fields follow ``rules`` (an annotation)."""

    def __init__(self, rules: dict[str, Rule]) -> None:
        self.rules = rules

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if not isinstance(value, dict):
            return f"must be an object, not {kind_of(value)}"
        for name, rule in self.rules.items():
            problem = rule.problem(value.get(name, MISSING), tables)
            if problem is not None:
                return f".{name} {problem}"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        return columns_ok(self.rules, values, tables)


class _LastIds(Rule):
    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is MISSING or value is None:
            return None
        if not isinstance(value, dict):
            return f"must be an object of numbers, not {kind_of(value)}"
        for name, number in value.items():
            if type(number) is not int or not 0 <= number <= ID_MAX:
                return f".{name} must be a whole number, not {kind_of(number)}"
        return None


_TAG = _Text(TAG_MAX, fold=fold_whitespace)
_ALIAS = _Text(NAME_MAX, fold=fold_whitespace)
_TEXT = _Text(TEXT_MAX, required=True, nonempty=True, fold=_strip)
_DATED: dict[str, Rule] = {"created_at": _Timestamp(), "updated_at": _Timestamp()}

RULES: dict[str, dict[str, Rule]] = {
    "meta": {"last_ids": _LastIds()},
    "actors": {
        "name": _Text(NAME_MAX, required=True, nonempty=True, fold=fold_whitespace),
        "kind": _Choice([k.value for k in ActorKind]),
        "role": _Text(SHORT_MAX, fold=fold_whitespace),
        "affiliation": _Text(SHORT_MAX, fold=fold_whitespace),
        "aliases": _List(_ALIAS, limit=LIST_MAX),
        "tags": _List(_TAG, limit=LIST_MAX),
        "notes": _Text(TEXT_MAX, fold=_strip),
        **_DATED,
    },
    "statements": {
        "actor_id": _Reference("actors"),
        "text": _TEXT,
        "said_on": _Date(),
        "source": _Text(SHORT_MAX, fold=fold_whitespace),
        "url": _Url(),
        "status": _Choice([s.value for s in Status]),
        "annotations": _List(
            _Object(
                {
                    "text": _TEXT,
                    "at": _Timestamp(required=True),
                }
            ),
            limit=None,
            nullable=False,
        ),
        "tags": _List(_TAG, limit=LIST_MAX),
        **_DATED,
    },
    "rebuttals": {
        "statement_id": _Reference("statements"),
        "actor_id": _Reference("actors"),
        "text": _TEXT,
        "said_on": _Date(),
        "source": _Text(SHORT_MAX, fold=fold_whitespace),
        "url": _Url(),
        **_DATED,
    },
    "history": {
        "at": _Timestamp(required=True),
        "action": _Text(None, required=True),
        "table": _Choice(("actors", "statements", "rebuttals"), required=True),
        "doc_id": _Integer(required=True),
        "before": _Optional(dict, type(None), words="an object or null"),
        "after": _Optional(dict, type(None), words="an object or null"),
        "group": _Optional(str, type(None), words="text or null"),
        "reason": _Text(None),
        "batch": _Text(None),
        "undoes": _Integer(nullable=True),
        "redoes": _Integer(nullable=True),
    },
}


def glue(problem: str) -> str:
    return "" if problem[:1] in "[." else " "


def columns_ok(rules: dict[str, Rule], docs: Sequence[Any], tables: Tables) -> bool:
    """True when every field of every document certainly passes its rule.

    Touching 100,000 scattered dicts costs ~30 ms per pass, so the fields are taken in
    one pass with one ``itemgetter`` (when a document lacks a field, each is first
    merged over the absent-field defaults: ``defaults | doc``, which also fails for a
    non-object); ``zip`` then turns the rows into columns.
    """
    if not docs:
        return True
    get = itemgetter(*rules)
    try:
        try:
            rows = list(map(get, docs))
        except KeyError:
            # Some document lacks a field: merge each over the absent-field defaults.
            defaults = {name: rule.absent for name, rule in rules.items()}
            rows = list(map(get, map(or_, repeat(defaults), docs)))
    except TypeError:  # a document that is not an object
        return False
    # (itemgetter of one name returns the value itself, not a 1-tuple)
    columns = list(zip(*rows, strict=True)) if len(rules) > 1 else [tuple(rows)]
    return all(
        rule.column_ok(column, tables) for rule, column in zip(rules.values(), columns, strict=True)
    )
