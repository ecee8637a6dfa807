"""The turn rules: given an assistant, a call's history and what the caller just did, decide what
happens next. Engines propose; the rules here always hold, whichever engine answers: reprompts,
the confidence floor, the operator escape, the turn limit, and only directory names dialed."""

from __future__ import annotations

from dataclasses import replace

from ivr.assistant import Assistant
from ivr.dialog import collecting, everyday, hours, languages, urgency, wording
from ivr.dialog.matching import is_plain_no, is_presence_check, match, may_ask_for_a_person
from ivr.dialog.notes import MISSES, Note
from ivr.dialog.types import (
    Announce,
    Ask,
    CallerInput,
    Engine,
    Hangup,
    Listen,
    PastTurn,
    Record,
    Reply,
    Transfer,
)

ANSWERED_DIAL = {"completed", "answered"}


def greet(assistant: Assistant, first_name: str = "", lookup: str | None = None) -> Reply:
    """The greeting, by name when the caller is known; the note keeps how the look-up went; then
    the offers of the other languages the line speaks."""
    return languages.offered(assistant, _greeting(assistant, first_name, lookup))


def _greeting(assistant: Assistant, first_name: str, lookup: str | None) -> Reply:
    if assistant.closed is not None:
        return Reply(
            Listen(wording.of(assistant).closed_greeting(assistant, assistant.closed)),
            note=Note.GREETING_CLOSED,
        )
    note = Note.GREETING_LOOKUP.of(lookup) if lookup and lookup not in ("found", "off") else Note.GREETING
    if not first_name:
        return Reply(Listen(assistant.greeting), note=note)
    return Reply(Listen(assistant.greeting_known.format(first_name=first_name)), note=note)


def respond(
    assistant: Assistant,
    history: list[PastTurn],
    said: CallerInput,
    engine: Engine,
    caller: str = "",
    early: Announce | None = None,
) -> Reply:
    """The answer to whatever the caller did: spoke, pressed keys, stayed silent, or came back
    from a transfer. `caller` is what the business knows about the caller, for the engine;
    `early` hears the answer's first sentence before the rest, if the engine can tell it."""
    return ruled(assistant, history, said) or engine_reply(assistant, history, said, engine, caller, early)


def ruled(assistant: Assistant, history: list[PastTurn], said: CallerInput) -> Reply | None:
    """What the rules that hold whatever the engine decide without asking it: the end of a
    transfer, reprompts, confidence, a life in danger (call emergency services), operator escape,
    max turns, a caller checking we are there, a bare "no" to the greeting. None: the engine must
    answer."""
    reply = _ruled(assistant, history, said)
    return languages.offered(assistant, checked(assistant, reply), history) if reply is not None else None


def _ruled(assistant: Assistant, history: list[PastTurn], said: CallerInput) -> Reply | None:
    if said.kind == "dial" and said.text in ANSWERED_DIAL:
        return Reply(Hangup(""), note=Note.TRANSFERRED)
    if said.kind == "recording":  # a voice message, kept with the call as it came in
        return _message_recorded(assistant, history)
    if caller_turns(history) >= assistant.policy.max_turns:
        return _past_max_turns(assistant, history)
    if said.kind == "dial":
        return after_dial(assistant, history, said.text)
    if said.kind == "silence":
        return _reprompt_or_stop(assistant, history, Note.NO_INPUT, wording.of(assistant).NOT_HEARD)
    if (language := languages.chosen(assistant, said)) is not None:
        line = assistant.speaking(language.code)
        greeting = _greeting(line, "", None).action
        return Reply(Listen(greeting.say, language.code), note=Note.LANGUAGE.of(language.code))
    if (
        said.kind == "speech"
        and _heard_surely(assistant, said)
        and urgency.life_in_danger(assistant, said.text)
    ):
        return Reply(Listen(wording.of(assistant).life_in_danger(assistant)), note=Note.LIFE_IN_DANGER)
    if assistant.operator and wants_operator(assistant, said):
        return connect_operator(assistant, Note.OPERATOR)
    if said.kind == "speech" and not _heard_surely(assistant, said):
        return _reprompt_or_stop(assistant, history, Note.LOW_CONFIDENCE, wording.of(assistant).NOT_CAUGHT)
    if said.kind == "speech" and is_presence_check(said.text, assistant.language):
        return Reply(
            Listen(f"{wording.of(assistant).STILL_HERE} {wording.of(assistant).choices(assistant)}"),
            note=Note.STILL_HERE,
        )
    # The greeting asked how we can help: a bare "no" to it answers oddly, it does not end the call.
    # Later, after "anything else?", the engine takes it as the goodbye it is.
    if said.kind == "speech" and not caller_turns(history) and is_plain_no(said.text, assistant.language):
        return Reply(Listen(wording.of(assistant).choices(assistant)), note=Note.NO_MATCH)
    return None


def _heard_surely(assistant: Assistant, said: CallerInput) -> bool:
    return (said.confidence or 0.0) >= assistant.policy.min_confidence


def engine_reply(
    assistant: Assistant,
    history: list[PastTurn],
    said: CallerInput,
    engine: Engine,
    caller: str = "",
    early: Announce | None = None,
) -> Reply:
    """The engine's answer, held to the rules: reprompts run out, only directory names dialed."""
    reply = replace(engine.reply(assistant, history, said, caller, early), by=engine.name)
    if reply.note == Note.NO_MATCH and _misses(history) >= assistant.policy.reprompts:
        return _wrap_up(assistant, Note.NO_MATCH, wording.of(assistant).COULD_NOT_HELP)
    return languages.offered(assistant, checked(assistant, reply), history)


