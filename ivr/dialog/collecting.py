"""The menu engine's side of declared actions: an option that runs one asks the caller for each
required value in turn (keyed or said), checks it, asks again on a bad one up to the reprompt
limit, then has the action run and says how it went. The state is the call's history: each ask is
a turn noted `ask:<key>.<parameter>`, and the caller's answer is the turn after it."""

from __future__ import annotations

from ivr.assistant import Assistant, MenuOption
from ivr.dialog import wording
from ivr.dialog.actions import ActionSpec, Invalid, Outcome, Parameter, coerce, spoken_outcome
from ivr.dialog.matching import match
from ivr.dialog.notes import Note
from ivr.dialog.types import ActionRequest, Ask, CallerInput, Listen, PastTurn, Reply

# Turns that leave the question open: the caller was not heard, or not clearly (the rules reprompt).
STILL_ASKING = frozenset({Note.NO_INPUT, Note.LOW_CONFIDENCE})


def start(assistant: Assistant, option: MenuOption, spec: ActionSpec) -> Reply:
    """The caller chose an option that runs `spec`: ask for its first value, or run it."""
    return _next(option, spec, {})


def respond(assistant: Assistant, history: list[PastTurn], said: CallerInput) -> Reply | None:
    """The answer to a caller who was just asked for a value; None when nothing was asked."""
    asked = _asked(history)
    if asked is None or said.kind not in ("speech", "digits"):
        return None
    option, spec, parameter = _resolve(assistant, *asked)
    if option is None or spec is None or parameter is None:
        return None  # the assistant file changed under the call: the menu takes over
    values = collected(assistant, history, option, spec)
    try:
        values[parameter.name] = coerce(parameter, said.text, region(assistant), spoken=True)
    except Invalid:
        if said.kind == "speech" and _moves_on(assistant, option, said.text):
            return None  # "actually, the pharmacy", "never mind, bye": the menu takes it
        note = Note.ACTION_ASK.of(f"{option.key}.{parameter.name}")
        if _times_asked(history, note) > assistant.policy.reprompts:
            return Reply(
                Listen(f"{wording.of(assistant).COULD_NOT_TAKE} {wording.of(assistant).choices(assistant)}"),
                Note.NO_MATCH,
            )
        return Reply(Ask(f"{wording.of(assistant).NOT_VALID} {parameter.ask}"), note=note)
    return _next(option, spec, values)


def open_question(assistant: Assistant, history: list[PastTurn]) -> str | None:
    """The value the caller was asked for and has not given yet (they were silent, or not heard
    clearly), asked again as it was: None when no question is open."""
    asked = _asked(history)
    if asked is None:
        return None
    _, _, parameter = _resolve(assistant, *asked)
    return (parameter.ask or parameter.description) if parameter is not None else None


def after(assistant: Assistant, request: ActionRequest, outcome: Outcome) -> Reply:
    """What the caller hears once the action ran: say_on_success with the answer's fields, or
    say_on_failure and the menu."""
    spec = assistant.action(request.name)
    if spec is None:
        return Reply(Listen(wording.of(assistant).CANNOT_DO), Note.REFUSED_TOOL)
    said = spoken_outcome(spec.say_on_success, outcome.fields) if outcome.ok else None
    if said is not None:
        return Reply(Listen(f"{said[0]} {wording.of(assistant).ANYTHING_ELSE}"), Note.ACTION.of(spec.name))
    return Reply(
        Listen(f"{spec.say_on_failure} {wording.of(assistant).choices(assistant)}"),
        Note.ACTION_FAILED.of(spec.name),
    )


def region(assistant: Assistant) -> str:
    """Where a phone number said without its country code is: the line's language's country."""
    country = assistant.language.partition("-")[2].upper()
    return country if len(country) == 2 else "US"


def collected(assistant: Assistant, history: list[PastTurn], option: MenuOption, spec: ActionSpec) -> dict:
    """The values the caller gave so far in this round of asking, each checked again."""
    values = {}
    start = len(history) - len(_open_run(history))
    for index in range(start, len(history) - 1):
        turn, answer = history[index], history[index + 1]
        asked = _parse(turn.note)
        if asked is None or asked[0] != option.key or answer.role != "caller":
            continue
        parameter = spec.parameter(asked[1])
        if parameter is None or answer.input_kind not in ("speech", "digits"):
            continue
        try:
            values[parameter.name] = coerce(parameter, answer.text, region(assistant), spoken=True)
        except Invalid:
            continue
    return values


def _moves_on(assistant: Assistant, option: MenuOption, text: str) -> bool:
    """Whether words that are not the value asked for choose something else: another option, or
    goodbye."""
    found = match(assistant, text)
    chose = found.intent == "option" and found.option is not None and found.option.key != option.key
    return chose or found.intent == "goodbye"


def _next(option: MenuOption, spec: ActionSpec, values: dict) -> Reply:
    missing = next((p for p in spec.given if p.required and p.name not in values), None)
    if missing is not None:
        return Reply(
            Ask(missing.ask or missing.description), note=Note.ACTION_ASK.of(f"{option.key}.{missing.name}")
        )
    request = ActionRequest(spec.name, values)
    return Reply(Listen(spec.say_while_waiting), note=Note.ACTION.of(spec.name), request=request)


def _open_run(history: list[PastTurn]) -> list[PastTurn]:
    """The turns at the end of the history since the asking began: asks, the caller's answers,
    and reprompts that left the question open."""
    run: list[PastTurn] = []
    key = None
    for turn in reversed(history):
        if turn.role == "assistant":
            asked = _parse(turn.note)
            if asked is None and turn.note not in STILL_ASKING:
                break
            if asked is not None:
                if key is not None and asked[0] != key:
                    break
                key = asked[0]
        run.append(turn)
    run.reverse()
    while run and run[0].role == "caller":
        run.pop(0)
    return run


def _asked(history: list[PastTurn]) -> tuple[str, str] | None:
    """The option key and parameter the caller was last asked for, if the question is still open."""
    for turn in reversed(history):
        if turn.role != "assistant":
            continue
        if turn.note in STILL_ASKING:
            continue
        return _parse(turn.note)
    return None


def _times_asked(history: list[PastTurn], note: str) -> int:
    return sum(1 for turn in _open_run(history) if turn.role == "assistant" and turn.note == note)


def _parse(note: str | None) -> tuple[str, str] | None:
    if not Note.ACTION_ASK.marks(note):
        return None
    key, _, name = (note or "").removeprefix(Note.ACTION_ASK).partition(".")
    return (key, name) if key and name else None


def _resolve(
    assistant: Assistant, key: str, name: str
) -> tuple[MenuOption | None, ActionSpec | None, Parameter | None]:
    option = assistant.option(key)
    spec = assistant.action(option.action) if option is not None and option.action else None
    return option, spec, spec.parameter(name) if spec is not None else None
