"""Route a caller's spoken words to a menu option, the operator, goodbye or nothing, without an LLM.

Recognisers deliver whole sentences with the intent buried, misheard words ("bell" for "bill"),
words split or joined ("re fill", "far macy"), spoken keys ("option two", "the first one") and
negations ("not billing, the pharmacy"). The approach, in order:

1. Normalise: lowercase, expand contractions (so "don't" carries a "not"), keep the recogniser's
   clause punctuation as a boundary token, drop fillers ("um", "yeah").
2. An explicit key ("press three", "number 4", "the second one", "um, maybe two") wins outright; a
   negated key does not count ("not the third one"), and of several the last, if the caller corrected
   themself ("one... no, four"). A sound-alike ("tree", "for") is a key after a cue word, or alone
   when it is no menu word.
3. Words in negated spans ("not X", "don't need X", "instead of X", "I already have X") are ignored.
4. Each option scores by its best phrase (name, phrases, transfer target, pieces of the description).
   A phrase scores by weighted coverage: the share of its words the caller said, function words
   weighing little, each word counted by its best similarity to a word the caller said or to two or
   three adjacent words joined ("a point meant" -> "appointment"); the last word also as the start
   of a longer word, cut short by the end of speech ("a quo?" -> "quote"). Coverage, not overlap
   with the whole sentence, because owners write short phrases and callers long sentences: what
   matters is whether a phrase was said, not how much else was.
5. Word similarity: exact, same stem, a small generic synonym list (a price and a bill only kindred,
   a little less alike, so that a line with a quote option and a billing one tells them apart),
   rapidfuzz's ratio for long words, then sound-alikes: equal metaphone codes ("bell"/"bill", not
   "fill"), equal soundex with close spelling ("insure ants"), a dropped initial h ("ours"), "the"
   for "de" ("the livery") or for "the a-" ("the dress"), but never for a syllable of its own ("the
   truck" is no "tow truck"). Near spellings alone are weak evidence.
6. What follows "but" or "actually", or a clause of praise or thanks ("the quote was fine, so please
   book me in"), is the request, what comes before it context: an option that clearly wins there is
   taken. Otherwise the best option must clear MIN_SCORE and beat the runner-up by MIN_MARGIN; a tie
   is settled by what comes before "also", "plus" or "then" (two requests: the first is asked
   first), or else by the last clause that names an option, since callers give context first and
   the request last. A win carried by one word that a word the menu does not know qualifies ("my
   electric bill", "long hours") is marked unsure, for the semantic tier to veto. Failing that, a
   request for a person (not a negated one, nor "is anyone there?", nor "someone" who would do the
   work: "can someone sort that out"), then a goodbye; otherwise "none": an unclear caller is asked
   again, never guessed for.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import jellyfish
from rapidfuzz import fuzz, process

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.languages import as_heard

Intent = Literal["option", "operator", "goodbye", "none"]

MIN_SCORE = 0.7  # an option's best phrase must score at least this
MIN_MARGIN = 0.1  # and beat the runner-up option by at least this
# The description is prose for the prompt, not chosen trigger phrases: a piece of it counts for less,
# and a lone word of it ("book", "change") cannot pick an option by itself.
DESCRIPTION_WEIGHT = 0.8
DESCRIPTION_WORD_WEIGHT = 0.6
JOINED_DISCOUNT = 0.95  # a match made by joining words is slightly less sure than a whole word
SUBSTANCE = 0.9  # a phrase needs about one fully matched content word to count at all
# The recogniser's end of speech can clip the caller's last word after its last vowel ("can I get a
# quo?"): what it cut off is a final consonant or two, and a silent e.
CLIPPED_ENDING = re.compile(r"[^aeiouy]{1,2}e?")
CLIPPED_SIMILARITY = 0.8

BOUNDARY = ","
CONTRACTIONS = {"'m": " am", "'re": " are", "'ll": " will", "'ve": " have", "'d": " would"}
FILLERS = frozenset(
    "um umm uh uhh uhm er erm hmm mm mmm ah hi hello hey yeah yep yes okay ok so well oh please".split()
)
STOPWORDS = frozenset(
    """a an the my our your his her their its i me we us you it is am are was were be been being
    do does did to of for in on at about with from by and or this that these those there here some
    any can could would will should shall may might just also too really very into through up
    hers theirs yours""".split()
)
GENERIC = frozenset(
    """need want get got getting make have has had see check change know find call calling talk
    speak help like go come new question ask asking looking wondering thing something anything
    one when where what how which who why time""".split()
)
BILLS = frozenset({"bill", "billing", "invoice", "statement", "payment", "pay", "paid", "owe", "balance"})
BILLS |= {"amount", "fee", "refund"}
PRICES = frozenset({"cost", "price", "quote", "estimate"})
SYNONYMS = (
    frozenset({"hour", "hours", "open", "opening", "opened", "close", "closing", "closed"}),
    frozenset({"location", "address", "directions", "located", "locate", "map", "building"}),
    BILLS,
    PRICES,
    frozenset({"appointment", "appt", "booking", "visit"}),
    frozenset({"doctor", "dr", "doc"}),
    frozenset({"schedule", "reschedule", "rebook"}),
    frozenset({"cancel", "cancellation", "cancelling", "canceling"}),
    # everyday words for the same thing, British and American: "a jab" is a vaccination
    frozenset({"bike", "bikes", "bicycle", "bicycles"}),
    frozenset({"kid", "kids", "child", "children"}),
    frozenset({"photo", "photos", "picture", "pictures", "pic", "pics"}),
    frozenset({"vaccination", "vaccinations", "vaccine", "vaccines", "jab", "jabs", "injection"})
    | {"injections", "immunisation", "immunization", "immunisations", "immunizations"},
)
# What work would cost and what is owed for it are asked of different options where a line has both
# ("what would a timing belt cost" is a quote, "what do I owe" the bill), and of the bill where it
# has no other: kindred words, heard one MIN_MARGIN less surely than synonyms, so that a line with
# both tells them apart and a line with one still hears a price question.
KINDRED = BILLS | PRICES
KINDRED_SIMILARITY = 0.7

CARDINALS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
CARDINALS |= {"six": "6", "seven": "7", "eight": "8", "nine": "9", "star": "*", "pound": "#", "hash": "#"}
CARDINALS |= {str(d): str(d) for d in range(10)}
HYPHENATED = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")  # "check-up", not "24-7" or "a - b"
# Recognisers often write a spoken key as a word that sounds like it. Trusted right after a cue word
# ("press tree", "option for"), or said alone ("tree", "uh, for") when it is no word of the menu.
HOMOPHONES = {"to": "2", "too": "2", "for": "4", "fore": "4", "won": "1", "ate": "8", "oh": "0"}
HOMOPHONES |= {"tree": "3", "free": "3", "fife": "5", "sex": "6", "sicks": "6", "nein": "9"}
ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6"}
ORDINALS |= {"seventh": "7", "eighth": "8", "ninth": "9", "last": "last"}
ORDINALS |= {"1st": "1", "2nd": "2", "3rd": "3"} | {f"{d}th": str(d) for d in range(4, 10)}
KEY_CUES = frozenset(
    {"option", "press", "pressing", "pressed", "hit", "select", "number", "key", "button", "choice", "dial"}
)
KEY_FILLERS = frozenset({"number", "the", "key", "button", "option"})
ORDINAL_NOUNS = frozenset({"one", "option", "choice", "thing", "button"})
# Said before "the" and an ordinal, or just before it, these make it a day of the month ("on the 9th").
DATE_PREPOSITIONS = frozenset({"on", "through", "thru", "until", "till", "til", "from", "by", "since"})
_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTHS = "january february march april may june july august september october november december".split()
DATE_WORDS = DATE_PREPOSITIONS | {*_MONTHS, *_DAYS}
# Days (one or many) and months: heard as themselves only (_heard_as), and no one's name
# (_by_first_name). "May" is a verb as often.
CALENDAR = frozenset({*_DAYS, *(day + "s" for day in _DAYS), *_MONTHS} - {"may"})
# "One" after these is a noun, not a key: "the third one", "that one".
ONE_AFTER = frozenset({"the", "that", "this", "which", *ORDINALS})
# Words around a lone key that do not change it: "um, maybe two", "let's go with four", "7 thanks".
KEY_ASIDES = frozenset(
    {"maybe", "perhaps", "probably", "guess", "think", "suppose", "say", "let", "go", "take", "pick"}
    | {"choose", "try", "how", "want", "like", "make", "sure", "thanks", "thank", "give", "what"}
)
# Words of a caller correcting themself: "one... no, four", "press two, actually three", "three,
# make that four". A key said before one of these gives way to the next; two keys without one
# between are unclear.
CORRECTIONS = frozenset(
    {"no", "nope", "not", "wait", "sorry", "actually", "mean", "rather", "instead", "but", "make"}
)
# What follows these is the request, what comes before is context: "the grooming was fine, but I'm
# calling about her blood test", "I was going to ask about boarding, actually I need a refill".
CONTRASTS = frozenset({"but", "actually"})
# What follows these is what the caller is really calling about, whatever came before or after:
# "a question about prices, but the main reason I'm calling is...", "mainly I need to...".
_CALLING = r"(?:i am|we are|i|we) (?:calling|ringing|phoning|call|ring|phone)"
MAIN_REASON = re.compile(
    rf"\b(?:main|real|actual|only) (?:reason|thing|question|issue|point)(?: {_CALLING}(?: about| for)?)?"
    rf"(?: is)?|\bthe reason {_CALLING}(?: about| for)?(?: is)?"
    r"|\b(?:(?:i am|we are) )?(?:mainly|mostly|really|actually) (?:i am |we are )?"
    r"(?:calling|ringing|phoning)(?: about| for| because| to ask about| to ask| to)?(?: is)?"
    r"|\b(?:mainly|primarily|chiefly)\b"
)
# Said after the main request: "does the carrot cake have walnuts in it, that's the main thing, and..."
MAIN_BEFORE = re.compile(
    r", (?:that is|this is|it is) (?:the|my) (?:main|urgent|important|big|real)"
    r" (?:thing|bit|part|question|one)\b"
)
# A clause of praise for what was done (or of thanks) is context too, with or without "but": what
# follows it is the request ("the refill came through fine, now I'm waiting on the x-ray results").
PRAISE = frozenset({"fine", "great", "good", "perfect", "thanks", "thank"})
# Said between two requests, these mark the second: "an oil change, and also your hours".
SECOND_REQUEST = frozenset({"also", "plus", "then", "secondly"})
SECOND_WORD = re.compile(rf"\b(?:{'|'.join(sorted(SECOND_REQUEST))})\b")
# Said before a second request, in passing: "while I've got you, do you have rooms next month?"
# ("well" is a filler, so "as well as that" is heard as "as as that").
IN_PASSING = re.compile(
    r"\b(?:while (?:i am|you are) at it|while i have (?:got )?you|by the way"
    r"|as (?:well )?as that|on top of that|(?:and )?(?:another|one more|one other) (?:thing|question))\b"
)
# "And" before a new clause joins a second request only in a short utterance: in a long one it
# more often tells a story ("I was away and I forgot the rent, so I need to pay it today").
SECOND_JOIN = re.compile(
    f"{SECOND_WORD.pattern}|{IN_PASSING.pattern}"
    r"|\band (?=(?:i|we|my|our|do|does|can|could|would|will|is|are|what|when|where|how|which|if)\b)"
    r"|(?<=, )and\b|\band (?=(?:book|get|make|ask|check|schedule|cancel|change|move|pay|order|renew|add"
    r"|send|tell|let|give)\b)"
)
MAX_JOINED = 24  # words; 16 to 30 measured alike on the development lines
KEY_WORDS = frozenset({*KEY_ASIDES, *CORRECTIONS, *KEY_CUES, *ORDINALS, *ORDINAL_NOUNS})

# What the caller already has is context, not the request: "I already have an appointment, ...".
NEGATORS = frozenset({"not", "no", "never", "without", "except", "forget", "already"})
# Before a key, "no" corrects rather than negates: "one, no, four" means four.
KEY_NEGATORS = NEGATORS - {"no"}
# "nothing is leaking", "nothing to do with my order" (not "I've heard nothing about my refund").
NOTHING = {("nothing", "is"), ("nothing", "was"), ("nothing", "has"), ("nothing", "to")}
# "it's nothing urgent", "nothing serious": what is said not to be so.
NOTHING_SO = frozenset({"urgent", "serious", "major", "dangerous", "critical", "pressing", "desperate"})
NEGATOR_PAIRS = frozenset(
    {("instead", "of"), ("rather", "than"), ("other", "than"), ("never", "mind"), *NOTHING}
)
NEGATION_BOUNDARY = frozenset(
    {BOUNDARY, "but", "i", "we", "it", "that", "just", "instead", "actually", "rather", "so", "and", "or"}
    | {"when", "where", "what", "how", "which", "who", "why"}
)
# Words between a negator and what it negates: "not calling about my bill", "don't need to get a refill".
NEGATION_CARRIERS = frozenset(
    {"need", "want", "wanna", "mean", "calling", "call", "asking", "looking", "here", "talking", "phoning"}
    | {"regarding", "interested", "trying", "going", "worried", "talk", "speak", "have", "has", "had"}
    | {"question", "questions", "problem", "issue", "worry", "as"}
    | {"after", "ringing", "enquiring", "inquiring"}  # "I'm not after a job", "not ringing to book"
    | {"put", "through", "transfer", "connect", "pass"}  # "no need to put me through to anyone"
)
ACTION_VERBS = frozenset({"get", "make", "do", "see", "come"})
# A negated state verb ends the span: "I haven't got my results" is still about results.
STATE_VERBS = frozenset({"get", "got", "received", "receive", "see", "find", "know", "heard", "hear"})
MAX_NEGATED = 6
# The lowest fuzz.ratio at which similarity() can score two words by spelling or sound (metaphone
# needs 50); a little below it, so that rounding never drops a candidate.
CANDIDATE_RATIO = 49.0

PERSON_PHRASES = (
    "operator",
    "person",
    "real person",
    "live person",
    "human",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "representative",
    "rep",
    "agent",
    "receptionist",
    "reception",
    "attendant",
    "customer service",
    "staff member",
    "member of staff",
    "speak to staff",
    "talk to staff",
    "whoever is in charge",
    "someone in charge",
    "person in charge",
    "desk",
    "lady",
    "woman",
    "manager",
    "supervisor",
)
# A person is asked for in plain words: one is heard as itself or another form of it ("managers"),
# never as a sound-alike ("operation", "percent", "chain" are no operator, person or machine).
PERSON_SURE = 0.9
# Of the person phrases, the people and the places: "my manager", "a desk" are someone else's.
PERSON_NOUNS = frozenset(
    "agent attendant desk human lady manager operator person receptionist reception rep representative "
    "staff supervisor woman".split()
)
# Asking for someone by title and name ("can I speak with Doctor Morales", "put me through to Mrs
# Jones", "is Dr Patel in today?"): a person, when no option is named and the name is not negated.
# Matched on the tokens joined by spaces.
_TITLE = r"(?:doctor|dr|mister|mr|mrs|ms|miss) (?!(?:the|a|an|about|for|on|at|please|today)\b)[a-z]+"
_REACH = r"(?:speak|talk|put me through|transfer me|connect me) (?:to|with)"
_THERE = r"(?:there|in|available|around|about|free|working)"
BY_NAME = re.compile(
    rf"\b{_REACH} {_TITLE}|(?:^|, )(?:(?:hi|hello|hey|yes|yeah) )*is {_TITLE} {_THERE}\b"
    # the one just named, asked after: "Mark the engineer, is he about?"
    rf"|\bis (?:he|she) {_THERE}(?: today| now| at the moment)?(?= ,|$)"
)
# Reaching the staff without a name: "who can I speak to about this", "put me through to a member of
# your team", "I'd like a word with the boss", "transfer me, please".
TO_STAFF = re.compile(
    r"\bwho (?:can|could|do|should) (?:i|we) (?:speak|talk) (?:to|with)\b"
    rf"|\b(?:{_REACH}|get me through to|a word with) (?:a |one of )?(?:the |your )?(?:member of )?(?:your )?"
    r"(?:staff|team|boss|owner|people|girls|guys|ladies|lads|whoever)\b"
    r"|(?:^|, )(?:please )?(?:transfer|connect) me(?: please)?(?= ,|$)"
)
# Asking to be put through to someone by what they do ("can I speak to the mechanic", "put me through
# to one of the fitters", "I'd like to talk to my instructor"): a person, when no option is named.
_ASKING = r"(?:(?:can|could|may) i|i (?:would like|want) to|i wanna|let me)"
TO_ROLE = re.compile(
    rf"\b(?:{_ASKING} (?:speak|talk) (?:to|with)|(?:put|get) me through to|(?:transfer|connect) me to)"
    r" (?:my|the|your|one of (?:the|your)) (?!(?:same|other|right|wrong)\b)[a-z]+"
)
# By first name, as speech recognition writes a name ("is Sarah there?", "can I talk to Mike"):
# matched on what was said, for its capitals; a day or a month is no name ("is Tuesday available?").
BY_FIRST_NAME = re.compile(
    rf"\b(?i:{_REACH}|get me (?:to|with)) (?P<to>[A-Z][a-z]+)\b"  # "Put me through to Gary"
    rf"|(?:^|[,.!?] )(?:(?:[Hh]i|[Hh]ello|[Hh]ey|[Yy]es|[Yy]eah),? )*[Ii]s (?P<is>[A-Z][a-z]+) {_THERE}\b"
)
# "Someone" asks for a person when the caller wants to reach one ("can I talk to someone", "is there
# somebody I can talk to"), not when it names who would do the work ("can someone sort that out",
# "I need somebody to check the car", "could he come in to see someone").
PERSON_PRONOUNS = frozenset({"someone", "somebody", "anyone", "anybody"})
CONTACT_VERBS = frozenset({"talk", "speak", "chat", "help", "answer", "pick", "connect", "transfer"})
MODALS = frozenset({"to", "would", "could", "can", "will", "should", "might", "may", "shall", "please"})
RELATIVES = frozenset({"who", "which", "what", "where", "when", "how", "else", "i", "we"})
SEEING = frozenset({"see", "seen", "sees", "seeing"})
WORKING = frozenset({"do", "see"})  # right after "someone": the work ("someone to do the windows")
# How or when the caller would talk to them: "speak to someone directly", "somebody now".
MANNER = frozenset("directly now today right away urgently asap immediately quickly".split())
# Words that mean nothing of a menu after the word before them: "whoever is in charge" is no
# charge on a bill.
IDIOMS = frozenset({("in", "charge")})
# "see someone", "book someone in", "can you send somebody": the worker, not a person to talk to.
BEFORE_A_WORKER = SEEING | {"book", "booking", "send", "sending", "sent"}
# Refusing the machine is asking for a person, so these count even when negated; but not a machine
# that is a thing ("my computer won't start", "washing machines": _refused).
MACHINE_WORDS = frozenset({"machine", "robot", "computer", "automated"})
OWNERS = frozenset({"my", "our", "his", "her", "their"})
ANY_ONE = frozenset({"a", "an", "another", "every", "any"})
MACHINE_ASIDES = frozenset("a an the to with just some stupid bloody this these".split())
# the line's own machine, asked about or refused: "your computer is useless", "is it a robot?"
MACHINE_ASKED = frozenset({"you", "your", "it", "is", "are", "want", "hate", "another", "by", "stop", "skip"})
OPERATOR_PHRASES = (*PERSON_PHRASES, *sorted(MACHINE_WORDS))
# The caller checks that the line is live ("hello? anyone there?", "can you hear me"): that is no
# request for a person. A whole clause, so that "somebody there needs to know" is not one. Matched
# on the tokens joined by spaces.
PRESENCE_CHECK = re.compile(
    r"(?:^|, )(?:(?:are|is) (?:there )?)?(?:you(?: guys)?|anyone|anybody|someone|somebody)(?: still)?"
    r"(?: out)? (?:there|here|listening|on the line)(?= ,|$)"
    r"|\b(?:can|could|do) (?:you|anyone|anybody) hear me\b"
)
PRESENCE_ASIDES = frozenset({BOUNDARY, "still", "now"})  # "hello? you still there now?"
NO_WORDS = frozenset({"no", "nope", "nah"})
GOODBYE_PHRASES = (
    "bye",
    "goodbye",
    "good bye",
    "that is all",
    "that is it",
    "that will be all",
    "that is everything",
    "that was all",
    "nothing else",
    "nothing more",
    "nothing today",
    "no thanks",
    "no thank you",
    "i am good",
    "i am fine",
    "i am okay",
    "i am ok",
    "all set",
    "i am done",
    "we are done",
    "all good",
    "never mind",
    "nevermind",
    "hang up",
    "hanging up",
    "forget it",
    # putting it off: "thanks, I'll call back later", "forget it, I'll just pop in"
    "i will call back",
    "i will call you back",
    "i will just call back",
    "i will just call you back",
    "call back later",
    "call back tomorrow",
    "call back another time",
    "try again later",
    "i will try again",
    "i will just pop in",
    "i will pop in",
    "i will stop by",
    "i will drop by",
    "i will come by",
    "have a good day",
    "have a nice day",
    "take care",
    "not right now",
    "not today",
    "no need",
    "i got it",
    "i got what i needed",
    "that is what i needed",
    "that is all i needed",
    "that answers my question",
    "that answers it",
    "have a good one",
    "have a great day",
    "have a lovely day",
    "have a good evening",
    "have a good weekend",
    "see you then",
    "see you soon",
    "speak soon",
    "talk soon",
    "much appreciated",
    "no more questions",
    "no other questions",
    "no further questions",
    "cheerio",
    "ta ra",
    "see you later",
    "talk to you later",
    "speak to you later",
    "goodnight",
    "good night",
    # done without the line's help: "I worked it out, thanks anyway"
    "thanks anyway",
    "thank you anyway",
    "figured it out",
    "worked it out",
    "that will do",
    "end call",
    "end the call",
    "do not need anything else",
    "that is all i need",
    "that was it",
    "that was everything",
    "answered everything",
    "answered all my questions",
    "i will let you go",
    "leave it there",
    "sort it out myself",
    "thanks for your time",
    "thank you for your time",
    "no worries",
    "you are alright",
)
# Every phrase in one pattern, the longest first where several start at the same word.
_LONGEST_FIRST = sorted(GOODBYE_PHRASES, key=len, reverse=True)
GOODBYE = re.compile(rf"\b(?:{'|'.join(map(re.escape, _LONGEST_FIRST))})\b")
# Alone (with politeness around them) these end the call; inside a request they are just politeness.
GOODBYE_ALONE = frozenset("no nope nah thanks thank cheers ta nothing done sorted".split())
POLITENESS = frozenset({"you", "so", "very", "much", "a", "lot", "great", "alright", "cool", "then"})
# A caller's word that the answer was what they wanted, and the words around it: "perfect,
# thanks", "brilliant, cheers mate", "that's grand, thanks a million", "right, that's me done".
ACKNOWLEDGEMENTS = frozenset(
    """perfect brilliant lovely grand excellent wonderful awesome fab fantastic super sound nice sweet
    good fine okay ok right mate love dear million now all that it is me i am really helpful help
    appreciate appreciated been have""".split()
)
CLOSING = GOODBYE_ALONE | POLITENESS | ACKNOWLEDGEMENTS
# Goodbyes that may wave away only what follows them ("never mind the quote, when will the car be
# done?"): they end the call when what follows asks for nothing ("forget it, I'll call back tomorrow").
WAVED_AWAY = frozenset({"never mind", "nevermind", "forget it", "no thanks", "no thank you", "no need"})
# A farewell to someone else is what the call is about: "I'd like to come in and say goodbye to my
# brother" (but "goodbye to you all" is the caller's own).
FAREWELL_TO = re.compile(r"(?:good ?)?bye to (?!you\b|all\b|everyone\b)\w")
SAID_IN_CLOSING = CLOSING | STOPWORDS | GENERIC | FILLERS | {"now", "later", "today", "tomorrow", "again"}


@dataclass(frozen=True)
class Match:
    intent: Intent
    option: MenuOption | None = None
    score: float = 0.0
    sure: bool = True  # False: an option named by thin evidence, for the semantic tier to confirm


@dataclass(frozen=True)
class SpokenKey:
    """A keypad key the caller said rather than pressed."""

    key: str
    sure: bool = True  # False for a sound-alike said alone ("tree"): a menu word it matches outranks it


@dataclass(frozen=True)
class _Phrase:
    """A phrase to listen for, each word weighted by how much it tells options apart."""

    words: tuple[str, ...]
    weights: tuple[float, ...]
    weight: float = 1.0


@dataclass(frozen=True)
class _Option:
    """What to listen for on one menu option."""

    option: MenuOption
    phrases: tuple[_Phrase, ...]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a cache key for _heard_as
class _Vocabulary:
    """Every word an assistant listens for, filed under the keys a mishearing of it would share."""

    long_words: tuple[str, ...]  # the words of 4 letters or more, the only ones matched by spelling
    by_key: dict[tuple[str, str], frozenset[str]]

    def candidates(self, said: str) -> set[str]:
        """A superset of the words similarity() scores above 0 for the word said."""
        found = set()
        if len(said) >= 4:
            near = process.extract(
                said, self.long_words, scorer=fuzz.ratio, score_cutoff=CANDIDATE_RATIO, limit=None
            )
            found = {word for word, _, _ in near}
        for key in _heard_keys(said):
            found |= self.by_key.get(key, frozenset())
        return found


@dataclass(frozen=True, eq=False)
class _Listening:
    """What to listen for on one assistant's line, worked out once: see _listening."""

    options: tuple[_Option, ...]
    operator: tuple[_Phrase, ...]
    vocabulary: _Vocabulary


