"""Scenario files: the sample assistant's suite passes, in-process and over HTTP; a wrong expectation
fails and says which; a malformed file is named with its field; the table shows every scenario."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from ivr import assistant
from ivr.assistant import SAMPLE_PATH, Assistant
from ivr.config import Settings
from ivr.devtools.scenarios import (
    IN_PROCESS_URL,
    Scenario,
    ScenarioError,
    ScenarioResult,
    format_table,
    in_process_transport,
    load_scenario,
    load_scenarios,
    run_all,
    run_scenario,
    suite_for,
)
from ivr.devtools.twilio_emulator import HttpTransport
from testkit.webhooks import AUTH_TOKEN

SAMPLE_SUITE = suite_for(SAMPLE_PATH)
SAMPLE_FILES = sorted(SAMPLE_SUITE.glob("*.toml"))

PHARMACY_CALL = """
description = "A caller asks for a refill"
inputs = ["I need a refill on my prescription"]
"""
TO_PHARMACY = "pharmacy (+15555550101)"
TO_BILLING = "billing (+15555550102)"


@pytest.fixture
def clinic() -> Assistant:
    return assistant.load(SAMPLE_PATH)


@pytest.fixture
def run_in_process(settings: Settings, clinic: Assistant):
    """Run a scenario against the sample app built in this process, signed as Twilio signs."""
    transport = in_process_transport(settings)

    def run(scenario: Scenario) -> ScenarioResult:
        return run_scenario(scenario, transport, IN_PROCESS_URL, AUTH_TOKEN, clinic)

    return run


@pytest.fixture
def write_scenario(tmp_path: Path):
    def write(text: str, name: str = "scenario") -> Path:
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def served_url(app: Flask) -> Iterator[str]:
    """The sample app on a real HTTP server on loopback."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_the_sample_assistant_ships_a_suite_of_scenarios():
    assert 10 <= len(SAMPLE_FILES) <= 14
    assert [s.name for s in load_scenarios(SAMPLE_SUITE)] == [p.stem for p in SAMPLE_FILES]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda path: path.stem)
def test_sample_scenario_passes_in_process(path: Path, run_in_process):
    result = run_in_process(load_scenario(path))
    assert result.passed, format_table([result])


def test_sample_suite_passes_over_http_against_a_running_server(served_url: str, clinic: Assistant):
    results = run_all(load_scenarios(SAMPLE_SUITE), HttpTransport(timeout=5), served_url, AUTH_TOKEN, clinic)
    assert all(r.passed for r in results), format_table(results)


def test_expecting_the_wrong_transfer_fails_naming_both_lines(write_scenario, run_in_process):
    path = write_scenario(PHARMACY_CALL + '[expect]\ntransferred_to = "billing"\n')
    result = run_in_process(load_scenario(path))
    assert not result.passed
    assert result.failures == (
        f"expected a transfer to {TO_BILLING}, but the caller was connected to {TO_PHARMACY}",
    )


def test_expecting_a_phrase_never_said_fails_naming_the_phrase(write_scenario, run_in_process):
    path = write_scenario(
        PHARMACY_CALL + '[expect]\nheard = ["Connecting you to the pharmacy", "have a lovely day"]\n'
    )
    result = run_in_process(load_scenario(path))
    assert result.failures == ("expected to hear 'have a lovely day', but it was never said",)


def test_expecting_silence_about_a_phrase_that_was_said_fails_quoting_it(write_scenario, run_in_process):
    path = write_scenario(PHARMACY_CALL + '[expect]\nnot_heard = ["connecting you"]\n')
    [failure] = run_in_process(load_scenario(path)).failures
    assert failure.startswith("expected not to hear 'connecting you', but it was said: '")
    assert "connecting you to the pharmacy" in failure


def test_expecting_no_transfer_fails_when_the_caller_was_connected(write_scenario, run_in_process):
    path = write_scenario(PHARMACY_CALL + "[expect]\ntransferred_to = false\nturns = 2\n")
    result = run_in_process(load_scenario(path))
    assert result.failures == (
        f"expected no transfer, but the caller was connected to {TO_PHARMACY}",
        "expected 2 caller turns, but the call took 1 caller turn",
    )


def test_a_call_that_ends_before_its_script_is_used_fails(write_scenario, run_in_process):
    path = write_scenario('inputs = ["#2", "#5"]\ndial = ["completed", "busy"]\n')
    result = run_in_process(load_scenario(path))
    assert result.failures == (
        "the call ended after 1 of 2 inputs; never used: #5",
        "only 1 of the 2 transfers in dial happened; never used: busy",
    )


def test_a_name_missing_from_the_directory_is_reported_as_a_failure(write_scenario, run_in_process):
    path = write_scenario(PHARMACY_CALL + '[expect]\ntransferred_to = "pharmcy"\n')
    [failure] = run_in_process(load_scenario(path)).failures
    assert failure.startswith("transferred_to: 'pharmcy' is not a name in the assistant's [directory]")