def _message_recorded(assistant: Assistant, history: list[PastTurn]) -> Reply:
    """Thanks for a voice message; and goodbye, if it was the last thing the turn limit left the
    caller (the offer to leave one, while nobody could take the call)."""
    words = wording.of(assistant)
    if caller_turns(history) >= assistant.policy.max_turns:
        return Reply(Hangup(f"{words.MESSAGE_PASSED} {assistant.goodbye}"), note=Note.MESSAGE_TAKEN)
    return Reply(Listen(words.message_passed_on()), note=Note.MESSAGE_TAKEN)


def after_dial(assistant: Assistant, history: list[PastTurn], dial_status: str) -> Reply:
    """The transfer ended: done if someone answered, otherwise say so and keep helping."""
    if dial_status in ANSWERED_DIAL:
        return Reply(Hangup(""), note=Note.TRANSFERRED)
    target = next((t.target for t in reversed(history) if t.action == "transfer"), None) or "that line"
    return Reply(
        Listen(wording.of(assistant).transfer_ended(target, dial_status)), note=Note.DIAL.of(dial_status)
    )


def wants_operator(assistant: Assistant, said: CallerInput) -> bool:
    """A caller asking for a person; not one who is calling for another business or is no
    customer (a seller or a job seeker asking for the manager): the engine tells them so."""
    if said.kind == "digits":  # 0 alone: an account number keyed in may start with 0
        return said.text.rstrip("#") == "0"
    return (
        may_ask_for_a_person(assistant, said.text)  # most turns ask for nobody: no whole match
        and match(assistant, said.text).intent == "operator"
        and not everyday.not_for_this_line(assistant, said.text)
    )


def connect_operator(assistant: Assistant, note: str) -> Reply:
    operator = assistant.operator or ""
    return Reply(Transfer(wording.of(assistant).connecting(operator), operator), note=note)


def checked(assistant: Assistant, reply: Reply) -> Reply:
    """An engine may propose anything; only directory names are ever dialed, and while the
    business is closed only the lines reachable at any hour: to anyone else, the caller is
    offered to leave a message instead."""
    action = reply.action
    if isinstance(action, Transfer) and action.target not in assistant.directory:
        return Reply(
            Listen(wording.of(assistant).CANNOT_CONNECT_THERE),
            note=Note.REFUSED_TRANSFER,
            usage=reply.usage,
            by=reply.by,
        )
    if isinstance(action, Transfer) and assistant.closed and not hours.reachable(assistant, action.target):
        offer = wording.of(assistant).leave_message_after(
            wording.of(assistant).closed_now(action.target, assistant.closed)
        )
        return Reply(Record(offer), note=Note.ASKED_FOR_MESSAGE, usage=reply.usage, by=reply.by)
    return reply


def caller_turns(history: list[PastTurn]) -> int:
    return sum(1 for t in history if t.role == "caller")


def _misses(history: list[PastTurn]) -> int:
    """How many assistant turns in a row, at the end of the history, were reprompts."""
    count = 0
    for turn in reversed(history):
        if turn.role != "assistant":
            continue
        if turn.note not in MISSES:
            break
        count += 1
    return count


def _reprompt_or_stop(assistant: Assistant, history: list[PastTurn], note: Note, sorry: str) -> Reply:
    """Ask again, up to the reprompt limit: the open question if one is (an account number, keyed
    in and ended by pound), else how we can help; then goodbye, or a person."""
    if _misses(history) < assistant.policy.reprompts:
        if (question := collecting.open_question(assistant, history)) is not None:
            return Reply(Ask(f"{sorry} {question}"), note=note)
        ask = wording.of(assistant).STILL_THERE if note == Note.NO_INPUT else wording.of(assistant).SAY_AGAIN
        return Reply(Listen(f"{sorry} {ask}"), note=note)
    if note == Note.NO_INPUT:
        return Reply(Hangup(f"{sorry} {assistant.goodbye}"), note=Note.NO_INPUT_HANGUP)
    return _wrap_up(assistant, note, sorry)


def _past_max_turns(assistant: Assistant, history: list[PastTurn]) -> Reply:
    """The turn limit holds whatever the caller does (keys, silence, transfers that fail): a
    person once, if there is one, and after that a goodbye."""
    handed_over = any(t.note == Note.MAX_TURNS for t in history if t.role == "assistant")
    if handed_over:
        return Reply(Hangup(f"{wording.of(assistant).TALKED_LONG} {assistant.goodbye}"), note=Note.MAX_TURNS)
    return _wrap_up(assistant, Note.MAX_TURNS, wording.of(assistant).TALKED_LONG)


def _wrap_up(assistant: Assistant, note: Note, lead: str) -> Reply:
    """End of what the assistant can do: a person if there is one, otherwise a polite goodbye."""
    if assistant.operator:
        say = wording.of(assistant).handing_to_operator(lead, assistant.operator)
        return Reply(Transfer(say, assistant.operator), note)
    return Reply(Hangup(f"{lead} {assistant.goodbye}"), note=note)
