"""The post-call event: built from the stored call when it ends, written to the outbox, and
delivered to a real receiver on loopback that checks the Standard Webhooks signature and
deduplicates by event id, through outages, errors, retries and racing deliverers."""

from __future__ import annotations

import base64
import json
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from ivr.assistant import SAMPLE_PATH
from ivr.business import delivery
from ivr.business.events import add_call_ended_event, new_event_id
from ivr.devtools.twilio_emulator import digits, hangup, speech
from ivr.record.db import make_engine, session_factory
from ivr.record.models import Base, Call, Delivery, Event, Message, utcnow
from testkit.databases import POSTGRES, SCHEMA, fresh_postgres_schema
from testkit.standins.webhook_receiver import WebhookReceiver

ROOT = Path(__file__).resolve().parent.parent
SECRET = "whsec_" + base64.b64encode(b"riverside-clinic-events-secret-32").decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"somebody-else-entirely-secret-32").decode()


@pytest.fixture
def sessions(db_engine) -> sessionmaker[Session]:
    return session_factory(db_engine)


@pytest.fixture
def receiver():
    with WebhookReceiver(SECRET) as receiver:
        yield receiver


@pytest.fixture
def app(make_app, receiver, tmp_path):
    """The sample clinic, with its post-call events going to the receiver."""
    path = tmp_path / "clinic.toml"
    path.write_text(SAMPLE_PATH.read_text() + f'\n[events]\nwebhooks = ["{receiver.url}"]\n')
    return make_app(assistant_path=str(path))


@pytest.fixture
def end_call(sessions):
    """The event the app wrote when Twilio's final status callback closed the call."""

    def end(call_sid: str) -> dict:
        with sessions() as session:
            call = session.scalars(select(Call).where(Call.call_sid == call_sid)).one()
            event = session.scalars(select(Event).where(Event.call_id == call.id)).one()
            return json.loads(event.payload)

    return end


def stored_call(sessions) -> Call:
    """A call written straight to the database, as if it had just ended."""
    with sessions() as session:
        call = Call(call_sid="CA" + secrets.token_hex(16), status="completed")
        call.ended_at = utcnow()
        session.add(call)
        session.commit()
        return call


def deliveries(sessions, event_id: str) -> list[Delivery]:
    with sessions() as session:
        query = select(Delivery).join(Event).where(Event.event_id == event_id).order_by(Delivery.id)
        return list(session.scalars(query))


