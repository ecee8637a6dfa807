"""Where a worker's time goes under load: py-spy samples one gunicorn worker while callers call.

`python -m bench.profile [--server menu] [--database postgresql] [--callers 16] [--seconds 15]`
prints the functions that were on the stack in the most samples (inclusive), then the samples by
request and by library, and writes the collapsed stacks (for flamegraph tools) to bench/results/.
`--burst` rings the callers in within a second, one three-turn Claude call each (bench.run's
`burst`), after a few warm-up calls. Needs py-spy in the venv."""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from bench.callers import run_callers
from bench.run import APPS, WARM_UP_CALLS, parse_workers
from bench.scenarios import BACK_TO_BACK, GTHREAD, Group
from bench.servers import AUTH_TOKEN, BIN, RESULTS, model_standin, new_database, web_server


def profile(group: Group, seconds: float, out: Path, idle: bool = True) -> None:
    database = new_database(group.database, f"profile_{group.server}_{group.database}")
    with contextlib.ExitStack() as stack:
        variables = {}
        if group.model_s and group.server in ("claude", "floor"):
            api = stack.enter_context(model_standin(group.model_s))
            variables = {"ANTHROPIC_API_KEY": "bench", "ANTHROPIC_BASE_URL": api.url}
        server = stack.enter_context(
            web_server(f"profile-{group.server}", APPS[group.server], database, group.model, **variables)
        )
        worker = server.workers()[0]
        if group.burst:
            warm_up = replace(group.script, pause_s=(0.1, 0.2))
            run_callers(server.url, AUTH_TOKEN, WARM_UP_CALLS, 30.0, warm_up)
        load = threading.Thread(
            target=run_callers,
            args=(server.url, AUTH_TOKEN, group.levels[0], seconds + 4, group.script),
            daemon=True,
        )
        load.start()
        threading.Event().wait(0 if group.burst else 2)  # past the first calls' set-up
        # --idle: also count samples where the thread waits (on the database, a lock, the socket).
        command = [
            str(BIN / "py-spy"),
            "record",
            "--pid",
            str(worker),
            "--duration",
            str(int(seconds)),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(out),
            "--threads",
            "--nonblocking",
        ]
        # On-CPU samples are the ones holding the GIL: py-spy's own idle detection counts a thread
        # waiting in psycopg's poll as running.
        subprocess.run([*command, "--idle"] if idle else [*command, "--gil"], check=True, capture_output=True)
        load.join()
    database.drop()


def stacks(collapsed: Path, every_thread: bool) -> Iterator[tuple[list[str], int]]:
    """Each stack (outermost frame first) and its samples: every thread's, or (waiting included)
    only those serving requests, since idle threads wait for work."""
    for line in collapsed.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        if not every_thread and "handle_request" not in stack and "handle (" not in stack:
            continue
        yield stack.split(";"), int(samples)


def top(collapsed: Path, count: int = 30, every_thread: bool = False) -> list[str]:
    """Inclusive samples per function."""
    inclusive: Counter[str] = Counter()
    total = 0
    for frames, n in stacks(collapsed, every_thread):
        total += n
        for frame in set(frames):
            inclusive[frame] += n
    return [f"{n / total:6.1%}  {frame}" for frame, n in inclusive.most_common(count)]


# What a thread was doing, by the first of these frames on its stack (outermost first).
WORK = (
    ("incoming", "incoming (ivr/web/voice.py"),
    ("gather", "gather (ivr/web/voice.py"),
    ("dial", "dial (ivr/web/voice.py"),
    ("reply (Redirect)", "reply (ivr/web/voice.py"),
    ("status", "status (ivr/web/voice.py"),
    ("model work", "work (ivr/answering/turns.py"),
    ("model work", "_ask (ivr/"),
    ("lease renewals", "_renew (ivr/answering/leases.py"),
    ("floor view", "turn (bench/floor.py"),
    ("request, outside the view", "handle_request ("),
    ("reading requests (event loop)", "run_for_one ("),
    ("reading requests (event loop)", "run_for_multiple ("),
)


def by_work(collapsed: Path, every_thread: bool) -> list[str]:
    """Samples by what the thread was doing, and by the library of the innermost frame."""
    work: Counter[str] = Counter()
    library: Counter[str] = Counter()
    total = 0
    for frames, n in stacks(collapsed, every_thread):
        total += n
        kind = next((name for name, marker in WORK if any(marker in f for f in frames)), "other")
        work[kind] += n
        library[_library(frames[-1])] += n
    lines = ["by work:"] + [f"{n / total:6.1%}  {kind}" for kind, n in work.most_common()]
    lines += ["by library (innermost frame):"]
    lines += [f"{n / total:6.1%}  {lib}" for lib, n in library.most_common(12)]
    return lines


def _library(frame: str) -> str:
    path = frame[frame.find("(") + 1 :]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].split(".", 1)[0]
    if path.startswith(("ivr/", "bench/")):
        return path.split("/", 1)[0] + "/" + path.split("/")[1].split(".")[0]
    return "python" if "/lib/python3" in path else path.split(":", 1)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", default="menu", choices=sorted(APPS))
    parser.add_argument("--database", default="postgresql", choices=["sqlite", "postgresql"])
    parser.add_argument("--callers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--model-s", type=float, default=0.8)
    parser.add_argument("--workers", type=parse_workers, default=GTHREAD)
    parser.add_argument("--paused", action="store_true", help="2-4 s pauses instead of back to back")
    parser.add_argument("--cpu", "--gil", action="store_true", help="on-CPU samples only (no waiting)")
    parser.add_argument("--burst", action="store_true", help="the callers ring in within a second, once")
    args = parser.parse_args()
    levels = (args.callers,)
    group = Group(args.server, args.database, levels, args.workers, args.model_s, burst=args.burst)
    if not args.paused and not args.burst:
        group = replace(group, pause_s=BACK_TO_BACK)
    RESULTS.mkdir(parents=True, exist_ok=True)
    kind = ("-burst" if args.burst else "") + ("-cpu" if args.cpu else "")
    out = RESULTS / f"profile-{args.server}-{args.database}{kind}.txt"
    profile(group, args.seconds, out, idle=not args.cpu)
    print("\n".join(top(out, every_thread=args.cpu)))
    print("\n".join(by_work(out, every_thread=args.cpu)))
    print(f"collapsed stacks: {out}")


if __name__ == "__main__":
    main()
