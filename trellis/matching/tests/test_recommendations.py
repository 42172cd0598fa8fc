"""On-demand recommendations: stored per member, refreshed when missing or out of date."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.initiatives.models import InitiativeFitList
from trellis.matching import runs, selectors, services
from trellis.matching.models import HelperList, RecommendationRefresh, Suggestion
from trellis.people.services import member_update

HOME = reverse("home:home")
WORK_OUT = reverse("home:work_out_mine")


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run as soon as they are queued (and queued once the transaction commits)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_it_stores_the_top_five_for_each_member(fake_engine, make_member, ana):
    for _ in range(7):
        make_member()

    stored = runs.recommendations_refresh(member_ids=[ana.pk])

    mine = Suggestion.objects.filter(kind=Suggestion.Kind.RECOMMENDATION, recommended_to=ana)
    assert stored == mine.count() == 5
    assert all(
        s.member_a_id < s.member_b_id and ana.pk in (s.member_a_id, s.member_b_id) for s in mine
    )
    assert RecommendationRefresh.objects.get(member=ana).refreshed_at is not None


def test_a_refresh_replaces_old_recommendations_but_keeps_dismissed_ones(
    fake_engine, cohort, ana, ben
):
    runs.recommendations_refresh(member_ids=[ana.pk])
    with_ben = Suggestion.objects.get(recommended_to=ana, member_b=ben)
    services.suggestion_dismiss(suggestion_id=with_ben.pk, member=ana)

    runs.recommendations_refresh(member_ids=[ana.pk])

    mine = Suggestion.objects.filter(recommended_to=ana)
    assert mine.filter(pk=with_ben.pk).exists()  # the dismissal is remembered
    assert mine.filter(member_b=ben).count() == 1
    assert (str(ana.pk), str(ben.pk)) in fake_engine.calls[-1]["blocked"]
    _, recommended = selectors.home_suggestions(member=ana)
    assert ben.pk not in {s.other_member.pk for s in recommended}


def test_a_recommendation_is_seen_only_by_the_member_it_is_for(
    client, fake_engine, cohort, ana, ben
):
    runs.recommendations_refresh(member_ids=[ana.pk])
    for_ana = Suggestion.objects.get(recommended_to=ana, member_b=ben)
    RecommendationRefresh.objects.create(member=ben, refreshed_at=timezone.now())
    client.force_login(ben.user)

    assert "You and Ben Okafor share a problem." not in client.get(HOME).content.decode()
    assert client.post(reverse("matching:suggestion_dismiss", args=[for_ana.pk])).status_code == 404


def test_the_home_page_asks_for_recommendations_when_there_are_none(
    ana_client, ana, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        content = ana_client.get(HOME).content.decode()

    assert "We are looking for people you might meet" in content
    assert queued == []  # a GET writes nothing: the page asks by POST once loaded
    assert f'hx-post="{WORK_OUT}"' in content
    with django_capture_on_commit_callbacks() as queued:
        ana_client.post(WORK_OUT)
    # Recommendations, who could help (test_helper_pages) and which initiatives fit
    # (trellis/initiatives/tests/test_fit_stored.py).
    assert len(queued) == 3
    assert RecommendationRefresh.objects.get(member=ana).requested_at is not None

    with django_capture_on_commit_callbacks() as queued_again:
        ana_client.post(WORK_OUT)
    assert queued_again == []  # one request is pending; views don't pile up tasks
    assert WORK_OUT not in ana_client.get(HOME).content.decode()


def test_the_home_page_shows_recommendations_computed_in_the_background(
    ana_client, fake_engine, cohort, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ana_client.post(WORK_OUT)  # as the home page does once loaded

    content = ana_client.get(HOME).content.decode()

    assert "You and Ben Okafor share a problem." in content
    assert "We are looking for people" not in content


def test_a_profile_change_makes_the_home_page_ask_again(
    ana_client, ana, fake_engine, cohort, django_capture_on_commit_callbacks
):
    runs.recommendations_refresh(member_ids=[ana.pk])
    HelperList.objects.create(about="member", member=ana, computed_at=timezone.now())
    InitiativeFitList.objects.create(member=ana, computed_at=timezone.now())
    assert WORK_OUT not in ana_client.get(HOME).content.decode()

    member_update(member=ana, learning="Rust")
    assert WORK_OUT in ana_client.get(HOME).content.decode()
    with django_capture_on_commit_callbacks() as queued:
        ana_client.post(WORK_OUT)

    assert len(queued) == 3  # recommendations, who could help, initiatives that fit


def test_a_request_left_unanswered_is_asked_again_later(ana, fake_engine):
    RecommendationRefresh.objects.create(member=ana, requested_at=timezone.now())
    assert not selectors.recommendations_need_refresh(member=ana)

    later = timezone.now() + selectors.REFRESH_RETRY_AFTER + timedelta(seconds=1)

    assert selectors.recommendations_need_refresh(member=ana, now=later)


def test_paused_members_are_not_sent_looking(
    client, make_member, django_capture_on_commit_callbacks
):
    paused = make_member(status="paused")
    client.force_login(paused.user)

    with django_capture_on_commit_callbacks() as queued:
        client.get(HOME)

    assert queued == []


def test_one_task_does_every_waiting_request(fake_engine, cohort, ana, ben, carla):
    now = timezone.now()
    for member in (ana, ben):
        RecommendationRefresh.objects.create(member=member, requested_at=now)

    assert runs.recommendations_refresh_requested(member_ids=[ana.pk]) > 0
    assert set(fake_engine.calls[-1]["for_ids"]) == {str(ana.pk), str(ben.pk)}

    assert runs.recommendations_refresh_requested(member_ids=[ben.pk]) == 0
