"""The demo organisation: a realistic, deterministic network to try Trellis on.

`demo_organisation_create` builds a whole company in one transaction: a reporting
tree with realistic spans, disciplines and named teams, levels, time zones and
languages, and profile statements written the way people write them (canonical
names, synonyms and abbreviations from the loaded vocabulary, many sentence
shapes), with some problems shared across teams so matching has something to
find. The same seed always gives the same organisation.

It is written for speed (100,000 members in well under two minutes on SQLite):
everyone but the named demo accounts is bulk-created, level by level of the
tree, and their topic links are computed once per distinct statement text.
"""

from __future__ import annotations

import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from trellis.accounts.models import User
from trellis.people import selectors
from trellis.people.models import STATEMENT_FIELDS, Member, ProfileTopic, Topic, TopicAlias
from trellis.people.services import member_create
from trellis.text.normalise import fold

DEMO_DOMAIN = "demo.trellis.test"
DEMO_PASSWORD = "trellis-demo-garden"
MEMBER_EMAIL = f"member@{DEMO_DOMAIN}"
ORGANISER_EMAIL = f"organiser@{DEMO_DOMAIN}"
ADMIN_EMAIL = f"admin@{DEMO_DOMAIN}"
MIN_MEMBERS = 30
BATCH_SIZE = 4000

