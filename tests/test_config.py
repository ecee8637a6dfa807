"""Configuration is read once and a bad value names the variable."""

import pytest

from ivr.config import ConfigError, Settings


def test_heroku_postgres_urls_are_accepted():
    settings = Settings.from_mapping({"DATABASE_URL": "postgres://u:p@db.example.com:5432/ivr"})
    assert settings.database_url == "postgresql+psycopg://u:p@db.example.com:5432/ivr"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL must be a sqlite:/// or postgres://"),
        ({"TWILIO_VALIDATE_SIGNATURES": "maybe"}, "TWILIO_VALIDATE_SIGNATURES must be true or false"),
        ({"MODEL_TIMEOUT": "30"}, "MODEL_TIMEOUT must be from 0.5 to 12.0"),
        ({"STREAM_REPLIES": "sometimes"}, "STREAM_REPLIES must be true or false"),
        ({"PUBLIC_BASE_URL": "ivr.example.com"}, "PUBLIC_BASE_URL must be an http"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of"),
        ({"SEMANTIC_TIER": "deeper"}, "SEMANTIC_TIER must be true, false or deep, not 'deeper'"),
    ],
)
def test_a_bad_setting_names_the_variable(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_mapping(env)


@pytest.mark.parametrize(
    ("value", "tier"),
    [(None, "static"), ("true", "static"), ("false", "off"), ("0", "off"), (" Deep ", "deep")],
)
def test_the_semantic_tier_is_on_by_default_and_may_be_off_or_deep(value, tier):
    assert Settings.from_mapping({} if value is None else {"SEMANTIC_TIER": value}).semantic_tier == tier


def test_serving_calls_without_an_auth_token_is_refused_while_validation_is_on():
    with pytest.raises(ConfigError, match="TWILIO_AUTH_TOKEN is not set"):
        Settings.from_mapping({}).check()
    Settings.from_mapping({"TWILIO_VALIDATE_SIGNATURES": "false"}).check()


def test_the_environment_overrides_the_dotenv_file(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("IVR_ASSISTANT=from-dotenv.toml\nANTHROPIC_MODEL=from-dotenv\n")
    settings = Settings.from_env({"ANTHROPIC_MODEL": "from-env"}, dotenv=str(dotenv))
    assert (settings.assistant_path, settings.anthropic_model) == ("from-dotenv.toml", "from-env")
