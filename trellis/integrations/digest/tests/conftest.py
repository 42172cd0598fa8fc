"""The digest's world: digests switched on, mail kept in Django's locmem outbox, and two
members (Ana, Ben) with something of their own in each section, next to private words
planted where a digest must never look."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from trellis.community.services import post_create, topic_follow
from trellis.connections import services as connections
from trellis.initiatives.models import InitiativeFit, InitiativeFitList
from trellis.initiatives.services import initiative_create
from trellis.matching.models import HelperList, PossibleHelper
from trellis.people.models import Member, Topic

SITE = "https://trellis.example.org"
# Words that live only in private places: none may ever appear in a digest.
SECRETS = ("SECRET-INTRO-MESSAGE", "SECRET-DECLINE-REASON", "SECRET-DRAFT-MESSAGE")


def grounded(secret: str = "") -> str:
    """An intro message the ask linter lets through, carrying `secret`."""
    return (
        "Hi, I saw you're learning Terraform; I'm in the middle of Kubernetes upgrades and "
        f"can share our checklist. {secret} What part is the most confusing so far?"
    )


@pytest.fixture(autouse=True)
def digests_on(settings):
    settings.DIGEST_ENABLED = True
    settings.DIGEST_WEEKDAY = 0
    settings.DIGEST_BATCH_SIZE = 50
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def helpers_stored(member: Member, *helpers: Member) -> None:
    """Who could help `member`, as the background worker would have stored it."""
    helper_list = HelperList.objects.create(
        about="member", member=member, computed_at=timezone.now()
    )
    for position, helper in enumerate(helpers, start=1):
        PossibleHelper.objects.create(
            helper_list=helper_list,
            helper=helper,
            position=position,
            score=1.0 / position,
            explanation=f"{helper.display_name} can help with what {member.display_name} learns.",
        )


def fit_stored(member: Member, *initiatives) -> None:
    """The initiatives that fit `member`, as the background worker would have stored them."""
    InitiativeFitList.objects.create(member=member, computed_at=timezone.now())
    for position, initiative in enumerate(initiatives, start=1):
        InitiativeFit.objects.create(
            member=member,
            initiative=initiative,
            position=position,
            score=0.9,
            helps=0.5,
            learns=0.5,
            shared=0.5,
            reason=f"It needs what {member.display_name} offers.",
        )


@dataclass
class World:
    ana: Member
    ben: Member
    carla: Member
    dev: Member
    hana: Member
    ivo: Member


@pytest.fixture
def world(ana, ben, carla, dev, make_member) -> World:
    """Ana and Ben, each with their own intro waiting, helpers, followed-topic news and a
    fitting initiative; private words planted around them."""
    connections.intro_send(sender=carla, recipient=ana, message=grounded(SECRETS[0]))
    connections.intro_send(sender=dev, recipient=ben, message=grounded(SECRETS[0]))
    declined = connections.intro_send(sender=dev, recipient=ana, message=grounded())
    connections.intro_decline(intro=declined, member=ana, reason=SECRETS[1])
    connections.intro_draft(sender=ben, recipient=carla, message=grounded(SECRETS[2]))
    hana = make_member("Hana Helper", can_help_with="Go")
    ivo = make_member("Ivo Helper", can_help_with="Kubernetes")
    helpers_stored(ana, hana)
    helpers_stored(ben, ivo)
    topic_follow(member=ana, topic=Topic.objects.get(name="Terraform"))
    topic_follow(member=ben, topic=Topic.objects.get(name="Kubernetes"))
    post_create(author=dev, title="Terraform state locking in CI", body="We use Terraform.")
    post_create(author=carla, title="Kubernetes upgrade notes", body="Kubernetes upgrades.")
    ends = timezone.localdate() + timedelta(days=60)
    cost = initiative_create(
        lead=carla, title="Cloud cost reports", problem="Costs.", ends_on=ends, publish=True
    )
    audit = initiative_create(
        lead=dev, title="Checkout accessibility", problem="Audit.", ends_on=ends, publish=True
    )
    fit_stored(ana, cost)
    fit_stored(ben, audit)
    mail.outbox.clear()
    return World(ana, ben, carla, dev, hana, ivo)
