"""`ivr doctor`: the line's set-up as the server would see it, and each problem in one line that
says what to do. It proves what can be proved cheaply: the API key with one 1-token request, the
database by reading its migration, the assistant file by loading it."""

from __future__ import annotations

import contextlib
import io
import re
import runpy
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ivr.cli.tables import table

if TYPE_CHECKING:
    from ivr.assistant import Assistant
    from ivr.config import Reading, Settings

SECRET_SUFFIXES = ("_TOKEN", "_KEY", "_SECRET")
PUBLIC_PREFIXES = ("sk-ant-", "whsec_")  # a secret's first characters shown only when they are these
HOMES = {
    "ivr-home": "the directory IVR_HOME names",
    "nearest": "the nearest .env from the current directory up",
    "checkout": "the checkout ivr runs from",
    "cwd": "the current directory",
    "given": "the file given",
}


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)  # broken: each says what to do
    notes: list[str] = field(default_factory=list)  # worth knowing, not broken


def _say(title: str, text: str) -> None:
    click.echo(f"{title:<10}{text}")


@click.command()
def doctor() -> None:
    """Check the set-up: settings and where each came from, the engine (one 1-token request proves
    an API key), the database, the assistant file, events, Twilio and gunicorn. Exits 1 on a problem."""
    from ivr.config import ConfigError, Settings

    found = Findings()
    try:
        reading = Settings.read()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
    settings = reading.settings
    _settings(reading)
    try:
        settings.check(under_gunicorn=True)
    except ConfigError as error:
        found.problems.append(str(error))
    _engine(settings, found)
    _database(settings.database_url, found)
    line = _assistant(settings, found)
    _events(settings, line, found)
    _twilio(settings, found)
    _gunicorn(reading, found)
    for note in found.notes:
        click.echo(f"note: {note}")
    if not found.problems:
        click.echo("No problems found.")
        return
    click.echo(f"{len(found.problems)} problem(s):", err=True)
    for problem in found.problems:
        click.echo(f"  - {problem}", err=True)
    sys.exit(1)


def _settings(reading: Reading) -> None:
    home = reading.home
    if home.dotenv:
        click.echo(f"Settings  from {home.dotenv} ({HOMES[home.how]}); the environment wins over it")
    else:
        click.echo(f"Settings  no .env; relative paths from {home.directory} ({HOMES[home.how]})")
    rows = [
        (f"  {name}", _shown(name, value), _source(reading.sources[name]))
        for name, value in reading.values.items()
    ]
    click.echo(table(("  VARIABLE", "VALUE", "FROM"), rows))


def _shown(name: str, value: Any) -> str:
    """A setting's value as it may be printed: secrets masked, passwords in URLs hidden."""
    if value is None:
        return "(unset)"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if name.endswith(SECRET_SUFFIXES):
        if text.startswith(PUBLIC_PREFIXES):
            return f"{text[:4]}…({len(text)} chars)"
        return f"set ({len(text)} chars)"
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", text)


def _source(source: str) -> str:
    return source if source.startswith(("environment", "default")) else ".env"


def _engine(settings: Settings, found: Findings) -> None:
    if not settings.anthropic_api_key:
        tier = {
            "static": "with the semantic tier",
            "deep": "with the semantic tier and the deep tier (SEMANTIC_TIER=deep)",
            "off": "phrases only (SEMANTIC_TIER=false)",
        }[settings.semantic_tier]
        _say("Engine", f"the menu engine, {tier} (no ANTHROPIC_API_KEY)")
        return
    via = f" via {settings.anthropic_base_url}" if settings.anthropic_base_url else ""
    _say("Engine", f"Claude, {settings.anthropic_model}{via}: {_try_key(settings, found)}")


