import dataclasses

import pytest

from ivr.assistant import SAMPLE_PATH, Assistant, load, parse
from ivr.devtools.accuracy import load_labelled
from ivr.dialog.matching import _heard_as, _listening, match, similarity, tokenize


@pytest.fixture(scope="module")
def clinic() -> Assistant:
    return load(SAMPLE_PATH)


@pytest.fixture(scope="module")
def garage() -> Assistant:
    """A second, unrelated business, so the matcher is not only right about the sample."""
    return parse(
        {
            "name": "Northside Garage",
            "greeting": "Northside Garage, how can we help?",
            "operator": "workshop",
            "directory": {"workshop": "+15555550200", "parts": "+15555550201"},
            "menu": [
                {
                    "key": "1",
                    "name": "service booking",
                    "description": "book a service, MOT or repair",
                    "phrases": ["service", "repair", "inspection", "oil change", "brakes"],
                    "transfer": "workshop",
                },
                {
                    "key": "2",
                    "name": "parts",
                    "description": "order spare parts and tyres",
                    "phrases": ["spare parts", "tyres", "tires", "order a part"],
                    "transfer": "parts",
                },
                {
                    "key": "3",
                    "name": "opening times",
                    "description": "when we are open",
                    "phrases": ["opening times", "hours", "when are you open"],
                    "say": "We are open 8 to 5, Monday to Friday.",
                },
            ],
        }
    )


def chose(assistant: Assistant, utterance: str) -> str:
    result = match(assistant, utterance)
    return result.option.name if result.option else result.intent


def test_the_option_name_alone_is_understood(clinic):
    assert chose(clinic, "Pharmacy.") == "pharmacy"


def test_buried_intent_in_a_long_sentence_is_found(clinic):
    utterance = "hi yes good morning so um I was hoping somebody could help me sort out a refill for my mom"
    assert chose(clinic, utterance) == "pharmacy"


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("I'd like to make a point meant", "appointments"),
        ("I need a re fill please", "pharmacy"),
        ("there's a problem with my bell", "billing"),
        ("is this the far macy", "pharmacy"),
        ("perscription", "pharmacy"),
        ("I want my blood work", "test results"),
        ("my bloodwork came back", "test results"),
    ],
)
def test_misrecognised_split_and_joined_words_still_match(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("option three", "billing"),
        ("press 2", "pharmacy"),
        ("number four please", "test results"),
        ("the first one", "appointments"),
        ("uh the fifth option", "hours and location"),
        ("five", "hours and location"),
        ("option to", "pharmacy"),
    ],
)
def test_spoken_keys_and_ordinals_choose_that_option(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


def test_a_long_number_is_not_taken_for_a_menu_key(clinic):
    assert chose(clinic, "my account number is 4 4 1 9 2") == "none"


def test_a_key_that_is_not_on_the_menu_matches_nothing(clinic):
    assert chose(clinic, "option eight") == "none"


def test_saying_zero_reaches_the_operator(clinic):
    assert chose(clinic, "zero") == "operator"


@pytest.mark.parametrize(
    "utterance",
    ["can I just speak to a real person", "representative", "get me a human", "the front desk please"],
)
def test_asking_for_a_person_reaches_the_operator(clinic, utterance):
    assert chose(clinic, utterance) == "operator"


def test_asking_for_a_person_about_an_option_goes_to_that_option(clinic):
    assert chose(clinic, "can I talk to someone about paying my bill") == "billing"


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("not the pharmacy, billing", "billing"),
        ("I don't want to reschedule anything, I'm calling for my x-ray results", "test results"),
        ("I'm not calling about my bill I need a refill", "pharmacy"),
        ("the pharmacy instead of billing", "pharmacy"),
    ],
)
def test_negated_option_is_not_chosen(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


def test_a_negated_possession_does_not_hide_the_request(clinic):
    assert chose(clinic, "I still haven't got my lab results") == "test results"


def test_only_negated_options_match_nothing(clinic):
    assert chose(clinic, "it's not about billing") == "none"


@pytest.mark.parametrize(
    "utterance",
    ["what's the weather going to be like", "I'd like to order a large pepperoni", "yes", "blah blah"],
)
def test_off_menu_speech_matches_nothing(clinic, utterance):
    assert chose(clinic, utterance) == "none"


def test_two_equally_strong_requests_are_not_guessed_between(clinic):
    assert chose(clinic, "refill and insurance") == "none"


@pytest.mark.parametrize("utterance", ["no thank you, that's everything", "bye now", "I'm all set thanks"])
def test_caller_who_is_done_says_goodbye(clinic, utterance):
    assert chose(clinic, utterance) == "goodbye"


def test_a_request_after_politeness_is_not_a_goodbye(clinic):
    assert chose(clinic, "no thanks, I'd actually like to check my balance") == "billing"


def test_an_option_match_carries_a_score_between_zero_and_one(clinic):
    result = match(clinic, "I need a refill")
    assert 0.7 <= result.score <= 1.0


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("my brakes are making a noise", "service booking"),
        ("do you have winter tires in stock", "parts"),
        ("what time are you open till", "opening times"),
        ("put me through to the workshop", "operator"),
        ("can I order a pizza", "none"),
    ],
)
def test_another_business_is_routed_by_its_own_phrases(garage, utterance, expected):
    assert chose(garage, utterance) == expected


