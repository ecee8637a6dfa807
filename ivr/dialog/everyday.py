"""Everyday requests: what the callers of any small business ask, in their own words.

"How late are you open tonight?", "what do you charge for a brake job?", "I can't make it on
Thursday after all", "the dishwasher won't drain", "we're nearly out of his pills", "is the work
on my truck finished?": none of these uses an owner's phrase, and a static embedding hears little
of them, yet a receptionist of any trade knows at once what is asked. REQUESTS lists such requests
(opening hours, where the business is, parking, prices, a viewing, free dates, booking, giving
notice, looking after someone's charge, something for a stay, moving or cancelling a booking, a
repair, advice on a medicine, a refill, news of work in hand, a delivery, a bill, something left
behind, an event, what to do before or after the work, a missed visit, what is in the food, a
complaint, working here), each with the ways callers put it, written for the class (some after
reading the development sets' misses or asking made-up lines of other trades, never from the
blind sets' rows).

A line serves a request through the option whose own words (name, description, intent, phrases)
name it most; where no option does, or two do alike, the request is not this line's and this
module stays out of its way. What the caller asks is the first request said, not negated ("I don't
want to book, just what you charge"), after any aside (matching.request_start).

Two more kinds of call: a complaint or something left behind where no option is for it, the caller's
new address or number, or a caller the business keeps waiting now or who is running late where no
option is for that (for_a_person: the operator), and a caller who wants another business or trade,
or is no customer at all (not_for_this_line: the choices again). English lines only: the ways of
asking are English."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.matching import (
    BOUNDARY,
    CALENDAR,
    CONTACT_VERBS,
    GENERIC,
    IN_PASSING,
    MACHINE_WORDS,
    NEGATORS,
    SECOND_REQUEST,
    STOPWORDS,
    match,
    negated_positions,
    request_start,
    second_request,
    similarity,
    spoken_key,
    stem,
    tokenize,
)
from ivr.dialog.urgency import urgent_option

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_WHEN = rf"(?:{_DAY}|today|tonight|tomorrow|weekends?|(?:bank |public )?holidays?|this week|next week"
_WHEN += r"|mornings?|evenings?|afternoons?|nights?)"
_WHO = r"(?:you|you guys|you lot|y all|ya|they|it|the \w+|your \w+)"
# What callers call the business itself: "where is your shop", "how do I get to the clinic".
_PLACE = r"(?:shop|store|office|clinic|salon|spa|garage|restaurant|building|practice|hospital|place"
_PLACE += r"|location|business|center|centre|studio|surgery|workshop)"
_WHOSE = r"(?:my|the|our|his|her|their|your)"
_PET_OR_THING = rf"(?:it|that|this|him|her|them|{_WHOSE} \w+)"
_MOVE = r"(?:move|push|shift|switch|swap|change|bump|rebook|reschedule|postpone)"
_THING = r"(?:my|the|our|his|her|their|a|an|this|that|one of the) (?:\w+ )?"
_VEHICLE = r"(?:car|truck|van|vehicle|bike|bicycle|motorcycle|motorbike|scooter|boat|trailer|rv)"


@dataclass(frozen=True)
class Request:
    name: str
    serves: frozenset[str]  # stems of the words by which an option offers it
    said: re.Pattern[str]  # how callers ask it, over matching.tokenize's words joined by spaces
    otherwise: str | None = None  # the request whose option serves it where none names it
    # A request that shares this one's words but is another (moving a booking is no booking): the
    # option serving it does not compete for this one.
    apart_from: str | None = None
    named_by: int = 1  # words of an option that must name it (an option's name counts twice)


# Businesses, and what only they sell, that callers of a small business dial by mistake. Not words
# said of any business as context or means ("phone", "card", "office", "doctor": "the doctor" at a
# vet's is the vet).
OTHER_TRADES = frozenset(
    """dentist gym bank insurance cable internet electric electricity utility utilities dmv airline
    airport taxi cab uber lyft pizza pizzeria lottery propane grocery groceries supermarket mortgage
    passport license licence dealership plumber electrician mechanic lawyer attorney accountant
    locksmith pharmacist chiropractor optician realtor broker ticket tickets computer laptop printer
    hospital flight flights caravan campsite table tables
    """.split()
)
MAX_WORDS_FOR_ANOTHER_TRADE = 12
# What other trades work on, by field: a caller whose thing is of a field the line's own words
# never touch ("book my dog in" at a dentist's, "my car's brakes" at a driving school, "a new
# prescription for my glasses" at a clinic) wants another business. Each field is its things, which
# a caller names, and the words its trade uses besides: a dry cleaner's line that speaks of
# garments owns shirts. Things only: not the body, which many trades see ("my back", "my eyes"),
# nor what a caller needs them for.
FIELDS = tuple(
    (frozenset(things.split()), frozenset(things.split()) | frozenset(trade.split()))
    for things, trade in (
        (
            "dog dogs puppy puppies cat cats kitten kittens pet pets rabbit hamster parrot horse",
            "vet vets veterinary veterinarian animal animals kennel kennels",
        ),
        (
            "brakes transmission engine clutch exhaust windshield windscreen tires tyres",
            "mechanic garage auto automotive mot bike bikes bicycle motorbike motorcycle scooter",
        ),
        ("glasses spectacles lenses", "optician optometrist optical eyewear frames"),
        ("teeth filling fillings braces dentures cavity", "dental dentist dentistry orthodontist hygienist"),
        ("haircut manicure pedicure nails", "hair salon barber hairdresser stylist beauty"),
        ("cake cakes pizza", "bakery restaurant pizzeria food"),
        ("suit suits shirt shirts trousers", "clothes clothing garment garments laundry alterations tailor"),
        ("taxes", "tax accountant accounting bookkeeping"),
    )
)
FIELD_THINGS = frozenset().union(*(things for things, _ in FIELDS))
ANIMALS = FIELDS[0][1]
# A request's words as speech recognition may split them, each with what was meant (in as many
# words or fewer).
MISHEARD = {
    ("a", "point", "meant"): ("an", "appointment"),
    ("a", "point", "ment"): ("an", "appointment"),
    ("a", "pointment"): ("an", "appointment"),
    ("can", "sell"): ("cancel",),
    ("re", "schedule"): ("reschedule",),
    ("re", "book"): ("rebook",),
}
SPLIT_WORDS = re.compile(rf"\b(?:{'|'.join(' '.join(split) for split in MISHEARD)})\b")
# Where one part of what a caller says ends and the next begins.
CLAUSES = re.compile(r"[,.;?!]|\b(?:so|because|cause|since|and|but)\b", re.IGNORECASE)
NOT_A_TRADE = frozenset({("bank", "holiday"), ("bank", "holidays")})  # "are you open bank holidays?"
# What a household pays other companies for: "my phone bill", "the electric bill".
UTILITY_BILL = re.compile(
    r"\b(phone|cell|mobile|cable|electric|electricity|gas|water|internet|hospital|medical|credit card) "
    r"(?:bill|bills|company)\b"
)
# What other companies insure: "renew my car insurance" is for an insurer, unless the line speaks
# of cars (a garage's repair claims) or pets (a vet's).
INSURANCE_OF = re.compile(
    r"\b(car|auto|home|house|homeowners|life|travel|renters|contents|boat|motorcycle|pet) insurance\b"
)
# Someone who wants to work for the business: served by the line's option for jobs, if it has one.
JOB_SEEKER = (
    r"\b(?:job|jobs) (?:openings?|opening|vacancies|vacancy|application)\b",
    r"\b(?:are|is) (?:you|you guys|y all|anyone) hiring\b",
    r"\bapply for (?:a|the) (?:job|position)\b",
    r"\b(?:looking for|need) (?:a job|work|employment)\b",
)
NOT_A_CUSTOMER = re.compile(
    "|".join(
        (
            r"\b(?:i am|we are) (?:calling )?(?:from|with) (?:a|an|the) (?:\w+ )?"
            r"(?:marketing|advertising|media|seo|web design|sales|survey|research) (?:company|agency|firm)\b",
            r"\b(?:i am|we are) (?:a|an) (?:rep|representative|reporter|journalist|writer) "
            r"(?:for|from|with|working)\b",
            r"\b(?:selling|sell you) (?:advertising|ads|listings)\b",
            # a seller's pitch: "we're a distributor", "we sell toothbrushes wholesale", "at a discount"
            r"\b(?:i am|we are) (?:a|an) (?:\w+ )?(?:distributor|supplier|wholesaler|vendor|reseller)\b",
            r"\b(?:sell|selling|supply|supplying) [^,]{0,40}?\b(?:wholesale|in bulk|at a discount)\b",
            r"\b(?:would|are|were) you (?:be )?interested in (?:stocking|carrying|buying|selling|our)\b",
            r"\b(?:quick|short) survey\b",
            r"\boffer (?:my|our|you my|you our) (?:services|products|business)\b",
        )
    )
)
# Words of "is this the right number", "is this a good time": no other business's name.
NOT_A_NAME = frozenset(
    {"right", "correct", "good", "okay", "best", "number", "line", "place", "still", "open"}
)
# "I'm looking for a wedding dress shop", "where is the nearest hardware store" (but "where's the
# shop?" asks where this business is).
A_SHOP = re.compile(
    r"\b(?:(?:looking for|trying to find|need to find|want to find) (?:a|an|the)"
    r"|(?:where is|where s) the nearest|(?:what time|when) (?:does|do|is|will) the) "
    r"(?P<kind>\w+(?: \w+)?) (?:shop|store|boutique|outlet|supermarket|mall|office|station)\b"
)
# Which of this business's own rooms: "the front office", "the main desk".
PARTS_OF_A_PLACE = frozenset({"front", "main", "head", "back", "local", "reception"})
# Whether the business offers a thing: "do you fix motorbikes?", "do you sell wedding dresses?",
# "do you run a cycling club?"; the thing is what follows the verb, up to a preposition or a clause.
OFFERED = re.compile(
    r"^(?:(?:hi|hello|hey|yes|yeah|um|just wondering|i was wondering|quick question) |, )*"
    r"(?:do|does|can|could|will|would) (?:you|you guys|y all|your (?:shop|company|firm|team)) "
    r"(?:also |ever |still |happen to )?(?:sell|stock|fix|repair|mend|service|make|offer|run|rent out"
    r"|hire out|supply|install|carry|do) (?P<what>(?:(?!(?:for|at|to|with|from|as|or|and|if)\b)\w+ ?)+)"
)
# "is this the pizza place?", "hello, is this Domino's?": the words up to the end of the question.
ANOTHER_BUSINESS = re.compile(r"^(?:hi |hello |hey |, )*is this (?:the |a |an )?(?P<what>[^,]+)")


@lru_cache(maxsize=4096)
def _serving_stem(word: str) -> str:
    """A word's stem for whether an option names a request: stem() without its -ion and -ment
    (a "direct debit" gives no directions)."""
    return stem(word) if not word.endswith(("ion", "ions", "ment", "ments")) else word.removesuffix("s")


def _request(
    name: str,
    serves: str,
    *ways: str,
    otherwise: str | None = None,
    apart_from: str | None = None,
    named_by: int = 1,
) -> Request:
    stems = frozenset(_serving_stem(w) for w in serves.split())
    return Request(name, stems, re.compile("|".join(ways)), otherwise, apart_from, named_by)


# Something left behind: a request the line's lost-property option serves, where it has one.
LEFT_BEHIND = (
    r"\b(?:left|forgot|lost) (?:my|a|an|our|his|her|their) (?:\w+ ){1,3}?"
    r"(?:there|here|behind|at your|in your|on the|by the|in the|under the|plugged in|in (?:my |our )?room)\b",
    r"\b(?:left|forgotten|lost) (?:it |them |something )?behind\b",
    r"\b(?:left|forgot) (?:my|our|his|her|their) (?:\w+ ){0,2}?\w+ (?:when|after) (?:i|we|he|she|they) "
    r"(?:checked out|left|stayed|visited)\b",
    r"\b(?:got|was|were|been) left (?:in|at|behind|on|by|under)\b",
    r"\b(?:my|his|her|our|their) (?:\w+ ){0,2}?(?:is|are|was|were|has gone|have gone) missing\b",
    # found missing on the way home: "her bracelet wasn't in her bag when we got home"
    r"\b(?:was|were|is|are) not in (?:my|his|her|our|their) (?:bag|bags|case|suitcase|luggage|purse|handbag"
    r"|wallet|pocket|pockets|backpack)\b",
    # "I think I left my keys", "I believe we forgot our umbrella"
    r"\b(?:think|thought|believe|guess) (?:i|we|he|she|they) (?:left|forgot) (?:my|our|his|her|their|a|an) "
    r"(?:\w+ ){0,2}?\w+\b",
    # asked, not told: "did I leave my phone there?", "I might have left my scarf in the car"
    r"\b(?:did|might|may|could|must) (?:i|we|he|she|they) (?:have )?(?:leave|left|forget|forgotten) "
    r"(?:my|a|an|our|his|her|their) (?:\w+ ){0,2}?\w+ (?:there|here|behind|at|in|on|by|under)\b",
)
# Who did the work, said by the caller: "your driver", "the cleaner".
_WORKER = (
    r"(?:your \w+|(?:the|my|our) (?:cleaner|driver|technician|tech|engineer|plumber|electrician|mechanic"
    r"|groomer|stylist|hairdresser|builder|mover|movers|instructor|contractor|decorator|gardener|guy|man|lad|chap))"
)
# A complaint: the work done wrong, or how the caller was treated.
COMPLAINED = (
    r"\b(?:make|file|lodge|have|got) a complaint\b",
    r"\bcomplain(?:ing)? about\b",
    r"\b(?:want|wanted|would like|like|need|have|got) to complain\b",
    r"\b(?:give|leave|share|pass on) (?:you |us )?(?:some |a bit of |my |our )?feedback\b",
    # the work done is wrong: "the work you did isn't right", "the repair wasn't done properly"
    r"\b(?:work|job|repair|repairs|service|treatment) (?:you |he |she |they |your \w+ )?(?:did |done )?"
    r"(?:is not|was not|are not|were not|has not been|was never) (?:right|done right|done properly"
    r"|good enough|up to scratch|acceptable|finished properly)\b",
    r"\b(?:i am|we are|i was|we were) (?:not |very |really |so )+(?:happy|pleased|satisfied) with\b",
    r"\b(?:i am|we are) (?:really |very |so )?(?:upset|furious|disappointed)\b",
    r"\b(?:ruined|botched|messed up) (?:my|our|his|her)\b",
    # something gone wrong after the work: "my scalp is burning after the colour yesterday"
    r"\b(?:reaction|rash|burning|itchy|itching|blistering|blisters|stinging|peeling)\b[^,]{0,40}?"
    r"\b(?:after|from|since) (?:the|my|your|that) (?:\w+ )?(?:yesterday|today|this morning|last week"
    r"|treatment|colou?r|facial|wax|waxing|peel|tint|perm|dye|massage|procedure|service)\b",
    rf"\b{_WORKER} (?:was|were|is|has been) (?:so |really |very |extremely )?(?:rude|unprofessional"
    r"|aggressive|abusive|careless)\b",
    rf"\b{_WORKER} (?:missed|skipped|forgot|broke|damaged|scratched|smashed|stained|ruined) "
    r"(?:the|my|our|a|an|half|some)\b",
)
# for a line's option for complaints or feedback; where it has none, a person (for_a_person)
A_COMPLAINT = _request("a complaint", "complaint complaints feedback", *COMPLAINED)
SOMETHING_LEFT = _request(
    "something left behind", "lost found behind forgot forgotten property", *LEFT_BEHIND
)

WORKING_HERE = _request(
    "working here",
    "job jobs employment recruitment recruiting",  # not "career" ("care"), not "hiring" ("hire")
    *JOB_SEEKER,
)
# Late for a booking or a pick-up today: the option for that, where a line has one (a nursery's "late
# collection"), or else, where the phrases named no option, someone must know now ("I'm running
# fifteen minutes late for my eleven o'clock, is that okay?", "I won't get there before you close").
RUNNING_LATE = _request(
    "running late",
    "late",
    # the caller's, not the work's: "the builders are running behind" is no late arrival
    r"(?<!they are )(?<!s are )(?<!it is )\brunning (?:\w+ ){0,3}?(?:late|behind)\b",
    r"\b(?:going to be|will be) (?:\w+ ){0,3}?late\b",
    r"\b(?:not|never) (?:going to )?(?:make it|get there|get to you|get back|be there|be back)"
    r"(?: in time)? (?:by|before|until|till|for)\b",
    r"\bbefore (?:i|we) (?:can )?get (?:to you|there)\b",
    # what was booked begins any minute: "the show starts in ten minutes and we're stuck in traffic"
    r"\b(?:starts|begins|is|kicks off) in (?:the next )?(?:\w+ ){0,2}(?:minutes|mins)\b",
    r"\b(?:will|would) (?:they|you) still let (?:us|me) in\b",
)


REQUESTS = (
    _request(
        "opening hours",
        "hours hour open opening close closing",
        rf"\bwhat time (?:(?:do|does|are|is|will|would) )?{_WHO} "
        r"(?:open|close|clothes|shut|start|finish|stop)",
        rf"\bwhen (?:(?:do|does|are|is|will) )?{_WHO} (?:open|close|shut)\b",
        r"\bhow (?:late|early) (?:are|is|do|does|will|can)\b",
        rf"\b(?:are|is) {_WHO} (?:open|closed|shut)\b",
        r"\b(?:are|is) (?:you|you guys|y all|anyone|anybody|someone|somebody) "
        r"(?:working|in|there|around|about) "
        rf"(?:on |this |next )?{_WHEN}",
        r"\bopen (?:on |this |next |at |until |till |late |early )?"
        rf"(?:{_WHEN}|now|late|early|at \w+|until|till)\b",
        r"\b(?:closing|opening) (?:time|times|hours)\b",
        # "do you teach on Sundays", "do you do evenings", "does the shop open weekends"
        rf"\b(?:do|does|if|whether) {_WHO} (?:work|teach|do|run|open|operate|come out|go out) "
        rf"(?:on |at |in the |during |over |at the )?{_WHEN}\b",
    ),
    _request(
        "where the business is",
        "address location located directions where find",
        rf"\bwhere(?:abouts)? (?:exactly )?(?:are|is) (?:you|you guys|y all|ya|your {_PLACE}|the {_PLACE})\b",
        r"\b(?:what|which) (?:street|road|avenue|part of town|side of town|cross streets?|town)\b",
        r"\bhow (?:do|can|would|will|should) (?:i|we) (?:get|find) "
        rf"(?:to )?(?:you|there|your {_PLACE}|the {_PLACE})\b",
        rf"\b(?:find|near) (?:you|your {_PLACE})\b",
        rf"\bwhere(?:abouts)? (?:exactly )?(?:you|you guys|your {_PLACE}|the {_PLACE}) (?:are|is)\b",
        rf"\bhow to get (?:to )?(?:you|there|here|your {_PLACE}|the {_PLACE})\b",
        r"\b(?:which|what) (?:exit|turning|turn ?off|junction|stop)\b",
        r"\b(?:way|route|directions) (?:to you|to your|from the|from)\b",
        r"\bwalk(?:able| from| over from)\b",
        r"\b(?:bus|train|tram|subway|metro) (?:that )?(?:goes|go|stops|runs) (?:near|by|past|to)\b",
        r"\bwhere (?:your|the) (?:entrance|front door|door|way in) is\b",
    ),
    _request(
        "parking",
        "parking park",
        r"\bpark\b(?! (?:avenue|street|road|drive|lane))",
        r"\bparking\b(?! (?:fine|fines|ticket|tickets|violation|violations|penalty))",
        rf"\b(?:leave|put|keep) (?:my|the|our|his|her|a) (?:second |other )?{_VEHICLE}\b",
        rf"\b(?:spot|space|place|somewhere) (?:for|to put) (?:my|the|our|his|her|a) (?:\w+ )?{_VEHICLE}\b",
        otherwise="where the business is",  # at a line whose directions say nothing of parking
    ),
    _request(
        "prices",
        "price prices pricing cost costs quote quotes estimate estimates rates",
        r"\bhow much (?!(?:do|does|did|will|would) (?:i|we) owe|is (?:left|owed|due)"
        r"|is (?:my|the|our) (?:bill|balance))",
        r"\bwhat (?:do|does|would|will) [^,]{0,30}?\b(?:charge|cost|costs|run|runs|go for)\b",
        r"\bwhat (?:is|are) (?:the|your) (?:price|prices|cost|costs|rate|rates|damage|fee|fees|pricing)\b",
        r"\b(?:how|what) (?:expensive|pricey)\b",
        r"\bballpark\b",
        r"\b(?:price|prices|pricing|cost|rates?) (?:of|for|on)\b",
        r"\bwhat would (?:it|that|this) (?:cost|be|run)\b",
        # "a rough idea of what a cremation would cost", "what would the simplest one set me back"
        r"\bwhat (?:it|that|this|they|a|an|the) [^,]{0,30}?\b(?:would|will|might|should) (?:cost|run)\b",
        r"\bset (?:me|us) back\b",
        r"\bwhat (?:your|the) (?:\w+ )?(?:price|prices|rate|rates|fee|fees|charge|charges) (?:is|are)\b",
        r"\bwhat (?:you|you guys|y all|they) charge\b",
        r"\bwhat (?:a|an) [^,]{0,25}?\b(?:runs|costs|goes for)\b",
        r"\b(?:cheapest|most affordable|least expensive)\b",
        r"\bwhat (?:is|are|would be|will be) (?:the|your) charges?\b",  # asked, not "the charge for parking"
        r"\b(?:a|rough|ballpark|ball park|rough idea of the) figure\b",  # "give me a figure before I commit"
    ),
    _request(
        "moving or cancelling a booking",
        "cancel cancelling reschedule rebook absence absent skip",
        # but not in time for something ("I won't make it by six", "won't get there before you close")
        r"\b(?:can|could|will|would) not (?:make|come|attend|get there|be there)\b"
        r"(?! (?:it )?(?:by|before|until|till|in time)\b)",
        r"\b(?:will|would|is|are|am) not (?:be )?(?:in|coming in) (?:today|tomorrow|this|on|at)\b",
        # as a caller new to English may put it: "he not come to school today"
        r"\b(?:he|she|they|i|we) not (?:come|coming|attend|attending) (?:to|in|today|tomorrow)\b",
        r"\b(?:staying|keeping (?:him|her|them)) (?:at )?home\b",  # "he's staying home with me today"
        r"\b(?:will|would) not be able to (?:make|come|attend|get)\b",
        r"\b(?:not going to|unable to|can not) (?:make it|be able to make)\b",
        r"\bnot (?:going to be|be) able to (?:make|come|attend|get)\b",
        rf"\b(?:{_MOVE}|cancel|cancell?ing) (?:it|that|this|a|an|my|the|our|his|her|their|\w+ is)"
        r"(?: \w+){0,3}? "
        r"(?:appointment|appt|booking|visit|time|slot|reservation|date|day|session|lesson|stay)\b",
        rf"\b{_MOVE} {_PET_OR_THING} (?:back|forward|later|earlier|to|until|till)\b",
        r"\bskip (?:it|this|that|(?:my|our|the|next|this|a|one) (?:\w+ )?(?:visit|clean|session|lesson"
        r"|appointment|week|month|time|one))\b",
        r"\b(?:call|calling) (?:it|that|this) off\b",
        r"\bget rid of my\b",
        r"\b(?:another|a different|a later|an earlier|some other) "
        r"(?:day|time|date|slot|week|night|evening)\b",
        r"\b(?:something|something else) (?:came|has come|come) up\b",
        rf"\bpush (?:it |that |this |them |the whole thing |{_WHOSE} \w+ )?back\b",
        r"\b(?:reschedule|rescheduling|rebook|rebooking|postpone|postponing)\b",  # whatever is moved
        r"\b(?:come|arrive|get there|get here|check in) (?:on )?(?:\w+ )?instead\b",
        r"\badd (?:another|an extra|one more|a second) (?:night|day|week)\b",
    ),
    _request(
        "a viewing",
        "viewing viewings view tour tours showing",
        r"\b(?:see|look at|view|tour) (?:a|an|the|one of the|one of your|your|that|this) (?:\w+ ){0,2}?"
        r"(?:unit|units|apartment|apartments|flat|house|home|place|property|studio|studios|bedroom|space)\b",
        r"\b(?:schedule|book|arrange|set up|do) (?:a |an )?(?:tour|viewing|showing|walkthrough|look round)\b",
        r"\bcome (?:and )?(?:look at it|see it|have a look|take a look)\b",
        # "have a look around the place", "walk round it", "show us round"
        r"\b(?:have a look|take a look|look|walk|show (?:us|me|them)) (?:a)?round (?:it|the|your|before)\b",
        r"\b(?:have a look|take a look|look|walk|show (?:us|me|them)) (?:a)?round$",
    ),
    _request(
        "availability",
        "availability available vacancy vacancies free dates spaces places",
        r"\b(?:any|have any|got any|anything|something) (?:available|free|open|going)\b",
        r"\b(?:any rooms?|a room|rooms|any tables?|a table|tables) (?:available|free|going)\b",
        r"\b(?:availability|vacancy|vacancies)\b",
        r"\b(?:have you got|do you have|got any|is there any|are there any|have you any) (?:\w+ )?"
        r"(?:space|spaces|places|a place)\b",
        r"\bwhat (?:you have|you have got|you got|have you got|is) (?:free|available|open)\b",
        # "have you got a twin room on New Year's Eve", "do you have a table for tonight"
        r"\b(?:do you have|have you got|have you|you got|you have) (?:a|an|any) (?:\w+ )?"
        r"(?:room|rooms|table|tables|double|twin|single|suite|cabin|pitch) "
        r"(?:on|this|next|tonight|tomorrow|in|over|for tonight|for tomorrow|for next|for this)\b",
        otherwise="booking",  # "anything free next week?" at a line with no option for free dates
    ),
    _request(
        "booking",
        "book booking appointment appointments appt schedule visit reservation reservations",
        r"\bfit (?:me|us|him|her|them|my \w+|our \w+) in\b",
        r"\bbook (?:me|us|him|her|them) in\b",
        r"\bbook (?:someone|somebody|a technician|an engineer|a man|a guy)\b",  # to come out, for the ants
        r"\b(?:like|want|need|wanted|hoping) to book in\b",
        r"\bbook (?:something|anything|a time|a slot|a spot)\b",
        r"\b(?:get|need|want|wanted|like) (?:a|an) (?:new )?"
        r"(?:appointment|appt|booking|visit|lesson|session)\b",
        rf"\b(?:get|come|pop|bring|drop) (?:me |us |{_PET_OR_THING} )?in "
        r"(?:for|to|this|next|on|tomorrow|today|sometime|soon|before|after|early|later)\b",
        r"\b(?:any|have any|got any|your next|next|first) (?:openings?|availability|available|slots?|spots?"
        r" open|times available)\b",
        rf"\b(?:anything|something|any time|anytime) (?:on |this |next |for |free )?{_WHEN}",
        r"\b(?:take|accept|do|allow) walk ?ins?\b",
        r"\b(?:can|could) (?:i|we) (?:just )?walk in\b",
        r"\b(?:have|got) (?:a|an) (?:slot|opening|gap)\b",
        r"\b(?:be|get|getting) seen\b",
        # "my GP referred me for my shoulder"
        r"\breferred (?:me|us|him|her|them) (?:to you )?for (?:my|his|her|a|an|some)\b",
        rf"\b(?:take|have) a look at {_PET_OR_THING}",
        # seen by a professional: "get the hamster looked at by a vet", "needs his nails checked by the vet"
        rf"\b(?:get|have|needs?) {_WHOSE} (?:\w+ ){{0,3}}"
        r"(?:looked at|checked|checked out|checked over|seen) by\b",
        rf"\b(?:look|check) {_PET_OR_THING} over\b",
        r"\b(?:get|have) (?:it|them|this|that|him|her) (?:looked at|checked|checked out|seen to)\b",
        r"\b(?:set up|make|schedule|arrange) (?:a|an) (?:new )?(?:time|visit|session|check ?up"
        r"|consultation|consult|appointment|appt|booking|reservation|lesson)\b",
        r"\b(?:hold|reserve) (?:me |us )?(?:a|an|two|three|four) (?:\w+ )?"
        r"(?:room|rooms|double|twin|single|suite|table|spot|place|slot)\b",
        apart_from="moving or cancelling a booking",
    ),
    _request(
        "giving notice",
        "notice vacate vacating inspection",
        r"\b(?:hand|handing|turn|turning|drop|dropping|give|giving) (?:in |back )?(?:my|the|our) keys\b",
        r"\b(?:give|giving|put in|putting in|hand in|handing in) (?:my|our|a|the|you) (?:\w+ )?notice\b",
        r"\b(?:be|am|are|will be) out of (?:here|the (?:apartment|flat|house|unit|place)) by\b",
    ),
    _request(
        "looking after someone's charge",
        "boarding board kennel kennels daycare sitting sitter minding childcare creche",
        rf"\b(?:keep|look after|take care of|care for|watch|mind|board) (?:him|her|them|{_WHOSE} (?:\w+ )?"
        r"(?:dogs?|cats?|pupp(?:y|ies)|kittens?|pets?|rabbits?|birds?|animals?|kids|children|son|daughter"
        r"|baby|boy|girl)) (?:for|while|over|during|overnight)\b",
        r"\bcan (?:he|she|they|it) stay (?:with you|there|overnight|over)\b",
        r"\b(?:day care|daytime care)\b",
    ),
    _request(
        "something for a stay",
        "housekeeping stay staying guest guests",
        r"\b(?:more|extra|fresh|clean|spare) (?:\w+ )?(?:towels?|pillows?|blankets?|sheets|bedding"
        r"|toilet paper|toiletries|soap|shampoo|coffee|tea|milk|hangers)\b",
        r"\blate check ?out\b",
        r"\bno hot water\b",
        r"\b(?:beds?|room) (?:has not|have not|had not|was not|were not|is not) been (?:made|cleaned|done)\b",
    ),
    _request(
        "a repair",
        "repair repairs fix broken maintenance problem problems fault faults",
        r"(?<!nothing )\b(?:is|are|was|got|gone|been) "
        r"(?:broken|busted|not working|leaking|dripping|clogged|blocked|jammed|cracked|shattered|smashed"
        r"|squeaking|rattling|grinding|sticking|slipping|flickering|buzzing|banging)\b",
        r"\b(?:stopped|quit|stops) (?:working|draining|flushing|heating|cooling|closing|locking|making"
        r"|typing|charging|loading|responding|booting|connecting)\b",
        r"\b(?:does|do|did|will|would) not (?:work|drain|flush|light|turn on|switch on|close|shut|lock|latch"
        r"|heat up|cool|spin|open|come on|power on|boot up|start up|charge)\b",
        r"\b(?:is|are|was|were) (?:still )?not (?:draining|flushing|heating|cooling|closing|locking|latching"
        r"|spinning|lighting|turning on|switching on|opening|shutting|draining properly)\b",
        rf"\b{_THING}\w+ (?:fell|came|come|is coming|keeps coming) (?:off|down|loose|apart|away)\b",
        r"\bkeeps (?:running|leaking|dripping|beeping|tripping|clicking|banging|blinking|flickering"
        r"|cutting out|stalling|squealing|whistling|buzzing|crackling|dying)\b",
        r"\b(?:tap|faucet|sink|toilet|pipe|shower|roof|ceiling|radiator|window|door|socket|outlet)s? "
        r"(?:drips|leaks|squeaks|rattles|sparks|sticks)\b",
        r"\b(?:making|makes) (?:a |this |that )?(?:\w+ ){0,3}(?:noise|sound|racket|squeal|whistle|buzz|hum"
        r"|screech)\b",
    ),
    # a question about taking a medicine, for an option for a pharmacist's advice: "can I take
    # ibuprofen with my other tablets?", "is it safe to give her Calpol?"
    _request(
        "advice on a medicine",
        "advice pharmacist side effects interactions",
        r"\b(?:can|should|could) (?:i|we|he|she|they) (?:take|have) [^,]{0,30}?\b(?:with|while|alongside"
        r"|on top of|if)\b",
        r"\bis it (?:safe|ok|okay|alright|all right) to (?:take|give|have)\b",
        r"\bside effects?\b",
        r"\b(?:interact|interacts|interaction|interactions)\b",
    ),
    _request(
        "a refill",
        "refill refills prescription prescriptions medication medicine pharmacy meds",
        r"\b(?:run|running|ran) out of\b",
        # "out of his pills", not "get out of the house"
        rf"(?<!get )(?<!got )(?<!go )(?<!going )(?<!went )(?<!come )(?<!moved )\bout of {_WHOSE} "
        r"(?!(?:house|town|country|office|area|way|car|hospital|bed|flat|home|door|city|state)\b)",
        r"\b(?:almost|nearly|about) (?:out|finished|done|through|empty)\b",
        rf"\bmore of {_WHOSE}\b",
        r"\b(?:pills|meds|medication|medications|medicine|tablets|capsules|inhaler|insulin|drops|ointment)\b",
    ),
    _request(
        "news of work in hand",
        "status ready update updates progress",
        r"\b(?:is|are|was) (?:it|they|he|she|my|the|his|her|our)\b[^,]{0,25}?\b"
        r"(?:ready|done|finished|fixed|repaired|complete|completed)\b",
        r"\b(?:any|an|get an|have an) (?:news|update|word)\b",
        r"\bhow (?:is|are) (?!you\b|it going\b)(?:he|she|they|my \w+|the \w+|our \w+|\w+) "
        r"(?:doing|coming along|getting on|recovering)\b",
        r"\bwhen (?:will|can|could|should|would) (?:it|they|he|she|my \w+|the \w+) "
        r"be (?:ready|done|finished)\b",
        r"\b(?:ready|done|finished) yet\b",
        r"\bhow (?:my|our|the) (?:\w+ ){1,3}(?:is|are) (?:going|coming along|progressing|getting on)\b",
        # by name: "just ringing to see how Rocky's getting on", "how Bella is settling in"
        r"\bhow (?!it\b|you\b|things\b)\w+ (?:is|are) (?:getting on|settling in|settling|coping|doing)\b",
        # "how she got on at the doctor's"
        r"\bhow (?:did )?(?!it\b|you\b|things\b)\w+ (?:got|get|gets) on\b",
        r"\bwhen (?:(?:can|could|should|do) (?:i|we)|(?:i|we) (?:can|could|should)) (?:pick|collect) "
        r"(?:it|them|him|her|mine|ours)\b",
        r"\bhow (?:is|are) (?:my|our|the) (?:\w+ ){1,3}(?:going|coming along|progressing)\b",
        r"\b(?:whether|if) (?:it|they|he|she|my \w+|the \w+|his \w+|her \w+|our \w+) (?:is|are) "
        r"(?:ready|done|finished|fixed|repaired)\b",
    ),
    # where a delivery is, for an option that tracks them: "has my order gone out yet?", "the flowers
    # still haven't arrived" (at a line that delivers nothing, a wrong number)
    _request(
        "a delivery",
        "delivery deliveries delivered track tracking parcel shipping dispatch",
        r"\b(?:has|have) (?:my|the|our|her|his) (?:\w+ )?(?:order|delivery|parcel|package|flowers) "
        r"(?:arrived|come|gone out|been sent|been delivered|shipped|left)\b",
        r"\b(?:still )?(?:has|have) not (?:arrived|been delivered)\b",
        r"\bwhere (?:is|are) (?:my|our|the) (?:\w+ )?(?:order|delivery|parcel|package)\b",
        # or one asked for: "can you bring his medication round?"
        r"\b(?:bring|drop|deliver|send) (?:it|them|his|her|my|our|the|their) (?:\w+ ){0,2}?"
        r"(?:round|over|to me|to us|to the house|to his house|to her house|out to)\b",
    ),
    _request(
        "an order",
        "order orders ordering",
        r"\b(?:place|make|put in|put through) (?:an|a|my|our) (?:new |online |phone )?order\b",
        r"\b(?:like|want|need|wanted|hoping) to (?:order|place an order)\b",
        r"\bcan i (?:order|place an order)\b",
        apart_from="news of work in hand",
    ),
    _request(
        "a bill",
        "bill billing invoice invoices payment payments pay",
        r"\b(?:charged|overcharged|billed) (?:me |us |my card |my account )?"
        r"(?:twice|double|two times|too much|wrong)\b",
        r"\bdouble (?:charged|billed)\b",
        r"\b(?:been|was|were|got) (?:charged|billed)\b",  # "we've been charged for fifteen users"
        # "you've taken money off my card twice", "when's the rest of the money due"
        r"\btaken (?:\w+ )?(?:money|payment|payments|pounds|dollars) (?:off|out of|from) (?:my|our) "
        r"(?:card|account)\b",
        r"\b(?:money|balance|payment|instalment|installment|deposit) (?:is )?(?:due|owing|owed)\b",
        r"\bwhat (?:i|we) (?:paid|owe)\b",
        r"\b(?:says|saying|said) (?:i|we) (?:still )?owe\b",
        r"\b(?:how much|what) (?:do|does) (?:i|we) owe\b",
        r"\b(?:get|want|need|like) (?:my|our|the) (?:money|deposit) back\b",
        r"\b(?:a|my|our|full) refund\b",
        r"\bextra (?:\w+ )?(?:dollars|charge|charges|fee|fees)\b",
        # how to pay: "do you take credit cards?", "can I pay by card over the phone?"
        r"\b(?:do|can|will|would) (?:you|you guys|y all|i|we) (?:take|accept|pay (?:with|by|in|over))"
        r"(?: a| an)? (?:credit|debit|card|cards|cash|check|checks|cheque|cheques|apple pay|google pay"
        r"|paypal|venmo|amex|american express|visa|mastercard|the phone)\b",
        r"\bpay (?:by|with|over) (?:card|credit card|debit card|cash|check|cheque|the phone|phone)\b",
    ),
    _request(
        "a message",
        "message messages voicemail callback",
        r"\b(?:call|ring|phone) (?:me|us) back\b",
        r"\b(?:have|get|ask) (?:someone|somebody|him|her|them|the \w+) (?:to )?(?:call|ring|phone) me\b",
        r"\b(?:can|could|will|would) (?:some|any)(?:one|body) (?:please )?(?:call|ring|phone) me\b",
        r"\bleave (?:a|him a|her a|them a) message\b",
        r"\b(?:a|get a|like a|want a) call ?back\b",
    ),
    SOMETHING_LEFT,
    # something hired for a while, for an option for hire: "can we get four bikes for this afternoon
    # and bring them back tonight", "I just need one for the weekend"
    _request(
        "hiring something",
        "hire hiring rental rentals",
        r"\bbring (?:it|them|him|her|(?:the|my|our) \w+) back (?:by|on|at|tonight|tomorrow|later|in|after"
        r"|the same|before)\b",
        r"\b(?:need|want|get|have|borrow|take) (?:one|two|three|four|five|six|a couple|a few|some|a \w+"
        r"|\w+ \w+s) (?:just )?for (?:the|a|this|next|one|two|three) (?:day|days|weekend|week|afternoon"
        r"|morning|fortnight|night)\b",
        r"\bborrow\b",
    ),
    # somewhere to keep things, for an option for storage: "we need somewhere to keep the furniture
    # for three months", "can you keep my winter tyres till spring", "we've run out of room"
    _request(
        "storing something",
        "storage store storing stored",
        r"\bsomewhere to (?:keep|store|put|leave) (?:the|my|our|all|some|his|her|their) ",
        r"\b(?:keep|store|put|leave|hold) (?:the|my|our|all|all my|all our|some of|some of my|some of our) "
        r"(?:\w+ )?(?:furniture|stuff|things|boxes|belongings|possessions|tyres|tires|wheels|bikes?|luggage"
        r"|bags|suitcases|boat|caravan|documents|files|stock|archives) (?:for|while|over|until|till|during"
        r"|in|somewhere)\b",
        r"\b(?:run|running|ran) out of (?:room|space)\b",
    ),
    # what there is to do, for an option for facilities or activities: "what is there for the
    # children to do in the evenings?"
    _request(
        "things to do",
        "entertainment activities activity facilities clubs club",
        r"\bwhat (?:is there|can (?:we|they|you|the kids|the children) do|do you have|have you got) "
        r"(?:for (?:the )?(?:kids|children|little ones|teenagers|teens|families|us|them) )?to do\b",
        r"\b(?:things|stuff|anything|something|much) (?:for (?:the )?(?:kids|children|little ones|teenagers"
        r"|teens|families) )?to do\b",
        r"\bkeep (?:the )?(?:kids|children|little ones) (?:busy|entertained|amused|happy)\b",
    ),
    # a celebration or a gathering, for a venue's option for events (or a bakery's for cakes)
    _request(
        "an event",
        "event events wedding weddings party parties function functions celebration celebrations",
        r"\b(?:getting married|get married|our wedding|my wedding|wedding reception|just got engaged)\b",
        r"\b(?:birthday|anniversary|retirement|leaving|engagement|christening|graduation|christmas|office"
        r"|work|company|surprise) (?:party|parties|do|dinner|lunch|celebration|event|function|drinks)\b",
        r"\b(?:party|dinner|lunch|meal|event|buffet|function|offsite|conference|reunion) for "
        r"(?:about |around |maybe |roughly |up to )?(?:\d+|twenty|thirty|forty|fifty|sixty|seventy|eighty"
        r"|ninety|a hundred)\b",
        r"\b(?:twenty first|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)\b",
        # "my dad's turning seventy and we want to throw him a do"
        r"\bthrow (?:(?:him|her|them|us|me) )?(?:a )?(?:\w+ )?(?:party|do|bash|celebration)\b",
        r"\bturning (?:eighteen|twenty one|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|\d+)\b",
    ),
    # what to do or expect around the work: "do I need to leave the house during the spraying?",
    # "how long after the extraction can I eat?", "is it safe for the cat after your treatment?"
    _request(
        "before or after the work",
        "before after aftercare recovery",
        r"\b(?:is it|how long|how soon|when can (?:i|we|he|she|they)"  # "is it (okay)": a filler
        r"|(?:do|should|can|must|if|whether) (?:i|we|they|the \w+)) (?:[a-z]+ ){0,12}?"
        r"(?:before|after|during|since) (?:(?:the|my|your|our|his|her|their|this|that) )?(?:\w+ )?"
        r"(?:treatment|spray|spraying|visit|procedure|surgery|operation|extraction|filling|session|fumigation"
        r"|service|work|appointment|comes|arrives|come|arrive)\b",  # "before your man comes"
        # the work just done: "I had a filling yesterday and I have a question about it"
        r"\b(?:had|got|have had) (?:a|an|my|the|two|some|our) (?:\w+ ){0,2}?(?:filling|fillings|extraction"
        r"|treatment|procedure|surgery|operation|crown|root canal|(?:teeth|tooth) (?:pulled|out)"
        r"|spray|fumigation) (?:done |out |in )?(?:yesterday|today|this morning|last \w+|on \w+|earlier)\b",
        named_by=2,  # "before and after treatment", "after your treatment"; not "a price before we start"
    ),
    # a visit that did not happen, for an option for missed visits: "the window cleaner didn't turn
    # up on Tuesday" (happening now, with no option for it, a person: KEPT_WAITING)
    _request(
        "a missed visit",
        "missed miss skipped",
        r"\b(?:did not|never|has not|have not) (?:turn|turned|show|showed|shown) up\b",
        r"\b(?:nobody|no one) (?:came|turned up|showed up|has come|has been)\b",
        r"\bno show\b",
    ),
    # what is in the food, for an option for allergies or ingredients: "is the sourdough made with
    # any nuts?", "my daughter is coeliac, what can she eat?", "anything dairy free?"
    _request(
        "what is in the food",
        "allergy allergies allergen allergens allergic ingredients ingredient dietary diet gluten vegan",
        r"\b(?:gluten|dairy|nut|egg|wheat|lactose|soy|sesame|peanut|milk|sugar) free\b",
        r"\b(?:vegan|vegetarian|veggie|halal|kosher|coeliac|celiac|lactose intolerant|plant based)\b",
        r"\b(?:allergy|allergies|allergic|intolerance|intolerant|allergen|allergens)\b",
        r"\b(?:without|no) (?:eggs?|nuts|dairy|gluten|milk|wheat|meat|pork|shellfish)\b",
        r"\b(?:contain|contains|made with|made in|cooked in|any) (?:any )?(?:nuts|peanuts|dairy|gluten|eggs"
        r"|milk|wheat|sesame|shellfish)\b",
    ),
    A_COMPLAINT,
    WORKING_HERE,
    RUNNING_LATE,
)


# The caller's own details, which a person changes: "I moved, I need to change my address".
NEW_DETAILS = _request(
    "new details",
    "details",
    r"\b(?:change|changing|update|updating|correct) (?:my|our|his|her|their) (?:home |email |mailing "
    r"|postal |contact |phone |mobile |cell |billing )?(?:address|number|email|details|surname|last name)\b",
)


# Kept waiting by the business now, where the phrases named no option: whoever was to come is not
# there yet, or the door is shut on a caller who came ("the driver still isn't here and I've been
# waiting twenty minutes", "the door's locked and nobody's answering"). Someone must know at once.
_AWAITED = r"(?:he|she|they|your \w+|the \w+|(?:my|our) (?:\w+ )?\w+)"  # whoever was to come
KEPT_WAITING = _request(
    "kept waiting",
    "waiting wait",
    rf"\b{_AWAITED} (?:still )?(?:has|have) not (?:turned|shown|showed) up yet\b",
    rf"\b{_AWAITED} still (?:has|have) not (?:turned|shown|showed) up\b",
    rf"\b{_AWAITED} (?:is|are) (?:still not here|not here yet)\b",
    r"\b(?:nobody|no one) (?:is )?(?:answering|answers|here|at (?:the )?(?:front|door|desk|reception))\b",
    r"\b(?:been )?waiting (?:for |here |outside )?(?:over |nearly |almost |about |more than |at least )?"
    r"(?:\d+|half an|an|twenty|thirty|forty|fifty|fifteen|ten|forty five) (?:minutes|mins|hour)\b",
    r"\b(?:can|could|will|would) (?:someone|somebody|anyone|anybody|you) (?:please )?(?:come (?:and |to )?)?"
    r"let (?:me|us) in\b",
)


def for_a_person(assistant: Assistant, utterance: str, named: MenuOption | None = None) -> bool:
    """The caller complains, left something behind or has new details, and the line has an operator
    and no option for that; or, when the phrases named no option (`named`), the caller is running
    late or is kept waiting."""
    if not assistant.language.startswith("en") or not assistant.operator:
        return False
    tokens = tokenize(utterance)
    if named is None and _asked(tokens, (RUNNING_LATE, KEPT_WAITING)):
        return True
    return any(
        _asked(tokens, (request,)) and not _served_by_option(request, assistant.menu)
        for request in (A_COMPLAINT, SOMETHING_LEFT, NEW_DETAILS)
    )


def request_for(assistant: Assistant, utterance: str, named: MenuOption | None = None) -> MenuOption | None:
    """The option that serves the everyday request the caller makes, if the line has one for it.

    `named` is the option the phrases chose, if any. It stands when a request said serves it ("can
    I come in Saturday, what time do you open?"), unless another request came first and the one
    that serves it was joined on after it ("how much is a double in June, and do you have
    parking?": the price is asked first); it stands too when it was asked first and the request
    came just after "and" or "also" ("an oil change, and also what time do you close?", "renew my
    lease and get a second parking spot"); otherwise the request is what is asked ("how much for a
    brake job?" is a price, not a booking). What a booking is for decides, where an option names it
    ("can I make an appointment for a sports massage?")."""
    if not assistant.language.startswith("en"):
        return None
    tokens = _as_meant(tokenize(utterance))  # what is booked, too, is read in the words as meant
    if spoken_key(tokens) is not None:
        return None
    served = _served(assistant.menu)
    asked = sorted(((at, served[r], r) for r, at in _asked(tokens) if r in served), key=lambda item: item[0])
    if not asked:
        return None
    at, option, request = asked[0]
    turn = request_start(tokens)
    if named is not None and turn is not None and at < turn:
        return None  # asked before "but", and the phrases named what came after ("..., but the bill")
    if request.name == "booking" and (booked := _thing_booked(assistant, request, tokens, at)) is not None:
        return None if booked == named else booked
    named_at = next((later for later, served_now, _ in asked if served_now == named), None)
    if named_at is not None:
        return option if option != named and _joined(tokens, at, named_at) else None
    if _joined(tokens, 0, at):
        first = match(assistant, " ".join(tokens[:at]))
        if first.intent == "option" and first.option is not None:
            return None if first.option == named else first.option
    return option


def _thing_booked(
    assistant: Assistant, request: Request, tokens: Sequence[str], at: int
) -> MenuOption | None:
    """The option the words after a booking name, if any, up to a second request: booking "a table
    in the private room" or "a session with a personal trainer" is for that option's, where a line
    has one."""
    second = second_request(tokens)
    text = " ".join(tokens[: second if second is not None and second > at else len(tokens)])
    said = request.said.search(text, sum(len(t) + 1 for t in tokens[:at]))
    after = text[said.end() :] if said is not None else ""
    found = match(assistant, after) if after.strip() else None
    if found is None or found.intent != "option" or found.option == urgent_option(assistant):
        return None  # a booking is no trouble now, whatever it is for (urgency.urgent_for comes first)
    return found.option


# What joins a second request on to the first: "..., and do you have parking?"
JOINERS = SECOND_REQUEST | {"and"}


def _joined(tokens: Sequence[str], first: int, second: int) -> bool:
    """Whether the request at `second` was joined on to what came before it (after `first`): by
    "and", "also", "plus" or "then" within four words before it, by "while I'm at it", "while
    I've got you" or "by the way" within eight, or where a second request begins between them
    (matching.second_request: "a wasp nest by the door, and also can I get a price")."""
    if JOINERS & set(tokens[max(first, second - 4) : second]):
        return True
    if IN_PASSING.search(" ".join(tokens[max(first, second - 8) : second])) is not None:
        return True
    join = second_request(tokens)
    return join is not None and first < join < second


def not_for_this_line(assistant: Assistant, utterance: str) -> bool:
    """The caller wants another business or trade, or is no customer: no option is for them."""
    if not assistant.language.startswith("en"):
        return False
    return (
        another_business(assistant, utterance)
        or _never_offered(assistant, utterance)
        or another_trade(assistant, utterance)
        or another_field(assistant, utterance)
        or not_a_customer(utterance)
        or _no_work_here(assistant, utterance)
    )


def _no_work_here(assistant: Assistant, utterance: str) -> bool:
    """A job seeker, at a line with no option for jobs."""
    return WORKING_HERE not in _served(assistant.menu) and bool(_asked(tokenize(utterance), (WORKING_HERE,)))


def another_business(assistant: Assistant, utterance: str) -> bool:
    """The caller asks whether they reached another business ("is this the DMV?", "is this
    Domino's? I want a pizza"): what they name is nothing of this line's own words; or looks for
    a kind of shop this line is not ("I'm looking for a wedding dress shop")."""
    said = " ".join(tokenize(utterance))
    own = _own_stems(assistant.name, assistant.menu)
    shop = A_SHOP.search(said)
    if shop is not None:  # a kind of shop this line is not: a word of the kind is none of the line's
        return any(stem(w) not in own for w in shop["kind"].split() if w not in STOPWORDS | PARTS_OF_A_PLACE)
    asked = ANOTHER_BUSINESS.match(said)
    if asked is None:
        return False
    named = [w for w in asked["what"].split() if w not in STOPWORDS | GENERIC | NOT_A_NAME]
    return bool(named) and not any(_like_own(assistant, w) for w in named)


def _never_offered(assistant: Assistant, utterance: str) -> bool:
    """The caller asks whether the business offers a thing none of its own words names ("do you fix
    motorbikes?" at a bike shop, "do you sell wedding dresses?" at a venue), in a short question
    that asks nothing an everyday request knows ("do you do evenings?" asks the hours)."""
    tokens = tokenize(utterance)
    offered = OFFERED.match(" ".join(tokens))
    if offered is None or sum(t != BOUNDARY for t in tokens) > MAX_WORDS_FOR_ANOTHER_TRADE or _asked(tokens):
        return False
    things = [w for w in offered["what"].split() if w not in STOPWORDS | GENERIC and w not in CALENDAR]
    return bool(things) and not any(_like_own(assistant, w) for w in things)


def another_trade(assistant: Assistant, utterance: str) -> bool:
    """A short request that names another kind of business, or what only another sells, where this
    line's own words never do: "I need a taxi to the airport", "my gym membership". A long one may
    name them as context ("my hotel recommended you"), and is left to the menu."""
    words = [t for t in tokenize(utterance) if t != BOUNDARY]
    if len(words) > MAX_WORDS_FOR_ANOTHER_TRADE:
        return False
    own = _own_stems(assistant.name, assistant.menu)
    said = [
        w
        for i, (w, after) in enumerate(pairwise([*words, ""]))
        if (w, after) not in NOT_A_TRADE
        and not (w in MACHINE_WORDS and CONTACT_VERBS & set(words[max(0, i - 3) : i]))
    ]  # not the machine a caller refuses to talk to ("I don't want to talk to a computer")
    # a trade said in the plural too ("do you fix laptops?"), not by its stem ("broke" is no "broker")
    if any((w in OTHER_TRADES or w.removesuffix("s") in OTHER_TRADES) and stem(w) not in own for w in said):
        return True
    for bill_or_cover in (UTILITY_BILL, INSURANCE_OF):
        of = bill_or_cover.search(" ".join(words))
        if of is not None and stem(of[1]) not in own:
            return True
    return False


def another_field(assistant: Assistant, utterance: str) -> bool:
    """The caller's thing is of a field the line's words never touch ("can you fix my car's
    brakes?" at a driving school), in a short request, unless a part of what they said without it
    asks for something the line serves: "my car's engine died, so I need to move my appointment"."""
    said = tokenize(utterance)
    if not FIELD_THINGS.intersection(said) or sum(t != BOUNDARY for t in said) > MAX_WORDS_FOR_ANOTHER_TRADE:
        return False  # no thing of a field, or context in a long request
    if SOMETHING_LEFT.said.search(" ".join(said)):
        return False  # anything may be left behind ("I left my glasses")
    clauses = [tokenize(clause) for clause in CLAUSES.split(utterance)]
    foreign = [_foreign_things(assistant, tokens) for tokens in clauses]
    if not any(foreign):
        return False
    served = _served(assistant.menu)
    return not any(
        match(assistant, " ".join(tokens)).intent == "option" or any(r in served for r, _ in _asked(tokens))
        for tokens, things in zip(clauses, foreign, strict=True)
        if tokens and not things
    )


def _foreign_things(assistant: Assistant, tokens: Sequence[str]) -> bool:
    """Whether the words name a thing of a field none of the line's own words belong to; not a
    word that, joined to the one before, sounds like one of the line's ("a hair cat" is a haircut)."""
    fields = [
        trade
        for before, w in pairwise(["", *tokens])
        for named, trade in FIELDS
        if w in named and not _like_own(assistant, before + w)
    ]
    own = _own_stems(assistant.name, assistant.menu)
    untouched = [trade for trade in fields if not any(stem(w) in own for w in trade)]
    # an animal is who the work is for: a line that never speaks of animals does not see them,
    # whatever the work ("book my dog in for a teeth cleaning" at a dentist's)
    return bool(untouched) and (len(untouched) == len(fields) or ANIMALS in untouched)


def not_a_customer(utterance: str) -> bool:
    """Someone selling to the business (a sales call, a reporter, a survey). A job seeker is not
    a customer either, but a line may have an option for them (not_for_this_line)."""
    return NOT_A_CUSTOMER.search(" ".join(tokenize(utterance))) is not None


def _like_own(assistant: Assistant, word: str) -> bool:
    """Whether the word is one of the line's own words, another form of one, or heard as one."""
    return any(similarity(word, own) >= 0.8 for own in _own_words(assistant.name, assistant.menu))


@lru_cache(maxsize=64)
def _own_words(name: str, menu: tuple[MenuOption, ...]) -> frozenset[str]:
    return frozenset(tokenize(" , ".join((name, *(o.own_words for o in menu))))) - {BOUNDARY}


@lru_cache(maxsize=64)
def _own_stems(name: str, menu: tuple[MenuOption, ...]) -> frozenset[str]:
    return frozenset(stem(w) for w in _own_words(name, menu))


def _as_meant(tokens: Sequence[str]) -> list[str]:
    """The words, with a request's word that speech recognition split put back together ("a point
    meant" is an appointment, "can sell" cancel), padded with a filler so that positions hold."""
    if not SPLIT_WORDS.search(" ".join(tokens)):
        return list(tokens)
    said = list(tokens)
    for split, meant in MISHEARD.items():
        for i in range(len(said) - len(split) + 1):
            if tuple(said[i : i + len(split)]) == split:
                said[i : i + len(split)] = [*meant, *["um"] * (len(split) - len(meant))]
    return said


def _asked(tokens: Sequence[str], requests: Sequence[Request] = REQUESTS) -> list[tuple[Request, int]]:
    """Each request said and where (a token index): not negated (neither its first nor its last word,
    "I don't want to make an appointment", unless the request says the negation itself: "can't make
    it"), and not in an aside before the request proper, unless nothing is asked after it."""
    tokens = _as_meant(tokens)
    text = " ".join(tokens)
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    negated = negated_positions(tokens)
    turn = request_start(tokens)
    found: list[tuple[Request, int]] = []
    before: list[tuple[Request, int]] = []
    for request in requests:
        for said in request.said.finditer(text):
            at, last = bisect_left(starts, said.start()), bisect_left(starts, said.end()) - 1
            if at in negated or (last in negated and not NEGATORS & set(said[0].split())):
                continue
            if turn is None or at > turn:
                found.append((request, at))
                break
            if not before or before[-1][0] is not request:
                before.append((request, at))
    # nothing asked after "but": it qualified the request before it ("bring him in for a bath, but
    # somewhere quiet")
    return found or before


@lru_cache(maxsize=64)
def _served(menu: tuple[MenuOption, ...]) -> dict[Request, MenuOption]:
    """For each request, the option that names it clearly: by twice as many of its words as any other
    option names (a word in the option's name counts twice), if need be leaving out the option of
    the request it is `apart_from` ("change my appointment" names no booking); else, for a request
    that may be put another way (`otherwise`), the option that serves that by two words or more
    ("how to find us" is no option for parking)."""
    served: dict[Request, MenuOption] = {}
    for request in REQUESTS:
        clearly = _clearly_naming(request, menu)
        other = next((o for r, o in served.items() if r.name == request.apart_from), None)
        if clearly is None and other is not None:
            clearly = _clearly_naming(request, menu, apart=other)
        if clearly is not None and _naming(request, clearly) >= request.named_by:
            served[request] = clearly
    by_name = {request.name: (request, option) for request, option in served.items()}
    for request in REQUESTS:
        if request not in served and request.otherwise in by_name:
            put_so, option = by_name[request.otherwise]
            if _naming(put_so, option) >= 2:
                served[request] = option
    return served


def _clearly_naming(
    request: Request, menu: tuple[MenuOption, ...], apart: MenuOption | None = None
) -> MenuOption | None:
    """The option naming the request by twice as many of its words as any other, `apart` left out."""
    counted = sorted(((_naming(request, o), o) for o in menu if o is not apart), key=lambda pair: -pair[0])
    best, runner_up = counted[0][0] if counted else 0, counted[1][0] if len(counted) > 1 else 0
    return counted[0][1] if best and best >= 2 * runner_up else None


@lru_cache(maxsize=64)
def _served_by_option(request: Request, menu: tuple[MenuOption, ...]) -> bool:
    return any(_naming(request, o) for o in menu)


def _naming(request: Request, option: MenuOption) -> int:
    named, words = _stems_of(option)
    return len(request.serves & words) + len(request.serves & named)


@lru_cache(maxsize=256)
def _stems_of(option: MenuOption) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the option's name, and of all its own words."""
    named = frozenset(_serving_stem(w) for w in tokenize(option.name))
    return named, frozenset(_serving_stem(w) for w in tokenize(option.own_words))
