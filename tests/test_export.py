"""Exports (Markdown, JSON, ClaimReview, CSV), JSON import, and the export CLI."""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from store import Briefing, Status, StoreError
from store.export import (
    FORMAT_NAME,
    FORMATS,
    ExportError,
    export_briefing,
    import_json,
    md_escape,
    write_export,
)
from store.sample import build_sample
from tui import cli_export

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
T0 = datetime(2025, 6, 22, 9, 0, tzinfo=UTC)
NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)
MARKUP = "[bold]x[/bold] and a | pipe"


def ticking_clock(start: datetime = T0):
    counter = itertools.count()
    return lambda: start + timedelta(minutes=next(counter))


@pytest.fixture
def sample(tmp_path: Path) -> Briefing:
    b = Briefing.open(tmp_path / "sample.json", clock=ticking_clock())
    build_sample(b)
    return b


@pytest.fixture
def empty(tmp_path: Path) -> Briefing:
    return Briefing.open(tmp_path / "empty.json", clock=ticking_clock(T0 + timedelta(days=3)))


@pytest.fixture
def rich(tmp_path: Path) -> Briefing:
    """Every status, URLs, markup-like text, an organisation, a multi-line statement."""
    b = Briefing.open(tmp_path / "rich.json", clock=ticking_clock())
    with b.batch("setup"):
        luk = b.add_actor("Alexander Lukashenko", aliases=["Lukashenko"], affiliation="Belarus")
        kel = b.add_actor("Keith Kellogg", aliases=["Kellogg"], role="Envoy")
        gov = b.add_actor("Ministry | of [bold]Truth[/bold]", kind="government")
        s1 = b.add_statement(
            luk.id,
            "Kellogg agreed to explore halting drone strikes.",
            said_on="2025-06-21",
            source="Seed article",
            url="https://example.org/news/1",
            tags=["sample"],
        )
        s2 = b.add_statement(gov.id, "# heading\n- not a list\n1. not numbered\n" + MARKUP)
        s3 = b.add_statement(luk.id, "Everything is fine, really.", said_on="2025-06-20")
        s4 = b.add_statement(
            kel.id, "The talks focused on a full ceasefire.", url="https://x.com/k/2"
        )
        s5 = b.add_statement(luk.id, "A claim later withdrawn.")
        b.add_statement(luk.id, "=1+1, said plainly\nover two lines")
        b.add_rebuttal(s1.id, kel.id, "Taken out of context.", url="https://x.com/k/1")
        b.add_rebuttal(s5.id, kel.id, "That never happened.")
        b.add_rebuttal(s3.id, kel.id, "Not fine at all.")  # makes s3 disputed...
        b.annotate(s1.id, "Only one account exists.")
        b.annotate(s1.id, "Second note, with a comma.")
    b.set_status(s2.id, Status.FALSE)
    b.set_status(s4.id, Status.CONFIRMED)
    b.set_status(s5.id, Status.RETRACTED)
    b.toggle_disputed(s3.id)  # ...and back to unverified, with its rebuttal
    return b


def file_bytes(b: Briefing) -> bytes:
    return b.path.read_bytes()


# -- layering ------------------------------------------------------------------------------


