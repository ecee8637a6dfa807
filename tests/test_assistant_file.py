"""The assistant file: a bad file stops start-up with a message naming the field."""

import re
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ivr import assistant, twilio_speech
from ivr.assistant import AssistantError


@pytest.fixture
def sample() -> dict:
    """The sample's own line, without the second language it offers (tests/test_languages.py)."""
    loaded = tomllib.loads(assistant.SAMPLE_PATH.read_text())
    del loaded["languages"]
    return loaded | {"contacts": {}, "events": {}}


def test_the_sample_assistant_is_valid_and_has_six_options():
    loaded = assistant.load(assistant.SAMPLE_PATH)
    assert [o.key for o in loaded.menu] == ["1", "2", "3", "4", "5", "6"]
    assert loaded.operator in loaded.directory


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("greeting"), "greeting: is required"),
        (lambda d: d["directory"].update({"billing": "555-0102"}), "billing: '555-0102' is not an E.164"),
        (lambda d: d.update(operator="reception"), "operator: 'reception' is not a name in [directory]"),
        (lambda d: d["menu"][0].update(key="0"), "key: '0' must be one keypad key"),
        (lambda d: d["menu"][1].update(key="1"), "reuses key 1"),
        (lambda d: d["menu"][0].update(transfer="accounts"), "transfer: 'accounts' is not a name"),
        (lambda d: d["menu"][4].update(transfer="billing"), "give exactly one of say"),
        (lambda d: d["menu"][5].update(say="We'll call."), "give exactly one of say"),
        (lambda d: d["contacts"].update(source="http"), "url: an http(s) URL is required"),
        (lambda d: d["events"].update(webhooks=["ftp://x"]), "webhooks: 'ftp://x' is not an http(s) URL"),
        (lambda d: d["policy"].update(min_confidence=1.5), "min_confidence: must be between 0.0 and 1.0"),
        (lambda d: d["policy"].update(reprompts="two"), "reprompts: must be a whole number, not str"),
        (lambda d: d["speech"].update(model="phone_call"), "timeout: must be a number of seconds"),
        (lambda d: d.update(greting="hi"), "greting: is not a known field; did you mean greeting?"),
        (
            lambda d: d["speech"].update(timout=3),
            "[speech]: timout: is not a known field; did you mean timeout?",
        ),
        (lambda d: d["menu"][0].update(key=1), 'key: must be text: write key = "1"'),
        (lambda d: d["menu"][1].update(name="Appointments"), "name: 'Appointments' is also #1's name"),
        (
            lambda d: d["directory"].update({"": "+15555550109"}),
            'a name must not be empty: write "front desk"',
        ),
        (lambda d: d.update(goodbye=""), "goodbye: must not be empty"),
        (lambda d: d["menu"][4].update(say="  "), "say: must not be empty"),
        (lambda d: d["speech"].update(model="phone-call", timeout=3), 'did you mean "phone_call"?'),
        # What Twilio would refuse or misread.
        (
            lambda d: d.update(language="english"),
            "language: 'english' is not a language tag Twilio's speech recognition knows; "
            'did you mean "en-US"?',
        ),
        (lambda d: d.update(language="en"), 'did you mean "en-US"?'),
        (lambda d: d.update(language="en-UK"), 'did you mean "en-GB"?'),
        (lambda d: d.update(language="Spanish"), 'did you mean "es-US"?'),
        (
            lambda d: d.update(voice="Polly.Joana-Neural"),
            "voice: 'Polly.Joana-Neural' is not an Amazon Polly voice Twilio offers; "
            "did you mean Polly.Joanna-Neural?",
        ),
        (lambda d: d.update(voice="polly.joanna"), "did you mean Polly.Joanna?"),
        (lambda d: d.update(voice="Polly.Joanna-Nueral"), "did you mean Polly.Joanna-Neural?"),
        (
            lambda d: d.update(voice="Polly.Amy-Neural"),
            "voice: Polly.Amy-Neural speaks en-GB, not en-US; "
            'write a voice for en-US such as Polly.Joanna-Neural or language = "en-GB"',
        ),
        (
            lambda d: d.update(voice="Polly.Lucia", language="es-MX"),
            "Polly.Lucia speaks es-ES, not es-MX; write a voice for es-MX such as Polly.Mia",
        ),
        (
            lambda d: d.update(voice="man", language="ja-JP"),
            "man speaks de-DE, en-GB, en-US, es-ES, fr-FR, not ja-JP",
        ),
        (
            lambda d: d.update(voice="Google.en-GB-Neural2-A"),
            "Google.en-GB-Neural2-A speaks en-GB, not en-US; "
            "write a voice for en-US such as Google.en-US-Neural2-A",
        ),
        (
            lambda d: d.update(voice="Google.en-US-Chirp3-HD-Aoed"),
            "did you mean Google.en-US-Chirp3-HD-Aoede?",
        ),
        (
            lambda d: d.update(voice="Google.en-US-Neural3-F"),
            "'Neural3' is not a kind of voice; did you mean Google.en-US-Neural2-F?",
        ),
        (lambda d: d.update(voice="Google.en-US-Standard-AB"), "the variant is one letter"),
        (
            lambda d: d.update(voice="Joanna"),
            "voice: 'Joanna' is not a Twilio voice (man, woman, alice, Polly.*, Google.*)",
        ),
        (
            lambda d: d.update(greeting="Welcome. " * 334),
            "greeting: the greeting is 3,006 bytes; Twilio's Polly voices say at most 3,000",
        ),
        (lambda d: d.update(goodbye="Bye. " * 600), "goodbye: the goodbye is"),
        (lambda d: d["menu"][4].update(say="We are open. " * 250), "[[menu]] #5: say: the answer is"),
        (lambda d: d["menu"][5].update(message="Go ahead. " * 310), "[[menu]] #6: message: the prompt is"),
        (lambda d: d["menu"][0].update(description="x" * 3000), "[[menu]]: the menu read aloud"),
        (lambda d: d["menu"][0]["phrases"].append("a" * 101), "[[menu]] #1: phrases: 'aaaa"),
        (
            lambda d: d["menu"][0]["phrases"].extend(f"phrase {n}" for n in range(500)),
            "speech hints; Twilio takes at most 500 (warning 13330)",
        ),
    ],
)
def test_a_bad_assistant_file_names_the_field_and_the_problem(sample, change, message):
    change(sample)
    with pytest.raises(AssistantError, match=re.escape(message)):
        assistant.parse(sample)


