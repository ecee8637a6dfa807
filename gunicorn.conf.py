"""gunicorn settings for the Procfile's web process.

PORT and WEB_CONCURRENCY are the hosting platform's contract with the process (Heroku sets them),
so they are read here rather than in ivr.config, which holds the application's own settings."""

import os

from ivr.config import Settings

# Refuse an unsafe production configuration before any worker starts, with what to set.
Settings.from_env().check(under_gunicorn=True)

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads let a worker serve other callers while one turn waits on the database or the model.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# Twilio gives up on a webhook after 15 s; a turn that is still running then is already lost.
timeout = 20
graceful_timeout = 10
keepalive = 5
accesslog = "-"
# gunicorn 27 opens a control socket under $HOME by default; several servers on one machine
# (tests, benchmarks, a second instance) would collide on it, and nothing here uses it.
control_socket_disable = True
