"""`ivr configure-number`: pointing a Twilio number at ivr, through the real twilio client and HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from twilio.rest import Client

from ivr.number_setup import (
    ApiBaseUrlHttpClient,
    NumberConfigError,
    apply_plan,
    format_plan,
    plan_number,
    twilio_client,
)
from testkit.standins.twilio_api import TwilioApiStandIn

ACCOUNT_SID = "AC" + "a1" * 16
AUTH_TOKEN = "0123456789abcdef0123456789abcdef"
PHONE = "+15551234567"
BASE = "https://ivr.example.com"


@pytest.fixture
def twilio_api() -> Iterator[TwilioApiStandIn]:
    with TwilioApiStandIn(ACCOUNT_SID, AUTH_TOKEN) as api:
        yield api


@pytest.fixture
def number(twilio_api: TwilioApiStandIn) -> dict[str, Any]:
    """The operator's number, still pointing at an old deployment."""
    return twilio_api.add_number(
        PHONE,
        friendly_name="Riverside Clinic",
        voice_url="https://old.example.com/answer",
        voice_method="GET",
    )


@pytest.fixture
def client(twilio_api: TwilioApiStandIn) -> Client:
    return twilio_client(ACCOUNT_SID, AUTH_TOKEN, api_base_url=twilio_api.base_url)


def settings(plan: Any) -> dict[str, tuple[str | None, str | None]]:
    return {setting.name: (setting.before, setting.after) for setting in plan.settings}


def posts(twilio_api: TwilioApiStandIn) -> list[Any]:
    return [request for request in twilio_api.requests if request.method == "POST"]


def test_plan_shows_each_webhook_before_and_after(client: Client, number: dict[str, Any]) -> None:
    plan = plan_number(client, PHONE, BASE)

    assert plan.sid == number["sid"]
    assert settings(plan) == {
        "voice_url": ("https://old.example.com/answer", f"{BASE}/voice/incoming"),
        "voice_method": ("GET", "POST"),
        "voice_fallback_url": ("", f"{BASE}/voice/fallback"),
        "voice_fallback_method": ("POST", "POST"),
        "status_callback": ("", f"{BASE}/voice/status"),
        "status_callback_method": ("POST", "POST"),
    }


def test_trailing_slash_on_the_base_url_does_not_double_up(client: Client, number: dict[str, Any]) -> None:
    plan = plan_number(client, PHONE, BASE + "/")

    assert settings(plan)["voice_url"][1] == f"{BASE}/voice/incoming"


def test_apply_points_the_number_at_the_base_url(
    client: Client, twilio_api: TwilioApiStandIn, number: dict[str, Any]
) -> None:
    applied = apply_plan(client, plan_number(client, PHONE, BASE))

    stored = twilio_api.number(number["sid"])
    assert (stored["voice_url"], stored["voice_method"]) == (f"{BASE}/voice/incoming", "POST")
    assert (stored["voice_fallback_url"], stored["voice_fallback_method"]) == (
        f"{BASE}/voice/fallback",
        "POST",
    )
    assert (stored["status_callback"], stored["status_callback_method"]) == (f"{BASE}/voice/status", "POST")
    assert settings(applied)["voice_url"] == ("https://old.example.com/answer", f"{BASE}/voice/incoming")


def test_apply_reports_what_the_api_now_holds(
    client: Client, twilio_api: TwilioApiStandIn, number: dict[str, Any]
) -> None:
    applied = apply_plan(client, plan_number(client, PHONE, BASE))

    stored = twilio_api.number(number["sid"])
    assert {name: after for name, (_, after) in settings(applied).items()} == {
        name: stored[name] for name in settings(applied)
    }


def test_dry_run_changes_nothing(
    client: Client, twilio_api: TwilioApiStandIn, number: dict[str, Any]
) -> None:
    plan = plan_number(client, PHONE, BASE)
    shown = format_plan(plan, dry_run=True)

    assert posts(twilio_api) == []
    assert twilio_api.number(number["sid"])["voice_url"] == "https://old.example.com/answer"
    assert "(dry run: nothing changed)" in shown


def test_table_lists_setting_before_and_after(client: Client, number: dict[str, Any]) -> None:
    table = format_plan(plan_number(client, PHONE, BASE), dry_run=False)

    row = next(line for line in table.splitlines() if line.split()[0] == "voice_url")
    assert row.split()[1:] == ["https://old.example.com/answer", f"{BASE}/voice/incoming"]
    assert "dry run" not in table


def test_a_configured_number_is_left_alone(
    client: Client, twilio_api: TwilioApiStandIn, number: dict[str, Any]
) -> None:
    apply_plan(client, plan_number(client, PHONE, BASE))
    again = plan_number(client, PHONE, BASE)

    assert again.changes == ()
    assert apply_plan(client, again) == again
    assert len(posts(twilio_api)) == 1
    assert "nothing to change" in format_plan(again, dry_run=False)


def test_update_is_form_encoded_with_twilio_parameter_names(
    client: Client, twilio_api: TwilioApiStandIn, number: dict[str, Any]
) -> None:
    apply_plan(client, plan_number(client, PHONE, BASE))

    (update,) = posts(twilio_api)
    assert update.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/IncomingPhoneNumbers/{number['sid']}.json"
    assert update.form["VoiceUrl"] == f"{BASE}/voice/incoming"
    assert update.form["StatusCallbackMethod"] == "POST"


def test_a_voice_application_on_the_number_is_cleared(client: Client, twilio_api: TwilioApiStandIn) -> None:
    # Twilio ignores a number's voice URLs while a voice application is attached to it.
    sid = twilio_api.add_number(PHONE, voice_application_sid="AP" + "b2" * 16)["sid"]

    applied = apply_plan(client, plan_number(client, PHONE, BASE))

    assert twilio_api.number(sid)["voice_application_sid"] is None
    assert settings(applied)["voice_application_sid"] == ("AP" + "b2" * 16, None)


