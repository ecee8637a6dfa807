"""`ivr check-assistant`: an owner learns in one line per problem what Twilio would refuse or
misread in the file, before any call; warnings alone leave it usable (exit 0)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ivr.assistant import SAMPLE_PATH
from ivr.cli import main

SHIPPED = sorted(SAMPLE_PATH.parent.glob("*.toml"))
# The sample texts its address: with an account SID, that is no warning (tests/test_texts.py).
NO_MODEL = {"ANTHROPIC_API_KEY": "", "TWILIO_ACCOUNT_SID": "AC" + "a" * 32}


def check(path: Path | str, **env: str) -> Result:
    return CliRunner().invoke(main, ["check-assistant", str(path)], env=NO_MODEL | env)


def written(tmp_path: Path, webhook: bool = False, **top_level: str) -> Path:
    """The sample clinic with some top-level fields changed, and an [events] webhook or none."""
    text = SAMPLE_PATH.read_text()
    for key, value in top_level.items():
        text = re.sub(
            rf"(?m)^{key} = .*$", f'{key} = "{value}"', text, count=1
        )  # the line's own, not a language's
    if webhook:
        text += '\n[events]\nwebhooks = ["https://example.com/hook"]\n'
    path = tmp_path / "line.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_the_shipped_assistants_pass(path):
    result = check(path)
    assert result.exit_code == 0, result.output
    assert ": ok" in result.output.splitlines()[0]


def test_the_summary_names_the_line_its_options_and_its_voice(tmp_path):
    result = check(written(tmp_path, webhook=True))
    summary = "6 menu options, 4 transfer targets, voice Polly.Joanna-Neural in en-US: ok"
    assert result.output == f"Riverside Family Clinic: {summary}\n"


def test_each_error_is_one_line_naming_the_file_and_field_and_the_command_fails(tmp_path):
    path = written(tmp_path, language="english", voice="Polly.Joana-Neural")
    result = check(path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}: language: 'english' is not a language tag Twilio's speech recognition knows; "
        'did you mean "en-US"?',
        f"{path}: voice: 'Polly.Joana-Neural' is not an Amazon Polly voice Twilio offers; "
        "did you mean Polly.Joanna-Neural?",
    ]
    assert "Traceback" not in result.output


def test_a_file_that_is_not_toml_is_one_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "unterminated')
    result = check(path)
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 1
    assert result.output.startswith(f"{path}: not valid TOML")


def test_messages_without_a_webhook_are_a_warning_that_says_where_they_are_read(tmp_path):
    result = check(written(tmp_path))  # the clinic has a message option and no [events]
    assert result.exit_code == 0
    first, warning = result.output.splitlines()
    assert first.endswith(": ok, 1 warning:")
    assert warning == (
        f"{tmp_path / 'line.toml'}: [events]: webhooks: messages are kept in the database only: "
        "read them with `ivr messages` (or the console), or add an [events] webhook to deliver them"
    )


def test_a_line_without_a_message_option_is_warned_only_when_claude_can_take_messages(tmp_path):
    trattoria = SAMPLE_PATH.parent / "trattoria.toml"
    assert "warning" not in check(trattoria).output
    with_claude = check(trattoria, ANTHROPIC_API_KEY="sk-ant-test")
    assert with_claude.exit_code == 0
    assert "[events]: webhooks: messages are kept in the database only" in with_claude.output


def test_a_voice_without_its_engine_is_a_warning_with_the_voices_to_write(tmp_path):
    result = check(written(tmp_path, webhook=True, voice="Polly.Ruth"))
    assert result.exit_code == 0
    assert result.output.splitlines()[1].endswith("write Polly.Ruth-Neural or Polly.Ruth-Generative")
