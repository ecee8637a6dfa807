"""Settings: read once from the environment (and `.env`), validated, then passed around as a value.

Nothing else in ivr reads os.environ. Which `.env` is read, and what relative paths are relative
to, is one rule (`find_home`), so that the server, alembic and the `ivr` command agree wherever
they are started from."""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from dotenv import dotenv_values

from ivr.assistant import SAMPLE_PATH

DEFAULT_MODEL = "claude-haiku-4-5"
TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}
_T = TypeVar("_T")
PROJECT = Path(__file__).resolve().parent.parent  # the checkout, when ivr runs from one


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable and what to set."""


class DotEnv(Enum):
    FIND = "find"  # the .env that find_home finds


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///instance/ivr.sqlite3"
    assistant_path: str = str(SAMPLE_PATH)
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_api_base_url: str | None = None
    validate_signatures: bool = True
    public_base_url: str | None = None
    trusted_proxy_hops: int = 0
    anthropic_api_key: str | None = None
    anthropic_model: str = DEFAULT_MODEL
    anthropic_base_url: str | None = None
    model_timeout: float = 10.0
    reply_budget: float = 4.0
    stream_replies: bool = True
    # How the menu engine routes by meaning (ivr/dialog/understanding.py): "static" embeddings, also
    # the "deep" transformer for what they leave unplaced, or "off" (the phrases and rules alone).
    semantic_tier: str = "static"
    redact_transcripts: bool = True
    calls_per_caller_per_minute: int = 6
    debug: bool = False
    events_signing_secret: str | None = None
    log_level: str = "INFO"
    secret_key: str | None = None  # signs the console's session cookie; no console without it
    timezone: str = "UTC"  # the line's time zone: the console shows times and days in it
    # IVR_CLOCK: the moment the line believes it is, for its opening hours (tests, and trying the
    # line out of hours); naive means in the [hours] time zone. None: the real clock.
    clock: datetime | None = None
    # Every variable, from .env and the environment, for the ${VAR}s of the assistant file's action
    # headers (read once, at start-up, by ivr.business.actions). Never shown, never compared.
    environment: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def menu_tier(self) -> str | None:
        """The semantic tier the line runs: "static" or "deep" with the menu engine; None when
        Claude answers or the menu routes by phrases alone."""
        return None if self.anthropic_api_key or self.semantic_tier == "off" else self.semantic_tier

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, dotenv: str | Path | DotEnv | None = DotEnv.FIND
    ) -> Settings:
        """Build settings from `.env` overlaid by the real environment (the environment wins).
        `dotenv`: the file `find_home` finds (the default), a path, or None for none."""
        return cls.read(environ, dotenv).settings

    @classmethod
    def read(
        cls, environ: Mapping[str, str] | None = None, dotenv: str | Path | DotEnv | None = DotEnv.FIND
    ) -> Reading:
        """The settings with where each came from, for `ivr doctor`."""
        environ = os.environ if environ is None else environ
        if isinstance(dotenv, DotEnv):
            home = find_home(environ, Path.cwd())
        elif dotenv is None:
            home = find_home(environ, Path.cwd(), search=False)
        else:
            home = Home(Path(dotenv).resolve().parent, Path(dotenv).resolve(), "given")
        from_file = (
            {k: v for k, v in dotenv_values(home.dotenv).items() if v is not None} if home.dotenv else {}
        )
        read = _Reader({**from_file, **environ})
        settings = cls.from_mapping(read, home.directory)
        return Reading(
            settings, home, read.seen, {name: _source(name, environ, from_file, home) for name in read.seen}
        )

    @classmethod
    def from_mapping(cls, env: Mapping[str, str] | _Reader, home: Path | None = None) -> Settings:
        """Settings from variables; relative paths (the SQLite file, the assistant) are taken from
        `home` if given."""
        read = env if isinstance(env, _Reader) else _Reader(env)
        return cls(
            database_url=database_url(read.text("DATABASE_URL", cls.database_url), home),
            assistant_path=assistant_path(read.text("IVR_ASSISTANT", cls.assistant_path), home),
            twilio_account_sid=read.optional("TWILIO_ACCOUNT_SID"),
            twilio_auth_token=read.optional("TWILIO_AUTH_TOKEN"),
            twilio_api_base_url=read.url("TWILIO_API_BASE_URL"),
            validate_signatures=read.flag("TWILIO_VALIDATE_SIGNATURES", cls.validate_signatures),
            public_base_url=read.url("PUBLIC_BASE_URL"),
            trusted_proxy_hops=read.number("TRUSTED_PROXY_HOPS", cls.trusted_proxy_hops, int, 0, 5),
            anthropic_api_key=read.optional("ANTHROPIC_API_KEY"),
            anthropic_model=read.text("ANTHROPIC_MODEL", cls.anthropic_model),
            anthropic_base_url=read.url("ANTHROPIC_BASE_URL"),
            model_timeout=read.number("MODEL_TIMEOUT", cls.model_timeout, float, 0.5, 12.0),
            reply_budget=read.number("REPLY_BUDGET", cls.reply_budget, float, 0.5, 10.0),
            stream_replies=read.flag("STREAM_REPLIES", cls.stream_replies),
            semantic_tier=read.tier("SEMANTIC_TIER", cls.semantic_tier),
            redact_transcripts=read.flag("REDACT_TRANSCRIPTS", cls.redact_transcripts),
            calls_per_caller_per_minute=read.number(
                "CALLS_PER_CALLER_PER_MINUTE", cls.calls_per_caller_per_minute, int, 0, 1000
            ),
            debug=read.flag("FLASK_DEBUG", cls.debug),
            events_signing_secret=signing_secret(read.optional("EVENTS_SIGNING_SECRET")),
            log_level=read.choice("LOG_LEVEL", cls.log_level, {"DEBUG", "INFO", "WARNING", "ERROR"}),
            secret_key=secret_key(read.optional("SECRET_KEY")),
            timezone=time_zone(read.text("TIMEZONE", cls.timezone)),
            clock=clock(read.optional("IVR_CLOCK")),
            environment=dict(read.env),
        )

    def with_overrides(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def check(self, under_gunicorn: bool = False) -> None:
        """Refuse to serve calls with a configuration that is unsafe; migrations need not pass."""
        if under_gunicorn and self.debug:
            raise ConfigError(
                "FLASK_DEBUG is on under gunicorn: the debugger would show tracebacks and settings "
                "to anyone; unset FLASK_DEBUG (or set it to 0) in production"
            )
        if self.validate_signatures and not self.twilio_auth_token:
            raise ConfigError(
                "TWILIO_AUTH_TOKEN is not set, and request validation is on: set it to your Twilio "
                "account's auth token (or, for local experiments only, TWILIO_VALIDATE_SIGNATURES=false)"
            )


@dataclass(frozen=True)
class Home:
    """Where settings are read from: the `.env` (if any), and the directory relative paths in them
    are taken from. `how` says why: ivr-home, nearest, checkout, cwd or given."""

    directory: Path
    dotenv: Path | None
    how: str


@dataclass(frozen=True)
class Reading:
    """Settings as read: each variable's value (defaults included) and where it came from:
    "environment", the .env file's path, or "default"."""

    settings: Settings
    home: Home
    values: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)


