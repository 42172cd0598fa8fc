"""Gini and the top tenth's share from a histogram equal the same measures of the list of
counts it stands for, worked out the slow, obvious way."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from trellis.insights.measures import gini, share, top_decile_share

histograms = st.dictionaries(st.integers(0, 30), st.integers(1, 40), min_size=1, max_size=8)


def expanded(histogram: dict[int, int]) -> list[int]:
    return [value for value, members in histogram.items() for _ in range(members)]


def gini_of_list(values: list[int]) -> float:
    """Half the mean absolute difference over the mean."""
    n, total = len(values), sum(values)
    return sum(abs(x - y) for x in values for y in values) / (2 * n * total)


@given(histograms)
def test_gini_equals_the_mean_absolute_difference_of_the_counts(histogram):
    values = expanded(histogram)
    if sum(values) == 0:
        assert gini(histogram) is None
    else:
        assert math.isclose(gini(histogram), gini_of_list(values), abs_tol=1e-9)


@given(histograms)
def test_gini_lies_between_0_and_1(histogram):
    result = gini(histogram)
    assert result is None or 0 <= result < 1


@given(st.integers(1, 20), st.integers(1, 200))
def test_everyone_holding_as_many_is_a_gini_of_0(value, members):
    assert gini({value: members}) == 0


@given(histograms)
def test_the_top_tenth_holds_what_the_largest_tenth_of_the_counts_add_up_to(histogram):
    values = sorted(expanded(histogram), reverse=True)
    top = values[: math.ceil(len(values) / 10)]
    if sum(values) == 0:
        assert top_decile_share(histogram) is None
    else:
        assert math.isclose(top_decile_share(histogram), sum(top) / sum(values))


@given(histograms)
def test_the_top_tenth_holds_at_least_a_tenth(histogram):
    result = top_decile_share(histogram)
    assert result is None or 0.1 - 1e-9 <= result <= 1


def test_one_member_with_everything_and_nine_with_none():
    assert top_decile_share({0: 9, 5: 1}) == 1
    assert math.isclose(gini({0: 9, 5: 1}), 0.9)


def test_a_share_of_nothing_is_none():
    assert share(3, 0) is None
    assert share(1, 4) == 0.25
