"""The phone against a tiny shop menu defined here (not our app), both through a Flask test client
and over real HTTP to a werkzeug server on loopback."""

from __future__ import annotations

import io
import re
import socket
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from flask import Flask, Response, abort, request
from twilio.request_validator import RequestValidator
from twilio.twiml.voice_response import Gather, VoiceResponse
from werkzeug.serving import make_server

from ivr.devtools.twilio_emulator import (
    APPLICATION_ERROR,
    Dialed,
    FlaskTransport,
    HttpTransport,
    PhoneCall,
    Said,
    ScriptedInput,
    TerminalInput,
    Transport,
    digits,
    hangup,
    parse_line,
    silence,
    speech,
)

AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
SALES = "+15555550123"
GREETING = "Say sales or press 1."


@dataclass(frozen=True)
class Received:
    method: str
    url: str
    params: dict[str, str]
    signed: bool

    @property
    def path(self) -> str:
        return urlsplit(self.url).path


def shop_app(received: list[Received]) -> Flask:
    """A one-question phone menu that refuses requests Twilio did not sign."""
    app = Flask(__name__)
    validator = RequestValidator(AUTH_TOKEN)

    def twiml(response: VoiceResponse) -> Response:
        return Response(str(response), mimetype="text/xml")

    @app.before_request
    def check_signature():
        signature = request.headers.get("X-Twilio-Signature", "")
        signed = validator.validate(request.url, request.form.to_dict(), signature)
        received.append(Received(request.method, request.url, request.values.to_dict(), signed))
        if not signed:
            abort(403)

    @app.post("/voice/incoming")
    def incoming():
        response = VoiceResponse()
        gather = Gather(input="speech dtmf", action="/voice/menu?step=1", speech_timeout="auto")
        gather.say(GREETING, voice="Polly.Joanna-Neural", language="en-US")
        response.append(gather)
        response.redirect("no-input")  # relative: resolved against /voice/incoming
        return twiml(response)

    @app.post("/voice/menu")
    def menu():
        response = VoiceResponse()
        if "sales" in request.form.get("SpeechResult", "").lower() or request.form.get("Digits") == "1":
            response.say("Connecting you to sales.")
            response.dial(SALES, action="dial-done")
        else:
            response.say("Sorry, I did not get that.")
            response.redirect("/voice/incoming")
        return twiml(response)

    @app.post("/voice/dial-done")
    def dial_done():
        response = VoiceResponse()
        response.say(f"Sales is {request.form['DialCallStatus']}. Goodbye.")
        response.hangup()
        return twiml(response)

    @app.route("/voice/no-input", methods=["GET", "POST"])
    def no_input():
        response = VoiceResponse()
        response.say("We did not hear you. Goodbye.")
        response.hangup()
        return twiml(response)

    @app.post("/voice/status")
    def status():
        return "", 204

    @app.post("/voice/broken")
    def broken():
        return "Internal Server Error", 500

    @app.post("/voice/loop")
    def loop():
        response = VoiceResponse()
        response.redirect("/voice/loop")
        return twiml(response)

    @app.post("/voice/sloppy")
    def sloppy():
        response = VoiceResponse()
        gather = Gather(input=["speech", "dtmf"], action="/voice/menu")  # the classic str(list) bug
        gather.say(GREETING)
        response.append(gather)
        response.say("Goodbye.")
        return twiml(response)

    @app.post("/voice/transfer")
    def transfer():
        response = VoiceResponse()
        response.dial(SALES)
        response.say("Nobody answered.")
        return twiml(response)

    @app.post("/voice/insist")
    def insist():
        response = VoiceResponse()
        gather = Gather(input="speech", action="/voice/menu", action_on_empty_result=True)
        gather.say(GREETING)
        response.append(gather)
        return twiml(response)

    @app.post("/voice/by-get")
    def by_get():
        response = VoiceResponse()
        response.redirect("/voice/no-input?via=get", method="GET")
        return twiml(response)

    return app


@dataclass
class Line:
    """Where the shop answers, and how the phone reaches it."""

    base: str
    transport: Transport
    received: list[Received] = field(default_factory=list)

    def call(self, path: str = "/voice/incoming", *, token: str | None = AUTH_TOKEN, **options) -> PhoneCall:
        status_callback = self.base + "/voice/status"
        return PhoneCall(
            self.base + path, self.transport, status_callback_url=status_callback, auth_token=token, **options
        )

    def requested(self, path: str) -> list[Received]:
        return [r for r in self.received if r.path == path]


@pytest.fixture(params=["flask", "http"])
def line(request):
    received: list[Received] = []
    app = shop_app(received)
    if request.param == "flask":
        yield Line("https://ivr.example.com", FlaskTransport(app.test_client()), received)
        return
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield Line(f"http://127.0.0.1:{server.server_port}", HttpTransport(timeout=5), received)
    server.shutdown()
    thread.join()


