"""The Markdown briefing; user text escaped so it cannot change the document's structure."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..briefing import Briefing
from ..clean import clean_text, md_escape
from ..graph_export import mermaid_markdown, scorecard_markdown
from ..models import Actor, Statement, Status
from ..views import dispute_map, scorecards
from .common import STATUS_ORDER, _plural, status_label
from .selection import _View


def _markdown(briefing: Briefing, view: _View, *, title: str | None, now: datetime) -> str:
    out: list[str] = []
    heading = md_escape(title, heading=True) if title and title.strip() else "Briefing"
    out.append(f"# {heading}")
    out.append("")
    statements = view.statements
    n_reb = sum(len(v) for v in view.rebuttals.values())
    speakers = {s.actor_id for s in statements}
    out.append(
        f"Exported {now.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC · "
        f"{_plural(len(statements), 'statement')} by {_plural(len(speakers), 'actor')} · "
        f"{_plural(n_reb, 'rebuttal')}  "
    )
    out.append(
        "Selection: " + md_escape(view.selection.describe())
        if not view.selection.empty
        else "Selection: the whole store"
    )
    out.append("")

    # Summary: counts by status, the most disputed actors.
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for st in statements:
        counts[st.status] += 1
    out += ["## Summary", "", "| Status | Statements |", "|---|---:|"]
    out += [f"| {status_label(s)} | {counts[s]} |" for s in STATUS_ORDER]
    out.append("")

    contested: dict[int, int] = {}
    rebutted: dict[int, int] = {}
    for st in statements:
        assert st.id is not None
        if st.status in (Status.DISPUTED, Status.FALSE):
            contested[st.actor_id] = contested.get(st.actor_id, 0) + 1
        rebutted[st.actor_id] = rebutted.get(st.actor_id, 0) + len(view.rebuttals.get(st.id, ()))
    ranked = sorted(
        (a for a in speakers if contested.get(a) or rebutted.get(a)),
        key=lambda a: (-contested.get(a, 0), -rebutted.get(a, 0), view.actor_name(a).casefold()),
    )[:5]
    out.append("### Most disputed actors")
    out.append("")
    if ranked:
        out += ["| Actor | Disputed or false | Rebuttals received |", "|---|---:|---:|"]
        for a in ranked:
            name = md_escape(view.actor_name(a)).replace("\n", " ")
            out.append(f"| {name} | {contested.get(a, 0)} | {rebutted.get(a, 0)} |")
    else:
        out.append("No statement in this selection is disputed, false or rebutted.")
    out.append("")

    # Per actor: most contested actors first, their disputed and false claims first.
    by_actor: dict[int, list[Statement]] = {}
    for st in statements:
        by_actor.setdefault(st.actor_id, []).append(st)
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    order = sorted(
        by_actor,
        key=lambda a: (
            -contested.get(a, 0),
            -rebutted.get(a, 0),
            view.actor_name(a).casefold(),
            a,
        ),
    )
    shown = None if view.selection.empty else [s.id for s in statements if s.id is not None]
    out += ["## Who rebuts whom", "", *mermaid_markdown(dispute_map(briefing, shown))]
    cards = scorecards(briefing, order)
    out += ["## Statements by actor", ""]
    if not order:
        out += ["No statements match this selection.", ""]
    for actor_id in order:
        out += _md_actor_header(view, actor_id)
        out += scorecard_markdown(cards[actor_id], label=status_label, order=STATUS_ORDER)
        for st in sorted(by_actor[actor_id], key=lambda s: (rank[s.status], s.id or 0)):
            out += _md_statement(view, st)

    if view.selection.empty:
        silent = sorted(
            (a for i, a in view.actors.items() if i not in by_actor),
            key=lambda a: a.name.casefold(),
        )
        if silent:
            out += ["## Other actors", ""]
            for actor in silent:
                about = _actor_line(actor)
                line = f"- **{md_escape(actor.name)}**" + (f" — {about}" if about else "")
                out.append(line)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _actor_line(actor: Actor) -> str:
    parts = [actor.kind.value.capitalize()]
    parts += [md_escape(p) for p in (actor.role, actor.affiliation) if p]
    return " · ".join(parts)


def _md_actor_header(view: _View, actor_id: int) -> list[str]:
    actor = view.actors.get(actor_id)
    name = md_escape(view.actor_name(actor_id), heading=True)
    lines = [f"### {name}", ""]
    if actor is not None:
        lines.append(_actor_line(actor) + ("  " if actor.aliases else ""))
        if actor.aliases:
            lines.append("Also known as: " + ", ".join(md_escape(a) for a in actor.aliases))
        lines.append("")
    return lines


def _md_item(indent: str, head: str, text: str, meta: str = "") -> list[str]:
    """A list item whose user text may span lines; ``meta`` goes on its own line."""
    body = md_escape(text, after_prefix=True).split("\n")
    lines = [f"{indent}- {head}{body[0]}"]
    pad = indent + "  "
    lines += [f"{pad}{line}" if line else "" for line in body[1:]]
    if meta:
        lines[-1] += "  "  # a hard line break before the meta line
        lines.append(f"{pad}{meta}")
    return lines


def _md_link(url: str) -> str:
    url = clean_text(url, one_line=True)
    if not url:
        return ""
    if "<" in url or ">" in url:
        return md_escape(url)
    return f"<{url}>"


def _md_meta(said_on: date | None, source: str, url: str, *, undated: str = "") -> str:
    """``_Said 2025-06-21_ · Source: ... · <url>``; ``undated`` stands in for no date."""
    parts = []
    when = f"Said {said_on.isoformat()}" if said_on else undated
    if when:
        parts.append(f"_{when}_")
    if source:
        parts.append("Source: " + md_escape(source, after_prefix=True).replace("\n", " "))
    if url:
        parts.append(_md_link(url))
    return " · ".join(parts)


def _md_statement(view: _View, st: Statement) -> list[str]:
    assert st.id is not None
    lines = _md_item(
        "",
        f"**{status_label(st.status)}** — ",
        st.text,
        _md_meta(st.said_on, st.source, st.url, undated="Date unknown"),
    )
    children: list[str] = []
    for reb in view.rebuttals.get(st.id, ()):
        who = md_escape(view.actor_name(reb.actor_id))
        children += _md_item(
            "  ",
            f"↳ **Rebuttal by {who}** — ",
            reb.text,
            _md_meta(reb.said_on, reb.source, reb.url),
        )
    for note in st.annotations:
        children += _md_item("  ", f"✎ **Note** ({note.at.date().isoformat()}): ", note.text)
    if children:
        lines.append("")
        lines += children
    lines.append("")
    return lines
