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

import csv
import io
import json
import os
import re
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
from store.clean import clean_text
from store.export import FORMATS, export_briefing, write_export
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


HISTORY_CASES = {name for name in DOCUMENT_CASES if name.startswith("history")}


def bad_log_line(log: bytes, case: str) -> bytes:
    """A copy of the log's last entry as the next change, broken as ``case`` says."""
    last = orjson.loads(log.splitlines()[-1])
    entry = {k: v for k, v in last.items() if k != "end"}
    entry["seq"] = last["seq"] + 1
    DOCUMENT_CASES[case][0]({"history": dict.fromkeys("0123456789", entry)})
    return orjson.dumps(entry)


def case_words(case: str, path: Path) -> str:
    """What the one line must say for ``case`` (a bad log line is named by its seq)."""
    words = DOCUMENT_CASES[case][1] if case in DOCUMENT_CASES else RAW_CASES[case][1]
    if case in HISTORY_CASES:
        seq = orjson.loads(path.with_name(path.name + ".log").read_bytes().splitlines()[-1])
        words = re.sub(r"#\d+", f"#{seq['seq']}", words)
    return words


def hostile_store(folder: Path, case: str) -> Path:
    """The store of ``case`` at folder/b.json (a copy of a good store, then broken)."""
    path = folder / "b.json"
    if case in RAW_CASES:
        path.write_bytes(RAW_CASES[case][0])
        return path
    good = good_store(folder)
    data = orjson.loads(good.read_bytes())
    # (the history log goes with its snapshot: the copy is the same store, then broken)
    log = good.with_name(good.name + ".log").read_bytes()
    if case in HISTORY_CASES:
        # Another program appended a bad line to the log: it is read at the next open.
        path.with_name(path.name + ".log").write_bytes(log + bad_log_line(log, case) + b"\n")
        path.write_bytes(orjson.dumps(data))
        return path
    path.with_name(path.name + ".log").write_bytes(log)
    DOCUMENT_CASES[case][0](data)
    path.write_bytes(orjson.dumps(data).replace(b'"__BIG__"', BIG))
    return path


@pytest.fixture(autouse=True)
def no_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that opens would start the UI inside ``main``: fail instead of hanging."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the store opened and the UI started")

    monkeypatch.setattr("tui.app.BriefingApp.run", refuse)


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
    words = case_words(case, path)
    export = tmp_path / "export.json"
    write_export(Briefing.open(good_store(tmp_path)), "json", export)

    # Launch: refused, one line naming the file (and the document); --recover is offered
    # only when it can work: here, with the store's history log to rebuild from.
    has_log = path.with_name(path.name + ".log").exists()
    code, out, err = run(capsys, "--db", str(path))
    line = one_line(err)
    assert code == 2 and out == ""
    assert line.startswith("briefing-tui: cannot open the store: ")
    assert str(path) in line and words in line, line
    if has_log and case not in SCHEMA_CASES:
        assert "rebuild the store from the log" in line, line
    else:
        assert "--recover" not in line  # no backup, no log
    assert path.read_bytes() == raw

    # Export, every format, to stdout and to a file.
    for fmt in FORMATS:
        target = tmp_path / f"out.{fmt}"
        for argv in (("export", "-f", fmt), ("export", "-f", fmt, "-o", str(target))):
            code, out, err = run(capsys, *argv, "--db", str(path))
            line = one_line(err)
            assert code == 2 and out == "", (fmt, out[:200])
            assert line.startswith("briefing-tui: error: ") and words in line, line
            assert path.read_bytes() == raw
        assert not target.exists()

    # import-json of a good export into the broken store.
    code, out, err = run(capsys, "import-json", str(export), "--db", str(path))
    line = one_line(err)
    assert code == 2 and out == "" and words in line, line
    assert path.read_bytes() == raw

    # --recover without a backup or a log: says so, leaves the file.
    if not has_log:
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
    if case in HISTORY_CASES:
        # The log's whole changes before the bad line are kept; a copy keeps the rest.
        assert "The history log was damaged: a copy is at" in out
        assert path.read_bytes() == raw  # the snapshot itself was fine
    else:
        assert "Restored the backup of 2025-06-24 09:30:00 UTC" in out
        (moved,) = tmp_path.glob("b.json.broken-*")
        assert moved.read_bytes() == raw
    assert Briefing.open(path).counts()["statements"] == 4


# -- the real console script ---------------------------------------------------------------


