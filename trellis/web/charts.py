"""Bar charts as SVG, drawn by the app itself: no chart library, no script, nothing fetched.

Pure Python (no Django), for a page, an image view or a report alike. A chart is `Column`s
(a month each, say) holding one value per `Series`, drawn in a `Frame`. Two layouts share one
geometry: `stacked` piles a column's values up from the baseline; `diverging` draws its first
value up from an axis across the middle and its second down from it. `stacked_chart` and
`diverging_chart` draw them whole, named by a <title> (and described by a <desc>) that screen
readers read; the pieces they are made of serve charts of other shapes. Every word written
into the SVG is escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
BAR_SHARE = 0.6  # of a column's slot a bar fills; the rest is the gap between bars
THINNEST_BAR = 2  # however many columns, a bar stays visible
MOST_LABELS = 12  # with more columns than this, about this many of them are labelled
LEGEND_STEP = 190  # from one legend entry to the next
# Colours of an image's words and gridlines: a chart inline in a page takes them from the
# stylesheet instead, which never reaches into an image.
INK, MUTED_INK, GRIDLINE = "#333", "#555", "#e3e3e3"


@dataclass(frozen=True)
class Frame:
    """A chart's size, and the margins around its plot (room for value and column labels)."""

    width: float
    height: float
    left: float = 0
    right: float = 0
    top: float = 0
    bottom: float = 0

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def baseline(self) -> float:
        """The bottom edge of the plot, where bars that stand on it start."""
        return self.top + self.plot_height


@dataclass(frozen=True)
class Series:
    """What one value of every column counts: its words and its look.

    `name` follows a count in a tooltip ("3 from your team"); `legend` names it in a legend.
    A chart inline in a page is coloured by its stylesheet through `css_class`; an image,
    which no stylesheet reaches, carries its `fill`.
    """

    name: str
    legend: str = ""
    css_class: str = ""
    fill: str = ""


@dataclass(frozen=True)
class Column:
    """A column: its label under the axis, the name its tooltip opens with, one value per series."""

    label: str
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Band:
    """Where a column stands: the left edge and width of its bars, and its centre."""

    x: float
    width: float
    centre: float


@dataclass(frozen=True)
class Bar:
    """One value of one column as a box; a value of 0 is a box of no height, and not drawn."""

    x: float
    y: float
    width: float
    height: float
    series: Series
    value: int


@dataclass(frozen=True)
class PlacedColumn:
    """A column laid out: its band and its bars, one per series in the series' order."""

    column: Column
    band: Band
    bars: list[Bar]


def bands(
    count: int,
    *,
    left: float,
    span: float,
    narrowest: float = THINNEST_BAR,
    widest: float = math.inf,
) -> list[Band]:
    """`count` equal slots side by side over `span` from `left`, a bar centred in each."""
    slot = span / max(count, 1)
    width = min(max(slot * BAR_SHARE, narrowest), widest)
    return [
        Band(x=left + i * slot + (slot - width) / 2, width=width, centre=left + i * slot + slot / 2)
        for i in range(count)
    ]


