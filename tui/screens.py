"""Modal screens: annotate, status picker, forms, confirm, help."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from store import ActorKind, Briefing, Status, StoreError, ValidationError
from store.models import TEXT_MAX

from .panes import status_label
from .text import clean, shorten

# Saving a form returns None on success or the error to show next to its field.
SaveHandler = Callable[[dict[str, Any]], StoreError | None]


ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal screen that closes exactly once, and closes itself.

    Two quick keys can close a dialog twice (enter, then escape before the first close
    was handled), and a key handled late can close it after another screen (the command
    palette) opened above it. Textual would then pop the other screen and raise on the
    second result. Here a second close is ignored, and screens above the dialog close
    with it.
    """

    _result_given = False

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._result_given or self not in self.app.screen_stack:
            return AwaitComplete.nothing()
        self._result_given = True
        if self.app.screen is not self:
            self.pop_until_active()
        return super().dismiss(result)


class Options(OptionList):
    """An OptionList that may be paged before it is first drawn.

    Textual's OptionList pages through the lines of its last render: pageup or pagedown
    pressed as a dialog opens (before that render) raised KeyError and ended the app.
    """

    def _move_page(self, direction: int) -> None:
        with contextlib.suppress(KeyError, IndexError):  # not drawn yet: nothing to page
            super()._move_page(direction)  # type: ignore[arg-type]


def show_error(line: Static, message: str) -> None:
    """Show (or with an empty message, hide) an error line under a field."""
    line.update(Content(clean(message)))
    line.set_class(bool(message), "-shown")


