"""`ivr demo-business`: the sample clinic's CRM on this machine, so that the line's actions can be
tried end to end with no internet (ivr/assistants/riverside-clinic-crm.toml calls it)."""

from __future__ import annotations

import click

from ivr.cli.environment import settings


@click.command("demo-business")
@click.option("--port", default=8900, show_default=True, help="Where the CRM listens, on 127.0.0.1.")
@click.option(
    "--token", default="demo-crm-token", show_default=True, help="The bearer token it wants (CRM_TOKEN)."
)
@click.option("--delay-ms", default=0, show_default=True, help="Hold every answer this long: a slow CRM.")
def demo_business(port: int, token: str, delay_ms: int) -> None:
    """Serve a small CRM: contacts, call activities, bookings, balances and deal stages. It checks
    the bearer token and, with EVENTS_SIGNING_SECRET set, each request's signature, and does each
    thing once per Idempotency-Key. Ctrl-C stops it."""
    from ivr.devtools import demo_business as crm

    secret = settings().events_signing_secret
    try:
        server = crm.serve(port, secret=secret, token=token, delay_s=delay_ms / 1000, show=click.echo)
    except OSError as error:
        raise click.ClickException(f"Cannot listen on 127.0.0.1:{port}: {error.strerror}") from None
    signatures = (
        "checked with EVENTS_SIGNING_SECRET" if secret else "not checked (EVENTS_SIGNING_SECRET unset)"
    )
    click.echo(
        f"The clinic's CRM listens on http://127.0.0.1:{port} (token {token!r}; signatures {signatures})."
    )
    click.echo("Start the line with IVR_ASSISTANT=ivr/assistants/riverside-clinic-crm.toml, then call it.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        server.server_close()


COMMANDS = (demo_business,)
