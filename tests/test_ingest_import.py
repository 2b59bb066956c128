"""Importing (issue 13, part 4): speakers ticked and mentioned names apart, a re-import
suggests nothing twice, a rebuttal's statement is not dropped silently, the source defaults
to the file's name or the headline, HTML is reduced to text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import Input, OptionList
from tui_helpers import empty_app, on_disk

from store import Briefing
from store.article_import import accept_suggestions, default_keys, mark_present
from store.ingest import extract
from tui.cli_import import describe
from tui.import_screen import ImportScreen

ROOT = Path(__file__).resolve().parent.parent
SIZE = (120, 40)
ARTICLE = (
    "Depot row deepens\n\n"
    "Councillor Ruth Marsh said the depot was unsafe and workers were at risk. "
    "She spoke after a meeting with Victor Hale.\n\n"
    "Keel Logistics rejected the allegations made by Ruth Marsh.\n"
)


def test_speakers_are_ticked_and_mentioned_names_are_not() -> None:
    result = extract(ARTICLE)
    assert [a.name for a in result.speakers] == ["Ruth Marsh", "Keel Logistics"]
    assert [a.name for a in result.mentioned] == ["Victor Hale"]
    keys = default_keys(result)
    assert result.mentioned[0].key not in keys
    assert {s.key for s in result.statements} <= keys and {r.key for r in result.rebuttals} <= keys


def test_a_re_import_suggests_nothing_twice(tmp_path: Path) -> None:
    briefing = Briefing.open(tmp_path / "b.json")
    try:
        first = extract(ARTICLE, known_actors=briefing.actors())
        assert mark_present(briefing, first) == 0
        added = accept_suggestions(briefing, first, source="Gazette")
        assert len(added.statements_added) == 1 and len(added.rebuttals_added) == 1
        assert briefing.find_actor("Victor Hale") is None  # mentioned only: not added
        again = extract(ARTICLE, known_actors=briefing.actors())
        assert mark_present(briefing, again) == 2
        assert all(s.existing_id is not None for s in again.statements)
        assert all(r.existing_id is not None for r in again.rebuttals)
        assert not {s.key for s in again.statements} & default_keys(again)
        second = accept_suggestions(briefing, again, source="Gazette")
        assert not second.statements_added and not second.rebuttals_added
        assert len(briefing.statements()) == 1 and len(briefing.rebuttals()) == 1
    finally:
        briefing.close()


def test_a_new_rebuttal_of_a_stored_statement_attaches_to_it(tmp_path: Path) -> None:
    briefing = Briefing.open(tmp_path / "b.json")
    try:
        claim_only = ARTICLE.split("Keel Logistics")[0]
        accept_suggestions(briefing, extract(claim_only, known_actors=briefing.actors()))
        (stored,) = briefing.statements()
        result = extract(ARTICLE, known_actors=briefing.actors())
        mark_present(briefing, result)
        added = accept_suggestions(briefing, result)
        assert not added.statements_added and len(added.rebuttals_added) == 1
        (rebuttal,) = briefing.rebuttals()
        assert rebuttal.statement_id == stored.id
    finally:
        briefing.close()


def test_the_command_lists_mentioned_names_apart() -> None:
    lines = describe(extract(ARTICLE))
    assert lines[-1] == "Mentioned only (not added): Victor Hale"
    assert not any(line.startswith("Victor Hale") for line in lines[:-1])


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.app", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ},
        input=stdin,
    )


def test_the_command_defaults_the_source_and_reads_html(tmp_path: Path) -> None:
    page = tmp_path / "depot.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    page.write_text(
        f"<html><head><title>Depot row</title></head><body><h1>Depot row deepens</h1>"
        f"{paragraphs}<script>said = 'x'</script></body></html>",
        encoding="utf-8",
    )
    db = tmp_path / "b.json"
    result = run_cli("import", str(page), "--db", str(db), "--yes")
    assert result.returncode == 0, result.stderr
    data = on_disk(db)
    assert {s["source"] for s in data["statements"].values()} == {"depot.html"}
    assert "Victor Hale" not in {a["name"] for a in data["actors"].values()}
    db2 = tmp_path / "c.json"
    result = run_cli("import", "-", "--db", str(db2), "--yes", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    assert {s["source"] for s in on_disk(db2)["statements"].values()} == {"Depot row deepens"}
    again = run_cli("import", "-", "--db", str(db2), "--yes", stdin=ARTICLE)
    assert "[already in the store]" in again.stdout
    assert len(on_disk(db2)["statements"]) == 1


async def test_unticking_an_answered_statement_says_the_rebuttal_goes_too(
    tmp_path: Path,
) -> None:
    source = tmp_path / "depot.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    app = empty_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#import-file", Input).value = str(source)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        suggestions = screen.suggestions
        (mentioned,) = suggestions.mentioned
        assert mentioned.key not in screen.chosen
        kinds = [kind for kind, _ in screen.rows]
        assert "heading" in kinds and kinds.index("heading") < screen.rows.index(
            ("actor", mentioned.key)
        )
        (rebuttal,) = suggestions.rebuttals
        options = screen.query_one("#import-options", OptionList)
        options.highlighted = screen.rows.index(("statement", rebuttal.statement_key))
        await pilot.press("space")
        await pilot.pause()
        assert rebuttal.key not in screen.chosen
        messages = [n.message for n in app._notifications]
        assert any("rebuttal(s) by Keel Logistics" in m for m in messages), messages
        await pilot.press("space")  # choose the statement again, then accept
        await pilot.pause()
        assert rebuttal.statement_key in screen.chosen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
        statements = app.briefing.statements()
        assert {s.source for s in statements} == {"depot.txt"}
