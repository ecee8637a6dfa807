"""Simulated callers: each plays Twilio's side of whole calls, one after another, over real HTTP.

One asyncio loop drives every caller, so a thousand calls cost a thousand coroutines, not threads,
and the load generator stays light beside the server on a small machine. A caller signs each
webhook as Twilio does (ivr/phone.py), opens a new connection per webhook (Twilio does too),
follows the TwiML it gets back (Gather action, a filler's Redirect, Dial action) and pauses between
turns as a person speaking would. Each *turn* is what the caller waits through between speaking
and hearing the answer: one webhook, plus the Redirects of any fillers heard meanwhile."""

from __future__ import annotations

import asyncio
import itertools
import random
import secrets
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import aiohttp
from twilio.request_validator import RequestValidator

TWILIO_TIMEOUT_S = 15.0  # Twilio gives up on a webhook after 15 s (error 11205)
WORDS_PER_SECOND = 2.5  # how fast a <Say> is spoken, to time a filler before its Redirect
MAX_REQUESTS_PER_CALL = 40
FAILED_TWIML = ("something went wrong", "application error")  # the app's fallback documents


@dataclass(frozen=True)
class Script:
    """What every caller does on a call: its inputs at each <Gather>, in order, then hang up."""

    inputs: tuple[dict[str, str], ...]
    model_inputs: bool  # True: each input is answered by the model (the Claude engine)
    pause_s: tuple[float, float] = (2.0, 4.0)  # the caller "speaking" before each input
    # Callers ring in at random over this many seconds (None: over one pause). Over about a call's
    # length, the line is in steady state once they are all in, with calls at every stage, as
    # when calls arrive independently; rung in at once, they move through their turns in waves.
    ring_in_s: float | None = None
    calls_per_caller: int | None = None  # None: call again and again until the deadline


MENU_SCRIPT = Script(
    inputs=(
        {"SpeechResult": "what are your hours", "Confidence": "0.92"},
        {"Digits": "5"},
        {"SpeechResult": "where is the clinic", "Confidence": "0.9"},
        {"Digits": "2"},  # the pharmacy: a <Dial> whose action reports the transfer
    ),
    model_inputs=False,
)

# The stand-in model answers the first three with text and the fourth with a transfer (bench/standin.py).
CLAUDE_SCRIPT = Script(
    inputs=(
        {"SpeechResult": "hi I wanted to ask when you are open on saturday", "Confidence": "0.93"},
        {"SpeechResult": "and is there parking near the building", "Confidence": "0.91"},
        {"SpeechResult": "do you take blue cross insurance", "Confidence": "0.9"},
        {"SpeechResult": "ok I need a refill of my blood pressure pills", "Confidence": "0.92"},
    ),
    model_inputs=True,
)
# A burst's call: three questions the model answers in text, then the caller hangs up.
BURST_SCRIPT = replace(CLAUDE_SCRIPT, inputs=CLAUDE_SCRIPT.inputs[:3], ring_in_s=1.0, calls_per_caller=1)


@dataclass
class TurnRecord:
    """One turn as the caller saw it; `server_ms` sums the round trips of its webhooks."""

    kind: str  # incoming, gather, dial
    started: float  # monotonic seconds
    server_ms: float
    model: bool  # the model was asked for this turn's answer
    requests: int = 1  # 1 + the fillers' Redirects followed
    failure: str | None = None


@dataclass
class LoadResult:
    turns: list[TurnRecord] = field(default_factory=list)
    calls_completed: int = 0
    calls_failed: int = 0
    status_failures: int = 0
    status_ms: list[float] = field(default_factory=list)  # the status callbacks' round trips
    loop_lag_ms: list[float] = field(default_factory=list)


