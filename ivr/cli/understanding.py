"""How well the line understands its callers: routing accuracy on a labelled set, and what real
callers said that matched nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import click

from ivr.cli.environment import database
from ivr.cli.tables import short_sids, table, when


@click.command("unmatched")
@click.option("--days", default=30, show_default=True, help="How far back to look.")
@click.option("--limit", default=30, show_default=True, help="How many different things said.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def unmatched(days: int, limit: int, as_json: bool) -> None:
    """What real callers said that the line re-asked, most frequent first: phrases to add to the
    options of the assistant file (test calls are left out)."""
    from ivr.record.unmatched import unmatched as query

    with database() as session:
        found = query(session, timedelta(days=days), limit)
    if as_json:
        for item in found:
            click.echo(json.dumps(item.as_dict()))
        return
    if not found:
        click.echo(f"Nothing unmatched in the last {days} days.")
        return
    sids = short_sids(item.last_call_sid for item in found)
    rows = [
        (
            item.times,
            item.calls,
            when(item.last_at),
            sids[item.last_call_sid],
            item.said + (f"  ({item.low_confidence} heard unsure)" if item.low_confidence else ""),
        )
        for item in found
    ]
    click.echo(table(("TIMES", "CALLS", "LAST (UTC)", "LAST CALL", "SAID"), rows))
    click.echo("\nAdd the words to an option's phrases in the assistant file, then run ivr test-calls.")


COMMANDS = (unmatched,)