def _try_key(settings: Settings, found: Findings) -> str:
    """One request of one output token, with the client the engine uses: proves the key, the model
    name and the way to the API."""
    import anthropic

    from ivr.config import DEFAULT_MODEL
    from ivr.dialog.engines import build_engine
    from ivr.dialog.engines.claude import ClaudeEngine

    engine = build_engine(settings)
    if not isinstance(engine, ClaudeEngine):
        return "not built"
    began = time.perf_counter()
    try:
        engine.client.with_options(max_retries=0, timeout=min(settings.model_timeout, 10.0)).messages.create(
            model=settings.anthropic_model, max_tokens=1, messages=[{"role": "user", "content": "ping"}]
        )
    except anthropic.APIStatusError as error:
        status, said = error.status_code, _api_message(error)
        if status == 401:
            found.problems.append(
                f"ANTHROPIC_API_KEY: the key was refused (401, {said}): set a key from the Anthropic "
                "console, or unset it to use the menu engine"
            )
        elif status == 404:
            found.problems.append(
                f"ANTHROPIC_MODEL: the API does not know {settings.anthropic_model} (404, {said}): "
                f"set a model it knows, e.g. {DEFAULT_MODEL}"
            )
        elif status == 429 or status >= 500:
            found.notes.append(
                f"the Anthropic API is busy ({status}, {said}): the key was not checked; try again"
            )
            return "not checked (the API is busy)"
        else:
            found.problems.append(f"ANTHROPIC_API_KEY: the API refused a test request ({status}, {said})")
        return "refused (see the problems below)"
    except anthropic.APIConnectionError as error:
        where = settings.anthropic_base_url or "https://api.anthropic.com"
        why = str(error.__cause__ or error).strip() or type(error).__name__
        found.problems.append(
            f"Cannot reach the Anthropic API at {where} ({why}): check the network or ANTHROPIC_BASE_URL"
        )
        return "unreachable (see the problems below)"
    except anthropic.APIError as error:  # an answer the SDK cannot read: not the API, or a proxy
        found.problems.append(
            f"The Anthropic API's answer was not understood ({error}): check ANTHROPIC_BASE_URL"
        )
        return "not understood (see the problems below)"
    return f"the key works (a 1-token request answered in {(time.perf_counter() - began) * 1000:,.0f} ms)"


def _api_message(error: Any) -> str:
    """The API's own words from an error body: {"type": "error", "error": {"type": …, "message": …}}."""
    body = error.body if isinstance(error.body, dict) else {}
    details = body.get("error", body)
    if not isinstance(details, dict):
        return "no message"
    return str(details.get("message") or details.get("type") or "no message")


def _database(url: str, found: Findings) -> None:
    from ivr.record.db import DatabaseNotReady, check_ready, where

    try:
        ready = check_ready(url)
    except DatabaseNotReady as error:
        _say("Database", f"{where(url)}: not ready")
        found.problems.append(str(error))
        return
    newest = "the newest" if ready.newest_known else "no migrations/ folder here to compare with"
    _say("Database", f"{ready.where}: reachable, at migration {ready.revision} ({newest}); {_counts(url)}")


def _counts(url: str) -> str:
    from sqlalchemy import func, select
    from sqlalchemy.exc import SQLAlchemyError

    from ivr.record.db import make_engine
    from ivr.record.models import Call, Message

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            calls = connection.scalar(select(func.count()).select_from(Call).where(Call.test.is_(False)))
            waiting = connection.scalar(
                select(func.count())
                .select_from(Message)
                .join(Call, Message.call_id == Call.id)
                .where(Message.handled_at.is_(None), Call.test.is_(False))
            )
    except SQLAlchemyError as error:
        return f"calls not counted ({str(getattr(error, 'orig', None) or error).strip().splitlines()[0]})"
    finally:
        engine.dispose()
    return f"{calls} call(s), {waiting} message(s) waiting"


def _assistant(settings: Settings, found: Findings) -> Assistant | None:
    """Each assistant the line answers as (one file, or a folder of them): what it offers, and
    what it needs of the settings to do it."""
    from ivr import assistant, lines
    from ivr.devtools import scenarios

    path = settings.assistant_path
    try:
        loaded = lines.load(path)
    except assistant.AssistantError as error:
        _say("Assistant", f"{path}: does not load")
        found.problems.append(str(error))
        return None
    for line in loaded.assistants:
        _line(line, path, settings, found)
    folder = scenarios.suite_for(path)
    if folder.is_dir():
        try:
            count = len(scenarios.load_scenarios(folder))
        except scenarios.ScenarioError as error:
            found.problems.append(f"Scenarios: {error}")
        else:
            click.echo(f"{'':<10}{count} scenario(s) in {folder} (ivr test-calls runs them)")
    return loaded.first


