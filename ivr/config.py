"""Settings: read once from the environment (and `.env`), validated, then passed around as a value.

Nothing else in ivr reads os.environ."""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from dotenv import dotenv_values

from ivr.assistant import SAMPLE_PATH

DEFAULT_MODEL = "claude-haiku-4-5"
TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable and what to set."""


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
    redact_transcripts: bool = True
    calls_per_caller_per_minute: int = 6
    debug: bool = False
    events_signing_secret: str | None = None
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, dotenv: str | None = ".env") -> Settings:
        """Build settings from `.env` overlaid by the real environment (the environment wins)."""
        values = {k: v for k, v in dotenv_values(dotenv).items() if v is not None} if dotenv else {}
        values.update(os.environ if environ is None else environ)
        return cls.from_mapping(values)

    @classmethod
    def from_mapping(cls, env: Mapping[str, str]) -> Settings:
        read = _Reader(env)
        return cls(
            database_url=database_url(read.text("DATABASE_URL", cls.database_url)),
            assistant_path=read.text("IVR_ASSISTANT", cls.assistant_path),
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
            redact_transcripts=read.flag("REDACT_TRANSCRIPTS", cls.redact_transcripts),
            calls_per_caller_per_minute=read.number(
                "CALLS_PER_CALLER_PER_MINUTE", cls.calls_per_caller_per_minute, int, 0, 1000
            ),
            debug=read.flag("FLASK_DEBUG", cls.debug),
            events_signing_secret=signing_secret(read.optional("EVENTS_SIGNING_SECRET")),
            log_level=read.choice("LOG_LEVEL", cls.log_level, {"DEBUG", "INFO", "WARNING", "ERROR"}),
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


def database_url(url: str) -> str:
    """Accept the URL forms hosts hand out (Heroku's postgres://) and pick our PostgreSQL driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if not url.startswith(("sqlite:", "postgresql+")):
        raise ConfigError(
            f"DATABASE_URL must be a sqlite:/// or postgres:// URL, not '{url.split(':')[0]}:...'"
        )
    return url


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


class _Reader:
    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env

    def optional(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None

    def text(self, name: str, default: str) -> str:
        return self.optional(name) or default

    def flag(self, name: str, default: bool) -> bool:
        raw = self.env.get(name)
        if raw is None:
            return default
        if raw.strip().lower() in TRUE | FALSE:
            return raw.strip().lower() in TRUE
        raise ConfigError(f"{name} must be true or false, not '{raw}'")

    def number(self, name: str, default: Any, kind: type, low: float, high: float) -> Any:
        raw = self.optional(name)
        if raw is None:
            return default
        try:
            value = kind(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a number from {low} to {high}, not '{raw}'") from None
        if not low <= value <= high:
            raise ConfigError(f"{name} must be from {low} to {high}, not {raw}")
        return value

    def choice(self, name: str, default: str, allowed: set[str]) -> str:
        value = self.text(name, default).upper()
        if value not in allowed:
            raise ConfigError(f"{name} must be one of {', '.join(sorted(allowed))}, not '{value}'")
        return value

    def url(self, name: str) -> str | None:
        value = self.optional(name)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"{name} must be an http(s) URL like https://ivr.example.com, not '{value}'")
        return value.rstrip("/")
