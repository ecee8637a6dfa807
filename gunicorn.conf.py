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
#   as turns it has in flight (calls x model_s / (model_s + pause) / workers: 500 calls -> ~90).
#   2x256, 2026-11-24: 100 calls p99 overhead 62 ms, 0 failed, 142 MB per worker; 500 calls
#   0 failed but p95 3.3 s (the workers' own model requests slow down, see bench/README.md);
#   1,000 calls not held. With 64 threads a worker runs out of threads before 500 calls.
# - gevent: at 100 calls p50 256-565 ms and p99 1.9-2.2 s (earlier build): the Messages API
#   requests themselves ran 0.4 s (p50) to 1.9 s (p95) slower under gevent, at twice the CPU per
#   request in a micro-benchmark. Menu-engine turns were equal within the noise.
# Threads are started as requests need them, so a quiet line pays nothing for the 256.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "256"))
# Twilio gives up on a webhook after 15 s; a turn that is still running then is already lost.
timeout = 20
graceful_timeout = 10
keepalive = 5
accesslog = "-"
# gunicorn 27 opens a control socket under $HOME by default; several servers on one machine
# (tests, benchmarks, a second instance) would collide on it, and nothing here uses it.
control_socket_disable = True
