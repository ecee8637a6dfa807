"""The menu engine's semantic tier and its questions back: what a caller means is understood when
no phrase names it, words with no meaning and negated words are not guessed from, and two options
named alike are asked about once, then settled by a name, a key, yes, the other one, or neither."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from ivr.assistant import SAMPLE_PATH, load, parse
from ivr.devtools.accuracy import routed
from ivr.devtools.twilio_emulator import digits, speech
from ivr.dialog.engines.menu import MenuEngine
from ivr.dialog.understanding import Meaning, Understanding
from testkit import probes
from testkit.lines import made_up_line
from testkit.webhooks import call_app, heard

CLINIC = load(SAMPLE_PATH)
GARAGE = load(SAMPLE_PATH.parent / "maple-auto.toml")
VET = load(SAMPLE_PATH.parent / "northgate-vet.toml")
ASKED = "Sorry, is that about the pharmacy, or billing? You can also press 2 or 3."


@pytest.fixture(scope="module")
def semantic() -> MenuEngine:
    return MenuEngine(Understanding.load())


def test_words_no_phrase_names_are_understood_by_meaning(semantic):
    said = "do you look after dogs while people are away"
    assert routed(VET, MenuEngine(), said) == "none"
    assert routed(VET, semantic, said) == "boarding and grooming"


@pytest.mark.parametrize(
    "said",
    ["um I'm just calling to see", "I don't need the pharmacy", "yeah so, about that thing", "hmm okay well"],
)
def test_words_that_mean_nothing_here_or_are_negated_are_not_guessed_from(semantic, said):
    assert routed(CLINIC, semantic, said) == "none"


def test_an_off_menu_request_is_offered_the_choices_again(semantic):
    assert routed(CLINIC, semantic, "can you recommend a good plumber") == "none"


def test_a_request_nearer_to_no_business_than_to_any_option_is_not_guessed():
    assert Understanding.load().meaning(CLINIC, "do you know a good lawyer") == Meaning()
    # Words of an option's intent ("scan", "x-ray") make it near; a request no option serves that
    # is nearer still keeps it off the menu.
    said = "the airport scan and x-ray of my luggage"
    embeddings = Understanding.load().embeddings
    assert Understanding(embeddings, none_of_these=()).meaning(CLINIC, said).option == CLINIC.option("4")
    assert Understanding(embeddings, none_of_these=(said,)).meaning(CLINIC, said) == Meaning()


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("can you wash and clip our spaniel", "boarding and grooming"),  # "washed, clipped or groomed"
        ("we need worm treatment for the kittens", "pharmacy"),  # "flea or worm treatment"
        ("how did the biopsy go", "test results and updates"),  # "blood work, x-ray or biopsy"
    ],
)
def test_words_only_one_option_s_intent_uses_point_to_that_option(semantic, said, option):
    assert routed(VET, MenuEngine(), said) == "none"  # no phrase of the vet's line names them
    assert routed(VET, semantic, said) == option


@pytest.mark.parametrize("engine", ["phrases only", "semantic tier"])
def test_two_options_named_alike_are_asked_about(engine, semantic):
    menu = semantic if engine == "semantic tier" else MenuEngine()
    assert routed(CLINIC, menu, "a question about the pharmacy bill") == "which:pharmacy|billing"


@pytest.mark.parametrize(
    ("answer", "reached"),
    [
        (speech("billing"), "+15555550102"),
        (speech("the pharmacy one"), "+15555550101"),
        (digits("3"), "+15555550102"),
        (speech("yes"), "+15555550101"),
        (speech("the other one"), "+15555550102"),
    ],
    ids=["a name", "the other name", "a key", "yes: the first", "the other one"],
)
def test_the_question_is_settled_by_the_next_answer(client, answer, reached):
    result = call_app(client, speech("a question about the pharmacy bill"), answer)
    assert ASKED in heard(result)
    assert [transfer.number for transfer in result.transfers] == [reached]


def test_neither_reads_the_choices_again(client):
    result = call_app(client, speech("a question about the pharmacy bill"), speech("neither"), digits("5"))
    assert "Sorry, I can't help with that here. You can choose:" in heard(result)
    assert not result.transfers


def test_the_line_asks_which_only_once_in_a_row(client):
    unclear = speech("a question about the pharmacy bill")
    result = call_app(client, unclear, unclear, digits("5"))
    assert heard(result).count(ASKED) == 1
    assert "You can choose:" in heard(result)


def test_a_line_with_the_tier_off_loads_no_embeddings():
    code = (
        "import sys; from ivr import create_app; from ivr.config import Settings; "
        "create_app(Settings(database_url='sqlite://', twilio_auth_token='t', semantic_tier='off')); "
        "print('numpy' in sys.modules)"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )


# ("my electric bill" and "my cable bill" are re-offered the choices with or without the tier:
# test_everyday.py)
@pytest.mark.parametrize("said", ["I'm calling about my heating bill"])
def test_a_word_of_another_business_that_names_an_option_is_offered_the_choices_again(semantic, said):
    assert routed(CLINIC, MenuEngine(), said) == "billing"
    assert routed(CLINIC, semantic, said) == "none"


def test_an_option_named_by_one_qualified_word_is_kept_when_the_words_are_not_off_the_menu(semantic):
    assert routed(CLINIC, semantic, "do you take Cigna?") == "billing"


@pytest.mark.parametrize(
    ("line", "said", "by_phrases", "understood"),
    [
        # where the request is an everyday one, the phrases alone reach it too (test_everyday.py)
        (
            CLINIC,
            "the visit was good, but how do I get to you from the highway",
            "hours and location",
            "hours and location",
        ),
        (
            GARAGE,
            "the new tires were great, thank you, but I think you charged me twice",
            "billing",
            "billing",
        ),
    ],
)
def test_after_praise_for_what_was_done_the_request_that_follows_but_decides(
    semantic, line, said, by_phrases, understood
):
    assert routed(line, MenuEngine(), said) == by_phrases
    assert routed(line, semantic, said) == understood


@pytest.mark.parametrize(
    ("line", "said", "by_phrases", "understood"),
    [
        (
            VET,
            "the grooming went great, thanks, now how did her biopsy go",
            "boarding and grooming",
            "test results and updates",
        ),
        (
            VET,
            "the refill was fine, now how do I get to you from the highway",
            "hours and directions",
            "hours and directions",
        ),
        (
            CLINIC,
            "the visit was good. Now how do I get to you from the highway?",
            "hours and location",
            "hours and location",
        ),
        (
            GARAGE,
            "the oil change went fine, when will my truck be ready",
            "repair status",
            "repair status",
        ),
    ],
)
def test_after_a_clause_of_praise_the_request_that_follows_decides_without_a_but(
    semantic, line, said, by_phrases, understood
):
    assert routed(line, MenuEngine(), said) == by_phrases
    assert routed(line, semantic, said) == understood


def test_a_request_before_but_still_decides_when_what_follows_is_no_aside(semantic):
    said = "my doctor sent the prescription to the pharmacy but they say they never got it"
    assert routed(CLINIC, semantic, said) == "pharmacy"


# The deep tier (SEMANTIC_TIER=deep): the transformer's second opinion on what the static tier leaves
# unplaced. The lines are made up for these tests.
HARDWARE_TOML = """
name = "Oakridge Hardware"
greeting = "Oakridge Hardware, how can we help?"
operator = "desk"

