"""The menu engine's semantic tier: what a caller's words mean when no phrase of the menu names it.

Each option is known by its texts (name, description, intent and phrases), embedded once per line
with static sentence embeddings (`embeddings.py`). An option scores INTENT_WEIGHT of its `intent`
sentence's cosine with what was said plus the rest of its nearest other text's (its nearest text
alone when it has no intent): the owner's one sentence on who the option is for says more than a
lone phrase does, so much so that the intent alone measured best. Each word the caller said that
the owner used in one option's intent and no other's adds INTENT_WORD_BONUS to that option: the
owner's own words ("biopsy", "flea") carry what a static embedding knows too little of. The best
option is taken when it scores at least THRESHOLD, leads the next by MARGIN, and is nearer than any
of NONE_OF_THESE, requests that no business line of this kind serves: an off-menu caller ("I think
I have the wrong number") is offered the choices again, not guessed for. Two options both that
near are asked about.

With SEMANTIC_TIER=deep, what the static embeddings leave unplaced (no option near enough, or the
words nearer NONE_OF_THESE; two options alike are still asked about) is asked again of
all-MiniLM-L6-v2 itself (`transformer.py`), which knows more of the world ("book a manicure" is
about nails): an option scores its nearest text plus DEEP_INTENT_WORD_BONUS for each of its own
intent words said, and is taken when it reaches DEEP_THRESHOLD, leads the next by DEEP_MARGIN and
is nearer than any of NONE_OF_THESE. The deep tier asks nothing back: it answers only when clear.

The tier also checks the phrases where they are thin: an option named by one word that another word
qualifies ("my electric bill") is vetoed when what was said is clearly nearer to NONE_OF_THESE.

The constants were chosen on development sets only (the northgate-vet and maple-auto lines, written
for it, and the sample clinic; the lakeside-salon and birchwood-rentals lines came later):
`python -m tools.tune_understanding` searches them there and reports the blind plumbing and
restaurant sets as held out, never choosing anything on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.matching import (
    BOUNDARY,
    FILLERS,
    GENERIC,
    NEGATORS,
    STOPWORDS,
    match,
    negated_positions,
    stem,
    tokenize,
)

if TYPE_CHECKING:
    from ivr.dialog.embeddings import StaticEmbeddings
    from ivr.dialog.transformer import Transformer

THRESHOLD = 0.68
MARGIN = 0.02
INTENT_WEIGHT = 1.0  # measured best on the development sets: the intent alone (0.7 mixed: 7 rows fewer)
BACKGROUND_MARGIN = 0.0
# The words before a second request the phrases named ("I'd like to book a pedicure, and while I'm
# at it, how much is..."): that a request came first is known, so its option needs less (chosen on
# the development sets: 0.42 to 0.68 measured, 0.50-0.54 best).
FIRST_OF_TWO_THRESHOLD = 0.54
# An option named by one qualified word ("my electric bill") is vetoed when what was said is nearer
# to NONE_OF_THESE than to the option by more than this (chosen on the development sets: 0.0 to 0.3
# measured, 0.25 best; below 0.2 it vetoes callers the option serves, such as "do you take Cigna?").
OFF_MENU_MARGIN = 0.25  # the best option must be at least this much nearer than NONE_OF_THESE
# An option's score gains this much for each word the caller said (two at most) that the owner
# used in that option's intent and in no other's: "how did the biopsy go" is the test results
# intent's "biopsy". Chosen with the constants above by tools/tune_understanding.py (0 to 0.3).
INTENT_WORD_BONUS = 0.2
# The deep tier's (SEMANTIC_TIER=deep), chosen on the clinic, vet, garage, salon and property sets
# (`python -m tools.tune_understanding --deep`). An option scores its nearest text of all: in a first
# search on the same sets, its intent alone placed fewer rows.
DEEP_THRESHOLD = 0.275
DEEP_MARGIN = 0.08
DEEP_INTENT_WORD_BONUS = 0.1
# Words of an intent sentence that say who the option is for, not what it is about.
INTENT_FRAME = frozenset("someone who whose wants want their they them we our us like".split())
# Generic requests that no option of a business line serves: a caller nearer to one of these than
# to every option is off the menu. Written for the class, not from any labelled set's sentences.
NONE_OF_THESE = (
    "I think I have the wrong number",
    "sorry, wrong number",
    "who is this",
    "what time is it right now",
    "what is the weather going to be like",
    "did you see the game last night",
    "I am calling to sell you a new service for your business",
    "this is a call about your car's warranty",
    "I want to order a pizza for delivery",
    "can you call me a taxi",
    "I need to talk to my bank about my credit card",
    "my internet and cable are not working",
    "I am calling about my electricity bill",
    "my phone bill is too high",
    "I need to renew my passport",
    "where is the nearest gas station",
    "can you give me the number for the police",
    "I want to buy a used car",
    "do you sell groceries",
    "I am looking for a job",
    "how do I get a library card",
    "I want to book a flight",
    "can you recommend a good restaurant",
    "my neighbour is making too much noise",
    "I need a lawyer",
    "where can I buy a lottery ticket",
    "I am conducting a survey",
    "can I speak about an advertising opportunity",
    "tell me a joke",
    "what is the capital of France",
    "I want to cancel my gym membership",
    "I need a hotel room for tonight",
    "I lost my wallet",
    "how much is a cup of coffee",
    "I have a question",
    "I was just wondering about something",
    "can you help me with something",
    "hello is anyone there",
    "yes",
    "okay",
)
EMPTY = STOPWORDS | GENERIC | FILLERS | NEGATORS  # words that say nothing of what the caller wants


@dataclass(frozen=True)
class Meaning:
    option: MenuOption | None = None  # what the caller asked for, clearly
    rivals: tuple[MenuOption, ...] = ()  # or two options equally near: ask which


@dataclass(frozen=True)
class _Line:
    assistant: Assistant  # held, so that its id is not reused while cached
    owners: tuple[MenuOption, ...]  # the option of each row of `texts`
    texts: Any  # one unit-length row per option text
    intents: tuple[bool, ...]  # for each row of `texts`, whether it is its option's intent sentence
    intent_words: dict[str, str]  # stem -> key of the one option whose intent uses the word
    deep_texts: Any = None  # the same texts embedded by the transformer, with the deep tier


class Understanding:
    """One per process: the embeddings, and each line's option texts embedded once; with `deeper`
    (the transformer), a second opinion on what the embeddings leave unplaced."""

    def __init__(
        self,
        embeddings: StaticEmbeddings,
        none_of_these: Sequence[str] = NONE_OF_THESE,
        deeper: Transformer | None = None,
    ) -> None:
        self.embeddings = embeddings
        self.deeper = deeper
        self._lines: dict[int, _Line] = {}
        self._none_of_these = embeddings.encode([*none_of_these, ""])  # "": a row of zeros, never empty
        self._deep_none_of_these = deeper.encode(none_of_these) if deeper is not None else None

    @classmethod
    def load(cls, deep: bool = False) -> Understanding:
        return cls(_shipped_embeddings(), deeper=_shipped_transformer() if deep else None)

    def prepare(self, assistant: Assistant) -> None:
        """Embed the line's option texts (at start-up, so no caller waits for it)."""
        self._line(assistant)

    def meaning(self, assistant: Assistant, utterance: str, threshold: float = THRESHOLD) -> Meaning:
        line = self._line(assistant)
        if not line.owners:
            return Meaning()
        words = _affirmed(utterance)
        if not words:
            return Meaning()
        said = self.embeddings.encode([words])[0]
        intent_words = _intent_words_said(line, words)
        ranked, best, runner_up = _ranked(
            assistant, _with_intent_words(_option_scores(line, line.texts @ said), intent_words)
        )
        off_menu = float((self._none_of_these @ said).max())
        if best < threshold or best - off_menu < BACKGROUND_MARGIN:
            return Meaning(option=self._deep_meaning(assistant, line, words, intent_words, utterance))
        if best - runner_up >= MARGIN or len(ranked) < 2:
            return Meaning(option=ranked[0])
        return Meaning(rivals=(ranked[0], ranked[1]))

    def _deep_meaning(
        self, assistant: Assistant, line: _Line, words: str, intent_words: dict[str, int], utterance: str
    ) -> MenuOption | None:
        """The transformer's option for the words, when it is clearly the one (the deep tier); never
        the one the caller ruled out ("it's not an emergency, but he's limping")."""
        if self.deeper is None or self._deep_none_of_these is None:
            return None
        said = self.deeper.encode([words])[0]
        nearest = _nearest(line, line.deep_texts @ said, _ruled_out(assistant, utterance))
        ranked, best, runner_up = _ranked(
            assistant, _with_intent_words(nearest, intent_words, DEEP_INTENT_WORD_BONUS)
        )
        off_menu = float((self._deep_none_of_these @ said).max())
        if best < DEEP_THRESHOLD or best < off_menu or (len(ranked) > 1 and best - runner_up < DEEP_MARGIN):
            return None
        return ranked[0]

    def is_off_menu(self, assistant: Assistant, utterance: str, option: MenuOption) -> bool:
        """Whether what was said is clearly nearer a request no line of this kind serves than the
        option: the veto on an option named by one qualified word ("my electric bill")."""
        line = self._line(assistant)
        words = _affirmed(utterance)
        if not words or option not in line.owners:
            return False
        said = self.embeddings.encode([words])[0]
        near = _option_scores(line, line.texts @ said).get(option.key, -1.0)
        return float((self._none_of_these @ said).max()) - near > OFF_MENU_MARGIN

    def _line(self, assistant: Assistant) -> _Line:
        # By the menu: a turn's assistant is a copy made for the moment (closed or open, see
        # ivr.dialog.hours.as_of) that shares the loaded file's menu, so it shares the embeddings.
        line = self._lines.get(id(assistant.menu))
        if line is None or line.assistant.menu is not assistant.menu:
            owners, texts, intents = [], [], []
            for option in assistant.menu:
                others = (option.name, option.description, *option.phrases)
                for is_intent, text in ((True, option.intent), *((False, text) for text in others)):
                    if text:
                        owners.append(option)
                        texts.append(text)
                        intents.append(is_intent)
            encoded = self.embeddings.encode(texts)
            deep = self.deeper.encode(texts) if self.deeper is not None else None
            line = _Line(
                assistant, tuple(owners), encoded, tuple(intents), _own_intent_words(assistant), deep
            )
            self._lines[id(assistant.menu)] = line
        return line


