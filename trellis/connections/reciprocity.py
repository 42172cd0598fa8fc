"""Reciprocity: how value has flowed both ways between members, month by month.

Each exchange is one side's record. What its author shared flowed from them to
the other member; what they learned flowed the other way. Seen from one member,
every exchange in their relationships gives them a count of "gave" and of
"received". The chart is plain SVG drawn here: no JavaScript, no CDN.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.formats import date_format

MONTHS_SHOWN = 12
# One-way: in the last ONE_WAY_DAYS, at least ONE_WAY_AT units one way and none back.
ONE_WAY_DAYS = 90
ONE_WAY_AT = 3
MAX_BAR = 32.0  # one month alone is a bar, not a wall


def _field(exchange, name: str):
    return exchange[name] if isinstance(exchange, Mapping) else getattr(exchange, name)


def units(exchange, viewer_id: int) -> tuple[int, int]:
    """(gave, received) by `viewer_id` in one exchange, whoever recorded it."""
    shared = 1 if _field(exchange, "what_i_shared") else 0
    learned = 1 if _field(exchange, "what_i_learned") else 0
    if _field(exchange, "author_id") == viewer_id:
        return shared, learned
    return learned, shared


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _months_back(month: datetime.date, n: int) -> datetime.date:
    total = month.year * 12 + month.month - 1 - n
    return datetime.date(total // 12, total % 12 + 1, 1)


@dataclass(frozen=True)
class Month:
    """What a member gave and received in one calendar month."""

    start: datetime.date
    gave: int
    received: int

    @property
    def label(self) -> str:
        return date_format(self.start, "M")

    @property
    def long_label(self) -> str:
        return date_format(self.start, "F Y")


def monthly(
    exchanges: Iterable, viewer_id: int, *, today: datetime.date, months: int = MONTHS_SHOWN
) -> list[Month]:
    """The last `months` months up to `today` (fewer if the first exchange is later)."""
    exchanges = list(exchanges)
    last = _month(today)
    first = last
    if exchanges:
        earliest = _month(min(_field(e, "date") for e in exchanges))
        first = max(_months_back(last, months - 1), earliest)
    totals: dict[datetime.date, list[int]] = {}
    for exchange in exchanges:
        gave, received = units(exchange, viewer_id)
        cell = totals.setdefault(_month(_field(exchange, "date")), [0, 0])
        cell[0] += gave
        cell[1] += received
    result = []
    month = first
    while month <= last:
        gave, received = totals.get(month, (0, 0))
        result.append(Month(month, gave, received))
        month = _months_back(month, -1)
    return result


def totals(exchanges: Iterable, viewer_id: int) -> tuple[int, int]:
    """(gave, received) by `viewer_id` over all of these exchanges."""
    gave = received = 0
    for exchange in exchanges:
        g, r = units(exchange, viewer_id)
        gave, received = gave + g, received + r
    return gave, received


def one_way(exchanges: Iterable, viewer_id: int, *, today: datetime.date) -> str | None:
    """ "received" or "gave" when recent value went only one way, else None."""
    since = today - datetime.timedelta(days=ONE_WAY_DAYS)
    gave, received = totals((e for e in exchanges if _field(e, "date") >= since), viewer_id)
    if received >= ONE_WAY_AT and gave == 0:
        return "received"
    if gave >= ONE_WAY_AT and received == 0:
        return "gave"
    return None


@dataclass(frozen=True)
class Bar:
    """One month of the chart: a bar up for what was given, one down for what was received."""

    month: Month
    x: float
    width: float
    gave_y: float
    gave_height: float
    received_height: float
    label_x: float


@dataclass(frozen=True)
class Chart:
    """The geometry of a reciprocity chart, for the SVG template to draw."""

    width: int
    height: int
    axis_y: float
    label_y: float
    bars: list[Bar]
    top: int


def chart(months: list[Month], *, width: int = 480, height: int = 180) -> Chart:
    """Bars per month: given above the axis, received below, on one scale."""
    label_room, pad = 18.0, 6.0
    half = (height - label_room - 2 * pad) / 2
    axis_y = pad + half
    top = max([1] + [max(m.gave, m.received) for m in months])
    slot = width / max(len(months), 1)
    bar_width = min(max(2.0, slot * 0.6), MAX_BAR)
    bars = []
    for i, month in enumerate(months):
        gave_height = half * month.gave / top
        x = i * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                month=month,
                x=round(x, 1),
                width=round(bar_width, 1),
                gave_y=round(axis_y - gave_height, 1),
                gave_height=round(gave_height, 1),
                received_height=round(half * month.received / top, 1),
                label_x=round(i * slot + slot / 2, 1),
            )
        )
    return Chart(width, height, round(axis_y, 1), round(height - 4.0, 1), bars, top)
