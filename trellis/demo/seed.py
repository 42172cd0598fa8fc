"""`demo_organisation_create`: plan the whole organisation, then write it in one transaction."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from trellis.accounts.models import User
from trellis.community.models import Post, TopicFollow
from trellis.connections.models import Exchange, Intro, Reflection, Relationship
from trellis.demo.accounts import DEMO_DOMAIN, ORGANISER_EMAIL, create_named_accounts
from trellis.demo.history import create_suggestions
from trellis.demo.initiative_story import create_member_initiatives
from trellis.demo.initiatives import plan_initiatives
from trellis.demo.initiatives_writing import InitiativesReport, create_initiatives
from trellis.demo.network import plan_network
from trellis.demo.network_writing import NetworkReport, create_network
from trellis.demo.posts import create_member_posts, create_posts, member_follows, plan_posts
from trellis.demo.story import create_member_story
from trellis.demo.writing import Progress, create_members, create_topic_links, create_users
from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
from trellis.matching.engine.synthetic import Vocabulary, plan_organisation
from trellis.notifications.models import Notification
from trellis.people.models import Topic
from trellis.people.selectors import vocabulary_entries
from trellis.text.vocabulary import TopicEntry

MIN_MEMBERS = 30
Kind = Notification.Kind
INITIATIVE_KINDS = (
    Kind.VOLUNTEER_OFFERED,
    Kind.VOLUNTEER_ACCEPTED,
    Kind.VOLUNTEER_DECLINED,
    Kind.INITIATIVE_DONE,
    Kind.OBSERVATION_RECEIVED,
)


@dataclass(frozen=True)
class DemoReport:
    """What seeding the demo organisation did, and how long each phase took."""

    created: bool
    members: int = 0
    topic_links: int = 0
    teams: int = 0
    phases: tuple[tuple[str, float], ...] = ()
    network: NetworkReport = field(default_factory=NetworkReport)
    initiatives: InitiativesReport = field(default_factory=InitiativesReport)

    @property
    def seconds(self) -> float:
        return sum(seconds for _, seconds in self.phases)


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
    vocabulary = Vocabulary.from_entries(_loaded_vocabulary(), rng)
    people = plan_organisation(rng, members, vocabulary, domain=DEMO_DOMAIN)
    report("plan", len(people), len(people))
    phase_done("plan")
    user_ids = create_users(people, report)
    phase_done("users")
    member_ids = create_members(people, user_ids, report)
    phase_done("members")
    links = create_topic_links(people, member_ids, report)
    phase_done("topics")
    create_named_accounts(people, member_ids)
    report("named accounts", 3, 3)
    phase_done("named accounts")
    now = timezone.now()
    network = _network(rng, people, member_ids, now, report, phase_done)
    initiatives = _initiatives(rng, people, member_ids, now, report, phase_done)
    teams = len({p.team for p in people})
    return DemoReport(True, len(people) + 2, links, teams, tuple(phases), network, initiatives)


def _network(rng, people, member_ids, now, report, phase_done) -> NetworkReport:
    """The demo member's story through the services, then everyone else's in bulk; then posts."""
    cast = create_member_story(rng, people, member_ids, now=now)
    report("the demo member's story", 1, 1)
    phase_done("member's story")
    topic_names = dict(Topic.objects.values_list("id", "name"))
    plan = plan_network(rng, people, excluded=cast, topic_names=topic_names)
    phase_done("network plan")
    names = [person.name for person in people]
    suggestions = create_suggestions(rng, plan, member_ids, names, now=now)
    report("past rounds and recommendations", 1, 1)
    phase_done("past suggestions")
    create_network(plan, member_ids, now=now, report=report, suggestions=suggestions)
    phase_done("network")
    member, followed = member_follows()
    create_member_posts(member, followed, now=now)
    favoured = tuple(topic.pk for topic in followed)
    posts = plan_posts(rng, people, names=topic_names, favoured=favoured)
    create_posts(posts, member_ids, now=now, report=report)
    phase_done("posts")
    return NetworkReport(
        *(
            model.objects.count()
            for model in (
                Relationship,
                Intro,
                Exchange,
                Reflection,
                Notification,
                Post,
                TopicFollow,
            )
        )
    )


def _initiatives(rng, people, member_ids, now, report, phase_done) -> InitiativesReport:
    """The demo member's initiatives through the services, then everyone else's in bulk."""
    create_member_initiatives(people, member_ids, now=now)
    report("the demo member's initiatives", 1, 1)
    phase_done("member's initiatives")
    topic_names = dict(Topic.objects.values_list("id", "name"))
    plan = plan_initiatives(rng, people, topic_names=topic_names)
    create_initiatives(plan, member_ids, now=now, report=report)
    phase_done("initiatives")
    return InitiativesReport(
        *(model.objects.count() for model in (Initiative, Volunteer, Contribution, Observation)),
        Notification.objects.filter(kind__in=INITIATIVE_KINDS).count(),
    )


def _loaded_vocabulary() -> list[TopicEntry]:
    entries = vocabulary_entries()
    if not entries:
        raise ValueError("Load the topic vocabulary before seeding the demo organisation.")
    return entries