@dataclass(frozen=True)
class _Unit:
    """Something the caller said that a phrase word can match: one word, or adjacent words joined."""

    text: str
    joined: bool = False


class _Clipped(_Unit):
    """The last word said, which may be the start of a word the end of speech cut short."""


def match(assistant: Assistant, utterance: str) -> Match:
    """Decide what the caller asked for. Score is 0..1; for "none" it is the best option's score."""
    tokens = tokenize(utterance, assistant.language)
    key = spoken_key(tokens)
    if key is not None and key.sure:
        return _match_key(assistant, key.key)
    listening = _listening(assistant)
    negated = negated_positions(tokens)
    if not negated and _asks_for_someone_first(utterance):
        return Match("operator", score=1.0)  # "can I speak to Sandra, she booked our holiday"
    unmeant = negated | _idiom_positions(tokens)
    option, score = _clear_option(listening, tokens, unmeant)
    if option is not None:
        return Match("option", option, _rounded(score), _is_sure(listening, tokens, unmeant, option))
    if key is not None:
        return _match_key(assistant, key.key)
    person = _person_asked(assistant, listening, tokens, negated, utterance)
    if person is not None:
        return Match("operator", score=person)
    if is_goodbye(tokens):
        return Match("goodbye", score=1.0)
    return Match("none", score=_rounded(score))


