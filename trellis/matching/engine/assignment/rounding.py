"""From the half-integral relaxation to an integral assignment, then local moves.

Pairs the flow uses in both directions are kept whole. The rest (pairs used in
one direction: in practice disjoint odd cycles) are resolved component by
component: a cycle either leaves out one member (the best one to leave out) or
gives one member with room for it two pairs of the cycle, whichever is worth
more; anything that is not a plain cycle is filled greedily.

`improve` then applies improving moves until none is left (or `rounds` is
reached): add a pair between two members with room; add a pair for a member with
room by taking the weakest pair of a full partner; swap one pair for two. Moves
are found for all members at once with numpy, then applied one by one after
checking their exact gain, in integer units.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from trellis.matching.engine.assignment.flow import Relaxation
from trellis.matching.engine.assignment.problem import Problem


def round_relaxation(problem: Problem, relaxation: Relaxation) -> np.ndarray:
    """An integral assignment (edge mask) from the relaxation's optimal flow."""
    chosen = np.zeros(problem.m, dtype=bool)
    doubled = relaxation.forward + relaxation.backward
    chosen[relaxation.edges[doubled == 2]] = True
    halves = relaxation.edges[doubled == 1]
    if halves.size:
        load = problem.load_of(chosen)
        for part in _components(problem, halves):
            _resolve(problem, part, chosen, load)
    return chosen


def _components(problem: Problem, edges: np.ndarray) -> list[np.ndarray]:
    """The half edges grouped by connected component of the graph they form."""
    ends = np.concatenate([problem.a[edges], problem.b[edges]])
    members, local = np.unique(ends, return_inverse=True)
    k = edges.size
    graph = coo_matrix((np.ones(k), (local[:k], local[k:])), shape=(members.size,) * 2)
    _, label = connected_components(graph, directed=False)
    edge_label = label[local[:k]]
    order = np.argsort(edge_label, kind="stable")
    cuts = np.flatnonzero(np.diff(edge_label[order])) + 1
    return np.split(edges[order], cuts)


def _resolve(problem: Problem, edges: np.ndarray, chosen: np.ndarray, load: np.ndarray) -> None:
    cycle = _cycle_order(problem, edges)
    if cycle is None:
        _fill(problem, edges[np.argsort(-problem.edge_units[edges], kind="stable")], chosen, load)
        return
    members, cycle_edges = cycle
    picked = _best_cycle_rounding(problem, members, cycle_edges, load)
    for e in picked:
        chosen[e] = True
        load[problem.a[e]] += 1
        load[problem.b[e]] += 1


def _cycle_order(problem: Problem, edges: np.ndarray) -> tuple[list[int], list[int]] | None:
    """Members and edges in walking order if the edges form one simple cycle."""
    neighbours: dict[int, list[tuple[int, int]]] = {}
    for e in edges.tolist():
        u, v = int(problem.a[e]), int(problem.b[e])
        neighbours.setdefault(u, []).append((v, e))
        neighbours.setdefault(v, []).append((u, e))
    if len(neighbours) != edges.size or any(len(x) != 2 for x in neighbours.values()):
        return None
    start = int(problem.a[edges[0]])
    members, walked = [start], []
    here, came_by = start, -1
    for _ in range(edges.size):
        (v1, e1), (v2, e2) = neighbours[here]
        here, came_by = (v1, e1) if e1 != came_by else (v2, e2)
        walked.append(came_by)
        members.append(here)
    return members[:-1], walked