def wait_for(condition, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while not (found := condition()) and time.monotonic() < deadline:
        time.sleep(0.01)
    return found


def caller_lines(payload: dict) -> list[str]:
    return [turn["text"] for turn in payload["transcript"] if turn["role"] == "caller"]


# The event


def test_transferred_call_says_where_to_and_how_each_dial_went(place_call, end_call):
    result = place_call(
        speech("what are your hours"),
        digits("2"),
        digits("0"),
        dial=("busy", "completed"),
        caller="+15555550142",
    )
    event = end_call(result.call_sid)
    assert event["type"] == "call.ended"
    assert event["event_id"].startswith("evt_")
    assert event["outcome"] == {"kind": "transferred", "to": "front desk", "dial_result": "completed"}
    assert event["summary"] == (
        "Caller asked about hours and location, then was transferred to pharmacy (busy), "
        "then to front desk (answered)."
    )
    assert event["summary_by"] == "path"
    assert caller_lines(event) == ["what are your hours", "2", "busy", "0", "completed"]
    assert [t["kind"] for t in event["transcript"][:3]] == ["listen", "speech", "listen"]
    call = event["call"]
    assert (call["call_sid"], call["from"], call["status"]) == (result.call_sid, "+15555550142", "completed")
    assert call["duration_s"] == result.duration
    assert call["started_at"] <= call["ended_at"]
    assert event["messages"] == []


def test_call_the_menu_answered_ends_as_answered(place_call, end_call):
    result = place_call(speech("what are your hours"), speech("no that's all, goodbye"))
    event = end_call(result.call_sid)
    assert event["outcome"] == {"kind": "answered", "reason": "caller-done"}
    assert event["summary"] == "Caller asked about hours and location, then said goodbye."


def test_caller_who_hangs_up_mid_conversation(place_call, end_call):
    result = place_call(digits("5"), hangup())
    event = end_call(result.call_sid)
    assert event["outcome"] == {"kind": "caller-hung-up"}
    assert event["summary"] == "Caller asked about hours and location, then hung up."


def test_call_with_nothing_but_a_status_callback_is_abandoned_before_the_greeting(webhooks, end_call):
    webhooks.post("/voice/status", CallStatus="completed", CallDuration="0", From="+15555550123")
    event = end_call(webhooks.call_sid)
    assert event["outcome"] == {"kind": "abandoned", "reason": "before-greeting"}
    assert event["transcript"] == []
    assert event["summary"] == "Caller hung up before the greeting."
    assert event["call"]["duration_s"] == 0


def test_caller_who_hangs_up_during_the_greeting_abandoned_the_call(place_call, end_call):
    result = place_call(hangup())
    event = end_call(result.call_sid)
    assert event["outcome"] == {"kind": "abandoned", "reason": "during-greeting"}
    assert len(event["transcript"]) == 1


def test_event_carries_the_known_caller_and_the_messages_left(webhooks, sessions, end_call):
    webhooks.incoming()
    with sessions() as session:
        call = session.scalars(select(Call).where(Call.call_sid == webhooks.call_sid)).one()
        call.contact = json.dumps({"name": "Ana Lima", "tags": ["patient"]})
        session.add(Message(call_id=call.id, name="Ana", callback_number="+15555550123", text="Call me back"))
        session.commit()
    webhooks.post("/voice/status", CallStatus="completed", CallDuration="20")
    event = end_call(webhooks.call_sid)
    assert event["call"]["contact"] == {"name": "Ana Lima", "tags": ["patient"]}
    assert [(m["name"], m["callback_number"], m["text"]) for m in event["messages"]] == [
        ("Ana", "+15555550123", "Call me back")
    ]


def test_a_call_closed_twice_has_one_event(place_call, webhooks, sessions, end_call, receiver):
    result = place_call(digits("5"), speech("goodbye"))
    end_call(result.call_sid)
    webhooks.call_sid = result.call_sid
    webhooks.post("/voice/status", CallStatus="completed", CallDuration="30")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 1
        assert session.scalar(select(func.count()).select_from(Delivery)) == 1


def test_each_webhook_url_gets_one_delivery(sessions):
    call = stored_call(sessions)
    urls = ["https://a.example/hook", "https://b.example/hook", "https://a.example/hook"]
    with sessions() as session:
        event_id = add_call_ended_event(session, session.get_one(Call, call.id), urls)
        session.commit()
        event = session.scalars(select(Event).where(Event.event_id == event_id)).one()
        assert [d.url for d in event.deliveries] == urls[:2]
        assert all(d.state == "pending" and d.attempts == 0 for d in event.deliveries)


def test_two_workers_closing_the_same_call_at_once_cannot_both_add_its_event(sessions):
    call = stored_call(sessions)
    first, second = sessions(), sessions()
    calls = [session.get_one(Call, call.id) for session in (first, second)]  # both read it open
    add_call_ended_event(first, calls[0], ["https://a.example"])
    first.commit()
    with pytest.raises(IntegrityError):
        add_call_ended_event(second, calls[1], ["https://a.example"])
    second.close()
    first.close()


# Delivery


def test_event_is_delivered_signed_and_the_receiver_verifies_it(place_call, end_call, sessions, receiver):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    done = delivery.deliver_due(sessions, SECRET)
    assert done == delivery.DeliveryRound(attempted=1, delivered=1, failed=0)
    [request] = receiver.received
    assert request.verified
    assert request.headers["webhook-id"] == event["event_id"]
    assert request.headers["webhook-signature"].startswith("v1,")
    assert request.headers["content-type"] == "application/json"
    assert receiver.events == {event["event_id"]: event}
    [sent] = deliveries(sessions, event["event_id"])
    assert (sent.state, sent.attempts, sent.last_error) == ("delivered", 1, None)
    assert sent.delivered_at is not None


def test_an_event_signed_with_another_secret_is_refused(place_call, end_call, sessions, receiver):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    assert delivery.deliver_due(sessions, OTHER_SECRET).failed == 1
    assert [(r.status, r.verified) for r in receiver.received] == [(401, False)]
    assert receiver.events == {}
    [sent] = deliveries(sessions, event["event_id"])
    assert sent.state == "pending"
    assert sent.last_error.startswith("HTTP 401")


def test_receiver_down_gets_retries_with_growing_back_off(place_call, end_call, sessions, receiver):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    receiver.stop()
    start = utcnow()
    assert delivery.deliver_due(sessions, SECRET, now=start).failed == 1
    [sent] = deliveries(sessions, event["event_id"])
    assert sent.attempts == 1
    assert "Connection refused" in sent.last_error
    assert start + timedelta(seconds=4.5) <= sent.next_attempt_at <= start + timedelta(seconds=5.5)
    assert delivery.deliver_due(sessions, SECRET, now=start + timedelta(seconds=1)).attempted == 0
    later = sent.next_attempt_at
    assert delivery.deliver_due(sessions, SECRET, now=later).failed == 1
    [sent] = deliveries(sessions, event["event_id"])
    assert sent.attempts == 2
    assert later + timedelta(seconds=9) <= sent.next_attempt_at <= later + timedelta(seconds=11)


def test_receiver_down_for_an_hour_then_up_gets_every_event_once(place_call, end_call, sessions, receiver):
    sent = [end_call(place_call(digits("5"), speech("goodbye")).call_sid) for _ in range(10)]
    receiver.stop()
    start = clock = utcnow()
    down = True
    while clock < start + timedelta(hours=3):
        if down and clock >= start + timedelta(hours=1):
            receiver.start()
            down = False
        delivery.deliver_due(sessions, SECRET, now=clock)
        clock += timedelta(minutes=2)
        if len(receiver.events) == 10:
            break
    assert set(receiver.events) == {event["event_id"] for event in sent}
    assert Counter(r.webhook_id for r in receiver.received) == dict.fromkeys(receiver.events, 1)
    states = [d for event in sent for d in deliveries(sessions, event["event_id"])]
    assert all(d.state == "delivered" for d in states)
    assert min(d.attempts for d in states) > 8  # retried all through the hour, backing off


def test_receiver_error_is_retried_and_the_retry_carries_the_same_id(
    place_call, end_call, sessions, receiver
):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    receiver.fail(500)
    start = utcnow()
    assert delivery.deliver_due(sessions, SECRET, now=start).failed == 1
    [sent] = deliveries(sessions, event["event_id"])
    assert sent.last_error == "HTTP 500: refused with 500"
    assert delivery.deliver_due(sessions, SECRET, now=start + timedelta(seconds=6)).delivered == 1
    assert [(r.webhook_id, r.status) for r in receiver.received] == [
        (event["event_id"], 500),
        (event["event_id"], 200),
    ]
    assert list(receiver.events) == [event["event_id"]]


def test_a_receiver_too_slow_to_answer_gets_the_event_again_and_drops_the_copy(
    place_call, end_call, sessions, receiver
):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    receiver.delay = 0.5
    start = utcnow()
    assert delivery.deliver_due(sessions, SECRET, now=start, timeout_s=0.1).failed == 1
    [sent] = deliveries(sessions, event["event_id"])
    assert "timed out" in sent.last_error
    receiver.delay = 0
    assert wait_for(lambda: receiver.events)  # the receiver took it after all, too late to say so
    assert delivery.deliver_due(sessions, SECRET, now=start + timedelta(seconds=6)).delivered == 1
    assert [(r.webhook_id, r.duplicate) for r in receiver.received] == [
        (event["event_id"], False),
        (event["event_id"], True),
    ]
    assert list(receiver.events) == [event["event_id"]]


def test_retry_sends_a_delivered_event_again_and_the_receiver_drops_the_duplicate(
    place_call, end_call, sessions, receiver
):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    delivery.deliver_due(sessions, SECRET)
    with sessions() as session:
        assert delivery.retry(session, event["event_id"]) == 1
        with pytest.raises(delivery.UnknownEvent):
            delivery.retry(session, "evt_nothing")
    assert delivery.deliver_due(sessions, SECRET).delivered == 1
    assert [(r.webhook_id, r.duplicate) for r in receiver.received] == [
        (event["event_id"], False),
        (event["event_id"], True),
    ]
    assert len(receiver.events) == 1
    [sent] = deliveries(sessions, event["event_id"])
    assert (sent.state, sent.attempts) == ("delivered", 2)


def test_recent_events_show_each_delivery_state_and_last_error(place_call, end_call, sessions, receiver):
    first = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    delivery.deliver_due(sessions, SECRET)
    second = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    receiver.stop()
    delivery.deliver_due(sessions, SECRET)
    with sessions() as session:
        newest, oldest = delivery.recent_events(session, limit=2)
    assert (newest.event_id, newest.state, oldest.event_id, oldest.state) == (
        second["event_id"],
        "pending",
        first["event_id"],
        "delivered",
    )
    [pending] = newest.deliveries
    assert (pending.url, pending.state, pending.attempts) == (receiver.url, "pending", 1)
    assert "Connection refused" in pending.last_error
    row = json.loads(json.dumps(newest.as_dict()))
    assert (row["call_sid"], row["deliveries"][0]["attempts"]) == (second["call"]["call_sid"], 1)


def test_a_later_event_of_a_call_waits_for_the_earlier_one(place_call, end_call, sessions, receiver):
    first = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    with sessions() as session:
        call_id = session.scalars(select(Event.call_id).where(Event.event_id == first["event_id"])).one()
        later = Event(event_id=new_event_id(), call_id=call_id, type="call.reviewed", payload="{}")
        later.deliveries = [Delivery(url=receiver.url)]
        session.add(later)
        session.commit()
    receiver.fail(503)
    start = utcnow()
    assert delivery.deliver_due(sessions, SECRET, now=start).attempted == 1  # the first only
    assert delivery.deliver_due(sessions, SECRET, now=start + timedelta(seconds=1)).attempted == 0
    delivery.deliver_due(sessions, SECRET, now=start + timedelta(seconds=6))
    delivery.deliver_due(sessions, SECRET, now=start + timedelta(seconds=7))
    assert list(receiver.events) == [first["event_id"], later.event_id]


def test_a_summariser_replaces_the_path_summary_before_the_first_attempt(
    place_call, end_call, sessions, receiver
):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    asked = []

    def summarise(payload: dict) -> str:
        asked.append(payload["event_id"])
        return "Caller checked the opening hours."

    delivery.deliver_due(sessions, SECRET, summarise=summarise)
    received = receiver.events[event["event_id"]]
    assert (received["summary"], received["summary_by"]) == ("Caller checked the opening hours.", "claude")
    assert asked == [event["event_id"]]


def test_a_failing_summariser_keeps_the_path_summary(place_call, end_call, sessions, receiver):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)

    def summarise(payload: dict) -> str:
        raise TimeoutError("the model took too long")

    assert delivery.deliver_due(sessions, SECRET, summarise=summarise).delivered == 1
    assert receiver.events[event["event_id"]]["summary_by"] == "path"


