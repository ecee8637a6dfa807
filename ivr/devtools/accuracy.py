"""Measure how the menu engine routes a labelled set of caller utterances, and report the misses.

Each utterance is said mid-call, after one question was answered, and goes through the same rules
and engine as a real turn: the phrase matcher, then (when given) the semantic tier. A question back
("is that about billing, or the pharmacy?") is not counted as right, but counted apart."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ivr.assistant import Assistant
from ivr.dialog.engines.menu import MenuEngine
from ivr.dialog.notes import Note
from ivr.dialog.rules import respond
from ivr.dialog.types import CallerInput, PastTurn

if TYPE_CHECKING:
    from ivr.dialog.understanding import Understanding

COLUMNS = ("utterance", "expected", "kind")


class LabelledSetError(ValueError):
    """The labelled CSV is unusable; the message names the file, the row and the problem."""


@dataclass(frozen=True)
class Labelled:
    utterance: str
    expected: str  # an option name, "operator", "goodbye" or "none"
    kind: str  # what the row exercises, e.g. "direct", "misrecognised", "negation"


@dataclass(frozen=True)
class Miss:
    utterance: str
    expected: str
    got: str
    kind: str


@dataclass(frozen=True)
class KindScore:
    kind: str
    correct: int
    total: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class Report:
    correct: int
    total: int
    kinds: tuple[KindScore, ...]
    misses: tuple[Miss, ...]
    asked: int = 0  # utterances answered with "is that about X, or Y?"
    asked_right: int = 0  # of those, how many offered the expected option

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def load_labelled(path: str | Path) -> list[Labelled]:
    """Read a CSV with columns utterance,expected,kind; raise LabelledSetError naming what is wrong."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as file:
            reader = csv.DictReader(file)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise LabelledSetError(f"{path}: missing column(s) {', '.join(missing)}")
            return [_row(path, number, row) for number, row in enumerate(reader, start=2)]
    except OSError as exc:
        raise LabelledSetError(f"{path}: cannot read the file ({exc.strerror})") from None


def _row(path: Path, number: int, row: dict[str, str | None]) -> Labelled:
    utterance, expected, kind = ((row.get(c) or "").strip() for c in COLUMNS)
    if not utterance or not expected:
        raise LabelledSetError(f"{path}: line {number}: utterance and expected must not be empty")
    return Labelled(utterance, expected, kind or "unspecified")


def routed(assistant: Assistant, engine: MenuEngine, utterance: str) -> str:
    """What the line does with the utterance, as a labelled set names it: an option's name,
    operator, goodbye or none; or "which:A|B" for a question back."""
    answered = next((o for o in assistant.menu if o.say), None)
    history = [
        PastTurn("assistant", assistant.greeting, None, "listen", None, Note.GREETING),
        PastTurn("caller", answered.name if answered else "", "speech"),
        PastTurn("assistant", "", None, "listen", None, Note.OPTION.of(answered.key) if answered else None),
    ]
    note = respond(assistant, history, CallerInput("speech", utterance, 0.9), engine).note or ""
    if Note.OPTION.marks(note) or note == Note.ASKED_FOR_MESSAGE:
        key = note.removeprefix(Note.OPTION.value)
        option = assistant.option(key) or next((o for o in assistant.menu if o.message), None)
        return option.name if option else "none"
    if Note.WHICH.marks(note):
        offered = (assistant.option(k) for k in note.removeprefix(Note.WHICH.value).split(","))
        return "which:" + "|".join(o.name for o in offered if o)
    return {Note.OPERATOR: "operator", Note.CALLER_DONE: "goodbye"}.get(note, "none")  # type: ignore[call-overload]


def evaluate(
    assistant: Assistant, rows: list[Labelled], understanding: Understanding | None = None
) -> Report:
    engine = MenuEngine(understanding)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses, asked, asked_right = [], 0, 0
    for row in rows:
        got = routed(assistant, engine, row.utterance)
        counts[row.kind][1] += 1
        if got == row.expected:
            counts[row.kind][0] += 1
            continue
        misses.append(Miss(row.utterance, row.expected, got, row.kind))
        if got.startswith("which:"):
            asked += 1
            asked_right += row.expected in got.removeprefix("which:").split("|")
    kinds = tuple(KindScore(kind, correct, total) for kind, (correct, total) in sorted(counts.items()))
    return Report(len(rows) - len(misses), len(rows), kinds, tuple(misses), asked, asked_right)


def format_report(report: Report) -> str:
    """A plain-text table: overall accuracy, accuracy per kind, then every miss."""
    width = max([len("overall"), *(len(k.kind) for k in report.kinds)])
    lines = [f"{'kind':<{width}}  correct  total  accuracy"]
    for score in (*report.kinds, KindScore("overall", report.correct, report.total)):
        lines.append(f"{score.kind:<{width}}  {score.correct:>7}  {score.total:>5}  {score.accuracy:>8.1%}")
    if report.asked:
        right = (report.correct + report.asked_right) / report.total
        lines.append(
            f"asked which of two on {report.asked} ({report.asked_right} offering the right one): "
            f"{right:.1%} reach the right option within one more answer"
        )
    if report.misses:
        lines += ["", f"misses ({len(report.misses)}):"]
        lines += [f"  [{m.kind}] {m.utterance!r}: expected {m.expected}, got {m.got}" for m in report.misses]
    return "\n".join(lines)