def _ranked(assistant: Assistant, scores: dict[str, float]) -> tuple[list[MenuOption], float, float]:
    """The options best first, with the best score and the runner-up's (the best's again, alone)."""
    ranked = sorted(assistant.menu, key=lambda option: -scores.get(option.key, -1.0))
    best, runner_up = (scores.get(o.key, -1.0) for o in (*ranked, ranked[0])[:2])
    return ranked, best, runner_up


def _nearest(line: _Line, similarities: Any, ruled_out: MenuOption | None = None) -> dict[str, float]:
    """Each option's similarity with its nearest text, but for the option ruled out."""
    nearest: dict[str, float] = {}
    for owner, similarity in zip(line.owners, similarities, strict=True):
        if owner != ruled_out:
            nearest[owner.key] = max(nearest.get(owner.key, -1.0), float(similarity))
    return nearest


def _option_scores(line: _Line, similarities: Any) -> dict[str, float]:
    """Each option's score: INTENT_WEIGHT of its intent's similarity plus the rest of its nearest
    other text's, or its nearest text's alone when it has no intent."""
    intent: dict[str, float] = {}
    other: dict[str, float] = {}
    for owner, is_intent, similarity in zip(line.owners, line.intents, similarities, strict=True):
        kept = intent if is_intent else other
        kept[owner.key] = max(kept.get(owner.key, -1.0), float(similarity))
    scores = {}
    for key in intent.keys() | other.keys():
        if key in intent and key in other:
            scores[key] = INTENT_WEIGHT * intent[key] + (1 - INTENT_WEIGHT) * other[key]
        else:
            scores[key] = intent.get(key, other.get(key, -1.0))
    return scores


