"""gunicorn settings for the Procfile's web process.

PORT and WEB_CONCURRENCY are the hosting platform's contract with the process (Heroku sets them),
so they are read here rather than in ivr.config, which holds the application's own settings."""

import contextlib
import gc
import os
import re
import selectors
import socket
import sys
import time
from functools import partial

from gunicorn.http import get_parser
from gunicorn.http.errors import NoMoreData
from gunicorn.http.unreader import SocketUnreader
from gunicorn.workers.gthread import ThreadWorker

from ivr import MAX_REQUEST_BYTES, startup

# numpy's BLAS on one thread per worker, set before anything imports numpy: the semantic tiers'
# matrix products are a sentence wide, too small to share out, and a BLAS thread per core in each
# worker only adds CPU (the deep tier's transformer: 7.6 ms of CPU per sentence with a thread per
# core against 5.1 ms with one, on the 2-core machine; bench/README.md).
for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")

# Refuse a broken or unsafe line before any worker starts, in one line that says what to do.
try:
    settings = startup.checked_settings()
except startup.StartupError as error:
    startup.stop(error, os.environ.get("LOG_LEVEL", "").upper())

# Read from the environment, or the same .env as the settings. HOST=127.0.0.1 keeps the line to
# this machine; hosts like Heroku need every interface.
env = startup.process_variables()
bind = f"{env.get('HOST', '0.0.0.0')}:{env.get('PORT', '8000')}"
workers = int(env.get("WEB_CONCURRENCY", "2"))
# The worker model, chosen by measurement (bench/README.md, `python -m bench.run`; 2-core machine,
# PostgreSQL, Messages API stand-in at 2 s, callers pausing 2-4 s between turns):
# - gthread: a request thread waits out each model call, so a worker needs about as many threads
#   as turns it has in flight (calls x model_s / (model_s + pause) / workers: 500 calls -> ~90).
#   2x256, 2026-11-24: 100 calls p99 overhead 62 ms, 0 failed, 142 MB per worker; 500 calls
#   0 failed but p95 3.3 s (the workers' own model requests slow down, see bench/README.md);
#   1,000 calls not held. With 64 threads a worker runs out of threads before 500 calls.
# - gevent: at 100 calls p50 256-565 ms and p99 1.9-2.2 s (earlier build): the Messages API
#   requests themselves ran 0.4 s (p50) to 1.9 s (p95) slower under gevent, at twice the CPU per
#   request in a micro-benchmark. Menu-engine turns were equal within the noise.
# Threads are started as requests need them, so a quiet line pays nothing for the 256.
# The model calls stay on threads, one per call beside the request's (ivr/__init__.py's executor),
# not on one asyncio event loop per process (the SDK's AsyncAnthropic, request threads waiting on
# its futures): `python -m bench.model_calls` (the app's streamed request, begun by 150 or 300
# request threads at once, stand-in at 2 s; medians of 3 and 2 rounds, 2026-11-30) measured
# 150 at once: threads 5.5 ms of CPU per call, p99 540 ms over the model; the loop 5.8 ms, p99
#   951 ms (every stream's parsing queues on the loop's one thread);
# 300 at once: threads 6.6 ms, p99 1.4 s; the loop 8.0 ms, p99 2.4 s.
# What a model call costs is the SDK's streamed request itself (a plain one: 3.8 ms), not its thread.
worker_class = "gthread"
threads = int(env.get("GUNICORN_THREADS", "256"))
# Twilio gives up on a webhook after 15 s; a turn that is still running then is already lost.
timeout = 20
graceful_timeout = 10
keepalive = 5
accesslog = "-"
# gunicorn 27 opens a control socket under $HOME by default; several servers on one machine
# (tests, benchmarks, a second instance) would collide on it, and nothing here uses it.
control_socket_disable = True

