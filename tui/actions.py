"""The dashboard's actions: store verbs through their dialogs, undo, import and export.

A mixin of ``BriefingApp`` (tui/app.py), kept apart so that neither module grows past a
readable size; it uses the app's panes (``statements``, ``actors``, ``rebuttals``), its
``briefing`` and its focus helpers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work

from store import Status, StoreError

from .forms import FormScreen, actor_fields, rebuttal_fields, statement_fields
from .keys import PANE_COMMANDS, help_sections
from .paths import export_folder, remember_export_folder
from .screens import (
    AnnotateScreen,
    ConfirmScreen,
    ExportRequest,
    ExportScreen,
    HelpScreen,
    StatusPicker,
)
from .text import clean, plural, shorten

# Which document of a change the cursor goes to first: the one highest up.
_RANK = {"actors": 0, "statements": 1, "rebuttals": 2}


class Actions:
    """Every action that changes the store or leaves the dashboard for a dialog."""

    briefing: Any
    statements: Any
    actors: Any
    rebuttals: Any
    user_keys: dict[str, str]

    def _run(
        self, verb: Callable[[], Any], done: str | None = None, unchanged: str | None = None
    ) -> Any:
        """Run a store verb; a StoreError becomes an error toast, never a traceback.
        When the store did not change, ``unchanged`` is said instead of ``done``."""
        revision = self.briefing.revision
        try:
            result = verb()
        except StoreError as exc:
            self.notify(str(exc), title="Not changed", severity="error", markup=False)
            return None
        if unchanged and self.briefing.revision == revision:
            self.notify(unchanged, markup=False)
        elif done:
            self.notify(done, markup=False)
        return result

    def action_help_quit(self) -> None:
        # Textual's ctrl+c hint is markup; our toasts show text as it is.
        self.notify(
            f"Press {self.key_for('quit')} to quit (ctrl+q also quits).",
            title="Do you want to quit?",
        )

    def action_toggle_disputed(self) -> None:
        if self.statements.marked:
            self.dispute_marked()  # tui/marks.py: all marked, as one change
            return
        statement_id = self.statements.current_id
        if statement_id is None:
            return
        statement = self._run(lambda: self.briefing.toggle_disputed(statement_id))
        if statement is not None:
            self.notify(
                f"Statement #{statement_id} is now {statement.status.value}.",
                timeout=3,
                markup=False,
            )

    def action_set_status(self) -> None:
        if marked := len(self.statements.marked):

            def chosen_for_marks(status: Status | None) -> None:
                if status is not None:
                    self.set_status_of_marked(status)  # tui/marks.py: one change

            title = f"Set status of {plural(marked, 'marked statement')}"
            self.push_screen(StatusPicker(self.marked_status(), title), chosen_for_marks)
            return
        statement_id = self.statements.current_id
        if statement_id is None:
            return
        doc = self.briefing.statement_doc(statement_id) or {}

        def chosen(status: Status | None) -> None:
            if status is not None:
                self._run(
                    lambda: self.briefing.set_status(statement_id, status),
                    f"Statement #{statement_id} is now {status.value}.",
                    unchanged=f"Statement #{statement_id} is already {status.value}: no change.",
                )

        self.push_screen(StatusPicker(Status(doc.get("status", "unverified"))), chosen)

    def action_annotate(self) -> None:
        statement_id = self.statements.current_id
        if statement_id is None:
            return
        doc = self.briefing.statement_doc(statement_id) or {}

        def saved(text: str | None) -> None:
            if text:
                self._run(
                    lambda: self.briefing.annotate(statement_id, text),
                    f"Annotation saved on statement #{statement_id}.",
                )

        screen = AnnotateScreen(
            doc.get("text", ""), self.briefing.actor_name(doc.get("actor_id", 0))
        )
        self.push_screen(screen, saved)

    def action_add_rebuttal(self) -> None:
        statement_id = self.statements.current_id
        if statement_id is None:
            return
        doc = self.briefing.statement_doc(statement_id) or {}

        def save(values: dict[str, Any]) -> StoreError | None:
            return self._try(
                lambda: self.briefing.add_rebuttal(statement_id=statement_id, **values),
                "Rebuttal added.",
            )

        context = (
            f"Rebutting {clean(self.briefing.actor_name(doc.get('actor_id', 0)), one_line=True)}: "
            f"{shorten(doc.get('text', ''), 200)}"
        )
        self.push_screen(
            FormScreen(
                "New rebuttal", rebuttal_fields(), save, briefing=self.briefing, context=context
            )
        )

    def _try(self, verb: Callable[[], Any], done: str) -> StoreError | None:
        """For forms: return the error instead of toasting it, so it shows by its field."""
        revision = self.briefing.revision
        try:
            verb()
        except StoreError as exc:
            return exc
        if self.briefing.revision == revision:
            self.notify("Nothing changed in the form: nothing was written.", markup=False)
        else:
            self.notify(done, markup=False)
        return None

    # -- new / edit / delete: on the focused pane, through keys.PANE_COMMANDS ----------

    def action_new(self) -> None:
        self._on_focused_pane("new")

    def action_edit(self) -> None:
        self._on_focused_pane("edit")

    def action_delete(self) -> None:
        self._on_focused_pane("delete")

    def _on_focused_pane(self, command: str) -> None:
        pane = self._focused_pane()
        if pane is not None:
            getattr(self, PANE_COMMANDS[pane][command])()

    def new_actor(self) -> None:
        self.push_screen(
            FormScreen(
                "New actor",
                actor_fields(),
                lambda v: self._try(
                    lambda: self._select_new_actor(self.briefing.add_actor(**_lists(v))),
                    "Actor added.",
                ),
            )
        )

    def new_statement(self) -> None:
        if not self.briefing.counts()["actors"]:
            self.notify(
                f"Add an actor first: press {self.key_for('pane-actors')} for the actors pane, "
                f"then {self.key_for('new')}.",
                severity="warning",
                markup=False,
            )
            return
        # The chosen actor, if any; with "All actors" the analyst picks one.
        default_actor = self.statements.actor_id
        self.push_screen(
            FormScreen(
                "New statement",
                statement_fields(actor_id=default_actor),
                lambda v: self._try(
                    lambda: self._select_new_statement(self.briefing.add_statement(**_lists(v))),
                    "Statement added.",
                ),
                briefing=self.briefing,
            )
        )

    def _select_new_actor(self, actor: Any) -> None:
        self.actors.select_id(actor.id)

    def _select_new_statement(self, statement: Any) -> None:
        if not self.statements.select_id(statement.id) and self.statements.actor_id is not None:
            self.actors.set_cursor(0)
            self.statements.actor_id = None
            self.statements.reload(keep=statement.id)

    def edit_actor(self) -> None:
        if (actor_id := self.actors.current_actor_id) is not None:
            actor = self.briefing.actor(actor_id)
            self.push_screen(
                FormScreen(
                    f"Edit actor #{actor_id}",
                    actor_fields(actor.to_doc()),
                    lambda v: self._try(
                        lambda: self.briefing.update_actor(
                            actor_id, **_changed(actor.to_doc(), _lists(v))
                        ),
                        "Actor saved.",
                    ),
                )
            )

    def edit_statement(self) -> None:
        if (statement_id := self.statements.current_id) is not None:
            original = self.briefing.statement(statement_id).to_doc()
            self.push_screen(
                FormScreen(
                    f"Edit statement #{statement_id}",
                    statement_fields(original),
                    lambda v: self._try(
                        lambda: self.briefing.update_statement(
                            statement_id, **_changed(original, _lists(v))
                        ),
                        "Statement saved.",
                    ),
                    briefing=self.briefing,
                )
            )

    def edit_rebuttal(self) -> None:
        if (rebuttal_id := self.rebuttals.current_id) is not None:
            original = self.briefing.rebuttal(rebuttal_id).to_doc()
            self.push_screen(
                FormScreen(
                    f"Edit rebuttal #{rebuttal_id}",
                    rebuttal_fields(original),
                    lambda v: self._try(
                        lambda: self.briefing.update_rebuttal(rebuttal_id, **_changed(original, v)),
                        "Rebuttal saved.",
                    ),
                    briefing=self.briefing,
                )
            )

    def delete_actor(self) -> None:
        b = self.briefing
        if (actor_id := self.actors.current_actor_id) is not None:
            n_statements = b.statement_count(actor_id)
            n_rebuttals = len(b.rebuttals(actor_id=actor_id))
            name = clean(b.actor_name(actor_id), one_line=True)
            message = f"Delete actor {name}?"
            if n_statements or n_rebuttals:
                message += (
                    f" This also deletes their {n_statements} statement(s) and "
                    f"{n_rebuttals} rebuttal(s) of theirs, and the rebuttals of those statements."
                )
            message += f" You can undo with {self.key_for('undo')}."
            self._confirm(
                "Delete actor",
                message,
                lambda: self._run(
                    lambda: b.delete_actor(actor_id, cascade=True), f"Deleted actor {name}."
                ),
            )

    def delete_statement(self) -> None:
        b = self.briefing
        if (statement_id := self.statements.current_id) is not None:
            count = b.rebuttal_count(statement_id)
            text = (b.statement_doc(statement_id) or {}).get("text", "")
            message = f"Delete statement #{statement_id}: {shorten(text, 120)}?"
            if count:
                message += f" Its {count} rebuttal(s) go too."
            message += f" You can undo with {self.key_for('undo')}."
            self._confirm(
                "Delete statement",
                message,
                lambda: self._run(
                    lambda: b.delete_statement(statement_id, cascade=True),
                    f"Deleted statement #{statement_id}.",
                ),
            )

    def delete_rebuttal(self) -> None:
        b = self.briefing
        if (rebuttal_id := self.rebuttals.current_id) is not None:
            rebuttal = b.rebuttal(rebuttal_id)
            who = clean(b.actor_name(rebuttal.actor_id), one_line=True)
            self._confirm(
                "Delete rebuttal",
                f"Delete rebuttal #{rebuttal_id} by {who}: {shorten(rebuttal.text, 120)}? "
                f"You can undo with {self.key_for('undo')}.",
                lambda: self._run(
                    lambda: b.delete_rebuttal(rebuttal_id), f"Deleted rebuttal #{rebuttal_id}."
                ),
            )

    def _confirm(self, title: str, message: str, then: Callable[[], Any]) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.push_screen(ConfirmScreen(title, message), answered)

    def action_undo(self) -> None:
        # A big change (hundreds of marked statements) is undone in a thread (tui/marks.py).
        if not self.undo_or_redo(
            self.briefing.undo, self.briefing.undo_size(), self._undone, "undoing"
        ):
            self._undone(self._run(self.briefing.undo))

    def _undone(self, entries: list[Any] | None) -> None:
        if entries:
            what = entries[-1].batch or entries[-1].describe().removeprefix("Redid: ")
            self.notify(f"Undid: {what}", title="Undone", markup=False)
            self._go_to_change(entries)

    def action_redo(self) -> None:
        if not self.undo_or_redo(
            self.briefing.redo, self.briefing.redo_size(), self._redone, "redoing"
        ):
            self._redone(self._run(self.briefing.redo))

    def _redone(self, entries: list[Any] | None) -> None:
        if entries:
            self.notify(entries[-1].describe(), title="Redone", markup=False)
            self._go_to_change(entries)

    def _go_to_change(self, entries: list[Any]) -> None:
        """Put the cursor on the row an undo or redo changed: the highest document of the
        change that exists now (an actor before a statement before a rebuttal); when the
        change removed them all, the statement a removed rebuttal belonged to (a removed
        statement leaves the cursor where it is: its actor's list would hide the others).
        A change of several statements only (marked statements) keeps the actor and the
        filter: the cursor stays when it is on one of them, else goes to the first of them
        in the view; only when the view shows none does it leave the view."""
        b = self.briefing
        if len(entries) > 1 and all(e.table == "statements" for e in entries):
            changed = {e.doc_id for e in entries}
            if self.statements.current_id in changed:
                return
            first = next((i for i in self.statements.ids if i in changed), None)
            if first is not None:
                self.statements.select_id(first)
                return
        lookup = {"actors": b.actor_doc, "statements": b.statement_doc, "rebuttals": b.rebuttal_doc}
        ranked = sorted(entries, key=lambda e: _RANK.get(e.table, len(_RANK)))
        for entry in ranked:
            if entry.table in lookup and lookup[entry.table](entry.doc_id) is not None:
                self._go_to_row(entry.table, entry.doc_id)
                return
        for entry in ranked:  # all gone: their parent
            doc = entry.before or entry.after or {}
            if entry.table == "rebuttals" and b.statement_doc(doc.get("statement_id", -1)):
                self._go_to_row("statements", doc["statement_id"])
                return

    def _go_to_row(self, table: str, doc_id: int) -> None:
        if table == "actors":
            self.jump_to_actor(doc_id)
        elif table == "statements":
            self.jump_to_statement(doc_id)
        else:
            statement_id = (self.briefing.rebuttal_doc(doc_id) or {}).get("statement_id")
            if statement_id is not None:
                self.jump_to_statement(statement_id)
                self.rebuttals.select_id(doc_id)
                self.action_focus_pane("rebuttals")

    def action_help(self) -> None:
        self.push_screen(HelpScreen(help_sections(self.user_keys)))

    # -- analysis screens (tui/timeline.py, tui/disputes.py) ------------------------

    def action_timeline(self) -> None:
        from .timeline import open_timeline

        open_timeline(self)  # type: ignore[arg-type]

    def action_disputes(self) -> None:
        from .disputes import open_disputes

        open_disputes(self)  # type: ignore[arg-type]

    # -- import ---------------------------------------------------------------------

    def action_import_article(self) -> None:
        from .import_screen import ImportScreen

        self.push_screen(ImportScreen(self.briefing, self._accept_import))

    def _accept_import(self, request: Any) -> StoreError | None:
        from store.article_import import accept_suggestions

        try:
            result = accept_suggestions(
                self.briefing,
                request.suggestions,
                keys=request.keys,
                source=request.source,
                url=request.url,
                reason=f"Imported {request.label}",
            )
        except StoreError as exc:
            return exc
        self.notify(
            f"{result.summary()} Press {self.key_for('undo')} to undo the whole import.",
            markup=False,
        )
        return None

    # -- export ---------------------------------------------------------------------

    def current_view(self) -> dict[str, Any]:
        """The selection in force: the chosen actor, the status shown (f) and the
        statements filter."""
        view: dict[str, Any] = {}
        if self.statements.actor_id is not None:
            view["actor_id"] = self.statements.actor_id
        if self.statements.status is not None:
            view["status"] = self.statements.status.value
        if self.statements.filter_text:
            view["text"] = self.statements.filter_text
        return view

    def action_export(self) -> None:
        from store.export import default_filename

        view = self.current_view()
        ids = self.statements.ids
        parts = [plural(len(ids), "statement")]
        if "actor_id" in view:
            parts.append(f"by {clean(self.briefing.actor_name(view['actor_id']), one_line=True)}")
        if "status" in view:
            parts.append(f"only {view['status']}")
        if "text" in view:
            parts.append(f"matching {shorten(view['text'], 40)!r}")
        scope = "The current view: " + " ".join(parts) + "."
        if not view:
            scope = f"The whole store: {plural(len(ids), 'statement')}."
        unverified = sum(
            1
            for i in ids
            if (self.briefing.statement_doc(i) or {}).get("status", "unverified") == "unverified"
        )
        notes = {}
        if unverified:
            verdicts = len(ids) - unverified
            notes["claimreview"] = (
                f"ClaimReview publishes verdicts: {plural(verdicts, 'review')} from the "
                f"statements with a status; {plural(unverified, 'unverified statement')} "
                "have no verdict and are left out."
            )

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self.notify(f"Exporting to {request.path}…", timeout=3, markup=False)
                self._export(request, view, len(ids))

        self.push_screen(
            ExportScreen(scope, default_filename, folder=export_folder(), notes=notes), chosen
        )

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest, view: dict[str, Any], count: int) -> None:
        from store.export import write_export

        try:
            path = write_export(self.briefing, request.fmt, request.path, **view)
        except StoreError as exc:
            self.call_from_thread(
                self.notify, str(exc), title="Not exported", severity="error", markup=False
            )
            return
        except RuntimeError:  # the store changed while it was read
            self.call_from_thread(
                self.notify,
                "The store changed during the export; export again.",
                title="Not exported",
                severity="warning",
                markup=False,
            )
            return
        path = path.resolve()
        remember_export_folder(path.parent)
        what = plural(count, "statement")
        if request.fmt == "claimreview":
            what = plural(_written_reviews(path), "ClaimReview review")
        self.call_from_thread(
            self.notify, f"Exported {what} to {path}", title="Exported", markup=False
        )


def _lists(values: dict[str, Any]) -> dict[str, Any]:
    """Comma-separated form fields become lists."""
    out = dict(values)
    for key in ("aliases", "tags"):
        if isinstance(out.get(key), str):
            out[key] = [part.strip() for part in out[key].split(",") if part.strip()]
    return out


def _changed(original: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Only the fields the analyst changed, so a concurrent edit to another field survives."""
    changed = {}
    for key, value in values.items():
        before = original.get(key)
        if (before or None) != (value or None):
            changed[key] = value
    return changed


def _written_reviews(path: Path) -> int:
    """How many reviews a ClaimReview file holds (the toast names the count written)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    return len(data) if isinstance(data, list) else 1
