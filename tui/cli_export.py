"""The ``export`` and ``import-json`` subcommands (no textual: these run without a terminal).

The app's entry point registers them with ``add_commands(subparsers)``; this module also
runs on its own: ``python -m tui.cli_export export --format md``.

Errors (an unknown format, status or actor, a store that cannot be opened, a file
that cannot be imported, any ``StoreError``, and anything unexpected) print one line,
``briefing-tui: error: ...``, to stderr and return 2: never a traceback.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from .cli_common import PROG, add_db_option, args_store_path, fail

FORMATS = ("md", "json", "claimreview", "csv", "dot")  # the same as store.export.FORMATS
STATUSES = ("unverified", "disputed", "confirmed", "false", "retracted")


def add_commands(subparsers: Any) -> None:
    """Register ``export`` and ``import-json`` on an argparse ``subparsers`` object."""
    export = subparsers.add_parser(
        "export",
        help="write a briefing: Markdown, JSON, ClaimReview JSON-LD or CSV",
        description=(
            "Export the store (or a selection of its statements). Without -o the export "
            "goes to standard output."
        ),
    )
    # Formats and statuses are checked by the command, not by argparse ``choices``, so a
    # bad value gets the same one-line error and exit status as every other problem.
    export.add_argument(
        "-f",
        "--format",
        required=True,
        metavar="|".join(FORMATS),
        help="md: Markdown briefing; json: the whole store, lossless (importable); "
        "claimreview: schema.org ClaimReview JSON-LD; csv: one row per statement",
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    add_db_option(export)
    export.add_argument("--status", metavar="|".join(STATUSES), help="only this status")
    export.add_argument("--actor", metavar="NAME", help="only this actor (name or alias)")
    export.add_argument("--text", metavar="TEXT", help="only statements containing TEXT")
    export.add_argument(
        "--reviewer",
        metavar="NAME",
        default=None,
        help="ClaimReview: the reviewing organisation (default: briefing-tui analyst)",
    )
    export.add_argument(
        "--review-url",
        metavar="URL",
        default=None,
        help="ClaimReview: base URL of the published review (each gets #statement-ID)",
    )
    export.add_argument("--title", metavar="TITLE", help="Markdown: the briefing's title")
    export.set_defaults(func=run_export)

    importer = subparsers.add_parser(
        "import-json",
        help="merge a JSON export into the store (one undo step)",
        description=(
            "Merge a JSON export into the store: actors with the same name or alias are "
            "reused, statements and rebuttals already present are not duplicated."
        ),
    )
    importer.add_argument("file", metavar="FILE", help="a file written by 'export --format json'")
    add_db_option(importer)
    importer.set_defaults(func=run_import_json)


def store_error_line(exc: Exception, path: Path, *, explicit_db: bool = True) -> str:
    """The store's error as one line, offering ``--recover`` only for a broken store that
    has a backup or a history log to rebuild from (no other is told to run it)."""
    from store import CorruptStoreError
    from store.backup import can_recover, has_backup
    from store.clean import clean_text

    line = clean_text(str(exc), one_line=True)
    if isinstance(exc, CorruptStoreError) and path.exists() and "--recover" not in line:
        db = f" --db {shlex.quote(str(path))}" if explicit_db else ""
        try:
            backed_up = has_backup(path)
        except OSError:
            backed_up = False
        if backed_up:
            line += (
                f" A backup exists: run {PROG} --recover{db} to move the broken file aside "
                "and restore the newest backup."
            )
        elif can_recover(path):
            line += (
                f" Its history log holds every change: run {PROG} --recover{db} to move the "
                "broken file aside and rebuild the store from the log."
            )
    return clean_text(line, one_line=True)


def _unexpected(exc: BaseException, what: str) -> int:
    # The last guard against a traceback: one line that says what failed and how.
    if isinstance(exc, RecursionError):
        reason = "it is nested too deeply"
    elif isinstance(exc, MemoryError):
        reason = "it is too large to hold in memory"
    else:
        reason = f"{type(exc).__name__}: {str(exc)[:200]}"
    return fail(f"{what} failed: {reason}. Nothing was changed.")


def run_export(args: argparse.Namespace) -> int:
    """``export``: returns the exit status (0, or 2 with one line on stderr)."""
    from store import Briefing, StoreError
    from store.export import DEFAULT_REVIEWER, export_briefing, write_export

    path = args_store_path(args)
    if not path.exists():
        return fail(f"There is no store at {path}, so nothing to export. Check --db.")
    options: dict[str, Any] = {
        "status": args.status,
        "actor_name": args.actor,
        "text": args.text,
        "reviewer": args.reviewer or DEFAULT_REVIEWER,
        "review_url": args.review_url,
        "title": args.title,
    }
    try:
        briefing = Briefing.open(path, create=False)
    except StoreError as exc:
        return fail(store_error_line(exc, path))
    except (RecursionError, MemoryError, ValueError, OSError) as exc:
        return _unexpected(exc, f"Opening {path}")
    try:
        if args.output and args.output != "-":
            written = write_export(briefing, args.format, args.output, **options)
            print(f"Exported {args.format} to {written}")
            return 0
        text = export_briefing(briefing, args.format, **options)
    except StoreError as exc:
        return fail(str(exc))
    except Exception as exc:
        return _unexpected(exc, f"Exporting {path} as {args.format}")
    finally:
        briefing.close()
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


def run_import_json(args: argparse.Namespace) -> int:
    """``import-json``: returns the exit status; prints a one-line report."""
    from store import Briefing, StoreError
    from store.export import import_json

    path = args_store_path(args)
    source = Path(args.file).expanduser()
    try:
        briefing = Briefing.open(path)
    except StoreError as exc:
        return fail(store_error_line(exc, path))
    except (RecursionError, MemoryError, ValueError, OSError) as exc:
        return _unexpected(exc, f"Opening {path}")
    try:
        report = import_json(briefing, source)
    except StoreError as exc:
        return fail(str(exc))
    except Exception as exc:
        return _unexpected(exc, f"Importing {source}")
    finally:
        briefing.close()
    print(report.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """A parser with just these two subcommands (for ``python -m tui.cli_export``)."""
    parser = argparse.ArgumentParser(prog=PROG, description="Export or import a briefing.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
