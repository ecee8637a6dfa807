"""CPU per utterance of the menu engine's whole turn decision (rules, phrases, urgency, everyday
requests and the tier) over the rows of the labelled sets: `python -m bench.menu_cpu [--repeats 5]`.

Each row is routed as `ivr accuracy` routes it (ivr.devtools.accuracy.routed), `--repeats` times;
its best CPU time (this thread) counts. The utterance's words are read afresh on each repeat, as a
new caller's would be (the cache of words per utterance, which one turn's checks share, is
emptied); what is cached per word of the menu stays warm, as in a running worker. Prints the
median and p99 over rows, phrases only and with the semantic tier. To measure another tree of the
app: `PYTHONPATH=/that/tree python bench/menu_cpu.py`."""

from __future__ import annotations

import argparse
import statistics
import time

from ivr.assistant import SAMPLE_PATH, load
from ivr.devtools.accuracy import load_labelled, routed
from ivr.dialog import matching
from ivr.dialog.engines.menu import MenuEngine
from ivr.dialog.understanding import Understanding

# Trees before the cache of words per utterance have nothing to empty.
forget_utterances = getattr(getattr(matching, "_tokens", None), "cache_clear", lambda: None)

SETS = ("riverside-clinic", "northgate-vet", "maple-auto", "harbor-plumbing", "trattoria")
SETS += ("lakeside-salon", "birchwood-rentals")  # not in the figures before 2026-12-01 12:00


def best_ms(work, repeats: int) -> float:
    runs = []
    for _ in range(repeats):
        forget_utterances()
        start = time.thread_time_ns()
        work()
        runs.append(time.thread_time_ns() - start)
    return min(runs) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats
    lines = [
        (
            load(SAMPLE_PATH.parent / f"{name}.toml"),
            load_labelled(SAMPLE_PATH.parent / f"{name}.utterances.csv"),
        )
        for name in SETS
    ]
    for label, engine in (
        ("phrases only", MenuEngine()),
        ("with the tier", MenuEngine(Understanding.load())),
    ):
        each = sorted(
            best_ms(lambda: routed(assistant, engine, row.utterance), repeats)  # noqa: B023 (called at once)
            for assistant, rows in lines
            for row in rows
        )
        p99 = each[round(0.99 * (len(each) - 1))]
        print(f"{label}: {len(each)} rows, p50 {statistics.median(each):.3f} ms, p99 {p99:.3f} ms")


if __name__ == "__main__":
    main()