def test_modules_do_not_import_textual_or_rich():
    code = (
        "import sys, store.export, tui.cli_export;"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_sample_order_and_nesting(sample: Briefing):
    md = export_briefing(sample, "md", title="Kellogg–Lukashenko", now=NOW)
    lines = md.splitlines()
    assert lines[0] == "# Kellogg–Lukashenko"
    assert "2025-07-01 12:00 UTC" in md
    assert "| ! disputed | 1 |" in md
    assert "| ✓ confirmed | 1 |" in md
    assert "| ? unverified | 2 |" in md
    assert "| Alexander Lukashenko | 1 | 1 |" in md  # most disputed actors
    heads = [line for line in lines if line.startswith("### ")]
    assert heads[0] == "### Most disputed actors"
    # The actor with the disputed claim comes first.
    assert heads[1] == "### Alexander Lukashenko"
    assert set(heads[2:]) == {
        "### Belarusian government",
        "### Keith Kellogg",
        "### Vladimir Putin",
    }
    claim = next(i for i, line in enumerate(lines) if line.startswith("- **! disputed** — "))
    rebuttal = next(i for i, line in enumerate(lines) if "Rebuttal by Keith Kellogg" in line)
    note = next(i for i, line in enumerate(lines) if "Only Lukashenko's account" in line)
    next_actor = lines.index(heads[2])
    assert claim < rebuttal < note < next_actor
    assert lines[rebuttal].startswith("  - ↳ ")  # nested under the claim
    assert lines[note].startswith("  - ✎ **Note**")
    assert "Source: Seed article: Kellogg denies" in lines[claim + 1]
    assert "_Said 2025-06-21_" in lines[claim + 1]
    # Tsikhanouski says nothing: listed among the other actors.
    assert "## Other actors" in md and "**Siarhei Tsikhanouski**" in md


def test_markdown_renders_with_rebuttal_inside_statement_item(sample: Briefing):
    markdown_it = pytest.importorskip("markdown_it")
    html = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .render(export_briefing(sample, "md", now=NOW))
    )
    assert html.count("<h1>") == 1
    assert "<table>" in html
    # The rebuttal's list is nested inside the disputed statement's list item.
    claim_at = html.index("! disputed")
    rebuttal_at = html.index("Rebuttal by Keith Kellogg")
    between = html[claim_at:rebuttal_at]
    assert "<ul>" in between and "</li>" not in between


def test_markdown_disputed_and_false_first(rich: Briefing):
    md = export_briefing(rich, "md", now=NOW)
    luk = md[md.index("### Alexander Lukashenko") :]
    luk = luk[: luk.index("\n### ")]
    order = [
        luk.index("! disputed"),
        luk.index("? unverified"),
        luk.index("↺ retracted"),
    ]
    assert order == sorted(order)
    # Actors with disputed/false claims come before the confirmed one.
    assert md.index("### Alexander Lukashenko") < md.index("### Keith Kellogg")
    assert md.index("### Ministry") < md.index("### Keith Kellogg")


def test_markdown_escapes_markup_like_text(rich: Briefing):
    markdown_it = pytest.importorskip("markdown_it")
    md = export_briefing(rich, "md", now=NOW)
    assert "— # heading\n  \\- not a list\n  1\\. not numbered\n" in md
    assert "\\[bold\\]x\\[/bold\\] and a \\| pipe" in md
    assert "### Ministry \\| of \\[bold\\]Truth\\[/bold\\]" in md
    assert "| Ministry \\| of \\[bold\\]Truth\\[/bold\\] | 1 | 0 |" in md
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert html.count("<h1>") == 1  # "# heading" did not become a heading
    assert "[bold]x[/bold] and a | pipe" in html  # shown literally
    assert "- not a list" in html and "1. not numbered" in html
    assert "<ol>" not in html
    # The most-disputed table keeps its three columns despite the "|" in a name.
    table = html[html.index("<table>", html.index("Most disputed")) :]
    row = table[table.index("Ministry") - 10 :]
    row = row[: row.index("</tr>")]
    assert row.count("<td") == 3


def test_markdown_strips_control_characters(empty: Briefing):
    a = empty.add_actor("Someone")
    empty.add_statement(a.id, "bell\x07 and escape\x1b[31m red")
    md = export_briefing(empty, "md", now=NOW)
    assert "\x1b" not in md and "\x07" not in md
    assert "bell and escape red" in md  # the escape sequence goes whole


# -- JSON ----------------------------------------------------------------------------------


