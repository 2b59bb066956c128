"""Stored actors the analyst already has: a suggestion that names one takes its id."""

from __future__ import annotations

from typing import Any

from ..models import NAME_MAX, SHORT_MAX
from .names import key_of, norm_name
from .suggestions import Suggestions


def attr(obj: Any, name: str, default: Any) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def adopt_known(actor: Any, known: Any) -> None:
    """Take a stored actor's id, name, kind and (if ours has none) role; keep our name as an
    alias. ``actor`` is an extraction-time actor or a SuggestedActor (same attributes)."""
    kid = attr(known, "id", None)
    if isinstance(kid, int):
        actor.existing_id = kid
    kname = attr(known, "name", "")
    if isinstance(kname, str) and kname.strip() and kname.strip() != actor.name:
        if actor.name not in actor.aliases:
            actor.aliases.append(actor.name)
        actor.name = norm_name(kname)[:NAME_MAX]
    kind = attr(known, "kind", "")
    if kind in ("person", "organisation", "government", "media", "other"):
        actor.kind = str(kind)
    if not actor.role:
        krole = attr(known, "role", "")
        if isinstance(krole, str):
            actor.role = krole[:SHORT_MAX]


def match_known(result: Suggestions, known: list[Any]) -> None:
    """Set ``existing_id`` on suggestions that match a stored actor the run did not see by name."""
    if not known:
        return
    by_name: dict[str, Any] = {}
    by_surname: dict[str, list[Any]] = {}
    for k in known:
        name = attr(k, "name", "")
        if not isinstance(name, str) or not name.strip():
            continue
        for alias in [name, *[a for a in (attr(k, "aliases", []) or []) if isinstance(a, str)]]:
            by_name.setdefault(key_of(alias), k)
        parts = norm_name(name).split()
        if (attr(k, "kind", "") or "") == "person" and len(parts) >= 2:
            by_surname.setdefault(parts[-1].casefold(), []).append(k)
    for actor in result.actors:
        if actor.existing_id is not None:
            continue
        match = None
        for candidate in [actor.name, *actor.aliases]:
            match = by_name.get(key_of(candidate))
            if match is not None:
                break
        if match is None and actor.kind == "person":
            sur = norm_name(actor.name).split()[-1].casefold() if actor.name.strip() else ""
            options = by_surname.get(sur, [])
            if len(options) == 1:
                match = options[0]
        if match is None:
            continue
        actor.existing_id = None
        adopt_known(actor, match)
