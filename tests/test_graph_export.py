"""store.graph_export: who rebuts whom as Mermaid and DOT, and the Markdown pieces.

The Mermaid and DOT outputs are read back by small parsers written here for exactly
the subset we emit, and checked against the dispute map, hostile actor names included.
Graphviz's own ``dot`` renders the DOT where it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from store import Briefing, Status, ValidationError
from store.clean import clean_text
from store.graph_export import (
    LABEL_MAX,
    dot_export,
    mermaid_markdown,
    scorecard_markdown,
    to_dot,
    to_mermaid,
)
from store.views import dispute_map, scorecard

HOSTILE = [
    "Plain Name",
    "Quote \"double\" and 'single'",
    "Brackets [x] (y) {z} <w>",
    "Pipe | a || b",
    "Back`tick` ```mermaid",
    "New\nline\r\nand\ttab",
    "[bold red]Rich[/] [link=http://x]click[/link]",
    "ctrl \x1b[31mred\x1b[0m \x07bell \x00nul \x9bcsi",
    "<script>alert(1)</script> &amp; &lt; & #quot; &#35;",
    "end",
    "graph TD",
    "%% comment",
    "%%{init: {'theme':'dark'}}%%",
    "a --> b -.-> c",
    "#35; hash ; semi",
    "Лукашенко",
    "\u202eRTL override",
    "émoji 🎉 and 漢字",
    "back\\slash \\N \\n \\",
    "click n1 call x()",
    "style n1 fill:#f00",
    "x" * 150,
]

# -- a Mermaid reader for the subset we write ---------------------------------------------

_M_NODE = re.compile(r'^    n(\d+)\["([^"\n]*)"\]$')
_M_EDGE = re.compile(r"^    n(\d+) -->\|(\d+)\| n(\d+)$")
_M_COMMENT = re.compile(r"^    %% [^{}\n]*$")
# Inside a label: no character Mermaid gives a meaning to, except entity codes.
_M_SAFE_LABEL = re.compile(r'^(?:[^"\[\](){}<>|`#;&\\\n]|#\d+;)*$')


def parse_mermaid(text: str) -> tuple[dict[int, str], list[tuple[int, int, int]]]:
    """Nodes (id -> decoded label) and edges (from, to, count); fails on anything else."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR", lines[0]
    nodes: dict[int, str] = {}
    edges: list[tuple[int, int, int]] = []
    for line in lines[1:]:
        if m := _M_NODE.match(line):
            node, label = int(m[1]), m[2]
            assert node not in nodes, f"node n{node} declared twice"
            assert _M_SAFE_LABEL.match(label), f"unsafe label {label!r}"
            nodes[node] = re.sub(r"#(\d+);", lambda e: chr(int(e[1])), label)
        elif m := _M_EDGE.match(line):
            start, count, end = int(m[1]), int(m[2]), int(m[3])
            assert start in nodes and end in nodes, f"edge to an undeclared node: {line!r}"
            edges.append((start, end, count))
        elif not _M_COMMENT.match(line):
            pytest.fail(f"a line outside the Mermaid subset we write: {line!r}")
    return nodes, edges


# -- a DOT reader for the subset we write ---------------------------------------------------

_D_STRING = r'"((?:[^"\\\n]|\\.)*)"'
_D_NODE = re.compile(rf'^  "n(\d+)" \[label={_D_STRING}\];$')
_D_EDGE = re.compile(r'^  "n(\d+)" -> "n(\d+)" \[label="(\d+)", penwidth=\d+\.\d\];$')
_D_ATTRS = re.compile(rf"^  (graph|node|edge) \[(?:\w+=(?:\w+|{_D_STRING})(?:, )?)+\];$")
_D_COMMENT = re.compile(r"^  // [^\n]*$")


def dot_text(quoted: str) -> str:
    """What Graphviz shows for the inside of a quoted string we wrote."""
    return re.sub(r"\\(.)", r"\1", quoted).replace("&amp;", "&")


def parse_dot(text: str) -> tuple[dict[int, str], list[tuple[int, int, int]]]:
    lines = text.splitlines()
    assert lines[0] == "digraph disputes {" and lines[-1] == "}"
    nodes: dict[int, str] = {}
    edges: list[tuple[int, int, int]] = []
    for line in lines[1:-1]:
        if m := _D_NODE.match(line):
            assert int(m[1]) not in nodes
            assert "&" not in m[2].replace("&amp;", ""), "a bare & would be read as an entity"
            nodes[int(m[1])] = dot_text(m[2])
        elif m := _D_EDGE.match(line):
            assert int(m[1]) in nodes and int(m[2]) in nodes
            edges.append((int(m[1]), int(m[2]), int(m[3])))
        elif not (_D_ATTRS.match(line) or _D_COMMENT.match(line)):
            pytest.fail(f"a line outside the DOT subset we write: {line!r}")
    return nodes, edges


# -- helpers -------------------------------------------------------------------------------