def test_a_request_slower_than_max_ms_fails(write_scenario, run_in_process):
    path = write_scenario(PHARMACY_CALL + "[expect]\nmax_ms = 0.001\n")
    [failure] = run_in_process(load_scenario(path)).failures
    assert failure.startswith("expected every request to answer within 0.001 ms, but ")


def test_a_run_the_app_refuses_fails_with_the_emulators_error(write_scenario, settings, clinic):
    path = write_scenario(PHARMACY_CALL)
    wrong_token = "f" * 32
    result = run_scenario(
        load_scenario(path), in_process_transport(settings), IN_PROCESS_URL, wrong_token, clinic
    )
    assert not result.passed
    assert result.failures[0].startswith(
        "application error: POST http://localhost/voice/incoming?test=1 answered HTTP 403"
    )


def test_the_table_lists_each_scenario_as_pass_or_fail_with_reasons_below(write_scenario, run_in_process):
    passing = load_scenario(
        write_scenario(PHARMACY_CALL + '[expect]\ntransferred_to = "pharmacy"\n', "right")
    )
    failing = load_scenario(write_scenario(PHARMACY_CALL + '[expect]\ntransferred_to = "billing"\n', "wrong"))
    table = format_table([run_in_process(passing), run_in_process(failing)])
    rows = {line.split()[0]: line.split()[1] for line in table.splitlines()[1:3]}
    assert rows == {"right": "PASS", "wrong": "FAIL"}
    assert "1 passed, 1 failed" in table
    failures = table.split("1 passed, 1 failed")[1]
    assert "FAIL wrong" in failures
    assert f"expected a transfer to {TO_BILLING}" in failures
    assert "FAIL right" not in failures


def test_inputs_take_speech_keys_silence_and_a_confidence(write_scenario):
    path = write_scenario('inputs = ["two please", "#2", "", { say = "pharmacy", confidence = 0.2 }]\n')
    inputs = load_scenario(path).inputs
    assert [(i.kind, i.text) for i in inputs] == [
        ("speech", "two please"),
        ("digits", "2"),
        ("silence", ""),
        ("speech", "pharmacy"),
    ]
    assert inputs[3].confidence == 0.2


MALFORMED = {
    "a misspelt field": (
        'inputs = ["#2"]\n[expect]\ntransfered_to = "pharmacy"\n',
        "transfered_to",
        "not a known field",
    ),
    "no inputs": ('description = "no inputs"\n', "inputs", "is required"),
    "a number as input": ("inputs = [2]\n", "inputs", "input 1 must be text or a table"),
    "letters after #": ('inputs = ["#two"]\n', "inputs", "input 1 '#two': after # only keypad keys"),
    "confidence above 1": (
        'inputs = [{ say = "hi", confidence = 2 }]\n',
        "confidence",
        "between 0.0 and 1.0",
    ),
    "a table without say": ('inputs = [{ said = "hi" }]\n', "say", "is required"),
    "an unknown dial outcome": (
        'inputs = []\ndial = ["engaged"]\n',
        "dial",
        "'engaged' is not one of completed",
    ),
    "a caller that is not E.164": ('inputs = []\ncaller = "555-0123"\n', "caller", "is not an E.164 number"),
    "an unknown ending": ('inputs = []\n[expect]\nended = "exploded"\n', "ended", "is not one of hangup"),
    "transferred_to true": ("inputs = []\n[expect]\ntransferred_to = true\n", "transferred_to", "or false"),
    "turns as text": ('inputs = []\n[expect]\nturns = "two"\n', "turns", "must be a whole number, not str"),
    "heard as text": ('inputs = []\n[expect]\nheard = "pharmacy"\n', "heard", "must be a list"),
    "a short number dialed": (
        'inputs = []\n[expect]\ndialed = ["+1555"]\n',
        "dialed",
        "is not an E.164 number",
    ),
}


@pytest.mark.parametrize(("text", "field", "problem"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_scenario_is_reported_with_its_file_and_field(write_scenario, text, field, problem):
    path = write_scenario(text, "broken")
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert f"{field}: " in message
    assert problem in message


def test_a_file_that_is_not_toml_is_reported_with_its_name(write_scenario):
    path = write_scenario('inputs = ["#2"\n', "broken")
    with pytest.raises(ScenarioError, match=f"^{path}: not valid TOML"):
        load_scenario(path)


def test_a_directory_without_scenarios_is_an_error(tmp_path: Path):
    with pytest.raises(ScenarioError, match="no scenario files"):
        load_scenarios(tmp_path)


def test_loading_a_directory_stops_at_the_first_bad_file_and_names_it(write_scenario, tmp_path: Path):
    write_scenario('inputs = ["#2"]\n', "a-good")
    bad = write_scenario('inputs = ["#2"]\nexpect = 3\n', "b-bad")
    with pytest.raises(ScenarioError, match=f"^{bad}: expect: must be a table"):
        load_scenarios(tmp_path)
