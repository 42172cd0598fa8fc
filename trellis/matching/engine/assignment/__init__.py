"""The round's global assignment: coverage first, then score, then fair load.

A round pairs members as undirected peer pairs over a candidate graph that is
already filtered by the hard constraints. Input: `n` members 0..n-1, edges
`a[e] < b[e]` (any integer dtype, no pair twice) with scores `w[e] > 0`, and
`capacity[i] >= 0`, the most pairs member i may get. Guaranteed: never more
pairs than capacity, never a repeated pair, only given edges. Bad input raises
ValueError naming the first offending edge or member.

The objective
-------------
With `s` the largest score, an assignment is worth

    objective = the sum of its scores
              + COVERAGE_BONUS * s    for every member with at least one pair
              - fairness * (k-1) * s  for every member's k-th pair, k >= 2

- Coverage first: a member's first pair is worth 2 best scores more than anyone's
  second, so covering one more member wins over any exchange of pairs losing
  less than that. On every bench instance `covered` equals the proven
  `coverage_bound`: coverage is maximal there. `coverage_first=False` drops it.
- Then score, then fair load: each further pair of the same member costs a
  little more than the last (`fairness`, default 0.02 of the best score for a
  second pair, 0.04 for a third ...): convex per-slot costs, so when scores are
  close the pair goes to the member with fewer. A side effect, by design: a pair
  between two members who both already have one is made only if its score
  exceeds 2 * fairness * s (4% of the best score by default). On the bench's
  peer graphs the default costs about 0.2% of the pure score; fairness=0.05
  costs about 1% and drops 7% of the pairs, most of them weak second pairs.

What every solver returns (`Assignment`): `total` (the pure score) with
`upper_bound`, a proven bound on the pure score of any assignment under the
same capacities; `objective` with `objective_bound`, a proven bound on the
objective; `gap` on the objective (its score part, see `Assignment.gap`);
`weight_gap` on the pure score, which includes the price of coverage and
fairness; `covered` with `coverage_bound`; `load` per member.

The algorithm (`assign`)
------------------------
1. Relaxation (`flow`): min-cost flow (OR-Tools) on the bipartite double cover,
   the slot values as convex costs on each member's unused-capacity arcs. Half
   its optimum is `objective_bound`.
2. Rounding (`rounding`): pairs used in both directions are kept; the rest, odd
   cycles in practice, are rounded to their most valuable integral choice.
3. Local moves, found for everyone at once with numpy: add a pair; add one and
   take a full partner's weakest; trade one pair for two.
4. Components of the graph small enough (<= 400 edges) in which the relaxation
   left halves are solved exactly (CP-SAT), so small instances are exact.
5. Bounds (`bounds`): the pure-score bound is certified from the optimal flow's
   potentials; the coverage bound is a counting argument.

`assign_exact` solves the same integer objective with CP-SAT (tests, quality
bench); `assign_greedy` is the naive baseline (pairs by descending score).
Measured figures and the commands that print them: `bench/assignment_scale.py`
and `bench/matching_quality.py`.
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