def _best_cycle_rounding(
    problem: Problem, members: list[int], edges: list[int], load: np.ndarray
) -> list[int]:
    """The most valuable integral choice of cycle edges, every member given its next slot.

    Edge i joins members i and i+1. For an even cycle: the better alternate half.
    For an odd one: leave out member s (the path left has one perfect matching),
    or, when member s has room, give s both its cycle edges and match the rest.
    Nothing at all if every choice loses value.
    """
    k = len(edges)
    slot, cap = problem.slot_units, problem.capacity
    units = problem.edge_units[edges]
    doubled = np.concatenate([units, units])
    first = [int(slot[load[v]]) for v in members]
    everyone = sum(first)
    if k % 2 == 0:
        even, odd = int(units[0::2].sum()), int(units[1::2].sum())
        if everyone + max(even, odd) <= 0:
            return []
        return edges[0::2] if even >= odd else edges[1::2]
    best_value, best = 0, []  # taking none of them is worth 0
    for s in range(k):
        # leave s out: edges s+1, s+3, ..., s+k-2
        value = everyone - first[s] + int(doubled[s + 1 : s + k - 1 : 2].sum())
        if value > best_value:
            best_value, best = value, [edges[(s + 1 + 2 * j) % k] for j in range(k // 2)]
        v = members[s]
        if load[v] + 2 <= cap[v]:
            # s takes edges s-1 and s; then s+2, s+4, ..., s+k-3
            value = everyone + int(slot[load[v] + 1]) + int(units[s - 1] + units[s])
            value += int(doubled[s + 2 : s + k - 2 : 2].sum())
            if value > best_value:
                rest = [edges[(s + 2 + 2 * j) % k] for j in range((k - 3) // 2)]
                best_value, best = value, [edges[s - 1], edges[s], *rest]
    return best


def _fill(problem: Problem, edges: np.ndarray, chosen: np.ndarray, load: np.ndarray) -> int:
    """Greedy in the given order: add each edge whose endpoints have room and that gains."""
    a, b, units, slot = problem.a, problem.b, problem.edge_units, problem.slot_units
    cap = problem.capacity
    added = 0
    for e in edges.tolist():
        u, v = a[e], b[e]
        if chosen[e] or load[u] >= cap[u] or load[v] >= cap[v]:
            continue
        if units[e] + slot[load[u]] + slot[load[v]] > 0:
            chosen[e] = True
            load[u] += 1
            load[v] += 1
            added += 1
    return added


def improve(problem: Problem, chosen: np.ndarray, *, seed: int = 0, rounds: int = 20) -> int:
    """Apply improving moves in place until none is found; return how many were applied.

    The first round looks at every edge; later rounds only at edges touching a
    member whose pairs changed, or a partner of one (whose cheapest pair may have).
    """
    tiebreak = np.random.default_rng(seed).permutation(problem.m)
    focus = None
    applied = 0
    for _ in range(rounds):
        load = problem.load_of(chosen)
        moves = _candidate_moves(problem, chosen, load, tiebreak, focus)
        changed: set[int] = set()
        for move in moves:
            members = _apply(problem, chosen, load, *move)
            applied += bool(members)
            changed |= members
        if not changed:
            break
        focus = _near(problem, chosen, np.fromiter(changed, dtype=np.int64))
    return applied


def _near(problem: Problem, chosen: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Mask of `members` and their partners in the chosen pairs."""
    mask = np.zeros(problem.n, dtype=bool)
    mask[members] = True
    picked = np.flatnonzero(chosen)
    touching = picked[mask[problem.a[picked]] | mask[problem.b[picked]]]
    mask[problem.a[touching]] = True
    mask[problem.b[touching]] = True
    return mask


def _candidate_moves(
    problem: Problem,
    chosen: np.ndarray,
    load: np.ndarray,
    tiebreak: np.ndarray,
    focus: np.ndarray | None,
) -> list[tuple[int, int, int]]:
    """(added edge, dropped edge or -1, dropped edge or -1) with a positive estimated gain.

    For each end of an unchosen edge: the value of its next slot if it has room,
    otherwise minus the cheapest pair it could give up (score plus the partner's
    last slot).
    """
    a, b, units, slot = problem.a, problem.b, problem.edge_units, problem.slot_units
    if not slot.size:
        return []
    room = load < problem.capacity
    next_slot = np.where(room, slot[np.minimum(load, slot.size - 1)], 0)
    drop_loss, drop_edge = _cheapest_drops(problem, chosen, load)
    candidates = problem.usable & ~chosen
    if focus is not None:
        candidates &= focus[a] | focus[b]
    open_edges = np.flatnonzero(candidates)
    ea, eb = a[open_edges], b[open_edges]
    gain_a = np.where(room[ea], next_slot[ea], -drop_loss[ea])
    gain_b = np.where(room[eb], next_slot[eb], -drop_loss[eb])
    gain = units[open_edges] + gain_a + gain_b
    good = gain > 0
    open_edges, gain, ea, eb = open_edges[good], gain[good], ea[good], eb[good]
    order = np.lexsort((tiebreak[open_edges], -gain))
    drop_a = np.where(room[ea], -1, drop_edge[ea])[order]
    drop_b = np.where(room[eb], -1, drop_edge[eb])[order]
    return list(zip(open_edges[order].tolist(), drop_a.tolist(), drop_b.tolist(), strict=True))


def _cheapest_drops(
    problem: Problem, chosen: np.ndarray, load: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per member: the least valuable of its pairs (score plus the partner's last slot)."""
    n = problem.n
    loss = np.full(n, np.iinfo(np.int64).max // 4, dtype=np.int64)
    edge = np.full(n, -1, dtype=np.int64)
    picked = np.flatnonzero(chosen)
    if not picked.size:
        return loss, edge
    ends = np.concatenate([problem.a[picked], problem.b[picked]])
    partners = np.concatenate([problem.b[picked], problem.a[picked]])
    both = np.concatenate([picked, picked])
    value = problem.edge_units[both] + problem.slot_units[load[partners] - 1]
    order = np.lexsort((both, value, ends))
    ends = ends[order]
    first = np.flatnonzero(np.r_[True, ends[1:] != ends[:-1]])
    loss[ends[first]] = value[order][first]
    edge[ends[first]] = both[order][first]
    return loss, edge


def _apply(
    problem: Problem, chosen: np.ndarray, load: np.ndarray, add: int, *drops: int
) -> set[int]:
    """Apply the move if it is still valid and its exact gain is positive.

    Returns the members whose number of pairs changed (empty if not applied).
    """
    drops = tuple(sorted({d for d in drops if d >= 0}))
    if chosen[add] or not all(chosen[d] for d in drops):
        return set()
    a, b, slot = problem.a, problem.b, problem.slot_units
    change: dict[int, int] = {int(a[add]): 1}
    change[int(b[add])] = change.get(int(b[add]), 0) + 1
    for d in drops:
        for v in (int(a[d]), int(b[d])):
            change[v] = change.get(v, 0) - 1
    gain = int(problem.edge_units[add]) - sum(int(problem.edge_units[d]) for d in drops)
    for v, delta in change.items():
        new = load[v] + delta
        if new > problem.capacity[v]:
            return set()
        low, high = sorted((int(load[v]), int(new)))
        gain += int(np.sign(delta)) * int(slot[low:high].sum())
    if gain <= 0:
        return set()
    chosen[add] = True
    chosen[list(drops)] = False
    for v, delta in change.items():
        load[v] += delta
    return set(change)
