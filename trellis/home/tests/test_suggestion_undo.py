"""Dismissing a suggestion offers Undo, which brings it back (instead of a confirmation)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.matching import services as matching
from trellis.matching.models import Round, Suggestion

HOME = reverse("home:home")


@pytest.fixture
def suggestion(ana, ben) -> Suggestion:
    a, b = sorted((ana, ben), key=lambda m: m.pk)
    round_obj = Round.objects.create(state=Round.State.PUBLISHED, published_at=timezone.now())
    sides = {"explanation_for_a": "You both work on it.", "explanation_for_b": "You both do."}
    return Suggestion.objects.create(round=round_obj, member_a=a, member_b=b, score=0.5, **sides)


def restore(suggestion) -> str:
    return reverse("home:suggestion_restore", args=[suggestion.pk])


def test_undo_with_htmx_swaps_the_suggestion_back_in(client, suggestion, ana, ben):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ana)
    client.force_login(ana.user)

    response = client.post(restore(suggestion), headers={"HX-Request": "true"})

    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="suggestion-{suggestion.pk}"' in content and "Ben Okafor" in content
    assert "<html" not in content  # a fragment for the swap
    suggestion.refresh_from_db()
    assert (suggestion.a_dismissed_at, suggestion.b_dismissed_at) == (None, None)
    assert [s.pk for s in client.get(HOME).context["suggestions"]] == [suggestion.pk]


def test_undo_without_javascript_goes_home_with_it_back(client, suggestion, ana):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ana)
    client.force_login(ana.user)

    response = client.post(restore(suggestion))

    assert response.status_code == 302 and response.url == HOME
    assert [s.pk for s in client.get(HOME).context["suggestions"]] == [suggestion.pk]


def test_undo_restores_only_the_members_own_dismissal(client, suggestion, ana, ben):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ana)
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ben)
    client.force_login(ben.user)

    client.post(restore(suggestion))

    client.force_login(ana.user)
    assert client.get(HOME).context["suggestions"] == []


def test_nobody_outside_the_pair_can_undo_and_nothing_changes(client, suggestion, ana, carla):
    matching.suggestion_dismiss(suggestion_id=suggestion.pk, member=ana)
    client.force_login(carla.user)

    assert client.post(restore(suggestion)).status_code == 404
    client.force_login(ana.user)
    assert client.get(HOME).context["suggestions"] == []


def test_undoing_what_was_not_dismissed_says_so_and_changes_nothing(client, suggestion, ana):
    client.force_login(ana.user)

    response = client.post(restore(suggestion), follow=True)

    assert "This suggestion is not dismissed." in response.content.decode()


def test_undo_is_post_only_and_needs_a_sign_in(client, suggestion, ana):
    assert client.post(restore(suggestion)).status_code == 302  # to sign in
    client.force_login(ana.user)
    assert client.get(restore(suggestion)).status_code == 405
