"""A second language: the sample clinic offers Spanish after its greeting, in the Spanish voice; a
caller who presses 9 or says "español" hears the rest of the call in Spanish: the Gather's
recognition language, the voice, the menu's words, the line's own sentences, and Claude's replies."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.assistant import SAMPLE_PATH, AssistantError, load, parse, read_toml, warnings
from ivr.devtools.twilio_emulator import digits, silence, speech
from ivr.dialog import wording
from ivr.dialog.languages import as_heard
from ivr.dialog.matching import match
from ivr.record.models import Call, Event, Message
from testkit.webhooks import Webhooks, call_app, heard, twiml

CLINIC = load(SAMPLE_PATH)
SPANISH_LINE = CLINIC.speaking("es")
OFFER = "Para español, diga español u oprima nueve."
WORDS = "Spanish callers hear it in the line's own words"


def spanish_said(result) -> list[str]:
    return [said.text for said in result.heard if said.language == "es-US"]


def test_the_greeting_offers_spanish_in_the_spanish_voice(place_call):
    result = place_call(speech("thanks bye"))
    greeting, offer = result.heard[0], result.heard[1]
    assert greeting.text.startswith("Thanks for calling Riverside Family Clinic")
    assert (greeting.voice, greeting.language) == ("Polly.Joanna-Neural", "en-US")
    assert (offer.text, offer.voice, offer.language) == (OFFER, "Polly.Lupe-Neural", "es-US")


def test_a_caller_who_presses_nine_completes_the_call_in_spanish(place_call, db_engine):
    result = place_call(digits("9"), digits("5"), speech("no, gracias, eso es todo"))
    answers = spanish_said(result)
    assert answers[0].startswith("Para español")  # the offer
    assert answers[1].startswith("Gracias por llamar a Riverside Family Clinic")
    assert answers[2].startswith("Abrimos de lunes a viernes")
    assert answers[2].endswith(wording.SPANISH.ANYTHING_ELSE)
    assert answers[3] == "Gracias por llamar a Riverside Family Clinic. Cuídese, adiós."
    assert all(said.voice == "Polly.Lupe-Neural" for said in result.heard[2:])
    assert result.ended is not None
    with Session(db_engine) as session:
        call = session.scalars(select(Call)).one()
        event = session.scalars(select(Event)).one()
    assert call.language == "es"
    assert json.loads(event.payload)["call"]["language"] == "es"


def test_a_caller_who_says_espanol_is_understood_in_spanish_by_speech(place_call):
    result = place_call(
        speech("Español"), speech("necesito resurtir una receta, por favor"), dial=("completed",)
    )
    assert spanish_said(result)[-1] == "Le comunico con la farmacia."
    assert result.transfers[0].number == CLINIC.directory["pharmacy"]


def test_each_gather_after_the_choice_listens_for_spanish(client):
    hooks = Webhooks(client)
    hooks.incoming()
    chosen = twiml(hooks.post("/voice/gather", Digits="9"))
    gather = chosen.find("Gather")
    assert gather is not None
    assert gather.get("language") == "es-US"
    assert "lang=es" in (gather.get("action") or "")
    assert "cita" in (gather.get("hints") or "")
    again = twiml(
        hooks.post("/voice/gather?turn=3&lang=es", SpeechResult="quiero pagar mi cuenta", Confidence="0.9")
    )
    assert [say.get("voice") for say in again.iter("Say")] == ["Polly.Lupe-Neural"]
    assert "facturación" in " ".join(say.text or "" for say in again.iter("Say"))


def test_a_repeated_webhook_replays_the_choice_in_spanish(client):
    hooks = Webhooks(client)
    hooks.incoming()
    first = hooks.post("/voice/gather?turn=1", Digits="9").get_data(as_text=True)
    again = hooks.post("/voice/gather?turn=1", Digits="9").get_data(as_text=True)
    assert again == first
    assert "es-US" in again


def test_silence_in_spanish_is_asked_about_in_spanish(place_call):
    result = place_call(digits("9"), silence(), digits("5"), speech("adiós"))
    assert wording.SPANISH.NOT_HEARD in " ".join(spanish_said(result))


def test_the_english_line_offers_spanish_again_when_it_did_not_understand(place_call):
    result = place_call(speech("blorp the frangible widget"), digits("9"), speech("adiós"))
    assert heard(result).count(OFFER) == 2  # after the greeting, and after the menu read again
    assert spanish_said(result)[-1].startswith("Gracias por llamar")


@pytest.mark.parametrize(
    ("said", "key"),
    [
        ("quiero hacer una cita con el doctor", "1"),
        ("se me acabaron las pastillas", "2"),
        ("tengo una pregunta sobre mi factura", "3"),
        ("ya me hice el examen de sangre, quiero los resultados", "4"),
        ("¿a qué hora cierran?", "5"),
        ("quiero dejar un mensaje", "6"),
        ("oprima tres, por favor", "3"),
        ("la segunda opción", "2"),
        ("uno... no, perdón, cuatro", "4"),
        ("no quiero la farmacia, necesito una cita", "1"),
    ],
)
def test_the_menu_engine_understands_spanish_callers(said, key):
    found = match(SPANISH_LINE, said)
    assert (found.intent, found.option.key if found.option else None) == ("option", key)


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("quiero hablar con una persona", "operator"),
        ("no, gracias, eso es todo", "goodbye"),
        ("adiós", "goodbye"),
        ("no necesito hablar con una persona, quiero pagar mi cuenta", "option"),
    ],
)
def test_spanish_requests_for_a_person_and_goodbyes(said, intent):
    assert match(SPANISH_LINE, said).intent == intent


def test_english_is_heard_as_it_is():
    assert as_heard("No, I don't need the pharmacy", "en-US") == "No, I don't need the pharmacy"


def test_claude_is_told_to_answer_in_spanish(make_app, claude_settings, messages_api):
    messages_api.reply_text("¡Claro! Mañana abrimos a las ocho de la mañana.")
    client = make_app(**claude_settings).test_client()
    result = call_app(client, digits("9"), speech("¿a qué hora abren mañana?"), speech("adiós"))
    assert "Mañana abrimos a las ocho" in " ".join(spanish_said(result))
    request = messages_api.requests[0].body
    system = " ".join(block["text"] for block in request["system"])
    assert "answer in Spanish only" in system
    assert "farmacia" in system  # the menu as the caller hears it


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            ('key = "9"\nwords', 'key = "2"\nwords'),
            "[languages.es]: key: '2' must be a key no menu option uses",
        ),
        (('language = "es-US"', 'language = "en-GB"'), "[languages.es]: language: 'en-GB' is not a Spanish"),
        (
            ("[languages.es.names]", '[languages.es.names]\n"janitor" = "el conserje"'),
            "[languages.es.names]: janitor: is not a name",
        ),
        (('[[languages.es.menu]]\nkey = "6"', '[[languages.es.menu]]\nkey = "7"'), "'7' is not a key"),
    ],
)
def test_a_wrong_language_table_names_the_field(tmp_path, change, problem):
    text = SAMPLE_PATH.read_text(encoding="utf-8").replace(*change, 1)
    path = tmp_path / "line.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AssistantError) as raised:
        load(path)
    assert problem in str(raised.value)


def test_an_option_left_untranslated_is_a_warning_and_keeps_its_own_words():
    data = read_toml(SAMPLE_PATH)
    data["languages"]["es"]["menu"].pop()  # the message option
    line = parse(data)
    assert line.speaking("es").menu[-1] == line.menu[-1]
    untranslated = "[languages.es]: menu: option 6 (message) has no [[languages.es.menu]] entry"
    assert [w for w in warnings(line) if "[languages.es]" in w] == [f"assistant: {untranslated}: {WORDS}"]


def test_a_language_without_sentences_of_its_own_is_refused():
    data = read_toml(SAMPLE_PATH)
    data["languages"]["fr"] = data["languages"].pop("es")
    with pytest.raises(AssistantError, match=r"fr: is not a language the line can offer; it can offer"):
        parse(data)


def test_while_closed_a_spanish_caller_hears_the_spanish_closed_greeting_and_may_leave_a_message(
    make_app, tmp_path, db_engine
):
    hours = """[hours]