Progress = Callable[[str, int, int], None]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Discipline: (share of the organisation in %, vocabulary areas its people write about).
DISCIPLINES: dict[str, tuple[int, tuple[str, ...]]] = {
    "Engineering": (28, ("engineering", "infrastructure", "security")),
    "Data": (8, ("data", "engineering")),
    "Design": (6, ("design", "research", "communication")),
    "Product": (7, ("product", "design", "data")),
    "Research": (3, ("research", "data")),
    "Marketing": (8, ("marketing", "communication")),
    "Sales": (14, ("sales", "communication")),
    "Operations": (10, ("operations", "infrastructure", "finance")),
    "Finance": (5, ("finance", "data")),
    "Legal": (3, ("legal", "security")),
    "People": (8, ("people-management", "communication")),
}
# The head's reports: (group, the group lead's discipline, the disciplines it holds).
GROUPS = (
    ("Technology", "Engineering", ("Engineering", "Data", "Research")),
    ("Product", "Product", ("Product", "Design")),
    ("Go-to-market", "Sales", ("Marketing", "Sales")),
    ("Operations", "Operations", ("Operations", "Finance", "Legal", "People")),
)
TEAM_NAMES = {
    "Engineering": "Platform Checkout Growth Payments Search Mobile Identity Messaging Billing "
    "Reliability Developer-Experience Storefront Integrations Notifications Core-Services",
    "Data": "Analytics Insights Data-Platform Experimentation Forecasting Machine-Learning "
    "Reporting Data-Quality",
    "Design": "Design-Systems Brand Product-Design Content-Design UX-Writing Accessibility",
    "Product": "Core-Product Growth-Product Payments-Product Marketplace Onboarding Retention",
    "Research": "User-Research Applied-Research Market-Research Research-Ops",
    "Marketing": "Brand-Marketing Demand-Generation Lifecycle Content Community Partnerships "
    "Product-Marketing",
    "Sales": "Enterprise Mid-Market SMB Sales-Engineering Renewals Channel Sales-Operations",
    "Operations": "Customer-Support Fulfilment Procurement Facilities IT Business-Operations "
    "Trust-and-Safety",
    "Finance": "FP&A Accounting Tax Treasury Payroll Revenue-Operations",
    "Legal": "Commercial-Legal Privacy Compliance Employment-Law Corporate",
    "People": "Talent-Acquisition People-Partners Learning-and-Development Total-Rewards "
    "People-Operations Workplace",
}
TEAM_QUALIFIERS = _words(
    "Core Foundations Tooling Edge API Experience Insights Enablement Automation Delivery "
    "Discovery EMEA Americas APAC Web Apps Quality Intake Scale Labs"
)
FIRST_NAMES = _words(
    "Ana Ben Chloé Dmitri Ebony Farah Gabriel Hana Ibrahim Jana Kofi Lena Mateo Nadia Oluwaseun "
    "Priya Quentin Rosa Sven Tariq Uma Viktor Wen Ximena Yusuf Zara Aiko Bruno Carmen Diego "
    "Elif Fatima Grace Hiro Isla Jonas Kavya Liam Maya Nikolai Omar Paula Rahul Sofia Tomás "
    "Umar Valentina William Yara Zoltan Amara Björn Camille Daniel Emeka Freya Giulia Hamza "
    "Ingrid Javier Keiko Leila Marcus Naledi Oscar Pooja Rania Samuel Thandiwe Ugo Vera "
    "Wiktoria Xavier Yasmin Zeynep Adebayo Beatriz Chen Daria Erik Femi Ha-eun Ishaan Jin "
    "Kwame Lucía Mei Niamh Olga Pedro Rachel Siddharth Tove Ulla Vikram Wanjiru Yosef Alice "
    "Bilal Clara David Esther Felix Hugo Irene Joseph Katarzyna Lars Miriam Noah Ophelia Ravi "
    "Sara Teodor Anjali Chidi Elena Kenji Malik Nour Sipho Astrid Luca Mariana Tunde Zainab"
)
LAST_NAMES = _words(
    "Lima Okafor Müller Ivanova Johnson Haddad Silva Kowalski Nakamura Adeyemi Fernández "
    "Nguyen Patel Rossi Andersson Khan Dubois García Mensah O'Brien Schmidt Tanaka Yilmaz "
    "Cohen Ochieng Santos Novak Kim Martínez Jensen Abara Sharma Costa Larsen Petrov Ahmed "
    "Moreau Wang Hughes Bianchi Oyelaran Fischer Reyes Lindqvist Chatterjee Kaur Mazur Sato "
    "Boateng Herrera Dimitriou Clarke Horvat Suzuki Wójcik Nwosu Eriksson Morales Van-Dijk "
    "Banerjee Kariuki Popescu Ibarra Zhang Murphy Dlamini Hoffmann Gonzaga Ali Walsh Lopes "
    "Friedman Chen Mwangi Ortiz Bauer Osei Castillo Tran Yamamoto Nowak Jovanović Rahman "
    "Svensson Park Ferrari Achebe Brennan Kuznetsova Aydin Torres Gupta Keller Obi Nilsen "
    "Carvalho Hassan Li Stewart Kruger Romero Varga Iyer Eze Lund Marin Alvarez Sun Bakker"
)
BACKGROUNDS = _words(
    "physics mathematics teaching startups open-source military music healthcare "
    "career-changer journalism consulting academia retail hospitality banking bootcamp "
    "self-taught non-profit gaming biology law architecture sports-coaching public-sector "
    "philosophy film first-generation-graduate parent"
)
# A time zone and the local languages people there often speak besides English.
OFFICES = (
    ("Europe/London", ()),
    ("Europe/Berlin", ("German",)),
    ("Europe/Paris", ("French",)),
    ("Europe/Madrid", ("Spanish", "Catalan")),
    ("Europe/Lisbon", ("Portuguese",)),
    ("Europe/Warsaw", ("Polish",)),
    ("America/New_York", ("Spanish",)),
    ("America/Chicago", ()),
    ("America/Los_Angeles", ("Spanish",)),
    ("America/Sao_Paulo", ("Portuguese",)),
    ("America/Mexico_City", ("Spanish",)),
    ("Africa/Lagos", ("Yoruba", "Igbo")),
    ("Africa/Nairobi", ("Swahili",)),
    ("Asia/Kolkata", ("Hindi", "Tamil")),
    ("Asia/Singapore", ("Mandarin", "Malay")),
    ("Asia/Tokyo", ("Japanese",)),
    ("Australia/Sydney", ()),
)
OFFICE_WEIGHTS = (18, 10, 6, 5, 5, 4, 14, 5, 9, 5, 3, 4, 3, 8, 4, 3, 4)

