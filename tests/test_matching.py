import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivr.assistant import SAMPLE_PATH, Assistant, load, parse
from ivr.devtools.accuracy import load_labelled, routed
from ivr.dialog.engines.menu import MenuEngine
from ivr.dialog.matching import (
    _heard_as,
    _listening,
    is_presence_check,
    match,
    may_ask_for_a_person,
    similarity,
    spoken_key,
    tokenize,
)
from testkit.lines import made_up_line

NUMBERS = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six"}
ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth", "6": "sixth"}


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


@pytest.fixture(scope="module")
def roofer() -> Assistant:
    """A line that gives prices before the work and takes payment after it, as two options."""
    return parse(
        {
            "name": "Ridgeline Roofing",
            "greeting": "Ridgeline Roofing, how can we help?",
            "operator": "office",
            "directory": {"office": "+15555550600", "crew": "+15555550601"},
            "menu": [
                {
                    "key": "1",
                    "name": "repairs",
                    "description": "leaks and storm damage",
                    "phrases": ["repair", "leak", "roof repair"],
                    "transfer": "crew",
                },
                {
                    "key": "2",
                    "name": "estimates",
                    "description": "a price before the work",
                    "phrases": ["estimate", "quote", "price"],
                    "transfer": "office",
                },
                {
                    "key": "3",
                    "name": "billing",
                    "description": "invoices and payments",
                    "phrases": ["billing", "invoice", "payment"],
                    "transfer": "office",
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
    "utterance", ["something for my son", "can I ask for my son", "the form is for my son"]
)
def test_small_words_run_together_are_no_menu_word(clinic, utterance):
    assert chose(clinic, utterance) != "pharmacy"  # "for my" is no "pharmacy"


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
        ("I pressed two", "pharmacy"),
        ("hit 4", "test results"),
        ("give me three", "billing"),
        ("two is what I want", "pharmacy"),
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
    [
        "can I just speak to a real person",
        "representative",
        "get me a human",
        "the front desk please",
        "just put me through to the manager",
        "can I speak to whoever's in charge",
        "is there someone in charge I could talk to",
        "can I talk to one of your staff",
        "could I speak to a member of staff please",
        "who can I speak to about this",
        "can you put me through to a member of your team",
        "I'd like a word with the boss",
        "transfer me please",
        "I'd like to speak to whoever handles complaints",
        "can I talk to one of the girls",
        "could I speak to the hygienist please",
        "put me through to one of the partners",
        "I'd like to talk to my caseworker",
    ],
)
def test_asking_for_a_person_reaches_the_operator(clinic, utterance):
    assert chose(clinic, utterance) == "operator"


@pytest.mark.parametrize(
    "utterance",
    [
        "my wife had an operation on Monday",
        "the chain on the gate has rusted through",
        "is there ten percent off for students",
        "we're camping in a tent nearby",
    ],
)
def test_a_word_that_only_sounds_like_a_person_asks_for_nobody(clinic, utterance):
    assert chose(clinic, utterance) != "operator"


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("can I speak to Mrs Jones, she sorted out my bill last time", "operator"),
        ("is Sam about, he did my prescription", "operator"),
        ("could I talk to Priya please, it's about my test results", "operator"),
        ("I need to see Dr Patel about my knee", "appointments"),  # seeing a doctor is a visit
    ],
)
def test_someone_asked_for_by_name_first_is_put_through_whatever_follows(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


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


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("nothing is wrong with my prescription, I have a question about my bill", "billing"),
        ("it's nothing to do with billing, I need a refill", "pharmacy"),
        ("nothing has been booked yet, I'm calling for my x-ray results", "test results"),
    ],
)
def test_what_nothing_is_said_of_is_negated(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


def test_a_negated_possession_does_not_hide_the_request(clinic):
    assert chose(clinic, "I still haven't got my lab results") == "test results"


TYRES = made_up_line(
    "Hilltop Tyres",
    ("new tyres", "buying tyres", ["new tyres", "tyre prices"], ""),
    ("wheel alignment", "tracking", ["wheel alignment", "tracking check"], ""),
    ("puncture repair", "fixing a puncture", ["puncture repair", "slow puncture"], ""),
)


@pytest.mark.parametrize(
    ("line", "said", "option"),
    [
        ("clinic", "not billing, the blood one", "test results"),
        (TYRES, "I don't want new tyres, I want to fix it", "puncture repair"),
        (TYRES, "not the alignment, do you sell sandwiches", "none"),  # no option's word after it
        (TYRES, "not the alignment, the tyres", "new tyres"),
    ],
)
def test_after_turning_down_an_option_a_word_only_another_option_holds_names_it(line, said, option, clinic):
    assert routed(clinic if line == "clinic" else line, MenuEngine(), said) == option


CATTERY = made_up_line(
    "Purrfect Stays",
    ("book a stay", "a room for your cat", ["book", "stay"], ""),
    ("vaccinations", "what your cat needs before it stays", ["vaccinations", "requirements"], ""),
    ("kids club", "cat care lessons for children", ["kids club"], ""),
    ("cycle courier", "we collect cats by bike", ["bike collection"], ""),
)


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("does she need her jabs done first", "vaccinations"),
        ("is there a club for children", "kids club"),
        ("can you collect him by bicycle", "cycle courier"),
    ],
)
def test_an_everyday_word_for_the_same_thing_is_heard_as_the_phrase(said, option):
    assert chose(CATTERY, said) == option


