"""Briefings out: a Markdown briefing, lossless JSON (and its import), ClaimReview, CSV.

Pure Python over the ``Briefing`` gateway's public methods: no textual, no rich.

Every export takes the same selection as the app's statements pane (``status``,
``actor_id`` or ``actor_name``, ``text``), so "export the current view" is one call::

    from store.export import export_briefing, write_export, import_json
    text = export_briefing(briefing, "md", status="disputed")
    write_export(briefing, "csv", "view.csv", actor_name="Kellogg")
    report = import_json(other_briefing, "briefing.json")

JSON import and history: an export carries the source store's history (every entry,
as stored). ``import_json`` does **not** replay that foreign history into the target:
its doc_ids refer to the source store, and replaying it would let ``undo`` reach into
changes the target never made. The import itself is recorded in the target's history
as one batch (one undo step removes all of it); the report says how many foreign
history entries were left out.

What an import cannot keep (the gateway sets them): new ids, ``created_at`` and
``updated_at`` of added documents, and the ``at`` time of imported annotations are the
time of the import.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from .briefing import Briefing
from .clean import clean_text, escape_json
from .errors import (
    DanglingReferenceError,
    NotFoundError,
    StoreError,
    ValidationError,
)
from .models import (
    Actor,
    ActorKind,
    HistoryEntry,
    Rebuttal,
    Statement,
    Status,
    iso,
    utc_now,
)
from .storage import SCHEMA_VERSION

FORMATS: tuple[str, ...] = ("md", "json", "claimreview", "csv")
"""Export formats, in the order a picker should offer them."""

FORMAT_LABELS: dict[str, str] = {
    "md": "Markdown briefing",
    "json": "JSON (whole store, lossless; can be imported)",
    "claimreview": "ClaimReview JSON-LD (schema.org fact checks)",
    "csv": "CSV (one row per statement)",
}

SUFFIXES: dict[str, str] = {
    "md": ".md",
    "json": ".json",
    "claimreview": ".jsonld",
    "csv": ".csv",
}

FORMAT_NAME = "briefing-tui/export"
FORMAT_VERSION = 1
DEFAULT_REVIEWER = "briefing-tui analyst"

STATUS_SYMBOLS: dict[Status, str] = {
    Status.DISPUTED: "⚠",
    Status.FALSE: "✗",
    Status.UNVERIFIED: "?",
    Status.RETRACTED: "↺",
    Status.CONFIRMED: "✓",
}
"""One symbol per status, shown next to the word (never instead of it)."""

STATUS_ORDER: tuple[Status, ...] = (
    Status.DISPUTED,
    Status.FALSE,
    Status.UNVERIFIED,
    Status.RETRACTED,
    Status.CONFIRMED,
)
"""Briefing order: disputed and false claims first."""

# ClaimReview ratings: the textual rating is what readers see; a numeric value is given
# only where it means something on the 1 (false) .. 5 (true) scale fact checkers use.
_RATINGS: dict[Status, tuple[str, int | None]] = {
    Status.DISPUTED: ("Disputed", None),
    Status.CONFIRMED: ("True", 5),
    Status.FALSE: ("False", 1),
    Status.RETRACTED: ("Retracted", None),
}
_ORGANISATION_KINDS = {ActorKind.GOVERNMENT, ActorKind.ORGANISATION, ActorKind.MEDIA}

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "actor",
    "date",
    "status",
    "text",
    "source",
    "url",
    "rebuttals",
    "annotations",
    "tags",
)
CSV_JOIN = " | "


class ExportError(StoreError):
    """An export or import could not be done; the message says what was wrong and what
    to do. Nothing was written (no file, no change to the store) when it is raised."""


# -- selection ------------------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """Which statements an export covers (the app's "current view")."""

    status: Status | None = None
    actor_id: int | None = None
    actor_name: str | None = None
    text: str | None = None

    @property
    def empty(self) -> bool:
        return self.status is None and self.actor_id is None and not self.text

    def describe(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"status {self.status.value}")
        if self.actor_id is not None:
            parts.append(f"actor {self.actor_name or f'#{self.actor_id}'}")
        if self.text:
            parts.append(f'text "{self.text}"')
        return ", ".join(parts) or "everything"

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value if self.status is not None else None,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "text": self.text or None,
        }