def may_ask_for_a_person(assistant: Assistant, utterance: str) -> bool:
    """Whether match() may find the caller asking for a person: the key 0, someone asked for first,
    or words that ask for a person, whatever option they also name. False spares the turn rules
    (ivr.dialog.rules.wants_operator) the whole match, options and all, on every turn that asks
    for nobody."""
    tokens = tokenize(utterance, assistant.language)
    key = spoken_key(tokens)
    if key is not None and (key.sure or key.key == "0"):
        return key.key == "0"
    negated = negated_positions(tokens)
    if not negated and _asks_for_someone_first(utterance):
        return True
    if key is not None:
        return False  # a key other than 0, said unsure: match() answers with it, never a person
    return _person_asked(assistant, _listening(assistant), tokens, negated, utterance) is not None


def _person_asked(
    assistant: Assistant, listening: _Listening, tokens: Sequence[str], negated: set[int], utterance: str
) -> float | None:
    """How surely the words ask for a person (by a person word, a name, a title or a role), whatever
    option they also name; None if they do not."""
    unmeant_people = negated | _someone_elses(tokens, assistant.operator, assistant.language)
    heard = _heard(listening.vocabulary, _person_units(tokens, unmeant_people))
    people = {w: s for w, s in heard.items() if s >= PERSON_SURE and _as_a_person(w, tokens)}
    operator = _best_score(listening.operator, people)
    if operator >= MIN_SCORE:
        return _rounded(operator)
    affirmed = " ".join("_" if i in negated else t for i, t in enumerate(tokens))
    if BY_NAME.search(affirmed) or TO_STAFF.search(affirmed) or TO_ROLE.search(affirmed):
        return 1.0
    if not negated and _by_first_name(utterance):
        return 1.0
    return None


