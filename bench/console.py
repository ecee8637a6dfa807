"""The console's speed with a busy line's history: `python -m bench.console [--calls 100000]
[--database sqlite|postgresql] [--reuse] [--screenshots docs/]`.

Seeds a database with `ivr demo-data`'s calls (a SQLite file under bench/results/db/, or the
schema bench_console of BENCH_POSTGRES_URL; reused with --reuse, migrated to the current head
first), serves the app as the Procfile does, signs in, and requests each console page again and
again; prints p50/p95/max per page in milliseconds. With --screenshots, also saves a PNG of each
page, taken in Chromium through Playwright, for the README."""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.servers import (
    POSTGRES,
    Database,
    WorkerModel,
    new_database,
    release,
    web_server,
)
from ivr.assistant import SAMPLE_PATH, load
from ivr.console import accounts
from ivr.devtools import demo_data
from ivr.record.db import make_engine
from ivr.record.models import Call

EMAIL, PASSWORD = "bench@example.com", "bench password 1234"
SECRET = "c" * 64
TARGET_MS = 150
NAME = "console"
ZONE = "America/New_York"


def pages(sid: str) -> dict[str, str]:
    """What an operator opens, the slow filters included (words no caller said: a full scan)."""
    return {
        "calls": "/console/calls",
        "calls, older page": "/console/calls?before={older}",
        "calls, outcome filter": "/console/calls?outcome=message",
        "calls, caller filter": "/console/calls?caller=Chen",
        "calls, words filter": "/console/calls?words=refill",
        "calls, rare words": "/console/calls?words=wombat",
        "calls, a month": "/console/calls?from={month_ago}&to={today}&outcome=abandoned",
        "new calls (polling)": "/console/calls/newer?after={newest}",
        "a call": f"/console/calls/{sid}",
        "save as scenario": f"/console/calls/{sid}/scenario.toml",
        "overview (30 days)": "/console/overview",
        "overview (a quarter)": "/console/overview?from={quarter_ago}&to={today}",
        "messages": "/console/messages",
        "health": "/console/health",
        "/healthz": "/healthz",
    }


def seeded(kind: str, calls: int, reuse: bool) -> Database:
    if reuse:
        kept = _kept(kind)
        if kept is not None:
            _migrate(kept)
            _analyze(kept)
            return kept
    database = new_database(kind, NAME)
    engine = make_engine(database.url)
    with Session(engine) as session:
        started = time.perf_counter()
        demo_data.seed(session, load(SAMPLE_PATH), calls, days=365, zone=ZONE)
        print(f"seeded {calls:,} calls in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        accounts.add(session, EMAIL, PASSWORD)
    engine.dispose()
    _analyze(database)
    return database


def _analyze(database: Database) -> None:
    """PostgreSQL's planner statistics, as autovacuum keeps them on a running server (the test
    server here runs without it). SQLite is left as a deployment leaves it: without statistics."""
    if database.schema is None:
        return
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f'SET search_path TO "{database.schema}"')
        connection.execute("ANALYZE")


def _kept(kind: str) -> Database | None:
    """The database seeded last time, if there is one."""
    if kind == "sqlite":
        path = Path(__file__).resolve().parent / "results" / "db" / f"{NAME}.sqlite3"
        return Database(kind, f"sqlite:///{path}", path=path) if path.is_file() else None
    schema = f"bench_{NAME}"
    database = Database(kind, f"{POSTGRES}?options=-csearch_path%3D{schema}", schema=schema)
    try:
        return database if database.calls() else None
    except psycopg.errors.UndefinedTable:  # no such schema yet: seed one
        return None


def _migrate(database: Database) -> None:
    """The Procfile's release command, so that a kept database has the current schema."""
    release(database, timeout=600)


def signed_in_opener(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), urllib.request.ProxyHandler({})
    )
    login = opener.open(f"{base}/console/login").read().decode()
    token = re.search(r'name="csrf" value="([^"]+)"', login)
    assert token, "no CSRF token on the login page"
    form = urllib.parse.urlencode({"csrf": token.group(1), "email": EMAIL, "password": PASSWORD}).encode()
    opener.open(f"{base}/console/login", form).read()
    return opener


def measure(opener: urllib.request.OpenerDirector, url: str, times: int) -> list[float]:
    opener.open(url).read()  # warm: the first request of a page compiles its template
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        with opener.open(url) as response:
            response.read()
            assert response.status == 200, url
        taken.append((time.perf_counter() - started) * 1000)
    return taken


def fill(path: str, base: str, opener: urllib.request.OpenerDirector) -> str:
    from datetime import date, timedelta

    listing = opener.open(f"{base}/console/calls").read().decode()
    older = re.search(r'href="/console/calls\?before=([^"&]+)', listing)
    newest = re.search(r'data-newest="([^"]+)"', listing)
    today = date.today()
    return path.format(
        older=older.group(1) if older else "",
        newest=urllib.parse.quote(newest.group(1).replace("&#43;", "+")) if newest else "",
        today=today.isoformat(),
        month_ago=(today - timedelta(days=30)).isoformat(),
        quarter_ago=(today - timedelta(days=90)).isoformat(),
    )


def screenshots(base: str, folder: Path, sid: str) -> None:
    from playwright.sync_api import sync_playwright

    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"{base}/console/login")
        page.get_by_label("Email").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        for name, path in (
            ("calls", "/console/calls"),
            ("call", f"/console/calls/{sid}"),
            ("overview", "/console/overview"),
            ("messages", "/console/messages"),
            ("health", "/console/health"),
        ):
            page.goto(base + path)
            page.screenshot(path=str(folder / f"console-{name}.png"), full_page=name in ("call", "overview"))
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(base + "/console/calls")
        page.screenshot(path=str(folder / "console-phone.png"))
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--times", type=int, default=40, help="requests per page")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--reuse", action="store_true", help="reuse the database seeded last time")
    parser.add_argument("--screenshots", type=Path, help="save a PNG of each page in this folder")
    args = parser.parse_args()
    if args.times < 2:
        parser.error("--times must be at least 2: the table gives each page's p95")
    database = seeded(args.database, args.calls, args.reuse)
    engine = make_engine(database.url)
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(Call)) or 0
        sid = session.scalar(
            select(Call.call_sid).where(Call.outcome.like("transferred%")).order_by(Call.id.desc()).limit(1)
        )
    engine.dispose()
    model = WorkerModel(workers=2, threads=4)
    with web_server(NAME, "wsgi:app", database, model, SECRET_KEY=SECRET, TIMEZONE=ZONE) as web:
        base = f"http://127.0.0.1:{web.port}"
        opener = signed_in_opener(base)
        print(
            f"{count:,} calls in {database.kind}; {args.times} requests per page, one at a time ({model}); "
            f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}"
        )
        print(f"{'page':<24} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        slow = []
        for name, path in pages(sid or "").items():
            try:
                taken = measure(opener, base + fill(path, base, opener), args.times)
            except urllib.error.HTTPError as error:  # a broken page is a result too: say so, go on
                print(f"{name:<24} {'HTTP ' + str(error.code):>26}")
                slow.append(name)
                continue
            p95 = statistics.quantiles(taken, n=20)[-1]
            print(f"{name:<24} {statistics.median(taken):>8.1f} {p95:>8.1f} {max(taken):>8.1f}")
            if p95 > TARGET_MS:
                slow.append(name)
        if args.screenshots:
            screenshots(base, args.screenshots, sid or "")
    if slow:
        print(f"over {TARGET_MS} ms at p95: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
