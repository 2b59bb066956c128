"""Import an article: paste text or name a file, review the suggestions, accept by keyboard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, ProgressBar, Static, TextArea
from textual.widgets.option_list import Option

from store import Briefing, StoreError

from .screens import Dialog, Options, show_error
from .text import clean, shorten

INDENT = "\u2800" * 4  # blank braille cells: the option list strips leading whitespace


@dataclass
class ImportRequest:
    """What the analyst accepted: the suggestions, the chosen keys, and where they came from."""

    suggestions: Any
    keys: set[str]
    source: str
    url: str
    label: str


class EditSuggestion(Dialog[str | None]):
    """Edit one suggestion's text (a claim, a rebuttal or an actor's name)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, title: str, value: str) -> None:
        super().__init__()
        self.title_text = title
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog annotate"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield TextArea(self.value, id="edit-text", soft_wrap=True)
            yield Static(Content("ctrl+s keep · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        text = " ".join(self.query_one(TextArea).text.split())
        self.dismiss(text or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportScreen(Dialog[bool]):
    """Step 1: the article. Step 2: the suggestions, grouped by actor, to accept.

    ``on_accept`` writes the request and returns None, or the StoreError to show here.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next", "Find / accept", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self, briefing: Briefing, on_accept: Callable[[ImportRequest], StoreError | None]
    ) -> None:
        super().__init__()
        self.briefing = briefing
        self.on_accept = on_accept
        self.suggestions: Any = None
        self.chosen: set[str] = set()
        self.rows: list[tuple[str, str]] = []  # (kind, key) per option
        self.label = "pasted text"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog form import"):
            yield Static(Content("Import an article"), classes="dialog-title")
            with Vertical(id="import-source"):
                yield Label(Content("File (a text or HTML article)"), classes="field-label")
                yield Input(placeholder="~/articles/kellogg.txt", id="import-file")
                yield Label(Content("…or paste the text here"), classes="field-label")
                yield TextArea(id="import-text", soft_wrap=True, classes="field-area")
                yield Label(Content("Source name"), classes="field-label")
                yield Input(
                    placeholder="defaults to the file's name or the headline",
                    id="import-source-name",
                )
                yield Label(Content("URL"), classes="field-label")
                yield Input(placeholder="https://…", id="import-url")
                yield Label(
                    Content("Published on (YYYY-MM-DD; resolves 'on Monday')"),
                    classes="field-label",
                )
                yield Input(placeholder="2025-06-25", id="import-date")
                yield Static("", id="import-error", classes="field-error")
                yield ProgressBar(total=1.0, show_eta=False, id="import-progress")
                yield Static(
                    Content("ctrl+s find suggestions · escape cancel · nothing is written yet"),
                    classes="dialog-keys",
                )
            with Vertical(id="import-review"):
                yield Static("", id="import-summary", classes="dialog-context")
                yield Options(id="import-options")
                yield Static(
                    Content(
                        "space choose/skip · e edit · ctrl+s add the chosen ones (one u undoes) "
                        "· escape cancel"
                    ),
                    classes="dialog-keys",
                )

    def on_mount(self) -> None:
        self.query_one("#import-review").display = False
        self.query_one("#import-progress").display = False
        self.query_one("#import-file", Input).focus()

    # -- step 1 ---------------------------------------------------------------------

    def action_next(self) -> None:
        if self.suggestions is None:
            self._find()
        else:
            self._accept()

    def _find(self) -> None:
        error = self.query_one("#import-error", Static)
        show_error(error, "")
        file_name = self.query_one("#import-file", Input).value.strip()
        pasted = self.query_one("#import-text", TextArea).text
        raw_date = self.query_one("#import-date", Input).value.strip()
        published = None
        if raw_date:
            try:
                published = date.fromisoformat(raw_date)
            except ValueError:
                show_error(error, f"Published on: use YYYY-MM-DD, not {raw_date!r}.")
                return
        if not file_name and not pasted.strip():
            show_error(error, "Give a file name or paste the article's text.")
            return
        self.label = Path(file_name).name if file_name else "pasted text"
        progress = self.query_one("#import-progress", ProgressBar)
        progress.display = True
        progress.update(progress=0)
        self._extract(file_name, pasted, published)

    @work(thread=True, exclusive=True, group="import")
    def _extract(self, file_name: str, pasted: str, published: date | None) -> None:
        from store.article_import import mark_present
        from store.ingest import extract, read_article

        def progress(fraction: float) -> None:
            self.app.call_from_thread(self._progress, fraction)

        try:
            if file_name:
                text, warnings = read_article(Path(file_name).expanduser())
            else:
                text, warnings = pasted, []
            known = self.briefing.actors()
            suggestions = extract(text, known_actors=known, published=published, progress=progress)
            mark_present(self.briefing, suggestions)
        except StoreError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        suggestions.warnings[:0] = warnings
        self.app.call_from_thread(self._review, suggestions)

    def _progress(self, fraction: float) -> None:
        self.query_one("#import-progress", ProgressBar).update(progress=fraction)

    def _failed(self, message: str) -> None:
        self.query_one("#import-progress").display = False
        show_error(self.query_one("#import-error", Static), message)

    # -- step 2 ---------------------------------------------------------------------

    def _review(self, suggestions: Any) -> None:
        from store.article_import import default_keys

        self.suggestions = suggestions
        self.chosen = default_keys(suggestions)
        self.query_one("#import-source").display = False
        self.query_one("#import-review").display = True
        speakers = [a for a in suggestions.actors if a.speaks]
        present = [st for st in suggestions.statements if st.existing_id is not None]
        found = (
            f"From {self.label}: {len(speakers)} speaking actor(s), "
            f"{len(suggestions.statements) - len(present)} new statement(s), "
            f"{len(suggestions.rebuttals)} rebuttal(s), chosen; skip what is wrong."
        )
        if present:
            found += f" {len(present)} statement(s) are already in the store."
        mentioned = len(suggestions.actors) - len(speakers)
        if mentioned:
            found += f" {mentioned} name(s) only mentioned are listed last, not chosen."
        if suggestions.warnings:
            found += " Note: " + " ".join(suggestions.warnings)
        self.query_one("#import-summary", Static).update(Content(found))
        self._fill()
        self.query_one("#import-options", OptionList).focus()

    def _fill(self, keep: int | None = None) -> None:
        options = self.query_one("#import-options", OptionList)
        s = self.suggestions
        self.rows = []
        prompts: list[Option] = []
        speakers = [a for a in s.actors if a.speaks]
        mentioned = [a for a in s.actors if not a.speaks]
        for actor in [*speakers, *mentioned]:
            if actor is (mentioned[0] if mentioned else None):
                prompts.append(Option(Content("Mentioned only (not chosen):"), disabled=True))
                self.rows.append(("heading", ""))
            prompts.append(self._option(actor.key, self._actor_line(actor)))
            self.rows.append(("actor", actor.key))
            for kind, key, text in self._said_lines(actor.key):
                prompts.append(self._option(key, text, indent=True))
                self.rows.append((kind, key))
        highlighted = options.highlighted if keep is None else keep
        options.clear_options()
        options.add_options(prompts)
        if prompts:
            options.highlighted = min(highlighted or 0, len(prompts) - 1)

    @staticmethod
    def _actor_line(actor: Any) -> str:
        known = " · already in the store" if actor.existing_id is not None else " · new"
        role = f" — {clean(actor.role, one_line=True)}" if actor.role else ""
        return f"{clean(actor.name, one_line=True)}{role} ({actor.kind}{known})"

    def _said_lines(self, actor_key: str) -> list[tuple[str, str, str]]:
        """(kind, key, text) of what one actor said: statements, then rebuttals."""
        s = self.suggestions
        claims = {st.key: st for st in s.statements}
        names = {a.key: a.name for a in s.actors}
        lines: list[tuple[str, str, str]] = []
        for st in s.statements:
            if st.actor_key == actor_key:
                when = f" ({st.said_on})" if st.said_on else ""
                text = f"says{when}: {clean(st.text, one_line=True)}"
                if st.existing_id is not None:
                    text += "  [already in the store]"
                evidence = f"\n      evidence: “{shorten(st.evidence, 160)}”"
                lines.append(("statement", st.key, text + evidence))
        for rb in s.rebuttals:
            if rb.actor_key == actor_key:
                target = claims.get(rb.statement_key)
                whose = clean(names.get(target.actor_key, "?") if target else "?", one_line=True)
                text = f"↩ rebuts {whose}: {clean(rb.text, one_line=True)}"
                if rb.existing_id is not None:
                    text += "  [already in the store]"
                lines.append(("rebuttal", rb.key, text))
        return lines

    def _option(self, key: str, text: str, *, indent: bool = False) -> Option:
        present = self._present(key)
        mark = "✓" if present else ("☑" if key in self.chosen else "☐")
        prefix = INDENT if indent else ""
        return Option(Content(f"{prefix}{mark} {text}"), id=key)

    def _present(self, key: str) -> bool:
        s = self.suggestions
        return any(
            item.key == key and getattr(item, "existing_id", None) is not None
            for item in [*s.statements, *s.rebuttals]
        )

    def on_key(self, event: Any) -> None:
        if self.suggestions is None:
            return
        options = self.query_one("#import-options", OptionList)
        if not options.has_focus or options.highlighted is None:
            return
        kind, key = self.rows[options.highlighted]
        if kind == "heading":
            return
        if event.key == "space":
            event.stop()
            self._toggle(kind, key)
            self._fill(options.highlighted)
        elif event.key == "e":
            event.stop()
            self._edit(kind, key)

    @on(OptionList.OptionSelected, "#import-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, key = self.rows[event.option_index]
        self._toggle(kind, key)
        self._fill(event.option_index)

    def _toggle(self, kind: str, key: str) -> None:
        s = self.suggestions
        if kind == "heading":
            return
        if kind != "actor" and self._present(key):
            self.notify("Already in the store: it will not be added again.", markup=False)
            return
        if key not in self.chosen:
            self.chosen.add(key)
            # Choosing something chooses what it needs: its actor, the claim it rebuts.
            for st in s.statements:
                if st.key == key:
                    self.chosen.add(st.actor_key)
            for rb in s.rebuttals:
                if rb.key == key:
                    self.chosen.add(rb.actor_key)
                    self.chosen.add(rb.statement_key)
                    for st in s.statements:
                        if st.key == rb.statement_key:
                            self.chosen.add(st.actor_key)
            return
        self.chosen.discard(key)
        if kind == "actor":
            # Skipping an actor skips what they said.
            for st in s.statements:
                if st.actor_key == key:
                    self.chosen.discard(st.key)
            for rb in s.rebuttals:
                if rb.actor_key == key:
                    self.chosen.discard(rb.key)
        self._skip_orphaned_rebuttals()

    def _skip_orphaned_rebuttals(self) -> None:
        """A rebuttal needs the statement it answers: skip it too, and say so."""
        s = self.suggestions
        names = {a.key: a.name for a in s.actors}
        present = {st.key for st in s.statements if st.existing_id is not None}
        dropped = [
            rb
            for rb in s.rebuttals
            if rb.key in self.chosen
            and rb.statement_key not in self.chosen
            and rb.statement_key not in present
        ]
        for rb in dropped:
            self.chosen.discard(rb.key)
        if dropped:
            who = ", ".join(
                sorted({clean(names.get(rb.actor_key, "?"), one_line=True) for rb in dropped})
            )
            self.notify(
                f"Also skipped {len(dropped)} rebuttal(s) by {who} that answer it: a rebuttal "
                "needs the statement it answers. Choose the statement, then them, to keep them.",
                title="Rebuttal skipped",
                markup=False,
            )

    def _edit(self, kind: str, key: str) -> None:
        s = self.suggestions
        items = {"actor": s.actors, "statement": s.statements, "rebuttal": s.rebuttals}[kind]
        item = next(i for i in items if i.key == key)
        attr = "name" if kind == "actor" else "text"

        def done(value: str | None) -> None:
            if value:
                setattr(item, attr, value)
                if kind == "actor":
                    item.existing_id = None
                    found = self.briefing.find_actor(value)
                    item.existing_id = found.id if found else None
                self._fill()

        self.app.push_screen(EditSuggestion(f"Edit {kind}", getattr(item, attr)), done)

    def _accept(self) -> None:
        if not self.chosen:
            self.notify("Nothing is chosen: press space on what to add.", severity="warning")
            return
        source = self.query_one("#import-source-name", Input).value.strip()
        if not source:
            # Where it came from, when the analyst gave no name: the file, or the headline.
            source = self.label if self.label != "pasted text" else self.suggestions.headline
        request = ImportRequest(
            self.suggestions,
            set(self.chosen),
            source,
            self.query_one("#import-url", Input).value.strip(),
            self.label,
        )
        error = self.on_accept(request)
        if error is None:
            self.dismiss(True)
            return
        self.query_one("#import-summary", Static).update(
            Content(f"Not added: {clean(str(error))} Press escape, fix it, and try again.")
        )
        self.notify(shorten(str(error), 200), severity="error", markup=False)

    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "import")
        self.dismiss(False)