def _as_a_person(word: str, tokens: Sequence[str]) -> bool:
    """Whether a person word was said as itself or a longer form of it ("managers"), not only as the
    verb it is made from ("I can't manage", "managing")."""
    forms = [t for t in tokens if stem(t) == stem(word)]
    return not forms or any(t.startswith(word) for t in forms)


def _someone_elses(tokens: Sequence[str], operator: str | None, language: str) -> set[int]:
    """Indices of a person or a place to reach said of someone else's ("my manager told me to call",
    "I'm calling from my office") or, for the operator's name and a desk, of any ("I sit at a desk
    all day"): not the line's own manager, front desk or office."""
    places = {"desk", *(_words(operator, language) if operator else ())}
    people = PERSON_NOUNS | places
    return {
        i
        for i in range(1, len(tokens))
        if (tokens[i - 1] in OWNERS and tokens[i] in people)
        or (tokens[i - 1] in ANY_ONE and tokens[i] in places)
    }


def _asks_for_someone_first(utterance: str) -> bool:
    """Whether the caller's first words ask for someone by name ("can I speak to Mr Davies, my son's
    guitar teacher", "is Pete about, he normally sorts our boat"): what follows says who they are,
    not an option."""
    first = re.split(r"[,.!?;:]", utterance, maxsplit=1)[0]
    return bool(BY_NAME.search(" ".join(tokenize(first)))) or _by_first_name(first)


def _by_first_name(utterance: str) -> bool:
    """Whether the caller asks for someone by a first name (BY_FIRST_NAME) that is no day or month."""
    found = BY_FIRST_NAME.search(utterance)
    name = (found["to"] or found["is"]).lower() if found else ""
    return bool(name) and name not in CALENDAR and name not in STOPWORDS


def _idiom_positions(tokens: Sequence[str]) -> set[int]:
    """Indices of words that an idiom makes mean nothing of the menu: "whoever is in charge"."""
    return {i for i in range(1, len(tokens)) if (tokens[i - 1], tokens[i]) in IDIOMS}


def distinctive(assistant: Assistant, utterance: str) -> MenuOption | None:
    """Of a caller who turned down an option, the option whose own phrase words alone hold a word
    said after it, when no other word said is any option's: "no, not the practical, the theory one"
    is the theory test."""
    tokens = tokenize(utterance, assistant.language)
    negated = negated_positions(tokens)
    owners = _full_weight_owners(_listening(assistant))
    stems = [stem(t) for t in tokens]
    refused = {o for i in negated for o in owners.get(stems[i], ())}
    if not refused:
        return None
    last = max(negated)
    said = {stems[i] for i in range(last + 1, len(tokens)) if i not in negated and tokens[i] not in STOPWORDS}
    named = {owners[w] for w in said if w in owners}
    if len(named) != 1:
        return None
    (only,) = named
    return next(iter(only)) if len(only) == 1 and not only & refused else None


@lru_cache(maxsize=128)  # one per line served, as _listening_for's
def _full_weight_owners(listening: _Listening) -> dict[str, frozenset[MenuOption]]:
    """For the stem of each word a phrase holds at full weight, the options whose phrases hold it."""
    owners: dict[str, set[MenuOption]] = {}
    for option in listening.options:
        for phrase in option.phrases:
            for word, weight in zip(phrase.words, phrase.weights, strict=True):
                if weight == 1.0:
                    owners.setdefault(stem(word), set()).add(option.option)
    return {word: frozenset(options) for word, options in owners.items()}


