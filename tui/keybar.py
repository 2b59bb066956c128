"""The footer: the keys that apply where the focus is, on one line, never cut mid-word.

Textual's Footer lays its keys out as widgets in a row: when they do not fit, the row is
cut mid-word and a narrower redraw leaves letters behind. This bar renders one line,
drops whole keys that do not fit (``?`` lists every key), and reads the bindings of the
screen it is on, so inside a dialog it shows the dialog's own keys.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

from .keys import KEYS, keys_of

# Kept at the right end whatever the width: where to find the rest.
ALWAYS = ("help", "quit_app")
ORDER = {key.action: index for index, key in enumerate(KEYS)}


class KeyBar(Widget, can_focus=False):
    """One line of "key description" items for the screen this bar is on."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}

    def __init__(self, *, palette: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.palette = palette  # show "^p palette" at the right end
        self._items: tuple[tuple[str, str, str], ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Once the screen's other widgets are mounted (the app's checks look at them).
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Any) -> None:
        items = self._collect()
        if items != self._items:
            self._items = items
            self.refresh()

    @property
    def items(self) -> tuple[tuple[str, str, str], ...]:
        """(key as shown, description, action) of every key the bar would show."""
        return self._items

    def _collect(self) -> tuple[tuple[str, str, str], ...]:
        if not self.is_attached or not self.app.screen_stack:
            return ()
        items: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append((self.app.get_key_display(binding), binding.description, binding.action))
        # The keys table's order, also for a key a user remapped (Textual moves it last).
        items.sort(key=lambda item: ORDER.get(item[2], len(ORDER)))
        return tuple(items)

    def render(self) -> Content:
        return self.line(self.size.width)

    def line(self, width: int) -> Content:
        """The bar at ``width`` cells: as many whole items as fit."""
        key_style = self.get_visual_style("keybar--key", partial=True)
        text_style = self.get_visual_style("keybar--description", partial=True)

        def item(key: str, description: str) -> list[tuple[str, Any]]:
            return [(f" {key}", key_style), (f" {description}", text_style)]

        right: list[tuple[str, Any]] = []
        left_items = []
        for key, description, action in self._items:
            if action in ALWAYS:
                right += item(key, description)
            else:
                left_items.append((key, description))
        if self.palette and self.app.ENABLE_COMMAND_PALETTE:
            key = keys_of("palette", getattr(self.app, "user_keys", None))[0]
            shown = self.app.get_key_display(Binding(key, "command_palette"))
            right += [(" │", text_style), *item(shown, "palette")]
        room = width - sum(cell_len(text) for text, _ in right) - 1
        left: list[tuple[str, Any]] = []
        for key, description in left_items:
            parts = item(key, description)
            size = sum(cell_len(text) for text, _ in parts)
            if size > room:
                break  # whole keys only: "?" lists the rest
            left += parts
            room -= size
        if room < 0:  # not even the fixed part fits: show what fits, whole
            right = right[: max(0, len(right) // 2 - 1) * 2]
            room = 0
        return Content.assemble(*left, " " * (room + 1), *right)
