"""Merging a JSON export into a store (see the package docstring on history)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..briefing import Briefing
from ..errors import DanglingReferenceError, NotFoundError, ValidationError
from ..models import Actor, Rebuttal, Statement
from .common import FORMAT_NAME, FORMAT_VERSION, ExportError, _plural


@dataclass
class ImportReport:
    """What ``import_json`` did."""

    source: str = ""
    actors_added: int = 0
    actors_reused: int = 0
    statements_added: int = 0
    statements_skipped: int = 0
    rebuttals_added: int = 0
    rebuttals_skipped: int = 0
    annotations_added: int = 0
    history_not_replayed: int = 0
    actor_ids: dict[int, int] = field(default_factory=dict)  # file id -> store id
    statement_ids: dict[int, int] = field(default_factory=dict)
    rebuttal_ids: dict[int, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(
            self.actors_added
            or self.statements_added
            or self.rebuttals_added
            or self.annotations_added
        )

    def summary(self) -> str:
        """One line for a toast or the command line."""
        line = (
            f"Imported {self.source or 'the file'}: "
            f"{_plural(self.actors_added, 'actor')} added, {self.actors_reused} reused; "
            f"{_plural(self.statements_added, 'statement')} added, "
            f"{self.statements_skipped} already present; "
            f"{_plural(self.rebuttals_added, 'rebuttal')} added, "
            f"{self.rebuttals_skipped} already present; "
            f"{_plural(self.annotations_added, 'note')} added"
        )
        if self.history_not_replayed:
            entries = _plural(self.history_not_replayed, "history entry", "history entries")
            line += f" (the file's {entries} not replayed)"
        return line + "."

    def __str__(self) -> str:
        return self.summary()


@dataclass
class _Plan:
    actors: list[Actor]
    statements: list[Statement]
    rebuttals: list[Rebuttal]
    history: int


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _read_source(path_or_text: str | bytes | os.PathLike[str]) -> tuple[str, str]:
    """(text, label) from a path, JSON text or bytes."""
    if isinstance(path_or_text, bytes):
        try:
            return path_or_text.decode("utf-8-sig"), "the JSON text"
        except UnicodeDecodeError:
            raise ExportError("The JSON text is not UTF-8. Export it again.") from None
    if isinstance(path_or_text, str) and path_or_text.lstrip()[:1] in ("{", "["):
        return path_or_text, "the JSON text"
    path = Path(path_or_text).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ExportError(f"{path} does not exist. Check the file name.") from None
    except IsADirectoryError:
        raise ExportError(f"{path} is a folder. Give the JSON file to import.") from None
    except OSError as exc:
        raise ExportError(
            f"Cannot read {path}: {exc.strerror or exc}. Check the file's permissions."
        ) from None
    try:
        return raw.decode("utf-8-sig"), path.name
    except UnicodeDecodeError:
        raise ExportError(
            f"{path} is not UTF-8 text, so it is not a briefing-tui JSON export."
        ) from None


def _parse(text: str, label: str) -> dict[str, Any]:
    hint = "Choose a file written by 'briefing-tui export --format json'."
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(
            f"{label} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). " + hint
        ) from None
    except RecursionError:
        raise ExportError(
            f"{label} is nested too deeply to be a briefing-tui export. Nothing was imported."
        ) from None
    except ValueError:  # (an integer of more than 4,300 digits)
        raise ExportError(
            f"{label} holds a number too long to read (more than 4,300 digits); it is not a "
            "briefing-tui export. Nothing was imported."
        ) from None
    if isinstance(data, list) and any(
        isinstance(d, dict) and d.get("@type") == "ClaimReview" for d in data
    ):
        raise ExportError(
            f"{label} is a ClaimReview export; it cannot be imported. Import a JSON export "
            "(--format json) instead."
        )
    if not isinstance(data, dict):
        raise ExportError(f"{label} is not a briefing-tui export (no JSON object). {hint}")
    if data.get("format") != FORMAT_NAME:
        if "meta" in data and "statements" in data and isinstance(data["statements"], dict):
            raise ExportError(
                f"{label} is a briefing-tui store file, not an export. Open it with "
                "--db, or export it with 'briefing-tui export --format json --db FILE'."
            )
        raise ExportError(
            f'{label} is not a briefing-tui export (its "format" is '
            f"{data.get('format')!r}, expected {FORMAT_NAME!r}). {hint}"
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExportError(f"{label} has an unknown format_version {version!r}. {hint}")
    if version > FORMAT_VERSION:
        raise ExportError(
            f"{label} was written by a newer briefing-tui (export format version {version}; "
            f"this program reads up to {FORMAT_VERSION}). Upgrade briefing-tui to import it."
        )
    return data


def _documents(data: dict[str, Any], table: str, label: str) -> list[dict[str, Any]]:
    docs = data.get(table, [])
    if not isinstance(docs, list):
        raise ExportError(f"{label}: {table!r} must be a list, not {type(docs).__name__}.")
    seen: set[int] = set()
    for i, doc in enumerate(docs):
        if not isinstance(doc, dict):
            raise ExportError(f"{label}: {table}[{i}] is not an object.")
        doc_id = doc.get("id")
        if not isinstance(doc_id, int) or isinstance(doc_id, bool):
            raise ExportError(f'{label}: {table}[{i}] has no integer "id".')
        if doc_id in seen:
            raise ExportError(f"{label}: two {table} have the id {doc_id}.")
        seen.add(doc_id)
    return docs


def _validate_plan(data: dict[str, Any], label: str) -> _Plan:
    """Every document valid and every reference inside the file, before any write."""
    models: dict[str, list[Any]] = {}
    for table, model in (("actors", Actor), ("statements", Statement), ("rebuttals", Rebuttal)):
        built = []
        for doc in _documents(data, table, label):
            try:
                built.append(model.validated(**doc))
            except ValidationError as exc:
                raise ExportError(
                    f"{label}: {table[:-1]} #{doc['id']} is not valid ({exc}). Nothing was "
                    "imported."
                ) from None
        models[table] = built
    actor_ids = {a.id for a in models["actors"]}
    statement_ids = {s.id for s in models["statements"]}
    for st in models["statements"]:
        if st.actor_id not in actor_ids:
            raise ExportError(
                f"{label}: statement #{st.id} refers to actor #{st.actor_id}, which is not in "
                "the file. The file is incomplete; export it again. Nothing was imported."
            )
    for reb in models["rebuttals"]:
        if reb.statement_id not in statement_ids:
            raise ExportError(
                f"{label}: rebuttal #{reb.id} answers statement #{reb.statement_id}, which is "
                "not in the file. The file is incomplete; export it again. Nothing was imported."
            )
        if reb.actor_id not in actor_ids:
            raise ExportError(
                f"{label}: rebuttal #{reb.id} refers to actor #{reb.actor_id}, which is not in "
                "the file. The file is incomplete; export it again. Nothing was imported."
            )
    history = data.get("history", [])
    if not isinstance(history, list):
        raise ExportError(f"{label}: 'history' must be a list.")
    return _Plan(models["actors"], models["statements"], models["rebuttals"], len(history))


class _ActorIndex:
    """Match imported actors to the store's: same name (case-insensitive) or alias."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.names: dict[str, int] = {}
        self.aliases: dict[str, int] = {}
        for actor in sorted(actors, key=lambda a: a.id or 0):
            self.add(actor)

    def add(self, actor: Actor) -> None:
        assert actor.id is not None
        self.names.setdefault(_key(actor.name), actor.id)
        for alias in actor.aliases:
            self.aliases.setdefault(_key(alias), actor.id)

    def match(self, actor: Actor) -> int | None:
        name = _key(actor.name)
        if name in self.names:
            return self.names[name]
        if name in self.aliases:
            return self.aliases[name]
        for alias in actor.aliases:
            if _key(alias) in self.names:
                return self.names[_key(alias)]
        return None


