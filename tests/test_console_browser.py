"""The console in a real browser (Playwright driving Debian's Chromium) against the app served as
the Procfile serves it: sign-in, the call list that updates itself, a call's page, the inbox, and
/healthz when the database is gone. Screenshots of each page are kept in the test's folder."""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from ivr.console import accounts
from ivr.devtools.twilio_emulator import HttpTransport, Input, PhoneCall, ScriptedInput, digits, speech
from ivr.record.db import make_engine
from testkit import hosting
from testkit.webhooks import AUTH_TOKEN
from tests.test_console import a_postgres_database

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SECRET = "b" * 64
EMAIL, PASSWORD = "owner@example.com", "correct horse battery"
pytestmark = pytest.mark.browser
# ruff (F811) would take each test's start_web parameter for a redefinition of it.
start_web = hosting.start_web


@pytest.fixture
def line(start_web, db_url: str):
    """The web process on a database with one account."""
    engine = make_engine(db_url)
    with Session(engine) as session:
        accounts.add(session, EMAIL, PASSWORD)
    engine.dispose()
    return start_web(db_url, 1, SECRET_KEY=SECRET, TIMEZONE="America/New_York")


@pytest.fixture
def browser() -> Iterator:
    if not CHROMIUM.is_file():
        pytest.fail(f"No Chromium at {CHROMIUM}: `make test` installs it (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def place_call(
    base_url: str, *inputs: Input, dial: tuple[str, ...] = (), caller: str = "+15555550123"
) -> str:
    phone = PhoneCall(
        f"{base_url}/voice/incoming",
        HttpTransport(),
        status_callback_url=f"{base_url}/voice/status",
        auth_token=AUTH_TOKEN,
        from_number=caller,
        to_number="+15555550000",
    )
    result = phone.run(ScriptedInput(inputs, dial))
    assert not result.errors, result.errors
    return result.call_sid


def sign_in(page, base_url: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/console/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)


def test_in_a_browser_nothing_shows_before_signing_in_and_a_wrong_password_is_refused(line, page, tmp_path):
    place_call(line.url, speech("what time do you close on saturday"), speech("bye"))
    page.goto(f"{line.url}/console/calls")
    assert "/console/login" in page.url
    assert "+15555550123" not in page.content()
    sign_in(page, line.url, password="not the password")
    assert page.get_by_role("alert").inner_text().startswith("That email and password do not match")
    shot(page, tmp_path, "login-refused")
    assert "+15555550123" not in page.content()


def test_in_a_browser_a_call_shows_in_the_list_new_calls_appear_and_its_page_has_its_words(
    line, page, tmp_path
):
    place_call(line.url, speech("what time do you close on saturday"), speech("thanks bye"))
    sign_in(page, line.url)
    rows = page.locator("#call-rows tr")
    assert rows.count() == 1
    assert "+15555550123" in rows.first.inner_text()
    assert "Answered by the line" in rows.first.inner_text()
    place_call(line.url, digits("3"), dial=("busy",), caller="+15555550777")
    page.wait_for_function("document.querySelectorAll('#call-rows tr').length === 2", timeout=15_000)
    assert "+15555550777" in rows.first.inner_text()
    assert "new call" in page.locator("#live").inner_text()
    shot(page, tmp_path, "calls")
    rows.nth(1).get_by_role("link").click()
    page.wait_for_url(re.compile(r"/console/calls/CA"))
    words = page.locator("table.turns").inner_text()
    assert "what time do you close on saturday" in words
    assert "matched option 5" in words
    shot(page, tmp_path, "call")


def test_in_a_browser_the_keyboard_reaches_everything_from_the_skip_link(line, page):
    sign_in(page, line.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused in {"from", "to", "outcome"}


def test_in_a_browser_a_message_is_marked_handled(line, page, tmp_path):
    place_call(line.url, digits("6"), speech("this is Ann please call me back about my results"))
    sign_in(page, line.url)
    page.get_by_role("link", name="Messages").click()
    assert "this is Ann please call me back" in page.locator(".inbox").inner_text()
    shot(page, tmp_path, "messages")
    page.get_by_role("button", name=re.compile("as handled")).click()
    assert page.get_by_role("status").inner_text().strip() == "Marked as handled."
    assert page.locator(".inbox li").count() == 0
    page.get_by_role("link", name="Show handled ones too").click()
    assert "Handled" in page.locator(".inbox").inner_text()


def test_in_a_browser_the_overview_and_health_pages_draw(line, page, tmp_path):
    place_call(line.url, digits("3"), dial=("completed",))
    place_call(line.url, speech("purple monkey"), speech("bye"), caller="+15555550111")
    sign_in(page, line.url)
    page.get_by_role("link", name="Overview").click()
    assert page.locator("svg.chart").count() >= 3
    assert (
        "purple monkey"
        in page.locator("#unmatched + table, section[aria-labelledby=unmatched]").first.inner_text()
    )
    shot(page, tmp_path, "overview")
    page.get_by_role("link", name="Health").click()
    assert "answering" in page.locator("main").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Calls").click()
    shot(page, tmp_path, "calls-phone")


def test_healthz_of_the_served_line_answers_503_when_the_database_is_gone(start_web, db_url):
    if db_url.startswith("sqlite"):
        web = start_web(db_url, 1, SECRET_KEY=SECRET)
        assert healthz(web.url) == 200
        path = Path(db_url.removeprefix("sqlite:///"))
        for file in path.parent.glob(path.name + "*"):
            file.unlink()
    else:  # a PostgreSQL database of its own, dropped under the running line
        with a_postgres_database(db_url) as url:
            web = start_web(url, 1, SECRET_KEY=SECRET)
            assert healthz(web.url) == 200
    assert healthz(web.url) == 503


def healthz(base_url: str) -> int:
    try:
        with urllib.request.urlopen(f"{base_url}/healthz") as answer:
            return answer.status
    except urllib.error.HTTPError as refused:
        return refused.code


def test_in_a_browser_a_life_in_danger_is_badged_as_trouble(line, page, tmp_path):
    place_call(line.url, speech("my husband collapsed and he isn't breathing"), speech("bye"))
    place_call(line.url, speech("purple monkey dishwasher"), speech("bye"), caller="+15555550456")
    sign_in(page, line.url)
    danger = page.locator(".badge", has_text="Life in danger")
    reoffer = page.locator(".badge", has_text="Re-offer")
    background = "el => getComputedStyle(el).backgroundColor"
    assert danger.evaluate(background) != reoffer.evaluate(background)  # the fallback's red, not a re-offer's
    assert "told to call emergency services" in (danger.get_attribute("title") or "")
    shot(page, tmp_path, "life-in-danger")
