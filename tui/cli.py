"""The command line: argument parsing, subcommands, --recover, and what a crash leaves."""

from __future__ import annotations

import argparse
import sys
import traceback
from datetime import datetime
from pathlib import Path

import platformdirs

from store import Briefing, StoreError
from store.backup import recover
from store.clean import clean_text

from . import __version__, cli_export, cli_import, paths
from .cli_export import store_error_line
from .config import config_path
from .paths import APP_NAME


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing-tui",
        description="A keyboard-driven terminal dashboard for tracking who said what.",
        # Raw: the config file's path is printed whole (argparse would break it at a "-").
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Without a command, opens the dashboard. Store: --db PATH, or BRIEFING_DB,\n"
        "or the default in your user data folder.\n\n"
        f"Your own keys and theme: {config_path()}\n"
        "(BRIEFING_CONFIG names another file; see the README's 'Your own keys').",
    )
    parser.add_argument("--version", action="version", version=f"briefing-tui {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the store file (created if missing)")
    parser.add_argument(
        "--recover",
        action="store_true",
        help="move a broken store aside (never deleting it) and restore its newest backup",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_export.add_commands(subparsers)
    cli_import.add_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; any uncaught error ends with status 1 and a log file."""
    store_path: Path | None = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if getattr(args, "func", None) is not None:
            return int(args.func(args) or 0)
        explicit = paths.explicit_store(args.db)
        store_path = paths.store_path(args.db)
        if args.recover:
            return _recover(store_path)
        return _run_app(store_path, explicit=bool(explicit), sample=not args.db)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        return crashed("".join(traceback.format_exception(exc)), store_path)


def _run_app(path: Path, *, explicit: bool, sample: bool) -> int:
    from .app import make_app

    try:
        # The sample is for "your" store (the default file or BRIEFING_DB); --db NEW
        # is how the README says to start empty.
        app = make_app(path, sample_if_new=sample)
    except StoreError as exc:
        line = store_error_line(exc, path, explicit_db=explicit)
        print(f"briefing-tui: cannot open the store: {line}", file=sys.stderr)
        return 2
    app.quiet_crash = True
    try:
        app.run()
    finally:
        saved = app.briefing.close()
    if app.crash_report is not None or (app.return_code or 0) != 0:
        return crashed(app.crash_report or "The app ended with an error.", path)
    if not saved:
        print(
            f"briefing-tui: some changes could not be saved to {path}: {app.briefing.last_error}",
            file=sys.stderr,
        )
        return 1
    return 0


def crashed(report: str, store_path: Path | None) -> int:
    """Write ``report`` to a log file and say where in one line on stderr; status 1."""
    log = write_crash_log(report, store_path)
    where = f"the details are in {log}" if log else f"details:\n{report}"
    print(
        f"briefing-tui: an unexpected error ended the app (your saved changes are kept); {where}",
        file=sys.stderr,
    )
    return 1


def write_crash_log(report: str, store_path: Path | None) -> Path | None:
    """The user's log folder first, else beside the store; None if neither is writable."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folders = [platformdirs.user_log_path(APP_NAME)]
    if store_path is not None:
        folders.append(store_path.expanduser().resolve().parent)
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / f"briefing-tui-crash-{stamp}.log"
            log.write_text(
                f"briefing-tui {__version__} crashed at {datetime.now().astimezone():%c %Z}\n"
                f"store: {store_path}\n\n{report}",
                encoding="utf-8",
            )
            return log
        except OSError:
            continue
    return None


def _recover(path: Path) -> int:
    try:
        Briefing.open(path, create=False).close()
    except StoreError:
        pass
    else:
        print(f"briefing-tui: {path} opens fine; nothing to recover.")
        return 0
    try:
        recovery = recover(path)
    except (StoreError, OSError) as exc:
        reason = clean_text(str(exc), one_line=True)
        print(f"briefing-tui: cannot recover: {reason}", file=sys.stderr)
        return 2
    print(f"briefing-tui: {recovery.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