_ACTOR_COPY = ("kind", "role", "affiliation", "aliases", "tags", "notes")
_STATEMENT_COPY = ("said_on", "source", "url", "status", "tags")
_REBUTTAL_COPY = ("said_on", "source", "url")


def _fields(model: Actor | Statement | Rebuttal, names: Iterable[str]) -> dict[str, Any]:
    doc = model.to_doc()
    return {n: doc[n] for n in names}


def import_json(briefing: Briefing, path_or_text: str | bytes | os.PathLike[str]) -> ImportReport:
    """Merge a JSON export (a path, or the JSON text itself) into ``briefing``.

    Ids are remapped. An actor that already exists (same name, case-insensitive, or an
    alias) is reused as it is; a statement already there (same actor, same text, case
    and spacing aside) is not duplicated, but the file's notes it lacks are added; a
    rebuttal already there (same statement, actor and text) is skipped. New statements
    keep the file's status even where adding their rebuttals would have changed it.
    The file's history is not replayed (see the module docstring).

    The whole import is one ``Briefing.batch`` (one undo step). A file of another
    shape, a newer format version, an invalid document or a reference to something not
    in the file raises ExportError, and the store is left as it was.
    """
    text, label = _read_source(path_or_text)
    plan = _validate_plan(_parse(text, label), label)
    report = ImportReport(source=label, history_not_replayed=plan.history)
    counts = (len(plan.actors), len(plan.statements), len(plan.rebuttals))
    reason = (
        f"Imported {label} ({_plural(counts[0], 'actor')}, {_plural(counts[1], 'statement')}, "
        f"{_plural(counts[2], 'rebuttal')})"
    )
    try:
        with briefing.batch(reason):
            _apply(briefing, plan, report)
    except (ValidationError, DanglingReferenceError, NotFoundError) as exc:
        raise ExportError(f"Cannot import {label}: {exc} Nothing was imported.") from None
    return report