# Slow clients, chosen by measurement (tests/test_slow_clients.py; 2-core machine, a signed
# /voice/incoming webhook placed while connections trickle their headers in, a byte a second):
# - gthread alone: a request thread reads its request with a blocking recv and no deadline once the
#   first byte is in. In gunicorn 27 `timeout` is the worker's heartbeat, `keepalive` bounds only the
#   idle wait between requests, and the hard-coded 5 s "worker data timeout" only a new connection's
#   wait for its first byte. 1x4 threads: with 5 or 20 slow connections the webhook was answered only
#   when they gave up (14.5 s later), none was ever closed; 2x256: 600 of them left 1 webhook in 4
#   unanswered at 16 s.
# - A 5 s deadline on the request threads' reads (socket timeouts): each slow connection still holds
#   a thread until its deadline. 1x4: 5 slow, answered in 3.5 and 7.5 s; 20 slow, not in 16 s.
#   2x256: 600 slow, 1 webhook in 4 not in 16 s; 1,500 slow, 9.5-13.7 s.
# - gevent (--worker-class gevent): 20, 600 and 1,500 slow, answered in 7-47 ms: it cuts headers off
#   at `keepalive`, though not a trickled body; rejected above for the model calls.
# - Chosen, the read-ahead: the worker's event loop reads each request, without a thread; a request
#   thread gets a connection once its whole request (headers and body) is in memory, and a request
#   not whole within READ_DEADLINE of the connection (or of its first byte, on a kept-alive one) is
#   answered 408 and closed. 1x4 with 20 slow and 2x256 with 600 or 1,500: answered in 6-45 ms, every
#   slow connection closed at 5.0 s; with none, the same 0.7-0.9 ms a request as plain gthread. A
#   body over the app's limit (MAX_REQUEST_BYTES) gets 413 before any thread, chunked or not (the
#   app let a chunked one through cut short, and its signature failed: 403), headers over
#   MAX_HEAD_BYTES 431. Left: worker_connections (1,000 a worker). Past 2,000 slow connections at
#   once, a new one waits in the backlog for one to be cut off (2,500: 3.6 s).
# gunicorn has no setting for this: the post_worker_init hook below makes gthread's ThreadWorker a
# ReadAheadWorker. `worker_class = ReadAheadWorker` would lose to a `--worker-class gthread` on the
# command line (bench/servers.py passes one), and the benchmark would measure another server.
READ_DEADLINE = 5.0  # seconds for a whole request; Twilio sends one in well under a second
MAX_HEAD_BYTES = 64 * 1024  # request line and headers; Twilio's are about 1 KB
WHOLE = "whole"  # IncomingRequest.verdict(): gunicorn's parser can read it without waiting
TOO_LARGE = "413 Content Too Large"
HEADERS_TOO_LARGE = "431 Request Header Fields Too Large"
CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


def on_starting(server):
    try:
        for address in server.cfg.address:
            if isinstance(address, tuple):
                startup.check_port(*address)
        startup.read_shared_weights(settings)  # before the workers fork, so that they share them
    except startup.StartupError as error:
        startup.stop(error, settings.log_level)


def when_ready(server):
    host, port = next((a for a in server.cfg.address if isinstance(a, tuple)), ("127.0.0.1", 8000))
    print(startup.ready_line(settings, host, port), file=sys.stderr, flush=True)


def post_worker_init(worker):
    # The app is built: what it holds now lives as long as the worker. Frozen, it is never scanned
    # again. Unfrozen, a full collection (218,000 objects in a Claude-engine app) stopped every
    # thread of the worker for 156-196 ms, once a worker in a 300-call burst; frozen, 8.5-10.7 ms
    # (bench/README.md, "Garbage collection").
    gc.collect()
    gc.freeze()
    if type(worker) is not ThreadWorker:
        return  # another worker class (gevent in a benchmark): not ours to change
    cfg = worker.cfg
    if cfg.is_ssl or cfg.protocol != "http" or cfg.proxy_protocol != "off" or cfg.http2_cleartext != "off":
        # gunicorn must see those connections' first bytes itself (TLS, PROXY, uwsgi, HTTP/2)
        worker.log.warning("Slow clients are not cut off: no read-ahead with TLS, PROXY, uwsgi or h2c")
        return
    worker.__class__ = ReadAheadWorker
    worker.reading = {}  # connection -> None, oldest first: each one's deadline is later than the last


