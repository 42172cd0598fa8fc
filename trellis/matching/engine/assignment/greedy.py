"""Greedy b-matching in a fixed order, vectorised.

An edge that is among the first r(v) remaining edges of both its members (r is
the room each has left) is taken by the sequential greedy whatever happens
before it, so every such edge is taken at once; members that are full drop their
other edges; repeat. This gives exactly the sequential result (same order, same
ties) in a handful of numpy rounds; the last few edges go through a plain loop.
"""

from __future__ import annotations

import numpy as np

from trellis.matching.engine.assignment.problem import Problem

SEQUENTIAL_BELOW = 4096


def greedy_in_order(problem: Problem, order: np.ndarray) -> np.ndarray:
    """Edge mask of the greedy b-matching taking usable edges in `order`."""
    a, b = problem.a, problem.b
    rank = np.empty(problem.m, dtype=np.int64)
    rank[order] = np.arange(order.size)
    room = problem.capacity.copy()
    chosen = np.zeros(problem.m, dtype=bool)
    alive = order[problem.usable[order]]
    ends = np.concatenate([a[alive], b[alive]])
    edges = np.concatenate([alive, alive])
    by_member = np.lexsort((rank[edges], ends))
    ends, edges = ends[by_member], edges[by_member]
    while alive.size > SEQUENTIAL_BELOW:
        starts = np.flatnonzero(np.r_[True, ends[1:] != ends[:-1]])
        sizes = np.diff(np.r_[starts, ends.size])
        position = np.arange(ends.size) - np.repeat(starts, sizes)
        early = edges[position < room[ends]]
        taken = np.flatnonzero(np.bincount(early, minlength=problem.m) == 2)
        chosen[taken] = True
        np.subtract.at(room, a[taken], 1)
        np.subtract.at(room, b[taken], 1)
        keep = ~chosen[edges] & (room[a[edges]] > 0) & (room[b[edges]] > 0)
        ends, edges = ends[keep], edges[keep]
        alive = alive[~chosen[alive] & (room[a[alive]] > 0) & (room[b[alive]] > 0)]
    for e in alive.tolist():
        u, v = a[e], b[e]
        if room[u] > 0 and room[v] > 0:
            chosen[e] = True
            room[u] -= 1
            room[v] -= 1
    return chosen
