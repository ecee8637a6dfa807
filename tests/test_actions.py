"""Declared actions: the business's own API, called mid-call. The declaration and the check every
value passes before anything is sent; the HTTP call (signed, idempotent, bounded); and whole calls
through the HTTP routes against a real business server on loopback, with the menu engine."""

from __future__ import annotations

import base64
import json
import time

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from standardwebhooks import Webhook

from ivr.assistant import SAMPLE_PATH, AssistantError, parse
from ivr.business.actions import ActionClient, MissingVariable
from ivr.devtools.twilio_emulator import digits, silence, speech
from ivr.dialog import wording
from ivr.dialog.actions import ActionSpec, Parameter, check, input_schema
from ivr.record.models import ActionRun
from testkit.standins.business_api import BusinessStandIn
from testkit.webhooks import heard

SECRET = "whsec_" + base64.b64encode(b"riverside-clinic-actions-secret!").decode()
TOKEN = "crm-secret-token-1234"
ACCOUNT = "12345678"
ASK = "Please key in your account number, then press pound."


def clinic_with_actions(api: BusinessStandIn, *, timeout_ms: int = 2000, extra: str = "") -> str:
    """The sample clinic plus a balance option (7) that runs check_balance, and a booking action."""
    return (
        SAMPLE_PATH.read_text()
        + f'''
[[menu]]
key = "7"
name = "balance"
description = "your bill's balance"
phrases = ["my balance", "account balance"]
action = "check_balance"

[[actions]]
name = "check_balance"
description = "Read a bill's balance by account number."
url = "{api.url("/balance")}"
method = "GET"
headers = {{ Authorization = "Bearer ${{CRM_TOKEN}}" }}
timeout_ms = {timeout_ms}
say_while_waiting = "Let me look that up."
say_on_success = "Your balance is {{balance}} dollars."
say_on_failure = "Sorry, I couldn't find that balance right now."
[actions.parameters]
account = {{ type = "digits", length = 8, required = true, ask = "{ASK}" }}

[[actions]]
name = "book_appointment"
description = "Book a visit at a time the caller chose."
url = "{api.url("/book")}"
headers = {{ Authorization = "Bearer ${{CRM_TOKEN}}" }}
timeout_ms = {timeout_ms}
say_while_waiting = "Let me book that for you."
say_on_success = "You're booked for {{when}}. Your confirmation number is {{confirmation}}."
say_on_failure = "Sorry, I couldn't book that right now."
[actions.parameters]
when = {{ type = "string", required = true, max_length = 60, description = "day and time" }}
reason = {{ type = "string", enum = ["checkup", "sick visit", "follow-up"] }}
phone = {{ type = "phone", value = "{{caller}}" }}
{extra}'''
    )


@pytest.fixture
def api():
    with BusinessStandIn() as api:
        api.answer("/balance", {"balance": "84.20", "last_four": "5678"})
        api.answer("/book", {"when": "Tuesday at 10", "confirmation": "BK-1001"})
        yield api


@pytest.fixture
def line(api, tmp_path):
    path = tmp_path / "clinic.toml"
    path.write_text(clinic_with_actions(api))
    return path


@pytest.fixture
def app(make_app, line):
    return make_app(assistant_path=str(line), environment={"CRM_TOKEN": TOKEN}, events_signing_secret=SECRET)


def runs(db_engine) -> list[ActionRun]:
    with Session(db_engine) as session:
        return list(session.scalars(select(ActionRun).order_by(ActionRun.id)))


# --- The declaration ---------------------------------------------------------------------------


def load_text(text: str):
    import tomllib

    return parse(tomllib.loads(text), source="clinic.toml")


def test_the_sample_with_actions_declares_them_with_their_parameters(api):
    line = load_text(clinic_with_actions(api))
    spec = line.action("book_appointment")
    assert spec is not None
    assert spec.method == "POST"
    assert spec.timeout_ms == 2000
    assert [p.name for p in spec.parameters] == ["when", "reason", "phone"]
    assert spec.parameter("phone").value == "{caller}"
    assert line.option("7").action == "check_balance"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            'name = "check_balance"',
            'name = "Check-Balance"',
        ),
        ('method = "GET"', 'method = "DELETE"'),
        ("timeout_ms = 2000", "timeout_ms = 60000"),
        ('type = "digits"', 'type = "money"'),
        ("length = 8, required", "max_length = 8, required"),
    ],
)
def test_a_mistake_in_an_action_stops_the_file_naming_the_field(api, change, problem):
    text = clinic_with_actions(api).replace(change, problem, 1)
    with pytest.raises(AssistantError) as error:
        load_text(text)
    assert "[[actions]] #1" in str(error.value)


