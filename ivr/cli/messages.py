"""The messages callers left: list the ones waiting, read one, and mark them handled."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from ivr.cli.environment import database
from ivr.cli.tables import short_sids, table, when

if TYPE_CHECKING:
    from ivr.record.messages import CallerMessage

LIST_TEXT = 60  # characters of each message in the list; `ivr messages show ID` has all of it


@click.group("messages", invoke_without_command=True)
@click.option("--all", "include_handled", is_flag=True, help="Include messages already handled.")
@click.option("--tests", "include_tests", is_flag=True, help="Include messages left on test calls.")
@click.option("--limit", default=50, show_default=True, help="How many messages, newest first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def messages_group(
    context: click.Context, include_handled: bool, include_tests: bool, limit: int, as_json: bool
) -> None:
    """List the messages callers left, newest first: by default the ones nobody has handled yet."""
    if context.invoked_subcommand is not None:
        return
    from ivr.record import messages

    with database() as session:
        found = messages.recent(
            session, include_handled=include_handled, include_tests=include_tests, limit=limit
        )
    if as_json:
        for message in found:
            click.echo(json.dumps(message.as_dict()))
        return
    if not found:
        click.echo("No messages." if include_handled else "No messages waiting (--all lists handled ones).")
        return
    sids = short_sids(message.call_sid for message in found)
    rows = [
        (
            message.id,
            when(message.left_at),
            _caller(message),
            message.callback_number,
            sids[message.call_sid],
            when(message.handled_at) or "no",
            _shortened(message.text),
        )
        for message in found
    ]
    click.echo(table(("ID", "LEFT (UTC)", "FROM", "CALL BACK", "CALL", "HANDLED", "MESSAGE"), rows))


@messages_group.command("show")
@click.argument("message_id", metavar="ID", type=int)
@click.option("--json", "as_json", is_flag=True, help="The message as one JSON object.")
def show_message(message_id: int, as_json: bool) -> None:
    """Print one message in full, with its caller and call."""
    from ivr.record import messages

    with database() as session:
        message = messages.get(session, message_id)
    if message is None:
        raise click.ClickException(f"No message {message_id} (ivr messages --all lists them).")
    if as_json:
        click.echo(json.dumps(message.as_dict(), indent=2))
        return
    handled = f"handled {when(message.handled_at)} UTC" if message.handled_at else "not handled yet"
    click.echo(f"Message {message.id}, {handled}{' (test call)' if message.test else ''}")
    click.echo(f"  left       {when(message.left_at, seconds=True)} UTC")
    click.echo(f"  from       {_caller(message) or '-'}")
    click.echo(f"  call back  {message.callback_number or '-'}")
    click.echo(
        f"  call       {message.call_sid} (ivr transcript {short_sids([message.call_sid])[message.call_sid]})"
    )
    click.echo("")
    click.echo(f"  {message.text}")


@messages_group.command("handled")
@click.argument("message_ids", metavar="ID...", type=int, nargs=-1, required=True)
def mark_handled(message_ids: tuple[int, ...]) -> None:
    """Mark messages handled, so the list shows only those still waiting. All or none: an unknown
    ID changes nothing. A message handled before keeps its time."""
    from ivr.record import messages
    from ivr.record.models import utcnow

    with database() as session:
        try:
            marked = messages.mark_handled(session, message_ids, utcnow())
        except messages.UnknownMessages as error:
            raise click.ClickException(
                f"{error}: nothing was marked (ivr messages --all lists them)."
            ) from None
    already = f"; {len(marked.already)} already was" if marked.already else ""
    click.echo(f"{len(marked.newly)} message(s) marked handled{already}.")


def _caller(message: CallerMessage) -> str | None:
    if message.caller_name and message.caller_number:
        return f"{message.caller_number} ({message.caller_name})"
    return message.caller_number or message.caller_name


def _shortened(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= LIST_TEXT else flat[: LIST_TEXT - 1] + "…"


COMMANDS = (messages_group,)
