"""The menu engine: a deterministic receptionist that routes keypad and speech to menu options.

It is the whole product when no model is configured, and the fallback when the model fails."""

from __future__ import annotations

from ivr.assistant import Assistant, MenuOption
from ivr.dialog import wording
from ivr.dialog.matching import match
from ivr.dialog.notes import Note
from ivr.dialog.types import Announce, CallerInput, Hangup, LeftMessage, Listen, PastTurn, Reply, Transfer


class MenuEngine:
    name = "menu"

    def reply(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        caller: str = "",
        early: Announce | None = None,  # decided at once: nothing to say before the whole answer
    ) -> Reply:
        if said.kind == "speech" and history and history[-1].note == Note.ASKED_FOR_MESSAGE:
            return take_message(said.text)
        if said.kind == "digits":
            option = assistant.option(said.text[:1])
            if option is None:
                return Reply(Listen(wording.not_an_option(said.text[:1], assistant)), Note.NO_MATCH)
            return choose(assistant, option)
        found = match(assistant, said.text)
        if found.intent == "option" and found.option is not None:
            return choose(assistant, found.option)
        if found.intent == "goodbye":
            return Reply(Hangup(assistant.goodbye), note=Note.CALLER_DONE)
        if found.intent == "operator":
            return Reply(Listen(wording.nobody_available(assistant)), Note.NO_MATCH)
        return Reply(Listen(wording.cannot_help_here(assistant)), note=Note.NO_MATCH)


def choose(assistant: Assistant, option: MenuOption) -> Reply:
    note = Note.OPTION.of(option.key)
    if option.message is not None:
        return Reply(Listen(option.message), note=Note.ASKED_FOR_MESSAGE)
    if option.transfer is not None:
        return Reply(Transfer(wording.connecting(option.transfer), option.transfer), note=note)
    return Reply(Listen(wording.answered(option)), note=note)


def take_message(text: str, name: str | None = None, callback_number: str | None = None) -> Reply:
    left = LeftMessage(text, name, callback_number)
    return Reply(Listen(wording.message_passed_on()), note=Note.MESSAGE_TAKEN, message=left)
