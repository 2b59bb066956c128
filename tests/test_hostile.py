"""Hostile and odd input: arbitrary unicode, control characters, right-to-left text,
emoji, combining marks, Rich markup, terminal escapes and 100,000-character fields.

The rule under test (DESIGN.md, "Rules that hold everywhere"): a value the store refuses
is explained next to its field and nothing is written; any other value is stored as
given (with the documented whitespace folding: one-line fields fold runs of whitespace,
texts are stripped) and shown literally, with control characters stripped on display.
Nothing raises, markup is never interpreted and no control character reaches the terminal.

Starting the app costs about a second, so the examples of one property share a running
app (``LiveApp``): each example starts from the dashboard and checks only what it added.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import tempfile
import threading
import traceback
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import textual.app
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, TextArea
from tui_helpers import detail_text, empty_app, modal_text, on_disk, sample_app, screen_text

from store import Briefing, Status, StoreError, ValidationError
from store.models import NAME_MAX, SHORT_MAX, TEXT_MAX, URL_MAX
from tui.app import BriefingApp
from tui.panes import RecordList
from tui.screens import (
    ActorPicker,
    AnnotateScreen,
    ConfirmScreen,
    FormScreen,
    HelpScreen,
    StatusPicker,
)
from tui.text import clean, shorten

SIZE = (120, 40)
# What must never reach the terminal: C0 and C1 controls (newlines end screen lines).
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)

# -- strategies -------------------------------------------------------------------------

MARKUP = (
    "[bold]x[/bold]",
    "[link=https://example.org]y[/link]",
    "[/]",
    "[",
    "]",
    "[red]",
    "\\[b]",
    "[@click=app.quit]z[/]",
    "$name",
    "[b",
)
ESCAPES = (
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x1b[0m",
    "\x1b[2J",
    "\x1b]52;c;aGk=\x07",
    "\x07",
    "\x1b",
    "\x00",
    "\r",
    "\x9b1m",
    "\x1bc",
    "\x7f",
    "\x08",
)
RTL = (
    "مرحبا بالعالم",
    "שלום עולם",
    "\u202eevil\u202c",
    "\u200f\u061c",
    "\u2067isolate\u2069",
    "عربي English מעורב",
)
EMOJI = ("😀", "👩\u200d👩\u200d👧\u200d👦", "🇧🇾", "❤️", "🏳️\u200d🌈", "🫠")
COMBINING = ("e\u0301", "Z\u0364\u0351a\u0308\u0356", "\u0301", "a\u0308\u0308\u0308\u0308")
ODD = (
    "中文字",
    "ｆｕｌｌ",
    "한국어",
    "\u00a0",
    "\u2028",
    "\u3000",
    "\t",
    "\n",
    "\r\n",
    "\ufeff",
    "\u200b",
    "\uffff",
    "\U0010ffff",
)
SAMPLES = MARKUP + ESCAPES + RTL + EMOJI + COMBINING + ODD

# st.text() draws from every category except surrogates, control characters included.
fragment = st.one_of(st.text(max_size=12), st.sampled_from(SAMPLES))
hostile = st.lists(fragment, min_size=1, max_size=6).map("".join)
huge = st.text(min_size=1, max_size=4).map(lambda s: (s * 100_000)[:100_000])
value = st.one_of(hostile, hostile, hostile, hostile, huge)
no_space = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=30
)
url_value = st.one_of(
    st.just(""), st.just(""), no_space.map(lambda s: "https://example.org/" + s), value
)
date_value = st.one_of(
    st.just(""), st.dates().map(date.isoformat), st.dates().map(date.isoformat), hostile
)


class Typed(str):
    """A value the test types key by key (with ``pilot.press``) instead of setting it."""


# Characters Pilot can type as keys (letters and digits of any script, ASCII punctuation
# and space; Pilot cannot type emoji) for the tests that type instead of setting widget values.
typeable = st.text(
    alphabet=st.one_of(
        st.characters(categories=("L", "N")).filter(str.isalnum),
        st.sampled_from("[]/=:;,!?#@$%&*()-_+'\"<>{}|^` "),
    ),
    min_size=1,
    max_size=14,
).map(Typed)


def slow(examples: int) -> settings:
    """Settings for properties that drive the app: few examples, no deadline."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def one_line(text: str) -> str:
    """How the store keeps a one-line field (name, role, source): whitespace folded."""
    return " ".join(text.split())


def head(text: str, cells: int = 5) -> str:
    """The start of ``text`` that fits in ``cells`` terminal cells."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out


def row_text(records: RecordList, doc_id: int) -> str:
    """The text of ``doc_id``'s row in a list, as the list renders it."""
    assert doc_id in records.ids, f"#{doc_id} is not in {records.id}"
    return "".join(segment.text for segment in records.render_row(doc_id, records.size.width))


def shows_start_of(row: str, text: str) -> bool:
    """A list row shows the start of ``text`` (cleaned, one line) literally."""
    return head(clean(text, one_line=True)) in row


