"""briefing-tui's terminal interface (Textual). Reads and writes only through store.Briefing."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("briefing-tui")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.1.0"
