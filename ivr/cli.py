"""The `ivr` command: try the line from a terminal, inspect calls, and go live."""

from __future__ import annotations

import json
import logging
import shutil
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ivr import accuracy, assistant, contacts, delivery, event_receiver, numbers, scenarios
from ivr import calls as record
from ivr.config import ConfigError, Settings
from ivr.db import make_engine, session_factory
from ivr.engines import build_engine
from ivr.engines.claude import ClaudeEngine, summariser
from ivr.models import Call, Contact
from ivr.phone import CallResult, HttpTransport, PhoneCall, Said, TerminalInput

LABELLED_SAMPLE = assistant.SAMPLE_PATH.with_suffix(".utterances.csv")


@click.group()
def main() -> None:
    """ivr: an AI assistant on a phone number."""


def settings() -> Settings:
    try:
        return Settings.from_env()
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.argument("base_url", default="http://127.0.0.1:8000")
@click.option("--from", "from_number", default="+15555550123", show_default=True, help="The caller's number.")
@click.option("--to", "to_number", default="+15555550000", show_default=True, help="The number dialed.")
@click.option("--speak", is_flag=True, help="Also speak each <Say> through espeak-ng, when installed.")
def call(base_url: str, from_number: str, to_number: str, speak: bool) -> None:
    """Phone the IVR at BASE_URL from this terminal, playing Twilio's part.

    Type what the caller says; '#2' presses keys; an empty line is silence; Ctrl-D hangs up.
    Requests are signed with TWILIO_AUTH_TOKEN, as Twilio signs them."""
    base_url = base_url.rstrip("/")
    phone = PhoneCall(
        f"{base_url}/voice/incoming",
        HttpTransport(),
        status_callback_url=f"{base_url}/voice/status",
        auth_token=settings().twilio_auth_token,
        from_number=from_number,
        to_number=to_number,
    )
    click.echo(f"Calling {base_url} from {from_number} (CallSid {phone.call_sid}).")
    voice = shutil.which("espeak-ng") if speak else None
    if speak and not voice:
        click.echo("espeak-ng is not installed: printing only (apt-get install espeak-ng).", err=True)

    def heard(said: Said) -> None:
        click.echo(
            click.style(f"  ivr ({said.voice or 'default'}, {said.language or '-'}): ", dim=True) + said.text
        )
        if voice:
            subprocess.run([voice, said.text], check=False, capture_output=True)

    result = phone.run(TerminalInput(sys.stdin, lambda text: click.echo(text, nl=False)), heard)
    _summary(result)


def _summary(result: CallResult) -> None:
    click.echo(f"\nCall ended: {result.ended}.")
    for dialed in result.transfers:
        click.echo(f"  transferred to {dialed.number}: {dialed.outcome}")
    for problem in result.violations + result.errors:
        click.secho(f"  problem: {problem}", fg="red", err=True)
    if result.violations or result.errors:
        sys.exit(1)


@main.command("test-calls")
@click.argument("directory", required=False, type=click.Path(file_okay=False, exists=True))
@click.option("--url", help="Base URL of a running server; default: the app, in this process.")
def test_calls(directory: str | None, url: str | None) -> None:
    """Run conversation scenarios and print a pass/fail table; exit 1 if any fails."""
    config = settings()
    line = _assistant(None)
    try:
        found = scenarios.load_scenarios(directory or scenarios.suite_for(config.assistant_path))
    except scenarios.ScenarioError as error:
        raise click.ClickException(str(error)) from None
    if url:
        transport, base = HttpTransport(), url.rstrip("/")
    else:
        transport, base = scenarios.in_process_transport(config), scenarios.IN_PROCESS_URL
    results = scenarios.run_all(found, transport, base, config.twilio_auth_token, line)
    click.echo(scenarios.format_table(results))
    if not all(result.passed for result in results):
        sys.exit(1)


