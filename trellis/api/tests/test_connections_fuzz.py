"""schemathesis over the connections operations with something to act on.

The site-wide fuzzing (`test_schema_fuzz.py`) calls as members with nothing of their own,
so every id it tries is someone else's or nobody's. Here the caller has intros sent and
received, a relationship with exchanges and a proposed time, a reflection, suggestions,
a recommendation and people who could help them, made first so that they take the
smallest ids (the ones generated most often): the answers that read and change real
objects are checked against the schema too. A stranger to all of it fuzzes alongside.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone

from trellis.accounts.access_tokens import token_create
from trellis.api.tests.test_schema_fuzz import fuzz, operations
from trellis.connections import services
from trellis.matching.models import HelperList, PossibleHelper, Round, Suggestion
from trellis.people.models import Topic

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TAGS = {"suggestions", "intros", "relationships", "reflections"}
EXAMPLES = 25


def _pair(one, other) -> dict:
    a, b = sorted((one, other), key=lambda m: m.pk)
    return {"member_a": a, "member_b": b}


def _seed(ana, ben, carla, dev) -> None:
    """Everything the fuzzing member (Ana) may read and act on."""
    services.intro_send(sender=ben, recipient=ana, message="Hi Ana, what is on-call like?")
    services.intro_send(sender=ana, recipient=carla, message="Hi Carla, how do you cost k8s?")
    services.intro_draft(sender=ana, recipient=ben, message="A draft to Ben")
    intro = services.intro_send(sender=dev, recipient=ana, message="Hi Ana, incident reviews?")
    relationship = services.intro_accept(intro=intro, member=ana)
    exchange = services.exchange_record(
        relationship=relationship,
        author=ana,
        date=timezone.localdate(),
        what_i_shared="Our incident review template",
    )
    services.meeting_propose(
        relationship=relationship,
        proposer=ana,
        starts_at=timezone.now() + timedelta(days=2),
        minutes=30,
        place="Kitchen",
    )
    services.reflection_write(author=ana, body="It went well.", exchange=exchange)
    published = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
    Suggestion.objects.create(round=published, score=0.5, **_pair(ana, carla))
    Suggestion.objects.create(
        kind=Suggestion.Kind.RECOMMENDATION, recommended_to=ana, score=0.6, **_pair(ana, ben)
    )
    for subject in ({"about": "member", "member": ana}, {"about": "topic", "topic": _topic()}):
        listed = HelperList.objects.create(computed_at=timezone.now(), **subject)
        PossibleHelper.objects.create(
            helper_list=listed, helper=carla, position=1, score=1.0, explanation="Can help."
        )


def _topic() -> Topic:
    return Topic.objects.get(slug="terraform")


def test_the_connections_operations_with_real_objects(live_server, settings, ana, ben, carla, dev):
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    _seed(ana, ben, carla, dev)
    callers = [
        token_create(user=member.user, name="fuzz", scope="write").secret for member in (ana, carla)
    ]
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    failures: list[str] = []
    for operation in operations(schema, TAGS):
        for token in callers:
            fuzz(
                operation,
                base_url=live_server.url,
                token=token,
                examples=EXAMPLES,
                failures=failures,
            )
    assert not failures, "\n\n".join(failures[:20])
