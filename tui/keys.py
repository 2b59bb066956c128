"""The keys table: every command's key, action, binding id, where it applies and its words.

One row per command. Everything about keys is derived from ``KEYS``: ``BriefingApp.BINDINGS``
and ``RecordList.BINDINGS``, the key bar (it shows the bindings with ``show``), the ``?``
help screen (``help_sections``), the command palette's list (``palette_actions``) and
whether a command can run now (``WHERE``, asked by ``BriefingApp.can_run``). The README's
"### Keys" table lists exactly these keys (a test checks it), and a user may remap any row
by its ``id`` in the config file (tui/config.py).

Where a key's behaviour lives: the row's ``action`` names a method ``action_<name>`` on the
row's ``scope`` owner (see ``OWNERS``): scope "app" is ``BriefingApp`` (tui/app.py, with
its store verbs in the mixin tui/actions.py, focus and the detail's keys in tui/focus.py),
scope "list" is ``RecordList`` (tui/panes.py).
New, edit and delete act on the focused pane through ``PANE_COMMANDS`` below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding
from textual.keys import format_key

# The help screen's order: what to do first, moving last (the list keys are the usual ones).
SECTIONS = ("Statements", "Any pane", "App", "Moving")

# Which class holds the ``action_<name>`` methods of a scope.
OWNERS = {
    "app": "BriefingApp in tui/app.py (store verbs: the Actions mixin in tui/actions.py; "
    "panes, focus and the detail's keys: the FocusActions mixin in tui/focus.py)",
    "list": "RecordList in tui/panes.py",
}


@dataclass(frozen=True)
class Key:
    """One command: its default key(s) and everything said about it."""

    id: str  # the binding id: the name a user remaps in config.toml's [keys]
    keys: str  # default key(s), Textual key names, comma-separated
    action: str  # Textual action: the method action_<name> of the scope's owner (OWNERS)
    help: str  # the line in the ? help screen
    section: str  # the help screen's heading (one of SECTIONS)
    footer: str = ""  # the word in the key bar (and Textual's keys panel)
    show: bool = True  # whether the key bar shows it (when it applies)
    where: str = "dashboard"  # when it can run: a name in WHERE
    palette: str = ""  # the command palette's label ("": not in the palette)
    palette_help: str = ""  # the palette's line under the label
    scope: str = "app"  # where the binding is declared (OWNERS)
    priority: bool = True  # acted on as it arrives, before the focused widget sees it
    while_typing: bool = False  # still a command while a filter box has focus
    # Another row's id whose key this row may share: the first of the two (in this table's
    # order) that can run takes the key (escape clears the marks, else the filter).
    shares: str = ""

    @property
    def name(self) -> str:
        """The action's method name without ``action_`` and without arguments."""
        return self.action.split("(")[0]


