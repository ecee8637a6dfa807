"""Sending events from the outbox to the business's webhooks: signed per Standard Webhooks
(https://www.standardwebhooks.com/), at least once, retried with back-off, in order per call.

`ivr deliver` runs `run`; the web workers never wait for it. Several deliverers may share one
PostgreSQL database: each claims its batch with SELECT ... FOR UPDATE SKIP LOCKED, so no event
is sent by two at once. On SQLite, run one."""

from __future__ import annotations

import http.client
import json
import logging
import random
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased, selectinload, sessionmaker
from standardwebhooks import Webhook

from ivr.record.models import Call, Delivery, Event, utcnow

log = logging.getLogger("ivr.business.delivery")

PENDING, DELIVERED = "pending", "delivered"
FIRST_RETRY_S = 5.0
LONGEST_RETRY_S = 3600.0
JITTER = 0.1  # up to 10% either way, so deliveries that failed together do not retry together
ERROR_CHARS = 200
USER_AGENT = "ivr-webhooks/1"

Summarise = Callable[[dict[str, Any]], str | None]


class UnknownEvent(LookupError):
    """No event has that id."""


@dataclass(frozen=True)
class DeliveryRound:
    """What one call of deliver_due did."""

    attempted: int = 0
    delivered: int = 0
    failed: int = 0

    def __add__(self, other: DeliveryRound) -> DeliveryRound:
        return DeliveryRound(
            self.attempted + other.attempted, self.delivered + other.delivered, self.failed + other.failed
        )


@dataclass(frozen=True)
class _Outgoing:
    """A claimed delivery, copied out of the session so nothing is loaded during HTTP."""

    delivery_id: int
    url: str
    attempts: int
    event_pk: int
    event_id: str
    payload: str


def deliver_due(
    sessions: sessionmaker[Session],
    secret: str,
    *,
    batch: int = 20,
    now: datetime | None = None,
    timeout_s: float = 10.0,
    summarise: Summarise | None = None,
) -> DeliveryRound:
    """Send up to `batch` deliveries that are due at `now`, oldest first, and record each result.

    On PostgreSQL the batch's rows stay locked, in one transaction, until its results are
    written. SQLite has one writer for the whole database, so there the claim is a plain read
    and each result is written in its own short transaction: no write lock is held during HTTP.
    `now` schedules retries; signatures always carry the real time (receivers reject old ones)."""
    now = now or utcnow()
    signer = Webhook(secret)
    delivered = failed = 0
    with sessions() as session:
        locking = session.get_bind().dialect.name == "postgresql"
        settle = _nothing if locking else session.commit
        due = _claim(session, now, batch, locking)
        settle()
        if summarise is not None:
            due = _summarised(session, due, summarise, settle)
        for item in due:
            error = send(item.url, item.event_id, item.payload, signer, timeout_s)
            _record(session, item, error, now)
            settle()
            delivered, failed = delivered + (error is None), failed + (error is not None)
        session.commit()
    return DeliveryRound(attempted=len(due), delivered=delivered, failed=failed)


def drain(
    sessions: sessionmaker[Session],
    secret: str,
    *,
    batch: int = 20,
    timeout_s: float = 10.0,
    summarise: Summarise | None = None,
    stop: threading.Event | None = None,
) -> DeliveryRound:
    """Deliver batch after batch until less than a full batch was due (or `stop` is set), and
    return the totals: everything due now, tried once (`ivr deliver --once`)."""
    total = DeliveryRound()
    while True:
        done = deliver_due(sessions, secret, batch=batch, timeout_s=timeout_s, summarise=summarise)
        total += done
        if done.attempted < batch or (stop is not None and stop.is_set()):
            return total


