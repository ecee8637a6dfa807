"""Run the benchmark: `python -m bench.run [--quick] [--scenario NAME ...] [--workers gevent:2:1000]`.

Prints one table (and writes it with the raw figures to bench/results/). Exits 1 if a run could
not be carried out; failed turns are figures in the table, not a failed benchmark."""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from bench import cpu, report
from bench.callers import run_callers
from bench.report import Row
from bench.scenarios import SCENARIOS, Group
from bench.servers import (
    AUTH_TOKEN,
    RESULTS,
    Database,
    WebServer,
    WorkerModel,
    model_standin,
    new_database,
    web_server,
)

APPS = {"floor": "bench.floor:create_app()", "menu": "wsgi:app", "claude": "wsgi:app"}
MEMORY_SAMPLE_S = 1.0
WARM_UP_CALLS = 8  # before a burst: every worker has served calls and asked the model
BETWEEN_BURSTS_S = 3.0


def run_group(scenario: str, group: Group) -> list[Row]:
    name = f"{scenario}-{group.server}-{group.database}"
    database = new_database(group.database, name.replace("-", "_"))
    try:
        return serve_levels(scenario, name, group, database)
    finally:
        database.drop()


def serve_levels(scenario: str, name: str, group: Group, database: Database) -> list[Row]:
    """One server on `database` under each caller count of the group in turn."""
    if group.prefill_calls:
        database.prefill(group.prefill_calls)
    size_before_kb, calls_before = database.size_bytes() / 1024, database.calls()
    rows = []
    with contextlib.ExitStack() as stack:
        variables, model_pid = {}, None
        if group.model_s:  # the app's Claude engine, or the floor with a model
            api = stack.enter_context(model_standin(group.model_s))
            variables, model_pid = {"ANTHROPIC_API_KEY": "bench", "ANTHROPIC_BASE_URL": api.url}, api.pid
        server = stack.enter_context(web_server(name, APPS[group.server], database, group.model, **variables))
        for callers in group.levels:
            level = run_burst if group.burst else run_level
            row = level(scenario, group, server, callers, model_pid)
            rows.append(row)
            print(" | ".join(row.cells()), flush=True)
            if group.burst:
                print("  burst: " + report.burst_table([row]).splitlines()[-1], flush=True)
            if group.stop_at_failures and row.failed:
                break
        calls = database.calls() - calls_before
        if group.server == "claude":
            print_answer_timings(database.answer_timings())
        size_kb = database.size_bytes() / 1024 - size_before_kb  # growth: the empty schema left out
    per_1000 = size_kb / calls * 1000 if calls else None
    return [replace(row, db_kb_per_1000_calls=per_1000, errors_logged=server.logged_errors()) for row in rows]


def print_answer_timings(timings: list[tuple[int, int]]) -> None:
    """The app's own record: claim to stored answer (elapsed) and the model request (model)."""
    elapsed = [float(e) for e, _ in timings]
    model = [float(m) for _, m in timings]
    for name, values in (("elapsed_ms", elapsed), ("model_ms", model)):
        cuts = ", ".join(f"p{int(q * 100)} {report.percentile(values, q):.0f}" for q in (0.5, 0.95, 0.99))
        print(f"  app-recorded {name} over {len(values)} answers: {cuts}", flush=True)


def run_level(
    scenario: str, group: Group, server: WebServer, callers: int, model_pid: int | None = None
) -> Row:
    peaks: dict[int, int] = {}
    stop = threading.Event()

    trend: list[tuple[float, int]] = []  # (seconds in, largest worker's VmRSS kB)

    def sample() -> None:
        while not stop.wait(MEMORY_SAMPLE_S):
            now = server.sample_memory()
            for pid, rss in now.items():
                peaks[pid] = max(peaks.get(pid, 0), rss)
            trend.append((time.monotonic() - started, max(now.values(), default=0)))

    started = time.monotonic()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    take = functools.partial(cpu.snapshot, server.process.pid, model_pid, group.database == "postgresql")
    try:
        with cpu.window(take, started + group.warmup_s, started + group.duration_s) as snapshots:
            load = run_callers(server.url, AUTH_TOKEN, callers, group.duration_s, group.script)
    finally:
        stop.set()
        sampler.join()
    if group.duration_s >= 300:  # a soak: is memory flat once warm?
        print_memory_trend(trend)
    for kind, count in report.failures(load).items():
        print(f"  failed {kind}: {count}", flush=True)
    figures = report.summarize(
        load,
        started=started,
        warmup_s=group.warmup_s,
        duration_s=group.duration_s,
        model_s=group.model_s,
        cpu_snapshots=snapshots,
        scenario=scenario,
        server=group.server,
        database=group.database,
        workers=str(group.model),
        callers=callers,
    )
    peak_mb = max(peaks.values(), default=0) / 1024
    return Row(**figures, peak_worker_mb=peak_mb, db_kb_per_1000_calls=None)  # type: ignore[arg-type]


