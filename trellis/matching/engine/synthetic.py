"""A synthetic organisation to run rounds, baselines and benches on, with the truth behind it.

`synthetic_organisation` writes a realistic organisation (reporting tree,
disciplines, teams, levels, statements in the vocabulary's words);
`synthetic_organisation_with_truth` also says which topics each statement was
written from, so `metrics.truth_quality` can judge pairs without any encoder.
"""

from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from trellis.matching.engine.people import STATEMENTS, Person
from trellis.text.vocabulary import TYPICAL_DISCIPLINES

DISCIPLINES = TYPICAL_DISCIPLINES


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


BACKGROUNDS = _words(
    "physics mathematics teaching startups open-source military music healthcare career-changer "
    "journalism consulting academia retail banking bootcamp self-taught non-profit gaming biology "
    "law architecture public-sector philosophy first-generation-graduate parent"
)
TEMPLATES = {
    "working_on": (
        "{t}",
        "migrating our {t} setup",
        "getting our {t} under control",
        "rolling out {t} across the team",
        "cleaning up years of {t} debt",
        "a proposal to replace {t} with {u}",
        "{t} and {u}",
        "untangling {t} from {u}",
        "measuring whether {t} actually helps",
        "scaling {t}",
        "an audit of our {t}",
        "automating the boring parts of {t}",
    ),
    "curious_about": (
        "{t}",
        "how other teams do {t}",
        "whether {t} would help us",
        "{t} vs {u}",
        "how {t} works under the hood",
        "good books on {t}",
    ),
    "can_help_with": (
        "{t}",
        "reviewing {t} work",
        "pairing on {t}",
        "I've done a lot of {t}",
        "debugging {t}",
        "{t} and {u}",
        "setting up {t} from scratch",
        "a second pair of eyes on {t}",
    ),
    "learning": (
        "{t}",
        "getting better at {t}",
        "{t} basics",
        "trying to understand {t}",
        "a course on {t}",
        "going deeper into {t}",
        "how to do {t} properly",
    ),
}
# What people in every discipline write, which says little about who should meet.
GENERIC = (
    "strategy",
    "leadership",
    "communication",
    "stakeholder management",
    "improving our processes",
    "cross-functional collaboration",
    "prioritisation",
    "best practices",
)
SHARED_TEMPLATES = ("{t}", "{t}, with people from other teams", "a working group on {t}")
# How often a clause strays outside the person's own areas, per statement.
_CROSS = {"working_on": 0.1, "curious_about": 0.35, "can_help_with": 0.1, "learning": 0.35}


@dataclass(frozen=True)
class Topic:
    name: str
    area: str
    forms: tuple[str, ...]  # name, synonyms and abbreviations as people write them


def read_topics(path: Path) -> list[Topic]:
    """Topics of the vocabulary file (`name,area,synonyms,abbreviations`), read leniently."""
    topics = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            aliases = [
                alias.strip().removeprefix("=").strip()
                for column in ("synonyms", "abbreviations")
                for alias in (row.get(column) or "").split(";")
            ]
            forms = (name, *(a for a in aliases if a))
            topics.append(Topic(name=name, area=(row.get("area") or "").strip(), forms=forms))
    return topics


class _Writer:
    """Writes statements from the vocabulary's words: a few topics per area are popular."""

    def __init__(self, rng: random.Random, topics: Sequence[Topic]):
        self.rng = rng
        self.by_area: dict[str, list[Topic]] = defaultdict(list)
        for topic in topics:
            self.by_area[topic.area].append(topic)
        for pool in self.by_area.values():
            rng.shuffle(pool)
        self.areas = sorted(self.by_area)

    def topic(self, areas: Sequence[str], cross: float) -> Topic:
        rng = self.rng
        areas = [a for a in areas if a in self.by_area] or self.areas
        if rng.random() < cross:
            area = rng.choice(self.areas)
        else:
            area = areas[0] if rng.random() < 0.6 else rng.choice(areas)
        pool = self.by_area[area]
        return pool[int(len(pool) * rng.random() ** 1.8)]

    def written(self, topic: Topic) -> str:
        """The name (sometimes in lower case), a synonym or an abbreviation."""
        r = self.rng.random()
        if len(topic.forms) > 1 and r < 0.55:
            return self.rng.choice(topic.forms[1:])
        return topic.name.lower() if r > 0.9 else topic.name

    def statement(
        self, name: str, areas: Sequence[str], team: list[Topic], shared: list[Topic]
    ) -> tuple[str, frozenset[str]]:
        """A statement, and the topics it was written from (whatever words it uses)."""
        rng = self.rng
        if name != "working_on" and rng.random() < 0.07:
            return "", frozenset()
        clauses, used = [], set()
        if name == "working_on" and shared and rng.random() < 0.3:
            topic = rng.choice(shared)
            used.add(topic.name)
            template = rng.choice(SHARED_TEMPLATES)
            clauses.append(template.replace("{t}", self.written(topic)))
        if rng.random() < 0.2:
            clauses.append(rng.choice(GENERIC))
        wanted = len(clauses) + rng.choice((1, 1, 2, 2, 2, 3))
        while len(clauses) < wanted:
            cross = _CROSS[name]
            if team and name in {"working_on", "can_help_with"} and rng.random() < 0.4:
                topic = rng.choice(team)
            else:
                topic = self.topic(areas, cross)
            used.add(topic.name)
            text = rng.choice(TEMPLATES[name]).replace("{t}", self.written(topic))
            if "{u}" in text:
                other = self.topic(areas, cross)
                used.add(other.name)
                text = text.replace("{u}", self.written(other))
            clauses.append(text)
        return rng.choice((", ", "; ", ". ")).join(clauses), frozenset(used)


