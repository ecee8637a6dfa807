"""Trying the line before and after every change: phone it from a terminal, replay scenario calls,
measure routing on a labelled set, and receive post-call events locally."""

from __future__ import annotations

import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ivr.cli.environment import assistant_file, settings

if TYPE_CHECKING:
    from ivr.devtools.twilio_emulator import CallResult, Said


@click.command()
@click.argument("base_url", default="http://127.0.0.1:8000")
@click.option("--from", "from_number", default="+15555550123", show_default=True, help="The caller's number.")
@click.option("--to", "to_number", default="+15555550000", show_default=True, help="The number dialed.")
@click.option("--speak", is_flag=True, help="Also speak each <Say> through espeak-ng, when installed.")
def call(base_url: str, from_number: str, to_number: str, speak: bool) -> None:
    """Phone the IVR at BASE_URL from this terminal, playing Twilio's part.

    Type what the caller says; '#2' presses keys; an empty line is silence; Ctrl-D hangs up.
    Requests are signed with TWILIO_AUTH_TOKEN, as Twilio signs them. When TWILIO_API_BASE_URL
    is on this machine, Twilio's Messages API is played there too, and texts the line sends
    show up here."""
    from ivr.devtools.twilio_emulator import HttpTransport, PhoneCall, TerminalInput

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

    with ExitStack() as stack:
        _texts_reach_this_phone(stack)
        result = phone.run(TerminalInput(sys.stdin, lambda text: click.echo(text, nl=False)), heard)
    _summary(result)


def _texts_reach_this_phone(stack: ExitStack) -> None:
    """Serve Twilio's Messages API where TWILIO_API_BASE_URL points, if that is this machine,
    for as long as the call lasts: each text the line sends is printed as the phone receives it."""
    import threading
    from urllib.parse import urlsplit

    from ivr.devtools.messages_api import MessagesApi, serve

    config = settings()
    where = urlsplit(config.twilio_api_base_url or "")
    if where.scheme != "http" or where.hostname not in ("127.0.0.1", "localhost"):
        return
    if not config.twilio_account_sid:
        click.echo("TWILIO_ACCOUNT_SID is not set: the line sends no texts.", err=True)
        return

    def received(message: dict) -> None:
        click.echo(
            click.style(f"  text from {message['from']} to {message['to']}: ", fg="cyan") + message["body"]
        )

    api = MessagesApi(config.twilio_account_sid, config.twilio_auth_token or "", on_text=received)
    try:
        server = serve(api, where.hostname, where.port or 80)
    except OSError as error:
        click.echo(f"Texts will not show: cannot listen on {where.netloc} ({error.strerror}).", err=True)
        return
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stack.callback(server.server_close)
    stack.callback(server.shutdown)
    click.echo(f"Texts the line sends arrive here (Twilio's Messages API played on {where.netloc}).")


def _summary(result: CallResult) -> None:
    click.echo(f"\nCall ended: {result.ended}.")
    for dialed in result.transfers:
        click.echo(f"  transferred to {dialed.number}: {dialed.outcome}")
    for problem in result.violations + result.errors:
        click.secho(f"  problem: {problem}", fg="red", err=True)
    if result.violations or result.errors:
        sys.exit(1)


@click.command("test-calls")
@click.argument("directory", required=False, type=click.Path(file_okay=False, exists=True))
@click.option("--url", help="Base URL of a running server; default: the app, in this process.")
def test_calls(directory: str | None, url: str | None) -> None:
    """Run conversation scenarios and print a pass/fail table; exit 1 if any fails."""
    from ivr.devtools import scenarios
    from ivr.devtools.twilio_emulator import HttpTransport, Transport

    config = settings()
    line = assistant_file()
    folder = directory or scenarios.suite_for(config.assistant_path)
    if not Path(folder).is_dir():
        raise click.ClickException(
            f"No scenarios at {folder}: make that folder (copy one from "
            "ivr/assistants/riverside-clinic.scenarios to start), or name a folder: ivr test-calls FOLDER"
        )
    try:
        found = scenarios.load_scenarios(folder)
    except scenarios.ScenarioError as error:
        raise click.ClickException(str(error)) from None
    with ExitStack() as stack:
        transport: Transport
        if url:  # a running line: its calls are marked as tests (no events, hidden, purged in a day)
            transport, base, token = HttpTransport(), url.rstrip("/"), config.twilio_auth_token
        else:  # in process, on a database of its own
            transport, token = stack.enter_context(scenarios.throwaway_line(config))
            base = scenarios.IN_PROCESS_URL
        results = scenarios.run_all(found, transport, base, token, line)
    click.echo(scenarios.format_table(results))
    if not all(result.passed for result in results):
        sys.exit(1)


@click.command("accuracy")
@click.argument("labelled", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=False)
@click.option(
    "--assistant", "assistant_path", type=click.Path(dir_okay=False), help="Default: IVR_ASSISTANT."
)
@click.option("--phrases-only", is_flag=True, help="Without the semantic tier (SEMANTIC_TIER=false).")
def routing_accuracy(labelled: Path | None, assistant_path: str | None, phrases_only: bool) -> None:
    """Report how well the menu engine routes a labelled set of caller utterances.

    LABELLED defaults to the sample clinic's set."""
    from ivr import assistant
    from ivr.devtools import accuracy
    from ivr.dialog.understanding import Understanding

    line = assistant_file(assistant_path)
    try:
        rows = accuracy.load_labelled(labelled or assistant.SAMPLE_PATH.with_suffix(".utterances.csv"))
    except accuracy.LabelledSetError as error:
        raise click.ClickException(str(error)) from None
    tier = "off" if phrases_only else settings().semantic_tier
    understanding = None if tier == "off" else Understanding.load(deep=tier == "deep")
    click.echo(accuracy.format_report(accuracy.evaluate(line, rows, understanding)))


@click.command("receive-events")
@click.option("--port", default=9000, show_default=True, help="Port on 127.0.0.1 to listen on.")
def receive_events(port: int) -> None:
    """Receive post-call events locally, checking signatures, to try [events] webhooks.

    Point the assistant file's [events] webhooks at http://127.0.0.1:PORT/ and run `ivr deliver`."""
    from ivr.devtools import event_receiver

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


COMMANDS = (call, test_calls, routing_accuracy, receive_events)
