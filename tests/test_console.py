"""The console, over HTTP in process: nobody sees a call without signing in, forms need their
CSRF token, sign-ins are limited, and the pages, filters, CSV, scenarios and inbox tell the truth
about calls placed through the webhooks."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import math
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from ivr.assistant import SAMPLE_PATH, load
from ivr.cli import main
from ivr.console import accounts, overview, queries
from ivr.devtools import demo_data
from ivr.devtools.twilio_emulator import digits, silence, speech
from ivr.record import calls
from ivr.record.models import Call, Message, OverviewDay
from testkit.databases import migrate
from testkit.webhooks import AUTH_TOKEN, Webhooks, call_app

SECRET = "s" * 64
EMAIL, PASSWORD = "owner@example.com", "correct horse battery"


@pytest.fixture
def app(make_app) -> Flask:
    return make_app(secret_key=SECRET)


@pytest.fixture
def account(db_engine) -> str:
    with Session(db_engine) as session:
        accounts.add(session, EMAIL, PASSWORD)
    return EMAIL


def csrf(client: FlaskClient, path: str = "/console/login") -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def sign_in(client: FlaskClient, password: str = PASSWORD, email: str = EMAIL):
    token = csrf(client)
    return client.post("/console/login", data={"csrf": token, "email": email, "password": password})


@pytest.fixture
def signed_in(client: FlaskClient, account: str) -> FlaskClient:
    assert sign_in(client).status_code == 302
    return client


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.get_data(as_text=True)[:500])
    return response.get_data(as_text=True)


def listed_sids(html: str) -> list[str]:
    return re.findall(r'href="/console/calls/(CA[0-9a-f]+)"', html)


# Access


def test_nothing_about_calls_is_shown_before_signing_in(client, account):
    sid = call_app(client, speech("what time do you close"), speech("bye")).call_sid
    for path in ("/console/calls", f"/console/calls/{sid}", "/console/calls.csv", "/console/messages",
                 "/console/overview", "/console/health", f"/console/calls/{sid}/scenario.toml",
                 "/console/calls/newer?after=x"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.location.startswith("/console/login"), path
        assert "+15555550123" not in response.get_data(as_text=True)


def test_with_no_account_yet_the_console_only_says_how_to_make_one(client):
    sid = call_app(client, speech("what time do you close")).call_sid
    for path in ("/console/calls", "/console/login"):
        html = page(client, path)
        assert "ivr users add" in html
        assert sid not in html
        assert "+15555550123" not in html


def test_a_wrong_password_is_refused(client, account):
    response = sign_in(client, password="not the password")
    assert response.status_code == 401
    assert "do not match" in response.get_data(as_text=True)
    assert client.get("/console/calls").status_code == 302


def test_an_unknown_account_is_refused_like_a_wrong_password(client, account):
    assert sign_in(client, email="nobody@example.com").status_code == 401


def test_a_sign_in_without_its_csrf_token_is_refused(client, account):
    client.get("/console/login")
    response = client.post("/console/login", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/console/calls").status_code == 302


def test_a_forged_form_without_the_csrf_token_changes_nothing(signed_in, db_engine):
    call_app(signed_in, digits("6"), speech("this is Ann please call me back"))
    with Session(db_engine) as session:
        message = session.scalars(select(Message)).one()
    forged = signed_in.post(f"/console/messages/{message.id}/handled", data={"csrf": "guessed"})
    assert forged.status_code == 400
    with Session(db_engine) as session:
        assert session.get(Message, message.id).handled_at is None


def test_sign_ins_to_one_account_are_limited(client, account):
    for _ in range(accounts.FAILURES_PER_ACCOUNT):
        assert sign_in(client, password="wrong guess").status_code == 401
    response = sign_in(client)  # even the right password, until the window has passed
    assert response.status_code == 429
    assert "Too many" in response.get_data(as_text=True)


def test_sign_ins_from_one_address_are_limited_across_accounts(client, account):
    for n in range(accounts.FAILURES_PER_ADDRESS):
        sign_in(client, email=f"guess{n}@example.com", password="wrong guess")
    assert sign_in(client).status_code == 429


def test_signing_out_ends_the_session(signed_in):
    token = csrf(signed_in, "/console/calls")
    assert signed_in.post("/console/logout", data={"csrf": token}).status_code == 302
    assert signed_in.get("/console/calls").status_code == 302


def test_a_removed_account_is_signed_out_at_its_next_request(signed_in, db_engine):
    with Session(db_engine) as session:
        accounts.remove(session, EMAIL)
    assert "ivr users add" in page(signed_in, "/console/calls")


def test_the_session_cookie_is_httponly_lax_and_secure_over_https(client, account):
    token = csrf(client)
    response = client.post("/console/login", data={"csrf": token, "email": EMAIL, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie
    secure = client.get("/console/login", base_url="https://localhost").headers["Set-Cookie"]
    assert "Secure" in secure


def test_without_a_secret_key_the_console_is_off_and_the_line_still_answers(make_app):
    client = make_app(secret_key=None).test_client()
    response = client.get("/console/calls")
    assert response.status_code == 503
    assert "SECRET_KEY" in response.get_data(as_text=True)
    assert call_app(client, speech("what time do you close")).heard


def test_a_development_server_makes_up_a_key(make_app):
    assert make_app(secret_key=None, debug=True).test_client().get("/console/calls").status_code != 503


# Calls


def test_a_call_shows_in_the_list_and_on_its_page_with_its_words(signed_in):
    sid = call_app(signed_in, speech("what time do you close on saturday"), speech("thanks bye")).call_sid
    listing = page(signed_in, "/console/calls")
    assert sid in listed_sids(listing)
    assert "+15555550123" in listing
    assert "Answered by the line" in listing
    story = page(signed_in, f"/console/calls/{sid}")
    assert "what time do you close on saturday" in story
    assert "matched option 5" in story
    assert "We are open Monday to Friday" in story
    assert "completed" in story  # the status callback


def test_a_call_in_spanish_shows_its_language_and_the_choice(signed_in):
    sid = call_app(signed_in, digits("9"), speech("adiós")).call_sid
    story = page(signed_in, f"/console/calls/{sid}")
    assert "es (chosen by the caller)" in story
    assert "the caller chose Spanish; the call goes on in it" in story


def test_a_transfer_shows_how_each_dial_ended(signed_in):
    sid = call_app(signed_in, digits("3"), digits("2"), dial=("busy", "completed")).call_sid
    listing = page(signed_in, "/console/calls")
    assert "billing: busy, pharmacy: answered" in listing
    assert "Transferred" in page(signed_in, f"/console/calls/{sid}")


def test_trouble_is_badged(signed_in):
    call_app(signed_in, speech("purple monkey dishwasher"), speech("bye"))
    assert "Re-offer" in page(signed_in, "/console/calls")


def test_test_calls_are_hidden_unless_asked_for(signed_in):
    Webhooks(signed_in, call_sid="CA" + "7" * 32).post(
        "/voice/incoming?test=1", From="+15555550999", To="+15555550000", CallStatus="ringing"
    )
    assert "CA" + "7" * 32 not in page(signed_in, "/console/calls")
    assert "CA" + "7" * 32 in page(signed_in, "/console/calls?tests=1")


def test_pages_of_the_list_follow_each_other_without_overlap(signed_in):
    sids = [call_app(signed_in, silence(), caller=f"+1555555{n:04d}").call_sid for n in range(5)]
    from ivr.console import queries

    seen: list[str] = []
    before = ""
    queries_page = queries.PAGE
    queries.PAGE = 2  # a small page, so five calls take three
    try:
        while True:
            html = page(signed_in, f"/console/calls?before={before}")
            seen += listed_sids(html)
            found = re.search(r'href="/console/calls\?before=([^"&]+)', html)
            if not found:
                break
            before = found.group(1)
    finally:
        queries.PAGE = queries_page
    assert seen == list(reversed(sids))


def test_new_calls_come_to_the_polling_script(signed_in):
    first = call_app(signed_in, silence()).call_sid
    listing = page(signed_in, "/console/calls")
    newest = re.search(r'data-newest="([^"]+)"', listing).group(1)
    second = call_app(signed_in, speech("pharmacy"), caller="+15555550777").call_sid
    found = signed_in.get("/console/calls/newer", query_string={"after": html.unescape(newest)}).get_json()
    assert second in found["html"]
    assert first not in found["html"]


def csv_sids(client: FlaskClient, query: str) -> list[str]:
    text = client.get(f"/console/calls.csv?{query}").get_data(as_text=True)
    return [row["call_sid"] for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize(
    "query",
    ["", "outcome=transferred", "outcome=message", "outcome=answered", "words=refill", "caller=0777",
     "outcome=transferred&words=pharmacy", "from=2000-01-01&to=2000-01-02", "tests=1"],
)  # fmt: skip
def test_the_filters_and_the_csv_agree(signed_in, query):
    call_app(signed_in, speech("I need a refill please"), caller="+15555550777")
    call_app(signed_in, digits("6"), speech("call me back about my bill"), caller="+15555550888")
    call_app(signed_in, speech("what time do you close"), speech("bye"), caller="+15555550999")
    call_app(signed_in, speech("billing"), dial=("busy",), caller="+15555550111")
    shown = listed_sids(page(signed_in, f"/console/calls?{query}"))
    assert shown == csv_sids(signed_in, query)
    if query in ("", "tests=1"):
        assert len(shown) == 4
    if query == "words=refill" or query == "caller=0777":
        assert len(shown) == 1


def test_a_saved_scenario_replays_green_with_test_calls(signed_in, tmp_path: Path):
    calls = [
        call_app(signed_in, digits("3"), speech("pharmacy please"), dial=("busy", "completed")),
        call_app(signed_in, digits("6"), speech("this is Ann please call me back"), speech("no thanks bye")),
        call_app(signed_in, speech("purple monkey"), speech("what time do you close"), speech("bye")),
        call_app(signed_in, speech("um", confidence=0.2), silence(), silence(), silence()),
    ]
    suite = tmp_path / "saved.scenarios"
    suite.mkdir()
    for n, result in enumerate(calls):
        response = signed_in.get(f"/console/calls/{result.call_sid}/scenario.toml")
        assert response.status_code == 200
        assert "attachment" in response.headers["Content-Disposition"]
        (suite / f"call-{n}.toml").write_text(response.get_data(as_text=True))
    env = {"IVR_HOME": str(tmp_path), "IVR_ASSISTANT": str(SAMPLE_PATH), "TWILIO_AUTH_TOKEN": AUTH_TOKEN}
    run = CliRunner().invoke(main, ["test-calls", str(suite)], env=env)
    assert run.exit_code == 0, run.output
    assert "busy" in (suite / "call-0.toml").read_text()


def test_a_scenario_from_a_changed_line_fails(signed_in, tmp_path: Path):
    """The saved expectations are real checks: the same file fails when the call went otherwise."""
    result = call_app(signed_in, digits("3"), dial=("completed",))
    text = signed_in.get(f"/console/calls/{result.call_sid}/scenario.toml").get_data(as_text=True)
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "call.toml").write_text(text.replace('"#3"', '"#2"'))
    env = {"IVR_HOME": str(tmp_path), "IVR_ASSISTANT": str(SAMPLE_PATH), "TWILIO_AUTH_TOKEN": AUTH_TOKEN}
    assert CliRunner().invoke(main, ["test-calls", str(tmp_path / "s")], env=env).exit_code == 1


def test_words_the_menu_did_not_understand_can_be_added_to_an_option(signed_in):
    sid = call_app(signed_in, speech("the little white ones are all gone"), speech("bye")).call_sid
    story = page(signed_in, f"/console/calls/{sid}")
    assert "Add these words to" in story
    turn = re.search(r'name="turn" value="(\d+)"', story).group(1)
    lines = html.unescape(page(signed_in, f"/console/calls/{sid}/phrases?turn={turn}&option=2"))
    assert '"the little white ones are all gone"' in lines
    assert '"refill"' in lines
    assert 'key = "2"' in lines


# Messages, overview, health


def test_a_message_is_marked_handled(signed_in, db_engine):
    call_app(signed_in, digits("6"), speech("this is Ann please call me back"))
    inbox = page(signed_in, "/console/messages")
    assert "this is Ann please call me back" in inbox
    with Session(db_engine) as session:
        message = session.scalars(select(Message)).one()
    token = csrf(signed_in, "/console/messages")
    response = signed_in.post(f"/console/messages/{message.id}/handled", data={"csrf": token})
    assert response.status_code == 302
    with Session(db_engine) as session:
        assert session.get(Message, message.id).handled_at is not None
    assert "this is Ann" not in page(signed_in, "/console/messages")
    assert "Handled" in page(signed_in, "/console/messages?all=1")


def test_the_overview_counts_the_period(signed_in):
    call_app(signed_in, digits("3"), dial=("completed",))
    call_app(signed_in, speech("what time do you close"), speech("bye"))
    call_app(signed_in, speech("purple monkey"), speech("bye"))
    html = page(signed_in, "/console/overview")
    assert re.search(r'class="kpi">3</span> calls', html)
    assert "<svg" in html
    assert "purple monkey" in html
    assert "3: billing" in html  # menu options by use


ZONE = "America/New_York"
NOTHING_KEPT = datetime(2000, 1, 1, tzinfo=UTC)  # as if no day were over yet: every figure from the record


@pytest.fixture
def busy_line(db_engine) -> Session:
    """Three weeks of demo calls, as `ivr demo-data` writes them."""
    with Session(db_engine) as session:
        demo_data.seed(session, load(SAMPLE_PATH), 600, days=21, zone=ZONE)
        yield session


def figures(session: Session, start: date, end: date, now: datetime | None = None) -> overview.Report:
    names = {option.key: option.name for option in load(SAMPLE_PATH).menu}
    return overview.report(session, start, end, ZONE, "claude-haiku-4-5", names, now=now)


def test_the_overview_of_days_long_past_is_kept_and_its_figures_do_not_change(busy_line):
    today = datetime.now(UTC).astimezone(ZoneInfo(ZONE)).date()
    for start, end in (
        (today - timedelta(days=29), today),
        (today - timedelta(days=12), today - timedelta(days=3)),
    ):
        from_the_record = figures(busy_line, start, end, now=NOTHING_KEPT)
        assert busy_line.scalars(select(OverviewDay)).first() is None
        assert from_the_record.calls > 0
        assert figures(busy_line, start, end) == from_the_record  # days kept on the way
        assert busy_line.scalars(select(OverviewDay)).first() is not None
        assert figures(busy_line, start, end) == from_the_record  # days added up from what was kept
        busy_line.query(OverviewDay).delete()
        busy_line.commit()


def test_days_with_purged_calls_are_read_again_not_kept(busy_line):
    today = datetime.now(UTC).astimezone(ZoneInfo(ZONE)).date()
    start = today - timedelta(days=29)
    figures(busy_line, start, today)  # keeps the days
    calls.purge(busy_line, timedelta(days=10))
    assert figures(busy_line, start, today) == figures(busy_line, start, today, now=NOTHING_KEPT)


def test_a_words_search_out_of_time_goes_on_page_after_page_to_the_same_calls(busy_line):
    oldest, newest = busy_line.execute(select(func.min(Call.started_at), func.max(Call.started_at))).one()
    stretches = math.ceil((newest - oldest) / queries.WORDS_STRETCH)  # 3 or 4, by the time of day
    for words in ("refill", "wombat", "a"):
        wanted = queries.CallFilters(words=words)
        at_once = [row.call_sid for row in queries.every_call(busy_line, wanted)]
        by_pages, before, pages = [], None, 0
        while True:
            page = queries.calls_page(busy_line, wanted, before, limit=10, budget_s=0)  # out of time at once
            by_pages += [row.call_sid for row in page.rows]
            pages += 1
            if page.older is None:
                break
            before = page.older
        assert by_pages == at_once
        assert pages >= stretches  # a week's stretch a page at most, back to the oldest call
    assert busy_line.scalar(select(Call.id).limit(1)) is not None


def test_healthz_answers_200_with_the_database_and_503_without(make_app, db_url):
    if db_url.startswith("sqlite"):
        client = make_app(secret_key=SECRET).test_client()
        assert client.get("/healthz").status_code == 200
        path = Path(db_url.removeprefix("sqlite:///"))
        for file in path.parent.glob(path.name + "*"):
            file.unlink()
    else:  # a PostgreSQL database of its own, dropped under the running app
        with a_postgres_database(db_url) as url:
            client = make_app(database_url=url, secret_key=SECRET).test_client()
            assert client.get("/healthz").status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "database unavailable"}


@contextlib.contextmanager
def a_postgres_database(db_url: str) -> Iterator[str]:
    """A new, migrated database on the test server, dropped (its connections cut) on leaving."""
    name = f"ivr_healthz_{os.getpid()}"
    server = make_url(db_url).set(query={})
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    url = server.set(database=name).render_as_string(hide_password=False)
    try:
        migrate(url)
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_healthz_answers_503_when_the_database_server_does_not_answer(make_app):
    client = make_app(
        database_url="postgresql+psycopg://nobody@127.0.0.1:9/none", secret_key=SECRET
    ).test_client()
    assert client.get("/healthz").status_code == 503


def test_refused_webhook_signatures_are_counted_per_hour(signed_in):
    for _ in range(3):
        assert Webhooks(signed_in, token="f" * 32).incoming().status_code == 403
    html = page(signed_in, "/console/health")
    assert re.search(r'<td class="num">3</td>', html)


# The command


def test_accounts_are_added_listed_and_removed_on_the_command_line(db_url, tmp_path):
    env = {"IVR_HOME": str(tmp_path), "DATABASE_URL": db_url, "TWILIO_AUTH_TOKEN": AUTH_TOKEN}
    runner = CliRunner()
    added = runner.invoke(main, ["users", "add", "Owner@Example.com"], input="a long password\n", env=env)
    assert added.exit_code == 0, added.output
    again = runner.invoke(main, ["users", "add", "owner@example.com"], input="a long password\n", env=env)
    assert again.exit_code == 1
    assert "already has an account" in again.output
    short = runner.invoke(main, ["users", "add", "b@example.com"], input="short\n", env=env)
    assert short.exit_code == 1
    assert "at least" in short.output
    listed = runner.invoke(main, ["users", "list"], env=env)
    assert "owner@example.com" in listed.output
    assert "b@example.com" not in listed.output
    assert runner.invoke(main, ["users", "remove", "owner@example.com"], env=env).exit_code == 0
    assert "No accounts yet" in runner.invoke(main, ["users", "list"], env=env).output


def test_passwords_are_stored_only_as_scrypt_hashes(db_engine, account):
    from ivr.record.models import User

    with Session(db_engine) as session:
        stored = session.scalars(select(User)).one().password_hash
    assert stored.startswith("scrypt:")
    assert PASSWORD not in stored


def test_demo_data_fills_an_empty_database_and_refuses_a_used_one(db_url, tmp_path, client):
    env = {"IVR_HOME": str(tmp_path), "DATABASE_URL": db_url, "TWILIO_AUTH_TOKEN": AUTH_TOKEN}
    made = CliRunner().invoke(main, ["demo-data", "--calls", "300", "--days", "10"], env=env)
    assert made.exit_code == 0, made.output
    assert "300 calls" in made.output
    refused = CliRunner().invoke(main, ["demo-data", "--calls", "10"], env=env)
    assert refused.exit_code == 1
    assert "already has 300 calls" in refused.output


def test_the_console_never_imports_the_development_tools():
    from tests.test_layers import crossings

    assert crossings("ivr.console", ("ivr.devtools", "ivr.cli", "testkit", "tests", "bench")) == []


def test_a_call_with_a_life_in_danger_is_badged(signed_in):
    sid = call_app(signed_in, speech("my husband collapsed and he isn't breathing"), speech("bye")).call_sid
    assert "Life in danger" in page(signed_in, "/console/calls")
    story = page(signed_in, f"/console/calls/{sid}")
    assert "told the caller to hang up and call emergency services" in story
