"""The stored record of calls: one row per call, its turns in order, and its status history."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    DDL,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
    false,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class StoredText(TypeDecorator[str]):
    """Text from any source (Twilio's fields, the model, the business's API) made storable on every
    backend, in this one place: PostgreSQL refuses NUL characters and unpaired surrogates, and
    text longer than its column; SQLite would keep them. Values are cleaned, never refused."""

    impl: TypeEngine[Any] | type[TypeEngine[Any]] = Text
    cache_ok = True

    def __init__(self, length: int | None = None) -> None:
        super().__init__()
        self.length = length
        self.impl = String(length) if length else Text()  # what DDL and migrations see

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        value = str(value)
        if "\x00" in value:
            value = value.replace("\x00", "")
        try:
            value.encode()
        except UnicodeEncodeError:
            value = value.encode(errors="replace").decode()
        return value[: self.length] if self.length else value


class Base(DeclarativeBase):
    pass


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (Index("ix_calls_from_started", "from_number", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_sid: Mapped[str] = mapped_column(StoredText(64), unique=True)
    account_sid: Mapped[str | None] = mapped_column(StoredText(64))
    from_number: Mapped[str | None] = mapped_column(StoredText(32))
    to_number: Mapped[str | None] = mapped_column(StoredText(32))
    status: Mapped[str] = mapped_column(StoredText(20), default="in-progress")
    duration_s: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str | None] = mapped_column(StoredText(40))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The caller as the business knows them, looked up when the call came in (JSON), and how
    # the look-up went: found, unknown, timeout, error, malformed, invalid-number, or off.
    contact: Mapped[str | None] = mapped_column(StoredText())
    contact_lookup: Mapped[str | None] = mapped_column(StoredText(20))
    # A call placed by `ivr test-calls --url` (signed, so only someone with the auth token can
    # mark one): it sends no event, is hidden from lists unless asked for, and is purged in a day.
    test: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The name of the assistant that answered (IVR_ASSISTANT may be a folder of them, one per number).
    assistant: Mapped[str | None] = mapped_column(StoredText(200))
    # The transfer (the turn its <Dial> reports to) whose whisper the person answering accepted by
    # pressing 1: a transfer not accepted is told to the caller like a busy line.
    accepted_transfer: Mapped[int | None] = mapped_column(Integer)
    # The language the caller chose among those the assistant offers ([languages.es]); None: its own.
    language: Mapped[str | None] = mapped_column(StoredText(16))

    turns: Mapped[list[Turn]] = relationship(
        back_populates="call", order_by="Turn.seq", cascade="all, delete-orphan", passive_deletes=True
    )


class Turn(Base):
    """One thing said on a call: the caller's input or the assistant's answer.

    Caller and assistant turns alternate; seq numbers them from 0 (the greeting). The TwiML we
    send carries the seq of the caller turn it expects, so a repeated webhook finds its turn."""

    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("call_id", "seq", name="uq_turns_call_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(StoredText(10))
    text: Mapped[str] = mapped_column(StoredText(), default="")
    input_kind: Mapped[str | None] = mapped_column(StoredText(10))
    confidence: Mapped[float | None] = mapped_column(Float)
    action: Mapped[str | None] = mapped_column(StoredText(10))
    target: Mapped[str | None] = mapped_column(StoredText(64))
    note: Mapped[str | None] = mapped_column(StoredText(40))
    engine: Mapped[str | None] = mapped_column(StoredText(20))
    elapsed_ms: Mapped[int | None] = mapped_column(Integer)
    model_ms: Mapped[int | None] = mapped_column(Integer)
    input_tokens: Mapped[int | None] = mapped_column(Integer)
    output_tokens: Mapped[int | None] = mapped_column(Integer)
    cache_read_tokens: Mapped[int | None] = mapped_column(Integer)
    cache_write_tokens: Mapped[int | None] = mapped_column(Integer)
    # An assistant turn is "pending" while an engine decides it; its owner renews the lease
    # (deadline) while working, so a worker that died mid-turn is noticed and replaced.
    state: Mapped[str] = mapped_column(StoredText(10), default="done", server_default="done")
    owner: Mapped[str | None] = mapped_column(StoredText(80))
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    call: Mapped[Call] = relationship(back_populates="turns")


class CallStatus(Base):
    """Each status Twilio reported for a call, once each, in whatever order they arrived."""

    __tablename__ = "call_statuses"
    __table_args__ = (UniqueConstraint("call_id", "status", name="uq_call_statuses_call_status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(StoredText(20))
    sequence: Mapped[int | None] = mapped_column(Integer)
    duration_s: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Contact(Base):
    """A caller the business knows, imported with `ivr contacts import`."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(StoredText(32), unique=True)  # E.164
    name: Mapped[str] = mapped_column(StoredText(200))
    notes: Mapped[str] = mapped_column(StoredText(), default="")  # may be used in conversation
    private_notes: Mapped[str] = mapped_column(StoredText(), default="")  # never spoken to the caller
    tags: Mapped[str] = mapped_column(StoredText(), default="")  # comma-separated
    open_items: Mapped[str] = mapped_column(StoredText(), default="")  # JSON list of strings
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Message(Base):
    """A message or call-back request a caller left."""

    __tablename__ = "messages"
    __table_args__ = (UniqueConstraint("recording_sid", name="uq_messages_recording_sid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(StoredText(200))
    callback_number: Mapped[str | None] = mapped_column(StoredText(32))
    text: Mapped[str] = mapped_column(StoredText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # someone at the business saw to it
    # A voice message (<Record>): Twilio's recording, its length, and its transcription if any.
    recording_sid: Mapped[str | None] = mapped_column(StoredText(64))
    recording_url: Mapped[str | None] = mapped_column(StoredText(500))
    recording_duration_s: Mapped[int | None] = mapped_column(Integer)
    transcription: Mapped[str | None] = mapped_column(StoredText())


class Event(Base):
    """What the business is told about a call, written in the transaction that closes the call
    (the outbox): exactly one per call and type."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("call_id", "type", name="uq_events_call_type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(StoredText(40), unique=True)  # receivers deduplicate by it
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(StoredText(40))
    payload: Mapped[str] = mapped_column(StoredText())  # JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    deliveries: Mapped[list[Delivery]] = relationship(back_populates="event", cascade="all, delete-orphan")


class Delivery(Base):
    """One event on its way to one webhook URL: retried with back-off until it is accepted."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "url", name="uq_deliveries_event_url"),
        Index("ix_deliveries_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(StoredText(500))
    state: Mapped[str] = mapped_column(StoredText(12), default="pending")  # pending, delivered
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_error: Mapped[str | None] = mapped_column(StoredText())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship(back_populates="deliveries")


class User(Base):
    """Someone who may sign in to the console, added with `ivr users add`."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(StoredText(254), unique=True)  # stored lower-case
    password_hash: Mapped[str] = mapped_column(StoredText(255))  # werkzeug's scrypt hash, never the password
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginAttempt(Base):
    """A failed sign-in to the console, counted per address and per account to slow guessing. In
    SQL so that every worker counts the same attempts."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_address_at", "address", "at"),
        Index("ix_login_attempts_email_at", "email", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(StoredText(64))
    email: Mapped[str] = mapped_column(StoredText(254))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RejectedWebhooks(Base):
    """How many /voice/* requests were refused for a bad signature, per hour (a count, not the
    requests: a flood of forgeries costs one row per hour)."""

    __tablename__ = "rejected_webhooks"

    hour: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


# The console's lists and health page read these in time order; declared here, beside the models
# above, so that the tables keep their original definitions.
Index("ix_calls_test_started", Call.test, Call.started_at)
Index("ix_messages_created_at", Message.created_at)
Index("ix_turns_note_created", Turn.note, Turn.created_at)
# Covers the overview's time per answer: read from the index alone, never the turns' text.
Index(
    "ix_turns_created_role",
    Turn.created_at,
    Turn.role,
    Turn.seq,
    Turn.elapsed_ms,
    Turn.model_ms,
    Turn.call_id,
)


class ActionRun(Base):
    """One call to a declared action of the business's API, during a turn or at a moment of the
    call. `key` is the request's Idempotency-Key, unique to the call, the turn and the action: a
    second attempt (a take-over after a worker died, a repeated webhook) finds this row and replays
    its stored answer instead of calling again."""

    __tablename__ = "action_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int | None] = mapped_column(Integer)  # the answer's turn; None at call-start or call-end
    moment: Mapped[str] = mapped_column(StoredText(12), default="turn")  # turn, call-start, call-end
    name: Mapped[str] = mapped_column(StoredText(40))
    key: Mapped[str] = mapped_column(StoredText(120), unique=True)
    parameters: Mapped[str] = mapped_column(StoredText(), default="{}")  # JSON, masked like transcripts
    # running, ok, failed, timeout, or refused (never sent: the values broke the declared schema)
    status: Mapped[str] = mapped_column(StoredText(12), default="running")
    http_status: Mapped[int | None] = mapped_column(Integer)
    elapsed_ms: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str | None] = mapped_column(StoredText())  # JSON: the answer's fields, for a replay
    spoken: Mapped[str | None] = mapped_column(StoredText())  # JSON list: the fields the caller heard
    detail: Mapped[str | None] = mapped_column(StoredText(300))  # why it failed or was refused
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# What callers said, for the console's words filter (`text ILIKE '%words%'`): a trigram index on
# PostgreSQL (pg_trgm). A B-tree cannot find part of a text, so on SQLite the index holds nothing
# (WHERE 0: it costs no write) and the console bounds its search there instead; it is declared for
# both so that one schema matches the models on both.
Index(
    "ix_turns_said_trgm",
    Turn.text,
    postgresql_using="gin",
    postgresql_ops={"text": "public.gin_trgm_ops"},
    postgresql_where=text("role = 'caller' AND input_kind = 'speech'"),
    sqlite_where=text("0"),
)
# The trigram operators, for a schema made from these models (the migration makes them too).
event.listen(
    Turn.__table__,
    "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public").execute_if(dialect="postgresql"),
)


class OverviewDay(Base):
    """The overview's figures of one day long past (a day of the line's time zone), kept: such a
    day no longer changes, so the console adds up these instead of reading its calls again.
    `tallies` is JSON: figure -> key -> amount (calls per UTC hour, calls per outcome, answers per
    millisecond value, ...)."""

    __tablename__ = "overview_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    zone: Mapped[str] = mapped_column(StoredText(64), primary_key=True)
    tallies: Mapped[str] = mapped_column(StoredText())
    kept_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CallerText(Base):
    """A text to the caller (an option's `text`, or Claude's send_text), at most one per turn: the
    row is claimed before the text is sent, so a repeated webhook or a take-over finds it and never
    sends again. Always to the call's own From number. `status` is ours until Twilio answers
    (pending, refused: never sent, failed: the API refused it), then Twilio's as its status
    callbacks report it (queued, sent, delivered, undelivered, failed...)."""

    __tablename__ = "texts"
    __table_args__ = (UniqueConstraint("call_id", "seq", name="uq_texts_call_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # the answer's turn
    to_number: Mapped[str | None] = mapped_column(StoredText(32))
    from_number: Mapped[str | None] = mapped_column(StoredText(32))
    body: Mapped[str] = mapped_column(StoredText(), default="")
    message_sid: Mapped[str | None] = mapped_column(StoredText(64), unique=True)  # Twilio's SM…
    status: Mapped[str] = mapped_column(StoredText(20), default="pending")
    error_code: Mapped[int | None] = mapped_column(Integer)  # Twilio's, e.g. 21614 (not a mobile number)
    detail: Mapped[str | None] = mapped_column(StoredText(300))  # why it was refused or failed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the last status
