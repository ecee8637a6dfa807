"""Try every attack and fault: `python -m bench.attacks [--long] [pytest args]`.

Runs the attack, fault and generated-call tests (FILES) through pytest; --long generates
2,000 whole calls per database instead of 100. It collects what each test
recorded (`attack`, `cases`, `expect`) and how it ended, and writes the table to docs/attacks.md
(and prints it). Set TEST_DATABASE_URL to run every database case on PostgreSQL too. Exits 1 if
any attack got through or any fault was not survived."""

from __future__ import annotations

import os
import platform
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
FILES = [
    "tests/test_attacks.py",
    "tests/test_faults.py",
    "tests/test_nothing_lost.py",
    "tests/test_call_sequences.py",
]
LONG_SEQUENCES = "2000"  # generated calls per database with --long (100 in the test suite)
OUTPUT = ROOT / "docs" / "attacks.md"
OUTCOMES = {"rejected": "all rejected", "survived": "all survived, nothing lost"}
DATABASE = re.compile(r"\[(sqlite|postgresql)")


@dataclass
class Row:
    attack: str
    database: str
    expect: str
    cases: int = 0
    tests: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def outcome(self) -> str:
        if not self.failures:
            return OUTCOMES.get(self.expect, "passed")
        return f"**FAILED** ({len(self.failures)} of {self.tests}): " + "; ".join(self.failures)


class Collector:
    """A pytest plugin: one row per attack (its parametrised cases summed), in the order run."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], Row] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        properties = dict(report.user_properties)
        if "attack" not in properties or (report.when != "call" and not report.failed):
            return
        found = DATABASE.search(report.nodeid)
        database = found.group(1) if found else "-"
        key = (properties["attack"], database)
        row = self.rows.setdefault(key, Row(properties["attack"], database, properties.get("expect", "")))
        row.seconds += report.duration
        if report.when == "call":
            row.tests += 1
            row.cases += int(properties.get("cases", 1))
        if report.failed:
            row.failures.append(first_line(report))


def first_line(report: pytest.TestReport) -> str:
    """The assertion that failed, short enough for a table cell."""
    crash = getattr(report.longrepr, "reprcrash", None)
    message = crash.message if crash else str(report.longrepr)
    line = next((part for part in message.splitlines() if part.strip()), "failed")
    return line.replace("|", "\\|")[:220]


def table(rows: list[Row], command: str, seconds: float) -> str:
    databases = "SQLite" + (
        f" and PostgreSQL ({make_url(os.environ['TEST_DATABASE_URL']).render_as_string()})"
        if os.environ.get("TEST_DATABASE_URL")
        else ""
    )
    lines = [
        "# Attacks and faults tried",
        "",
        f"Produced by `{command}` on {platform.node()} ({platform.platform()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC,"
        f" in {seconds:.0f} s. Databases: {databases}.",
        "",
        "Cases are requests or calls tried (fuzzed examples are counted as they run). Rerun the",
        "command to regenerate this file; it exits 1 if anything got through or was lost.",
        "",
        "| Attack / fault | Database | Cases tried | Outcome |",
        "|---|---|---:|---|",
    ]
    lines += [f"| {row.attack} | {row.database} | {row.cases} | {row.outcome} |" for row in rows]
    total = sum(row.cases for row in rows)
    failed = sum(1 for row in rows if row.failures)
    summary = f"{len(rows)} attacks and faults, {total} cases, {failed} not rejected or not survived."
    lines += ["", summary, ""]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    if "--long" in argv:
        argv = [arg for arg in argv if arg != "--long"]
        os.environ["IVR_SEQUENCE_EXAMPLES"] = LONG_SEQUENCES
    collector = Collector()
    started = time.perf_counter()
    code = pytest.main([*FILES, "-q", "-p", "no:cacheprovider", *argv], plugins=[collector])
    command = " ".join(["python -m bench.attacks", *argv])
    document = table(list(collector.rows.values()), command, time.perf_counter() - started)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(document)
    print(document)
    return 0 if code == pytest.ExitCode.OK else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
