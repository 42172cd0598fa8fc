"""`demo_organisation_create`: plan the whole organisation, then write it in one transaction."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.db import transaction

from trellis.accounts.models import User
from trellis.people.demo.accounts import ORGANISER_EMAIL, create_named_accounts
from trellis.people.demo.profiles import Vocabulary, assign_names, assign_profiles, vocabulary_read
from trellis.people.demo.tree import Person, reporting_tree
from trellis.people.demo.writing import Progress, create_members, create_topic_links, create_users

MIN_MEMBERS = 30


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
    vocabulary = vocabulary_read(rng)
    people = _plan(rng, members, vocabulary)
    report("plan", len(people), len(people))
    phase_done("plan")
    user_ids = create_users(people, report)
    phase_done("users")
    member_ids = create_members(people, user_ids, report)
    phase_done("members")
    links = create_topic_links(people, member_ids, vocabulary, report)
    phase_done("topics")
    create_named_accounts(people, member_ids)
    report("named accounts", 3, 3)
    phase_done("named accounts")
    teams = len({p.team for p in people})
    return DemoReport(True, len(people) + 2, links, teams, tuple(phases))


def _plan(rng: random.Random, total: int, vocabulary: Vocabulary) -> list[Person]:
    """Everyone in the organisation, planned in pure Python from one seeded generator."""
    people = reporting_tree(rng, total)
    assign_names(rng, people)
    assign_profiles(rng, people, vocabulary)
    return people