def part(app: BriefingApp, section: str) -> str:
    """The plain text of one section of the detail pane."""
    content = app.detail.sections[section]
    return getattr(content, "plain", str(content))


def error_lines(screen: Any) -> dict[str, str]:
    """The error lines a form or the editor shows, by widget id."""
    shown = {}
    for line in screen.query(".field-error"):
        if line.has_class("-shown"):
            content = line.content
            shown[line.id] = getattr(content, "plain", str(content))
    return shown


def assert_no_control_on_screen(app: BriefingApp) -> str:
    text = screen_text(app)
    found = CONTROL.findall(text)
    assert not found, f"control characters reach the terminal: {found!r}"
    return text


async def _no_idle_wait(*args: Any, **kwargs: Any) -> None:
    await asyncio.sleep(0)


@pytest.fixture
def quick_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits ~0.1 s for the process to go idle after every key; a yield is enough
    here because every check follows a ``pilot.pause()``."""
    monkeypatch.setattr(textual.app, "wait_for_idle", _no_idle_wait)


# -- one running app for many examples -------------------------------------------------

Job = Callable[[BriefingApp, Any], Awaitable[Any]]


class LiveApp:
    """A running app on an event loop in its own thread, driven from synchronous code.

    ``run(job)`` awaits ``job(app, pilot)`` in the task that entered ``run_test`` (so
    Textual's context variables hold) and returns its result. If an example crashes the
    app, that example fails with the app's traceback and the next one gets a fresh app.
    """

    def __init__(self, make: Callable[[int], BriefingApp], size: tuple[int, int] = SIZE) -> None:
        self._make = make
        self._size = size
        self._starts = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._jobs: asyncio.Queue[tuple[Job | None, concurrent.futures.Future[Any]]]
        self._served: concurrent.futures.Future[None] | None = None
        self.app: BriefingApp | None = None

    def __enter__(self) -> LiveApp:
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self._served is not None and not self._served.done():
                self._submit(None).result(60)
                self._served.result(60)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)
            self._loop.close()

    def _start(self) -> None:
        self._starts += 1
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._served = asyncio.run_coroutine_threadsafe(self._serve(ready), self._loop)
        concurrent.futures.wait(
            [ready, self._served], timeout=60, return_when=concurrent.futures.FIRST_COMPLETED
        )
        if not ready.done():
            self._served.result(0)  # raises why the app did not start

    async def _serve(self, ready: concurrent.futures.Future[None]) -> None:
        self._jobs = asyncio.Queue()
        app = self.app = self._make(self._starts)
        try:
            async with app.run_test(size=self._size, notifications=True) as pilot:
                await pilot.pause()
                ready.set_result(None)
                while app._exception is None:
                    job, done = await self._jobs.get()
                    if job is None:
                        done.set_result(None)
                        break
                    try:
                        done.set_result(await job(app, pilot))
                    except Exception as exc:
                        done.set_exception(exc)
        finally:
            app.briefing.close()

    def _submit(self, job: Job | None) -> concurrent.futures.Future[Any]:
        done: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self._loop.call_soon_threadsafe(self._jobs.put_nowait, (job, done))
        return done

    def run(self, job: Job) -> Any:
        if self._served is None or self._served.done():
            self._start()
        app = self.app
        assert app is not None
        done = self._submit(job)
        try:
            return done.result(120)
        finally:
            if app._exception is not None:
                crash = app._exception
                concurrent.futures.wait([self._served], timeout=30)  # type: ignore[list-item]
                raise AssertionError(
                    "the app crashed:\n" + "".join(traceback.format_exception(crash))
                ) from crash


def _sample_maker(folder: Path) -> Callable[[int], BriefingApp]:
    return lambda n: sample_app(folder / f"b{n}.json")


# -- forms and the editor ---------------------------------------------------------------


async def to_dashboard(app: BriefingApp, pilot: Any) -> None:
    """Close dialogs, toasts and filters left by an earlier example."""
    for _ in range(6):
        if len(app.screen_stack) == 1:
            break
        await pilot.press("escape")
        await pilot.pause()
    assert len(app.screen_stack) == 1, f"stuck on {app.screen!r}"
    for pane in ("actors", "statements", "rebuttals"):
        box = app.query_one(f"#{pane}-filter", Input)
        if box.value:
            box.value = ""
    if app._notifications:
        app.clear_notifications()


async def press_each(pilot: Any, *keys: str) -> None:
    """Press keys one by one, letting each settle: with ``quick_keys`` a key that moves the
    focus (Textual focuses on a later turn) must be handled before a key that depends on it."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def open_dialog(app: BriefingApp, pilot: Any, kind: type, title: str, *keys: str) -> Any:
    """The dialog ``keys`` open; one left open by a refused value is used again (as a
    person would correct the value and save again), which also saves time."""
    screen = app.screen
    if isinstance(screen, kind) and getattr(screen, "title_text", title) == title:
        app.clear_notifications()
        return screen
    await to_dashboard(app, pilot)
    await press_each(pilot, *keys)
    screen = app.screen
    assert isinstance(screen, kind), f"{keys} opened {screen!r}"
    assert getattr(screen, "title_text", title) == title
    return screen


async def type_into(pilot: Any, widget: Input | TextArea, text: str) -> str:
    """Type ``text`` key by key into an emptied ``widget``."""
    if isinstance(widget, TextArea):
        widget.text = ""
    else:
        widget.value = ""
    widget.focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()
    typed = widget.text if isinstance(widget, TextArea) else widget.value
    assert typed == text, (typed, text)
    return typed


async def submit(
    app: BriefingApp, pilot: Any, screen: Any, problems: set[str], table: str
) -> int | None:
    """Press ctrl+s; a refusal must be shown by a field in ``problems`` with nothing
    written, anything else must close the dialog and write. Returns the id of the newest
    document of ``table``."""
    assert app.briefing.flush()
    before = app.briefing.path.read_bytes()
    changes = app.briefing.counts()["history"]
    await pilot.press("ctrl+s")
    await pilot.pause()
    if problems:
        assert app.screen is screen, f"the dialog closed though {sorted(problems)} are invalid"
        shown = error_lines(screen)
        assert shown, "the form stayed open without saying why"
        # One line under each field at fault, in the label's words (not "said_on: ...").
        for line_id, message in shown.items():
            field = line_id.removeprefix("error-")
            assert field in problems, f"blamed {line_id} ({message!r}), expected {problems}"
            assert not message.startswith(f"{field}: "), message
        assert app.briefing.flush()
        assert app.briefing.path.read_bytes() == before, "a refused value changed the file"
        assert app.briefing.counts()["history"] == changes
        return None  # the form stays open; the next example tries again in it
    assert app.screen is not screen, f"the dialog stays open: {error_lines(screen)}"
    assert app.briefing.flush()
    assert app.briefing.counts()["history"] > changes, "saved, but nothing was written"
    return app.briefing.history(table, limit=1)[0].doc_id


async def set_input(pilot: Any, form: FormScreen, name: str, text: str) -> str:
    box = form.query_one(f"#field-{name}", Input)
    if isinstance(text, Typed):
        return await type_into(pilot, box, text)
    box.value = text
    return box.value


async def set_area(pilot: Any, screen: Any, selector: str, text: str) -> str:
    area = screen.query_one(selector, TextArea)
    if isinstance(text, Typed):
        return await type_into(pilot, area, text)
    area.text = text
    return area.text  # TextArea keeps \u2028, \x85 and friends as plain newlines


def actor_problems(name: str, role: str, notes: str) -> set[str]:
    problems = set()
    if not one_line(name) or len(one_line(name)) > NAME_MAX:
        problems.add("name")
    if len(one_line(role)) > SHORT_MAX:
        problems.add("role")
    if len(notes.strip()) > TEXT_MAX:
        problems.add("notes")
    return problems


async def new_actor_example(app: BriefingApp, pilot: Any, name: str, role: str, notes: str) -> None:
    form = await open_dialog(app, pilot, FormScreen, "New actor", "1", "n")
    name = await set_input(pilot, form, "name", name)
    role = await set_input(pilot, form, "role", role)
    notes = await set_area(pilot, form, "#field-notes", notes)
    actor_id = await submit(app, pilot, form, actor_problems(name, role, notes), "actors")
    if actor_id is None:
        return
    doc = on_disk(app.briefing.path)["actors"][str(actor_id)]
    assert doc["name"] == one_line(name)
    assert doc["role"] == one_line(role)
    assert doc["notes"] == notes.strip()
    assert app.briefing.actor(actor_id).name == doc["name"]
    assert app.actors.current_actor_id == actor_id
    row = row_text(app.actors, actor_id)
    assert shows_start_of(row, doc["name"]), (row, doc["name"])
    assert_no_control_on_screen(app)


def test_new_actor_form_with_hostile_values(tmp_path: Path, quick_keys: None) -> None:
    with LiveApp(_sample_maker(tmp_path)) as live:

        @slow(4)
        @given(name=st.one_of(value, typeable), role=value, notes=value)
        @example(name=Typed("[bold]x[/bold] [/] مرحبا"), role="", notes="")
        @example(
            name="[bold]x[/bold] \x1b[31mred\x1b[0m",
            role="[link=https://example.org]y[/link]",
            notes="[/] [",
        )
        @example(name="N" * 100_000, role="\x00\x07", notes="n")
        @example(name="مرحبا \u202eevil", role="R" * 100_000, notes="x" * 100_000)
        def prop(name: str, role: str, notes: str) -> None:
            live.run(lambda app, pilot: new_actor_example(app, pilot, name, role, notes))

        prop()


def statement_problems(text: str, source: str, url: str, said_on: str) -> set[str]:
    problems = set()
    if not text.strip() or len(text.strip()) > TEXT_MAX:
        problems.add("text")
    if len(one_line(source)) > SHORT_MAX:
        problems.add("source")
    if url.strip() and (not URL.match(url.strip()) or len(url.strip()) > URL_MAX):
        problems.add("url")
    if said_on.strip():
        try:
            date.fromisoformat(said_on.strip())
        except ValueError:
            problems.add("said_on")
    return problems


async def new_statement_example(
    app: BriefingApp, pilot: Any, text: str, source: str, url: str, said_on: str
) -> None:
    form = await open_dialog(app, pilot, FormScreen, "New statement", "2", "n")
    # With "All actors" chosen the form starts with no actor: pick one as test_app types it.
    kellogg = app.briefing.find_actor("Keith Kellogg").id
    form.query_one("#field-actor_id", ActorPicker).selected = kellogg
    text = await set_area(pilot, form, "#field-text", text)
    source = await set_input(pilot, form, "source", source)
    url = await set_input(pilot, form, "url", url)
    said_on = await set_input(pilot, form, "said_on", said_on)
    problems = statement_problems(text, source, url, said_on)
    statement_id = await submit(app, pilot, form, problems, "statements")
    if statement_id is None:
        return
    doc = on_disk(app.briefing.path)["statements"][str(statement_id)]
    assert doc["text"] == text.strip()
    assert doc["source"] == one_line(source)
    assert doc["url"] == url.strip()
    expected_date = date.fromisoformat(said_on.strip()).isoformat() if said_on.strip() else None
    assert doc["said_on"] == expected_date
    assert app.briefing.statement(statement_id).text == doc["text"]
    # The new statement is selected: its row and its detail show it literally.
    assert app.statements.current_id == statement_id
    row = row_text(app.statements, statement_id)
    assert shows_start_of(row, doc["text"]), (row, doc["text"])
    assert part(app, "detail-text") == clean(doc["text"])
    meta = part(app, "detail-meta")
    assert (clean(doc["source"], one_line=True) or "—") in meta
    assert (clean(doc["url"], one_line=True) or "—") in meta
    assert_no_control_on_screen(app)


def test_new_statement_form_with_hostile_values(tmp_path: Path, quick_keys: None) -> None:
    with LiveApp(_sample_maker(tmp_path)) as live:

        @slow(4)
        @given(text=value, source=value, url=url_value, said_on=date_value)
        @example(
            text="[bold]x[/bold] [link=https://example.org]y[/link] [/] \x1b[31mred\x1b[0m",
            source="\x1b]8;;http://x\x07click\x1b]8;;\x07",
            url="https://example.org/[b]",
            said_on="2025-06-21",
        )
        @example(text="T" * 100_000, source="s", url="", said_on="")
        @example(text="ok", source="S" * 100_000, url="x" * 100_000, said_on="2" * 100_000)
        @example(text="שלום [/] 👩\u200d👩\u200d👧", source="", url="javascript:x", said_on="")
        @example(text="ok", source="", url="", said_on="21 June")
        def prop(text: str, source: str, url: str, said_on: str) -> None:
            live.run(
                lambda app, pilot: new_statement_example(app, pilot, text, source, url, said_on)
            )

        prop()


async def rebuttal_example(app: BriefingApp, pilot: Any, text: str) -> None:
    form = await open_dialog(app, pilot, FormScreen, "New rebuttal", "2", "g", "r")
    statement_id = app.statements.current_id
    kellogg = app.briefing.find_actor("Keith Kellogg").id
    form.query_one("#field-actor_id", ActorPicker).selected = kellogg  # test_app types it
    text = await set_area(pilot, form, "#field-text", text)
    problems = set() if text.strip() and len(text.strip()) <= TEXT_MAX else {"text"}
    rebuttal_id = await submit(app, pilot, form, problems, "rebuttals")
    if rebuttal_id is None:
        return
    doc = on_disk(app.briefing.path)["rebuttals"][str(rebuttal_id)]
    assert doc["text"] == text.strip()
    assert doc["statement_id"] == statement_id
    assert doc["actor_id"] == kellogg
    row = row_text(app.rebuttals, rebuttal_id)
    assert shows_start_of(row, doc["text"]), (row, doc["text"])
    assert clean(doc["text"]) in part(app, "detail-rebuttals")
    assert_no_control_on_screen(app)


def test_rebuttal_form_with_hostile_text(tmp_path: Path, quick_keys: None) -> None:
    with LiveApp(_sample_maker(tmp_path)) as live:

        @slow(4)
        @given(text=value)
        @example(text="[bold]x[/bold] [link=https://example.org]y[/link] [/] \x1b[2J")
        @example(text="R" * 100_000)
        @example(text=" \n\t\u3000")
        def prop(text: str) -> None:
            live.run(lambda app, pilot: rebuttal_example(app, pilot, text))

        prop()


async def annotate_example(app: BriefingApp, pilot: Any, note: str) -> None:
    editor = await open_dialog(app, pilot, AnnotateScreen, "", "2", "a")
    statement_id = app.statements.current_id
    note = await set_area(pilot, editor, "#note", note)
    if not note.strip():
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert "The note is empty" in error_lines(editor).get("note-error", "")
        return
    problems = {"note"} if len(note.strip()) > TEXT_MAX else set()
    await submit_note(app, pilot, editor, problems)
    if problems:
        return
    notes = on_disk(app.briefing.path)["statements"][str(statement_id)]["annotations"]
    assert notes[-1]["text"] == note.strip()
    assert clean(note.strip()) in part(app, "detail-annotations")
    assert_no_control_on_screen(app)


async def submit_note(
    app: BriefingApp, pilot: Any, editor: AnnotateScreen, problems: set[str]
) -> None:
    """Like ``submit``, for the editor: a refused note stays in the open editor."""
    assert app.briefing.flush()
    before = app.briefing.path.read_bytes()
    await pilot.press("ctrl+s")
    await pilot.pause()
    if problems:
        assert app.screen is editor, "a refused note closed the editor (and was lost)"
        message = error_lines(editor).get("note-error", "")
        assert "too long" in message, message
        assert app.briefing.flush()
        assert app.briefing.path.read_bytes() == before
        return
    assert app.screen is not editor, error_lines(editor)
    assert app.briefing.flush()


def test_annotation_editor_with_hostile_text(tmp_path: Path, quick_keys: None) -> None:
    with LiveApp(_sample_maker(tmp_path)) as live:

        @slow(4)
        @given(note=st.one_of(value, typeable))
        @example(note=Typed("שלום عربي [b]note[/b] [/]"))
        @example(note="[bold]x[/bold] [link=https://example.org]y[/link] [/] [")
        @example(note="\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x00\x01 \u2028")
        @example(note="A" * 100_000)
        def prop(note: str) -> None:
            live.run(lambda app, pilot: annotate_example(app, pilot, note))

        prop()


# -- the store directly -----------------------------------------------------------------


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(name=value, role=value, notes=value, text=value, source=value, note=value)
@example(
    name="[/]",
    role="\x1b[31m",
    notes="\x00",
    text="[link=https://e.org]y[/link]",
    source="[",
    note="\u202e",
)
def test_store_keeps_hostile_text_exactly_or_names_the_field(
    name: str, role: str, notes: str, text: str, source: str, note: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.json"
        b = Briefing.open(path)
        base = b.add_actor(name="Base")
        base_statement = b.add_statement(actor_id=base.id, text="Base claim")
        stored: dict[tuple[str, int, str], str] = {}

        def attempt(what: str, fields: tuple[str, ...], verb: Callable[[], Any]) -> Any:
            before = path.read_bytes()
            try:
                return verb()
            except ValidationError as exc:
                assert exc.field.split(".")[0] in fields, (what, exc.field, str(exc))
                assert exc.field.split(".")[0] in str(exc), str(exc)
                assert path.read_bytes() == before, f"a refused {what} changed the file"
                return None

        actor = attempt(
            "actor",
            ("name", "role", "notes"),
            lambda: b.add_actor(name=name, role=role, notes=notes),
        )
        if actor is not None:
            assert (actor.name, actor.role, actor.notes) == (
                one_line(name),
                one_line(role),
                notes.strip(),
            )
            stored[("actors", actor.id, "name")] = actor.name
            stored[("actors", actor.id, "role")] = actor.role
            stored[("actors", actor.id, "notes")] = actor.notes
        statement = attempt(
            "statement",
            ("text", "source"),
            lambda: b.add_statement(actor_id=base.id, text=text, source=source),
        )
        if statement is not None:
            assert (statement.text, statement.source) == (text.strip(), one_line(source))
            stored[("statements", statement.id, "text")] = statement.text
            stored[("statements", statement.id, "source")] = statement.source
        annotated = attempt(
            "annotation", ("annotation", "text"), lambda: b.annotate(base_statement.id, note)
        )
        if annotated is not None:
            assert annotated.annotations[-1].text == note.strip()
        b.close()

        again = Briefing.open(path)
        raw = on_disk(path)
        for (table, doc_id, field), expected in stored.items():
            assert raw[table][str(doc_id)][field] == expected, (table, field)
            reopened = again.actor(doc_id) if table == "actors" else again.statement(doc_id)
            assert getattr(reopened, field) == expected, (table, field)
        if annotated is not None:
            assert again.statement(base_statement.id).annotations[-1].text == note.strip()
        else:
            assert again.statement(base_statement.id).annotations == []
        again.close()


def test_store_refuses_100k_values_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    a = b.add_actor(name="A")
    s = b.add_statement(actor_id=a.id, text="t")
    before = path.read_bytes()
    long = "x" * 100_000
    for verb, field in (
        (lambda: b.add_actor(name=long), "name"),
        (lambda: b.add_actor(name="a", role=long), "role"),
        (lambda: b.add_actor(name="a", notes=long), "notes"),
        (lambda: b.add_statement(actor_id=a.id, text=long), "text"),
        (lambda: b.add_statement(actor_id=a.id, text="t", source=long), "source"),
        (lambda: b.add_statement(actor_id=a.id, text="t", url="https://x/" + long), "url"),
        (lambda: b.add_statement(actor_id=a.id, text="t", said_on=long), "said_on"),
        (lambda: b.add_rebuttal(statement_id=s.id, actor_id=a.id, text=long), "text"),
        (lambda: b.annotate(s.id, long), "text"),
    ):
        with pytest.raises(ValidationError) as info:
            verb()
        assert isinstance(info.value, StoreError)
        assert f"{field}: " in str(info.value), str(info.value)
    assert path.read_bytes() == before
    b.close()


@settings(max_examples=300)
@given(text=st.one_of(hostile, st.text()))
def test_clean_strips_only_control_characters(text: str) -> None:
    shown = clean(text)
    assert not CONTROL.search(shown.replace("\n", "")), shown
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", shown)
    if "\x1b" not in text:
        # Without escape sequences, everything but controls, bidi overrides and invisible
        # characters survives (store/clean.py); line ends of every kind become "\n".
        kept = re.sub("\r\n?|[\u2028\u2029]", "\n", text)
        kept = re.sub(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff]",
            "",
            kept,
        )
        assert shown == kept.replace("\t", " ")
    assert "\n" not in clean(text, one_line=True)


# -- rendering what the store holds (bypassing forms) -----------------------------------


def add_directly(b: Briefing, name: str, role: str, text: str, source: str, reply: str, note: str):
    """Store through the Briefing API; a value the store refuses gets a plain stand-in."""

    def tolerant(verb: Callable[..., Any], fallback: dict[str, Any], **fields: Any) -> Any:
        try:
            return verb(**fields)
        except ValidationError:
            return verb(**{**fields, **fallback})

    actor = tolerant(b.add_actor, {"name": "Stand-in", "role": ""}, name=name, role=role)
    statement = tolerant(
        b.add_statement,
        {"text": "Stand-in claim", "source": ""},
        actor_id=actor.id,
        text=text,
        source=source,
    )
    kellogg = b.find_actor("Keith Kellogg")
    rebuttal = tolerant(
        b.add_rebuttal,
        {"text": "Stand-in reply"},
        statement_id=statement.id,
        actor_id=kellogg.id,
        text=reply,
    )
    with_note = tolerant(lambda **f: b.annotate(statement.id, f["note"]), {"note": "n"}, note=note)
    return actor, b.statement(statement.id), b.rebuttal(rebuttal.id), with_note


async def render_example(app: BriefingApp, pilot: Any, values: dict[str, str]) -> None:
    await to_dashboard(app, pilot)
    actor, statement, rebuttal, _ = add_directly(app.briefing, **values)
    app.jump_to_statement(statement.id)
    await pilot.pause()
    # The detail shows every text literally (controls stripped).
    assert part(app, "detail-text") == clean(statement.text)
    head_text = part(app, "detail-head")
    assert clean(actor.name, one_line=True) in head_text
    assert clean(actor.role, one_line=True) in head_text
    assert (clean(statement.source, one_line=True) or "—") in part(app, "detail-meta")
    assert clean(rebuttal.text) in part(app, "detail-rebuttals")
    assert clean(statement.annotations[-1].text) in part(app, "detail-annotations")
    # The lists show the start of each literally.
    assert shows_start_of(row_text(app.statements, statement.id), statement.text)
    assert shows_start_of(row_text(app.rebuttals, rebuttal.id), rebuttal.text)
    assert shows_start_of(row_text(app.actors, actor.id), actor.name)
    # Choosing the actor narrows the statements and puts their name in the pane title.
    await pilot.press("1")
    app.actors.select_id(actor.id)
    await pilot.pause()
    assert app.statements.ids == [statement.id]
    # With the actors pane focused the detail shows the actor's profile, literally.
    assert part(app, "detail-head") == clean(actor.name, one_line=True)
    assert f"Role        {clean(actor.role, one_line=True) or '—'}" in part(app, "profile-about")
    title = assert_no_control_on_screen(app)  # lists, detail and the pane titles
    assert head(shorten(actor.name, 24), 3) in title
    # The toast after deleting the actor names them literally; undo brings all back.
    await pilot.press("delete")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmScreen)
    assert clean(actor.name, one_line=True) in modal_text(app)
    await pilot.press("y")
    await pilot.pause()
    messages = [n.message for n in app._notifications]
    assert f"Deleted actor {clean(actor.name, one_line=True)}." in messages
    assert_no_control_on_screen(app)
    app.briefing.undo()
    assert app.briefing.statement(statement.id).text == statement.text


