"""Measure the speech matcher against a labelled set of caller utterances and report the misses."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ivr.assistant import Assistant
from ivr.dialog.matching import Match, match

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


def label(result: Match) -> str:
    """The name a labelled set uses for a match: the option's name, or the intent."""
    return result.option.name if result.intent == "option" and result.option else result.intent


def evaluate(assistant: Assistant, rows: list[Labelled]) -> Report:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for row in rows:
        got = label(match(assistant, row.utterance))
        counts[row.kind][1] += 1
        if got == row.expected:
            counts[row.kind][0] += 1
        else:
            misses.append(Miss(row.utterance, row.expected, got, row.kind))
    kinds = tuple(KindScore(kind, correct, total) for kind, (correct, total) in sorted(counts.items()))
    return Report(len(rows) - len(misses), len(rows), kinds, tuple(misses))


def format_report(report: Report) -> str:
    """A plain-text table: overall accuracy, accuracy per kind, then every miss."""
    width = max([len("overall"), *(len(k.kind) for k in report.kinds)])
    lines = [f"{'kind':<{width}}  correct  total  accuracy"]
    for score in (*report.kinds, KindScore("overall", report.correct, report.total)):
        lines.append(f"{score.kind:<{width}}  {score.correct:>7}  {score.total:>5}  {score.accuracy:>8.1%}")
    if report.misses:
        lines += ["", f"misses ({len(report.misses)}):"]
        lines += [f"  [{m.kind}] {m.utterance!r}: expected {m.expected}, got {m.got}" for m in report.misses]
    return "\n".join(lines)
