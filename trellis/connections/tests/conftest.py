"""Connections for these tests; the people (Ana, Ben, Carla, Dev) are in the root conftest."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from trellis.connections import services
from trellis.connections.models import Intro, Relationship
from trellis.matching.tests.conftest import fake_engine  # noqa: F401 (matching's stand-in)

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
