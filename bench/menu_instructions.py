"""Instructions for the menu engine's turn decision, counted rather than timed: `valgrind
--tool=callgrind --callgrind-out-file=/dev/null python -m bench.menu_instructions PASSES [tier|phrases]`.

Routes the rows of bench.menu_cpu's labelled sets once to warm up (what is cached per word of the
menu stays warm, as in a running worker), then PASSES more times, the words of each utterance read
afresh on each pass. Run it with PASSES 0 and 2: half the difference of the two counts is one pass
over the rows, whatever the machine's neighbours do (this machine's CPU time moves by a factor of
two between runs; an instruction count does not). To count another tree, `cd` into it and set
PYTHONPATH to it."""

from __future__ import annotations

import sys

from bench.menu_cpu import forget_utterances, labelled_lines
from ivr.devtools.accuracy import routed
from ivr.dialog.engines.menu import MenuEngine
from ivr.dialog.understanding import Understanding


def main() -> None:
    passes, tier = int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "tier"
    lines = labelled_lines()
    engine = MenuEngine(Understanding.load()) if tier == "tier" else MenuEngine()
    for _ in range(1 + passes):
        forget_utterances()
        for assistant, rows in lines:
            for row in rows:
                routed(assistant, engine, row.utterance)
    print(f"{sum(len(rows) for _, rows in lines)} rows, {tier}, routed {1 + passes} times")


if __name__ == "__main__":
    main()