def test_draining_sends_everything_due_in_as_many_batches_as_it_takes(
    place_call, end_call, sessions, receiver
):
    for _ in range(5):
        end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    done = delivery.drain(sessions, SECRET, batch=2)
    assert done == delivery.DeliveryRound(attempted=5, delivered=5, failed=0)
    assert len(receiver.events) == 5


def test_the_deliverer_loop_sends_events_until_stopped(place_call, end_call, sessions, receiver):
    event = end_call(place_call(digits("5"), speech("goodbye")).call_sid)
    stop = threading.Event()
    worker = threading.Thread(target=delivery.run, args=(sessions, SECRET, 0.02, stop))
    worker.start()
    try:
        wait_for(lambda: receiver.events)
    finally:
        stop.set()
        worker.join(timeout=5)
    assert not worker.is_alive()
    assert list(receiver.events) == [event["event_id"]]


# Several deliverers on one PostgreSQL

DELIVERER = """
import sys, time
from ivr.record.db import make_engine, session_factory
from ivr.business.delivery import deliver_due

sessions = session_factory(make_engine(sys.argv[1]))
sys.stdin.readline()  # start together
delivered = idle = 0
while idle < 10:
    done = deliver_due(sessions, sys.argv[2], batch=4)
    delivered += done.delivered
    idle = 0 if done.attempted else idle + 1
    time.sleep(0 if done.attempted else 0.02)
print(delivered)
"""

