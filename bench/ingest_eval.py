"""Score store.ingest.extract against the hand-annotated corpus in tests/ingest_corpus/.

    .venv/bin/python bench/ingest_eval.py            # the table
    .venv/bin/python bench/ingest_eval.py -v         # plus every miss and false positive
    .venv/bin/python bench/ingest_eval.py --corpus DIR
    .venv/bin/python bench/ingest_eval.py --glob '1[6-9]-*' --glob '20-*'   # a subset
    .venv/bin/python bench/ingest_eval.py --speed    # plus timings for 100 KB and 10 MB

Each NN-name.txt has an NN-name.json with the expected actors (name, aliases, kind, role),
statements (actor + key words that must all appear in the claim text) and rebuttals
(rebutting actor + the actor whose claim is rebutted). Scoring, per category:

- actors: a suggestion matches an expected actor when its name or an alias equals the
  expected name or an alias (case, apostrophes and a leading "the" ignored); one-to-one.
- statements: the suggested actor matches the expected actor and the claim text contains
  every key word; one-to-one.
- rebuttals: the rebutting actor and the actor of the linked claim both match; one-to-one.

Kind, role, date and quote accuracy are reported over the matched items; they do not enter F1.
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
    # Which expected actor (by index) each suggested actor stands for.
    actor_of: dict[str, int] = {}
    taken: set[int] = set()
    for actor in got.actors:
        cands = {norm(actor.name), *(norm(a) for a in actor.aliases)}
        for idx, exp in enumerate(exp_actors):
            names = _names(exp)
            if norm(actor.name) in names or norm(exp["name"]) in cands:
                actor_of[actor.key] = idx
                break
        idx = actor_of.get(actor.key)
        if idx is None or idx in taken:
            res.actors.fp += 1
            res.notes.append(f"  actor FP: {actor.name} ({actor.kind}; {actor.role})")
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
    corpus: Path = CORPUS, patterns: list[str] | None = None
) -> tuple[list[FileResult], dict[str, Score]]:
    """Run extract() over the annotated articles (all, or those matching ``patterns``);
    return per-file results and totals."""
    results: list[FileResult] = []
    totals = {"actors": Score(), "statements": Score(), "rebuttals": Score()}
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
        totals["actors"].add(res.actors)
        totals["statements"].add(res.statements)
        totals["rebuttals"].add(res.rebuttals)
    return results, totals


def _cell(s: Score) -> str:
    return f"{s.tp:>3}/{s.tp + s.fn:<3} {s.fp:>2}fp  F1 {s.f1:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument(
        "--glob", action="append", metavar="PATTERN", help="only articles whose name matches"
    )
    parser.add_argument("--speed", action="store_true", help="also time 100 KB and 10 MB inputs")
    args = parser.parse_args(argv)
    results, totals = evaluate(args.corpus, args.glob)
    if not results:
        print(f"No annotated articles in {args.corpus}", file=sys.stderr)
        return 1
    width = max(len(r.name) for r in results)
    print(f"{'article':<{width}}  {'actors':<22}  {'statements':<22}  {'rebuttals':<22}")
    for r in results:
        print(f"{r.name:<{width}}  {_cell(r.actors)}  {_cell(r.statements)}  {_cell(r.rebuttals)}")
        if args.verbose:
            for note in r.notes:
                print(note)
    print()
    print(f"{'':<12}{'precision':>10}{'recall':>10}{'F1':>8}   (tp / fp / fn)")
    for name, s in totals.items():
        print(
            f"{name:<12}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}   "
            f"({s.tp} / {s.fp} / {s.fn})"
        )
    extras: dict[str, list[bool]] = {}
    for r in results:
        for k, v in r.extras.items():
            extras.setdefault(k, []).extend(v)
    print()
    for k in ("kind", "role", "said_on", "quote"):
        v = extras.get(k, [])
        if v:
            print(f"{k + ' accuracy':<18}{sum(v) / len(v):.3f}  ({sum(v)}/{len(v)} matched items)")
    if args.speed:
        _speed(args.corpus)
    return 0


def _speed(corpus: Path) -> None:
    """Time extract() on the corpus repeated (nearly every sentence quotes or names someone),
    with each copy's numbers changed so that no paragraph repeats exactly."""
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")))
    print()
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
