"""Initiatives with milestones for the feed tests. Carla leads "Kubernetes cost reports"
with Ana on its team; Dev leads another; Ben is on no team; Olga is the organiser."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from trellis.initiatives import services as initiatives

PLANTED = {
    "volunteer note": "PLANTED-BRINGS-4410",
    "decline reason or private note": "PLANTED-WANTS-9921",
    "contribution": "PLANTED-CONTRIBUTION-7313",
    "observation": "PLANTED-OBSERVATION-2208",
    "reflection": "PLANTED-REFLECTION-6650",
    "intro message": "PLANTED-INTRO-1187",
    "problem": "PLANTED-PROBLEM-3032",
}


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def feeds_on(settings):
    settings.CALENDAR_FEEDS = True
    settings.SITE_URL = "https://trellis.example.org"
    return settings


@pytest.fixture
def make_initiative():
    def make(lead, title, *, publish=True, days=60, milestones=()):
        initiative = initiatives.initiative_create(
            lead=lead,
            title=title,
            problem=f"{PLANTED['problem']} nobody knows what it costs.",
            ends_on=in_days(days),
            publish=publish,
        )
        for step, (name, day) in enumerate(milestones):
            initiatives.milestone_add(
                initiative=initiative,
                member=lead,
                title=name,
                due_on=in_days(day),
                note=f"Public note {step}." if step == 0 else "",
            )
        return initiative

    return make


@pytest.fixture
def costs(make_initiative, carla, ana):
    """Carla's open initiative, with Ana accepted onto the team and two milestones."""
    initiative = make_initiative(
        carla,
        "Kubernetes cost reports",
        milestones=[("Cost query reviewed", 10), ("First weekly report sent", 30)],
    )
    offer = initiatives.volunteer_offer(
        initiative=initiative,
        member=ana,
        brings=PLANTED["volunteer note"],
        wants_to_learn=PLANTED["decline reason or private note"],
    )
    initiatives.volunteer_accept(volunteer=offer, lead=carla)
    initiatives.contribution_log(initiative=initiative, member=ana, text=PLANTED["contribution"])
    return initiative


@pytest.fixture
def payments(make_initiative, dev):
    """Dev's open initiative, which Ana is not on."""
    return make_initiative(dev, "Retire the payments batch job", milestones=[("Dry run", 5)])