def run(
    sessions: sessionmaker[Session],
    secret: str,
    poll_s: float = 1.0,
    stop: threading.Event | None = None,
    *,
    batch: int = 20,
    timeout_s: float = 10.0,
    summarise: Summarise | None = None,
) -> None:
    """Deliver until `stop` is set, looking for due events every `poll_s` seconds (`ivr deliver`).
    A database that is briefly unreachable is logged and tried again."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            drain(sessions, secret, batch=batch, timeout_s=timeout_s, summarise=summarise, stop=stop)
        except SQLAlchemyError:
            log.exception("event=delivery-round-failed")
        stop.wait(poll_s)


def send(url: str, event_id: str, payload: str, signer: Webhook, timeout_s: float) -> str | None:
    """POST one event with the Standard Webhooks headers; None if the receiver took it (2xx),
    otherwise what went wrong. webhook-id is the event's id, the same on every retry."""
    sent_at = datetime.now(UTC)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "webhook-id": event_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signer.sign(event_id, sent_at, payload),
    }
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        request = urllib.request.Request(url, payload.encode("utf-8"), headers, method="POST")
        with opener.open(request, timeout=timeout_s):
            return None
    except urllib.error.HTTPError as error:
        body = error.read(ERROR_CHARS * 4).decode("utf-8", errors="replace")
        return f"HTTP {error.code}: {body[:ERROR_CHARS]}"
    except urllib.error.URLError as error:  # refused, unknown host, connect timeout
        return f"{type(error.reason).__name__}: {str(error.reason)[:ERROR_CHARS]}"
    except (OSError, ValueError, http.client.HTTPException) as error:  # read timeouts, resets, bad URLs
        return f"{type(error).__name__}: {str(error)[:ERROR_CHARS]}"