def test_only_negated_options_match_nothing(clinic):
    assert chose(clinic, "it's not about billing") == "none"


@pytest.mark.parametrize(
    "utterance",
    ["what's the weather going to be like", "I'd like to order a large pepperoni", "yes", "blah blah"],
)
def test_off_menu_speech_matches_nothing(clinic, utterance):
    assert chose(clinic, utterance) == "none"


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("I need a refill, and while I have you, where do I park?", "pharmacy"),
        ("can I get my test results and I also have a question about my bill", "test results"),
        ("I'd like to book an appointment and what are your hours on Saturday", "appointments"),
        ("my bill looks wrong. Also, are my lab results back?", "billing"),
        ("I'd like a refill, by the way is there parking", "pharmacy"),
        ("I need a refill. Oh, and the bill you sent me looks wrong", "pharmacy"),
        ("I want to pay my bill and book an appointment for next week", "billing"),
        ("my bill looks wrong, as well as that I need a repeat prescription", "billing"),
        ("I need my lab results, while you're at it, what time do you close", "test results"),
        ("a refill please, one more thing, is my bill paid", "pharmacy"),
        ("first of all I need a refill, secondly my bill looks wrong", "pharmacy"),
        ("mainly I'm calling to book an appointment but also to ask about my insurance", "appointments"),
        ("can I pick up my refill and send me the bill", "pharmacy"),
        ("I'd like my lab results and tell me what I owe", "test results"),
    ],
)
def test_of_two_joined_requests_the_first_is_asked_first(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


def test_two_equally_strong_requests_are_not_guessed_between(clinic):
    assert chose(clinic, "refill and insurance") == "none"


@pytest.mark.parametrize("utterance", ["no thank you, that's everything", "bye now", "I'm all set thanks"])
def test_caller_who_is_done_says_goodbye(clinic, utterance):
    assert chose(clinic, utterance) == "goodbye"


@pytest.mark.parametrize(
    "utterance",
    [
        "perfect, thanks",
        "brilliant, cheers mate",
        "that's grand, thanks a million",
        "right, that's me done",
        "nope, all sorted",
        "okay thank you very much, that is all",
        "no more questions, thank you",
        "thanks, you've been very helpful",
        "okay, have a good one",
        "great, see you then",
    ],
)
def test_a_caller_pleased_with_the_answer_is_done(clinic, utterance):
    assert chose(clinic, utterance) == "goodbye"


@pytest.mark.parametrize(
    "utterance",
    ["perfect", "okay, right", "is that all right", "great, now what", "I would appreciate a call back"],
)
def test_an_acknowledgement_without_thanks_or_an_end_does_not_end_the_call(clinic, utterance):
    assert chose(clinic, utterance) != "goodbye"


def test_a_request_after_politeness_is_not_a_goodbye(clinic):
    assert chose(clinic, "no thanks, I'd actually like to check my balance") == "billing"


@pytest.mark.parametrize(
    "utterance",
    ["never mind the refill, how is my dad getting on after his operation", "forget it, how's my mum doing"],
)
def test_a_request_after_waving_something_away_is_not_a_goodbye(clinic, utterance):
    assert chose(clinic, utterance) != "goodbye"


@pytest.mark.parametrize(
    "utterance", ["never mind, thanks", "forget it, I'll call back", "no thanks, that's all"]
)
def test_waving_it_all_away_is_a_goodbye(clinic, utterance):
    assert chose(clinic, utterance) == "goodbye"


@pytest.mark.parametrize(
    "utterance",
    [
        "I want to say goodbye to my mum before she goes",
        "can we say bye to the old kitchen this week",
    ],
)
def test_a_farewell_to_someone_else_is_not_the_callers_goodbye(clinic, utterance):
    assert chose(clinic, utterance) != "goodbye"


@pytest.mark.parametrize("utterance", ["goodbye to you all", "right, bye to you then"])
def test_a_goodbye_to_us_is_the_callers_own(clinic, utterance):
    assert chose(clinic, utterance) == "goodbye"


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


def test_the_operators_name_said_of_another_place_is_no_request_for_a_person():
    line = made_up_line(
        "Desk Line",
        ("book a session", "a first assessment", ["book", "appointment"], ""),
        ("prices", "what it costs", ["price"], ""),
        operator="office",
    )
    assert chose(line, "I'm calling from my office, my back hurts from sitting all day") != "operator"
    assert chose(line, "I work in an office and my shoulder is sore") != "operator"
    assert chose(line, "can you put me through to the office") == "operator"
    assert chose(line, "my manager told me to call you about my shoulder") != "operator"
    assert chose(line, "can I speak to a manager") == "operator"


def test_a_possessive_pronoun_is_no_misheard_word(clinic):
    assert chose(clinic, "I'd like to send some flowers to my daughter on hers") != "hours and location"
    assert chose(clinic, "what are your ours") == "hours and location"  # "hours", its h lost


def test_refusing_the_machine_reaches_the_operator(clinic):
    assert chose(clinic, "I do not want to talk to a robot") == "operator"
    assert chose(clinic, "your computer is useless") == "operator"
    assert chose(clinic, "am I talking to a computer") == "operator"
    assert chose(clinic, "is this a robot") == "operator"


@pytest.mark.parametrize("said", ["I need a new one", "any one of those is fine", "not that one, a new one"])
def test_one_said_of_a_thing_is_no_request_for_a_person(clinic, said):
    assert chose(clinic, said) != "operator"
    assert chose(clinic, "can I talk to some one") == "operator"  # as speech recognition may split it


@pytest.mark.parametrize(
    "said",
    [
        "my computer will not start",
        "our machine at home is broken",
        "do you fix washing machines",
        "the coffee machine in your waiting room is broken",
    ],
)
def test_the_caller_s_own_machine_is_no_request_for_a_person(clinic, said):
    assert chose(clinic, said) != "operator"


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


LEAD_INS = ["um, maybe", "uh I guess", "let's go with", "how about", "I think it's", "probably", "I'll take"]
LEAD_INS += ["let's say", "I want", "perhaps", "I'm not sure, maybe", "hmm"]


def key_said(key: str) -> st.SearchStrategy[str]:
    """The ways a caller names a menu key out loud."""
    number, ordinal = NUMBERS[key], ORDINALS[key]
    return st.sampled_from(
        [number, key, f"option {number}", f"press {key}", f"number {number}", f"the {ordinal} one"]
    )


def two_options(assistant: Assistant) -> st.SearchStrategy[tuple]:
    return st.permutations(assistant.menu).map(lambda options: (options[0], options[1]))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_negated_key_gives_way_to_the_rest_of_the_sentence(clinic, data):
    negated, wanted = data.draw(two_options(clinic))
    negation = data.draw(
        st.sampled_from(["not {}", "no, not {}", "I don't want {}", "not {}, the other one"])
    )
    utterance = f"{negation.format(data.draw(key_said(negated.key)))}, {wanted.name} please"
    assert chose(clinic, utterance) == wanted.name


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_caller_who_corrects_a_key_gets_the_last_one(clinic, data):
    first, last = data.draw(two_options(clinic))
    corrections = ["no", "no wait", "sorry", "actually", "I mean", "wait, no", "make that", "no, make it"]
    correction = data.draw(st.sampled_from(corrections))
    pause = data.draw(st.sampled_from([" ", "... ", ", "]))
    utterance = f"{data.draw(key_said(first.key))}{pause}{correction}{pause}{data.draw(key_said(last.key))}"
    assert chose(clinic, utterance) == last.name


@pytest.mark.parametrize("utterance", ["two or three", "option one and option two", "one, four"])
def test_several_keys_without_a_correction_are_not_guessed_between(clinic, utterance):
    assert chose(clinic, utterance) == "none"


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_key_after_a_short_lead_in_chooses_that_option(garage, data):
    option = data.draw(st.sampled_from(garage.menu))
    lead = data.draw(st.sampled_from(LEAD_INS))
    tail = data.draw(st.sampled_from(["", " please", ", I think", " thanks"]))
    number = data.draw(st.sampled_from([NUMBERS[option.key], option.key]))
    assert chose(garage, f"{lead} {number}{tail}") == option.name


@pytest.mark.parametrize(
    "utterance", ["maybe two o'clock", "I guess two people", "that one", "let's go with that one"]
)
def test_a_number_that_is_not_a_choice_is_not_a_key(garage, utterance):
    assert chose(garage, utterance) == "none"


@settings(max_examples=150, deadline=None)
@given(
    before=st.sampled_from(["", "can I book a room", "I need a price for a room", "we arrive"]),
    when=st.sampled_from(["on the", "from the 1st until the", "by the", "for the", "March", "Friday the"]),
    day=st.sampled_from(["1st", "2nd", "3rd", "4th", "6th", "9th"]),
)
def test_a_day_of_the_month_is_no_key(before, when, day):
    assert spoken_key(tokenize(f"{before} {when} {day}")) is None


@pytest.mark.parametrize(
    ("utterance", "key"), [("the third", "3"), ("the 2nd", "2"), ("I'll go for the third", "3")]
)
def test_an_ordinal_chosen_is_still_a_key(utterance, key):
    found = spoken_key(tokenize(utterance))
    assert found is not None
    assert found.key == key


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("press tree", "billing"),
        ("option free", "billing"),
        ("tree", "billing"),
        ("uh, for", "test results"),
        ("option for", "test results"),
        ("won", "appointments"),
        ("too", "pharmacy"),
        ("number sicks", "message"),
        ("maybe tree", "billing"),
        ("fife", "hours and location"),
    ],
)
def test_a_key_misheard_as_a_sound_alike_still_chooses_it(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("I need to pay", "billing"),
        ("what's the number for the pharmacy", "pharmacy"),
        ("I'd like the number to the billing office", "billing"),
        ("is this for me", "none"),
        ("me too", "none"),
    ],
)
def test_a_sound_alike_used_as_its_own_word_is_not_a_key(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["i", "to", "too", "for", "you", "me", "my", "it", "a", "won", "ate", "free"]),
        max_size=6,
    ),
    st.sampled_from(["pay", "need", "bill", "send", "call", "ask", "come", "speak", "leave", "bring"]),
    st.integers(min_value=0, max_value=6),
)
def test_a_sound_alike_in_a_sentence_without_a_cue_is_never_a_key(words, content, at):
    words.insert(min(at, len(words)), content)
    assert spoken_key(tokenize(" ".join(words))) is None