def test_when_two_options_tie_the_last_clause_decides(clinic):
    utterance = "I picked up my prescription yesterday. Now there is a charge on my card I don't recognise."
    assert chose(clinic, utterance) == "billing"


def test_what_the_caller_already_has_is_context_not_the_request(clinic):
    assert chose(clinic, "I already booked an appointment, what's your address") == "hours and location"


def test_a_lone_word_of_the_description_does_not_choose_an_option(clinic):
    assert chose(clinic, "can I book a hotel room") == "none"


def test_a_dropped_initial_h_is_still_heard(clinic):
    assert chose(clinic, "what are your ours on Saturday") == "hours and location"


@pytest.mark.parametrize("utterance", ["do me a favor", "I got a few calls from this number", "of course"])
def test_words_that_only_look_alike_are_not_taken_for_menu_words(clinic, utterance):
    assert chose(clinic, utterance) == "none"


def test_a_repeated_key_chooses_that_option(clinic):
    assert chose(clinic, "four, four") == "test results"


def test_the_last_one_chooses_the_last_option(clinic):
    assert chose(clinic, "the last one") == "message"


def test_refusing_the_machine_reaches_the_operator(clinic):
    assert chose(clinic, "I do not want to talk to a robot") == "operator"


def test_thanks_and_nothing_else_is_a_goodbye(clinic):
    assert chose(clinic, "thank you so much") == "goodbye"


def test_assistants_that_differ_only_in_their_phrases_route_by_their_own(garage):
    service, parts, *rest = garage.menu
    moved = dataclasses.replace(
        garage,
        menu=(
            dataclasses.replace(service, phrases=tuple(p for p in service.phrases if p != "brakes")),
            dataclasses.replace(parts, phrases=(*parts.phrases, "brakes")),
            *rest,
        ),
    )
    assert chose(garage, "my brakes are making a noise") == "service booking"
    assert chose(moved, "my brakes are making a noise") == "parts"


def test_a_caller_word_is_compared_with_every_menu_word_it_may_be(clinic):
    """The matcher compares what was said only with menu words of a similar key or spelling; checking
    each against every menu word must find nothing more."""
    listening = _listening(clinic)
    phrases = [*(p for option in listening.options for p in option.phrases), *listening.operator]
    listened_for = {word for phrase in phrases for word in phrase.words}
    rows = load_labelled(SAMPLE_PATH.with_name("riverside-clinic.utterances.csv"))
    said = set()
    for row in rows:
        words = [w for w in tokenize(row.utterance) if w != ","]
        said |= {"".join(words[i : i + size]) for size in (1, 2, 3) for i in range(len(words))}
    for word in said:
        everything = {w: s for w in listened_for if (s := similarity(word, w)) > 0}
        assert dict(_heard_as(listening.vocabulary, word)) == everything, word
