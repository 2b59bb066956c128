"""The analysis views as text: who rebuts whom as Mermaid and Graphviz DOT, and the
Markdown pieces of a briefing (a scorecard table, the Mermaid graph in a fence).

Actor names are user text and may hold anything (quotes, brackets, pipes, backticks,
newlines, markup, control characters, HTML): every format below escapes them so that a
name can never change the structure of the output. Node ids are ``n<actor id>``.

    from store.views import dispute_map, scorecard
    from store.graph_export import to_mermaid, to_dot, scorecard_markdown
    text = to_dot(dispute_map(briefing))

Pure Python, no textual or rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .briefing import Briefing
from .clean import md_cell, one_line
from .models import Status
from .views import Counterpart, DisputeEdge, DisputeMap, Scorecard, dispute_map

MERMAID_MAX_EDGES = 100
"""Edges drawn in a Mermaid graph by default: Mermaid refuses more than 500, and a
graph of a few hundred is unreadable anyway. The heaviest pairs are kept."""

MERMAID_MAX_CHARS = 45_000
"""A Mermaid graph is kept under this many characters (Mermaid's own limit is 50,000)."""

LABEL_MAX = 80
"""Longer actor names are cut (with an ellipsis) in graph labels."""


def _label(name: str, actor_id: int) -> str:
    return one_line(name, LABEL_MAX) or f"actor {actor_id}"


# -- which edges ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GraphSelection:
    """The edges a graph draws and the actors they touch (in first-seen order)."""

    edges: tuple[DisputeEdge, ...]
    nodes: tuple[tuple[int, str], ...]  # (actor id, name)
    left_out: int  # edges not drawn
    left_out_rebuttals: int  # rebuttals on those edges


def select_edges(disputes: DisputeMap, max_edges: int | None = None) -> GraphSelection:
    """The ``max_edges`` heaviest edges (all when None) and their actors."""
    edges = disputes.edges if max_edges is None else disputes.edges[: max(0, max_edges)]
    nodes: dict[int, str] = {}
    for e in edges:
        nodes.setdefault(e.rebutter_id, e.rebutter_name)
        nodes.setdefault(e.rebutted_id, e.rebutted_name)
    rest = disputes.edges[len(edges) :]
    return GraphSelection(
        edges=edges,
        nodes=tuple(nodes.items()),
        left_out=len(rest),
        left_out_rebuttals=sum(e.rebuttals for e in rest),
    )


# -- Mermaid ----------------------------------------------------------------------------

# Characters left as they are in a Mermaid label; everything else becomes an entity code
# (#<decimal>;), which Mermaid shows as the character itself. Letters and digits of any
# script stay readable.
_MERMAID_KEEP = frozenset(" .,'-_")


def mermaid_label(name: str, actor_id: int = 0) -> str:
    """An actor name for inside a quoted Mermaid label: no quote, bracket, pipe,
    backtick, angle bracket, ``#``, ``;`` or newline survives unescaped."""
    text = _label(name, actor_id)
    return "".join(ch if ch.isalnum() or ch in _MERMAID_KEEP else f"#{ord(ch)};" for ch in text)


def _mermaid(
    disputes: DisputeMap, max_edges: int | None, max_chars: int | None
) -> tuple[str, GraphSelection]:
    limit = max_edges
    while True:
        chosen = select_edges(disputes, limit)
        lines = [
            "flowchart LR",
            "    %% Who rebuts whom: arrow from the rebutter to the actor rebutted; "
            "the number is how many rebuttals",
        ]
        if chosen.left_out:
            lines.append(
                f"    %% {chosen.left_out} lighter pairs ({chosen.left_out_rebuttals} "
                "rebuttals) left out"
            )
        for actor_id, name in chosen.nodes:
            lines.append(f'    n{actor_id}["{mermaid_label(name, actor_id)}"]')
        for e in chosen.edges:
            lines.append(f"    n{e.rebutter_id} -->|{e.rebuttals}| n{e.rebutted_id}")
        text = "\n".join(lines) + "\n"
        if max_chars is None or len(text) <= max_chars or len(chosen.edges) <= 1:
            return text, chosen
        # Too long for Mermaid to draw (long or heavily escaped names): fewer edges.
        limit = len(chosen.edges) * 4 // 5


def to_mermaid(
    disputes: DisputeMap,
    *,
    max_edges: int | None = MERMAID_MAX_EDGES,
    max_chars: int | None = MERMAID_MAX_CHARS,
) -> str:
    """Who rebuts whom as a Mermaid flowchart: an arrow from the rebutter to the actor
    rebutted, labelled with the number of rebuttals.

    Keeps the ``max_edges`` heaviest edges (None: all), and fewer if the text would be
    longer than ``max_chars`` (Mermaid refuses a diagram over 50,000 characters); a
    comment says how many were left out.
    """
    return _mermaid(disputes, max_edges, max_chars)[0]


def mermaid_markdown(
    disputes: DisputeMap,
    *,
    max_edges: int | None = MERMAID_MAX_EDGES,
    max_chars: int | None = MERMAID_MAX_CHARS,
) -> list[str]:
    """Lines for a Markdown briefing: the graph in a ```mermaid fence (GitHub and most
    Markdown viewers draw it), and a sentence when pairs were left out. No heading."""
    if not disputes.edges:
        return ["No rebuttals in this selection, so no one rebuts anyone yet.", ""]
    text, chosen = _mermaid(disputes, max_edges, max_chars)
    out = ["```mermaid", *text.splitlines(), "```", ""]
    if chosen.left_out:
        out += [
            f"The graph shows the {len(chosen.edges)} pairs with the most rebuttals; "
            f"{chosen.left_out} more ({chosen.left_out_rebuttals} rebuttals) are left out.",
            "",
        ]
    return out


# -- Graphviz DOT -----------------------------------------------------------------------


def dot_string(text: str) -> str:
    """A double-quoted DOT string that shows ``text`` literally.

    Backslashes are doubled (Graphviz reads ``\\N``, ``\\n``, ``\\l`` ... in labels),
    quotes escaped, ``&`` written as ``&amp;`` (Graphviz decodes HTML entities in
    labels), control characters and newlines turned into spaces.
    """
    text = one_line(text, limit=None)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{text}"'


def to_dot(
    disputes: DisputeMap, *, max_edges: int | None = None, title: str = "Who rebuts whom"
) -> str:
    """Who rebuts whom as a Graphviz ``digraph``: the same content as ``to_mermaid``,
    every id and string quoted. Render it with ``dot -Tsvg disputes.dot -o disputes.svg``."""
    chosen = select_edges(disputes, max_edges)
    lines = [
        "digraph disputes {",
        f'  graph [rankdir=LR, labelloc=t, fontname="Helvetica", label={dot_string(title)}];',
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica"];',
    ]
    if chosen.left_out:
        lines.append(
            f"  // {chosen.left_out} lighter pairs ({chosen.left_out_rebuttals} rebuttals) left out"
        )
    for actor_id, name in chosen.nodes:
        lines.append(f'  "n{actor_id}" [label={dot_string(_label(name, actor_id))}];')
    if not chosen.edges:
        lines.append("  // no rebuttals in this selection")
    for e in chosen.edges:
        width = min(1.0 + (e.rebuttals - 1) * 0.5, 6.0)
        lines.append(
            f'  "n{e.rebutter_id}" -> "n{e.rebutted_id}" '
            f'[label="{e.rebuttals}", penwidth={width:.1f}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_export(briefing: Briefing, statement_ids: Iterable[int] | None = None) -> str:
    """``export --format dot``: the dispute map of the store (or of the rebuttals of
    ``statement_ids``, an export's selection) as DOT."""
    return to_dot(dispute_map(briefing, statement_ids))


# -- Markdown pieces ----------------------------------------------------------------------


def _status_label(status: Status) -> str:
    return status.label


def _who(counterparts: Sequence[Counterpart], most: int = 5) -> str:
    parts = [f"{md_cell(c.name, LABEL_MAX)} ({c.count})" for c in counterparts[:most]]
    more = len(counterparts) - most
    if more > 0:
        parts.append(f"and {more} more")
    return ", ".join(parts)


def scorecard_markdown(
    card: Scorecard,
    *,
    label: Callable[[Status], str] = _status_label,
    order: Sequence[Status] | None = None,
) -> list[str]:
    """A scorecard as a two-column Markdown table (statements by status, rebuttals
    either way, first and last dated statement), then a blank line. ``label`` names a
    status and ``order`` orders them (default: ``Status.label``, symbol and word, in
    Status order; the briefing passes its disputed-first order)."""
    counts = dict(card.by_status)
    out = ["| Scorecard | |", "|---|---|"]
    out += [f"| {label(status)} | {counts.get(status, 0)} |" for status in order or Status]
    out.append(f"| Statements | {card.statements} |")
    rebutted = f"{card.claims_rebutted} of {card.statements}"
    out.append(f"| Claims rebutted | {rebutted} |")
    received = str(card.rebuttals_received)
    if card.rebutted_by:
        received += f" — by {_who(card.rebutted_by)}"
    out.append(f"| Rebuttals received | {received} |")
    issued = str(card.rebuttals_issued)
    if card.issued_against:
        issued += f" — against {_who(card.issued_against)}"
    out.append(f"| Rebuttals issued | {issued} |")
    first = card.first_said.isoformat() if card.first_said else "none"
    last = card.last_said.isoformat() if card.last_said else "none"
    out.append(f"| First dated statement | {first} |")
    out.append(f"| Last dated statement | {last} |")
    if card.undated:
        out.append(f"| Undated statements | {card.undated} |")
    out.append("")
    return out
