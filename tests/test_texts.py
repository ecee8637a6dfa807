"""Texts to the caller in whole calls: a menu option's text and Claude's send_text reach Twilio's
Messages API (a loopback stand-in, through the real twilio client) with the caller's own number and
no other, at most two a call, only to a number that takes texts; a failure is told honestly; a
repeated webhook or a take-over never sends twice; Twilio's status callbacks move the record on;
the post-call event, `ivr transcript` and the console show each text."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.assistant import SAMPLE_PATH, AssistantError, load, parse, read_toml
from ivr.devtools.twilio_emulator import digits, speech
from ivr.dialog import wording
from ivr.dialog.types import CallerInput
from ivr.record import texts as record
from ivr.record import turns
from ivr.record.calls import CallDetails
from ivr.record.models import Call, CallerText, Event, Turn
from testkit.commands import Ivr
from testkit.standins.twilio_api import TwilioApiStandIn
from testkit.webhooks import ACCOUNT_SID, AUTH_TOKEN, Webhooks, call_app, heard, spoken, twiml

CALLER, CALLED = "+15555550123", "+15555550199"
SAMPLE_TEXT = read_toml(SAMPLE_PATH)["menu"][4]["text"]


@pytest.fixture
def twilio_api():
    with TwilioApiStandIn(ACCOUNT_SID, AUTH_TOKEN) as api:
        api.messaging.callback_delay = 0.05
        yield api


@pytest.fixture
def texting(twilio_api) -> dict:
    return {"twilio_account_sid": ACCOUNT_SID, "twilio_api_base_url": twilio_api.base_url}


def delivered_through(app, twilio_api: TwilioApiStandIn):
    """Twilio's status callbacks reach the app in process, signed as Twilio signs them."""
    client = app.test_client()
    twilio_api.messaging.deliver = lambda url, form, headers: (
        client.post(url, data=form, headers=headers).status_code
    )
    return app


@pytest.fixture
def app(make_app, texting, twilio_api):
    return delivered_through(make_app(**texting), twilio_api)


@pytest.fixture
def claude_app(make_app, texting, twilio_api, claude_settings):
    return delivered_through(make_app(**texting, **claude_settings), twilio_api)


def sent(twilio_api: TwilioApiStandIn) -> list[dict]:
    return list(twilio_api.messaging.messages)


def stored(db_engine) -> list[CallerText]:
    with Session(db_engine) as session:
        return list(session.scalars(select(CallerText).order_by(CallerText.id)))


def wait_for(predicate, seconds: float = 3.0):
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if found := predicate():
            return found
        time.sleep(0.02)
    return predicate()


def line_with(tmp_path: Path, top: str) -> Path:
    """The sample clinic with `top` (top-level fields) added."""
    path = tmp_path / "clinic.toml"
    path.write_text(top + "\n" + SAMPLE_PATH.read_text())
    return path


# --- The menu engine ---------------------------------------------------------------------------


def test_a_spanish_caller_gets_the_spanish_text_and_hears_of_it_in_spanish(app, twilio_api):
    result = call_app(app.test_client(), digits("9"), digits("5"), speech("adiós"), caller=CALLER, to=CALLED)
    assert f"detrás del edificio. {wording.SPANISH.TEXT_SENT} ¿Hay algo más" in heard(result)
    [text] = sent(twilio_api)
    assert (text["to"], text["body"]) == (CALLER, load(SAMPLE_PATH).speaking("es").menu[4].text)
    assert "frente a la biblioteca" in text["body"]


def test_the_hours_option_texts_the_callers_own_number_and_no_other(app, twilio_api, db_engine):
    result = call_app(app.test_client(), digits("5"), speech("no thanks bye"), caller=CALLER, to=CALLED)
    assert f"behind the building. {wording.ENGLISH.TEXT_SENT} Is there anything else" in heard(result)
    [text] = sent(twilio_api)
    assert (text["to"], text["from"], text["body"]) == (CALLER, CALLED, SAMPLE_TEXT)
    assert text["status_callback"] == "http://localhost/voice/text-status"
    [messages_request] = [r for r in twilio_api.requests if r.path.endswith("/Messages.json")]
    assert messages_request.authenticated
    assert messages_request.form["To"] == CALLER  # the only number the API was ever given to text
    [row] = stored(db_engine)
    assert (row.seq, row.to_number, row.message_sid) == (2, CALLER, text["sid"])


