"""The validated input and the objective, in exact integer units.

Every decision the solvers make is taken in integer units of
`weight_scale / 2**UNIT_BITS` (`weight_scale` is the largest pair score), so
the flow, the exact solver and the local moves agree to the last unit, and
results do not depend on floating-point summation order. Scores and slot values
are rounded *up* to units: the integer objective of any assignment is at least
its real objective, which keeps every bound computed in units a valid bound on
the real one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_matrix

UNIT_BITS = 20
UNITS = 1 << UNIT_BITS
# Flow costs times the number of nodes must stay inside int64 (cost scaling).
MAX_COST_UNITS = 1 << 40


@dataclass(frozen=True)
class Problem:
    """A checked instance: edges that can be used, capacities, the objective in units.

    `usable` marks edges whose two members both have capacity; only they are ever
    considered. `capacity` is each member's capacity clipped to the number of usable
    edges it has (a member cannot use more). `slot_units[k]` is the value of a
    member's (k+1)-th pair, identical for every member.
    """

    n: int
    a: np.ndarray  # int64, a < b
    b: np.ndarray  # int64
    w: np.ndarray  # float64 > 0
    capacity: np.ndarray  # int64, clipped to usable degree
    usable: np.ndarray  # bool per edge
    weight_scale: float
    edge_units: np.ndarray  # int64, ceil(w / unit)
    slot_units: np.ndarray  # int64, per slot k = 0 .. max capacity - 1
    coverage_bonus: float  # in units of weight_scale
    fairness: float  # in units of weight_scale

    @property
    def unit(self) -> float:
        return self.weight_scale / UNITS

    @property
    def m(self) -> int:
        return int(self.a.size)

    def load_of(self, chosen: np.ndarray) -> np.ndarray:
        """Pairs per member for a boolean edge mask."""
        return np.bincount(self.a[chosen], minlength=self.n) + np.bincount(
            self.b[chosen], minlength=self.n
        )

    def slot_total_units(self, load: np.ndarray) -> int:
        """Sum over members of the values of the slots their load uses."""
        cumulative = np.concatenate([[0], np.cumsum(self.slot_units)])
        return int(cumulative[load].sum())

    def slot_total(self, load: np.ndarray) -> float:
        """The same in real weight units (bonus for a first pair, less for each further one)."""
        k = load.astype(np.float64)
        first = self.coverage_bonus * (k >= 1)
        further = self.fairness * np.maximum(k - 1, 0) * k / 2
        return float(((first - further) * self.weight_scale).sum())


def index_type(count: int) -> type:
    """The smallest integer type numbering `count` things: int32 (half the memory of
    int64) unless there are 2**31 or more."""
    return np.int32 if count < 2**31 else np.int64


def counting_order(keys: np.ndarray, groups: int) -> np.ndarray:
    """The stable order that groups `keys` (integers in 0..groups-1): a counting sort.

    scipy's COO to CSR conversion is one; numpy's stable argsort of 40 million
    keys takes ten times longer.
    """
    size = keys.size
    rows = keys.astype(index_type(groups))
    columns = np.arange(size, dtype=index_type(size))
    ones = np.ones(size, dtype=np.int8)
    return coo_matrix((ones, (rows, columns)), shape=(groups, size)).tocsr().indices


def slot_values(coverage_bonus: float, fairness: float, slots: int) -> np.ndarray:
    """Real value of a member's 1st, 2nd, ... pair, in units of the largest score.

    A first pair earns the coverage bonus; the k-th pair (k >= 2) costs
    `fairness * (k - 1)`. The values never increase with k (convex costs), which the
    flow formulation and the exact model both rely on.
    """
    k = np.arange(slots, dtype=np.float64)
    return np.where(k == 0, coverage_bonus, -fairness * k)


def build_problem(
    *,
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    w: np.ndarray,
    capacity: np.ndarray,
    coverage_bonus: float,
    fairness: float,
) -> Problem:
    """Check the input (ValueError naming the first problem) and scale the objective."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise ValueError(f"n must be a non-negative integer, got {n!r}")
    n = int(n)
    a64, b64 = _edge_array("a", a), _edge_array("b", b)
    w = np.asarray(w)
    if w.ndim != 1 or w.dtype.kind not in "fiu":
        raise ValueError("w must be a one-dimensional array of numbers")
    w = w.astype(np.float64, copy=False)
    if not (a64.size == b64.size == w.size):
        raise ValueError(f"a, b and w differ in length ({a64.size}, {b64.size}, {w.size})")
    cap = _capacity_array(capacity, n)
    _check_edges(n, a64, b64, w)
    if not (np.isfinite(fairness) and 0 <= fairness <= 100):
        raise ValueError(f"fairness must be between 0 and 100, got {fairness!r}")

    usable = (cap[a64] > 0) & (cap[b64] > 0)
    degree = np.bincount(a64[usable], minlength=n) + np.bincount(b64[usable], minlength=n)
    cap = np.minimum(cap, degree)
    weight_scale = float(w.max()) if w.size else 1.0
    edge_units = np.ceil(w * (UNITS / weight_scale)).astype(np.int64)
    slots = int(cap.max()) if n else 0
    slot_units = np.ceil(slot_values(coverage_bonus, fairness, slots) * UNITS).astype(np.int64)
    if slots and 2 * int(np.abs(slot_units).max()) > MAX_COST_UNITS:
        raise ValueError("fairness times the largest capacity is too large to optimise exactly")
    return Problem(
        n=n,
        a=a64,
        b=b64,
        w=w,
        capacity=cap,
        usable=usable,
        weight_scale=weight_scale,
        edge_units=edge_units,
        slot_units=slot_units,
        coverage_bonus=float(coverage_bonus),
        fairness=float(fairness),
    )


def _edge_array(name: str, values: np.ndarray) -> np.ndarray:
    values = np.asarray(values)
    if values.ndim != 1 or (values.size and values.dtype.kind not in "iu"):
        raise ValueError(f"{name} must be a one-dimensional integer array")
    return values.astype(np.int64, copy=False)


def _capacity_array(capacity: np.ndarray, n: int) -> np.ndarray:
    cap = np.asarray(capacity)
    if cap.shape != (n,) or (n and cap.dtype.kind not in "iu"):
        raise ValueError(f"capacity must be an integer array of length n={n}")
    cap = cap.astype(np.int64, copy=False)
    if n and cap.min() < 0:
        raise ValueError(f"capacity of member {int(np.argmin(cap))} is negative")
    return cap


def _check_edges(n: int, a: np.ndarray, b: np.ndarray, w: np.ndarray) -> None:
    if not a.size:
        return
    bad = np.flatnonzero((a < 0) | (b >= n) | (a >= b))
    if bad.size:
        e = int(bad[0])
        raise ValueError(f"edge {e} is ({a[e]}, {b[e]}): need 0 <= a < b < n={n}")
    bad = np.flatnonzero(~(np.isfinite(w) & (w > 0)))
    if bad.size:
        raise ValueError(f"edge {int(bad[0])} has weight {w[bad[0]]!r}: weights must be > 0")
    key = a * n + b
    order = None if np.all(key[1:] > key[:-1]) else np.argsort(key, kind="stable")
    ordered = key if order is None else key[order]
    same = np.flatnonzero(ordered[1:] == ordered[:-1])
    if same.size:
        i = int(same[0])
        first, second = (i, i + 1) if order is None else (int(order[i]), int(order[i + 1]))
        raise ValueError(f"edge {second} repeats the pair ({a[first]}, {b[first]}) of edge {first}")
