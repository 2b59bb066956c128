"""The store is a plain library: it never imports textual, rich or the tui package."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORE = ROOT / "store"
FORBIDDEN = ("textual", "rich", "tui")


def test_importing_store_loads_no_ui_module() -> None:
    code = (
        "import json, sys, store, store.sample, store.models, store.storage, store.briefing\n"
        "import pkgutil, importlib\n"
        "for info in pkgutil.iter_modules(store.__path__, 'store.'):\n"
        "    importlib.import_module(info.name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(json.dumps(bad))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, check=False
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def _imported_roots(source: str) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            for arg in node.args[:1]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    roots.add(arg.value.split(".")[0])
    return roots


def test_store_sources_do_not_import_ui_modules() -> None:
    files = sorted(STORE.rglob("*.py"))
    assert files, "no store sources found"
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            _imported_roots(path.read_text("utf-8")) & set(FORBIDDEN)
        )
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_static_scan_would_notice() -> None:
    assert _imported_roots("import textual.app") == {"textual"}
    assert _imported_roots("from rich.markup import escape") == {"rich"}
    assert _imported_roots("def f():\n    from tui import app\n") == {"tui"}
    assert _imported_roots("from . import models") == set()
