"""The gateway is the only door: the screen (tui/) uses only what ``store/__init__.py``
exports, never ``briefing.storage`` nor a ``_private`` name of the store."""

from __future__ import annotations

import ast
from pathlib import Path

import store

ROOT = Path(__file__).resolve().parent.parent
TUI = ROOT / "tui"

# Reaches past the gateway that are tolerated, each (file, expression): none.
ALLOWED: set[tuple[str, str]] = set()


def _is_briefing(node: ast.expr) -> bool:
    """``briefing``, ``self.briefing``, ``app.briefing``, ``self._briefing`` ..."""
    name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
    return name.lstrip("_").endswith("briefing")


def _uses(path: Path) -> list[str]:
    """What ``path`` reaches past the store's public surface, as expressions."""
    found: list[str] = []
    exported = set(store.__all__)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.split(".")[0] != "store":
                continue
            for alias in node.names:
                if alias.name not in exported:
                    found.append(f"from {node.module} import {alias.name}")
        elif isinstance(node, ast.Import):
            found += [
                f"import {a.name}" for a in node.names if a.name.startswith("store.")
            ]  # a submodule: reach its names through store's exports instead
        elif isinstance(node, ast.Attribute):
            private = node.attr.startswith("_") and not node.attr.startswith("__")
            on_store = isinstance(node.value, ast.Name) and node.value.id == "store"
            if (
                node.attr == "storage"
                or (private and _is_briefing(node.value))
                or (on_store and node.attr not in exported)
            ):
                found.append(ast.unparse(node))
    return found


def test_store_exports_exist() -> None:
    missing = [name for name in store.__all__ if not hasattr(store, name)]
    assert missing == []


def test_tui_uses_only_the_store_exports() -> None:
    files = sorted(TUI.rglob("*.py"))
    assert files, "no tui sources found"
    seen: set[tuple[str, str]] = set()
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        seen.update((rel, use) for use in _uses(path))
    assert sorted(seen - ALLOWED) == [], "use store's public names (store/__init__.py)"
    assert sorted(ALLOWED - seen) == [], "gone: take it off ALLOWED"


def test_the_check_catches_a_reach(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from store import Briefing, _secret\n"
        "from store.storage import DurableStorage\n"
        "from store.backup import make_backup\n"
        "import store.snapshot\n"
        "def f(briefing, self):\n"
        "    briefing.storage.data\n"
        "    self.briefing._storage\n"
        "    self._version\n"
        "    store.Briefing, store.DurableStorage, store._LAZY\n",
        encoding="utf-8",
    )
    assert sorted(_uses(sample)) == sorted(
        [
            "from store import _secret",
            "import store.snapshot",
            "briefing.storage",
            "self.briefing._storage",
            "store._LAZY",
        ]
    )