def test_a_sound_alike_that_is_a_menu_word_means_the_menu_word():
    nursery = parse(
        {
            "name": "Oak Lane Nursery",
            "greeting": "Oak Lane Nursery, how can we help?",
            "menu": [
                {
                    "key": "1",
                    "name": "trees",
                    "description": "trees",
                    "phrases": ["tree"],
                    "say": "We grow oaks.",
                },
                {"key": "2", "name": "seeds", "description": "seeds and bulbs", "say": "We sell seeds."},
                {"key": "3", "name": "hours", "description": "when we are open", "say": "Nine to five."},
            ],
        }
    )
    assert chose(nursery, "tree") == "trees"
    assert chose(nursery, "press tree") == "hours"


@pytest.mark.parametrize(
    "utterance",
    [
        "are you still there?",
        "hello? anyone there?",
        "hello? hello? can you hear me?",
        "is anybody there",
        "Is there anyone out there?",
        "you guys still there?",
        "hello, is anyone on the line?",
    ],
)
def test_a_caller_checking_someone_is_listening_is_not_asking_for_a_person(clinic, garage, utterance):
    assert is_presence_check(utterance)
    assert chose(clinic, utterance) == "none"
    assert chose(garage, utterance) == "none"


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("are you there? I need a refill", "pharmacy"),
        ("is anyone there, I want to talk to a real person", "operator"),
        ("is someone there who can help me", "operator"),
        ("I had a bad reaction and somebody there needs to know", "operator"),
    ],
)
def test_a_check_that_goes_on_to_a_request_is_the_request(clinic, utterance, expected):
    assert not is_presence_check(utterance)
    assert chose(clinic, utterance) == expected


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("no need for a person, just tell me your hours", "hours and location"),
        ("I don't want to talk to anyone, I want to pay my bill", "billing"),
        ("I don't need a human, I need a refill", "pharmacy"),
        ("I don't need to speak to anybody", "none"),
        ("not the receptionist", "none"),
        ("not a robot, a real person", "operator"),
    ],
)
def test_a_negated_person_is_not_a_request_for_one(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


def test_another_business_does_not_hear_a_negated_person_as_the_operator(garage):
    assert chose(garage, "I don't need anyone to call me, what are your opening times") == "opening times"
    assert chose(garage, "I don't need a human") == "none"


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("thelivery", "delivery"),
        ("theposit", "deposit"),
        ("thepartment", "department"),
        ("therections", "directions"),
    ],
)
def test_a_first_syllable_heard_as_the_article_is_still_the_word(said, meant):
    assert similarity(said, meant) >= 0.7


