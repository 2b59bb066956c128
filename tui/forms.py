"""Forms: new and edit for actors, statements and rebuttals, with a searchable actor picker.

Tab visits exactly the fields, enter in a one-line field moves to the next, each store
error is shown under its own field in the label's words, and escape with changes asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from store import ActorKind, Briefing, Status, StoreError, ValidationError

from .fields import DialogInput, DialogTextArea
from .panes import status_label
from .screens import Dialog, Options, ask_to_discard, field_label, show_error
from .text import clean

# Saving a form returns None on success or the error to show next to its field.
SaveHandler = Callable[[dict[str, Any]], StoreError | None]


class PickerOptions(Options, can_focus=False):
    """The matches under an actor search box: driven from the box (up/down, enter), so
    tab skips them and whatever is typed stays in the box."""


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
        yield DialogInput(
            value=clean(name, one_line=True),
            placeholder="Type to search actors…",
            id=f"{self.id}-search",
            classes="actor-search",
        )
        yield PickerOptions(id=f"{self.id}-options", classes="actor-options")

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

    def take_highlighted(self) -> None:
        """Enter in the search box: the highlighted match is the choice, named in the box."""
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id:
                self.selected = int(option.id)
        if self.selected is not None:
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

    TAKES_TEXT = True

    BINDINGS: ClassVar[list[BindingType]] = [
        # The fields act on these keys in turn with typing (tui/fields.py); the bindings
        # serve the keys that reach the form otherwise, and the footer.
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "next_field", "Next field"),
        Binding("shift+tab", "previous_field", "Previous field", show=False),
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
        self._opened_with: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog form"):
            yield Static(Content(self.title_text), classes="dialog-title")
            if self.context:
                yield Static(Content(self.context), classes="dialog-context")
            # Not focusable itself: tab visits exactly the fields.
            with VerticalScroll(classes="form-fields", can_focus=False):
                for f in self.fields:
                    yield Label(Content(f.label), classes="field-label")
                    if f.kind == "area":
                        yield DialogTextArea(
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
                        yield DialogInput(
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
        if self.closed_before_built:
            return
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
        self.call_after_refresh(self._remember_opening_values)

    def _remember_opening_values(self) -> None:
        if self.is_attached:
            self._opened_with = self.values()

    @property
    def changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        return self._opened_with is not None and self.values() != self._opened_with

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # enter in a field moves on (tui/fields.py)

    def action_enter_next_field(self) -> None:
        self.action_next_field()

    def action_next_field(self) -> None:
        focused = self.focused
        if focused is not None:
            picker = next((a for a in focused.ancestors if isinstance(a, ActorPicker)), None)
            if picker is not None:
                picker.take_highlighted()
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

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
        self._show_store_error(error)

    def _show_store_error(self, error: StoreError) -> None:
        """Each problem under its own field, named by the field's label."""
        labels = {f.name: field_label(f.label) for f in self.fields}
        # (field, sentence) per problem: the store's list in the label's words, else its
        # one message under the field it names.
        problems = [
            (field, f"{labels.get(field.split('.')[0], field)} {reason}")
            for field, reason in getattr(error, "problems", None) or []
        ]
        if not problems and isinstance(error, ValidationError) and error.field:
            problems = [(error.field, str(error))]
        unplaced: list[str] = []
        first_field = None
        for field, sentence in problems:
            name = field.split(".")[0]
            if name in labels:
                show_error(self.query_one(f"#error-{name}", Static), sentence)
                first_field = first_field or name
            else:
                unplaced.append(sentence)
        if not problems:
            text = str(error)
            if "actor_id" in text and "actor_id" in labels:
                show_error(self.query_one("#error-actor_id", Static), text)
                first_field = "actor_id"
            else:
                unplaced.append(text)
        if unplaced:
            show_error(self.query_one("#form-error", Static), "; ".join(unplaced))
        if first_field is not None:
            widget = self.query_one(f"#field-{first_field}")
            target = widget.query_one(Input) if isinstance(widget, ActorPicker) else widget
            target.focus()
        count = len(problems) or 1
        summary = "Not saved: " + (
            "see the message under the field." if count == 1 else f"{count} fields need fixing."
        )
        self.notify(summary, severity="error", markup=False)

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(False)
            return
        ask_to_discard(self, lambda: self.dismiss(False))


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
