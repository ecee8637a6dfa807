"""The floor: the least a turn can cost on this stack, to compare the app against.

A bare Flask view, served by the same gunicorn settings on the same database, doing the SQL work a
turn needs (find the call by CallSid, insert the caller's turn and the answer, commit) and returning
a fixed <Gather>. No signature check, no dialog, no TwiML building. With ANTHROPIC_API_KEY and
ANTHROPIC_BASE_URL set (the Claude scenarios), each /voice/gather first asks the model with the
anthropic SDK, one plain request the size of the app's (the sample's system prompt and tools,
built once), as a bare Flask + SDK view would. Run as
`gunicorn -c gunicorn.conf.py 'bench.floor:create_app()'` with DATABASE_URL set."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

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
    ask = model() if os.environ.get("ANTHROPIC_API_KEY") and os.environ.get("ANTHROPIC_BASE_URL") else None

    @app.post("/voice/<path:_hook>")
    def turn(_hook: str) -> Response:
        if _hook == "status":
            return Response(status=204)
        call_sid = request.form["CallSid"]
        said = request.form.get("SpeechResult") or request.form.get("Digits") or ""
        answer = ask(said) if ask is not None and _hook == "gather" else "ok"
        with engine.begin() as connection:
            call_id = connection.scalar(FIND_CALL, {"sid": call_sid})
            if call_id is None:
                call_id = connection.scalar(NEW_CALL, {"sid": call_sid})
            seq = connection.scalar(NEXT_SEQ, {"call_id": call_id})
            connection.execute(NEW_TURN, {"call_id": call_id, "seq": seq, "role": "caller", "text": said})
            connection.execute(
                NEW_TURN, {"call_id": call_id, "seq": seq + 1, "role": "assistant", "text": answer}
            )
        return Response(GATHER, mimetype="text/xml")

    return app


def model() -> Callable[[str], str]:
    """One Messages API request per caller turn, its body the size of the app's."""
    import anthropic

    from ivr import assistant
    from ivr.dialog.engines import prompt

    sample = assistant.load(assistant.SAMPLE_PATH)
    client = anthropic.Anthropic(max_retries=0, timeout=10)  # key and base URL from the environment
    request: dict[str, Any] = {
        "model": "claude-haiku-4-5",
        "max_tokens": 300,
        "system": prompt.system_prompt(sample),
        "tools": prompt.tools(sample),
    }

    def ask(said: str) -> str:
        message = client.messages.create(**request, messages=[{"role": "user", "content": said}])
        return " ".join(block.text for block in message.content if block.type == "text")

    return ask
