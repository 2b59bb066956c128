"""The user's config file: their own keys and theme (TOML, in the platform's config folder).

```toml
theme = "textual-light"

[keys]
dispute = "x"          # binding ids: the first column of tui/keys.py
export = "ctrl+e"
delete = "delete,backspace"
```

A bad file (not TOML, an unknown id, a key used twice, a value that is not a string) is
described in one line naming the file and the line, and the app starts with the defaults.
The theme chosen in the app is written back, keeping the rest of the file as it is.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .keys import BY_ID, KEYS
from .paths import APP_NAME
from .textual_compat import normalize_keys

CONFIG_ENV = "BRIEFING_CONFIG"


def config_path() -> Path:
    """``BRIEFING_CONFIG`` if set, else ``config.toml`` in the user config folder."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


@dataclass
class Config:
    """What the file says (or the defaults, with ``error`` saying why)."""

    path: Path
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys (normalized)
    theme: str | None = None
    error: str | None = None  # one line: file, line, what is wrong
    theme_line: int = 1  # where ``theme`` is set, for a message about it

    def problem(self, line: int, what: str) -> Config:
        """The defaults, with one line saying what is wrong where."""
        return Config(self.path, error=f"{self.path}, line {line}: {what}; using the defaults.")


class ConfigTheme:
    """App mixin: the config file's theme at launch (and its error, as a toast), and a
    theme chosen in the app written back to the file."""

    config: Config | None

    def _apply_config(self) -> None:
        config = self.config
        if config is None:
            return
        if config.error:
            self.notify(config.error, title="Config file not used", severity="error", timeout=20)
            return
        if config.theme is not None:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                self.notify(
                    f'{config.path}, line {config.theme_line}: unknown theme "{config.theme}" '
                    f"(ctrl+p, then Theme, lists them); using the default.",
                    title="Config file",
                    severity="error",
                    timeout=20,
                )

    def watch_theme(self, theme: str) -> None:
        # A theme chosen in the app (Textual's theme picker) is remembered in the file.
        config = self.config
        if config is None or config.error or theme == config.theme:
            return
        config.theme = theme
        try:
            save_theme(config.path, theme)
        except (OSError, ValueError) as exc:
            self.notify(
                f"Could not remember the theme in {config.path}: {exc}",
                severity="warning",
            )


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file is the defaults, a bad one the defaults and an error."""
    path = path or config_path()
    config = Config(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as exc:
        return config.problem(1, f"cannot read it ({exc})")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        reason = str(exc).split(" (at ")[0]
        return config.problem(line, f"not TOML: {reason}")
    for name in data:
        if name not in ("keys", "theme"):
            return config.problem(_line_of(text, name), f'unknown setting "{name}"')
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        return config.problem(_line_of(text, "theme"), "theme must be a name in quotes")
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        return config.problem(_line_of(text, "keys"), "keys must be a table: [keys]")
    keymap: dict[str, str] = {}
    for key_id, value in keys.items():
        line = _line_of(text, key_id, section="keys")
        if key_id not in BY_ID:
            return config.problem(line, f'unknown key id "{key_id}" (see the README\'s keys)')
        if not isinstance(value, str) or not value.strip(",").strip():
            return config.problem(line, f'{key_id} must be keys in quotes, like "x" or "ctrl+e"')
        keymap[key_id] = normalize_keys(value)
    clash = _clash(keymap)
    if clash:
        key, first, second = clash
        # The later of the two lines that set it (the default's id has no line).
        line = max(_line_of(text, i, section="keys") for i in (first, second) if i in keymap)
        return config.problem(line, f'key "{key}" is used twice ({first} and {second})')
    return Config(path, keymap, theme, theme_line=_line_of(text, "theme"))


def _clash(keymap: Mapping[str, str]) -> tuple[str, str, str] | None:
    """The first key bound to two ids once the user's keys are applied."""
    owner: dict[str, str] = {}
    for entry in KEYS:
        keys = keymap.get(entry.id) or normalize_keys(entry.keys)
        for key in keys.split(","):
            key = key.strip()
            other = owner.get(key)
            if other is not None and other != entry.id and not _shared(other, entry.id):
                return key, other, entry.id
            owner[key] = entry.id
    return None


def _shared(first: str, second: str) -> bool:
    """Whether the keys table lets these two rows share a key (Key.shares)."""
    return BY_ID[first].shares == second or BY_ID[second].shares == first


def _line_from_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


def _line_of(text: str, name: str, *, section: str | None = None) -> int:
    """The line (1-based) where ``name = …`` is set (in ``[section]`` if given), else 1."""
    current: str | None = None
    pattern = re.compile(rf"""^\s*["']?{re.escape(name)}["']?\s*=""")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[([^\]]+)\]", line)
        if header:
            current = header.group(1).strip()
            if section is None and current == name:
                return number
            continue
        if current == section and pattern.match(line):
            return number
    return 1


def save_theme(path: Path, theme: str) -> None:
    """Set ``theme = "…"`` in the file, keeping every other line (comments too); atomic.

    Raises OSError when the file cannot be written, ValueError when it is not TOML now
    (then it is left alone: the user is editing it)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    tomllib.loads(text)  # a broken file is the user's to fix: not rewritten (ValueError)
    lines = text.splitlines(keepends=True)
    setting = f'theme = "{theme}"\n'
    for index, line in enumerate(lines):
        if re.match(r"^\s*\[", line):
            break  # top-level settings come before the first table
        if re.match(r"""^\s*["']?theme["']?\s*=""", line):
            lines[index] = setting
            break
    if not any(line == setting for line in lines):
        lines.insert(0, setting)
    new_text = "".join(lines)
    if tomllib.loads(new_text).get("theme") != theme:
        raise ValueError("the theme line could not be placed")
    _write_atomically(path, new_text)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
