"""Every sentence the sample line can say, rendered and read as a whole: the reviewed text is in
tests/wording/riverside-clinic.txt, and a change to what callers hear shows up there as a diff to
review (IVR_UPDATE_WORDING=1 rewrites the file)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ivr.assistant import SAMPLE_PATH, load
from ivr.dialog import wording
from ivr.dialog.hours import Closed

REVIEWED = Path(__file__).parent / "wording" / "riverside-clinic.txt"
CLOSED = (Closed("tomorrow at 8 AM"), Closed("on Monday at 8 AM", "Christmas Day"))
LINE = load(SAMPLE_PATH)


def everything_the_sample_line_says() -> dict[str, list[str]]:
    """Each of wording's sentences, by name, for every value the sample line gives it."""
    targets = sorted({*LINE.directory})
    said: dict[str, list[str]] = {
        "greeting": [LINE.greeting],
        "greeting_known": [LINE.greeting_known.format(first_name="Maria")],
        "goodbye": [LINE.goodbye],
        "choices": [wording.choices(LINE)],
        "answered": [wording.answered(o) for o in LINE.menu if o.say],
        "message prompts": [o.message for o in LINE.menu if o.message],
        "after_the_tone": [wording.after_the_tone(o.message) for o in LINE.menu if o.message],
        "connecting": [wording.connecting(t) for t in targets],
        "handing_to_operator": [wording.handing_to_operator(wording.TALKED_LONG, LINE.operator or "")],
        "transfer_ended": [
            wording.transfer_ended(t, status) for t in targets for status in ("busy", "no-answer", "failed")
        ],
        "message_passed_on": [wording.message_passed_on()],
        "which_of": [wording.which_of(LINE.menu[1], LINE.menu[2])],
        "not_an_option": [wording.not_an_option("8", LINE)],
        "nobody_available": [wording.nobody_available(LINE)],
        "cannot_help_here": [wording.cannot_help_here(LINE)],
        "something_went_wrong": [wording.something_went_wrong(LINE)],
        "call_back_later": [wording.call_back_later(LINE)],
        "closed_greeting": [wording.closed_greeting(LINE, CLOSED[0])],  # the sample keeps no [hours]
        "closed_now": [wording.closed_now(t, closed) for t in targets for closed in CLOSED],
        "leave_message_after": [wording.leave_message_after(wording.closed_now("front desk", CLOSED[0]))],
        "whisper": [
            wording.whisper("Maria Lopez", "about billing"),
            wording.whisper("a caller", 'who said: "my refill"'),
        ],
    }
    for name in dir(wording):
        value = getattr(wording, name)
        if name.isupper() and isinstance(value, str):
            said[name] = [value]
    return said


def rendered() -> str:
    return "".join(
        f"## {name}\n" + "".join(f"{sentence}\n" for sentence in sentences) + "\n"
        for name, sentences in everything_the_sample_line_says().items()
    )


def test_what_the_sample_line_says_is_the_reviewed_text():
    if os.environ.get("IVR_UPDATE_WORDING"):
        REVIEWED.parent.mkdir(exist_ok=True)
        REVIEWED.write_text(rendered(), encoding="utf-8")
    assert rendered() == REVIEWED.read_text(encoding="utf-8"), (
        "what callers hear changed: review the diff, then IVR_UPDATE_WORDING=1"
    )


def test_every_sentence_wording_can_make_is_in_the_review():
    made = {name for name in vars(wording) if callable(getattr(wording, name)) and not name.startswith("_")}
    made -= {"the", "Assistant", "MenuOption", "Closed"}
    assert made <= set(everything_the_sample_line_says())


@pytest.mark.parametrize(
    "sentence",
    [s for sentences in everything_the_sample_line_says().values() for s in sentences],
)
def test_each_sentence_reads_as_a_sentence(sentence: str):
    assert sentence[0].isupper()
    assert sentence.rstrip()[-1] in ".?!"
    assert "  " not in sentence
    assert not re.search(r"\bfor (book|change|cancel|leave|get|order|buy|check|pay|make)\b", sentence)
    for name in LINE.directory:
        bare = re.search(rf"(?<!the )(?<!The )\b(to|with|sorry,) {re.escape(name)}\b", sentence)
        assert bare is None or wording.the(name) == name, f"'{name}' needs its article: {sentence}"


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
    assert wording.the(name) == said
