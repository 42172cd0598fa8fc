"""Reciprocity: how value has flowed both ways between members, month by month.

Each exchange is one side's record. What its author shared flowed from them to
the other member; what they learned flowed the other way. Seen from one member,
every exchange in their relationships gives them a count of "gave" and of
"received". The chart is plain SVG, drawn by trellis.web.charts: no JavaScript, no CDN.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.formats import date_format

from trellis.web import charts

MONTHS_SHOWN = 12
# One-way: in the last ONE_WAY_DAYS, at least ONE_WAY_AT units one way and none back.
ONE_WAY_DAYS = 90
ONE_WAY_AT = 3
MAX_BAR = 32.0  # one month alone is a bar, not a wall
GIVEN_RECEIVED = (
    charts.Series("given", css_class="gave"),
    charts.Series("received", css_class="received"),
)
CHART_FRAME = charts.Frame(480, 180, top=6, bottom=24)  # the bottom margin holds the months


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


def chart(months: list[Month], *, title: str, chart_id: str) -> str:
    """The months inline as SVG: what the member gave above the axis, what they received below,
    on one scale."""
    columns = [charts.Column(m.label, m.long_label, (m.gave, m.received)) for m in months]
    desc = (
        "Bars above the line: what you gave each month. Bars below: what you received. "
        f"Up to {charts.largest(columns)} a month."
    )
    return charts.diverging_chart(
        columns,
        GIVEN_RECEIVED,
        frame=CHART_FRAME,
        title=title,
        desc=desc,
        chart_id=chart_id,
        css_class="reciprocity-chart",
        widest=MAX_BAR,
    )
