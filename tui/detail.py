"""The statement detail pane: everything about the selected statement."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any, ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from store import Briefing, HistoryEntry, Status

from .keys import say
from .panes import status_label
from .profile import CardMemo, actor_in_focus, profile_sections
from .text import clean, match_spans
from .textual_compat import set_scroll_size


class StatementDetail(ScrollView, can_focus=True):
    """Everything about the selected statement: text, source, status, notes, history.

    Like the lists, a Line API ``ScrollView``: the text is wrapped once per statement and
    width, and only the visible lines are drawn. Showing another statement changes no
    widget's size, so a cursor move costs no layout of the screen (a pane of auto-height
    blocks cost two full layouts per key). Styles for the parts come from the .tcss.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--muted",
        "detail--strong",
        "detail--text",
        "detail--heading",
        "detail--match",
        "status--unverified",
        "status--disputed",
        "status--confirmed",
        "status--false",
        "status--retracted",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The named parts (head, text, meta, annotations, rebuttals, history) as shown.
        self.sections: dict[str, Content] = {}
        self._content = Content("")
        self._strips: list[Strip] = []
        self._wrapped_for: tuple[int, int] = (-1, -1)  # (version, width) of _strips
        self._version = 0
        self._shown: tuple[Briefing, int | None, Any] | None = None  # and the store revision
        self._styles_seen: tuple[Any, ...] = ()
        self._shown_width = 0
        self.card_memo = CardMemo()  # the whole store's scorecard (tui/profile.py)
        # The statements filter's text: its matches are marked in the text, the notes and
        # the rebuttals (set by the app before ``show``).
        self.highlight = ""

    @property
    def plain(self) -> str:
        """The whole pane as plain text, unwrapped."""
        return self._content.plain

    def part(self, text: str, component: str) -> tuple[str, Any]:
        return (text, self.get_visual_style(component, partial=True))

    def marked(self, text: str, component: str = "") -> Content:
        """User text (already cleaned; plain Content, never markup), the filter's
        matches in it marked."""
        content = Content.assemble(self.part(text, component)) if component else Content(text)
        spans = match_spans(text, self.highlight) if self.highlight else []
        if spans:
            # (not partial: a partial style leaves out the background that marks it)
            match = self.get_visual_style("detail--match")
            for start, end in spans:
                content = content.stylize(match, start, end)
        return content

    def show(self, briefing: Briefing, statement_id: int | None, *, force: bool = False) -> None:
        """Show the statement; with the actors pane focused, the highlighted actor instead
        (profile and scorecard, tui/profile.py)."""
        on_actors, actor_id = actor_in_focus(self)
        key: Any = ("actor", actor_id) if on_actors else statement_id
        shown = (briefing, key, briefing.revision, None if on_actors else self.highlight)
        if shown == self._shown_as and not force:
            return  # the same statement, and nothing changed since it was drawn
        scroll_home = self._shown is None or self._shown[1] != key
        self._shown = (briefing, statement_id, briefing.revision)
        self._shown_key = key
        self._shown_as = shown
        self._shown_width = self._text_width
        if on_actors:
            sections = profile_sections(self, briefing, actor_id)
        else:
            sections = self._sections(briefing, statement_id)
        self.sections = {name: content for name, _, content in sections}
        blocks: list[Content] = []
        for _, heading, content in sections:
            if heading:
                blocks.append(Content.assemble(self.part(heading, "detail--heading")))
            blocks.append(content)
            blocks.append(Content(""))
        self._content = Content("\n").join(blocks[:-1])
        self._version += 1
        self._wrap()
        if scroll_home:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def redraw_profile(self) -> None:
        """The whole-store scorecard is ready: show it if "All actors" is still shown."""
        if self._shown is not None and self._shown_key == ("actor", None):
            briefing, statement_id, _ = self._shown
            self.show(briefing, statement_id, force=True)

    _shown_key: Any = None
    _shown_as: Any = None

    def _sections(
        self, briefing: Briefing, statement_id: int | None
    ) -> list[tuple[str, str, Content]]:
        """(name, heading, content) of each part of the pane, in order."""
        doc = briefing.statement_doc(statement_id) if statement_id is not None else None
        if doc is None:
            self.border_title = "Detail"
            return [("detail-head", "", Content("No statement selected."))]
        status = Status(doc.get("status", "unverified"))
        keys = getattr(self.app, "user_keys", None)  # the hints name the user's keys
        actor_doc = briefing.actor_doc(doc["actor_id"]) or {}
        actor = clean(actor_doc.get("name", "?"), one_line=True)
        role = clean(actor_doc.get("role", ""), one_line=True)
        self.border_title = f"Statement #{statement_id}"
        head = Content.assemble(
            self.part(f" {status_label(status)} ", f"status--{status.value}"),
            "  ",
            self.marked(actor, "detail--strong"),
            self.part(f" · {role}" if role else "", "detail--muted"),
        )
        text = self.marked(clean(doc["text"]), "detail--text")
        rows = [
            ("Said on", doc.get("said_on") or "unknown"),
            ("Source", clean(doc.get("source", ""), one_line=True) or "—"),
            ("URL", _fold_url(clean(doc.get("url", ""), one_line=True), self._text_width - 9)),
            ("Tags", ", ".join(clean(t, one_line=True) for t in doc.get("tags", [])) or "—"),
        ]
        parts: list[Any] = []
        for label, value in rows:
            parts += [self.part(f"{label:<8} ", "detail--muted"), value, "\n"]
        meta = Content.assemble(*parts[:-1])
        annotations = doc.get("annotations", [])
        if annotations:
            parts = []
            for note in annotations:
                parts += [
                    self.part(f"{local_time(note.get('at', ''))}  ", "detail--muted"),
                    self.marked(clean(note.get("text", ""))),
                    "\n",
                ]
            notes = Content.assemble(*parts[:-1])
        else:
            notes = Content.assemble(
                self.part(say("None yet: press {annotate} to annotate.", keys), "detail--muted")
            )
        items = briefing.rebuttals(statement_id=statement_id)
        if items:
            parts = []
            for item in items:
                who = clean(briefing.actor_name(item.actor_id), one_line=True)
                when = f" ({item.said_on.isoformat()})" if item.said_on else ""
                parts += [
                    self.part(f"↩ {who}{when}: ", "detail--strong"),
                    self.marked(clean(item.text)),
                ]
                if item.source:
                    parts.append(
                        self.part(f"  — {clean(item.source, one_line=True)}", "detail--muted")
                    )
                parts.append("\n")
            rebuttals = Content.assemble(*parts[:-1])
        else:
            rebuttals = Content.assemble(
                self.part(say("None: press {rebut} to add one.", keys), "detail--muted")
            )
        entries = briefing.history("statements", statement_id, limit=20)
        history = Content.assemble(*_history_parts(self, entries))
        return [
            ("detail-head", "", head),
            ("detail-text", "", text),
            ("detail-meta", "", meta),
            ("detail-annotations", f"Annotations ({len(annotations)})", notes),
            ("detail-rebuttals", f"Rebuttals ({len(items)})", rebuttals),
            ("detail-history", f"History ({len(entries)})", history),
        ]

    # -- rendering ------------------------------------------------------------------

    def _wrap(self) -> None:
        """Wrap the content to the pane's width (once per statement and width)."""
        width = self.scrollable_content_region.width
        if width <= 0 or self._wrapped_for == (self._version, width):
            return
        self._wrapped_for = (self._version, width)
        self._strips = Visual.to_strips(
            self, self._content, width, None, self.visual_style, pad=True
        )
        set_scroll_size(self, Size(width, len(self._strips)))

    @property
    def text_width(self) -> int:
        return self._text_width

    @property
    def _text_width(self) -> int:
        return self.scrollable_content_region.width or 80

    def on_resize(self) -> None:
        # The URL is folded for a width: a new width folds it anew.
        if self._shown is not None and self._text_width != self._shown_width:
            briefing, statement_id, _ = self._shown
            self.show(briefing, statement_id, force=True)
        else:
            self._wrap()

    def notify_style_update(self) -> None:
        # A new theme (or any change of the .tcss styles) re-renders the parts.
        super().notify_style_update()
        if self._shown is None:
            return  # not showing anything yet (the styles are still being set up)
        # The pane's own colours count too: a new theme may change only the background.
        seen = (
            self.visual_style,
            *(self.get_visual_style(name, partial=True) for name in sorted(self.COMPONENT_CLASSES)),
        )
        if seen != self._styles_seen:
            self._styles_seen = seen
            briefing, statement_id, _ = self._shown
            self.call_later(partial(self.show, briefing, statement_id, force=True))

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        if index < len(self._strips):
            return self._strips[index]
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)