class AnnotateScreen(Dialog[str | None]):
    """A focused editor for a note on a statement: ctrl+s saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, statement_text: str, actor: str) -> None:
        super().__init__()
        self.statement_text = statement_text
        self.actor = actor

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog annotate"):
            yield Static(Content("Annotate statement"), classes="dialog-title")
            yield Static(
                Content(f"{clean(self.actor, one_line=True)}: {shorten(self.statement_text, 300)}"),
                classes="dialog-context",
            )
            yield TextArea(id="note", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="note-error", classes="field-error")
            yield Static(Content("ctrl+s save · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    def action_save(self) -> None:
        text = self.query_one("#note", TextArea).text
        if not text.strip():
            show_error(
                self.query_one("#note-error", Static),
                "The note is empty: type something, or press escape to cancel.",
            )
            return
        if len(text.strip()) > TEXT_MAX:
            # The store would refuse it after the editor closed, losing the note: say so here.
            show_error(
                self.query_one("#note-error", Static),
                f"The note is too long ({len(text.strip()):,} characters; at most "
                f"{TEXT_MAX:,}): shorten it, or press escape to cancel.",
            )
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StatusPicker(Dialog[Status | None]):
    """Choose a statement's status; the current one is highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: Status) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog picker"):
            yield Static(Content("Set status"), classes="dialog-title")
            yield Options(
                *[Option(Content(status_label(s)), id=s.value) for s in Status], id="statuses"
            )
            yield Static(Content("enter choose · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one("#statuses", OptionList)
        options.highlighted = list(Status).index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Status(event.option.id or "unverified"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(Dialog[bool]):
    """Yes or no, with the consequence spelled out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, message: str, yes: str = "Delete") -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog confirm"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


@dataclass
class Field:
    """One form field: its store name, label, widget kind and starting value."""

    name: str
    label: str
    kind: str = "input"  # input | area | select | actor
    value: Any = ""
    placeholder: str = ""
    options: tuple[tuple[str, str], ...] = ()


class ActorPicker(Vertical):
    """A searchable actor picker: type to narrow, up/down to choose."""

    def __init__(self, briefing: Briefing, selected: int | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.briefing = briefing
        self.selected = selected

    def compose(self) -> ComposeResult:
        name = self.briefing.actor_name(self.selected) if self.selected is not None else ""
        yield Input(
            value=clean(name, one_line=True),
            placeholder="Type to search actors…",
            id=f"{self.id}-search",
            classes="actor-search",
        )
        yield Options(id=f"{self.id}-options", classes="actor-options")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, needle: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        ids = self.briefing.actor_ids(needle or None)[:200]
        options.add_options(
            [
                Option(Content(clean(self.briefing.actor_name(i), one_line=True)), id=str(i))
                for i in ids
            ]
        )
        if self.selected in ids:
            options.highlighted = ids.index(self.selected)
        elif ids and needle:
            # Only a search picks for the analyst; an untouched picker chooses no one.
            options.highlighted = 0
            self.selected = ids[0]

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        # Compare with the name as the box shows it (cleaned), or a name holding a control or
        # bidi character would start a search that picks another actor.
        current = (
            clean(self.briefing.actor_name(self.selected), one_line=True)
            if self.selected is not None
            else None
        )
        if event.value != current:
            self._fill(event.value.strip())

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id:
            self.selected = int(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.selected = int(event.option.id)
            search = self.query_one(Input)
            with search.prevent(Input.Changed):
                search.value = clean(self.briefing.actor_name(self.selected), one_line=True)

    def on_key(self, event: Any) -> None:
        # Up/down in the search box move through the matches without leaving it.
        options = self.query_one(OptionList)
        if self.query_one(Input).has_focus and event.key in ("down", "up"):
            event.stop()
            event.prevent_default()
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()


class FormScreen(Dialog[bool]):
    """A modal form whose save handler reports store errors next to the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        on_save: SaveHandler,
        *,
        briefing: Briefing | None = None,
        context: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.on_save = on_save
        self.briefing = briefing
        self.context = context
        # What each text field showed when the form opened (see ``_entered``).
        self._untouched: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog form"):
            yield Static(Content(self.title_text), classes="dialog-title")
            if self.context:
                yield Static(Content(self.context), classes="dialog-context")
            with VerticalScroll(classes="form-fields"):
                for f in self.fields:
                    yield Label(Content(f.label), classes="field-label")
                    if f.kind == "area":
                        yield TextArea(
                            clean(str(f.value or "")),
                            id=f"field-{f.name}",
                            soft_wrap=True,
                            classes="field-area",
                        )
                    elif f.kind == "select":
                        yield Select(
                            [(Content(label), value) for label, value in f.options],
                            value=f.value,
                            allow_blank=False,
                            id=f"field-{f.name}",
                        )
                    elif f.kind == "actor":
                        assert self.briefing is not None
                        yield ActorPicker(
                            self.briefing, f.value, id=f"field-{f.name}", classes="actor-picker"
                        )
                    else:
                        yield Input(
                            value=clean(str(f.value or ""), one_line=True),
                            placeholder=f.placeholder,
                            id=f"field-{f.name}",
                        )
                    yield Static("", id=f"error-{f.name}", classes="field-error")
            yield Static("", id="form-error", classes="field-error")
            yield Static(
                Content("ctrl+s save · escape cancel · tab next field"), classes="dialog-keys"
            )

    def on_mount(self) -> None:
        for f in self.fields:
            box = self.query_one(f"#field-{f.name}")
            if isinstance(box, TextArea | Input):
                self._untouched[f.name] = box.text if isinstance(box, TextArea) else box.value
        first = self.fields[0]
        widget = self.query_one(f"#field-{first.name}")
        if isinstance(widget, ActorPicker):
            widget.query_one(Input).focus()
        else:
            widget.focus()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for f in self.fields:
            widget = self.query_one(f"#field-{f.name}")
            if isinstance(widget, TextArea):
                values[f.name] = self._entered(f, widget.text)
            elif isinstance(widget, Select):
                values[f.name] = widget.value
            elif isinstance(widget, ActorPicker):
                values[f.name] = widget.selected
            elif isinstance(widget, Input):
                values[f.name] = self._entered(f, widget.value)
        return values

    def _entered(self, f: Field, text: str) -> str:
        """A text field's value. The boxes show stored text cleaned (terminal escapes and
        control characters must not reach the terminal); a field left as it was keeps its
        stored value, so saving an untouched field changes nothing."""
        if f.name in self._untouched and text == self._untouched[f.name]:
            return str(f.value or "")
        return text

    def action_save(self) -> None:
        for f in self.fields:
            show_error(self.query_one(f"#error-{f.name}", Static), "")
        show_error(self.query_one("#form-error", Static), "")
        values = self.values()
        for f in self.fields:
            if f.kind == "actor" and values.get(f.name) is None:
                show_error(
                    self.query_one(f"#error-{f.name}", Static),
                    "Choose an actor: type part of a name, then pick one with up/down.",
                )
                return
        error = self.on_save(values)
        if error is None:
            self.dismiss(True)
            return
        field = getattr(error, "field", "") if isinstance(error, ValidationError) else ""
        name = field.split(".")[0]
        target = f"#error-{name}" if any(f.name == name for f in self.fields) else "#form-error"
        if target == "#form-error" and "actor_id" in str(error):
            target = "#error-actor_id" if any(f.name == "actor_id" for f in self.fields) else target
        show_error(self.query_one(target, Static), str(error))
        self.notify(shorten(str(error), 200), severity="error", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(False)


KIND_OPTIONS = tuple((k.value, k.value) for k in ActorKind)
STATUS_OPTIONS = tuple((status_label(s), s.value) for s in Status)


def actor_fields(values: dict[str, Any] | None = None) -> list[Field]:
    v = values or {}
    return [
        Field("name", "Name", value=v.get("name", ""), placeholder="Keith Kellogg"),
        Field("kind", "Kind", "select", v.get("kind", "person"), options=KIND_OPTIONS),
        Field(
            "role", "Role", value=v.get("role", ""), placeholder="U.S. Special Envoy for Ukraine"
        ),
        Field("affiliation", "Affiliation", value=v.get("affiliation", "")),
        Field(
            "aliases",
            "Aliases (comma-separated)",
            value=", ".join(v.get("aliases", [])),
            placeholder="Kellogg",
        ),
        Field("tags", "Tags (comma-separated)", value=", ".join(v.get("tags", []))),
        Field("notes", "Notes", "area", v.get("notes", "")),
    ]


def statement_fields(
    values: dict[str, Any] | None = None, actor_id: int | None = None
) -> list[Field]:
    v = values or {}
    return [
        Field("actor_id", "Actor (type to search)", "actor", v.get("actor_id", actor_id)),
        Field("text", "What they said", "area", v.get("text", "")),
        Field(
            "said_on",
            "Said on (YYYY-MM-DD)",
            value=v.get("said_on") or "",
            placeholder="2025-06-21",
        ),
        Field("source", "Source", value=v.get("source", "")),
        Field("url", "URL", value=v.get("url", ""), placeholder="https://…"),
        Field("status", "Status", "select", v.get("status", "unverified"), options=STATUS_OPTIONS),
        Field("tags", "Tags (comma-separated)", value=", ".join(v.get("tags", []))),
    ]


def rebuttal_fields(
    values: dict[str, Any] | None = None, actor_id: int | None = None
) -> list[Field]:
    v = values or {}
    return [
        Field("actor_id", "Who rebuts (type to search)", "actor", v.get("actor_id", actor_id)),
        Field("text", "Rebuttal", "area", v.get("text", "")),
        Field("said_on", "Said on (YYYY-MM-DD)", value=v.get("said_on") or ""),
        Field("source", "Source", value=v.get("source", "")),
        Field("url", "URL", value=v.get("url", ""), placeholder="https://…"),
    ]


HELP_SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Moving",
        [
            ("tab / shift+tab", "next / previous pane"),
            ("1 2 3", "actors, statements, rebuttals pane"),
            ("up/down, j/k", "move in a list"),
            ("g / G", "first / last row"),
            ("pageup/pagedown", "a page up / down"),
            ("enter", "on an actor: go to their statements; on a statement: its rebuttals"),
        ],
    ),
    (
        "Statements",
        [
            ("d", "toggle disputed"),
            ("s", "set status (unverified, disputed, confirmed, false, retracted)"),
            ("a", "annotate (ctrl+s saves, escape cancels)"),
            ("r", "add a rebuttal to the selected statement"),
        ],
    ),
    (
        "Any pane",
        [
            ("n", "new actor / statement / rebuttal"),
            ("e", "edit the selected row"),
            ("delete", "delete the selected row (asks first)"),
            ("/", "filter as you type; escape clears"),
            ("u", "undo the last change"),
            ("i", "import an article (suggested actors and statements)"),
            ("x", "export the current view (Markdown, JSON, ClaimReview, CSV)"),
        ],
    ),
    ("App", [("?", "this help"), ("ctrl+p", "command palette"), ("q", "quit")]),
]


class HelpScreen(Dialog[None]):
    """Every key, grouped."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog help"):
            yield Static(Content("briefing-tui keys"), classes="dialog-title")
            for title, keys in HELP_SECTIONS:
                yield Static(Content(title), classes="help-heading")
                for key, what in keys:
                    with Horizontal(classes="help-row"):
                        yield Static(Content(key), classes="help-key")
                        yield Static(Content(what), classes="help-what")
            yield Static(Content("escape close"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)


@dataclass
class ExportRequest:
    """What the export dialog asks for."""

    fmt: str
    path: str


class ExportScreen(Dialog[ExportRequest | None]):
    """Export the current view: choose a format and a file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, scope: str, default_name: Callable[[str], str]) -> None:
        super().__init__()
        self.scope = scope
        self.default_name = default_name
        self._suggested = default_name("md")

    def compose(self) -> ComposeResult:
        from store.export import FORMAT_LABELS, FORMATS

        with Vertical(id="dialog", classes="dialog form export"):
            yield Static(Content("Export"), classes="dialog-title")
            yield Static(Content(self.scope), classes="dialog-context")
            yield Label(Content("Format"), classes="field-label")
            yield Select(
                [(Content(FORMAT_LABELS[f]), f) for f in FORMATS],
                value="md",
                allow_blank=False,
                id="field-format",
            )
            yield Label(Content("File"), classes="field-label")
            yield Input(value=self._suggested, id="field-path")
            yield Static("", id="error-path", classes="field-error")
            yield Static(Content("ctrl+s export · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#field-format", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        # Follow the format with the suggested name unless the analyst typed their own.
        path = self.query_one("#field-path", Input)
        if path.value == self._suggested and isinstance(event.value, str):
            self._suggested = self.default_name(event.value)
            path.value = self._suggested

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        path = self.query_one("#field-path", Input).value.strip()
        if not path:
            show_error(self.query_one("#error-path", Static), "Give a file name to write to.")
            return
        fmt = self.query_one("#field-format", Select).value
        self.dismiss(ExportRequest(str(fmt), path))

    def action_cancel(self) -> None:
        self.dismiss(None)
