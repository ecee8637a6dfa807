"""What every answer and the stored record must satisfy, and how attack cases are counted for
bench.attacks: the checks tests/test_attacks.py and tests/test_faults.py make after each attack."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ivr.devtools import twiml_rules
from ivr.record.models import Call
from ivr.record.turns import DONE, PENDING


def record_attack(record_property, attack: str, cases: int, expect: str) -> None:
    """What bench/attacks.py puts in its table: the attack, how many cases, the expected outcome."""
    record_property("attack", attack)
    record_property("cases", cases)
    record_property("expect", expect)  # "rejected" or "survived"


def inconsistencies(engine: Engine) -> list[str]:
    """Every way the stored calls break the turn invariants; empty when all is well.

    Seqs run without gaps from 0 (the greeting) or from 1 (a call first seen on a turn); odd seqs
    are the caller's, even ones the assistant's; each caller turn has its answer; a pending answer
    has an owner and a lease deadline, a done one has neither a pending state nor a deadline."""
    problems = []
    with Session(engine) as session:
        for call in session.scalars(select(Call)):
            turns = sorted(call.turns, key=lambda turn: turn.seq)
            seqs = [turn.seq for turn in turns]
            where = f"call {call.call_sid!r}"
            if seqs and (seqs[0] not in (0, 1) or seqs != list(range(seqs[0], seqs[0] + len(seqs)))):
                problems.append(f"{where}: seqs {seqs} do not run from 0 or 1 without gaps")
            for turn in turns:
                role = "assistant" if turn.seq % 2 == 0 else "caller"
                if turn.role != role:
                    problems.append(f"{where} seq {turn.seq}: role {turn.role}, expected {role}")
                if turn.role == "caller" and turn.seq + 1 not in seqs:
                    problems.append(f"{where} seq {turn.seq}: a caller turn without an answer")
                if turn.role == "assistant" and turn.state == PENDING and not (turn.owner and turn.deadline):
                    problems.append(f"{where} seq {turn.seq}: pending without an owner and a deadline")
                if turn.role == "assistant" and turn.state == DONE and turn.deadline is not None:
                    problems.append(f"{where} seq {turn.seq}: done but still holding a lease")
                if turn.state not in (PENDING, DONE):
                    problems.append(f"{where} seq {turn.seq}: state {turn.state!r}")
    return problems


def twiml_problems(response, method: str = "POST") -> list[str]:
    """Why a response is neither valid TwiML (or the status route's 204) nor a 4xx."""
    status = response.status_code
    if 400 <= status < 500:
        return []
    if method == "OPTIONS" and status == 200 and not response.get_data():
        return []  # Flask's automatic answer (an Allow header), given once the signature checks out
    if status == 204:
        return [] if not response.get_data() else ["a 204 with a body"]
    if status != 200:
        return [f"HTTP {status}"]
    if response.mimetype != "text/xml":
        return [f"200 with content type {response.mimetype!r}"]
    return twiml_rules.check(response.get_data(as_text=True))