KEYS: tuple[Key, ...] = (
    # -- app: order here is the key bar's order (help and quit sit at its right end) --
    Key("quit", "q", "quit_app", "quit (waits for pending saves)", "App", footer="Quit",
        palette="Quit", palette_help="Leave briefing-tui"),
    Key("help", "question_mark", "help", "this help: every key", "App", footer="Help",
        palette="Help: all keys", palette_help="Every key"),
    Key("palette", "ctrl+p", "command_palette", "command palette: jump to an actor or "
        "statement by name, run any command", "App", footer="palette", show=False,
        where="anywhere"),
    Key("next-pane", "tab", "next_pane", "next pane", "Moving", footer="Next pane",
        show=False, priority=False),
    Key("previous-pane", "shift+tab", "previous_pane", "previous pane", "Moving",
        footer="Previous pane", show=False, priority=False),
    Key("pane-actors", "1", "focus_pane('actors')", "actors pane", "Moving", footer="Actors",
        show=False, palette="Go to actors pane", palette_help="Pane 1"),
    Key("pane-statements", "2", "focus_pane('statements')", "statements pane", "Moving",
        footer="Statements", show=False, palette="Go to statements pane",
        palette_help="Pane 2"),
    Key("pane-rebuttals", "3", "focus_pane('rebuttals')", "rebuttals pane", "Moving",
        footer="Rebuttals", show=False, palette="Go to rebuttals pane",
        palette_help="Pane 3"),
    Key("dispute", "d", "toggle_disputed", "toggle disputed on the selected statement (with "
        "marks: on every marked one, as one change)",
        "Statements", footer="Dispute", where="statement", palette="Toggle disputed",
        palette_help="Mark the selected statement disputed, or back"),
    Key("annotate", "a", "annotate", "annotate (ctrl+s saves, escape cancels)", "Statements",
        footer="Annotate", where="statement", palette="Annotate statement",
        palette_help="Add a note to the selected statement"),
    Key("status", "s", "set_status",
        "set status (unverified, disputed, confirmed, false, retracted; with marks: of "
        "every marked one, as one change)", "Statements",
        footer="Status", where="statement", palette="Set status…",
        palette_help="Unverified, disputed, confirmed, false, retracted"),
    Key("rebut", "r", "add_rebuttal", "add a rebuttal to the selected statement",
        "Statements", footer="Rebut", where="statement", palette="Add rebuttal",
        palette_help="Another actor's answer to the selected statement"),
    Key("new", "n", "new", "new actor / statement / rebuttal", "Any pane", footer="New",
        where="pane", palette="New (in the focused pane)",
        palette_help="New actor, statement or rebuttal"),
    Key("edit", "e", "edit", "edit the selected row", "Any pane", footer="Edit", where="row",
        palette="Edit selected", palette_help="Edit the selected row of the focused pane"),
    # backspace too: many keyboards (a Mac's) have no delete key.
    Key("delete", "delete,backspace", "delete", "delete the selected row (asks first)",
        "Any pane", footer="Delete", where="row", palette="Delete selected",
        palette_help="Delete the selected row (asks first)"),
    Key("filter", "slash", "filter", "filter the focused pane as you type", "Any pane",
        footer="Filter", where="pane", palette="Filter the focused pane",
        palette_help="Filter as you type"),
    Key("clear-marks", "escape", "clear_marks", "clear the marks (when there are any; "
        "else escape clears the filter)", "Statements", footer="Unmark", where="marked",
        palette="Clear the marks", palette_help="Unmark every marked statement",
        priority=False, shares="clear-filter"),
    Key("clear-filter", "escape", "clear_filter", "clear the filter, then the status shown",
        "Any pane", footer="Clear filter", show=False, where="filtered", priority=False,
        while_typing=True),
    Key("undo", "u", "undo", "undo the last change", "Any pane", footer="Undo",
        palette="Undo last change", palette_help="Revert the last change"),
    Key("redo", "U", "redo", "redo the last undone change (until a new change)", "Any pane",
        footer="Redo", show=False, palette="Redo last undone change",
        palette_help="Re-apply what undo reverted"),
    # -- marks: several statements at once (tui/marks.py) --
    Key("mark", "space", "toggle_mark", "mark or unmark the selected statement and go down "
        "a row (one u undoes what d or s did to the marked statements)", "Statements",
        footer="Mark", where="statements-list",
        palette="Mark / unmark statement", palette_help="d and s then act on all marked "
        "statements as one change"),
    Key("mark-all", "asterisk", "mark_all", "mark every statement in the view (the actor "
        "and filter in force); again: unmark them", "Statements", footer="Mark all",
        where="statements-list", palette="Mark all statements in view",
        palette_help="The actor and filter in force; again to unmark them"),
    Key("export", "x", "export", "export the current view (Markdown, JSON, ClaimReview, CSV)",
        "Any pane", footer="Export", palette="Export the current view…",
        palette_help="Markdown, JSON, ClaimReview or CSV"),
    Key("import", "i", "import_article", "import an article (suggested actors and "
        "statements)", "Any pane", footer="Import", palette="Import an article…",
        palette_help="Suggested actors, statements and rebuttals"),
    Key("sort", "S", "cycle_sort", "sort the statements: by date, actor, status, or the "
        "order recorded (the column header shows the sort)", "Statements", footer="Sort",
        palette="Sort statements (next order)",
        palette_help="By date, actor, status or the order recorded"),
    Key("status-filter", "f", "status_filter", "show only the statements of one status (a "
        "picker; \"all statuses\" shows every one)", "Statements", footer="Status filter",
        palette="Show only one status…", palette_help="Narrow the statements to a status"),
    Key("timeline", "t", "timeline", "timeline: statements and rebuttals by day (enter "
        "jumps to the statement)", "Any pane", footer="Timeline", show=False,
        palette="Timeline", palette_help="Statements and rebuttals by day"),
    Key("who-rebuts-whom", "w", "disputes", "who rebuts whom: the dispute map, with counts "
        "(enter lists a pair's exchanges)", "Any pane", footer="Who rebuts", show=False,
        palette="Who rebuts whom", palette_help="The dispute map, with counts"),
    # -- the detail pane: focus it, maximise a pane, open or copy the statement --
    Key("pane-detail", "4", "focus_pane('detail')", "detail pane (the list keys scroll it)",
        "Moving", footer="Detail", show=False, palette="Go to detail pane",
        palette_help="Pane 4: the list keys scroll it"),
    Key("maximize", "m", "maximize", "maximise the focused pane, or back", "Any pane",
        footer="Maximise", show=False, where="maximizable", palette="Maximise the focused pane",
        palette_help="Or back to all panes"),
    Key("open-url", "o", "open_url", "open the statement's URL in the browser", "Statements",
        footer="Open URL", show=False, where="statement", palette="Open the statement's URL",
        palette_help="In your web browser"),
    Key("copy", "y", "copy_statement", "copy the statement with its actor, date and source",
        "Statements", footer="Copy", show=False, where="statement", palette="Copy the statement",
        palette_help="With its actor, date, source and URL, to the clipboard"),
    # -- moving in the focused list: app keys acted on as they arrive, like d, so that
    # "k d" typed in one burst disputes the row k moved to (a list's own binding would
    # run after d, which is acted on first) --
    Key("cursor-up", "up,k", "move('cursor_up')", "up a row", "Moving", footer="Up",
        show=False, where="list"),
    Key("cursor-down", "down,j", "move('cursor_down')", "down a row", "Moving",
        footer="Down", show=False, where="list"),
    Key("first", "g,home", "move('first')", "first row", "Moving", footer="First",
        show=False, where="list"),
    Key("last", "G,end", "move('last')", "last row", "Moving", footer="Last", show=False,
        where="list"),
    Key("page-up", "pageup", "move('page_up')", "a page up", "Moving", footer="Page up",
        show=False, where="list"),
    Key("page-down", "pagedown", "move('page_down')", "a page down", "Moving",
        footer="Page down", show=False, where="list"),
    # -- list: the bindings of each pane's list (not priority: the focused list's own) --
    Key("choose", "enter", "choose",
        "on an actor: go to their statements; on a statement: its rebuttals", "Moving",
        footer="Choose", show=False, scope="list", priority=False),
)  # fmt: skip