record = st.fixed_dictionaries(
    {
        "name": hostile,
        "role": hostile,
        "text": value,
        "source": hostile,
        "reply": value,
        "note": value,
    }
)
MARKUP_RECORD = {
    "name": "[red]Mallory[/red] [/]",
    "role": "[link=https://example.org]y[/link]",
    "text": "[bold]x[/bold] \x1b[31mred\x1b[0m [/] [",
    "source": "\x1b]8;;http://x\x07src\x1b]8;;\x07",
    "reply": "[i]no[/i] \x1b[2J",
    "note": "[@click=app.quit]z[/]",
}
# The longest values the store takes.
LONG_RECORD = {
    "name": "N" * NAME_MAX,
    "role": "R" * SHORT_MAX,
    "text": ("[b]word[/b] שלום " * 700)[:TEXT_MAX],
    "source": "S" * SHORT_MAX,
    "reply": "x" * TEXT_MAX,
    "note": "\x1b[1m" * 1000 + "y" * (TEXT_MAX - 4000),
}


def test_stored_hostile_text_renders_literally(tmp_path: Path, quick_keys: None) -> None:
    with LiveApp(_sample_maker(tmp_path)) as live:

        @slow(4)
        @given(values=record)
        @example(values=MARKUP_RECORD)
        @example(values=LONG_RECORD)
        def prop(values: dict[str, str]) -> None:
            live.run(lambda app, pilot: render_example(app, pilot, values))

        prop()


