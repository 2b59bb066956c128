"""Setting the status of many statements as one change (issue 16, part 7: marks).

``set_status_many`` and ``toggle_disputed_many`` write one history group in one log
append: one undo reverts all of it, one redo re-applies it, a reopened store shows it as
one change, and a reader never applies half of it. Real files on disk throughout.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store import Briefing, NotFoundError, Status, StoreError
from store.storage import read_durable


def log_of(path: Path) -> Path:
    return path.with_name(path.name + ".log")


def made(path: Path, count: int = 5) -> tuple[Briefing, list[int]]:
    b = Briefing.open(path)
    actor = b.add_actor(name="Keith Kellogg")
    ids = [b.add_statement(actor_id=actor.id, text=f"claim {n}").id for n in range(count)]
    return b, ids


def statuses(b: Briefing, ids: list[int]) -> list[str]:
    return [b.statement(i).status.value for i in ids]


def log_lines(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in log_of(path).read_bytes().splitlines()[1:]]


def test_many_statuses_are_one_change_one_append_one_undo_one_redo(store_path: Path) -> None:
    b, ids = made(store_path)
    b.set_status(ids[1], Status.CONFIRMED)  # already at the target: skipped
    lines_before = len(log_lines(store_path))
    history_before = b.counts()["history"]

    changed = b.set_status_many([ids[3], ids[0], ids[1], ids[3]], Status.CONFIRMED)

    assert changed == [ids[0], ids[3]]  # record order, once each, the skipped one left out
    assert statuses(b, ids) == ["confirmed", "confirmed", "unverified", "confirmed", "unverified"]
    new = log_lines(store_path)[lines_before:]
    assert len(new) == 2 == b.counts()["history"] - history_before
    # one change: one group, every line marked with the change's last seq
    assert len({line["group"] for line in new}) == 1
    assert {line["end"] for line in new} == {new[-1]["seq"]}
    assert {line["reason"] for line in new} == {"Marked 2 statements confirmed"}
    assert [line["doc_id"] for line in new] == changed

    undone = b.undo()
    assert sorted(e.doc_id for e in undone) == changed
    assert statuses(b, ids) == ["unverified", "confirmed", "unverified", "unverified", "unverified"]
    b.redo()
    assert statuses(b, ids) == ["confirmed", "confirmed", "unverified", "confirmed", "unverified"]
    b.close()

    reopened = Briefing.open(store_path)
    assert statuses(reopened, ids) == [
        "confirmed", "confirmed", "unverified", "confirmed", "unverified"
    ]  # fmt: skip
    newest = reopened.history(limit=6)
    assert [e.action for e in newest] == [
        "redo",
        "redo",
        "undo",
        "undo",
        "set_status",
        "set_status",
    ]
    # the history of one statement names the bulk change
    assert reopened.history("statements", ids[0])[-2].reason == "Marked 2 statements confirmed"
    reopened.undo()  # still one step after the reopen
    assert statuses(reopened, ids)[0] == statuses(reopened, ids)[3] == "unverified"
    reopened.close()


def test_nothing_to_change_writes_nothing(store_path: Path) -> None:
    b, ids = made(store_path, 3)
    b.set_status_many(ids, Status.FALSE)
    size = log_of(store_path).stat().st_size
    count = b.counts()["history"]
    revision = b.revision
    assert b.set_status_many(ids, "false") == []
    assert b.set_status_many([], Status.CONFIRMED) == []
    assert b.toggle_disputed_many([]) == []
    assert log_of(store_path).stat().st_size == size
    assert b.counts()["history"] == count and b.revision == revision
    b.close()


def test_bad_input_is_refused_and_nothing_is_written(store_path: Path) -> None:
    b, ids = made(store_path, 3)
    size = log_of(store_path).stat().st_size
    with pytest.raises(StoreError, match="Invalid status 'maybe'"):
        b.set_status_many(ids, "maybe")
    with pytest.raises(NotFoundError, match="no statement #99"):
        b.set_status_many([ids[0], 99], Status.CONFIRMED)
    with pytest.raises(NotFoundError, match="not a statement id"):
        b.toggle_disputed_many([ids[0], "2"])  # type: ignore[list-item]
    assert log_of(store_path).stat().st_size == size
    assert statuses(b, ids) == ["unverified"] * 3
    b.close()


def test_toggle_disputed_many_mirrors_the_single_toggle(store_path: Path) -> None:
    b, ids = made(store_path, 4)
    b.set_status(ids[0], Status.CONFIRMED)
    b.set_status(ids[1], Status.DISPUTED)
    # some not disputed: those become disputed, the disputed one stays
    assert b.toggle_disputed_many(ids) == [ids[0], ids[2], ids[3]]
    assert statuses(b, ids) == ["disputed"] * 4
    assert b.history(limit=1)[0].reason == "Marked 3 statements disputed"
    # all disputed: each back to what it was before it became disputed
    b.set_status(ids[3], Status.FALSE)
    b.set_status(ids[3], Status.DISPUTED)
    assert b.toggle_disputed_many(ids) == ids
    assert statuses(b, ids) == ["confirmed", "unverified", "unverified", "false"]
    assert b.history(limit=1)[0].reason == "Marked 4 statements back from disputed"
    b.undo()
    assert statuses(b, ids) == ["disputed"] * 4
    # one statement: the same words as the single toggle
    assert b.toggle_disputed_many([ids[2]]) == [ids[2]]
    assert b.history(limit=1)[0].reason == f"Marked statement #{ids[2]} unverified"
    assert b.history(limit=1)[0].group is None
    b.close()


def test_a_bulk_change_survives_reopen_and_stock_reads(store_path: Path) -> None:
    b, ids = made(store_path, 4)
    b.toggle_disputed_many(ids[:3])
    b.close()
    durable = read_durable(store_path)
    assert [durable["statements"][str(i)]["status"] for i in ids] == [
        "disputed", "disputed", "disputed", "unverified"
    ]  # fmt: skip


def test_half_of_a_bulk_change_is_never_applied(store_path: Path) -> None:
    # A writer killed during the append leaves some of the change's lines: a reader (the
    # next open) applies none of them, and the next writer cuts them off.
    b, ids = made(store_path, 6)
    b.close()  # (the snapshot folds in everything so far)
    b = Briefing.open(store_path)
    good = log_of(store_path).stat().st_size
    b.set_status_many(ids, Status.RETRACTED)
    full = log_of(store_path).read_bytes()
    b.storage.log.close()  # killed: no clean close, the snapshot stays before the change
    first, last = good, full.rindex(b'{"seq":')
    assert full.count(b"\n", good) == 6
    for cut in (first + 20, full.index(b'{"seq":', first + 1), last, len(full) - 1):
        with open(log_of(store_path), "r+b") as fh:  # the log as the kill left it
            fh.write(full)
            fh.truncate(cut)
        reopened = Briefing.open(store_path)
        assert statuses(reopened, ids) == ["unverified"] * 6, cut
        reopened.set_status(ids[0], Status.FALSE)  # the next writer repairs the tail
        lines = log_lines(store_path)
        assert [line["seq"] for line in lines] == list(range(1, len(lines) + 1))
        assert lines[-1]["doc_id"] == ids[0] and "end" not in lines[-1]
        reopened.storage.log.close()
        again = Briefing.open(store_path)
        assert statuses(again, ids) == ["false"] + ["unverified"] * 5
        again.storage.log.close()
    # and the whole change, once every line is there, is applied whole
    with open(log_of(store_path), "r+b") as fh:
        fh.write(full)
        fh.truncate(len(full))
    whole = Briefing.open(store_path)
    assert statuses(whole, ids) == ["retracted"] * 6
    whole.close()


def test_another_process_changes_are_seen_first(store_path: Path) -> None:
    mine, ids = made(store_path, 4)
    theirs = Briefing.open(store_path)
    theirs.set_status(ids[1], Status.CONFIRMED)
    # the transaction reads their line first: that statement is already confirmed
    assert mine.set_status_many(ids, Status.CONFIRMED) == [ids[0], ids[2], ids[3]]
    heard = []
    theirs.subscribe(heard.append)
    assert theirs.poll()
    assert statuses(theirs, ids) == ["confirmed"] * 4
    assert len(heard) == 1 and heard[0].action == "set_status"
    assert heard[0].doc_ids["statements"] == (ids[0], ids[2], ids[3])
    # a statement they delete meanwhile: the whole change is refused, nothing written
    theirs.delete_statement(ids[3])
    size = log_of(store_path).stat().st_size
    with pytest.raises(NotFoundError, match=f"no statement #{ids[3]}"):
        mine.set_status_many(ids, Status.FALSE)
    assert log_of(store_path).stat().st_size == size
    assert statuses(mine, ids[:3]) == ["confirmed"] * 3
    # their undo takes back their delete, ours stays one step
    theirs.undo()
    mine.undo()
    assert statuses(mine, ids) == ["unverified", "confirmed", "unverified", "unverified"]
    mine.close()
    theirs.close()


def test_write_behind_bulk_change_is_durable_after_flush(store_path: Path) -> None:
    b, ids = made(store_path, 50)
    b.close()
    b = Briefing.open(store_path, write_behind=True)
    assert len(b.set_status_many(ids, Status.DISPUTED)) == 50
    assert b.flush()
    durable = read_durable(store_path)
    assert {durable["statements"][str(i)]["status"] for i in ids} == {"disputed"}
    b.close()
