"""Statement reads for the table: sorted orders, the status filter, and a text search
that also finds annotations and rebuttals (kept in step change by change)."""

from __future__ import annotations

import pytest

from store import Briefing, Status, ValidationError
from store.indexes import SORTS, Indexes


@pytest.fixture
def dated(briefing: Briefing) -> Briefing:
    zed = briefing.add_actor(name="Zed")
    ana = briefing.add_actor(name="ana")  # (names sort without regard to case)
    briefing.add_statement(actor_id=zed.id, text="First recorded.", said_on="2025-06-20")
    briefing.add_statement(actor_id=ana.id, text="Undated claim.")
    briefing.add_statement(actor_id=ana.id, text="Old claim.", said_on="2024-01-02")
    briefing.add_statement(actor_id=zed.id, text="Same day.", said_on="2025-06-20")
    briefing.set_status(3, Status.FALSE)
    briefing.set_status(4, Status.DISPUTED)
    return briefing


def test_sorts(dated: Briefing) -> None:
    assert dated.statement_ids() == [1, 2, 3, 4]
    assert dated.statement_ids(sort="recorded") == [1, 2, 3, 4]
    # by date, undated last, ties in recorded order
    assert dated.statement_ids(sort="date") == [3, 1, 4, 2]
    # by actor name (ana before Zed), then date
    assert dated.statement_ids(sort="actor") == [3, 2, 1, 4]
    # unverified, disputed, confirmed, false, retracted
    assert dated.statement_ids(sort="status") == [1, 2, 4, 3]
    assert dated.statement_ids(actor_id=2, sort="date") == [3, 2]
    assert dated.statement_ids(text="claim", sort="date") == [3, 2]


def test_unknown_sort_is_a_clear_error(dated: Briefing) -> None:
    with pytest.raises(ValidationError, match="sort"):
        dated.statement_ids(sort="size")


def test_status_filter_in_recorded_and_sorted_order(dated: Briefing) -> None:
    assert dated.statement_ids(status="unverified") == [1, 2]
    assert dated.statement_ids(status="unverified", sort="date") == [1, 2]
    assert dated.statement_ids(status=Status.FALSE) == [3]
    assert dated.statement_ids(status="confirmed") == []
    dated.set_status(2, Status.CONFIRMED)
    assert dated.statement_ids(status="unverified") == [1]
    assert dated.statement_ids(status="confirmed") == [2]


def test_orders_follow_changes_as_a_fresh_store_would(dated: Briefing) -> None:
    for sort in SORTS:
        dated.statement_ids(sort=sort)  # build each order, so each change updates it
    dated.set_status(1, Status.RETRACTED)
    dated.update_statement(2, said_on="2023-05-05")
    dated.add_statement(actor_id=1, text="New.", said_on="2024-01-02")
    dated.delete_statement(4)
    dated.undo()  # comes back, out of id order
    dated.update_actor(2, name="Yves")  # still before Zed
    dated.update_actor(1, name="Abel")  # Zed's statements move first
    dated.update_statement(5, actor_id=2)
    fresh = Indexes(lambda: dated.storage.data)
    for sort in SORTS:
        assert dated._indexes.ordered(sort) == fresh.ordered(sort), sort
    for status in Status:
        assert dated.statement_ids(status=status) == [
            s.id for s in dated.statements() if s.status == status
        ]


def test_search_finds_annotations_and_rebuttals(dated: Briefing) -> None:
    dated.prepare_search()  # built first: the changes below keep it in step
    assert dated.statement_ids(text="readout") == []
    dated.annotate(1, "Ask for the READOUT")
    assert dated.statement_ids(text="readout") == [1]
    rebuttal = dated.add_rebuttal(3, 1, "That never happened in Minsk.")
    assert dated.statement_ids(text="minsk") == [3]
    dated.update_rebuttal(rebuttal.id, text="Not in Vilnius.")
    assert dated.statement_ids(text="minsk") == []
    assert dated.statement_ids(text="vilnius") == [3]
    dated.update_rebuttal(rebuttal.id, statement_id=4)
    assert dated.statement_ids(text="vilnius") == [4]
    dated.delete_rebuttal(rebuttal.id)
    assert dated.statement_ids(text="vilnius") == []
    dated.undo()
    assert dated.statement_ids(text="vilnius") == [4]
    fresh = Indexes(lambda: dated.storage.data)
    assert dated._indexes.haystacks() == fresh.haystacks()
    # a needle never spans two parts (text and a note)
    assert dated.statement_ids(text="recorded. ask") == []


def test_orders_built_in_a_thread_are_those_built_on_demand(dated: Briefing) -> None:
    import time

    expected = {sort: dated.statement_ids(sort=sort) for sort in SORTS}
    dated._indexes._orders.clear()
    dated.prepare_sorts()
    deadline = time.monotonic() + 10
    while len(dated._indexes._orders) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert set(dated._indexes._orders) == {"date", "actor", "status"}
    assert {sort: dated.statement_ids(sort=sort) for sort in SORTS} == expected


def test_orders_of_an_older_revision_are_not_taken(
    dated: Briefing, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from store import verbs_statements

    gate = threading.Event()
    build = verbs_statements.build_orders

    def slow(tables):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return build(tables)

    monkeypatch.setattr(verbs_statements, "build_orders", slow)
    dated.prepare_sorts()  # snapshot taken now...
    dated.set_status(1, Status.CONFIRMED)  # ...a change comes in while it builds
    gate.set()
    for thread in threading.enumerate():
        if thread.name == "sort-orders":
            thread.join(10)
    assert dated._indexes._orders == {}  # built from the old tables: dropped
    assert dated.statement_ids(sort="status") == [2, 4, 1, 3]
