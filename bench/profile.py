"""Where a worker's time goes under load: py-spy samples one gunicorn worker while callers call.

`python -m bench.profile [--server menu] [--database postgresql] [--callers 16] [--seconds 15]`
prints the functions that were on the stack in the most samples (inclusive) and writes the
collapsed stacks (for flamegraph tools) to bench/results/. Needs py-spy in the venv."""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path

from bench.callers import run_callers
from bench.run import APPS, parse_workers
from bench.scenarios import BACK_TO_BACK, GTHREAD, Group
from bench.servers import AUTH_TOKEN, BIN, RESULTS, model_standin, new_database, web_server


def profile(group: Group, seconds: float, out: Path, idle: bool = True) -> None:
    database = new_database(group.database, f"profile_{group.server}_{group.database}")
    with contextlib.ExitStack() as stack:
        variables = {}
        if group.server == "claude":
            api = stack.enter_context(model_standin(group.model_s))
            variables = {"ANTHROPIC_API_KEY": "bench", "ANTHROPIC_BASE_URL": api.url}
        server = stack.enter_context(
            web_server(f"profile-{group.server}", APPS[group.server], database, group.model, **variables)
        )
        worker = server.workers()[0]
        load = threading.Thread(
            target=run_callers,
            args=(server.url, AUTH_TOKEN, group.levels[0], seconds + 4, group.script),
            daemon=True,
        )
        load.start()
        threading.Event().wait(2)  # past the first calls' set-up
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


def top(collapsed: Path, count: int = 30) -> list[str]:
    """Inclusive samples per function, over threads that were serving requests."""
    inclusive: Counter[str] = Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        if "handle_request" not in stack and "handle (" not in stack:
            continue  # idle threads waiting for work
        n = int(samples)
        total += n
        for frame in set(stack.split(";")):
            inclusive[frame] += n
    return [f"{n / total:6.1%}  {frame}" for frame, n in inclusive.most_common(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--server", default="menu", choices=sorted(APPS))
    parser.add_argument("--database", default="postgresql", choices=["sqlite", "postgresql"])
    parser.add_argument("--callers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--model-s", type=float, default=0.8)
    parser.add_argument("--workers", type=parse_workers, default=GTHREAD)
    parser.add_argument("--paused", action="store_true", help="2-4 s pauses instead of back to back")
    parser.add_argument("--cpu", action="store_true", help="on-CPU samples only (no waiting)")
    args = parser.parse_args()
    group = Group(args.server, args.database, (args.callers,), model=args.workers, model_s=args.model_s)
    if not args.paused:
        group = replace(group, pause_s=BACK_TO_BACK)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"profile-{args.server}-{args.database}{'-cpu' if args.cpu else ''}.txt"
    profile(group, args.seconds, out, idle=not args.cpu)
    print("\n".join(top(out)))
    print(f"collapsed stacks: {out}")


if __name__ == "__main__":
    main()
