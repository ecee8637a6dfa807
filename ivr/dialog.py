"""The dialog core: given an assistant, a call's history and what the caller just did, decide what
happens next. Pure: no Flask, no HTTP, no database. Engines propose; the rules here always hold."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from ivr.assistant import Assistant
from ivr.matching import match

InputKind = Literal["speech", "digits", "silence", "dial"]  # dial: how a transfer ended
SPEECH_LIMIT = 1000  # characters; Twilio never sends more for one utterance, a forger might


@dataclass(frozen=True)
class CallerInput:
    kind: InputKind
    text: str = ""
    confidence: float | None = None

    @classmethod
    def from_webhook(cls, speech: str | None, confidence: str | None, digits: str | None) -> CallerInput:
        """Build from Twilio's Gather parameters; anything malformed degrades to something safe."""
        if digits and digits.strip():
            cleaned = "".join(c for c in digits if c in "0123456789*#")[:32]
            return cls("digits", cleaned) if cleaned else cls("silence")
        text = " ".join((speech or "").split())[:SPEECH_LIMIT]
        if not text:
            return cls("silence")
        return cls("speech", text, _confidence(confidence))


def _confidence(raw: str | None) -> float | None:
    try:
        value = float(raw) if raw not in (None, "") else None
    except ValueError:
        return None
    return value if value is not None and 0.0 <= value <= 1.0 else None


@dataclass(frozen=True)
class Listen:
    """Say something, then listen for the caller's next input."""

    say: str
    kind: Literal["listen"] = "listen"


@dataclass(frozen=True)
class Transfer:
    """Say something, then connect the caller to a target named in the assistant's directory."""

    say: str
    target: str
    kind: Literal["transfer"] = "transfer"


@dataclass(frozen=True)
class Hangup:
    """Say goodbye and end the call."""

    say: str
    kind: Literal["hangup"] = "hangup"


@dataclass(frozen=True)
class Wait:
    """Not an engine's decision: what the caller hears while a slow answer is still being decided,
    before the line comes back for it. `heard` names the answer's first words, if they were said."""

    say: str
    answer_seq: int
    waits: int = 0
    heard: str = ""
    kind: Literal["wait"] = "wait"


@dataclass(frozen=True)
class FirstWords:
    """Not an engine's decision either: the first sentence of an answer that is still being
    finished, said at once; the line comes back for the rest, naming what was `heard`."""

    say: str
    answer_seq: int
    heard: str
    waits: int = 0
    kind: Literal["first-words"] = "first-words"


Action = Listen | Transfer | Hangup | Wait | FirstWords
# Hears an answer's first sentence while the engine is still finishing the rest, if it can tell.
Announce = Callable[[str], None]


@dataclass(frozen=True)
class Turn:
    """One stored turn of a call, as the dialog layer sees it."""

    role: Literal["caller", "assistant"]
    text: str
    input_kind: InputKind | None = None
    action: str | None = None  # for assistant turns: listen, transfer or hangup
    target: str | None = None  # for transfers: the directory name
    note: str | None = None  # why the turn went as it did: reprompt, low-confidence, fallback...


@dataclass(frozen=True)
class LeftMessage:
    """A message or call-back request the caller left; no number means the caller's own."""

    text: str
    name: str | None = None
    callback_number: str | None = None


@dataclass(frozen=True)
class Reply:
    """What an engine or a rule decided, with what the record should keep about it."""

    action: Action
    note: str | None = None
    usage: dict[str, int] = field(default_factory=dict)
    by: str = "rules"  # who decided: the turn rules, or the engine's name
    message: LeftMessage | None = None


class Engine(Protocol):
    """Chooses the reply to understood input; the turn rules are applied around it."""

    name: str

    def reply(
        self,
        assistant: Assistant,
        history: list[Turn],
        said: CallerInput,
        caller: str = "",
        early: Announce | None = None,
    ) -> Reply: ...


MISSES = {"no-input", "low-confidence", "no-match"}
ANSWERED_DIAL = {"completed", "answered"}


def greet(assistant: Assistant, first_name: str = "", lookup: str | None = None) -> Reply:
    """The greeting, by name when the caller is known; the note keeps how the look-up went."""
    note = f"greeting:{lookup}" if lookup and lookup not in ("found", "off") else "greeting"
    if not first_name:
        return Reply(Listen(assistant.greeting), note=note)
    return Reply(Listen(assistant.greeting_known.format(first_name=first_name)), note=note)


