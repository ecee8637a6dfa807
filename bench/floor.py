"""The floor: the least a turn can cost on this stack, to compare the app against.

A bare Flask view, served by the same gunicorn settings on the same database, doing the SQL work a
turn needs (find the call by CallSid, insert the caller's turn and the answer, commit) and returning
a fixed <Gather>. No signature check, no dialog, no TwiML building. Run as
`gunicorn -c gunicorn.conf.py 'bench.floor:create_app()'` with DATABASE_URL set."""

from __future__ import annotations

import os

from flask import Flask, Response, request
from sqlalchemy import text

from ivr.config import database_url
from ivr.record.db import make_engine

GATHER = (
    '<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="/voice/gather" input="speech dtmf" '
    'method="POST" numDigits="1"><Say>We are open Monday to Friday from 8 AM to 6 PM. '
    "Is there anything else I can help you with?</Say></Gather>"
    '<Redirect method="POST">/voice/gather</Redirect></Response>'
)
FIND_CALL = text("SELECT id FROM calls WHERE call_sid = :sid")
NEW_CALL = text(
    "INSERT INTO calls (call_sid, status, started_at) "
    "VALUES (:sid, 'in-progress', CURRENT_TIMESTAMP) RETURNING id"
)
NEXT_SEQ = text("SELECT coalesce(max(seq), 0) + 1 FROM turns WHERE call_id = :call_id")
NEW_TURN = text(
    "INSERT INTO turns (call_id, seq, role, text, state, created_at) "
    "VALUES (:call_id, :seq, :role, :text, 'done', CURRENT_TIMESTAMP)"
)


def create_app() -> Flask:
    app = Flask(__name__)
    engine = make_engine(database_url(os.environ["DATABASE_URL"]))

    @app.post("/voice/<path:_hook>")
    def turn(_hook: str) -> Response:
        if _hook == "status":
            return Response(status=204)
        call_sid = request.form["CallSid"]
        with engine.begin() as connection:
            call_id = connection.scalar(FIND_CALL, {"sid": call_sid})
            if call_id is None:
                call_id = connection.scalar(NEW_CALL, {"sid": call_sid})
            seq = connection.scalar(NEXT_SEQ, {"call_id": call_id})
            said = request.form.get("SpeechResult") or request.form.get("Digits") or ""
            connection.execute(NEW_TURN, {"call_id": call_id, "seq": seq, "role": "caller", "text": said})
            connection.execute(
                NEW_TURN, {"call_id": call_id, "seq": seq + 1, "role": "assistant", "text": "ok"}
            )
        return Response(GATHER, mimetype="text/xml")

    return app
