"""A listening document is written into what the twilio builder made once for the line (the
Gather's attributes, its hints above all, are the same on every turn): what Twilio receives must
be the builder's own document, byte for byte, whatever the words and the URL."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from ivr.assistant import SAMPLE_PATH, load
from ivr.dialog.rules import greet
from ivr.web import twiml

CLINIC = load(SAMPLE_PATH)  # offers Spanish in its greeting, in the Spanish voice
OFFER = CLINIC.languages[0].offer
URLS = st.builds(
    lambda query: f"/voice/gather?turn=2&{query}", st.text(alphabet="abz=&%;<>\"'é ", max_size=12)
)
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@given(words=WORDS, url=URLS, several_keys=st.booleans())
def test_a_turns_document_is_the_builders(words, url, several_keys):
    built = str(twiml.listen(CLINIC, words, url, several_keys))
    assert twiml.listening(CLINIC, words, url, several_keys) == built


@given(before=WORDS, after=WORDS, url=URLS)
def test_words_that_offer_another_language_are_the_builders_too(before, after, url):
    words = f"{before} {OFFER} {after}"
    assert twiml.listening(CLINIC, words, url) == str(twiml.listen(CLINIC, words, url))


def test_the_greeting_is_the_builders_on_every_call():
    greeting = greet(CLINIC).action.say
    for turn_url in ("/voice/gather?turn=2", "/voice/gather?turn=2&lang=es&x=<\"'>"):
        assert twiml.listening(CLINIC, greeting, turn_url) == str(twiml.listen(CLINIC, greeting, turn_url))


def test_two_lines_alike_but_for_their_other_languages_words_get_their_own_hints():
    other = replace(CLINIC, languages=(replace(CLINIC.languages[0], words=("castellano",)),))
    said = "We are open from eight to six."
    for line in (CLINIC, other, CLINIC):
        assert twiml.listening(line, said, "/voice/gather?turn=2") == str(
            twiml.listen(line, said, "/voice/gather?turn=2")
        )
