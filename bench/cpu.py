"""Where the machine's cores went during a level, read from /proc at the start and end of its window.

Groups: the app (gunicorn's master and everything under it), PostgreSQL (every server process), the
model stand-in, and the load generator (this process, all its threads). A process's CPU is counted
with the CPU of the children it has reaped (cutime/cstime): a gunicorn worker or a PostgreSQL
backend that exits during the window is not lost, its time moves into its parent's counters."""

from __future__ import annotations

import contextlib
import os
import resource
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

TICK_S = 1 / os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


@dataclass(frozen=True)
class Process:
    pid: int
    ppid: int
    comm: str
    cpu_s: float  # utime + stime + cutime + cstime


@dataclass(frozen=True)
class Snapshot:
    at: float  # monotonic seconds
    app_s: float
    db_s: float | None  # None: the run's database is not PostgreSQL
    model_s: float | None  # None: no model stand-in in this run
    gen_s: float
    busy_ticks: int  # the machine, all CPUs: user + nice + system + irq + softirq
    steal_ticks: int
    total_ticks: int  # busy + idle + iowait + steal


def read_process(pid: int) -> Process | None:
    """None when the process has gone (or goes while it is read)."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    comm = text[text.index("(") + 1 : text.rindex(")")]
    fields = text[text.rindex(")") + 2 :].split()  # fields[0] is stat field 3 (state)
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return Process(pid, int(fields[1]), comm, (utime + stime + cutime + cstime) * TICK_S)


def all_processes() -> dict[int, Process]:
    processes = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit() and (process := read_process(int(entry.name))):
            processes[process.pid] = process
    return processes


def descendants(processes: dict[int, Process], root: int) -> set[int]:
    """`root` and every live process below it (gunicorn workers, and anything they start)."""
    children: dict[int, list[int]] = {}
    for process in processes.values():
        children.setdefault(process.ppid, []).append(process.pid)
    found, pending = set(), [root]
    while pending:
        pid = pending.pop()
        if pid in processes and pid not in found:
            found.add(pid)
            pending += children.get(pid, [])
    return found


def is_postgres(process: Process) -> bool:
    if process.comm == "postgres":
        return True
    try:
        argv0 = (PROC / str(process.pid) / "cmdline").read_bytes().split(b"\0")[0].decode(errors="replace")
    except OSError:
        return False
    return argv0.startswith("postgres:") or Path(argv0.split(" ")[0]).name == "postgres"


def machine_ticks() -> tuple[int, int, int]:
    """(busy, steal, total) jiffies summed over all CPUs since boot, from /proc/stat's `cpu` line."""
    fields = [int(value) for value in (PROC / "stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields  # guest time is already in user
    busy = user + nice + system + irq + softirq
    return busy, steal, busy + idle + iowait + steal


def snapshot(app_pid: int, model_pid: int | None, postgres: bool) -> Snapshot:
    processes = all_processes()
    usage = resource.getrusage(resource.RUSAGE_SELF)

    def cpu_of(pids: set[int]) -> float:
        return sum(processes[pid].cpu_s for pid in pids)

    busy, steal, total = machine_ticks()
    return Snapshot(
        at=time.monotonic(),
        app_s=cpu_of(descendants(processes, app_pid)),
        db_s=cpu_of({p.pid for p in processes.values() if is_postgres(p)}) if postgres else None,
        model_s=cpu_of(descendants(processes, model_pid)) if model_pid else None,
        gen_s=usage.ru_utime + usage.ru_stime,
        busy_ticks=busy,
        steal_ticks=steal,
        total_ticks=total,
    )


@contextlib.contextmanager
def window(take: Callable[[], Snapshot], begin: float, end: float) -> Iterator[list[Snapshot]]:
    """Snapshots at monotonic `begin` and `end`, taken on a thread while the body (the load) runs.

    The list holds two snapshots afterwards, or fewer if the body ended first."""
    snapshots: list[Snapshot] = []
    stop = threading.Event()

    def run() -> None:
        for moment in (begin, end):
            if stop.wait(max(0.0, moment - time.monotonic())):
                return
            snapshots.append(take())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield snapshots
    finally:
        stop.set()
        thread.join()


def per_turn(first: Snapshot, last: Snapshot, turns: int) -> dict[str, float | None]:
    """CPU ms per turn for each group and the rest of the machine (`other`), and how busy it was.

    `other` is the machine's busy time minus the groups': the kernel's softirq work for loopback
    traffic, other users of the machine, and rounding (per-process and machine counters are
    sampled differently, so it can come out slightly negative)."""
    elapsed_ticks = max(last.total_ticks - first.total_ticks, 1)
    figures: dict[str, float | None] = {
        "cpu_window_s": last.at - first.at,
        "busy_pct": 100 * (last.busy_ticks - first.busy_ticks) / elapsed_ticks,
        "steal_pct": 100 * (last.steal_ticks - first.steal_ticks) / elapsed_ticks,
    }
    groups = {
        "app": last.app_s - first.app_s,
        "db": None if first.db_s is None or last.db_s is None else last.db_s - first.db_s,
        "model": None if first.model_s is None or last.model_s is None else last.model_s - first.model_s,
        "gen": last.gen_s - first.gen_s,
    }
    busy_s = (last.busy_ticks - first.busy_ticks) * TICK_S
    groups["other"] = busy_s - sum(seconds for seconds in groups.values() if seconds is not None)
    for name, seconds in groups.items():
        figures[f"cpu_{name}_ms"] = None if seconds is None or not turns else seconds * 1000 / turns
    return figures