BY_ID: dict[str, Key] = {key.id: key for key in KEYS}
BY_ACTION: dict[str, Key] = {key.name: key for key in KEYS if key.scope == "app"}
# The dashboard's own commands: with a dialog open they neither run nor show in its footer.
DASHBOARD_ACTIONS = frozenset(
    key.name for key in KEYS if key.scope == "app" and key.where != "anywhere"
)


# -- when a command can run: predicate(app, focused pane name or None) -----------------


def _detail(app: Any) -> bool:
    return getattr(app.focused, "id", None) == "detail"


def _pane(app: Any, pane: str | None) -> bool:
    return pane is not None


def _statement(app: Any, pane: str | None) -> bool:
    # (with marks, d and s act on them even when the view shows no row)
    return (pane in ("statements", "rebuttals") or _detail(app)) and (
        app.statements.current_id is not None or bool(app.statements.marked)
    )


def _statements_list(app: Any, pane: str | None) -> bool:
    # (in its filter box the keys are text: check_action says so for every dashboard key)
    return pane == "statements" and bool(app.statements.ids)


def _marked(app: Any, pane: str | None) -> bool:
    return pane == "statements" and bool(app.statements.marked)


def _row(app: Any, pane: str | None) -> bool:
    return pane is not None and app.selected_in(pane) is not None