timezone = "America/New_York"
monday = "08:00-18:00"
tuesday = "08:00-18:00"
wednesday = "08:00-18:00"
thursday = "08:00-18:00"
friday = "08:00-18:00"
closed_greeting = "Thanks for calling. We're closed, and open again {opens}. How can I help?"
"""
    text = SAMPLE_PATH.read_text(encoding="utf-8").replace("[policy]", hours + "\n[policy]", 1)
    text = text.replace(
        'filler = "Un momento, por favor."',
        'filler = "Un momento, por favor."\n'
        'closed_greeting = "Gracias por llamar. Estamos cerrados; abrimos {opens}."',
    )
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    wednesday_night = datetime(2026, 12, 2, 23, 0)
    client = make_app(assistant_path=str(path), clock=wednesday_night).test_client()
    result = call_app(client, digits("9"), digits("3"), speech("soy Ana, llámenme por mi factura"))
    said = spanish_said(result)
    assert said[1] == "Gracias por llamar. Estamos cerrados; abrimos mañana a las 8 de la mañana."
    assert said[2].startswith(
        "Lo siento, en este momento estamos cerrados, así que no puedo comunicarle con facturación."
    )
    assert result.transfers == []
    with Session(db_engine) as session:
        assert session.scalars(select(Message.text)).one() == "soy Ana, llámenme por mi factura"
