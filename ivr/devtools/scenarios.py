"""Scenarios: whole calls written down as files (what the caller does, what must happen), placed
with the call emulator against a running server or an in-process app, and judged. This is how an
owner keeps their assistant from regressing when they edit its file or its prompt."""

from __future__ import annotations

import re
import secrets
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from ivr import create_app
from ivr.assistant import E164, Assistant, AssistantError, Fields, read_toml
from ivr.config import Settings
from ivr.devtools.twilio_emulator import (
    ANSWERED,
    DIAL_OUTCOMES,
    CallResult,
    Ending,
    FlaskTransport,
    Input,
    PhoneCall,
    ScriptedInput,
    Transport,
    parse_line,
)

IN_PROCESS_URL = "http://localhost"  # the base URL of an app built by in_process_transport
ENDINGS: tuple[str, ...] = get_args(Ending)
KEYPAD = re.compile(r"#[0-9*#]+")


class ScenarioError(ValueError):
    """A scenario file is unusable; the message names the file, the field and the problem."""


@dataclass(frozen=True)
class Expect:
    """What must happen. None (or empty) means the scenario does not check it."""

    transferred_to: str | bool | None = None  # a directory name or E.164 number; False: never connected
    dialed: tuple[str, ...] | None = None  # every transfer tried, in order
    ended: str | None = None  # one of ENDINGS
    heard: tuple[str, ...] = ()
    not_heard: tuple[str, ...] = ()
    turns: int | None = None
    max_ms: float | None = None


@dataclass(frozen=True)
class Scenario:
    name: str  # the file's name without .toml
    path: Path
    description: str
    inputs: tuple[Input, ...]
    caller: str = "+15555550123"
    dial: tuple[str, ...] = ()
    expect: Expect = field(default_factory=Expect)


@dataclass(frozen=True)
class ScenarioResult:
    scenario: Scenario
    failures: tuple[str, ...]  # each a sentence saying what was expected and what happened
    total_ms: float
    slowest_ms: float
    call: CallResult

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def transcript(self) -> tuple[str, ...]:
        """Everything the caller heard, in order."""
        return tuple(said.text for said in self.call.heard)


# Loading


def suite_for(assistant_path: str | Path) -> Path:
    """Where an assistant's scenarios live: beside its file, `clinic.toml` -> `clinic.scenarios/`."""
    return Path(assistant_path).with_suffix(".scenarios")


