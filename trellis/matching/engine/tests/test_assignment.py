"""The round's assignment: hard guarantees, proven bounds, exactness on small instances."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trellis.matching.engine.assignment import assign, assign_exact, assign_greedy, bounds, flow
from trellis.matching.engine.assignment.greedy import greedy_in_order
from trellis.matching.engine.assignment.problem import build_problem

SOLVERS = [assign, assign_greedy, assign_exact]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def peer_graphs(draw, max_members: int = 12, max_capacity: int = 3):
    """n members, a random subset of all pairs with grid scores, capacities 0..max."""
    n = draw(st.integers(0, max_members))
    pairs = list(itertools.combinations(range(n), 2))
    keep = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    chosen = [p for p, k in zip(pairs, keep, strict=True) if k]
    scores = draw(st.lists(st.integers(1, 20), min_size=len(chosen), max_size=len(chosen)))
    capacity = draw(st.lists(st.integers(0, max_capacity), min_size=n, max_size=n))
    return dict(
        n=n,
        a=np.array([p[0] for p in chosen], dtype=np.int64),
        b=np.array([p[1] for p in chosen], dtype=np.int64),
        w=np.array(scores, dtype=np.float64) / 20,
        capacity=np.array(capacity, dtype=np.int64),
    )


def random_graph(n: int, degree: float, seed: int) -> dict:
    """A larger random graph with skewed scores and capacities mostly 2."""
    rng = np.random.default_rng(seed)
    src = rng.integers(0, n, int(n * degree))
    dst = rng.integers(0, n, src.size)
    key = np.unique(np.minimum(src, dst) * n + np.maximum(src, dst))
    a, b = key // n, key % n
    keep = a != b
    a, b = a[keep], b[keep]
    w = np.clip(rng.beta(1.5, 5, a.size) * rng.lognormal(0, 0.5, a.size), 0.01, 1)
    capacity = rng.choice([0, 1, 2, 3], size=n, p=[0.05, 0.15, 0.7, 0.1])
    return dict(n=n, a=a, b=b, w=w, capacity=capacity)


def assert_valid(graph: dict, result) -> None:
    a, b = graph["a"][result.selected], graph["b"][result.selected]
    load = np.bincount(a, minlength=graph["n"]) + np.bincount(b, minlength=graph["n"])
    assert np.all(load <= graph["capacity"])
    assert np.array_equal(load, result.load)
    assert len(set(zip(a.tolist(), b.tolist(), strict=True))) == result.selected.size
    assert np.all((result.selected >= 0) & (result.selected < graph["a"].size))
    assert result.total == pytest.approx(graph["w"][result.selected].sum())
    assert result.covered == int((load > 0).sum())


@FAST
@given(peer_graphs())
def test_no_solver_exceeds_a_capacity_repeats_a_pair_or_invents_an_edge(graph):
    for solver in SOLVERS:
        assert_valid(graph, solver(**graph))


@FAST
@given(peer_graphs())
def test_every_solver_stays_under_its_proven_bounds(graph):
    for solver in SOLVERS:
        result = solver(**graph)
        assert result.total <= result.upper_bound + 1e-9
        assert result.objective <= result.objective_bound + 1e-9
        assert result.covered <= result.coverage_bound
        assert result.gap >= 0


@FAST
@given(peer_graphs())
def test_assign_reaches_the_exact_optimum_on_small_instances(graph):
    ours, exact = assign(**graph), assign_exact(**graph)
    assert ours.objective == pytest.approx(exact.objective, abs=1e-6)
    assert exact.objective <= ours.objective_bound + 1e-9


@FAST
@given(peer_graphs())
def test_the_score_bound_holds_for_the_best_pure_score(graph):
    best_score = assign_exact(**graph, coverage_first=False, fairness=0.0)
    assert best_score.total <= assign(**graph).upper_bound + 1e-9
    assert best_score.total <= assign_greedy(**graph).upper_bound + 1e-9


@FAST
@given(peer_graphs())
def test_the_bound_certified_by_dual_values_holds_for_the_best_pure_score(graph):
    # the path taken above 500,000 edges, forced here on small graphs
    problem = build_problem(**graph, coverage_bonus=2.0, fairness=0.05)
    certified = bounds.dual_score_bound(problem, flow.solve_relaxation(problem))
    best_score = assign_exact(**graph, coverage_first=False, fairness=0.0)
    assert best_score.total <= certified + 1e-9
    assert bounds.exact_score_bound(problem) <= certified + 1e-9


def test_the_certified_bound_does_not_depend_on_how_the_work_is_cut(monkeypatch):
    # Large rounds relax and sum a few million arcs at a time to bound the memory;
    # cutting a small graph into pieces of a few arcs must give the same bound.
    graph = random_graph(400, 8, seed=5)
    problem = build_problem(**graph, coverage_bonus=2.0, fairness=0.05)
    relaxation = flow.solve_relaxation(problem)
    whole = bounds.dual_score_bound(problem, relaxation)
    labels = flow.potentials(problem, relaxation.flow, bounds.POTENTIAL_ROUNDS)
    monkeypatch.setattr(flow, "RELAX_ARCS", 7)
    monkeypatch.setattr(bounds, "DUAL_CHUNK", 5)
    monkeypatch.setattr(flow, "FLOWS_READ", 11)
    assert np.array_equal(
        flow.potentials(problem, relaxation.flow, bounds.POTENTIAL_ROUNDS), labels
    )
    assert np.array_equal(flow.solve_relaxation(problem).flow, relaxation.flow)
    assert bounds.dual_score_bound(problem, relaxation) == whole


@FAST
@given(peer_graphs())
def test_greedy_never_beats_the_bound(graph):
    ours, greedy = assign(**graph), assign_greedy(**graph)
    assert greedy.total <= ours.upper_bound + 1e-9
    assert greedy.objective <= ours.objective_bound + 1e-9
    assert greedy.objective <= ours.objective + 1e-9


@FAST
@given(peer_graphs(max_capacity=1))
def test_with_capacity_one_and_no_bonus_it_is_a_maximum_weight_matching(graph):
    ours = assign(**graph, coverage_first=False, fairness=0.0)
    g = nx.Graph()
    for (
        a,
        b,
        w,
    ) in zip(graph["a"], graph["b"], graph["w"], strict=True):
        if graph["capacity"][a] and graph["capacity"][b]:
            g.add_edge(int(a), int(b), weight=float(w))
    best = sum(g[u][v]["weight"] for u, v in nx.max_weight_matching(g))
    assert ours.total == pytest.approx(best, abs=1e-9)


def test_the_vectorised_greedy_takes_the_same_pairs_as_the_sequential_one():
    graph = random_graph(20000, 12, seed=5)
    problem = build_problem(**graph, coverage_bonus=0.0, fairness=0.0)
    order = np.argsort(-problem.w, kind="stable")
    room = problem.capacity.copy()
    expected = np.zeros(problem.m, dtype=bool)
    for e in order.tolist():
        u, v = problem.a[e], problem.b[e]
        if room[u] > 0 and room[v] > 0:
            expected[e] = True
            room[u] -= 1
            room[v] -= 1
    assert np.array_equal(greedy_in_order(problem, order), expected)


def test_a_partner_shared_by_members_with_no_other_option_limits_the_coverage_bound():
    # member 0 (capacity 2) is the only candidate of members 1..5
    graph = dict(
        n=6, a=np.zeros(5, dtype=np.int64), b=np.arange(1, 6), w=np.linspace(0.2, 1, 5),
        capacity=np.array([2, 1, 1, 1, 1, 1]),
    )  # fmt: skip
    result = assign(**graph)
    assert result.coverage_bound == 3
    assert result.covered == 3
    assert result.selected.tolist() == [3, 4]


def test_members_without_capacity_get_nothing():
    graph = random_graph(300, 8, seed=1)
    for solver in SOLVERS:
        result = solver(**graph)
        assert np.all(result.load[graph["capacity"] == 0] == 0)


@pytest.mark.parametrize("solver", SOLVERS)
@pytest.mark.parametrize("n", [0, 5])
def test_an_empty_graph_gives_an_empty_assignment(solver, n):
    empty = np.zeros(0, dtype=np.int64)
    result = solver(n=n, a=empty, b=empty, w=np.zeros(0), capacity=np.full(n, 2))
    assert result.selected.size == 0
    assert result.total == result.upper_bound == result.objective == 0
    assert result.covered == result.coverage_bound == 0
    assert result.gap == 0


def test_it_is_deterministic_for_a_seed():
    graph = random_graph(2000, 10, seed=2)
    first, second = assign(**graph, seed=7), assign(**graph, seed=7)
    assert np.array_equal(first.selected, second.selected)
    assert first.objective == second.objective


def test_it_is_close_to_its_bound_on_a_larger_graph():
    graph = random_graph(3000, 10, seed=3)
    result = assign(**graph)
    assert_valid(graph, result)
    assert result.gap < 0.002
    assert result.covered >= 0.99 * result.coverage_bound


def test_coverage_comes_before_score():
    # 0-1 is the best pair, but 0-2 and 1-3 give all four members a partner.
    graph = dict(
        n=4,
        a=np.array([0, 0, 1]),
        b=np.array([1, 2, 3]),
        w=np.array([1.0, 0.3, 0.3]),
        capacity=np.array([1, 1, 1, 1]),
    )
    assert assign(**graph).selected.tolist() == [1, 2]
    assert assign(**graph, coverage_first=False).selected.tolist() == [0]


def test_fairness_spreads_pairs_when_scores_are_close():
    # Member 0 could take both 0-1 and 0-2 (1.8), or leave 2 to member 3 (1.78).
    graph = dict(
        n=4,
        a=np.array([0, 0, 2]),
        b=np.array([1, 2, 3]),
        w=np.array([0.9, 0.9, 0.88]),
        capacity=np.array([2, 1, 1, 1]),
    )
    spread = assign(**graph, coverage_first=False, fairness=0.05)
    greedy_load = assign(**graph, coverage_first=False, fairness=0.0)
    assert spread.selected.tolist() == [0, 2]
    assert greedy_load.selected.tolist() == [0, 1]


def test_the_assignment_reports_its_objective_in_score_units():
    graph = dict(
        n=3, a=np.array([0, 1]), b=np.array([1, 2]), w=np.array([0.5, 0.25]),
        capacity=np.array([1, 2, 1]),
    )  # fmt: skip
    result = assign(**graph, fairness=0.1)
    # both pairs: 0.75, three members covered (bonus 2 x 0.5 each), member 1's second pair -0.05
    assert result.total == pytest.approx(0.75)
    assert result.objective == pytest.approx(0.75 + 3 * 1.0 - 0.05)
    assert result.gap < 1e-6  # scores are optimised in units of 2**-20 of the best


def test_progress_is_reported_in_order_and_ends_at_one():
    seen = []
    assign(**random_graph(200, 5, seed=4), progress=lambda stage, done: seen.append(done))
    assert seen == sorted(seen)
    assert seen[-1] == 1.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(a=np.array([1]), b=np.array([1])), "need 0 <= a < b"),
        (dict(b=np.array([9])), "need 0 <= a < b"),
        (dict(w=np.array([0.0])), "weights must be > 0"),
        (dict(w=np.array([np.nan])), "weights must be > 0"),
        (dict(a=np.array([0, 0]), b=np.array([1, 1]), w=np.ones(2)), "repeats the pair"),
        (dict(capacity=np.array([1, -1, 1])), "is negative"),
        (dict(capacity=np.array([1, 1])), "capacity must be"),
        (dict(w=np.ones(2)), "differ in length"),
        (dict(a=np.array([0.0])), "integer array"),
    ],
)
def test_it_rejects_bad_input_naming_the_problem(change, message):
    graph = dict(n=3, a=np.array([0]), b=np.array([1]), w=np.array([0.5]),
                 capacity=np.array([1, 1, 1]))  # fmt: skip
    graph.update(change)
    with pytest.raises(ValueError, match=message):
        assign(**graph)
