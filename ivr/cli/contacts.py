"""The callers the business knows, kept in our own contacts table."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ivr.cli.environment import database


@click.group("contacts")
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
    from ivr.business import contacts

    with database() as session:
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
    from sqlalchemy import select

    from ivr.business import contacts
    from ivr.record.models import Contact

    with database() as session:
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


COMMANDS = (contacts_group,)
