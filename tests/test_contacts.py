"""Knowing the caller: look-up by number at call start (our table or the business's endpoint,
within a hard time budget), the CSV import that fills the table, and what the model may read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ivr.assistant import ContactSource
from ivr.business.contacts import CallerContact, Lookup, import_csv, lookup
from ivr.record.models import Contact
from testkit.standins.contacts_api import ContactsStandIn

MARIA = "+12025550143"
BUDGET_MS = 300


@pytest.fixture
def api() -> Iterator[ContactsStandIn]:
    with ContactsStandIn() as standin:
        yield standin


@pytest.fixture
def http_source(api: ContactsStandIn) -> ContactSource:
    return ContactSource(kind="http", url=api.url, timeout_ms=BUDGET_MS)


@pytest.fixture
def session(db_engine: Engine) -> Iterator[Session]:
    with Session(db_engine) as session:
        yield session


def ask(source: ContactSource, phone: str | None) -> Lookup:
    """Look up over HTTP with a session bound to no database: the endpoint path must not need one."""
    with Session() as unbound:
        return lookup(source, unbound, phone)


def write_csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text(text, encoding="utf-8")
    return path


def stored(session: Session) -> dict[str, Contact]:
    session.expire_all()
    return {contact.phone: contact for contact in session.scalars(select(Contact))}


# --- Looking up over HTTP ----------------------------------------------------------------------


def test_known_caller_is_found_with_notes_tags_and_open_items(api, http_source):
    api.contact(
        MARIA,
        {
            "name": "Maria Lopez",
            "notes": "Prefers morning appointments.",
            "tags": ["vip", "spanish"],
            "open_items": ["Refill request for lisinopril"],
        },
    )

    found = ask(http_source, MARIA)

    assert found.status == "found"
    assert found.contact == CallerContact(
        name="Maria Lopez",
        notes="Prefers morning appointments.",
        tags=("vip", "spanish"),
        open_items=("Refill request for lisinopril",),
    )


def test_the_endpoint_is_asked_for_the_callers_number_intact(api, http_source):
    ask(http_source, MARIA)

    (request,) = api.requests
    assert request.phone == MARIA  # the "+" survives the query string
    assert request.headers["accept"] == "application/json"


def test_notes_marked_private_by_the_business_are_kept_apart(api, http_source):
    api.contact(
        MARIA,
        {
            "name": "Maria Lopez",
            "notes": ["Prefers mornings.", {"text": "Balance overdue.", "private": True}],
            "tags": "vip, spanish",
        },
    )

    contact = ask(http_source, MARIA).contact

    assert contact is not None
    assert contact.notes == "Prefers mornings."
    assert contact.private_notes == "Balance overdue."
    assert contact.tags == ("vip", "spanish")


def test_a_note_with_a_mistyped_private_flag_is_treated_as_private(api, http_source):
    api.contact(MARIA, {"name": "Maria Lopez", "notes": [{"text": "Balance overdue.", "private": "yes"}]})

    contact = ask(http_source, MARIA).contact

    assert contact is not None
    assert contact.notes == ""
    assert contact.private_notes == "Balance overdue."


def test_slow_contact_system_does_not_delay_the_greeting(api, http_source):
    api.slow(MARIA, seconds=3, document={"name": "Maria Lopez"})  # the answer comes, too late

    result = ask(http_source, MARIA)

    assert result == Lookup(None, "timeout", result.detail)


def test_answer_dripping_in_slowly_is_cut_off_at_the_budget(api, http_source):
    api.drip(MARIA, {"name": "Maria Lopez", "notes": "x" * 20}, interval=0.1)  # whole after ~4 s

    result = ask(http_source, MARIA)

    assert result.status == "timeout"
    assert result.contact is None


def test_broken_contact_system_leaves_the_call_unpersonalised(api, http_source):
    api.fail(MARIA, status=500)

    result = ask(http_source, MARIA)

    assert result.status == "error"
    assert result.contact is None
    assert "500" in result.detail


def test_contact_system_that_is_down_leaves_the_call_unpersonalised():
    with ContactsStandIn() as api:
        source = ContactSource(kind="http", url=api.url, timeout_ms=BUDGET_MS)
    # stopped: the port now refuses connections

    result = ask(source, MARIA)

    assert result.status == "error"
    assert result.contact is None


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad gateway</html>",
        b'{"name": "Maria',
        b'["Maria Lopez"]',
        b'{"name": 42}',
        b'{"name": "Maria Lopez", "tags": [1, 2]}',
        b'{"name": "Maria Lopez", "notes": [{"private": true}]}',
    ],
    ids=["html", "cut-short", "a-list", "name-not-text", "tags-not-text", "note-without-text"],
)
def test_garbled_answer_is_malformed(api, http_source, body):
    api.garbage(MARIA, body, content_type="application/json")

    result = ask(http_source, MARIA)

    assert result.status == "malformed"
    assert result.contact is None


def test_caller_the_business_does_not_know_is_unknown(api, http_source):
    result = ask(http_source, "+13125550188")

    assert result == Lookup(None, "unknown")
    assert [r.phone for r in api.requests] == ["+13125550188"]


@pytest.mark.parametrize("document", [{}, None, {"name": None, "tags": []}])
def test_empty_answer_means_unknown(api, http_source, document):
    api.contact(MARIA, document)

    assert ask(http_source, MARIA).status == "unknown"


@pytest.mark.parametrize(
    "phone",
    [None, "", "anonymous", "restricted", "+266696687", "+7378742833", "2025550143"],
    ids=["missing", "empty", "anonymous", "restricted", "keypad-anonymous", "keypad-restricted", "no-plus"],
)
def test_caller_without_a_usable_number_is_not_looked_up(api, http_source, phone):
    result = ask(http_source, phone)

    assert result.status == "invalid-number"
    assert result.contact is None
    assert api.requests == []


def test_switched_off_look_up_asks_nobody(api):
    result = ask(ContactSource(kind="off", url=api.url), MARIA)

    assert result == Lookup(None, "off")
    assert api.requests == []


# --- Looking up in our table -------------------------------------------------------------------


def test_caller_in_the_contacts_table_is_found(session):
    session.add(
        Contact(
            phone=MARIA,
            name="Maria Lopez",
            notes="Prefers mornings.",
            private_notes="Balance overdue.",
            tags="vip, spanish",
            open_items=json.dumps(["Refill request"]),
        )
    )
    session.commit()

    result = lookup(ContactSource(kind="table"), session, MARIA)

    assert result.status == "found"
    assert result.contact == CallerContact(
        name="Maria Lopez",
        notes="Prefers mornings.",
        private_notes="Balance overdue.",
        tags=("vip", "spanish"),
        open_items=("Refill request",),
    )


def test_caller_not_in_the_contacts_table_is_unknown(session):
    assert lookup(ContactSource(kind="table"), session, MARIA) == Lookup(None, "unknown")


# --- Importing a CSV file ----------------------------------------------------------------------


def test_import_normalises_numbers_and_stores_every_column(session, tmp_path):
    path = write_csv(
        tmp_path,
        "Phone,Name,notes,private_notes,tags,open_items\n"
        "(202) 555-0143,Maria Lopez,Prefers mornings.,Balance overdue.,"
        '"vip, spanish",Refill request; Call back\n'
        "+44 20 7946 0958,Tom Baker,,,,\n",
    )

    report = import_csv(session, path)

    assert report.errors == []
    assert (report.imported, report.updated) == (2, 0)
    contacts = stored(session)
    maria = contacts[MARIA]
    assert (maria.name, maria.notes, maria.private_notes) == (
        "Maria Lopez",
        "Prefers mornings.",
        "Balance overdue.",
    )
    assert maria.tags == "vip, spanish"
    assert json.loads(maria.open_items) == ["Refill request", "Call back"]
    assert contacts["+442079460958"].name == "Tom Baker"


def test_imported_caller_is_found_at_call_start(session, tmp_path):
    import_csv(session, write_csv(tmp_path, "phone,name,tags\n202-555-0143,Maria Lopez,vip\n"))

    result = lookup(ContactSource(kind="table"), session, MARIA)

    assert result.contact == CallerContact(name="Maria Lopez", tags=("vip",))


def test_importing_again_updates_known_callers(session, tmp_path):
    import_csv(session, write_csv(tmp_path, "phone,name,notes\n+12025550143,Maria Lopez,Old note\n"))

    report = import_csv(
        session,
        write_csv(tmp_path, "phone,name,notes\n202.555.0143,Maria López,New note\n312-555-0188,Ann Lee,\n"),
    )

    assert (report.imported, report.updated, report.errors) == (1, 1, [])
    contacts = stored(session)
    assert len(contacts) == 2
    assert (contacts[MARIA].name, contacts[MARIA].notes) == ("Maria López", "New note")


def test_column_missing_from_the_file_keeps_its_stored_value(session, tmp_path):
    first = "phone,name,private_notes\n+12025550143,Maria,Balance overdue.\n"
    import_csv(session, write_csv(tmp_path, first))

    import_csv(session, write_csv(tmp_path, "phone,name\n+12025550143,Maria Lopez\n"))

    maria = stored(session)[MARIA]
    assert (maria.name, maria.private_notes) == ("Maria Lopez", "Balance overdue.")


def test_bad_rows_are_reported_by_line_and_nothing_is_written(session, tmp_path):
    path = write_csv(
        tmp_path,
        "phone,name,notes\n"
        "+12025550143,Maria Lopez,fine\n"  # line 2
        "555-01,Short Number,\n"  # line 3
        '+13125550188,"Ann\nLee",a name over two lines\n'  # lines 4-5
        "not a number,Nobody,\n"  # line 6
        "+16175550100,,\n"  # line 7
        "(202) 555-0143,Maria Again,\n",  # line 8
    )

    report = import_csv(session, path)

    assert (report.imported, report.updated) == (0, 0)
    assert [error.split(":")[0] for error in report.errors] == ["line 3", "line 6", "line 7", "line 8"]
    assert "'555-01'" in report.errors[0]
    assert "'not a number'" in report.errors[1]
    assert "name" in report.errors[2]
    assert "line 2" in report.errors[3]  # where the number first appeared
    assert session.scalar(select(func.count()).select_from(Contact)) == 0


def test_failed_import_leaves_existing_contacts_untouched(session, tmp_path):
    import_csv(session, write_csv(tmp_path, "phone,name\n+12025550143,Maria Lopez\n"))

    report = import_csv(session, write_csv(tmp_path, "phone,name\n+12025550143,Maria Changed\nbad,Nobody\n"))

    assert not report.ok
    assert stored(session)[MARIA].name == "Maria Lopez"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name,notes\nMaria Lopez,hi\n", "lacks phone"),
        ("phone\n+12025550143\n", "lacks name"),
        ("telephone,full name\n+12025550143,Maria\n", "lacks phone and name"),
        ("phone,name,emial\n+12025550143,Maria,m@example.com\n", "unknown column 'emial'"),
        ("", "empty"),
    ],
    ids=["no-phone", "no-name", "neither", "unknown-column", "empty-file"],
)
def test_file_without_the_needed_columns_is_refused(session, tmp_path, text, problem):
    report = import_csv(session, write_csv(tmp_path, text))

    assert len(report.errors) == 1
    assert report.errors[0].startswith("line 1:")
    assert problem in report.errors[0]
    assert session.scalar(select(func.count()).select_from(Contact)) == 0


def test_national_numbers_are_read_in_the_region_given(session, tmp_path):
    report = import_csv(session, write_csv(tmp_path, "phone,name\n020 7946 0958,Tom Baker\n"), "GB")

    assert report.errors == []
    assert list(stored(session)) == ["+442079460958"]


def test_unknown_region_is_refused_before_reading_the_file(session, tmp_path):
    report = import_csv(session, write_csv(tmp_path, "phone,name\n020 7946 0958,Tom Baker\n"), "UK")

    assert report.errors == ["'UK' is not a region code like US or GB"]


# --- What the caller's record says, and to whom ------------------------------------------------


def test_model_never_reads_private_notes():
    contact = CallerContact(
        name="Maria Lopez",
        notes="Prefers mornings.",
        private_notes="Balance overdue.",
        tags=("vip",),
        open_items=("Refill request",),
    )

    text = contact.for_model()

    assert "Balance overdue" not in text
    for shown in ("Maria Lopez", "Prefers mornings.", "vip", "Refill request"):
        assert shown in text


def test_contact_stored_with_the_call_keeps_everything():
    contact = CallerContact("Maria Lopez", "Prefers mornings.", "Balance overdue.", ("vip",), ("Refill",))

    assert CallerContact.from_json(contact.to_json()) == contact


@pytest.mark.parametrize(
    ("name", "first"),
    [("Maria Lopez", "Maria"), ("Lopez, Maria", "Maria"), ("Dr. Maria Lopez", "Maria"), ("", "")],
)
def test_greeting_uses_the_callers_first_name(name, first):
    assert CallerContact(name=name).first_name == first
