"""The keys table (tui/keys.py) and the user's keymap and theme (tui/config.py)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from tui_helpers import empty_app, sample_app, screen_text, use_config

from store import Status
from tui.app import BriefingApp
from tui.cli import build_parser
from tui.config import CONFIG_ENV, config_path, load_config, save_theme
from tui.keybar import KeyBar
from tui.keys import (
    BY_ID,
    KEYS,
    OWNERS,
    PANE_COMMANDS,
    SECTIONS,
    WHERE,
    display,
    keys_of,
    palette_actions,
)
from tui.panes import RecordList
from tui.screens import HelpScreen

README = Path(__file__).resolve().parent.parent / "README.md"

# -- the table itself ------------------------------------------------------------------


def _readme_keys() -> set[str]:
    """Every `key` in the first column of the README's "### Keys" table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Keys", 1)[1]
    keys: set[str] = set()
    for line in section.splitlines()[1:]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not line.startswith(("| key", "|---")):
            keys |= set(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return keys


def test_the_readme_lists_exactly_the_keys_of_the_table() -> None:
    table = {display(key) for entry in KEYS for key in keys_of(entry.id)}
    readme = _readme_keys()
    assert readme - table == set(), "in the README but not in tui/keys.py"
    assert table - readme == set(), "in tui/keys.py but not in the README"
    own = README.read_text(encoding="utf-8").split("### Your own keys", 1)[1].split("###")[0]
    listed = re.search(r"`quit help[^`]*`", own.replace("\n", " "))
    assert listed and listed.group(0).strip("`").split() == [entry.id for entry in KEYS]


def test_every_row_says_where_its_behaviour_lives() -> None:
    owners = {"app": BriefingApp, "list": RecordList}
    assert set(owners) == set(OWNERS)
    ids = [entry.id for entry in KEYS]
    assert len(ids) == len(set(ids)), "binding ids are unique"
    for entry in KEYS:
        assert hasattr(owners[entry.scope], f"action_{entry.name}"), entry.id
        assert entry.where in WHERE, entry.id
        assert entry.section in SECTIONS, entry.id
        assert entry.help and entry.footer, entry.id
    for pane, commands in PANE_COMMANDS.items():
        assert set(commands) == {"new", "edit", "delete"}, pane
        for method in commands.values():
            assert callable(getattr(BriefingApp, method, None)), method
    assert sorted(palette_actions()) == sorted(
        (e.palette, e.action, e.palette_help) for e in KEYS if e.palette
    )
    actions = [action for _, action, _ in palette_actions()]
    assert actions[0] == "toggle_disputed" and set(actions[-2:]) == {"help", "quit_app"}


def test_the_default_keys_do_not_clash(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("", encoding="utf-8")
    config = load_config(path)
    assert config.error is None and config.keymap == {}


# -- the config file -------------------------------------------------------------------


def test_the_config_file_lives_in_the_user_config_folder(
    private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config_path() == private_home / ".config" / "briefing-tui" / "config.toml"
    monkeypatch.setenv(CONFIG_ENV, str(private_home / "mine.toml"))
    assert config_path() == private_home / "mine.toml"
    assert str(private_home / "mine.toml") in build_parser().format_help()


def test_a_good_config_remaps_by_id_and_sets_the_theme(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# mine\ntheme = "textual-light"\n\n[keys]\ndispute = "x"\nexport = "ctrl+e,?"\n'
        'help = "f1"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.error is None
    assert config.theme == "textual-light"
    assert config.keymap == {"dispute": "x", "export": "ctrl+e,question_mark", "help": "f1"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('theme = "a"\n[keys]\ndispute = x\n', 3, "not TOML"),
        ('theme = "a"\n\n[keys]\nnew = "n"\nfly = "f"\n', 5, 'unknown key id "fly"'),
        ('[keys]\n# d is x now\ndispute = "x"\n', 3, 'key "x" is used twice (dispute and export)'),
        ('[keys]\nundo = "z"\nfilter = "z"\n', 3, 'key "z" is used twice (filter and undo)'),
        ('[keys]\n\nundo = 5\n', 3, "undo must be keys in quotes"),
        ('theme = 3\n', 1, "theme must be a name"),
        ('colour = "red"\n', 1, 'unknown setting "colour"'),
    ],
)  # fmt: skip
def test_a_bad_config_is_one_line_naming_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.keymap == {} and config.theme is None  # the defaults
    assert config.error is not None and "\n" not in config.error
    assert config.error.startswith(f"{path}, line {line}: "), config.error
    assert words in config.error


def test_saving_the_theme_keeps_the_rest_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_theme(path, "nord")  # no file yet
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"theme": "nord"}
    original = '# my keys\n[keys]\ndispute = "x"  # x for dispute\nexport = "ctrl+e"\n'
    path.write_text(original, encoding="utf-8")
    save_theme(path, "dracula")
    assert path.read_text(encoding="utf-8") == 'theme = "dracula"\n' + original
    save_theme(path, "nord")
    assert path.read_text(encoding="utf-8") == 'theme = "nord"\n' + original
    assert load_config(path).keymap == {"dispute": "x", "export": "ctrl+e"}
    path.write_text("theme = \n", encoding="utf-8")
    with pytest.raises(ValueError):
        save_theme(path, "nord")  # a broken file is the user's: left as it is
    assert path.read_text(encoding="utf-8") == "theme = \n"


# -- the app follows the keymap --------------------------------------------------------


async def test_a_remapped_key_moves_in_the_footer_the_help_and_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_config(monkeypatch, tmp_path, '[keys]\ndispute = "x"\nexport = "ctrl+e"\nhelp = "f1"\n')
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar).items
        items = {description: key for key, description, _ in bar}
        assert items["Dispute"] == "x"
        assert items["Export"] == "^e"
        words = [description for _, description, _ in bar]
        assert words.index("Export") < words.index("Import")  # the table's order still
        statement_id = app.statements.current_id
        before = app.briefing.statement(statement_id).status
        await pilot.press("d")  # no longer a key
        await pilot.pause()
        assert app.briefing.statement(statement_id).status == before
        await pilot.press("x")
        await pilot.pause()
        after = app.briefing.statement(statement_id).status
        assert after != before and Status.DISPUTED in (before, after)
        await pilot.press("question_mark")  # no longer help
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict(row for _, rows in app.screen.sections for row in rows)
        assert {key: what for what, key in rows.items()}[BY_ID["dispute"].help] == "x"
        assert {key: what for what, key in rows.items()}[BY_ID["export"].help] == "ctrl+e"
        text = screen_text(app)
        assert re.search(r"\bx\s+toggle disputed", text)
        assert re.search(r"ctrl\+e\s+export the current view", text)
        await pilot.press("f1")  # the help key closes help
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_a_bad_config_says_where_and_the_defaults_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_config(monkeypatch, tmp_path, '[keys]\ndispute = "x"\n')  # x is export's
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "config.toml, line 2: key" in text  # (the folder may wrap in the toast)
        statement_id = app.statements.current_id
        before = app.briefing.statement(statement_id).status
        await pilot.press("d")
        await pilot.pause()
        assert app.briefing.statement(statement_id).status != before


async def test_the_theme_chosen_in_the_app_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = use_config(monkeypatch, tmp_path, '# keep me\n[keys]\nundo = "z"\n')
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
    assert config.read_text(encoding="utf-8") == (
        'theme = "textual-light"\n# keep me\n[keys]\nundo = "z"\n'
    )
    again = sample_app(tmp_path / "c.json")
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "textual-light"


async def test_the_hints_name_the_users_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_config(monkeypatch, tmp_path, '[keys]\nnew = "b"\npane-actors = "f2"\n')
    app = empty_app(tmp_path / "b.json")
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "No statements yet: press b to add one" in text
        assert "Press f2 then b to add your first actor" in (app.welcome or "")
        await pilot.press("f2", "b")
        await pilot.pause()
        assert "New actor" in screen_text(app)


async def test_the_palette_names_each_commands_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_config(monkeypatch, tmp_path, '[keys]\ndispute = "x"\nexport = "ctrl+e"\n')
    app = sample_app(tmp_path / "b.json")
    app.welcome = None
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for letter in "toggle disp":
            await pilot.press(letter if letter != " " else "space")
        for _ in range(20):
            await pilot.pause(0.05)
            if "key x" in screen_text(app):
                break
        assert "Mark the selected statement disputed, or back · key x" in screen_text(app)