@pytest.mark.parametrize(
    ("said", "other"), [("gathering", "catering"), ("thinning", "dining"), ("theme", "team")]
)
def test_a_word_with_th_is_not_taken_for_another_with_d_or_t(said, other):
    assert similarity(said, other) < 0.7


def test_a_split_word_with_the_article_routes_to_its_option():
    shop = parse(
        {
            "name": "Corner Shop",
            "greeting": "Corner Shop, how can we help?",
            "menu": [
                {"key": "1", "name": "delivery", "description": "home delivery", "say": "We deliver daily."},
                {
                    "key": "2",
                    "name": "returns",
                    "description": "returns and refunds",
                    "say": "Bring a receipt.",
                },
            ],
        }
    )
    assert chose(shop, "where's my the livery") == "delivery"
    assert chose(shop, "I'd like to make a return") == "returns"


@pytest.mark.parametrize(
    "utterance", ["I need a point ment", "a point meant please", "can I make an a pointment"]
)
def test_an_appointment_split_or_joined_is_still_an_appointment(clinic, utterance):
    assert chose(clinic, utterance) == "appointments"


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("I need the dress of the clinic", "hours and location"),
        ("what's the dress", "hours and location"),
        ("I'd like to make the point meant for Friday", "appointments"),
    ],
)
def test_a_leading_a_swallowed_by_the_article_is_still_the_word(clinic, utterance, expected):
    assert chose(clinic, utterance) == expected


