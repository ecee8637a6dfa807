"""The turn rules, as plain function calls: no server, no database."""

import pytest

from ivr import assistant
from ivr.dialog.engines.menu import MenuEngine
from ivr.dialog.rules import after_dial, greet, respond, ruled
from ivr.dialog.types import CallerInput, Hangup, Listen, PastTurn, Reply, Transfer

CLINIC = assistant.load(assistant.SAMPLE_PATH)
SILENCE = CallerInput("silence")


def speech(text: str, confidence: float = 0.9) -> CallerInput:
    return CallerInput("speech", text, confidence)


def take(history: list[PastTurn], said: CallerInput, engine=None) -> Reply:
    reply = respond(CLINIC, history, said, engine or MenuEngine())
    history += [
        PastTurn("caller", said.text, said.kind),
        PastTurn(
            "assistant",
            reply.action.say,
            None,
            reply.action.kind,
            getattr(reply.action, "target", None),
            reply.note,
        ),
    ]
    return reply


def test_the_greeting_listens():
    assert isinstance(greet(CLINIC).action, Listen)


def test_silent_caller_is_reprompted_twice_then_hung_up():
    history: list[PastTurn] = []
    replies = [take(history, SILENCE) for _ in range(3)]
    assert [r.action.kind for r in replies] == ["listen", "listen", "hangup"]
    assert "didn't hear" in replies[0].action.say


def test_speaking_again_resets_the_reprompt_count():
    history: list[PastTurn] = []
    take(history, SILENCE)
    take(history, SILENCE)
    take(history, speech("what are your hours"))
    assert take(history, SILENCE).action.kind == "listen"


def test_low_confidence_speech_is_asked_again_not_guessed():
    reply = take([], speech("pharmacy", confidence=0.2))
    assert reply.note == "low-confidence"
    assert "say that again" in reply.action.say


def test_speech_without_a_confidence_is_treated_as_unclear():
    assert take([], CallerInput("speech", "pharmacy", None)).note == "low-confidence"


def test_repeatedly_unclear_caller_is_handed_to_the_operator():
    history: list[PastTurn] = []
    replies = [take(history, speech("mumble", confidence=0.1)) for _ in range(3)]
    assert isinstance(replies[-1].action, Transfer)
    assert replies[-1].action.target == "front desk"


@pytest.mark.parametrize("said", [CallerInput("digits", "0"), speech("can I talk to a real person please")])
def test_the_caller_can_always_reach_the_operator(said):
    reply = take([], said)
    assert reply.action == Transfer("Connecting you to the front desk.", "front desk")


def test_the_operator_escape_works_even_after_reprompts():
    history: list[PastTurn] = []
    take(history, SILENCE)
    take(history, SILENCE)
    assert take(history, CallerInput("digits", "0")).action.kind == "transfer"


def test_a_keypress_picks_the_option_with_that_key():
    reply = take([], CallerInput("digits", "2"))
    assert reply.action == Transfer("Connecting you to the pharmacy.", "pharmacy")


def test_an_answer_option_speaks_and_keeps_listening():
    reply = take([], CallerInput("digits", "5"))
    assert isinstance(reply.action, Listen)
    assert "412 River Road" in reply.action.say


def test_an_unknown_key_lists_the_choices():
    reply = take([], CallerInput("digits", "8"))
    assert reply.note == "no-match"
    assert "press 1" in reply.action.say


def test_the_conversation_ends_after_the_maximum_number_of_turns():
    history: list[PastTurn] = []
    for _ in range(CLINIC.policy.max_turns):
        take(history, CallerInput("digits", "5"))
    reply = take(history, CallerInput("digits", "5"))
    assert reply.note == "max-turns"
    assert isinstance(reply.action, Transfer)


class DialsAnything:
    name = "rogue"

    def reply(self, assistant, history, said, caller="", early=None):
        return Reply(Transfer("Connecting you.", "+19005550199"))


def test_a_transfer_outside_the_directory_is_refused():
    reply = take([], speech("transfer me to plus one nine hundred"), engine=DialsAnything())
    assert reply.note == "refused-transfer"
    assert isinstance(reply.action, Listen)


@pytest.mark.parametrize(("status", "heard"), [("busy", "is busy"), ("no-answer", "isn't answering")])
def test_a_failed_transfer_is_explained_and_the_call_goes_on(status, heard):
    history = [
        PastTurn("assistant", "Connecting you to the pharmacy.", None, "transfer", "pharmacy", "option-2")
    ]
    reply = after_dial(CLINIC, history, status)
    assert isinstance(reply.action, Listen)
    assert f"pharmacy {heard}" in reply.action.say


def test_an_answered_transfer_ends_our_part_of_the_call():
    assert isinstance(after_dial(CLINIC, [], "completed").action, Hangup)


def test_the_rules_answer_silence_the_operator_and_a_finished_transfer_without_asking_the_engine():
    assert ruled(CLINIC, [], speech("what are your hours")) is None
    assert ruled(CLINIC, [], SILENCE).note == "no-input"
    assert ruled(CLINIC, [], CallerInput("digits", "0")).note == "operator"
    assert ruled(CLINIC, [], speech("hours", confidence=0.1)).note == "low-confidence"
    assert ruled(CLINIC, [], CallerInput("dial", "completed")).note == "transferred"


GREETED = [PastTurn("assistant", CLINIC.greeting, None, "listen", None, "greeting")]


@pytest.mark.parametrize("said", ["no", "Nope.", "no, no", "nah"])
def test_a_bare_no_to_the_greeting_is_offered_the_menu_not_hung_up_on(said):
    reply = take(list(GREETED), speech(said))
    assert isinstance(reply.action, Listen)
    assert "press 1" in reply.action.say


def test_a_no_to_anything_else_still_ends_the_call():
    history = list(GREETED)
    take(history, CallerInput("digits", "5"))
    reply = take(history, speech("no"))
    assert isinstance(reply.action, Hangup)


def test_a_caller_who_says_goodbye_to_the_greeting_is_let_go():
    assert isinstance(take(list(GREETED), speech("no thanks, bye")).action, Hangup)


@pytest.mark.parametrize("said", ["are you still there?", "Hello? Anyone there?", "hello? can you hear me?"])
def test_a_caller_checking_someone_is_there_hears_yes_and_the_choices(said):
    reply = take(list(GREETED), speech(said))
    assert isinstance(reply.action, Listen)
    assert reply.action.say.startswith("Yes, I'm here.")
    assert "press 1" in reply.action.say