def load_scenarios(directory: str | Path) -> list[Scenario]:
    """Every *.toml file in directory, by name; raise ScenarioError naming the first bad one."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ScenarioError(f"{directory}: not a directory of scenario files")
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise ScenarioError(f"{directory}: no scenario files (*.toml) in it")
    return [load_scenario(path) for path in paths]


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        return _scenario(Fields(read_toml(path), str(path)), path)
    except AssistantError as exc:  # the assistant file's validator, reused: same messages, same shape
        raise ScenarioError(str(exc)) from None


def caller_for(name: str) -> str:
    """A caller number of the scenario's own, so a suite looks like many callers (and stays under
    the per-caller call limit) rather than one number calling again and again."""
    return f"+1555555{zlib.crc32(name.encode()) % 10000:04d}"


def _scenario(fields: Fields, path: Path) -> Scenario:
    caller = fields.text("caller", required=False) or caller_for(path.stem)
    if not E164.match(caller):
        fields.fail("caller", f"'{caller}' is not an E.164 number like +15555550123")
    dial = fields.text_list("dial")
    for outcome in dial:
        if outcome not in DIAL_OUTCOMES:
            fields.fail("dial", f"'{outcome}' is not one of {', '.join(DIAL_OUTCOMES)}")
    scenario = Scenario(
        name=path.stem,
        path=path,
        description=fields.text("description", default=""),
        inputs=tuple(_inputs(fields)),
        caller=caller,
        dial=tuple(dial),
        expect=_expect(fields.table("expect")),
    )
    fields.reject_unknown()
    return scenario


def _inputs(fields: Fields) -> list[Input]:
    entries = fields.get("inputs", list, required=True)
    return [_input(fields, number, entry) for number, entry in enumerate(entries, start=1)]


def _input(fields: Fields, number: int, entry: Any) -> Input:
    """A line as typed at `ivr call` ("#2", "", speech), or { say = "...", confidence = 0.2 }."""
    if isinstance(entry, str):
        if entry.strip().startswith("#") and not KEYPAD.fullmatch(entry.strip()):
            fields.fail("inputs", f"input {number} '{entry}': after # only keypad keys 0-9, * and #")
        return parse_line(entry)
    if not isinstance(entry, dict):
        fields.fail(
            "inputs", f"input {number} must be text or a table like {{ say = '...', confidence = 0.2 }}"
        )
    table = Fields(entry, f"{fields.where}: inputs: input {number}")
    said = table.text("say")
    confidence = table.get("confidence", (int, float))
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        table.fail("confidence", "must be between 0.0 and 1.0")
    table.reject_unknown()
    # Without a confidence the phone reports its usual one, as for plain text.
    return Input("speech", said, None if confidence is None else float(confidence))


def _expect(table: Fields) -> Expect:
    transferred_to = table.get("transferred_to", (str, bool))
    if transferred_to is True:
        table.fail("transferred_to", "must be a directory name, an E.164 number, or false")
    if isinstance(transferred_to, str):
        _check_target(table, "transferred_to", transferred_to)
    dialed = table.text_list("dialed") if "dialed" in table.data else None
    for target in dialed or ():
        _check_target(table, "dialed", target)
    ended = table.text("ended", required=False)
    if ended is not None and ended not in ENDINGS:
        table.fail("ended", f"'{ended}' is not one of {', '.join(ENDINGS)}")
    expect = Expect(
        transferred_to=transferred_to,
        dialed=tuple(dialed) if dialed is not None else None,
        ended=ended,
        heard=tuple(table.text_list("heard")),
        not_heard=tuple(table.text_list("not_heard")),
        turns=table.get("turns", int),
        max_ms=table.get("max_ms", (int, float)),
    )
    if expect.turns is not None and expect.turns < 0:
        table.fail("turns", "must be 0 or more")
    if expect.max_ms is not None and expect.max_ms <= 0:
        table.fail("max_ms", "must be a number of milliseconds above 0")
    table.reject_unknown()
    return expect


def _check_target(table: Fields, key: str, target: str) -> None:
    if not target.strip():
        table.fail(key, "must not be empty")
    if target.startswith("+") and not E164.match(target):
        table.fail(key, f"'{target}' is not an E.164 number like +15555550100")


# Running


def in_process_transport(settings: Settings) -> FlaskTransport:
    """The app built from settings, reached without a server: requests go to IN_PROCESS_URL.

    Calls are recorded in settings' database like any other call, so it must be migrated.
    PUBLIC_BASE_URL is dropped because no proxy stands between the phone and an in-process app:
    requests are signed for, and checked against, the URL they are sent to."""
    app = create_app(settings.with_overrides(public_base_url=None))
    return FlaskTransport(app.test_client())


@contextmanager
def throwaway_line(settings: Settings) -> Iterator[tuple[FlaskTransport, str]]:
    """The app on a database of its own that is deleted afterwards, and the auth token its
    requests are signed with: scenarios run in process never touch the line's calls, messages
    or events, and need no real token. The app logs only warnings, so the table of results is
    what the command prints."""
    from sqlalchemy import create_engine

    from ivr.record.models import Base

    with tempfile.TemporaryDirectory(prefix="ivr-scenarios-") as folder:
        url = f"sqlite:///{Path(folder) / 'scenarios.sqlite3'}"
        schema = create_engine(url)
        Base.metadata.create_all(schema)
        schema.dispose()
        quiet = settings.log_level if settings.log_level != "INFO" else "WARNING"
        token = secrets.token_hex(16)
        app = create_app(
            settings.with_overrides(
                public_base_url=None,
                database_url=url,
                log_level=quiet,
                twilio_auth_token=token,
                validate_signatures=True,
            )
        )
        try:
            yield FlaskTransport(app.test_client()), token
        finally:
            app.extensions["ivr"].answerer.sessions.kw["bind"].dispose()


def run_all(
    scenarios: Iterable[Scenario],
    transport: Transport,
    base_url: str,
    auth_token: str | None,
    assistant: Assistant,
) -> list[ScenarioResult]:
    return [run_scenario(s, transport, base_url, auth_token, assistant) for s in scenarios]


def run_scenario(
    scenario: Scenario,
    transport: Transport,
    base_url: str,
    auth_token: str | None,
    assistant: Assistant,
) -> ScenarioResult:
    """Place the scenario's call at base_url (signed with auth_token) and judge it. Directory names
    in the expectations are looked up in assistant, which should be the file the app serves.

    The call is marked as a test in its signed URLs: the line sends no event for it, lists hide
    it, and it is purged after a day."""
    base_url = base_url.rstrip("/")
    phone = PhoneCall(
        f"{base_url}/voice/incoming?test=1",
        transport,
        status_callback_url=f"{base_url}/voice/status?test=1",
        auth_token=auth_token,
        from_number=scenario.caller,
    )
    started = time.perf_counter()
    call = phone.run(ScriptedInput(scenario.inputs, scenario.dial))
    total_ms = (time.perf_counter() - started) * 1000
    return ScenarioResult(
        scenario=scenario,
        failures=tuple(_judge(scenario, call, _Directory(assistant))),
        total_ms=round(total_ms, 1),
        slowest_ms=max(call.timings_ms, default=0.0),
        call=call,
    )


@dataclass(frozen=True)
class _Directory:
    """Directory names and numbers, both ways, for expectations and for sentences about them."""

    assistant: Assistant

    def number(self, target: str) -> str | None:
        return target if target.startswith("+") else self.assistant.directory.get(target)

    def describe(self, number: str) -> str:
        names = [name for name, n in self.assistant.directory.items() if n == number]
        return f"{names[0]} ({number})" if names else number

    def unknown(self, field_name: str, target: str) -> str:
        names = ", ".join(self.assistant.directory) or "none"
        return f"{field_name}: '{target}' is not a name in the assistant's [directory] ({names})"


def _judge(scenario: Scenario, call: CallResult, directory: _Directory) -> list[str]:
    expect = scenario.expect
    failures = [f"application error: {error}" for error in call.errors]
    failures += [f"TwiML rule broken: {violation}" for violation in call.violations]
    failures += _unused_script(scenario, call)
    if expect.transferred_to is not None:
        failures += _connected(expect.transferred_to, call, directory)
    if expect.dialed is not None:
        failures += _dialed(expect.dialed, call, directory)
    if expect.ended is not None and call.ended != expect.ended:
        failures.append(f"expected the call to end by {expect.ended}, but it ended by {call.ended}")
    failures += _heard(expect, call)
    if expect.turns is not None and len(call.inputs) != expect.turns:
        failures.append(f"expected {_turns(expect.turns)}, but the call took {_turns(len(call.inputs))}")
    if expect.max_ms is not None:
        failures += _latency(expect.max_ms, call)
    return failures


def _unused_script(scenario: Scenario, call: CallResult) -> list[str]:
    """A call that ends before its script is used up did not go the way the scenario was written."""
    failures = []
    if len(call.inputs) < len(scenario.inputs):
        unused = ", ".join(_describe_input(i) for i in scenario.inputs[len(call.inputs) :])
        failures.append(
            f"the call ended after {len(call.inputs)} of {len(scenario.inputs)} inputs; never used: {unused}"
        )
    if len(call.transfers) < len(scenario.dial):
        unused = ", ".join(scenario.dial[len(call.transfers) :])
        failures.append(
            f"only {len(call.transfers)} of the {len(scenario.dial)} transfers in dial happened; "
            f"never used: {unused}"
        )
    return failures


def _connected(expected: str | bool, call: CallResult, directory: _Directory) -> list[str]:
    """Compare with the last transfer someone answered: that is where the caller ended up."""
    answered = [t.number for t in call.transfers if t.outcome in ANSWERED]
    got = answered[-1] if answered else None
    if not isinstance(expected, str):
        if got is None:
            return []
        return [f"expected no transfer, but the caller was connected to {directory.describe(got)}"]
    number = directory.number(expected)
    if number is None:
        return [directory.unknown("transferred_to", expected)]
    if got == number:
        return []
    if got is not None:
        return [
            f"expected a transfer to {directory.describe(number)}, but the caller was connected to "
            f"{directory.describe(got)}"
        ]
    tried = "; ".join(f"{directory.describe(t.number)} {t.outcome}" for t in call.transfers) or "none"
    return [
        f"expected a transfer to {directory.describe(number)}, but nobody was connected (transfers: {tried})"
    ]


def _dialed(expected: tuple[str, ...], call: CallResult, directory: _Directory) -> list[str]:
    numbers = [directory.number(target) for target in expected]
    unknown = [directory.unknown("dialed", t) for t, n in zip(expected, numbers, strict=True) if n is None]
    if unknown:
        return unknown
    got = [t.number for t in call.transfers]
    if got == numbers:
        return []
    wanted = ", ".join(directory.describe(n) for n in numbers if n) or "nothing"
    tried = ", ".join(directory.describe(n) for n in got) or "nothing"
    return [f"expected transfers to {wanted}, but the call dialed {tried}"]


def _heard(expect: Expect, call: CallResult) -> list[str]:
    spoken = _normal(" ".join(said.text for said in call.heard))
    failures = [
        f"expected to hear '{p}', but it was never said" for p in expect.heard if _normal(p) not in spoken
    ]
    for phrase in expect.not_heard:
        at = spoken.find(_normal(phrase))
        if at >= 0:
            context = spoken[max(0, at - 30) : at + len(_normal(phrase)) + 30]
            failures.append(f"expected not to hear '{phrase}', but it was said: '...{context}...'")
    return failures


def _normal(text: str) -> str:
    """Case and spacing do not matter to a listener."""
    return " ".join(text.split()).lower()


def _latency(max_ms: float, call: CallResult) -> list[str]:
    slow = [e for e in call.exchanges if e.ms > max_ms]
    if not slow:
        return []
    slowest = max(slow, key=lambda e: e.ms)
    return [
        f"expected every request to answer within {max_ms:g} ms, but {len(slow)} took longer; "
        f"the slowest took {slowest.ms:.0f} ms ({slowest.method} {slowest.url})"
    ]


def _turns(count: int) -> str:
    return f"{count} caller turn{'' if count == 1 else 's'}"


def _describe_input(said: Input) -> str:
    """An input as a scenario file writes it."""
    if said.kind == "digits":
        return f"#{said.text}"
    if said.kind == "speech":
        return f"'{said.text}'"
    return f"({said.kind})"


# Reporting


def format_table(results: list[ScenarioResult]) -> str:
    """One line per scenario (result, turns, timings), a summary, then each failure with its reasons
    and what the caller heard."""
    width = max([len("scenario"), *(len(r.scenario.name) for r in results)])
    lines = [f"{'scenario':<{width}}  result  turns  total ms  slowest ms"]
    for r in results:
        verdict, turns = "PASS" if r.passed else "FAIL", len(r.call.inputs)
        timings = f"{r.total_ms:>8.0f}  {r.slowest_ms:>10.0f}"
        lines.append(f"{r.scenario.name:<{width}}  {verdict:<6}  {turns:>5}  {timings}")
    failed = [r for r in results if not r.passed]
    lines += ["", f"{len(results) - len(failed)} passed, {len(failed)} failed"]
    for r in failed:
        lines += ["", f"FAIL {r.scenario.name} ({r.scenario.path})"]
        if r.scenario.description:
            lines.append(f"  {r.scenario.description}")
        lines += [f"  - {reason}" for reason in r.failures]
        lines.append("  heard:")
        lines += [f"    > {text}" for text in r.transcript]
    return "\n".join(lines)
