"""What the analysis screens show: actor scorecards, the timeline, who rebuts whom.

Pure functions over a ``Briefing``'s public methods (no textual, no rich). Each returns
frozen dataclasses that a screen renders and an export formats::

    from store.views import scorecard, scorecards, timeline, dispute_map, pairs, ViewCache
    card = scorecard(briefing, actor_id)        # None: the whole store
    cards = scorecards(briefing)                # every actor in one pass (exports)
    line = timeline(briefing, actor_id=None, statement_ids=None)
    disputes = dispute_map(briefing)
    between = pairs(briefing, rebutter_id, rebutted_id)
    views = ViewCache(briefing)                 # remembers them until the store changes

Speed: statements are read as stored documents (``statement_ids`` and
``statement_doc``) rather than as validated models, which would cost seconds at
100,000 statements. So a hand-edited document is read defensively here: an unknown
status counts as unverified, an unreadable ``said_on`` as undated.

Big stores: each builder pauses the cyclic GC while it runs (it makes many small
objects and no cycles), and a timeline keeps its items as plain tuples until asked
(``TimelineDay.item(i)``), so a screen builds only the rows it shows.

Texts are returned as stored: a screen must still escape markup and strip control
characters before showing them.
"""

from ._common import Counterpart
from .cache import ViewCache
from .disputes import DisputeEdge, DisputeMap, DisputeRow, Exchange, Pair, dispute_map, pairs
from .scorecard import (
    ALL_ACTORS,
    BAR_FILLS,
    BarSegment,
    Scorecard,
    bar_text,
    scorecard,
    scorecards,
    status_bar,
)
from .timeline import Timeline, TimelineDay, TimelineItem, timeline

__all__ = [
    "ALL_ACTORS",
    "BAR_FILLS",
    "BarSegment",
    "Counterpart",
    "DisputeEdge",
    "DisputeMap",
    "DisputeRow",
    "Exchange",
    "Pair",
    "Scorecard",
    "Timeline",
    "TimelineDay",
    "TimelineItem",
    "ViewCache",
    "bar_text",
    "dispute_map",
    "pairs",
    "scorecard",
    "scorecards",
    "status_bar",
    "timeline",
]