def rivals(assistant: Assistant, utterance: str) -> tuple[MenuOption, ...]:
    """The two options the caller's words name about equally well, when neither wins clearly:
    better to ask which than to guess or read the whole menu again."""
    tokens = tokenize(utterance, assistant.language)
    listening = _listening(assistant)
    heard = _heard(listening.vocabulary, _units(tokens, negated_positions(tokens)))
    scored = sorted(
        ((_best_score(o.phrases, heard), o.option) for o in listening.options), key=lambda p: -p[0]
    )
    close = tuple(option for score, option in scored[:2] if score >= MIN_SCORE)
    return close if len(close) == 2 else ()


def _person_units(tokens: Sequence[str], negated: set[int]) -> list[_Unit]:
    """What may ask for a person: not a negated person ("no need for a person"), unless it is the
    machine that is refused, nor a check that someone is listening ("is anybody there?")."""
    machine = {stem(w) for w in MACHINE_WORDS}
    ignored = {i for i in negated if stem(tokens[i]) not in machine} | _presence_positions(tokens)
    things = {i for i in range(1, len(tokens)) if stem(tokens[i]) in machine and not _refused(tokens[:i])}
    return _units(tokens, ignored | things | _doer_positions(tokens) | _thing_positions(tokens))


def _refused(before: Sequence[str]) -> bool:
    """Whether the machine named next is the one answering, refused or asked about ("talk to a
    machine", "not a robot", "is this a computer?"), not a thing ("my computer", "washing machines")."""
    said = [t for t in before if t not in MACHINE_ASIDES]
    return bool(said) and (said[-1] in NEGATORS | MACHINE_ASKED or stem(said[-1]) in CONTACT_STEMS)


def _thing_positions(tokens: Sequence[str]) -> set[int]:
    """Indices of "one" said of a thing, not heard as part of "someone" or "anyone": "I need a new
    one", "any one of those is fine" (but "some one" as speech recognition may split it)."""
    found = set()
    for i, token in enumerate(tokens):
        split = i > 0 and tokens[i - 1] in ("some", "any") and "of" not in tokens[i + 1 : i + 2]
        if token == "one" and not split:
            found.add(i)
    return found


def _doer_positions(tokens: Sequence[str]) -> set[int]:
    """Indices of "someone" said as who would do the work, not whom to reach: before a verb other
    than one of talking ("someone sort that out", "somebody to check"), or after "see", "book" or
    "send"."""
    found = set()
    for i, token in enumerate(tokens):
        if token not in PERSON_PRONOUNS:
            continue
        # "anyone who could sit with her" is who would do the work, but not "someone who can help
        # me" nor "someone who works there"
        could = tokens[i + 1 : i + 2] == ["who"] and tokens[i + 2 : i + 3] in (["can"], ["could"], ["would"])
        rest = [t for t in tokens[i + (3 if could else 1) :] if t not in MODALS and t not in MANNER]
        after = rest[0] if rest else BOUNDARY
        # "someone to do our windows", "can someone see me": the work, though "do" and "see" are
        # words of every kind of sentence
        does = after in WORKING or (after not in CONTACT_VERBS | STOPWORDS | RELATIVES and after != BOUNDARY)
        if does or (i > 0 and tokens[i - 1] in BEFORE_A_WORKER):
            found.add(i)
    return found


def _presence_positions(tokens: Sequence[str]) -> set[int]:
    """Indices of the words of any check that someone is listening."""
    text = " ".join(tokens)
    starts = [word.start() for word in re.finditer(r"\S+", text)]
    found: set[int] = set()
    for check in PRESENCE_CHECK.finditer(text):
        found |= {i for i, start in enumerate(starts) if check.start() <= start < check.end()}
    return found


def is_presence_check(utterance: str, language: str = "en-US") -> bool:
    """The caller only checks that the line is live: "are you still there?", "hello? can you hear me?".
    A lone "hello" is not one: callers answer a greeting with it."""
    tokens = tokenize(utterance, language)
    checked = _presence_positions(tokens)
    rest = {t for i, t in enumerate(tokens) if i not in checked}
    return bool(checked) and rest <= PRESENCE_ASIDES | STOPWORDS | POLITENESS


def is_plain_no(utterance: str, language: str = "en-US") -> bool:
    """Nothing but "no" ("nope", "no no"): an answer to a question, not by itself a goodbye."""
    words = [t for t in tokenize(utterance, language) if t != BOUNDARY]
    return bool(words) and set(words) <= NO_WORDS


def _rounded(score: float) -> float:
    return round(min(score, 1.0), 3)


def _clear_option(
    listening: _Listening, tokens: Sequence[str], negated: set[int]
) -> tuple[MenuOption | None, float]:
    """The option that wins clearly: of two requests joined ("a refill, and while I have you, where
    do I park?"), the first, if it names one; else the option of all the words; when two tie, the
    last clause that names an option: callers give context first and the request last ("my
    appointment is at two, where do I park?")."""
    turn = request_start(tokens)
    if turn is not None:
        option, score = _ranked(listening, _units(tokens, negated, range(turn + 1, len(tokens))))
        if option is not None:
            return option, score
    # Two requests joined ("cancel Tuesday, and also has my order come in?"): the first is asked first.
    second = second_request(tokens)
    if second is not None:
        first, first_score = _ranked(listening, _units(tokens, negated, range(second)))
        if first is not None:
            return first, first_score
    option, score = _ranked(listening, _units(tokens, negated))
    if option is not None or score < MIN_SCORE:
        return option, score
    for clause in reversed(_clauses(tokens)):
        option, clause_score = _ranked(listening, _units(tokens, negated, clause))
        if clause_score >= MIN_SCORE:
            return option, clause_score
    return None, score


def last_contrast(tokens: Sequence[str]) -> int | None:
    """Where the caller last said "but" or "actually": what follows is the request."""
    # "but also" adds a request: "mainly to book, but also to ask about my insurance"
    turns = (i for i, t in enumerate(tokens) if t in CONTRASTS and tokens[i + 1 : i + 2] != ["also"])
    return max(turns, default=None)


def main_request(utterance: str, language: str = "en-US") -> str:
    """What the caller says they are really calling about ("a question about prices, but the main
    reason I'm calling is..."), as words; the whole utterance when they do not say."""
    if not language.startswith("en"):
        return utterance
    said = " ".join(tokenize(utterance, language))
    if (before := MAIN_BEFORE.search(said)) is not None:  # "..., that's the main thing, and ..."
        return said[: before.start()].strip(" ,") or utterance
    found = MAIN_REASON.search(said)
    rest = said[found.end() :].strip(" ,") if found is not None else ""
    # What is joined on after it is another request: "the main thing is the ceiling's dripping,
    # but I'd also like a price for new fascias"
    tokens = rest.split()
    second = second_request(tokens)
    if second is None:
        return rest or utterance
    clause = max((i for i in range(second) if tokens[i] in (BOUNDARY, *CONTRASTS)), default=second)
    return " ".join(tokens[:clause]).strip(" ,") or utterance


def second_request(tokens: Sequence[str]) -> int | None:
    """Where a second request begins: the first "also", "plus" or "then" after the first word, "and"
    starting a sentence or before a new clause or request ("and do you...", "and I need...", "and
    book..."), or "while I have you", "by the way"."""
    said = " ".join(tokens)
    joins = SECOND_JOIN if len(tokens) <= MAX_JOINED else SECOND_WORD
    found = joins.search(said, 1)
    return said[: found.start()].count(" ") if found is not None else None


def request_start(tokens: Sequence[str]) -> int | None:
    """Where what comes before is context: the last "but" or "actually", or else the break after
    the last clause of praise, when a clause that is not one follows it."""
    turn = last_contrast(tokens)
    if turn is not None:
        return turn
    clauses = _clauses(tokens)
    praised = [k for k, clause in enumerate(clauses) if any(tokens[i] in PRAISE for i in clause)]
    if not praised or praised[-1] == len(clauses) - 1:
        return None
    return clauses[praised[-1]].stop


def _ranked(listening: _Listening, units: Sequence[_Unit]) -> tuple[MenuOption | None, float]:
    """The best option for these words and its score; None for the option if it does not clearly win."""
    heard = _heard(listening.vocabulary, units)
    options = listening.options
    ranked = sorted(((_best_score(o.phrases, heard), o.option) for o in options), key=lambda p: -p[0])
    if not ranked:
        return None, 0.0
    (score, best), runner_up = ranked[0], ranked[1][0] if len(ranked) > 1 else 0.0
    clear = score >= MIN_SCORE and score - runner_up >= MIN_MARGIN
    return (best if clear else None), score