def normalised(text: str) -> dict:
    """An export's content without ids and timestamps (which an import must renew)."""
    data = json.loads(text)
    actors = {a["id"]: a for a in data["actors"]}
    statements = {s["id"]: s for s in data["statements"]}

    def actor(a):
        return {k: v for k, v in a.items() if k not in ("id", "created_at", "updated_at")}

    def statement(s):
        out = {k: v for k, v in s.items() if k not in ("id", "created_at", "updated_at")}
        out["actor_id"] = actors[s["actor_id"]]["name"]
        out["annotations"] = [n["text"] for n in s["annotations"]]
        return out

    def rebuttal(r):
        out = {k: v for k, v in r.items() if k not in ("id", "created_at", "updated_at")}
        out["actor_id"] = actors[r["actor_id"]]["name"]
        out["statement_id"] = statements[r["statement_id"]]["text"]
        return out

    return {
        "actors": sorted((actor(a) for a in data["actors"]), key=lambda a: a["name"]),
        "statements": sorted((statement(s) for s in data["statements"]), key=lambda s: s["text"]),
        "rebuttals": sorted((rebuttal(r) for r in data["rebuttals"]), key=lambda r: r["text"]),
    }


def test_json_is_lossless_and_versioned(rich: Briefing):
    data = json.loads(export_briefing(rich, "json", now=NOW))
    assert data["format"] == FORMAT_NAME and data["format_version"] == 1
    assert data["exported_at"].startswith("2025-07-01T12:00:00")
    assert len(data["actors"]) == 3 and len(data["statements"]) == 6
    assert len(data["rebuttals"]) == 3
    s1 = data["statements"][0]
    assert s1["id"] == 1 and s1["url"] == "https://example.org/news/1"
    assert [n["text"] for n in s1["annotations"]] == [
        "Only one account exists.",
        "Second note, with a comma.",
    ]
    assert all(n["at"] for n in s1["annotations"])
    assert s1["tags"] == ["sample"] and s1["said_on"] == "2025-06-21"
    # The whole history, oldest first, with before/after.
    assert len(data["history"]) == len(rich.history())
    assert data["history"][0]["action"] == "add" and data["history"][0]["before"] is None
    assert data["history"][-1]["action"] == "set_status"
    assert MARKUP in data["statements"][1]["text"]


def test_json_round_trip_through_an_empty_store(rich: Briefing, empty: Briefing):
    first = export_briefing(rich, "json", now=NOW)
    report = import_json(empty, first)
    assert (report.actors_added, report.statements_added, report.rebuttals_added) == (3, 6, 3)
    assert report.annotations_added == 2 and report.actors_reused == 0
    assert report.history_not_replayed == len(rich.history())
    second = export_briefing(empty, "json", now=NOW)
    assert normalised(second) == normalised(first)
    # Statuses survive, even an unverified one with a rebuttal (which the store would
    # otherwise mark disputed) and a retracted one with a rebuttal.
    statuses = {s.text: s.status for s in empty.statements()}
    assert statuses == {s.text: s.status for s in rich.statements()}
    assert statuses["Everything is fine, really."] == Status.UNVERIFIED
    # The import is one undo step, and is in the target's history.
    assert any("Imported" in (h.batch or "") for h in empty.history())
    empty.undo()
    assert empty.counts()["statements"] == 0 and empty.counts()["actors"] == 0


def test_json_round_trip_of_the_sample(sample: Briefing, empty: Briefing):
    first = export_briefing(sample, "json", now=NOW)
    import_json(empty, first)
    assert normalised(export_briefing(empty, "json", now=NOW)) == normalised(first)
    md_before = export_briefing(sample, "md", now=NOW)
    md_after = export_briefing(empty, "md", now=NOW)
    # Only the notes' dates differ (the import's time).
    strip = [line.split("):")[-1] for line in md_before.splitlines()]
    assert strip == [line.split("):")[-1] for line in md_after.splitlines()]


