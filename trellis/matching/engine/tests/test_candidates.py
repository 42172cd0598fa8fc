"""Candidate generation: exact and approximate top-k, and the union into pairs."""

import numpy as np
import pytest

from trellis.matching.engine.candidates import candidate_pairs, top_k


def unit_rows(x):
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def random_unit(n, dim=16, seed=0):
    return unit_rows(np.random.default_rng(seed).standard_normal((n, dim)))


def clustered(n, dim=48, clusters=40, noise=0.6, seed=0, topics_seed=99):
    """Members mixing one to three topics, plus noise: like profile embeddings."""
    rng = np.random.default_rng(seed)
    topics = random_unit(clusters, dim, topics_seed)
    picks = rng.integers(0, clusters, size=(n, 3))
    weights = rng.dirichlet(np.ones(3), size=n) * (rng.random((n, 3)) < [1, 0.6, 0.3])
    mixed = np.einsum("nt,ntd->nd", weights, topics[picks])
    return unit_rows(unit_rows(mixed) + rng.standard_normal((n, dim)) * noise / np.sqrt(dim))


def as_table(rows, cols, n_rows, k):
    """Flat (rows, cols) back to one row of up to k columns per query, -1 padded."""
    table = np.full((n_rows, k), -1)
    for row in range(n_rows):
        found = cols[rows == row]
        table[row, : len(found)] = found
    return table


def brute_force(queries, keys, k, exclude_self):
    scores = queries @ keys.T
    if exclude_self:
        np.fill_diagonal(scores, -np.inf)
    return np.argsort(-scores, axis=1, kind="stable")[:, :k]


def recall(found, exact):
    return np.mean([len(set(f) & set(e)) / len(e) for f, e in zip(found, exact, strict=True)])


def test_exact_top_k_equals_a_brute_force_argsort():
    queries, keys = random_unit(60, seed=1), random_unit(200, seed=2)
    rows, cols, sims = top_k(queries, keys, 7, exclude_self=False)
    assert np.array_equal(as_table(rows, cols, 60, 7), brute_force(queries, keys, 7, False))
    assert np.allclose(sims, np.sum(queries[rows] * keys[cols], axis=1), atol=1e-5)


def test_exact_self_search_leaves_each_row_out_of_its_own_neighbours():
    x = random_unit(150, seed=3)
    rows, cols, _ = top_k(x, None, 5)
    assert np.array_equal(as_table(rows, cols, 150, 5), brute_force(x, x, 5, True))
    assert not np.any(rows == cols)


def test_neighbours_come_grouped_by_row_and_best_first():
    x = random_unit(300, seed=4)
    rows, _, sims = top_k(x, None, 6)
    assert np.all(np.diff(rows) >= 0)
    same_row = rows[1:] == rows[:-1]
    assert np.all(np.diff(sims)[same_row] <= 0)


def test_the_approximate_path_finds_nine_in_ten_true_neighbours():
    x = clustered(4000, seed=5)
    k = 10
    rows, cols, _ = top_k(x, None, k, exact_below=100, seed=1)
    found = as_table(rows, cols, len(x), k)
    sample = np.random.default_rng(0).choice(len(x), 300, replace=False)
    assert recall(found[sample], brute_force(x[sample], x, k + 1, False)[:, 1:]) >= 0.9
    assert not np.any(rows == cols)


def test_the_approximate_path_searches_one_role_against_another():
    queries, keys = clustered(3000, seed=6), clustered(2500, seed=7, clusters=30)
    rows, cols, _ = top_k(queries, keys, 10, exclude_self=False, exact_below=100)
    found = as_table(rows, cols, len(queries), 10)
    assert recall(found[:300], brute_force(queries[:300], keys, 10, False)) >= 0.9


def test_the_approximate_path_is_deterministic_for_a_seed():
    x = clustered(3000, seed=8)
    first = top_k(x, None, 8, exact_below=100, seed=3)
    again = top_k(x, None, 8, exact_below=100, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))


def test_a_query_finds_the_same_neighbours_searched_alone_or_with_everyone():
    x = clustered(3000, seed=19)
    rows, cols, _ = top_k(x, None, 8, exclude_self=False, exact_below=100, seed=2)
    alone_rows, alone_cols, _ = top_k(
        x[[5, 1234]], x, 8, exclude_self=False, exact_below=100, seed=2
    )
    assert np.array_equal(alone_cols[alone_rows == 0], cols[rows == 5])
    assert np.array_equal(alone_cols[alone_rows == 1], cols[rows == 1234])