def parse_status(status: Status | str | None) -> Status | None:
    """``None`` or a Status; an unknown word raises ExportError naming the choices."""
    if status is None or isinstance(status, Status):
        return status
    word = str(status).strip().casefold()
    if not word:
        return None
    try:
        return Status(word)
    except ValueError:
        raise ExportError(
            f"Unknown status {status!r}: choose one of " + ", ".join(s.value for s in Status) + "."
        ) from None


def resolve_selection(
    briefing: Briefing,
    *,
    status: Status | str | None = None,
    actor_id: int | None = None,
    actor_name: str | None = None,
    text: str | None = None,
) -> Selection:
    """Check a selection against the store; unknown statuses and actors raise ExportError."""
    wanted = parse_status(status)
    name = None
    if actor_name is not None and actor_name.strip():
        found = briefing.find_actor(actor_name)
        if found is None:
            known = [a.name for a in briefing.actors()]
            hint = (
                "Known actors: " + ", ".join(known[:10]) + (", ..." if len(known) > 10 else "")
                if known
                else "The store has no actors."
            )
            raise ExportError(f"There is no actor named {actor_name.strip()!r}. {hint}")
        if actor_id is not None and actor_id != found.id:
            raise ExportError(
                f"The actor filter is contradictory: {actor_name!r} is actor #{found.id}, "
                f"not #{actor_id}. Give one of the two."
            )
        actor_id, name = found.id, found.name
    elif actor_id is not None:
        try:
            name = briefing.actor(actor_id).name
        except NotFoundError:
            raise ExportError(
                f"There is no actor #{actor_id} (it may have been deleted). Clear the actor "
                "filter and export again."
            ) from None
    needle = (text or "").strip() or None
    return Selection(status=wanted, actor_id=actor_id, actor_name=name, text=needle)


@dataclass
class _View:
    """The documents one export covers, read once through the gateway."""

    selection: Selection
    statements: list[Statement]
    actors: dict[int, Actor]
    rebuttals: dict[int, list[Rebuttal]]  # by statement id, in recorded order

    def actor_name(self, actor_id: int) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else f"(missing actor #{actor_id})"


def _view(briefing: Briefing, selection: Selection) -> _View:
    statements = briefing.statements(
        actor_id=selection.actor_id, status=selection.status, text=selection.text
    )
    all_actors = {a.id: a for a in briefing.actors() if a.id is not None}
    if selection.empty:
        rebuttals: dict[int, list[Rebuttal]] = {}
        for reb in briefing.rebuttals():
            rebuttals.setdefault(reb.statement_id, []).append(reb)
        actors = all_actors
    else:
        rebuttals = {}
        wanted: set[int] = set()
        for st in statements:
            assert st.id is not None
            found = briefing.rebuttals(statement_id=st.id)
            if found:
                rebuttals[st.id] = found
            wanted.add(st.actor_id)
            wanted.update(r.actor_id for r in found)
        actors = {i: a for i, a in all_actors.items() if i in wanted}
    for items in rebuttals.values():
        items.sort(key=lambda r: r.id or 0)
    return _View(selection, statements, actors, rebuttals)


# -- the entry points ------------------------------------------------------------------


def export_briefing(
    briefing: Briefing,
    fmt: str,
    *,
    status: Status | str | None = None,
    actor_id: int | None = None,
    actor_name: str | None = None,
    text: str | None = None,
    reviewer: str = DEFAULT_REVIEWER,
    review_url: str | None = None,
    title: str | None = None,
    now: datetime | None = None,
) -> str:
    """The export of (a selection of) ``briefing`` in format ``fmt`` as text.

    ``fmt`` is one of ``FORMATS``. ``reviewer`` and ``review_url`` (a base URL; each
    review gets ``<base>#statement-<id>``) are used by ClaimReview; ``title`` by the
    Markdown briefing; ``now`` is the export time (UTC; default: the current time).
    """
    fmt = _check_format(fmt)
    selection = resolve_selection(
        briefing, status=status, actor_id=actor_id, actor_name=actor_name, text=text
    )
    now = now or utc_now()
    if fmt == "md":
        return _markdown(briefing, _view(briefing, selection), title=title, now=now)
    if fmt == "json":
        return _json(briefing, selection, now=now)
    if fmt == "claimreview":
        return _claimreview(
            briefing, _view(briefing, selection), reviewer=reviewer, review_url=review_url
        )
    return _csv(_view(briefing, selection))