# Sentence shapes for each statement; {t} and {u} are topics as a person writes them.
TEMPLATES = {
    "working_on": (
        "{t}",
        "migrating our {t} setup",
        "getting our {t} under control",
        "our {t} keeps breaking",
        "rolling out {t} across the team",
        "cleaning up years of {t} debt",
        "a proposal to replace {t} with {u}",
        "{t} and {u}",
        "making {t} less painful for everyone",
        "a first version of {t} for a new market",
        "untangling {t} from {u}",
        "measuring whether {t} actually helps",
        "writing the playbook for {t}",
        "{t}, mostly firefighting",
        "scaling {t} to the next order of magnitude",
        "an audit of our {t}",
        "building dashboards for {t}",
        "hiring for {t}",
        "moving off our legacy {t}",
        "automating the boring parts of {t}",
        "getting {t} and {u} to talk to each other",
        "our {t} backlog",
        "next quarter's goals around {t}",
        "a pilot of {t} with two teams",
    ),
    "curious_about": (
        "{t}",
        "how other teams do {t}",
        "whether {t} would help us",
        "what {t} looks like at scale",
        "{t}, mostly out of curiosity",
        "the history of {t}",
        "{t} vs {u}",
        "where {t} is heading",
        "how {t} works under the hood",
        "anything about {t}",
        "why {t} is so hard to get right",
        "good books on {t}",
        "{t} in other industries",
        "how people combine {t} with {u}",
    ),
    "can_help_with": (
        "{t}",
        "reviewing {t} work",
        "pairing on {t}",
        "I've done a lot of {t}",
        "{t} (years of it at my last job)",
        "debugging {t}",
        "explaining {t} to non-specialists",
        "{t} and {u}",
        "setting up {t} from scratch",
        "interview prep for {t} roles",
        "a second pair of eyes on {t}",
        "lessons from a messy {t} rollout",
        "helping people new to {t}",
        "running workshops on {t}",
    ),
    "learning": (
        "{t}",
        "getting better at {t}",
        "{t} basics",
        "trying to understand {t}",
        "a course on {t}",
        "{t}, slowly",
        "going deeper into {t}",
        "practical {t}",
        "how to do {t} properly",
        "{t} from first principles",
        "{t} for a side project",
        "{t}, with a study group",
    ),
}
SHARED_TEMPLATES = (
    "{p}",
    "{p}, with people from other teams",
    "helping with {p}",
    "{p} (cross-team)",
    "a working group on {p}",
)
JOINERS = (", ", "; ", " and ", "\n", ". ")
FILLERS = (
    "Happy to chat.",
    "Ask me anything.",
    "Always up for pairing.",
    "Coffee chats welcome.",
    "Still figuring this out.",
    "Slowly!",
    "Would love pointers.",
)
# Problems several teams have at once. Only those the loaded vocabulary
# recognises are used; the disciplines are the ones that run into them.
SHARED_PROBLEMS = (
    ("migrating to Kubernetes", "Engineering Data Operations"),
    ("accessibility of our forms", "Design Engineering Product Legal"),
    ("forecasting churn", "Data Product Marketing Finance Sales"),
    ("churn reduction for enterprise customers", "Product Marketing Sales Data"),
    ("GDPR data subject requests", "Legal Engineering Data People"),
    ("new hire onboarding that takes weeks, not months", "People Engineering Operations Sales"),
    ("pricing experiments", "Product Marketing Finance Sales Data"),
    ("our incident response process", "Engineering Operations Legal"),
    ("setting OKRs that people actually use", "Product People Operations Finance"),
    ("cloud cost optimisation", "Engineering Finance Operations"),
    ("one design system for the whole company", "Design Engineering Product Marketing"),
    ("user interviews for the new onboarding", "Research Design Product Marketing"),
    ("SOC 2 audit preparation", "Legal Engineering Operations Finance"),
    ("A/B testing the signup flow", "Product Marketing Data Design"),
    ("retention analysis for the new plans", "Marketing Sales Data Product"),
    ("demand forecasting", "Operations Finance Data"),
    ("a support assistant built on large language models", "Engineering Data Operations Product"),
    ("sales forecasting", "Sales Finance Data"),
    ("data quality in our ETL pipelines", "Data Engineering Finance"),
    ("security awareness training", "Legal People Engineering"),
    ("writing better documentation", "Engineering Product Research"),
    ("performance reviews that are fair", "People Engineering Sales Operations"),
)


@dataclass(frozen=True)
class DemoReport:
    """What seeding the demo organisation did, and how long each phase took."""

    created: bool
    members: int = 0
    topic_links: int = 0
    teams: int = 0
    phases: tuple[tuple[str, float], ...] = ()

    @property
    def seconds(self) -> float:
        return sum(seconds for _, seconds in self.phases)


@dataclass(slots=True)
class _Person:
    """One planned member, before anything is written."""

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


@dataclass
class _Vocabulary:
    """The loaded topics as people write them, grouped by area."""

    forms: dict[str, list[tuple[str, ...]]]  # slug -> (names, synonyms, abbreviations)
    by_area: dict[str, list[str]]  # area -> slugs, most popular first
    ids: dict[str, int]


def demo_organisation_exists() -> bool:
    """Whether the demo organisation was already seeded (its organiser exists)."""
    return User.objects.filter(email=ORGANISER_EMAIL).exists()


