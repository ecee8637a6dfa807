import pytest
from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from ivr.devtools.twiml_rules import check


def twiml(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{body}</Response>'


def test_a_typical_listening_turn_is_valid():
    document = twiml(
        '<Gather input="speech dtmf" action="/voice/gather?turn=1" method="POST" speechTimeout="auto" '
        'timeout="5" actionOnEmptyResult="false" language="en-US">'
        '<Say voice="Polly.Joanna-Neural" language="en-US">How can I help?</Say><Pause length="1"/></Gather>'
        "<Redirect>/voice/no-input</Redirect>"
    )
    assert check(document) == []


def test_a_transfer_and_a_goodbye_are_valid():
    document = twiml(
        '<Say voice="Google.en-GB-Standard-A">Connecting you.</Say>'
        '<Dial action="/voice/dial-done" timeout="20"><Number>+15555550123</Number></Dial>'
    )
    assert check(document) == []
    assert check(twiml("<Say>Goodbye.</Say><Hangup/>")) == []
    assert check(twiml("<Dial>+442071838750</Dial><Say>The line is free again.</Say>")) == []


def test_what_the_twilio_helper_library_builds_is_valid():
    response = VoiceResponse()
    gather = Gather(input="speech", action="/voice/gather", speech_timeout=3, speech_model="phone_call")
    gather.say("Which department?", voice="woman", language="en-US")
    response.append(gather)
    dial = Dial(action="/voice/dial-done", timeout=15)
    dial.number("+15555550123")
    response.append(dial)
    assert check(str(response)) == []


def test_an_empty_response_is_valid():
    assert check("<Response/>") == []


@pytest.mark.parametrize(
    ("document", "complaint"),
    [
        ("<Response><Say>Hi</Say>", "not well-formed XML"),
        (' <?xml version="1.0"?><Response/>', "not well-formed XML"),
        ("<Reply><Say>Hi</Say></Reply>", "root element is <Reply>"),
        (twiml("<Speak>Hi</Speak>"), "<Speak> is not a TwiML voice verb"),
        (twiml("<say>Hi</say>"), "case-sensitive: <Say>"),
        (twiml("<Number>+15555550123</Number>"), "belongs inside <Dial>"),
        (twiml("Press one<Hangup/>"), "'Press one' directly inside <Response>"),
    ],
)
def test_documents_twilio_cannot_run_are_caught(document, complaint):
    assert any(complaint in problem for problem in check(document))


@pytest.mark.parametrize(
    ("gather", "complaint"),
    [
        ("<Gather input=\"['speech', 'dtmf']\"><Say>Hi</Say></Gather>", "a Python list"),
        ('<Gather input="voice"/>', "input=\"voice\"> must be one of 'dtmf', 'speech'"),
        ('<Gather input="speech" speechTimeout="auto" speechModel="phone_call"/>', "13335"),
        ('<Gather input="speech" speechTimeout="soon"/>', "must be 'auto' or a positive integer"),
        ('<Gather input="speech" speechTimeout="0"/>', "must be 'auto' or a positive integer"),
        ('<Gather timeout="-1"/>', 'timeout="-1"> must be a positive integer'),
        ('<Gather timeout="0"/>', 'timeout="0"> must be a positive integer'),
        ('<Gather method="PUT"/>', "must be 'GET' or 'POST'"),
        ('<Gather actionOnEmptyResult="True"/>', "a Python bool"),
        ('<Gather actionOnEmptyResult="yes"/>', "must be 'true' or 'false'"),
        ('<Gather speech_timeout="auto"/>', "no attribute 'speech_timeout'"),
        ('<Gather numDigits="one"/>', "numDigits"),
        ('<Gather finishOnKey="##"/>', "finishOnKey"),
        ('<Gather language="English"/>', "not a language tag"),
        ("<Gather><Redirect>/voice/x</Redirect></Gather>", "<Redirect> cannot be nested in <Gather>"),
        ("<Gather><Gather/></Gather>", "<Gather> cannot be nested in <Gather>"),
        ("<Gather><Dial>+15555550123</Dial></Gather>", "<Dial> cannot be nested in <Gather>"),
        ("<Gather>Press one</Gather>", "directly inside <Gather>"),
        ("<Gather><Say></Say></Gather>", "<Say> is empty"),
    ],
)
def test_gather_mistakes_are_caught(gather, complaint):
    problems = check(twiml(gather))
    assert any(complaint in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("say", "complaint"),
    [
        ("<Say></Say>", "<Say> is empty"),
        ("<Say>   </Say>", "<Say> is empty"),
        ("<Say>" + "a" * 4097 + "</Say>", "4097 bytes; the basic voice takes at most 4096"),
        ('<Say voice="Polly.Joanna">' + "a" * 3001 + "</Say>", "Polly.Joanna takes at most 3000"),
        ('<Say voice="Joanna">Hi</Say>', "is not a Twilio voice"),
        ('<Say language="en_US">Hi</Say>', "not a language tag"),
        ('<Say loop="twice">Hi</Say>', "loop"),
        ("<Say>Hi <Play>x.mp3</Play></Say>", "<Play> cannot be nested in <Say>"),
    ],
)
def test_say_mistakes_are_caught(say, complaint):
    problems = check(twiml(say))
    assert any(complaint in problem for problem in problems), problems


def test_long_text_within_the_voice_limit_passes():
    assert check(twiml("<Say>" + "a" * 4096 + "</Say>")) == []
    assert check(twiml('<Say voice="Google.en-US-Neural2-A">' + "a" * 5000 + "</Say>")) == []
    assert check(twiml("<Say>Hello <break time='1s'/> there</Say>")) == []


@pytest.mark.parametrize(
    ("dial", "complaint"),
    [
        ("<Dial>555-0123</Dial>", "'555-0123' is not E.164"),
        ("<Dial><Number>(415) 555-0123</Number></Dial>", "is not E.164"),
        ("<Dial>+0123</Dial>", "is not E.164"),
        ("<Dial></Dial>", "nothing to dial"),
        ("<Dial><Say>Hi</Say></Dial>", "<Say> cannot be nested in <Dial>"),
        ("<Dial>+15555550123<Number>+15555550124</Number></Dial>", "mixes a plain-text number"),
        ('<Dial timeout="soon">+15555550123</Dial>', "must be a positive integer"),
        ('<Dial method="get">+15555550123</Dial>', "must be 'GET' or 'POST'"),
        ('<Dial><Number sendDigits="ext12">+15555550123</Number></Dial>', "keypad digits"),
    ],
)
def test_dial_mistakes_are_caught(dial, complaint):
    problems = check(twiml(dial))
    assert any(complaint in problem for problem in problems), problems


def test_dial_accepts_its_other_nouns():
    assert check(twiml("<Dial><Client>frontdesk</Client></Dial>")) == []
    assert check(twiml("<Dial><Sip>sip:desk@example.com</Sip></Dial>")) == []
    assert check(twiml("<Dial><Conference>room-1</Conference></Dial>")) == []


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ("<Hangup/><Say>Still there?</Say>", "unreachable: <Say> after <Hangup>"),
        (
            "<Redirect>/voice/next</Redirect><Say>Hi</Say><Pause/>",
            "unreachable: <Say>, <Pause> after <Redirect>",
        ),
        ('<Dial action="/voice/done">+15555550123</Dial><Say>Bye</Say>', "unreachable: <Say> after <Dial>"),
        ("<Say>Hi</Say><Reject/>", "<Reject> only declines a call as the first verb"),
        ('<Reject reason="closed"/>', "must be 'rejected' or 'busy'"),
        ("<Redirect/>", "<Redirect> needs a URL"),
        ('<Redirect method="PATCH">/voice/next</Redirect>', "must be 'GET' or 'POST'"),
        ("<Hangup>now</Hangup>", "<Hangup> takes no text"),
        ('<Pause length="0"/>', "must be a positive integer"),
        ("<Play/>", "<Play> needs a media URL"),
    ],
)
def test_other_verb_mistakes_are_caught(body, complaint):
    problems = check(twiml(body))
    assert any(complaint in problem for problem in problems), problems


def test_a_dial_without_action_lets_the_document_go_on():
    assert check(twiml("<Dial>+15555550123</Dial><Say>Sorry, nobody answered.</Say>")) == []