def _history_parts(section: StatementDetail, entries: list[HistoryEntry]) -> list[Any]:
    parts: list[Any] = []
    for entry in entries:
        parts += [
            section.part(f"{local_time(entry.at)}  ", "detail--muted"),
            clean(entry.describe(), one_line=True),
            "\n",
        ]
    return parts[:-1]


def local_time(value: datetime | str) -> str:
    """A stored UTC time as the analyst's local time, to the minute."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value[:16].replace("T", " ")
    if value.tzinfo is None:
        return value.strftime("%Y-%m-%d %H:%M")
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


_URL_BREAKS = "/?&=#-_."


def _fold_url(url: str, width: int) -> str:
    """A URL on lines of at most ``width`` cells, broken after / ? & and the like rather
    than mid-word (a part longer than a line is cut where it must be)."""
    if not url:
        return "—"
    if width < 10 or len(url) <= width:
        return url
    lines: list[str] = []
    line = ""
    part = ""
    for char in url:
        part += char
        if char in _URL_BREAKS:
            if len(line) + len(part) > width and line:
                lines.append(line)
                line = ""
            line += part
            part = ""
    if len(line) + len(part) > width and line:
        lines.append(line)
        line = ""
    line += part
    while len(line) > width:
        lines.append(line[:width])
        line = line[width:]
    lines.append(line)
    return ("\n" + " " * 9).join(lines)
