"""Who a synthetic organisation's people are: names, e-mails, offices, languages, switches
and profile statements, and the topics each statement was written from.

Statements are written the way people write them: canonical names, synonyms and
abbreviations from the vocabulary, in many sentence shapes, with some problems shared
across teams so matching has something to find.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from trellis.matching.engine.people import STATEMENTS
from trellis.matching.engine.synthetic.tree import PlannedPerson
from trellis.matching.engine.synthetic.words import (
    BACKGROUNDS,
    DISCIPLINES,
    FILLERS,
    FIRST_NAMES,
    JOINERS,
    LAST_NAMES,
    OFFICE_WEIGHTS,
    OFFICES,
    SHARED_PROBLEMS,
    SHARED_TEMPLATES,
    TEMPLATES,
)
from trellis.text.normalise import fold
from trellis.text.vocabulary import TopicEntry, TopicMatcher

ACTIVE, PAUSED, LEFT = "active", "paused", "left"
_FORM_SLOT = {"name": 0, "synonym": 1, "abbreviation": 2}


@dataclass
class Vocabulary:
    """The vocabulary's topics as people write them, grouped by area."""

    forms: dict[str, list[tuple[str, ...]]]  # slug -> (names, synonyms, abbreviations)
    by_area: dict[str, list[str]]  # area -> slugs, most popular first
    matcher: TopicMatcher

    @classmethod
    def from_entries(cls, entries: Sequence[TopicEntry], rng: random.Random) -> Vocabulary:
        """The topics of `entries` as people write them; `rng` decides which are popular."""
        # Sorted here, not as given: the order must not depend on where they were read.
        topics = sorted((entry.slug, entry.area) for entry in entries)
        forms: dict[str, tuple[list[str], list[str], list[str]]] = {
            slug: ([], [], []) for slug, _ in topics
        }
        written = sorted((e.slug, a.kind, a.text) for e in entries for a in e.aliases)
        for slug, kind, text in written:
            forms[slug][_FORM_SLOT[kind]].append(text)
        by_area: dict[str, list[str]] = defaultdict(list)
        for slug, area in topics:
            if forms[slug][0]:
                by_area[area].append(slug)
        for slugs in by_area.values():
            rng.shuffle(slugs)  # the order decides which topics are popular
        return cls(
            forms={slug: [tuple(f) for f in kinds] for slug, kinds in forms.items()},
            by_area=dict(by_area),
            matcher=TopicMatcher.from_entries(entries),
        )

    def name(self, slug: str) -> str:
        return self.forms[slug][0][0]


def _email_local(first: str, last: str) -> str:
    def clean(word: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", fold(word))

    return f"{clean(first)}.{clean(last)}"


def assign_names(rng: random.Random, people: list[PlannedPerson], *, domain: str) -> None:
    """A name for everyone, and an e-mail at `domain` made from it (numbered when taken)."""
    taken: dict[str, int] = {}
    for person in people:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES).replace("-", " ")
        person.name = f"{first} {last}"
        local = _email_local(first, last)
        n = taken[local] = taken.get(local, 0) + 1
        person.email = f"{local}{n if n > 1 else ''}@{domain}"


