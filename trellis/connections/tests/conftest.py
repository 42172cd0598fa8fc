"""People and connections for these tests: Ana and Ben (root conftest), Carla and Dev."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from trellis.connections import services
from trellis.connections.models import Intro, Relationship


@pytest.fixture
def fake_engine(monkeypatch):
    """matching's stand-in engine: pairs neighbours, honours `blocked`, records its calls."""
    from trellis.matching.engine import pipeline, review
    from trellis.matching.tests.conftest import FakeEngine

    engine = FakeEngine()
    monkeypatch.setattr(pipeline, "run_round", engine.run_round)
    monkeypatch.setattr(pipeline, "recommend", engine.recommend)
    monkeypatch.setattr(review, "compare_with_baselines", engine.compare_with_baselines)
    return engine


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


GROUNDED = (
    "Hi Ben, I saw you're learning k8s; I'm in the middle of Kubernetes upgrades. "
    "I can share our upgrade checklist. What part of Kubernetes is the most confusing so far?"
)


@pytest.fixture
def sent_intro(ana, ben) -> Intro:
    """Ana's grounded intro to Ben, waiting for his answer."""
    return services.intro_send(sender=ana, recipient=ben, message=GROUNDED)


@pytest.fixture
def relationship(sent_intro, ben) -> Relationship:
    """Ana and Ben, after Ben accepted Ana's intro."""
    return services.intro_accept(intro=sent_intro, member=ben)


def days_ago(days: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def record(relationship, author, *, shared="", learned="", day=None, **extra):
    """An exchange by `author`, dated `day` (today by default)."""
    return services.exchange_record(
        relationship=relationship,
        author=author,
        date=day or timezone.localdate(),
        what_i_shared=shared,
        what_i_learned=learned,
        **extra,
    )