def test_a_number_on_a_sip_trunk_is_refused(client: Client, twilio_api: TwilioApiStandIn) -> None:
    twilio_api.add_number(PHONE, trunk_sid="TK" + "c3" * 16)

    with pytest.raises(NumberConfigError, match="SIP trunk"):
        plan_number(client, PHONE, BASE)


def test_a_longer_number_containing_it_is_not_mistaken_for_it(
    client: Client, twilio_api: TwilioApiStandIn
) -> None:
    # Twilio's PhoneNumber filter matches partial numbers.
    twilio_api.add_number(PHONE + "8")
    wanted = twilio_api.add_number(PHONE)

    assert plan_number(client, PHONE, BASE).sid == wanted["sid"]


def test_the_number_is_found_past_the_first_page() -> None:
    with TwilioApiStandIn(ACCOUNT_SID, AUTH_TOKEN, page_size=1) as api:
        for suffix in "0123":
            api.add_number(PHONE + suffix)
        wanted = api.add_number(PHONE)
        paged = twilio_client(ACCOUNT_SID, AUTH_TOKEN, api_base_url=api.base_url)

        assert plan_number(paged, PHONE, BASE).sid == wanted["sid"]
        assert len(api.requests) == 5


def test_wrong_auth_token_is_an_authentication_error(
    twilio_api: TwilioApiStandIn, number: dict[str, Any]
) -> None:
    intruder = twilio_client(ACCOUNT_SID, "not-the-token", api_base_url=twilio_api.base_url)

    with pytest.raises(NumberConfigError, match="authentication failed"):
        plan_number(intruder, PHONE, BASE)


def test_number_not_on_the_account_is_named(client: Client, number: dict[str, Any]) -> None:
    with pytest.raises(
        NumberConfigError, match=rf"\+15559876543 is not a phone number on Twilio account {ACCOUNT_SID}"
    ):
        plan_number(client, "+15559876543", BASE)


def test_number_released_before_apply_is_reported(
    client: Client, twilio_api: TwilioApiStandIn, number: dict[str, Any]
) -> None:
    plan = plan_number(client, PHONE, BASE)
    twilio_api.remove_number(number["sid"])

    with pytest.raises(NumberConfigError, match="no longer on Twilio account"):
        apply_plan(client, plan)


@pytest.mark.parametrize(
    ("base_url", "problem"),
    [
        ("http://ivr.example.com", "must start with https://"),
        ("ivr.example.com", "must start with https://"),
        ("ftp://ivr.example.com", "must start with https://"),
        ("https://", "no host name"),
        ("https://ivr.example.com?token=1", "query string"),
        ("https://ivr.example.com/#top", "fragment"),
        ("https://ivr.example.com/voice/incoming", "webhook URL"),
        ("https://ivr.example.com:port", "not a valid URL"),
    ],
)
def test_unusable_base_url_is_refused_before_calling_twilio(
    client: Client, twilio_api: TwilioApiStandIn, base_url: str, problem: str
) -> None:
    with pytest.raises(NumberConfigError, match=problem):
        plan_number(client, PHONE, base_url)
    assert twilio_api.requests == ()


def test_plain_http_is_accepted_for_localhost(client: Client, number: dict[str, Any]) -> None:
    plan = plan_number(client, PHONE, "http://127.0.0.1:5000")

    assert settings(plan)["voice_url"][1] == "http://127.0.0.1:5000/voice/incoming"


@pytest.mark.parametrize("phone", ["5551234567", "+1 555 123 4567", "+05551234567", "tel:+15551234567"])
def test_phone_number_must_be_e164(client: Client, phone: str) -> None:
    with pytest.raises(NumberConfigError, match=r"E\.164"):
        plan_number(client, phone, BASE)


def test_unreachable_api_is_reported(twilio_api: TwilioApiStandIn) -> None:
    client = twilio_client(ACCOUNT_SID, AUTH_TOKEN, api_base_url=twilio_api.base_url)
    twilio_api.stop()

    with pytest.raises(
        NumberConfigError, match=re.escape(f"cannot reach the Twilio API at {twilio_api.base_url}:")
    ):
        plan_number(client, PHONE, BASE)


@pytest.mark.parametrize(
    ("sid", "token", "named"),
    [
        (ACCOUNT_SID, "", "TWILIO_AUTH_TOKEN is not set"),
        ("", "a" * 32, "TWILIO_ACCOUNT_SID is not set"),
        ("", "", "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not set"),
    ],
)
def test_missing_credentials_are_refused_naming_only_what_is_missing(sid, token, named) -> None:
    with pytest.raises(NumberConfigError, match=f"^{named}: put your account's values"):
        twilio_client(sid, token)


@pytest.mark.parametrize(
    ("url", "redirected"),
    [
        (
            "https://api.twilio.com/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PhoneNumber=%2B1",
            "https://proxy.example/twilio/2010-04-01/Accounts/AC1/IncomingPhoneNumbers.json?PhoneNumber=%2B1",
        ),
        (
            "https://api.sydney.au1.twilio.com/2010-04-01/Accounts.json",
            "https://proxy.example/twilio/2010-04-01/Accounts.json",
        ),
        ("https://messaging.twilio.com/v1/Services", "https://messaging.twilio.com/v1/Services"),
    ],
)
def test_only_rest_api_requests_are_redirected(url: str, redirected: str) -> None:
    assert ApiBaseUrlHttpClient("https://proxy.example/twilio/").redirect(url) == redirected
