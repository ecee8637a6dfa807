"""A local stand-in for Anthropic's Messages API (`POST /v1/messages`), for tests.

The real `anthropic` SDK reaches it over real HTTP on loopback::

    with MessagesStandIn() as api:
        api.reply_tool("transfer_call", {"department": "sales"})
        client = anthropic.Anthropic(api_key="test", base_url=api.url, max_retries=0)
        message = client.messages.create(model="claude-haiku-4-5", max_tokens=256, messages=[...])

Each request takes the next scripted outcome (`reply_text`, `reply_tool`, `break_off`, `fail`,
`hang`, `garbage`), then asks the `responder` if one is set, then answers "Default reply.".

Things the SDK does that tests must plan for:

- It retries 408, 409, 429, 5xx and 529 answers and connection errors, twice by default, with
  0.5 s to 8 s of backoff (or what `retry-after` / `retry-after-ms` asks). Build the client with
  the `max_retries` the test means, usually 0, or one scripted failure is silently absorbed.
- It sends the key as `Authorization: Bearer <key>` (SDK 2.x), not the documented `x-api-key`;
  both are accepted here.
- A 200 answer whose content-type is not JSON is handed back as a plain `str` instead of a
  `Message`, with no error, unless the client was built with `_strict_response_validation=True`.

Protocol references (platform.claude.com/docs/en/...): api/messages, api/errors,
build-with-claude/streaming, build-with-claude/prompt-caching.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import secrets
import string
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from testkit.standins.loopback import LoopbackHandler, LoopbackServer

# Shorter cacheable prefixes are silently not cached: no error, both cache counters stay 0.
# Source: platform.claude.com/docs/en/build-with-claude/prompt-caching, "Cache limitations"
# (quoted in anthropics/anthropic-sdk-python#1194). Sources disagree on Sonnet 4.6 (1024 in the
# quoted page, 2048 in later copies and in measurements, litellm-docs#49); we use the stricter
# 2048. The 4.7, 4.8 and 5 rows come from secondary copies of the same page (docs.litellm.ai
# prompt_caching, 2026). Keys are model aliases; a dated snapshot such as
# "claude-haiku-4-5-20251001" is looked up without its date.
MIN_CACHEABLE_TOKENS = {
    "claude-haiku-4-5": 4096,
    "claude-opus-4-5": 4096,
    "claude-opus-4-6": 4096,
    "claude-sonnet-4-6": 2048,
    "claude-opus-4-7": 2048,
    "claude-sonnet-4": 1024,
    "claude-sonnet-4-5": 1024,
    "claude-opus-4": 1024,
    "claude-opus-4-1": 1024,
    "claude-opus-4-8": 1024,
    "claude-sonnet-5": 1024,
    "claude-opus-5": 512,
    "claude-fable-5": 512,
    "claude-mythos-5": 512,
}
# Unknown models get the strictest known minimum, so a test never sees a cache hit that no real
# model would give.
DEFAULT_MIN_CACHEABLE_TOKENS = 4096
MAX_CACHE_BREAKPOINTS = 4
# A breakpoint also finds entries written at up to ~20 earlier block boundaries (prompt-caching
# page, "automatic prefix checking"); that is how a conversation's previous turn is read back.
CACHE_LOOKBACK_BLOCKS = 20
CACHE_TTL_SECONDS = {"5m": 300.0, "1h": 3600.0}

# api/errors: each status has one error type; other 4xx are invalid_request_error.
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    402: "billing_error",
    403: "permission_error",
    404: "not_found_error",
    409: "conflict_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}
DEFAULT_ERROR_MESSAGES = {"api_error": "Internal server error", "overloaded_error": "Overloaded"}

DEFAULT_REPLY_TEXT = "Default reply."
STREAM_PIECES = 4


# --- Scripted outcomes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """A successful message; `delay` waits before answering, `chunk_delay` between stream deltas.
    A streamed block comes in STREAM_PIECES deltas, or in deltas of `piece_chars` characters
    (about four a token: the API's deltas are a token or a few)."""

    content: tuple[dict[str, Any], ...]
    stop_reason: str
    delay: float = 0.0
    chunk_delay: float = 0.0
    piece_chars: int = 0

    @classmethod
    def text(cls, text: str, *, delay: float = 0.0, chunk_delay: float = 0.0, piece_chars: int = 0) -> Reply:
        return cls(({"type": "text", "text": text},), "end_turn", delay, chunk_delay, piece_chars)

    @classmethod
    def tool_use(
        cls,
        name: str,
        input: dict[str, Any],
        *,
        text: str | None = None,
        delay: float = 0.0,
        chunk_delay: float = 0.0,
    ) -> Reply:
        tool = {"type": "tool_use", "id": new_id("toolu_"), "name": name, "input": input}
        blocks = ({"type": "text", "text": text}, tool) if text else (tool,)
        return cls(blocks, "tool_use", delay, chunk_delay)


@dataclass(frozen=True)
class Broken:
    """A stream that breaks off: a 200, the text begins, then an `error` event instead of the rest
    (build-with-claude/streaming, "Error events": e.g. an overloaded_error mid-answer). Asked
    without streaming, the same failure is an HTTP error."""

    text: str
    error_type: str = "overloaded_error"
    delay: float = 0.0
    chunk_delay: float = 0.0

    @property
    def status(self) -> int:
        return next((status for status, kind in ERROR_TYPES.items() if kind == self.error_type), 500)


@dataclass(frozen=True)
class Failure:
    """An HTTP error with the API's error body; `error_type` defaults to the status's own."""

    status: int
    error_type: str | None = None
    message: str | None = None
    retry_after: float | None = None

    @property
    def kind(self) -> str:
        if self.error_type:
            return self.error_type
        if self.status in ERROR_TYPES:
            return ERROR_TYPES[self.status]
        return "invalid_request_error" if self.status < 500 else "api_error"

    @property
    def text(self) -> str:
        return self.message or DEFAULT_ERROR_MESSAGES.get(self.kind, self.kind)


@dataclass(frozen=True)
class Hang:
    """Wait `seconds`, then answer as if nothing were scripted; `None` waits until `stop()`."""

    seconds: float | None = None


@dataclass(frozen=True)
class Garbage:
    """A body that is not the API's, such as a proxy's HTML error page."""

    body: bytes = b"<html>oops</html>"
    status: int = 200
    content_type: str = "text/html"


Outcome = Reply | Broken | Failure | Hang | Garbage
Responder = Callable[[dict[str, Any]], Outcome]


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]  # names lower-cased
    body: Any  # the parsed JSON, or None when the body was not JSON