def test_import_reuses_actors_and_skips_duplicates(rich: Briefing, empty: Briefing):
    # The target already knows two of the actors (by name case, by alias) and a statement.
    kel = empty.add_actor("KEITH KELLOGG")
    luk = empty.add_actor("Lukashenko", notes="Known already")
    existing = empty.add_statement(luk.id, "kellogg agreed to explore  halting drone strikes.")
    exported = export_briefing(rich, "json", now=NOW)
    report = import_json(empty, exported)
    assert report.actors_reused == 2 and report.actors_added == 1
    assert report.statements_skipped == 1 and report.statements_added == 5
    assert report.rebuttals_added == 3
    assert report.annotations_added == 2  # the file's notes, added to the existing statement
    assert len(empty.actors()) == 3
    assert empty.actor(luk.id).notes == "Known already"  # reused as it is
    assert len(empty.statements(actor_id=luk.id)) == 4
    assert [r.actor_id for r in empty.rebuttals(statement_id=existing.id)] == [kel.id]
    assert len(empty.statement(existing.id).annotations) == 2
    # Imported notes keep the time they were written (not the time of the import).
    written = sorted(a.at for st in rich.statements() for a in st.annotations)
    imported = sorted(a.at for st in empty.statements() for a in st.annotations)
    assert imported == written and all(at < T0 + timedelta(days=3) for at in imported)
    # A second import of the same file changes nothing, not even the file.
    before = file_bytes(empty)
    again = import_json(empty, exported)
    assert not again.changed
    assert again.statements_skipped == 6 and again.rebuttals_skipped == 3
    assert file_bytes(empty) == before


def test_import_from_a_file_and_the_v1_fixture(empty: Briefing):
    report = import_json(empty, DATA / "export_v1_fixture.json")
    assert report.source == "export_v1_fixture.json"
    assert (report.actors_added, report.statements_added, report.rebuttals_added) == (3, 2, 1)
    assert "3 actors added" in report.summary()
    statuses = {s.text[:8]: s.status for s in empty.statements()}
    assert statuses == {"Kellogg ": Status.DISPUTED, "# All is": Status.FALSE}
    assert empty.find_actor("ministry | of [bold]truth[/bold]") is not None


def test_json_selection_keeps_references_whole(rich: Briefing, empty: Briefing):
    data = json.loads(export_briefing(rich, "json", status="disputed", now=NOW))
    assert data["selection"]["status"] == "disputed"
    assert [s["text"][:7] for s in data["statements"]] == ["Kellogg"]
    # The rebutting actor comes along, so the file imports without dangling references.
    assert {a["name"] for a in data["actors"]} == {"Alexander Lukashenko", "Keith Kellogg"}
    assert all(h["table"] != "statements" or h["doc_id"] == 1 for h in data["history"])
    report = import_json(empty, json.dumps(data))
    assert report.statements_added == 1 and report.rebuttals_added == 1


# -- ClaimReview ---------------------------------------------------------------------------


def test_claimreview_shape(rich: Briefing):
    reviews = json.loads(export_briefing(rich, "claimreview", reviewer="Desk Analysts"))
    texts = {r["claimReviewed"]: r for r in reviews}
    # Verdicts only: disputed, false, confirmed, retracted — never unverified.
    assert len(reviews) == 4
    assert "Everything is fine, really." not in texts
    assert not any(t.startswith("=1+1") for t in texts)
    for review in reviews:
        # Required by Google's Fact Check markup.
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"]
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["alternateName"]
        assert review["url"]
        # Recommended.
        assert review["author"] == {"@type": "Organization", "name": "Desk Analysts"}
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["author"]["name"]
        assert len(review["datePublished"]) == 10
    disputed = texts["Kellogg agreed to explore halting drone strikes."]
    assert disputed["reviewRating"]["alternateName"] == "Disputed"
    claim = disputed["itemReviewed"]
    assert claim["author"]["@type"] == "Person"
    assert claim["author"]["name"] == "Alexander Lukashenko"
    assert claim["datePublished"] == "2025-06-21"
    assert claim["appearance"] == {
        "@type": "CreativeWork",
        "url": "https://example.org/news/1",
        "name": "Seed article",
    }
    assert disputed["url"] == "https://example.org/news/1"
    false = next(r for r in reviews if r["claimReviewed"].startswith("# heading"))
    assert false["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Ministry | of [bold]Truth[/bold]",
    }
    assert false["reviewRating"]["alternateName"] == "False"
    assert false["reviewRating"]["ratingValue"] == 1
    assert "appearance" not in false["itemReviewed"]
    assert MARKUP in false["claimReviewed"]  # literal
    confirmed = texts["The talks focused on a full ceasefire."]
    assert confirmed["reviewRating"]["alternateName"] == "True"
    assert confirmed["reviewRating"]["ratingValue"] == 5
    retracted = texts["A claim later withdrawn."]
    assert retracted["reviewRating"]["alternateName"] == "Retracted"


