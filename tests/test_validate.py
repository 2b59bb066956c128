"""The document checker (store/validate.py): its column-at-a-time fast path agrees with
the one-document check, and whatever it accepts the models load (the app converts
documents with them, so a document it let through could crash the app)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import Briefing, CorruptStoreError
from store.models import MODELS, HistoryEntry
from store.sample import build_sample
from store.validate import BadDocumentError, check_document, check_tables

FIXED = datetime(2025, 6, 24, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sample_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("validate") / "s.json"
    b = Briefing.open(path, clock=lambda: FIXED)
    build_sample(b)
    s = b.statements()[0]
    b.annotate(s.id, "A note")
    b.update_statement(s.id, tags=["a", "b"], url="https://example.org/x")
    b.update_actor(1, aliases=["K"], tags=["t"])
    with b.batch("two at once"):
        b.add_actor("Someone")
        b.add_actor("Someone else")
    b.undo()
    b.close()
    tables = orjson.loads(path.read_bytes())
    # The history lives in the log beside the snapshot: its entries as a table, by seq.
    lines = path.with_name(path.name + ".log").read_bytes().splitlines()[1:]
    entries = [orjson.loads(line) for line in lines]
    tables["history"] = {str(e["seq"]): {k: v for k, v in e.items() if k != "seq"} for e in entries}
    return tables


def first_problem(tables: dict[str, Any]) -> str | None:
    for table in ("meta", "actors", "statements", "rebuttals", "history"):
        for key, doc in tables.get(table, {}).items():
            problem = check_document(table, key, doc, tables)
            if problem is not None:
                return problem
    return None


def loads_as_models(tables: dict[str, Any]) -> None:
    for table, model in MODELS.items():
        for key, doc in tables[table].items():
            model.from_doc(int(key), doc)
    for key, doc in tables["history"].items():
        HistoryEntry.from_doc(int(key), doc)


FIELDS = {
    "actors": ["name", "kind", "role", "affiliation", "aliases", "tags", "notes", "created_at"],
    "statements": [
        "actor_id", "text", "said_on", "source", "url", "status", "annotations", "tags",
        "created_at", "updated_at",
    ],
    "rebuttals": ["statement_id", "actor_id", "text", "said_on", "url", "updated_at"],
    "history": ["at", "action", "table", "doc_id", "before", "after", "group", "reason",
                "batch", "undoes"],
    "meta": ["last_ids"],
}  # fmt: skip

scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(
        [
            "", " ", "1", "0", "01", "disputed", "bogus", "person", "statements", "history",
            "2025-06-21", "2025-02-30", "yesterday", "2025-06-21T10:00:00.000+00:00",
            "2025-06-21T10:00:00", "2025-06-21T10:00:00Z", "0001-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59-01:00", "https://example.org/a", " https://example.org/b ",
            "http://x.example/\x1b]2;x\x07", "https://x.example/\u202e", "ftp://x",
            "N" * 201, "t" * 61, "x" * 10_001, "\u2028", "a\u200bb",
        ]
    ),
)  # fmt: skip
json_value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["text", "at", "actors", "x"]), inner, max_size=3),
        st.lists(st.text(max_size=3), min_size=101, max_size=102),
    ),
    max_leaves=6,
)
MISSING = object()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fast_check_agrees_with_the_document_check(
    sample_tables: dict[str, Any], data: st.DataObject
) -> None:
    tables = copy.deepcopy(sample_tables)
    for _ in range(data.draw(st.integers(1, 2))):
        table = data.draw(st.sampled_from(sorted(FIELDS)))
        key = data.draw(st.sampled_from(sorted(tables[table])))
        field = data.draw(st.sampled_from(FIELDS[table]))
        value = data.draw(st.one_of(json_value, st.just(MISSING)))
        if value is MISSING:
            tables[table][key].pop(field, None)
        else:
            tables[table][key][field] = value
    expected = first_problem(tables)
    if expected is None:
        check_tables(tables, "s.json")
        loads_as_models(tables)  # nothing the check lets through breaks the models
    else:
        with pytest.raises(BadDocumentError) as err:
            check_tables(tables, "s.json")
        assert err.value.problem == expected
        assert str(err.value).startswith(f"s.json: {expected}. ")


def test_the_sample_passes_and_loads(sample_tables: dict[str, Any]) -> None:
    assert first_problem(sample_tables) is None
    check_tables(sample_tables, "s.json")
    loads_as_models(sample_tables)


def test_check_document_without_tables_skips_references() -> None:
    doc = {"actor_id": 5, "text": "x"}
    assert check_document("statements", "1", doc) is None
    assert check_document("statements", 1, doc, {"actors": {}}) == (
        "statement #1: actor_id refers to actor #5, which does not exist"
    )
    assert check_document("other", "1", {"anything": 1}) is None
    assert check_document("statements", "x", doc) == "statement id 'x' is not a plain whole number"


def test_bad_document_error_is_a_corrupt_store_error(tmp_path: Path) -> None:
    assert issubclass(BadDocumentError, CorruptStoreError)
