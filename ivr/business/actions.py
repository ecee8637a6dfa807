"""Calling the business's declared actions over HTTP, within each action's time budget.

Every request goes to the declared URL with the declared method, the declared headers (their
${VAR}s read from the settings' environment once, at start-up, and never logged), a Standard
Webhooks signature with EVENTS_SIGNING_SECRET (https://www.standardwebhooks.com/) and an
`Idempotency-Key` that is also its `webhook-id`. POST sends the values as JSON, and its body is
what is signed; GET sends them as query parameters, and what is signed is the query string as a
JSON string (`json.dumps(query_string)`), since the libraries that verify parse it as JSON.

What comes back is read with suspicion: no redirect is followed, at most 64 KB is read, only a
JSON object is an answer, and anything else (a non-2xx, a timeout, HTML) is a failure with a
reason, never an exception: the call goes on."""

from __future__ import annotations

import http.client
import json
import logging
import ssl
import threading
import time
import urllib.parse
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from standardwebhooks import Webhook

from ivr.assistant import VARIABLE
from ivr.dialog.actions import ActionSpec

log = logging.getLogger("ivr.business.actions")
MAX_ANSWER_BYTES = 64 * 1024
READ_CHUNK_BYTES = 8192
USER_AGENT = "ivr-actions/1"


class MissingVariable(ValueError):
    """A header names an environment variable that is not set; the message says which."""


@dataclass(frozen=True)
class Answer:
    """How one request went: `status` is ok, failed or timeout; `fields` the JSON answer's
    top-level fields when ok; `detail` why not, for the record and the logs (never a header)."""

    status: str
    http_status: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    elapsed_ms: int = 0
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class _Request:
    method: str
    url: str
    body: bytes | None
    headers: dict[str, str]


class _Failed(Exception):
    """What went wrong with an answer, in a few words."""


class ActionClient:
    """The declared actions, ready to call: headers resolved, signer built. Built once per process."""

    def __init__(
        self, specs: Sequence[ActionSpec], environment: Mapping[str, str], secret: str | None
    ) -> None:
        self.specs = {spec.name: spec for spec in specs}
        self._headers = {spec.name: resolved_headers(spec, environment) for spec in specs}
        self._signer = Webhook(secret) if secret else None

    @property
    def signed(self) -> bool:
        return self._signer is not None

    def send(self, spec: ActionSpec, values: Mapping[str, Any], key: str) -> Answer:
        """Call the action once with checked `values`; the answer within spec.timeout_ms, or a failure."""
        began = time.perf_counter()
        request = self._request(spec, values, key)
        answer = _within(request, spec.timeout_ms / 1000)
        elapsed = round((time.perf_counter() - began) * 1000)
        answer = Answer(answer.status, answer.http_status, answer.fields, elapsed, answer.detail)
        log.info(
            "event=action name=%s status=%s http=%s ms=%d%s",
            spec.name,
            answer.status,
            answer.http_status,
            elapsed,
            f" detail={answer.detail!r}" if answer.detail else "",
        )
        return answer

    def _request(self, spec: ActionSpec, values: Mapping[str, Any], key: str) -> _Request:
        headers = dict(self._headers[spec.name])
        headers |= {"Accept": "application/json", "User-Agent": USER_AGENT, "Idempotency-Key": key}
        url, body = spec.url, None
        if spec.method == "GET":
            query = urllib.parse.urlencode({name: _as_query(value) for name, value in values.items()})
            url = f"{url}{'&' if '?' in url else '?'}{query}" if query else url
            signed = json.dumps(query)  # a JSON string: Standard Webhooks' libraries parse what they verify
        else:
            signed = json.dumps(dict(values), ensure_ascii=False, separators=(",", ":"))
            body = signed.encode()
            headers["Content-Type"] = "application/json"
        if self._signer is not None:
            now = datetime.now(UTC)
            headers["webhook-id"] = key
            headers["webhook-timestamp"] = str(int(now.timestamp()))
            headers["webhook-signature"] = self._signer.sign(key, now, signed)
        return _Request(spec.method, url, body, headers)


def resolved_headers(spec: ActionSpec, environment: Mapping[str, str]) -> dict[str, str]:
    """The action's headers with each ${VAR} replaced by its value; MissingVariable if one is unset."""

    def value(found: Any) -> str:
        name = found.group(1)
        if not environment.get(name, "").strip():
            raise MissingVariable(
                f"{name} is not set: action {spec.name}'s headers use ${{{name}}}; set it in the "
                "environment or .env"
            )
        return environment[name].strip()

    return {name: VARIABLE.sub(value, template) for name, template in spec.headers}


def _as_query(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _within(request: _Request, budget_s: float) -> Answer:
    """The exchange, in a thread of its own: no socket timeout bounds a whole request (DNS ignores
    it; a server dripping bytes resets it on every read). The thread stops soon after the deadline;
    nobody waits for it."""
    deadline = time.monotonic() + budget_s
    result: Future[Answer] = Future()
    worker = threading.Thread(target=_exchange, args=(result, request, deadline), name="action", daemon=True)
    worker.start()
    try:
        return result.result(timeout=max(0.0, deadline - time.monotonic()))
    except TimeoutError:
        return Answer("timeout", detail=f"no answer within {round(budget_s * 1000)} ms")


def _exchange(result: Future[Answer], request: _Request, deadline: float) -> None:
    try:
        result.set_result(_send(request, deadline))
    except _Failed as failure:
        result.set_result(
            Answer("failed", failure.args[1] if len(failure.args) > 1 else None, detail=str(failure.args[0]))
        )
    except TimeoutError:
        result.set_result(Answer("timeout", detail="the answer was still arriving at the deadline"))
    except (OSError, http.client.HTTPException, ValueError) as error:
        result.set_result(Answer("failed", detail=f"{type(error).__name__}: {str(error)[:200]}"))


def _send(request: _Request, deadline: float) -> Answer:
    parts = urllib.parse.urlsplit(request.url)
    timeout = max(0.01, deadline - time.monotonic())
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=timeout)
    path = parts.path or "/"
    try:
        connection.request(
            request.method, f"{path}?{parts.query}" if parts.query else path, request.body, request.headers
        )
        response = connection.getresponse()
        status = response.status
        if 300 <= status < 400:  # http.client never follows one; nor do we, to any host
            raise _Failed(f"HTTP {status}: a redirect, not followed", status)
        body = _read(response, deadline)
    finally:
        connection.close()
    if not 200 <= status < 300:
        raise _Failed(f"HTTP {status}", status)
    return Answer("ok", status, _fields(response.getheader("Content-Type", ""), body, status))


def _read(response: http.client.HTTPResponse, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise _Failed(f"answer of {declared} bytes, over {MAX_ANSWER_BYTES} bytes", response.status)
    body = bytearray()
    while chunk := response.read1(READ_CHUNK_BYTES):
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise _Failed(f"answer over {MAX_ANSWER_BYTES} bytes", response.status)
        if time.monotonic() > deadline:
            raise TimeoutError
    return bytes(body)


def _fields(content_type: str, body: bytes, status: int) -> dict[str, Any]:
    """The answer's top-level fields: a JSON object is the only answer; an empty 2xx is one too."""
    if not body.strip():
        return {}
    media = content_type.split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise _Failed(f"answer is {media or 'untyped'}, not JSON", status)
    try:
        data = json.loads(body)
    except ValueError:
        raise _Failed("answer is not valid JSON", status) from None
    if not isinstance(data, dict):
        raise _Failed(f"answer is a JSON {type(data).__name__}, not an object", status)
    return data