def new_id(prefix: str) -> str:
    alphabet = string.ascii_letters + string.digits
    return prefix + "01" + "".join(secrets.choice(alphabet) for _ in range(22))


# --- Request checks ----------------------------------------------------------------------------


def content_blocks(message: dict[str, Any]) -> list[dict[str, Any]]:
    """A message's content as blocks: a string is shorthand for one text block."""
    content = message.get("content")
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    return [block for block in content or [] if isinstance(block, dict)]


def request_problem(body: Any) -> str | None:
    """The API's 400 message for a malformed request body, or None when it is acceptable."""
    if not isinstance(body, dict):
        return "Request body must be a JSON object"
    for name in ("model", "max_tokens", "messages"):
        if name not in body:
            return f"{name}: Field required"
    messages = body["messages"]
    if not isinstance(messages, list) or not messages:
        return "messages: at least one message is required"
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            return f"messages.{index}.role: Input should be 'user' or 'assistant'"
        if "content" not in message:
            return f"messages.{index}.content: Field required"
    if messages[0]["role"] != "user":
        return 'messages: first message must use the "user" role'
    breakpoints = sum(block.breakpoint for block in prompt_blocks(body))
    if breakpoints > MAX_CACHE_BREAKPOINTS:
        return (
            f"A maximum of {MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. "
            f"Found {breakpoints}."
        )
    return tool_pairing_problem(messages)


