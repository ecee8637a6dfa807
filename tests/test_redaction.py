"""What callers say is masked before it is stored, logged or sent to a model: card and social security
numbers however Twilio wrote them down (grouped, paced with commas, periods or dashes, partly in
words), while the ordinary numbers of a call (times, money, dates, addresses, orders) stay as said."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ivr.dialog.redaction import redact, redacted
from ivr.dialog.types import CallerInput

CARD, ID, NUMBER = "[card number]", "[id number]", "[number]"
SPOKEN = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
WORDS_FOR = {digit: tuple(word for word, d in SPOKEN.items() if d == digit) for digit in "0123456789"}
PAUSES = (" ", "  ", "-", " - ", "–", " — ", "/", ",", ", ", ".", ". ", "... ", "…", "… ")
BEFORE = ("", "my card is ", "it's ", "sure, the number is ", "okay so ", "yes ")
AFTER = ("", ".", " thanks", ", is that right?", "... please", "!")


def digits_read(text: str) -> str:
    """Every digit a reader could get back from the text, written or said as words."""
    digits, repeat = [], 1
    for word in re.findall(r"\d+|[a-z]+", text.lower()):
        if word in ("double", "triple"):
            repeat = 2 if word == "double" else 3
            continue
        digit = word if word.isdigit() else SPOKEN.get(word, "")
        digits.append(digit * repeat if len(digit) == 1 else digit)
        repeat = 1
    return "".join(digits)


def surviving(original: str, text: str) -> list[str]:
    """The stretches of four digits of the original number that can still be read in the text."""
    left = digits_read(text)
    return [original[i : i + 4] for i in range(len(original) - 3) if original[i : i + 4] in left]


def assert_masked(said: str, token: str) -> None:
    masked = redact(said)
    assert token in masked
    assert surviving(digits_read(said), masked) == []


# --- The forms people say and Twilio writes down -------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111111111111111",
        "4111, 1111, 1111, 1111.",
        "4111,1111,1111,1111",
        "4111.1111.1111.1111",
        "4111. 1111. 1111. 1111.",
        "4111... 1111... 1111... 1111",
        "4111/1111/1111/1111",
        "4111 - 1111 - 1111 - 1111",
        "4111 – 1111 — 1111 … 1111",
        "4,111 1,111 1,111 1,111",
        "3782 822463 10005",
        "4222 2222 22222",
        "four one one one one one one one one one one one one one one one",
        "four one one one, 1111, 1111, 1111",
        "four triple one, 1111, 1111, double one double one",
        "three seven eight two, eight two two four six three, one oh oh oh five",
        "six oh one one, zero zero zero zero. zero zero zero zero... zero zero zero four",
        "5555 5555 5555 double four double four",
    ],
)
def test_a_card_number_is_masked_however_it_was_grouped_paced_or_said(said):
    assert_masked(f"my card is {said}", CARD)


@pytest.mark.parametrize(
    "said",
    [
        "123-45-6789",
        "123 45 6789",
        "123456789",
        "123.45.6789",
        "123, 45, 6789.",
        "123... 45... 6789",
        "123/45/6789",
        "one two three, four five, six seven eight nine",
        "one two three, 45, 6789",
        "one two three four five six seven eight nine",
    ],
)
def test_a_social_security_number_is_masked_however_it_was_grouped_paced_or_said(said):
    assert_masked(f"my social is {said}", ID)


@pytest.mark.parametrize(
    "said",
    [
        "4111 1111 1111 1112",  # a card misheard by one digit fails the checksum
        "4111 1111 1111 1111, 12 28, 123",  # a card with its expiry date and security code
        "1234 5678 9012 3456 7890 1234",
        "five five five, five five five, oh one oh oh",  # dictated in words
    ],
)
def test_a_long_number_that_is_not_a_valid_card_is_still_masked(said):
    assert_masked(f"it's {said}", NUMBER)


def test_the_punctuation_and_words_around_a_masked_number_are_kept():
    assert redact("Sure, it's 4111, 1111, 1111, 1111. Is that OK?") == "Sure, it's [card number]. Is that OK?"
    assert redact("(123-45-6789)") == "([id number])"


def test_two_numbers_in_one_turn_are_both_masked():
    said = "card 4111 1111 1111 1111 and social 123-45-6789 please"
    assert redact(said) == "card [card number] and social [id number] please"


# --- What is left alone --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "can we do 10:30",
        "the meeting is at 10:30 on 12/25/2026",
        "it came to $1,250.00",
        "It cost $1,250.00, paid on 12/25/2026.",
        "two hundred dollars",
        "1",
        "#2",
        "press 0",
        "I was born in 1999",
        "between 1999 and 2026",
        "we have 2 dogs, 3 cats and 1 fish",
        "I need 24 boxes",
        "I live at 412 River Road",
        "412 River Road, Springfield, 12345",
        "my zip is 12345-6789",
        "my order number is 123456",
        "order 1234567",
        "order number 12345678",
        "call me at 555-555-0100",
        "my number is +1 555 555 0100",
        "(555) 555-0100",
        "5555550100",
        "15555550100",
        "it's 9 o'clock",
        "ten thirty tomorrow",
        "oh, one more thing",
        "one or two",
        "can I talk to someone",
        "I'd like to double check my order",
        "",
    ],
)
def test_ordinary_numbers_a_caller_says_are_kept_exactly_as_said(said):
    assert redact(said) == said


# --- The caller's input as a whole ---------------------------------------------------------------


def test_keypad_entry_of_a_card_is_masked_and_its_kind_kept():
    assert redacted(CallerInput("digits", "4111111111111111")) == CallerInput("digits", CARD)


def test_spoken_input_keeps_its_confidence_when_masked():
    said = redacted(CallerInput("speech", "it's 123-45-6789", 0.82))
    assert said == CallerInput("speech", f"it's {ID}", 0.82)


@pytest.mark.parametrize("said", [CallerInput("silence"), CallerInput("dial", "completed")])
def test_silence_and_transfer_outcomes_pass_through_untouched(said):
    assert redacted(said) is said


# --- Any card or social security number, however it is read --------------------------------------


@st.composite
def luhn_numbers(draw: st.DrawFn) -> str:
    body = draw(st.text("0123456789", min_size=12, max_size=18))
    total = sum(d * 2 - 9 if d > 4 else d * 2 for d in map(int, body[::-1][::2]))
    total += sum(map(int, body[::-1][1::2]))
    return body + str(-total % 10)


@st.composite
def groups_of(draw: st.DrawFn, digits: str, sizes: tuple[int, ...] | None) -> list[str]:
    """The number cut into groups: the sizes given, or cut at random."""
    if sizes is None:
        cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=7)))
    else:
        cuts = [sum(sizes[:i]) for i in range(1, len(sizes))]
    return [digits[a:b] for a, b in zip([0, *cuts], [*cuts, len(digits)], strict=True)]


@st.composite
def read_aloud(draw: st.DrawFn, group: str, words: bool) -> str:
    """One group as a caller reads it and Twilio writes it: numerals, with some digits as words."""
    parts: list[str] = []
    i = 0
    while i < len(group):
        if words and draw(st.booleans()):
            same = len(group[i:]) - len(group[i:].lstrip(group[i]))
            times = draw(st.integers(1, min(same, 3)))
            parts.append(("", "", "double ", "triple ")[times] + draw(st.sampled_from(WORDS_FOR[group[i]])))
            i += times
        elif parts and parts[-1][-1].isdigit():
            parts[-1] += group[i]
            i += 1
        else:
            parts.append(group[i])
            i += 1
    return " ".join(parts)


@st.composite
def sentences_with(draw: st.DrawFn, digits: str, sizes: tuple[int, ...] | None) -> tuple[str, str, str]:
    """A sentence around the number, read in groups with pauses between them: (before, number, after)."""
    words = draw(st.booleans())
    groups = [draw(read_aloud(group, words)) for group in draw(groups_of(digits, sizes))]
    number = groups[0]
    for group in groups[1:]:
        number += draw(st.sampled_from(PAUSES)) + group
    return draw(st.sampled_from(BEFORE)), number, draw(st.sampled_from(AFTER))


@st.composite
def cards_in_sentences(draw: st.DrawFn) -> tuple[str, tuple[str, str, str]]:
    card = draw(luhn_numbers())
    return card, draw(sentences_with(card, None))


@st.composite
def socials_in_sentences(draw: st.DrawFn) -> tuple[str, tuple[str, str, str]]:
    social = draw(st.text("0123456789", min_size=9, max_size=9))
    return social, draw(sentences_with(social, draw(st.sampled_from([(9,), (3, 2, 4)]))))


@settings(max_examples=200, deadline=None)
@given(cards_in_sentences())
def test_no_card_number_can_be_read_back_however_it_was_paced(case):
    card, (before, number, after) = case
    masked = redact(before + number + after)
    assert surviving(card, masked) == []
    assert masked == before + CARD + after


@settings(max_examples=200, deadline=None)
@given(socials_in_sentences())
def test_no_social_security_number_can_be_read_back_however_it_was_paced(case):
    social, (before, number, after) = case
    masked = redact(before + number + after)
    assert surviving(social, masked) == []
    assert masked == before + ID + after
