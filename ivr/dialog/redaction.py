"""Masks card numbers, social security numbers and other long digit runs in what callers say, so
that no database row, log line or model prompt holds them. Twilio writes a number however the caller
paced it (in groups, with commas, periods or dashes for pauses, partly in words), so a number is judged
as one run of digits, whatever its layout, by its length and the card checksum."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ivr.dialog.types import CallerInput

CARD_TOKEN = "[card number]"
ID_TOKEN = "[id number]"
NUMBER_TOKEN = "[number]"

DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
REPEATS = {"double": 2, "triple": 3}

# What Twilio puts between the groups of a number: spaces, and commas, periods, ellipses, slashes and
# dashes for the caller's pauses. Nothing else joins two groups into one number.
SEPARATORS = " \t\r\n\u00a0,./-\u2010\u2011\u2012\u2013\u2014\u2026"

_WORDS = "|".join(sorted(DIGIT_WORDS, key=len, reverse=True))  # "oh" before "o"
# A group of written digits, or a digit word (perhaps "double"/"triple" and the digit it repeats).
# A word must stand alone, so "one" in "someone" and "o" in "o'clock" are not digits. Every branch
# is a fixed word or a single greedy class, so scanning stays linear.
TOKEN = re.compile(
    rf"(?P<group>\d+)"
    rf"|(?<![\w'’])(?:(?P<repeat>double|triple)\s+)?(?P<word>{_WORDS}|\d)(?![\w'’])",
    re.IGNORECASE,
)

CARD_LENGTHS = range(13, 20)
ID_LENGTH = 9
ID_GROUPS = ((9,), (3, 2, 4))
LONG_WRITTEN = 13  # shorter written runs can be phone numbers
LONG_SPOKEN = 9  # digits read out one word at a time are being dictated: an account, card or ID


@dataclass
class Run:
    """Adjacent number tokens: where they span in the text, their digits, and how they were said."""

    start: int
    end: int
    pieces: list[str] = field(default_factory=list)  # digits, token by token
    groups: list[int] = field(default_factory=list)  # lengths of the written digit groups
    spoken: bool = False  # some digit was said as a word

    @property
    def digits(self) -> str:
        return "".join(self.pieces)

    def take(self, token: re.Match[str]) -> None:
        self.end = token.end()
        if token["group"] is not None:
            self.pieces.append(token["group"])
            self.groups.append(len(token["group"]))
        else:
            self.pieces.append(digit_of(token))
            self.spoken = True


def redact(text: str) -> str:
    """The text with every card-like, SSN-like or long number replaced by a token naming its kind;
    everything around a masked number, its trailing punctuation included, is left as it was."""
    pieces: list[str] = []
    kept_up_to = 0
    for run in number_runs(text):
        token = mask_for(run)
        if token is None:
            continue
        pieces += (text[kept_up_to : run.start], token)
        kept_up_to = run.end
    if not pieces:
        return text
    pieces.append(text[kept_up_to:])
    return "".join(pieces)


def redacted(said: CallerInput) -> CallerInput:
    """The caller's input with long digit runs masked; short keypresses are left alone."""
    if said.kind not in ("speech", "digits"):
        return said
    return CallerInput(said.kind, redact(said.text), said.confidence)


def number_runs(text: str) -> Iterator[Run]:
    """Each maximal run of number tokens with only separators between them, in order. A colon, "$",
    "#", a letter or any word but a digit word ends a run; "ten", "twenty" or "hundred" are not read
    as digits, since Twilio writes numbers said that way in digits, and reading them would turn a
    list of ages or quantities into one long number."""
    run: Run | None = None
    for token in TOKEN.finditer(text):
        if run is None or not only_separators(text[run.end : token.start()]):
            if run is not None:
                yield run
            run = Run(token.start(), token.end())
        run.take(token)
    if run is not None:
        yield run


def only_separators(gap: str) -> bool:
    return not gap.strip(SEPARATORS)


def digit_of(token: re.Match[str]) -> str:
    digit = DIGIT_WORDS.get(token["word"].lower(), token["word"])
    return digit * REPEATS.get((token["repeat"] or "").lower(), 1)


def mask_for(run: Run) -> str | None:
    """The token that replaces the run, or None when it is an ordinary number to keep.

    - 13-19 digits passing the Luhn check: a card.
    - 9 digits grouped 3-2-4, unbroken, or read out in words: a social security number.
    - any other run of 13 or more digits, or of 9 or more with a digit said as a word: a number.
      A card the recogniser misheard by one digit fails Luhn but is still a card, and a card read
      with its expiry date and security code runs past 19 digits.

    Left alone: 10-12 written digits (phone numbers), 9 digits grouped otherwise ("12345-6789" is a
    ZIP+4 code), and anything shorter: times, money, dates, years, keypresses, house and order numbers.
    """
    digits = run.digits
    length = len(digits)
    if length in CARD_LENGTHS and passes_luhn(digits):
        return CARD_TOKEN
    if length == ID_LENGTH and (run.spoken or tuple(run.groups) in ID_GROUPS):
        return ID_TOKEN
    if length >= LONG_WRITTEN or (run.spoken and length >= LONG_SPOKEN):
        return NUMBER_TOKEN
    return None


def passes_luhn(digits: str) -> bool:
    """The check every payment card number satisfies: it tells a card from a random long number."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0
