"""Every document of a store checked against the models' rules, at open and on reload.

A store may be written by another program (a script, stock TinyDB), so each document is
untrusted: a wrong type, an unknown status, a bad date, a dangling reference or a
50 MB text would otherwise crash the app later, or be written back worse. The policy:
a store with a bad document is refused as a whole, with one message naming the file,
the first bad document (table, id), its field and what is wrong; nothing is written.

Two ways in, one set of rules (``RULES``, store/rules.py):

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
from collections.abc import Mapping
from typing import Any

from .errors import CorruptStoreError
from .rules import (
    ID_PATTERN,
    LABELS,
    MISSING,
    RULES,
    Tables,
    columns_ok,
    glue,
    is_id,
    kind_of,
    show,
)

CHECKED_TABLES = ("meta", "actors", "statements", "rebuttals", "history")


class BadDocumentError(CorruptStoreError):
    """A store whose JSON is fine but one of whose documents breaks the models' rules.

    ``table``, ``doc_id`` and ``problem`` say which and why; ``str()`` is one line.
    """

    def __init__(self, message: str, *, path: str, table: str, doc_id: str, problem: str):
        super().__init__(message, path=path)
        self.table = table
        self.doc_id = doc_id
        self.problem = problem


# -- one document ------------------------------------------------------------------------


def check_document(table: str, doc_id: Any, doc: Any, tables: Tables | None = None) -> str | None:
    """The problem with one stored document, in words, or None when it is fine.

    ``table`` is the TinyDB table ("actors", "statements", "rebuttals", "history",
    "meta"; other tables are not checked), ``doc_id`` its key in that table. With
    ``tables`` (the whole store) references are checked too. The words name the
    document and the field: ``statement #3: status is the text 'bogus', which is not one
    of: unverified, ...``.
    """
    rules = RULES.get(table)
    if rules is None:
        return None
    label = LABELS[table]
    key = str(doc_id) if is_id(doc_id) else doc_id
    if not isinstance(key, str) or not ID_PATTERN.fullmatch(key):
        return f"{label} id {show(doc_id)} is not a plain whole number"
    where = f"{label} #{key}"
    if not isinstance(doc, dict):
        return f"{where} must be an object, not {kind_of(doc)}"
    for name, rule in rules.items():
        problem = rule.problem(doc.get(name, MISSING), tables)
        if problem is not None:
            if problem == "is missing":
                return f"{where} has no {name!r}"
            return f"{where}: {name}{glue(problem)}{problem}"
    return None


# -- a whole store -------------------------------------------------------------------------


def entry_problem(entry: Any) -> str | None:
    """The problem with one history log line (the entry, and the document it records
    after the change), in words, or None when it is fine."""
    if not isinstance(entry, dict):
        return f"history entry must be an object, not {kind_of(entry)}"
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
        return columns_ok(RULES[table], list(docs.values()), tables)
    finally:
        if gc_was_on:
            gc.enable()


def document_error(path: str, table: str, doc_id: Any, problem: str) -> BadDocumentError:
    """The error to raise for ``problem`` (as ``check_document`` worded it) in ``path``:
    one line, the file left as it is. A log reader raises it for a bad line."""
    key = str(doc_id)
    message = (
        f"{path}: {problem}. The file was changed outside briefing-tui; it was left as it "
        "is. Fix or remove that document, or restore a backup."
    )
    return BadDocumentError(message, path=path, table=table, doc_id=key, problem=problem)
