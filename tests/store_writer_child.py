"""A writer process for the store's crash and concurrency tests (not a test module).

usage: store_writer_child.py PATH PREFIX [COUNT]

Imports the store, prints "ready", waits for one line on stdin, opens PATH, finds (or adds)
the actor "Writer", then adds statements "PREFIX-0", "PREFIX-1", ... printing and flushing
each text right after ``add_statement`` returned (the acknowledgement: it is on disk).
Without COUNT it writes until it is killed. BRIEFING_COMPACT_LINES sets how many lines
make a background compaction due (small values compact all the time).
"""

from __future__ import annotations

import os
import sys

import store.writer
from store import Briefing


def main() -> None:
    path, prefix = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else None
    if os.environ.get("BRIEFING_COMPACT_LINES"):
        store.writer.COMPACT_LINES = int(os.environ["BRIEFING_COMPACT_LINES"])
    print("ready", flush=True)
    sys.stdin.readline()
    briefing = Briefing.open(path, lock_timeout=30)
    actor = briefing.find_actor("Writer") or briefing.add_actor(name="Writer")
    i = 0
    while count is None or i < count:
        text = f"{prefix}-{i}"
        briefing.add_statement(actor_id=actor.id, text=text)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        i += 1
    briefing.close()


if __name__ == "__main__":
    main()
