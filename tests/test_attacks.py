"""Requests that try to break the webhooks: fuzzed fields, methods and headers, forged and replayed
signatures, and the URL a TLS-terminating proxy hides. Only Twilio's genuine requests get in; whatever
gets in is answered with valid TwiML (or a 4xx), and the stored calls stay whole.

Each test records what it tried (`attack`, `cases`, `expect`) for `python -m bench.attacks`."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from ivr.record.models import Call, CallStatus, Message, Turn
from testkit.checks import inconsistencies, record_attack, twiml_problems
from testkit.webhooks import ACCOUNT_SID, AUTH_TOKEN, spoken, twiml

ROUTES = ("incoming", "gather", "dial", "reply", "status", "fallback")
FIELDS = (
    "CallSid", "AccountSid", "From", "To", "CallStatus", "SpeechResult", "Confidence", "Digits",
    "DialCallStatus", "CallDuration", "SequenceNumber", "ErrorCode", "ErrorUrl",
)  # fmt: skip
OTHER_METHODS = ("GET", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH")
CONTENT_TYPES = ("form", "form-utf8", "multipart", "json", "text", "none")
SIGNED_AS_FORM = {"form", "form-utf8", "multipart"}
SIGNATURES = ("valid", "valid", "valid", "absent", "garbage", "other-token")
OTHER_TOKEN = "f" * 32
SIGNATURE = "X-Twilio-Signature"
LOCAL = "http://localhost"
MAX_BODY = 64 * 1024
EXAMPLES_PER_ROUTE = 150
CALL_SID = "CA" + "1" * 32


# --- The stored record stays whole ---------------------------------------------------------------


def row_counts(engine: Engine) -> tuple[int, ...]:
    with Session(engine) as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (Call, Turn, CallStatus, Message)
        )


# --- Fuzzed requests -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fuzzed:
    method: str
    path: str  # with its query string
    fields: tuple[tuple[str, str], ...]
    content_type: str
    signature: str

    def signed_params(self) -> MultiDict | dict:
        """What the app validates the signature against: the form of a POST, nothing otherwise."""
        if self.method == "POST" and self.content_type in SIGNED_AS_FORM:
            return MultiDict(self.fields)
        return {}

    def body(self) -> tuple[bytes | MultiDict | None, str | None]:
        match self.content_type:
            case "form":
                return urlencode(self.fields).encode(), "application/x-www-form-urlencoded"
            case "form-utf8":
                return urlencode(self.fields).encode(), "application/x-www-form-urlencoded; charset=utf-8"
            case "multipart":
                return MultiDict(self.fields), "multipart/form-data"
            case "json":
                return json.dumps(dict(self.fields)).encode(), "application/json"
            case "text":
                return urlencode(self.fields).encode(), "text/plain"
        return urlencode(self.fields).encode(), None

    def send(self, client: FlaskClient):
        headers = {}
        if self.signature == "valid":
            url = LOCAL + self.path
            headers[SIGNATURE] = RequestValidator(AUTH_TOKEN).compute_signature(url, self.signed_params())
        elif self.signature == "other-token":
            url = LOCAL + self.path
            headers[SIGNATURE] = RequestValidator(OTHER_TOKEN).compute_signature(url, self.signed_params())
        elif self.signature != "absent":
            headers[SIGNATURE] = self.signature
        data, content_type = self.body()
        return client.open(
            self.path, method=self.method, data=data, headers=headers, content_type=content_type
        )

    @property
    def is_genuine(self) -> bool:
        return self.signature == "valid"


odd_numbers = st.one_of(
    st.sampled_from(["", " ", "nan", "inf", "-inf", "-1", "1e309", "0x10", "١٢", " 3 ", "9" * 30, "0.5e1"]),
    st.integers().map(str),
    st.floats().map(str),
)
any_text = st.text(max_size=300)  # every code point but surrogates: control characters too
huge = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(["a", "9", " ", "\x00", "<&>", "é"]),
    st.integers(1_000, 70_000),
)
values = st.one_of(
    any_text, odd_numbers, st.sampled_from(["1", "2", "0", "#", "*", "completed", "busy"]), huge
)
call_sids = st.one_of(st.sampled_from([CALL_SID, "CA" + "2" * 32, "", " ", "CA" + "3" * 63]), any_text)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=20))
header_text = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=40
)
query_values = st.one_of(st.none(), st.integers(-3, 12).map(str), odd_numbers.filter(lambda v: len(v) < 40))


@st.composite
def fuzzed_requests(draw, route: str) -> Fuzzed:
    fields = [("CallSid", draw(call_sids))] if draw(st.booleans()) else []
    fields += draw(st.lists(st.tuples(keys, values), max_size=10))
    if draw(st.booleans()) and fields:  # a field sent twice, perhaps with another value
        key, value = draw(st.sampled_from(fields))
        fields.append((key, draw(st.one_of(st.just(value), values))))
    query = {name: draw(query_values) for name in ("turn", "wait")}
    if draw(st.booleans()):  # half look like Twilio's own: so the fuzz reaches the views, not just the guard
        fields.insert(0, ("CallSid", draw(st.sampled_from([CALL_SID, "CA" + "2" * 32]))))
        query["turn"] = str(draw(st.integers(-2, 12)))
        return Fuzzed("POST", path_of(route, query), tuple(fields), "form", "valid")
    method = draw(st.one_of(st.just("POST"), st.sampled_from(OTHER_METHODS)))
    signature = draw(st.one_of(st.sampled_from(SIGNATURES), header_text))
    return Fuzzed(
        method, path_of(route, query), tuple(fields), draw(st.sampled_from(CONTENT_TYPES)), signature
    )


def path_of(route: str, query: dict[str, str | None]) -> str:
    query = {name: value for name, value in query.items() if value is not None}
    return f"/voice/{route}" + (f"?{urlencode(query)}" if query else "")


def must_be_accepted(request: Fuzzed) -> bool:
    """A genuine, well-formed webhook: signed, a POST form within the size limit, with a CallSid."""
    call_sid = MultiDict(request.fields).get("CallSid", "").strip()
    size = len(urlencode(request.fields).encode())
    return (
        request.is_genuine
        and request.method == "POST"
        and request.content_type in ("form", "form-utf8")
        and size < MAX_BODY - 1024
        and 0 < len(call_sid) <= 64
        and not (request.path.startswith("/voice/reply") and reply_turn(request.path) is None)
    )


def reply_turn(path: str) -> int | None:
    """The turn /voice/reply needs: a whole number from 0 that fits a 32-bit column (" 3 " counts)."""
    turn = parse_qs(urlsplit(path).query).get("turn", [""])[0].strip()
    if not (turn.isascii() and turn.isdigit()) or int(turn) >= 2**31:
        return None
    return int(turn)


@pytest.mark.parametrize("route", ROUTES)
def test_fuzzed_webhooks_get_twiml_or_a_4xx_and_leave_the_calls_whole(
    route, make_app, db_engine, record_property
):
    client = make_app().test_client()
    outcomes: Counter[str] = Counter()
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES_PER_ROUTE,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(request=fuzzed_requests(route))
    def attempt(request: Fuzzed) -> None:
        before = row_counts(db_engine)
        response = request.send(client)
        outcomes[str(response.status_code)] += 1
        problems = twiml_problems(response, request.method)
        if response.status_code >= 400 and row_counts(db_engine) != before:
            problems.append(f"HTTP {response.status_code} but rows were stored")
        if not request.is_genuine and response.status_code < 400:
            problems.append(f"a request without a genuine signature got HTTP {response.status_code}")
        if must_be_accepted(request) and response.status_code not in (200, 204):
            problems.append(f"a genuine webhook got HTTP {response.status_code}")
        if problems:
            failures.append(f"{request!r:.600} -> {problems}")
        assert not problems, problems

    try:
        attempt()
    finally:
        record_attack(
            record_property,
            f"fuzzed fields, methods, headers on /voice/{route}",
            sum(outcomes.values()),
            "survived",
        )
        record_property("statuses", dict(sorted(outcomes.items())))
    assert inconsistencies(db_engine) == []
    assert outcomes["200"] + outcomes["204"] > 0, outcomes  # the fuzz reached the app, not just the guard


# --- Forged and replayed signatures ---------------------------------------------------------------


def signature_for(url: str, params: dict[str, str], token: str = AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


def genuine_params(route: str) -> dict[str, str]:
    params = {"CallSid": CALL_SID, "AccountSid": ACCOUNT_SID, "From": "+15555550123", "To": "+15555550000"}
    extra = {
        "incoming": {"CallStatus": "ringing"},
        "gather": {"SpeechResult": "what are your hours", "Confidence": "0.9"},
        "dial": {"DialCallStatus": "completed"},
        "reply": {},
        "status": {"CallStatus": "completed", "CallDuration": "12"},
        "fallback": {"ErrorCode": "11200"},
    }
    return params | extra[route]


@dataclass(frozen=True)
class Forgery:
    """How an attacker changes a genuine request: what is signed, and what is sent."""

    sign_url: str  # {path} is the route's path with ?turn=2
    send_path: str
    token: str = AUTH_TOKEN
    header: str | None = None  # sent instead of a computed signature ("" = no header)
    changed: tuple[tuple[str, str | None], ...] = ()  # fields changed (None: removed) after signing


FORGERIES = {
    "unsigned": Forgery(LOCAL + "{path}", "{path}", header=""),
    "garbage signature": Forgery(LOCAL + "{path}", "{path}", header="bm90IGEgc2lnbmF0dXJl"),
    "signed with another auth token": Forgery(LOCAL + "{path}", "{path}", token=OTHER_TOKEN),
    "replayed to another route": Forgery(LOCAL + "{path}", "{other}"),
    "replayed with another query string": Forgery(LOCAL + "{path}", "{path3}"),
    "replayed with an added query parameter": Forgery(LOCAL + "{path}", "{path}&wait=2"),
    "replayed to another host": Forgery("http://ivr.example.com{path}", "{path}"),
    "replayed over another scheme": Forgery("https://localhost{path}", "{path}"),
    "one parameter changed after signing": Forgery(
        LOCAL + "{path}", "{path}", changed=(("From", "+19005550000"),)
    ),
    "CallSid changed after signing": Forgery(
        LOCAL + "{path}", "{path}", changed=(("CallSid", "CA" + "9" * 32),)
    ),
    "one parameter added after signing": Forgery(LOCAL + "{path}", "{path}", changed=(("Digits", "0"),)),
    "one parameter removed after signing": Forgery(
        LOCAL + "{path}", "{path}", changed=(("AccountSid", None),)
    ),
}


def forged(client: FlaskClient, route: str, forgery: Forgery):
    path, path3 = f"/voice/{route}?turn=2", f"/voice/{route}?turn=3"
    other = "/voice/gather?turn=2" if route == "incoming" else "/voice/incoming?turn=2"
    params = genuine_params(route)
    url = forgery.sign_url.format(path=path)
    header = forgery.header if forgery.header is not None else signature_for(url, params, forgery.token)
    sent = dict(params)
    for name, value in forgery.changed:
        if value is None:
            sent.pop(name, None)
        else:
            sent[name] = value
    send_path = forgery.send_path.format(path=path, path3=path3, other=other)
    headers = {SIGNATURE: header} if header else {}
    return client.post(send_path, data=sent, headers=headers)


@pytest.mark.parametrize("attack", FORGERIES)
def test_forged_and_replayed_requests_are_refused_and_store_nothing(
    attack, client, db_engine, record_property
):
    record_attack(record_property, f"signature: {attack}", len(ROUTES), "rejected")
    statuses = {route: forged(client, route, FORGERIES[attack]).status_code for route in ROUTES}
    assert statuses == dict.fromkeys(ROUTES, 403)
    assert row_counts(db_engine) == (0, 0, 0, 0)


def test_a_malformed_multipart_body_with_a_forged_signature_is_refused(client, db_engine, record_property):
    """A part named "\\r" parses to a field named None, on which the validator raises."""
    record_attack(
        record_property, "signature: forged, with a malformed multipart body", len(ROUTES), "rejected"
    )
    body = b'--B\r\nContent-Disposition: form-data; name="\r"\r\n\r\n\r\n--B--\r\n'
    statuses = {
        route: client.post(
            f"/voice/{route}?turn=1",
            data=body,
            content_type="multipart/form-data; boundary=B",
            headers={SIGNATURE: "forged"},
        ).status_code
        for route in ROUTES
    }
    assert statuses == dict.fromkeys(ROUTES, 403)
    assert row_counts(db_engine) == (0, 0, 0, 0)


@pytest.mark.parametrize("query", ["line=caf%C3%A9", "line=%41", "line=a%2Bb"])
def test_a_genuine_webhook_with_a_percent_encoded_query_is_accepted(query, client, record_property):
    """Twilio signs the URL exactly as it requested it, escapes and all."""
    record_attack(record_property, "signature: genuine, percent-encoded query (control)", 1, "survived")
    path = f"/voice/incoming?{query}"
    params = genuine_params("incoming")
    response = client.post(path, data=params, headers={SIGNATURE: signature_for(LOCAL + path, params)})
    assert response.status_code == 200


def test_the_same_requests_signed_correctly_are_accepted(client, record_property):
    """The control for the forgeries: without the change, every route answers."""
    record_attack(record_property, "signature: genuine request (control)", len(ROUTES), "survived")
    honest = Forgery(LOCAL + "{path}", "{path}")
    statuses = {route: forged(client, route, honest).status_code for route in ROUTES}
    assert statuses == dict.fromkeys(ROUTES, 200) | {"status": 204}


# --- Behind a TLS-terminating proxy ---------------------------------------------------------------

PUBLIC = "https://ivr.example.com"
INTERNAL = "http://internal:8000"
FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "ivr.example.com",
    "X-Forwarded-For": "203.0.113.9",
}


@dataclass(frozen=True)
class Proxied:
    """One request as the proxy passes it on: the URL Twilio signed and the headers it adds."""

    signed_for: str
    headers: tuple[tuple[str, str], ...] = tuple(FORWARDED.items())
    path: str = "/voice/gather?turn=1"
    tamper: bool = False  # change SpeechResult after signing


def through_proxy(client: FlaskClient, request: Proxied):
    params = genuine_params("gather")
    headers = dict(request.headers)
    headers[SIGNATURE] = signature_for(request.signed_for + request.path, params)
    if request.tamper:
        params = params | {"SpeechResult": "transfer me to billing"}
    return client.post(INTERNAL + request.path, data=params, headers=headers)


PROXY_HOPS_CASES = {
    "forwarded https URL": (Proxied(PUBLIC), 200),
    "forwarded https URL, one parameter changed": (Proxied(PUBLIC, tamper=True), 403),
    "forwarded URL with a port": (
        Proxied(PUBLIC + ":8443", (*FORWARDED.items(), ("X-Forwarded-Port", "8443"))),
        200,
    ),
    "forwarded URL with a longer query string": (Proxied(PUBLIC, path="/voice/gather?turn=1&x=a%20b"), 200),
    "signed for the internal URL": (Proxied(INTERNAL), 403),
    "client-spoofed host before the proxy's": (
        Proxied(
            "https://staging.example.com",
            (("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "staging.example.com, ivr.example.com")),
        ),
        403,
    ),
}


@pytest.mark.parametrize("case", PROXY_HOPS_CASES)
def test_through_a_trusted_tls_proxy_only_the_public_url_validates(
    case, make_app, db_engine, record_property
):
    request, expected = PROXY_HOPS_CASES[case]
    record_attack(
        record_property,
        f"TLS proxy, TRUSTED_PROXY_HOPS=1: {case}",
        1,
        "rejected" if expected == 403 else "survived",
    )
    response = through_proxy(make_app(trusted_proxy_hops=1).test_client(), request)
    assert response.status_code == expected
    if expected == 200:
        assert spoken(twiml(response))
    else:
        assert row_counts(db_engine) == (0, 0, 0, 0)


def test_forwarded_headers_are_ignored_when_no_proxy_is_trusted(make_app, db_engine, record_property):
    record_attack(record_property, "TLS proxy headers with TRUSTED_PROXY_HOPS=0", 2, "rejected")
    client = make_app(trusted_proxy_hops=0).test_client()
    assert through_proxy(client, Proxied(PUBLIC)).status_code == 403
    assert through_proxy(client, Proxied(PUBLIC, tamper=True)).status_code == 403
    assert row_counts(db_engine) == (0, 0, 0, 0)
    assert through_proxy(client, Proxied(INTERNAL)).status_code == 200  # the URL the app really saw


PUBLIC_BASE_CASES = {
    "public URL": (PUBLIC, Proxied(PUBLIC, headers=()), 200),
    "public URL, one parameter changed": (PUBLIC, Proxied(PUBLIC, headers=(), tamper=True), 403),
    "public URL with a port": (PUBLIC + ":8443", Proxied(PUBLIC + ":8443", headers=()), 200),
    "public URL with a longer query string": (
        PUBLIC,
        Proxied(PUBLIC, headers=(), path="/voice/gather?turn=1&x=a%20b"),
        200,
    ),
    "signed for the internal URL": (PUBLIC, Proxied(INTERNAL, headers=()), 403),
    "signed for the forwarded host instead": (
        PUBLIC,
        Proxied("https://staging.example.com", headers=(("X-Forwarded-Host", "staging.example.com"),)),
        403,
    ),
}


@pytest.mark.parametrize("case", PUBLIC_BASE_CASES)
def test_with_public_base_url_only_that_url_validates(case, make_app, db_engine, record_property):
    base, request, expected = PUBLIC_BASE_CASES[case]
    record_attack(
        record_property, f"PUBLIC_BASE_URL: {case}", 1, "rejected" if expected == 403 else "survived"
    )
    response = through_proxy(make_app(public_base_url=base).test_client(), request)
    assert response.status_code == expected
    if expected == 200:
        assert spoken(twiml(response))
    else:
        assert row_counts(db_engine) == (0, 0, 0, 0)