def test_claimreview_dates_urls_and_script_safety(tmp_path: Path):
    b = Briefing.open(tmp_path / "c.json", clock=ticking_clock())
    a = b.add_actor("A")
    s = b.add_statement(a.id, "Says </script><b>hi</b> & more", said_on="2024-01-01")
    b.set_status(s.id, Status.FALSE)  # recorded at T0 + 2 minutes
    text = export_briefing(b, "claimreview", review_url="https://desk.example/reviews/")
    assert "</script>" not in text and "<" not in text
    (review,) = json.loads(text)
    assert review["claimReviewed"] == "Says </script><b>hi</b> & more"
    assert review["url"] == f"https://desk.example/reviews/#statement-{s.id}"
    assert review["datePublished"] == "2025-06-22"
    assert review["author"]["name"] == "briefing-tui analyst"


def test_claimreview_of_the_sample_has_no_unverified(sample: Briefing):
    reviews = json.loads(export_briefing(sample, "claimreview"))
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {"Disputed", "True"}


# -- CSV -----------------------------------------------------------------------------------


def test_csv_rows_round_trip_and_guard_formulas(rich: Briefing):
    rich.add_statement(rich.find_actor("Kellogg").id, "@SUM(A1:A9)")
    rich.add_statement(rich.find_actor("Kellogg").id, '+44 and -3, a "quoted" word')
    rows = list(csv.DictReader(io.StringIO(export_briefing(rich, "csv"))))
    assert list(rows[0]) == [
        "id",
        "actor",
        "date",
        "status",
        "text",
        "source",
        "url",
        "rebuttals",
        "annotations",
        "tags",
    ]
    assert len(rows) == 8
    first = rows[0]
    assert first["actor"] == "Alexander Lukashenko" and first["date"] == "2025-06-21"
    assert first["status"] == "disputed" and first["rebuttals"] == "1"
    assert first["annotations"] == "Only one account exists. | Second note, with a comma."
    assert first["url"] == "https://example.org/news/1" and first["tags"] == "sample"
    by_text = {r["text"]: r for r in rows}
    assert "'=1+1, said plainly\nover two lines" in by_text  # comma, newline, guarded
    assert "'@SUM(A1:A9)" in by_text
    assert '\'+44 and -3, a "quoted" word' in by_text
    assert by_text["# heading\n- not a list\n1. not numbered\n" + MARKUP]["actor"] == (
        "Ministry | of [bold]Truth[/bold]"
    )
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@")


# -- selections ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "dot"])  # (dot: names only)
def test_selection_by_status_actor_and_text(rich: Briefing, fmt: str):
    def texts(**selection) -> str:
        return export_briefing(rich, fmt, now=NOW, **selection)

    only_false = texts(status="false")
    assert "not numbered" in only_false and "Everything is fine" not in only_false
    by_alias = texts(actor_name="kellogg")  # an alias, any case
    assert "The talks focused" in by_alias and "Everything is fine" not in by_alias
    by_id = texts(actor_id=rich.find_actor("Lukashenko").id, text="withdrawn")
    assert "A claim later withdrawn." in by_id and "Kellogg agreed" not in by_id


def test_selection_in_markdown_says_what_it_is(rich: Briefing):
    md = export_briefing(rich, "md", status="retracted", actor_name="Lukashenko", now=NOW)
    assert "Selection: status retracted, actor Alexander Lukashenko" in md
    assert "## Other actors" not in md
    assert "1 statement by 1 actor · 1 rebuttal" in md
    none = export_briefing(rich, "md", text="no such words", now=NOW)
    assert "No statements match this selection." in none