@dataclass
class Turn:
    index: int  # of its first message
    role: str
    blocks: list[dict[str, Any]]


def turns(messages: list[dict[str, Any]]) -> list[Turn]:
    """Consecutive messages with the same role are one turn: the API merges them (api/messages)."""
    merged: list[Turn] = []
    for index, message in enumerate(messages):
        if merged and merged[-1].role == message["role"]:
            merged[-1].blocks.extend(content_blocks(message))
        else:
            merged.append(Turn(index, message["role"], content_blocks(message)))
    return merged


def ids_in(turn: Turn | None, block_type: str, key: str) -> list[str]:
    """The ids one kind of block carries: a tool_use's `id`, or the `tool_use_id` a tool_result answers."""
    blocks = turn.blocks if turn else []
    return [str(block.get(key)) for block in blocks if block.get("type") == block_type]


def tool_pairing_problem(messages: list[dict[str, Any]]) -> str | None:
    """Every tool_use must be answered by a tool_result in the very next turn, and only there."""
    conversation = turns(messages)
    for turn, following in zip(conversation, [*conversation[1:], None], strict=True):
        answered = set(ids_in(following, "tool_result", "tool_use_id"))
        missing = [tool_id for tool_id in ids_in(turn, "tool_use", "id") if tool_id not in answered]
        if missing:
            return (
                f"messages.{turn.index}: `tool_use` ids were found without `tool_result` blocks "
                f"immediately after: {', '.join(missing)}. Each `tool_use` block must have a "
                "corresponding `tool_result` block in the next message."
            )
    for previous, turn in zip([None, *conversation[:-1]], conversation, strict=True):
        asked = set(ids_in(previous, "tool_use", "id"))
        unexpected = [answer for answer in ids_in(turn, "tool_result", "tool_use_id") if answer not in asked]
        if unexpected:
            return (
                f"messages.{turn.index}: unexpected `tool_use_id` found in `tool_result` blocks: "
                f"{', '.join(unexpected)}. Each `tool_result` block must have a corresponding "
                "`tool_use` block in the previous message."
            )
    return None


# --- Token counting and prompt caching ---------------------------------------------------------


def approx_tokens(chars: int) -> int:
    """About four characters a token; enough to make usage numbers move the right way."""
    return math.ceil(chars / 4)


@dataclass(frozen=True)
class PromptBlock:
    text: str  # the block serialized without its cache_control, so moving a breakpoint keeps the key
    breakpoint: bool
    ttl: str = "5m"


def prompt_blocks(body: dict[str, Any]) -> list[PromptBlock]:
    """The prompt in the order the cache sees it: tools, then system, then messages."""
    sections: list[tuple[str, Any]] = [("tools", tool) for tool in body.get("tools") or []]
    system = body.get("system")
    if isinstance(system, str):
        sections.append(("system", {"type": "text", "text": system}))
    elif isinstance(system, list):
        sections.extend(("system", block) for block in system)
    for message in body.get("messages") or []:
        if isinstance(message, dict):
            sections.extend((message.get("role"), block) for block in content_blocks(message))

    blocks = []
    for section, item in sections:
        if not isinstance(item, dict):
            continue
        marker = item.get("cache_control")
        rest = {key: value for key, value in item.items() if key != "cache_control"}
        text = json.dumps({"in": section, **rest}, sort_keys=True, separators=(",", ":"))
        ttl = marker.get("ttl", "5m") if isinstance(marker, dict) else "5m"
        blocks.append(PromptBlock(text, marker is not None, ttl))

    # Top-level cache_control ("automatic caching") marks the last cacheable block.
    automatic = body.get("cache_control")
    if isinstance(automatic, dict) and blocks:
        blocks[-1] = PromptBlock(blocks[-1].text, True, automatic.get("ttl", "5m"))
    return blocks


