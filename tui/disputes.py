"""Who rebuts whom (key w): the dispute map, and the exchanges between two actors.

Each actor with any rebuttal either way is a heading (most contested first: most
rebuttals received, then issued), followed by whom they rebut and who rebuts them, with
counts. Enter on one of those pairs opens the exchanges between the two
(``store.views.pairs``): each statement, then the rebuttals of it; enter there jumps to
the statement in the dashboard. Built in a worker thread, drawn a screen at a time.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType

from store.views import DisputeMap, Pair

from .rowlist import Row, RowList, Rows, one_line, status_part
from .text import plural, shorten
from .timeline import REBUTTAL_PART, AnalysisScreen, view_cache

if TYPE_CHECKING:
    from .app import BriefingApp

NAME = 30  # characters of an actor's name in a row


def _edge_row(arrow: str, verb: str, name: str, rebuttals: int, claims: int, key: Any) -> Row:
    counts = f"  {plural(rebuttals, 'rebuttal')} of {plural(claims, 'claim')}"
    return Row(
        (
            (f"  {arrow} {verb} ", "record-list--muted"),
            (shorten(name, NAME), "record-list--strong"),
            (counts, "record-list--muted"),
        ),
        key=key,
    )


class DisputesScreen(AnalysisScreen):
    """The dispute map: for each actor, whom they rebut and who rebuts them."""

    list_id = "disputes-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close"),
        Binding("enter", "pick", "List exchanges", priority=True),
    ]

    def heading(self) -> str:
        return "Who rebuts whom · Loading…"

    def build(self) -> DisputeMap:
        return view_cache(self.app).dispute_map()

    def loaded(self, view: Any) -> None:
        disputes: DisputeMap = view
        self.disputes = disputes
        rows = disputes.rows
        sizes = [1 + len(r.rebuts) + len(r.rebutted_by) for r in rows]
        starts = [0, *accumulate(sizes)][:-1]
        heads = set(starts)

        def build(index: int) -> Row:
            a = bisect_right(starts, index) - 1
            row = rows[a]
            offset = index - starts[a]
            if offset == 0:
                counts = (
                    f"  rebutted {plural(row.received, 'time')}, "
                    f"rebuts others {plural(row.issued, 'time')}"
                )
                return Row(
                    ((shorten(row.name, 60), "row-list--heading"), (counts, "record-list--muted")),
                    heading=True,
                )
            offset -= 1
            if offset < len(row.rebuts):
                e = row.rebuts[offset]
                key = (e.rebutter_id, e.rebutted_id)
                return _edge_row("→", "rebuts", e.rebutted_name, e.rebuttals, e.statements, key)
            e = row.rebutted_by[offset - len(row.rebuts)]
            key = (e.rebutter_id, e.rebutted_id)
            return _edge_row("←", "rebutted by", e.rebutter_name, e.rebuttals, e.statements, key)

        self.rows.set_rows(
            Rows(sum(sizes), build, heads.__contains__),
            "No rebuttals yet: nobody rebuts anybody (select a statement and press r).",
        )
        self.set_title(
            "Who rebuts whom",
            f"{plural(len(rows), 'actor')}, {plural(disputes.rebuttals, 'rebuttal')}",
            "enter on a pair lists its exchanges",
        )

    def on_row_list_picked(self, event: RowList.Picked) -> None:
        event.stop()
        if event.row.key is None:
            return
        rebutter, rebutted = event.row.key

        def chosen(statement_id: int | None) -> None:
            if statement_id is not None:
                self.dismiss(statement_id)

        self.app.push_screen(PairScreen(rebutter, rebutted), chosen)


class PairScreen(AnalysisScreen):
    """Everything one actor said against another's statements."""

    list_id = "pair-list"

    def __init__(self, rebutter_id: int, rebutted_id: int) -> None:
        super().__init__()
        self.rebutter_id = rebutter_id
        self.rebutted_id = rebutted_id

    def heading(self) -> str:
        return "Exchanges · Loading…"

    def build(self) -> Pair:
        return view_cache(self.app).pairs(self.rebutter_id, self.rebutted_id)

    def loaded(self, view: Any) -> None:
        pair: Pair = view
        self.pair = pair
        exchanges = pair.exchanges
        sizes = [1 + len(e.rebuttals) for e in exchanges]
        starts = [0, *accumulate(sizes)][:-1]

        def build(index: int) -> Row:
            x = bisect_right(starts, index) - 1
            exchange = exchanges[x]
            offset = index - starts[x]
            claim = exchange.statement
            if offset == 0:
                item = claim
                day = item.said_on.isoformat() if item.said_on else "undated"
                return Row(
                    (
                        status_part(item.status),
                        (f"{day:<10} ", "record-list--muted"),
                        (shorten(item.actor_name, NAME), "record-list--strong"),
                        (": ", ""),
                        (one_line(item.text), ""),
                    ),
                    statement_id=claim.statement_id,
                )
            item = exchange.rebuttals[offset - 1]
            day = item.said_on.isoformat() if item.said_on else "undated"
            return Row(
                (
                    ("  ", ""),
                    REBUTTAL_PART,
                    (f"{day:<10} ", "record-list--muted"),
                    (shorten(item.actor_name, NAME), "record-list--strong"),
                    (": ", ""),
                    (one_line(item.text), ""),
                ),
                statement_id=claim.statement_id,
            )

        self.rows.set_rows(Rows(sum(sizes), build), "No exchanges between these two any more.")
        self.set_title(
            f"{pair.rebutter_name} rebuts {pair.rebutted_name}",
            f"{plural(len(exchanges), 'claim')}, {plural(pair.rebuttals, 'rebuttal')}",
        )


def open_disputes(app: BriefingApp) -> None:
    def jump(statement_id: int | None) -> None:
        if statement_id is not None:
            app.jump_to_statement(statement_id)

    app.push_screen(DisputesScreen(), jump)