def console(*argv: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("briefing-tui")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tui.app"]
    return subprocess.run(
        [*command, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, "BRIEFING_DB": "/nonexistent/never-used.json"},
        stdin=subprocess.DEVNULL,  # not a terminal: any UI start would fail the test
    )


@pytest.mark.parametrize("case", ["status bogus", "history entry without table", "truncated"])
def test_console_script_refuses_with_one_line(tmp_path: Path, case: str) -> None:
    path = hostile_store(tmp_path, case)
    raw = path.read_bytes()
    for argv in (
        ("--db", str(path)),
        ("export", "-f", "md", "--db", str(path)),
        ("import-json", str(tmp_path / "missing.json"), "--db", str(path)),
    ):
        result = console(*argv)
        assert result.returncode == 2, (argv, result.stderr)
        assert result.stdout == ""
        line = one_line(result.stderr)
        assert str(path) in line, line
        # --recover is offered only where it can work: from the log these stores have
        assert ("--recover" in line) == (case != "truncated"), line
        assert path.read_bytes() == raw
    result = console("--recover", "--db", str(path))
    if case == "truncated":  # no backup, no log: nothing to rebuild from, file untouched
        assert result.returncode == 2 and "No usable backup" in one_line(result.stderr)
        assert path.read_bytes() == raw
    else:  # rebuilt from the log, which holds every change
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert Briefing.open(path).counts()["statements"] == 4


# -- a bad document written while the app runs ------------------------------------------------


async def test_bad_document_written_while_the_app_runs(tmp_path: Path) -> None:
    from tui_helpers import sample_app, screen_text

    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.briefing.flush()
        assert app.briefing.storage.compact(force=True)  # the snapshot holds everything
        app.clear_notifications()
        base = path.read_bytes()
        for case in ("status bogus", "text an integer", "history entry without table"):
            log = path.with_name(path.name + ".log")
            if case in HISTORY_CASES:  # another program appended a bad line to the log
                with log.open("ab") as out:
                    out.write(bad_log_line(log.read_bytes(), case) + b"\n")
                raw = path.read_bytes()
            else:  # another program replaced the snapshot
                good = orjson.loads(base)
                DOCUMENT_CASES[case][0](good)
                raw = orjson.dumps(good)
                tmp = path.with_name("other-program.tmp")
                tmp.write_bytes(raw)
                os.replace(tmp, path)
            log_bytes = log.read_bytes()
            for _ in range(3):  # the poll finds it each time; the toast comes once
                app._poll_store()
                await pilot.pause()
            toasts = [n.message for n in app._notifications]
            assert len(toasts) == 1, toasts
            assert case_words(case, path) in toasts[0]
            assert "Statements (4)" in screen_text(app)  # still shows what it had
            await pilot.press("d")  # a change now is refused, not written
            await pilot.pause()
            assert path.read_bytes() == raw and log.read_bytes() == log_bytes
            assert app._exception is None
            app.clear_notifications()
            app._poll_error = None


# -- hostile JSON imports ------------------------------------------------------------------------


def _export_with(**statement: Any) -> bytes:
    doc = {
        "format": "briefing-tui/export",
        "format_version": 1,
        "actors": [{"id": 1, "name": "A"}],
        "statements": [{"id": 1, "actor_id": 1, "text": "x", **statement}],
    }
    return orjson.dumps(doc)


IMPORTS: dict[str, tuple[bytes, str]] = {
    "nested 100,000 deep": (b"[" * 100_000 + b"]" * 100_000, "is nested too deeply"),
    "integer of 5,000 digits": (
        b'{"format": "briefing-tui/export", "n": 1' + b"0" * 5000 + b"}",
        "holds a number too long to read",
    ),
    "string of 50 MB": (
        _export_with(text="y" * 50_000_000),
        "statement #1 is not valid (Invalid statement: text: is too long (at most 10000",
    ),
    "name over the limit": (
        orjson.dumps(
            {
                "format": "briefing-tui/export",
                "format_version": 1,
                "actors": [{"id": 1, "name": "N" * 201}],
            }
        ),
        "name: is too long (at most 200 characters)",
    ),
    "source over the limit": (_export_with(source="s" * 501), "source: is too long (at most 500"),
    "url with ESC": (
        _export_with(url="http://x.example/\x1b]2;PWNED\x07"),
        "url: must not contain a control character (U+001B)",
    ),
    "url with C1": (_export_with(url="https://x.example/\x9b"), "(U+009B)"),
    "status bogus": (_export_with(status="bogus"), "status"),
    "not JSON": (b"\x00\x01garbage", "is not valid JSON"),
}


@pytest.mark.parametrize("case", sorted(IMPORTS))
def test_hostile_import_json_is_one_line_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    store = good_store(tmp_path)
    before = store.read_bytes()
    source = tmp_path / "incoming.json"
    source.write_bytes(IMPORTS[case][0])
    code, out, err = run(capsys, "import-json", str(source), "--db", str(store))
    line = one_line(err)
    assert code == 2 and out == ""
    assert line.startswith("briefing-tui: error: ")
    assert "incoming.json" in line and IMPORTS[case][1] in line, line
    assert store.read_bytes() == before


# -- every export inert --------------------------------------------------------------------------

HOSTILE = {
    "escape": "esc \x1b[31mred\x1b[0m \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x1b]52;c;aGk=\x07",
    "c1": "csi \x9b31m c1 \x85 del \x7f bell \x07 nul \x00 bs \x08",
    "bidi": "bidi \u202eevil\u202c \u2067iso\u2069 \u202aemb",
    "zero width": "zw\u200bsp \ufeffbom wj\u2060 family 👩\u200d👩\u200d👧 نیم\u200cفاصله",
    "rich": "[bold]x[/bold] [link=https://e.example]y[/link] [@click=app.quit]z[/]",
    "html": "<script>alert(1)</script> <img src=x onerror=alert(1)> &amp; </textarea>",
    "markdown": "# heading\n```\nfence\n```\n> quote\n- item\n1. one\n[t](javascript:x) *b*",
    "formula": '=HYPERLINK("http://evil","x")',
    "formula plus": "+1+cmd|' /C calc'!A0",
    "formula at": "@SUM(1)",
    "formula minus": "-2+3",
    "formula space": "  =1+1",
    "formula tab": "\t=1+1",
    "formula fullwidth": "＝1+1",
}
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff]"
)