@pytest.mark.parametrize(
    ("said", "other"),
    [("thetruck", "towtruck"), ("thevent", "event"), ("therider", "order")],
)
def test_the_article_is_not_taken_for_a_syllable_of_its_own(said, other):
    assert similarity(said, other) < 0.7


def test_a_vehicle_called_the_truck_is_no_request_for_a_tow_truck():
    towing = parse(
        {
            "name": "Eastside Towing",
            "greeting": "Eastside Towing, how can we help?",
            "menu": [
                {
                    "key": "1",
                    "name": "towing",
                    "description": "a tow",
                    "phrases": ["tow truck", "breakdown"],
                    "say": "A truck is on its way.",
                },
                {
                    "key": "2",
                    "name": "repair status",
                    "description": "news on a repair",
                    "phrases": ["status"],
                    "say": "Your car will be ready today.",
                },
            ],
        }
    )
    assert chose(towing, "my husband brought the truck in on Monday, how is it going") == "none"
    assert chose(towing, "I need a tow truck") == "towing"
    assert chose(towing, "I need a toe truck") == "towing"


@pytest.mark.parametrize(
    ("line", "utterance", "expected"),
    [
        ("roofer", "can I get a quo?", "estimates"),
        ("clinic", "I need a refi", "pharmacy"),
        ("clinic", "um, what are your hou", "hours and location"),
    ],
)
def test_a_last_word_cut_short_by_the_end_of_speech_is_still_heard(line, utterance, expected, request):
    assert chose(request.getfixturevalue(line), utterance) == expected


@pytest.mark.parametrize(
    ("line", "utterance"),
    [
        ("roofer", "can I get a quo for the gutters"),
        ("clinic", "I need a refi on Monday"),
    ],
)
def test_a_short_word_is_not_taken_for_a_longer_one_unless_speech_ended_on_it(line, utterance, request):
    assert chose(request.getfixturevalue(line), utterance) == "none"


@pytest.mark.parametrize(
    ("utterance", "option"),
    [
        ("the appointment went fine, but I need a refill", "pharmacy"),
        ("I was going to ask about my bill, actually where do I park", "hours and location"),
        ("my refill came through fine, but the bill is wrong", "billing"),
    ],
)
def test_the_request_after_but_wins_over_the_context_before_it(clinic, utterance, option):
    found = match(clinic, utterance)
    assert found.option is not None
    assert found.option.name == option


@pytest.mark.parametrize(
    ("line", "utterance", "option"),
    [
        ("clinic", "my appointment went great, thanks, now what do I owe", "billing"),
        ("roofer", "the repair went great, thanks, now what do I owe", "billing"),
        ("roofer", "the estimate was fine. Now, what do I owe?", "billing"),
    ],
)
def test_the_request_after_praise_for_what_was_done_wins_without_a_but(line, utterance, option, request):
    assert chose(request.getfixturevalue(line), utterance) == option


