"""The benchmark still runs end to end (a few seconds, tiny load); its figures are not checked
here, because timings on shared machines belong in bench/README.md, not in assertions."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent


def bench(module: str, *args: str) -> str:
    """What `python -m bench.<module> args` prints, after checking that it succeeded."""
    argv = [sys.executable, "-m", f"bench.{module}", *args]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def test_the_quick_benchmark_places_calls_against_the_app_and_the_floor():
    rows = [line for line in bench("run", "--quick").splitlines() if line.startswith("| quick |")]
    assert {row.split("|")[2].strip() for row in rows} == {"floor", "menu"}
    assert all(row.split("|")[11].strip().startswith("0/") for row in rows)  # no failed turns


def test_the_first_words_benchmark_times_calls_with_streaming_on_and_off():
    printed = bench("first_words", "--calls", "1").splitlines()
    rows = [line.split("|") for line in printed if "sentence" in line]
    lengths = ("1 sentence", "2 sentences", "3 sentences")
    assert {(row[1].strip(), row[2].strip()) for row in rows} == {
        (length, setting) for length in lengths for setting in ("on", "off")
    }


def test_the_menu_engine_cpu_benchmark_times_every_labelled_row():
    printed = bench("menu_cpu", "--repeats", "1").splitlines()
    labels = [line.split(":")[0] for line in printed if " rows, p50 " in line]
    assert labels == ["phrases only", "with the tier"]


def test_the_menu_engine_instruction_count_routes_every_labelled_row():
    assert bench("menu_instructions", "0", "phrases").strip() == "2000 rows, phrases, routed 1 times"


def test_the_webhook_cost_benchmark_plays_whole_menu_calls_in_process():
    printed = bench("webhook_cpu", "--calls", "8").splitlines()
    kinds = [line[:42].strip() for line in printed[2:]]
    assert kinds[0] == "incoming"
    assert kinds[-1] == "a whole call"
    assert "status callback (call ended)" in kinds
    assert sum(kind.startswith("gather: ") for kind in kinds) == 4


def test_the_semantic_tier_study_compares_the_tiers_on_the_labelled_sets():
    printed = bench("understanding", "--repeats", "1")
    assert "## Costs" in printed
    assert "static tier (when the matcher is unsure)" in printed
