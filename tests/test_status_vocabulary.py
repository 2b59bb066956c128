"""One status vocabulary: each Status knows its symbol, word, label and ClaimReview
verdict, and the README, the Markdown and CSV exports and the graph tables say the same."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from store import Briefing, Status
from store.export import STATUS_SYMBOLS, export_briefing, status_label
from store.graph_export import scorecard_markdown
from store.views import scorecard

README = Path(__file__).resolve().parent.parent / "README.md"


def test_each_status_has_a_distinct_symbol_word_and_label() -> None:
    assert [s.label for s in Status] == [
        "? unverified",
        "! disputed",
        "✓ confirmed",
        "✗ false",
        "↺ retracted",
    ]
    assert len({s.symbol for s in Status}) == len(Status)
    assert all(s.word == s.value and s.label == f"{s.symbol} {s.word}" for s in Status)
    assert {s: s.symbol for s in Status} == STATUS_SYMBOLS
    assert all(status_label(s.value) == s.label for s in Status)


def test_claimreview_verdicts() -> None:
    assert Status.UNVERIFIED.rating is None
    assert Status.FALSE.rating == ("False", 1)
    assert Status.CONFIRMED.rating == ("True", 5)
    disputed = Status.DISPUTED.rating
    assert disputed is not None and disputed.name == "Disputed" and disputed.value is None


def test_readme_lists_the_labels_the_store_defines() -> None:
    # the line that lists every status as the app shows it
    line = next(ln for ln in README.read_text(encoding="utf-8").splitlines() if "`? " in ln)
    assert re.findall(r"`([^`]+)`", line) == [s.label for s in Status]


def test_exports_use_the_labels(briefing: Briefing) -> None:
    a = briefing.add_actor(name="Ana")
    s = briefing.add_statement(actor_id=a.id, text="Rates will fall.")
    briefing.set_status(s.id, Status.DISPUTED)
    md = export_briefing(briefing, "md")
    assert f"**{Status.DISPUTED.label}** — " in md
    assert "⚠" not in md
    rows = list(csv.DictReader(io.StringIO(export_briefing(briefing, "csv"))))
    assert rows[0]["status"] == Status.DISPUTED.word
    table = "\n".join(scorecard_markdown(scorecard(briefing, a.id)))
    assert f"| {Status.DISPUTED.label} | 1 |" in table
