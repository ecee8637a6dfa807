"""A live check of the Claude engine against the real Messages API (needs ANTHROPIC_API_KEY).

Places three scripted caller turns through the same dialog core the webhooks use, and prints
what came back and how long each took. Not part of the test suite: it costs a few cents of
tokens and needs the internet.

    ANTHROPIC_API_KEY=sk-ant-... .venv/bin/python -m bench.live_check
"""

from __future__ import annotations

import sys
import time

from ivr import assistant
from ivr.config import Settings
from ivr.dialog.engines import build_engine
from ivr.dialog.rules import greet, respond
from ivr.dialog.types import CallerInput, PastTurn

TURNS = [
    "hi yeah um do you take Aetna insurance",
    "ok and how late are you open on Saturday",
    "great, can you put me through to someone about my bill",
]


def main() -> int:
    settings = Settings.from_env()
    if not settings.anthropic_api_key:
        print("Set ANTHROPIC_API_KEY to run the live check.", file=sys.stderr)
        return 2
    line = assistant.load(settings.assistant_path)
    engine = build_engine(settings)
    opening = greet(line).action.say
    history = [PastTurn("assistant", opening, None, "listen")]
    print(f"model {settings.anthropic_model}\n  ivr: {opening}")
    for words in TURNS:
        began = time.perf_counter()
        reply = respond(line, history, CallerInput("speech", words, 0.9), engine)
        seconds = time.perf_counter() - began
        action = reply.action
        target = f" -> {action.target}" if action.kind == "transfer" else ""
        print(f"caller: {words}\n  ivr ({action.kind}{target}, {seconds:.2f} s, {reply.note}): {action.say}")
        print(f"  usage: {reply.usage}")
        history += [PastTurn("caller", words, "speech"), PastTurn("assistant", action.say, None, action.kind)]
        if action.kind != "listen":
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
