"""Each webhook on its own: what Twilio (or a stranger) sends, and what comes back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator

from ivr.record.models import Call, CallStatus, Turn
from testkit.webhooks import AUTH_TOKEN, spoken, twiml


def stored_turns(engine, call_sid: str = "CA" + "1" * 32) -> list[Turn]:
    with Session(engine) as session:
        return list(
            session.scalars(select(Turn).join(Call).where(Call.call_sid == call_sid).order_by(Turn.seq))
        )


def test_an_incoming_call_is_greeted_inside_a_speech_and_keypad_gather(webhooks, db_engine):
    root = twiml(webhooks.incoming())
    gather = root.find("Gather")
    assert gather.get("input") == "speech dtmf"
    assert gather.get("action") == "/voice/gather?turn=1"
    assert gather.get("speechTimeout") == "auto"
    assert "pharmacy" in gather.get("hints")
    assert gather.find("Say").get("voice") == "Polly.Joanna-Neural"
    assert "Riverside Family Clinic" in spoken(root)
    assert root.find("Redirect").text == "/voice/gather?turn=1"
    assert [t.seq for t in stored_turns(db_engine)] == [0]


def test_a_repeated_incoming_webhook_creates_one_call_and_one_greeting(webhooks, db_engine):
    first = webhooks.incoming().get_data()
    assert webhooks.incoming().get_data() == first
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 1
    assert len(stored_turns(db_engine)) == 1


def test_a_repeated_gather_webhook_gets_the_same_answer_and_stores_one_turn(webhooks, db_engine):
    webhooks.incoming()
    first = webhooks.post("/voice/gather?turn=1", SpeechResult="what time do you open", Confidence="0.9")
    again = webhooks.post("/voice/gather?turn=1", SpeechResult="what time do you open", Confidence="0.9")
    assert again.get_data() == first.get_data()
    assert [t.seq for t in stored_turns(db_engine)] == [0, 1, 2]


def test_each_turn_is_stored_with_what_was_said_and_done(webhooks, db_engine):
    webhooks.incoming()
    webhooks.post("/voice/gather?turn=1", Digits="3")
    caller, answer = stored_turns(db_engine)[1:]
    assert (caller.role, caller.input_kind, caller.text) == ("caller", "digits", "3")
    assert (answer.role, answer.action, answer.target, answer.engine) == (
        "assistant",
        "transfer",
        "billing",
        "menu",
    )
    assert answer.elapsed_ms is not None


def test_a_turn_for_an_unknown_call_is_still_answered(webhooks, db_engine):
    root = twiml(webhooks.post("/voice/gather?turn=7", Digits="5"))
    assert "412 River Road" in spoken(root)
    assert [t.role for t in stored_turns(db_engine)] == ["caller", "assistant"]


@pytest.mark.parametrize(
    "speech",
    ["<Say>hack</Say> & more", "I need my 💊 refilled 🙏", "a" * 50_000, "'; DROP TABLE turns; --"],
)
def test_strange_speech_gets_valid_twiml_and_is_stored_safely(webhooks, db_engine, speech):
    webhooks.incoming()
    root = twiml(webhooks.post("/voice/gather?turn=1", SpeechResult=speech, Confidence="0.9"))
    assert root.find("Gather") is not None or root.find("Dial") is not None
    assert stored_turns(db_engine)[1].text == " ".join(speech.split())[:1000]


@pytest.mark.parametrize(
    "params",
    [{"Confidence": "high", "SpeechResult": "billing"}, {"Digits": "\x00\x01"}, {"turn": "x"}, {}],
)
def test_malformed_fields_still_get_a_spoken_answer(webhooks, params):
    webhooks.incoming()
    assert spoken(twiml(webhooks.post("/voice/gather?turn=1", **params)))


def test_a_request_without_a_call_sid_is_refused(webhooks):
    webhooks.call_sid = ""
    assert webhooks.post("/voice/gather").status_code == 400


def test_a_get_is_refused_with_405(client):
    assert client.get("/voice/incoming").status_code == 405


def test_an_oversized_body_is_refused_with_413(webhooks):
    assert webhooks.post("/voice/gather", SpeechResult="x" * 100_000).status_code == 413


def test_an_unsigned_or_forged_request_is_refused_with_403(webhooks, db_engine):
    assert webhooks.post("/voice/incoming", signed=False).status_code == 403
    webhooks.token = "f" * 32
    assert webhooks.post("/voice/incoming").status_code == 403
    with Session(db_engine) as session:
        assert session.scalar(select(func.count()).select_from(Call)) == 0


def test_status_callbacks_in_any_order_leave_the_final_status_and_duration(webhooks, db_engine):
    webhooks.incoming()
    webhooks.post("/voice/status", CallStatus="completed", CallDuration="42", SequenceNumber="2")
    webhooks.post("/voice/status", CallStatus="ringing", SequenceNumber="0")
    webhooks.post("/voice/status", CallStatus="in-progress", SequenceNumber="1")
    webhooks.post("/voice/status", CallStatus="completed", CallDuration="42", SequenceNumber="2")
    with Session(db_engine) as session:
        call = session.scalars(select(Call)).one()
        assert (call.status, call.duration_s) == ("completed", 42)
        assert call.ended_at is not None
        statuses = session.scalars(select(CallStatus.status).order_by(CallStatus.sequence)).all()
        assert statuses == ["ringing", "in-progress", "completed"]


def test_a_status_callback_answers_no_content(webhooks):
    response = webhooks.post("/voice/status", CallStatus="completed", CallDuration="3")
    assert response.status_code == 204


def test_the_fallback_apologises_and_offers_the_operator(webhooks):
    root = twiml(webhooks.post("/voice/fallback", ErrorCode="11200", ErrorUrl="https://x/voice/gather"))
    assert "sorry" in spoken(root).lower()
    assert root.find("Dial").text == "+15555550100"


def test_the_fallback_answers_even_with_the_database_unreachable(make_app):
    app = make_app(database_url="postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    from testkit.webhooks import Webhooks

    root = twiml(Webhooks(app.test_client()).post("/voice/fallback", ErrorCode="11200"))
    assert root.find("Dial") is not None


def test_a_broken_database_during_a_turn_gives_the_spoken_fallback_not_a_500(make_app):
    app = make_app(database_url="postgresql+psycopg://nobody@127.0.0.1:1/nothing")
    from testkit.webhooks import Webhooks

    root = twiml(Webhooks(app.test_client()).post("/voice/gather?turn=1", Digits="1"))
    assert "something went wrong" in spoken(root)


def test_any_text_longer_than_polly_says_is_cut_at_a_word():
    from ivr.web.twiml import SAY_LIMIT_BYTES, speakable

    cut = speakable("We are open every day 🙂. " * 400)
    assert SAY_LIMIT_BYTES - 40 < len(cut.encode()) <= SAY_LIMIT_BYTES
    assert cut.endswith(" We.")  # cut between words, never inside one or a character


def refusal(caplog) -> str:
    [line] = [r.getMessage() for r in caplog.records if "event=forbidden" in r.getMessage()]
    return line


def test_a_refused_signature_logs_the_url_checked_and_never_a_secret(webhooks, caplog):
    webhooks.token = "f" * 32
    webhooks.incoming()
    line = refusal(caplog)
    assert "checked_url=http://localhost/voice/incoming forwarded_proto=- forwarded_host=-" in line
    assert "TWILIO_AUTH_TOKEN is not the token of the account that owns the number" in line
    signature = RequestValidator(AUTH_TOKEN).compute_signature("http://localhost/voice/incoming", {})
    assert AUTH_TOKEN not in line
    assert signature not in line


def test_a_refusal_behind_an_unconfigured_proxy_names_the_setting_that_fixes_it(client, caplog):
    params = {"CallSid": "CA" + "4" * 32}
    public = "https://ivr.example.com/voice/incoming"
    client.post(
        "/voice/incoming",
        data=params,
        headers={
            "X-Twilio-Signature": RequestValidator(AUTH_TOKEN).compute_signature(public, params),
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "ivr.example.com",
        },
    )
    line = refusal(caplog)
    assert "forwarded_proto=https forwarded_host=ivr.example.com" in line
    assert "set PUBLIC_BASE_URL=https://ivr.example.com (or TRUSTED_PROXY_HOPS=1)" in line


def test_an_unsigned_request_is_logged_as_not_from_twilio(webhooks, caplog):
    webhooks.post("/voice/incoming", signed=False)
    assert "hint=no X-Twilio-Signature header: not a request from Twilio" in refusal(caplog)


@pytest.mark.parametrize(
    ("signed_for", "status"),
    [
        ("https://ivr.example.com/voice/incoming", 200),  # as requested
        ("https://ivr.example.com:443/voice/incoming", 200),  # with the port Twilio may add
        ("https://ivr.example.com:8443/voice/incoming", 403),  # another port is another URL
        ("https://other.example.com/voice/incoming", 403),
    ],
)
def test_a_signature_for_the_url_twilio_requested_is_accepted_with_or_without_its_port(
    make_app, signed_for, status
):
    params = {"CallSid": "CA" + "5" * 32, "From": "+15555550155", "To": "+15555550000"}
    client = make_app(public_base_url="https://ivr.example.com").test_client()
    signature = RequestValidator(AUTH_TOKEN).compute_signature(signed_for, params)
    response = client.post("/voice/incoming", data=params, headers={"X-Twilio-Signature": signature})
    assert response.status_code == status