class IncomingRequest:
    """An HTTP/1.1 request as it arrives: enough of its framing (RFC 9112 sections 6-7) to tell when
    it is whole. gunicorn's own parser reads it afterwards, strictly; what this cannot frame is
    handed over as it is, and gunicorn refuses it (400) before waiting for a body."""

    def __init__(self, deadline):
        self.deadline = deadline
        self.data = bytearray()
        self.scanned = 0  # how far the search for the end of the headers has got
        self.head_end = None  # offset just past the blank line that ends the headers
        self.body_end = None  # Content-Length: offset just past the body
        self.next_chunk = None  # chunked: offset of the next chunk-size line
        self.body_bytes = 0  # chunked: the chunks' data up to next_chunk
        self.expects_continue = False  # "Expect: 100-continue": the client waits for a 100
        self.refused = False  # answered with an error: what else arrives is read and dropped

    def verdict(self):
        """None while more is to come; WHOLE; or the status line to refuse it with."""
        if self.head_end is None:
            end = self.data.find(b"\r\n\r\n", max(0, self.scanned - 3))
            head = len(self.data) if end < 0 else end + 4
            line_feeds = self.data.count(b"\n", self.scanned, head)
            if line_feeds != self.data.count(b"\r\n", max(0, self.scanned - 1), head):
                return WHOLE  # a line feed without a carriage return: refused by gunicorn (400)
            self.scanned = head
            if end < 0:
                return HEADERS_TOO_LARGE if len(self.data) > MAX_HEAD_BYTES else None
            self.head_end = head
            framing = self._framing(bytes(self.data[:end]))
            if framing:
                return framing
        if self.body_end is not None:
            return WHOLE if len(self.data) >= self.body_end else None
        return self._chunks()

    def _framing(self, head):
        lines = head.split(b"\r\n")
        lengths, codings = [], []
        for line in lines[1:]:
            name, colon, value = line.partition(b":")
            if not colon:
                continue
            name, value = name.lower(), value.strip()
            if name == b"content-length":
                lengths.append(value)
            elif name == b"transfer-encoding":
                codings += [coding.strip().lower() for coding in value.split(b",")]
            elif name == b"expect":
                self.expects_continue = value.lower() == b"100-continue" and lines[0].endswith(b"HTTP/1.1")
        if codings:
            if lengths or codings[-1] != b"chunked":
                return WHOLE  # refused by gunicorn (400, 501)
            self.next_chunk = self.head_end
        elif lengths:
            if len(set(lengths)) != 1 or not lengths[0].isdigit():
                return WHOLE  # refused by gunicorn (400)
            if int(lengths[0]) > MAX_REQUEST_BYTES:
                return TOO_LARGE
            self.body_end = self.head_end + int(lengths[0])
        else:
            return WHOLE  # no body
        return None

    def _chunks(self):
        while True:
            line_end = self.data.find(b"\r\n", self.next_chunk)
            if line_end < 0:
                return WHOLE if len(self.data) - self.next_chunk > 1024 else None  # no chunk-size line
            digits = bytes(self.data[self.next_chunk : line_end]).split(b";", 1)[0].strip()
            if not CHUNK_SIZE.fullmatch(digits):
                return WHOLE  # refused by gunicorn (400)
            size = int(digits, 16)
            if size == 0:  # the last chunk; trailer fields, if any, end with a blank line
                if self.data.find(b"\r\n\r\n", line_end) >= 0:
                    return WHOLE
                return HEADERS_TOO_LARGE if len(self.data) - line_end > MAX_HEAD_BYTES else None
            if self.body_bytes + size > MAX_REQUEST_BYTES:
                return TOO_LARGE
            chunk_end = line_end + 2 + size + 2
            if len(self.data) < chunk_end:
                return None
            if self.data[chunk_end - 2 : chunk_end] != b"\r\n":
                return WHOLE  # refused by gunicorn (400)
            self.body_bytes += size
            self.next_chunk = chunk_end
            if chunk_end - self.head_end > 2 * MAX_REQUEST_BYTES:
                return TOO_LARGE  # so many small chunks that their framing alone is too much