def _tree(rng: random.Random, total: int) -> tuple[list[int | None], list[str]]:
    """Managers and disciplines of `total` people: a head, a director per discipline, teams."""
    parent: list[int | None] = [None]
    discipline = ["Product"]

    def add(manager: int, name: str) -> int:
        parent.append(manager)
        discipline.append(name)
        return len(parent) - 1

    def fill(root: int, below: int) -> None:
        if below <= 8:
            for _ in range(below):
                add(root, discipline[root])
            return
        span = rng.randint(3, 8)
        managers = max(1, min(span, below // 7))
        for _ in range(span - managers):
            add(root, discipline[root])
        rest = below - (span - managers)
        weights = [rng.uniform(0.6, 1.4) for _ in range(managers)]
        sizes = [1 + int((rest - managers) * w / sum(weights)) for w in weights]
        sizes[-1] += rest - sum(sizes)
        for size in sizes:
            fill(add(root, discipline[root]), size - 1)

    names = sorted(DISCIPLINES, key=lambda d: -DISCIPLINES[d][0])
    rest = max(0, total - 1 - len(names))
    sizes = {d: rest * DISCIPLINES[d][0] // 100 for d in names}
    for d in names[: rest - sum(sizes.values())]:
        sizes[d] += 1
    for d in names:
        if len(parent) < total:
            director = add(0, d)
            fill(director, min(sizes[d], total - len(parent)))
    return parent[:total], discipline[:total]


Truth = dict[str, dict[str, frozenset[str]]]  # id -> statement -> topic names it was written from


def synthetic_organisation(n: int, *, topics_path: Path, seed: int = 0) -> list[Person]:
    """`n` people in a reporting tree, with teams, levels and statements; same seed, same people.

    See `synthetic_organisation_with_truth`, which also says which topics each
    statement was written from.
    """
    return synthetic_organisation_with_truth(n, topics_path=topics_path, seed=seed)[0]


def synthetic_organisation_with_truth(
    n: int, *, topics_path: Path, seed: int = 0
) -> tuple[list[Person], Truth]:
    """`n` people in a reporting tree, and the topics behind each of their statements.

    Disciplines follow realistic shares; every manager leads a team its reports
    belong to; nobody outranks their manager; statements mix the vocabulary's
    names, synonyms and abbreviations in many sentence shapes, with team topics,
    problems several disciplines share, and generic words everyone uses.
    About 6% have capacity 0 and 10% have not opted in.
    """
    rng = random.Random(seed)
    writer = _Writer(rng, read_topics(topics_path))
    parent, discipline = _tree(rng, n)
    reports: dict[int, list[int]] = defaultdict(list)
    for i, manager in enumerate(parent):
        if manager is not None:
            reports[manager].append(i)
    # Problems shared across disciplines: a topic each, met by two to four disciplines.
    shared: dict[str, list[Topic]] = defaultdict(list)
    for _ in range(20):
        topic = writer.topic(writer.areas, 1.0)
        for d in rng.sample(sorted(DISCIPLINES), rng.randint(2, 4)):
            shared[d].append(topic)
    level = [0] * n
    team = [""] * n
    truth: Truth = {}
    team_topics: dict[int, list[Topic]] = {}
    counters: Counter[str] = Counter()
    people = []
    for i in range(n):  # parents come before their reports
        d, manager = discipline[i], parent[i]
        lead = i if reports[i] else manager if manager is not None else i
        if lead not in team_topics:
            counters[discipline[lead]] += 1
            team[lead] = f"{discipline[lead]} {counters[discipline[lead]]}"
            areas = DISCIPLINES.get(discipline[lead], (0, writer.areas))[1]
            team_topics[lead] = [writer.topic(areas, 0.1) for _ in range(3)]
        team[i] = team[lead]
        if manager is None:
            level[i] = 8
        elif parent[manager] is None:
            level[i] = 7
        elif reports[i]:
            level[i] = 6 if any(reports[r] for r in reports[i]) else rng.choice((4, 5, 5))
        else:
            level[i] = rng.choices((1, 2, 3, 4, 5, 6), (8, 22, 30, 22, 12, 6))[0]
        if manager is not None:
            level[i] = min(level[i], level[manager])
        areas = DISCIPLINES[d][1] + (("people-management",) if reports[i] else ())
        written = {
            name: writer.statement(name, areas, team_topics[lead], shared[d]) for name in STATEMENTS
        }
        statements = {name: text for name, (text, _) in written.items()}
        truth[f"p{i:06d}"] = {name: used for name, (_, used) in written.items()}
        people.append(
            Person(
                id=f"p{i:06d}",
                name=f"Person {i}",
                discipline=d,
                team=team[i],
                level=level[i],
                manager=None if manager is None else f"p{manager:06d}",
                background=tuple(rng.sample(BACKGROUNDS, rng.choice((0, 1, 1, 2, 2, 3)))),
                capacity=rng.choices((2, 1, 3, 0), (70, 12, 12, 6))[0],
                opted_in=rng.random() < 0.9,
                **statements,
            )
        )
    return people, truth
