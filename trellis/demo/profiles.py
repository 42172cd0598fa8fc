"""Who the demo people are: names, e-mails, offices, languages and profile statements.

Statements are written the way people write them: canonical names, synonyms and
abbreviations from the loaded vocabulary, in many sentence shapes, with some
problems shared across teams so matching has something to find.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from trellis.demo.accounts import DEMO_DOMAIN
from trellis.demo.data import (
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
from trellis.demo.tree import Person
from trellis.people import selectors
from trellis.people.models import STATEMENT_FIELDS, Member, Topic, TopicAlias
from trellis.text.normalise import fold


@dataclass
class Vocabulary:
    """The loaded topics as people write them, grouped by area."""

    forms: dict[str, list[tuple[str, ...]]]  # slug -> (names, synonyms, abbreviations)
    by_area: dict[str, list[str]]  # area -> slugs, most popular first
    ids: dict[str, int]


def vocabulary_read(rng: random.Random) -> Vocabulary:
    """The loaded topics as people write them; `rng` decides which are popular."""
    # Sorted in Python: database collations differ, and the order must not.
    topics = sorted(Topic.objects.values_list("slug", "area", "id"))
    if not topics:
        raise ValueError("Load the topic vocabulary before seeding the demo organisation.")
    forms: dict[str, tuple[list[str], list[str], list[str]]] = {
        slug: ([], [], []) for slug, _, _ in topics
    }
    slot = {TopicAlias.Kind.NAME: 0, TopicAlias.Kind.SYNONYM: 1, TopicAlias.Kind.ABBREVIATION: 2}
    for slug, kind, text in sorted(TopicAlias.objects.values_list("topic__slug", "kind", "text")):
        forms[slug][slot[kind]].append(text)
    by_area: dict[str, list[str]] = defaultdict(list)
    for slug, area, _ in topics:
        if forms[slug][0]:
            by_area[area].append(slug)
    for slugs in by_area.values():
        rng.shuffle(slugs)  # the order decides which topics are popular
    return Vocabulary(
        forms={slug: [tuple(f) for f in kinds] for slug, kinds in forms.items()},
        by_area=dict(by_area),
        ids={slug: topic_id for slug, _, topic_id in topics},
    )


def _email_local(first: str, last: str) -> str:
    def clean(word: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", fold(word))

    return f"{clean(first)}.{clean(last)}"


def assign_names(rng: random.Random, people: list[Person]) -> None:
    """A name for everyone, and an e-mail made from it (numbered when it is taken)."""
    taken: dict[str, int] = {}
    for person in people:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES).replace("-", " ")
        person.name = f"{first} {last}"
        local = _email_local(first, last)
        n = taken[local] = taken.get(local, 0) + 1
        person.email = f"{local}{n if n > 1 else ''}@{DEMO_DOMAIN}"


def _shared_problems(rng: random.Random, vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Problems that people in several disciplines work on, by discipline."""
    matcher = selectors.topic_matcher()
    problems = [(text, ds.split()) for text, ds in SHARED_PROBLEMS if matcher.topics(text)]
    if len(problems) < 5:  # a vocabulary of other words: make problems from its topics
        everyone = list(DISCIPLINES)
        slugs = sorted(vocabulary.forms)
        for slug in rng.sample(slugs, min(8, len(slugs))):
            problems.append((f"our {vocabulary.forms[slug][0][0]} rollout", everyone))
    by_discipline: dict[str, list[str]] = defaultdict(list)
    for text, disciplines in problems:
        for discipline in disciplines:
            by_discipline[discipline].append(text)
    return by_discipline


def assign_profiles(rng: random.Random, people: list[Person], vocabulary: Vocabulary) -> None:
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
            **writer.statements(person, team_topics),
        }


def _status(rng: random.Random, person: Person) -> str:
    r = rng.random()
    if r < 0.03:
        return Member.Status.PAUSED
    if r < 0.05 and not person.reports:
        return Member.Status.LEFT
    return Member.Status.ACTIVE


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

    def clause(self, statement: str, areas: Sequence[str], team_topics: list[str]) -> str:
        rng = self.rng
        template = rng.choice(TEMPLATES[statement])
        cross = self.CROSS[statement]
        if team_topics and statement in {"working_on", "can_help_with"} and rng.random() < 0.4:
            slug = rng.choice(team_topics)
        else:
            slug = self.topic(areas, cross)
        text = template.replace("{t}", self.written(slug))
        if "{u}" in template:
            text = text.replace("{u}", self.written(self.topic(areas, cross)))
        return text

    def statements(self, person: Person, team_topics: list[str]) -> dict[str, str]:
        rng = self.rng
        areas = DISCIPLINES[person.discipline][1]
        if person.reports:
            areas = (*areas, "people-management")
        result = {}
        for statement in STATEMENT_FIELDS:
            if statement != "working_on" and rng.random() < 0.07:
                result[statement] = ""
                continue
            clauses = []
            problems = self.problems.get(person.discipline)
            if statement == "working_on" and problems and rng.random() < 0.25:
                problem = rng.choice(problems)
                clauses.append(rng.choice(SHARED_TEMPLATES).replace("{p}", problem))
            wanted = rng.choice((1, 1, 2, 2, 2, 3))
            while len(clauses) < wanted:
                clauses.append(self.clause(statement, areas, team_topics))
            result[statement] = self.join(clauses)
        return result

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
