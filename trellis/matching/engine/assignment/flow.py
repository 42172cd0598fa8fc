"""The relaxation: a min-cost flow on the bipartite double cover.

Every member i is a left node i and a right node n + i. Each usable edge (a, b)
gives two arcs, a -> n+b and b -> n+a, each of capacity 1 and cost -score. A left
node supplies its capacity and its right twin demands it; capacity a member
does not use goes straight across, i -> n+i, through one arc per slot whose
cost is twice that slot's value (so unused slots are the last ones, and a
member's out- and in-degree are equal). There is no source or sink hub:
hubs are what push-relabel solvers find slowest.

Any integral undirected assignment, doubled, is a feasible flow of exactly twice
its objective, so half the optimal flow value is a proven upper bound. The
optimal flow is integral, hence half-integral once halved: pairs used in both
directions are whole, pairs used once are halves (in practice odd cycles).

Node potentials certify bounds for any other costs on the same arcs
(`bound_from_potentials`): this is how `bounds` gets the pure-score bound from
the objective's optimum without solving a second flow. (Without hub nodes the
solver was 1.5 times faster at a million members.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from trellis.matching.engine.assignment.problem import Problem, counting_order, index_type

FLOWS_READ = 1 << 22  # arc flows read back at a time (each 0 or 1, kept as int8)
RELAX_ARCS = 1 << 22  # arcs relaxed at a time: bounds the label correcting's scratch memory


@dataclass(frozen=True)
class Arcs:
    """The doubled network: edge arcs a->b for `edges`, then b->a, then slot arcs."""

    edges: np.ndarray  # usable edge indices
    tails: np.ndarray
    heads: np.ndarray
    costs: np.ndarray
    slot_costs: np.ndarray  # the costs of the slot arcs (the tail of `costs`)
    supply: np.ndarray


@dataclass(frozen=True)
class Relaxation:
    """The optimal doubled flow and twice the objective bound it proves, in units."""

    edges: np.ndarray
    flow: np.ndarray  # int8, 0 or 1 per arc, in `Arcs` order
    bound_units: int

    @property
    def forward(self) -> np.ndarray:
        return self.flow[: self.edges.size]

    @property
    def backward(self) -> np.ndarray:
        return self.flow[self.edges.size : 2 * self.edges.size]


def network(problem: Problem, index: type = np.int64) -> Arcs:
    """The arcs, costs and supplies of the doubled network for `problem`.

    Node numbers are of type `index`: OR-Tools takes int64; the potentials,
    which hold the whole residual graph in numpy, ask for the smallest that numbers 2n.
    """
    n, cap = problem.n, problem.capacity
    edges = np.flatnonzero(problem.usable)
    a, b = problem.a[edges].astype(index), problem.b[edges].astype(index)
    members = np.repeat(np.arange(n, dtype=index), cap)
    slot = np.arange(members.size, dtype=np.int64) - np.repeat(np.cumsum(cap) - cap, cap)
    slot_costs = 2 * problem.slot_units[slot]
    del slot
    edge_costs = -problem.edge_units[edges]
    tails = np.concatenate([a, b, members])
    heads = np.concatenate([b, a, members])
    del a, b, members
    heads += index(n)
    return Arcs(
        edges=edges,
        tails=tails,
        heads=heads,
        costs=np.concatenate([edge_costs, edge_costs, slot_costs]),
        slot_costs=slot_costs,
        supply=np.concatenate([cap, -cap]),
    )


def solve_relaxation(problem: Problem) -> Relaxation:
    """Solve the doubled min-cost flow for the objective; raise if OR-Tools does not.

    The arcs go to OR-Tools in three parts (edge arcs one way, the other way, slot
    arcs), so their unit capacities are made a part at a time; numpy lets the arcs
    go as soon as OR-Tools holds them, and reads the flows back as int8.
    """
    arcs = network(problem)
    size = arcs.tails.size
    edges, slot_total = arcs.edges, int(arcs.slot_costs.sum())
    solver = min_cost_flow.SimpleMinCostFlow()
    parts = [(0, edges.size), (edges.size, 2 * edges.size), (2 * edges.size, size)]
    tails, heads, costs = arcs.tails, arcs.heads, arcs.costs
    del arcs
    for low, high in parts:
        if high > low:
            solver.add_arcs_with_capacity_and_unit_cost(
                tails[low:high], heads[low:high], np.ones(high - low, np.int64), costs[low:high]
            )
    del tails, heads, costs
    solver.set_nodes_supplies(
        np.arange(2 * problem.n, dtype=np.int64),
        np.concatenate([problem.capacity, -problem.capacity]),
    )
    status = solver.solve() if size else solver.OPTIMAL
    if status != solver.OPTIMAL:
        raise RuntimeError(f"the min-cost flow solver returned {status!r}")
    flow = np.zeros(size, np.int8)
    for start in range(0, size, FLOWS_READ):
        stop = min(start + FLOWS_READ, size)
        flow[start:stop] = solver.flows(np.arange(start, stop, dtype=np.int64))
    cost = int(solver.optimal_cost()) if size else 0
    return Relaxation(edges=edges, flow=flow, bound_units=slot_total - cost)


def potentials(problem: Problem, flow: np.ndarray, max_rounds: int = 4000) -> np.ndarray:
    """Shortest-path potentials of the optimal flow's residual graph (label correcting).

    With them every residual arc has a non-negative reduced cost: they are optimal
    dual values. Only arcs out of nodes whose label changed are relaxed, and the
    residual graph is bipartite (left and right copies), so each round relaxes the
    left side and then the right side with the labels just found. `max_rounds`
    caps the work; any potentials still give a valid bound.

    Memory: the residual graph is held once, sorted by tail, with int32 heads
    (about 12 bytes an arc), and arcs are relaxed `RELAX_ARCS` at a time; at a
    million members this stage was the round's peak before it was built so.
    """
    n = problem.n
    start, heads, costs = _residual_graph(problem, flow)
    label = np.zeros(2 * n, dtype=np.int64)
    active = np.ones(2 * n, dtype=bool)
    for _ in range(max_rounds):
        if not active.any():
            break
        for side in (slice(0, n), slice(n, 2 * n)):
            frontier = np.flatnonzero(active[side]) + side.start
            active[frontier] = False
            # A side's arcs all lead to the other side, so relaxing its frontier in
            # pieces reads the same labels as relaxing it at once.
            for piece in _pieces(frontier, start, RELAX_ARCS):
                count = start[piece + 1] - start[piece]
                offsets = np.cumsum(count) - count
                arc = np.repeat(start[piece] - offsets, count) + np.arange(int(count.sum()))
                candidate = np.repeat(label[piece], count) + costs[arc]
                target = heads[arc]
                del arc
                better = candidate < label[target]
                target, candidate = target[better], candidate[better]
                np.minimum.at(label, target, candidate)
                active[target] = True
    return label


def _residual_graph(problem: Problem, flow: np.ndarray):
    """The residual graph of an optimal flow as (start, heads, costs) by tail node:
    unused arcs as they are, used ones reversed with their cost negated."""
    arcs = network(problem, index=index_type(2 * problem.n))
    tails, heads, costs = arcs.tails, arcs.heads, arcs.costs
    del arcs
    used = np.flatnonzero(flow > 0)
    tails[used], heads[used] = heads[used], tails[used]
    costs[used] *= -1
    del used
    start = np.zeros(2 * problem.n + 1, dtype=np.int64)
    np.cumsum(np.bincount(tails, minlength=2 * problem.n), out=start[1:])
    order = counting_order(tails, 2 * problem.n)
    del tails
    heads = heads[order]
    costs = costs[order]
    return start, heads, costs


def _pieces(frontier: np.ndarray, start: np.ndarray, arcs: int) -> list[np.ndarray]:
    """`frontier` cut into runs of nodes with about `arcs` outgoing arcs each."""
    count = start[frontier + 1] - start[frontier]
    cuts = np.searchsorted(np.cumsum(count), np.arange(arcs, int(count.sum()), arcs))
    return np.split(frontier, np.unique(cuts)) if cuts.size else [frontier]


def bound_from_potentials(arcs: Arcs, label: np.ndarray, costs: np.ndarray) -> int:
    """Twice a proven upper bound, in units, for other `costs` on the same arcs.

    The slot arcs' share of `costs` must be twice the slot values (0 for the pure
    score). For any potentials p, a flow's value is at most
    sum(max(0, -reduced cost)) + sum(p * supply) + the constant that turns costs
    back into the objective (the sum of the slot costs).
    """
    reduced = costs + label[arcs.tails] - label[arcs.heads]
    value = int(np.maximum(0, -reduced).sum()) + int((label * arcs.supply).sum())
    slot_costs = costs[2 * arcs.edges.size :]
    return value + int(slot_costs.sum())
