"""Only Twilio gets in: every webhook must carry a valid X-Twilio-Signature.

Twilio signs the exact URL it requested plus the sorted POST parameters
(https://www.twilio.com/docs/usage/webhooks/webhooks-security). Behind a TLS-terminating
proxy we see another scheme and host, so the URL is rebuilt from PUBLIC_BASE_URL, or from the
X-Forwarded-* headers that ProxyFix trusts for the configured number of hops."""

from __future__ import annotations

from flask import Request
from twilio.request_validator import RequestValidator


def public_url(request: Request, public_base_url: str | None) -> str:
    if not public_base_url:
        return request.url
    query = request.query_string.decode("latin-1")
    return public_base_url + request.path + (f"?{query}" if query else "")


def is_genuine_twilio_request(
    validator: RequestValidator, request: Request, public_base_url: str | None
) -> bool:
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        return False
    params = request.form if request.method == "POST" else {}
    return validator.validate(public_url(request, public_base_url), params, signature)