def _own_intent_words(assistant: Assistant) -> dict[str, str]:
    """The words of meaning (as stems) that only one option's intent uses, with that option's key."""
    users: dict[str, set[str]] = {}
    for option in assistant.menu:
        for token in tokenize(option.intent):
            if token not in EMPTY and token not in INTENT_FRAME and token != BOUNDARY and len(token) > 2:
                users.setdefault(stem(token), set()).add(option.key)
    return {word: keys.pop() for word, keys in users.items() if len(keys) == 1}


def _intent_words_said(line: _Line, words: str) -> dict[str, int]:
    """How many of each option's own intent words are among the caller's (affirmed) words."""
    counts: dict[str, int] = {}
    for token in words.split():
        key = line.intent_words.get(stem(token)) if token not in EMPTY else None
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    return counts


def _with_intent_words(
    scores: dict[str, float], said: dict[str, int], bonus: float | None = None
) -> dict[str, float]:
    """The scores with `bonus` (INTENT_WORD_BONUS unless given) added for each option's own intent
    words said, two at most."""
    bonus = INTENT_WORD_BONUS if bonus is None else bonus
    return scores | {key: scores.get(key, -1.0) + bonus * min(count, 2) for key, count in said.items()}


def _affirmed(utterance: str) -> str:
    """The words the caller did not negate (embeddings cannot tell "I don't need the pharmacy"
    from "I need the pharmacy"), or nothing when no word of them carries meaning: "um, I'm just
    calling to see" is near every option a little, and should go to none of them."""
    tokens = tokenize(utterance)
    negated = negated_positions(tokens)
    kept = [token for i, token in enumerate(tokens) if i not in negated and token != BOUNDARY]
    return " ".join(kept) if any(token not in EMPTY for token in kept) else ""


def _ruled_out(assistant: Assistant, utterance: str) -> MenuOption | None:
    """The option the caller's negated words name, if any: "not an emergency", "not billing"."""
    tokens = tokenize(utterance)
    negated = " ".join(tokens[i] for i in sorted(negated_positions(tokens)))
    found = match(assistant, negated) if negated else None
    return found.option if found is not None and found.intent == "option" else None


def read_weights(deep: bool = False) -> None:
    """Read the shipped weights (and check them) now, for every Understanding this process builds
    later: gunicorn's master does, so that its workers share them (ivr.startup)."""
    _shipped_embeddings()
    if deep:
        _shipped_transformer()


@cache
def _shipped_embeddings() -> StaticEmbeddings:
    """The shipped weights, read and checked once per process: read-only, so every app built in it
    (one per worker, many in the tests) shares them."""
    from ivr.dialog.embeddings import StaticEmbeddings

    return StaticEmbeddings.load()


@cache
def _shipped_transformer() -> Transformer:
    """The transformer's shipped weights, read once per process (SEMANTIC_TIER=deep)."""
    from ivr.dialog.transformer import Transformer

    return Transformer.load()
