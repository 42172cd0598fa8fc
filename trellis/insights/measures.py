"""Pure measures of how evenly something is spread, from a histogram (no Django).

A histogram maps a count (say, open relationships) to how many members have that count.
Gini and the top-decile share are worked out from it exactly, as from the list of every
member's count it stands for, so the worker keeps a few numbers per week, not a row per
member.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

Histogram = Mapping[int, int]


def total_members(histogram: Histogram) -> int:
    return sum(histogram.values())


def total_amount(histogram: Histogram) -> int:
    return sum(value * members for value, members in histogram.items())


def gini(histogram: Histogram) -> float | None:
    """The Gini coefficient of the counts: 0 when everyone has the same, towards 1 when one
    member has everything. None when there is nobody or nothing to share out."""
    people, amount = total_members(histogram), total_amount(histogram)
    if people == 0 or amount == 0:
        return None
    # Sorted ascending, G = (2 * sum(rank * x) / (n * sum x)) - (n + 1) / n, with ranks
    # 1..n; members sharing a value take consecutive ranks, summed in closed form.
    weighted, rank = 0, 0
    for value in sorted(histogram):
        members = histogram[value]
        if members <= 0:
            continue
        first, last = rank + 1, rank + members
        weighted += value * (first + last) * members // 2  # the ranks' sum: a whole number
        rank = last
    return 2 * weighted / (people * amount) - (people + 1) / people


def top_decile_share(histogram: Histogram) -> float | None:
    """The share of the whole amount held by the tenth of members who hold the most (the
    top ceil(n / 10) members; ties at the edge count once each). None when nothing is held."""
    people, amount = total_members(histogram), total_amount(histogram)
    if people == 0 or amount == 0:
        return None
    left = math.ceil(people / 10)
    held = 0
    for value in sorted(histogram, reverse=True):
        taken = min(left, max(histogram[value], 0))
        held += value * taken
        left -= taken
        if left == 0:
            break
    return held / amount


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when the whole is nothing."""
    return part / whole if whole else None
