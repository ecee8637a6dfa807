"""Post-call events: deliver them (the Procfile's worker), list them, and send one again."""

from __future__ import annotations

import json
import signal
import threading

import click

from ivr.cli.environment import database, settings


@click.command()
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
def deliver(once: bool) -> None:
    """Send post-call events to the assistant's webhooks, retrying until each is accepted.

    The Procfile's `worker:`. Several may run on one PostgreSQL database; on SQLite, run one."""
    from ivr import logs
    from ivr.business import delivery
    from ivr.dialog.engines import build_engine, post_call_summariser
    from ivr.record.db import DatabaseNotReady, check_ready, make_engine, session_factory

    config = settings()
    try:
        check_ready(config.database_url)
    except DatabaseNotReady as error:
        raise click.ClickException(str(error)) from None
    secret = config.events_signing_secret
    if not secret:
        raise click.ClickException("EVENTS_SIGNING_SECRET is not set (a Standard Webhooks secret, whsec_...)")
    logs.configure(config.log_level)
    engine = make_engine(config.database_url)
    sessions = session_factory(engine)
    summarise = post_call_summariser(build_engine(config))
    try:
        if once:
            done = delivery.drain(sessions, secret, summarise=summarise)
            click.echo(f"{done.delivered} delivered, {done.failed} failed (retried later).")
            return
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())  # the host's restart: finish the batch
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        click.echo("Delivering events; Ctrl-C to stop.")
        delivery.run(sessions, secret, stop=stop, summarise=summarise)
    finally:
        engine.dispose()


@click.group("events", invoke_without_command=True)
@click.option("--limit", default=20, show_default=True, help="How many events, newest first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def events_group(context: click.Context, limit: int, as_json: bool) -> None:
    """List recent post-call events, with each webhook's delivery state and last error."""
    if context.invoked_subcommand is not None:
        return
    from ivr.business import delivery

    with database() as session:
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
    from ivr.business import delivery

    with database() as session:
        try:
            count = delivery.retry(session, event_id)
        except delivery.UnknownEvent as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{event_id}: due again at {count} webhook(s); `ivr deliver` sends it.")


COMMANDS = (deliver, events_group)
