"""Who is signed in to the console, and the protections around it: a signed session cookie
(HttpOnly, SameSite=Lax, Secure over https), a CSRF token on every form, and every page but the
login behind a login."""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, Request, abort, current_app, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from werkzeug.wrappers import Response

from ivr.config import Settings
from ivr.console import accounts
from ivr.web.voice import db

log = logging.getLogger("ivr.console")
SESSION_LIFETIME = timedelta(hours=12)
OPEN_ENDPOINTS = {"console.login", "console.static"}


@dataclass(frozen=True)
class ConsoleConfig:
    enabled: bool  # False: no SECRET_KEY in production, so no console (the line still answers calls)
    timezone: str
    public_https: bool  # PUBLIC_BASE_URL is https: the cookie is Secure even if the proxy says http


class SessionCookie(SecureCookieSessionInterface):
    """Flask's signed cookie, Secure whenever the request came over https (behind a proxy: as
    ProxyFix or PUBLIC_BASE_URL says), so plain-http development still works."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure or config().public_https


def configure(app: Flask, settings: Settings) -> None:
    key = settings.secret_key
    if key is None and settings.debug:
        key = secrets.token_hex(32)  # a development server: sessions end when it restarts
        log.warning(
            "event=console_dev_key SECRET_KEY is not set: a random key for this process (FLASK_DEBUG)"
        )
    elif key is None:
        log.warning("event=console_off SECRET_KEY is not set: the console at /console/ is off")
    app.secret_key = key
    app.config.update(
        SESSION_COOKIE_NAME="ivr_console",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_PATH="/console",
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
    )
    app.session_interface = SessionCookie()
    app.extensions["console"] = ConsoleConfig(
        enabled=key is not None,
        timezone=settings.timezone,
        public_https=(settings.public_base_url or "").startswith("https://"),
    )


def config() -> ConsoleConfig:
    return current_app.extensions["console"]


def guard() -> Response | str | None:
    """Before every console request: refuse it when the console is off, check the CSRF token of
    a form, and send anyone not signed in to the login page (or, with no account yet, to the
    page that says how to make one)."""
    if not config().enabled:
        return render_template("console/off.html"), 503  # type: ignore[return-value]
    if request.method == "POST" and not _genuine_form(request):
        log.warning("event=console_csrf_refused path=%s remote=%s", request.path, request.remote_addr)
        abort(400, "This form has expired or did not come from the console: reload the page and try again.")
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    user_id = session.get("user")
    if isinstance(user_id, int) and accounts.exists(db(), user_id):
        return None
    session.pop("user", None)
    if not accounts.any_account(db()):
        return render_template("console/no_accounts.html")
    return redirect(
        url_for("console.login", next=request.full_path.rstrip("?") if request.method == "GET" else None)
    )


def csrf_token() -> str:
    """This session's token, made on first use; every console form carries it."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def _genuine_form(req: Request) -> bool:
    sent, expected = req.form.get("csrf", ""), session.get("csrf", "")
    return bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())


def start_session(user_id: int) -> None:
    """A fresh session for a user who just signed in: nothing kept from before (no fixation)."""
    session.clear()
    session.permanent = True
    session["user"] = user_id
    session["csrf"] = secrets.token_urlsafe(32)


def end_session() -> None:
    session.clear()


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a console path only, never another site."""
    if target and target.startswith("/console/") and not target.startswith("//"):
        return target
    return url_for("console.calls")
