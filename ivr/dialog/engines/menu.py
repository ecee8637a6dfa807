"""The menu engine: a deterministic receptionist that routes keypad and speech to menu options.

It is the whole product when no model is configured, and the fallback when the model fails."""

from __future__ import annotations

import re
from dataclasses import replace

from ivr.assistant import Assistant, MenuOption
from ivr.dialog import collecting, everyday, texts, urgency, wording
from ivr.dialog.actions import Outcome
from ivr.dialog.languages import fold
from ivr.dialog.matching import (
    BOUNDARY,
    PRAISE,
    Match,
    distinctive,
    main_request,
    match,
    request_start,
    rivals,
    second_request,
    tokenize,
)
from ivr.dialog.notes import Note
from ivr.dialog.rules import connect_operator
from ivr.dialog.types import (
    ActionRequest,
    Announce,
    CallerInput,
    Hangup,
    LeftMessage,
    Listen,
    PastTurn,
    Record,
    Reply,
    Transfer,
)
from ivr.dialog.understanding import FIRST_OF_TWO_THRESHOLD, THRESHOLD, Understanding

# Answers to "is that about billing, or the pharmacy?" (and "¿es sobre ... o sobre ...?")
FIRST = frozenset({"yes", "yeah", "yep", "yup", "right", "correct", "first", "former", "sure"})
FIRST |= {"si", "primero", "primera", "correcto", "claro", "eso"}
SECOND = frozenset({"second", "latter", "other", "segundo", "segunda", "otro", "otra"})
# Before "but" (or the break after a clause of praise), what makes the words an aside rather than
# the request: praise for what was done, or doubt about which option it is ("not sure if this is
# billing, but...").
ASIDES = PRAISE | {"sure", "know"}
NEITHER = frozenset({"no", "nope", "nah", "neither", "none", "ninguno", "ninguna", "tampoco"})


class MenuEngine:
    """Keys and phrases; with `understanding`, what words mean when no phrase names an option."""

    name = "menu"

    def __init__(self, understanding: Understanding | None = None) -> None:
        self.understanding = understanding

    def reply(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        caller: str = "",
        early: Announce | None = None,  # decided at once: nothing to say before the whole answer
    ) -> Reply:
        answered = collecting.respond(assistant, history, said)  # a value a declared action needs
        if answered is not None:
            return answered
        if said.kind == "speech" and history and history[-1].note == Note.ASKED_FOR_MESSAGE:
            return take_message(assistant, said.text)
        if said.kind == "digits":
            option = assistant.option(said.text[:1])
            if option is None:
                return Reply(
                    Listen(wording.of(assistant).not_an_option(said.text[:1], assistant)), Note.NO_MATCH
                )
            return choose(assistant, option)
        asked_which = bool(history) and Note.WHICH.marks(history[-1].note)
        if asked_which and (settled := _settle_which(assistant, history[-1].note or "", said.text)):
            return settled
        text = main_request(said.text, assistant.language)
        found = match(assistant, text)
        if found.intent in ("option", "none", "operator") and everyday.not_for_this_line(assistant, text):
            return Reply(Listen(wording.of(assistant).cannot_help_here(assistant)), note=Note.NO_MATCH)
        if found.intent in ("option", "none") and (beyond := self._beyond_phrases(assistant, text, found)):
            return beyond
        if found.intent == "option" and found.option is not None:
            return self._confirmed(assistant, text, found.option, found.sure)
        if found.intent == "goodbye":
            return Reply(Hangup(assistant.goodbye), note=Note.CALLER_DONE)
        if found.intent == "operator":
            return Reply(Listen(wording.of(assistant).nobody_available(assistant)), Note.NO_MATCH)
        return self._unclear(assistant, text, asked_which)

    def _beyond_phrases(self, assistant: Assistant, text: str, found: Match) -> Reply | None:
        """What the words mean that the phrases may have missed, in order: one in trouble ("my
        dog was hit by a car": the urgent option); a request after an aside; an everyday request
        ("how late are you open tonight?"); a complaint, something left behind, or a caller
        running late whose words name no option (a person)."""
        meant = (
            urgency.urgent_for(assistant, text)
            or self._after_contrast(assistant, text)
            or self._asked_first(assistant, text, found.option)
            or everyday.request_for(assistant, text, found.option)
        )
        if meant is not None:
            return choose(assistant, meant)
        if everyday.for_a_person(assistant, text, found.option):
            return connect_operator(assistant, Note.OPERATOR)
        return None

    def _confirmed(self, assistant: Assistant, text: str, option: MenuOption, sure: bool) -> Reply:
        """The option the phrases named; one named by a single qualified word ("my electric bill")
        only if the semantic tier does not find the words clearly off the menu."""
        if sure or self.understanding is None or not assistant.language.startswith("en"):
            return choose(assistant, option)
        if self.understanding.is_off_menu(assistant, text, option):
            return Reply(Listen(wording.of(assistant).cannot_help_here(assistant)), note=Note.NO_MATCH)
        return choose(assistant, option)

    def _after_contrast(self, assistant: Assistant, text: str) -> MenuOption | None:
        """What the words after "but", "actually" or a clause of praise mean (matching.request_start),
        when what comes before is an aside (a past service praised, or a guess at the option: "the
        oil change went great, thanks, but I was charged twice", "not sure if it's billing, but...")
        and no phrase names an option after it: the aside's words must not decide."""
        if self.understanding is None or not assistant.language.startswith("en"):
            return None
        tokens = tokenize(text)
        turn = request_start(tokens)
        if turn is None or not ASIDES & set(tokens[:turn]):
            return None
        return self._meaning_unnamed(assistant, tokens[turn + 1 :])

    def _asked_first(self, assistant: Assistant, text: str, named: MenuOption | None) -> MenuOption | None:
        """Of two requests joined by "also", "plus" or "then", the first is asked first: when the
        phrases named an option only after the joiner ("my tooth is killing me, and I also wanted
        to ask about my bill"), what the words before it mean, if they mean another option."""
        if named is None or self.understanding is None or not assistant.language.startswith("en"):
            return None
        tokens = tokenize(text)
        joiner = second_request(tokens)
        if joiner is None:
            return None
        first = self._meaning_unnamed(assistant, tokens[:joiner], FIRST_OF_TWO_THRESHOLD)
        return first if first != named else None

    def _meaning_unnamed(
        self, assistant: Assistant, tokens: list[str], threshold: float = THRESHOLD
    ) -> MenuOption | None:
        """What these of the caller's words mean, when they say something and no phrase names an
        option in them: an everyday request said in them, else the semantic tier's reading of this
        part of what was said."""
        words = " ".join(t for t in tokens if t != BOUNDARY)
        if self.understanding is None or not words or match(assistant, words).intent != "none":
            return None
        asked = everyday.request_for(assistant, words)  # an everyday request said in them decides
        return asked or self.understanding.meaning(assistant, words, threshold).option

    def _unclear(self, assistant: Assistant, text: str, asked_which: bool) -> Reply:
        """No phrase settled it: two options its words name alike are asked about (once); with the
        semantic tier, what the words mean decides; a caller who turned an option down and named
        another by one of its words ("not the practical, the theory one") is taken at that word;
        else the choices are read again."""
        close = rivals(assistant, text)
        # The shipped embeddings know English words: in another language the phrases decide alone.
        if not close and self.understanding is not None and assistant.language.startswith("en"):
            meaning = self.understanding.meaning(assistant, text)
            if meaning.option is not None:
                return choose(assistant, meaning.option)
            close = meaning.rivals
        if not close and (only := distinctive(assistant, text)) is not None:
            return choose(assistant, only)
        if close and not asked_which:
            first, second = close
            note = Note.WHICH.of(f"{first.key},{second.key}")
            return Reply(Listen(wording.of(assistant).which_of(first, second)), note=note)
        return Reply(Listen(wording.of(assistant).cannot_help_here(assistant)), note=Note.NO_MATCH)

    def after_action(
        self,
        assistant: Assistant,
        history: list[PastTurn],
        said: CallerInput,
        request: ActionRequest,
        outcome: Outcome,
        caller: str = "",
    ) -> Reply:
        if request.name == texts.SEND_TEXT:
            reply = texts.after_option(assistant, request, outcome)
        else:
            reply = collecting.after(assistant, request, outcome)
        if not request.lead:
            return reply
        return replace(reply, action=replace(reply.action, say=f"{request.lead} {reply.action.say}"))


