"""Leaving a team, or taking back an offer, asks first (issue 13, item 7).

trellis.js shows the form's `data-confirm` question in a dialog; without JavaScript the
form submits as before. The browser journey (tests/browser/test_polish_journey.py)
drives the dialog itself.
"""

from django.urls import reverse

from trellis.initiatives import services


def detail_of(initiative) -> str:
    return reverse("initiatives:initiative_detail", args=[initiative.pk])


def test_a_team_member_is_asked_before_leaving_the_team(client, initiative, offer, ana, carla):
    services.volunteer_accept(volunteer=offer, lead=carla)
    client.force_login(ana.user)

    content = client.get(detail_of(initiative)).content.decode()

    assert 'data-confirm="Leave the team of “Kubernetes cost reports”?"' in content
    assert '<button type="submit" class="button danger">Leave the team</button>' in content


def test_a_waiting_offer_is_taken_back_after_a_question_too(client, initiative, offer, ana):
    client.force_login(ana.user)

    content = client.get(detail_of(initiative)).content.decode()

    assert 'data-confirm="Withdraw your offer to help with “Kubernetes cost reports”?"' in content
    assert '<button type="submit" class="button secondary">Withdraw your offer</button>' in content