def _clauses(tokens: Sequence[str]) -> list[range]:
    edges = [-1, *(i for i, t in enumerate(tokens) if t == BOUNDARY), len(tokens)]
    return [range(start + 1, end) for start, end in itertools.pairwise(edges) if end > start + 1]


def tokenize(utterance: str, language: str = "en-US") -> list[str]:
    """Lowercase words with contractions expanded, fillers dropped and clause breaks kept as ",";
    in another language, its function words as the English ones (languages.as_heard)."""
    return list(_tokens(utterance, language))


@lru_cache(maxsize=4096)  # one turn's rules, phrases, urgency and requests each read the same words
def _tokens(utterance: str, language: str) -> tuple[str, ...]:
    text = as_heard(utterance, language).lower().replace("\u2019", "'")
    text = re.sub(r"\b(dr|mr|mrs|ms|st|jr|sr)\.", r"\1", text)  # "Dr. Cho" is not the end of a clause
    text = re.sub(r"\b([ap])\.m\.", r"\1m", text)
    text = re.sub(r"\bwon't\b", "will not", text)
    text = re.sub(r"\bcan't\b", "can not", text)
    text = re.sub(r"n't\b", " not", text)
    for short, full in CONTRACTIONS.items():
        text = text.replace(short, full)
    text = re.sub(r"'s\b", " is", text)
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)
    text = re.sub(r"[.,!?;:]+|\s-+\s", f" {BOUNDARY} ", text)
    text = re.sub(r"[^\w\s,#*]", " ", text)
    return tuple(t for t in text.split() if t not in FILLERS)


def spoken_key(tokens: Sequence[str]) -> SpokenKey | None:
    """The keypad key the caller named: "option two", "press 3", "the first one", a lone "four",
    "um, maybe two". A negated key does not count ("not the third one, billing"); of several, the
    last counts if the caller corrected themself ("one... no, four"), otherwise none is sure."""
    negated = negated_positions(tokens, KEY_NEGATORS)
    said = [(i, key) for i, key in _key_mentions(tokens) if i not in negated]
    if not said:
        return None
    for (before, earlier), (after, later) in itertools.pairwise(said):
        corrected = any(t in CORRECTIONS for t in tokens[before + 1 : after])
        if earlier.key != later.key and not corrected:
            return None
    return said[-1][1]


def _key_mentions(tokens: Sequence[str]) -> list[tuple[int, SpokenKey]]:
    """Where the caller named a key, in order: after a cue word, as an ordinal choice, or anywhere
    in an utterance made only of keys and the words around them ("uh, two... no, three")."""
    found: dict[int, SpokenKey] = {}
    at = [i for i, t in enumerate(tokens) if t != BOUNDARY]
    words = [tokens[i] for i in at]
    for k, word in enumerate(words):
        if word in KEY_CUES and (j := _key_after_cue(tokens, at[k] + 1)) is not None:
            found[j] = SpokenKey(CARDINALS.get(tokens[j]) or HOMOPHONES[tokens[j]])
        elif word in ORDINALS and _is_ordinal_choice(words, k):
            found[at[k]] = SpokenKey(ORDINALS[word])
    # Function words may stand around a key ("it's two"), but not around a sound-alike ("for you").
    if all(w in KEY_WORDS or w in STOPWORDS or w in CARDINALS for w in words):
        _add_lone_keys(found, tokens, CARDINALS, sure=True)
    if all(w in KEY_WORDS or w in CARDINALS or w in HOMOPHONES for w in words):
        _add_lone_keys(found, tokens, HOMOPHONES, sure=False)
    return sorted(found.items())


def _add_lone_keys(
    found: dict[int, SpokenKey], tokens: Sequence[str], keys: dict[str, str], sure: bool
) -> None:
    for i, token in enumerate(tokens):
        # "that one" is a pronoun, but "make that one" a key
        pronoun = i > 0 and tokens[i - 1] in ONE_AFTER and tokens[i - 2 : i - 1] != ["make"]
        is_noun = token == "one" and pronoun
        if token in keys and i not in found and not is_noun:
            found[i] = SpokenKey(keys[token], sure)


def _key_after_cue(tokens: Sequence[str], start: int) -> int | None:
    """Where the key said after a cue word is, if one is."""
    i = start
    while i < len(tokens) and (tokens[i] in KEY_FILLERS or tokens[i] == BOUNDARY):
        i += 1
    if i >= len(tokens):
        return None
    following = tokens[i + 1] if i + 1 < len(tokens) else BOUNDARY
    if tokens[i] in CARDINALS:
        # "number 5 5 5 0 1" is a phone or account number, not a menu key.
        return None if following in CARDINALS else i
    # A sound-alike ends its clause: "option for", but "the number for billing" is a preposition.
    return i if tokens[i] in HOMOPHONES and following == BOUNDARY else None


def _is_ordinal_choice(words: Sequence[str], i: int) -> bool:
    before = words[i - 1] if i > 0 else None
    after = words[i + 1] if i + 1 < len(words) else None
    if after in ORDINAL_NOUNS:
        return True
    return after is None and before in (None, "the", "number") and not _is_date(words, i)


def _is_date(words: Sequence[str], i: int) -> bool:
    """An ordinal that is a day of the month: "on the 9th", "for the 3rd through the 6th",
    "Friday the 13th"; but "I'll go for the third" is a choice."""
    if i >= 2 and words[i - 1] == "the":
        return words[i - 2] in DATE_WORDS or (words[i - 2] == "for" and words[i][0].isdigit())
    return i >= 1 and words[i - 1] in DATE_WORDS - DATE_PREPOSITIONS


def _match_key(assistant: Assistant, key: str) -> Match:
    if key == "0":
        return Match("operator", score=1.0)
    if key == "last" and assistant.menu:
        return Match("option", assistant.menu[-1], 1.0)
    option = assistant.option(key)
    return Match("option", option, 1.0) if option else Match("none")


def negated_positions(tokens: Sequence[str], negators: frozenset[str] = NEGATORS) -> set[int]:
    """Indices of words a negation rules out: "not billing", "I don't need an appointment"."""
    negated: set[int] = set()
    for i, token in enumerate(tokens):
        pair = (token, tokens[i + 1]) if i + 1 < len(tokens) else None
        if pair in NEGATOR_PAIRS:
            negated |= _negated_span(tokens, i + 2)
        elif token == "nothing" and pair is not None and pair[1] in NOTHING_SO:
            negated.add(i + 1)
        elif token in negators:
            negated |= _negated_span(tokens, i + 1)
    return negated


def _negated_span(tokens: Sequence[str], start: int) -> set[int]:
    """Skip carriers and function words, then take the first run of content words."""
    i, wants = start, False
    while i < len(tokens) and tokens[i] not in NEGATION_BOUNDARY and _is_carrier(tokens, i, wants):
        wants = wants or tokens[i] in NEGATION_CARRIERS
        i += 1
    span: set[int] = set()
    while i < len(tokens) and len(span) < MAX_NEGATED:
        token = tokens[i]
        if token in NEGATION_BOUNDARY or token in STOPWORDS:
            break
        span.add(i)
        i += 1
        if token in STATE_VERBS and len(span) == 1:
            # "so he doesn't get towed": what would happen to them is negated too
            if i < len(tokens) and tokens[i].endswith("ed") and tokens[i] not in STOPWORDS:
                span.add(i)
            break
    return span


def _is_carrier(tokens: Sequence[str], i: int, wants: bool) -> bool:
    token = tokens[i]
    if token in STOPWORDS or token in NEGATION_CARRIERS:
        return True
    if not wants:
        return False
    # "I don't need anyone to come fix it" negates the fixing, not the person.
    if token in PERSON_PRONOUNS and tokens[i + 1 : i + 2] == ["to"]:
        return True
    # "don't want to get a refill" (or "anyone to come fix it") negates the refill, but "didn't get
    # my results" does not.
    return token in ACTION_VERBS and tokens[i - 1] == "to"


