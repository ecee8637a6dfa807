"""Every sentence the sample line can say, rendered and read as a whole: the reviewed text is in
tests/wording/riverside-clinic.txt, and a change to what callers hear shows up there as a diff to
review (IVR_UPDATE_WORDING=1 rewrites the file)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from ivr.assistant import SAMPLE_PATH, load
from ivr.dialog import wording
from ivr.dialog.hours import Closed

CLOSED = (Closed("tomorrow at 8 AM"), Closed("on Monday at 8 AM", "Christmas Day"))
# The reopening moment as Spanish says it from the business's day.
CLOSED_ES = (
    Closed("", None, datetime(2026, 12, 1, 8, 0), date(2026, 11, 30)),
    Closed("", "Navidad", datetime(2026, 12, 28, 13, 30), date(2026, 12, 25)),
)
LINE = load(SAMPLE_PATH)
LINES = {"en": LINE, "es": LINE.speaking("es")}
REVIEWED = {
    "en": Path(__file__).parent / "wording" / "riverside-clinic.txt",
    "es": Path(__file__).parent / "wording" / "riverside-clinic.es.txt",
}


def everything_the_sample_line_says(code: str = "en") -> dict[str, list[str]]:
    """Each of wording's sentences, by name, for every value the sample line gives it."""
    line = LINES[code]
    words = wording.of(line)
    closed = CLOSED if code == "en" else CLOSED_ES
    targets = sorted({*line.directory})
    said: dict[str, list[str]] = {
        "greeting": [line.greeting],
        "greeting_known": [line.greeting_known.format(first_name="Maria")],
        "goodbye": [line.goodbye],
        "choices": [words.choices(line)],
        "answered": [words.answered(o) for o in line.menu if o.say],
        "message prompts": [o.message for o in line.menu if o.message],
        "after_the_tone": [words.after_the_tone(o.message) for o in line.menu if o.message],
        "connecting": [words.connecting(t) for t in targets],
        "handing_to_operator": [words.handing_to_operator(words.TALKED_LONG, line.operator or "")],
        "transfer_ended": [
            words.transfer_ended(t, status) for t in targets for status in ("busy", "no-answer", "failed")
        ],
        "message_passed_on": [words.message_passed_on()],
        "which_of": [words.which_of(line.menu[1], line.menu[2])],
        "not_an_option": [words.not_an_option("8", line)],
        "nobody_available": [words.nobody_available(line)],
        "cannot_help_here": [words.cannot_help_here(line)],
        "life_in_danger": [words.life_in_danger(line)],
        "something_went_wrong": [words.something_went_wrong(line)],
        "call_back_later": [words.call_back_later(line)],
        "closed_greeting": [words.closed_greeting(line, closed[0])],  # the sample keeps no [hours]
        "reopens": [words.reopens(c) for c in closed],
        "closed_now": [words.closed_now(t, c) for t in targets for c in closed],
        "leave_message_after": [words.leave_message_after(words.closed_now("front desk", closed[0]))],
        "about": [words.about(line.menu[2])],
        "who_said": [words.who_said("my refill")],
        "whisper": [
            words.whisper("Maria Lopez", words.about(line.menu[2])),
            words.whisper(words.a_caller, words.who_said("my refill")),
        ],
    }
    for name in dir(words):
        value = getattr(words, name)
        if name.isupper() and isinstance(value, str):
            said[name] = [value]
    return said


FRAGMENTS = {"reopens", "about", "who_said"}  # pieces said within sentences


def rendered(code: str) -> str:
    return "".join(
        f"## {name}\n" + "".join(f"{sentence}\n" for sentence in sentences) + "\n"
        for name, sentences in everything_the_sample_line_says(code).items()
    )


@pytest.mark.parametrize("code", ["en", "es"])
def test_what_the_sample_line_says_is_the_reviewed_text(code: str):
    if os.environ.get("IVR_UPDATE_WORDING"):
        REVIEWED[code].parent.mkdir(exist_ok=True)
        REVIEWED[code].write_text(rendered(code), encoding="utf-8")
    assert rendered(code) == REVIEWED[code].read_text(encoding="utf-8"), (
        "what callers hear changed: review the diff, then IVR_UPDATE_WORDING=1"
    )


def test_every_sentence_wording_can_make_is_in_the_review():
    made = {name for name in vars(wording.Words) if callable(getattr(wording.Words, name)) and name[0] != "_"}
    assert made - {"the"} <= set(everything_the_sample_line_says())


def test_spanish_says_every_sentence_english_does():
    english, spanish = everything_the_sample_line_says("en"), everything_the_sample_line_says("es")
    assert english.keys() == spanish.keys()
    same = {name for name in english if name.isupper() and english[name] == spanish[name]}
    assert not same, f"still in English: {same}"


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        (code, s)
        for code in LINES
        for name, sentences in everything_the_sample_line_says(code).items()
        if name not in FRAGMENTS
        for s in sentences
    ],
)
def test_each_sentence_reads_as_a_sentence(code: str, sentence: str):
    assert sentence.lstrip("¿¡")[0].isupper()
    assert sentence.rstrip()[-1] in ".?!"
    assert "  " not in sentence
    if code == "es":
        return
    assert not re.search(r"\bfor (book|change|cancel|leave|get|order|buy|check|pay|make)\b", sentence)
    for name in LINE.directory:
        bare = re.search(rf"(?<!the )(?<!The )\b(to|with|sorry,) {re.escape(name)}\b", sentence)
        assert bare is None or wording.ENGLISH.the(name) == name, f"'{name}' needs its article: {sentence}"


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("front desk", "the front desk"),
        ("pharmacy", "the pharmacy"),
        ("nurse line", "the nurse line"),
        ("billing", "billing"),
        ("sales", "sales"),
        ("radiology", "radiology"),
        ("pediatrics", "pediatrics"),
        ("customer service", "customer service"),
        ("Dr. Patel", "Dr. Patel"),
        ("Maria", "Maria"),
        ("our night nurse", "our night nurse"),
        ("the on-call plumber", "the on-call plumber"),
        ("Sam's cell", "Sam's cell"),
        ("on-call technician", "the on-call technician"),
        ("kitchen", "the kitchen"),
    ],
)
def test_directory_names_get_an_article_where_english_needs_one(name: str, said: str):
    assert wording.ENGLISH.the(name) == said