def shown(name: str) -> str:
    """The label a graph should show for a name: one line, cleaned as every export is
    (store.clean: escape sequences, controls, bidi overrides gone), cut."""
    text = clean_text(name, one_line=True)
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"


def ring(b: Briefing, names: list[str]) -> dict[int, str]:
    """Each actor rebuts the next one's statement once and the one after twice."""
    ids = [b.add_actor(name=n).id or 0 for n in names]
    for i, actor in enumerate(ids):
        s = b.add_statement(actor, f"claim {i}").id or 0
        b.add_rebuttal(s, ids[(i + 1) % len(ids)], "no")
        for _ in range(2):
            b.add_rebuttal(s, ids[(i + 2) % len(ids)], "no again")
    return {i: b.actor(i).name for i in ids}


def expected_edges(b: Briefing) -> set[tuple[int, int, int]]:
    return {(e.rebutter_id, e.rebutted_id, e.rebuttals) for e in dispute_map(b).edges}


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Briefing, dict[int, str]]:
    b = Briefing.open(tmp_path / "hostile.json")
    names = ring(b, HOSTILE)
    yield b, names
    b.close()


# -- Mermaid ----------------------------------------------------------------------------------


def test_mermaid_matches_the_dispute_map_with_hostile_names(
    hostile: tuple[Briefing, dict[int, str]],
) -> None:
    b, names = hostile
    nodes, edges = parse_mermaid(to_mermaid(dispute_map(b), max_edges=None))
    assert set(edges) == expected_edges(b) and len(edges) == 2 * len(names)
    assert nodes == {i: shown(n) for i, n in names.items()}
    assert nodes[min(names)] == "Plain Name"
    assert any(label.endswith("…") and len(label) == LABEL_MAX for label in nodes.values())


def test_mermaid_keeps_the_heaviest_edges_and_says_how_many_are_left_out(
    hostile: tuple[Briefing, dict[int, str]],
) -> None:
    b, _ = hostile
    disputes = dispute_map(b)
    text = to_mermaid(disputes, max_edges=5)
    nodes, edges = parse_mermaid(text)
    assert len(edges) == 5 and all(count == 2 for _, _, count in edges)
    assert set(nodes) == {n for a, b_, _ in edges for n in (a, b_)}
    left = len(disputes.edges) - 5
    assert f"%% {left} lighter pairs ({disputes.rebuttals - 10} rebuttals) left out" in text


def test_mermaid_markdown_fence_holds_and_explains_a_cut(
    hostile: tuple[Briefing, dict[int, str]], tmp_path: Path
) -> None:
    b, _ = hostile
    lines = mermaid_markdown(dispute_map(b), max_edges=10)
    assert lines[0] == "```mermaid"
    end = lines.index("```", 1)
    assert not any("`" in line for line in lines[1:end])
    parse_mermaid("\n".join(lines[1:end]))
    assert any("left out" in line for line in lines[end + 1 :])
    whole = mermaid_markdown(dispute_map(b), max_edges=None)
    assert not any("left out" in line for line in whole[whole.index("```", 1) :])
    empty = Briefing.open(tmp_path / "empty.json")
    assert "```mermaid" not in mermaid_markdown(dispute_map(empty))


def test_mermaid_stays_under_mermaids_size_limit(tmp_path: Path) -> None:
    # Long names made only of characters that need escaping: 8 characters each.
    b = Briefing.open(tmp_path / "long.json")
    ring(b, [f"{i:03d}" + "🎉" * 76 for i in range(100)])
    disputes = dispute_map(b)
    text = to_mermaid(disputes)
    assert len(text) <= 45_000
    nodes, edges = parse_mermaid(text)
    assert 1 <= len(edges) < 100 and len(nodes) < 100
    assert f"%% {len(disputes.edges) - len(edges)} lighter pairs" in text
    lines = mermaid_markdown(disputes)
    assert f"The graph shows the {len(edges)} pairs" in "\n".join(lines)
    assert len(to_mermaid(disputes, max_chars=None)) > 45_000


_HOSTILE_CHARS = st.characters(
    codec="utf-8", categories=("L", "N", "P", "S", "Z", "Cc", "Cf", "M")
) | st.sampled_from(list("\"'[](){}<>|`#;&\\%:-.\n\r\t\x1b\x00\u2028\u202e"))
_NAMES = st.text(_HOSTILE_CHARS, min_size=1, max_size=40)