def _line(line: Assistant, path: str, settings: Settings, found: Findings) -> None:
    from ivr.assistant import SPOKEN_LANGUAGES
    from ivr.dialog import hours

    contacts = line.contacts.kind + (f" {line.contacts.url}" if line.contacts.url else "")
    numbers = f" for {', '.join(line.numbers)}" if line.numbers and Path(path).is_dir() else ""
    _say(
        "Assistant",
        f"{path}: {line.name}{numbers}, {len(line.menu)} menu option(s), {len(line.directory)} directory "
        f"number(s), operator {line.operator or 'none'}, contacts {contacts}",
    )
    more = []
    for language in line.languages:
        more.append(
            f"also in {SPOKEN_LANGUAGES[language.code]} ({language.assistant.language}, key {language.key})"
        )
    if line.hours is not None:
        closed = hours.as_of(line, hours.now(settings.clock)).closed
        state = "open now" if closed is None else f"closed now, opens {closed.reopens or 'not within a year'}"
        more.append(f"opening hours in {line.hours.timezone}: {state}")
    for spec in line.actions:
        more.append(f"action {spec.name}: {spec.method} {spec.url} ({spec.run_on})")
    texting = [o.name for o in line.menu if o.text]
    if texting or settings.anthropic_api_key:
        sender = line.sms_from or "the number called"
        what = ", ".join([*texting, *(["Claude's send_text"] if settings.anthropic_api_key else [])])
        more.append(f"texts the caller ({what}) from {sender}")
        if not settings.twilio_account_sid:
            found.notes.append(
                f"{line.name} texts callers, but TWILIO_ACCOUNT_SID is not set: no text can be sent"
            )
    for item in more:
        click.echo(f"{'':<10}{item}")


def _events(settings: Settings, line: Assistant | None, found: Findings) -> None:
    signed = (
        "EVENTS_SIGNING_SECRET set" if settings.events_signing_secret else "EVENTS_SIGNING_SECRET not set"
    )
    if line is None or not line.webhooks:
        _say("Events", f"no [events] webhooks in the assistant file: nobody is told about calls; {signed}")
        return
    _say(
        "Events", f"to {', '.join(line.webhooks)}; {signed}; `ivr deliver` (the Procfile's worker) sends them"
    )
    if not settings.events_signing_secret:
        found.problems.append(
            "EVENTS_SIGNING_SECRET is not set, and the assistant file has [events] webhooks: set it "
            "(.env.example shows how to make one), or no event can be sent"
        )


def _twilio(settings: Settings, found: Findings) -> None:
    token = "auth token set" if settings.twilio_auth_token else "no auth token"
    checked = "signatures checked" if settings.validate_signatures else "signatures NOT checked"
    sid = (
        "account SID set" if settings.twilio_account_sid else "no account SID (ivr configure-number needs it)"
    )
    _say("Twilio", f"{token}, {checked}; {sid}")
    if not settings.validate_signatures:
        found.notes.append(
            "TWILIO_VALIDATE_SIGNATURES=false: anyone can post to /voice/* (local experiments only)"
        )


def _gunicorn(reading: Reading, found: Findings) -> None:
    """What gunicorn.conf.py sets, read by running it as gunicorn does, its start-up checks included."""
    from ivr.config import PROJECT

    path = PROJECT / "gunicorn.conf.py"
    if not path.is_file():
        _say("gunicorn", "no gunicorn.conf.py beside the package (ivr is not run from a checkout)")
        return
    said = io.StringIO()
    try:
        with contextlib.redirect_stderr(said), contextlib.redirect_stdout(said):
            conf = runpy.run_path(str(path))
    except SystemExit:
        refusal = said.getvalue().strip().splitlines()[-1:] or ["(no reason given)"]
        reason = refusal[0].removeprefix("ivr: ")
        _say("gunicorn", f"{path}: would refuse to start")
        if not any(problem in reason or reason in problem for problem in found.problems):
            found.problems.append(f"gunicorn would refuse to start: {reason}")
        return
    except Exception as error:  # someone else's file: whatever it raises is the finding
        _say("gunicorn", f"{path}: fails")
        found.problems.append(f"{path.name} fails: {type(error).__name__}: {error}")
        return
    threads = f" with {conf.get('threads')} threads each" if conf.get("worker_class") == "gthread" else ""
    _say(
        "gunicorn",
        f"bind {conf.get('bind')}, {conf.get('workers')} worker(s), {conf.get('worker_class')}{threads}, "
        f"timeout {conf.get('timeout')} s ({path})",
    )


COMMANDS = (doctor,)
