"""The console's pages. Each view reads the request into plain values, asks `queries`,
`overview` or `health`, and renders a template."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from ivr.console import accounts, auth, charts, export, formats, health, overview, queries, scenario
from ivr.record import messages
from ivr.record.models import utcnow
from ivr.web.voice import db

INBOX = 100  # messages on the page, newest first
console = Blueprint(
    "console", __name__, url_prefix="/console", template_folder="templates", static_folder="static"
)
console.before_request(auth.guard)


@console.context_processor
def helpers() -> dict[str, Any]:
    zone = auth.config().timezone
    return {
        "csrf_token": auth.csrf_token,
        "when": partial(formats.when, zone=zone),
        "zone": zone,
        "outcomes": queries.OUTCOMES,
        "badges": queries.BADGES,
        "percent": formats.percent,
    }


@console.get("/")
def home() -> BaseResponse:
    return redirect(url_for("console.calls"))


@console.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if not accounts.any_account(db()):
        return render_template("console/no_accounts.html")
    if request.method == "GET":
        return render_template("console/login.html", next=request.args.get("next", ""))
    email = request.form.get("email", "")
    try:
        user_id = accounts.sign_in(db(), email, request.form.get("password", ""), request.remote_addr or "?")
    except accounts.TooManyAttempts:
        return render_template("console/login.html", email=email, error="too-many"), 429
    if user_id is None:
        return render_template("console/login.html", email=email, error="wrong"), 401
    auth.start_session(user_id)
    return redirect(auth.safe_next(request.form.get("next")))


@console.post("/logout")
def logout() -> BaseResponse:
    auth.end_session()
    return redirect(url_for("console.login"))


# Calls


def call_filters() -> queries.CallFilters:
    zone, args = auth.config().timezone, request.args
    start, end = _day(args.get("from")), _day(args.get("to"))
    return queries.CallFilters(
        start=formats.day_start(start, zone) if start else None,
        end=formats.day_after(end, zone) if end else None,
        outcome=args.get("outcome") or None,
        caller=args.get("caller", "")[:100],
        words=args.get("words", "")[:200],
        tests=args.get("tests") == "1",
    )


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filter_args() -> dict[str, str]:
    """The list's filters as query arguments, to carry into its other links."""
    keys = ("from", "to", "outcome", "caller", "words", "tests")
    return {key: request.args[key] for key in keys if request.args.get(key)}


@console.get("/calls")
def calls() -> str:
    page = queries.calls_page(db(), call_filters(), request.args.get("before"))
    return render_template(
        "console/calls.html", page=page, args=filter_args(), first=not request.args.get("before")
    )


@console.get("/calls/newer")
def newer_calls() -> Response:
    """The rows of calls newer than `after`, for the list's polling script."""
    rows = queries.calls_after(db(), call_filters(), request.args.get("after", ""))
    html = render_template("console/_call_rows.html", rows=rows)
    return Response(
        response=current_app.json.dumps({"html": html, "newest": rows[0].cursor if rows else None}),
        mimetype="application/json",
        headers={"Cache-Control": "no-store"},
    )


@console.get("/calls.csv")
def calls_csv() -> Response:
    filters, zone = call_filters(), auth.config().timezone
    session = db()

    def lines() -> Iterator[str]:
        out = io.StringIO()
        sheet = csv.writer(out)
        sheet.writerow(export.CSV_HEADER)
        try:
            for row in queries.every_call(session, filters):
                sheet.writerow(export.csv_fields(row, zone))
                yield out.getvalue()
                out.seek(0)
                out.truncate()
            yield out.getvalue()
        finally:
            # The request's teardown closed the session when the view returned; reading on began a
            # new transaction, which would hold its connection (and PostgreSQL's locks) until
            # the session is collected.
            session.close()

    name = f"calls-{utcnow():%Y%m%d-%H%M}.csv"
    return Response(
        stream_with_context(lines()),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@console.get("/calls/<call_sid>")
def call(call_sid: str) -> str:
    story = queries.call_story(db(), call_sid)
    if story is None:
        abort(404)
    assistant = current_app.extensions["ivr"].assistant
    return render_template(
        "console/call.html",
        story=story,
        why=queries.why,
        menu=assistant.menu,
        unmatched=scenario.unmatched_turns(story.turns),
    )


@console.get("/calls/<call_sid>/scenario.toml")
def call_scenario(call_sid: str) -> Response:
    story = queries.call_story(db(), call_sid)
    if story is None:
        abort(404)
    assistant = current_app.extensions["ivr"].assistant
    text = scenario.scenario_toml(story, assistant, auth.config().timezone)
    return Response(
        text,
        mimetype="application/toml",
        headers={"Content-Disposition": f'attachment; filename="{scenario.file_name(story.call)}"'},
    )


@console.get("/calls/<call_sid>/phrases")
def phrases(call_sid: str) -> str:
    """The TOML lines that would teach an option what the caller said on this turn."""
    story = queries.call_story(db(), call_sid)
    if story is None:
        abort(404)
    turn = next((t for t in story.turns if str(t.seq) == request.args.get("turn")), None)
    if turn is None:
        abort(404)
    option = current_app.extensions["ivr"].assistant.option(request.args.get("option", ""))
    if option is None:
        abort(400, "Choose one of the menu's options.")
    lines = scenario.phrase_lines(option, turn.text, current_app.extensions["ivr"].settings.assistant_path)
    return render_template("console/phrases.html", story=story, turn=turn, option=option, lines=lines)


# The other pages


@console.get("/overview")
def overview_page() -> str:
    zone = auth.config().timezone
    today = formats.local(utcnow(), zone).date()
    start = _day(request.args.get("from")) or today - timedelta(days=29)
    end = _day(request.args.get("to")) or today
    if end < start:
        start, end = end, start
    end = min(end, start + timedelta(days=366))
    service = current_app.extensions["ivr"]
    names = {option.key: option.name for option in service.assistant.menu}
    report = overview.report(db(), start, end, zone, service.settings.anthropic_model, names)
    return render_template("console/overview.html", report=report, start=start, end=end, charts=charts)


@console.get("/messages")
def inbox() -> str:
    everything = request.args.get("all") == "1"
    found = messages.recent(db(), include_handled=everything, include_tests=False, limit=INBOX)
    return render_template("console/messages.html", messages=found, everything=everything)


@console.post("/messages/<int:message_id>/handled")
def handled(message_id: int) -> BaseResponse:
    try:
        messages.mark_handled(db(), [message_id], utcnow())
    except messages.UnknownMessages:
        abort(404)
    flash("Marked as handled.")
    return redirect(url_for("console.inbox", all=request.args.get("all")))


@console.get("/health")
def health_page() -> str:
    return render_template("console/health.html", report=health.report(db()))