def write_export(
    briefing: Briefing, fmt: str, path: str | os.PathLike[str], **options: Any
) -> Path:
    """Write ``export_briefing(briefing, fmt, **options)`` to ``path`` atomically.

    The file appears whole or not at all (temp file, fsync, ``os.replace``). A bad
    format, a bad selection or an unwritable path raises ExportError before anything
    is written. Returns the path written.
    """
    fmt = _check_format(fmt)
    target = _check_target(Path(path).expanduser())
    content = export_briefing(briefing, fmt, **options)
    _write_atomically(target, content.encode("utf-8"))
    return target


def default_filename(fmt: str, now: datetime | None = None) -> str:
    """A sensible file name for an export, e.g. ``briefing-2025-06-21.md``."""
    fmt = _check_format(fmt)
    day = (now or utc_now()).date().isoformat()
    return f"briefing-{day}{SUFFIXES[fmt]}"


def _check_format(fmt: str) -> str:
    key = str(fmt).strip().casefold()
    if key in ("markdown",):
        key = "md"
    if key not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    return key


def _check_target(path: Path) -> Path:
    if path.is_dir():
        raise ExportError(f"{path} is a folder. Give a file name to export to, e.g. {path}/x.md.")
    parent = path.parent
    if not parent.exists():
        raise ExportError(
            f"Cannot write {path}: the folder {parent} does not exist. Create it first or "
            "choose another path."
        )
    if not parent.is_dir():
        raise ExportError(f"Cannot write {path}: {parent} is a file, not a folder.")
    return path


def _write_atomically(path: Path, payload: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        # 0o666 before the umask: an export is an ordinary document.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"Cannot write {path}: {reason}. Check the folder's permissions and free space, "
            "or choose another path."
        ) from None
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# -- text helpers ------------------------------------------------------------------------

# Every format is inert (see store/clean.py for the characters and why): Markdown and
# CSV drop escape sequences, C0/C1 controls, bidi overrides and invisible characters
# (``clean_text``); JSON and ClaimReview keep the text exactly but write those
# characters as \uXXXX escapes (``escape_json``), so no file holds a raw one.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_BLOCK_START = re.compile(r"^([#>+=-])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def md_escape(text: str, *, heading: bool = False, after_prefix: bool = False) -> str:
    """Escape user text so it cannot change a Markdown document's structure.

    Inline markup characters get a backslash; so do block markers at a line start
    (``#``, ``>``, ``-``, ``+``, ``=``, ``1.``). Leading spaces are dropped (they
    would make code blocks). ``heading=True`` also escapes every ``#`` (a heading's
    closing sequence). ``after_prefix=True``: the first line follows other text on its
    line (a list item's label), so block markers cannot start there. Plain prose comes
    out unchanged.
    """
    text = _MD_ENTITY.sub(r"\\&", _MD_INLINE.sub(r"\\\1", clean_text(text)))
    lines = []
    for i, line in enumerate(text.split("\n")):
        line = line.strip()
        if heading:
            line = line.replace("#", "\\#")
        elif i == 0 and after_prefix:
            pass
        else:
            line = _MD_BLOCK_START.sub(r"\\\1", line)
            line = _MD_ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # (and fullwidth = + - @)