def run_burst(
    scenario: str, group: Group, server: WebServer, callers: int, model_pid: int | None = None
) -> Row:
    """`callers` calls rung in within a second, once a few calls have warmed the server up; every
    turn of the burst is measured, and the CPU from its first call to its last."""
    run_callers(server.url, AUTH_TOKEN, WARM_UP_CALLS, 30.0, replace(group.script, pause_s=(0.1, 0.2)))
    time.sleep(BETWEEN_BURSTS_S)
    take = functools.partial(cpu.snapshot, server.process.pid, model_pid, group.database == "postgresql")
    started, first = time.monotonic(), take()
    load = run_callers(server.url, AUTH_TOKEN, callers, group.duration_s, group.script)
    last = take()
    for kind, count in report.failures(load).items():
        print(f"  failed {kind}: {count}", flush=True)
    figures = report.summarize_burst(
        load,
        started=started,
        model_s=group.model_s,
        cpu_snapshots=(first, last),
        scenario=scenario,
        server=group.server,
        database=group.database,
        workers=str(group.model),
        callers=callers,
    )
    peak_mb = max(server.sample_memory().values(), default=0) / 1024
    return Row(**figures, peak_worker_mb=peak_mb, db_kb_per_1000_calls=None)  # type: ignore[arg-type]


def print_memory_trend(trend: list[tuple[float, int]]) -> None:
    """The largest worker's RSS minute by minute; flat after the first minute is what we want."""
    minutes: dict[int, int] = {}
    for seconds, rss in trend:
        minutes[int(seconds // 60)] = max(minutes.get(int(seconds // 60), 0), rss)
    print(
        "  worker RSS by minute (MB): " + " ".join(f"{kb / 1024:.0f}" for kb in minutes.values()), flush=True
    )


def parse_workers(text: str) -> WorkerModel:
    """`gevent:2:1000` (class, processes, connections) or `gthread:2:64` (class, processes, threads)."""
    kind, workers, width = text.split(":")
    if kind == "gthread":
        return WorkerModel(kind, int(workers), threads=int(width))
    return WorkerModel(kind, int(workers), connections=int(width))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="a few seconds, tiny load: is the harness working?"
    )
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS), help="repeatable")
    parser.add_argument("--workers", type=parse_workers, help="override every group's worker model")
    parser.add_argument("--callers", type=lambda s: tuple(int(n) for n in s.split(",")), help="e.g. 16,64")
    parser.add_argument("--duration", type=float, help="seconds per level")
    parser.add_argument("--database", choices=["sqlite", "postgresql"], help="only this database's groups")
    args = parser.parse_args(argv)
    names = ["quick"] if args.quick else args.scenario or ["capacity", "menu", "claude-800ms", "claude-2s"]
    print("| " + " | ".join(report.HEADER) + " |", flush=True)
    rows: list[Row] = []
    for name in names:
        for group in SCENARIOS[name].groups:
            if args.database and group.database != args.database:
                continue
            if args.workers:
                group = replace(group, model=args.workers)
            if args.callers:
                group = replace(group, levels=args.callers)
            if args.duration:
                group = replace(
                    group, duration_s=args.duration, warmup_s=min(group.warmup_s, args.duration / 4)
                )
            rows += run_group(name, group)
    print()
    tables = report.table(rows) + "\n\n" + "\n".join(report.ratios(rows)) + "\n"
    if any(row.incoming_p99_ms is not None for row in rows):
        tables += "\n" + report.burst_table(rows) + "\n\n" + "\n".join(report.burst_ratios(rows)) + "\n"
    print(tables)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    Path(RESULTS / f"{stamp}.json").write_text(report.to_json(rows))
    Path(RESULTS / f"{stamp}.md").write_text(tables)
    complete = all(row.turns for row in rows)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