def min_cacheable_tokens(model: str) -> int:
    alias = re.sub(r"-\d{8}$", "", model)
    return MIN_CACHEABLE_TOKENS.get(alias, DEFAULT_MIN_CACHEABLE_TOKENS)


class PromptCache:
    """Cache entries keyed by a hash of the model and the prompt prefix up to a breakpoint."""

    def __init__(self) -> None:
        self._expiry: dict[str, float] = {}
        self._lock = threading.Lock()

    def usage(self, body: dict[str, Any]) -> dict[str, int]:
        """Input usage for one request, reading and writing cache entries as the API would."""
        model = str(body["model"])
        blocks = prompt_blocks(body)
        hasher = hashlib.sha256(model.encode())
        keys, tokens_through, chars = [], [], 0
        for block in blocks:
            hasher.update(block.text.encode())
            keys.append(hasher.hexdigest())
            chars += len(block.text)
            tokens_through.append(approx_tokens(chars))
        total = tokens_through[-1] if blocks else 0
        breakpoints = [index for index, block in enumerate(blocks) if block.breakpoint]
        minimum = min_cacheable_tokens(model)

        with self._lock:
            now = time.monotonic()
            candidates = {
                index
                for breakpoint in breakpoints
                for index in range(max(0, breakpoint - CACHE_LOOKBACK_BLOCKS), breakpoint + 1)
            }
            hits = [index for index in candidates if self._expiry.get(keys[index], 0.0) > now]
            hit = max(hits, default=-1)
            if hit >= 0:
                self._expiry[keys[hit]] = now + CACHE_TTL_SECONDS.get(blocks[hit].ttl, 300.0)
            written = hit
            for breakpoint in breakpoints:
                if breakpoint > hit and tokens_through[breakpoint] >= minimum:
                    ttl = CACHE_TTL_SECONDS.get(blocks[breakpoint].ttl, 300.0)
                    self._expiry[keys[breakpoint]] = now + ttl
                    written = breakpoint

        read = tokens_through[hit] if hit >= 0 else 0
        created = tokens_through[written] - read if written >= 0 else 0
        return {
            "input_tokens": total - read - created,
            "cache_creation_input_tokens": created,
            "cache_read_input_tokens": read,
        }


def output_tokens(content: tuple[dict[str, Any], ...]) -> int:
    chars = sum(len(block.get("text", "")) + len(json.dumps(block.get("input", ""))) for block in content)
    return max(1, approx_tokens(chars))


# --- Rendering ---------------------------------------------------------------------------------


def message_body(reply: Reply, model: str, usage: dict[str, int]) -> dict[str, Any]:
    return {
        "id": new_id("msg_"),
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": list(reply.content),
        "stop_reason": reply.stop_reason,
        "stop_sequence": None,
        "usage": {**usage, "output_tokens": output_tokens(reply.content)},
    }