def find_home(environ: Mapping[str, str], cwd: Path, search: bool = True) -> Home:
    """The first of: the directory IVR_HOME names (its .env, if any); the nearest directory from
    `cwd` up that holds a .env, not looking above the checkout when inside it; the checkout ivr
    runs from (the directory with alembic.ini beside the package); the current directory.

    So the server started in the checkout, alembic, and `ivr` run from anywhere read one .env and
    one SQLite file. `search=False` skips the .env files."""
    named = environ.get("IVR_HOME", "").strip()
    if named:
        directory = (cwd / Path(named).expanduser()).resolve()
        if not directory.is_dir():
            raise ConfigError(f"IVR_HOME is {named}, which is not a directory: name the one holding .env")
        return Home(directory, _dotenv_in(directory, search), "ivr-home")
    checkout = PROJECT if (PROJECT / "alembic.ini").is_file() else None
    if search:
        for directory in (cwd.resolve(), *cwd.resolve().parents):
            if _dotenv_in(directory, search):
                return Home(directory, directory / ".env", "nearest")
            if directory == checkout:
                break
    if checkout is not None:
        return Home(checkout, _dotenv_in(checkout, search), "checkout")
    return Home(cwd.resolve(), None, "cwd")


def assistant_path(path: str, home: Path | None = None) -> str:
    """A relative assistant file is looked for in `home` first (where .env names it from), then
    in the current directory."""
    if home is None or Path(path).is_absolute() or not (home / path).is_file():
        return path
    return str(home / path)


def _source(name: str, environ: Mapping[str, str], from_file: Mapping[str, str], home: Home) -> str:
    """Where a variable's value came from; a blank one is no value, unless it hides the file's."""
    if environ.get(name, "").strip():
        return "environment"
    if name in environ and from_file.get(name, "").strip():
        return "environment (blank)"
    return str(home.dotenv) if from_file.get(name, "").strip() else "default"


