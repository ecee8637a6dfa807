"""Time to first audio with and without first words early (STREAM_REPLIES), per reply length.

    .venv/bin/python -m bench.first_words                 # ~40 s: 6 calls per reply and setting
    .venv/bin/python -m bench.first_words --calls 20 --tokens-per-s 80

The app runs as the host runs it (the Procfile's release, then gunicorn), once with
STREAM_REPLIES=true and once with false, against the Messages API stand-in in this process,
which streams the sample assistant's typical replies at a model's pace: `--first-token-s` before
the first token, then `--tokens-per-s`, a token (about four characters) a delta. Each call is the
terminal phone's (ivr/phone.py) over HTTP: the greeting, one question, the answer, hang up.
*Time to first audio* is from the caller's webhook (the question) to the first TwiML that speaks
the answer, first words or whole (fillers do not count); *whole answer* is to the TwiML that
speaks its last words. The phone follows a <Redirect> at once, where Twilio would first speak the
first sentence (a second or more), so the whole-answer column is a worst case for streaming."""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bench import report
from bench.servers import AUTH_TOKEN, WebServer, WorkerModel, new_database, web_server
from bench.standin import ANSWERS, LoadStandIn
from ivr.devtools.twilio_emulator import HttpTransport, Input, PhoneCall, Said, ScriptedInput, hangup, speech
from testkit.standins.anthropic_api import Reply

CHARS_PER_TOKEN = 4
FILLERS = ("One moment, please.", "Thanks for waiting, I'm nearly there.")
# What callers ask, and the sample assistant's typical answers (the load benchmark's, and longer).
REPLIES = {
    "1 sentence": ("is there parking", "Yes, you can park for free right behind the clinic."),
    "2 sentences": ("are you open on saturday", ANSWERS[0]),
    "3 sentences": (
        "do you take blue cross",
        "Yes, we accept Blue Cross Blue Shield, as well as Aetna and most Medicare plans. "
        "Please bring your insurance card to your visit. What else can I do for you?",
    ),
}
SERVER = WorkerModel("gthread", workers=1, threads=8)


@dataclass
class Timed:
    """One caller's question and when the answer's first and last words came back."""

    asked_at: float = 0.0
    heard_at: list[float] = field(default_factory=list)

    def first_audio_ms(self) -> float:
        return (self.heard_at[0] - self.asked_at) * 1000

    def whole_ms(self) -> float:
        return (self.heard_at[-1] - self.asked_at) * 1000


class Caller(ScriptedInput):
    """Asks one question and hangs up after the answer, noting the time of each."""

    def __init__(self, question: str, timed: Timed) -> None:
        super().__init__([speech(question), hangup()])
        self.timed = timed

    def caller_input(self, heard: list[Said]) -> Input:
        answer = super().caller_input(heard)
        if answer.kind == "speech":
            self.timed.asked_at = time.perf_counter()
        return answer

    def hear(self, said: Said) -> None:
        if self.timed.asked_at and said.text not in FILLERS:
            self.timed.heard_at.append(time.perf_counter())


def call(server: WebServer, question: str) -> Timed:
    timed = Timed()
    caller = Caller(question, timed)
    phone = PhoneCall(f"{server.url}/voice/incoming", HttpTransport(), auth_token=AUTH_TOKEN)
    result = phone.run(caller, on_heard=caller.hear)
    if result.errors or not timed.heard_at:
        raise RuntimeError(f"the call did not go as scripted: {result.errors or result.heard}")
    return timed


def model_pace(first_token_s: float, tokens_per_s: float) -> dict[str, Any]:
    return {"delay": first_token_s, "chunk_delay": 1 / tokens_per_s, "piece_chars": CHARS_PER_TOKEN}


@contextlib.contextmanager
def line(name: str, model_url: str, stream: bool) -> Iterator[WebServer]:
    database = new_database("sqlite", f"first_words_{name}")
    variables = {
        "ANTHROPIC_API_KEY": "bench",
        "ANTHROPIC_BASE_URL": model_url,
        "CALLS_PER_CALLER_PER_MINUTE": "0",  # every call comes from the same number
        "STREAM_REPLIES": str(stream).lower(),
    }
    try:
        with web_server(f"first-words-{name}", "wsgi:app", database, SERVER, **variables) as server:
            yield server
    finally:
        database.drop()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=6, help="calls per reply length and setting")
    parser.add_argument("--first-token-s", type=float, default=0.4)
    parser.add_argument("--tokens-per-s", type=float, default=60.0)
    args = parser.parse_args()
    pace = model_pace(args.first_token_s, args.tokens_per_s)
    answers = dict(REPLIES.values())
    print(
        f"model stand-in: {args.first_token_s:g} s to the first token, then {args.tokens_per_s:g} tokens/s; "
        f"{args.calls} calls per row; ms",
        flush=True,
    )
    print("| reply | STREAM_REPLIES | first audio p50 | p95 | whole answer p50 | p95 |")
    print("|---|---|---|---|---|---|")
    with LoadStandIn() as model:
        model.responder(lambda body: Reply.text(answers[body["messages"][-1]["content"]], **pace))
        for stream in (True, False):
            with line("on" if stream else "off", model.url, stream) as server:
                call(server, "is there parking")  # warm up: imports, the first connection
                for length, (question, _) in REPLIES.items():
                    timings = [call(server, question) for _ in range(args.calls)]
                    first = [t.first_audio_ms() for t in timings]
                    whole = [t.whole_ms() for t in timings]
                    cells = [report.percentile(v, q) for v in (first, whole) for q in (0.5, 0.95)]
                    figures = " | ".join(f"{cell:.0f}" for cell in cells)
                    print(f"| {length} | {'on' if stream else 'off'} | {figures} |", flush=True)


if __name__ == "__main__":
    main()
