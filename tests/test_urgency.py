"""Callers in trouble reach the line's urgent option even when they name no option: they describe
what is happening ("he was hit by a car", "a pipe burst", "we broke down on the highway"), and a
line that has an option for that connects them to it, with or without the semantic tier."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from ivr.assistant import SAMPLE_PATH, AssistantError, MenuOption, load
from ivr.devtools.accuracy import routed
from ivr.devtools.twilio_emulator import speech
from ivr.dialog import urgency, wording
from ivr.dialog.engines.menu import MenuEngine
from testkit import probes
from testkit.lines import made_up_line
from testkit.webhooks import call_app

ASSISTANTS = SAMPLE_PATH.parent
VET = load(ASSISTANTS / "northgate-vet.toml")
GARAGE = load(ASSISTANTS / "maple-auto.toml")
PLUMBER = load(ASSISTANTS / "harbor-plumbing.toml")
CLINIC = load(SAMPLE_PATH)
MENU = MenuEngine()  # phrases only: the rule needs no tier
DENTIST = made_up_line(
    "Oak Street Dental",
    ("check-ups and cleaning", "a check-up or a clean", ["check-up", "cleaning"], ""),
    ("dental emergency", "severe pain, a knocked-out tooth or swelling", ["emergency", "swollen face"], ""),
)

PEST_CONTROL = made_up_line(
    "Greenway Pests",
    ("book a visit", "a technician for mice, ants or wasps", ["book a visit"], ""),
    ("urgent callout", "same-day help for stinging insects", ["urgent", "emergency", "wasp nest"], ""),
    ("prices", "what a treatment costs", ["price", "how much"], ""),
)
HOLIDAY_LETS = made_up_line(  # an urgent option for any emergency: it names no kind of its own
    "Dune Cottages",
    ("book a stay", "book a cottage", ["book", "availability"], ""),
    ("help during your stay", "anything wrong while you stay", ["emergency", "locked out", "broken"], ""),
)
CAR_HIRE = made_up_line(
    "Swift Car Hire",
    ("hire a car", "rent a car by the day", ["hire", "rent a car"], ""),
    ("breakdown help", "roadside help for our cars", ["breakdown", "stranded", "emergency"], ""),
)
PHONE_REPAIRS = made_up_line(
    "Fix It Phones",
    ("screens", "cracked screens", ["cracked screen", "screen repair"], ""),
    ("wet phones", "a phone that got wet: ring straight away", ["water damage", "dropped in water"], ""),
    ("trade in", "sell us your old phone", ["trade in", "sell my phone"], ""),
)
FOOT_CLINIC = made_up_line(
    "Stepwell Feet",
    ("appointments", "routine foot care", ["appointment", "book", "nails cut"], ""),
    (
        "urgent foot problems",
        "same-day help for an infected toe or an ulcer",
        ["urgent", "infected", "ulcer"],
        "",
    ),
    ("insoles", "made-to-measure insoles", ["insoles", "orthotics"], ""),
)
ESTATE_AGENT = made_up_line(  # its urgent option says so, and names one kind of trouble of its own at most
    "Harbour Homes",
    ("selling", "sell your home with us", ["sell my house", "valuation"], ""),
    ("renting", "homes to rent", ["to rent", "lettings"], ""),
    ("repairs", "report a repair or an emergency in a home we manage", ["report a repair", "emergency"], ""),
)
LETTINGS = made_up_line(
    "Elm Lettings",
    ("repairs", "everyday repairs in your home", ["repair", "broken"], ""),
    ("emergency repairs", "a flood, a gas smell or no heat", ["emergency", "flood", "gas smell"], ""),
    ("rent", "paying your rent", ["rent"], ""),
)


@pytest.mark.parametrize(
    ("line", "said", "option"),
    [
        (VET, "our cat was attacked by a dog and she's bleeding from the neck", "emergency"),
        (VET, "I think the puppy swallowed one of my pills", "emergency"),
        (VET, "he had a seizure a minute ago and he's still shaking", "emergency"),
        (GARAGE, "we've broken down on the interstate with two kids in the car", "towing and breakdowns"),
        (GARAGE, "the engine is overheating and I'm on the side of the road", "towing and breakdowns"),
        (GARAGE, "my truck will not start and I have to get to work", "towing and breakdowns"),
        (PLUMBER, "there's a pipe burst in the basement", "emergency"),
        (PLUMBER, "I can smell gas in the kitchen", "emergency"),
        (PLUMBER, "the heating is off, there is no heat and the baby is freezing", "emergency"),
        (PLUMBER, "we haven't got any heating since last night", "emergency"),
        (PLUMBER, "we do not have any heat upstairs", "emergency"),
        (VET, "she's gasping and her gums are turning blue", "emergency"),
        (VET, "our retriever got into the antifreeze in the garage", "emergency"),
        (GARAGE, "my brakes gave out coming down the hill", "towing and breakdowns"),
        (GARAGE, "I blew a tire and I am on the shoulder of the highway", "towing and breakdowns"),
        (GARAGE, "there's steam coming out from under the hood", "towing and breakdowns"),
        (GARAGE, "my car is totally dead in the driveway", "towing and breakdowns"),
        (PLUMBER, "the sewer is backing up into the basement", "emergency"),
        (PLUMBER, "water is coming through the ceiling in the kitchen", "emergency"),
        (DENTIST, "I cracked a tooth on an olive stone at dinner", "dental emergency"),
        (DENTIST, "his front tooth fell out when he came off his bike", "dental emergency"),
        (DENTIST, "there's an abscess and my whole jaw is swollen", "dental emergency"),
        (DENTIST, "my crown came off and the nerve is exposed", "dental emergency"),
        (DENTIST, "my brace wire snapped and it's poking my cheek", "dental emergency"),
        (
            VET,
            "the dog's belly is all swollen and hard and he's pacing",
            "emergency",
        ),  # "all" changes nothing
        (VET, "my cat keeps going to the litter box but nothing comes out", "emergency"),
        (VET, "a bee stung my dog on the nose", "emergency"),
        (
            PEST_CONTROL,
            "there's a swarm round the front door and my son is allergic to stings",
            "urgent callout",
        ),
        (PEST_CONTROL, "hornets are pouring out of a hole in the wall by the swing", "urgent callout"),
        (LETTINGS, "the power has gone out in our flat", "emergency repairs"),
        (LETTINGS, "a window got smashed and there's glass everywhere", "emergency repairs"),
        (probes.SPARKS, "half the house has gone dark and the breaker won't stay up", "emergency callout"),
        (probes.LOCK, "I've shut the door with my keys inside and I'm on the doorstep", "locked out"),
        (
            probes.ROOF,
            "the chimney's leaning and bits of brick are falling into the garden",
            "emergency repairs",
        ),
        (probes.ROOF, "some tiles blew off in the storm and it's going to rain tonight", "emergency repairs"),
        (probes.ROOF, "there's water dripping through the light fitting in the landing", "emergency repairs"),
        (
            probes.ROOF,
            "the gale took half the slates off and I can see the sky from the loft",
            "emergency repairs",
        ),
        (LETTINGS, "rain's getting in round the bedroom window and the carpet's soaked", "emergency repairs"),
        (LETTINGS, "a branch came down on the flat roof last night", "emergency repairs"),
        (
            FOOT_CLINIC,
            "my toe's gone red and hot and the redness is spreading up my foot",
            "urgent foot problems",
        ),
        (FOOT_CLINIC, "there's pus oozing from round my nail and it's throbbing", "urgent foot problems"),
        (ESTATE_AGENT, "water's pouring through the kitchen ceiling from the flat upstairs", "repairs"),
        (ESTATE_AGENT, "we've had no heating since yesterday and there's a newborn in the house", "repairs"),
        (PHONE_REPAIRS, "my phone went in the bath a minute ago", "wet phones"),
        (PHONE_REPAIRS, "I've just spilt coffee on my tablet", "wet phones"),
        (PHONE_REPAIRS, "it fell down the toilet, should I switch it off", "wet phones"),
        (probes.SPARKS, "the kitchen socket went bang and there are black marks on it", "emergency callout"),
        (probes.SPARKS, "water got into the light fitting and now it's crackling", "emergency callout"),
        (
            probes.SPARKS,
            "the hallway light went pop and now nothing works in that part of the house",
            "emergency callout",
        ),
    ],
)
def test_a_caller_describing_trouble_reaches_the_urgent_option(line, said, option):
    assert routed(line, MENU, said) == option


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (VET, "it's not an emergency, I'd like to book his annual shots"),
        (VET, "he was bleeding last week, but now I need to pay the bill"),
        (GARAGE, "no accident or anything, I just want a quote for new brakes"),
        (PLUMBER, "there's no flooding, it's just a slow drip under the sink"),
        (PLUMBER, "we don't have any heating problems, I'd like a quote for a new bathroom"),
        (PEST_CONTROL, "how much to remove a hornets nest next month"),
        (PEST_CONTROL, "is the spray safe, my son is allergic to lots of things"),
        (VET, "my dog won't eat his new food, should I switch brands"),
    ],
)
def test_trouble_that_is_denied_or_past_does_not_decide(line, said):
    assert routed(line, MENU, said) not in ("emergency", "towing and breakdowns")


@pytest.mark.parametrize(
    "said",
    [
        "my car needs new brakes",
        "the brakes squeak when I stop",
        "I'd like a quote for a new transmission",
        "how much is a new battery",
        "I need a flat tire fixed",
        "I need new shocks on my truck",
        "my tyres need replacing before winter",
        "the steering wheel shakes at high speed",
        "I'm stuck in traffic and will be late for my appointment",
        "I can't move my appointment to Friday, can I cancel it",
        "the heating needs a service",
        "can I book a service for my boiler",
        "the water heater needs a new thermostat",
        "there's a small drip under the bathroom sink",
        "my dog needs his annual shots",
        "is this flea medicine safe for cats",
        "my dog is limping a little, can we book a visit",
        "what's the total on my bill",
        "I need an estimate for collision repair",
        "one of my hazard lights stopped working",
        "I had a fender bender, can you look at the bumper",
        "I didn't get the invoice you emailed me",
        "we did not get back to you about the quote",
        "I need a parking permit so my car doesn't get towed",
        "I got hit with a surprise bill after my cleaning",
        "my smoke alarms keep chirping",  # a battery, not smoke
        "my kitchen tap has been dripping for about a week",
        "I'd like a quote to replace the tiles on the porch roof",
    ],
)
def test_an_ordinary_request_is_not_trouble(said):
    assert not urgency.in_distress(said)


def test_a_key_the_caller_names_wins_over_what_they_describe():
    assert routed(GARAGE, MENU, "the car broke down last month, option six please") == "billing"


def test_a_line_without_an_urgent_option_is_left_as_it_was():
    assert urgency.urgent_option(CLINIC) is None
    assert urgency.urgent_for(CLINIC, "my husband collapsed in the kitchen") is None


def test_an_option_that_names_one_kind_of_trouble_in_passing_is_no_urgent_option():
    physio = made_up_line(
        "Northside Physio",
        ("book a visit", "a first or a follow-up session", ["book an appointment"], ""),
        ("sports massage", "a massage for sore or injured muscles", ["sports massage"], ""),
    )
    assert urgency.urgent_option(physio) is None


def test_two_options_that_describe_trouble_alike_are_no_urgent_option():
    twins = (
        MenuOption("1", "pets", "an injured or poisoned pet", ("bleeding",)),
        MenuOption("2", "people", "an injured or poisoned person", ("bleeding",)),
    )
    assert urgency.urgent_option(replace(VET, menu=twins)) is None


def test_a_line_in_another_language_has_no_urgent_option():
    assert urgency.urgent_option(replace(VET, language="es-MX")) is None


@pytest.mark.parametrize("situation", urgency.DISTRESS)
def test_every_situation_is_heard_when_said_and_not_when_denied(situation):
    assert urgency.in_distress(f"please help, {situation}")
    assert not urgency.in_distress(f"it's fine, there is not {situation} at all")


def test_a_caller_in_trouble_is_put_through_to_the_emergency_line(make_app):
    client = make_app(assistant_path=str(ASSISTANTS / "northgate-vet.toml")).test_client()
    result = call_app(client, speech("my dog just got hit by a car on our street"), to="+15555550399")
    assert [t.number for t in result.transfers] == [VET.directory["emergency vet"]]


@pytest.mark.parametrize(
    ("line", "said", "urgent"),
    [
        (PLUMBER, "my husband collapsed in the kitchen and he isn't breathing", False),  # for an ambulance
        (VET, "the basement is flooding", False),  # the vet's emergency is a pet's
        (GARAGE, "I'm locked out of my car and the kids are inside", True),  # anywhere: a car, a home
        (PLUMBER, "there's smoke coming from the boiler", True),
        (HOLIDAY_LETS, "I can smell gas in the kitchen of the cottage", True),  # where the caller stays
        (HOLIDAY_LETS, "the bathroom is flooding", True),
        (HOLIDAY_LETS, "my son fell off his bike and cut his knee", False),  # a person's is no building's
        (HOLIDAY_LETS, "we've been burgled while we were out at the beach", True),  # anywhere
        (CAR_HIRE, "I've got a flat on the motorway and no spare", True),
        (CAR_HIRE, "we're stuck in the car park at the airport with a flat", True),
        (LETTINGS, "the breaker won't stay up and half the flat is dark", True),
        (LETTINGS, "we won't be staying on after the lease ends", False),  # no "won't stay up"
    ],
)
def test_the_urgent_option_answers_only_the_kinds_of_trouble_its_words_describe(line, said, urgent):
    assert (urgency.urgent_for(line, said) is not None) is urgent


# A life in danger: only emergency services can help, unless the urgent option says it answers such
# situations itself (the vet's "not breathing", "collapsed"). HAIR_SALON has no urgent option at all.
HAIR_SALON = made_up_line(
    "Clip Joint",
    ("appointments", "booking a cut or colour", ["book", "appointment"], ""),
    ("products", "shampoo, conditioner and styling products", ["products"], ""),
)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (DENTIST, "I'm having chest pain right now"),
        (DENTIST, "my husband's face is swelling and he's having trouble breathing"),
        (CLINIC, "my dad collapsed in the kitchen and he isn't breathing"),
        (CLINIC, "I think my son took an overdose"),
        (GARAGE, "we crashed on the highway and my wife is unconscious"),
        (HAIR_SALON, "a customer just had a seizure in your salon"),
        (HAIR_SALON, "please call an ambulance, I think she's having a stroke"),
    ],
)
def test_a_life_in_danger_the_line_cannot_answer_hears_to_call_emergency_services(line, said):
    assert urgency.life_in_danger(line, said)
    assert routed(line, MENU, said) == "none"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (VET, "my cat collapsed and she isn't breathing"),  # the vet's emergency answers it
        (DENTIST, "my tooth got knocked out and it's bleeding"),  # a dental emergency, no more
        (CLINIC, "it's not a heart attack or anything, I need a refill"),  # denied
        (CLINIC, "I had chest pain last month, but now I need my test results"),  # past
        (DENTIST, "he's breathing fine, option two please"),  # a key
        (replace(DENTIST, language="es-MX"), "chest pain"),  # the situations are English words
    ],
)
def test_no_life_in_danger_or_one_the_line_answers_is_left_to_the_menu(line, said):
    assert not urgency.life_in_danger(line, said)


@pytest.mark.parametrize(
    ("language", "number"),
    [("en-US", "911"), ("en-CA", "911"), ("en-GB", "999"), ("en-AU", "000"), ("de-DE", "112"), ("en", "911")],
)
def test_the_emergency_number_is_the_one_of_the_lines_region(language, number):
    assert wording.emergency_number(replace(CLINIC, language=language)) == number


def test_a_line_may_name_its_own_emergency_number(tmp_path):
    line = SAMPLE_PATH.read_text().replace(
        'operator = "front desk"', 'operator = "front desk"\nemergency_number = "119"'
    )
    path = tmp_path / "clinic.toml"
    path.write_text(line)
    assert "please hang up and call 119 now" in wording.of(load(path)).life_in_danger(load(path))


def test_an_emergency_number_that_is_not_digits_is_refused_by_name(tmp_path):
    line = SAMPLE_PATH.read_text().replace(
        'operator = "front desk"', 'operator = "front desk"\nemergency_number = "nine one one"'
    )
    path = tmp_path / "clinic.toml"
    path.write_text(line)
    with pytest.raises(
        AssistantError, match="emergency_number: 'nine one one' is not a phone number's digits"
    ):
        load(path)


def test_a_caller_whose_life_is_in_danger_hears_to_call_911_and_is_not_transferred(make_app, db_engine):
    client = make_app(assistant_path=str(SAMPLE_PATH)).test_client()
    result = call_app(client, speech("my husband collapsed and he isn't breathing"))
    assert result.transfers == []
    assert any("please hang up and call 911 now" in heard.text for heard in result.heard)
    with db_engine.connect() as connection:
        notes = connection.scalars(text("SELECT note FROM turns WHERE role = 'assistant'")).all()
    assert "life-in-danger" in notes


def test_a_child_who_swallowed_tablets_is_a_life_in_danger():
    assert urgency.life_in_danger(CLINIC, "my little boy swallowed some of my tablets")
    assert routed(VET, MENU, "the puppy swallowed some of my tablets") == "emergency"