def choose(assistant: Assistant, option: MenuOption) -> Reply:
    note = Note.OPTION.of(option.key)
    if option.action is not None and (spec := assistant.action(option.action)) is not None:
        return collecting.start(assistant, option, spec)
    if option.message is not None:
        return Reply(
            Record(wording.of(assistant).after_the_tone(option.message)), note=Note.ASKED_FOR_MESSAGE
        )
    if option.transfer is not None:
        return Reply(Transfer(wording.of(assistant).connecting(option.transfer), option.transfer), note=note)
    # An option that texts: the text is sent first, then the answer is said with how it went.
    return Reply(Listen(wording.of(assistant).answered(option)), note=note, request=texts.for_option(option))


def _settle_which(assistant: Assistant, note: str, text: str) -> Reply | None:
    """The answer to "is that about X, or Y?": a name of either, yes (the first), the other one,
    or neither; None when it is none of those (the caller asked for something new)."""
    offered = [o for key in note.removeprefix(Note.WHICH.value).split(",") if (o := assistant.option(key))]
    if len(offered) != 2:
        return None
    found = match(replace(assistant, menu=tuple(offered)), text)
    if found.intent == "option" and found.option is not None:
        return choose(assistant, found.option)
    words = set(re.findall(r"[a-z]+", fold(text)))  # "yes" too, which the matcher drops as a filler
    if words & SECOND:
        return choose(assistant, offered[1])
    if words & FIRST:
        return choose(assistant, offered[0])
    if words & NEITHER:
        return Reply(Listen(wording.of(assistant).cannot_help_here(assistant)), note=Note.NO_MATCH)
    return None


def take_message(
    assistant: Assistant, text: str, name: str | None = None, callback_number: str | None = None
) -> Reply:
    left = LeftMessage(text, name, callback_number)
    return Reply(Listen(wording.of(assistant).message_passed_on()), note=Note.MESSAGE_TAKEN, message=left)