def _apply(briefing: Briefing, plan: _Plan, report: ImportReport) -> None:
    index = _ActorIndex(briefing.actors())
    for actor in plan.actors:
        assert actor.id is not None
        found = index.match(actor)
        if found is not None:
            report.actor_ids[actor.id] = found
            report.actors_reused += 1
            continue
        added = briefing.add_actor(actor.name, **_fields(actor, _ACTOR_COPY))
        assert added.id is not None
        index.add(added)
        report.actor_ids[actor.id] = added.id
        report.actors_added += 1

    # Existing statements of the actors involved, by (actor, text).
    known: dict[tuple[int, str], int] = {}
    for target in set(report.actor_ids.values()):
        for st in briefing.statements(actor_id=target):
            assert st.id is not None
            known.setdefault((target, _key(st.text)), st.id)
    new_statements: dict[int, Statement] = {}  # store id -> the file's statement
    for st in plan.statements:
        assert st.id is not None
        target = report.actor_ids[st.actor_id]
        existing = known.get((target, _key(st.text)))
        if existing is not None:
            report.statement_ids[st.id] = existing
            report.statements_skipped += 1
            have = {_key(a.text) for a in briefing.statement(existing).annotations}
            for note in st.annotations:
                if _key(note.text) not in have:
                    briefing.annotate(existing, note.text, at=note.at)
                    have.add(_key(note.text))
                    report.annotations_added += 1
            continue
        added = briefing.add_statement(target, st.text, **_fields(st, _STATEMENT_COPY))
        assert added.id is not None
        known[(target, _key(st.text))] = added.id
        report.statement_ids[st.id] = added.id
        report.statements_added += 1
        new_statements[added.id] = st
        for note in st.annotations:
            briefing.annotate(added.id, note.text, at=note.at)
            report.annotations_added += 1

    seen: dict[int, set[tuple[int, str]]] = {}
    for reb in plan.rebuttals:
        assert reb.id is not None
        statement_id = report.statement_ids[reb.statement_id]
        actor_id = report.actor_ids[reb.actor_id]
        if statement_id not in seen:
            seen[statement_id] = {
                (r.actor_id, _key(r.text)) for r in briefing.rebuttals(statement_id=statement_id)
            }
        key = (actor_id, _key(reb.text))
        if key in seen[statement_id]:
            report.rebuttals_skipped += 1
            continue
        added = briefing.add_rebuttal(
            statement_id, actor_id, reb.text, **_fields(reb, _REBUTTAL_COPY)
        )
        assert added.id is not None
        seen[statement_id].add(key)
        report.rebuttal_ids[reb.id] = added.id
        report.rebuttals_added += 1

    # A rebuttal makes an unverified statement disputed; the file's verdict wins.
    for statement_id, st in new_statements.items():
        if briefing.statement(statement_id).status != st.status:
            briefing.set_status(statement_id, st.status, reason="Imported status")
