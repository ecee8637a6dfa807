"""The menu engine's semantic tier: what a caller's words mean when no phrase of the menu names it.

Each option is known by its texts (name, description, intent and phrases), embedded once per line
with static sentence embeddings (`embeddings.py`). An utterance goes to the option with the nearest
text when that text is at least THRESHOLD alike and the option leads the next by MARGIN; two
options both that near are asked about. Anything less is not guessed: the menu is offered again.

THRESHOLD and MARGIN were chosen on half the rows of the three labelled sets and checked on the
other half (bench/understanding.py; bench/README.md has the figures)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ivr.assistant import Assistant, MenuOption
from ivr.dialog.matching import BOUNDARY, FILLERS, GENERIC, NEGATORS, STOPWORDS, negated_positions, tokenize

if TYPE_CHECKING:
    from ivr.dialog.embeddings import StaticEmbeddings

THRESHOLD = 0.65
MARGIN = 0.01
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


class Understanding:
    """One per process: the embeddings, and each line's option texts embedded once."""

    def __init__(self, embeddings: StaticEmbeddings) -> None:
        self.embeddings = embeddings
        self._lines: dict[int, _Line] = {}

    @classmethod
    def load(cls) -> Understanding:
        return cls(_shipped_embeddings())

    def prepare(self, assistant: Assistant) -> None:
        """Embed the line's option texts (at start-up, so no caller waits for it)."""
        self._line(assistant)

    def meaning(self, assistant: Assistant, utterance: str) -> Meaning:
        line = self._line(assistant)
        if not line.owners:
            return Meaning()
        words = _affirmed(utterance)
        if not words:
            return Meaning()
        said = self.embeddings.encode([words])[0]
        nearest: dict[str, float] = {}
        for owner, similarity in zip(line.owners, line.texts @ said, strict=True):
            nearest[owner.key] = max(nearest.get(owner.key, -1.0), float(similarity))
        ranked = sorted(assistant.menu, key=lambda option: -nearest.get(option.key, -1.0))
        best, runner_up = (nearest.get(o.key, -1.0) for o in (*ranked, ranked[0])[:2])
        if best < THRESHOLD:
            return Meaning()
        if best - runner_up >= MARGIN or len(ranked) < 2:
            return Meaning(option=ranked[0])
        return Meaning(rivals=(ranked[0], ranked[1]))

    def _line(self, assistant: Assistant) -> _Line:
        # By the menu: a turn's assistant is a copy made for the moment (closed or open, see
        # ivr.dialog.hours.as_of) that shares the loaded file's menu, so it shares the embeddings.
        line = self._lines.get(id(assistant.menu))
        if line is None or line.assistant.menu is not assistant.menu:
            owners, texts = [], []
            for option in assistant.menu:
                for text in (option.name, option.description, option.intent, *option.phrases):
                    if text:
                        owners.append(option)
                        texts.append(text)
            line = _Line(assistant, tuple(owners), self.embeddings.encode(texts))
            self._lines[id(assistant.menu)] = line
        return line


def _affirmed(utterance: str) -> str:
    """The words the caller did not negate (embeddings cannot tell "I don't need the pharmacy"
    from "I need the pharmacy"), or nothing when no word of them carries meaning: "um, I'm just
    calling to see" is near every option a little, and should go to none of them."""
    tokens = tokenize(utterance)
    negated = negated_positions(tokens)
    kept = [token for i, token in enumerate(tokens) if i not in negated and token != BOUNDARY]
    return " ".join(kept) if any(token not in EMPTY for token in kept) else ""


@cache
def _shipped_embeddings() -> StaticEmbeddings:
    """The shipped weights, read and checked once per process: read-only, so every app built in it
    (one per worker, many in the tests) shares them."""
    from ivr.dialog.embeddings import StaticEmbeddings

    return StaticEmbeddings.load()
