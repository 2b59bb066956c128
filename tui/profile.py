"""The actor profile and scorecard, shown by the detail pane while the actors pane has focus.

An actor's kind, role, affiliation, aliases and notes, then their scorecard: statements
by status (a bar whose every status has its own fill character, and a legend with each
status's symbol, word and count, so colour is never the only signal), how many of their
claims were rebutted and by whom, the rebuttals they issued and against whom, and the
first and last dated statement. "All actors" shows the same for the whole store.

One actor's scorecard takes milliseconds; the whole store's reads everything (about
0.25 s at 100,000 statements), so it is computed in a worker thread and the pane says
"Counting…" until it is ready (then it is remembered in the app's ``ViewCache``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from store import Briefing, Status, StoreError
from store.views import BAR_FILLS, Counterpart, Scorecard

from .collector import quiet_gc
from .panes import STATUS_WIDTH, status_label
from .text import clean, plural

if TYPE_CHECKING:
    from .detail import StatementDetail

BAR_WIDTH = 30
MAX_NAMES = 8  # counterparts listed by name; the rest are counted
LABEL = 12  # width of the labels column

Section = tuple[str, str, Content]


def actor_in_focus(detail: StatementDetail) -> tuple[bool, int | None]:
    """(whether the actors pane has focus, the actor highlighted there: None for all)."""
    app: Any = detail.app
    focused = app.focused if app.screen_stack else None
    if focused is None or focused.id not in ("actors", "actors-filter"):
        return False, None
    return True, app.actors.current_actor_id


class CardMemo:
    """The whole-store scorecard by store revision, computed off the key path."""

    def __init__(self) -> None:
        self.card: Scorecard | None = None
        self.revision: Any = None
        self.busy_for: Any = None


def profile_sections(
    detail: StatementDetail, briefing: Briefing, actor_id: int | None
) -> list[Section]:
    """(name, heading, content) of the profile and scorecard of ``actor_id`` (None: all)."""
    card = _card(detail, briefing, actor_id)
    if actor_id is not None and card is None:
        detail.border_title = "Actor"
        return [("detail-head", "", Content("This actor is gone."))]
    head = _head(detail, briefing, actor_id)
    if card is None:
        counting = Content.assemble(detail.part("Counting…", "detail--muted"))
        return [*head, ("profile-scorecard", "Scorecard", counting)]
    return [*head, ("profile-scorecard", "Scorecard", _scorecard(detail, card))]


def _card(detail: StatementDetail, briefing: Briefing, actor_id: int | None) -> Scorecard | None:
    from .timeline import view_cache

    cache = view_cache(detail.app)
    if actor_id is not None:
        try:
            return cache.scorecard(actor_id)
        except StoreError:
            return None
    memo: CardMemo = detail.card_memo
    revision = briefing.revision
    if memo.card is not None and memo.revision == revision:
        return memo.card
    if memo.busy_for != revision:
        memo.busy_for = revision

        def count() -> None:
            with quiet_gc(briefing):
                card = cache.scorecard(None)
            memo.card, memo.revision = card, revision
            detail.app.call_from_thread(detail.redraw_profile)

        detail.run_worker(count, thread=True, exclusive=True, group="scorecard")
    return None


def _head(detail: StatementDetail, briefing: Briefing, actor_id: int | None) -> list[Section]:
    part = detail.part
    if actor_id is None:
        detail.border_title = "All actors"
        counts = briefing.counts()
        text = (
            f"Everyone in the store: {plural(counts['actors'], 'actor')}, "
            f"{plural(counts['statements'], 'statement')}, "
            f"{plural(counts['rebuttals'], 'rebuttal')}."
        )
        return [
            ("detail-head", "", Content.assemble(part("All actors", "detail--strong"))),
            ("profile-about", "", Content.assemble(part(text, "detail--muted"))),
        ]
    actor = briefing.actor(actor_id)
    detail.border_title = f"Actor #{actor_id}"
    name = clean(actor.name, one_line=True)
    kind = actor.kind.value if hasattr(actor.kind, "value") else str(actor.kind)
    rows = [
        ("Kind", kind),
        ("Role", clean(actor.role, one_line=True) or "—"),
        ("Affiliation", clean(actor.affiliation, one_line=True) or "—"),
        ("Aliases", ", ".join(clean(a, one_line=True) for a in actor.aliases) or "—"),
        ("Notes", clean(actor.notes) or "—"),
    ]
    parts: list[Any] = []
    for label, value in rows:
        parts += [part(f"{label:<{LABEL}}", "detail--muted"), value, "\n"]
    return [
        ("detail-head", "", Content.assemble(part(name, "detail--strong"))),
        ("profile-about", "", Content.assemble(*parts[:-1])),
    ]


def _names(people: tuple[Counterpart, ...]) -> str:
    shown = [f"{clean(p.name, one_line=True)} ({p.count:,})" for p in people[:MAX_NAMES]]
    rest = len(people) - len(shown)
    if rest > 0:
        shown.append(f"and {plural(rest, 'other')}")
    return ", ".join(shown)


def _scorecard(detail: StatementDetail, card: Scorecard) -> Content:
    part = detail.part
    # The bar and legend under the values; in a narrow pane, from the left edge.
    indent = LABEL if detail.text_width >= LABEL + STATUS_WIDTH + 10 else 0
    parts: list[Any] = [part(f"{'Statements':<{LABEL}}", "detail--muted"), f"{card.statements:,}"]
    if card.undated:
        parts.append(part(f" ({card.undated:,} undated)", "detail--muted"))
    parts.append("\n")
    if card.statements:
        parts.append(" " * indent)
        width = max(5, min(BAR_WIDTH, detail.text_width - indent - 1))
        for segment in card.bar(width):
            if segment.cells:
                fill = BAR_FILLS[segment.status] * segment.cells
                parts.append(part(fill, f"status--{segment.status.value}"))
        parts.append("\n")
    width = max(len(f"{n:,}") for _, n in card.by_status)
    for status, count in card.by_status:
        parts += [
            " " * indent,
            # (the gap in the label's part: a run of text opening with a space loses it
            # in an SVG screenshot)
            part(f"{BAR_FILLS[status]} {status_label(status):<{STATUS_WIDTH}} ", _style(status)),
            f"{count:>{width},}\n",
        ]
    rebutted = (
        f"{card.claims_rebutted:,} of {plural(card.statements, 'claim')}, "
        f"{plural(card.rebuttals_received, 'rebuttal')}"
    )
    if card.rebutted_by:
        rebutted += f": by {_names(card.rebutted_by)}"
    issued = plural(card.rebuttals_issued, "rebuttal")
    if card.issued_against:
        issued += f": against {_names(card.issued_against)}"
    first = card.first_said.isoformat() if card.first_said else "—"
    last = card.last_said.isoformat() if card.last_said else "—"
    for label, value in (
        ("Rebutted", rebutted),
        ("Rebuts", issued),
        ("First said", first),
        ("Last said", last),
    ):
        parts += [part(f"{label:<{LABEL}}", "detail--muted"), value, "\n"]
    return Content.assemble(*parts[:-1])


def _style(status: Status) -> str:
    return f"status--{status.value}"