@pytest.mark.parametrize(
    ("line", "utterance", "option"),
    [
        ("clinic", "I need a refill, the pills work great", "pharmacy"),
        ("clinic", "can I book a checkup? my last visit was great", "appointments"),
        ("roofer", "I'd like a repair, the last roofer was great", "repairs"),
        ("clinic", "thanks, bye", "goodbye"),
    ],
)
def test_praise_said_after_the_request_leaves_the_request_as_it_was(line, utterance, option, request):
    assert chose(request.getfixturevalue(line), utterance) == option


@pytest.mark.parametrize(
    "utterance",
    [
        "what would it cost to redo the gutters",
        "how much does a new roof cost",
        "roughly what would the cost be",
    ],
)
def test_asking_what_work_would_cost_is_a_request_for_a_price_not_the_bill(roofer, utterance):
    assert chose(roofer, utterance) == "estimates"


@pytest.mark.parametrize(
    "utterance",
    [
        "what do I owe for last week",
        "there is a fee on my statement I do not understand",
        "how much is my balance",
    ],
)
def test_asking_what_is_owed_is_the_bill_not_a_price(roofer, utterance):
    assert chose(roofer, utterance) == "billing"


@pytest.mark.parametrize(
    "utterance", ["how much does it cost", "how much would it cost", "does it cost extra on Saturdays"]
)
def test_on_a_line_that_gives_no_prices_a_price_question_is_for_billing(clinic, utterance):
    assert chose(clinic, utterance) == "billing"


@pytest.mark.parametrize(
    "utterance",
    [
        "can someone sort that out",
        "could he come in to see someone",
        "I need somebody to check it",
        "not that, I want to book someone in",
        "can you send somebody out",
        "we're after someone to do our windows every month",
        "my feet are too sore to manage, can someone see me",
        "is there anyone who could sit with her tomorrow night",
    ],
)
def test_someone_who_would_do_the_work_is_no_request_for_the_operator(clinic, utterance):
    assert match(clinic, utterance).intent != "operator"


@pytest.mark.parametrize(
    "utterance",
    [
        "can I talk to someone",
        "is there somebody I can talk to",
        "connect me to someone who works there",
        "I'd prefer to speak to someone directly",
        "we need someone now",
    ],
)
def test_someone_to_reach_is_still_a_request_for_the_operator(clinic, utterance):
    assert match(clinic, utterance).intent == "operator"


@pytest.mark.parametrize("utterance", ["a question about my electric bill", "I've got long hours at work"])
def test_an_option_named_by_one_word_another_word_qualifies_is_not_sure(clinic, utterance):
    found = match(clinic, utterance)
    assert found.intent == "option"
    assert not found.sure


@pytest.mark.parametrize(
    "utterance",
    [
        "a question about my bill",
        "can I get a re fill",
        "how much is my code pay",
        "what are your opening hours",
    ],
)
def test_an_option_named_plainly_or_by_a_split_word_is_sure(clinic, utterance):
    found = match(clinic, utterance)
    assert found.intent == "option"
    assert found.sure


def test_a_desk_that_takes_two_options_calls_names_neither_of_them():
    """Booking and cancelling both go to "bookings": saying "book" is no reason to think of cancelling."""
    salon = parse(
        {
            "name": "Lakeview Salon",
            "greeting": "Lakeview Salon, how can we help?",
            "operator": "front desk",
            "directory": {
                "front desk": "+15555550700",
                "bookings": "+15555550701",
                "repairs": "+15555550702",
            },
            "menu": [
                {
                    "key": "1",
                    "name": "new appointments",
                    "description": "a haircut or colour",
                    "phrases": ["haircut", "colour"],
                    "transfer": "bookings",
                },
                {
                    "key": "2",
                    "name": "change or cancel",
                    "description": "moving an appointment you have",
                    "phrases": ["cancel", "reschedule"],
                    "transfer": "bookings",
                },
                {
                    "key": "3",
                    "name": "broken dryers",
                    "description": "our equipment",
                    "phrases": ["dryer"],
                    "transfer": "repairs",
                },
            ],
        }
    )
    assert chose(salon, "I'd like to book a haircut") == "new appointments"
    assert chose(salon, "I want to book a colour for Friday") == "new appointments"
    assert chose(salon, "put me through to repairs") == "broken dryers"  # a desk of its own still names it


