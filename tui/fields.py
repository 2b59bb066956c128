"""Text fields for dialogs that take a burst of keys in the order they were typed.

A terminal hands over several keys in one read. Textual queues them all on the widget
that had focus, and a key a field does not type (tab, enter, ctrl+s) travels up to the
screen as a new message, behind the letters typed after it: "Kell", enter, "No deal"
put "No deal" into the actor search. These fields act on those keys themselves, in
turn, and pass on any key they receive after focus has moved on.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, TextArea

from .textual_compat import KeysFirst

# Keys a dialog field hands to its dialog, in order: key -> the dialog's method name.
MOVES = {"tab": "action_next_field", "shift+tab": "action_previous_field"}
DIALOG_KEYS = {"ctrl+s": "action_save", "escape": "action_cancel"}


def handle_in_order(field: Input | TextArea, event: events.Key) -> bool:
    """Act on ``event`` now if it is a dialog's key or belongs to another field; True if
    it was handled here (then the field must not handle it)."""
    event.__dict__["_seen_by_field"] = True  # the dialog does not hand it back (bubbling)
    screen = field.screen
    focused = screen.focused
    if focused is not None and focused is not field:
        # Focus moved on while this key waited here: it was typed for the new field.
        _stop(event)
        focused.post_message(copy_key(event))
        return True
    name = MOVES.get(event.key) or DIALOG_KEYS.get(event.key)
    if event.key == "enter" and isinstance(field, Input):
        name = "action_enter_next_field"
    method = getattr(screen, name, None) if name else None
    if method is None:
        return False
    _stop(event)
    method()
    return True


def copy_key(event: events.Key) -> events.Key:
    return events.Key(event.key, event.character)


def seen_by_field(event: events.Key) -> bool:
    return bool(event.__dict__.get("_seen_by_field"))


def _stop(event: events.Key) -> None:
    event.stop()
    event.prevent_default()


class DialogInput(KeysFirst, Input):
    """A one-line dialog field: enter moves to the next field, in turn with typing."""

    def handle_key_first(self, event: events.Key) -> bool:
        return handle_in_order(self, event)


class DialogTextArea(KeysFirst, TextArea):
    """A many-line dialog field: tab moves on, in turn with typing."""

    def handle_key_first(self, event: events.Key) -> bool:
        return handle_in_order(self, event)


def hand_to_field(screen: Any, event: events.Key) -> bool:
    """For a dialog: a key sent to the dialog itself (before any field had focus, or
    queued there) goes to its focused field, or its first one, in turn."""
    if seen_by_field(event):
        return False  # it came up from a field, which has dealt with it
    target = screen.focused
    if target is None:
        target = next(
            (w for w in screen.focus_chain if isinstance(w, DialogInput | DialogTextArea)), None
        )
        if target is None:
            return False
        screen.set_focus(target)
    if not isinstance(target, DialogInput | DialogTextArea):
        return False
    _stop(event)
    target.post_message(copy_key(event))
    return True