async def markup_on_screen(app: BriefingApp, pilot: Any) -> None:
    await pilot.pause()
    text = assert_no_control_on_screen(app)
    assert "[bold]x[/bold]" in text
    assert "[red]Mallory[/red] [/]" in text
    assert "[link=https://example.org]y[/link]" in detail_text(app)
    assert "[@click=app.quit]z[/]" in detail_text(app)
    assert "[i]no[/i]" in text
    assert "src" in detail_text(app) and "8;;" not in detail_text(app)


async def test_markup_appears_literally_on_screen(tmp_path: Path) -> None:
    app = sample_app(tmp_path / "b.json")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        _, statement, _, _ = add_directly(app.briefing, **MARKUP_RECORD)
        app.jump_to_statement(statement.id)
        await markup_on_screen(app, pilot)


TITLE_MARKUP = ["[/]", "[bold]x", "[link=https://example.org]y", "[red]x[/red]"]


async def test_filter_and_actor_in_pane_titles_are_literal(tmp_path: Path) -> None:
    # Pane titles hold user text: the filter and the chosen actor's name.
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    for name in TITLE_MARKUP:
        b.add_statement(actor_id=b.add_actor(name=name).id, text=f"said by {name}")
    b.close()
    app = empty_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        for needle in TITLE_MARKUP:
            app.query_one("#statements-filter", Input).value = needle
            await pilot.pause()
            assert app.statements.ids, needle
            assert f"filter: {shorten(needle, 20)}" in assert_no_control_on_screen(app)
        await pilot.press("escape", "1")
        for name in TITLE_MARKUP:
            app.actors.select_id(app.briefing.find_actor(name).id)
            await pilot.pause()
            assert len(app.statements.ids) == 1, name
            assert f"by {shorten(name, 24)}" in assert_no_control_on_screen(app)


