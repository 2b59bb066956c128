"""Every document of a store checked against the models' rules, at open and on reload.

A store may be written by another program (a script, stock TinyDB), so each document is
untrusted: a wrong type, an unknown status, a bad date, a dangling reference or a
50 MB text would otherwise crash the app later, or be written back worse. The policy:
a store with a bad document is refused as a whole, with one message naming the file,
the first bad document (table, id), its field and what is wrong; nothing is written.

Two ways in, one set of rules (``_RULES``):

* ``check_document(table, doc_id, doc, tables)`` checks one document, value by value,
  and returns the problem in words (or None). It is the authority.
* ``check_tables(tables, path)`` checks a whole store. It first runs each rule over a
  whole column at once (``set(map(type, ...))``, ``max(map(str.__len__, ...))``: loops
  that run in C), several times faster than checking document by document, though not
  free: at 100,000 statements (with their history) it costs about as much again as
  parsing the file (``bench/bench_checks.py``). A column check may only say "maybe
  bad"; then the documents of that table are checked one by one with
  ``check_document`` to name the first bad one (or clear a false alarm).

The rules are those of ``store.models`` (types, enums, lengths, dates, URLs) with two
strictures a file written by this program always meets: ids and references are JSON
integers (not ``"1"`` or ``1.0``), and timestamps are ISO 8601 strings. References are
checked too (a statement's actor exists; a rebuttal's statement and actor exist).
History entries are checked for their own fields; the documents inside them
(``before``/``after``) only for being objects.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from itertools import chain, repeat
from operator import itemgetter, or_
from typing import Any

from .clean import UNSAFE_CLASS, fold_whitespace
from .errors import CorruptStoreError
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

CHECKED_TABLES = ("meta", "actors", "statements", "rebuttals", "history")
_LABELS = {
    "meta": "meta",
    "actors": "actor",
    "statements": "statement",
    "rebuttals": "rebuttal",
    "history": "history entry",
}
_MISSING: Any = object()
_ID = re.compile(r"[1-9][0-9]{0,17}")
_ID_MAX = 2**63 - 1
# Stripped URLs as models.url_problem takes them, one per line (stricter is fine here).
_URLS = re.compile(rf"(?:https?://[^\s/$.?#{UNSAFE_CLASS}][^\s{UNSAFE_CLASS}]*\n)*", re.I)


class BadDocumentError(CorruptStoreError):
    """A store whose JSON is fine but one of whose documents breaks the models' rules.

    ``table``, ``doc_id`` and ``problem`` say which and why; ``str()`` is one line.
    """

    def __init__(self, message: str, *, path: str, table: str, doc_id: str, problem: str):
        super().__init__(message, path=path)
        self.table = table
        self.doc_id = doc_id
        self.problem = problem


# -- describing values ---------------------------------------------------------------


def show(value: Any) -> str:
    """A short, safe description of a JSON value for a message (no raw control
    characters; a huge value is cut, a huge number is not turned into digits)."""
    if value is _MISSING:
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


def _kind(value: Any) -> str:
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
# field of every document (``_MISSING`` where absent) and returns True only when every
# value certainly passes; False means "look closer" and costs nothing but time.


class _Rule:
    required = False
    # What the column check sees where an optional field is absent: a value that passes.
    absent: Any = None

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        raise NotImplementedError

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        return False


def _types(values: Iterable[Any]) -> set[type]:
    return set(map(type, values))


class _Text(_Rule):
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
        self.absent = _MISSING if required else ""

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING:
            return "is missing" if self.required else None
        if not isinstance(value, str):
            return f"must be text, not {_kind(value)}"
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


class _Choice(_Rule):
    def __init__(self, choices: Iterable[str], *, required: bool = False) -> None:
        self.choices = frozenset(choices)
        self.words = ", ".join(choices)
        self.required = required
        self.absent = _MISSING if required else next(iter(choices))

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING:
            return "is missing" if self.required else None
        if not isinstance(value, str) or value not in self.choices:
            return f"is {_kind(value)}, which is not one of: {self.words}"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        try:
            return set(values) <= self.choices
        except TypeError:  # an unhashable value (a list or object)
            return False


def _is_id(value: Any) -> bool:
    return type(value) is int and 0 < value <= _ID_MAX


class _Reference(_Rule):
    """The id of a document in ``table`` (a JSON integer), which must exist."""

    required = True
    absent = _MISSING

    def __init__(self, table: str) -> None:
        self.table = table
        self.label = _LABELS[table]

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING:
            return "is missing"
        if not _is_id(value):
            return f"must be {self.label} id (a whole number), not {_kind(value)}"
        if tables is not None and str(value) not in tables.get(self.table, {}):
            return f"refers to {self.label} #{value}, which does not exist"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        distinct = set(values) if _types(values) <= {int} else None
        if distinct is None:
            return False
        if distinct and (min(distinct) < 1 or max(distinct) > _ID_MAX):
            return False
        return set(map(str, distinct)) <= tables.get(self.table, {}).keys()


class _Integer(_Rule):
    def __init__(self, *, required: bool = False, nullable: bool = False) -> None:
        self.required = required
        self.nullable = nullable
        self.absent = _MISSING if required else None

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING:
            return "is missing" if self.required else None
        if value is None and self.nullable:
            return None
        if not _is_id(value):
            return f"must be a whole number id, not {_kind(value)}"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        allowed: set[type] = {int, type(None)} if self.nullable or not self.required else {int}
        if not _types(values) <= allowed:
            return False
        numbers = [v for v in values if v is not None]
        return not numbers or (min(numbers) >= 1 and max(numbers) <= _ID_MAX)


class _Optional(_Rule):
    """Null, an object or a string: ``kinds`` says which of them may appear."""

    def __init__(self, *kinds: type, words: str) -> None:
        self.kinds = set(kinds)
        self.words = words

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING or type(value) in self.kinds:
            return None
        return f"must be {self.words}, not {_kind(value)}"

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        return _types(values) <= self.kinds | {type(None)}


def _said_on_problem(value: Any) -> str | None:
    if value is None or value is _MISSING:
        return None
    if not isinstance(value, str):
        return f"must be a date as YYYY-MM-DD or null, not {_kind(value)}"
    if value.strip():
        try:
            date.fromisoformat(value.strip())
        except ValueError:
            return f"is {show(value)}, which is not a date as YYYY-MM-DD"
    return None


class _Date(_Rule):
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
        return f"must be an ISO 8601 timestamp, not {_kind(value)}"
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return f"is {show(value)}, which is not an ISO 8601 timestamp"
    return None


class _Timestamp(_Rule):
    def __init__(self, *, required: bool = False) -> None:
        self.required = required
        self.absent = _MISSING if required else "2000-01-01T00:00:00.000+00:00"

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING:
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


class _Url(_Rule):
    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, str):
            return f"must be text, not {_kind(value)}"
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


class _List(_Rule):
    """A list (null allowed where the model turns it into ``[]``) of items of one rule."""

    def __init__(self, item: _Rule, *, limit: int | None, nullable: bool = True) -> None:
        self.item = item
        self.limit = limit
        self.nullable = nullable
        self.absent = None if nullable else []

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING or (value is None and self.nullable):
            return None
        if not isinstance(value, list):
            return f"must be a list, not {_kind(value)}"
        for i, item in enumerate(value):
            problem = self.item.problem(item, tables)
            if problem is not None:
                return f"[{i}]{_glue(problem)}{problem}"
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


class _Object(_Rule):
    """An object whose fields follow ``rules`` (an annotation)."""

    def __init__(self, rules: dict[str, _Rule]) -> None:
        self.rules = rules

    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if not isinstance(value, dict):
            return f"must be an object, not {_kind(value)}"
        for name, rule in self.rules.items():
            problem = rule.problem(value.get(name, _MISSING), tables)
            if problem is not None:
                return f".{name} {problem}"
        return None

    def column_ok(self, values: Sequence[Any], tables: Tables) -> bool:
        return _columns_ok(self.rules, values, tables)


class _LastIds(_Rule):
    def problem(self, value: Any, tables: Tables | None) -> str | None:
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, dict):
            return f"must be an object of numbers, not {_kind(value)}"
        for name, number in value.items():
            if type(number) is not int or not 0 <= number <= _ID_MAX:
                return f".{name} must be a whole number, not {_kind(number)}"
        return None


_TAG = _Text(TAG_MAX, fold=fold_whitespace)
_ALIAS = _Text(NAME_MAX, fold=fold_whitespace)
_TEXT = _Text(TEXT_MAX, required=True, nonempty=True, fold=_strip)
_DATED: dict[str, _Rule] = {"created_at": _Timestamp(), "updated_at": _Timestamp()}

_RULES: dict[str, dict[str, _Rule]] = {
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
    },
}


def _glue(problem: str) -> str:
    return "" if problem[:1] in "[." else " "


# -- one document ------------------------------------------------------------------------


def check_document(table: str, doc_id: Any, doc: Any, tables: Tables | None = None) -> str | None:
    """The problem with one stored document, in words, or None when it is fine.

    ``table`` is the TinyDB table ("actors", "statements", "rebuttals", "history",
    "meta"; other tables are not checked), ``doc_id`` its key in that table. With
    ``tables`` (the whole store) references are checked too. The words name the
    document and the field: ``statement #3: status is the text 'bogus', which is not one
    of: unverified, ...``.
    """
    rules = _RULES.get(table)
    if rules is None:
        return None
    label = _LABELS[table]
    key = str(doc_id) if _is_id(doc_id) else doc_id
    if not isinstance(key, str) or not _ID.fullmatch(key):
        return f"{label} id {show(doc_id)} is not a plain whole number"
    where = f"{label} #{key}"
    if not isinstance(doc, dict):
        return f"{where} must be an object, not {_kind(doc)}"
    for name, rule in rules.items():
        problem = rule.problem(doc.get(name, _MISSING), tables)
        if problem is not None:
            if problem == "is missing":
                return f"{where} has no {name!r}"
            return f"{where}: {name}{_glue(problem)}{problem}"
    return None


# -- a whole store -------------------------------------------------------------------------


def entry_problem(entry: Any) -> str | None:
    """The problem with one history log line (the entry, and the document it records
    after the change), in words, or None when it is fine."""
    if not isinstance(entry, dict):
        return f"history entry must be an object, not {_kind(entry)}"
    problem = check_document("history", entry.get("seq"), entry)
    after = entry.get("after")
    if problem is None and after is not None:
        problem = check_document(entry["table"], entry["doc_id"], after)
    return problem


def check_tables(tables: Tables, path: str) -> None:
    """Check every document of a parsed store; raise BadDocumentError (a
    CorruptStoreError) naming the file and the first bad document, else return.

    Call it on freshly parsed tables before they replace the ones in memory (at open and
    on every reload), so a bad file never reaches the app.
    """
    for table in CHECKED_TABLES:
        docs = tables.get(table)
        if not docs:
            continue
        if table != "meta" and _table_ok(table, docs, tables):
            continue
        for key, doc in docs.items():
            problem = check_document(table, key, doc, tables)
            if problem is not None:
                raise document_error(path, table, key, problem)


def _table_ok(table: str, docs: Mapping[str, Any], tables: Tables) -> bool:
    """True when every document of ``table`` certainly passes (checked by column)."""
    # Keys: parse_store allows only str.isdigit keys; here also ASCII, no leading zero
    # and not absurdly long (int() of a 5,000-digit key raises).
    keys = "," + ",".join(docs)
    if not keys.isascii() or ",0" in keys or max(map(len, docs)) > 18:
        return False
    gc_was_on = gc.isenabled()
    gc.disable()  # (many short-lived tuples: nothing cyclic to collect)
    try:
        return _columns_ok(_RULES[table], list(docs.values()), tables)
    finally:
        if gc_was_on:
            gc.enable()


def _columns_ok(rules: dict[str, _Rule], docs: Sequence[Any], tables: Tables) -> bool:
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


def document_error(path: str, table: str, doc_id: Any, problem: str) -> BadDocumentError:
    """The error to raise for ``problem`` (as ``check_document`` worded it) in ``path``:
    one line, the file left as it is. A log reader raises it for a bad line."""
    key = str(doc_id)
    message = (
        f"{path}: {problem}. The file was changed outside briefing-tui; it was left as it "
        "is. Fix or remove that document, or restore a backup."
    )
    return BadDocumentError(message, path=path, table=table, doc_id=key, problem=problem)