def respond(
    assistant: Assistant,
    history: list[Turn],
    said: CallerInput,
    engine: Engine,
    caller: str = "",
    early: Announce | None = None,
) -> Reply:
    """The answer to whatever the caller did: spoke, pressed keys, stayed silent, or came back
    from a transfer. `caller` is what the business knows about the caller, for the engine;
    `early` hears the answer's first sentence before the rest, if the engine can tell it."""
    return ruled(assistant, history, said) or engine_reply(assistant, history, said, engine, caller, early)


def ruled(assistant: Assistant, history: list[Turn], said: CallerInput) -> Reply | None:
    """What the rules that hold whatever the engine decide without asking it: the end of a
    transfer, reprompts, confidence, operator escape, max turns. None: the engine must answer."""
    if said.kind == "dial":
        return after_dial(assistant, history, said.text)
    if said.kind == "silence":
        return _reprompt_or_stop(assistant, history, "no-input", "Sorry, I didn't hear anything.")
    if assistant.operator and wants_operator(assistant, said):
        return connect_operator(assistant, "operator")
    if caller_turns(history) >= assistant.policy.max_turns:
        return _wrap_up(assistant, "max-turns", "We've been talking for a while.")
    if said.kind == "speech" and (said.confidence or 0.0) < assistant.policy.min_confidence:
        return _reprompt_or_stop(assistant, history, "low-confidence", "Sorry, I didn't quite catch that.")
    return None


def engine_reply(
    assistant: Assistant,
    history: list[Turn],
    said: CallerInput,
    engine: Engine,
    caller: str = "",
    early: Announce | None = None,
) -> Reply:
    """The engine's answer, held to the rules: reprompts run out, only directory names dialed."""
    reply = replace(engine.reply(assistant, history, said, caller, early), by=engine.name)
    if reply.note == "no-match" and _misses(history) >= assistant.policy.reprompts:
        return _wrap_up(assistant, "no-match", "I'm sorry I couldn't help with that.")
    return checked(assistant, reply)


def after_dial(assistant: Assistant, history: list[Turn], dial_status: str) -> Reply:
    """The transfer ended: done if someone answered, otherwise say so and keep helping."""
    if dial_status in ANSWERED_DIAL:
        return Reply(Hangup(""), note="transferred")
    target = next((t.target for t in reversed(history) if t.action == "transfer"), None) or "that line"
    why = {"busy": "is busy", "no-answer": "isn't answering"}.get(dial_status, "can't be reached")
    return Reply(
        Listen(f"I'm sorry, {target} {why} right now. Is there anything else I can help you with?"),
        note=f"dial-{dial_status}"[:40],
    )


def wants_operator(assistant: Assistant, said: CallerInput) -> bool:
    if said.kind == "digits":
        return said.text.startswith("0")
    return match(assistant, said.text).intent == "operator"


def connect_operator(assistant: Assistant, note: str) -> Reply:
    operator = assistant.operator or ""
    return Reply(Transfer(f"Connecting you to the {operator}.", operator), note=note)


def checked(assistant: Assistant, reply: Reply) -> Reply:
    """An engine may propose anything; only directory names are ever dialed."""
    action = reply.action
    if isinstance(action, Transfer) and action.target not in assistant.directory:
        return Reply(
            Listen("I'm sorry, I can't connect you there. Is there anything else I can help you with?"),
            note="refused-transfer",
            usage=reply.usage,
            by=reply.by,
        )
    return reply


def caller_turns(history: list[Turn]) -> int:
    return sum(1 for t in history if t.role == "caller")


def _misses(history: list[Turn]) -> int:
    """How many assistant turns in a row, at the end of the history, were reprompts."""
    count = 0
    for turn in reversed(history):
        if turn.role != "assistant":
            continue
        if turn.note not in MISSES:
            break
        count += 1
    return count


def _reprompt_or_stop(assistant: Assistant, history: list[Turn], note: str, sorry: str) -> Reply:
    if _misses(history) < assistant.policy.reprompts:
        ask = "Are you still there? How can I help?" if note == "no-input" else "Could you say that again?"
        return Reply(Listen(f"{sorry} {ask}"), note=note)
    if note == "no-input":
        return Reply(Hangup(f"{sorry} {assistant.goodbye}"), note="no-input-hangup")
    return _wrap_up(assistant, note, sorry)


def _wrap_up(assistant: Assistant, note: str, lead: str) -> Reply:
    """End of what the assistant can do: a person if there is one, otherwise a polite goodbye."""
    if assistant.operator:
        return Reply(
            Transfer(f"{lead} Let me connect you to the {assistant.operator}.", assistant.operator), note
        )
    return Reply(Hangup(f"{lead} {assistant.goodbye}"), note=note)
