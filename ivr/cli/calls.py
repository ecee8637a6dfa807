"""What the line's calls left behind: recent calls, one call's transcript, and purging old ones."""

from __future__ import annotations

import json
from datetime import timedelta

import click

from ivr.cli.environment import database


@click.command("calls")
@click.option("--limit", default=20, show_default=True, help="How many calls, newest first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_calls(limit: int, as_json: bool) -> None:
    """List recent calls from the database."""
    from sqlalchemy import select

    from ivr.record.models import Call

    with database() as session:
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


@click.command()
@click.argument("call_sid")
@click.option("--json", "as_json", is_flag=True, help="The turns as a JSON list.")
def transcript(call_sid: str, as_json: bool) -> None:
    """Print one call's conversation, turn by turn."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from ivr.record.models import Call

    with database() as session:
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


@click.command()
@click.option("--older-than", "age", required=True, help="Age of calls to delete, e.g. 30d, 12h, 90m.")
@click.option("--dry-run", is_flag=True, help="Count them; delete nothing.")
def purge(age: str, dry_run: bool) -> None:
    """Delete old calls with their transcripts (personal data: keep only what you need)."""
    from ivr.record import calls

    older_than = _duration(age)
    with database() as session:
        count = calls.purge(session, older_than, dry_run)
    click.echo(f"{count} call(s) older than {age} {'would be' if dry_run else 'were'} deleted.")


def _duration(text: str) -> timedelta:
    units = {"d": "days", "h": "hours", "m": "minutes"}
    number, unit = text[:-1], text[-1:]
    if unit not in units or not number.isdigit():
        raise click.BadParameter(f"'{text}' is not an age like 30d, 12h or 90m", param_hint="--older-than")
    return timedelta(**{units[unit]: int(number)})


COMMANDS = (list_calls, transcript, purge)
