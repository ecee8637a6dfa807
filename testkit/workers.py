"""Workers of our own app, played at the record: one that claims a caller's turn, as a worker
deciding it would, and then does nothing more (it died, or hangs)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ivr.dialog import wording
from ivr.dialog.types import CallerInput
from ivr.record import turns
from ivr.record.calls import CallDetails

FILLERS = ("One moment, please.", wording.ENGLISH.STILL_WORKING)  # the sample's filler, then ours


def claim_as(db_engine, call_sid: str, text: str, owner: str, lease_s: float) -> turns.Claim:
    """A worker claims the caller's first turn and then does nothing more with it."""
    with Session(db_engine) as session:
        said = CallerInput("speech", text, 0.9)
        claim = turns.record_turn(session, CallDetails(call_sid), 1, said, lambda *_: None, owner, lease_s)
        assert isinstance(claim, turns.Claim)
        return claim
