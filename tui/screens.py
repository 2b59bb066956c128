"""Modal screens: annotate, status picker, forms, confirm, help."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from store import Status, StoreError
from store.models import TEXT_MAX

from .fields import DialogInput, DialogTextArea, copy_key, hand_to_field, seen_by_field
from .keybar import KeyBar
from .panes import status_label
from .text import clean, shorten
from .textual_compat import Options

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

    _pending_result: tuple[Any, ...] = ()
    _built = False

    @property
    def closed_before_built(self) -> bool:
        """Taken off the screen stack (with a dialog under it) before it was mounted: its
        mount handler has nothing to set up."""
        return self not in self.app.screen_stack

    def on_mount(self) -> None:
        # (Runs after the subclass's on_mount, which looks up its widgets.)
        if self.closed_before_built:
            return
        self._built = True
        # Every dialog's footer shows its own keys.
        self.mount(KeyBar(classes="dialog-footer"))
        self.call_after_refresh(self._type_early_keys)
        if self._pending_result:
            (result,) = self._pending_result
            self._pending_result = ()
            self.dismiss(result)

    # Keys typed in the same read as the key that opened the dialog ("a" then a note)
    # reach the dialog before its fields exist, or before one has focus: they are handed
    # to the first field in turn (tui/fields.py).
    TAKES_TEXT: ClassVar[bool] = False
    _early_keys: tuple[events.Key, ...] = ()

    # A picker: enter answers it. Keys typed after that enter in the same read ("f",
    # down, enter, "/" and a filter) are for the screen beneath: they reach the dialog
    # before its list has acted on the enter, so they are kept and handed on once it
    # has closed.
    ANSWERS_ON_ENTER: ClassVar[bool] = False
    _answer_typed = False
    _keys_after_answer: tuple[events.Key, ...] = ()

    def on_key(self, event: events.Key) -> None:
        if (self._answer_typed or self._result_given) and not seen_by_field(event):
            event.stop()
            event.prevent_default()
            self._keys_after_answer += (copy_key(event),)
            if self._result_given and len(self._keys_after_answer) == 1:
                self.app.call_later(self._hand_on_keys_after_answer)
            return
        if self.ANSWERS_ON_ENTER and event.key == "enter" and self.focused is not None:
            self._answer_typed = True
        if seen_by_field(event) or self.focused is not None:
            return
        if self.TAKES_TEXT and self.focus_chain:
            hand_to_field(self, event)
            return
        if event.key in ("escape", "ctrl+s"):
            return  # the dialog's own bindings act on these
        # Nothing has focus yet (the dialog is still being built): the key is for the
        # widget that will have it ("s", down, enter: the status list).
        event.stop()
        event.prevent_default()
        self._early_keys += (copy_key(event),)

    def on_descendant_focus(self) -> None:
        if self._early_keys:
            self.call_later(self._type_early_keys)

    def _type_early_keys(self) -> None:
        keys, self._early_keys = self._early_keys, ()
        target = self.focused
        if target is None and self.TAKES_TEXT:
            target = next(
                (w for w in self.focus_chain if isinstance(w, DialogInput | DialogTextArea)), None
            )
        if target is None:
            return  # nothing to type into: the keys are dropped, as before they had a home
        if self.ANSWERS_ON_ENTER:
            answer = next((i for i, key in enumerate(keys) if key.key == "enter"), None)
            if answer is not None:
                keys, self._keys_after_answer = keys[: answer + 1], keys[answer + 1 :]
        self.set_focus(target)
        for key in keys:
            target.post_message(key)

    def _hand_on_keys_after_answer(self) -> None:
        """The keys typed after the answer go to the app, as the terminal sent them: the
        screen now on top (and its focused widget) acts on them."""
        keys, self._keys_after_answer = self._keys_after_answer, ()
        for key in keys:
            self.app.post_message(copy_key(key))

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._result_given or self not in self.app.screen_stack:
            return AwaitComplete.nothing()
        if not self._built:
            # Answered before it was built (escape in the same read as the key that opened
            # it): closing now would leave its mount handler looking for its widgets, so
            # it closes once mounted (on_mount).
            self._pending_result = (result,)
            return AwaitComplete.nothing()
        self._result_given = True
        if self._keys_after_answer:
            self.app.call_later(self._hand_on_keys_after_answer)
        # Screens above (the palette) close first, now: Textual's pop_until_active closes
        # them later, by which time the pop below has taken the wrong screen.
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            above = self.app.screen
            if hasattr(above, "_result_given"):
                above._result_given = True  # closed with no result: a late close is ignored
            self.app.pop_screen()
        return super().dismiss(result)


def field_label(label: str) -> str:
    """A field's label as words for a sentence: "Said on (YYYY-MM-DD)" -> "Said on"."""
    return label.split(" (")[0]


def show_error(line: Static, message: str) -> None:
    """Show (or with an empty message, hide) an error line under a field."""
    line.update(Content(clean(message)))
    line.set_class(bool(message), "-shown")


