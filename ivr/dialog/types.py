"""The dialog core's vocabulary: what the caller did, what the line does next, the call so far as
the core sees it, and the engine contract. Plain frozen values, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from ivr.assistant import Assistant
from ivr.dialog.actions import Outcome

# dial: how a transfer ended; recording: the caller left a voice message (<Record>)
InputKind = Literal["speech", "digits", "silence", "dial", "recording"]


@dataclass(frozen=True)
class CallerInput:
    """What the caller just did: spoke (with the recogniser's confidence), pressed keys, stayed
    silent, or came back from a transfer (`dial`, with how it ended as the text)."""

    kind: InputKind
    text: str = ""
    confidence: float | None = None


@dataclass(frozen=True)
class Listen:
    """Say something, then listen for the caller's next input; with `language`, the call goes on
    in that language (one the assistant offers) from these words on."""

    say: str
    language: str | None = None
    kind: Literal["listen"] = "listen"


@dataclass(frozen=True)
class Ask:
    """Say something, then listen for an answer that may be several keys ended by # (an account
    number, a date) as well as speech: how a declared action's values are asked for."""

    say: str
    kind: Literal["ask"] = "ask"


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


@dataclass(frozen=True)
class Record:
    """Say something, then record the caller's voice as a message, after a beep."""

    say: str
    kind: Literal["record"] = "record"


Action = Listen | Ask | Transfer | Hangup | Wait | FirstWords | Record
# Hears an answer's first sentence while the engine is still finishing the rest, if it can tell.
Announce = Callable[[str], None]


@dataclass(frozen=True)
class PastTurn:
    """One turn of the call so far, as the dialog core sees it (the record stores more)."""

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
class ActionRequest:
    """A declared action an engine wants run, with the arguments it gave (checked before anything
    is sent). `tool_use_id` and `lead`: Claude's tool call, and what it said before it; `option`:
    the menu option that asked for it (an option's text to the caller)."""

    name: str
    arguments: dict[str, Any]
    tool_use_id: str = ""
    lead: str = ""
    option: str = ""


@dataclass(frozen=True)
class Reply:
    """What an engine or a rule decided, with what the record should keep about it. With a
    `request`, the decision is not final: the action runs, then the engine's `after_action` says
    what the caller hears (`action` is only what to say if the action cannot even be tried)."""

    action: Action
    note: str | None = None
    usage: dict[str, int] = field(default_factory=dict)
    by: str = "rules"  # who decided: the turn rules, or the engine's name
    message: LeftMessage | None = None
    request: ActionRequest | None = None


class Engine(Protocol):
    """Chooses the reply to understood input; the turn rules are applied around it."""

    name: str

    def reply(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        caller: str = "",
        early: Announce | None = None,
    ) -> Reply: ...

    def after_action(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        request: ActionRequest,
        outcome: Outcome,
        caller: str = "",
    ) -> Reply:
        """What the caller hears once the requested action ran (or was refused before sending)."""
        ...