@transaction.atomic
def demo_organisation_create(
    *, members: int = 300, seed: int = 42, progress: Progress | None = None
) -> DemoReport:
    """Seed the demo organisation once: `members` people plus the named demo accounts.

    Does nothing when it exists already. Needs the vocabulary to be loaded.
    """
    if members < MIN_MEMBERS:
        raise ValueError(f"The demo organisation needs at least {MIN_MEMBERS} members.")
    if demo_organisation_exists():
        return DemoReport(created=False)
    report = progress or (lambda phase, done, total: None)
    phases: list[tuple[str, float]] = []
    started = time.perf_counter()

    def phase_done(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        phases.append((name, now - started))
        started = now

    rng = random.Random(seed)
    vocabulary = _vocabulary(rng)
    people = _plan(rng, members, vocabulary)
    report("plan", len(people), len(people))
    phase_done("plan")
    user_ids = _create_users(people, report)
    phase_done("users")
    member_ids = _create_members(people, user_ids, report)
    phase_done("members")
    links = _create_topic_links(people, member_ids, vocabulary, report)
    phase_done("topics")
    _create_named_accounts(people, member_ids)
    report("named accounts", 3, 3)
    phase_done("named accounts")
    teams = len({p.team for p in people})
    return DemoReport(True, len(people) + 2, links, teams, tuple(phases))


# Planning: pure Python, driven by one seeded random generator.


def _vocabulary(rng: random.Random) -> _Vocabulary:
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
    return _Vocabulary(
        forms={slug: [tuple(f) for f in kinds] for slug, kinds in forms.items()},
        by_area=dict(by_area),
        ids={slug: topic_id for slug, _, topic_id in topics},
    )


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


def _plan(rng: random.Random, total: int, vocabulary: _Vocabulary) -> list[_Person]:
    people = [_Person(parent=None, depth=0, discipline="Product")]
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
    _assign_names(rng, people)
    _assign_profiles(rng, people, vocabulary)
    return people


def _add(people: list[_Person], parent: int, discipline: str) -> int:
    people.append(_Person(parent=parent, depth=people[parent].depth + 1, discipline=discipline))
    people[parent].reports.append(len(people) - 1)
    return len(people) - 1


def _fill(rng: random.Random, people: list[_Person], root: int, below: int) -> None:
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


def _name_teams(rng: random.Random, people: list[_Person]) -> None:
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


def _assign_levels(rng: random.Random, people: list[_Person]) -> None:
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


def _email_local(first: str, last: str) -> str:
    def clean(word: str) -> str:
        return re.sub(r"[^a-z0-9]+", "", fold(word))

    return f"{clean(first)}.{clean(last)}"


def _assign_names(rng: random.Random, people: list[_Person]) -> None:
    taken: dict[str, int] = {}
    for person in people:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES).replace("-", " ")
        person.name = f"{first} {last}"
        local = _email_local(first, last)
        n = taken[local] = taken.get(local, 0) + 1
        person.email = f"{local}{n if n > 1 else ''}@{DEMO_DOMAIN}"


def _shared_problems(rng: random.Random, vocabulary: _Vocabulary) -> dict[str, list[str]]:
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


def _assign_profiles(rng: random.Random, people: list[_Person], vocabulary: _Vocabulary) -> None:
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


def _status(rng: random.Random, person: _Person) -> str:
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

    def __init__(self, rng: random.Random, vocabulary: _Vocabulary, problems):
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

    def statements(self, person: _Person, team_topics: list[str]) -> dict[str, str]:
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


# Writing: bulk inserts, parents before their reports.


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _create_users(people: list[_Person], report: Progress) -> list[int]:
    now = timezone.now()
    users = [User(email=p.email, password=make_password(None), date_joined=now) for p in people]
    done = 0
    for chunk in _chunks(users, BATCH_SIZE):
        User.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
        done += len(chunk)
        report("users", done, len(users))
    return [user.pk for user in users]


def _create_members(people: list[_Person], user_ids: list[int], report: Progress) -> list[int]:
    """Create the members level by level, so every manager row exists before its reports."""
    member_ids = [0] * len(people)
    by_depth: dict[int, list[int]] = defaultdict(list)
    for i, person in enumerate(people):
        by_depth[person.depth].append(i)
    done = 0
    for depth in sorted(by_depth):
        for chunk in _chunks(by_depth[depth], BATCH_SIZE):
            rows = [_member_row(people[i], user_ids[i], member_ids) for i in chunk]
            Member.objects.bulk_create(rows, batch_size=BATCH_SIZE)
            for i, row in zip(chunk, rows, strict=True):
                member_ids[i] = row.pk
            done += len(chunk)
            report("members", done, len(people))
    return member_ids


