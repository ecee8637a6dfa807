"""A round-robin TCP load balancer on loopback, standing in for the one in front of several instances.

Each new connection goes to the next backend in turn, and its bytes are passed through untouched in
both directions. Like a cloud load balancer there is no session affinity: one call's webhooks (a new
connection each, as Twilio makes them) land on whichever instance is next. It counts the connections
it gave each backend, so a test can show that every instance took part.

Simplifications: plain TCP, no TLS and no X-Forwarded-* headers (the Host header the client sent
reaches the backend unchanged); a backend that refuses the connection just gets the client's
connection closed, where a real balancer would answer 502.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import socketserver
import threading
from collections import Counter
from collections.abc import Sequence

from testkit.standins.loopback import Listener, LoopbackServer

Address = tuple[str, int]
CHUNK_BYTES = 64 * 1024
CONNECT_TIMEOUT = 5.0


class RoundRobinBalancer(LoopbackServer):
    """Listens on 127.0.0.1 (a free port) while used as a context manager; `url` is its address."""

    def __init__(self, backends: Sequence[Address]) -> None:
        super().__init__(_Relay)
        self.backends = list(backends)
        self.connections: Counter[Address] = Counter()
        self._next = itertools.cycle(self.backends)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.origin

    def choose_backend(self) -> Address:
        with self._lock:
            backend = next(self._next)
            self.connections[backend] += 1
            return backend


class _Relay(socketserver.BaseRequestHandler):
    """One client connection, spliced to one backend connection until both sides have finished."""

    server: Listener
    request: socket.socket

    def handle(self) -> None:
        backend = self.server.standin.choose_backend()
        try:
            upstream = socket.create_connection(backend, timeout=CONNECT_TIMEOUT)
        except OSError:
            return  # the client sees its connection closed
        upstream.settimeout(None)
        with upstream:
            replies = threading.Thread(target=_pipe, args=(upstream, self.request), daemon=True)
            replies.start()
            _pipe(self.request, upstream)
            replies.join()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    """Copy bytes until the source finishes sending, then pass that on by half-closing the sink."""
    try:
        while chunk := source.recv(CHUNK_BYTES):
            sink.sendall(chunk)
    except OSError:
        pass  # a reset on either side ends this direction; the other direction ends on its own
    finally:
        with contextlib.suppress(OSError):  # the sink is already gone
            sink.shutdown(socket.SHUT_WR)