def backoff(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure: about 5 s, 10 s, 20 s ... at most an hour."""
    seconds = FIRST_RETRY_S * 2 ** min(max(attempts - 1, 0), 20)
    return timedelta(seconds=min(seconds * random.uniform(1 - JITTER, 1 + JITTER), LONGEST_RETRY_S))


def retry(session: Session, event_id: str) -> int:
    """Make every delivery of an event due now, delivered ones too (send it again); return how
    many deliveries that is."""
    event = session.scalar(select(Event).where(Event.event_id == event_id))
    if event is None:
        raise UnknownEvent(f"no event {event_id}")
    made_due = session.execute(
        update(Delivery)
        .where(Delivery.event_id == event.id)
        .values(state=PENDING, next_attempt_at=utcnow(), delivered_at=None)
    )
    session.commit()
    return cast(CursorResult[Any], made_due).rowcount


@dataclass(frozen=True)
class DeliveryState:
    url: str
    state: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime
    delivered_at: datetime | None


@dataclass(frozen=True)
class EventRow:
    """An event as `ivr events` shows it, with how its delivery to each URL is going."""

    event_id: str
    type: str
    call_sid: str
    created_at: datetime
    deliveries: tuple[DeliveryState, ...]

    @property
    def state(self) -> str:
        if not self.deliveries:
            return "no-webhooks"
        return DELIVERED if all(d.state == DELIVERED for d in self.deliveries) else PENDING

    def as_dict(self) -> dict[str, Any]:
        row = asdict(self) | {"state": self.state}
        row["created_at"] = self.created_at.isoformat(timespec="seconds")
        for delivery in row["deliveries"]:
            for key in ("next_attempt_at", "delivered_at"):
                moment = delivery[key]
                delivery[key] = moment.isoformat(timespec="seconds") if moment else None
        return row


def recent_events(session: Session, limit: int = 20) -> list[EventRow]:
    """The newest events first, each with its deliveries."""
    query = (
        select(Event, Call.call_sid)
        .join(Call, Event.call_id == Call.id)
        .order_by(Event.created_at.desc(), Event.id.desc())
        .limit(limit)
        .options(selectinload(Event.deliveries))
    )
    rows = []
    for event, call_sid in session.execute(query):
        deliveries = tuple(
            DeliveryState(d.url, d.state, d.attempts, d.last_error, d.next_attempt_at, d.delivered_at)
            for d in sorted(event.deliveries, key=lambda d: d.id)
        )
        rows.append(EventRow(event.event_id, event.type, call_sid, event.created_at, deliveries))
    return rows


def _claim(session: Session, now: datetime, batch: int, locking: bool) -> list[_Outgoing]:
    """The due deliveries, oldest first, leaving out any that would overtake an earlier event
    of the same call still pending for the same URL (so each URL hears a call's events in order)."""
    earlier, earlier_event = aliased(Delivery), aliased(Event)
    overtakes = (
        select(earlier.id)
        .join(earlier_event, earlier.event_id == earlier_event.id)
        .where(
            earlier.url == Delivery.url,
            earlier.state == PENDING,
            earlier_event.call_id == Event.call_id,
            earlier_event.id < Event.id,
        )
    )
    query = (
        select(Delivery.id, Delivery.url, Delivery.attempts, Event.id, Event.event_id, Event.payload)
        .join(Event, Delivery.event_id == Event.id)
        .where(Delivery.state == PENDING, Delivery.next_attempt_at <= now, ~overtakes.exists())
        .order_by(Delivery.id)
        .limit(batch)
    )
    if locking:
        # Locks the delivery and its event; another deliverer skips both instead of waiting,
        # and a locked event keeps its payload the same for every URL.
        query = query.with_for_update(skip_locked=True)
    return [_Outgoing(*row) for row in session.execute(query)]


def _summarised(
    session: Session, due: list[_Outgoing], summarise: Summarise, settle: Callable[[], None]
) -> list[_Outgoing]:
    """Replace the path summary with a better one before an event's first attempt. Only events
    not yet sent anywhere are summarised, so every URL receives the same payload."""
    sent = set(
        session.scalars(
            select(Delivery.event_id).where(
                Delivery.event_id.in_({item.event_pk for item in due}), Delivery.attempts > 0
            )
        )
    )
    settle()
    payloads: dict[int, str] = {}
    for item in due:
        if item.event_pk not in payloads and item.event_pk not in sent:
            payloads[item.event_pk] = _better_summary(session, item, summarise)
            settle()
    return [replace(item, payload=payloads.get(item.event_pk, item.payload)) for item in due]


def _better_summary(session: Session, item: _Outgoing, summarise: Summarise) -> str:
    payload = json.loads(item.payload)
    if payload.get("summary_by") != "path":
        return item.payload
    try:
        summary = summarise(payload)
    except Exception:  # a summariser's failure must never hold an event back
        log.exception("event=summary-failed event_id=%s", item.event_id)
        return item.payload
    if not summary or not summary.strip():
        return item.payload
    payload |= {"summary": summary.strip(), "summary_by": "claude"}
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    session.execute(update(Event).where(Event.id == item.event_pk).values(payload=text))
    return text


def _record(session: Session, item: _Outgoing, error: str | None, now: datetime) -> None:
    attempts = item.attempts + 1
    if error is None:
        values: dict[str, Any] = {"state": DELIVERED, "delivered_at": now, "last_error": None}
        log.info("event=delivered event_id=%s host=%s attempts=%d", item.event_id, _host(item.url), attempts)
    else:
        values = {"next_attempt_at": now + backoff(attempts), "last_error": error}
        log.warning(
            "event=delivery-failed event_id=%s host=%s attempts=%d", item.event_id, _host(item.url), attempts
        )
    session.execute(
        update(Delivery).where(Delivery.id == item.delivery_id).values(attempts=attempts, **values)
    )


def _host(url: str) -> str | None:
    """The receiver's host, for logs: a webhook URL's path or query often holds a token."""
    return urllib.parse.urlsplit(url).hostname


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer other than 2xx, so a failure: following it would re-send (or, for
    301-303, drop) the signed body somewhere the business did not configure."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _nothing() -> None:
    pass
