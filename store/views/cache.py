"""Remember view results until the store changes.

The timeline, the dispute map and the whole-store scorecard read every statement and
rebuttal (a few tenths of a second at 100,000 statements). A screen opened again, or an
actors pane that comes back to "All actors", can take them from a ``ViewCache``::

    views = ViewCache(briefing)          # one per open store, e.g. on the app
    card = views.scorecard(None)         # computed once ...
    card = views.scorecard(None)         # ... then remembered until the next change
    views.close()                        # stop listening to the store
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from ..briefing import Briefing, Change
from .disputes import DisputeMap, Pair, dispute_map, pairs
from .scorecard import Scorecard, scorecard
from .timeline import Timeline, timeline

_T = TypeVar("_T")


class ViewCache:
    """The last results of the view functions for one store, dropped on any change.

    A result is kept with the store's ``revision`` it was computed at and handed out only
    while the revision is the same; every change event (a verb, an undo, a reload of a
    file another process changed) empties the cache too. A result computed while the
    store changed underneath (in a worker thread) is returned but not kept. The results
    are frozen dataclasses, so sharing them is safe.
    """

    def __init__(self, briefing: Briefing, *, size: int = 32) -> None:
        self._briefing = briefing
        self._size = max(1, size)
        self._results: dict[Hashable, tuple[Any, Any]] = {}  # oldest first
        self._unsubscribe: Callable[[], None] | None = briefing.subscribe(self._changed)
        self.hits = 0
        self.misses = 0

    def _changed(self, change: Change) -> None:
        self._results.clear()

    def clear(self) -> None:
        self._results.clear()

    def close(self) -> None:
        """Stop listening to the store and forget everything."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._results.clear()

    def __enter__(self) -> ViewCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get(self, key: Hashable, build: Callable[[], _T]) -> _T:
        revision = self._briefing.revision
        found = self._results.get(key)
        if found is not None and found[0] == revision:
            self.hits += 1
            return found[1]  # type: ignore[no-any-return]
        self.misses += 1
        value = build()
        if self._briefing.revision == revision and self._unsubscribe is not None:
            self._results.pop(key, None)
            self._results[key] = (revision, value)
            while len(self._results) > self._size:
                del self._results[next(iter(self._results))]
        return value

    def scorecard(self, actor_id: int | None = None) -> Scorecard:
        return self._get(("scorecard", actor_id), lambda: scorecard(self._briefing, actor_id))

    def timeline(
        self, actor_id: int | None = None, statement_ids: Iterable[int] | None = None
    ) -> Timeline:
        ids = None if statement_ids is None else tuple(statement_ids)
        return self._get(
            ("timeline", actor_id, ids), lambda: timeline(self._briefing, actor_id, ids)
        )

    def dispute_map(self, statement_ids: Iterable[int] | None = None) -> DisputeMap:
        ids = None if statement_ids is None else tuple(statement_ids)
        return self._get(("dispute_map", ids), lambda: dispute_map(self._briefing, ids))

    def pairs(self, rebutter_id: int, rebutted_id: int) -> Pair:
        return self._get(
            ("pairs", rebutter_id, rebutted_id),
            lambda: pairs(self._briefing, rebutter_id, rebutted_id),
        )
