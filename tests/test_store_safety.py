"""The six faults an adversarial test found in the schema-1 storage, each driven for real:
a lock that cannot be taken, "saved" said too soon, FIFOs and devices, symlinks, temp files
of killed writers, and a kill during --recover."""

from __future__ import annotations

import errno
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import store.backup
import store.log
import store.storage
from store import Briefing, Status, StoreError, StoreWriteError
from store.backup import make_backup, recover

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
STRESS = os.environ.get("STRESS") == "1"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and signals")


def log_of(path: Path) -> Path:
    return path.with_name(path.name + ".log")


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def small_store(path: Path) -> Briefing:
    b = Briefing.open(path)
    actor = b.add_actor(name="Keith Kellogg")
    b.add_statement(actor_id=actor.id, text="claim")
    return b


# -- 1. a lock that cannot be taken is an error, never a write without it ---------------------


def test_a_lock_the_file_system_refuses_is_an_error_and_nothing_is_written(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = small_store(store_path)
    before = files(store_path.parent)
    real = store.log.fcntl.flock

    def refused(fd, op):
        if op & store.log.fcntl.LOCK_EX:
            raise OSError(errno.ENOLCK, "No locks available")
        return real(fd, op)

    monkeypatch.setattr(store.log.fcntl, "flock", refused)
    for verb in (
        lambda: b.add_actor(name="Not without the lock"),
        lambda: b.set_status(1, Status.FALSE),
        lambda: b.undo(),
    ):
        with pytest.raises(StoreWriteError, match=r"Cannot lock .*No locks available"):
            verb()
    assert files(store_path.parent) == before
    assert [a.name for a in b.actors()] == ["Keith Kellogg"]
    assert b.unsaved_count == 0


def test_a_log_we_may_not_write_gives_a_read_only_store(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_store(store_path).close()
    monkeypatch.setattr(store.log.os, "access", lambda path, mode: False)
    before = files(store_path.parent)
    b = Briefing.open(store_path)  # reading works
    assert b.statements()[0].text == "claim"
    with pytest.raises(StoreWriteError, match="read-only for you"):
        b.add_actor(name="x")
    b.close()
    assert files(store_path.parent) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a child as another user")
def test_another_user_gets_an_error_not_a_lost_update(tmp_path: Path) -> None:
    try:
        subprocess.run([sys.executable, "-c", "pass"], user="nobody", check=True, timeout=30)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("user nobody cannot run this Python")
    shared = Path("/tmp") / f"briefing-shared-{os.getpid()}"
    shared.mkdir(mode=0o755, exist_ok=True)
    try:
        path = shared / "b.json"
        small_store(path).close()
        before = files(shared)
        child = (
            "import sys\nfrom store import Briefing, StoreError\n"
            "b = Briefing.open(sys.argv[1])\n"
            "try:\n    b.add_actor(name='intruder')\nexcept StoreError as e:\n    print(e)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", child, str(path)],
            capture_output=True,
            text=True,
            env=ENV,
            cwd="/",
            user="nobody",
            timeout=60,
        )
        assert "read-only for you" in result.stdout, result.stderr
        assert files(shared) == before
    finally:
        shutil.rmtree(shared)


# -- 2. "saved" only when durable -------------------------------------------------------------


def test_saved_is_said_only_when_nothing_is_pending(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    b = Briefing.open(store_path, write_behind=True)
    heard: list[tuple[str, int]] = []
    b.storage.on_status = lambda status: heard.append((status, b.unsaved_count))
    real = store.storage.append_durably

    def slow(log, payload):
        time.sleep(0.003)  # a slow disk: changes pile up behind the writer
        return real(log, payload)

    monkeypatch.setattr(store.storage, "append_durably", slow)
    actor = b.add_actor(name="A")
    for n in range(40):
        b.add_statement(actor_id=actor.id, text=f"s{n}")
        assert b.unsaved_count >= 0
    assert b.flush() and b.unsaved_count == 0
    assert heard and heard[-1] == ("saved", 0)
    assert all(pending == 0 for status, pending in heard if status == "saved")
    # "saving" for a change always comes before the "saved" that covers it
    assert heard.index(("saved", 0)) > 0 and heard[0][0] == "saving"
    b.close()


SAVER = """
import sys
from store import Briefing
b = Briefing.open(sys.argv[1], write_behind=True)
made = 0
def say(line):
    # One write per line: print() writes the newline apart, and the writer thread's line
    # could land between ("readysaved 0").
    sys.stdout.write(line + "\\n")
    sys.stdout.flush()
def status(s):
    if s == "saved" and b.unsaved_count == 0:
        say(f"saved {made}")
b.storage.on_status = status
actor = b.add_actor(name="W")
say("ready")
while True:
    b.add_statement(actor_id=actor.id, text=f"s{made}")
    made += 1
"""


def test_a_change_reported_saved_survives_sigkill(tmp_path: Path) -> None:
    rounds = 40 if STRESS else 6
    rng = random.Random()
    for n in range(rounds):
        path = tmp_path / f"b{n}.json"
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n", proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.02, 0.2))
        proc.kill()
        proc.wait()
        reports = [line.split() for line in proc.stdout.read().splitlines()]
        saved = max((int(r[1]) for r in reports if len(r) == 2 and r[0] == "saved"), default=0)
        b = Briefing.open(path)
        texts = [s.text for s in b.statements()]
        assert texts[:saved] == [f"s{i}" for i in range(saved)], (n, saved, len(texts))
        b.close()


# -- 3. only regular files --------------------------------------------------------------------


def _open_within(path: Path, seconds: float = 5.0) -> BaseException | None:
    caught: list[BaseException] = []

    def run() -> None:
        try:
            Briefing.open(path)
        except BaseException as exc:  # (reported to the test)
            caught.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"opening {path} hangs"
    return caught[0] if caught else None


def test_a_fifo_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero"), Path("/dev/null")):
        err = _open_within(path)
        assert isinstance(err, StoreError), err
        assert "not a regular file" in str(err) and str(path) in str(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]
    # a FIFO in the log's place is refused too
    real = tmp_path / "real.json"
    small_store(real).close()
    log_of(real).unlink()
    os.mkfifo(log_of(real))
    err = _open_within(real)
    assert isinstance(err, StoreError) and "not a regular file" in str(err)


# -- 4. symlinks ---------------------------------------------------------------------------------


def test_a_symlinked_store_writes_the_real_file_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "store.json"
    link = tmp_path / "link.json"
    small_store(target).close()
    link.symlink_to(target)
    b = Briefing.open(link)
    b.add_actor(name="Through the link")
    b.close()
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert not (tmp_path / "link.json.log").exists()
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["store.json", "store.json.log"]
    names = [a.name for a in Briefing.open(target).actors()]
    assert names == ["Keith Kellogg", "Through the link"]


def test_a_dangling_symlink_is_an_error_not_a_new_store(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "gone" / "store.json")
    with pytest.raises(StoreError, match=r"symbolic link .* does not exist"):
        Briefing.open(link)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json"]
    assert not (tmp_path / "gone").exists()


# -- 5. temp files of killed writers -------------------------------------------------------------


HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(30)
"""


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temp_files_are_removed_at_open_only_ours_and_only_without_a_live_writer(
    store_path: Path,
) -> None:
    small_store(store_path).close()
    folder = store_path.parent
    dead = folder / f".{store_path.name}.{_dead_pid()}.1.tmp"
    dead_log = folder / f".{log_of(store_path).name}.{_dead_pid()}.1.tmp"  # --recover's new log
    alive = folder / f".{store_path.name}.{os.getpid()}.99.tmp"
    foreign = folder / ".someone-else.tmp"
    for p in (dead, dead_log, alive, foreign):
        p.write_bytes(b'{"meta": {"1": {"schema_ver')
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(log_of(store_path))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        Briefing.open(store_path, lock_timeout=0.2).storage.log.close()
        assert dead.exists() and dead_log.exists()  # a live writer holds the lock
    finally:
        holder.kill()
        holder.wait()
    Briefing.open(store_path).close()
    assert not dead.exists() and not dead_log.exists()
    assert alive.exists() and foreign.exists()


# -- 6. a kill during --recover leaves a store file ------------------------------------------------


def _broken_with_backup(path: Path) -> bytes:
    b = small_store(path)
    b.close()
    assert make_backup(path) is not None
    b = Briefing.open(path)
    b.add_statement(actor_id=1, text="after the backup")  # only in the log
    b.close()
    broken = path.read_bytes()[:40]
    path.write_bytes(broken)
    return broken


def test_recover_copies_the_broken_file_aside_before_replacing_it(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _broken_with_backup(store_path)
    calls: list[Path] = []
    real = store.backup.write_atomically

    def dies_on_install(path: Path, payload) -> None:
        calls.append(path)
        if path == store_path:
            raise KeyboardInterrupt("killed before the rename")
        real(path, payload)

    monkeypatch.setattr(store.backup, "write_atomically", dies_on_install)
    with pytest.raises(KeyboardInterrupt):
        recover(store_path)
    assert store_path.read_bytes() == broken  # still a file where the store was
    assert calls[0].name.startswith("briefing.json.broken-") and calls[1] == store_path
    monkeypatch.undo()
    recovery = recover(store_path)
    assert "1 later changes were replayed" in recovery.describe()
    texts = [s.text for s in Briefing.open(store_path).statements()]
    assert texts == ["claim", "after the backup"]  # the backup plus the log: nothing lost


RECOVER = """
import sys
from pathlib import Path
from store.backup import recover
recover(Path(sys.argv[1]))
"""


def test_sigkill_during_recover_always_leaves_a_store_file(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    broken = _broken_with_backup(path)
    rng = random.Random()
    for _ in range(30 if STRESS else 5):
        path.write_bytes(broken)
        proc = subprocess.Popen([sys.executable, "-c", RECOVER, str(path)], env=ENV)
        time.sleep(rng.uniform(0.03, 0.25))  # (the import takes most of it)
        proc.kill()
        proc.wait()
        assert path.exists()
        raw = path.read_bytes()
        if raw != broken:
            assert [s.text for s in Briefing.open(path).statements()][-1] == "after the backup"