@pytest.fixture(scope="module")
def hostile_briefing(tmp_path_factory: pytest.TempPathFactory) -> Briefing:
    b = Briefing.open(tmp_path_factory.mktemp("exports") / "h.json", clock=lambda: FIXED)
    for name, text in HOSTILE.items():
        actor = b.add_actor(name=text if name != "markdown" else "# " + name, role=text[:400])
        s = b.add_statement(actor.id, text, source=text[:400], tags=[name])
        b.annotate(s.id, text)
        b.add_rebuttal(s.id, actor.id, text)  # makes it disputed: ClaimReview has them all
    return b


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_export_format_is_inert(hostile_briefing: Briefing, fmt: str) -> None:
    text = export_briefing(hostile_briefing, fmt, now=FIXED)
    found = UNSAFE.findall(text.replace("\r\n", "\n"))  # (CSV rows end in CRLF)
    assert not found, f"{fmt} carries {sorted({hex(ord(c)) for c in found})}"
    if fmt in ("json", "claimreview"):
        # Escaped, not lost: a JSON reader gets the stored text back exactly.
        data = json.loads(text)
        texts = (
            [s["text"] for s in data["statements"]]
            if fmt == "json"
            else [r["claimReviewed"] for r in data]
        )
        assert sorted(texts) == sorted(t.strip() for t in HOSTILE.values())
        if fmt == "claimreview":
            assert "<" not in text and ">" not in text
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == len(HOSTILE)
        for row in rows:
            for value in row.values():
                first = value.lstrip()[:1]
                assert first not in set("=+-@＝＋－＠"), value
                assert value[:1] != "\t", value
        texts = {row["text"].removeprefix("'") for row in rows}
        assert clean_text(HOSTILE["escape"]) in texts
        assert "esc red link " in clean_text(HOSTILE["escape"])  # escape sequences go whole
        assert "family 👩\u200d👩\u200d👧" in " ".join(texts)  # the joiner builds the emoji
    elif fmt == "dot":
        # Names only, each in one quoted string: a hostile name cannot end its string.
        nodes = re.findall(r'^  "n\d+" \[label=', text, flags=re.M)
        assert len(nodes) == len(HOSTILE)
        assert all(line.count('"') % 2 == 0 for line in text.splitlines())
    else:
        assert "esc red link " in text and "csi 31m c1" in text
        assert "\\[bold\\]x\\[/bold\\]" in text and "\\<script\\>" in text
        markdown_it = pytest.importorskip("markdown_it")
        html = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
        assert html.count("<h1>") == 1  # only the briefing's own title
        # no fence opened but the briefing's own Mermaid graph
        assert html.count("<pre>") == 1 and '<pre><code class="language-mermaid">' in html
        assert "<code>" not in html
        assert "<script>" not in html and "<img" not in html
        assert "<blockquote>" not in html and 'href="javascript' not in html
        assert "[bold]x[/bold]" in html  # shown literally


# -- the checker itself ----------------------------------------------------------------------


def test_open_raises_bad_document_error_with_its_parts(tmp_path: Path) -> None:
    path = hostile_store(tmp_path, "status bogus")
    with pytest.raises(BadDocumentError) as err:
        Briefing.open(path)
    assert isinstance(err.value, CorruptStoreError)
    assert (err.value.table, err.value.doc_id) == ("statements", "1")
    assert err.value.problem.startswith("statement #1: status is the text 'bogus'")
    assert "\n" not in str(err.value)


def test_a_sealed_snapshot_edited_in_place_is_checked_in_full(tmp_path: Path) -> None:
    # A snapshot we wrote skips the second check only while its body is byte for byte
    # what we wrote: an edit that keeps the meta bytes as they were is still caught.
    path = tmp_path / "s.json"
    b = Briefing.open(path, clock=lambda: FIXED)
    build_sample(b)
    b.close()
    raw = path.read_bytes()
    reopened = Briefing.open(path)
    assert reopened.storage.sealed
    reopened.close()
    edited = raw.replace(b'"status":"confirmed"', b'"status":"bogus!!!!"', 1)
    assert edited != raw and edited.split(b',"actors"')[0] == raw.split(b',"actors"')[0]
    path.write_bytes(edited)
    with pytest.raises(BadDocumentError, match="status is the text 'bogus!!!!'"):
        Briefing.open(path)
    assert path.read_bytes() == edited
