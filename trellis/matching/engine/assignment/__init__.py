"""The round's global assignment: coverage first, then score, then fair load.

A round pairs members as undirected peer pairs over a candidate graph that is
already filtered by the hard constraints. Input: `n` members 0..n-1, edges
`a[e] < b[e]` with scores `w[e] > 0`, and `capacity[i] >= 0`, the most pairs
member i may get. Never more pairs than capacity, never a repeated pair, only
given edges.

The objective
-------------
With scores measured in units of the largest score `s`, an assignment is worth

    objective = sum of its scores
              + COVERAGE_BONUS * s   for every member with at least one pair
              - fairness * (k-1) * s for every member's k-th pair, k >= 2

So a member's first pair is worth `COVERAGE_BONUS` (2 best scores) more than
anyone's second: covering one more member outweighs any exchange of pairs that
loses less than twice the best score, which in practice means coverage is
maximised first (`coverage_first=False` drops the bonus). Each further pair of
the same member costs a little more than the last (`fairness`, default 0.05 of
the best score for a second pair, 0.10 for a third ...): convex per-slot costs,
so a popular member is not handed their whole capacity while others with room
go without, unless their pairs are clearly better.

What each solver reports (`Assignment`): `total` is the pure score, with
`upper_bound` a proven bound on it for any assignment under the same
capacities; `objective` is the optimised value with `objective_bound` a proven
bound on it; `gap` is measured on the objective (its score part, see
`Assignment.gap`), `weight_gap` on the pure score.

The algorithm (`assign`)
------------------------
1. Relaxation: min-cost flow (OR-Tools) on the bipartite double cover, with the
   per-slot values as convex costs on each member's "unused capacity" arcs
   (`flow`). Half its optimum bounds the objective.
2. Rounding: pairs used both ways are kept; the leftover odd cycles are rounded
   to their best integral choice (`rounding`).
3. Local moves, vectorised: add, add-and-take-the-weakest, one-for-two swaps.
4. Small components that the relaxation left fractional are solved exactly.
5. Potentials of the optimal flow bound the pure score (`flow`).

`assign_exact` solves the same integer objective with CP-SAT (tests, quality
bench); `assign_greedy` is the naive baseline (descending score).
"""

from trellis.matching.engine.assignment.result import Assignment
from trellis.matching.engine.assignment.solve import (
    COVERAGE_BONUS,
    DEFAULT_FAIRNESS,
    assign,
    assign_exact,
    assign_greedy,
)

__all__ = [
    "COVERAGE_BONUS",
    "DEFAULT_FAIRNESS",
    "Assignment",
    "assign",
    "assign_exact",
    "assign_greedy",
]