def csv_cell(value: Any) -> Any:
    """A CSV cell safe to open in a spreadsheet: cleaned like every export, and text
    whose first visible character is ``= + - @`` (or their fullwidth forms, or that
    starts with a tab) gets a leading apostrophe so it is not run as a formula."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value[:1] in _FORMULA_START or value.lstrip()[:1] in _FORMULA_START:
        return "'" + value
    return value


def status_label(status: Status | str) -> str:
    """``"⚠ Disputed"``: the symbol and the word."""
    status = Status(status)
    return f"{STATUS_SYMBOLS[status]} {status.value.capitalize()}"


# -- Markdown ------------------------------------------------------------------------------


def _markdown(briefing: Briefing, view: _View, *, title: str | None, now: datetime) -> str:
    out: list[str] = []
    heading = md_escape(title, heading=True) if title and title.strip() else "Briefing"
    out.append(f"# {heading}")
    out.append("")
    statements = view.statements
    n_reb = sum(len(v) for v in view.rebuttals.values())
    speakers = {s.actor_id for s in statements}
    out.append(
        f"Exported {now.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC · "
        f"{_plural(len(statements), 'statement')} by {_plural(len(speakers), 'actor')} · "
        f"{_plural(n_reb, 'rebuttal')}  "
    )
    out.append(
        "Selection: " + md_escape(view.selection.describe())
        if not view.selection.empty
        else "Selection: the whole store"
    )
    out.append("")

    # Summary: counts by status, the most disputed actors.
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for st in statements:
        counts[st.status] += 1
    out += ["## Summary", "", "| Status | Statements |", "|---|---:|"]
    out += [f"| {status_label(s)} | {counts[s]} |" for s in STATUS_ORDER]
    out.append("")

    contested: dict[int, int] = {}
    rebutted: dict[int, int] = {}
    for st in statements:
        assert st.id is not None
        if st.status in (Status.DISPUTED, Status.FALSE):
            contested[st.actor_id] = contested.get(st.actor_id, 0) + 1
        rebutted[st.actor_id] = rebutted.get(st.actor_id, 0) + len(view.rebuttals.get(st.id, ()))
    ranked = sorted(
        (a for a in speakers if contested.get(a) or rebutted.get(a)),
        key=lambda a: (-contested.get(a, 0), -rebutted.get(a, 0), view.actor_name(a).casefold()),
    )[:5]
    out.append("### Most disputed actors")
    out.append("")
    if ranked:
        out += ["| Actor | Disputed or false | Rebuttals received |", "|---|---:|---:|"]
        for a in ranked:
            name = md_escape(view.actor_name(a)).replace("\n", " ")
            out.append(f"| {name} | {contested.get(a, 0)} | {rebutted.get(a, 0)} |")
    else:
        out.append("No statement in this selection is disputed, false or rebutted.")
    out.append("")

    # Per actor: most contested actors first, their disputed and false claims first.
    by_actor: dict[int, list[Statement]] = {}
    for st in statements:
        by_actor.setdefault(st.actor_id, []).append(st)
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    order = sorted(
        by_actor,
        key=lambda a: (
            -contested.get(a, 0),
            -rebutted.get(a, 0),
            view.actor_name(a).casefold(),
            a,
        ),
    )
    out += ["## Statements by actor", ""]
    if not order:
        out += ["No statements match this selection.", ""]
    for actor_id in order:
        out += _md_actor_header(view, actor_id)
        for st in sorted(by_actor[actor_id], key=lambda s: (rank[s.status], s.id or 0)):
            out += _md_statement(view, st)

    if view.selection.empty:
        silent = sorted(
            (a for i, a in view.actors.items() if i not in by_actor),
            key=lambda a: a.name.casefold(),
        )
        if silent:
            out += ["## Other actors", ""]
            for actor in silent:
                about = _actor_line(actor)
                line = f"- **{md_escape(actor.name)}**" + (f" — {about}" if about else "")
                out.append(line)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _actor_line(actor: Actor) -> str:
    parts = [actor.kind.value.capitalize()]
    parts += [md_escape(p) for p in (actor.role, actor.affiliation) if p]
    return " · ".join(parts)


def _md_actor_header(view: _View, actor_id: int) -> list[str]:
    actor = view.actors.get(actor_id)
    name = md_escape(view.actor_name(actor_id), heading=True)
    lines = [f"### {name}", ""]
    if actor is not None:
        lines.append(_actor_line(actor) + ("  " if actor.aliases else ""))
        if actor.aliases:
            lines.append("Also known as: " + ", ".join(md_escape(a) for a in actor.aliases))
        lines.append("")
    return lines


def _md_item(indent: str, head: str, text: str, meta: str = "") -> list[str]:
    """A list item whose user text may span lines; ``meta`` goes on its own line."""
    body = md_escape(text, after_prefix=True).split("\n")
    lines = [f"{indent}- {head}{body[0]}"]
    pad = indent + "  "
    lines += [f"{pad}{line}" if line else "" for line in body[1:]]
    if meta:
        lines[-1] += "  "  # a hard line break before the meta line
        lines.append(f"{pad}{meta}")
    return lines


def _md_link(url: str) -> str:
    url = clean_text(url, one_line=True)
    if not url:
        return ""
    if "<" in url or ">" in url:
        return md_escape(url)
    return f"<{url}>"


def _md_meta(said_on: date | None, source: str, url: str, *, undated: str = "") -> str:
    """``_Said 2025-06-21_ · Source: ... · <url>``; ``undated`` stands in for no date."""
    parts = []
    when = f"Said {said_on.isoformat()}" if said_on else undated
    if when:
        parts.append(f"_{when}_")
    if source:
        parts.append("Source: " + md_escape(source, after_prefix=True).replace("\n", " "))
    if url:
        parts.append(_md_link(url))
    return " · ".join(parts)


def _md_statement(view: _View, st: Statement) -> list[str]:
    assert st.id is not None
    lines = _md_item(
        "",
        f"**{status_label(st.status)}** — ",
        st.text,
        _md_meta(st.said_on, st.source, st.url, undated="Date unknown"),
    )
    children: list[str] = []
    for reb in view.rebuttals.get(st.id, ()):
        who = md_escape(view.actor_name(reb.actor_id))
        children += _md_item(
            "  ",
            f"↳ **Rebuttal by {who}** — ",
            reb.text,
            _md_meta(reb.said_on, reb.source, reb.url),
        )
    for note in st.annotations:
        children += _md_item("  ", f"✎ **Note** ({note.at.date().isoformat()}): ", note.text)
    if children:
        lines.append("")
        lines += children
    lines.append("")
    return lines


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


# -- JSON (lossless) ---------------------------------------------------------------------


def _doc(model: Actor | Statement | Rebuttal) -> dict[str, Any]:
    return {"id": model.id, **model.to_doc()}


def _history_doc(entry: HistoryEntry) -> dict[str, Any]:
    doc = entry.model_dump(mode="json")
    doc["at"] = iso(entry.at)
    for key in ("group", "undoes"):
        if doc.get(key) is None:
            doc.pop(key, None)
    for key in ("reason", "batch"):
        if not doc.get(key):
            doc.pop(key, None)
    return doc


def export_data(
    briefing: Briefing, selection: Selection | None = None, *, now: datetime | None = None
) -> dict[str, Any]:
    """The JSON export as a dict (see the module docstring for the layout)."""
    selection = selection or Selection()
    view = _view(briefing, selection)
    rebuttals = [r for items in view.rebuttals.values() for r in items]
    rebuttals.sort(key=lambda r: r.id or 0)
    history = list(reversed(briefing.history()))  # oldest first
    if not selection.empty:
        keep = {("actors", i) for i in view.actors}
        keep |= {("statements", s.id) for s in view.statements}
        keep |= {("rebuttals", r.id) for r in rebuttals}
        history = [h for h in history if (h.table, h.doc_id) in keep]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": iso(now or utc_now()),
        "schema_version": SCHEMA_VERSION,
        "selection": None if selection.empty else selection.as_dict(),
        "actors": [_doc(a) for a in sorted(view.actors.values(), key=lambda a: a.id or 0)],
        "statements": [_doc(s) for s in view.statements],
        "rebuttals": [_doc(r) for r in rebuttals],
        "history": [_history_doc(h) for h in history],
    }


def _json(briefing: Briefing, selection: Selection, *, now: datetime) -> str:
    data = export_data(briefing, selection, now=now)
    return escape_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


# -- ClaimReview -----------------------------------------------------------------------------


def _review_date(briefing: Briefing, st: Statement) -> str:
    """When the verdict was last set: the newest history entry that changed the status."""
    assert st.id is not None
    for entry in briefing.history("statements", st.id):
        if entry.after is None:
            continue
        old = (entry.before or {}).get("status", Status.UNVERIFIED.value)
        new = entry.after.get("status", Status.UNVERIFIED.value)
        if old != new and new == st.status.value:
            return entry.at.date().isoformat()
    return st.updated_at.date().isoformat()


def _claim_author(actor: Actor | None, fallback: str) -> dict[str, Any]:
    if actor is None:
        return {"@type": "Person", "name": fallback}
    if actor.kind in _ORGANISATION_KINDS:
        return {"@type": "Organization", "name": actor.name}
    person: dict[str, Any] = {"@type": "Person", "name": actor.name}
    if actor.role:
        person["jobTitle"] = actor.role
    return person


def claim_reviews(
    briefing: Briefing,
    selection: Selection | None = None,
    *,
    reviewer: str = DEFAULT_REVIEWER,
    review_url: str | None = None,
) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per statement with a verdict (not unverified).

    ``url`` (required by Google's Fact Check markup) is ``<review_url>#statement-<id>``
    when a base is given, else the statement's URL, else a ``urn:briefing-tui:`` URN
    (a placeholder: publish with a base URL to get a real one).
    """
    return _reviews(briefing, _view(briefing, selection or Selection()), reviewer, review_url)