# Only with PostgreSQL (TEST_DATABASE_URL): SQLite has a single writer, and one deliverer there.
if POSTGRES:

    @pytest.mark.deploy
    def test_two_deliverers_on_postgresql_never_send_the_same_event():
        url = fresh_postgres_schema(f"{SCHEMA}_race")  # this run's own; dropped at the session's end
        engine = make_engine(url)
        Base.metadata.create_all(engine)
        with WebhookReceiver(SECRET, delay=0.01) as receiver:
            with Session(engine) as session:
                for number in range(80):
                    call = Call(call_sid=f"CA{number:032d}", status="completed", ended_at=utcnow())
                    session.add(call)
                    session.flush()
                    add_call_ended_event(session, call, [receiver.url])
                session.commit()
            deliverers = [
                subprocess.Popen(
                    [sys.executable, "-c", DELIVERER, url, SECRET],
                    cwd=ROOT,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for _ in range(2)
            ]
            try:
                for process in deliverers:
                    process.stdin.write("go\n")
                    process.stdin.flush()
                counts = [int(process.communicate(timeout=120)[0]) for process in deliverers]
            finally:
                for process in deliverers:
                    process.kill()  # no-op for one that has exited
            sent = Counter(r.webhook_id for r in receiver.received)
        with Session(engine) as session:
            event_ids = set(session.scalars(select(Event.event_id)))
            states = set(session.scalars(select(Delivery.state)))
        engine.dispose()
        assert sum(counts) == 80
        assert all(counts), counts  # both took part
        assert set(sent) == event_ids
        assert set(sent.values()) == {1}  # no event was sent twice
        assert states == {"delivered"}