_GIVEN_NAMES = dict(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _ring_or_skip(folder: str, names: list[str]) -> tuple[Briefing, dict[int, str]]:
    b = Briefing.open(Path(folder) / "n.json")
    try:
        return b, ring(b, names)
    except ValidationError:
        b.close()
        assume(False)
        raise


@settings(**_GIVEN_NAMES)
@given(names=st.lists(_NAMES, min_size=1, max_size=4))
def test_any_actor_names_give_a_mermaid_graph_that_parses(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        b, stored = _ring_or_skip(folder, names)
        nodes, edges = parse_mermaid(to_mermaid(dispute_map(b), max_edges=None))
        assert set(edges) == expected_edges(b)
        assert all(nodes[i] == (shown(n) or f"actor {i}") for i, n in stored.items())
        b.close()


# -- DOT ----------------------------------------------------------------------------------------


def test_dot_has_the_same_content_with_every_string_quoted(
    hostile: tuple[Briefing, dict[int, str]],
) -> None:
    b, names = hostile
    text = to_dot(dispute_map(b), title='Title with "quotes" and \\N')
    nodes, edges = parse_dot(text)
    assert set(edges) == expected_edges(b)
    assert nodes == {i: shown(n) for i, n in names.items()}
    assert 'label="Title with \\"quotes\\" and \\\\N"' in text
    assert dot_export(b) == to_dot(dispute_map(b))
    empty = parse_dot(dot_export(b, statement_ids=[]))
    assert empty == ({}, [])
    first = min(names)
    selected = parse_dot(dot_export(b, statement_ids=b.statement_ids(actor_id=first)))[1]
    assert selected and all(end == first for _, end, _ in selected)


needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz's dot is not installed (e.g. apt-get install graphviz); "
    "the structural DOT tests above still ran",
)


def render_svg(dot_source: str) -> tuple[dict[str, str], dict[str, str]]:
    """Run Graphviz; return node titles -> label and edge titles -> label from its SVG."""
    done = subprocess.run(
        ["dot", "-Tsvg"], input=dot_source.encode(), capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert not done.stderr.strip(), done.stderr.decode(errors="replace")  # no warnings
    svg = ET.fromstring(done.stdout)
    ns = {"s": "http://www.w3.org/2000/svg"}
    found: dict[str, dict[str, str]] = {"node": {}, "edge": {}}
    for group in svg.iterfind(".//s:g", ns):
        kind = group.get("class")
        if kind in found:
            title = group.findtext("s:title", default="", namespaces=ns)
            texts = [t.text or "" for t in group.iterfind(".//s:text", ns)]
            found[kind][title] = " ".join(texts)
    return found["node"], found["edge"]


@needs_dot
def test_graphviz_accepts_the_dot_and_shows_hostile_names_literally(
    hostile: tuple[Briefing, dict[int, str]],
) -> None:
    b, names = hostile
    nodes, edges = render_svg(to_dot(dispute_map(b)))
    # Graphviz draws a label's spaces as they are, save runs it may fold: compare words.
    assert {k: v.split() for k, v in nodes.items()} == {
        f"n{i}": shown(n).split() for i, n in names.items()
    }
    assert {(k, int(v)) for k, v in edges.items()} == {
        (f"n{a}->n{c}", n) for a, c, n in expected_edges(b)
    }


@needs_dot
@settings(**{**_GIVEN_NAMES, "max_examples": 25})
@given(names=st.lists(_NAMES, min_size=1, max_size=3))
def test_graphviz_accepts_any_actor_names(names: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        b, stored = _ring_or_skip(folder, names)
        nodes, _ = render_svg(to_dot(dispute_map(b)))
        assert set(nodes) == {f"n{i}" for i in stored}
        b.close()


# -- the Markdown scorecard table ---------------------------------------------------------------


def _cells(row: str) -> list[str]:
    """A Markdown table row split on its unescaped pipes."""
    return re.split(r"(?<!\\)\|", row)[1:-1]


def test_scorecard_table_keeps_its_shape_with_hostile_names(
    hostile: tuple[Briefing, dict[int, str]],
) -> None:
    b, names = hostile
    actor = min(names)
    b.set_status(b.statement_ids(actor_id=actor)[0], Status.FALSE)
    card = scorecard(b, actor)
    lines = scorecard_markdown(card)
    assert lines[-1] == "" and lines[1] == "|---|---|"
    rows = lines[:-1]
    assert all(len(_cells(row)) == 2 for row in rows), rows
    table = {c[0].strip(): c[1].strip() for c in map(_cells, rows[2:])}
    assert table["✗ false"] == "1" and table["! disputed"] == "0"
    assert table["Claims rebutted"] == "1 of 1"
    assert table["First dated statement"] == "none"
    assert table["Rebuttals received"].startswith("3 — by ")
    assert "\n" not in "".join(rows)
    assert [row.split(" | ")[0] for row in rows[2:7]] == [f"| {s.label}" for s in Status]
    first = [Status.FALSE, Status.DISPUTED, Status.UNVERIFIED, Status.CONFIRMED, Status.RETRACTED]
    symbols = scorecard_markdown(card, label=lambda s: f"[{s.value.upper()}]", order=first)
    assert symbols[2:4] == ["| [FALSE] | 1 |", "| [DISPUTED] | 0 |"]
    every = scorecard_markdown(scorecard(b))
    whole = {c[0].strip(): c[1].strip() for c in map(_cells, every[2:-1])}
    assert whole["Rebuttals received"].endswith("and 17 more")  # 22 rebutters, five named