def test_bad_selection(rich: Briefing):
    with pytest.raises(ExportError, match=r"no actor named 'Nobody'.*Known actors"):
        export_briefing(rich, "md", actor_name="Nobody")
    with pytest.raises(ExportError, match=r"Unknown status 'maybe'.*disputed"):
        export_briefing(rich, "csv", status="maybe")
    with pytest.raises(ExportError, match="no actor #999"):
        export_briefing(rich, "csv", actor_id=999)


# -- writing files and bad input -----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_write_export_writes_each_format(rich: Briefing, tmp_path: Path, fmt: str):
    target = tmp_path / f"out.{fmt}"
    written = write_export(rich, fmt, target, now=NOW)
    assert written == target
    assert target.read_bytes() == export_briefing(rich, fmt, now=NOW).encode("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_write_export_replaces_an_existing_file(rich: Briefing, tmp_path: Path):
    target = tmp_path / "out.md"
    target.write_text("old")
    write_export(rich, "md", target)
    assert target.read_text("utf-8").startswith("# Briefing")


def test_write_export_bad_inputs_write_nothing(rich: Briefing, tmp_path: Path):
    store_before = file_bytes(rich)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError, match="Unknown export format 'pdf'"):
        write_export(rich, "pdf", out / "x.pdf")
    with pytest.raises(ExportError, match="does not exist"):
        write_export(rich, "md", out / "missing" / "x.md")
    with pytest.raises(ExportError, match="is a folder"):
        write_export(rich, "md", out)
    (out / "plain").write_text("a file")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        write_export(rich, "md", out / "plain" / "x.md")
    with pytest.raises(ExportError, match="no actor named"):
        write_export(rich, "md", out / "x.md", actor_name="Nobody")
    assert sorted(p.name for p in out.iterdir()) == ["plain"]
    assert (out / "plain").read_text() == "a file"
    assert file_bytes(rich) == store_before


def test_write_export_failure_leaves_no_temp_and_no_target(
    rich: Briefing, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "out.md"
    target.write_bytes(b"previous")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match=r"Cannot write .*Permission denied"):
        write_export(rich, "md", target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_write_export_to_a_read_only_folder(rich: Briefing, tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="Permission denied"):
            write_export(rich, "csv", folder / "x.csv")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_export_error_is_a_store_error():
    assert issubclass(ExportError, StoreError)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all {", "is not valid JSON"),
        ("{", "is not valid JSON"),
        ("[1, 2]", "not a briefing-tui export"),
        ('{"actors": []}', "not a briefing-tui export"),
        ('{"format": "something/else", "format_version": 1}', "not a briefing-tui export"),
        ('{"format": "briefing-tui/export", "format_version": 2}', "newer briefing-tui"),
        ('{"format": "briefing-tui/export", "format_version": "1"}', "unknown format_version"),
        ('{"format": "briefing-tui/export", "format_version": 1, "actors": {}}', "must be a list"),
        (
            '{"format": "briefing-tui/export", "format_version": 1, "actors": [{"name": "A"}]}',
            'no integer "id"',
        ),
        (
            '{"format": "briefing-tui/export", "format_version": 1,'
            ' "actors": [{"id": 1, "name": ""}]}',
            "actor #1 is not valid.*name: must not be empty",
        ),
        (
            '{"format": "briefing-tui/export", "format_version": 1,'
            ' "actors": [{"id": 1, "name": "A"}],'
            ' "statements": [{"id": 1, "actor_id": 1, "text": "x", "status": "maybe"}]}',
            "statement #1 is not valid.*status",
        ),
        (
            '{"format": "briefing-tui/export", "format_version": 1,'
            ' "actors": [{"id": 1, "name": "A"}],'
            ' "statements": [{"id": 1, "actor_id": 1, "text": "x"}],'
            ' "rebuttals": [{"id": 1, "statement_id": 7, "actor_id": 1, "text": "no"}]}',
            "rebuttal #1 answers statement #7, which is not in the file",
        ),
        (
            '{"format": "briefing-tui/export", "format_version": 1,'
            ' "actors": [{"id": 1, "name": "A"}],'
            ' "statements": [{"id": 1, "actor_id": 1, "text": "x"}],'
            ' "rebuttals": [{"id": 1, "statement_id": 1, "actor_id": 5, "text": "no"}]}',
            "rebuttal #1 refers to actor #5",
        ),
    ],
)
def test_import_bad_json_changes_nothing(rich: Briefing, tmp_path: Path, content, message):
    before = file_bytes(rich)
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(ExportError, match=message):
        import_json(rich, path)
    assert file_bytes(rich) == before