def error_body(error_type: str, message: str, request_id: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": error_type, "message": message}, "request_id": request_id}


def pieces(text: str, count: int = STREAM_PIECES, size: int = 0) -> list[str]:
    """`text` in `count` pieces, or in pieces of `size` characters."""
    size = size or max(1, math.ceil(len(text) / count))
    return [text[start : start + size] for start in range(0, len(text), size)]


def stream_events(
    message: dict[str, Any], piece_chars: int = 0
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """The SSE sequence for a finished message, as (event, data, pause_before) triples.

    build-with-claude/streaming: message_start (empty content, input usage), a ping, then per
    block content_block_start / content_block_delta... / content_block_stop, then message_delta
    (stop_reason and cumulative usage) and message_stop.
    """
    usage = message["usage"]
    start = {**message, "content": [], "stop_reason": None, "usage": {**usage, "output_tokens": 1}}
    yield "message_start", {"type": "message_start", "message": start}, False
    yield "ping", {"type": "ping"}, False
    for index, block in enumerate(message["content"]):
        if block["type"] == "tool_use":
            opening = {**block, "input": {}}
            deltas = [
                {"type": "input_json_delta", "partial_json": part}
                for part in ["", *pieces(json.dumps(block["input"]))]
            ]
        else:
            opening = {"type": "text", "text": ""}
            text = pieces(block["text"], size=piece_chars)
            deltas = [{"type": "text_delta", "text": part} for part in text]
        yield (
            "content_block_start",
            {"type": "content_block_start", "index": index, "content_block": opening},
            False,
        )
        for delta in deltas:
            yield "content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}, True
        yield "content_block_stop", {"type": "content_block_stop", "index": index}, False
    closing = {"stop_reason": message["stop_reason"], "stop_sequence": None}
    yield "message_delta", {"type": "message_delta", "delta": closing, "usage": usage}, False
    yield "message_stop", {"type": "message_stop"}, False


def broken_stream_events(
    message: dict[str, Any], error_type: str
) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """The start of a message's stream, up to its first block's last delta, then an error event."""
    for event, data, pause in stream_events(message):
        if event == "content_block_stop":
            break
        yield event, data, pause
    error = {"type": error_type, "message": DEFAULT_ERROR_MESSAGES.get(error_type, error_type)}
    yield "error", {"type": "error", "error": error}, False


# --- HTTP --------------------------------------------------------------------------------------


class _Handler(LoopbackHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects
    request_id: str  # sent in the request-id header and in error bodies

    def do_GET(self) -> None:
        self.request_id = new_id("req_")
        self._send_error(404, "not_found_error", f"Not found: {self.path}")

    def do_POST(self) -> None:
        try:
            self._answer(self.server.standin)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (its timeout passed) or stop() cut the connection.
            self.close_connection = True

    def _answer(self, standin: MessagesStandIn) -> None:
        self.request_id = new_id("req_")
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        body = parse_json(raw)
        standin._record(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body))

        if self.path.split("?")[0] != "/v1/messages":
            return self._send_error(404, "not_found_error", f"Not found: {self.path}")
        if not (self.headers.get("x-api-key") or self.headers.get("authorization", "").startswith("Bearer ")):
            return self._send_error(401, "authentication_error", "x-api-key header is required")
        if not self.headers.get("anthropic-version"):
            return self._send_error(400, "invalid_request_error", "anthropic-version: header is required")
        problem = request_problem(body)
        if problem:
            return self._send_error(400, "invalid_request_error", problem)

        outcome = standin._next_outcome(body)
        while isinstance(outcome, Hang):
            if not standin._pause(outcome.seconds):
                return None
            outcome = standin._fallback(body)
        delay = outcome.delay if isinstance(outcome, Reply | Broken) else 0.0
        if not standin._pause(standin.latency + delay):
            return None

        match outcome:
            case Failure():
                return self._send_error(outcome.status, outcome.kind, outcome.text, outcome.retry_after)
            case Garbage():
                return self._send_bytes(outcome.status, outcome.body, outcome.content_type)
            case Reply():
                message = message_body(outcome, str(body["model"]), standin._cache.usage(body))
                if body.get("stream"):
                    events = stream_events(message, outcome.piece_chars)
                    return self._send_stream(events, outcome.chunk_delay, standin)
                return self._send_json(200, message)
            case Broken() if body.get("stream"):
                begun = message_body(Reply.text(outcome.text), str(body["model"]), standin._cache.usage(body))
                events = broken_stream_events(begun, outcome.error_type)
                return self._send_stream(events, outcome.chunk_delay, standin)
            case Broken():
                message = DEFAULT_ERROR_MESSAGES.get(outcome.error_type, outcome.error_type)
                return self._send_error(outcome.status, outcome.error_type, message)
        raise TypeError(f"not an outcome: {outcome!r}")

    def _send_bytes(
        self, status: int, payload: bytes, content_type: str, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(payload)))
        self.send_header("request-id", self.request_id)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _send_json(
        self, status: int, document: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        self._send_bytes(status, json.dumps(document).encode(), "application/json", headers)

    def _send_error(
        self, status: int, error_type: str, message: str, retry_after: float | None = None
    ) -> None:
        headers = {"retry-after": str(retry_after)} if retry_after is not None else {}
        self._send_json(status, error_body(error_type, message, self.request_id), headers)

    def _send_stream(
        self,
        events: Iterator[tuple[str, dict[str, Any], bool]],
        chunk_delay: float,
        standin: MessagesStandIn,
    ) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream; charset=utf-8")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("request-id", self.request_id)
        self.end_headers()
        for event, data, pause in events:
            if pause and not standin._pause(chunk_delay):
                self.close_connection = True
                return
            self._send_chunk(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
        self._send_chunk(b"")  # the zero-length chunk ends the body

    def _send_chunk(self, payload: bytes) -> None:
        self.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
        self.wfile.flush()


def parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


# --- The stand-in ------------------------------------------------------------------------------


class MessagesStandIn(LoopbackServer):
    """A Messages API on loopback; `latency` is added before every answer. stop() cuts off hanging
    and streaming answers."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, latency: float = 0.0) -> None:
        super().__init__(_Handler, host, port)
        self.latency = latency
        self._outcomes: deque[Outcome] = deque()
        self._responder: Responder | None = None
        self._requests: list[RecordedRequest] = []
        self._cache = PromptCache()  # one cache per stand-in, like one per organization
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """The SDK's `base_url`."""
        if not self.running:
            raise RuntimeError("the stand-in is not started")
        return self.origin

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received, in order, including the ones answered with an error."""
        with self._lock:
            return list(self._requests)

    # Scripting: each call queues outcomes, answered first-in first-out.

    def reply_text(
        self, text: str, *, delay: float = 0.0, chunk_delay: float = 0.0, piece_chars: int = 0
    ) -> None:
        self._enqueue(Reply.text(text, delay=delay, chunk_delay=chunk_delay, piece_chars=piece_chars))

    def break_off(
        self, text: str, error_type: str = "overloaded_error", *, delay: float = 0.0, chunk_delay: float = 0.0
    ) -> None:
        """Begin a streamed answer with `text`, then fail with an `error_type` event."""
        self._enqueue(Broken(text, error_type, delay, chunk_delay))

    def reply_tool(
        self,
        name: str,
        input: dict[str, Any],
        *,
        text: str | None = None,
        delay: float = 0.0,
        chunk_delay: float = 0.0,
    ) -> None:
        self._enqueue(Reply.tool_use(name, input, text=text, delay=delay, chunk_delay=chunk_delay))

    def fail(
        self,
        status: int,
        error_type: str | None = None,
        *,
        message: str | None = None,
        times: int = 1,
        retry_after: float | None = None,
    ) -> None:
        """Answer `times` requests with `status`; e.g. `fail(529)` is overloaded_error."""
        for _ in range(times):
            self._enqueue(Failure(status, error_type, message, retry_after))

    def hang(self, seconds: float | None = None) -> None:
        """Hold one request `seconds` before answering, or until `stop()` when None."""
        self._enqueue(Hang(seconds))

    def garbage(
        self, body: bytes = b"<html>oops</html>", status: int = 200, content_type: str = "text/html"
    ) -> None:
        self._enqueue(Garbage(body, status, content_type))

    def responder(self, fn: Responder | None) -> None:
        """Answer unscripted requests with `fn(request_body)`, e.g. `lambda body: Reply.text("hi")`."""
        self._responder = fn

    # Used by the request handler

    def _enqueue(self, outcome: Outcome) -> None:
        with self._lock:
            self._outcomes.append(outcome)

    def _next_outcome(self, body: dict[str, Any]) -> Outcome:
        with self._lock:
            if self._outcomes:
                return self._outcomes.popleft()
        return self._fallback(body)

    def _fallback(self, body: dict[str, Any]) -> Outcome:
        responder = self._responder
        return responder(body) if responder else Reply.text(DEFAULT_REPLY_TEXT)

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)
