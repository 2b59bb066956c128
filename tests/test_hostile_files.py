"""Hostile files in (issue 14): every broken or foreign store, run through every door.

Each case is a store file that another program could have written: one whose JSON is
broken (the kinds of test_store_files.BAD_FILES) or one whose JSON is fine but a
document breaks the models' rules (a wrong type, an unknown status, a bad date, a
dangling or mistyped reference, a 50 MB text, control characters in a URL, ...).
Each goes through the app's launch, ``export`` in every format, ``import-json`` and
``--recover`` (without a backup, then with one), and must give: exit status 2 (0 for a
recovery that worked), one line on stderr, no traceback, and the file's bytes
unchanged. A broken store without a backup is never told to run --recover.

The launch runs ``tui.app.main`` in this process: with a bad store it returns before
the UI starts, exactly as the console script does (``test_console_script_...`` runs the
real ``briefing-tui`` for a few of the cases to show that).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from test_store_files import BAD_FILES

from store import Briefing, CorruptStoreError
from store.backup import backup_dir
from store.export import FORMATS, write_export
from store.sample import build_sample
from store.validate import BadDocumentError
from tui.app import main

ROOT = Path(__file__).resolve().parent.parent
FIXED = datetime(2025, 6, 24, 9, 30, tzinfo=UTC)
BIG = b"1" + b"0" * 30  # 10**30: orjson reads it as a float

Mutation = Callable[[dict[str, Any]], None]


def _set(table: str, key: str, field: str, value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data[table][key][field] = value

    return mutate


def _delete(table: str, key: str, field: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        del data[table][key][field]

    return mutate


def _rekey(table: str, old: str, new: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        data[table][new] = data[table].pop(old)

    return mutate


# name -> (how to break a good sample store, words the one line must hold)
DOCUMENT_CASES: dict[str, tuple[Mutation, str]] = {
    # The list, item 1.
    "status bogus": (
        _set("statements", "1", "status", "bogus"),
        "statement #1: status is the text 'bogus', which is not one of: unverified",
    ),
    "text an integer": (
        _set("statements", "2", "text", 5),
        "statement #2: text must be text, not the number 5",
    ),
    "annotations a string": (
        _set("statements", "1", "annotations", "a note"),
        "statement #1: annotations must be a list, not the text 'a note'",
    ),
    "actor name a list": (
        _set("actors", "1", "name", ["Keith", "Kellogg"]),
        "actor #1: name must be text, not a list of 2 items",
    ),
    "history entry without table": (
        _delete("history", "3", "table"),
        "history entry #3 has no 'table'",
    ),
    "text null": (_set("statements", "3", "text", None), "statement #3: text must be text"),
    "said_on yesterday": (
        _set("statements", "1", "said_on", "yesterday"),
        "statement #1: said_on is 'yesterday', which is not a date as YYYY-MM-DD",
    ),
    "actor_id 10**30": (
        _set("statements", "1", "actor_id", "__BIG__"),
        "statement #1: actor_id must be actor id (a whole number), not the number 1e+30",
    ),
    "actor_id the string '1'": (
        _set("statements", "4", "actor_id", "1"),
        "statement #4: actor_id must be actor id (a whole number), not the text '1'",
    ),
    # More of the same family.
    "actor_id dangling": (
        _set("statements", "2", "actor_id", 999),
        "statement #2: actor_id refers to actor #999, which does not exist",
    ),
    "rebuttal of a missing statement": (
        _set("rebuttals", "1", "statement_id", 77),
        "rebuttal #1: statement_id refers to statement #77, which does not exist",
    ),
    "actor_id true": (
        _set("rebuttals", "1", "actor_id", True),
        "rebuttal #1: actor_id must be actor id (a whole number), not true",
    ),
    "actor_id 1.0": (
        _set("statements", "1", "actor_id", 1.0),
        "not the number 1.0",
    ),
    "url with ESC and BEL": (
        _set("statements", "1", "url", "http://x.example/\x1b]2;PWNED-URL\x07"),
        "statement #1: url must not contain a control character (U+001B)",
    ),
    "url with C1 CSI": (
        _set("statements", "1", "url", "https://x.example/\x9b31m"),
        "url must not contain a C1 control character (U+009B)",
    ),
    "url with bidi override": (
        _set("rebuttals", "1", "url", "https://x.example/\u202egnp.exe"),
        "rebuttal #1: url must not contain a bidirectional override (U+202E)",
    ),
    "text of 50 MB": (
        _set("statements", "2", "text", "x" * 50_000_000),
        "statement #2: text is too long: 50,000,000 characters (at most 10,000)",
    ),
    "name over the limit": (
        _set("actors", "2", "name", "N" * 201),
        "actor #2: name is too long: 201 characters (at most 200)",
    ),
    "blank text": (_set("statements", "1", "text", " \n\t "), "text must not be empty"),
    "created_at not a time": (
        _set("statements", "1", "created_at", "soon"),
        "statement #1: created_at is 'soon', which is not an ISO 8601 timestamp",
    ),
    "kind alien": (
        _set("actors", "3", "kind", "alien"),
        "actor #3: kind is the text 'alien', which is not one of: person",
    ),
    "too many tags": (
        _set("statements", "1", "tags", [f"t{i}" for i in range(150)]),
        "statement #1: tags has 150 entries (at most 100)",
    ),
    "tag a number": (_set("actors", "1", "tags", ["ok", 7]), "actor #1: tags[1] must be text"),
    "annotation without time": (
        _set("statements", "1", "annotations", [{"text": "a note"}]),
        "statement #1: annotations[0].at is missing",
    ),
    "statement id 01": (
        _rekey("statements", "4", "04"),
        "statement id '04' is not a plain whole number",
    ),
    "history doc_id text": (
        _set("history", "2", "doc_id", "2"),
        "history entry #2: doc_id must be a whole number id, not the text '2'",
    ),
    "history before a list": (
        _set("history", "2", "before", [1]),
        "history entry #2: before must be an object or null",
    ),
    "meta last_ids text": (
        _set("meta", "1", "last_ids", {"actors": "9"}),
        "meta #1: last_ids.actors must be a whole number, not the text '9'",
    ),
}

RAW_CASES: dict[str, tuple[bytes, str]] = {
    **{name: (raw, "") for name, (raw, _) in BAD_FILES.items()},
    "JSON nested 100,000 deep": (b'{"meta": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ""),
    "an integer of 5,000 digits": (
        b'{"meta": {"1": {"schema_version": 1, "n": 1' + b"0" * 5000 + b"}}}",
        "not valid JSON",
    ),
}
CASES = sorted([*DOCUMENT_CASES, *RAW_CASES])
SCHEMA_CASES = {n for n, (_, error) in BAD_FILES.items() if error is not CorruptStoreError}


def good_store(folder: Path) -> Path:
    """The sample briefing in folder/good/good.json."""
    path = folder / "good" / "good.json"
    if not path.exists():
        b = Briefing.open(path, clock=lambda: FIXED)
        build_sample(b)
        b.close()
    return path


def hostile_store(folder: Path, case: str) -> Path:
    """The store of ``case`` at folder/b.json (a copy of a good store, then broken)."""
    path = folder / "b.json"
    if case in RAW_CASES:
        path.write_bytes(RAW_CASES[case][0])
        return path
    data = orjson.loads(good_store(folder).read_bytes())
    DOCUMENT_CASES[case][0](data)
    path.write_bytes(orjson.dumps(data).replace(b'"__BIG__"', BIG))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``briefing-tui ARGV`` in this process: (exit status, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}: {err[:500]!r}"
    assert err.endswith("\n")
    assert len(lines[0]) < 700, lines[0][:700]
    return lines[0]


@pytest.mark.parametrize("case", CASES)
def test_hostile_store_through_every_door(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    path = hostile_store(tmp_path, case)
    raw = path.read_bytes()
    words = DOCUMENT_CASES[case][1] if case in DOCUMENT_CASES else RAW_CASES[case][1]
    export = tmp_path / "export.json"
    write_export(Briefing.open(good_store(tmp_path)), "json", export)

    # Launch: refused, one line naming the file (and the document), no --recover offer.
    code, out, err = run(capsys, "--db", str(path))
    line = one_line(err)
    assert code == 2 and out == ""
    assert line.startswith("briefing-tui: cannot open the store: ")
    assert str(path) in line and words in line, line
    assert "--recover" not in line  # there is no backup
    assert path.read_bytes() == raw

    # Export, every format, to stdout and to a file.
    for fmt in FORMATS:
        target = tmp_path / f"out.{fmt}"
        for argv in (("export", "-f", fmt), ("export", "-f", fmt, "-o", str(target))):
            code, out, err = run(capsys, *argv, "--db", str(path))
            line = one_line(err)
            assert code == 2 and out == "", (fmt, out[:200])
            assert line.startswith("briefing-tui: error: ") and words in line, line
            assert "--recover" not in line
            assert path.read_bytes() == raw
        assert not target.exists()

    # import-json of a good export into the broken store.
    code, out, err = run(capsys, "import-json", str(export), "--db", str(path))
    line = one_line(err)
    assert code == 2 and out == "" and words in line, line
    assert path.read_bytes() == raw

    # --recover without a backup: says so, leaves the file.
    code, out, err = run(capsys, "--db", str(path), "--recover")
    line = one_line(err)
    assert code == 2 and "No usable backup" in line
    assert path.read_bytes() == raw

    # With a backup, the launch offers --recover (for a broken store) in the same line,
    # and --recover restores it, moving the broken file aside byte for byte.
    folder = backup_dir(path)
    folder.mkdir()
    shutil.copyfile(good_store(tmp_path), folder / "b-20250624-093000.json")
    code, out, err = run(capsys, "--db", str(path))
    line = one_line(err)
    assert code == 2 and words in line
    if case in SCHEMA_CASES:
        assert "--recover" not in line  # a newer program's file: upgrade, do not replace
    else:
        assert f"run briefing-tui --recover --db {path} to move" in line
    assert path.read_bytes() == raw
    code, out, err = run(capsys, "--db", str(path), "--recover")
    assert code == 0 and err == "", err
    assert "Restored the backup of 2025-06-24 09:30:00 UTC" in out
    (moved,) = tmp_path.glob("b.json.broken-*")
    assert moved.read_bytes() == raw
    assert Briefing.open(path).counts()["statements"] == 4