@pytest.mark.parametrize(
    ("wrong", "named"),
    [
        ("http://crm.example.com/ivr/book", "http:// only for localhost"),
        ("ftp://127.0.0.1/x", "https://"),
    ],
)
def test_only_https_urls_are_allowed_except_on_this_machine(api, wrong, named):
    text = clinic_with_actions(api).replace(api.url("/book"), wrong)
    with pytest.raises(AssistantError, match=named):
        load_text(text)


def test_a_header_of_ours_cannot_be_declared(api):
    text = clinic_with_actions(api).replace(
        'headers = { Authorization = "Bearer ${CRM_TOKEN}" }\ntimeout_ms',
        'headers = { Idempotency-Key = "fixed" }\ntimeout_ms',
        1,
    )
    with pytest.raises(AssistantError, match="set by ivr itself"):
        load_text(text)


def test_a_menu_option_must_ask_for_every_required_value(api):
    text = clinic_with_actions(api).replace(
        ', ask = "Please key in your account number, then press pound."', ""
    )
    with pytest.raises(AssistantError, match="give it an ask"):
        load_text(text)


def test_a_call_end_fact_cannot_fill_a_call_start_action(api):
    extra = """
[[actions]]
name = "log_call"
description = "Log the call."
run_on = "call-start"
url = "https://crm.example.com/log"
[actions.parameters]
outcome = { type = "string", value = "{outcome}" }
"""
    with pytest.raises(AssistantError, match="must be one of call_sid, called, caller"):
        load_text(clinic_with_actions(api, extra=extra))


def test_a_header_variable_that_is_not_set_stops_start_up_naming_it(api):
    line = load_text(clinic_with_actions(api))
    with pytest.raises(MissingVariable, match="CRM_TOKEN is not set"):
        ActionClient(line.actions, {}, SECRET)


# --- The check before anything is sent ---------------------------------------------------------

BOOK = ActionSpec(
    "book",
    "Book.",
    "https://crm.example.com/book",
    parameters=(
        Parameter("when", "string", required=True, max_length=20),
        Parameter("reason", "string", enum=("checkup", "sick visit")),
        Parameter("people", "integer", min=1, max=4),
        Parameter("phone", "phone"),
        Parameter("account", "digits", length=8),
        Parameter("on", "date"),
        Parameter("urgent", "boolean"),
        Parameter("caller", "phone", value="{caller}"),
    ),
)


def test_values_are_normalised_and_the_callers_number_comes_from_the_call():
    checked = check(
        BOOK,
        {
            "when": "Tuesday 10am",
            "people": 2,
            "phone": "(202) 555-0143",
            "account": "1234-5678",
            "on": "March 3, 2027",
        },
        {"caller": "+15555550123"},
    )
    assert checked.ok, checked.problems
    assert checked.values == {
        "when": "Tuesday 10am",
        "people": 2,
        "phone": "+12025550143",
        "account": "12345678",
        "on": "2027-03-03",
        "caller": "+15555550123",
    }


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        ({}, "when: required"),
        ({"when": "x" * 21}, "when: must be at most 20 characters"),
        ({"when": "now", "reason": "surgery"}, "reason: must be one of checkup, sick visit"),
        ({"when": "now", "people": 9}, "people: must be at most 4"),
        ({"when": "now", "people": "two"}, "people: must be a whole number"),
        ({"when": "now", "account": "1234"}, "account: must be 8 digits, not 4"),
        ({"when": "now", "phone": "call me"}, "phone: is not a phone number"),
        ({"when": "now", "url": "https://evil.example.com"}, "url: not a parameter of book"),
        ({"when": "now", "caller": "+12025550199"}, "caller: set by the line, not given"),
        ({"when": ["a"]}, "when: must be text"),
    ],
)
def test_a_value_the_declaration_does_not_allow_is_refused(arguments, problem):
    checked = check(BOOK, arguments, {"caller": "+15555550123"})
    assert not checked.ok
    assert problem in checked.problems