def texts(heard: list[Said]) -> list[str]:
    return [said.text for said in heard]


def test_caller_who_says_sales_hears_that_the_line_is_busy(line):
    result = line.call().run(ScriptedInput([speech("sales please")], dial_outcomes=["busy"]))

    assert texts(result.heard) == [GREETING, "Connecting you to sales.", "Sales is busy. Goodbye."]
    assert result.heard[0] == Said(GREETING, "Polly.Joanna-Neural", "en-US")
    assert result.transfers == [Dialed(SALES, "busy")]
    assert result.ended == "hangup"
    [menu] = line.requested("/voice/menu")
    assert (menu.params["SpeechResult"], menu.params["Confidence"]) == ("sales please", "0.92")
    assert "Digits" not in menu.params


def test_busy_transfer_posts_dial_status_to_the_relative_action(line):
    line.call().run(ScriptedInput([speech("sales")], dial_outcomes=["busy"]))

    [done] = line.requested("/voice/dial-done")
    assert done.params["DialCallStatus"] == "busy"
    assert re.fullmatch(r"CA[0-9a-f]{32}", done.params["DialCallSid"])
    assert "DialCallDuration" not in done.params


def test_caller_who_presses_1_is_connected_to_sales(line):
    result = line.call().run(ScriptedInput([digits("1")]))

    [menu] = line.requested("/voice/menu")
    assert menu.params["Digits"] == "1"
    assert "SpeechResult" not in menu.params
    assert result.transfers == [Dialed(SALES, "completed")]
    [done] = line.requested("/voice/dial-done")
    assert done.params["DialCallStatus"] == "completed"
    assert int(done.params["DialCallDuration"]) > 0


def test_keys_after_the_finish_key_are_not_sent(line):
    line.call().run(ScriptedInput([digits("1#9")]))

    assert line.requested("/voice/menu")[0].params["Digits"] == "1"


def test_silent_caller_falls_through_to_the_redirect(line):
    result = line.call().run(ScriptedInput())

    assert [r.path for r in line.received] == ["/voice/incoming", "/voice/no-input", "/voice/status"]
    assert texts(result.heard) == [GREETING, "We did not hear you. Goodbye."]
    assert result.inputs == [silence()]
    assert result.ended == "hangup"


def test_every_request_is_signed_so_the_app_can_verify_it(line):
    line.call().run(ScriptedInput([speech("sales")], dial_outcomes=["no-answer"]))

    assert [r.path for r in line.received] == [
        "/voice/incoming",
        "/voice/menu",
        "/voice/dial-done",
        "/voice/status",
    ]
    assert all(r.signed for r in line.received)
    assert line.requested("/voice/menu")[0].url.endswith("/voice/menu?step=1")


def test_caller_placed_with_the_wrong_auth_token_hears_an_application_error(line):
    result = line.call(token="not-the-token").run(ScriptedInput())

    assert result.ended == "application-error"
    assert texts(result.heard) == [APPLICATION_ERROR]
    assert "/voice/incoming answered HTTP 403" in result.errors[0]


def test_unsigned_calls_are_possible_for_apps_that_do_not_check(line):
    result = line.call(token=None).run(ScriptedInput())

    assert line.received[0].signed is False
    assert result.ended == "application-error"


def test_server_error_is_heard_as_an_application_error(line):
    result = line.call("/voice/broken").run(ScriptedInput())

    assert result.ended == "application-error"
    assert texts(result.heard) == [APPLICATION_ERROR]
    assert result.errors == [f"POST {line.base}/voice/broken answered HTTP 500 (Twilio error 11200)"]
    assert [r.path for r in line.received] == ["/voice/broken", "/voice/status"]


def test_status_callback_reports_the_completed_call_at_the_end(line):
    result = line.call().run(ScriptedInput([speech("sales")]))

    status = line.received[-1]
    assert status.path == "/voice/status"
    assert status.signed
    assert status.params["CallSid"] == result.call_sid
    assert status.params["CallStatus"] == "completed"
    assert status.params["CallbackSource"] == "call-progress-events"
    assert status.params["SequenceNumber"] == "0"
    assert int(status.params["CallDuration"]) == result.duration > 0
    assert status.params["Timestamp"].endswith("+0000")


