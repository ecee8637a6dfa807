"""Turning a load run into one row of the table, and the rows into text."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from bench import cpu
from bench.callers import TWILIO_TIMEOUT_S, LoadResult


@dataclass(frozen=True)
class Row:
    scenario: str
    server: str  # floor | menu | claude
    database: str
    workers: str
    callers: int
    model_s: float
    turns_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    failed: int  # failed turns, or turns over Twilio's 15 s
    fillers: int  # turns that needed a filler and a Redirect
    turns: int
    peak_worker_mb: float
    db_kb_per_1000_calls: float | None
    loop_lag_p99_ms: float  # the load generator's own lateness: large means it, not the server, is slow
    errors_logged: int = 0
    # CPU over the same window as turns/s (bench/cpu.py), in ms per turn counted in turns/s;
    # None where not measured (db: not PostgreSQL; model: no stand-in).
    cpu_window_s: float | None = None
    cpu_app_ms: float | None = None  # gunicorn master and workers
    cpu_db_ms: float | None = None  # every PostgreSQL server process, other clients' included
    cpu_model_ms: float | None = None  # the model stand-in
    cpu_gen_ms: float | None = None  # the load generator (this process)
    cpu_other_ms: float | None = None  # the machine's busy time minus the groups above
    busy_pct: float | None = None  # of all cores (user + nice + system + irq + softirq)
    steal_pct: float | None = None  # taken by the hypervisor
    # A burst's incoming webhooks and status callbacks apart from its model turns (p50/p95/p99
    # above); None for the other scenarios.
    incoming_p50_ms: float | None = None
    incoming_p95_ms: float | None = None
    incoming_p99_ms: float | None = None
    status_p50_ms: float | None = None
    status_p99_ms: float | None = None

    def cpu_cell(self) -> str:
        """`app/db/model/gen/other` CPU ms per turn, `-` for a group not measured."""
        groups = (self.cpu_app_ms, self.cpu_db_ms, self.cpu_model_ms, self.cpu_gen_ms, self.cpu_other_ms)
        if all(ms is None for ms in groups):
            return "-"
        return "/".join("-" if ms is None else f"{ms:.1f}" for ms in groups)

    def cells(self) -> list[str]:
        db = "" if self.db_kb_per_1000_calls is None else f"{self.db_kb_per_1000_calls / 1024:.2f}"
        return [
            self.scenario,
            self.server,
            self.database,
            self.workers,
            str(self.callers),
            f"{self.model_s:g}" if self.model_s else "-",
            f"{self.turns_per_s:.1f}",
            f"{self.p50_ms:.1f}",
            f"{self.p95_ms:.1f}",
            f"{self.p99_ms:.1f}",
            f"{self.failed}/{self.turns}",
            str(self.fillers),
            f"{self.peak_worker_mb:.0f}",
            db,
            f"{self.loop_lag_p99_ms:.0f}",
            self.cpu_cell(),
            "-" if self.busy_pct is None else f"{self.busy_pct:.0f}",
        ]


HEADER = [
    "scenario",
    "server",
    "db",
    "workers",
    "calls",
    "model s",
    "turns/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "failed",
    "fillers",
    "MB/worker",
    "DB MB/1k calls",
    "gen lag ms",
    "CPU ms/turn app/db/model/gen/other",
    "busy %",
]


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summarize(
    load: LoadResult,
    *,
    started: float,
    warmup_s: float,
    duration_s: float,
    model_s: float,
    cpu_snapshots: Sequence[cpu.Snapshot] = (),
    **identity: object,
) -> dict[str, object]:
    """Figures for the steady part of a run: turns begun after the warm-up and before the end.

    Overhead is the time the caller waited for an answer (webhooks on loopback, fillers' Redirects
    included) minus the stand-in model's own latency when the model was asked. CPU per turn divides
    the CPU between `cpu_snapshots` (taken at the window's ends) by the same turns as turns/s."""
    window = [t for t in load.turns if started + warmup_s <= t.started <= started + duration_s]
    good = [t for t in window if t.failure is None]
    overhead = [t.server_ms - (model_s * 1000 if t.model else 0.0) for t in good]
    failed = sum(1 for t in load.turns if t.failure or t.server_ms > TWILIO_TIMEOUT_S * 1000)
    return {
        **identity,
        "model_s": model_s,
        "turns_per_s": len(good) / max(duration_s - warmup_s, 1e-9),
        "p50_ms": percentile(overhead, 0.50),
        "p95_ms": percentile(overhead, 0.95),
        "p99_ms": percentile(overhead, 0.99),
        "failed": failed,
        "fillers": sum(1 for t in load.turns if t.requests > 1),
        "turns": len(load.turns),
        "loop_lag_p99_ms": percentile(load.loop_lag_ms, 0.99),
        **(cpu.per_turn(cpu_snapshots[0], cpu_snapshots[-1], len(good)) if len(cpu_snapshots) == 2 else {}),
    }


def summarize_burst(
    load: LoadResult,
    *,
    started: float,
    model_s: float,
    cpu_snapshots: Sequence[cpu.Snapshot] = (),
    **identity: object,
) -> dict[str, object]:
    """Figures for a burst: every call of it, the incoming webhook and the model turns apart.

    p50/p95/p99 are the model turns' overhead (the wait minus the stand-in's latency, first words'
    Redirects included); turns/s counts model turns over the burst's length; CPU is per model
    turn, with each call's incoming webhook, status callback and Redirects spread over its turns."""
    incoming = [t.server_ms for t in load.turns if t.kind == "incoming" and t.failure is None]
    good = [t for t in load.turns if t.kind != "incoming" and t.failure is None]
    overhead = [t.server_ms - (model_s * 1000 if t.model else 0.0) for t in good]
    elapsed = (cpu_snapshots[-1].at - started) if cpu_snapshots else 1.0
    return {
        **identity,
        "model_s": model_s,
        "turns_per_s": len(good) / max(elapsed, 1e-9),
        "p50_ms": percentile(overhead, 0.50),
        "p95_ms": percentile(overhead, 0.95),
        "p99_ms": percentile(overhead, 0.99),
        "incoming_p50_ms": percentile(incoming, 0.50),
        "incoming_p95_ms": percentile(incoming, 0.95),
        "incoming_p99_ms": percentile(incoming, 0.99),
        "status_p50_ms": percentile(load.status_ms, 0.50),
        "status_p99_ms": percentile(load.status_ms, 0.99),
        "failed": sum(1 for t in load.turns if t.failure or t.server_ms > TWILIO_TIMEOUT_S * 1000)
        + load.status_failures,
        "fillers": sum(1 for t in load.turns if t.requests > 1),
        "turns": len(load.turns),
        "loop_lag_p99_ms": percentile(load.loop_lag_ms, 0.99),
        **(cpu.per_turn(cpu_snapshots[0], cpu_snapshots[-1], len(good)) if len(cpu_snapshots) == 2 else {}),
    }


def failures(load: LoadResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    for turn in load.turns:
        if turn.failure:
            key = f"{turn.kind}: {turn.failure}"
            counts[key] = counts.get(key, 0) + 1
    return counts


def table(rows: list[Row]) -> str:
    """A Markdown table, so the README can quote it as printed."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def ratios(rows: list[Row]) -> list[str]:
    """Each app row against the floor row of the same scenario, database and callers."""
    floors = {(r.scenario, r.database, r.callers): r for r in rows if r.server == "floor"}
    lines = []
    for row in rows:
        floor = floors.get((row.scenario, row.database, row.callers))
        if row.server == "floor" or floor is None or not floor.turns_per_s:
            continue
        lines.append(
            f"{row.scenario} {row.server} {row.database} {row.callers} calls: "
            f"turns/s {row.turns_per_s / floor.turns_per_s:.0%} of the floor's, "
            f"p99 {row.p99_ms / floor.p99_ms:.1f}x the floor's ({row.p99_ms:.1f} vs {floor.p99_ms:.1f} ms)"
        )
    return lines


BURST_HEADER = [
    "db",
    "server",
    "calls",
    "incoming p50 / p95 / p99 ms",
    "turn p50 / p95 / p99 ms",
    "status p50 / p99 ms",
    "failed",
    "split",
    "CPU ms/model turn app/db/model/gen/other",
    "busy %",
]


def burst_table(rows: list[Row]) -> str:
    """The bursts: the incoming webhook and the model turn apart, overhead in ms."""
    lines = ["| " + " | ".join(BURST_HEADER) + " |", "|" + "|".join("---" for _ in BURST_HEADER) + "|"]
    for row in rows:
        if row.incoming_p99_ms is None:
            continue
        cells = [
            row.database,
            row.server,
            str(row.callers),
            f"{row.incoming_p50_ms:.0f} / {row.incoming_p95_ms:.0f} / {row.incoming_p99_ms:.0f}",
            f"{row.p50_ms:.0f} / {row.p95_ms:.0f} / {row.p99_ms:.0f}",
            f"{row.status_p50_ms:.0f} / {row.status_p99_ms:.0f}",
            f"{row.failed}/{row.turns}",
            str(row.fillers),
            row.cpu_cell(),
            "-" if row.busy_pct is None else f"{row.busy_pct:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def burst_ratios(rows: list[Row]) -> list[str]:
    """Each burst of the app against the floor's of the same size on the same database."""
    floors = {(r.scenario, r.database, r.callers): r for r in rows if r.server == "floor"}
    lines = []
    for row in rows:
        floor = floors.get((row.scenario, row.database, row.callers))
        if row.server == "floor" or floor is None or row.incoming_p99_ms is None:
            continue
        incoming_p50, incoming_p99 = row.incoming_p50_ms or 0.0, row.incoming_p99_ms
        floor_p50, floor_p99 = floor.incoming_p50_ms or 0.0, floor.incoming_p99_ms or 0.0
        lines.append(
            f"{row.scenario} {row.database} {row.callers} calls, p99 over the floor's: "
            f"incoming {incoming_p99 - floor_p99:+.0f} ms ({incoming_p99:.0f} vs {floor_p99:.0f}), "
            f"turn {row.p99_ms - floor.p99_ms:+.0f} ms ({row.p99_ms:.0f} vs {floor.p99_ms:.0f}); "
            f"p50 incoming {incoming_p50 - floor_p50:+.0f}, turn {row.p50_ms - floor.p50_ms:+.0f}; "
            f"app CPU per model turn {_ms(row.cpu_app_ms)} vs {_ms(floor.cpu_app_ms)}; failed {row.failed}"
        )
    return lines


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


def to_json(rows: list[Row]) -> str:
    return json.dumps([asdict(row) for row in rows], indent=1)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