def _member_row(person: _Person, user_id: int, member_ids: list[int]) -> Member:
    member = Member(
        user_id=user_id,
        manager_id=None if person.parent is None else member_ids[person.parent],
        display_name=person.name,
        discipline=person.discipline,
        team=person.team,
        level=person.level,
        **person.profile,
    )
    member.clean()  # fills the fields the model derives (the search form of the name)
    return member


def _create_topic_links(
    people: list[_Person], member_ids: list[int], vocabulary: _Vocabulary, report: Progress
) -> int:
    """Link every statement to the topics the matcher finds in it, once per distinct text."""
    matcher = selectors.topic_matcher()
    found: dict[str, tuple[int, ...]] = {}
    rows: list[tuple[int, int, str]] = []
    written = 0
    for i, person in enumerate(people):
        for statement in STATEMENT_FIELDS:
            text = person.profile[statement]
            topic_ids = found.get(text)
            if topic_ids is None:
                slugs = matcher.topics(text)
                topic_ids = found[text] = tuple(vocabulary.ids[s] for s in slugs)
            rows += [(member_ids[i], topic_id, statement) for topic_id in topic_ids]
        if len(rows) >= BATCH_SIZE or i == len(people) - 1:
            _insert_topic_links(rows)
            written += len(rows)
            rows = []
            report("topics", i + 1, len(people))
    return written


def _insert_topic_links(rows: list[tuple[int, int, str]]) -> None:
    """Insert (member id, topic id, statement) rows, many to a statement.

    Plain parametrised multi-row INSERTs: several times faster than bulk_create
    for these three columns, on SQLite and PostgreSQL alike.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(ProfileTopic._meta.get_field(name).column)
        for name in ("member", "topic", "statement")
    )
    insert = f"INSERT INTO {quote(ProfileTopic._meta.db_table)} ({columns}) VALUES "
    per_statement = min(1000, (connection.features.max_query_params or 3000) // 3)
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, per_statement):
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            cursor.execute(insert + values, [value for row in chunk for value in row])


# The named accounts people sign in with: complete profiles, real passwords.

DEMO_MEMBER_PROFILE = {
    "display_name": "Noor Haddad",
    "discipline": "Engineering",
    "level": 3,
    "timezone": "Europe/London",
    "languages": ["English", "Arabic", "French"],
    "background": ["physics", "teaching"],
    "capacity": 2,
    "working_on": "Migrating to Kubernetes; our CI/CD pipelines keep breaking, "
    "and accessibility of our forms with the design team",
    "curious_about": "how the data team is forecasting churn, technical writing, LLM evals",
    "can_help_with": "Terraform, post-incident reviews, Python",
    "learning": "Go, getting better at a11y audits, public speaking",
}
DEMO_ORGANISER_PROFILE = {
    "display_name": "Tomás Ferreira",
    "discipline": "People",
    "level": 4,
    "timezone": "Europe/Lisbon",
    "languages": ["English", "Portuguese", "Spanish"],
    "background": ["career-changer", "music"],
    "capacity": 3,
    "working_on": "New hire onboarding that takes weeks, not months; peer mentoring people "
    "actually want, performance reviews that are fair",
    "curious_about": "how engineers run blameless postmortems, user interviews",
    "can_help_with": "coaching conversations, workshop facilitation, giving feedback",
    "learning": "SQL for HR dashboards, data visualization",
}


def _first_team_lead(people: list[_Person], discipline: str) -> int:
    """The first manager in `discipline` whose reports are all ICs (else its director)."""
    for i, person in enumerate(people):
        leads_ics = person.reports and not any(people[r].reports for r in person.reports)
        if person.discipline == discipline and person.depth >= 3 and leads_ics:
            return i
    return next(i for i, p in enumerate(people) if p.depth == 2 and p.discipline == discipline)


def _create_named_accounts(people: list[_Person], member_ids: list[int]) -> None:
    for email, profile, is_organiser in (
        (MEMBER_EMAIL, DEMO_MEMBER_PROFILE, False),
        (ORGANISER_EMAIL, DEMO_ORGANISER_PROFILE, True),
    ):
        lead = _first_team_lead(people, profile["discipline"])
        member_create(
            email=email,
            password=DEMO_PASSWORD,
            is_organiser=is_organiser,
            manager=Member.objects.get(pk=member_ids[lead]),
            team=people[lead].team,
            **profile,
        )
    User.objects.create_superuser(ADMIN_EMAIL, DEMO_PASSWORD)
