"""Bar charts drawn on the server as SVG geometry (no script, no third-party service).

These functions only compute positions; the template draws them with SVG
attributes and the ``rr-chart`` classes of the admin stylesheet (the CSP
forbids inline styles). Every chart is shown beside a table of the same
numbers, which is what screen readers are pointed to.
"""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    show_label: bool
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Tick:
    value: int
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list
    ticks: list
    axis: tuple  # x1, y1, x2, y2 of the baseline


def nice_ceiling(value):
    """The smallest 1, 2 or 5 times a power of ten at or above ``value`` (1 for an empty chart)."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= value:
            return multiple * magnitude
    return 10 * magnitude  # pragma: no cover (the loop always returns)


def _r(number):
    return round(number, 1)


def column_chart(rows, *, width=720, height=300, tick_count=4):
    """Vertical bars (one per row, in order): for months. At most ~12 axis labels are shown."""
    left, right, top, bottom = 64, 12, 16, 40
    plot_width, plot_height = width - left - right, height - top - bottom
    top_value = nice_ceiling(max((row.copies for row in rows), default=0))
    slot = plot_width / max(len(rows), 1)
    label_every = max(1, math.ceil(len(rows) / 12))
    bars = []
    for index, row in enumerate(rows):
        bar_height = plot_height * row.copies / top_value
        bar_width = slot * 0.7
        x = left + index * slot + (slot - bar_width) / 2
        y = top + plot_height - bar_height
        bars.append(
            Bar(
                label=row.short,
                value=row.copies,
                x=_r(x),
                y=_r(y),
                width=_r(bar_width),
                height=_r(bar_height),
                label_x=_r(x + bar_width / 2),
                label_y=_r(top + plot_height + 18),
                show_label=index % label_every == 0,
                value_x=_r(x + bar_width / 2),
                value_y=_r(y - 4),
            )
        )
    ticks = []
    for step in range(tick_count + 1):
        value = top_value * step // tick_count
        y = top + plot_height - plot_height * step / tick_count
        ticks.append(Tick(value, left, _r(y), width - right, _r(y), left - 8, _r(y + 4)))
    return Chart(width, height, bars, ticks, (left, top + plot_height, width - right, top + plot_height))


def row_chart(rows, *, width=720, row_height=24, tick_count=4):
    """Horizontal bars (one per row, in order): for states, however many there are."""
    left, right, top, bottom = 64, 56, 8, 28
    plot_width = width - left - right
    height = top + bottom + row_height * max(len(rows), 1)
    top_value = nice_ceiling(max((row.copies for row in rows), default=0))
    bars = []
    for index, row in enumerate(rows):
        bar_width = plot_width * row.copies / top_value
        y = top + index * row_height + row_height * 0.15
        bar_height = row_height * 0.7
        bars.append(
            Bar(
                label=row.short,
                value=row.copies,
                x=left,
                y=_r(y),
                width=_r(bar_width),
                height=_r(bar_height),
                label_x=left - 8,
                label_y=_r(y + bar_height - 4),
                show_label=True,
                value_x=_r(left + bar_width + 6),
                value_y=_r(y + bar_height - 4),
            )
        )
    baseline = top + row_height * max(len(rows), 1)
    ticks = []
    for step in range(tick_count + 1):
        value = top_value * step // tick_count
        x = left + plot_width * step / tick_count
        ticks.append(Tick(value, _r(x), top, _r(x), baseline, _r(x), baseline + 18))
    return Chart(width, height, bars, ticks, (left, top, left, baseline))