class AnnotateScreen(Dialog[str | None]):
    """A focused editor for a note on a statement: ctrl+s saves, escape cancels."""

    TAKES_TEXT = True

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not priority: the editor acts on them in turn with typing (tui/fields.py).
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
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
            yield DialogTextArea(id="note", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="note-error", classes="field-error")
            yield Static(Content("ctrl+s save · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        if self.closed_before_built:
            return
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
        if self.query_one("#note", TextArea).text.strip():
            ask_to_discard(self, lambda: self.dismiss(None))
            return
        self.dismiss(None)


class StatusPicker(Dialog[Status | None]):
    """Choose a statement's status; the current one is highlighted."""

    ANSWERS_ON_ENTER = True

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: Status, title: str = "Set status") -> None:
        super().__init__()
        self.current = current
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog picker"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Options(
                *[Option(Content(status_label(s)), id=s.value) for s in Status], id="statuses"
            )
            yield Static(Content("enter choose · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        if self.closed_before_built:
            return
        options = self.query_one("#statuses", OptionList)
        options.highlighted = list(Status).index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Status(event.option.id or "unverified"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class StatusFilterPicker(Dialog[str | None]):
    """Show only the statements of one status, or of all: each with how many there are
    (in the whole store); the status in force is highlighted. Dismisses with a status
    value, ``ALL``, or None (cancelled)."""

    ALL = "all"
    ANSWERS_ON_ENTER = True
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: Status | None, counts: dict[str, int]) -> None:
        super().__init__()
        self.current = current
        self.counts = counts

    def compose(self) -> ComposeResult:
        total = sum(self.counts.get(s.value, 0) for s in Status)
        options = [Option(Content(f"all statuses ({total:,})"), id=self.ALL)]
        options += [
            Option(Content(f"{status_label(s)} ({self.counts.get(s.value, 0):,})"), id=s.value)
            for s in Status
        ]
        with Vertical(id="dialog", classes="dialog picker"):
            yield Static(Content("Show statements"), classes="dialog-title")
            yield Options(*options, id="status-filters")
            yield Static(Content("enter choose · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        if self.closed_before_built:
            return
        options = self.query_one("#status-filters", OptionList)
        options.highlighted = 0 if self.current is None else list(Status).index(self.current) + 1
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id or self.ALL)

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
        if self.closed_before_built:
            return
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


def ask_to_discard(screen: Dialog[Any], discard: Callable[[], Any]) -> None:
    """Escape on a dialog with changes: ask before throwing them away."""

    def answered(yes: bool | None) -> None:
        if yes:
            discard()

    screen.app.push_screen(
        ConfirmScreen(
            "Discard changes?",
            "What you typed here is not saved. Discard it? (n goes back to the form.)",
            yes="Discard",
        ),
        answered,
    )


class HelpScreen(Dialog[None]):
    """Every key, grouped: ``sections`` from the keys table (tui/keys.help_sections)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        # The app's help and quit keys close it too, remapped with them (the same ids).
        Binding("question_mark", "close", "Close", show=False, id="help"),
        Binding("q", "close", "Close", show=False, id="quit"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog", classes="dialog help"):
            yield Static(Content("briefing-tui keys"), classes="dialog-title")
            for title, keys in self.sections:
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
    """Export the current view: choose a format and a file (in a remembered folder)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self,
        scope: str,
        default_name: Callable[[str], str],
        *,
        folder: Path | None = None,
        notes: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.scope = scope
        self.default_name = default_name
        self.folder = folder or Path.cwd()
        self.notes = notes or {}  # a word about what a format leaves out, by format
        self._suggested = str(self.folder / default_name("md"))

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
            yield Static(Content(self.notes.get("md", "")), id="format-note")
            yield Label(Content("File"), classes="field-label")
            yield Input(value=self._suggested, id="field-path")
            yield Static("", id="error-path", classes="field-error")
            yield Static(Content("ctrl+s export · escape cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        if self.closed_before_built:
            return
        self.query_one("#field-format", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        fmt = str(event.value)
        self.query_one("#format-note", Static).update(Content(self.notes.get(fmt, "")))
        # Follow the format with the suggested name unless the analyst typed their own.
        path = self.query_one("#field-path", Input)
        if path.value == self._suggested and isinstance(event.value, str):
            self._suggested = str(self.folder / self.default_name(event.value))
            path.value = self._suggested

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def target(self) -> Path | None:
        """The file to write: a bare name or relative path lands in the export folder."""
        text = self.query_one("#field-path", Input).value.strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.is_absolute() else self.folder / path

    def action_export(self) -> None:
        target = self.target()
        if target is None:
            show_error(self.query_one("#error-path", Static), "Give a file name to write to.")
            return
        request = ExportRequest(str(self.query_one("#field-format", Select).value), str(target))
        if not target.exists():
            self.dismiss(request)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(request)

        self.app.push_screen(
            ConfirmScreen(
                "Replace the file?",
                f"{clean(str(target), one_line=True)} already exists. Replace it with this "
                "export? (n goes back to choose another name.)",
                yes="Replace",
            ),
            answered,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


# The forms live in tui/forms.py; their names stay importable from here (looked up on
# first use: tui.forms itself imports this module).
_FORM_NAMES = frozenset(
    "KIND_OPTIONS STATUS_OPTIONS ActorPicker Field FormScreen PickerOptions actor_fields "
    "rebuttal_fields statement_fields".split()
)


def __getattr__(name: str) -> Any:
    if name in _FORM_NAMES:
        from . import forms

        return getattr(forms, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
