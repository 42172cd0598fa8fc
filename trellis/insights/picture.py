"""The network picture: teams or disciplines round a circle, sized by their members, with a
line for the relationships between each two, as SVG drawn here (trellis.web.charts' pieces).

It scales with its container (a viewBox, no fixed width), so it reads at 390 px wide: at
most `compute.BUSIEST` + 1 nodes, labels kept short, every count in a <title> too.
"""

from __future__ import annotations

import math

from trellis.insights.selectors import Network
from trellis.web import charts

WIDTH, HEIGHT = 640, 420  # wider than tall: labels stand out to the left and right
RING = 140  # the circle the nodes sit on, from the centre
LARGEST_NODE = 22
SMALLEST_NODE = 4
WIDEST_LINE = 10
LABEL_CHARACTERS = 16
FONT_SIZE = 14  # of the viewBox: about 9 px on a 390 px phone
# Drawn in the SVG itself (not the stylesheet), so it looks the same saved as an image.
NODE, EDGE = "#2f6f4e", "#9db4c0"


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARACTERS else name[: LABEL_CHARACTERS - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _label(name: str, x: float, y: float, radius: float, angle: float) -> str:
    """The node's name just outside it, away from the centre: to the right of nodes on the
    right, the left of those on the left, above or below those at the top or bottom."""
    cos, sin = math.cos(angle), math.sin(angle)
    gap = radius + 5
    anchor = "start" if cos > 0.1 else "end" if cos < -0.1 else "middle"
    lx, ly = x + gap * cos, y + gap * sin + 4
    if anchor == "middle":
        ly = y + radius + 14 if sin > 0 else y - radius - 6
    return charts.text(_short(name), x=lx, y=ly, anchor=anchor, fill=charts.INK)


def network_svg(picture: Network, *, chart_id: str = "network") -> str:
    frame = charts.Frame(WIDTH, HEIGHT)
    cx, cy = WIDTH / 2, HEIGHT / 2
    count = max(len(picture.nodes), 1)
    # The folded "other" node is drawn no larger than the largest named one (it stands for
    # thousands of members at 100,000): its <title> and the table give its size.
    named = [node.members for node in picture.nodes if not node.name.startswith("other ")]
    largest = max([1, *named])
    heaviest = max([1, *(edge.relationships for edge in picture.edges)])
    where: dict[str, tuple[float, float, float]] = {}
    angles: dict[str, float] = {}
    for i, node in enumerate(picture.nodes):
        angle = 2 * math.pi * i / count - math.pi / 2
        radius = max(SMALLEST_NODE, LARGEST_NODE * math.sqrt(min(node.members / largest, 1)))
        where[node.name] = (cx + RING * math.cos(angle), cy + RING * math.sin(angle), radius)
        angles[node.name] = angle
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
        label = _label(node.name, x, y, radius, angles[node.name])
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
    body = [charts.element("g", {"font-size": FONT_SIZE}, "".join(body))]
    return charts.svg(
        frame, body, title=title, desc=desc, chart_id=chart_id, css_class="network-chart"
    )
