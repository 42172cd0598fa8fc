"""The hard constraints: which pairs may never be suggested, and what a list of pairs breaks.

The one definition for rounds and recommendations (`pipeline`), the baselines
(`baselines`) and the review's violation counts (`review`). A pair (a, b) is
allowed when a is not b, both have opted in, neither is in the other's reporting
chain (nor, with `siblings`, do they share a manager), the pair is not blocked
(an active relationship, a recent decline, a dismissal) and, unless told
otherwise, both have capacity. The round's assignment spends capacity itself and
a recommendation is an invitation rather than a slot, so both ask without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from trellis.matching.engine.people import Person, chain_index

Pair = tuple[str, str]
VIOLATIONS = (
    "same_person",
    "reporting_chain",
    "over_capacity",
    "opted_out",
    "blocked",
    "duplicate",
)


class Constraints:
    """The hard constraints over one list of people, asked for arrays of positions at once."""

    def __init__(
        self, people: Sequence[Person], blocked: Iterable[Pair] = (), *, siblings: bool = False
    ):
        self.position = {p.id: i for i, p in enumerate(people)}
        self.chain = chain_index(people)
        self.siblings = siblings
        self.capacity = np.array([p.capacity for p in people], dtype=np.int64)
        self.opted_in = np.fromiter((p.opted_in for p in people), dtype=bool, count=len(people))
        self.open = self.opted_in & (self.capacity > 0)
        self.blocked = self._blocked_keys(blocked)
        self._one: _OnePair | None = None

    def _blocked_keys(self, blocked: Iterable[Pair]) -> np.ndarray:
        """Blocked pairs as sorted unique `pair_keys` (pairs naming someone unknown dropped)."""
        position = self.position
        pairs = [(position[x], position[y]) for x, y in blocked if x in position and y in position]
        a = np.array([x for x, _ in pairs], dtype=np.int64)
        b = np.array([y for _, y in pairs], dtype=np.int64)
        return np.unique(self.pair_keys(a, b))

    def pair_keys(self, a, b) -> np.ndarray:
        """One int64 per pair of positions, the same in either order: `min * n + max`."""
        low, high = np.minimum(a, b), np.maximum(a, b)
        return low.astype(np.int64) * len(self.capacity) + high

    def allowed(self, a, b, *, capacity: bool = True) -> np.ndarray:
        """Which pairs (a[k], b[k]) of positions the hard constraints allow.

        With `capacity=False`, a member with no capacity left is not ruled out.
        """
        a, b = np.atleast_1d(np.asarray(a)), np.atleast_1d(np.asarray(b))
        members = self.open if capacity else self.opted_in
        keep = (a != b) & members[a] & members[b]
        keep &= ~self.chain.in_reporting_chain(a, b, siblings=self.siblings)
        if len(self.blocked):
            keep &= ~np.isin(self.pair_keys(a, b), self.blocked)
        return keep

    def allows(self, a: int, b: int) -> bool:
        """`allowed` for one pair of positions (capacity counted), without arrays.

        The baselines ask pair by pair, hundreds of thousands of times in a large
        round: one array call each cost 40 µs, this plain lookup a few."""
        if self._one is None:
            self._one = _OnePair(self)
        return self._one.allows(int(a), int(b))

    def violations(self, pairs: Sequence[Pair]) -> dict[str, int]:
        """Every broken hard constraint in `pairs` (of ids), counted by kind (`VIOLATIONS`).

        `over_capacity` counts the pairs beyond members' capacities (a member with
        capacity 2 in 3 pairs counts 1); `opted_out` counts pairs with a member who
        has not opted in; `duplicate` counts a pair listed more than once.
        """
        found = dict.fromkeys(VIOLATIONS, 0)
        if not pairs:
            return found
        a = np.array([self.position[x] for x, _ in pairs], dtype=np.int64)
        b = np.array([self.position[y] for _, y in pairs], dtype=np.int64)
        same = a == b
        found["same_person"] = int(same.sum())
        found["reporting_chain"] = int((self.chain.in_reporting_chain(a, b) & ~same).sum())
        found["opted_out"] = int((~self.opted_in[a] | ~self.opted_in[b]).sum())
        load = np.bincount(np.concatenate([a, b]), minlength=len(self.capacity))
        found["over_capacity"] = int(np.maximum(load - self.capacity, 0).sum())
        keys = self.pair_keys(a, b)
        found["blocked"] = int(np.isin(keys, self.blocked).sum())
        found["duplicate"] = len(keys) - len(np.unique(keys))
        return found


class _OnePair:
    """The constraints as plain lists and a set, for `Constraints.allows`."""

    def __init__(self, constraints: Constraints):
        chain = constraints.chain
        self.n = len(constraints.capacity)
        self.open = constraints.open.tolist()
        self.enter, self.leave = chain.enter.tolist(), chain.leave.tolist()
        self.manager = chain.manager.tolist() if constraints.siblings else None
        self.blocked = set(constraints.blocked.tolist())

    def allows(self, a: int, b: int) -> bool:
        if a == b or not (self.open[a] and self.open[b]):
            return False
        enter, leave = self.enter, self.leave
        if enter[a] <= enter[b] < leave[a] or enter[b] <= enter[a] < leave[b]:
            return False  # one manages the other
        if self.manager is not None and self.manager[a] >= 0 and self.manager[a] == self.manager[b]:
            return False
        return (min(a, b) * self.n + max(a, b)) not in self.blocked


def violations(
    people: Sequence[Person], pairs: Sequence[Pair], blocked: Iterable[Pair] = ()
) -> dict[str, int]:
    """Every broken hard constraint in `pairs`, counted by kind (see `Constraints.violations`)."""
    return Constraints(people, blocked).violations(pairs)