def _units(tokens: Sequence[str], negated: set[int], positions: range | None = None) -> list[_Unit]:
    """Words the caller said outside negations, plus runs of two or three adjacent words joined."""
    positions = range(len(tokens)) if positions is None else positions
    usable = [i for i in positions if tokens[i] != BOUNDARY and i not in negated]
    units = [_Unit(tokens[i]) for i in usable]
    usable_set = set(usable)
    last = len(tokens) - 2 if tokens and tokens[-1] == BOUNDARY else len(tokens) - 1
    if last in usable_set and _may_be_clipped(tokens[last]):
        units.append(_Clipped(tokens[last]))
    for i in usable:
        for size in (2, 3):
            run = range(i, i + size)
            # "a point meant" may be "appointment"; "for my" is no "pharmacy": one small word at most
            if all(j in usable_set for j in run) and sum(tokens[j] in STOPWORDS for j in run) < 2:
                joined = "".join(tokens[j] for j in run)
                if len(joined) >= 5:
                    units.append(_Unit(joined, joined=True))
    return units


def _listening(assistant: Assistant) -> _Listening:
    return _listening_for(assistant.name, assistant.menu, assistant.operator, assistant.language)


@lru_cache(maxsize=128)  # the lines served, and the pairs of options callers were asked between
def _listening_for(
    name: str, menu: tuple[MenuOption, ...], operator: str | None, language: str = "en-US"
) -> _Listening:
    """The phrases and words to listen for, built once per assistant rather than on every turn.

    Safe to cache: assistants and their menu options are frozen and loaded once at start-up, and
    the key is everything read here (not the object's id, which a new assistant could reuse), so
    two assistants share an entry only if they would build the same one.
    """
    # Words of the business's own name ("clinic") are said in every kind of call.
    ordinary = frozenset(_words(name, language))
    # A desk that takes several options' calls ("bookings" for booking and for cancelling) names none.
    transfers = Counter(o.transfer for o in menu if o.transfer)
    shared = frozenset(t for t, n in transfers.items() if n > 1) | {operator}
    options = tuple(_Option(o, tuple(_option_phrases(o, shared, ordinary, language))) for o in menu)
    operator_phrases = tuple(_operator_phrases(operator))
    phrases = [*(p for o in options for p in o.phrases), *operator_phrases]
    return _Listening(options, operator_phrases, _vocabulary({w for p in phrases for w in p.words}))


def _option_phrases(
    option: MenuOption, shared: frozenset[str | None], ordinary: frozenset[str], language: str = "en-US"
) -> list[_Phrase]:
    texts = [option.name, *option.phrases]
    if option.transfer and option.transfer not in shared:
        texts.append(option.transfer)
    texts += [_unhyphenated(t) for t in texts if HYPHENATED.search(t)]
    phrases = [_phrase(t, ordinary, language=language) for t in texts]
    for piece in re.split(r",|\band\b|\bor\b", as_heard(option.description, language).lower()):
        words = _words(piece)
        weight = DESCRIPTION_WEIGHT if len(words) > 1 else DESCRIPTION_WORD_WEIGHT
        if words:
            phrases.append(_phrase(piece, ordinary, weight))
            if HYPHENATED.search(piece):
                phrases.append(_phrase(_unhyphenated(piece), ordinary, weight))
    return _with_joined_variants(phrases)


def _unhyphenated(text: str) -> str:
    """A compound the owner hyphenated, as recognisers often write it: "check-up" as "checkup",
    "pick-up" as "pickup" (its parts apart, "check up", are heard already)."""
    return HYPHENATED.sub("", text)


def _operator_phrases(operator: str | None) -> list[_Phrase]:
    names = (*OPERATOR_PHRASES, operator) if operator else OPERATOR_PHRASES
    return _with_joined_variants(_phrase(n, frozenset()) for n in names)


def _phrase(text: str, ordinary: frozenset[str], weight: float = 1.0, language: str = "en-US") -> _Phrase:
    words = _words(text, language)
    return _Phrase(words, tuple(_word_weight(w, ordinary) for w in words), weight)


def _with_joined_variants(phrases: Iterable[_Phrase]) -> list[_Phrase]:
    """Add "xray" for "x-ray" and "bloodwork" for "blood work": callers and recognisers do both."""
    result = []
    for phrase in phrases:
        result.append(phrase)
        # Only compounds of content words: "howmuchowe" would fuzzily match "howmuchis".
        if len(phrase.words) in (2, 3) and all(w == 1.0 for w in phrase.weights):
            result.append(_Phrase(("".join(phrase.words),), (1.0,), phrase.weight))
    return result


def _words(text: str, language: str = "en-US") -> tuple[str, ...]:
    return tuple(t for t in tokenize(text, language) if t != BOUNDARY)


def _best_score(phrases: Sequence[_Phrase], heard: dict[str, float]) -> float:
    return max((_phrase_score(p, heard) for p in phrases), default=0.0)


def _phrase_score(phrase: _Phrase, heard: dict[str, float]) -> float:
    """Weighted share of the phrase's words the caller said, scaled down if only filler words matched."""
    if heard.keys().isdisjoint(phrase.words):
        return 0.0  # also what the sums below come to, only sooner
    sims = [heard.get(word, 0.0) for word in phrase.words]
    pairs = list(zip(phrase.weights, sims, strict=True))
    coverage = sum(w * s for w, s in pairs) / sum(phrase.weights)
    substance = sum(w for w, s in pairs if s > 0)
    return phrase.weight * coverage * min(1.0, substance / SUBSTANCE)


def _word_weight(word: str, ordinary: frozenset[str]) -> float:
    if word in STOPWORDS:
        return 0.15
    return 0.5 if word in GENERIC or word in ordinary else 1.0


def _heard(vocabulary: _Vocabulary, units: Sequence[_Unit]) -> dict[str, float]:
    """Each word listened for that the caller may have said, with its best similarity to what was said."""
    best: dict[str, float] = {}
    for unit in units:
        clipped = isinstance(unit, _Clipped)  # the last word, heard as the start of longer ones too
        found = _clipped_as(vocabulary, unit.text) if clipped else _heard_as(vocabulary, unit.text)
        for word, sim in found:
            if unit.joined and len(word) < 5:
                continue
            score = sim * (JOINED_DISCOUNT if unit.joined else 1.0)
            best[word] = max(best.get(word, 0.0), score)
    return best


@lru_cache(maxsize=16384)
def _heard_as(vocabulary: _Vocabulary, said: str) -> tuple[tuple[str, float], ...]:
    """The words listened for that this word of the caller's may be, each with its similarity. A day
    or a month is heard as itself only: "Tuesday" is no misheard "test day"."""
    if said in CALENDAR:
        return tuple((word, 1.0) for word in vocabulary.candidates(said) if word == said)
    return tuple((word, sim) for word in vocabulary.candidates(said) if (sim := similarity(said, word)) > 0)


def _may_be_clipped(word: str) -> bool:
    """A word of meaning that ends in a vowel, as a word cut short after its last vowel does."""
    return len(word) >= 3 and word[-1] in "aeiou" and word not in STOPWORDS and word not in GENERIC


@lru_cache(maxsize=4096)
def _clipped_as(vocabulary: _Vocabulary, said: str) -> tuple[tuple[str, float], ...]:
    """The words listened for that the caller's last word may be, cut short by the end of speech: the
    word's start, without its final consonants ("quo" for "quote", "refi" for "refill"). Not a word
    the menu listens for: that was said whole."""
    if said in vocabulary.long_words:
        return ()
    return tuple(
        (word, CLIPPED_SIMILARITY)
        for word in vocabulary.long_words
        if word.startswith(said) and CLIPPED_ENDING.fullmatch(word, len(said))
    )


def _vocabulary(words: set[str]) -> _Vocabulary:
    by_key: dict[tuple[str, str], set[str]] = {}
    for word in words:
        for key in _listened_keys(word):
            by_key.setdefault(key, set()).add(word)
    long_words = tuple(sorted(w for w in words if len(w) >= 4))
    return _Vocabulary(long_words, {key: frozenset(ws) for key, ws in by_key.items()})


