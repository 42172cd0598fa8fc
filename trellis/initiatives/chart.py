"""The visibility map's picture: observations per month as stacked bars, drawn as SVG
by the app itself (no chart library, nothing fetched)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from trellis.initiatives.selectors import Month

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 12, 16, 40
INSIDE_COLOUR, OUTSIDE_COLOUR = "#9db4c0", "#2f6f4e"


def _ticks(most: int) -> list[int]:
    """Up to five whole-number gridlines from 0 to at least `most`."""
    step = max(1, -(-most // 4))
    return list(range(0, most + step, step))


def visibility_svg(months: Sequence[Month], *, title: str) -> str:
    """Stacked bars a month each: observers from outside the member's team on top of
    those from inside it, with a legend and a text title for screen readers."""
    most = max((m.inside + m.outside for m in months), default=0)
    ticks = _ticks(max(most, 1))
    top = ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(months), 1)
    bar = slot * 0.6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="t" '
        'font-family="system-ui, sans-serif" font-size="11">',
        f'<title id="t">{escape(title)}</title>',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fff"/>',
    ]
    for tick in ticks:
        y = TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e3e3"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{tick}</text>'
        )
    for i, month in enumerate(months):
        x = LEFT + i * slot + (slot - bar) / 2
        base = TOP + plot_h
        for count, colour, label in (
            (month.inside, INSIDE_COLOUR, "from your team"),
            (month.outside, OUTSIDE_COLOUR, "from other teams"),
        ):
            if count:
                h = plot_h * count / top
                base -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="{colour}"><title>{month.start:%B %Y}: {count} {label}</title></rect>'
                )
        if len(months) <= 12 or i % 2 == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h + 14}" text-anchor="middle" '
                f'fill="#555">{month.start:%b}</text>'
            )
    legend_y = HEIGHT - 10
    parts.append(
        f'<rect x="{LEFT}" y="{legend_y - 9}" width="10" height="10" fill="{OUTSIDE_COLOUR}"/>'
        f'<text x="{LEFT + 14}" y="{legend_y}" fill="#333">Observers from other teams</text>'
        f'<rect x="{LEFT + 190}" y="{legend_y - 9}" width="10" height="10" fill="{INSIDE_COLOUR}"/>'
        f'<text x="{LEFT + 204}" y="{legend_y}" fill="#333">Observers from your team</text>'
    )
    parts.append("</svg>")
    return "".join(parts)
