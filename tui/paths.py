"""Where the store lives by default (no textual import: the CLI uses this too)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "briefing-tui"


def default_store_path() -> Path:
    """``BRIEFING_DB`` if set, else ``briefing.json`` in the user data folder."""
    env = os.environ.get("BRIEFING_DB")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_NAME) / "briefing.json"