def test_claudes_schema_holds_the_callers_values_only_and_no_url_or_header():
    schema = input_schema(BOOK)
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["when"]
    assert "caller" not in schema["properties"]
    assert schema["properties"]["reason"]["enum"] == ["checkup", "sick visit"]
    assert "crm.example.com" not in json.dumps(schema)


# --- The HTTP call -----------------------------------------------------------------------------


@pytest.fixture
def declared(api):
    line = load_text(clinic_with_actions(api, timeout_ms=500))
    return line, ActionClient(line.actions, {"CRM_TOKEN": TOKEN}, SECRET)


def test_a_post_is_json_signed_with_its_idempotency_key_and_the_declared_header(api, declared):
    line, actions = declared
    answer = actions.send(
        line.action("book_appointment"), {"when": "Tuesday at 10"}, "CA1-3-book_appointment"
    )
    assert answer.ok
    assert answer.fields["confirmation"] == "BK-1001"
    sent = api.requests[-1]
    assert sent.method == "POST"
    assert json.loads(sent.body) == {"when": "Tuesday at 10"}
    assert sent.headers["authorization"] == f"Bearer {TOKEN}"
    assert sent.headers["idempotency-key"] == sent.headers["webhook-id"] == "CA1-3-book_appointment"
    Webhook(SECRET).verify(sent.body, sent.headers)  # raises if the signature is wrong


def test_a_get_sends_query_parameters_and_signs_the_query_string(api, declared):
    line, actions = declared
    answer = actions.send(line.action("check_balance"), {"account": ACCOUNT}, "CA1-3-check_balance")
    assert answer.ok
    assert answer.fields["balance"] == "84.20"
    sent = api.requests[-1]
    assert sent.method == "GET"
    assert sent.values == {"account": ACCOUNT}
    assert sent.body == b""
    assert Webhook(SECRET).verify(json.dumps(sent.query), sent.headers) == sent.query


@pytest.mark.parametrize(
    ("script", "status", "detail"),
    [
        (lambda api: api.fail("/book", 503), "failed", "HTTP 503"),
        (lambda api: api.html("/book"), "failed", "text/html, not JSON"),
        (lambda api: api.redirect("/book", "https://elsewhere.example.com/"), "failed", "redirect"),
        (lambda api: api.huge("/book"), "failed", "over 65536 bytes"),
        (lambda api: api.answer("/book", ["not", "an", "object"]), "failed", "not an object"),
        (lambda api: api.slow("/book", 3), "timeout", ""),  # "no answer within 500 ms", or still arriving
    ],
    ids=["5xx", "html", "redirect", "huge", "list", "slow"],
)
def test_an_answer_that_is_not_a_json_object_in_time_is_a_failure_not_an_error(
    api, declared, script, status, detail
):
    line, actions = declared
    script(api)
    began = time.monotonic()
    answer = actions.send(line.action("book_appointment"), {"when": "now"}, "CA1-3-book_appointment")
    assert time.monotonic() - began < 1.0
    assert answer.status == status
    assert detail in answer.detail
    assert len([r for r in api.requests if r.path == "/book"]) == 1  # a redirect is not followed


def test_a_header_value_never_reaches_the_log(api, declared, caplog):
    line, actions = declared
    api.fail("/book", 500)
    actions.send(line.action("book_appointment"), {"when": "now"}, "CA1-3-book_appointment")
    assert TOKEN not in caplog.text


# --- The menu engine, through the HTTP routes --------------------------------------------------


def test_a_caller_keys_an_account_number_and_hears_the_balance(place_call, api, db_engine):
    result = place_call(digits("7"), digits(ACCOUNT + "#"), speech("no thanks bye"))
    said = [s.text for s in result.heard]
    asked = said.index(ASK)
    assert said[asked + 1] == "Let me look that up."  # at once, while the API is asked
    assert f"Your balance is 84.20 dollars. {wording.ENGLISH.ANYTHING_ELSE}" in said
    assert result.ended == "hangup"
    [run] = runs(db_engine)
    assert (run.name, run.status, run.http_status, run.moment) == ("check_balance", "ok", 200, "turn")
    assert json.loads(run.parameters) == {"account": ACCOUNT}
    assert json.loads(run.spoken) == ["balance"]
    assert run.key.endswith(f"-{run.seq}-check_balance")
    assert api.requests[-1].values == {"account": ACCOUNT}


