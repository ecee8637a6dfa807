"""A telephone that plays Twilio's side of an inbound call: it posts what Twilio posts, signs it
the way Twilio signs it, and follows the TwiML that comes back, verb by verb, until the call ends.
`ivr call` drives it from a terminal; tests drive it with a script through a Flask test client."""

from __future__ import annotations

import math
import secrets
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from email.utils import format_datetime
from typing import TYPE_CHECKING, Literal, Protocol, TextIO

from twilio.request_validator import RequestValidator

from ivr.devtools import twiml_rules

if TYPE_CHECKING:
    from flask.testing import FlaskClient

# What a Twilio caller hears when a webhook fails or answers something that is not TwiML.
APPLICATION_ERROR = "We're sorry, an application error has occurred. Goodbye."
TWILIO_TIMEOUT = 15.0  # seconds Twilio waits for a webhook before giving up (error 11205)
MAX_REQUESTS = 200
DIAL_OUTCOMES = ("completed", "busy", "no-answer", "failed")
ANSWERED = frozenset({"completed", "answered"})
# A rough clock for CallDuration: how long things take on a real line.
WORDS_PER_SECOND = 2.5
TRANSFER_SECONDS = 60

Ending = Literal[
    "hangup", "end-of-document", "application-error", "loop-limit", "caller-hangup", "rejected", "transferred"
]
InputKind = Literal["speech", "digits", "silence", "hangup"]


class Transport(Protocol):
    """Carries one webhook request to the application and returns its status and body."""

    def post(self, url: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]: ...

    def get(self, url: str, headers: dict[str, str]) -> tuple[int, str]: ...