class Caller:
    """One person calling again and again until the deadline (or `calls_per_caller` times); every
    call a new CallSid from a number of its own, so that no call meets the per-caller limit."""

    def __init__(
        self,
        base_url: str,
        session: aiohttp.ClientSession,
        validator: RequestValidator,
        script: Script,
        numbers: Iterator[int],
    ) -> None:
        self.base_url, self.session, self.validator, self.script = base_url, session, validator, script
        self.numbers = numbers

    async def call_until(self, deadline: float, result: LoadResult, rng: random.Random) -> None:
        placed = 0
        while time.monotonic() < deadline and placed != self.script.calls_per_caller:
            placed += 1
            ok = await self.one_call(deadline, result, rng)
            if ok:
                result.calls_completed += 1
            else:
                result.calls_failed += 1

    async def one_call(self, deadline: float, result: LoadResult, rng: random.Random) -> bool:
        params = {
            "CallSid": "CA" + secrets.token_hex(16),
            "AccountSid": "AC" + "b" * 32,
            "From": f"+1555{next(self.numbers) % 10**7:07d}",
            "To": "+15555550199",
            "Direction": "inbound",
            "ApiVersion": "2010-04-01",
        }
        inputs = list(self.script.inputs)
        url, form, kind, model = self.base_url + "/voice/incoming", {}, "incoming", False
        for _ in range(MAX_REQUESTS_PER_CALL):
            turn, document = await self.turn(
                url, {**params, "CallStatus": "in-progress", **form}, kind, model
            )
            result.turns.append(turn)
            if turn.failure or document is None:
                return False
            step = next_step(document, inputs)
            if step is None:
                break
            if time.monotonic() > deadline:
                break  # time is up: this caller hangs up rather than start another turn
            verb, action = step
            url = urllib.parse.urljoin(self.base_url, action)
            if verb == "Gather":
                form, kind, model = inputs.pop(0), "gather", self.script.model_inputs
                await asyncio.sleep(rng.uniform(*self.script.pause_s))
            else:  # Dial: the far end answered, talked, and hung up
                form, kind, model = {"DialCallStatus": "completed", "DialCallDuration": "60"}, "dial", False
                await asyncio.sleep(rng.uniform(*self.script.pause_s) / 4)
        began = time.perf_counter()
        status, _ = await self.post(
            self.base_url + "/voice/status", {**params, "CallStatus": "completed", "CallDuration": "95"}
        )
        result.status_ms.append((time.perf_counter() - began) * 1000)
        if status != 204:
            result.status_failures += 1
        return True

    async def turn(
        self, url: str, form: dict[str, str], kind: str, model: bool
    ) -> tuple[TurnRecord, ET.Element | None]:
        """Post one webhook and follow filler Redirects until the caller hears an answer."""
        record = TurnRecord(kind, time.monotonic(), 0.0, model, 0)
        while True:
            began = time.perf_counter()
            status, body = await self.post(url, form)
            record.server_ms += (time.perf_counter() - began) * 1000
            record.requests += 1
            if status != 200:
                record.failure = f"HTTP {status}" if status else body
                return record, None
            if any(text in body for text in FAILED_TWIML):
                record.failure = "fallback TwiML"
                return record, None
            try:
                document = ET.fromstring(body)
            except ET.ParseError:
                record.failure = "not TwiML"
                return record, None
            redirect = document.find("Redirect")
            if redirect is None or document.find("Gather") is not None:
                return record, document
            # A filler: Twilio speaks it, then follows the Redirect for the late answer.
            spoken = " ".join(say.text or "" for say in document.iter("Say"))
            await asyncio.sleep(len(spoken.split()) / WORDS_PER_SECOND)
            url = urllib.parse.urljoin(self.base_url, (redirect.text or "").strip())
            form = {key: value for key, value in form.items() if key not in ("SpeechResult", "Digits")}

    async def post(self, url: str, form: dict[str, str]) -> tuple[int, str]:
        headers = {
            "X-Twilio-Signature": self.validator.compute_signature(url, form),
            "User-Agent": "TwilioProxy/1.1",
        }
        try:
            async with self.session.post(url, data=form, headers=headers) as response:
                return response.status, await response.text()
        except TimeoutError:
            return 0, "timeout (>15 s)"
        except aiohttp.ClientError as error:
            return 0, type(error).__name__


def next_step(document: ET.Element, inputs: list[dict[str, str]]) -> tuple[str, str] | None:
    """The verb that sends the caller back to us, and its URL; None when the call ends here."""
    for verb in document:
        if verb.tag == "Gather":
            return ("Gather", verb.get("action", "")) if inputs else None  # nothing left to say: hang up
        if verb.tag == "Dial" and verb.get("action"):
            return "Dial", verb.get("action", "")
        if verb.tag in ("Hangup", "Reject", "Dial"):
            return None
    return None


async def _measure_loop_lag(deadline: float, lags: list[float]) -> None:
    """How late the event loop wakes up: if this grows, the load generator is the bottleneck."""
    while time.monotonic() < deadline:
        began = time.perf_counter()
        await asyncio.sleep(0.1)
        lags.append((time.perf_counter() - began - 0.1) * 1000)


async def _drive(
    base_url: str, auth_token: str, callers: int, duration_s: float, script: Script, seed: int
) -> LoadResult:
    result = LoadResult()
    validator = RequestValidator(auth_token)
    deadline = time.monotonic() + duration_s
    # No connection reuse, as with Twilio; no pool limit, the callers are the limit.
    connector = aiohttp.TCPConnector(force_close=True, limit=0)
    timeout = aiohttp.ClientTimeout(total=TWILIO_TIMEOUT_S)
    # Every call from a number of its own, starting at random: runs a minute apart on one
    # database do not add up to one caller's limit either.
    numbers = itertools.count(secrets.randbelow(10**7))
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = []
        for index in range(callers):
            rng = random.Random(seed * 100_003 + index)
            caller = Caller(base_url, session, validator, script, numbers)
            spread = script.ring_in_s or script.pause_s[1]
            tasks.append(asyncio.create_task(_staggered(caller, deadline, result, rng, spread)))
        tasks.append(asyncio.create_task(_measure_loop_lag(deadline, result.loop_lag_ms)))
        await asyncio.gather(*tasks)
    return result


async def _staggered(
    caller: Caller, deadline: float, result: LoadResult, rng: random.Random, spread: float
) -> None:
    await asyncio.sleep(rng.uniform(0, spread))
    await caller.call_until(deadline, result, rng)


def run_callers(
    base_url: str, auth_token: str, callers: int, duration_s: float, script: Script, seed: int = 1
) -> LoadResult:
    """Place calls from `callers` simultaneous callers for `duration_s`; calls under way then finish."""
    return asyncio.run(_drive(base_url, auth_token, callers, duration_s, script, seed))