async def palette_example(app: BriefingApp, pilot: Any, values: dict[str, str]) -> None:
    await to_dashboard(app, pilot)
    actor, statement, _, _ = add_directly(app.briefing, **values)
    await pilot.pause()
    needle = clean(statement.text, one_line=True)[:8].strip()  # what a person could type
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = needle
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause(0.3)
    assert_no_control_on_screen(app)
    commands = palette.query_one(CommandList)
    prompts = [commands.get_option_at_index(i).prompt.plain for i in range(commands.option_count)]
    wanted = f"Statement: {shorten(statement.text, 70)}"
    if needle and statement.id in app.briefing.statement_ids(text=needle)[:40]:
        assert any(p.startswith(wanted) for p in prompts), (wanted, prompts[:5])
        assert any(f"by {clean(actor.name, one_line=True)}" in p for p in prompts)
    await pilot.press("escape")
    await pilot.pause()


def test_palette_search_shows_stored_text_literally(tmp_path: Path, quick_keys: None) -> None:
    with LiveApp(_sample_maker(tmp_path)) as live:

        @slow(4)
        @given(values=record)
        @example(values=MARKUP_RECORD)
        def prop(values: dict[str, str]) -> None:
            live.run(lambda app, pilot: palette_example(app, pilot, values))

        prop()


