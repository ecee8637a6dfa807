"""The action path's overhead: what a turn that calls the business's API costs on our side, beyond
the API's own time, with `ivr demo-business` answering at once and after 1 s.

    .venv/bin/python -m bench.actions                          # ~1 min: 200 turns at 0 ms, 30 at 1 s
    .venv/bin/python -m bench.actions --database postgresql://postgres@127.0.0.1:5432/bench

Each turn is the sample CRM line's balance check (ivr/assistants/riverside-clinic-crm.toml, menu
engine), played through the app's HTTP routes in this process with signed webhooks, against the
demo business on loopback (real HTTP, signed requests, idempotency keys). Per turn:

- *at once*: from the caller's keys (the account number) to the TwiML that says
  say_while_waiting; the caller hears it while the API works;
- *answer*: from the same webhook to the TwiML with the balance, the <Redirect> followed at once
  (Twilio would first speak the waiting phrase, a second or more);
- *overhead*: answer minus the API's time as the action run recorded it (the HTTP exchange,
  measured around the request): ours, not the business's.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr import create_app
from ivr.config import Settings
from ivr.devtools import demo_business
from ivr.record.models import ActionRun
from testkit.databases import migrate
from testkit.webhooks import ACCOUNT_SID, AUTH_TOKEN, Webhooks, spoken, twiml

SAMPLE = Path(__file__).resolve().parent.parent / "ivr" / "assistants" / "riverside-clinic-crm.toml"
SECRET = "whsec_" + "YmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuY2gtYmVuYw=="


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(database_url: str, delay_s: float, turns: int) -> dict[str, float]:
    crm = demo_business.Crm()
    server = demo_business.serve(0, secret=SECRET, delay_s=delay_s, show=lambda _: None, crm=crm)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    folder = Path(tempfile.mkdtemp())
    line = folder / "crm.toml"
    line.write_text(SAMPLE.read_text().replace("127.0.0.1:8900", f"127.0.0.1:{server.server_address[1]}"))
    settings = Settings(
        database_url=database_url,
        assistant_path=str(line),
        twilio_auth_token=AUTH_TOKEN,
        twilio_account_sid=ACCOUNT_SID,
        events_signing_secret=SECRET,
        environment={"CRM_TOKEN": demo_business.DEFAULT_TOKEN},
        log_level="ERROR",
    )
    app = create_app(settings)
    at_once, answered, overhead = [], [], []
    engine = app.extensions["ivr"].answerer.sessions.kw["bind"]
    try:
        for _ in range(turns):
            hooks = Webhooks(app.test_client(), call_sid="CA" + uuid.uuid4().hex)
            hooks.incoming()
            twiml(hooks.post("/voice/gather?turn=1", Digits="7"))
            began = time.perf_counter()
            root = twiml(hooks.post("/voice/gather?turn=3", Digits="12345678"))
            at_once.append((time.perf_counter() - began) * 1000)
            while root.find("Gather") is None and root.find("Redirect") is not None:  # a filler
                root = twiml(hooks.post(root.find("Redirect").text))
            took = (time.perf_counter() - began) * 1000
            assert "84.20 dollars" in spoken(root), spoken(root)
            with Session(engine) as session:
                run = session.scalars(
                    select(ActionRun).where(ActionRun.key == f"{hooks.call_sid}-4-check_balance")
                ).one()
            answered.append(took)
            overhead.append(took - (run.elapsed_ms or 0))
    finally:
        server.shutdown()
        server.server_close()
        app.extensions["ivr"].answerer.executor.shutdown(wait=True)
    return {
        "at once p50": percentile(at_once, 0.5),
        "at once p99": percentile(at_once, 0.99),
        "answer p50": percentile(answered, 0.5),
        "overhead p50": percentile(overhead, 0.5),
        "overhead p99": percentile(overhead, 0.99),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--turns", type=int, default=200, help="turns at 0 ms (a sixth of them at 1 s)")
    args = parser.parse_args()
    url = args.database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    migrate(url)
    print(f"database: {url.split('@')[-1]}")
    print(f"{'API':>6}  {'turns':>5}  {'at once p50/p99':>16}  {'answer p50':>10}  {'overhead p50/p99':>17}")
    for delay, turns in ((0.0, args.turns), (1.0, max(10, args.turns // 6))):
        found = measure(url, delay, turns)
        print(
            f"{delay * 1000:>4.0f}ms  {turns:>5}  {found['at once p50']:>7.1f}/{found['at once p99']:.1f} ms"
            f"  {found['answer p50']:>7.0f} ms  {found['overhead p50']:>8.1f}/{found['overhead p99']:.1f} ms"
        )


if __name__ == "__main__":
    main()