@pytest.mark.parametrize(
    "said",
    [
        "thanks, I'll call back later",
        "I'm hanging up now",
        "forget it, I'll just pop in",
        "I'll try again later",
        "I'll just call back tomorrow",
        "alright, that answers my question, thank you so much",
        "cheers love, ta-ra",
        "alright, talk to you later",
        "okay, goodnight",
        "please end the call",
        "no, I don't need anything else",
        "that'll do, cheers",
        "actually I figured it out, thanks anyway",
        "ok thanks, I'll let you go",
        "you've answered everything, thanks",
        "nah you're alright",
        "thanks for your time",
        "no, that was it",
        "ok no worries",
    ],
)
def test_a_caller_putting_it_off_is_saying_goodbye(clinic, said):
    assert chose(clinic, said) == "goodbye"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("I need my refill and also a question about my bill", "pharmacy"),
        ("can I pay my bill and then book a checkup", "billing"),
        # without "also" or "then", the request is said last, after the context
        ("my appointment is tomorrow, where is the pharmacy", "pharmacy"),
    ],
)
def test_of_two_requests_joined_by_also_the_first_is_asked_first(clinic, said, expected):
    assert chose(clinic, said) == expected


@pytest.mark.parametrize(
    "said",
    ["can I speak with Doctor Morales", "could you put me through to Mrs Jones please", "talk to Dr. Patel"],
)
def test_asking_for_someone_by_title_and_name_reaches_the_operator(clinic, said):
    assert chose(clinic, said) == "operator"


@pytest.mark.parametrize(
    "said",
    [
        "is Dr. Patel in today?",
        "Hi, is Sarah there?",
        "can I talk to Mike please",
        "put me through to Tom",
        "Put me through to Gary in the office, would you?",
    ],
)
def test_asking_for_someone_by_name_as_speech_recognition_writes_it_reaches_the_operator(clinic, said):
    assert chose(clinic, said) == "operator"


@pytest.mark.parametrize(
    "said", ["the one who rang me yesterday, is she in today", "mark who rang me back, is he about"]
)
def test_asking_whether_the_one_just_named_is_there_reaches_the_operator(clinic, said):
    assert chose(clinic, said) == "operator"


@pytest.mark.parametrize(
    "said", ["my mum's been moved, is she in her new room yet", "is he free to pick up his pills"]
)
def test_asking_after_someone_in_a_request_is_no_request_for_a_person(clinic, said):
    assert chose(clinic, said) != "operator"


@pytest.mark.parametrize(
    "said", ["Is Tuesday available?", "is it open on Saturday", "I don't want to talk to Mike"]
)
def test_a_day_a_lower_case_word_or_a_name_refused_is_no_name_asked_for(clinic, said):
    assert chose(clinic, said) != "operator"


@pytest.mark.parametrize(
    "said",
    [
        "I need to speak with doctor about something",
        "can I talk to doctor please",
        "I don't want to talk to Mr Smith again",
    ],
)
def test_a_title_without_a_name_or_a_name_refused_is_no_request_for_a_person(clinic, said):
    assert chose(clinic, said) == "none"


def test_a_compound_the_owner_hyphenated_is_heard_written_as_one_word():
    dentist = made_up_line(
        "Smile Dental",
        ("visits", "a check-up or a clean", [], ""),
        ("billing", "your bill", [], ""),
        operator="front desk",
    )
    assert chose(dentist, "I want to book a checkup") == "visits"
    assert chose(dentist, "a check up please") == "visits"
    # nor is a word merely the start of a compound heard as it: a front tooth is no front desk
    assert chose(dentist, "one of his front teeth came right out") != "operator"


@pytest.mark.parametrize(
    "utterance",
    [
        "I don't need anyone to come fix anything, I have a question about my deposit",
        "no, I don't need anyone to fix the boiler",
    ],
)
def test_what_nobody_need_come_and_do_is_negated_not_the_person(utterance):
    landlord = made_up_line(
        "Elm Lettings",
        ("repairs", "something broken in your home", ["fix", "repair", "broken"], ""),
        ("rent", "paying rent, and deposits", ["rent", "payment"], ""),
    )
    assert chose(landlord, utterance) != "repairs"


def test_a_picture_is_a_photo():
    assert similarity("pictures", "photos") >= 0.8


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("caring", "care"),
        ("carers", "care"),
        ("hoping", "hope"),
        ("movers", "moving"),
        ("boxes", "box"),
        ("guttering", "gutter"),
        ("ordered", "order"),
        ("covered", "cover"),
        ("membership", "members"),
    ],
)
def test_forms_of_one_word_are_heard_as_it(said, meant):
    assert similarity(said, meant) >= 0.9


