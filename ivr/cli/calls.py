"""What the line's calls left behind: recent calls, one call's transcript, and purging old ones."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import click

from ivr.cli.environment import database
from ivr.cli.tables import duration, milliseconds, offset, short_sids, table, when

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ivr.record.models import Call, Turn


@click.command("calls")
@click.option("--limit", default=20, show_default=True, help="How many calls, newest first.")
@click.option("--tests", "include_tests", is_flag=True, help="Include test calls (ivr test-calls --url).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_calls(limit: int, include_tests: bool, as_json: bool) -> None:
    """List recent calls, newest first: who called, for how long, and how each call ended."""
    from sqlalchemy import func, select

    from ivr.record.models import Call, Turn

    # The caller's turns: what they said or pressed, and their silences; a transfer's result is not one.
    said = (
        select(Turn.call_id, func.count().label("turns"))
        .where(Turn.role == "caller", Turn.input_kind.is_distinct_from("dial"))
        .group_by(Turn.call_id)
    )
    caller_turns = said.subquery()
    query = (
        select(Call, func.coalesce(caller_turns.c.turns, 0))
        .outerjoin(caller_turns, caller_turns.c.call_id == Call.id)
        .order_by(Call.started_at.desc(), Call.id.desc())
        .limit(limit)
    )
    with database() as session:
        found = session.execute(query if include_tests else query.where(Call.test.is_(False))).all()
        hidden = 0 if found or include_tests else session.scalar(select(func.count()).where(Call.test))
    if as_json:
        for call, turns in found:
            click.echo(json.dumps(_call_json(call, turns)))
        return
    if not found:
        click.echo(f"No calls yet{f' ({hidden} test call(s): --tests lists them)' if hidden else ''}.")
        return
    sids = short_sids(call.call_sid for call, _ in found)
    rows = [
        (
            sids[call.call_sid],
            when(call.started_at, seconds=True),
            call.from_number,
            call.to_number,
            call.assistant,
            duration(_seconds(call)),
            turns,
            (call.outcome or call.status) + (" (test)" if call.test else ""),
        )
        for call, turns in found
    ]
    heads = ("CALL", "STARTED (UTC)", "FROM", "TO", "ASSISTANT", "DURATION", "TURNS", "OUTCOME")
    click.echo(table(heads, rows))


def _call_json(call: Call, turns: int) -> dict[str, Any]:
    return {
        "call_sid": call.call_sid,
        "from": call.from_number,
        "to": call.to_number,
        "assistant": call.assistant,
        "language": call.language,
        "started": call.started_at.isoformat(timespec="seconds"),
        "ended": call.ended_at.isoformat(timespec="seconds") if call.ended_at else None,
        "status": call.status,
        "duration_s": call.duration_s,
        "turns": turns,
        "outcome": call.outcome,
        "test": call.test,
    }


def _seconds(call: Call) -> float | None:
    """Twilio's duration of the call, or ours when its final status has not come in."""
    if call.duration_s is not None:
        return call.duration_s
    return (call.ended_at - call.started_at).total_seconds() if call.ended_at else None


@click.command()
@click.argument("call_sid", metavar="SID")
@click.option("--json", "as_json", is_flag=True, help="The turns as a JSON list.")
def transcript(call_sid: str, as_json: bool) -> None:
    """Print one call turn by turn: when, who, the words, how fast we answered, and why.

    SID is the call's CallSid or any unique start of it, as `ivr calls` shows it."""
    from sqlalchemy.orm import selectinload

    from ivr.assistant import SPOKEN_LANGUAGES
    from ivr.business.events import action_json, text_json
    from ivr.record.actions import runs_of
    from ivr.record.models import Call
    from ivr.record.texts import texts_of

    with database() as session:
        found = _one_call(session, call_sid, selectinload(Call.turns))
        turns = [_turn_json(turn, found.started_at) for turn in found.turns]
        actions = [action_json(run) for run in runs_of(session, found.id)]
        texts = [text_json(text) for text in texts_of(session, found.id)]
    if as_json:
        for turn in turns:  # a call-start action goes with the greeting, a call-end one with the end
            turn["actions"] = [a for a in actions if _action_turn(a, turns) == turn["seq"]]
            turn["texts"] = [t for t in texts if t["seq"] == turn["seq"]]
        click.echo(json.dumps(turns, indent=2))
        return
    header = [
        found.call_sid + (" (test call)" if found.test else ""),
        f"{found.from_number or '-'} -> {found.to_number or '-'}"
        + (f" ({found.assistant})" if found.assistant else "")
        + (f" in {SPOKEN_LANGUAGES.get(found.language, found.language)}" if found.language else ""),
        f"started {when(found.started_at, seconds=True)} UTC",
        duration(_seconds(found)) or "no duration yet",
        found.status,
        found.outcome or "",
    ]
    click.echo("  ".join(header).rstrip())
    rows = [
        (
            offset(timedelta(seconds=t["offset_s"])),
            t["seq"],
            "caller" if t["role"] == "caller" else "ivr",
            t["kind"] + (f" {t['target']}" if t["target"] else ""),
            f"{t['confidence']:.2f}" if t["confidence"] is not None else None,
            milliseconds(t["elapsed_ms"]),
            milliseconds(t["model_ms"]),
            t["note"],
            t["text"],
        )
        for t in turns
    ]
    click.echo(table(("AT", "#", "WHO", "KIND", "CONF", "ANSWERED IN", "MODEL", "NOTE", "WORDS"), rows))
    if actions:
        click.echo("Actions (the business's API)")
        click.echo(
            table(("#", "ACTION", "WHEN", "STATUS", "HTTP", "TOOK", "SENT", "HEARD"), _action_rows(actions))
        )
    if texts:
        click.echo("Texts to the caller")
        click.echo(table(("#", "TO", "FROM", "STATUS", "MESSAGE SID", "TEXT"), _text_rows(texts)))