@main.command("calls")
@click.option("--limit", default=20, show_default=True, help="How many calls, newest first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_calls(limit: int, as_json: bool) -> None:
    """List recent calls from the database."""
    with Session(make_engine(settings().database_url)) as session:
        found = session.scalars(select(Call).order_by(Call.started_at.desc()).limit(limit)).all()
        for c in found:
            row = {
                "call_sid": c.call_sid,
                "from": c.from_number,
                "started": c.started_at.isoformat(timespec="seconds"),
                "status": c.status,
                "duration_s": c.duration_s,
                "outcome": c.outcome,
            }
            click.echo(json.dumps(row) if as_json else "  ".join(str(v or "-") for v in row.values()))
        if not found and not as_json:
            click.echo("No calls yet.")


@main.command()
@click.argument("call_sid")
@click.option("--json", "as_json", is_flag=True, help="The turns as a JSON list.")
def transcript(call_sid: str, as_json: bool) -> None:
    """Print one call's conversation, turn by turn."""
    with Session(make_engine(settings().database_url)) as session:
        query = select(Call).where(Call.call_sid == call_sid).options(selectinload(Call.turns))
        found = session.scalar(query)
        if found is None:
            raise click.ClickException(f"no call {call_sid} in the database")
        turns = [
            {"seq": t.seq, "role": t.role, "kind": t.input_kind or t.action, "text": t.text, "note": t.note}
            for t in found.turns
        ]
    if as_json:
        click.echo(json.dumps(turns, indent=2))
        return
    click.echo(f"{call_sid}  {found.from_number} -> {found.to_number}  {found.status}  {found.outcome or ''}")
    for t in turns:
        who = "caller" if t["role"] == "caller" else "   ivr"
        note = f"  [{t['note']}]" if t["note"] else ""
        click.echo(f"{t['seq']:>3} {who} ({t['kind']}): {t['text']}{note}")


@main.command()
@click.option("--older-than", "age", required=True, help="Age of calls to delete, e.g. 30d, 12h, 90m.")
@click.option("--dry-run", is_flag=True, help="Count them; delete nothing.")
def purge(age: str, dry_run: bool) -> None:
    """Delete old calls with their transcripts (personal data: keep only what you need)."""
    older_than = _duration(age)
    with Session(make_engine(settings().database_url)) as session:
        count = record.purge(session, older_than, dry_run)
    click.echo(f"{count} call(s) older than {age} {'would be' if dry_run else 'were'} deleted.")


def _duration(text: str) -> timedelta:
    units = {"d": "days", "h": "hours", "m": "minutes"}
    number, unit = text[:-1], text[-1:]
    if unit not in units or not number.isdigit():
        raise click.BadParameter(f"'{text}' is not an age like 30d, 12h or 90m", param_hint="--older-than")
    return timedelta(**{units[unit]: int(number)})


@main.group("contacts")
def contacts_group() -> None:
    """The callers the business knows, looked up when `[contacts] source = "table"`."""


@contacts_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--region", default="US", show_default=True, help="Country of numbers written without +code.")
def import_contacts(file: Path, region: str) -> None:
    """Add or update contacts from a CSV file.

    The header names phone,name and optionally notes, private_notes, tags (comma-separated) and
    open_items (separated by ";"). All or nothing: if any row is bad, nothing is written and every
    bad row is listed by line."""
    with Session(make_engine(settings().database_url)) as session:
        report = contacts.import_csv(session, file, default_region=region)
    for error in report.errors:
        click.secho(f"  {error}", fg="red", err=True)
    if report.errors:
        raise click.ClickException(f"{file}: {len(report.errors)} problem(s); nothing was imported.")
    click.echo(f"{report.imported} contact(s) added, {report.updated} updated.")


@contacts_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, private notes included.")
def list_contacts(as_json: bool) -> None:
    """List the contacts in the database, by name."""
    with Session(make_engine(settings().database_url)) as session:
        rows = session.scalars(select(Contact).order_by(Contact.name, Contact.phone)).all()
        found = [(row.phone, contacts.CallerContact.from_row(row)) for row in rows]
    for phone, caller in found:
        if as_json:
            click.echo(json.dumps({"phone": phone, **caller.to_dict()}, ensure_ascii=False))
        else:
            items = f"{len(caller.open_items)} open item(s)" if caller.open_items else "-"
            click.echo("  ".join((phone, caller.name, ", ".join(caller.tags) or "-", items)))
    if not found and not as_json:
        click.echo("No contacts yet; add some with: ivr contacts import FILE.csv")


@main.command()
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
def deliver(once: bool) -> None:
    """Send post-call events to the assistant's webhooks, retrying until each is accepted.

    The Procfile's `worker:`. Several may run on one PostgreSQL database; on SQLite, run one."""
    config = settings()
    secret = config.events_signing_secret
    if not secret:
        raise click.ClickException("EVENTS_SIGNING_SECRET is not set (a Standard Webhooks secret, whsec_...)")
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    sessions = session_factory(make_engine(config.database_url))
    engine = build_engine(config)
    summarise = summariser(engine) if isinstance(engine, ClaudeEngine) else None
    if once:
        done = delivery.drain(sessions, secret, summarise=summarise)
        click.echo(f"{done.delivered} delivered, {done.failed} failed (retried later).")
        return
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())  # the host's restart: finish the batch
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    click.echo("Delivering events; Ctrl-C to stop.")
    delivery.run(sessions, secret, stop=stop, summarise=summarise)


