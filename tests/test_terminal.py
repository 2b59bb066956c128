"""The app in a real terminal (tmux): keys arriving together, resizes, the exit status."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from terminal import Terminal, needs_tmux, sample_store

pytestmark = needs_tmux


def _started(db: Path, size: tuple[int, int] = (120, 40), **kwargs) -> Terminal:
    term = Terminal(db, size=size, **kwargs)
    term.wait_for(r"Statements \(\d+\)", timeout=20)
    return term


def test_palette_enter_enter_in_one_read_does_not_crash(tmp_path: Path) -> None:
    db = sample_store(tmp_path / "b.json")
    with _started(db) as term:
        term.send("C-p")
        term.wait_for("Search for commands", timeout=10)
        time.sleep(0.5)
        term.send("Enter", "Enter")  # no query: one send-keys, one read by the app
        time.sleep(1.5)
        assert term.exit_status(timeout=0.5) is None, term.screen()
        term.send("Escape")  # whatever the first command opened
        time.sleep(0.5)
        term.send("C-p")
        term.wait_for("Search for commands", timeout=10)
        term.type("toggle disp")
        term.wait_for("Toggle disputed", timeout=10)
        term.send("Enter", "Enter")  # with a query
        term.wait_for(r"is now unverified")
        assert term.exit_status(timeout=0.5) is None, term.screen()
        term.send("q")
        assert term.exit_status() == 0, term.screen()


def test_an_uncaught_error_exits_non_zero_with_a_pointer_to_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real fault inside the app: a sitecustomize that breaks the help action.
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import tui.app\n"
        "def broken(self):\n"
        "    raise RuntimeError('planted fault')\n"
        "tui.app.BriefingApp.action_help = broken\n",
        encoding="utf-8",
    )
    logs = tmp_path / "state"
    env = {"PYTHONPATH": str(hook), "XDG_STATE_HOME": str(logs)}
    with _started(tmp_path / "b.json", env=env) as term:
        term.send("?")
        status = term.exit_status(timeout=15)
        screen = term.screen()
    assert status == 1, screen
    assert "Traceback" not in screen and "planted fault" not in screen
    pointer = re.search(r"details are in (\S+\.log)", screen.replace("\n", ""))
    assert pointer, screen
    log = Path(pointer.group(1))
    assert log.is_relative_to(logs)
    report = log.read_text(encoding="utf-8")
    assert "RuntimeError: planted fault" in report and "Traceback" in report


def _actors_width(screen: str) -> int:
    line = next(line for line in screen.splitlines() if "Actors (" in line)
    return line.index("╮") + 1


def test_layout_after_a_resize_uses_the_new_size(tmp_path: Path) -> None:
    db = sample_store(tmp_path / "b.json")
    with _started(db, size=(200, 50)) as term:
        term.wait_until(lambda s: "Actors (" in s and _actors_width(s) == 34)
        term.resize(80, 24)
        screen = term.wait_until(lambda s: "Actors (" in s and _actors_width(s) == 22)
        # The statement text is on each row, not only the status.
        assert "Kellogg agr" in screen, screen
        term.resize(121, 40)
        term.wait_until(lambda s: "Actors (" in s and _actors_width(s) == 26)
        term.resize(200, 50)
        term.wait_until(lambda s: "Actors (" in s and _actors_width(s) == 34)
        # Resized while a dialog is open: the dashboard under it follows too.
        term.send("?")
        term.wait_for("briefing-tui keys")
        term.resize(80, 24)
        time.sleep(0.5)
        term.send("Escape")
        term.wait_until(lambda s: "Actors (" in s and _actors_width(s) == 22)
        term.send("q")
        assert term.exit_status() == 0


def test_briefing_db_at_a_new_path_starts_with_the_sample_and_db_starts_empty(
    tmp_path: Path,
) -> None:
    # The README: the first launch of "your" store (default or BRIEFING_DB) has the sample;
    # --db new.json starts empty.
    mine = tmp_path / "mine.json"
    with Terminal(mine, env={"BRIEFING_DB": str(mine)}, db_flag=False) as term:
        term.wait_for(r"Statements \(4\)", timeout=20)
        term.send("q")
        assert term.exit_status() == 0
    with Terminal(tmp_path / "new.json") as term:
        term.wait_for(r"Statements \(0\)", timeout=20)
        term.send("q")
        assert term.exit_status() == 0


def _statement_texts(db: Path) -> dict[str, dict]:
    import json

    with open(db, encoding="utf-8") as handle:
        return {doc["text"]: doc for doc in json.load(handle)["statements"].values()}


def test_a_form_typed_in_one_burst_keeps_every_field(tmp_path: Path) -> None:
    db = sample_store(tmp_path / "b.json")
    with _started(db) as term:
        # Everything in one write: the keys reach the app in one read.
        term.send(
            "n", "K", "e", "l", "l", "Enter", "N", "o", "Space", "d", "e", "a", "l", "Tab",
            "2", "0", "2", "5", "-", "0", "6", "-", "2", "2", "Enter", "M", "F", "A", "C-s",
        )  # fmt: skip
        term.wait_for(r"Statements \(5\)")
        term.send("q")
        assert term.exit_status() == 0, term.screen()
    added = _statement_texts(db)["No deal"]
    assert added["said_on"] == "2025-06-22"
    assert added["source"] == "MFA"


def test_a_note_typed_in_the_same_burst_as_a_keeps_its_first_letters(tmp_path: Path) -> None:
    db = sample_store(tmp_path / "b.json")
    with _started(db) as term:
        term.send("a", "C", "h", "e", "c", "k", "Space", "i", "t", "C-s")
        term.wait_for("Annotation saved")
        term.send("q")
        assert term.exit_status() == 0, term.screen()
    notes = [n["text"] for doc in _statement_texts(db).values() for n in doc["annotations"]]
    assert "Check it" in notes


def test_keys_after_a_dialog_or_pane_key_in_one_burst_go_where_it_sends_them(
    tmp_path: Path,
) -> None:
    import json

    db = sample_store(tmp_path / "b.json")
    with _started(db) as term:
        # The status list: "s" then down and enter at once (disputed -> confirmed).
        term.send("s", "Down", "Enter")
        term.wait_for(r"is now confirmed")
        # Pane keys then movement: "1 G" moves the actors list, "2 j" the statements.
        term.send("1", "G", "2", "j")
        term.wait_for(r"Statement #2")
        term.send("q")
        assert term.exit_status() == 0, term.screen()
    with open(db, encoding="utf-8") as handle:
        statements = json.load(handle)["statements"]
    assert statements["1"]["status"] == "confirmed"


def test_a_move_and_d_in_one_read_dispute_the_statement_moved_to(tmp_path: Path) -> None:
    # "k d" typed fast arrives in one read: d must act on the row k moved to, not on the
    # row that was selected before (it once changed the wrong statement's status).
    db = sample_store(tmp_path / "b.json")
    with _started(db) as term:
        term.send("j")
        term.wait_for(r"Statement #2")
        term.send("k", "d")
        term.wait_for(r"Statement #1 is now")
        assert "Statement #2 is now" not in term.screen()
        term.send("j", "j", "d")
        term.wait_for(r"Statement #3 is now")
        term.send("q")
        assert term.exit_status() == 0, term.screen()


def test_an_actor_chosen_and_d_in_one_read_dispute_that_actors_statement(tmp_path: Path) -> None:
    # "1 j j 2 d" typed fast: d must act on the chosen actor's statement, not on the one
    # selected before the actor changed (the actor list says it moved by a message that
    # comes after the keys already read).
    db = sample_store(tmp_path / "b.json")
    with _started(db) as term:
        term.send("1", "j", "j", "2", "d")  # Belarusian government: statement #3 only
        term.wait_for(r"Statement #3 is now")
        assert "Statement #1 is now" not in term.screen()
        term.send("q")
        assert term.exit_status() == 0, term.screen()


def test_keys_after_a_pickers_enter_in_one_read_go_to_the_dashboard(tmp_path: Path) -> None:
    # Found at a real terminal: "f", down, down, enter and "/minsk" in one read chose the
    # status but lost the filter (the keys after enter reached the closing picker).
    db = sample_store(tmp_path / "b.json")
    with _started(db, size=(160, 40)) as term:
        term.send("f", "Down", "Down", "Enter", "/", "c", "e", "a", "s", "e")
        screen = term.wait_for(r"only ! disputed · filter: cease")
        assert "Kellogg agreed" in screen, screen
        # The status picker (s) too: disputed -> false (it leaves the list), then S.
        term.send("Enter")  # back to the list, the filter kept
        time.sleep(0.3)
        term.send("s", "Down", "Down", "Enter", "S")  # (the title ends "sorted b…" at 160)
        term.wait_for(r"Statements \(0\) · only ! disputed · filter: cease · sorted b")
        term.send("q")
        assert term.exit_status() == 0, term.screen()
    with open(db, encoding="utf-8") as handle:
        assert json.load(handle)["statements"]["1"]["status"] == "false"
