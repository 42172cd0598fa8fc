"""The exact model (OR-Tools CP-SAT) of the same integer objective.

One boolean per edge; per member one boolean per slot, used in order, whose sum
is the member's number of pairs; maximise edge units plus slot units. Used for
whole small instances (`assign_exact`) and for the small components in which
the relaxation left halves (`assign` then finishes them exactly).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from trellis.matching.engine.assignment.problem import Problem


@dataclass(frozen=True)
class ExactResult:
    """Chosen edges (mask over the edges given), objective and bound in units, optimality."""

    chosen: np.ndarray
    objective_units: int
    bound_units: int
    optimal: bool


def solve_exact(
    problem: Problem,
    edges: np.ndarray,
    *,
    hint: np.ndarray | None = None,
    time_limit: float | None = None,
    work_limit: float | None = None,
    workers: int = 1,
    seed: int = 0,
) -> ExactResult:
    """Solve the objective exactly over `edges` (usable edge indices, a closed component
    or the whole instance); `hint` is a full edge mask to start from.

    `time_limit` is in seconds; `work_limit` in CP-SAT's deterministic seconds
    (same answer on every run). Past either, the best solution found is returned.
    """
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{e}") for e in edges.tolist()]
    incident: dict[int, list[cp_model.IntVar]] = {}
    for var, e in zip(x, edges.tolist(), strict=True):
        incident.setdefault(int(problem.a[e]), []).append(var)
        incident.setdefault(int(problem.b[e]), []).append(var)
    terms = [(var, int(u)) for var, u in zip(x, problem.edge_units[edges].tolist(), strict=True)]
    for member, pairs in incident.items():
        slots = [model.new_bool_var(f"s{member}_{k}") for k in range(int(problem.capacity[member]))]
        model.add(cp_model.LinearExpr.sum(pairs) == cp_model.LinearExpr.sum(slots))
        for earlier, later in itertools.pairwise(slots):
            model.add_implication(later, earlier)
        terms.extend((s, int(problem.slot_units[k])) for k, s in enumerate(slots))
    model.maximize(cp_model.LinearExpr.weighted_sum([t for t, _ in terms], [c for _, c in terms]))
    if hint is not None:
        for var, e in zip(x, edges.tolist(), strict=True):
            model.add_hint(var, bool(hint[e]))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = time_limit
    if work_limit is not None:
        solver.parameters.max_deterministic_time = work_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"CP-SAT returned {solver.status_name(status)}")
    chosen = np.array([solver.boolean_value(v) for v in x], dtype=bool)
    return ExactResult(
        chosen=chosen,
        objective_units=round(solver.objective_value),
        bound_units=int(np.floor(solver.best_objective_bound + 1e-6)),
        optimal=status == cp_model.OPTIMAL,
    )