def _reviews(
    briefing: Briefing, view: _View, reviewer: str, review_url: str | None
) -> list[dict[str, Any]]:
    reviewer = " ".join((reviewer or "").split()) or DEFAULT_REVIEWER
    base = (review_url or "").strip()
    reviews = []
    for st in view.statements:
        if st.status not in _RATINGS:
            continue
        assert st.id is not None
        word, value = _RATINGS[st.status]
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": word, "name": word}
        if value is not None:
            rating.update(ratingValue=value, bestRating=5, worstRating=1)
        claim: dict[str, Any] = {
            "@type": "Claim",
            "author": _claim_author(view.actors.get(st.actor_id), view.actor_name(st.actor_id)),
        }
        if st.said_on:
            claim["datePublished"] = st.said_on.isoformat()
        if st.url:
            appearance: dict[str, Any] = {"@type": "CreativeWork", "url": st.url}
            if st.source:
                appearance["name"] = st.source
            claim["appearance"] = appearance
        if base:
            url = f"{base.split('#')[0]}#statement-{st.id}"
        elif st.url:
            url = st.url
        else:
            url = f"urn:briefing-tui:statement:{st.id}"
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": url,
                "claimReviewed": st.text,
                "itemReviewed": claim,
                "reviewRating": rating,
                "author": {"@type": "Organization", "name": reviewer},
                "datePublished": _review_date(briefing, st),
            }
        )
    return reviews


def _claimreview(briefing: Briefing, view: _View, *, reviewer: str, review_url: str | None) -> str:
    text = json.dumps(_reviews(briefing, view, reviewer, review_url), indent=2, ensure_ascii=False)
    # Safe to paste into <script type="application/ld+json">: no "</script>" can appear.
    # These characters only occur inside JSON strings, so the JSON means the same.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return escape_json(text) + "\n"


# -- CSV ---------------------------------------------------------------------------------------


def _csv(view: _View) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for st in view.statements:
        assert st.id is not None
        row = [
            st.id,
            view.actor_name(st.actor_id),
            st.said_on.isoformat() if st.said_on else "",
            st.status.value,
            st.text,
            st.source,
            st.url,
            len(view.rebuttals.get(st.id, ())),
            CSV_JOIN.join(a.text for a in st.annotations),
            ", ".join(st.tags),
        ]
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


# -- JSON import -------------------------------------------------------------------------------


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
                    briefing.annotate(existing, note.text)
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
            briefing.annotate(added.id, note.text)
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
