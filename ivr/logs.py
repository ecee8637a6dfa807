"""Logging: one line per event, each carrying the CallSid of the call it is about.

The web layer sets the CallSid once per request (`for_call`); every line logged while that request
is served, by any module, carries it, and so does work handed to another thread with
`contextvars.copy_context()`. Nothing has to pass the CallSid along to be able to log it."""

from __future__ import annotations

import logging
from contextvars import ContextVar

CALL_SID: ContextVar[str | None] = ContextVar("call_sid", default=None)
FORMAT = "%(asctime)s %(levelname)s %(name)s %(call)s%(message)s"


_make_record = logging.getLogRecordFactory()


def _record_with_call_sid(*args: object, **kwargs: object) -> logging.LogRecord:
    record = _make_record(*args, **kwargs)
    call_sid = CALL_SID.get()
    record.call = f"call_sid={call_sid} " if call_sid else ""
    return record


def configure(level: str) -> None:
    """Log to standard error at `level`, every line with the CallSid of its call, if any."""
    logging.setLogRecordFactory(_record_with_call_sid)
    logging.basicConfig(level=level, format=FORMAT)
    logging.getLogger("httpx2").setLevel(logging.WARNING)  # the SDK's client: a line per model request


def for_call(call_sid: str | None) -> None:
    """Name the call that what follows, in this context, is about."""
    CALL_SID.set(call_sid)
