"""The three solvers: `assign` (relaxation, rounding, moves), `assign_exact`, `assign_greedy`."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from trellis.matching.engine.assignment import flow
from trellis.matching.engine.assignment.bounds import exact_score_bound, local_bounds, score_bound
from trellis.matching.engine.assignment.exact import solve_exact
from trellis.matching.engine.assignment.greedy import greedy_in_order
from trellis.matching.engine.assignment.problem import Problem, build_problem
from trellis.matching.engine.assignment.result import Assignment, finish
from trellis.matching.engine.assignment.rounding import improve, round_relaxation

Progress = Callable[[str, float], None]

COVERAGE_BONUS = 2.0
DEFAULT_FAIRNESS = 0.02
# Components (of the usable graph) with at most this many edges that the relaxation
# left fractional are finished by the exact solver: milliseconds at this size.
EXACT_COMPONENT_EDGES = 400
EXACT_WORK_LIMIT = 10.0  # CP-SAT deterministic seconds per component


class _Stages:
    """Times each stage and reports progress as a share of the expected work."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress, self.timings = progress, {}
        self._name, self._start = "", time.perf_counter()

    def __call__(self, name: str, fraction: float) -> None:
        now = time.perf_counter()
        if self._name:
            self.timings[self._name] = now - self._start
        self._name, self._start = name, now
        if self.progress is not None:
            self.progress(name, fraction)


def _problem(n, a, b, w, capacity, coverage_first, fairness) -> Problem:
    return build_problem(
        n=n,
        a=a,
        b=b,
        w=w,
        capacity=capacity,
        coverage_bonus=COVERAGE_BONUS if coverage_first else 0.0,
        fairness=fairness,
    )


def assign(
    *,
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    w: np.ndarray,
    capacity: np.ndarray,
    coverage_first: bool = True,
    fairness: float = DEFAULT_FAIRNESS,
    seed: int = 0,
    progress: Progress | None = None,
) -> Assignment:
    """The round's assignment: doubled-graph relaxation, rounding, local moves.

    See the package docstring for the objective. Deterministic for a given seed
    (the seed only breaks ties between moves of equal gain). `progress(stage,
    fraction)` is called as each stage starts; the relaxation (about three
    quarters of the time) is one call into OR-Tools that holds the GIL, so no
    report comes during it. Memory: about 165 bytes per edge at peak (3.5 GB for
    21 million edges), nearly all of it inside OR-Tools during the relaxation;
    the bound after it needs under half that.
    """
    stage = _Stages(progress)
    stage("check", 0.0)
    problem = _problem(n, a, b, w, capacity, coverage_first, fairness)
    stage("relaxation", 0.02)
    relaxation = flow.solve_relaxation(problem)
    stage("rounding", 0.7)
    chosen = round_relaxation(problem, relaxation)
    stage("improvement", 0.75)
    improve(problem, chosen, seed=seed)
    stage("exact components", 0.8)
    _finish_small_components(problem, relaxation, chosen, seed=seed)
    stage("bound", 0.82)
    upper_bound = score_bound(problem, relaxation)
    stage("done", 1.0)
    return finish(
        problem,
        chosen,
        objective_bound_units=relaxation.bound_units // 2,
        upper_bound=upper_bound,
        method="flow",
        timings=stage.timings,
    )


