"""The benchmark's scenarios: which server, on which database, under how many callers, for how long.

One server (and one database) serves every level of a scenario in turn, so the later levels also
run on a database that the earlier ones filled."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from bench.callers import BURST_SCRIPT, CLAUDE_SCRIPT, MENU_SCRIPT, Script
from bench.servers import WorkerModel

GTHREAD = WorkerModel("gthread", workers=2, threads=256)  # gunicorn.conf.py's default
GEVENT = WorkerModel("gevent", workers=2, connections=2000)
BACK_TO_BACK = (0.0, 0.0)  # no pause between turns: how many turns the server can take at most


@dataclass(frozen=True)
class Group:
    """One server under a series of caller counts."""

    server: str  # floor | menu | claude
    database: str  # sqlite | postgresql
    levels: tuple[int, ...]
    model: WorkerModel = GTHREAD
    model_s: float = 0.0  # the stand-in's latency (claude only)
    pause_s: tuple[float, float] = (2.0, 4.0)
    duration_s: float = 30.0
    warmup_s: float = 5.0
    stop_at_failures: bool = False  # stop climbing once a level has failed turns
    prefill_calls: int = 0  # finished calls stored before the servers start
    ring_in_s: float | None = None  # see Script.ring_in_s; measure from warmup_s >= this
    burst: bool = False  # each level: that many calls ring in within a second, one call each

    @property
    def script(self) -> Script:
        if self.burst:
            return BURST_SCRIPT
        base = CLAUDE_SCRIPT if self.server == "claude" else MENU_SCRIPT
        return replace(base, pause_s=self.pause_s, ring_in_s=self.ring_in_s)


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    groups: tuple[Group, ...] = field(default_factory=tuple)


def _burst(database: str) -> tuple[Group, ...]:
    """The floor (a bare Flask + SDK view) and the app, each under bursts of 50, 150 and 300 calls."""
    options = {"model_s": 2.0, "burst": True, "duration_s": 60.0, "warmup_s": 0.0}
    return (
        Group("floor", database, (50, 150, 300), **options),  # type: ignore[arg-type]
        Group("claude", database, (50, 150, 300), **options),  # type: ignore[arg-type]
    )


def _floor_and_menu(database: str, levels: tuple[int, ...], **options: object) -> tuple[Group, ...]:
    return (Group("floor", database, levels, **options), Group("menu", database, levels, **options))  # type: ignore[arg-type]


SCENARIOS = {
    s.name: s
    for s in (
        Scenario(
            "quick",
            "A few seconds: floor and menu engine on SQLite, 4 callers; proves the harness works.",
            (
                Group("floor", "sqlite", (4,), pause_s=(0.1, 0.3), duration_s=2.5, warmup_s=0.5),
                Group("menu", "sqlite", (4,), pause_s=(0.1, 0.3), duration_s=2.5, warmup_s=0.5),
            ),
        ),
        Scenario(
            "capacity",
            "Floor vs menu engine, 16 callers back to back (no pauses): the most turns/s each can serve.",
            _floor_and_menu("postgresql", (16,), pause_s=BACK_TO_BACK, duration_s=20)
            + _floor_and_menu("sqlite", (16,), pause_s=BACK_TO_BACK, duration_s=20),
        ),
        Scenario(
            "menu",
            "Floor vs menu engine with 2-4 s pauses, rising callers until turns fail (PostgreSQL).",
            _floor_and_menu("postgresql", (16, 64, 256, 512, 1024), stop_at_failures=True),
        ),
        Scenario(
            "menu-sqlite",
            "Floor vs menu engine with 2-4 s pauses on SQLite, 16 and 64 callers.",
            _floor_and_menu("sqlite", (16, 64)),
        ),
        Scenario(
            "soak",
            "Menu engine, 256 callers with 2-4 s pauses for 10 minutes (PostgreSQL): is memory flat?",
            (Group("menu", "postgresql", (256,), duration_s=600, warmup_s=60),),
        ),
        Scenario(
            "grown",
            "Floor vs menu engine, 16 callers, on a PostgreSQL already holding 100,000 calls (1M turns).",
            _floor_and_menu("postgresql", (16,), prefill_calls=100_000),
        ),
        Scenario(
            "burst",
            "50 / 150 / 300 calls rung in within one second, each three Claude turns with the stand-in "
            "at 2 s, against the floor with the same model; SQLite, then PostgreSQL.",
            _burst("sqlite") + _burst("postgresql"),
        ),
        Scenario(
            "claude-800ms",
            "Claude engine, stand-in model at 800 ms, 100 / 500 / 1,000 callers (PostgreSQL).",
            (
                Group(
                    "claude",
                    "postgresql",
                    (100, 500, 1000),
                    model_s=0.8,
                    # A call is about 25 s (four model turns, 2-4 s pauses): callers ring in over
                    # one call's length and are measured once they are all in.
                    ring_in_s=25,
                    warmup_s=25,
                    duration_s=65,
                ),
            ),
        ),
        Scenario(
            "claude-2s",
            "Claude engine, stand-in model at 2 s, 100 / 500 / 1,000 callers (PostgreSQL).",
            (
                Group(
                    "claude",
                    "postgresql",
                    (100, 500, 1000),
                    model_s=2.0,
                    # A call is about 25 s (four model turns, 2-4 s pauses): callers ring in over
                    # one call's length and are measured once they are all in.
                    ring_in_s=25,
                    warmup_s=25,
                    duration_s=65,
                ),
            ),
        ),
    )
}
