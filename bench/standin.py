"""The Messages API stand-in as its own process, with a fixed latency, for load runs.

`python -m bench.standin --port P --latency 2.0` serves until terminated. It runs apart from the
load generator so neither steals the other's interpreter. The model talks like the benchmark's
caller script expects: text answers, then a transfer to the pharmacy on the caller's fourth turn."""

from __future__ import annotations

import argparse
import signal
import threading
from typing import Any

from testkit.standins.anthropic_api import MessagesStandIn, RecordedRequest, Reply

TRANSFER_ON_CALLER_TURN = 4
ANSWERS = (
    "We're open Saturday from 9 AM to 1 PM. Is there anything else I can help you with?",
    "Yes, you can park for free right behind the clinic. Anything else?",
    "Yes, we accept Blue Cross Blue Shield. What else can I do for you?",
)


class LoadStandIn(MessagesStandIn):
    """The test stand-in, minus its request log: a long run would keep every request in memory."""

    def _record(self, request: RecordedRequest) -> None:
        pass


def answer(body: dict[str, Any]) -> Reply:
    # The caller's words; the app's bracketed notes ("[The call is connected.]") are not a turn.
    caller_turns = sum(
        1
        for message in body.get("messages", [])
        if message.get("role") == "user" and not str(message.get("content", "")).startswith("[")
    )
    if caller_turns >= TRANSFER_ON_CALLER_TURN:
        return Reply.tool_use(
            "transfer_call", {"target": "pharmacy", "say": "Connecting you to the pharmacy."}
        )
    return Reply.text(ANSWERS[(caller_turns - 1) % len(ANSWERS)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency", type=float, required=True, help="seconds before every answer")
    args = parser.parse_args()
    standin = LoadStandIn(port=args.port, latency=args.latency)
    standin.responder(answer)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    with standin:
        print(f"ready {standin.url}", flush=True)
        stop.wait()


if __name__ == "__main__":
    main()
