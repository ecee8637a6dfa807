"""Everyday requests in the caller's own words reach the option that serves them, on any line that
has one: opening hours, where the business is, parking, prices, booking, moving or cancelling a
booking, a repair, a refill, news of work in hand and a bill. The lines below are made up for these
tests; the sentences were written for each kind of request, not taken from a labelled set."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ivr.assistant import SAMPLE_PATH, load
from ivr.devtools.accuracy import routed
from ivr.devtools.twilio_emulator import speech
from ivr.dialog import everyday
from ivr.dialog.engines.menu import MenuEngine
from testkit import probes
from testkit.lines import made_up_line
from testkit.webhooks import call_app

MENU = MenuEngine()  # phrases only: the requests need no tier


DENTIST = made_up_line(
    "Brightside Dental",
    (
        "new appointments",
        "booking a checkup, a cleaning or a filling",
        ["book", "checkup", "cleaning"],
        "Someone who wants to book a visit.",
    ),
    (
        "change or cancel",
        "moving or cancelling a visit you already have",
        ["cancel", "reschedule"],
        "A patient who needs to reschedule or cancel.",
    ),
    (
        "fees",
        "what treatments cost",
        ["price", "cost"],
        "Someone who wants to know the price of a treatment.",
    ),
    ("accounts", "bills and payments", ["bill", "payment"], "A patient with a question about a bill."),
    (
        "hours and directions",
        "opening hours and how to find us",
        ["hours", "address"],
        "Someone who wants to know when we are open or where we are.",
    ),
    (
        "prescriptions",
        "refills of medication the dentist prescribed",
        ["refill", "prescription"],
        "A patient who needs more of a medicine we prescribed.",
    ),
)
BIKE_SHOP = made_up_line(
    "Spoke and Chain",
    (
        "repairs",
        "something broken on your bike that needs fixing",
        ["repair", "fix", "broken"],
        "Someone whose bike needs a repair.",
    ),
    (
        "repair status",
        "news of a bike we are working on",
        ["status", "is it ready"],
        "Someone whose bike is with us and who wants to know if it is ready.",
    ),
    (
        "parking and storage",
        "bike parking and storage",
        ["parking", "storage"],
        "Someone who wants to park or store a bike with us.",
    ),
)

GUESTHOUSE = made_up_line(
    "Gull Cottage",
    (
        "bookings",
        "booking a stay, or changing or cancelling one",
        ["book", "reservation"],
        "A guest who wants to book a stay, or change or cancel one.",
    ),
    (
        "free dates and prices",
        "which dates are free and what a room costs",
        ["availability", "price"],
        "Someone who wants to know which dates we have free.",
    ),
    (
        "lost property",
        "something left behind after a stay",
        ["lost property", "left behind"],
        "A guest who left something behind.",
    ),
    ("finding us", "directions and parking", ["directions", "parking"], "Someone on the way to us."),
    (
        "your stay",
        "anything you need while staying with us, and housekeeping",
        ["current guest", "housekeeping"],
        "A guest staying with us now who needs something for the room.",
    ),
)
KENNELS = made_up_line(
    "Happy Tails",
    ("boarding", "overnight boarding and daycare for dogs and cats", ["boarding", "kennel"], ""),
    ("grooming", "baths, clips and nail trims", ["grooming", "bath"], ""),
    ("opening times", "when we are open", ["hours", "open"], ""),
)
LETTINGS = made_up_line(
    "Hillside Lettings",
    (
        "viewings",
        "seeing a flat or house before you rent it",
        ["viewing", "available flats"],
        "Someone who wants to see a flat or house we let.",
    ),
    ("repairs", "something broken in your home", ["repair", "broken"], "A tenant whose home needs a repair."),
    ("rent", "paying your rent", ["rent", "payment"], "A tenant with a question about the rent."),
    ("leaving", "giving notice and the final inspection", ["moving out"], "A tenant who is leaving."),
)
HELPDESK = made_up_line(
    "Byte Desk",
    ("report a problem", "a fault with your computer or email", ["problem", "fault"], ""),
    ("new laptops", "buying a laptop", ["laptop"], ""),
    ("accounts", "your invoices", ["invoice"], ""),
)
TYRE_SHOP = made_up_line(
    "Rolling Road Tyres",
    ("new tyres", "buying and fitting tyres", ["new tyres", "fitting"], ""),
    ("tyre storage", "keeping your other set of tyres", ["storage", "tyre hotel"], ""),
    ("opening hours", "when we are open", ["hours"], ""),
)
PIANO = made_up_line(
    "Keys Piano School",
    ("lessons", "piano lessons", ["lesson", "lessons"], ""),
    ("cancel or move", "cancelling or moving a lesson", ["cancel", "reschedule"], ""),
    ("fees", "term fees", ["fees"], ""),
)
LAKE = made_up_line(
    "Lakeside Outdoors",
    ("kayak hire", "rent a kayak or a paddleboard", ["hire", "rental"], ""),
    ("lessons", "paddling lessons and courses", ["lesson", "course"], ""),
    ("activities", "what there is at the lake", ["activities", "entertainment"], ""),
    ("private parties", "a party on the lake", ["party", "events"], ""),
)
# Booking and moving a booking named by the same words ("appointment", "visit").
PHYSIO = made_up_line(
    "Northside Physio",
    ("book a visit", "a first or a follow-up session", ["book an appointment", "new patient"], ""),
    (
        "change or cancel",
        "moving or cancelling a visit you have booked",
        ["change my appointment", "move my appointment", "cancel"],
        "",
    ),
    ("prices", "what a session costs", ["price", "cost"], ""),
    ("sports massage", "a massage for sore or injured muscles", ["sports massage"], ""),
)


@pytest.mark.parametrize(
    ("line", "said", "option"),
    [
        (DENTIST, "how late are you open on Thursdays", "hours and directions"),
        (DENTIST, "what time do you guys close today", "hours and directions"),
        (DENTIST, "are you open this Saturday", "hours and directions"),
        (DENTIST, "what street are you on", "hours and directions"),
        (DENTIST, "how do I get to your office from the station", "hours and directions"),
        (DENTIST, "what do you charge for a crown", "fees"),
        (DENTIST, "how much would whitening be", "fees"),
        (DENTIST, "roughly what does a root canal run", "fees"),
        (DENTIST, "can you give me a rough figure for a crown before I commit", "fees"),
        (DENTIST, "I need to move Bella's appointment to Friday", "change or cancel"),  # heard "bella is"
        (DENTIST, "sorry, I won't be in tomorrow, I've come down with flu", "change or cancel"),
        (DENTIST, "is the surgery shut on Easter Monday", "hours and directions"),
        (DENTIST, "I'd like my money back for the whitening", "accounts"),
        (DENTIST, "I got a letter saying I owe eighty dollars", "accounts"),
        (DENTIST, "I'd like to make a point meant for next week", "new appointments"),  # misheard
        (
            load(SAMPLE_PATH.with_name("brightside-dental.toml")),
            "I had my tooth out this morning, can I eat yet",
            "after your treatment",
        ),
        (GUESTHOUSE, "we need to cancel our stay in May", "bookings"),
        (GUESTHOUSE, "when I unpacked at home my charger wasn't in my suitcase", "lost property"),
        (LETTINGS, "the bathroom tap drips all night", "repairs"),
        (LETTINGS, "it's not an emergency, the dishwasher just isn't draining", "repairs"),
        (GUESTHOUSE, "I don't want to book, I left my phone charger in room 12", "lost property"),
        (DENTIST, "my tooth is chipped, can you fit me in this week", "new appointments"),
        (DENTIST, "do you have any openings on Monday", "new appointments"),
        (DENTIST, "could the dentist take a look at my son's tooth", "new appointments"),
        (DENTIST, "I can't make it on Friday after all", "change or cancel"),
        (DENTIST, "something came up, could we push my visit to next week", "change or cancel"),
        (DENTIST, "I need a different time for my cleaning", "change or cancel"),
        (DENTIST, "we're almost out of the mouthwash the dentist gave us", "prescriptions"),
        (DENTIST, "I ran out of the painkillers", "prescriptions"),
        (DENTIST, "I think I was charged twice for my filling", "accounts"),
        (BIKE_SHOP, "the chain keeps slipping and the brakes are not working", "repairs"),
        (BIKE_SHOP, "my back wheel is making a clicking noise", "repairs"),
        (BIKE_SHOP, "is my bike done yet", "repair status"),
        (BIKE_SHOP, "how is my wheel build going", "repair status"),
        (BIKE_SHOP, "the glass on my front light is shattered", "repairs"),
        (BIKE_SHOP, "my e-bike's display won't come on at all", "repairs"),
        (DENTIST, "my jaw clicks when I chew and I think I need to get it looked at", "new appointments"),
        (BIKE_SHOP, "the battery on my e-bike has stopped charging", "repairs"),
        (BIKE_SHOP, "the motor on my e-bike keeps cutting out", "repairs"),
        (BIKE_SHOP, "the back brake is making a horrible high pitched squeal", "repairs"),
        (PHYSIO, "what's the charge for a follow-up", "prices"),
        (PHYSIO, "my knee's been sore since the marathon, can I get seen", "book a visit"),
        (PHYSIO, "my GP referred me for my shoulder", "book a visit"),
        (BIKE_SHOP, "I just want to check whether my bike is fixed", "repair status"),
        (DENTIST, "we just moved here and I'm not sure where your office is", "hours and directions"),
        (DENTIST, "can you tell me what a crown runs", "fees"),
        (DENTIST, "roughly what would a checkup set me back", "fees"),
        (DENTIST, "I'd like a rough idea of what a cleaning would cost", "fees"),
        (DENTIST, "what the whitening might cost, roughly", "fees"),
        (DENTIST, "I don't want to book anything, I just want to know what your hourly rate is", "fees"),
        (DENTIST, "I'm out of my antibiotics", "prescriptions"),
        (DENTIST, "I'm not going to be able to come in tomorrow", "change or cancel"),
        (DENTIST, "how do I get my deposit back for the implant I cancelled", "accounts"),
        (DENTIST, "there's an extra forty dollars on what you sent me", "accounts"),
        (BIKE_SHOP, "the front brake has been squeaking and the gear cable has been sticking", "repairs"),
        (DENTIST, "what time do you clothes on Friday", "hours and directions"),  # misheard "close"
        (DENTIST, "do you do evenings after work", "hours and directions"),
        (DENTIST, "can you book me in for my son", "new appointments"),
        (DENTIST, "I wanted to know if you work on bank holidays", "hours and directions"),
        (DENTIST, "does the surgery open Saturday mornings", "hours and directions"),
        (BIKE_SHOP, "when will it be ready", "repair status"),
        (BIKE_SHOP, "where can I park my bike while I shop", "parking and storage"),
        (BIKE_SHOP, "is there a spot for my cargo bike overnight", "parking and storage"),
        (DENTIST, "how to get to you from the north end", "hours and directions"),
        (DENTIST, "whereabouts are you exactly", "hours and directions"),
        (BIKE_SHOP, "we dropped it off on Monday, any idea when we can collect it", "repair status"),
        (BIKE_SHOP, "just seeing how Jake's getting on with my wheel", "repair status"),  # a name
        (BIKE_SHOP, "I wanted to know how they got on with the gears", "repair status"),
        (DENTIST, "are you about on bank holiday Monday", "hours and directions"),
        (DENTIST, "she's got a temperature so she's staying home with me", "change or cancel"),
        (DENTIST, "can we swap my daughter's appointment to next week", "change or cancel"),
        (DENTIST, "I was charged for a filling I never had", "accounts"),
        (HELPDESK, "my keyboard's stopped working", "report a problem"),  # an option for problems
        (LAKE, "can I borrow a paddleboard", "kayak hire"),
        (LAKE, "we'd want three for the day and we'd bring them back by five", "kayak hire"),
        (LAKE, "is there much to do for teenagers round there", "activities"),
        (LAKE, "we'd love to throw her a surprise bash out on the water", "private parties"),
        (LETTINGS, "could I look round the flat on Friday", "viewings"),
        (TYRE_SHOP, "can you keep my winter wheels over the summer", "tyre storage"),
        (DENTIST, "what time you lot shut today", "hours and directions"),
        (
            DENTIST,
            "no need to put me through to anybody, I just want to know when you shut",
            "hours and directions",
        ),
        (PIANO, "I need to cancel a lesson", "cancel or move"),
        (DENTIST, "you've taken the money out of my account twice", "accounts"),
        (DENTIST, "when is the money due", "accounts"),
        (TYRE_SHOP, "we've run out of space in the garage for the spare set", "tyre storage"),
        (DENTIST, "is there a bus that goes near you", "hours and directions"),
        (DENTIST, "we'll have to push it back a week", "change or cancel"),
        (DENTIST, "do you have anything free next week", "new appointments"),  # no option for free dates
        (GUESTHOUSE, "is there anything free the second weekend of May", "free dates and prices"),
        (GUESTHOUSE, "do you have a room available on Friday", "free dates and prices"),
        (GUESTHOUSE, "have you got a twin room on New Year's Eve", "free dates and prices"),
        (KENNELS, "could you keep our two cats for the week while we're in Spain", "boarding"),
        (KENNELS, "we're away at the weekend, can she stay with you", "boarding"),
        (KENNELS, "I need daytime care for my puppy during the week", "boarding"),
        (GUESTHOUSE, "do you have a family suite over Easter", "free dates and prices"),
        (GUESTHOUSE, "we'll have to push the whole thing back a week", "bookings"),
        (GUESTHOUSE, "can we come on Wednesday instead", "bookings"),
        (GUESTHOUSE, "I'd like to add another night", "bookings"),
        (GUESTHOUSE, "I think I left my phone charger plugged in by the bed", "lost property"),
        (GUESTHOUSE, "my wedding ring is missing since we checked out", "lost property"),
        (GUESTHOUSE, "I left my reading glasses when we checked out on Sunday", "lost property"),
        (GUESTHOUSE, "a teddy bear got left under the bed in room 2", "lost property"),
        (GUESTHOUSE, "which exit do I take off the motorway", "finding us"),
        (GUESTHOUSE, "is it walkable from the train station", "finding us"),
        (GUESTHOUSE, "could we have some more towels in room 4", "your stay"),
        (GUESTHOUSE, "can we get a late checkout on Sunday", "your stay"),
        (GUESTHOUSE, "there's no hot water in our shower", "your stay"),
        (GUESTHOUSE, "what's the cheapest you have in March", "free dates and prices"),
        (GUESTHOUSE, "can you hold a double for me for Friday", "bookings"),
        (
            GUESTHOUSE,
            "not as a current guest, I checked out Tuesday and my watch is missing",
            "lost property",
        ),
        (LETTINGS, "we'd like to see the two bedroom place on Elm Street", "viewings"),
        (LETTINGS, "I saw it online and I'd like to come and have a look", "viewings"),
        (LETTINGS, "can we schedule a tour this week", "viewings"),
        (LETTINGS, "when do I hand in my keys", "leaving"),
        (LETTINGS, "we'll be out of the flat by the end of March", "leaving"),
        (LETTINGS, "I'd like to put in my notice", "leaving"),
        (DENTIST, "I'd like to get my daughter's teeth looked at by the dentist", "new appointments"),
        (DENTIST, "my son needs his tooth checked by the dentist", "new appointments"),
        (DENTIST, "can I have my filling looked at by Dr Lee next week", "new appointments"),
        (DENTIST, "I need to reschedule my cleaning", "change or cancel"),
        (DENTIST, "we have to postpone my son's checkup", "change or cancel"),
        (GUESTHOUSE, "we'd like to rebook for later in the summer, how much are rooms then", "bookings"),
    ],
)
def test_an_everyday_request_in_the_callers_words_reaches_its_option(line, said, option):
    assert routed(line, MENU, said) == option


@pytest.mark.parametrize(
    ("said", "option"),
    [
        # the frame asked decides over the thing it is asked of
        ("how much is a cleaning", "fees"),
        ("I can't make my checkup on Friday", "change or cancel"),
        # a request denied does not count
        ("I don't want to book anything, just what you charge for a filling", "fees"),
        # the request of the phrases stands when a request said serves it
        ("can I book a cleaning on Saturday, what time do you open", "hours and directions"),
        # asked first, then "and also": the first is handled first
        ("I'd like to book a checkup and also how late are you open", "new appointments"),
        # however far into the second request its words come
        ("book a checkup, and also could you tell me what a crown runs", "new appointments"),
        # nothing broken is no repair
        ("nothing is broken, I just want to know what a crown costs", "fees"),
    ],
)
def test_which_request_the_caller_makes(said, option):
    assert routed(DENTIST, MENU, said) == option


@pytest.mark.parametrize(
    ("said", "option"),
    [
        (
            "I had a question about my bill, but the main reason I'm calling is I can't make Friday",
            "change or cancel",
        ),
        ("how much is a crown, though mainly I need to book a cleaning", "new appointments"),
        ("I've a billing question too, what I'm really calling about is a refill", "prescriptions"),
    ],
)
def test_what_the_caller_says_they_are_really_calling_about_decides(said, option):
    assert routed(DENTIST, MENU, said) == option


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("how much is a double in June and do you have parking", "free dates and prices"),
        ("which exit do I take off the motorway and do you have availability next week", "finding us"),
        ("what do rooms cost in June, by the way do you have parking", "free dates and prices"),
        ("what do rooms cost in June, while I have you, is there parking", "free dates and prices"),
        # the other way round
        ("do you have parking, and how much is a double in June", "finding us"),
    ],
)
def test_of_two_joined_requests_the_first_is_asked_even_when_the_phrases_name_the_second(said, option):
    assert routed(GUESTHOUSE, MENU, said) == option


@pytest.mark.parametrize(
    "said",
    [
        "I'd like to make an appointment",
        "can I schedule an appointment",
        "I want to set up a new appointment for next week",
        "could I make a booking please",
        "I'd like to arrange a visit",
        "I'd like to book in",
        "I want to get an appointment",
        "I need an appointment next week",
        "hello, I'm calling because I'd like to book something for my son",
    ],
)
def test_making_an_appointment_is_booking_where_moving_one_is_an_option_of_its_own(said):
    assert routed(PHYSIO, MENU, said) == "book a visit"


@pytest.mark.parametrize(
    "said",
    [
        "I'd like to make an appointment for a sports massage",
        "can you book me in for a sports massage on Friday",
        "I'd like to make a point meant for a sports massage",  # "appointment", split by recognition
    ],
)
def test_what_is_booked_decides_where_it_has_an_option_of_its_own(said):
    assert routed(PHYSIO, MENU, said) == "sports massage"


PESTS = made_up_line(
    "Greenway Pests",
    ("book a visit", "book a technician to come out", ["book a visit", "appointment"], ""),
    ("urgent callout", "same-day help", ["urgent", "emergency", "wasp nest", "rats"], ""),
    ("prices", "what a treatment costs", ["price", "quote"], ""),
)


def test_a_booking_for_what_the_urgent_option_names_is_a_booking():
    assert routed(PESTS, MENU, "I'd like to make an appointment for the rats") == "book a visit"
    assert routed(PESTS, MENU, "there's a wasp nest by the door and I'm allergic") == "urgent callout"


def test_booking_someone_to_come_out_is_booking():
    assert routed(PESTS, MENU, "it's not urgent, I'd like to book someone for the ants") == "book a visit"


def test_a_day_after_a_booking_is_no_misheard_option():
    driving = made_up_line(
        "Roadwise",
        ("book lessons", "driving lessons", ["book lessons"], ""),
        ("driving test", "your practical test", ["driving test", "test day"], ""),
    )  # "Tuesday" is no "test day"
    assert routed(driving, MENU, "could I make an appointment for next Tuesday") == "book lessons"


def test_a_second_request_after_a_booking_is_not_what_is_booked():
    said = "book me in for a follow-up session then tell me about the sports massage"
    assert routed(PHYSIO, MENU, said) == "book a visit"


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("do you take credit cards", "accounts"),
        ("can I pay by card over the phone", "accounts"),
        ("do you accept Apple Pay", "accounts"),
        ("do you take walk-ins", "new appointments"),
        ("can I just walk in on Saturday morning", "new appointments"),
        # the directions say nothing of parking: a question of finding the practice
        ("is there parking", "hours and directions"),
        ("where can I leave the car", "hours and directions"),
    ],
)
def test_how_to_pay_walking_in_and_parking_reach_the_option_that_serves_them(said, option):
    assert routed(DENTIST, MENU, said) == option


def test_a_parking_fine_is_no_question_of_parking():
    assert routed(DENTIST, MENU, "I'm calling about a parking fine") != "hours and directions"


def test_a_job_seeker_is_not_hiring_something():
    assert routed(LAKE, MENU, "are you guys hiring at the moment") == "none"


def test_a_direct_debit_gives_no_directions():
    climbing = made_up_line(
        "Peak Climbing Wall",
        ("memberships", "joining or changing a membership", ["join", "membership"], ""),
        ("payments", "direct debits and fees", ["direct debit", "payment"], ""),
        ("classes", "climbing classes", ["class", "lesson"], ""),
    )
    assert routed(climbing, MENU, "where are you") == "none"


def test_parking_goes_to_directions_only_where_an_option_gives_them():
    # "a technician to find the pests" gives no directions
    pests = made_up_line(
        "Green Pest",
        ("book a visit", "a technician to find and treat pests", ["book"], ""),
        ("billing", "", ["bill"], ""),
    )
    assert routed(pests, MENU, "is there parking") == "none"


FLORIST = made_up_line(
    "Petal and Stem",
    ("order flowers", "a bouquet for collection or delivery", ["order flowers", "bouquet"], ""),
    ("delivery status", "where an order is", ["where is my order", "order status", "delivery"], ""),
)


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("I'd like to order", "order flowers"),
        ("I want to place an order for Friday", "order flowers"),
        ("where's my order", "delivery status"),
    ],
)
def test_placing_an_order_is_not_asking_where_one_is(said, option):
    assert routed(FLORIST, MENU, said) == option


def test_cancelling_a_booking_is_moving_or_cancelling_it():
    school = made_up_line(
        "Roadwise",
        ("lessons", "booking a driving lesson", ["book a lesson"], ""),
        ("changes", "moving or cancelling a lesson", ["move a lesson"], ""),
    )
    assert routed(school, MENU, "I need to cancel my lesson, I'm ill") == "changes"


def test_changing_locks_is_no_option_for_moving_a_booking():
    locksmith = made_up_line(
        "Keyright",
        ("locks", "new locks and lock changes", ["change locks", "new locks"], ""),
        ("quotes", "what a job costs", ["quote"], ""),
    )
    assert routed(locksmith, MENU, "I need to reschedule") == "none"


@pytest.mark.parametrize(
    "said",
    [
        "can someone call me back",
        "could you have the nurse call me",
        "I'd like a callback",
        "can somebody call me",
    ],
)
def test_asking_to_be_called_back_reaches_the_option_that_takes_messages(said):
    assert routed(load(SAMPLE_PATH), MENU, said) == "message"


def test_a_request_whose_words_the_caller_denies_is_not_asked():
    said = "I don't want to make an appointment, I want to cancel the one I have"
    assert routed(PHYSIO, MENU, said) == "change or cancel"


def test_a_line_with_no_option_for_a_request_is_left_alone():
    assert everyday.request_for(BIKE_SHOP, "what do you charge for a new chain") is None
    assert everyday.request_for(BIKE_SHOP, "can you fit me in on Tuesday") is None
    assert everyday.request_for(GUESTHOUSE, "could you look after our dog while we're out") is None


def test_keeping_a_thing_is_not_looking_after_a_charge():
    assert routed(KENNELS, MENU, "can you keep my lead for me until Friday") != "boarding"


def test_two_options_that_serve_a_request_alike_serve_it_not():
    twins = made_up_line(
        "Twin Garage",
        ("car repairs", "repairs to cars", ["repair"], "Someone whose car needs a repair."),
        ("van repairs", "repairs to vans", ["repair"], "Someone whose van needs a repair."),
    )
    assert everyday.request_for(twins, "the door won't close") is None


def test_a_spoken_key_or_another_language_is_left_to_the_menu():
    assert everyday.request_for(DENTIST, "how much is it, option four please") is None
    assert everyday.request_for(replace(DENTIST, language="es-MX"), "how late are you open") is None


@pytest.mark.parametrize(
    "said",
    [
        "is this the DMV? I need to renew my license",
        "hello, is this Domino's? I want a pizza",
        "is this the electric company, I need to pay my bill",
        "I'm looking for a paint store that's open on Saturdays",
        "where's the nearest hardware store, what's the address",
    ],
)
def test_a_caller_who_asks_for_another_business_hears_the_choices(said):
    assert routed(DENTIST, MENU, said) == "none"


def test_looking_for_the_kind_of_shop_this_line_is_is_no_other_business():
    assert not everyday.another_business(BIKE_SHOP, "I'm looking for a bike shop that does repairs")
    assert not everyday.another_business(BIKE_SHOP, "where's the shop exactly")


@pytest.mark.parametrize(
    ("line", "said", "option"),
    [
        (BIKE_SHOP, "do you repair lawnmowers", "none"),  # "repair", but no lawnmower of theirs
        (BIKE_SHOP, "do you repair mopeds", "none"),
        (LAKE, "do you hire out bikes", "none"),
        (BIKE_SHOP, "do you fix e-bikes", "repairs"),  # their bikes
        (DENTIST, "do you do evenings", "hours and directions"),  # an everyday request
    ],
)
def test_asking_whether_the_business_offers_a_thing_its_words_never_name_is_no_option(line, said, option):
    assert routed(line, MENU, said) == option


@pytest.mark.parametrize(
    "said",
    ["is this Brightside Dental?", "is this the right number for a cleaning", "is this where I pay my bill"],
)
def test_asking_whether_this_is_the_line_is_no_other_business(said):
    assert not everyday.another_business(DENTIST, said)


@pytest.mark.parametrize(
    "said",
    [
        "hi, I'm a rep for a cleaning supplies company, can I speak to the manager",
        "I'm looking for a job, could I talk to the manager",
        "we sell gloves wholesale, can I talk to a person",
        "is this the DMV? I need to speak to someone",
    ],
)
def test_a_seller_job_seeker_or_caller_for_another_business_asking_for_a_person_is_not_put_through(
    make_app, said
):
    result = call_app(make_app(assistant_path=str(SAMPLE_PATH)).test_client(), speech(said))
    assert result.transfers == []
    assert any("can't help with that here" in heard.text for heard in result.heard)


def test_a_caller_asking_how_late_the_clinic_is_open_hears_its_hours(make_app):
    result = call_app(
        make_app(assistant_path=str(SAMPLE_PATH)).test_client(), speech("how late are you open tonight?")
    )
    assert any("Monday to Friday from 8 AM to 6 PM" in said.text for said in result.heard)


@pytest.mark.parametrize(
    "said",
    [
        "I'd like to make a complaint about my cleaning last week",
        "I'm really not happy with the filling you did",
        "I want to complain, the hygienist was rough with my daughter",
        "I'd like to give you some feedback about my visit",
        "the work you did isn't right",
        "the treatment was never finished properly",
        "did I leave my phone there this morning",
        "I was just there and I think I left my keys",
        "I moved, I need to change my address",
        "I need to update my phone number",
        "I think I left my glasses there this morning",
        "my son lost his jacket in the waiting room",
        "my gums have been burning since the whitening yesterday",
        "I came out in a rash after the treatment this morning",
        "I'm running about ten minutes late, is that okay",
        "we're going to be a little late for our three o'clock",
    ],
)
def test_a_complaint_something_left_behind_or_a_late_caller_goes_to_a_person(said):
    assert routed(DENTIST, MENU, said) == "operator"


@pytest.mark.parametrize(
    "said",
    [
        "I'm at your front door and nobody's answering",
        "can somebody come and let me in, I'm outside",
        "the hygienist still hasn't turned up",
        "I've been waiting forty minutes and nobody's here",
        "there's no one at the front desk",
        "my driver is still not here",
    ],
)
def test_a_caller_kept_waiting_now_goes_to_a_person(said):
    assert routed(DENTIST, MENU, said) == "operator"


@pytest.mark.parametrize(
    "said",
    [
        "my husband is not here right now",
        "somebody already let me in, where is the office",
        "is there a waiting list",
        "nobody there could tell me the price last time",
    ],
)
def test_someone_away_or_a_door_already_opened_is_not_a_caller_kept_waiting(said):
    assert routed(DENTIST, MENU, said) != "operator"


def test_new_details_go_to_a_person_even_where_an_option_is_for_lost_property():
    assert routed(GUESTHOUSE, MENU, "I need to update my email address") == "operator"


def test_a_late_caller_whose_words_name_an_option_reaches_it():
    assert routed(DENTIST, MENU, "I'm running late, can I reschedule to next week") == "change or cancel"


NURSERY = made_up_line(
    "Little Oaks Nursery",
    ("off sick", "tell us your child won't be in", ["off sick", "absence", "not coming in"], ""),
    ("late pick-up", "tell us you'll be late collecting today", ["late pick up", "running late"], ""),
    ("fees", "fees and funded hours", ["fees", "invoice"], ""),
)


@pytest.mark.parametrize(
    "said",
    [
        "the bus hasn't come and I'm not going to get there by six",
        "I've been kept at work and won't get there before you close",
        "it'll be quarter to seven at least before I get to you",
        "I won't make it by half five, can she wait with you",
    ],
)
def test_a_caller_who_will_be_late_reaches_the_lines_option_for_it(said):
    assert routed(NURSERY, MENU, said) == "late pick-up"


THEATRE = made_up_line(
    "Playhouse Box Office",
    ("tickets", "buy tickets for a show", ["book tickets", "tickets"], ""),
    (
        "tonight's show",
        "help on the day: late arrivals, tickets at the door",
        ["running late", "tonight"],
        "",
    ),
    ("refunds", "money back", ["refund", "money back"], ""),
)


@pytest.mark.parametrize(
    "said",
    [
        "we're stuck in traffic and it starts in fifteen minutes",
        "the train's delayed, will they still let us in",
        "curtain up is in twenty minutes and we're still on the bypass",
    ],
)
def test_a_caller_late_for_what_begins_any_minute_reaches_the_option_for_late_arrivals(said):
    assert routed(THEATRE, MENU, said) == "tonight's show"


def test_work_running_behind_is_no_caller_running_late():
    assert routed(DENTIST, MENU, "the builders are running a week behind on our extension") != "operator"


def test_a_child_who_will_not_be_in_is_an_absence_not_a_late_pick_up():
    assert routed(NURSERY, MENU, "he won't make it in today, he's got a temperature") == "off sick"


def test_a_line_with_an_option_for_complaints_keeps_them_there():
    with_feedback = replace(
        DENTIST,
        menu=(*DENTIST.menu, replace(DENTIST.menu[0], key="9", name="feedback", phrases=("complaint",))),
    )
    assert not everyday.for_a_person(with_feedback, "I want to make a complaint about my cleaning")
    assert not everyday.for_a_person(replace(DENTIST, operator=None), "I want to make a complaint")


CLEANERS = made_up_line(
    "Sparkle Cleaning",
    ("regular cleaning", "weekly home cleans", ["regular clean", "cleaner"], ""),
    ("change a visit", "moving or skipping a clean", ["cancel", "reschedule", "skip"], ""),
    ("feedback", "anything we could have done better", ["complaint", "feedback", "not happy"], ""),
    ("lost property", "things left behind in our vans", ["lost property"], ""),
)


@pytest.mark.parametrize(
    "said",
    [
        "the cleaner missed the whole upstairs bathroom yesterday",
        "my cleaner broke a vase and didn't tell me",
        "your guy was really rude to my mum",
    ],
)
def test_a_complaint_reaches_the_option_for_complaints(said):
    assert routed(CLEANERS, MENU, said) == "feedback"


def test_an_option_for_lost_property_is_no_option_for_complaints():
    without_feedback = replace(CLEANERS, menu=tuple(o for o in CLEANERS.menu if o.name != "feedback"))
    assert routed(without_feedback, MENU, "your driver was really rude and drove far too fast") == "operator"


@pytest.mark.parametrize(
    "said", ["my son broke the tap in the bathroom", "I missed my appointment yesterday"]
)
def test_damage_or_a_miss_of_the_callers_own_is_no_complaint(said):
    assert not everyday.for_a_person(DENTIST, said)


def test_changing_the_day_of_a_visit_is_moving_it():
    assert (
        routed(CLEANERS, MENU, "I'd like to change my cleaning day from Monday to Wednesday")
        == "change a visit"
    )


@pytest.mark.parametrize(
    "said",
    [
        "I need a taxi to the airport",
        "I want to cancel my gym membership",
        "how much for a large pizza",
        "put me through to the hospital's billing office",
        "I want to change my flight to Lisbon",
        "I'd like to reserve a table for four at seven",
    ],
)
def test_a_request_for_another_trade_hears_the_choices(said):
    assert routed(DENTIST, MENU, said) == "none"


def test_a_trade_said_in_the_plural_or_another_kind_of_office_is_not_this_line():
    assert routed(BIKE_SHOP, MENU, "do you fix laptops") == "none"  # not the bike repairs
    assert everyday.not_for_this_line(DENTIST, "I'm looking for the post office")
    assert everyday.not_for_this_line(DENTIST, "what time does the post office close")
    assert not everyday.not_for_this_line(DENTIST, "what time does the front office close")


@pytest.mark.parametrize(
    "said",
    [
        "can I pay over the phone",  # a means, not another business
        # context, in a longer request
        "my bank said the payment went through twice, so I think I was charged twice for my filling",
    ],
)
def test_words_of_other_trades_said_as_means_or_context_are_left_to_the_menu(said):
    assert not everyday.another_trade(DENTIST, said)


def test_refusing_to_talk_to_a_computer_is_no_computer_repair():
    assert routed(DENTIST, MENU, "I don't want to talk to a computer") == "operator"
    assert routed(DENTIST, MENU, "my computer won't turn on") == "none"


def test_a_line_whose_own_words_name_the_trade_keeps_it():
    clinic = load(SAMPLE_PATH)  # its billing option takes insurance
    assert not everyday.another_trade(clinic, "I have a question about my insurance")
    assert routed(clinic, MENU, "I have a question about my insurance") == "billing"


@pytest.mark.parametrize(
    "said",
    [
        "are you guys hiring at the moment",
        "do you have any job openings for hygienists",
        "hi, I'm calling from a digital marketing agency about your website",
        "I'm a reporter working on a story about local businesses",
        "I have a question about my phone bill",
        "is this where I pay my parking ticket",
        "my laptop won't turn on",
    ],
)
def test_a_job_seeker_a_seller_or_a_bill_of_another_company_hears_the_choices(said):
    assert routed(DENTIST, MENU, said) == "none"


@pytest.mark.parametrize(
    "said", ["I need to renew my car insurance", "I have a question about my travel insurance"]
)
def test_insurance_of_what_the_line_never_speaks_of_is_for_an_insurer(said):
    clinic = load(SAMPLE_PATH)  # its billing option takes health insurance
    assert routed(clinic, MENU, said) == "none"


def test_insurance_of_what_the_line_speaks_of_is_its_own():
    vet = load(SAMPLE_PATH.with_name("northgate-vet.toml"))  # its billing option takes pet insurance
    assert routed(vet, MENU, "I have a question about my pet insurance") == "billing"


BAKERY = made_up_line(
    "Crumb Bakery",
    ("custom cakes", "ordering a cake for a birthday or wedding", ["cake", "birthday cake"], ""),
    ("hours and location", "when we are open and where we are", ["hours", "address"], ""),
    ("working here", "jobs at the bakery", ["job", "jobs", "hiring"], "Someone who wants to work for us."),
)


@pytest.mark.parametrize(
    "said",
    [
        "are you guys hiring at the moment",
        "I'm looking for work, I've got five years in a kitchen",
        "the cake was great but that's not why I'm calling, are you hiring",
        "do you have any job openings for a baker",
    ],
)
def test_a_job_seeker_reaches_the_option_for_jobs_where_the_line_has_one(said):
    assert routed(BAKERY, MENU, said) == "working here"


VENUE = made_up_line(
    "Riverside Hall",
    ("private hire", "weddings, parties and functions in our rooms", ["private hire", "function room"], ""),
    ("cafe", "the cafe's menu and opening hours", ["cafe", "lunch menu"], ""),
    ("prices", "what a room costs", ["price", "cost"], ""),
)


@pytest.mark.parametrize(
    "said",
    [
        "my son is getting married next spring",
        "we're planning a surprise party for my wife",
        "could we have a buffet for forty on a Saturday",
        "it's my dad's sixtieth in March",
    ],
)
def test_a_celebration_or_a_gathering_reaches_the_option_for_events(said):
    assert routed(VENUE, MENU, said) == "private hire"


@pytest.mark.parametrize(
    "said",
    [
        "is the sourdough made with any nuts",
        "my daughter is coeliac, what can she eat",
        "do you have anything dairy free",
        "do you make anything without eggs",
        "are there vegan options",
    ],
)
def test_what_is_in_the_food_reaches_the_option_for_allergies(said):
    assert routed(probes.CAFE, MENU, said) == "allergies and ingredients"


def test_a_line_with_no_option_for_ingredients_leaves_an_allergy_to_the_menu():
    said = "I'm allergic to latex, is that a problem for a sports massage"
    assert routed(PHYSIO, MENU, said) == "sports massage"


def test_a_child_who_will_not_be_in_is_an_absence_at_a_school():
    school = made_up_line(
        "Oakfield Primary",
        ("absence", "telling us your child is off sick", ["absence", "off sick"], ""),
        ("term dates", "holidays and closures", ["term dates", "holidays"], ""),
    )
    assert routed(school, MENU, "Maisie won't be in today, she was sick in the night") == "absence"
    assert routed(school, MENU, "my son is sick today he not come to school") == "absence"  # new to English


@pytest.mark.parametrize(
    "said", ["has my delivery gone out yet", "the flowers I ordered for my mum still haven't arrived"]
)
def test_where_a_delivery_is_reaches_the_option_that_tracks_them(said):
    assert routed(FLORIST, MENU, said) == "delivery status"


def test_a_delivery_asked_of_a_line_that_delivers_nothing_is_no_news_of_its_work():
    assert routed(BIKE_SHOP, MENU, "has my parcel from the catalogue been delivered") != "repair status"


def test_a_request_before_but_stands_when_nothing_is_asked_after_it():
    said = "I'd like to bring him in for a bath and a tidy, but somewhere quiet if possible"
    assert routed(probes.GROOM, MENU, said) == "book a groom"
    assert (
        routed(load(SAMPLE_PATH), MENU, "we picked up the medicine yesterday, but the bill seems wrong")
        == "billing"
    )


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("can I take ibuprofen with my other tablets", "ask the pharmacist"),
        ("is it safe to give her Calpol after her jab", "ask the pharmacist"),
        ("my dad can't get out of the house, can you bring his medication round", "delivery"),
        ("I'm running out of my inhaler", "prescriptions"),
    ],
)
def test_advice_on_a_medicine_or_a_delivery_is_not_a_refill(said, option):
    assert routed(probes.PHARM, MENU, said) == option


def test_asking_for_a_space_is_asking_what_is_free():
    said = "my daughter is two and I'm going back to work in September, have you got space"
    assert routed(probes.NURSERY, MENU, said) == "places and visits"


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("the window cleaner didn't turn up on Tuesday", "missed or changed visits"),
        ("nobody came last week and I stayed in all morning", "missed or changed visits"),
        ("can you skip our clean next week, we're away", "missed or changed visits"),
    ],
)
def test_a_visit_that_did_not_happen_or_is_skipped_reaches_the_option_for_them(said, option):
    assert routed(probes.WINDOWS, MENU, said) == option


def test_a_supplier_to_the_events_is_no_customer_for_them():
    assert routed(VENUE, MENU, "I'm a florist and I'd like to offer my services for your weddings") == "none"


TATTOO_STUDIO = made_up_line(
    "Ink and Iron",
    ("bookings", "booking a tattoo or a piercing", ["book", "appointment"], ""),
    ("before and after", "getting ready for your session and looking after it after", ["aftercare"], ""),
    ("prices", "what a design costs, and a price before we start", ["price", "quote"], ""),
)


@pytest.mark.parametrize(
    "said",
    [
        "how long after the session can I go swimming",
        "is it okay to drink the night before my appointment",
        "should I shave the area before the session",
        "I was wondering if I should eat something before your artist arrives",
    ],
)
def test_what_to_do_before_or_after_the_work_reaches_the_option_for_it(said):
    assert routed(TATTOO_STUDIO, MENU, said) == "before and after"


def test_an_option_naming_the_time_before_the_work_once_is_no_option_for_it():
    roofer = made_up_line("Top Roofing", ("quotes", "a price before we start", ["quote", "price"], ""))
    assert routed(roofer, MENU, "how long after the work can I go up in the loft") == "none"


BARBER = made_up_line(
    "Sharp Cuts",
    ("appointments", "booking a haircut or a beard trim", ["book", "haircut"], ""),
    ("prices", "what a cut costs", ["price"], ""),
)


DRIVING_SCHOOL = made_up_line(
    "Clearway Driving",
    ("lessons", "booking driving lessons in our dual-control cars", ["book a lesson", "lessons"], ""),
    ("test", "the practical driving test", ["driving test", "test"], ""),
    ("prices", "what lessons cost", ["price", "cost"], ""),
)


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (DENTIST, "can I book my puppy in for his jabs"),
        (DENTIST, "I'd like to book in for a manicure"),
        (DENTIST, "can I book my dog in for a teeth cleaning"),  # the dog is who it is for
        (BARBER, "do you do haircuts for cats"),
        (load(SAMPLE_PATH), "do you do eye tests, my glasses are too weak"),
        (load(SAMPLE_PATH), "how much to get a suit cleaned"),
        (DRIVING_SCHOOL, "my clutch is slipping, can you have a look"),
        (DRIVING_SCHOOL, "how much for a new set of tyres"),
        (PHYSIO, "I need help with my taxes"),
    ],
)
def test_a_thing_of_a_field_the_line_never_speaks_of_is_for_another_business(line, said):
    assert routed(line, MENU, said) == "none"


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (KENNELS, "how much to board my kitten for a week"),  # the line speaks of cats
        (KENNELS, "can my puppy get her nails trimmed"),  # and of dogs: the nails are theirs
        (BAKERY, "how much is a cake for fifty people"),
        (DENTIST, "my van's engine died, so I need to reschedule"),  # the car is why, not what
        (DENTIST, "I can't make it because my cat is ill, I need to cancel"),
        (BARBER, "can I book a hair cat for Saturday"),  # misheard, not a cat
    ],
)
def test_a_thing_of_the_lines_own_field_or_said_as_the_reason_is_no_other_business(line, said):
    assert not everyday.another_field(line, said)


def test_a_caller_whose_car_is_the_reason_reaches_the_option_they_ask_for():
    assert routed(DENTIST, MENU, "my car's brakes failed so I have to reschedule") == "change or cancel"


@pytest.mark.parametrize(
    "said",
    [
        "we're a supplier of dental chairs, would you be interested in our catalogue",
        "I sell whitening kits at a discount, who does your ordering",
        "we sell electric toothbrushes wholesale, are you interested",
    ],
)
def test_a_sellers_pitch_is_no_customer(said):
    assert everyday.not_a_customer(said)
    assert routed(DENTIST, MENU, said) == "none"
