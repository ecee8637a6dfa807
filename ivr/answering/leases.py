"""Leases on the answers this process is deciding: while a worker thinks, it renews them; if it
dies, they run out and the next request for that turn takes it over."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session, sessionmaker

from ivr.record import turns

log = logging.getLogger("ivr.answering")
LEASE_S = 3.0
RENEW_EVERY_S = 1.0


def owner() -> str:
    """Who is deciding a turn: this process, on this machine."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Leases:
    """The leases on every turn this process is deciding, renewed together once a second by one
    thread, in one statement: a process deciding hundreds of turns at once costs the database one
    UPDATE a second, not hundreds."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.held: set[int] = set()
        self.lock = threading.Lock()
        self.released = threading.Condition(self.lock)
        self.thread: threading.Thread | None = None

    @contextmanager
    def hold(self, answer_id: int) -> Iterator[None]:
        with self.lock:
            self.held.add(answer_id)
            if self.thread is None:  # started on first use, in the process that serves requests
                self.thread = threading.Thread(target=self._renew, name="leases", daemon=True)
                self.thread.start()
        try:
            yield
        finally:
            with self.lock:
                self.held.discard(answer_id)
                self.released.notify_all()

    def wait_released(self, answer_id: int, timeout: float) -> bool:
        """Wait, up to `timeout`, until this process is done with the answer (decided and stored
        it); False at once if it is not deciding it."""
        with self.lock:
            if answer_id not in self.held:
                return False
            self.released.wait_for(lambda: answer_id not in self.held, timeout)
            return True

    def _renew(self) -> None:
        while True:
            time.sleep(RENEW_EVERY_S)
            with self.lock:
                held = list(self.held)
            if not held:
                continue
            try:
                with self.sessions() as session:
                    turns.renew_leases(session, held, owner(), LEASE_S)
            except Exception:  # a missed renewal risks a second decision, never a lost turn
                log.warning("event=lease-renewal-failed answers=%s", len(held), exc_info=True)
