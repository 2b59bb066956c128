"""store.views: scorecards, the timeline, the dispute map and pairs, over a real store."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import Briefing, NotFoundError, Status
from store.views import (
    ALL_ACTORS,
    BAR_FILLS,
    ViewCache,
    bar_text,
    dispute_map,
    pairs,
    scorecard,
    scorecards,
    status_bar,
    timeline,
)

D1, D2, D3 = "2025-06-20", "2025-06-21", "2025-06-22"


@pytest.fixture
def desk(tmp_path: Path) -> tuple[Briefing, dict[str, int]]:
    """Kellogg and Lukashenko disagree; an outlet weighs in; one claim is undated.

    Kellogg: k1 (D1, rebutted twice by Lukashenko, once by Belta), k2 (D2, false),
             k3 (undated, confirmed)
    Lukashenko: l1 (D2, rebutted by Kellogg on D3), l2 (D3, retracted, not rebutted)
    Belta: no statements, one rebuttal (undated) of k1
    """
    b = Briefing.open(tmp_path / "desk.json")
    kel = b.add_actor(
        name="Keith Kellogg", role="US envoy", affiliation="United States", aliases=["Kellogg"]
    ).id
    luk = b.add_actor(name="Alexander Lukashenko", kind="government", notes="President").id
    bel = b.add_actor(name="Belta", kind="media").id
    assert kel and luk and bel
    k1 = b.add_statement(kel, "Talks will resume next week.", said_on=D1).id
    k2 = b.add_statement(kel, "Prisoners were released.", said_on=D2).id
    k3 = b.add_statement(kel, "We met in Minsk.").id
    l1 = b.add_statement(luk, "No talks were planned.", said_on=D2).id
    l2 = b.add_statement(luk, "The border is closed.", said_on=D3).id
    assert k1 and k2 and k3 and l1 and l2
    b.set_status(k2, Status.FALSE)
    b.set_status(k3, Status.CONFIRMED)
    b.set_status(l2, Status.RETRACTED)
    r1 = b.add_rebuttal(k1, luk, "There were no talks.", said_on=D2).id
    r2 = b.add_rebuttal(k1, luk, "Again: no talks.", said_on=D3).id
    r3 = b.add_rebuttal(k1, bel, "Sources deny it.").id
    r4 = b.add_rebuttal(l1, kel, "They were planned.", said_on=D3).id
    ids = dict(kel=kel, luk=luk, bel=bel, k1=k1, k2=k2, k3=k3, l1=l1, l2=l2)
    ids.update(r1=r1 or 0, r2=r2 or 0, r3=r3 or 0, r4=r4 or 0)
    yield b, ids
    b.close()


# -- scorecard -------------------------------------------------------------------------


def test_scorecard_of_an_actor(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, ids = desk
    card = scorecard(b, ids["kel"])
    assert (card.actor_id, card.name, card.role, card.affiliation) == (
        ids["kel"],
        "Keith Kellogg",
        "US envoy",
        "United States",
    )
    assert card.aliases == ("Kellogg",)
    assert card.kind is not None and card.kind.value == "person"
    # every status, in Status order; k1 became disputed when it was rebutted
    assert [s for s, _ in card.by_status] == list(Status)
    assert dict(card.by_status) == {
        Status.UNVERIFIED: 0,
        Status.DISPUTED: 1,
        Status.CONFIRMED: 1,
        Status.FALSE: 1,
        Status.RETRACTED: 0,
    }
    assert card.statements == 3 and card.undated == 1
    assert (card.first_said, card.last_said) == (date(2025, 6, 20), date(2025, 6, 21))
    assert card.claims_rebutted == 1 and card.rebuttals_received == 3
    assert [(c.name, c.count) for c in card.rebutted_by] == [
        ("Alexander Lukashenko", 2),
        ("Belta", 1),
    ]
    assert card.rebuttals_issued == 1
    assert [(c.actor_id, c.count) for c in card.issued_against] == [(ids["luk"], 1)]
    assert card.count("false") == 1


def test_scorecard_of_an_actor_who_only_rebuts(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, ids = desk
    card = scorecard(b, ids["bel"])
    assert card.statements == 0 and card.first_said is None and card.last_said is None
    assert card.rebuttals_issued == 1
    assert [c.name for c in card.issued_against] == ["Keith Kellogg"]
    assert card.bar(10) and all(seg.cells == 0 for seg in card.bar(10))


def test_scorecard_of_the_whole_store(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, _ = desk
    card = scorecard(b)
    assert card.actor_id is None and card.name == ALL_ACTORS and card.kind is None
    assert card.statements == 5
    assert dict(card.by_status) == {s: n for s, n in b.status_counts().items()}
    assert (card.first_said, card.last_said) == (date(2025, 6, 20), date(2025, 6, 22))
    assert card.undated == 1
    assert card.claims_rebutted == 2  # k1 and l1
    assert card.rebuttals_received == card.rebuttals_issued == 4
    assert [(c.name, c.count) for c in card.rebutted_by] == [
        ("Alexander Lukashenko", 2),
        ("Belta", 1),
        ("Keith Kellogg", 1),
    ]
    assert [(c.name, c.count) for c in card.issued_against] == [
        ("Keith Kellogg", 3),
        ("Alexander Lukashenko", 1),
    ]


def test_scorecard_follows_changes(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, ids = desk
    b.delete_rebuttal(ids["r3"])
    b.set_status(ids["k3"], Status.DISPUTED)
    card = scorecard(b, ids["kel"])
    assert card.count(Status.DISPUTED) == 2 and card.count(Status.CONFIRMED) == 0
    assert [c.name for c in card.rebutted_by] == ["Alexander Lukashenko"]
    b.undo()
    assert scorecard(b, ids["kel"]).count(Status.CONFIRMED) == 1


def test_scorecard_of_an_unknown_actor_says_so(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, _ = desk
    with pytest.raises(NotFoundError, match="no actor #999"):
        scorecard(b, 999)


def test_scorecards_in_one_pass_match_one_by_one(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, ids = desk
    everyone = scorecards(b)
    assert list(everyone) == b.actor_ids()  # name order
    for actor_id, card in everyone.items():
        assert card == scorecard(b, actor_id)
    assert list(scorecards(b, [ids["luk"], ids["kel"]])) == [ids["luk"], ids["kel"]]


# -- the status bar ----------------------------------------------------------------------


def test_status_bar_is_proportional_and_keeps_small_shares_visible() -> None:
    counts = {Status.UNVERIFIED: 60, Status.DISPUTED: 30, Status.FALSE: 10, Status.CONFIRMED: 0}
    segs = status_bar(counts, 10)
    assert [s.status for s in segs] == list(Status)
    assert {s.status: s.cells for s in segs} == {
        Status.UNVERIFIED: 6,
        Status.DISPUTED: 3,
        Status.CONFIRMED: 0,
        Status.FALSE: 1,
        Status.RETRACTED: 0,
    }
    one_in_a_thousand = status_bar({Status.UNVERIFIED: 999, Status.FALSE: 1}, 20)
    assert {s.status: s.cells for s in one_in_a_thousand if s.cells} == {
        Status.UNVERIFIED: 19,
        Status.FALSE: 1,
    }
    text = bar_text(segs)
    assert text == "░" * 6 + "▒" * 3 + "▓"
    assert len(set(BAR_FILLS.values())) == len(Status)  # readable without colour
    first = [Status.FALSE, Status.DISPUTED, Status.UNVERIFIED]
    assert [(g.status, g.cells) for g in status_bar(counts, 10, first)] == [
        (Status.FALSE, 1),
        (Status.DISPUTED, 3),
        (Status.UNVERIFIED, 6),
    ]
    assert bar_text(status_bar({}, 8)) == ""
    assert bar_text(status_bar(counts, 0)) == ""


@given(
    counts=st.lists(st.integers(0, 10_000), min_size=5, max_size=5),
    width=st.integers(0, 200),
)
def test_status_bar_fills_the_width_exactly(counts: list[int], width: int) -> None:
    segs = status_bar(dict(zip(Status, counts, strict=True)), width)
    total = sum(counts)
    assert sum(s.cells for s in segs) == (width if total else 0)
    present = sum(1 for n in counts if n)
    for seg, n in zip(segs, counts, strict=True):
        assert seg.count == n
        if n == 0:
            assert seg.cells == 0
        elif present <= width:
            assert seg.cells >= 1
    assert len(bar_text(segs)) == sum(s.cells for s in segs)


# -- timeline --------------------------------------------------------------------------


def test_timeline_groups_by_day_with_rebuttals_under_their_own_date(
    desk: tuple[Briefing, dict[str, int]],
) -> None:
    b, ids = desk
    line = timeline(b)
    assert [d.day for d in line.days] == [date(2025, 6, 20), date(2025, 6, 21), date(2025, 6, 22)]
    by_day = {d.day.isoformat(): [(i.kind, i.id) for i in d.items()] for d in line.days if d.day}
    assert by_day == {
        D1: [("statement", ids["k1"])],
        D2: [("statement", ids["k2"]), ("statement", ids["l1"]), ("rebuttal", ids["r1"])],
        D3: [("statement", ids["l2"]), ("rebuttal", ids["r2"]), ("rebuttal", ids["r4"])],
    }
    r2 = line.days[2].item(1)
    assert r2.is_rebuttal and r2.statement_id == ids["k1"] and r2.said_on == date(2025, 6, 22)
    assert (r2.actor_name, r2.target_actor_id, r2.target_actor_name) == (
        "Alexander Lukashenko",
        ids["kel"],
        "Keith Kellogg",
    )
    k2 = line.days[1].item(0)
    assert (k2.status, k2.actor_name, k2.text) == (
        Status.FALSE,
        "Keith Kellogg",
        "Prisoners were released.",
    )
    # undated ones are listed apart, statements first
    assert line.undated.day is None
    assert [(i.kind, i.id) for i in line.undated.items()] == [
        ("statement", ids["k3"]),
        ("rebuttal", ids["r3"]),
    ]
    assert line.groups[-1] is line.undated
    # where to put the cursor: group, then row
    assert line.find("rebuttal", ids["r2"]) == (2, 1)
    assert line.find("statement", ids["k3"]) == (3, 0)
    assert line.find("rebuttal", ids["r3"]) == (3, 1)
    assert line.find("statement", 999) is None
    assert (line.statements, line.rebuttals, len(line)) == (5, 4, 9)


def test_a_timeline_is_a_snapshot_of_the_store_when_it_was_built(
    desk: tuple[Briefing, dict[str, int]],
) -> None:
    b, ids = desk
    line = timeline(b)
    before = list(line.items())
    b.update_statement(ids["k2"], text="Edited afterwards.")
    b.set_status(ids["k2"], Status.CONFIRMED)
    b.annotate(ids["k2"], "a note")
    b.update_rebuttal(ids["r1"], text="Edited rebuttal.")
    b.delete_statement(ids["l2"])
    b.delete_actor(ids["bel"], cascade=True)
    assert list(line.items()) == before  # items are built late, from what was read then
    k2 = next(i for i in before if i.id == ids["k2"] and i.kind == "statement")
    assert (k2.text, k2.status) == ("Prisoners were released.", Status.FALSE)
    again = {(i.kind, i.id): i for i in timeline(b).items()}
    assert again[("statement", ids["k2"])].text == "Edited afterwards."
    assert ("statement", ids["l2"]) not in again


def test_timeline_of_an_actor_has_their_claims_and_rebuttals_both_ways(
    desk: tuple[Briefing, dict[str, int]],
) -> None:
    b, ids = desk
    seen = {(i.kind, i.id) for i in timeline(b, ids["luk"]).items()}
    assert seen == {
        ("statement", ids["l1"]),
        ("statement", ids["l2"]),
        ("rebuttal", ids["r4"]),  # Kellogg's rebuttal of l1
        ("rebuttal", ids["r1"]),  # Lukashenko's own rebuttals of k1
        ("rebuttal", ids["r2"]),
    }
    belta = timeline(b, ids["bel"])
    assert not belta.days and [i.id for i in belta.undated.items()] == [ids["r3"]]
    with pytest.raises(NotFoundError):
        timeline(b, 999)


def test_timeline_with_the_filter_in_force(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, ids = desk
    only_k1 = timeline(b, statement_ids=[ids["k1"]])
    assert [(i.kind, i.id) for i in only_k1.items()] == [
        ("statement", ids["k1"]),
        ("rebuttal", ids["r1"]),
        ("rebuttal", ids["r2"]),
        ("rebuttal", ids["r3"]),
    ]
    # an actor and a filter: the actor's statements in the filter, and their rebuttals of
    # statements in it
    both = timeline(b, ids["luk"], statement_ids=[ids["k1"], ids["l2"]])
    assert {(i.kind, i.id) for i in both.items()} == {
        ("statement", ids["l2"]),
        ("rebuttal", ids["r1"]),
        ("rebuttal", ids["r2"]),
    }
    assert len(timeline(b, statement_ids=[])) == 0
    assert len(timeline(b, statement_ids=b.statement_ids(text="talks"))) == 6


def test_timeline_reads_a_hand_written_store_without_dropping_anything(tmp_path: Path) -> None:
    # Written by another program with only the required fields (no date, no status), in
    # the one-file layout of schema 1, which a script can write without a log.
    tables: dict = {"meta": {"1": {"schema_version": 1}}, "actors": {}, "statements": {}}
    tables["actors"]["1"] = {"name": "A"}
    tables["statements"]["1"] = {"actor_id": 1, "text": "s1"}
    tables["statements"]["2"] = {"actor_id": 1, "text": "s2", "said_on": "2025-06-02"}
    tables["statements"]["2"]["status"] = "false"
    tables["statements"]["3"] = {"actor_id": 1, "text": "s3", "said_on": None}
    path = tmp_path / "edited.json"
    path.write_bytes(orjson.dumps(tables))
    b = Briefing.open(path)
    line = timeline(b)
    assert [i.id for i in line.days[0].items()] == [2]
    assert [(i.id, i.status) for i in line.undated.items()] == [
        (1, Status.UNVERIFIED),
        (3, Status.UNVERIFIED),
    ]
    card = scorecard(b, 1)
    assert card.statements == 3 and card.undated == 2
    assert card.count(Status.FALSE) == 1 and card.count(Status.UNVERIFIED) == 2


# -- who rebuts whom -------------------------------------------------------------------------


def test_dispute_map_counts_and_order(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, ids = desk
    disputes = dispute_map(b)
    assert [r.name for r in disputes.rows] == [
        "Keith Kellogg",  # 3 received
        "Alexander Lukashenko",  # 1 received, 2 issued
        "Belta",  # 0 received
    ]
    kel = disputes.row(ids["kel"])
    assert kel is not None and (kel.received, kel.issued) == (3, 1)
    assert [(e.rebutter_name, e.rebuttals) for e in kel.rebutted_by] == [
        ("Alexander Lukashenko", 2),
        ("Belta", 1),
    ]
    assert [(e.rebutted_name, e.rebuttals) for e in kel.rebuts] == [("Alexander Lukashenko", 1)]
    assert all(e.rebutted_id == ids["kel"] for e in kel.rebutted_by)
    assert kel.rebuts[0] in disputes.row(ids["luk"]).rebutted_by  # one edge, both rows
    assert [
        (e.rebutter_name, e.rebutted_name, e.rebuttals, e.statements) for e in disputes.edges
    ] == [
        ("Alexander Lukashenko", "Keith Kellogg", 2, 1),
        ("Belta", "Keith Kellogg", 1, 1),
        ("Keith Kellogg", "Alexander Lukashenko", 1, 1),
    ]
    assert disputes.rebuttals == 4
    only_l1 = dispute_map(b, statement_ids=[ids["l1"]])
    assert [(e.rebutter_id, e.rebutted_id) for e in only_l1.edges] == [(ids["kel"], ids["luk"])]


def test_dispute_map_leaves_out_quiet_actors_and_counts_self_rebuttal(tmp_path: Path) -> None:
    b = Briefing.open(tmp_path / "s.json")
    a = b.add_actor(name="A").id
    b.add_actor(name="Quiet")
    assert a
    s = b.add_statement(a, "I said this.")
    b.add_rebuttal(s.id or 0, a, "I take it back.")
    disputes = dispute_map(b)
    assert [r.name for r in disputes.rows] == ["A"]
    assert disputes.rows[0].received == disputes.rows[0].issued == 1
    assert [(e.rebutter_id, e.rebutted_id) for e in disputes.edges] == [(a, a)]
    assert dispute_map(Briefing.open(tmp_path / "empty.json")).rows == ()


def test_pairs_lists_the_exchanges_between_two_actors(
    desk: tuple[Briefing, dict[str, int]],
) -> None:
    b, ids = desk
    luk_on_kel = pairs(b, ids["luk"], ids["kel"])
    assert (luk_on_kel.rebutter_name, luk_on_kel.rebutted_name) == (
        "Alexander Lukashenko",
        "Keith Kellogg",
    )
    assert [e.statement.id for e in luk_on_kel.exchanges] == [ids["k1"]]
    assert [r.id for r in luk_on_kel.exchanges[0].rebuttals] == [ids["r1"], ids["r2"]]
    assert luk_on_kel.rebuttals == 2
    back = pairs(b, ids["kel"], ids["luk"])
    assert [(e.statement.id, [r.id for r in e.rebuttals]) for e in back.exchanges] == [
        (ids["l1"], [ids["r4"]])
    ]
    assert pairs(b, ids["bel"], ids["luk"]).exchanges == ()
    with pytest.raises(NotFoundError):
        pairs(b, ids["kel"], 999)


# -- properties over random stores ------------------------------------------------------------

_DAYS = st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2024, 1, 6)).map(date.isoformat))


@st.composite
def stores(draw: st.DrawFn) -> dict[str, list]:
    n_actors = draw(st.integers(1, 4))
    statements = draw(
        st.lists(
            st.tuples(st.integers(0, n_actors - 1), _DAYS, st.sampled_from(list(Status))),
            max_size=12,
        )
    )
    rebuttals = []
    if statements:
        rebuttals = draw(
            st.lists(
                st.tuples(st.integers(0, len(statements) - 1), st.integers(0, n_actors - 1), _DAYS),
                max_size=12,
            )
        )
    return {"actors": list(range(n_actors)), "statements": statements, "rebuttals": rebuttals}


def _build(b: Briefing, plan: dict[str, list]) -> None:
    actors = [b.add_actor(name=f"Actor {i}").id or 0 for i in plan["actors"]]
    statements = []
    for who, said, status in plan["statements"]:
        s = b.add_statement(actors[who], f"claim by {who}", said_on=said)
        b.set_status(s.id or 0, status)
        statements.append(s.id or 0)
    for target, who, said in plan["rebuttals"]:
        b.add_rebuttal(statements[target], actors[who], "no", said_on=said)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(plan=stores())
def test_views_account_for_everything_once(plan: dict[str, list]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        b = Briefing.open(Path(folder) / "p.json")
        _build(b, plan)
        statements = set(b.statement_ids())
        rebuttals = {r.id for r in b.rebuttals()}

        # the timeline holds every statement and rebuttal exactly once, days in order
        line = timeline(b)
        seen = Counter((i.kind, i.id) for i in line.items())
        assert set(seen.values()) <= {1}
        assert {i for k, i in seen if k == "statement"} == statements
        assert {i for k, i in seen if k == "rebuttal"} == rebuttals
        days = [d.day for d in line.days]
        assert days == sorted(days) and len(set(days)) == len(days)
        assert all(i.said_on == d.day for d in line.days for i in d.items())
        assert all(i.said_on is None for i in line.undated.items())

        cards = scorecards(b)
        disputes = dispute_map(b)
        assert disputes.rebuttals == len(rebuttals)
        for actor_id, card in cards.items():
            # scorecard counts sum to the actor's statement count
            assert sum(n for _, n in card.by_status) == card.statements
            assert card.statements == b.statement_count(actor_id)
            assert card == scorecard(b, actor_id)
            assert sum(c.count for c in card.rebutted_by) == card.rebuttals_received
            row = disputes.row(actor_id)
            if row is not None:
                assert sum(e.rebuttals for e in row.rebuts) == row.issued
                assert sum(e.rebuttals for e in row.rebutted_by) == row.received
            received = row.received if row else 0
            assert received == card.rebuttals_received
            assert (row.issued if row else 0) == card.rebuttals_issued
            # each actor's timeline has exactly the items that concern them
            mine = {(i.kind, i.id) for i in timeline(b, actor_id).items()}
            expected = {("statement", s) for s in b.statement_ids(actor_id=actor_id)}
            expected |= {
                ("rebuttal", r.id)
                for r in b.rebuttals()
                if r.actor_id == actor_id or b.statement(r.statement_id).actor_id == actor_id
            }
            assert mine == expected
        for edge in disputes.edges:
            between = pairs(b, edge.rebutter_id, edge.rebutted_id)
            assert between.rebuttals == edge.rebuttals
            assert len(between.exchanges) == edge.statements
        whole = scorecard(b)
        assert whole.statements == len(statements)
        assert whole.rebuttals_received == whole.rebuttals_issued == len(rebuttals)
        b.close()


# -- the cache -------------------------------------------------------------------------------


def test_view_cache_remembers_until_the_store_changes(
    desk: tuple[Briefing, dict[str, int]],
) -> None:
    b, ids = desk
    with ViewCache(b) as views:
        first = views.scorecard()
        assert views.scorecard() is first and (views.hits, views.misses) == (1, 1)
        line = views.timeline(ids["kel"], statement_ids=[ids["k1"], ids["k2"]])
        assert views.timeline(ids["kel"], statement_ids=(ids["k1"], ids["k2"])) is line
        disputes = views.dispute_map()
        assert views.pairs(ids["luk"], ids["kel"]) is views.pairs(ids["luk"], ids["kel"])

        b.set_status(ids["k2"], Status.CONFIRMED)
        after = views.scorecard()
        assert after is not first and after.count(Status.CONFIRMED) == 2
        assert views.dispute_map() is not disputes
        b.undo()
        assert views.scorecard().count(Status.CONFIRMED) == 1


def test_view_cache_forgets_when_another_process_changed_the_file(
    desk: tuple[Briefing, dict[str, int]],
) -> None:
    b, ids = desk
    views = ViewCache(b)
    assert views.scorecard(ids["bel"]).statements == 0
    other = Briefing.open(b.path)
    other.add_statement(ids["bel"], "Written elsewhere.")
    other.close()
    assert b.poll()  # the app polls; the reload is a change event
    assert views.scorecard(ids["bel"]).statements == 1
    views.close()
    views.scorecard(ids["bel"])
    assert views.scorecard(ids["bel"]) is not views.scorecard(ids["bel"])  # closed: no memory


def test_view_cache_keeps_only_the_latest_results(desk: tuple[Briefing, dict[str, int]]) -> None:
    b, ids = desk
    views = ViewCache(b, size=2)
    kel = views.scorecard(ids["kel"])
    views.scorecard(ids["luk"])
    views.scorecard(ids["bel"])
    assert views.scorecard(ids["kel"]) is not kel
