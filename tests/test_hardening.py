"""Hardening: live sharing between processes, recovery, failed writes, locks.

Real processes and real files: a second app in its own process, a tiny tmpfs that
fills up or turns read-only (where this machine lets us mount one), a file removed
underneath, a lock held by another process.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tui_helpers import FrozenClock, disk_statement, sample_app, screen_text

import store.storage
from store import Briefing, StoreError
from store.backup import backup_dir, backups, make_backup, recover
from store.sample import build_sample
from store.storage import read_durable
from tui.app import make_app
from tui.screens import ConfirmScreen, FormScreen

ROOT = Path(__file__).resolve().parent.parent
PEER = Path(__file__).resolve().parent / "hardening_peer.py"
SIZE = (120, 40)


def peer(path: Path, action: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(PEER), str(path), action],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


async def wait_until(pilot, condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def toasts(app) -> str:
    return " ".join(n.message for n in app._notifications)


# -- live sharing between two processes ------------------------------------------------


async def test_change_in_another_app_process_appears_and_keeps_selection(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = make_app(path, sample_if_new=True, clock=FrozenClock(), poll_interval=0.3)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.briefing.flush()
        await pilot.press("slash", *"ceasefire", "enter", "j")
        selected = app.statements.current_id
        first = min(app.briefing.statement_ids())
        assert app.briefing.statement(first).status.value == "disputed"
        started = time.monotonic()
        proc = peer(path, "dispute-first")
        _out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        written = time.monotonic()
        seen = await wait_until(
            pilot, lambda: app.briefing.statement(first).status.value == "unverified", 3.0
        )
        assert seen, "the other process's change did not arrive"
        assert time.monotonic() - written < 1.5  # within about a second of landing
        assert app.statements.current_id == selected  # selection kept
        assert app.statements.filter_text == "ceasefire"  # filter kept
        assert started  # the peer ran while this app was open


async def test_open_form_survives_a_reload_and_edits_merge(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = make_app(path, sample_if_new=True, clock=FrozenClock(), poll_interval=0.3)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.briefing.flush()
        sid = app.statements.current_id
        await pilot.press("e")  # the edit form is open while the other process edits
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        proc = peer(path, "source-first")
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert await wait_until(pilot, lambda: app.briefing.statement(sid).source == "Peer source")
        assert app.screen is form  # the open form was not lost
        from textual.widgets import TextArea

        form.query_one("#field-text", TextArea).text = "Edited text from this window"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.briefing.flush()
        doc = disk_statement(path, sid)
        assert doc["text"] == "Edited text from this window"  # our field
        assert doc["source"] == "Peer source"  # their field, kept
        edits = [e for e in app.briefing.history("statements", sid) if e.action == "update"]
        assert len(edits) == 2  # the history shows both


def test_same_field_edited_twice_keeps_the_later_one(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    one = Briefing.open(path)
    build_sample(one)
    two = Briefing.open(path)
    sid = min(one.statement_ids())
    one.update_statement(sid, source="First window")
    two.update_statement(sid, source="Second window")
    assert Briefing.open(path).statement(sid).source == "Second window"
    sources = [
        e.after["source"]
        for e in Briefing.open(path).history("statements", sid)
        if e.action == "update"
    ]
    assert sources == ["Second window", "First window"]


# -- failed writes ---------------------------------------------------------------------


async def test_failed_write_is_shown_kept_and_retried(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    real = store.storage.append_durably
    failing = {"on": True}

    def flaky(target, payload):
        if failing["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(target, payload)

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.briefing.flush()
        app.briefing.storage.retry_delay = 0.05
        sid = app.statements.current_id
        monkeypatch.setattr(store.storage, "append_durably", flaky)
        await pilot.press("d")
        assert await wait_until(pilot, lambda: app.save_state.startswith("failed"))
        await pilot.pause()
        assert "NOT SAVED" in screen_text(app)
        assert "No space left on device" in toasts(app)
        assert app.briefing.unsaved
        assert app.briefing.statement(sid).status.value == "unverified"  # kept in memory
        assert disk_statement(path, sid)["status"] == "disputed"  # the disk has the old one
        await pilot.press("q")  # quitting with unsaved changes asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        failing["on"] = False
        assert await wait_until(pilot, lambda: app.save_state == "saved")
        assert disk_statement(path, sid)["status"] == "unverified"
        assert "All changes are saved now" in toasts(app)


@contextlib.contextmanager
def tiny_filesystem(tmp_path: Path, size: str = "512k") -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(
            f"cannot mount a tmpfs here ({result.stderr.strip()}); the simulated test covers it"
        )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
async def test_full_disk_for_real(tmp_path: Path) -> None:
    with tiny_filesystem(tmp_path) as mount:
        path = mount / "b.json"
        app = sample_app(path, backup=False)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            app.briefing.flush()
            app.briefing.storage.retry_delay = 0.05
            filler = mount / "filler"
            fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * 4096)
            os.close(fd)
            sid = app.statements.current_id
            await pilot.press("d")
            assert await wait_until(pilot, lambda: app.save_state.startswith("failed"))
            assert "No space left on device" in toasts(app)
            assert read_durable(path)["statements"][str(sid)]["status"] == "disputed"
            filler.unlink()
            assert await wait_until(pilot, lambda: app.save_state == "saved")
            assert disk_statement(path, sid)["status"] == "unverified"


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
async def test_read_only_filesystem_for_real(tmp_path: Path) -> None:
    with tiny_filesystem(tmp_path) as mount:
        path = mount / "b.json"
        app = sample_app(path, backup=False)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            app.briefing.flush()
            app.briefing.storage.retry_delay = 0.05
            subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
            sid = app.statements.current_id
            await pilot.press("d")
            assert await wait_until(pilot, lambda: app.save_state.startswith("failed"))
            assert "Read-only file system" in toasts(app)
            subprocess.run(["mount", "-o", "remount,rw", str(mount)], check=True)
            assert await wait_until(pilot, lambda: app.save_state == "saved")
            assert disk_statement(path, sid)["status"] == "unverified"


async def test_file_removed_underneath_is_written_again(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.briefing.flush()
        path.unlink()
        app.briefing.poll()
        await pilot.pause()
        assert path.exists()
        assert len(json.loads(path.read_bytes())["statements"]) == 4  # rewritten whole
        assert "Statements (4)" in screen_text(app)


async def test_file_replaced_by_garbage_loses_nothing_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.briefing.flush()
        path.write_bytes(b"garbage")
        app.briefing.poll()
        await pilot.pause()
        assert "Statements (4)" in screen_text(app)  # still shown
        await pilot.press("d")  # a change now cannot be merged with a broken file
        await pilot.pause()
        assert "not valid JSON" in toasts(app)
        assert path.read_bytes() == b"garbage"  # nothing overwritten blindly


# -- locks -------------------------------------------------------------------------------

HOLD_LOCK = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1] + ".log", os.O_RDONLY)  # the store's lock is flock on its log
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


async def test_lock_held_by_another_process_gives_a_message_not_a_freeze(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.briefing.flush()
        before = path.read_bytes()
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD_LOCK, str(path), "20"], stdout=subprocess.PIPE, text=True
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            started = time.monotonic()
            await pilot.press("d")
            await pilot.pause()
            waited = time.monotonic() - started
            assert waited < 5.0
            assert "locked by another process" in toasts(app)
            assert path.read_bytes() == before
        finally:
            holder.kill()
            holder.wait()


# -- backups and recovery -------------------------------------------------------------


def test_backups_rotate_and_are_named_by_date(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    actor = b.add_actor(name="Anna")
    for day in range(1, 9):
        b.add_statement(actor_id=actor.id, text=f"Statement {day}")
        b.storage.compact()  # (a backup copies the snapshot: fold the log in first)
        made = make_backup(path, now=datetime(2025, 6, day, 12, tzinfo=UTC))
        assert made is not None and made.name == f"b-202506{day:02d}-120000.json"
    assert make_backup(path) is None  # unchanged since the last backup: no new copy
    names = [p.name for p in backups(path)]
    assert len(names) == 5
    assert names[0] == "b-20250608-120000.json"


def test_recover_moves_broken_file_aside_and_restores_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    build_sample(b)
    make_backup(path, now=datetime(2025, 6, 24, 9, tzinfo=UTC))
    path.write_bytes(b'{"meta": {"1": {"schema_ver')  # a truncated file
    result = subprocess.run(
        [sys.executable, "-m", "tui.app", "--db", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "--recover" in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "tui.app", "--db", str(path), "--recover"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "Restored the backup of 2025-06-24 09:00:00 UTC" in result.stdout
    assert "4 statements" in result.stdout
    moved = list(tmp_path.glob("b.json.broken-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b'{"meta": {"1": {"schema_ver'
    assert Briefing.open(path).counts()["statements"] == 4


def test_recover_without_backup_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(b"garbage")
    with pytest.raises(StoreError, match="No usable backup"):
        recover(path)
    assert path.read_bytes() == b"garbage"
    assert not backup_dir(path).exists()


async def test_launch_makes_a_backup_of_the_last_good_file(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    build_sample(b)
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        deadline = time.monotonic() + 5
        while not backups(path) and time.monotonic() < deadline:
            await pilot.pause(0.05)
    made = backups(path)
    assert len(made) == 1
    assert made[0].read_bytes() == Path(path).read_bytes() or json.loads(made[0].read_bytes())
