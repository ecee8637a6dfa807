"""Only Twilio gets in: every webhook must carry a valid X-Twilio-Signature.

Twilio signs the exact URL it requested plus the sorted POST parameters
(https://www.twilio.com/docs/usage/webhooks/webhooks-security). Behind a TLS-terminating
proxy we see another scheme and host, so the URL is rebuilt from PUBLIC_BASE_URL, or from the
X-Forwarded-* headers that ProxyFix trusts for the configured number of hops."""

from __future__ import annotations

import hmac
import logging
from urllib.parse import quote, urlsplit

from flask import Request
from twilio.request_validator import RequestValidator

log = logging.getLogger("ivr.web.signatures")
FORM = "application/x-www-form-urlencoded"  # all Twilio ever posts to a voice webhook


def public_url(request: Request, public_base_url: str | None) -> str:
    """The URL as Twilio requested it: escapes untouched (werkzeug's request.url decodes them,
    and Twilio signs the URL as sent), on the public scheme and host."""
    base = public_base_url or request.host_url.rstrip("/")
    query = request.query_string.decode("latin-1")
    return base + raw_path(request) + (f"?{query}" if query else "")


def raw_path(request: Request) -> str:
    """The path as it arrived on the request line (gunicorn: RAW_URI), else re-escaped."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or ""
    path = raw.split("?", 1)[0] if raw.startswith("/") else urlsplit(raw).path
    return path or quote(request.script_root + request.path)


def why_refused(request: Request, public_base_url: str | None, trusted_proxy_hops: int) -> str:
    """One log line's worth on a refused request: the URL the signature was checked against,
    the forwarded scheme and host seen, and the setting that would fix a proxy mismatch. Never
    the token or the signature Twilio should have sent."""
    checked = public_url(request, public_base_url)
    proto = request.headers.get("X-Forwarded-Proto")
    host = request.headers.get("X-Forwarded-Host")
    seen = f"forwarded_proto={proto or '-'} forwarded_host={host or '-'}"
    if not request.headers.get("X-Twilio-Signature"):
        hint = "no X-Twilio-Signature header: not a request from Twilio"
    elif request.method == "POST" and request.mimetype != FORM:
        hint = f"body is {request.mimetype or 'not a form'}: Twilio posts {FORM}"
    elif (proto or host) and not public_base_url and not trusted_proxy_hops:
        public = f"{proto or urlsplit(checked).scheme}://{host or urlsplit(checked).netloc}"
        hint = (
            f"a proxy forwarded this request: if Twilio calls {public}, set PUBLIC_BASE_URL={public} "
            "(or TRUSTED_PROXY_HOPS=1)"
        )
    else:
        hint = (
            "if Twilio requested another URL, set PUBLIC_BASE_URL to its scheme and host; "
            "otherwise TWILIO_AUTH_TOKEN is not the token of the account that owns the number"
        )
    return f"checked_url={checked} {seen} hint={hint}"


def is_genuine_twilio_request(
    validator: RequestValidator, request: Request, public_base_url: str | None
) -> bool:
    """Any doubt is a no: a body that is not a plain form, or one the validator cannot even read."""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or (request.method == "POST" and request.mimetype != FORM):
        return False
    try:
        params = request.form if request.method == "POST" else {}
        url = public_url(request, public_base_url)
        # The URL as Twilio requested it first: one HMAC, where the library's check always computes
        # two (with and without the port) and parses the URL; it decides only when that one fails.
        expected = validator.compute_signature(url, params)
        signed = hmac.compare_digest(expected.encode(), signature.encode())  # any header, no exception
        return signed or validator.validate(url, params, signature)
    except (TypeError, ValueError, UnicodeError):
        log.warning("event=unreadable-request path=%s", request.path, exc_info=True)
        return False
