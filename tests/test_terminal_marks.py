"""Marks in a real terminal (tmux): keys arriving in one read, then undo, then quit with
everything on disk."""

from __future__ import annotations

from pathlib import Path

from terminal import Terminal, needs_tmux, sample_store

from store.storage import read_durable

pytestmark = needs_tmux


def _statuses(db: Path) -> list[str]:
    statements = read_durable(db)["statements"]
    return [statements[k]["status"] for k in sorted(statements, key=int)]


def test_space_space_d_in_one_read_then_u(tmp_path: Path) -> None:
    db = sample_store(tmp_path / "b.json")
    assert _statuses(db) == ["disputed", "unverified", "unverified", "confirmed"]
    with Terminal(db, size=(120, 40)) as term:
        term.wait_for(r"Statements \(4\)", timeout=20)
        term.send("j", "Space", "Space", "d")  # one send-keys: one read by the app
        term.wait_for(r"2 statements are now disputed")
        screen = term.wait_for(r"✓ saved · .* 3 disputed")
        assert "marked" not in screen  # the marks are cleared once applied
        term.send("u")
        term.wait_for(r"Undid: Marked 2 statements disputed")
        term.wait_for(r"✓ saved · .* 1 disputed")
        # mark all, clear with escape (an escape followed at once by another key is read
        # as alt+that key by any terminal program: escape goes on its own)
        term.send("*")
        term.wait_for(r"Statements \(4\) · 4 marked")
        term.send("Escape")
        term.wait_until(lambda screen: "marked" not in screen)
        # mark all again and confirm them, in one read
        term.send("*", "s", "Down", "Down", "Enter")
        term.wait_for(r"3 statements are now confirmed")
        term.wait_for(r"✓ saved · .* 0 disputed")
        term.send("q")
        assert term.exit_status() == 0, term.screen()
    assert _statuses(db) == ["confirmed"] * 4


def test_marks_at_80_columns(tmp_path: Path) -> None:
    db = sample_store(tmp_path / "b.json")
    with Terminal(db, size=(80, 24)) as term:
        term.wait_for(r"Statements \(4\)", timeout=20)
        term.send("1", "j", "2", "*", "1", "g", "2")  # Lukashenko's, then everyone's
        screen = term.wait_for(r"Statements \(4\) · 1 marked")
        rows = [line for line in screen.splitlines() if "●" in line]
        # (at 80 columns the table shows the status symbol: ! is disputed)
        assert len(rows) == 1 and "●!" in rows[0], screen
        term.send("j", "Space")
        term.wait_for(r"Statements \(4\) · 2 marked")
        term.send("q")
        assert term.exit_status() == 0, term.screen()


def test_keys_after_enter_in_the_filter_in_one_read_go_to_the_list(tmp_path: Path) -> None:
    # Found at a real terminal: "/cease", enter and space in one read typed the space into
    # the filter box (the list took focus only when the box's message was handled).
    db = sample_store(tmp_path / "b.json")
    with Terminal(db, size=(120, 40)) as term:
        term.wait_for(r"Statements \(4\)", timeout=20)
        term.send("2", "/", "c", "e", "a", "s", "e", "Enter", "Space")
        term.wait_for(r"Statements \(3\) · 1 marked · filter: cease")
        term.send("q")
        assert term.exit_status() == 0, term.screen()