def test_an_unreadable_file_is_reported_with_its_path(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('name = "unterminated')
    with pytest.raises(AssistantError, match=re.escape("broken.toml: not valid TOML")):
        assistant.load(broken)
    with pytest.raises(AssistantError, match=re.escape("missing.toml: cannot read")):
        assistant.load(tmp_path / "missing.toml")


def test_speech_model_with_seconds_is_accepted(sample):
    sample["speech"].update(model="phone_call", timeout=3)
    assert assistant.parse(sample).speech.timeout == "3"


def test_several_problems_are_reported_together_one_line_each(sample):
    sample.update(language="english", greeting="Welcome. " * 334)
    with pytest.raises(AssistantError) as raised:
        assistant.parse(sample, source="clinic.toml")
    assert [line.split(": ")[1] for line in raised.value.problems] == ["language", "greeting"]
    assert str(raised.value) == "\n".join(raised.value.problems)


def problems_of(data: dict) -> tuple[str, ...]:
    try:
        assistant.parse(data, source="clinic.toml")
    except AssistantError as error:
        return error.problems
    return ()


@given(language=st.text(max_size=30))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_language_either_loads_or_is_named_in_one_line(sample, language):
    problems = problems_of(sample | {"language": language})
    if language in twilio_speech.GATHER_LANGUAGES:  # the sample's English voice may not speak it
        assert not [p for p in problems if p.startswith("clinic.toml: language: ")]
    else:
        assert problems[0].startswith("clinic.toml: language: ")
        assert all("\n" not in problem for problem in problems)


VOICES = st.sampled_from(twilio_speech.polly_voice_names())


@given(voice=st.one_of(st.text(max_size=40), VOICES.map(str.lower), VOICES.map(lambda v: v[:-1])))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_voice_either_loads_or_is_named_in_one_line(sample, voice):
    problems = problems_of(sample | {"voice": voice})
    assert [problem.split(": ")[1] for problem in problems] in ([], ["voice"])
    assert all("\n" not in problem for problem in problems)


@given(text=st.text(max_size=20))
def test_a_suggested_language_is_always_one_twilio_recognises(text):
    suggestion = twilio_speech.closest_language(text)
    assert suggestion is None or suggestion in twilio_speech.GATHER_LANGUAGES


def test_every_polly_voice_in_the_table_loads_in_its_own_language(sample):
    for name in twilio_speech.polly_voice_names():
        languages = twilio_speech.polly_engines(name.removeprefix("Polly.").split("-")[0])
        for language in languages.keys() & twilio_speech.GATHER_LANGUAGES:
            sample.update(voice=name, language=language)
            assert assistant.parse(sample).voice == name


def test_a_polly_voice_without_that_engine_is_a_warning_not_an_error(sample):
    sample["voice"] = "Polly.Ruth"  # Ruth is neural and generative only
    loaded = assistant.parse(sample, source="clinic.toml")
    assert (
        "clinic.toml: voice: Polly.Ruth: Ruth has no standard voice"
        in assistant.warnings(loaded, "clinic.toml")[0]
    )


def test_a_google_voice_says_longer_texts_than_a_polly_one(sample):
    sample.update(voice="Google.en-US-Chirp3-HD-Aoede", greeting="Welcome. " * 500)
    assert assistant.parse(sample).voice == "Google.en-US-Chirp3-HD-Aoede"


def test_an_option_may_say_what_it_is_for_in_the_owners_words(tmp_path):
    sample = assistant.load(assistant.SAMPLE_PATH)
    assert sample.option("2").intent.startswith("Someone who needs a prescription refilled")
    path = tmp_path / "line.toml"
    path.write_text(re.sub(r"(?m)^intent = .*\n", "", assistant.SAMPLE_PATH.read_text()))
    assert {option.intent for option in assistant.load(path).menu} == {""}


def test_an_option_without_a_sentence_of_intent_is_a_warning_that_says_what_to_write(sample):
    assert not [w for w in assistant.warnings(assistant.parse(sample), "clinic.toml") if "intent" in w]
    del sample["menu"][1]["intent"]
    sample["menu"][2]["intent"] = "bills"
    found = [w for w in assistant.warnings(assistant.parse(sample), "clinic.toml") if "intent" in w]
    assert len(found) == 2
    assert found[0].startswith("clinic.toml: [[menu]] #2: intent: is missing; write one sentence on who")
    assert "#3: intent: is a few words" in found[1]