def _shared_problems(rng: random.Random, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Problems that people in several disciplines work on, by discipline."""
    matcher = vocabulary.matcher
    problems = [(text, ds.split()) for text, ds in SHARED_PROBLEMS if matcher.topics(text)]
    if len(problems) < 5:  # a vocabulary of other words: make problems from its topics
        everyone = list(DISCIPLINES)
        slugs = sorted(vocabulary.forms)
        for slug in rng.sample(slugs, min(8, len(slugs))):
            problems.append((f"our {vocabulary.name(slug)} rollout", everyone))
    by_discipline: dict[str, list[str]] = defaultdict(list)
    for text, disciplines in problems:
        for discipline in disciplines:
            by_discipline[discipline].append(text)
    return by_discipline


def assign_profiles(
    rng: random.Random, people: list[PlannedPerson], vocabulary: Vocabulary
) -> None:
    """Everyone's office, languages, background, switches and statements; teams share some."""
    writer = _ProfileWriter(rng, vocabulary, _shared_problems(rng, vocabulary))
    teams: dict[int, tuple[int, list[str]]] = {}
    offices = range(len(OFFICES))
    for person in people:
        if person.team_key not in teams:
            office = rng.choices(offices, OFFICE_WEIGHTS)[0]
            areas = DISCIPLINES[person.discipline][1]
            teams[person.team_key] = (office, [writer.topic(areas, 0.1) for _ in range(3)])
        office, team_topics = teams[person.team_key]
        if rng.random() > 0.8:  # remote, or moved
            office = rng.choices(offices, OFFICE_WEIGHTS)[0]
        tz, local_languages = OFFICES[office]
        languages = ["English"]
        if local_languages and rng.random() < 0.6:
            languages.append(local_languages[0])
        if rng.random() < 0.15:
            languages.append(rng.choice(("Spanish", "French", "German", "Arabic", "Mandarin")))
        person.profile = {
            "timezone": tz,
            "languages": list(dict.fromkeys(languages)),
            "background": rng.sample(BACKGROUNDS, rng.choice((0, 1, 1, 2, 2, 3))),
            "capacity": rng.choices((2, 1, 3, 0), (70, 12, 12, 6))[0],
            "open_to_peer_learning": rng.random() < 0.9,
            "open_to_initiatives": rng.random() < 0.8,
            "open_to_helping": rng.random() < 0.85,
            "status": _status(rng, person),
        }
        statements, written_from = writer.statements(person, team_topics)
        person.profile |= statements
        person.written_from = written_from


def _status(rng: random.Random, person: PlannedPerson) -> str:
    r = rng.random()
    if r < 0.03:
        return PAUSED
    if r < 0.05 and not person.reports:
        return LEFT
    return ACTIVE


class _ProfileWriter:
    """Writes profile statements the way people do, from the vocabulary's words."""

    # How often a clause strays outside the person's own areas, per statement.
    CROSS = {"working_on": 0.1, "curious_about": 0.35, "can_help_with": 0.1, "learning": 0.3}

    def __init__(self, rng: random.Random, vocabulary: Vocabulary, problems):
        self.rng = rng
        self.vocabulary = vocabulary
        self.problems = problems
        self.areas = sorted(vocabulary.by_area)

    def topic(self, areas: Sequence[str], cross: float) -> str:
        rng = self.rng
        by_area = self.vocabulary.by_area
        areas = [area for area in areas if area in by_area] or self.areas
        if rng.random() < cross:
            area = rng.choice(self.areas)
        else:
            area = areas[0] if rng.random() < 0.6 else rng.choice(areas)
        pool = by_area[area]
        return pool[int(len(pool) * rng.random() ** 1.8)]  # a few topics are popular

    def written(self, slug: str) -> str:
        """One way of writing a topic: its name, a synonym or an abbreviation."""
        rng = self.rng
        names, synonyms, abbreviations = self.vocabulary.forms[slug]
        r = rng.random()
        if abbreviations and r < 0.25:
            return rng.choice(abbreviations)
        if synonyms and r < 0.6:
            return rng.choice(synonyms)
        return names[0].lower() if r > 0.85 else names[0]

    def clause(
        self, statement: str, areas: Sequence[str], team_topics: list[str], used: set[str]
    ) -> str:
        """One clause of a statement; the topics it is written from go into `used`."""
        rng = self.rng
        template = rng.choice(TEMPLATES[statement])
        cross = self.CROSS[statement]
        if team_topics and statement in {"working_on", "can_help_with"} and rng.random() < 0.4:
            slug = rng.choice(team_topics)
        else:
            slug = self.topic(areas, cross)
        used.add(slug)
        text = template.replace("{t}", self.written(slug))
        if "{u}" in template:
            other = self.topic(areas, cross)
            used.add(other)
            text = text.replace("{u}", self.written(other))
        return text

    def statements(
        self, person: PlannedPerson, team_topics: list[str]
    ) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
        """Each statement's text, and the topics it was written from."""
        rng = self.rng
        areas = DISCIPLINES[person.discipline][1]
        if person.reports:
            areas = (*areas, "people-management")
        texts, written_from = {}, {}
        for statement in STATEMENTS:
            used: set[str] = set()
            if statement != "working_on" and rng.random() < 0.07:
                texts[statement], written_from[statement] = "", frozenset()
                continue
            clauses = []
            problems = self.problems.get(person.discipline)
            if statement == "working_on" and problems and rng.random() < 0.25:
                problem = rng.choice(problems)
                used.update(self.vocabulary.matcher.topics(problem))
                clauses.append(rng.choice(SHARED_TEMPLATES).replace("{p}", problem))
            wanted = rng.choice((1, 1, 2, 2, 2, 3))
            while len(clauses) < wanted:
                clauses.append(self.clause(statement, areas, team_topics, used))
            texts[statement], written_from[statement] = self.join(clauses), frozenset(used)
        return texts, written_from

    def join(self, clauses: list[str]) -> str:
        rng = self.rng
        joiner = rng.choice(JOINERS)
        if joiner == ". ":
            text = ". ".join(c[:1].upper() + c[1:] for c in clauses) + "."
        else:
            text = joiner.join(clauses)
            if rng.random() < 0.4:
                text = text[:1].upper() + text[1:]
        if rng.random() < 0.1:
            text = f"{text.rstrip('.')}. {rng.choice(FILLERS)}"
        return text