def gridlines(most: int, *, steps: int = 4) -> list[int]:
    """Whole numbers for up to `steps` + 1 gridlines, from 0 to the first at or above `most`."""
    most = max(most, 1)
    step = max(1, -(-most // steps))
    return list(range(0, most + step, step))


def largest(columns: Iterable[Column]) -> int:
    """The largest single value of any column, and at least 1: the top of a diverging scale."""
    return max([1, *(max(column.values, default=0) for column in columns)])


def stacked(
    columns: Sequence[Column],
    series: Sequence[Series],
    *,
    frame: Frame,
    top: float,
    widest: float = math.inf,
) -> list[PlacedColumn]:
    """Each column's values piled up from the baseline, the first series lowest; the plot's
    height stands for `top`."""
    slots = bands(len(columns), left=frame.left, span=frame.plot_width, widest=widest)
    placed = []
    for column, band in zip(columns, slots, strict=True):
        y, bars = frame.baseline, []
        for one, value in zip(series, column.values, strict=True):
            height = frame.plot_height * value / top
            y -= height
            bars.append(Bar(band.x, y, band.width, height, one, value))
        placed.append(PlacedColumn(column, band, bars))
    return placed


def diverging(
    columns: Sequence[Column],
    series: Sequence[Series],
    *,
    frame: Frame,
    top: float,
    widest: float = math.inf,
) -> tuple[float, list[PlacedColumn]]:
    """The axis across the middle of the plot, and each column's first value as a bar up from
    it, its second as a bar down; half the plot's height stands for `top`."""
    up, down = series
    half = frame.plot_height / 2
    axis = frame.top + half
    slots = bands(len(columns), left=frame.left, span=frame.plot_width, widest=widest)
    placed = []
    for column, band in zip(columns, slots, strict=True):
        above, below = column.values
        rise, drop = half * above / top, half * below / top
        bars = [
            Bar(band.x, axis - rise, band.width, rise, up, above),
            Bar(band.x, axis, band.width, drop, down, below),
        ]
        placed.append(PlacedColumn(column, band, bars))
    return axis, placed


def tooltip(column: Column, bars: Iterable[Bar]) -> str:
    """A column's bars in words: "June 2025: 2 given, 1 received"."""
    return f"{column.name}: " + ", ".join(f"{bar.value} {bar.series.name}" for bar in bars)


def _number(value: float) -> str:
    """A coordinate to a tenth of a pixel, with no trailing ".0"."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)


def _attribute(value: object) -> str:
    """An attribute's value, escaped for double quotes."""
    written = _number(value) if isinstance(value, float) else str(value)
    return escape(written, {'"': "&quot;"})


def element(tag: str, attributes: dict[str, object], content: str = "") -> str:
    """An SVG element: numbers to a tenth, empty attributes left out, values escaped.

    `content` is markup already (other elements, or words passed through `escape`).
    """
    written = "".join(
        f' {name}="{_attribute(value)}"' for name, value in attributes.items() if value != ""
    )
    return f"<{tag}{written}>{content}</{tag}>" if content else f"<{tag}{written}/>"


def title_tag(words: str, **attributes: object) -> str:
    """A <title>: what a screen reader says for its parent, and a browser shows on hover."""
    return element("title", attributes, escape(words))


def rect(bar: Bar, *, words: str = "") -> str:
    """A bar, with `words` as its own tooltip when given."""
    box = {"x": bar.x, "y": bar.y, "width": bar.width, "height": bar.height}
    look = {"class": bar.series.css_class} | box | {"fill": bar.series.fill}
    return element("rect", look, title_tag(words) if words else "")


def text(words: str, *, x: float, y: float, anchor: str = "middle", fill: str = "") -> str:
    """Words at (x, y): centred on x unless `anchor` says "end", or "" for the start."""
    return element("text", {"x": x, "y": y, "text-anchor": anchor, "fill": fill}, escape(words))


def legend(series: Iterable[Series], *, x: float, y: float) -> str:
    """A swatch and the legend words of each series, in a row whose words sit on `y`."""
    entries = []
    for i, one in enumerate(series):
        left = x + i * LEGEND_STEP
        swatch = {"class": one.css_class, "x": left, "y": y - 9, "width": 10, "height": 10}
        entries.append(element("rect", swatch | {"fill": one.fill}))
        entries.append(text(one.legend, x=left + 14, y=y, anchor="", fill=INK))
    return "".join(entries)


def svg(
    frame: Frame,
    body: Iterable[str],
    *,
    title: str,
    desc: str = "",
    chart_id: str,
    css_class: str = "",
    image: bool = False,
) -> str:
    """An <svg> around `body`, named by its <title> (id `chart_id`) and described by its <desc>.

    An `image` (served as image/svg+xml, shown through <img>) carries its namespace, its size
    in pixels, its font and a white ground; a chart inline in a page fills its container's
    width and takes its look from the stylesheet through `css_class`.
    """
    box = f"0 0 {_number(frame.width)} {_number(frame.height)}"
    labelled_by = f"{chart_id} {chart_id}-desc" if desc else chart_id
    if image:
        size = {"width": _number(frame.width), "height": _number(frame.height)}
        root = {
            "xmlns": SVG_NAMESPACE,
            "viewBox": box,
            **size,
            "role": "img",
            "aria-labelledby": labelled_by,
            "font-family": "system-ui, sans-serif",
            "font-size": "11",
        }
        ground = element("rect", size | {"fill": "#fff"})
    else:
        root = {
            "class": css_class,
            "viewBox": box,
            "width": "100%",
            "role": "img",
            "aria-labelledby": labelled_by,
            "preserveAspectRatio": "xMidYMid meet",
        }
        ground = ""
    head = title_tag(title, id=chart_id)
    if desc:
        head += element("desc", {"id": f"{chart_id}-desc"}, escape(desc))
    return element("svg", root, head + ground + "".join(body))


def stacked_chart(
    columns: Sequence[Column],
    series: Sequence[Series],
    *,
    frame: Frame,
    title: str,
    chart_id: str,
    widest: float = math.inf,
    image: bool = True,
    css_class: str = "",
) -> str:
    """An image of stacked bars over gridlines with their values, each bar's count its tooltip,
    each column's label below (about MOST_LABELS of them however many) and a legend at the bottom,
    the top of the stack first. Not an `image`: inline in a page, as wide as its container."""
    values = gridlines(max((sum(column.values) for column in columns), default=0))
    top = values[-1]
    body = []
    for value in values:
        y = frame.baseline - frame.plot_height * value / top
        line = {"x1": frame.left, "x2": frame.width - frame.right, "y1": y, "y2": y}
        body.append(element("line", line | {"stroke": GRIDLINE}))
        body.append(text(str(value), x=frame.left - 6, y=y + 4, anchor="end", fill=MUTED_INK))
    every = 1 if len(columns) <= MOST_LABELS else -(-len(columns) // MOST_LABELS)
    for i, placed in enumerate(stacked(columns, series, frame=frame, top=top, widest=widest)):
        body += [rect(bar, words=tooltip(placed.column, [bar])) for bar in placed.bars if bar.value]
        if i % every == 0:
            label_y = frame.baseline + 14
            body.append(text(placed.column.label, x=placed.band.centre, y=label_y, fill=MUTED_INK))
    body.append(legend(reversed(series), x=frame.left, y=frame.height - 10))
    return svg(frame, body, title=title, chart_id=chart_id, image=image, css_class=css_class)


def diverging_chart(
    columns: Sequence[Column],
    series: Sequence[Series],
    *,
    frame: Frame,
    title: str,
    desc: str,
    chart_id: str,
    css_class: str,
    widest: float = math.inf,
) -> str:
    """Bars up and down from an axis, inline in a page: a group per column whose tooltip gives
    both of its values, with the column's label in the bottom margin."""
    axis, columns_placed = diverging(
        columns, series, frame=frame, top=largest(columns), widest=widest
    )
    line = {"x1": frame.left, "x2": frame.width - frame.right, "y1": axis, "y2": axis}
    body = [element("line", line | {"class": "axis"})]
    for placed in columns_placed:
        bars = "".join(rect(bar) for bar in placed.bars if bar.value)
        label = text(placed.column.label, x=placed.band.centre, y=frame.height - 4)
        body.append(element("g", {}, title_tag(tooltip(placed.column, placed.bars)) + bars + label))
    return svg(frame, body, title=title, desc=desc, chart_id=chart_id, css_class=css_class)
