"""Fixtures shared by every test: the vocabulary, and small named people."""

from __future__ import annotations

import itertools
import os

import pytest
from django.conf import settings

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.4 s a password; tests check behaviour, not key stretching."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def environment_restored():
    """Each test leaves the process environment as it found it: a command run in-process
    (`trellis demo` hands its host and address to the servers it starts that way) would
    otherwise change what later tests' subprocesses read."""
    before = dict(os.environ)
    yield
    if os.environ != before:
        os.environ.clear()
        os.environ.update(before)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped vocabulary once into the test database."""
    from trellis.people.services import vocabulary_load

    with django_db_blocker.unblock():
        vocabulary_load(path=settings.TOPICS_FILE, relink=False)


@pytest.fixture
def vocabulary_loaded(db) -> None:
    """The topic vocabulary, loaded again when a transactional test before this one
    flushed the database (a live server's tests are transactional)."""
    from trellis.people.models import Topic
    from trellis.people.services import vocabulary_load

    if not Topic.objects.exists():
        vocabulary_load(path=settings.TOPICS_FILE, relink=False)


@pytest.fixture
def make_member(db):
    """Create a member with a login; keyword arguments set profile fields."""
    from trellis.people.services import member_create

    def make(name: str | None = None, *, email: str | None = None, **profile):
        n = next(_counter)
        name = name or f"Member {n}"
        email = email or f"{name.lower().replace(' ', '.')}.{n}@example.org"
        profile.setdefault("password", "correct horse battery staple")
        return member_create(email=email, display_name=name, **profile)

    return make


@pytest.fixture
def ana(make_member):
    return make_member(
        "Ana Lima",
        email="ana@example.org",
        discipline="Engineering",
        team="Platform",
        working_on="Kubernetes upgrades, on-call load",
        can_help_with="Terraform, incident reviews",
        learning="Go",
    )


@pytest.fixture
def ben(make_member):
    return make_member(
        "Ben Okafor",
        email="ben@example.org",
        discipline="Design",
        team="Checkout",
        working_on="accessibility audit of the checkout",
        can_help_with="usability testing",
        learning="k8s",
    )


@pytest.fixture
def organiser(make_member):
    return make_member("Olga Organiser", email="olga@example.org", is_organiser=True)


@pytest.fixture
def carla(make_member):
    return make_member(
        "Carla Mendes",
        email="carla@example.org",
        discipline="Data",
        team="Insights",
        working_on="Kubernetes cost reports, data pipelines",
        can_help_with="Go, SQL",
        learning="Terraform",
    )


@pytest.fixture
def dev(make_member):
    return make_member(
        "Dev Patel",
        email="dev@example.org",
        discipline="Engineering",
        team="Payments",
        working_on="on-call load and incident reviews",
        can_help_with="accessibility, Kubernetes",
        learning="usability testing",
    )


@pytest.fixture
def ana_client(client, ana):
    client.force_login(ana.user)
    return client


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser.user)
    return client