def test_import_dangling_fixture_changes_nothing(rich: Briefing):
    before = file_bytes(rich)
    with pytest.raises(
        ExportError, match=r"statement #2 refers to actor #99.*Nothing was imported"
    ):
        import_json(rich, DATA / "export_dangling.json")
    assert file_bytes(rich) == before
    assert len(rich.actors()) == 3


def test_import_other_files_change_nothing(rich: Briefing, tmp_path: Path):
    before = file_bytes(rich)
    with pytest.raises(ExportError, match="does not exist"):
        import_json(rich, tmp_path / "missing.json")
    with pytest.raises(ExportError, match="is a folder"):
        import_json(rich, tmp_path)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(ExportError, match="not UTF-8"):
        import_json(rich, latin)
    # A store file is not an export, and says so.
    with pytest.raises(ExportError, match="store file, not an export"):
        import_json(rich, rich.path)
    claimreview = tmp_path / "cr.jsonld"
    claimreview.write_text(export_briefing(rich, "claimreview"), "utf-8")
    with pytest.raises(ExportError, match="ClaimReview export"):
        import_json(rich, claimreview)
    assert file_bytes(rich) == before


def test_failed_import_rolls_back_partial_work(empty: Briefing, tmp_path: Path, monkeypatch):
    """If the gateway refuses something halfway, none of the import is kept."""
    before = file_bytes(empty)
    real = Briefing.add_rebuttal

    def refuse(self, *args, **kwargs):
        from store.errors import ValidationError

        raise ValidationError("Invalid rebuttal: text: refused for the test")

    monkeypatch.setattr(Briefing, "add_rebuttal", refuse)
    with pytest.raises(ExportError, match=r"refused for the test.*Nothing was imported"):
        import_json(empty, DATA / "export_v1_fixture.json")
    monkeypatch.setattr(Briefing, "add_rebuttal", real)
    assert file_bytes(empty) == before
    assert empty.counts() == {"actors": 0, "statements": 0, "rebuttals": 0, "history": 0}


# -- command line --------------------------------------------------------------------------


