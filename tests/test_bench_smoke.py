"""The benchmark still runs end to end (a few seconds, tiny load); its figures are not checked
here, because timings on shared machines belong in bench/README.md, not in assertions."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent


def test_the_quick_benchmark_places_calls_against_the_app_and_the_floor():
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| quick |")]
    assert {row.split("|")[2].strip() for row in rows} == {"floor", "menu"}
    assert all(row.split("|")[11].strip().startswith("0/") for row in rows)  # no failed turns


def test_the_first_words_benchmark_times_calls_with_streaming_on_and_off():
    done = subprocess.run(
        [sys.executable, "-m", "bench.first_words", "--calls", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    rows = [line.split("|") for line in done.stdout.splitlines() if "sentence" in line]
    lengths = ("1 sentence", "2 sentences", "3 sentences")
    assert {(row[1].strip(), row[2].strip()) for row in rows} == {
        (length, setting) for length in lengths for setting in ("on", "off")
    }


def test_the_menu_engine_cpu_benchmark_times_every_labelled_row():
    done = subprocess.run(
        [sys.executable, "-m", "bench.menu_cpu", "--repeats", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    labels = [line.split(":")[0] for line in done.stdout.splitlines() if " rows, p50 " in line]
    assert labels == ["phrases only", "with the tier"]
