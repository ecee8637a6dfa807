"""The phone line as configured at start-up: settings, assistant, engine, database sessions.

Built once per process and only read afterwards; no call state lives here."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from sqlalchemy.orm import Session, sessionmaker
from twilio.request_validator import RequestValidator

from ivr.assistant import Assistant
from ivr.config import Settings
from ivr.dialog import Engine


@dataclass(frozen=True)
class Line:
    settings: Settings
    assistant: Assistant
    engine: Engine
    sessions: sessionmaker[Session]
    validator: RequestValidator | None


def current() -> Line:
    return current_app.extensions["ivr"]


def db() -> Session:
    """This request's database session, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = current().sessions()
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()
