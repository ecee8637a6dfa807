"""Callers the business knows are greeted by name; a slow or broken contact system never delays
the greeting, and private notes never reach the caller or the model."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr import assistant
from ivr.devtools.twilio_emulator import speech
from ivr.record.models import Call, Contact, Turn
from testkit.standins.contacts_api import ContactsStandIn
from testkit.webhooks import call_app

MARIA = "+12025550143"
PROFILE = {
    "name": "Maria Lopez",
    "notes": ["Prefers mornings", {"text": "Owes 40 dollars, do not mention", "private": True}],
    "tags": ["patient"],
    "open_items": ["Thursday 10 AM cleaning with Dr. Patel"],
}


@pytest.fixture
def contacts_api():
    with ContactsStandIn() as api:
        yield api


@pytest.fixture
def line_with_crm(tmp_path, contacts_api) -> str:
    path = tmp_path / "clinic.toml"
    path.write_text(
        assistant.SAMPLE_PATH.read_text() + f'\n[contacts]\nsource = "http"\nurl = "{contacts_api.url}"\n'
    )
    return str(path)


def stored_call(engine) -> Call:
    with Session(engine) as session:
        return session.scalars(select(Call)).one()


def greeting_note(engine) -> str:
    with Session(engine) as session:
        return session.scalars(select(Turn.note).where(Turn.seq == 0)).one()


@pytest.fixture
def place(make_app, line_with_crm):
    def call(*inputs, caller=MARIA, **settings):
        return call_app(
            make_app(assistant_path=line_with_crm, **settings).test_client(), *inputs, caller=caller
        )

    return call


def test_a_known_caller_is_greeted_by_name_and_the_contact_is_stored(place, contacts_api, db_engine):
    contacts_api.contact(MARIA, PROFILE)
    result = place(speech("bye"))
    assert result.heard[0].text.startswith("Hi Maria, thanks for calling Riverside Family Clinic.")
    call = stored_call(db_engine)
    assert (call.contact_lookup, json.loads(call.contact)["name"]) == ("found", "Maria Lopez")
    assert contacts_api.requests[0].phone == MARIA


def test_an_unknown_caller_hears_the_usual_greeting(place, contacts_api, db_engine):
    result = place(speech("bye"))
    assert result.heard[0].text.startswith("Thanks for calling Riverside Family Clinic.")
    assert stored_call(db_engine).contact_lookup == "unknown"


@pytest.mark.parametrize(
    ("script", "status"),
    [
        (lambda api: api.slow(MARIA, 3.0, PROFILE), "timeout"),  # Maria, but too late to greet her
        (lambda api: api.fail(MARIA, status=500), "error"),
        (lambda api: api.garbage(MARIA, b"{oops"), "malformed"),
    ],
)
def test_a_broken_contact_system_leaves_the_call_unpersonalised_and_says_why(
    place, contacts_api, db_engine, script, status
):
    script(contacts_api)
    result = place(speech("bye"))
    assert result.heard[0].text.startswith("Thanks for calling")
    assert stored_call(db_engine).contact_lookup == status
    assert greeting_note(db_engine) == f"greeting:{status}"


def test_the_model_knows_the_caller_but_not_their_private_notes(
    place, contacts_api, messages_api, claude_settings
):
    contacts_api.contact(MARIA, PROFILE)
    messages_api.reply_text("Hi Maria! Are you calling about your Thursday cleaning?")
    place(speech("hi it's me again"), **claude_settings)
    body = messages_api.requests[0].body
    system = body["system"]
    assert "cache_control" in system[1]  # the shared prefix is still cached...
    assert "Maria Lopez" in system[2]["text"]  # ...and the caller comes after it
    assert "Thursday 10 AM cleaning" in system[2]["text"]
    assert "Owes 40 dollars" not in json.dumps(body)


def test_imported_contacts_are_found_in_our_own_table(make_app, db_engine, place_call, tmp_path):
    with Session(db_engine) as session:
        session.add(Contact(phone="+15555550123", name="Sam Okafor"))
        session.commit()
    result = place_call(speech("bye"))
    assert result.heard[0].text.startswith("Hi Sam, thanks for calling")