def _list(app: Any, pane: str | None) -> bool:
    return (pane is not None and app.focused is app.pane_list(pane)) or _detail(app)


def _maximizable(app: Any, pane: str | None) -> bool:
    return pane is not None or _detail(app) or app.screen_stack[0].maximized is not None


def _filtered(app: Any, pane: str | None) -> bool:
    if pane is None:
        return False
    shown = app.pane_list(pane)
    return bool(shown.filter_text) or getattr(shown, "status", None) is not None


WHERE: dict[str, Callable[[Any, str | None], bool]] = {
    "anywhere": lambda app, pane: True,  # in dialogs too
    "dashboard": lambda app, pane: True,  # on the dashboard, whatever has focus
    "pane": _pane,  # a pane (its list or its filter box) has focus
    "statement": _statement,  # a statement is selected, focus in statements, rebuttals or detail
    "row": _row,  # the focused pane has a selected row
    "filtered": _filtered,  # the focused pane is filtered
    "list": _list,  # a pane's list itself has focus (not its filter box), or the detail
    "maximizable": _maximizable,  # a pane or the detail has focus, or one is maximised
    "statements-list": _statements_list,  # the statements list has focus and shows a row
    "marked": _marked,  # the statements list has focus and statements are marked
}

# New / edit / delete on the focused pane: the Actions method (tui/actions.py) for each.
PANE_COMMANDS: dict[str, dict[str, str]] = {
    "actors": {"new": "new_actor", "edit": "edit_actor", "delete": "delete_actor"},
    "statements": {
        "new": "new_statement",
        "edit": "edit_statement",
        "delete": "delete_statement",
    },
    "rebuttals": {
        "new": "action_add_rebuttal",
        "edit": "edit_rebuttal",
        "delete": "delete_rebuttal",
    },
}


# -- derived ---------------------------------------------------------------------------


def bindings(scope: str = "app") -> list[Binding]:
    """The Textual bindings of ``scope``, with their ids (a keymap remaps them)."""
    return [
        Binding(
            key.keys,
            key.action,
            key.footer,
            show=key.show,
            id=key.id,
            priority=key.priority,
        )
        for key in KEYS
        if key.scope == scope
    ]


def keys_of(key_id: str, keymap: Mapping[str, str] | None = None) -> list[str]:
    """The key names bound to ``key_id``: the user's if remapped, else the default."""
    keys = (keymap or {}).get(key_id) or BY_ID[key_id].keys
    return [k.strip() for k in keys.split(",") if k.strip()]


def display(key: str) -> str:
    """How a key is written for a person: ``?`` and ``/`` as characters, others by name."""
    shown = format_key(key)
    return shown if len(shown) == 1 and shown.isascii() and shown.isprintable() else key


def shown_keys(key_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """``"delete / backspace"``: every key of ``key_id`` as the help screen writes it."""
    return " / ".join(display(k) for k in keys_of(key_id, keymap))


def first_key(key_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """The first key of ``key_id``, for a sentence ("press u to undo")."""
    return display(keys_of(key_id, keymap)[0])


def say(text: str, keymap: Mapping[str, str] | None = None) -> str:
    """``"press {new} to add one"`` with the user's key for each ``{binding id}``."""
    return text.format_map({key_id: first_key(key_id, keymap) for key_id in BY_ID})


def help_sections(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The ``?`` screen: (heading, [(keys, what they do)]) with the user's keys."""
    return [
        (
            section,
            [(shown_keys(key.id, keymap), key.help) for key in KEYS if key.section == section],
        )
        for section in SECTIONS
    ]


# The palette's order with no query: the statement commands first, quit last (an enter
# pressed twice runs the first command: not quit).
PALETTE_SECTIONS = ("Statements", "Any pane", "Moving", "App")


def palette_actions() -> list[tuple[str, str, str]]:
    """(label, action, help) of every command the palette offers."""
    return [
        (key.palette, key.action, key.palette_help)
        for section in PALETTE_SECTIONS
        for key in KEYS
        if key.palette and key.section == section
    ]
