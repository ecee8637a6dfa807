"""Whether the line is well: `GET /healthz` for load balancers and uptime checks (no login, no
secrets), and the console's health page: recent fallbacks and errors, event deliveries that
failed or wait, and webhooks refused for a bad signature, counted per hour as they happen."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, request
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ivr.dialog.notes import Note
from ivr.record.models import Call, Delivery, Event, RejectedWebhooks, Turn, utcnow
from ivr.web.voice import db

log = logging.getLogger("ivr.console")
healthz = Blueprint("healthz", __name__)
TROUBLE_SHOWN = 20
REJECTIONS_SHOWN = timedelta(hours=48)


@healthz.get("/healthz")
def database_health() -> tuple[Response, int]:
    """200 when the database answers, 503 when it does not; nothing else is said."""
    if database_answers(db()):
        return jsonify(status="ok"), 200
    return jsonify(status="database unavailable"), 503


def database_answers(session: Session) -> bool:
    """Whether the database answers a query on our own schema. A SQLite file that was deleted
    still answers through connections opened before, so its file must also be there."""
    try:
        url = session.get_bind().engine.url
        file = url.database if url.get_backend_name() == "sqlite" and url.database != ":memory:" else None
        if file and not Path(file).is_file():
            return False
        session.execute(text("SELECT version_num FROM alembic_version"))
        return True
    except SQLAlchemyError as error:
        log.warning("event=healthz_failed error=%s", type(error).__name__)
        session.rollback()
        return False


def count_rejected_webhooks(response: Response) -> Response:
    """After every request: a /voice/* request refused for its signature adds one to this hour."""
    if request.blueprint != "voice" or response.status_code != 403:
        return response
    hour = utcnow().replace(minute=0, second=0, microsecond=0)
    session = db()
    insert = postgres_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = insert(RejectedWebhooks).values(hour=hour, count=1)
    statement = statement.on_conflict_do_update(
        index_elements=[RejectedWebhooks.hour], set_={"count": RejectedWebhooks.count + 1}
    )
    try:
        session.execute(statement)
        session.commit()
    except SQLAlchemyError as error:  # a count is not worth failing a response over
        session.rollback()
        log.warning("event=rejection_not_counted error=%s", type(error).__name__)
    return response


@dataclass(frozen=True)
class Trouble:
    at: datetime
    call_sid: str
    note: str
    text: str


@dataclass(frozen=True)
class WaitingDelivery:
    url: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    event_type: str
    call_sid: str


@dataclass(frozen=True)
class HealthReport:
    database: bool
    trouble: list[Trouble]
    failing: list[WaitingDelivery]  # tried at least once and not accepted yet
    pending: int  # not delivered yet, tried or not
    delivered: int
    rejections: list[tuple[datetime, int]]  # (hour, count), newest first


def report(session: Session) -> HealthReport:
    return HealthReport(
        database=database_answers(session),
        trouble=recent_trouble(session),
        failing=failing_deliveries(session),
        pending=session.scalar(select(func.count()).where(Delivery.state == "pending")) or 0,
        delivered=session.scalar(select(func.count()).where(Delivery.state == "delivered")) or 0,
        rejections=[
            (hour, count)
            for hour, count in session.execute(
                select(RejectedWebhooks.hour, RejectedWebhooks.count)
                .where(RejectedWebhooks.hour >= utcnow() - REJECTIONS_SHOWN)
                .order_by(RejectedWebhooks.hour.desc())
            )
        ],
    )


def recent_trouble(session: Session) -> list[Trouble]:
    """The latest errors and replaced model answers: one range of the (note, created_at) index
    per kind of note, test calls left out by id (a join would tempt SQLite into scanning calls)."""
    kinds = [
        Turn.note == Note.ERROR.value,
        Turn.note.between(Note.MODEL_FALLBACK.value, Note.MODEL_FALLBACK.value + "\uffff"),
    ]
    tests = select(Call.id).where(Call.test.is_(True))
    rows: list[Any] = []
    for kind in kinds:
        query = (
            select(Turn.created_at, Turn.call_id, Turn.note, Turn.text)
            .where(kind, Turn.call_id.not_in(tests))
            .order_by(Turn.created_at.desc())
            .limit(TROUBLE_SHOWN)
        )
        rows += session.execute(query).all()
    rows = sorted(rows, key=lambda row: row.created_at, reverse=True)[:TROUBLE_SHOWN]
    sids = dict(
        session.execute(select(Call.id, Call.call_sid).where(Call.id.in_({r.call_id for r in rows}))).all()
    )
    return [Trouble(r.created_at, sids.get(r.call_id, "?"), r.note or "", r.text) for r in rows]


def failing_deliveries(session: Session) -> list[WaitingDelivery]:
    query = (
        select(Delivery, Event.type, Call.call_sid)
        .join(Event, Event.id == Delivery.event_id)
        .join(Call, Call.id == Event.call_id)
        .where(Delivery.state == "pending", Delivery.attempts > 0)
        .order_by(Delivery.next_attempt_at)
        .limit(TROUBLE_SHOWN)
    )
    return [
        WaitingDelivery(d.url, d.attempts, d.next_attempt_at, d.last_error, kind, sid)
        for d, kind, sid in session.execute(query)
    ]
