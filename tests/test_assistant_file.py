"""The assistant file: a bad file stops start-up with a message naming the field."""

import re
import tomllib

import pytest

from ivr import assistant
from ivr.assistant import AssistantError


@pytest.fixture
def sample() -> dict:
    return tomllib.loads(assistant.SAMPLE_PATH.read_text()) | {"contacts": {}, "events": {}}


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
        (lambda d: d.update(greting="hi"), "greting: is not a known field"),
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
