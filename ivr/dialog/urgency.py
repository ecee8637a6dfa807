"""Callers in trouble: someone describing an emergency seldom names the option for it.

"My dog got hit by a car", "water is pouring through the ceiling", "I'm stranded on the highway":
no phrase an owner writes for "emergency" is in those words, and a static embedding knows too
little of the world to place them. A receptionist does not need the trade to hear that something
is wrong now. DISTRESS lists such situations for the kinds of line ivr serves (people and animals
hurt or ill, a home flooding, burning or without heat, a vehicle broken down or crashed), written
for the class and never from a labelled set's sentences.

A line's urgent option is the one whose own words (name, description, intent, phrases) describe
such situations most; a line with none, or two alike, has no urgent option and this module stays
out of its way. What a caller says is distress when a situation is said and not negated ("it's not
an emergency, but..."); after "but" or "actually" only the words that follow count."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.matching import (
    BOUNDARY,
    STOPWORDS,
    last_contrast,
    negated_positions,
    spoken_key,
    stem,
    tokenize,
)

# Said of what is happening now, these mean the caller needs help at once, whatever the trade.
_BY_KIND = {
    "the word itself": "emergency; urgent; urgently",
    "a person or an animal hurt or ill": """bleeding; lot of blood; losing blood; vomiting blood;
        coughing blood; blood everywhere; not breathing; can not breathe; trouble breathing;
        struggling to breathe; choking; collapsed; unconscious; passed out; fainted; seizure;
        convulsing; poison; poisoned; swallowed; overdose; hit by a car; run over; attacked;
        bite wound; broken bone; broken leg; badly hurt; injured; lot of pain; severe pain;
        screaming in pain; dying; allergic reaction; swelling up; chest pain; heart attack; burned;
        can not stand; will not wake""",
    "a home or a building": """burst; flood; flooding; flooded; pouring; gushing; water everywhere;
        sewage; overflowing; gas smell; smell gas; smells like gas; gas leak; carbon monoxide; smoke;
        fire; sparks; sparking; burning smell; smell of burning; no heat; no heating; frozen pipe;
        locked out""",
    "a vehicle": """accident; crash; crashed; rear ended; broke down; broken down; breakdown;
        stranded; stuck on the highway; stuck on the road; stuck in the snow; stuck in the mud;
        ditch; will not start; dead battery; battery is dead; engine died; overheated; overheating;
        brakes failed; side of the road; side of the highway; pulled over; can not drive; tow;
        towed; towing""",
}
DISTRESS = tuple(" ".join(said.split()) for kind in _BY_KIND.values() for said in kind.split(";"))
MIN_OWN_SITUATIONS = 2  # an option is the line's urgent one when its words name at least this many


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokenize(text) if t != BOUNDARY and t not in STOPWORDS)


SITUATIONS = tuple(dict.fromkeys(_stems(text) for text in DISTRESS))
_STARTING_WITH: dict[str, list[tuple[str, ...]]] = {}
for _situation in SITUATIONS:
    _STARTING_WITH.setdefault(_situation[0], []).append(_situation)


def urgent_option(assistant: Assistant) -> MenuOption | None:
    """The option for callers in trouble, if the line clearly has one (English lines only: the
    situations are English words)."""
    if not assistant.language.startswith("en"):
        return None
    return _urgent_among(assistant.menu)


@lru_cache(maxsize=64)
def _urgent_among(menu: tuple[MenuOption, ...]) -> MenuOption | None:
    counted = sorted(
        ((len(_situations(" , ".join((o.name, o.description, o.intent, *o.phrases)))), o) for o in menu),
        key=lambda pair: -pair[0],
    )
    if not counted or counted[0][0] < MIN_OWN_SITUATIONS:
        return None
    if len(counted) > 1 and counted[1][0] == counted[0][0]:
        return None
    return counted[0][1]


def urgent_for(assistant: Assistant, utterance: str) -> MenuOption | None:
    """The line's urgent option when the caller describes being in trouble and names no key."""
    option = urgent_option(assistant)
    if option is None:
        return None
    tokens = tokenize(utterance)
    return option if spoken_key(tokens) is None and _in_distress(tokens) else None


def in_distress(utterance: str) -> bool:
    """Whether the caller describes a situation of DISTRESS, not negated, in what they asked last."""
    return _in_distress(tokenize(utterance))


def _in_distress(tokens: Sequence[str]) -> bool:
    turn = last_contrast(tokens)
    negated = negated_positions(tokens)
    said = [(start, end) for _, start, end in _said(tokens) if turn is None or start > turn]
    denied = [(start, end) for start, end in said if start in negated]
    # "not a smell of burning" denies the burning too
    return any(not any(a <= start and end <= b for a, b in denied) for start, end in said)


def _situations(text: str) -> set[tuple[str, ...]]:
    return {situation for situation, _, _ in _said(tokenize(text))}


def _said(tokens: Sequence[str]) -> list[tuple[tuple[str, ...], int, int]]:
    """Each situation said, with the index in `tokens` of its first and last word (stop words
    are skipped, so "hit by a car" is heard in "hit by the car")."""
    kept = [i for i, t in enumerate(tokens) if t != BOUNDARY and t not in STOPWORDS]
    stems = [stem(tokens[i]) for i in kept]
    return [
        (situation, kept[at], kept[at + len(situation) - 1])
        for at, first in enumerate(stems)
        for situation in _STARTING_WITH.get(first, ())
        if tuple(stems[at : at + len(situation)]) == situation
    ]
