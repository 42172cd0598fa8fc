"""The network picture: teams or disciplines round a circle, sized by their members, with a
line for the relationships between each two, as SVG drawn here (trellis.web.charts' pieces).

It scales with its container (a viewBox, no fixed width), so it reads at 390 px wide: at
most `compute.BUSIEST` + 1 nodes, labels kept short, every count in a <title> too.
"""

from __future__ import annotations

import math

from trellis.insights.selectors import Network
from trellis.web import charts

SIZE = 400
RING = 130  # the circle the nodes sit on, from the centre
LARGEST_NODE = 26
SMALLEST_NODE = 4
WIDEST_LINE = 10
LABEL_CHARACTERS = 14
# Drawn in the SVG itself (not the stylesheet), so it looks the same saved as an image.
NODE, EDGE = "#2f6f4e", "#9db4c0"


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARACTERS else name[: LABEL_CHARACTERS - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def network_svg(picture: Network, *, chart_id: str = "network") -> str:
    frame = charts.Frame(SIZE, SIZE)
    centre = SIZE / 2
    count = max(len(picture.nodes), 1)
    largest = max([1, *(node.members for node in picture.nodes)])
    heaviest = max([1, *(edge.relationships for edge in picture.edges)])
    where: dict[str, tuple[float, float, float]] = {}
    for i, node in enumerate(picture.nodes):
        angle = 2 * math.pi * i / count - math.pi / 2
        radius = max(SMALLEST_NODE, LARGEST_NODE * math.sqrt(node.members / largest))
        where[node.name] = (
            centre + RING * math.cos(angle),
            centre + RING * math.sin(angle),
            radius,
        )
    within = {e.one: e.relationships for e in picture.edges if e.one == e.two}
    body = []
    for edge in picture.edges:
        if edge.one == edge.two or edge.one not in where or edge.two not in where:
            continue
        (x1, y1, _), (x2, y2, _) = where[edge.one], where[edge.two]
        width = 1 + (WIDEST_LINE - 1) * edge.relationships / heaviest
        words = f"{edge.one} and {edge.two}: {_plural(edge.relationships, 'relationship')}"
        line = {"class": "edge", "x1": x1, "y1": y1, "x2": x2, "y2": y2}
        line |= {"stroke": EDGE, "stroke-width": width, "stroke-opacity": "0.6"}
        body.append(charts.element("line", line, charts.title_tag(words)))
    for node in picture.nodes:
        x, y, radius = where[node.name]
        words = (
            f"{node.name}: {_plural(node.members, 'member')}, "
            f"{_plural(within.get(node.name, 0), 'relationship')} within"
        )
        place = {"class": "node", "cx": x, "cy": y, "r": radius}
        circle = charts.element("circle", place | {"fill": NODE, "stroke": "#fff"})
        below = y + radius + 12 if y >= centre else y - radius - 5
        label = charts.text(_short(node.name), x=x, y=below, fill=charts.INK)
        body.append(charts.element("g", {}, charts.title_tag(words) + circle + label))
    title = (
        f"Relationships started between {picture.by}s in the last {picture.weeks} weeks, "
        f"for {picture.cohort.label}: {_plural(len(picture.nodes), 'node')}, "
        f"{_plural(len(picture.edges), 'link')}."
    )
    desc = (
        f"Each circle is a {picture.by}, sized by its members; each line joins two whose "
        "members started relationships with each other, thicker for more. The table below "
        "lists every figure."
    )
    return charts.svg(
        frame, body, title=title, desc=desc, chart_id=chart_id, css_class="network-chart"
    )