class HttpTransport:
    """Real HTTP with the standard library, as Twilio does it: 15 s timeout, no proxy, 4xx/5xx returned."""

    def __init__(self, timeout: float = TWILIO_TIMEOUT) -> None:
        self.timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def post(self, url: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode(params).encode()
        form = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        return self._send(urllib.request.Request(url, body, {**headers, **form}, method="POST"))

    def get(self, url: str, headers: dict[str, str]) -> tuple[int, str]:
        return self._send(urllib.request.Request(url, headers=headers, method="GET"))

    def _send(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, _decoded(response.read(), response.headers)
        except urllib.error.HTTPError as error:
            return error.code, _decoded(error.read(), error.headers)


def _decoded(body: bytes, headers: Message) -> str:
    return body.decode(headers.get_content_charset() or "utf-8", errors="replace")


class FlaskTransport:
    """Posts through a Flask test client; the full URL is passed so request.url (and the signature) match."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def post(self, url: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        response = self.client.post(url, data=params, headers=headers)
        return response.status_code, response.get_data(as_text=True)

    def get(self, url: str, headers: dict[str, str]) -> tuple[int, str]:
        response = self.client.get(url, headers=headers)
        return response.status_code, response.get_data(as_text=True)


@dataclass(frozen=True)
class Said:
    """Something the caller heard: a <Say> (text, voice, language) or a <Play> (audio_url)."""

    text: str
    voice: str | None = None
    language: str | None = None
    audio_url: str | None = None


@dataclass(frozen=True)
class Input:
    """What the caller did when a <Gather> listened."""

    kind: InputKind
    text: str = ""
    confidence: float | None = None


def speech(text: str, confidence: float = 0.92) -> Input:
    return Input("speech", text, confidence)


def digits(keys: str) -> Input:
    return Input("digits", keys)


def silence() -> Input:
    return Input("silence")


def hangup() -> Input:
    return Input("hangup")


class InputSource(Protocol):
    """The person on the line: what they do at each <Gather>, and how each transfer goes."""

    def caller_input(self, heard: list[Said]) -> Input: ...

    def dial_outcome(self, number: str) -> str: ...

    def whisper_keys(self, number: str, heard: str) -> str:
        """The keys the person answering a transfer presses after its whisper ("" for none)."""
        ...


class ScriptedInput:
    """A caller who follows a script, then stays silent; transfers go as listed, then complete,
    and whoever answers one takes the call (presses 1 after its whisper) unless listed otherwise."""

    def __init__(
        self,
        inputs: Iterable[Input] = (),
        dial_outcomes: Iterable[str] = (),
        whisper_keys: Iterable[str] = (),
    ) -> None:
        self._inputs = iter(inputs)
        self._outcomes = iter(dial_outcomes)
        self._whisper_keys = iter(whisper_keys)

    def caller_input(self, heard: list[Said]) -> Input:
        return next(self._inputs, silence())

    def dial_outcome(self, number: str) -> str:
        return next(self._outcomes, "completed")

    def whisper_keys(self, number: str, heard: str) -> str:
        return next(self._whisper_keys, "1")


def parse_line(line: str) -> Input:
    """A typed line as caller input: text is speech, '#123' presses keys, an empty line is silence."""
    line = line.strip()
    if line.startswith("#"):
        keys = "".join(key for key in line[1:] if key in "0123456789*#")
        return digits(keys) if keys else silence()
    return speech(line) if line else silence()


class TerminalInput:
    """A person at a terminal. End of input (Ctrl-D) hangs up. `prompt` shows a prompt, if wanted."""

    def __init__(self, stream: TextIO = sys.stdin, prompt: Callable[[str], None] | None = None) -> None:
        self._stream = stream
        self._prompt = prompt or (lambda text: None)

    def caller_input(self, heard: list[Said]) -> Input:
        self._prompt("you> ")
        line = self._stream.readline()
        return parse_line(line) if line else hangup()

    def dial_outcome(self, number: str) -> str:
        while True:
            self._prompt(f"transfer to {number}: {', '.join(DIAL_OUTCOMES)}? [completed] ")
            answer = self._stream.readline().strip().lower()
            if not answer:
                return "completed"
            match = next((outcome for outcome in DIAL_OUTCOMES if outcome.startswith(answer)), None)
            if match:
                return match

    def whisper_keys(self, number: str, heard: str) -> str:
        self._prompt(f"{number} answers and hears: {heard}\n")
        self._prompt(f"{number} presses (1 takes the call, empty for none)> ")
        return "".join(key for key in self._stream.readline() if key in "0123456789*#")


@dataclass(frozen=True)
class Dialed:
    """A transfer the TwiML asked for, and how the simulated far end answered."""

    number: str
    outcome: str
    whisper: str = ""  # what the person answering heard before being put through
    accepted: bool | None = None  # with a whisper: whether they took the call


@dataclass(frozen=True)
class Exchange:
    """One webhook request: status 0 means no HTTP answer at all."""

    method: str
    url: str
    status: int
    ms: float


@dataclass
class CallResult:
    call_sid: str
    heard: list[Said] = field(default_factory=list)
    inputs: list[Input] = field(default_factory=list)
    transfers: list[Dialed] = field(default_factory=list)
    ended: Ending | None = None
    violations: list[str] = field(default_factory=list)  # TwiML rules broken, prefixed with the URL
    errors: list[str] = field(default_factory=list)  # what Twilio's debugger would show
    exchanges: list[Exchange] = field(default_factory=list)
    duration: int = 0  # seconds, on the simulated clock reported as CallDuration

    @property
    def timings_ms(self) -> list[float]:
        return [exchange.ms for exchange in self.exchanges]


@dataclass(frozen=True)
class _Fetch:
    """The next TwiML document to ask for, and the parameters that say why."""

    method: str
    url: str
    params: dict[str, str] = field(default_factory=dict)


NextMove = _Fetch | Ending | None  # None: go on with the next verb


class PhoneCall:
    """One inbound call, placed once with `run`."""

    def __init__(
        self,
        incoming_url: str,
        transport: Transport,
        *,
        status_callback_url: str | None = None,
        auth_token: str | None = None,
        from_number: str = "+15555550100",
        to_number: str = "+15555550199",
        max_requests: int = MAX_REQUESTS,
    ) -> None:
        self.incoming_url = incoming_url
        self.status_callback_url = status_callback_url
        self.from_number = from_number
        self.to_number = to_number
        self.max_requests = max_requests
        self.call_sid = _sid("CA")
        self.account_sid = _sid("AC")
        self._transport = transport
        self._validator = RequestValidator(auth_token) if auth_token else None
        self._result = CallResult(self.call_sid)
        self._source: InputSource = ScriptedInput()
        self._on_heard: Callable[[Said], None] = lambda said: None
        self._requests = 0
        self._seconds = 0.0
        self._final_status = "completed"

    def run(self, source: InputSource, on_heard: Callable[[Said], None] | None = None) -> CallResult:
        """Ring the application and follow its TwiML until the call ends; then send the status callback."""
        if self._result.ended:
            raise RuntimeError(f"call {self.call_sid} was already placed")
        self._source = source
        self._on_heard = on_heard or self._on_heard
        step: NextMove = _Fetch("POST", self.incoming_url)
        while isinstance(step, _Fetch):
            step = self._follow(step)
        self._result.ended = step or "end-of-document"
        self._result.duration = math.ceil(self._seconds)
        self._send_status_callback()
        return self._result

    # Requests

    def _follow(self, fetch: _Fetch) -> NextMove:
        if self._requests >= self.max_requests:
            self._result.errors.append(f"more than {self.max_requests} requests in one call: the TwiML loops")
            return "loop-limit"
        status = "ringing" if self._requests == 0 else "in-progress"
        self._requests += 1
        document = self._fetch(fetch, {**self._call_params(status), **fetch.params})
        if document is None:
            self._hear(Said(APPLICATION_ERROR))
            return "application-error"
        return self._execute(document, fetch.url)

    def _fetch(self, fetch: _Fetch, params: dict[str, str]) -> ET.Element | None:
        status, body = self._send(fetch.method, fetch.url, params)
        where = f"{fetch.method} {fetch.url}"
        if status == 0:
            return None
        if not 200 <= status < 300:
            self._result.errors.append(f"{where} answered HTTP {status} (Twilio error 11200)")
            return None
        self._result.violations += [f"{where}: {problem}" for problem in twiml_rules.check(body)]
        try:
            root = ET.fromstring(body)
        except ET.ParseError as error:
            self._result.errors.append(f"{where} answered something that is not TwiML: {error} (error 12100)")
            return None
        if root.tag != "Response":
            self._result.errors.append(f"{where} answered <{root.tag}>, not <Response> (error 12100)")
            return None
        return root

    def _send(self, method: str, url: str, params: dict[str, str]) -> tuple[int, str]:
        """Sign and send; the signature covers the exact URL requested (with GET, params go in it)."""
        if method == "GET":
            url = _with_query(url, params)
            params = {}
        headers = {"User-Agent": "TwilioProxy/1.1"}
        if self._validator:
            headers["X-Twilio-Signature"] = self._validator.compute_signature(url, params)
        started = time.perf_counter()
        try:
            if method == "GET":
                status, body = self._transport.get(url, headers)
            else:
                status, body = self._transport.post(url, params, headers)
        except OSError as error:
            self._result.errors.append(f"{method} {url} failed: {error} (Twilio error 11205)")
            status, body = 0, ""
        elapsed = (time.perf_counter() - started) * 1000
        self._result.exchanges.append(Exchange(method, url, status, round(elapsed, 2)))
        return status, body

    def _call_params(self, call_status: str) -> dict[str, str]:
        """The parameters Twilio sends with every voice webhook of an inbound call."""
        return {
            "CallSid": self.call_sid,
            "AccountSid": self.account_sid,
            "From": self.from_number,
            "To": self.to_number,
            "Caller": self.from_number,
            "Called": self.to_number,
            "CallStatus": call_status,
            "Direction": "inbound",
            "ApiVersion": "2010-04-01",
        }

    def _send_status_callback(self) -> None:
        if not self.status_callback_url:
            return
        params = {
            **self._call_params(self._final_status),
            "CallDuration": str(self._result.duration),
            "Timestamp": format_datetime(datetime.now(UTC)),
            "CallbackSource": "call-progress-events",
            "SequenceNumber": "0",  # a number's status callback only reports the final event
        }
        status, _ = self._send("POST", self.status_callback_url, params)
        if status and not 200 <= status < 300:
            self._result.errors.append(f"status callback answered HTTP {status}")

    def _whisper(self, noun: ET.Element, url: str) -> tuple[str, bool]:
        """Run the <Number url> TwiML as the person answering: what they heard, and whether it
        ended in a bridge (a document that runs out) rather than a <Hangup>."""
        number = (noun.text or "").strip()
        child = {
            **self._call_params("in-progress"),
            "CallSid": _sid("CA"),
            "ParentCallSid": self.call_sid,
            "From": self.to_number,
            "To": number,
            "Direction": "outbound-dial",
        }
        fetch: _Fetch | None = _Fetch(_method(noun), urllib.parse.urljoin(url, noun.get("url") or ""))
        heard: list[str] = []
        for _ in range(5):  # a whisper is a document or two; more is a loop
            assert fetch is not None
            document = self._fetch(fetch, {**child, **fetch.params})
            if document is None:
                return " ".join(heard), False
            fetch = None
            for verb in document:
                if verb.tag == "Say":
                    heard.append(" ".join("".join(verb.itertext()).split()))
                elif verb.tag == "Gather":
                    heard += [" ".join("".join(s.itertext()).split()) for s in verb if s.tag == "Say"]
                    keys = self._source.whisper_keys(number, " ".join(heard))
                    if keys or verb.get("actionOnEmptyResult") == "true":
                        action = urllib.parse.urljoin(url, verb.get("action") or "")
                        fetch = _Fetch(_method(verb), action, {"Digits": keys} if keys else {})
                        break
                elif verb.tag == "Hangup":
                    return " ".join(heard), False
                elif verb.tag == "Dial":
                    self._result.errors.append("<Dial> in a <Number url> document: Twilio refuses it")
                    return " ".join(heard), False
            if fetch is None:
                return " ".join(heard), True
        self._result.errors.append("the whisper's documents loop")
        return " ".join(heard), False

    # Verbs

    def _execute(self, document: ET.Element, url: str) -> NextMove:
        for verb in document:
            step = self._perform(verb, url)
            if step is not None:
                return step
        return "end-of-document"

    def _perform(self, verb: ET.Element, url: str) -> NextMove:
        match verb.tag:
            case "Say":
                self._say(verb)
            case "Play":
                self._play(verb)
            case "Pause":
                self._seconds += _number(verb.get("length"), 1)
            case "Gather":
                return self._gather(verb, url)
            case "Dial":
                return self._dial(verb, url)
            case "Record":
                return self._record(verb, url)
            case "Redirect":
                return _Fetch(_method(verb), urllib.parse.urljoin(url, (verb.text or "").strip()))
            case "Hangup":
                return "hangup"
            case "Reject":
                self._final_status = "busy" if verb.get("reason") == "busy" else "no-answer"
                return "rejected"
            case tag if tag in twiml_rules.VERBS:
                self._result.errors.append(f"<{tag}> is not emulated; skipped")
        return None

    def _say(self, say: ET.Element) -> None:
        text = " ".join("".join(say.itertext()).split())
        if not text:
            return
        for _ in range(_repeats(say)):
            self._hear(Said(text, say.get("voice"), say.get("language")))
            self._seconds += len(text.split()) / WORDS_PER_SECOND

    def _play(self, play: ET.Element) -> None:
        media = (play.text or "").strip()
        for _ in range(_repeats(play)):
            self._hear(Said(f"[audio {media or play.get('digits')}]", audio_url=media or None))

    def _hear(self, said: Said) -> None:
        self._result.heard.append(said)
        self._on_heard(said)

    def _gather(self, gather: ET.Element, url: str) -> NextMove:
        for prompt in gather:
            if prompt.tag in twiml_rules.GATHER_NESTABLE:
                self._perform(prompt, url)
        answer = self._source.caller_input(list(self._result.heard))
        self._result.inputs.append(answer)
        if answer.kind == "hangup":
            return "caller-hangup"
        params = self._gathered(gather, answer)
        if not params and gather.get("actionOnEmptyResult") != "true":
            self._seconds += _number(gather.get("timeout"), 5)
            return None  # silence: Twilio goes on with the verbs after </Gather>
        # /docs/voice/twiml/gather: without an action, Twilio posts back to the current document URL.
        return _Fetch(_method(gather), urllib.parse.urljoin(url, gather.get("action") or url), params)

    def _gathered(self, gather: ET.Element, answer: Input) -> dict[str, str]:
        """What Twilio would post for this input, or nothing if this <Gather> would not take it."""
        accepts = (gather.get("input") or "dtmf").split()
        if answer.kind == "speech" and "speech" in accepts and answer.text.strip():
            self._seconds += len(answer.text.split()) / WORDS_PER_SECOND + 1
            confidence = 0.92 if answer.confidence is None else answer.confidence
            return {"SpeechResult": answer.text.strip(), "Confidence": f"{confidence:g}"}
        if answer.kind == "digits" and "dtmf" in accepts:
            keys = answer.text.partition(gather.get("finishOnKey", "#") or "\0")[0]
            limit = gather.get("numDigits")
            keys = keys[: int(limit)] if limit and limit.isdigit() else keys
            self._seconds += len(keys) / 2
            return {"Digits": keys} if keys else {}
        return {}

    def _record(self, record: ET.Element, url: str) -> NextMove:
        """The caller speaks after the beep: spoken words become a recording, told to the action
        URL and, when asked for, to the recording status and transcription callbacks (which
        Twilio sends a little later; here just before). Silence records nothing: Twilio goes on
        to the next verb without asking the action URL."""
        if record.get("playBeep", "true") == "true":
            self._hear(Said("[beep]"))
        answer = self._source.caller_input(list(self._result.heard))
        self._result.inputs.append(answer)
        if answer.kind == "hangup":
            return "caller-hangup"
        if answer.kind != "speech" or not answer.text.strip():
            self._seconds += _number(record.get("timeout"), 5)
            return None
        seconds = max(1, math.ceil(len(answer.text.split()) / WORDS_PER_SECOND))
        self._seconds += seconds
        sid = _sid("RE")
        recording = {
            "RecordingSid": sid,
            "RecordingUrl": f"https://api.twilio.com/2010-04-01/Accounts/{self.account_sid}/Recordings/{sid}",
            "RecordingDuration": str(seconds),
        }
        callbacks = [
            (record.get("recordingStatusCallback"), {**recording, "RecordingStatus": "completed"}),
            (
                record.get("transcribeCallback") if record.get("transcribe") == "true" else None,
                {**recording, "TranscriptionText": answer.text.strip(), "TranscriptionStatus": "completed"},
            ),
        ]
        for callback, params in callbacks:
            if callback:
                params = {**self._call_params("in-progress"), **params}
                status, _ = self._send("POST", urllib.parse.urljoin(url, callback), params)
                if not 200 <= status < 300:
                    self._result.errors.append(f"{callback} answered HTTP {status}")
        action = urllib.parse.urljoin(url, record.get("action") or url)
        return _Fetch(_method(record), action, {**recording, "Digits": "#"})

    def _dial(self, dial: ET.Element, url: str) -> NextMove:
        number = _dial_target(dial)
        outcome = self._source.dial_outcome(number)
        noun = next((n for n in dial if n.tag == "Number" and n.get("url")), None)
        if outcome in ANSWERED and noun is not None:
            heard, accepted = self._whisper(noun, url)
            self._result.transfers.append(Dialed(number, outcome, heard, accepted))
            # Twilio reports the answered leg as completed whether or not the parties were
            # bridged; an app tells a declined whisper from its own record of the answer.
        else:
            self._result.transfers.append(Dialed(number, outcome))
        answered = outcome in ANSWERED
        self._seconds += TRANSFER_SECONDS if answered else _number(dial.get("timeout"), 30)
        action = dial.get("action")
        if action:
            params = {"DialCallStatus": outcome, "DialCallSid": _sid("CA")}
            if answered:
                params["DialCallDuration"] = str(TRANSFER_SECONDS)
            return _Fetch(_method(dial), urllib.parse.urljoin(url, action), params)
        # No action: Twilio moves on to the next verb. After a completed transfer we take it the
        # caller hung up once the conversation was over.
        return "transferred" if answered else None


def _dial_target(dial: ET.Element) -> str:
    text = (dial.text or "").strip()
    if text:
        return text
    targets = []
    for noun in dial:
        value = (noun.text or "").strip()
        targets.append(value if noun.tag == "Number" else f"{noun.tag.lower()}:{value}")
    return ", ".join(targets)


def _method(verb: ET.Element) -> str:
    return "GET" if verb.get("method") == "GET" else "POST"


def _repeats(verb: ET.Element) -> int:
    """How many times to record a looped <Say> or <Play>; loop="0" (until hangup) counts once."""
    loop = verb.get("loop", "1")
    return min(int(loop), 10) if loop.isdigit() and int(loop) > 0 else 1


def _number(value: str | None, default: float) -> float:
    return float(value) if value and value.isdigit() else default


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urllib.parse.urlsplit(url)
    query = "&".join(filter(None, [parts.query, urllib.parse.urlencode(params)]))
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _sid(prefix: str) -> str:
    return prefix + secrets.token_hex(16)
