"""Command palette: jump to any actor or statement by name, and run every action."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .keys import BY_ACTION, palette_actions
from .text import clean, shorten
from .textual_compat import Palette

__all__ = ["ACTIONS", "BriefingCommands", "Palette"]

if TYPE_CHECKING:
    from .app import BriefingApp

# (label, action, help) for every command the palette offers: from the keys table.
ACTIONS: list[tuple[str, str, str]] = palette_actions()

MAX_RECORD_HITS = 40


class BriefingCommands(Provider):
    """Actors and statements by name, plus every action."""

    @property
    def briefing_app(self) -> BriefingApp:
        return self.app  # type: ignore[return-value]

    def _run_action(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    def _available(self, action: str) -> bool:
        name = action.split("(")[0]
        if not hasattr(self.app, f"action_{name}"):
            return False
        return self.briefing_app.can_run(name, self.focused)

    def _with_key(self, action: str, help_text: str) -> str:
        """The help line with the command's key (the user's, if remapped): "… · key d"."""
        key = BY_ACTION[action.split("(")[0]]
        return f"{help_text} · key {self.briefing_app.key_for(key.id)}"

    async def discover(self) -> Hits:
        for label, action, help_text in ACTIONS:
            if self._available(action):
                yield DiscoveryHit(
                    label, partial(self._run_action, action), help=self._with_key(action, help_text)
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, help_text in ACTIONS:
            if not self._available(action):
                continue
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(self._run_action, action),
                    help=self._with_key(action, help_text),
                )
        app = self.briefing_app
        briefing = app.briefing
        needle = query.strip()
        if not needle:
            return
        for actor_id in briefing.actor_ids(needle)[:MAX_RECORD_HITS]:
            name = clean(briefing.actor_name(actor_id), one_line=True)
            text = f"Actor: {name}"
            score = max(matcher.match(text), 0.5)
            yield Hit(
                score,
                Content(text),
                partial(app.jump_to_actor, actor_id),
                help="Jump to this actor",
            )
        for statement_id in briefing.statement_ids(text=needle)[:MAX_RECORD_HITS]:
            doc: Any = briefing.statement_doc(statement_id) or {}
            who = clean(briefing.actor_name(doc.get("actor_id", 0)), one_line=True)
            text = f"Statement: {shorten(doc.get('text', ''), 70)}"
            score = max(matcher.match(text), 0.4)
            # User text goes in the prompt (literal Content); the palette parses help as markup.
            yield Hit(
                score,
                Content(f"{text}\n  by {who}"),
                partial(app.jump_to_statement, statement_id),
                help="Jump to this statement",
            )