class DeadlineUnreader(SocketUnreader):
    """gunicorn's socket reader, with each recv bounded by the request's read deadline. A request
    thread reads from the socket only if it was handed a request the read-ahead could not frame; a
    whole request is read from the buffer."""

    deadline = None

    def chunk(self, size_hint=None):
        if self.deadline is None:
            return super().chunk(size_hint)
        before = self.sock.gettimeout()
        wait = max(self.deadline - time.monotonic(), 0.001)
        self.sock.settimeout(wait if before is None else min(wait, before))
        try:
            return super().chunk(size_hint)
        except TimeoutError as timeout:
            raise NoMoreData() from timeout  # gunicorn closes the connection without a word
        finally:
            self.sock.settimeout(before)


class ReadAheadWorker(ThreadWorker):
    """gthread's worker, with every request read by the event loop before a thread gets it."""

    cut_off = 0  # slow clients cut off since cut_off_logged
    cut_off_logged = 0.0

    def enqueue_req(self, conn):
        # Every way to a request thread passes here: a new connection, a kept-alive one that became
        # readable, and one whose last read took in part of the next request.
        conn.incoming = IncomingRequest(time.monotonic() + READ_DEADLINE)
        conn.continued = False  # sent "100 Continue" for this request
        conn.sock.setblocking(False)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.read_ahead, conn))
        self.reading[conn] = None
        if conn.parser is not None:
            conn.incoming.data += conn.parser.unreader.take_buffered()
        self.act_on(conn)

    def read_ahead(self, conn, _sock):
        try:
            data = conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self.drop(conn)  # the client went away
        elif not conn.incoming.refused:
            conn.incoming.data += data
            self.act_on(conn)

    def act_on(self, conn):
        incoming = conn.incoming
        try:
            verdict = incoming.verdict()
        except Exception:  # a fault here must not stop the worker: gunicorn's parser will judge it
            self.log.exception("Read-ahead failed on a request from %s", conn.client)
            verdict = WHOLE
        if verdict is None:
            if incoming.expects_continue and incoming.head_end is not None:
                incoming.expects_continue = False
                conn.continued = True
                self.say(conn, b"HTTP/1.1 100 Continue\r\n\r\n")
        elif verdict == WHOLE:
            self.stop_reading(conn)
            if conn.parser is None:  # a new connection: the parser TConn.init would have made
                conn.parser = get_parser(self.cfg, conn.sock, conn.client)
                conn.parser.unreader = DeadlineUnreader(conn.sock)
                conn.data_ready = True
            conn.parser.unreader.unread(bytes(incoming.data))
            conn.parser.unreader.deadline = incoming.deadline
            conn.incoming = None
            super().enqueue_req(conn)
        else:
            incoming.refused = True
            self.log.info("Refused a request from %s: %s", conn.client, verdict)
            body = verdict.encode() + b"\n"
            self.say(
                conn,
                b"HTTP/1.1 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                b"Connection: close\r\n\r\n%s" % (verdict.encode(), len(body), body),
            )
            try:
                conn.sock.shutdown(socket.SHUT_WR)  # read what the client still sends, till it reads this
            except OSError:
                self.drop(conn)

    def handle_request(self, req, conn):
        if conn.continued:
            req._expected_100_continue = False  # gunicorn would send a second "100 Continue"
        return super().handle_request(req, conn)

    def say(self, conn, data):
        with contextlib.suppress(OSError):
            conn.sock.send(data)  # a few bytes to a socket that has sent nothing back yet

    def stop_reading(self, conn):
        del self.reading[conn]
        self.poller.unregister(conn.sock)

    def drop(self, conn):
        self.stop_reading(conn)
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        while self.reading:
            conn = next(iter(self.reading))
            if conn.incoming.deadline > now:
                break
            if conn.incoming.data and not conn.incoming.refused:
                self.say(
                    conn, b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
                self.cut_off += 1
            self.drop(conn)
        if self.cut_off and now - self.cut_off_logged >= 60:
            self.log.warning(
                "Cut off %d slow client(s): no whole request within %g s", self.cut_off, READ_DEADLINE
            )
            self.cut_off, self.cut_off_logged = 0, now

    def wait_for_and_dispatch_events(self, timeout):
        if self.reading:  # wake up for the first deadline
            first = next(iter(self.reading)).incoming.deadline
            timeout = max(0.0, min(timeout, first - time.monotonic()))
        super().wait_for_and_dispatch_events(timeout)