async def test_undo_toast_strips_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    b.add_actor(name="\x1b[31mMallory\x1b[0m [b]x[/b]")
    b.close()
    app = empty_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        text = assert_no_control_on_screen(app)
        assert "Undid: Added actor Mallory [b]x[/b]" in text


async def test_edit_forms_show_stored_values_without_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    a = b.add_actor(name="N\x1b[31mame\x07", role="R\x1b]8;;http://x\x07ole", notes="no\x1b[1mtes")
    s = b.add_statement(actor_id=a.id, text="te\x1b[31mxt\x00 [bold]b[/bold]", source="so\x1burce")
    b.add_rebuttal(statement_id=s.id, actor_id=a.id, text="re\x1b[2Jbut")
    b.close()
    before = on_disk(path)
    app = empty_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for keys, shown in (
            (["2", "e"], "text [bold]b[/bold]"),
            (["1", "j", "e"], "Name"),
            (["3", "e"], "rebut"),
        ):
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, FormScreen), keys
            assert shown in assert_no_control_on_screen(app)
            # Saving an untouched edit form changes nothing.
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, FormScreen), error_lines(app.screen)
            await pilot.press("escape")
        assert app.briefing.flush()
    after = on_disk(path)
    for table in ("actors", "statements", "rebuttals", "history"):
        assert after[table] == before[table], table