@main.group("events", invoke_without_command=True)
@click.option("--limit", default=20, show_default=True, help="How many events, newest first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def events_group(context: click.Context, limit: int, as_json: bool) -> None:
    """List recent post-call events, with each webhook's delivery state and last error."""
    if context.invoked_subcommand is not None:
        return
    with Session(make_engine(settings().database_url)) as session:
        rows = delivery.recent_events(session, limit)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row.as_dict()))
            continue
        click.echo(f"{row.event_id}  {row.call_sid}  {row.created_at:%Y-%m-%d %H:%M:%S}  {row.state}")
        for sent in row.deliveries:
            parts = [f"{sent.state:<9}", f"{sent.attempts} attempt(s)", sent.url]
            if sent.state == "pending":
                parts.append(f"next try {sent.next_attempt_at:%Y-%m-%d %H:%M:%S} UTC")
            if sent.last_error:
                parts.append(f"last error: {sent.last_error}")
            click.echo("    " + "  ".join(parts))
    if not rows and not as_json:
        click.echo("No events yet.")


@events_group.command("retry")
@click.argument("event_id")
def retry_event(event_id: str) -> None:
    """Send one event again to every webhook (receivers drop an id they already have)."""
    with Session(make_engine(settings().database_url)) as session:
        try:
            count = delivery.retry(session, event_id)
        except delivery.UnknownEvent as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{event_id}: due again at {count} webhook(s); `ivr deliver` sends it.")


@main.command("receive-events")
@click.option("--port", default=9000, show_default=True, help="Port on 127.0.0.1 to listen on.")
def receive_events(port: int) -> None:
    """Receive post-call events locally, checking signatures, to try [events] webhooks.

    Point the assistant file's [events] webhooks at http://127.0.0.1:PORT/ and run `ivr deliver`."""
    secret = settings().events_signing_secret
    if not secret:
        raise click.ClickException(
            "EVENTS_SIGNING_SECRET is not set: the receiver needs it to check signatures"
        )
    server = event_receiver.serve(secret, port, click.echo)
    click.echo(f"Receiving events on http://127.0.0.1:{port}/ ; Ctrl-C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@main.command("configure-number")
@click.argument("phone_number")
@click.option("--base-url", required=True, help="The public https address of this IVR.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def configure_number(phone_number: str, base_url: str, dry_run: bool) -> None:
    """Point a Twilio number's voice, fallback and status URLs at BASE_URL."""
    config = settings()
    try:
        client = numbers.twilio_client(
            config.twilio_account_sid or "", config.twilio_auth_token or "", config.twilio_api_base_url
        )
        plan = numbers.plan_number(client, phone_number, base_url)
        if not dry_run:
            plan = numbers.apply_plan(client, plan)
    except numbers.NumberConfigError as error:
        raise click.ClickException(str(error)) from None
    click.echo(numbers.format_plan(plan, dry_run))


@main.command("accuracy")
@click.argument(
    "labelled", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=LABELLED_SAMPLE
)
@click.option(
    "--assistant", "assistant_path", type=click.Path(dir_okay=False), help="Default: IVR_ASSISTANT."
)
def routing_accuracy(labelled: Path, assistant_path: str | None) -> None:
    """Report how well the menu engine routes a labelled set of caller utterances."""
    line = _assistant(assistant_path)
    try:
        rows = accuracy.load_labelled(labelled)
    except accuracy.LabelledSetError as error:
        raise click.ClickException(str(error)) from None
    click.echo(accuracy.format_report(accuracy.evaluate(line, rows)))


@main.command("check-assistant")
@click.argument("path", required=False)
def check_assistant(path: str | None) -> None:
    """Validate an assistant file (default: IVR_ASSISTANT) and summarise it."""
    line = _assistant(path)
    click.echo(f"{line.name}: {len(line.menu)} menu options, {len(line.directory)} transfer targets, ok.")


def _assistant(path: str | None) -> assistant.Assistant:
    try:
        return assistant.load(path or settings().assistant_path)
    except assistant.AssistantError as error:
        raise click.ClickException(str(error)) from None