# similarity() scores two words above 0 only if they share one of these keys or are both 4 letters or
# longer and spelled at least half alike (fuzz.ratio, which rapidfuzz checks against all words at once),
# so a word said is compared only with the words listened for under its keys or near its spelling.
def _shared_keys(word: str) -> list[tuple[str, str]]:
    """Keys a word shares with a mishearing of it: equal but for an initial h, the stem, a synonym
    or a kindred word."""
    keys = [("h", word.removeprefix("h")), ("stem", stem(word))]
    keys += [("synonym", str(i)) for i, group in enumerate(SYNONYMS) if word in group]
    return keys + ([("kindred", "")] if word in KINDRED else [])


def _listened_keys(word: str) -> list[tuple[str, str]]:
    code = jellyfish.metaphone(word)
    return _shared_keys(word) + ([("code", code)] if len(code) >= 4 else [])


def _heard_keys(said: str) -> list[tuple[str, str]]:
    # Sound-alikes of the longer words: the caller's metaphone may be one longer than the word's ("far
    # massive" for "pharmacy") or begin with th for d ("the livery" for "delivery").
    code = jellyfish.metaphone(said)
    return [*_shared_keys(said), ("code", code[:-1]), ("code", _as_d(code))]


def _as_d(code: str) -> str:
    """A metaphone code with an initial th (written "0") as d (written "T")."""
    return "T" + code[1:] if code.startswith("0") else code


@lru_cache(maxsize=8192)
def similarity(said: str, expected: str) -> float:
    """How surely the word the caller said is the expected word, 0..1, tolerant of mishearing."""
    if said == expected:
        return 1.0
    if said in STOPWORDS or expected in STOPWORDS:
        return 0.0
    if stem(said) == stem(expected):
        return 0.95
    if any(said in group and expected in group for group in SYNONYMS):
        return 0.8
    if said in KINDRED and expected in KINDRED:
        return KINDRED_SIMILARITY
    if min(len(said), len(expected)) < 4:
        return 0.0
    ratio = fuzz.ratio(said, expected) / 100
    # One edit in a word of four letters is another word ("seen", "seven"); needs a sound-alike too.
    if ratio >= 0.88 and min(len(said), len(expected)) >= 5:
        return ratio
    return max(_sounds_alike(said, expected, ratio), _weak(ratio))


def _sounds_alike(said: str, expected: str, ratio: float) -> float:
    """Misrecognitions keep the consonants: "farmasee" ~ "pharmacy", "insureants" ~ "insurance"."""
    if said.removeprefix("h") == expected.removeprefix("h"):
        return 0.85  # a weak initial h is often lost: "ours" for "hours"
    said_code, expected_code = jellyfish.metaphone(said), jellyfish.metaphone(expected)
    if said.startswith("the") and not expected.startswith("th"):
        return _article_and_word(said, said_code, expected, expected_code)
    # Short codes are shared by many words ("favor" and "fever" are both FFR): they need more spelling
    # in common. Homophones such as "wear"/"where" and "bell"/"bill" still pass.
    if said_code == expected_code and ratio >= (0.5 if len(expected_code) >= 4 else 0.65):
        return 0.85
    # The recogniser stretched the last syllable into a longer word: "far massive" for "pharmacy".
    stretched = len(said_code) == len(expected_code) + 1 and said_code.startswith(expected_code)
    if stretched and len(expected_code) >= 4:
        return 0.8
    # Soundex keeps only the first three consonant classes: coarse, so the spelling must be close too,
    # and the word said no mere start of the one expected ("front" is not "frontdesk").
    if len(expected) >= 6 and ratio >= 0.7 and jellyfish.soundex(said) == jellyfish.soundex(expected):
        return 0.0 if expected.startswith(said) else 0.8
    return 0.0


def _article_and_word(said: str, said_code: str, expected: str, expected_code: str) -> float:
    """The article run together with the word after it (by the recogniser, or by joining adjacent
    words) as the expected word: where "the" is heard for a weak first syllable ("the livery" for
    "delivery", a de- or di-), or swallowed a weak leading a- ("the dress" for "the address"), with
    enough left to be sure. Never where it stands for a syllable of its own: "the truck" is no "tow
    truck", though soundex codes both T362."""
    if len(expected_code) < 4:
        return 0.0
    if expected[0] in "dt" and expected[1] in "ei" and _as_d(said_code) == expected_code:
        return 0.8
    swallowed_a = expected[0] == "a" and expected[1] not in "aeiou"
    if swallowed_a and jellyfish.metaphone(said.removeprefix("the")) == expected_code[1:]:
        return 0.8
    return 0.0


def _weak(ratio: float) -> float:
    """A near spelling is weak evidence: it can complete a phrase ("test resorts") but not make one."""
    return ratio * 0.75 if ratio >= 0.75 else 0.0


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light suffix stripper: enough for plurals and -ing/-ed/-ment/-ion families, no dictionary."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("xes"):
        word = word[:-2]  # "boxes", "taxes"; "watches" loses its e below, "cases" keeps it
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 7 and word.endswith("ship"):
        word = word[:-4]  # "membership" is a member's, "apprenticeship" an apprentice's
    for suffix in ("ing", "ed", "ment", "ion", "er"):
        # an -er only where _ER says (not "steer"); any other suffix wherever three letters are left
        strips = _ER.fullmatch(word) if suffix == "er" else len(word) - len(suffix) >= 3
        if word.endswith(suffix) and strips:
            word = word[: -len(suffix)]
            if suffix in ("ing", "ed") and _ER.fullmatch(word):
                word = word[:-2]  # "guttering" is a gutter, "ordered" an order
            # A short stem left single-consonanted had a silent e: "caring", "hoping" (a consonant
            # is doubled where there was none: "hopping"; w, x and y never are: "fixing").
            if suffix in ("ing", "ed", "er") and _SILENT_E_LOST.fullmatch(word):
                word += "e"
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


_SILENT_E_LOST = re.compile(r"[^aeiou][aeiou][^aeiouwxy]")
_ER = re.compile(r".{2,}[^e]er")  # an -er the stemmer strips ("gutter"), not -eer ("steer")


CONTACT_STEMS = frozenset(stem(verb) for verb in CONTACT_VERBS)  # "talking to a machine" (_refused)


def is_goodbye(tokens: Sequence[str]) -> bool:
    """The caller is done: "that's all, thanks", "no thank you", "bye"."""
    words = [t for t in tokens if t != BOUNDARY]
    if words and all(w in CLOSING for w in words) and GOODBYE_ALONE & set(words):
        return True
    text = " ".join(words)
    said = [found for found in GOODBYE.finditer(text) if not FAREWELL_TO.match(text, found.start())]
    last = said[-1] if said else None  # the last one said counts
    # a request after waving something away is no goodbye: "never mind the quote, I just need to
    # know when the car will be done"
    return last is not None and (
        last[0] not in WAVED_AWAY or all(w in SAID_IN_CLOSING for w in text[last.end() :].split())
    )


def _is_sure(listening: _Listening, tokens: Sequence[str], negated: set[int], option: MenuOption) -> bool:
    """False when the option's best phrase was carried by one word, and every time the caller said
    it, a word the menu does not know qualified it ("my electric bill", "long hours"): a word of
    another business's, or of everyday English, for the semantic tier to confirm."""
    chosen = next(o for o in listening.options if o.option is option)
    heard = _heard(listening.vocabulary, _units(tokens, negated))
    phrase = max(chosen.phrases, key=lambda p: _phrase_score(p, heard))
    carried = [
        w for w, weight in zip(phrase.words, phrase.weights, strict=True) if weight == 1.0 and heard.get(w)
    ]
    if len(carried) != 1:
        return True
    said = [i for i, t in enumerate(tokens) if i not in negated and similarity(t, carried[0]) > 0]
    return not said or not all(_qualified(listening.vocabulary, tokens, i) for i in said)


def _qualified(vocabulary: _Vocabulary, tokens: Sequence[str], i: int) -> bool:
    """The word before is a content word the menu does not listen for, nor part of the word itself
    misheard as two ("re fill", "code pay")."""
    before = tokens[i - 1] if i > 0 else BOUNDARY
    if before == BOUNDARY or before in STOPWORDS or before in GENERIC or before in NEGATORS:
        return False
    if before in CARDINALS or before in HOMOPHONES:
        return False
    known = any(sim >= 0.8 for _, sim in _heard_as(vocabulary, before))
    split = any(sim >= 0.6 for _, sim in _heard_as(vocabulary, before + tokens[i]))
    return not known and not split
