"""What every subcommand shares: the ``--db`` option, the store it names, a one-line failure.

No textual here: the subcommands run without a terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import store_path

PROG = "briefing-tui"


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db PATH`` on a subcommand."""
    # SUPPRESS: a ``--db`` given to the main parser before the subcommand is not
    # overwritten by this subparser's default.
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the store file (default: $BRIEFING_DB, else the user data folder)",
    )


def args_store_path(args: argparse.Namespace) -> Path:
    """The store the arguments name, by the one rule in tui/paths.py."""
    return store_path(getattr(args, "db", None))


def fail(message: str) -> int:
    """Print ``briefing-tui: error: message`` (one line) to stderr; status 2."""
    from store.clean import clean_text

    print(f"{PROG}: error: {clean_text(str(message), one_line=True)}", file=sys.stderr)
    return 2
