"""A synthetic organisation's reporting tree: disciplines, spans, named teams and levels.

Driven by the one seeded random generator, so the same seed gives the same tree.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from trellis.matching.engine.synthetic.words import DISCIPLINES, GROUPS, TEAM_NAMES, TEAM_QUALIFIERS


@dataclass(slots=True)
class PlannedPerson:
    """One person of the organisation as planned, before anything else is made of them."""

    parent: int | None
    depth: int
    discipline: str
    reports: list[int] = field(default_factory=list)
    size: int = 1
    team: str = ""
    team_key: int = -1
    level: int = 3
    name: str = ""
    email: str = ""
    profile: dict = field(default_factory=dict)
    # The topics (slugs) each statement was written from: what an encoder should find.
    written_from: dict[str, frozenset[str]] = field(default_factory=dict)
    # The topics each statement names, in statement order, as the caller resolved them
    # (the demo: topic ids, once its links are written).
    topics: tuple[tuple[int, ...], ...] = ()


# The smallest tree with every group and at least two people in each discipline.
SMALLEST_TREE = 1 + len(GROUPS) + 2 * len(DISCIPLINES)


def reporting_tree(rng: random.Random, total: int) -> list[PlannedPerson]:
    """`total` people in a tree under one head, with their teams and levels.

    Managers come before their reports. A tree smaller than SMALLEST_TREE is the
    first `total` people of that one: still a tree, under the same head.
    """
    people = _whole_tree(rng, max(total, SMALLEST_TREE))
    if total < len(people):
        people = people[:total]
        for person in people:
            person.reports = [r for r in person.reports if r < total]
    return people


def _whole_tree(rng: random.Random, total: int) -> list[PlannedPerson]:
    people = [PlannedPerson(parent=None, depth=0, discipline="Product")]
    sizes = _discipline_sizes(total - 1 - len(GROUPS))
    for _group, lead_discipline, disciplines in GROUPS:
        lead = _add(people, 0, lead_discipline)
        for discipline in disciplines:
            director = _add(people, lead, discipline)
            _fill(rng, people, director, sizes[discipline] - 1)
    for i in range(len(people) - 1, 0, -1):
        people[people[i].parent].size += people[i].size
    _name_teams(rng, people)
    _assign_levels(rng, people)
    return people


def _discipline_sizes(total: int) -> dict[str, int]:
    """Split `total` people between disciplines by their share, at least two each."""
    shares = {name: share for name, (share, _) in DISCIPLINES.items()}
    sizes = {name: max(2, total * share // 100) for name, share in shares.items()}
    names = sorted(shares, key=lambda name: -shares[name])
    i = 0
    while sum(sizes.values()) != total:
        name = names[i % len(names)]
        step = 1 if sum(sizes.values()) < total else -1
        if sizes[name] + step >= 2:
            sizes[name] += step
        i += 1
    return sizes


def _add(people: list[PlannedPerson], parent: int, discipline: str) -> int:
    people.append(
        PlannedPerson(parent=parent, depth=people[parent].depth + 1, discipline=discipline)
    )
    people[parent].reports.append(len(people) - 1)
    return len(people) - 1


def _fill(rng: random.Random, people: list[PlannedPerson], root: int, below: int) -> None:
    """Put `below` people under `root`: a team of ICs, or managers with teams of their own.

    Every manager gets 3-8 direct reports when there are enough people; a
    manager of managers sometimes keeps a senior IC or two as direct reports.
    """
    discipline = people[root].discipline
    if below <= 8:
        for _ in range(below):
            _add(people, root, discipline)
        return
    span = rng.randint(5, 8) if below > 500 else rng.randint(3, 8)
    managers = max(1, min(span, below // 7))
    if managers == span and managers > 2 and rng.random() < 0.3:
        managers -= 1
    for _ in range(span - managers):
        _add(people, root, discipline)
    rest = below - (span - managers)
    weights = [rng.uniform(0.6, 1.4) for _ in range(managers)]
    extra = rest - 2 * managers  # every manager has at least one report
    sizes = [2 + int(extra * w / sum(weights)) for w in weights]
    sizes[-1] += rest - sum(sizes)
    for size in sizes:
        _fill(rng, people, _add(people, root, discipline), size - 1)


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name} {n}"
    return candidate


def _area_names(rng: random.Random, discipline: str) -> Iterator[str]:
    """Names for a discipline's areas: "Payments", then "Payments Risk", then numbered."""
    bases = [name.replace("-", " ") for name in TEAM_NAMES[discipline].split()]
    rng.shuffle(bases)
    yield from bases
    qualifiers = list(TEAM_QUALIFIERS)
    rng.shuffle(qualifiers)
    for qualifier in qualifiers:
        for base in bases:
            yield f"{base} {qualifier}"
    n = 1
    while True:
        n += 1
        for base in bases:
            yield f"{base} {n}"


def _name_teams(rng: random.Random, people: list[PlannedPerson]) -> None:
    """Managers own teams, which their ICs belong to; `team_key` is the team's manager.

    Leaders have leadership teams; a manager of managers runs an area ("Payments"),
    and the teams in an area are named after it ("Payments Core").
    """
    areas = {discipline: _area_names(rng, discipline) for discipline in DISCIPLINES}
    groups = iter(GROUPS)
    used: set[str] = set()
    qualifiers_left: dict[int, list[str]] = {}
    for i, person in enumerate(people):
        if not person.reports:
            manager = people[person.parent] if person.parent is not None else person
            person.team, person.team_key = manager.team, manager.team_key
            continue
        person.team_key = i
        if person.depth == 0:
            person.team = "Executive team"
        elif person.depth == 1:
            person.team = f"{next(groups)[0]} leadership"
        elif person.depth == 2:
            person.team = f"{person.discipline} leadership"
        elif person.depth == 3 or any(people[r].reports for r in person.reports):
            person.team = next(n for n in areas[person.discipline] if n not in used)
        else:
            left = qualifiers_left.get(person.parent)
            if not left:
                left = qualifiers_left[person.parent] = rng.sample(
                    TEAM_QUALIFIERS, len(TEAM_QUALIFIERS)
                )
            person.team = _unique(f"{people[person.parent].team} {left.pop()}", used)
        used.add(person.team)


IC_LEVELS = (1, 2, 3, 4, 5, 6)
IC_LEVEL_WEIGHTS = (8, 22, 30, 22, 12, 6)


def _assign_levels(rng: random.Random, people: list[PlannedPerson]) -> None:
    """Levels 1-8 that roughly follow the tree: nobody outranks their manager."""
    for person in people:
        if person.depth < 2:
            person.level = 8 - person.depth
        elif person.depth == 2:
            person.level = 7 if person.size > 1000 else 6
        elif person.reports:
            manages_managers = any(people[r].reports for r in person.reports)
            person.level = (
                (6 if person.size > 100 else 5) if manages_managers else rng.choice((4, 5, 5))
            )
        else:
            level = rng.choices(IC_LEVELS, IC_LEVEL_WEIGHTS)[0]
            director = people[person.parent] if person.depth == 3 else None
            if director and any(people[r].reports for r in director.reports):
                level = rng.choice((5, 6))  # a senior IC beside the director's managers
            person.level = min(level, people[person.parent].level)