@pytest.mark.parametrize("exact_below", [10_000, 0])
def test_fewer_keys_than_k_returns_every_other_row(exact_below):
    x = random_unit(4, seed=9)
    rows, cols, _ = top_k(x, None, 10, exact_below=exact_below)
    assert len(rows) == 4 * 3
    assert {(r, c) for r, c in zip(rows, cols, strict=True)} == {
        (r, c) for r in range(4) for c in range(4) if r != c
    }


@pytest.mark.parametrize("exact_below", [10_000, 0])
def test_no_rows_and_one_row_give_no_neighbours(exact_below):
    for n in (0, 1):
        rows, cols, sims = top_k(random_unit(n), None, 5, exact_below=exact_below)
        assert len(rows) == len(cols) == len(sims) == 0


def test_one_query_against_keys_of_another_role_finds_them():
    rows, cols, _ = top_k(random_unit(1, seed=10), random_unit(3, seed=11), 5, exclude_self=False)
    assert list(rows) == [0, 0, 0]
    assert sorted(cols) == [0, 1, 2]


@pytest.mark.parametrize("exact_below", [10_000, 0])
def test_a_row_of_zeros_has_no_neighbours_and_is_nobodys(exact_below):
    x = clustered(400, seed=20)
    x[[3, 50, 51]] = 0
    rows, cols, _ = top_k(x, None, 6, exact_below=exact_below)
    assert not np.isin(rows, [3, 50, 51]).any() and not np.isin(cols, [3, 50, 51]).any()
    assert len(rows) == 6 * (400 - 3)


def test_mismatched_dimensions_are_refused():
    with pytest.raises(ValueError, match="columns"):
        top_k(random_unit(3, dim=8), random_unit(3, dim=9), 2)


def assert_valid_pairs(a, b, n):
    assert len(a) == len(b) > 0
    assert np.all(a < b)
    assert np.all((a >= 0) & (b < n))
    assert len(set(zip(a.tolist(), b.tolist(), strict=True))) == len(a)


@pytest.mark.parametrize("exact_below", [100_000, 100])
def test_candidate_pairs_are_unique_undirected_and_never_a_member_with_themself(exact_below):
    n = 2000
    interest, offers, wants = (clustered(n, seed=s) for s in (12, 13, 14))
    a, b = candidate_pairs(interest, offers, wants, 8, exact_below=exact_below)
    assert_valid_pairs(a, b, n)
    assert len(a) >= 8 * n // 2  # each member has at least its k interest neighbours


def test_candidate_pairs_skip_members_with_no_text():
    n = 500
    interest, offers, wants = (clustered(n, seed=s) for s in (15, 16, 17))
    silent = np.arange(0, n, 7)
    for role in (interest, offers, wants):
        role[silent] = 0
    a, b = candidate_pairs(interest, offers, wants, 5)
    assert_valid_pairs(a, b, n)
    assert not np.isin(a, silent).any() and not np.isin(b, silent).any()


def test_a_member_without_interest_is_still_found_through_teaching():
    interest = unit_rows([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]])
    offers = unit_rows([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]])
    wants = unit_rows([[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
    a, b = candidate_pairs(interest, offers, wants, 1)
    assert (0, 3) in set(zip(a.tolist(), b.tolist(), strict=True))


def test_candidate_pairs_of_an_empty_or_silent_cohort_are_empty():
    empty = np.zeros((0, 4), np.float32)
    assert all(len(x) == 0 for x in candidate_pairs(empty, empty, empty, 5))
    silent = np.zeros((3, 4), np.float32)
    assert all(len(x) == 0 for x in candidate_pairs(silent, silent, silent, 5))


def test_roles_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="one per member"):
        candidate_pairs(random_unit(3), random_unit(3), random_unit(2), 2)


def test_candidate_pairs_report_progress_per_role():
    x = clustered(600, seed=18)
    seen = []
    candidate_pairs(x, x, x, 4, progress=lambda stage, fraction: seen.append((stage, fraction)))
    stages = {stage for stage, _ in seen}
    assert stages == {"interest", "offers -> wants", "wants -> offers"}
    assert all(0 <= fraction <= 1 for _, fraction in seen)
    assert [fraction for stage, fraction in seen if stage == "interest"][-1] == 1
