"""Score store.ingest.extract against the hand-labelled corpus in tests/ingest_corpus/.

    .venv/bin/python bench/ingest_eval.py            # dev and blind (when present), summaries
    .venv/bin/python bench/ingest_eval.py -v         # plus each article and every miss
    .venv/bin/python bench/ingest_eval.py --corpus DIR [--corpus DIR2]   # other folders too
    .venv/bin/python bench/ingest_eval.py --set dev --glob '1[6-9]-*'    # a subset
    .venv/bin/python bench/ingest_eval.py --speed    # plus timings for 100 KB and 10 MB

The labelling rule is tests/ingest_corpus/README.md. Each NAME.txt has a NAME.json with the
speaking actors (name, aliases, kind, role), the names only mentioned, the statements (actor +
key words that must all appear in the claim text) and the rebuttals (rebutting actor + the
actor whose claim is rebutted). Scoring, per category:

- actors: only the suggestions ticked as speakers (``speaks``) are scored; one matches an
  expected actor when its name or an alias equals the expected name or an alias (case,
  apostrophes and a leading "the" ignored); one-to-one. A mentioned-only suggestion is not
  scored (the analyst sees it unticked).
- statements (attribution): the suggested actor matches the expected actor and the claim text
  contains every key word; one-to-one.
- rebuttals (links): the rebutting actor and the actor of the linked claim both match.

Each set reports the mean of the per-article F1 (the issue's metric) and micro P/R/F1 over
all its items. Kind, role, date and quote accuracy are over matched items, outside F1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store.ingest import Suggestions, extract  # noqa: E402

CORPUS = ROOT / "tests" / "ingest_corpus"
SETS = {"dev": CORPUS / "dev", "blind": CORPUS / "blind"}
CATEGORIES = ("actors", "statements", "rebuttals")


def norm(text: str) -> str:
    """Compare names and key words loosely: case, curly quotes, spacing, a leading 'the'."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = " ".join(text.casefold().split())
    return text[4:] if text.startswith("the ") else text


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FileResult:
    name: str
    actors: Score = field(default_factory=Score)
    statements: Score = field(default_factory=Score)
    rebuttals: Score = field(default_factory=Score)
    extras: dict[str, list[bool]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _names(entry: dict[str, Any]) -> set[str]:
    return {norm(entry["name"]), *(norm(a) for a in entry.get("aliases", []))}


def score_file(expected: dict[str, Any], got: Suggestions, name: str) -> FileResult:
    """Score one article's suggestions against its expectations."""
    res = FileResult(name)
    exp_actors = expected.get("actors", [])
    mentioned = {norm(m) for m in expected.get("mentioned", [])}
    # Which expected actor (by index) each suggested actor stands for (speaking or not:
    # statements are matched through it); only speakers are scored as actors.
    actor_of: dict[str, int] = {}
    for actor in got.actors:
        cands = {norm(actor.name), *(norm(a) for a in actor.aliases)}
        for idx, exp in enumerate(exp_actors):
            if norm(actor.name) in _names(exp) or norm(exp["name"]) in cands:
                actor_of[actor.key] = idx
                break
    taken: set[int] = set()
    for actor in got.actors:
        if not getattr(actor, "speaks", True):
            continue
        idx = actor_of.get(actor.key)
        if idx is None or idx in taken:
            res.actors.fp += 1
            why = " (labelled as mentioned)" if norm(actor.name) in mentioned else ""
            res.notes.append(f"  actor FP: {actor.name} ({actor.kind}; {actor.role}){why}")
            continue
        taken.add(idx)
        res.actors.tp += 1
        exp = exp_actors[idx]
        kind_ok = actor.kind == exp.get("kind", actor.kind)
        res.extras.setdefault("kind", []).append(kind_ok)
        if not kind_ok:
            res.notes.append(f"  kind: {actor.name}: got {actor.kind}, want {exp['kind']}")
        if exp.get("role"):
            ok = norm(exp["role"]) in norm(actor.role) or (
                bool(actor.role) and norm(actor.role) in norm(exp["role"])
            )
            res.extras.setdefault("role", []).append(ok)
            if not ok:
                res.notes.append(f"  role: {actor.name}: got {actor.role!r}, want {exp['role']!r}")
    for idx, exp in enumerate(exp_actors):
        if idx not in taken:
            res.actors.fn += 1
            res.notes.append(f"  actor FN: {exp['name']}")

    def expected_index(name: str) -> int | None:
        key = norm(name)
        for idx, exp in enumerate(exp_actors):
            if key in _names(exp):
                return idx
        return None

    # Statements.
    stmt_by_key = {s.key: s for s in got.statements}
    used: set[str] = set()
    for exp in expected.get("statements", []):
        want_actor = expected_index(exp["actor"])
        words = [norm(w) for w in exp["keywords"]]
        hit = None
        for s in got.statements:
            if s.key in used or actor_of.get(s.actor_key) != want_actor:
                continue
            if all(w in norm(s.text) for w in words):
                hit = s
                break
        if hit is None:
            res.statements.fn += 1
            res.notes.append(f"  statement FN: {exp['actor']}: {exp['keywords']}")
            continue
        used.add(hit.key)
        res.statements.tp += 1
        if "said_on" in exp:
            res.extras.setdefault("said_on", []).append(hit.said_on == exp["said_on"])
            if hit.said_on != exp["said_on"]:
                res.notes.append(
                    f"  date: {hit.text[:50]!r}: got {hit.said_on}, want {exp['said_on']}"
                )
        res.extras.setdefault("quote", []).append(hit.quote == bool(exp.get("quote", False)))
    names = {a.key: a.name for a in got.actors}
    for s in got.statements:
        if s.key not in used:
            res.statements.fp += 1
            res.notes.append(f"  statement FP: {names.get(s.actor_key)}: {s.text[:90]!r}")

    # Rebuttals.
    used_r: set[str] = set()
    for exp in expected.get("rebuttals", []):
        want_actor = expected_index(exp["actor"])
        want_target = expected_index(exp["target"])
        hit = None
        for r in got.rebuttals:
            if r.key in used_r:
                continue
            target = stmt_by_key.get(r.statement_key)
            if target is None:
                continue
            if (
                actor_of.get(r.actor_key) == want_actor
                and actor_of.get(target.actor_key) == want_target
            ):
                hit = r
                break
        if hit is None:
            res.rebuttals.fn += 1
            res.notes.append(f"  rebuttal FN: {exp['actor']} -> {exp['target']}")
            continue
        used_r.add(hit.key)
        res.rebuttals.tp += 1
    for r in got.rebuttals:
        if r.key not in used_r:
            res.rebuttals.fp += 1
            target = stmt_by_key.get(r.statement_key)
            res.notes.append(
                f"  rebuttal FP: {names.get(r.actor_key)} -> "
                f"{names.get(target.actor_key) if target else '?'}: {r.text[:70]!r}"
            )
    return res


def evaluate(
    corpus: Path = SETS["dev"], patterns: list[str] | None = None
) -> tuple[list[FileResult], dict[str, Score]]:
    """Run extract() over the labelled articles in ``corpus`` (all, or those matching
    ``patterns``); return per-article results and micro totals."""
    results: list[FileResult] = []
    totals = {name: Score() for name in CATEGORIES}
    files = sorted({p for pattern in (patterns or ["*"]) for p in corpus.glob(f"{pattern}.txt")})
    for txt in files:
        meta = txt.with_suffix(".json")
        if not meta.exists():
            continue
        expected = json.loads(meta.read_text(encoding="utf-8"))
        published = expected.get("published")
        got = extract(
            txt.read_text(encoding="utf-8"),
            published=dt.date.fromisoformat(published) if published else None,
        )
        res = score_file(expected, got, txt.stem)
        results.append(res)
        for name in CATEGORIES:
            totals[name].add(getattr(res, name))
    return results, totals


def mean_f1(results: list[FileResult]) -> dict[str, float]:
    """The mean over articles of each category's F1 (the issue's metric)."""
    if not results:
        return {name: 0.0 for name in CATEGORIES}
    return {name: sum(getattr(r, name).f1 for r in results) / len(results) for name in CATEGORIES}


def _cell(s: Score) -> str:
    return f"{s.tp:>3}/{s.tp + s.fn:<3} {s.fp:>2}fp  F1 {s.f1:.2f}"


def report(
    label: str, corpus: Path, results: list[FileResult], totals: dict[str, Score], verbose: bool
) -> None:
    """Print one set's figures: per-article rows (verbose), mean F1, micro P/R/F1, extras."""
    print(f"== {label}: {len(results)} articles in {corpus}")
    if verbose:
        width = max(len(r.name) for r in results)
        print(f"{'article':<{width}}  {'actors':<22}  {'attribution':<22}  {'rebuttals':<22}")
        for r in results:
            cells = "  ".join(_cell(getattr(r, name)) for name in CATEGORIES)
            print(f"{r.name:<{width}}  {cells}")
            for note in r.notes:
                print(note)
        print()
    means = mean_f1(results)
    print(
        f"mean F1 per article: actors {means['actors']:.3f}  attribution "
        f"{means['statements']:.3f}  rebuttal links {means['rebuttals']:.3f}"
    )
    print(f"{'micro':<12}{'precision':>10}{'recall':>10}{'F1':>8}   (tp / fp / fn)")
    for name, s in totals.items():
        print(
            f"{name:<12}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}   "
            f"({s.tp} / {s.fp} / {s.fn})"
        )
    extras: dict[str, list[bool]] = {}
    for r in results:
        for k, v in r.extras.items():
            extras.setdefault(k, []).extend(v)
    for k in ("kind", "role", "said_on", "quote"):
        v = extras.get(k, [])
        if v:
            print(f"{k + ' accuracy':<18}{sum(v) / len(v):.3f}  ({sum(v)}/{len(v)} matched items)")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[], help="also score this folder"
    )
    parser.add_argument(
        "--set", choices=sorted(SETS), action="append", help="only these sets (default: all)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="articles, misses, extras")
    parser.add_argument(
        "--glob", action="append", metavar="PATTERN", help="only articles whose name matches"
    )
    parser.add_argument("--speed", action="store_true", help="also time 100 KB and 10 MB inputs")
    args = parser.parse_args(argv)
    chosen = [(name, SETS[name]) for name in (args.set or SETS)]
    chosen += [(str(path), path) for path in args.corpus]
    scored = 0
    for label, corpus in chosen:
        if not corpus.is_dir():
            print(f"== {label}: no such folder ({corpus}); not scored\n")
            continue
        results, totals = evaluate(corpus, args.glob)
        if not results:
            print(f"== {label}: no labelled articles in {corpus}\n")
            continue
        scored += 1
        report(label, corpus, results, totals, args.verbose)
    if args.speed:
        _speed(SETS["dev"])
    return 0 if scored else 1


def _speed(corpus: Path) -> None:
    """Time extract() on the corpus repeated (nearly every sentence quotes or names someone),
    with each copy's numbers changed so that no paragraph repeats exactly."""
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    for size in (100_000, 10_000_000):
        copies = []
        total = 0
        n = 0
        while total < size:
            n += 1
            copy = base.replace("the ", f"the {n} ", 1).replace(" said", f" said ({n})")
            copies.append(copy)
            total += len(copy) + 2
        text = "\n\n".join(copies)[:size]
        calls: list[float] = []
        start = time.perf_counter()
        got = extract(text, progress=calls.append)
        took = time.perf_counter() - start
        print(
            f"speed: {size / 1e6:g} MB of news text in {took:.2f} s "
            f"({len(got.statements)} statements, {len(calls)} progress calls)"
        )


if __name__ == "__main__":
    sys.exit(main())
