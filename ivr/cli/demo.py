"""`ivr demo-data`: a busy line's worth of made-up calls, to try the console and measure it.
A development tool; it writes into the database the settings name."""

from __future__ import annotations

import time

import click

from ivr.cli.environment import assistant_file, database


@click.command("demo-data")
@click.option("--calls", default=1000, show_default=True, help="How many calls to write.")
@click.option("--days", default=365, show_default=True, help="Spread over this many days up to now.")
@click.option("--seed", default=17, show_default=True, help="The same seed writes the same calls.")
@click.option("--force", is_flag=True, help="Write even if the database already holds real calls.")
def demo_data(calls: int, days: int, seed: int, force: bool) -> None:
    """Write made-up calls (turns, statuses, messages, a few events) for trying the console,
    busiest in office hours in TIMEZONE. Never on a live line's database: it refuses one that has
    calls unless --force."""
    from sqlalchemy import func, select

    from ivr.cli.environment import settings
    from ivr.devtools import demo_data as demo
    from ivr.record.models import Call

    line, zone = assistant_file(), settings().timezone
    with database() as session:
        existing = session.scalar(select(func.count()).select_from(Call)) or 0
        if existing and not force:
            raise click.ClickException(
                f"The database already has {existing:,} calls: demo data would mix with them. "
                "Point DATABASE_URL at a database of its own, or pass --force."
            )
        started = time.perf_counter()
        written = demo.seed(session, line, calls, days, seed, zone)
    click.echo(f"Wrote {written:,} calls over {days} days in {time.perf_counter() - started:.1f} s.")


COMMANDS = (demo_data,)