def _dotenv_in(directory: Path, search: bool) -> Path | None:
    return directory / ".env" if search and (directory / ".env").is_file() else None


def database_url(url: str, home: Path | None = None) -> str:
    """Accept the URL forms hosts hand out (Heroku's postgres://) and pick our PostgreSQL driver;
    a relative SQLite path is made absolute from `home` (not from wherever a command runs)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if not url.startswith(("sqlite:", "postgresql+")):
        raise ConfigError(
            f"DATABASE_URL must be a sqlite:/// or postgres:// URL, not '{url.split(':')[0]}:...'"
        )
    scheme, slashes, path = url.partition(":///")
    if home is None or not scheme.startswith("sqlite") or not slashes:
        return url
    if not path or path.startswith(("/", ":memory:", "file:")) or Path(path).is_absolute():
        return url
    return f"{scheme}:///{home / path}"


def signing_secret(value: str | None) -> str | None:
    """A Standard Webhooks secret: whsec_ and 24 to 64 random bytes, base64-encoded."""
    if value is None:
        return None
    try:
        key = base64.b64decode(value.removeprefix("whsec_"), validate=True)
    except binascii.Error:
        key = b""
    if not value.startswith("whsec_") or not 24 <= len(key) <= 64:
        raise ConfigError(
            "EVENTS_SIGNING_SECRET must be whsec_ followed by 24 to 64 base64-encoded random bytes "
            "(.env.example shows a command that makes one)"
        )
    return value


def secret_key(value: str | None) -> str | None:
    """The console's cookie-signing key: long and random, or it could be guessed."""
    if value is not None and len(value) < 32:
        raise ConfigError(
            "SECRET_KEY must be at least 32 random characters; make one with "
            "python3 -c 'import secrets; print(secrets.token_hex(32))'"
        )
    return value


def clock(value: str | None) -> datetime | None:
    """A fixed moment, like 2026-12-25T10:00 (in the line's time zone) or 2026-12-25T15:00+00:00."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"IVR_CLOCK must be a moment like 2026-12-25T10:00 (or unset for the real clock), not '{value}'"
        ) from None


def time_zone(name: str) -> str:
    """An IANA time zone name, like Europe/Paris or America/New_York."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"TIMEZONE must be an IANA time zone like America/New_York or UTC, not '{name}'"
        ) from None
    return name


class _Reader:
    """Reads typed values, and keeps each variable read with the value it gave (`seen`)."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.seen: dict[str, Any] = {}

    def _keep(self, name: str, value: _T) -> _T:
        self.seen[name] = value
        return value

    def optional(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return self._keep(name, value or None)

    def text(self, name: str, default: str) -> str:
        return self._keep(name, self.optional(name) or default)

    def flag(self, name: str, default: bool) -> bool:
        raw = self.env.get(name)
        if raw is None:
            return self._keep(name, default)
        if raw.strip().lower() in TRUE | FALSE:
            return self._keep(name, raw.strip().lower() in TRUE)
        raise ConfigError(f"{name} must be true or false, not '{raw}'")

    def tier(self, name: str, default: str) -> str:
        """true (static), false (off) or deep."""
        raw = self.env.get(name)
        if raw is None:
            return self._keep(name, default)
        value = raw.strip().lower()
        if value in TRUE | FALSE or value == "deep":
            return self._keep(name, "static" if value in TRUE else "off" if value in FALSE else "deep")
        raise ConfigError(f"{name} must be true, false or deep, not '{raw}'")

    def number(self, name: str, default: Any, kind: type, low: float, high: float) -> Any:
        raw = self.optional(name)
        if raw is None:
            return self._keep(name, default)
        try:
            value = kind(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a number from {low} to {high}, not '{raw}'") from None
        if not low <= value <= high:
            raise ConfigError(f"{name} must be from {low} to {high}, not {raw}")
        return self._keep(name, value)

    def choice(self, name: str, default: str, allowed: set[str]) -> str:
        value = self.text(name, default).upper()
        if value not in allowed:
            raise ConfigError(f"{name} must be one of {', '.join(sorted(allowed))}, not '{value}'")
        return self._keep(name, value)

    def url(self, name: str) -> str | None:
        value = self.optional(name)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"{name} must be an http(s) URL like https://ivr.example.com, not '{value}'")
        return self._keep(name, value.rstrip("/"))
