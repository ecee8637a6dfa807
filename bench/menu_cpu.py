"""CPU per utterance of the menu engine's whole turn decision (rules, phrases, urgency, everyday
requests and the tier) over the rows of the labelled sets: `python -m bench.menu_cpu [--repeats 5]`.

Each row is routed as `ivr accuracy` routes it (ivr.devtools.accuracy.routed), `--repeats` times;
its best CPU time (this thread) counts. The utterance's words are read afresh on each repeat, as a
new caller's would be (the cache of words per utterance, which one turn's checks share, is
emptied); what is cached per word of the menu stays warm, as in a running worker. Prints the
median and p99 over rows, phrases only and with the semantic tier; with `--deep`, also with the
deep tier (SEMANTIC_TIER=deep), and apart the rows where the transformer ran. Run
it as the web process runs, with OPENBLAS_NUM_THREADS=1 (gunicorn.conf.py): this thread's CPU time
does not count what BLAS threads would do. To measure another tree of the app:
`PYTHONPATH=/that/tree python bench/menu_cpu.py`."""

from __future__ import annotations

import argparse
import statistics
import time

from ivr.assistant import SAMPLE_PATH, Assistant, load
from ivr.devtools.accuracy import Labelled, load_labelled, routed
from ivr.dialog import matching
from ivr.dialog.engines.menu import MenuEngine
from ivr.dialog.understanding import Understanding

# Trees before the cache of words per utterance have nothing to empty.
forget_utterances = getattr(getattr(matching, "_tokens", None), "cache_clear", lambda: None)

SETS = ("riverside-clinic", "northgate-vet", "maple-auto", "harbor-plumbing", "trattoria")
SETS += ("lakeside-salon", "birchwood-rentals")  # not in the figures before 2026-12-01 12:00
# Nor these before 2026-12-01 14:00:
SETS += ("brightside-dental", "harbourview-inn", "peak-fitness", "swift-movers")


def labelled_lines() -> list[tuple[Assistant, list[Labelled]]]:
    """Each set's line and its labelled rows."""
    folder = SAMPLE_PATH.parent
    return [(load(folder / f"{n}.toml"), load_labelled(folder / f"{n}.utterances.csv")) for n in SETS]


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
    parser.add_argument("--deep", action="store_true", help="also with SEMANTIC_TIER=deep")
    options = parser.parse_args()
    repeats = options.repeats
    lines = labelled_lines()
    engines = [("phrases only", MenuEngine()), ("with the tier", MenuEngine(Understanding.load()))]
    deep = None
    if options.deep:
        understanding = Understanding.load(deep=True)
        deep = understanding.deeper = _Counted(understanding.deeper)  # type: ignore[assignment]
        engines.append(("with the deep tier", MenuEngine(understanding)))
    for label, engine in engines:
        each, ran = [], []
        for assistant, rows in lines:
            for row in rows:
                calls = deep.calls if deep else 0
                ms = best_ms(lambda: routed(assistant, engine, row.utterance), repeats)  # noqa: B023 (called at once)
                each.append(ms)
                if deep and deep.calls > calls:
                    ran.append(ms)
        print(f"{label}: {figures(each)}")
        if ran:  # only the deep tier's engine runs the transformer
            print(f"  of which the transformer ran on {figures(ran)}")


def figures(times: list[float]) -> str:
    times = sorted(times)
    p99 = times[round(0.99 * (len(times) - 1))]
    return f"{len(times)} rows, p50 {statistics.median(times):.3f} ms, p99 {p99:.3f} ms"


class _Counted:
    """The transformer, counting the sentences it is asked to encode."""

    def __init__(self, model: object) -> None:
        self.model, self.calls = model, 0

    def encode(self, texts: list[str]) -> object:
        self.calls += 1
        return self.model.encode(texts)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