def _text_rows(texts: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            t["seq"],
            t["to"],
            t["from"],
            t["status"] + (f" ({t['error_code'] or t['detail']})" if t["error_code"] or t["detail"] else ""),
            t["message_sid"],
            t["body"],
        )
        for t in texts
    ]


def _action_turn(action: dict[str, Any], turns: list[dict[str, Any]]) -> int | None:
    if action["moment"] == "call-start":
        return 0
    if action["moment"] == "call-end":
        return turns[-1]["seq"] if turns else None
    return action["seq"]


def _action_rows(actions: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [
        (
            a["seq"] if a["seq"] is not None else "-",
            a["name"],
            a["moment"],
            a["status"] + (f" ({a['detail']})" if a["detail"] and a["status"] != "ok" else ""),
            a["http_status"],
            milliseconds(a["elapsed_ms"]),
            json.dumps(a["parameters"], ensure_ascii=False),
            json.dumps(a["spoken"], ensure_ascii=False) if a["spoken"] else None,
        )
        for a in actions
    ]


def _one_call(session: Session, prefix: str, *options: Any) -> Call:
    """The call whose CallSid is `prefix` or starts with it (any case); one line if none or several."""
    from sqlalchemy import func, select

    from ivr.record.models import Call

    exact = session.scalar(select(Call).where(Call.call_sid == prefix).options(*options))
    if exact is not None:
        return exact
    starts = func.lower(Call.call_sid).startswith(prefix.lower(), autoescape=True)
    count = session.scalar(select(func.count()).where(starts)) or 0
    if count == 0:
        raise click.ClickException(f"No call's CallSid starts with {prefix} (ivr calls lists recent ones).")
    if count > 1:
        raise click.ClickException(f"{count} calls' CallSids start with {prefix}: give more characters.")
    return session.scalars(select(Call).where(starts).options(*options)).one()


def _turn_json(turn: Turn, call_started: datetime) -> dict[str, Any]:
    return {
        "seq": turn.seq,
        "at": turn.created_at.isoformat(timespec="milliseconds"),
        "offset_s": round((turn.created_at - call_started).total_seconds(), 3),
        "role": turn.role,
        "kind": turn.input_kind or turn.action or "",
        "text": turn.text,
        "target": turn.target,
        "confidence": turn.confidence,
        "engine": turn.engine,
        "elapsed_ms": turn.elapsed_ms,
        "model_ms": turn.model_ms,
        "note": turn.note,
    }


@click.command()
@click.option("--older-than", "age", required=True, help="Age of calls to delete, e.g. 30d, 12h, 90m.")
@click.option("--dry-run", is_flag=True, help="Count them; delete nothing.")
def purge(age: str, dry_run: bool) -> None:
    """Delete old calls with their transcripts (personal data: keep only what you need)."""
    from ivr.record import calls

    older_than = _duration(age)
    with database() as session:
        count = calls.purge(session, older_than, dry_run)
    click.echo(f"{count} call(s) older than {age} {'would be' if dry_run else 'were'} deleted.")


def _duration(text: str) -> timedelta:
    units = {"d": "days", "h": "hours", "m": "minutes"}
    number, unit = text[:-1], text[-1:]
    if unit not in units or not number.isdigit():
        raise click.BadParameter(f"'{text}' is not an age like 30d, 12h or 90m", param_hint="--older-than")
    return timedelta(**{units[unit]: int(number)})


COMMANDS = (list_calls, transcript, purge)
