"""CPU and SQL per webhook of a menu call, in process: `python -m bench.webhook_cpu [--database
postgresql] [--calls 200]`.

Plays the capacity script's call (bench.callers.MENU_SCRIPT: hours by speech, 5, the address by
speech, 2 for the pharmacy's transfer, the Dial's report, then the status callback) through the
app's routes with Flask's test client, signed as Twilio signs, on a fresh database, each call from
a number of its own. For each kind of webhook it prints the median CPU time of the request's thread
over the calls after the first quarter (signing and the test client included: about 0.3 ms of each),
and the statements and commits one such request sends. No server, no load generator: this isolates
what the app itself does per request. PostgreSQL is TEST_DATABASE_URL's server (by default the
local one), in a schema of its own. To measure another tree: `cd` into it and run the same."""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict

from sqlalchemy import event

from bench.callers import MENU_SCRIPT
from ivr import create_app
from ivr.config import Settings
from testkit.webhooks import AUTH_TOKEN, Webhooks

LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
SCHEMA = f"ivr_bench_webhooks_{os.getpid()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--calls", type=int, default=200)
    options = parser.parse_args()
    if options.calls < 8:
        parser.error("--calls must be at least 8: the first quarter is warm-up")
    if options.database == "postgresql":
        os.environ.setdefault("TEST_DATABASE_URL", LOCAL_POSTGRES)
    from testkit import databases  # reads TEST_DATABASE_URL when imported

    if options.database == "postgresql":
        url = databases.migrated_postgres_schema(SCHEMA)
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/ivr.sqlite3"
        databases.migrate(url)
    try:
        cpu, sql = measure(url, options.calls)
    finally:
        if options.database == "postgresql":
            databases.drop_postgres_schema(SCHEMA)
    print(f"{options.database}, {options.calls} calls; CPU ms per request (median after warm-up), SQL sent")
    print(f"{'webhook':42s} {'CPU ms':>7s} {'statements':>11s} {'commits':>8s}")
    medians = {kind: statistics.median(times[len(times) // 4 :]) * 1000 for kind, times in cpu.items()}
    for kind, ms in medians.items():
        statements, commits = sql[kind]
        print(f"{kind:42s} {ms:7.2f} {statements:11d} {commits:8d}")
    print(f"{'a whole call':42s} {sum(medians.values()):7.2f}")


def measure(url: str, calls: int) -> tuple[dict[str, list[float]], dict[str, tuple[int, int]]]:
    logging.disable(logging.WARNING)  # the app's log lines (texts not sent, no console) are not measured
    app = create_app(Settings(database_url=url, twilio_auth_token=AUTH_TOKEN))
    engine = app.extensions["ivr"].answerer.sessions.kw["bind"]
    sent = {"statements": 0, "commits": 0}

    @event.listens_for(engine, "before_cursor_execute")
    def _statement(*_args: object) -> None:
        sent["statements"] += 1

    @event.listens_for(engine, "commit")
    def _commit(*_args: object) -> None:
        sent["commits"] += 1

    cpu: dict[str, list[float]] = defaultdict(list)
    sql: dict[str, tuple[int, int]] = {}
    client = app.test_client()

    def post(kind: str, hooks: Webhooks, path: str, **form: str) -> ET.Element:
        sent.update(statements=0, commits=0)
        start = time.thread_time()
        response = hooks.post(path.removeprefix("http://localhost"), **form)
        cpu[kind].append(time.thread_time() - start)
        sql[kind] = (sent["statements"], sent["commits"])
        assert response.status_code in (200, 204), response.get_data(as_text=True)
        return ET.fromstring(response.get_data(as_text=True) or "<Response/>")

    for n in range(calls):
        hooks = Webhooks(client, call_sid=f"CA{n:032x}")
        caller = {"From": f"+1555{n:07d}", "To": "+15555550000", "CallStatus": "ringing"}
        document = post("incoming", hooks, "/voice/incoming", **caller)
        for form in MENU_SCRIPT.inputs:
            gather = document.find(".//Gather")
            assert gather is not None, ET.tostring(document)
            said = form.get("SpeechResult") or f"key {form['Digits']}"
            document = post(f"gather: {said}", hooks, gather.get("action", ""), **form)
        dial = document.find(".//Dial")
        assert dial is not None, ET.tostring(document)
        post("dial (the transfer's end)", hooks, dial.get("action", ""), DialCallStatus="completed")
        ended = {"CallStatus": "completed", "CallDuration": "60"}
        post("status callback (call ended)", hooks, "/voice/status", **ended)
    engine.dispose()
    return cpu, sql


if __name__ == "__main__":
    main()