def test_an_account_number_that_starts_with_0_is_an_account_number_not_the_operator(
    place_call, api, db_engine
):
    result = place_call(digits("7"), digits("01234567#"), speech("no thanks bye"))
    assert not result.transfers
    [run] = runs(db_engine)
    assert json.loads(run.parameters) == {"account": "01234567"}


def test_0_alone_still_reaches_the_operator_while_a_value_is_asked_for(place_call, api):
    result = place_call(digits("7"), digits("0#"))
    assert [t.number for t in result.transfers] == ["+15555550100"]


def test_a_bad_value_is_asked_for_again_then_the_caller_gets_the_menu(place_call, api, db_engine):
    result = place_call(digits("7"), digits("12#"), digits("34#"), digits("56#"), speech("bye"))
    text = heard(result)
    assert text.count(wording.ENGLISH.NOT_VALID) == 2
    assert wording.ENGLISH.COULD_NOT_TAKE in text
    assert not [r for r in api.requests if r.path == "/balance"]
    assert runs(db_engine) == []


def test_the_caller_can_say_the_number_instead_of_keying_it(place_call, api):
    result = place_call(digits("7"), speech("one two three four five six seven eight"), speech("bye"))
    assert "Your balance is 84.20 dollars." in heard(result)
    assert api.requests[-1].values == {"account": ACCOUNT}


def test_a_failing_business_is_apologised_for_and_the_menu_goes_on(place_call, api, db_engine):
    api.fail("/balance", 500)
    result = place_call(digits("7"), digits(ACCOUNT + "#"), digits("5"), speech("bye"))
    text = heard(result)
    assert "Sorry, I couldn't find that balance right now. You can choose:" in text
    assert "We are open Monday to Friday" in text  # the call survived: the next choice works
    [run] = runs(db_engine)
    assert (run.status, run.http_status, run.detail) == ("failed", 500, "HTTP 500")


def test_an_html_answer_is_a_failure_the_caller_hears_about(place_call, api, db_engine):
    api.html("/balance")
    result = place_call(digits("7"), digits(ACCOUNT + "#"), speech("bye"))
    assert "Sorry, I couldn't find that balance right now." in heard(result)
    assert runs(db_engine)[0].detail == "answer is text/html, not JSON"


def test_a_slow_business_never_means_dead_air(make_app, api, tmp_path, db_engine):
    from ivr.devtools.twilio_emulator import FlaskTransport, PhoneCall, ScriptedInput
    from testkit.webhooks import AUTH_TOKEN

    path = tmp_path / "slow.toml"
    path.write_text(clinic_with_actions(api, timeout_ms=5000))
    api.slow("/balance", 1.5, {"balance": "84.20"})
    app = make_app(assistant_path=str(path), environment={"CRM_TOKEN": TOKEN}, reply_budget=1.0)
    phone = PhoneCall(
        "http://localhost/voice/incoming", FlaskTransport(app.test_client()), auth_token=AUTH_TOKEN
    )
    result = phone.run(ScriptedInput([digits("7"), digits(ACCOUNT + "#"), speech("bye")], ()))
    said = [s.text for s in result.heard]
    answer = next(i for i, text in enumerate(said) if text.startswith("Your balance is 84.20"))
    waiting = said[said.index("Let me look that up.") : answer]
    assert waiting == ["Let me look that up.", wording.ENGLISH.STILL_WORKING]  # said at once, then a filler
    assert not result.errors
    assert not result.violations
    assert [r.status for r in runs(db_engine)] == ["ok"]


def test_a_caller_asked_for_a_number_can_choose_something_else_instead(place_call, api):
    result = place_call(digits("7"), speech("actually what are your opening hours"), speech("bye"))
    assert "We are open Monday to Friday" in heard(result)
    assert wording.ENGLISH.NOT_VALID not in heard(result)
    assert not [r for r in api.requests if r.path == "/balance"]


def test_silence_while_asked_for_a_value_asks_for_it_again_and_still_takes_several_keys(place_call, api):
    result = place_call(digits("7"), silence(), digits(ACCOUNT + "#"), speech("no thanks bye"))
    said = [s.text for s in result.heard]
    assert said[said.index(ASK) + 1] == f"{wording.ENGLISH.NOT_HEARD} {ASK}"
    assert "Your balance is 84.20 dollars." in heard(result)
    assert api.requests[-1].values == {"account": ACCOUNT}
