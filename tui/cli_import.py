"""The ``import`` subcommand: suggested actors, statements and rebuttals from an article.

Without ``--yes`` it only prints what it found and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from .cli_common import add_db_option, args_store_path, fail


def add_commands(subparsers: Any) -> None:
    """Register ``import`` on an argparse ``subparsers`` object."""
    parser = subparsers.add_parser(
        "import",
        help="suggest actors, statements and rebuttals from an article (--yes to add them)",
        description=(
            "Read a plain-text news article and print the actors, statements and rebuttals "
            "found in it. Nothing is written unless --yes is given; then all of them are "
            "added as one change (one undo)."
        ),
    )
    parser.add_argument(
        "file", metavar="FILE", help="the article as a text or HTML file ('-' for stdin)"
    )
    add_db_option(parser)
    parser.add_argument(
        "--source",
        metavar="NAME",
        default="",
        help="the source's name (default: the file's name, or the headline for stdin)",
    )
    parser.add_argument("--url", metavar="URL", default="", help="the article's URL")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="publication date, to resolve 'on Monday' etc."
    )
    parser.add_argument(
        "--yes",
        action="store_true",
        help="add the speaking actors and what they said (names only mentioned are not added)",
    )
    parser.set_defaults(func=run_import)


def describe(suggestions: Any) -> list[str]:
    """The suggestions as lines of text: speaking actors with what they said, then the
    names only mentioned (not added)."""
    from .text import clean

    lines: list[str] = []
    claims = {s.key: s for s in suggestions.statements}
    names = {a.key: a.name for a in suggestions.actors}
    for actor in suggestions.actors:
        if not getattr(actor, "speaks", True):
            continue
        known = " (already in the store)" if actor.existing_id is not None else ""
        role = f", {actor.role}" if actor.role else ""
        lines.append(f"{clean(actor.name, one_line=True)} [{actor.kind}{role}]{known}")
        for statement in suggestions.statements:
            if statement.actor_key == actor.key:
                when = f" ({statement.said_on})" if statement.said_on else ""
                present = " [already in the store]" if statement.existing_id is not None else ""
                lines.append(f"  - says{when}: {clean(statement.text, one_line=True)}{present}")
        for rebuttal in suggestions.rebuttals:
            if rebuttal.actor_key == actor.key:
                target = claims.get(rebuttal.statement_key)
                whose = names.get(target.actor_key, "?") if target else "?"
                present = " [already in the store]" if rebuttal.existing_id is not None else ""
                lines.append(
                    f"  - rebuts {clean(whose, one_line=True)}: "
                    f"{clean(rebuttal.text, one_line=True)}{present}"
                )
    mentioned = [a for a in suggestions.actors if not getattr(a, "speaks", True)]
    if mentioned:
        lines.append(
            "Mentioned only (not added): "
            + ", ".join(clean(a.name, one_line=True) for a in mentioned)
        )
    return lines


def _report(suggestions: Any, warnings: list[str], *, written: bool) -> None:
    for warning in [*warnings, *suggestions.warnings]:
        print(f"note: {warning}", file=sys.stderr)
    found = describe(suggestions)
    print("\n".join(found) if found else "No actors or statements were found.")
    if not written:
        speakers = sum(1 for a in suggestions.actors if getattr(a, "speaks", True))
        print(
            f"\nFound {speakers} speaking actor(s), {len(suggestions.statements)} "
            f"statement(s), {len(suggestions.rebuttals)} rebuttal(s). Nothing was written: "
            "run again with --yes to add them (or press i in the app to choose)."
        )


def run_import(args: argparse.Namespace) -> int:
    """``import``: returns the exit status (0, or 2 with one line on stderr)."""
    from store import Briefing, StoreError
    from store.article_import import accept_suggestions, mark_present
    from store.ingest import extract, read_article

    published = None
    if args.date:
        try:
            published = date.fromisoformat(args.date)
        except ValueError:
            return fail(f"--date must be YYYY-MM-DD, not {args.date!r}.")
    try:
        if args.file == "-":
            text, warnings = sys.stdin.read(), []
        else:
            text, warnings = read_article(Path(args.file).expanduser())
        path = args_store_path(args)
        if not args.yes and not path.exists():
            # Only looking: no store to match against, and none is created.
            suggestions = extract(text, published=published)
            _report(suggestions, warnings, written=False)
            return 0
        briefing = Briefing.open(path)
        try:
            suggestions = extract(text, known_actors=briefing.actors(), published=published)
            mark_present(briefing, suggestions)
            _report(suggestions, warnings, written=args.yes)
            if not args.yes:
                return 0
            # The source, when not given: the file's name, or the article's headline.
            source = args.source or (
                Path(args.file).name if args.file != "-" else suggestions.headline
            )
            result = accept_suggestions(
                briefing,
                suggestions,
                source=source,
                url=args.url,
                reason=f"Imported {Path(args.file).name}",
            )
        finally:
            briefing.close()
    except StoreError as exc:
        return fail(str(exc))
    print(f"\n{result.summary()} Undo in the app with u.")
    return 0
