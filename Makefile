# Two commands for a newcomer: `make run` installs and starts the IVR on embedded defaults;
# `make test` installs and runs every test (lint, format and type checks included), on both cores.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The console's browser tests drive Debian's Chromium through Playwright (whose own browser
# download needs the internet); installed once, with sudo unless already root.
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test

run: $(VENV)/.installed .env
	$(BIN)/alembic upgrade head
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

test: $(VENV)/.installed $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy ivr
	$(BIN)/pytest -n 2 --durations=15

$(VENV)/.installed: requirements.txt requirements-dev.txt setup.cfg
	@echo "Installing ivr and its test tools into $(VENV) (once; about a minute)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

# A development auth token, so that `ivr call` and the server sign and check requests alike, and
# a random key for the console's session cookie.
.env:
	sed -e "s/^TWILIO_AUTH_TOKEN=$$/TWILIO_AUTH_TOKEN=$$($(PYTHON) -c 'import secrets; print(secrets.token_hex(16))')/" \
	    -e "s/^SECRET_KEY=$$/SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_hex(32))')/" .env.example > .env
	@echo "Wrote .env with a random development TWILIO_AUTH_TOKEN and SECRET_KEY: put your real token there before going live."
