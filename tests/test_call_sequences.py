"""Whole calls as Twilio might really deliver them, generated: webhooks in order or not, repeated,
sent twice at once, with odd values, and status callbacks shuffled in. Whatever the sequence, the
line's promises hold: no 5xx, valid TwiML, no number dialed outside the directory, one stored row
per turn in order, a call's end fixed by its first final status, and nothing left pending.

`EXAMPLES` keeps the default run short; `IVR_SEQUENCE_EXAMPLES=2000 pytest tests/test_call_sequences.py`
is the long mode."""

from __future__ import annotations

import itertools
import os
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from ivr.assistant import SAMPLE_PATH, load
from ivr.record.models import Call, Turn
from testkit.checks import inconsistencies, record_attack, twiml_problems
from testkit.webhooks import Webhooks

EXAMPLES = int(os.environ.get("IVR_SEQUENCE_EXAMPLES", "100"))
DIRECTORY = set(load(SAMPLE_PATH).directory.values())
FINAL = ("completed", "busy", "no-answer", "failed", "canceled")
SAYINGS = [
    "pharmacy",
    "billing please",
    "operator",
    "what are your hours",
    "bye",
    "",
    "pharmacy\x00",
    "4111 1111",
]
call_numbers = itertools.count()


@dataclass(frozen=True)
class Step:
    """One webhook of the call: `follow` takes the turn from the last TwiML, else `turn` is used."""

    route: str
    fields: tuple[tuple[str, str], ...]
    follow: bool = True
    turn: int = 1
    twice_at_once: bool = False


def fields(**values: str) -> tuple[tuple[str, str], ...]:
    return tuple(values.items())


step = st.one_of(
    st.builds(Step, route=st.just("/voice/incoming"), fields=st.just(fields(CallStatus="ringing"))),
    st.builds(
        Step,
        route=st.just("/voice/gather"),
        fields=st.one_of(
            st.builds(
                lambda s, c: fields(SpeechResult=s, Confidence=c),
                st.sampled_from(SAYINGS),
                st.sampled_from(["0.9", "0.2", "", "x", "-1"]),
            ),
            st.builds(
                lambda d: fields(Digits=d), st.sampled_from(["0", "1", "2", "5", "9", "#", "12", "\x00"])
            ),
        ),
        follow=st.booleans(),
        turn=st.integers(0, 2**40),
        twice_at_once=st.booleans(),
    ),
    st.builds(
        Step,
        route=st.just("/voice/dial"),
        fields=st.builds(
            lambda d: fields(DialCallStatus=d),
            st.sampled_from(["busy", "no-answer", "completed", "failed", "x\x00"]),
        ),
        follow=st.booleans(),
        turn=st.integers(0, 2**40),
    ),
    st.builds(
        Step,
        route=st.just("/voice/status"),
        fields=st.builds(
            lambda s, d: fields(CallStatus=s, CallDuration=d),
            st.sampled_from([*FINAL, "in-progress", "ringing", "completed\x00"]),
            st.sampled_from(["0", "73", "2147483648", "-5", "", "9" * 30]),
        ),
        twice_at_once=st.booleans(),
    ),
)


def next_url(document: str) -> str | None:
    root = ET.fromstring(document)
    for element in root.iter():
        if element.get("action"):
            return element.get("action")
    redirect = root.find("Redirect")
    return redirect.text if redirect is not None else None


def dialed(document: str) -> set[str]:
    return {(number.text or "").strip() for number in ET.fromstring(document).iter("Number")} | {
        (dial.text or "").strip()
        for dial in ET.fromstring(document).iter("Dial")
        if (dial.text or "").strip()
    }


def test_any_sequence_of_webhooks_keeps_the_lines_promises(app, db_engine, record_property):
    record_attack(
        record_property,
        "generated calls: webhooks shuffled, repeated, doubled, odd values",
        EXAMPLES,
        "survived",
    )

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(steps=st.lists(step, min_size=1, max_size=14))
    def a_call(steps: list[Step]) -> None:
        hooks = Webhooks(app.test_client(), call_sid=f"CA{next(call_numbers):032x}")
        url, problems, first_final = "/voice/gather?turn=1", [], None
        for s in steps:
            path = (
                s.route
                if s.route in ("/voice/incoming", "/voice/status")
                else (url if s.follow and url and url.startswith(s.route) else f"{s.route}?turn={s.turn}")
            )
            params = dict(s.fields)
            if params.get("CallStatus") == "ringing":
                params |= {"From": f"+1202555{next(call_numbers) % 10000:04d}", "To": "+15555550000"}
            copies = 2 if s.twice_at_once else 1
            with ThreadPoolExecutor(copies) as pool:
                sent = [pool.submit(hooks.post, path, **params) for _ in range(copies)]
                responses = [copy.result() for copy in sent]
            for response in responses:
                problems += twiml_problems(response)
                if response.status_code == 200:
                    document = response.get_data(as_text=True)
                    problems += [f"dialed {n}" for n in dialed(document) - DIRECTORY]
                    url = next_url(document) or url
            if s.route == "/voice/status" and first_final is None and params["CallStatus"] in FINAL:
                first_final = the_end(db_engine, hooks.call_sid)
        assert problems == []
        assert inconsistencies(db_engine) == []
        if first_final is not None:
            assert the_end(db_engine, hooks.call_sid) == first_final  # later statuses moved nothing
            assert not pending(db_engine, hooks.call_sid)

    a_call()


def the_end(engine, call_sid: str) -> tuple:
    with Session(engine) as session:
        call = session.scalars(select(Call).where(Call.call_sid == call_sid)).one()
        return call.status, call.duration_s, call.ended_at, call.outcome


def pending(engine, call_sid: str) -> list[int]:
    with Session(engine) as session:
        query = select(Turn.seq).join(Call).where(Call.call_sid == call_sid, Turn.state == "pending")
        return list(session.scalars(query))
