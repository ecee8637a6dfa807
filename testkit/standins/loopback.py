"""What every loopback stand-in shares: a threaded server on 127.0.0.1 that a test starts and stops,
or uses as a context manager, so that each stand-in's own module keeps only its protocol::

    class ContactsStandIn(LoopbackServer):
        def __init__(self) -> None:
            super().__init__(_Handler)  # _Handler reaches the stand-in as self.server.standin

Stopping looks to a client like the service going down: the port refuses connections, connections
still open are cut, and answers waiting in `_pause()` give up. `start()` after `stop()` comes back on
the same port, so an address handed out before the stop is good again.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from http.server import BaseHTTPRequestHandler
from typing import Any, Self

# shutdown() waits for the serving loop's next poll, so this is how long stop() may take.
POLL_INTERVAL = 0.02


class LoopbackServer:
    """Serves `handler` on `host`:`port` in a daemon thread; port 0 takes a free port on first start."""

    def __init__(
        self, handler: type[socketserver.BaseRequestHandler], host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.host = host
        self.port = port
        self._handler = handler
        self._stopping = threading.Event()
        self._listener: Listener | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> Self:
        """Listen (again): after a stop, on the port it had before."""
        self._stopping.clear()
        self._listener = Listener((self.host, self.port), self._handler, self)
        self.port = self._listener.server_address[1]
        self._thread = threading.Thread(
            target=self._listener.serve_forever, args=(POLL_INTERVAL,), name=type(self).__name__, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Go down: connections are refused, open ones are cut, and waiting answers end unsent."""
        if self._listener is None or self._thread is None:
            return
        self._stopping.set()
        self._listener.shutdown()
        self._listener.cut_connections()
        self._listener.server_close()
        self._thread.join()
        self._listener = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._listener is not None

    @property
    def origin(self) -> str:
        """`http://host:port`, known from the first start; it stays the same while stopped."""
        if not self.port:
            raise RuntimeError(f"{type(self).__name__} was never started")
        return f"http://{self.host}:{self.port}"

    def _pause(self, seconds: float | None) -> bool:
        """For handlers: wait `seconds` (None: until stop()), then say whether to go on answering
        (False once the stand-in is stopping)."""
        if seconds is None:
            self._stopping.wait()
        elif seconds > 0:
            self._stopping.wait(seconds)
        return not self._stopping.is_set()


class Listener(socketserver.ThreadingTCPServer):
    """The listening socket, serving each connection in a thread of its own. It keeps the open
    connections so that stop() can cut them: a client waiting on a hanging answer would otherwise
    wait on after the stand-in is gone. Plain TCP is all http.server's handlers need, and the
    balancer relays bytes that it does not read as HTTP."""

    daemon_threads = True  # an answer cut off by stop() must not hold up the test run
    allow_reuse_address = True  # come back on the same port at once after a stop
    request_queue_size = 256  # load benchmarks open many connections at once

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[socketserver.BaseRequestHandler],
        standin: LoopbackServer,
    ) -> None:
        self.standin = standin
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def cut_connections(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)


class LoopbackHandler(BaseHTTPRequestHandler):
    """An HTTP handler for a stand-in, which it reaches as `self.server.standin`."""

    server: Listener

    def log_message(self, format: str, *args: Any) -> None:
        pass  # tests read what the stand-in recorded, not a log