def make_parser(global_db: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing-tui")
    if global_db:
        parser.add_argument("--db")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_export.add_commands(sub)
    return parser


def run(argv: list[str], global_db: bool = False) -> int:
    args = make_parser(global_db).parse_args(argv)
    return args.func(args)


def test_cli_export_to_stdout_and_file(rich: Briefing, tmp_path: Path, capsys):
    db = str(rich.path)
    assert run(["export", "--format", "csv", "--db", db, "--status", "false"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["status"] for r in rows] == ["false"]
    target = tmp_path / "b.md"
    code = run(["export", "-f", "md", "-o", str(target), "--db", db, "--actor", "Kellogg"])
    assert code == 0
    assert "Exported md to" in capsys.readouterr().out
    assert "### Keith Kellogg" in target.read_text("utf-8")
    assert run(["export", "-f", "claimreview", "--db", db, "--reviewer", "Desk"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["author"]["name"] == "Desk"


def test_cli_store_path_from_env_and_global_db(rich: Briefing, monkeypatch, capsys):
    monkeypatch.setenv("BRIEFING_DB", str(rich.path))
    assert run(["export", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["statements"]) == 6
    monkeypatch.setenv("BRIEFING_DB", "/nonexistent/elsewhere.json")
    # A --db given to the main parser survives the subcommand's own --db option.
    assert run(["--db", str(rich.path), "export", "--format", "json"], global_db=True) == 0
    assert len(json.loads(capsys.readouterr().out)["statements"]) == 6


def test_cli_import_json(rich: Briefing, tmp_path: Path, capsys):
    exported = tmp_path / "e.json"
    write_export(rich, "json", exported)
    target = tmp_path / "new" / "store.json"
    assert run(["import-json", str(exported), "--db", str(target)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("Imported e.json: 3 actors added, 0 reused; 6 statements added")
    assert len(Briefing.open(target).statements()) == 6


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "--format", "pdf"], "Unknown export format 'pdf'"),
        (["export", "--format", "md", "--status", "maybe"], "Unknown status 'maybe'"),
        (["export", "--format", "md", "--actor", "Nobody"], "no actor named 'Nobody'"),
        (["export", "--format", "md", "-o", "/nonexistent/dir/x.md"], "does not exist"),
        (["import-json", "/nonexistent/x.json"], "does not exist"),
    ],
)
def test_cli_errors_are_one_line(rich: Briefing, capsys, argv, message):
    before = file_bytes(rich)
    assert run([*argv, "--db", str(rich.path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing-tui: error: ")
    assert message in lines[0]
    assert file_bytes(rich) == before


def test_cli_unopenable_stores(tmp_path: Path, capsys):
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_bytes(b"\x00garbage")
    for db in (corrupt, tmp_path, tmp_path / "missing.json"):
        assert run(["export", "--format", "md", "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("briefing-tui: error: ") and err.count("\n") == 1
    assert corrupt.read_bytes() == b"\x00garbage"
    assert not (tmp_path / "missing.json").exists()  # export never creates a store
    assert run(["import-json", str(DATA / "export_v1_fixture.json"), "--db", str(corrupt)]) == 2
    assert corrupt.read_bytes() == b"\x00garbage"


def run_module(*argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tui.cli_export", *argv]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_cli_as_a_process(rich: Briefing):
    bad = run_module("export", "--format", "nope", "--db", str(rich.path))
    assert bad.returncode == 2
    assert bad.stderr.startswith("briefing-tui: error: Unknown export format 'nope'")
    assert "Traceback" not in bad.stderr and bad.stdout == ""
    good = run_module("export", "--format", "md", "--db", str(rich.path))
    assert good.returncode == 0 and good.stdout.startswith("# Briefing")


# -- Markdown escaping, property-based -----------------------------------------------------

_TRICKY = st.lists(
    st.sampled_from(
        [
            *"ab1 .)#>-+=*_`[]()<>|~&;!\\:\n",
            "&amp;",
            "&#65;",
            "\n1. ",
            "\n2) ",
            "\n- ",
            "\n# ",
            "\n> ",
            "\n\n",
            "    ",
        ]
    ),
    min_size=1,
    max_size=30,
).map("".join)


def _rendered_text(markdown: str) -> str:
    from html.parser import HTMLParser

    markdown_it = pytest.importorskip("markdown_it")
    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(markdown_it.MarkdownIt("commonmark").enable("table").render(markdown))
    return " ".join(" ".join(parts).split())


@settings(max_examples=150, deadline=None)
@given(text=_TRICKY)
def test_md_escape_shows_any_text_literally(text: str):
    from store.export import _md_item

    wanted = " ".join(text.split())
    assume(wanted)
    item = "\n".join(_md_item("", "**Label** — ", text, "_meta_"))
    rendered = _rendered_text(item)
    assert rendered == f"Label — {wanted} meta"
    heading = _rendered_text("### " + md_escape(" ".join(text.split()), heading=True))
    assert heading == wanted
    cell = md_escape(wanted).replace("\n", " ")
    table = _rendered_text(f"| A | B |\n|---|---|\n| {cell} | 1 |")
    assert table == f"A B {wanted} 1"


def test_export_file_is_an_ordinary_document_and_replaces_atomically(tmp_path: Path) -> None:
    # The store's one atomic-write helper: a new export follows the umask (not the
    # store's private 0o600), an existing file keeps its permissions, no temp is left.
    b = Briefing.open(tmp_path / "s.json")
    b.add_actor(name="Ana")
    target = tmp_path / "out.md"
    old = os.umask(0o022)
    try:
        write_export(b, "md", target)
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    write_export(b, "csv", target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text(encoding="utf-8").startswith("id,actor")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    b.close()
