"""Why a turn went as it did: the note stored with every assistant turn.

The turn rules read notes back from the history (how many reprompts in a row, whether the caller
was asked for a message), the record derives the call's outcome from them, and the post-call event
and `ivr transcript` show them. Some kinds carry a detail after them: `option-3`, `dial-busy`,
`greeting:timeout`, `model-fallback:timeout`."""

from __future__ import annotations

from enum import StrEnum


class Note(StrEnum):
    GREETING = "greeting"
    GREETING_CLOSED = "greeting-closed"  # the closed greeting: outside opening hours, or a holiday
    NO_INPUT = "no-input"
    NO_INPUT_HANGUP = "no-input-hangup"
    LOW_CONFIDENCE = "low-confidence"
    NO_MATCH = "no-match"
    STILL_HERE = "still-here"  # the caller checked someone is listening: not a miss
    LIFE_IN_DANGER = "life-in-danger"  # told to hang up and call emergency services
    WHICH = "which:"  # two options were equally likely: the caller was asked which, "2,3"
    OPERATOR = "operator"
    MAX_TURNS = "max-turns"
    TRANSFERRED = "transferred"
    REFUSED_TRANSFER = "refused-transfer"
    CALLER_DONE = "caller-done"
    ASKED_FOR_MESSAGE = "ask-message"
    MESSAGE_TAKEN = "message-taken"
    MODEL = "model"
    MODEL_TRANSFER = "model-transfer"
    MODEL_END = "model-end"
    REFUSED_TOOL = "refused-tool"
    REFUSED_LEAK = "refused-leak"
    ERROR = "error"
    # Kinds followed by a detail; `of` writes one.
    OPTION = "option-"  # the menu option's key
    DIAL = "dial-"  # how a transfer ended that nobody answered: busy, no-answer, failed...
    GREETING_LOOKUP = "greeting:"  # how the caller's look-up went, when not plainly
    MODEL_FALLBACK = "model-fallback:"  # why the model's answer was replaced
    ACTION_ASK = (
        "ask:"  # a declared action's value asked for: the option's key and the parameter, "3.account"
    )
    ACTION = "action:"  # a declared action ran and its outcome was said: its name
    ACTION_FAILED = "action-failed:"  # it failed, or was refused before sending: its name
    LANGUAGE = "language:"  # the caller chose another language the line speaks: its code, "es"

    def of(self, detail: str) -> str:
        """This kind of note with its detail, e.g. Note.OPTION.of("3") == "option-3"."""
        return f"{self.value}{detail}"

    def marks(self, note: str | None) -> bool:
        """Whether a stored note is of this kind (with or without a detail)."""
        if note is None:
            return False
        return note == self.value or (self.value[-1] in "-:" and note.startswith(self.value))


# Turns that asked again because the caller was not understood: they count toward the reprompts.
MISSES = frozenset({Note.NO_INPUT, Note.LOW_CONFIDENCE, Note.NO_MATCH})
