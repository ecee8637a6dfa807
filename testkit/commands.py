"""The `ivr` command as an operator runs it, in process with Click's runner (flaskr's `runner`).

It is configured through the environment only, with IVR_HOME naming a folder of the test's own, so
a developer's .env in the checkout is never read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from ivr.cli import main
from testkit.webhooks import ACCOUNT_SID, AUTH_TOKEN


@dataclass(frozen=True)
class Ivr:
    env: dict[str, str | None]  # None: unset

    @classmethod
    def on(cls, database_url: str, home: Path, **env: str | None) -> Ivr:
        """The command on one database, with the test's settings and IVR_HOME at `home`."""
        return cls(
            {
                "IVR_HOME": str(home),
                "DATABASE_URL": database_url,
                "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
                "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
                "ANTHROPIC_API_KEY": "",
                "LOG_LEVEL": "INFO",
                **env,
            }
        )

    def __call__(self, *args: str, **env: str | None) -> Result:
        """Run `ivr ARGS`, with `env` over the command's environment (None unsets a variable);
        check the result's exit_code."""
        return CliRunner().invoke(main, list(args), env={**self.env, **env})