def _finish_small_components(
    problem: Problem, relaxation: flow.Relaxation, chosen: np.ndarray, *, seed: int
) -> None:
    """Solve exactly each small component in which the relaxation left halves.

    A component of the usable graph is independent of the rest, so its exact
    optimum can replace the rounded pairs. The deterministic time limit keeps
    results reproducible; a result is kept only if it is worth more.
    """
    doubled = relaxation.forward + relaxation.backward
    halves = relaxation.edges[doubled == 1]
    if not halves.size:
        return
    usable = relaxation.edges
    ends = problem.a[usable].astype(np.int32), problem.b[usable].astype(np.int32)
    graph = coo_matrix((np.ones(usable.size, dtype=np.int8), ends), shape=(problem.n,) * 2)
    _, label = connected_components(graph, directed=False)
    edge_label = label[problem.a[usable]]
    sizes = np.bincount(edge_label, minlength=problem.n)
    small = np.unique(label[problem.a[halves]])
    small = small[sizes[small] <= EXACT_COMPONENT_EDGES]
    inside = np.flatnonzero(np.isin(edge_label, small))
    inside = inside[np.argsort(edge_label[inside], kind="stable")]
    cuts = np.flatnonzero(np.diff(edge_label[inside])) + 1
    for edges in np.split(usable[inside], cuts) if inside.size else []:
        result = solve_exact(problem, edges, hint=chosen, seed=seed, work_limit=EXACT_WORK_LIMIT)
        if result.objective_units > _objective_units(problem, edges, chosen[edges]):
            chosen[edges] = result.chosen


def _objective_units(problem: Problem, edges: np.ndarray, picked: np.ndarray) -> int:
    """The integer objective of the pairs `picked` among `edges` (a closed component)."""
    ends = np.concatenate([problem.a[edges[picked]], problem.b[edges[picked]]])
    _, load = np.unique(ends, return_counts=True)
    return int(problem.edge_units[edges[picked]].sum()) + problem.slot_total_units(load)


def assign_exact(
    *,
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    w: np.ndarray,
    capacity: np.ndarray,
    coverage_first: bool = True,
    fairness: float = DEFAULT_FAIRNESS,
    seed: int = 0,
    progress: Progress | None = None,
    time_limit: float | None = None,
    workers: int = 1,
) -> Assignment:
    """The exact optimum of the same objective (CP-SAT); for small instances and tests.

    `objective_bound` is CP-SAT's proven bound (equal to the objective when it
    finished within `time_limit`); `upper_bound` is the doubled relaxation's
    optimum for the pure score.
    """
    stage = _Stages(progress)
    stage("check", 0.0)
    problem = _problem(n, a, b, w, capacity, coverage_first, fairness)
    stage("exact", 0.05)
    edges = np.flatnonzero(problem.usable)
    result = solve_exact(problem, edges, time_limit=time_limit, workers=workers, seed=seed)
    chosen = np.zeros(problem.m, dtype=bool)
    chosen[edges] = result.chosen
    stage("bound", 0.95)
    relaxation = flow.solve_relaxation(problem)
    upper_bound = exact_score_bound(problem)
    stage("done", 1.0)
    bound = min(result.bound_units, relaxation.bound_units // 2)
    return finish(
        problem,
        chosen,
        objective_bound_units=bound,
        upper_bound=upper_bound,
        method="exact" if result.optimal else "exact (time limit)",
        timings=stage.timings,
    )


def assign_greedy(
    *,
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    w: np.ndarray,
    capacity: np.ndarray,
    coverage_first: bool = True,
    fairness: float = DEFAULT_FAIRNESS,
    seed: int = 0,
    progress: Progress | None = None,
) -> Assignment:
    """The naive baseline: pairs by descending score while both have room.

    It ignores coverage and fairness when choosing (they only change how the
    result is scored); ties are broken by a permutation drawn from `seed`. Its
    bounds are the cheap local ones (sum over members of half their best scores).
    """
    stage = _Stages(progress)
    stage("check", 0.0)
    problem = _problem(n, a, b, w, capacity, coverage_first, fairness)
    stage("greedy", 0.1)
    tiebreak = np.random.default_rng(seed).permutation(problem.m)
    chosen = greedy_in_order(problem, np.lexsort((tiebreak, -problem.w)))
    stage("bound", 0.8)
    weight_bound, objective_bound_units = local_bounds(problem)
    stage("done", 1.0)
    return finish(
        problem,
        chosen,
        objective_bound_units=objective_bound_units,
        upper_bound=weight_bound,
        method="greedy",
        timings=stage.timings,
    )