@pytest.mark.parametrize(
    ("said", "other"),
    [("care", "careers"), ("car", "care"), ("car", "carers"), ("tap", "tape"), ("hopping", "hope")],
)
def test_words_that_only_look_like_forms_of_another_are_not_it(said, other):
    assert similarity(said, other) < 0.7


def test_a_care_home_hears_respite_care_not_its_careers():
    home = made_up_line(
        "Willow Court Care Home",
        ("respite care", "short stays for a carer's break", ["respite", "short stay"], ""),
        ("careers", "jobs for care staff", ["jobs", "care assistant"], ""),
    )
    assert chose(home, "I'd like to ask about respite care") == "respite care"
    assert chose(home, "do you have any jobs going") == "careers"


ROOFER = made_up_line(
    "Ridge Roofing",
    ("emergency", "a leak or storm damage now", ["urgent", "emergency", "leak"], ""),
    ("jobs", "work for us", ["jobs", "vacancies", "apprenticeship"], ""),
    ("guttering", "gutters cleared and mended", ["gutters", "guttering", "downpipe"], ""),
    ("quotes", "a price for roofing work", ["quote", "price", "estimate"], ""),
)


@pytest.mark.parametrize(
    ("utterance", "expected"),
    [
        ("I'm not after a quote just the gutters clearing", "guttering"),
        ("I'm not after a job I want the guttering looked at", "guttering"),
        ("it's nothing urgent, what would it cost to redo the porch roof", "quotes"),
        ("nothing urgent, how much for a new flat roof", "quotes"),
    ],
)
def test_what_a_caller_is_not_after_is_not_what_they_are_asking(utterance, expected):
    assert routed(ROOFER, MenuEngine(), utterance) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("the main thing is I need a refill, but I'd also like to ask about my bill", "pharmacy"),
        ("mostly I'm ringing for my lab results, and also where do I park", "test results"),
        ("I need a refill, that's the main thing, and can I pay my bill", "pharmacy"),
        ("can I pay my bill, that's the urgent bit, and I need a refill too", "billing"),
    ],
)
def test_the_request_a_caller_calls_the_main_one_is_taken_whatever_is_joined_on(clinic, said, expected):
    assert routed(clinic, MenuEngine(), said) == expected


@pytest.mark.parametrize(
    "utterance",
    ["I can't manage the stairs any more", "she's been managing on her own", "can you manage Tuesday"],
)
def test_the_verb_a_person_word_is_made_from_is_no_request_for_a_person(clinic, utterance):
    assert match(clinic, utterance).intent != "operator"


@pytest.mark.parametrize("utterance", ["can I talk to one of your managers", "put me on to the manager"])
def test_a_person_word_in_another_form_of_its_own_still_asks_for_a_person(clinic, utterance):
    assert match(clinic, utterance).intent == "operator"


# Words that ask for a person, or look as if they might, with others around them.
PERSON_ISH = [
    "operator",
    "someone",
    "anybody",
    "a",
    "human",
    "person",
    "the",
    "manager",
    "managing",
    "talk",
    "to",
    "speak",
    "with",
    "Sarah",
    "Dr",
    "Patel",
    "is",
    "she",
    "he",
    "about",
    "in",
    "there",
    "not",
    "no",
    "don't",
    "need",
    "put",
    "me",
    "through",
    "zero",
    "0",
    "press",
    "my",
    "bill",
    "refill",
    "pharmacy",
    "please",
    "can",
    "I",
    "who",
    "could",
    "help",
    "receptionist",
    "staff",
    "owner",
    ",",
    "and",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PERSON_ISH), min_size=1, max_size=10))
def test_whatever_the_matcher_hears_as_asking_for_a_person_may_ask_for_one(clinic, words):
    said = " ".join(words)
    if match(clinic, said).intent == "operator":
        assert may_ask_for_a_person(clinic, said)


def test_every_labelled_request_for_a_person_may_ask_for_one():
    for path in sorted(SAMPLE_PATH.parent.glob("*.utterances.csv")):
        line = load(path.with_name(path.name.replace(".utterances.csv", ".toml")))
        for row in load_labelled(path):
            if match(line, row.utterance).intent == "operator":
                assert may_ask_for_a_person(line, row.utterance), row.utterance


@pytest.mark.parametrize("said", ["I need a refill", "what are your hours", "my bill looks wrong", "two"])
def test_a_request_that_names_nobody_spares_the_turn_rules_the_whole_match(clinic, said):
    assert not may_ask_for_a_person(clinic, said)