async def test_statement_edit_keeps_its_actor_when_the_name_has_controls(tmp_path: Path) -> None:
    # The picker shows the cleaned name; it must not then pick another actor whose name
    # matches the cleaned text.
    path = tmp_path / "b.json"
    b = Briefing.open(path)
    b.add_actor(name="ab")
    odd = b.add_actor(name="a\u202eb")
    s = b.add_statement(actor_id=odd.id, text="hello there")
    b.close()
    app = empty_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-source", Input).value = "new source"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.briefing.statement(s.id).source == "new source"
        assert app.briefing.statement(s.id).actor_id == odd.id


# -- NO_COLOR and a small terminal ------------------------------------------------------


async def test_no_color_statuses_readable_by_word_and_symbol(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = sample_app(tmp_path / "b.json")
    assert app.no_color
    ids = app.briefing.statement_ids()
    app.briefing.set_status(ids[1], Status.CONFIRMED)
    app.briefing.set_status(ids[2], Status.FALSE)
    app.briefing.set_status(ids[3], Status.RETRACTED)
    # (wide: the statements table shows the status word beside the symbol from a list
    # about 72 cells wide; narrower, the symbol alone, which is not a colour either)
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        text = screen_text(app)
        for label in ("! disputed", "✓ confirmed", "✗ false", "↺ retracted"):
            assert label in text, label
        await pilot.press("j", "j", "j", "d")  # retracted -> disputed
        await pilot.press("k", "s")
        await pilot.pause()
        assert isinstance(app.screen, StatusPicker)
        text = screen_text(app)
        for label in ("? unverified", "! disputed", "✓ confirmed", "✗ false", "↺ retracted"):
            assert label in text, label
        await pilot.press("home", "enter")  # -> unverified
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        text = screen_text(app)
        for label in ("? unverified", "! disputed"):
            assert label in text, label


SMALL = (80, 24)


async def test_main_keys_at_80x24(tmp_path: Path, quick_keys: None) -> None:
    path = tmp_path / "b.json"
    app = sample_app(path)
    async with app.run_test(size=SMALL, notifications=True) as pilot:

        async def screen() -> str:
            await pilot.pause()
            app.clear_notifications()
            await pilot.pause()
            return assert_no_control_on_screen(app)

        text = await screen()
        assert "Statements (4)" in text and "Actors (5)" in text
        assert "Kellogg agreed to" in text  # the first statement's detail
        sid = app.statements.current_id
        await pilot.press("d")
        assert "? unverified" in await screen()
        assert app.briefing.statement(sid).status == Status.UNVERIFIED

        await pilot.press("a")
        text = await screen()
        assert isinstance(app.screen, AnnotateScreen) and "Annotate statement" in text
        assert "ctrl+s save" in text
        await pilot.press(*"Check at 80x24", "ctrl+s")
        await screen()
        assert app.briefing.statement(sid).annotations[-1].text == "Check at 80x24"
        assert "Check at 80x24" in detail_text(app)

        await pilot.press("s")
        text = await screen()
        assert isinstance(app.screen, StatusPicker) and "Set status" in text
        assert "✓ confirmed" in text
        await pilot.press("down", "down", "enter")  # unverified -> confirmed
        await screen()
        assert app.briefing.statement(sid).status == Status.CONFIRMED

        await pilot.press("r")
        text = await screen()
        assert isinstance(app.screen, FormScreen) and "New rebuttal" in text
        assert "Who rebuts" in text
        await press_each(pilot, *"Putin", "tab")  # tab goes straight to the next field
        await pilot.press(*"Not so", "ctrl+s")
        await screen()
        assert not isinstance(app.screen, FormScreen), error_lines(app.screen)
        assert "Not so" in detail_text(app)

        await pilot.press("n")
        text = await screen()
        assert isinstance(app.screen, FormScreen) and "New statement" in text
        assert "What they said" in text
        await press_each(pilot, *"Putin", "tab")  # "All actors": the form asks who
        await pilot.press(*"Small screens work", "ctrl+s")
        text = await screen()
        assert not isinstance(app.screen, FormScreen), error_lines(app.screen)
        assert "Statements (5)" in text
        assert "Small screens work" in detail_text(app)

        await press_each(pilot, "slash")
        await pilot.press(*"cease")
        text = await screen()
        assert "Statements (3)" in text and "cease" in text
        await pilot.press("escape")
        assert "Statements (5)" in await screen()

        await pilot.press("u")
        await pilot.pause()
        assert any("Undid" in n.message for n in app._notifications)
        assert "Statements (4)" in await screen()

        await pilot.press("question_mark")
        text = await screen()
        assert isinstance(app.screen, HelpScreen) and "briefing-tui keys" in text
        assert "toggle disputed" in text
        await pilot.press("escape")
        await screen()
        assert len(app.screen_stack) == 1
        assert app.briefing.flush()
    assert app._exception is None
