"""Going live: check the assistant file, and point a Twilio number at this app."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ivr.cli.environment import settings

if TYPE_CHECKING:
    from ivr.assistant import Assistant


@click.command("configure-number")
@click.argument("phone_number", required=False)
@click.option("--base-url", required=True, help="The public https address of this IVR.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def configure_number(phone_number: str | None, base_url: str, dry_run: bool) -> None:
    """Point a Twilio number's voice, fallback and status URLs at BASE_URL.

    Without PHONE_NUMBER, every number the assistant files list (IVR_ASSISTANT as a folder)."""
    from ivr import assistant, lines, number_setup

    config = settings()
    try:
        numbers = [phone_number] if phone_number else list(lines.load(config.assistant_path).by_number)
    except assistant.AssistantError as error:
        raise click.ClickException(str(error)) from None
    if not numbers:
        raise click.ClickException(
            "Name the number to configure (ivr configure-number +15551234567 --base-url ...): "
            "no assistant file lists numbers = [...]"
        )
    try:
        client = number_setup.twilio_client(
            config.twilio_account_sid or "", config.twilio_auth_token or "", config.twilio_api_base_url
        )
        for number in numbers:
            plan = number_setup.plan_number(client, number, base_url)
            if not dry_run:
                plan = number_setup.apply_plan(client, plan)
            click.echo(number_setup.format_plan(plan, dry_run))
    except number_setup.NumberConfigError as error:
        raise click.ClickException(str(error)) from None


@click.command("check-assistant")
@click.argument("path", required=False)
def check_assistant(path: str | None) -> None:
    """Check an assistant file (default: IVR_ASSISTANT) for what Twilio would reject or misread,
    and summarise it. Exits 1 on errors; warnings alone exit 0."""
    from ivr import assistant

    source = path or settings().assistant_path
    try:
        line = assistant.load(source)
    except assistant.AssistantError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        raise SystemExit(1) from None
    found = assistant.warnings(line, source, model_takes_messages=_model_takes_messages())
    found += _texts_unsent(line, source)
    summary = f"{len(line.menu)} menu options, {len(line.directory)} transfer targets"
    click.echo(f"{line.name}: {summary}, voice {line.voice} in {line.language}: ok", nl=not found)
    if found:
        click.echo(f", {len(found)} warning{'s' if len(found) > 1 else ''}:")
    for warning in found:
        click.echo(warning)


def _texts_unsent(line: Assistant, source: str) -> list[str]:
    """An option that texts, on a line that cannot send texts: its callers hear that it failed."""
    from ivr.config import ConfigError, Settings

    try:
        if Settings.from_env().twilio_account_sid:
            return []
    except ConfigError:
        return []
    return [
        f"{source}: [[menu]] #{index}: text: TWILIO_ACCOUNT_SID is not set, so callers hear the answer "
        "and get no text; set it (with TWILIO_AUTH_TOKEN) to send texts"
        for index, option in enumerate(line.menu, start=1)
        if option.text is not None
    ]


def _model_takes_messages() -> bool:
    """Claude's take_message tool is offered on every call when an Anthropic key is set."""
    from ivr.config import ConfigError, Settings

    try:
        return bool(Settings.from_env().anthropic_api_key)
    except ConfigError:
        return False  # a bad setting is for `ivr doctor` to report; this command checks the file


COMMANDS = (configure_number, check_assistant)
