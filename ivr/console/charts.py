"""Charts as inline SVG drawn on the server: no script, no CDN, works offline, and each chart has
a text alternative (a title and a description) for screen readers. Colours come from the
stylesheet through classes."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from ivr.console.formats import number

WIDTH, HEIGHT = 720, 180
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def columns(points: Sequence[tuple[str, float]], title: str, unit: str = "calls") -> Markup:
    """A column per point (a day), with the highest value marked on the axis."""
    top = max((value for _, value in points), default=0) or 1
    left, bottom, gap = 40, 20, 2
    step = (WIDTH - left) / max(len(points), 1)
    bars = []
    for n, (label, value) in enumerate(points):
        height = (HEIGHT - bottom - 10) * value / top
        x, y = left + n * step, HEIGHT - bottom - height
        bars.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{max(step - gap, 1):.1f}" '
            f'height="{height:.1f}"><title>{escape(label)}: {number(value)} {unit}</title></rect>'
        )
    ticks = _day_ticks(points, left, step)
    axis = (
        f'<text class="axis" x="{left - 6}" y="16" text-anchor="end">{number(top)}</text>'
        f'<text class="axis" x="{left - 6}" y="{HEIGHT - bottom}" text-anchor="end">0</text>'
        f'<line class="rule" x1="{left}" x2="{WIDTH}" y1="{HEIGHT - bottom}" y2="{HEIGHT - bottom}"/>'
    )
    summary = f"{title}: {len(points)} values, highest {number(top)} {unit}"
    return _svg(title, summary, axis + "".join(bars) + ticks, WIDTH, HEIGHT)


def _day_ticks(points: Sequence[tuple[str, float]], left: float, step: float) -> str:
    every = max(1, len(points) // 8)
    return "".join(
        f'<text class="axis" x="{left + n * step:.1f}" y="{HEIGHT - 4}">{escape(label)}</text>'
        for n, (label, _) in enumerate(points)
        if n % every == 0
    )


def week_heatmap(week: Sequence[Sequence[int]], title: str) -> Markup:
    """Hours of the week, Monday first: darker is busier."""
    left, top_margin, cell_w, cell_h = 40, 16, 27, 20
    top = max((max(day) for day in week), default=0) or 1
    cells = []
    for day, counts in enumerate(week):
        y = top_margin + day * cell_h
        cells.append(f'<text class="axis" x="{left - 6}" y="{y + 14}" text-anchor="end">{DAYS[day]}</text>')
        for hour, count in enumerate(counts):
            level = 0 if not count else 1 + min(4, int(5 * count / (top + 1)))
            cells.append(
                f'<rect class="heat heat{level}" x="{left + hour * cell_w}" y="{y}" width="{cell_w - 2}" '
                f'height="{cell_h - 2}"><title>{DAYS[day]} {hour:02d}:00: {number(count)} calls</title>'
                "</rect>"
            )
    hours = "".join(
        f'<text class="axis" x="{left + h * cell_w}" y="11">{h:02d}</text>' for h in range(0, 24, 3)
    )
    busiest = max(
        ((count, d, h) for d, hours_ in enumerate(week) for h, count in enumerate(hours_)), default=None
    )
    summary = f"{title}. Busiest: {DAYS[busiest[1]]} {busiest[2]:02d}:00" if busiest and busiest[0] else title
    height = top_margin + 7 * cell_h
    return _svg(title, summary, hours + "".join(cells), left + 24 * cell_w, height)


def bars(items: Sequence[tuple[str, float]], title: str, unit: str = "calls") -> Markup:
    """Horizontal bars, one per labelled item, with its value."""
    label_w, row_h, width = 170, 24, 520
    top = max((value for _, value in items), default=0) or 1
    rows = []
    for n, (label, value) in enumerate(items):
        y = n * row_h
        length = (width - label_w - 70) * value / top
        rows.append(
            f'<text class="label" x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{max(length, 1):.1f}" height="{row_h - 8}"/>'
            f'<text class="value" x="{label_w + length + 6:.1f}" y="{y + 16}">{number(value)}</text>'
        )
    summary = "; ".join(f"{label}: {number(value)} {unit}" for label, value in items)
    return _svg(title, summary, "".join(rows), width, max(len(items), 1) * row_h)


def _svg(title: str, summary: str, body: str, width: float, height: float) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(summary)}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>{body}</svg>"
    )
