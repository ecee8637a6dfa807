"""The overview of a period: how many calls and when, how they ended, what the menu was used for
and what it did not understand, how fast the line answered, and what the model cost. Every figure
is tallied by one grouped query over the period's calls or turns (days long past are kept
tallied: see `rollup`); hours are grouped in SQL and turned into the line's days and hours of the
week here, so the database needs no time-zone support (SQLite has none)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from ivr.console import formats, rollup
from ivr.console.queries import OUTCOMES, outcome_of
from ivr.console.rollup import Tallied, Tally
from ivr.dialog.notes import Note
from ivr.record.models import Call, Message, Turn
from ivr.record.unmatched import REASKED, normalised

# US dollars per million tokens: input, output, cache write, cache read (Anthropic's price list,
# https://www.anthropic.com/pricing#api). An estimate: check the console's billing for the truth.
PRICES = {
    "claude-haiku-4-5": (1.00, 5.00, 1.25, 0.10),
    "claude-sonnet-4-5": (3.00, 15.00, 3.75, 0.30),
    "claude-opus-4-5": (5.00, 25.00, 6.25, 0.50),
}
UNMATCHED_SHOWN = 15


@dataclass(frozen=True)
class Percentiles:
    count: int
    p50: float | None
    p90: float | None
    p99: float | None


@dataclass
class Report:
    start: date
    end: date
    calls: int = 0
    per_day: list[tuple[date, int]] = field(default_factory=list)
    per_hour_of_week: list[list[int]] = field(default_factory=list)  # [weekday][hour], Monday first
    outcomes: dict[str, int] = field(default_factory=dict)
    transfers: dict[str, Counter[str]] = field(default_factory=dict)  # target -> dial result -> count
    options: list[tuple[str, int]] = field(default_factory=list)  # option key -> times chosen
    unmatched: list[tuple[str, int]] = field(default_factory=list)
    overhead: Percentiles = Percentiles(0, None, None, None)  # ms per answer, ours
    model: Percentiles = Percentiles(0, None, None, None)  # ms per answer, the model's
    tokens_per_day: list[tuple[date, int, int, float]] = field(default_factory=list)  # in, out, cost $
    priced_as: str | None = None
    option_names: dict[str, str] = field(default_factory=dict)

    @property
    def ended(self) -> int:
        return sum(n for kind, n in self.outcomes.items() if kind != "in-progress")

    @property
    def answered_calls(self) -> int:
        """Calls the line picked up: abandoned ones never reached it."""
        return self.ended - self.outcomes.get("abandoned", 0)

    @property
    def contained(self) -> int:
        """Calls resolved without a person: the line answered them and nobody was connected."""
        return sum(self.outcomes.get(k, 0) for k in ("answered", "message", "caller-hung-up"))

    # What the template draws, ready to draw.

    @property
    def per_day_labels(self) -> list[tuple[str, float]]:
        return [(f"{day:%d %b}", count) for day, count in self.per_day]

    @property
    def outcome_bars(self) -> list[tuple[str, float]]:
        return [(OUTCOMES[kind], self.outcomes[kind]) for kind in OUTCOMES if self.outcomes.get(kind)]

    @property
    def option_bars(self) -> list[tuple[str, float]]:
        return [(f"{key}: {self.option_names.get(key, '?')}", count) for key, count in self.options]

    @property
    def token_total(self) -> int:
        return sum(tokens_in + tokens_out for _, tokens_in, tokens_out, _ in self.tokens_per_day)

    @property
    def cost_total(self) -> float:
        return sum(cost for *_, cost in self.tokens_per_day)

    @property
    def cost_labels(self) -> list[tuple[str, float]]:
        return [(f"{day:%d %b}", round(cost, 2)) for day, _, _, cost in self.tokens_per_day]

    @property
    def token_labels(self) -> list[tuple[str, float]]:
        return [
            (f"{day:%d %b}", tokens_in + tokens_out) for day, tokens_in, tokens_out, _ in self.tokens_per_day
        ]


def report(
    session: Session,
    start: date,
    end: date,
    zone: str,
    model: str,
    option_names: dict[str, str],
    now: datetime | None = None,
) -> Report:
    """The period's figures, from `start` to `end` inclusive (days in the line's time zone): the
    days long past from their kept tallies (kept on first use), the rest from the record."""
    since, until = formats.day_start(start, zone), formats.day_after(end, zone)
    counted: Tallied = defaultdict(Counter)
    kept = rollup.kept_days(session, start, end, zone, now or datetime.now(UTC))
    live = [(since, until)]
    if kept is not None:
        rollup.keep(session, kept, zone, lambda a, b: tallies(session, a, b, option_names))
        counted = rollup.added_up(session, kept, zone)
        live = [(since, formats.day_start(kept[0], zone)), (formats.day_start(kept[1], zone), until)]
    for a, b in live:
        for _, figure, key, amount in tallies(session, a, b, option_names) if a < b else []:
            counted[figure][key] += amount
    return assemble(Report(start, end, option_names=option_names), counted, zone, model)


def tallies(session: Session, since: datetime, until: datetime, option_names: dict[str, str]) -> list[Tally]:
    """Every figure of the calls and turns from `since` to `until`, by UTC hour: one grouped query
    each, over the calls (by their start) or the turns (by their own time, so that an index on it
    is used without a join to their calls)."""
    in_period = and_(Call.started_at >= since, Call.started_at < until, Call.test.is_(False))
    turns_in_period = and_(
        Turn.created_at >= since,
        Turn.created_at < until,
        Turn.call_id.not_in(select(Call.id).where(Call.test.is_(True))),
    )
    dialect = session.get_bind().dialect.name
    return [
        *_calls_by_time(session, in_period, dialect),
        *_outcomes(session, in_period, dialect),
        *_transfers(session, in_period, dialect),
        *_options(session, turns_in_period, dialect, option_names),
        *_unmatched(session, turns_in_period, dialect),
        *_speed(session, turns_in_period, dialect),
        *_tokens(session, turns_in_period, dialect),
    ]


TOKENS = ("tokens-in", "tokens-out", "cache-write", "cache-read")


def hour_of(column: Any, dialect: str) -> Any:
    """The UTC hour a timestamp falls in, as text 'YYYY-MM-DD HH' (SQLite stores timestamps as
    text; PostgreSQL's are timestamptz, read here in UTC)."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD HH24")
    return func.substr(column, 1, 13)


def _calls_by_time(session: Session, in_period: ColumnElement[bool], dialect: str) -> list[Tally]:
    hour = hour_of(Call.started_at, dialect).label("hour")
    rows = session.execute(select(hour, func.count()).where(in_period).group_by(hour))
    return [(at, "calls", at, count) for at, count in rows if at]


def _outcomes(session: Session, in_period: ColumnElement[bool], dialect: str) -> list[Tally]:
    """Calls by how they ended. Whether a call has a message is worked out per call first:
    PostgreSQL will not group by a subquery over the grouped rows."""
    each = (
        select(
            hour_of(Call.started_at, dialect).label("hour"),
            Call.outcome,
            Call.ended_at.is_not(None).label("ended"),
            exists().where(Message.call_id == Call.id).label("message"),
        )
        .where(in_period)
        .subquery()
    )
    query = select(each.c.hour, each.c.outcome, each.c.ended, each.c.message, func.count()).group_by(
        each.c.hour, each.c.outcome, each.c.ended, each.c.message
    )
    return [
        (at, "outcome", outcome_of(outcome, bool(is_ended), bool(message)), count)
        for at, outcome, is_ended, message, count in session.execute(query)
    ]


def _transfers(session: Session, in_period: ColumnElement[bool], dialect: str) -> list[Tally]:
    """How each transfer ended, by target: the dial result is the caller turn after the transfer."""
    transfer, result = aliased(Turn), aliased(Turn)
    hour, outcome = hour_of(Call.started_at, dialect), func.coalesce(result.text, "no result")
    query = (
        select(hour, transfer.target, outcome, func.count())
        .select_from(Call)
        .join(transfer, transfer.call_id == Call.id)
        .outerjoin(
            result,
            and_(
                result.call_id == transfer.call_id,
                result.seq == transfer.seq + 1,
                result.input_kind == "dial",
            ),
        )
        .where(in_period, transfer.action == "transfer")
        .group_by(hour, transfer.target, outcome)
    )
    return [
        (at, "transfer", json.dumps([target or "?", ended]), count)
        for at, target, ended, count in session.execute(query)
    ]


def _options(
    session: Session, turns_in_period: ColumnElement[bool], dialect: str, option_names: dict[str, str]
) -> list[Tally]:
    """Each option's note named outright, so that each is one range of the (note, created_at) index."""
    notes = [Note.OPTION.of(key) for key in option_names]
    hour = hour_of(Turn.created_at, dialect)
    query = select(hour, Turn.note, func.count()).where(turns_in_period, Turn.note.in_(notes))
    return [
        (at, "option", str(note).removeprefix(Note.OPTION.value), count)
        for at, note, count in session.execute(query.group_by(hour, Turn.note))
    ]


def _unmatched(session: Session, turns_in_period: ColumnElement[bool], dialect: str) -> list[Tally]:
    """What callers said that the answer re-asked (the answer's note is indexed; the caller's turn
    is the one before it)."""
    said = aliased(Turn)
    words, hour = func.lower(said.text), hour_of(Turn.created_at, dialect)
    query = (
        select(hour, words, func.count())
        .select_from(Turn)
        .join(said, and_(said.call_id == Turn.call_id, said.seq == Turn.seq - 1))
        .where(turns_in_period, Turn.note.in_(REASKED), said.input_kind == "speech", said.text != "")
        .group_by(hour, words)
    )
    return [(at, "unmatched", text, count) for at, text, count in session.execute(query)]


def percentiles(counts: list[tuple[int, int]]) -> Percentiles:
    """Exact percentiles from (value, how many) pairs, sorted by value."""
    total = sum(n for _, n in counts)
    if not total:
        return Percentiles(0, None, None, None)
    marks: dict[float, float | None] = {0.5: None, 0.9: None, 0.99: None}
    seen = 0
    for value, n in counts:
        seen += n
        for mark in marks:
            if marks[mark] is None and seen >= mark * total:
                marks[mark] = value
    return Percentiles(total, marks[0.5], marks[0.9], marks[0.99])


def _speed(session: Session, turns_in_period: ColumnElement[bool], dialect: str) -> list[Tally]:
    """Counts per millisecond value (exact percentiles come from them), read from the answers'
    covering index."""
    answered = and_(turns_in_period, Turn.role == "assistant", Turn.seq > 0)  # the greeting is not timed
    hour = hour_of(Turn.created_at, dialect)
    found: list[Tally] = []
    for column, name in ((Turn.elapsed_ms, "overhead"), (Turn.model_ms, "model")):
        query = select(hour, column, func.count()).where(answered, column.is_not(None)).group_by(hour, column)
        found += [(at, name, str(value or 0), n) for at, value, n in session.execute(query)]
    return found


def _tokens(session: Session, turns_in_period: ColumnElement[bool], dialect: str) -> list[Tally]:
    hour = hour_of(Turn.created_at, dialect).label("hour")
    sums = [
        func.sum(func.coalesce(c, 0))
        for c in (Turn.input_tokens, Turn.output_tokens, Turn.cache_write_tokens, Turn.cache_read_tokens)
    ]
    query = (
        select(hour, *sums)
        .where(turns_in_period, Turn.role == "assistant", Turn.model_ms.is_not(None))
        .group_by(hour)
    )
    return [
        (at, figure, at, int(amount or 0))
        for at, *amounts in session.execute(query)
        if at
        for figure, amount in zip(TOKENS, amounts, strict=True)
    ]


# From the tallies to the report


def assemble(found: Report, counted: Tallied, zone: str, model: str) -> Report:
    """The report from the period's tallies added up, in a fixed order whatever their source."""
    local = _local_hours({*counted["calls"], *counted[TOKENS[0]]}, zone)
    days: Counter[date] = Counter()
    week = [[0] * 24 for _ in range(7)]
    for hour, count in counted["calls"].items():
        at = local[hour]
        days[at.date()] += count
        week[at.weekday()][at.hour] += count
    found.per_day = _every_day(found.start, found.end, days)
    found.per_hour_of_week = week
    found.calls = sum(days.values())
    found.outcomes = {kind: n for kind, n in sorted(counted["outcome"].items()) if n}
    transfers: dict[str, Counter[str]] = defaultdict(Counter)
    for key, count in counted["transfer"].items():
        target, ended = json.loads(key)
        transfers[target][ended] += count
    found.transfers = dict(sorted(transfers.items(), key=lambda item: (-sum(item[1].values()), item[0])))
    found.options = sorted(counted["option"].items(), key=lambda item: (-item[1], item[0]))
    unmatched: Counter[str] = Counter()
    for said, count in counted["unmatched"].items():  # grouped as `ivr unmatched` groups them
        if normalised(said):
            unmatched[normalised(said)] += count
    found.unmatched = sorted(unmatched.items(), key=lambda item: (-item[1], item[0]))[:UNMATCHED_SHOWN]
    for name in ("overhead", "model"):
        found_values = sorted((int(value), n) for value, n in counted[name].items())
        setattr(found, name, percentiles(found_values))
    _cost(found, counted, local, model)
    return found


def _local_hours(hours: set[str], zone: str) -> dict[str, datetime]:
    """Each UTC hour 'YYYY-MM-DD HH' as the line's local time."""
    tz = ZoneInfo(zone)
    return {hour: datetime.fromisoformat(f"{hour}:00+00:00").astimezone(tz) for hour in hours}


def _every_day(start: date, end: date, counts: dict[date, Any], empty: Any = 0) -> list[tuple[date, Any]]:
    return [
        (start + timedelta(days=n), counts.get(start + timedelta(days=n), empty))
        for n in range((end - start).days + 1)
    ]


def _cost(found: Report, counted: Tallied, local: dict[str, datetime], model: str) -> None:
    price = PRICES.get(model)
    days: dict[date, list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for hour in sorted(counted[TOKENS[0]]):  # in time order, so that the sums are the same every time
        tokens_in, tokens_out, cache_write, cache_read = (counted[name].get(hour, 0) for name in TOKENS)
        day = days[local[hour].date()]
        day[0] += tokens_in
        day[1] += tokens_out
        if price:
            day[2] += (
                tokens_in * price[0] + tokens_out * price[1] + cache_write * price[2] + cache_read * price[3]
            ) / 1_000_000
    found.priced_as = model if price else None
    found.tokens_per_day = [
        (day, int(values[0]), int(values[1]), values[2])
        for day, values in _every_day(found.start, found.end, days, [0, 0, 0.0])
    ]
