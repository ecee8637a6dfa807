"""Going live: check the assistant file, and point a Twilio number at this app."""

from __future__ import annotations

import click

from ivr.cli.environment import assistant_file, settings


@click.command("configure-number")
@click.argument("phone_number")
@click.option("--base-url", required=True, help="The public https address of this IVR.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def configure_number(phone_number: str, base_url: str, dry_run: bool) -> None:
    """Point a Twilio number's voice, fallback and status URLs at BASE_URL."""
    from ivr import number_setup

    config = settings()
    try:
        client = number_setup.twilio_client(
            config.twilio_account_sid or "", config.twilio_auth_token or "", config.twilio_api_base_url
        )
        plan = number_setup.plan_number(client, phone_number, base_url)
        if not dry_run:
            plan = number_setup.apply_plan(client, plan)
    except number_setup.NumberConfigError as error:
        raise click.ClickException(str(error)) from None
    click.echo(number_setup.format_plan(plan, dry_run))


@click.command("check-assistant")
@click.argument("path", required=False)
def check_assistant(path: str | None) -> None:
    """Validate an assistant file (default: IVR_ASSISTANT) and summarise it."""
    line = assistant_file(path)
    click.echo(f"{line.name}: {len(line.menu)} menu options, {len(line.directory)} transfer targets, ok.")


COMMANDS = (configure_number, check_assistant)