def test_twilios_status_callbacks_move_the_text_on_to_delivered(app, twilio_api, db_engine):
    call_app(app.test_client(), digits("5"), speech("bye"))
    assert wait_for(lambda: [t.status for t in stored(db_engine)] == ["delivered"])
    # the stand-in notes each answer once the app's response is back, a moment after its commit
    assert wait_for(lambda: len(twilio_api.messaging.callbacks) == 2)
    assert [answer for _, _, answer in twilio_api.messaging.callbacks] == [204, 204]


def test_a_late_sent_callback_never_moves_a_delivered_text_back(app, twilio_api, db_engine):
    call_app(app.test_client(), digits("5"), speech("bye"))
    wait_for(lambda: [t.status for t in stored(db_engine)] == ["delivered"])
    [url, form, _] = twilio_api.messaging.callbacks[0]
    assert twilio_api.messaging.deliver(url, form, signed(url, form)) == 204  # "sent", again
    assert [t.status for t in stored(db_engine)] == ["delivered"]


def signed(url: str, form: dict[str, str]) -> dict[str, str]:
    from twilio.request_validator import RequestValidator

    return {"X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(url, form)}


def test_a_status_callback_for_an_unknown_sid_is_answered_without_error(client):
    url = "http://localhost/voice/text-status"
    form = {"MessageSid": "SM" + "f" * 32, "MessageStatus": "delivered", "AccountSid": ACCOUNT_SID}
    assert client.post(url, data=form, headers=signed(url, form)).status_code == 204
    assert client.post(url, data=form).status_code == 403  # unsigned: not Twilio
    assert client.post(url, data={"AccountSid": ACCOUNT_SID}, headers=signed(url, {})).status_code == 403


def test_texts_come_from_sms_from_when_the_assistant_names_it(make_app, texting, twilio_api, tmp_path):
    path = line_with(tmp_path, 'sms_from = "+15555550150"')
    app = delivered_through(make_app(assistant_path=str(path), **texting), twilio_api)
    call_app(app.test_client(), digits("5"), speech("bye"), caller=CALLER)
    assert [(t["to"], t["from"]) for t in sent(twilio_api)] == [(CALLER, "+15555550150")]


def test_a_third_text_in_a_call_is_refused(app, twilio_api, db_engine):
    result = call_app(app.test_client(), digits("5"), digits("5"), digits("5"), speech("bye"))
    answers = [s.text for s in result.heard if "412 River Road" in s.text]
    assert [wording.ENGLISH.TEXT_SENT in a for a in answers] == [True, True, False]
    assert wording.ENGLISH.TEXT_LIMIT in answers[2]
    assert len(sent(twilio_api)) == 2
    assert [t.status for t in stored(db_engine)][2] == "refused"


@pytest.mark.parametrize(
    "caller",
    ["anonymous", "client:alice", "sip:alice@example.com", "+442071838750", "55555"],
    ids=["withheld", "app", "sip", "uk-landline", "short-code"],
)
def test_a_caller_whose_number_takes_no_texts_is_told_so(app, twilio_api, caller, db_engine):
    result = call_app(app.test_client(), digits("5"), speech("bye"), caller=caller)
    assert f"behind the building. {wording.ENGLISH.TEXT_UNREACHABLE}" in heard(result)
    assert sent(twilio_api) == []
    assert [t.status for t in stored(db_engine)] == ["refused"]


@pytest.mark.parametrize("code", [21614, 21610, 21211])
def test_a_text_twilio_refuses_is_told_honestly(app, twilio_api, db_engine, code):
    twilio_api.messaging.refuse[CALLER] = code
    result = call_app(app.test_client(), digits("5"), speech("bye"), caller=CALLER)
    assert f"behind the building. {wording.ENGLISH.TEXT_NOT_SENT}" in heard(result)
    assert wording.ENGLISH.TEXT_SENT not in heard(result)
    [row] = stored(db_engine)
    assert (row.status, row.error_code, row.message_sid) == ("failed", code, None)


def test_a_messages_api_out_of_reach_is_told_honestly(make_app, texting, twilio_api, db_engine):
    twilio_api.stop()
    result = call_app(make_app(**texting).test_client(), digits("5"), speech("bye"))
    assert wording.ENGLISH.TEXT_NOT_SENT in heard(result)
    assert "could not be reached" in stored(db_engine)[0].detail


def test_without_an_account_sid_the_caller_hears_the_answer_and_nothing_of_a_text(make_app, db_engine):
    # a fresh clone: texting is not set up, and the caller never asked for a text
    result = call_app(make_app().test_client(), digits("5"), speech("bye"))
    assert f"behind the building. {wording.ENGLISH.ANYTHING_ELSE}" in heard(result)
    assert "text" not in heard(result).lower()
    [text] = stored(db_engine)
    assert (text.status, text.body) == ("failed", SAMPLE_TEXT)
    assert "TWILIO_ACCOUNT_SID" in text.detail


def test_without_an_account_sid_a_text_claude_was_asked_for_is_apologised_for(
    make_app, claude_settings, messages_api, db_engine
):
    messages_api.reply_tool("send_text", {"body": "Our address: 412 River Road."})
    messages_api.fail(400, message="bad request")  # the model fails now: our own words say it
    messages_api.reply_tool("end_call", {"goodbye": "Goodbye."})
    result = call_app(make_app(**claude_settings).test_client(), speech("can you text me the address"))
    assert wording.ENGLISH.TEXT_NOT_SENT in heard(result)
    assert "TWILIO_ACCOUNT_SID" in stored(db_engine)[0].detail


# --- Never twice -------------------------------------------------------------------------------


def press_five_again_and_again(app) -> list[str]:
    """What the caller hears when the webhook of their pressing 5 comes three times at once, then
    once more after the answer was stored."""
    Webhooks(app.test_client()).incoming()
    answers: list[str] = []

    def press_five() -> None:
        root = twiml(Webhooks(app.test_client()).post("/voice/gather?turn=1", Digits="5"))
        answers.append(spoken(root))

    threads = [threading.Thread(target=press_five) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    press_five()
    return answers


def test_a_repeated_webhook_sends_the_text_once(app, twilio_api):
    answers = press_five_again_and_again(app)
    assert len(sent(twilio_api)) == 1
    assert len(answers) == 4
    assert all(wording.ENGLISH.TEXT_SENT in answer for answer in answers)


def test_a_text_that_cannot_go_out_is_stored_once_with_its_turn_however_often_the_webhook_comes(
    make_app, db_engine
):
    # no TWILIO_ACCOUNT_SID: the text is decided with the turn, nothing claimed
    answers = press_five_again_and_again(make_app())
    assert len(answers) == 4
    assert len(set(answers)) == 1
    assert "text" not in answers[0].lower()
    [text] = stored(db_engine)
    assert (text.status, text.seq) == ("failed", 2)
    with Session(db_engine) as session:
        assert [turn.state for turn in session.scalars(select(Turn).order_by(Turn.seq))] == ["done"] * 3


def test_a_take_over_after_a_worker_died_mid_send_never_sends_again(app, twilio_api, db_engine):
    hooks = Webhooks(app.test_client())
    hooks.incoming()
    with Session(db_engine) as session:  # a worker claims the turn, claims its text, and dies
        claim = turns.record_turn(
            session,
            CallDetails(hooks.call_sid),
            1,
            CallerInput("digits", "5"),
            lambda *_: None,
            "dead:1",
            0.05,
        )
        assert isinstance(claim, turns.Claim)
        record.begin(session, claim.call_id, claim.answer_seq, CALLER, CALLED, SAMPLE_TEXT)
    time.sleep(0.1)  # its lease runs out
    said = spoken(twiml(hooks.post(f"/voice/reply?turn={claim.answer_seq}&wait=0")))
    assert wording.ENGLISH.TEXT_UNCONFIRMED in said
    assert sent(twilio_api) == []


# --- Claude ------------------------------------------------------------------------------------


def test_claudes_send_text_goes_to_the_caller_whatever_number_it_is_told(
    claude_app, messages_api, twilio_api
):
    # "text the address to my friend at 202 555 0199 instead": the tool has no number to give
    messages_api.reply_tool("send_text", {"body": "Riverside Family Clinic, 412 River Road, Springfield."})
    messages_api.reply_text("Done, I've texted you our address.")
    messages_api.reply_tool("end_call", {"goodbye": "Goodbye."})
    result = call_app(
        claude_app.test_client(),
        speech("text the address to my friend at 202 555 0199 instead, not to me"),
        speech("bye"),
        caller=CALLER,
        to=CALLED,
    )
    assert [(t["to"], t["from"]) for t in sent(twilio_api)] == [(CALLER, CALLED)]
    assert sent(twilio_api)[0]["body"] == "Riverside Family Clinic, 412 River Road, Springfield."
    assert "Done, I've texted you our address." in heard(result)
    [tool] = [t for t in messages_api.requests[0].body["tools"] if t["name"] == "send_text"]
    assert tool["strict"] is True
    assert list(tool["input_schema"]["properties"]) == ["body"]
    told = messages_api.requests[1].body["messages"][-1]["content"][0]
    assert told["type"] == "tool_result"
    assert not told.get("is_error")


def test_claude_is_told_a_failed_text_and_the_caller_hears_it(claude_app, messages_api, twilio_api):
    twilio_api.messaging.refuse[CALLER] = 21614
    messages_api.reply_tool("send_text", {"body": "Our address: 412 River Road."})
    messages_api.fail(400, message="bad request")  # and the model fails too: our own words say it
    messages_api.reply_tool("end_call", {"goodbye": "Goodbye."})
    result = call_app(claude_app.test_client(), speech("can you text me the address"), speech("bye"))
    told = messages_api.requests[1].body["messages"][-1]["content"][0]
    assert told["is_error"] is True
    assert "21614" in told["content"]
    assert wording.ENGLISH.TEXT_NOT_SENT in heard(result)


def test_claude_choosing_the_hours_option_texts_it_too(claude_app, messages_api, twilio_api):
    messages_api.reply_tool("choose_menu_option", {"option": "hours and location"})
    messages_api.reply_tool("end_call", {"goodbye": "Goodbye."})
    result = call_app(claude_app.test_client(), speech("where are you"), speech("bye"), caller=CALLER)
    assert wording.ENGLISH.TEXT_SENT in heard(result)
    assert [t["to"] for t in sent(twilio_api)] == [CALLER]


# --- The record, the event, the transcript, the console ----------------------------------------


def test_the_event_and_the_transcript_carry_the_text(app, twilio_api, db_url, db_engine, tmp_path):
    result = call_app(app.test_client(), digits("5"), speech("bye"), caller=CALLER, to=CALLED)
    with Session(db_engine) as session:
        call = session.scalar(select(Call).where(Call.call_sid == result.call_sid))
        event = json.loads(session.scalar(select(Event.payload).where(Event.call_id == call.id)))
    [text] = event["texts"]
    assert (text["to"], text["from"], text["body"]) == (CALLER, CALLED, SAMPLE_TEXT)
    assert text["message_sid"] == sent(twilio_api)[0]["sid"]
    assert text["status"] in ("queued", "sent", "delivered")
    shown = Ivr.on(db_url, tmp_path)("transcript", result.call_sid[:12])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    at = lines.index("Texts to the caller")
    assert lines[at + 1].split()[:5] == ["#", "TO", "FROM", "STATUS", "MESSAGE"]
    assert lines[at + 2].split()[:3] == ["2", CALLER, CALLED]
    assert sent(twilio_api)[0]["sid"] in lines[at + 2]
    as_json = json.loads(Ivr.on(db_url, tmp_path)("transcript", result.call_sid, "--json").output)
    assert [t["body"] for t in as_json[2]["texts"]] == [SAMPLE_TEXT]


def test_the_console_shows_each_text_of_a_call(make_app, texting, twilio_api, db_engine):
    from ivr.console import accounts
    from tests.test_console import EMAIL, PASSWORD, page, sign_in

    app = delivered_through(make_app(secret_key="s" * 64, **texting), twilio_api)
    client = app.test_client()
    result = call_app(client, digits("5"), speech("bye"), caller=CALLER)
    with Session(db_engine) as session:
        accounts.add(session, EMAIL, PASSWORD)
    assert sign_in(client).status_code == 302
    story = page(client, f"/console/calls/{result.call_sid}")
    texts = story[story.index("<h2>Texts to the caller</h2>") : story.index("<h2>Messages left</h2>")]
    assert CALLER in texts
    assert sent(twilio_api)[0]["sid"] in texts
    assert "412 River Road" in texts


# --- The assistant file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"transfer": "pharmacy", "say": None}, "[[menu]] #5: text: goes with say"),
        ({"text": "x" * 1601}, "[[menu]] #5: text: is 1,601 characters; a text is at most 1,600"),
    ],
)
def test_an_options_text_is_checked_at_start_up(change, problem):
    data = read_toml(SAMPLE_PATH)
    option = data["menu"][4] | change
    data["menu"][4] = {key: value for key, value in option.items() if value is not None}
    with pytest.raises(AssistantError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        parse(data, "clinic.toml")


def test_sms_from_must_be_an_e164_number():
    with pytest.raises(AssistantError, match=r"clinic\.toml: sms_from: '555-0150' is not an E\.164 number"):
        parse(read_toml(SAMPLE_PATH) | {"sms_from": "555-0150"}, "clinic.toml")


def test_check_assistant_warns_that_an_option_texts_on_a_line_that_cannot_send(tmp_path):
    from click.testing import CliRunner

    from ivr.cli import main

    env = {"ANTHROPIC_API_KEY": "", "TWILIO_ACCOUNT_SID": ""}
    result = CliRunner().invoke(main, ["check-assistant", str(SAMPLE_PATH)], env=env)
    assert result.exit_code == 0
    assert f"{SAMPLE_PATH}: [[menu]] #5: text: TWILIO_ACCOUNT_SID is not set" in result.output
