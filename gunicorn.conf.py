"""gunicorn settings for the Procfile's web process.

PORT and WEB_CONCURRENCY are the hosting platform's contract with the process (Heroku sets them),
so they are read here rather than in ivr.config, which holds the application's own settings."""

import os

from ivr.config import Settings

# Refuse an unsafe production configuration before any worker starts, with what to set.
Settings.from_env().check(under_gunicorn=True)

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# The worker model, chosen by measurement (bench/README.md, `python -m bench.run`; 2-core machine,
# PostgreSQL, Messages API stand-in at 2 s, callers pausing 2-4 s between turns):
# - gthread: a request thread waits out each model call, so a worker needs about as many threads
#   as turns it has in flight (calls x model_s / (model_s + pause) / workers: 100 calls -> ~20).
#   With 2x64 threads, 100 calls: overhead p50 34 ms, p99 116-122 ms, 0 failed, 141 MB per worker.
# - gevent: the same 100 calls gave p50 256-565 ms and p99 1.9-2.2 s: the Messages API requests
#   themselves ran 0.4 s (p50) to 1.9 s (p95) slower under gevent (model_ms recorded by the app),
#   at twice the CPU per request in a micro-benchmark; 137 MB per worker. Menu-engine turns were
#   equal within the noise.
# Neither holds 500 or 1,000 calls yet: both then run out of the app's 64 model calls and 15
# database connections per process (see bench/README.md), so threads beyond 64 buy nothing today.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "64"))
# Twilio gives up on a webhook after 15 s; a turn that is still running then is already lost.
timeout = 20
graceful_timeout = 10
keepalive = 5
accesslog = "-"
# gunicorn 27 opens a control socket under $HOME by default; several servers on one machine
# (tests, benchmarks, a second instance) would collide on it, and nothing here uses it.
control_socket_disable = True