def test_incoming_webhook_carries_twilios_call_parameters(line):
    result = line.call(from_number="+15555550142", to_number="+15555550199").run(ScriptedInput([digits("1")]))

    first, second = line.received[:2]
    assert re.fullmatch(r"CA[0-9a-f]{32}", result.call_sid)
    assert re.fullmatch(r"AC[0-9a-f]{32}", first.params["AccountSid"])
    assert first.params["CallSid"] == second.params["CallSid"] == result.call_sid
    assert first.params["CallStatus"] == "ringing"
    assert second.params["CallStatus"] == "in-progress"
    assert first.params["Direction"] == "inbound"
    assert first.params["ApiVersion"] == "2010-04-01"
    assert (first.params["From"], first.params["Caller"]) == ("+15555550142", "+15555550142")
    assert (first.params["To"], first.params["Called"]) == ("+15555550199", "+15555550199")


def test_twiml_violations_are_recorded_and_the_call_goes_on(line):
    result = line.call("/voice/sloppy").run(ScriptedInput([speech("sales")]))

    assert any("Python list" in violation and "/voice/sloppy" in violation for violation in result.violations)
    assert line.requested("/voice/menu") == []  # the garbled input attribute took no speech
    assert texts(result.heard) == [GREETING, "Goodbye."]
    assert result.ended == "end-of-document"


def test_a_redirect_loop_stops_at_the_request_limit(line):
    result = line.call("/voice/loop", max_requests=5).run(ScriptedInput())

    assert result.ended == "loop-limit"
    assert len(line.requested("/voice/loop")) == 5
    assert any("loops" in error for error in result.errors)


def test_completed_transfer_without_action_ends_the_call(line):
    result = line.call("/voice/transfer").run(ScriptedInput())

    assert result.transfers == [Dialed(SALES, "completed")]
    assert result.ended == "transferred"
    assert result.heard == []


def test_unanswered_transfer_without_action_goes_on_with_the_document(line):
    result = line.call("/voice/transfer").run(ScriptedInput(dial_outcomes=["no-answer"]))

    assert texts(result.heard) == ["Nobody answered."]
    assert result.ended == "end-of-document"


def test_action_on_empty_result_posts_silence_to_the_action(line):
    line.call("/voice/insist").run(ScriptedInput())

    menu = line.requested("/voice/menu")[0]
    assert "SpeechResult" not in menu.params
    assert "Digits" not in menu.params


def test_get_redirect_sends_signed_parameters_in_the_query(line):
    result = line.call("/voice/by-get").run(ScriptedInput())

    [request] = line.requested("/voice/no-input")
    assert request.method == "GET"
    assert request.signed
    assert request.params["via"] == "get"
    assert request.params["CallSid"] == result.call_sid
    assert result.ended == "hangup"


def test_caller_who_hangs_up_ends_the_call_without_posting_input(line):
    result = line.call().run(ScriptedInput([hangup()]))

    assert result.ended == "caller-hangup"
    assert [r.path for r in line.received] == ["/voice/incoming", "/voice/status"]


def test_heard_lines_are_reported_as_the_call_goes(line):
    printed: list[Said] = []
    result = line.call().run(ScriptedInput([speech("sales")]), on_heard=printed.append)

    assert printed == result.heard


def test_each_request_is_timed(line):
    result = line.call().run(ScriptedInput([speech("sales")]))

    assert len(result.timings_ms) == len(result.exchanges) == 4
    assert all(ms >= 0 for ms in result.timings_ms)
    assert [e.status for e in result.exchanges] == [200, 200, 200, 204]


def test_a_call_is_placed_only_once(line):
    call = line.call()
    call.run(ScriptedInput())
    with pytest.raises(RuntimeError):
        call.run(ScriptedInput())


def test_nothing_listening_is_an_application_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = PhoneCall(f"http://127.0.0.1:{port}/voice/incoming", HttpTransport(timeout=2)).run(
        ScriptedInput()
    )

    assert result.ended == "application-error"
    assert [e.status for e in result.exchanges] == [0]
    assert any("failed" in error for error in result.errors)


# The terminal caller


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("I need a refill\n", speech("I need a refill")),
        ("#123\n", digits("123")),
        ("# 1 2 #\n", digits("12#")),
        ("#\n", silence()),
        ("\n", silence()),
        ("   \n", silence()),
    ],
)
def test_a_typed_line_becomes_caller_input(line, expected):
    assert parse_line(line) == expected


def test_terminal_caller_speaks_presses_keys_and_hangs_up_at_end_of_input():
    prompts: list[str] = []
    caller = TerminalInput(io.StringIO("hello\n#42\n\n"), prompt=prompts.append)

    said = [caller.caller_input([]) for _ in range(4)]

    assert said == [speech("hello"), digits("42"), silence(), hangup()]
    assert prompts == ["you> "] * 4


def test_terminal_caller_chooses_the_transfer_outcome():
    caller = TerminalInput(io.StringIO("\nbusy\nn\nperhaps\nf\n"))

    assert [caller.dial_outcome(SALES) for _ in range(4)] == ["completed", "busy", "no-answer", "failed"]
