"""Every area's services refuse forbidden characters naming the field, and write nothing;
the live linters refuse an oversized body (issue 14, items 2 and 5). Here in home, whose
tests may use every area's fixtures."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from trellis.community import services as community
from trellis.connections import services as connections
from trellis.connections.models import Intro
from trellis.initiatives import services as initiatives

FORBIDDEN = {"NUL": "\x00", "BEL": "\x07", "ESC": "\x1b", "RLO": "\u202e"}
AREAS = ("community", "connections", "initiatives")


def everything() -> list:
    """Every row of the areas' tables, to show a refusal wrote nothing."""
    return [
        list(model.objects.order_by("pk").values())
        for area in AREAS
        for model in apps.get_app_config(area).get_models()
    ]


def _post(ana, ben, text, **_):
    community.post_create(author=ana, title="Upgrades", body=text)


def _post_title(ana, ben, text, **_):
    community.post_create(author=ana, title=text, body="Kubernetes upgrades without downtime.")


def _reply(ana, ben, text, post, **_):
    community.reply_create(post=post, author=ben, body=text)


def _intro(ana, ben, text, **_):
    connections.intro_send(sender=ben, recipient=ana, message=text)


def _decline(ana, ben, text, sent_intro, **_):
    connections.intro_decline(intro=sent_intro, member=ben, reason=text)


def _close(ana, ben, text, relationship, **_):
    connections.relationship_close(relationship=relationship, member=ana, reason=text)


def _exchange_note(ana, ben, text, relationship, **_):
    connections.exchange_record(
        relationship=relationship,
        author=ana,
        date=timezone.localdate(),
        what_i_shared="How we drain nodes",
        note=text,
    )


def _reflection(ana, ben, text, **_):
    connections.reflection_write(author=ana, body=text)


def _initiative(ana, ben, text, make_initiative, **_):
    make_initiative(problem=text)


def _initiative_title(ana, ben, text, make_initiative, **_):
    make_initiative(title=text)


def _volunteer(ana, ben, text, initiative, **_):
    initiatives.volunteer_offer(initiative=initiative, member=ben, brings=text)


def _contribution(ana, ben, text, initiative, on_team, **_):
    initiatives.contribution_log(initiative=initiative, member=ana, text=text)


def _observation(ana, ben, text, **_):
    initiatives.observation_record(
        observer=ana, subject=ben, text=text, seen_on=timezone.localdate()
    )


ENTRY_POINTS = {
    "post": (_post, "body", "Post"),
    "post title": (_post_title, "title", "Title"),
    "reply": (_reply, "body", "Your reply"),
    "intro": (_intro, "message", "Message"),
    "decline reason": (_decline, "decline_reason", "Why"),
    "close reason": (_close, "closed_reason", "Why"),
    "exchange note": (_exchange_note, "note", "Note"),
    "reflection": (_reflection, "body", "Your reflection"),
    "initiative": (_initiative, "problem", "The problem"),
    "initiative title": (_initiative_title, "title", "Title"),
    "volunteer": (_volunteer, "brings", "What you bring"),
    "contribution": (_contribution, "text", "What you did"),
    "observation": (_observation, "text", "What you saw"),
}
FIXTURES = {
    "reply": ["post"],
    "decline reason": ["sent_intro"],
    "close reason": ["relationship"],
    "exchange note": ["relationship"],
    "initiative": ["make_initiative"],
    "initiative title": ["make_initiative"],
    "volunteer": ["initiative"],
    "contribution": ["initiative", "on_team"],
}


@pytest.mark.parametrize("char", FORBIDDEN.values(), ids=FORBIDDEN.keys())
@pytest.mark.parametrize("entry", ENTRY_POINTS, ids=list(ENTRY_POINTS))
def test_each_service_refuses_forbidden_characters_naming_the_field(request, ana, ben, entry, char):
    call, field, label = ENTRY_POINTS[entry]
    extra = {name: request.getfixturevalue(name) for name in FIXTURES.get(entry, [])}
    before = everything()

    with pytest.raises(ValidationError) as refused:
        call(ana, ben, f"Kubernetes upgrades{char} without downtime, step by step.", **extra)

    assert f"“{label}” cannot contain" in refused.value.message_dict[field][0]
    assert everything() == before


def test_a_44_mb_post_to_the_intro_linter_is_refused_before_it_is_read(ana_client, ben):
    lint = reverse("home:compose_lint", args=[ben.pk])

    response = ana_client.post(lint, {"message": "x" * (44 * 1024 * 1024)})

    assert response.status_code == 413
    assert "Too much to send at once" in response.content.decode()
    assert not Intro.objects.exists()


def test_the_observation_linter_refuses_a_1_mb_post(ana_client, ben):
    lint = reverse("initiatives:observation_lint", args=[ben.pk])

    response = ana_client.post(lint, {"text": "x" * (1024 * 1024)})

    assert response.status_code == 413


def test_the_intro_linter_still_reads_a_message_at_its_cap(ana_client, ben):
    lint = reverse("home:compose_lint", args=[ben.pk])

    response = ana_client.post(lint, {"message": "Will you be my mentor? " * 170})

    assert response.status_code == 200
    assert 'data-rule="mentor-ask"' in response.content.decode()
