"""The whisper: what the person answering a transfer hears before the caller is put through, who
is calling and why, from the call so far. Pure."""

from __future__ import annotations

from ivr.assistant import Assistant
from ivr.dialog import wording
from ivr.dialog.notes import Note
from ivr.dialog.types import PastTurn

REASON_CHARS = 120  # one line: the caller's own words, cut short


def text(assistant: Assistant, history: list[PastTurn], caller_name: str = "") -> str:
    """'Call from Maria Lopez, about billing. Press 1 to take the call.'"""
    words = wording.of(assistant)
    return words.whisper(caller_name or words.a_caller, reason(assistant, history))


def reason(assistant: Assistant, history: list[PastTurn]) -> str:
    """Why the caller is being put through: the option they chose, or their last words before
    the transfer (masked like every transcript)."""
    words = wording.of(assistant)
    transfer = next((t for t in reversed(history) if t.role == "assistant" and t.action == "transfer"), None)
    note = transfer.note if transfer is not None else None
    if Note.OPTION.marks(note):
        option = assistant.option((note or "").removeprefix(Note.OPTION.value))
        if option is not None:
            return words.about(option)
    said = next((t.text for t in reversed(history) if t.role == "caller" and t.input_kind == "speech"), "")
    if said:
        cut = said if len(said) <= REASON_CHARS else said[:REASON_CHARS].rsplit(" ", 1)[0] + "..."
        return words.who_said(cut)
    if note == Note.OPERATOR:
        return words.asking_for_person
    return words.not_helped
