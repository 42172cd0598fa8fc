"""What a solver returns, and the cheap bounds every solver can afford."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from trellis.matching.engine.assignment.bounds import coverage_bound
from trellis.matching.engine.assignment.problem import Problem


@dataclass(frozen=True, eq=False)
class Assignment:
    """A round's pairs, what they are worth and proven bounds on what any could be worth.

    - `selected`: indices of the chosen edges (sorted).
    - `total`: the pure score, the sum of `w` over `selected`.
    - `upper_bound`: proven upper bound on `total` for *any* assignment under the
      same capacities (ignoring coverage and fairness).
    - `objective`: what is optimised: `total` + `coverage_bonus` per covered member
      - `fairness * (k - 1)` for each member's k-th pair (k >= 2), all in score units.
    - `objective_bound`: proven upper bound on `objective` for any assignment.
    - `covered` / `coverage_bound`: members with at least one pair / an upper bound.
    - `load`: pairs per member.
    - `coverage_bonus`, `fairness`: the objective's parameters, in score units (the
      arguments times the largest score).
    - `method`, `timings`: which solver, and seconds per stage.
    """

    selected: np.ndarray
    total: float
    upper_bound: float
    objective: float
    objective_bound: float
    covered: int
    coverage_bound: int
    load: np.ndarray
    coverage_bonus: float
    fairness: float
    method: str
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        """The objective without the coverage bonus: `total` less the fairness costs."""
        return self.objective - self.coverage_bonus * self.covered

    @property
    def score_bound(self) -> float:
        """Proven bound on `score` for any assignment covering at least `covered` members."""
        return self.objective_bound - self.coverage_bonus * self.covered

    @property
    def gap(self) -> float:
        """Relative gap on the optimised objective: `1 - score / score_bound`.

        That is `(objective_bound - objective) / score_bound`: the shortfall against
        the bound, measured against the score part only so that the coverage bonus
        does not dilute it. Never smaller than the plain relative gap of `objective`.
        """
        return _relative_gap(self.objective_bound - self.objective, self.score_bound)

    @property
    def weight_gap(self) -> float:
        """`1 - total / upper_bound`: the price of coverage and fairness plus the solver's gap."""
        return _relative_gap(self.upper_bound - self.total, self.upper_bound)


def _relative_gap(shortfall: float, scale: float) -> float:
    if shortfall <= 1e-9 * max(1.0, abs(scale)):
        return 0.0
    return shortfall / scale if scale > 0 else float("inf")


def finish(
    problem: Problem,
    chosen: np.ndarray,
    *,
    objective_bound_units: int,
    upper_bound: float,
    method: str,
    timings: dict[str, float],
) -> Assignment:
    """Check the hard guarantees and measure the assignment (bounds in plain units)."""
    selected = np.flatnonzero(chosen)
    load = problem.load_of(chosen)
    if not problem.usable[selected].all() or np.any(load > problem.capacity):
        raise RuntimeError("internal error: an assignment broke a capacity")
    total = float(problem.w[selected].sum())
    objective = total + problem.slot_total(load)
    return Assignment(
        selected=selected,
        total=total,
        upper_bound=max(upper_bound, total),
        objective=objective,
        objective_bound=max(objective_bound_units * problem.unit, objective),
        covered=int((load > 0).sum()),
        coverage_bound=coverage_bound(problem),
        load=load,
        coverage_bonus=problem.coverage_bonus * problem.weight_scale,
        fairness=problem.fairness * problem.weight_scale,
        method=method,
        timings=timings,
    )
