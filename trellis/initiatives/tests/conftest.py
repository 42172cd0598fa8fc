"""Initiatives for these tests. People (Ana, Ben, Carla, Dev, the organiser) come from
the root conftest: Carla leads, Ana volunteers, Ben and Dev look on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.connections.models import Intro, Relationship
from trellis.initiatives import services
from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
from trellis.notifications.models import Notification

PROBLEM = (
    "Nobody can say what each Kubernetes cluster costs, so teams over-provision. "
    "We want a weekly cost report per team."
)


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def make_initiative(carla):
    """An initiative (Carla leads it unless `lead` is given), open unless `publish=False`."""

    def make(lead=None, **fields):
        fields.setdefault("title", "Kubernetes cost reports")
        fields.setdefault("problem", PROBLEM)
        fields.setdefault("why_it_matters", "Cloud spend is our second-largest cost.")
        fields.setdefault("skills", "Go, Terraform, SQL, data pipelines")
        fields.setdefault("helpers_wanted", 2)
        fields.setdefault("time_ask", "2 hours a week for six weeks")
        fields.setdefault("ends_on", in_days(60))
        fields.setdefault("publish", True)
        return services.initiative_create(lead=lead or carla, **fields)

    return make


@pytest.fixture
def initiative(make_initiative) -> Initiative:
    """Carla's open initiative on Kubernetes cost reports."""
    return make_initiative()


@pytest.fixture
def draft(make_initiative) -> Initiative:
    return make_initiative(title="Retire the old billing cron", publish=False)


@pytest.fixture
def offer(initiative, ana) -> Volunteer:
    """Ana's offer to help with Carla's initiative, waiting for an answer."""
    return services.volunteer_offer(
        initiative=initiative,
        member=ana,
        brings="I wrote our Terraform modules for the clusters.",
        wants_to_learn="Go",
    )


@pytest.fixture
def on_team(offer, carla) -> Volunteer:
    """Ana, accepted onto Carla's team."""
    return services.volunteer_accept(volunteer=offer, lead=carla)


@pytest.fixture
def contribution(on_team, initiative, ana) -> Contribution:
    return services.contribution_log(
        initiative=initiative,
        member=ana,
        text="Wrote the Terraform that tags every node pool with its team.",
        link="https://git.example.org/infra/pull/42",
    )


def snapshot() -> list:
    """Every row of the initiatives tables and what they notify or start, as stored."""
    return [
        list(Initiative.objects.order_by("pk").values()),
        list(Initiative.topics.through.objects.order_by("pk").values()),
        list(Volunteer.objects.order_by("pk").values()),
        list(Contribution.objects.order_by("pk").values()),
        list(Observation.objects.order_by("pk").values()),
        list(Notification.objects.order_by("pk").values()),
        list(Intro.objects.order_by("pk").values()),
        list(Relationship.objects.order_by("pk").values()),
    ]