[[menu]]
key = "1"
name = "tools and hardware"
description = "hand tools, power tools, screws and fixings"
intent = "Someone looking for tools or hardware."
phrases = ["tools", "hardware", "screws"]
transfer = "team"

[[menu]]
key = "2"
name = "garden centre"
description = "plants, seeds, compost and garden supplies"
intent = "Someone shopping for the garden."
phrases = ["garden", "plants", "seeds"]
transfer = "team"

[[menu]]
key = "3"
name = "paint"
description = "paint, colour matching and decorating supplies"
intent = "Someone who needs paint or decorating supplies."
phrases = ["paint", "colour match", "decorating"]
transfer = "team"

[[menu]]
key = "4"
name = "orders and deliveries"
description = "orders placed online or by phone, and delivery"
intent = "A customer checking on an order or a delivery."
phrases = ["my order", "delivery", "order status"]
transfer = "team"

[directory]
desk = "+15555550800"
team = "+15555550801"
"""
HARDWARE = parse(tomllib.loads(HARDWARE_TOML))
PET_CLINIC = made_up_line(
    "Willow Vets",
    (
        "emergency",
        "an animal badly hurt or suddenly very ill",
        ["emergency", "urgent", "hurt"],
        "A pet owner whose animal is badly hurt or suddenly very ill.",
    ),
    (
        "appointments",
        "check-ups, vaccinations and visits",
        ["appointment", "check-up", "vaccination"],
        "A pet owner who wants to book a visit for their animal.",
    ),
)


@pytest.fixture(scope="module")
def deep() -> MenuEngine:
    return MenuEngine(Understanding.load(deep=True))


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("I need a cordless drill", "tools and hardware"),
        ("can you match this eggshell shade for my hallway", "paint"),
        ("a tin of white gloss", "paint"),
        ("a roll of wallpaper", "paint"),
        ("a bag of potting soil please", "garden centre"),
        ("is the stuff I bought online on its way", "orders and deliveries"),
    ],
)
def test_the_deep_tier_knows_what_the_static_tier_cannot(semantic, deep, said, option):
    assert routed(HARDWARE, semantic, said) == "none"
    assert routed(HARDWARE, deep, said) == option


@pytest.mark.parametrize(
    "said",
    ["I think I have the wrong number", "do you sell groceries", "can you recommend a good plumber"],
)
def test_the_deep_tier_still_offers_the_choices_again_to_a_request_no_option_serves(deep, said):
    assert routed(HARDWARE, deep, said) == "none"


def test_the_deep_tier_never_picks_the_option_the_caller_ruled_out(deep):
    assert routed(PET_CLINIC, deep, "she's been limping since Sunday") == "emergency"
    assert routed(PET_CLINIC, deep, "it's not an emergency, she's been limping since Sunday") == "none"


def test_a_caller_asking_for_paint_in_its_own_words_is_put_through_with_the_deep_tier(make_app, tmp_path):
    line = tmp_path / "hardware.toml"
    line.write_text(HARDWARE_TOML, encoding="utf-8")
    for tier, reached in (("static", []), ("deep", ["+15555550801"])):
        client = make_app(assistant_path=str(line), semantic_tier=tier).test_client()
        result = call_app(client, speech("a tin of white gloss"), speech("goodbye"))
        assert [transfer.number for transfer in result.transfers] == reached


@pytest.mark.parametrize(
    ("said", "first"),
    [
        ("do you look after dogs while people are away, and also how much do I owe", "boarding and grooming"),
        ("can you wash and clip our spaniel, and I also need to pay my bill", "boarding and grooming"),
        ("we need worm treatment for the kittens and also what time do you close", "pharmacy"),
    ],
)
def test_of_two_requests_joined_by_also_the_first_is_asked_first_even_in_the_callers_words(
    semantic, said, first
):
    assert routed(VET, semantic, said) == first


def test_an_everyday_request_in_the_first_of_two_decides_before_the_tier(semantic):
    said = "I need to move my Thursday session and also ask about a sports massage"
    assert routed(probes.PHYSIO, semantic, said) == "change or cancel"


def test_the_first_of_two_requests_needs_less_of_the_tier_than_a_request_alone(semantic):
    said = "could you trim my dog's nails"
    assert routed(VET, semantic, said) == "none"  # alone, not near enough to be taken
    assert routed(VET, semantic, f"{said}, and also what do I owe you") == "boarding and grooming"
