"""The menu engine: a deterministic receptionist that routes keypad and speech to menu options.

It is the whole product when no model is configured, and the fallback when the model fails."""

from __future__ import annotations

from ivr.assistant import Assistant, MenuOption
from ivr.dialog import Announce, CallerInput, Hangup, LeftMessage, Listen, Reply, Transfer, Turn
from ivr.matching import match

ANYTHING_ELSE = "Is there anything else I can help you with?"
ASKED_FOR_MESSAGE = "ask-message"


class MenuEngine:
    name = "menu"

    def reply(
        self,
        assistant: Assistant,
        history: list[Turn],
        said: CallerInput,
        caller: str = "",
        early: Announce | None = None,  # decided at once: nothing to say before the whole answer
    ) -> Reply:
        if said.kind == "speech" and history and history[-1].note == ASKED_FOR_MESSAGE:
            return take_message(said.text)
        if said.kind == "digits":
            option = assistant.option(said.text[:1])
            if option is None:
                return Reply(
                    Listen(f"Sorry, {said.text[:1]} is not an option. {choices(assistant)}"), "no-match"
                )
            return choose(assistant, option)
        found = match(assistant, said.text)
        if found.intent == "option" and found.option is not None:
            return choose(assistant, found.option)
        if found.intent == "goodbye":
            return Reply(Hangup(assistant.goodbye), note="caller-done")
        if found.intent == "operator":
            return Reply(
                Listen(f"I'm sorry, nobody is available to take the call. {choices(assistant)}"), "no-match"
            )
        return Reply(Listen(f"Sorry, I can't help with that here. {choices(assistant)}"), note="no-match")


def choose(assistant: Assistant, option: MenuOption) -> Reply:
    note = f"option-{option.key}"
    if option.message is not None:
        return Reply(Listen(option.message), note=ASKED_FOR_MESSAGE)
    if option.transfer is not None:
        return Reply(Transfer(f"Connecting you to {option.transfer}.", option.transfer), note=note)
    return Reply(Listen(f"{option.say} {ANYTHING_ELSE}"), note=note)


def take_message(text: str, name: str | None = None, callback_number: str | None = None) -> Reply:
    thanks = f"Thank you, I've passed your message on. {ANYTHING_ELSE}"
    return Reply(Listen(thanks), note="message-taken", message=LeftMessage(text, name, callback_number))


def choices(assistant: Assistant) -> str:
    """The menu read aloud: 'You can say appointments, or press 1; ...'."""
    spoken = [f"for {o.description}, say {o.name} or press {o.key}" for o in assistant.menu]
    if assistant.operator:
        spoken.append(f"to speak with the {assistant.operator}, press 0")
    return "You can choose: " + "; ".join(spoken) + "."
