"""The demo's initiatives: every state, the services' invariants, real structure on the
visibility map and the organiser's view, and the demo member's own story."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import F, Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from trellis.accounts.models import User
from trellis.demo.accounts import MEMBER_EMAIL, ORGANISER_EMAIL
from trellis.demo.seed import demo_organisation_create
from trellis.demo.tests.conftest import FAST_HASHER, demo_for_the_module
from trellis.initiatives import fit, seen_work, selectors
from trellis.initiatives.models import Contribution, Initiative, Observation, Volunteer
from trellis.notifications.models import Notification
from trellis.people.models import Member

MEMBERS = 60
State = Initiative.State


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One demo organisation for the whole module, seeded once (it takes a second)."""
    with demo_for_the_module(django_db_blocker, members=MEMBERS, seed=7) as report:
        yield report


@pytest.fixture
def noor(seeded, db) -> Member:
    return Member.objects.select_related("user").get(user__email=MEMBER_EMAIL)


def team_of(initiative: Initiative) -> set[int]:
    accepted = initiative.volunteers.filter(state=Volunteer.State.ACCEPTED)
    return {initiative.lead_id, *accepted.values_list("member_id", flat=True)}


def fingerprint() -> list[tuple]:
    """What the seed decides about initiatives, independent of keys and of today."""
    rows = (
        Initiative.objects.values_list("lead__user__email", "title", "problem", "skills", "state"),
        Volunteer.objects.values_list(
            "member__user__email", "initiative__title", "state", "brings"
        ),
        Contribution.objects.values_list("member__user__email", "initiative__title", "text"),
        Observation.objects.values_list(
            "observer__user__email", "subject__user__email", "text", "shown_on_profile"
        ),
    )
    return [row for rows_of_one in rows for row in sorted(rows_of_one)]


# Every state, and real structure.


def test_initiatives_and_volunteers_appear_in_every_state_beyond_the_demo_member(noor):
    others = Initiative.objects.exclude(lead=noor)
    assert set(others.values_list("state", flat=True)) == set(State.values)
    volunteers = Volunteer.objects.exclude(Q(member=noor) | Q(initiative__lead=noor))
    assert set(volunteers.values_list("state", flat=True)) == set(Volunteer.State.values)
    assert Contribution.objects.exclude(member=noor).exists()
    assert Observation.objects.exclude(Q(subject=noor) | Q(observer=noor)).exists()


def test_the_report_counts_what_was_written(seeded, db):
    written = seeded.initiatives
    assert written.initiatives == Initiative.objects.count() >= 12
    assert written.volunteers == Volunteer.objects.count()
    assert written.contributions == Contribution.objects.count()
    assert written.observations == Observation.objects.count()
    assert written.notifications > written.observations
    assert "initiatives" in dict(seeded.phases)


def test_every_initiative_is_linked_to_topics(seeded, db):
    assert not Initiative.objects.filter(topics__isnull=True).exists()


def test_leads_are_often_but_not_only_senior(seeded, db):
    levels = list(Initiative.objects.values_list("lead__level", flat=True))
    assert max(levels) >= 5 and min(levels) <= 4


def test_texts_vary_and_a_few_observations_are_vague(seeded, db):
    contributions = list(Contribution.objects.values_list("text", flat=True))
    assert len(set(contributions)) >= 0.8 * len(contributions)
    observations = list(Observation.objects.values_list("text", flat=True))
    assert len(set(observations)) >= 0.8 * len(observations)
    vague = [text for text in observations if len(text) < 45]
    assert vague and len(vague) < 0.3 * len(observations)
    assert Observation.objects.filter(shown_on_profile=True).exists()


# The services' invariants.


def test_no_team_is_larger_than_the_helpers_it_asked_for(seeded, db):
    for initiative in Initiative.objects.all():
        accepted = initiative.volunteers.filter(state=Volunteer.State.ACCEPTED).count()
        assert accepted <= initiative.helpers_wanted, initiative.title


def test_nobody_volunteers_for_their_own_initiative_or_twice(seeded, db):
    assert not Volunteer.objects.filter(member=F("initiative__lead")).exists()
    pairs = list(Volunteer.objects.values_list("initiative_id", "member_id"))
    assert len(pairs) == len(set(pairs))
    volunteers = Member.objects.filter(pk__in=Volunteer.objects.values("member_id"))
    assert not volunteers.exclude(status=Member.Status.ACTIVE).exists()


def test_drafts_are_private_and_published_ones_have_opened(seeded, db):
    drafts = Initiative.objects.filter(state=State.DRAFT)
    assert drafts.exists()
    assert not Volunteer.objects.filter(initiative__in=drafts).exists()
    assert not Contribution.objects.filter(initiative__in=drafts).exists()
    assert not Observation.objects.filter(initiative__in=drafts).exists()
    published = Initiative.objects.exclude(state=State.DRAFT)
    assert not published.filter(opened_at__isnull=True).exists()
    closed = Q(state__in=[State.DONE, State.CANCELLED])
    assert not Initiative.objects.filter(closed, closed_at__isnull=True).exists()
    assert not Initiative.objects.exclude(closed).filter(closed_at__isnull=False).exists()
    assert not Initiative.objects.filter(lead__status=Member.Status.LEFT).exists()


def test_offers_were_answered_after_they_were_made_and_while_it_took_volunteers(seeded, db):
    now = timezone.now()
    for volunteer in Volunteer.objects.select_related("initiative"):
        initiative = volunteer.initiative
        assert initiative.opened_at <= volunteer.created_at <= now
        if volunteer.state == Volunteer.State.APPLIED:
            assert volunteer.answered_at is None and initiative.takes_volunteers
            continue
        assert volunteer.created_at <= volunteer.answered_at <= now
        if initiative.closed_at is not None:
            assert volunteer.answered_at <= initiative.closed_at


def test_only_the_team_logs_contributions_after_joining_and_before_closing(seeded, db):
    now = timezone.now()
    for contribution in Contribution.objects.select_related("initiative"):
        initiative = contribution.initiative
        assert contribution.member_id in team_of(initiative)
        assert initiative.opened_at <= contribution.created_at <= now
        if initiative.closed_at is not None:
            assert contribution.created_at <= initiative.closed_at
        joined = Volunteer.objects.filter(
            initiative=initiative, member=contribution.member_id, state="accepted"
        ).values_list("answered_at", flat=True)
        for answered_at in joined:
            assert answered_at <= contribution.created_at


def test_observations_are_about_someone_else_and_never_in_the_future(seeded, db):
    today, now = timezone.localdate(), timezone.now()
    for observation in Observation.objects.select_related("initiative", "observer", "subject"):
        assert observation.observer_id != observation.subject_id
        assert observation.observer.status != Member.Status.LEFT
        assert observation.subject.status != Member.Status.LEFT
        assert observation.seen_on <= timezone.localdate(observation.created_at) <= today
        assert observation.created_at <= now
        initiative = observation.initiative
        if initiative is not None:
            assert initiative.state != State.DRAFT
            assert observation.subject_id in team_of(initiative)
            assert timezone.localdate(initiative.opened_at) <= observation.seen_on


# The visibility map and the organiser's view.


def test_some_contributors_are_unseen_from_outside_their_team_but_not_everyone(seeded, db):
    unseen = seen_work.unseen_contributors(months=6)
    since = timezone.now() - timedelta(days=183)
    contributors = Contribution.objects.filter(created_at__gte=since).values("member_id")
    assert 0 < unseen.count() < Member.objects.filter(pk__in=contributors).count()


def test_some_work_was_seen_only_inside_its_team_and_some_across_teams(seeded, db):
    subjects = Member.objects.filter(pk__in=Observation.objects.values("subject_id"))
    maps = [seen_work.visibility(subject=subject) for subject in subjects]
    assert any(found.only_own_team for found in maps)
    assert any(len(found.by_team) >= 2 for found in maps)


def test_the_visibility_map_and_the_organiser_view_show_them(client, seeded, db):
    seen_inside = next(
        found.subject
        for subject in Member.objects.filter(pk__in=Observation.objects.values("subject_id"))
        if (found := seen_work.visibility(subject=subject)).only_own_team
    )
    client.force_login(seen_inside.user)
    content = client.get(reverse("initiatives:visibility")).content.decode()
    assert "hint-own-team" in content

    client.force_login(User.objects.get(email=ORGANISER_EMAIL))
    response = client.get(reverse("initiatives:unseen_contributors"))
    assert response.status_code == 200
    unseen = seen_work.unseen_contributors(months=response.context["months"])
    assert response.context["count"] == unseen.count() > 0


# The demo member's story.


def test_the_demo_member_leads_an_initiative_with_offers_waiting_for_her(noor):
    (mine,) = Initiative.objects.filter(lead=noor)
    assert mine.state == State.OPEN
    states = Counter(mine.volunteers.values_list("state", flat=True))
    assert states[Volunteer.State.APPLIED] >= 2 and states[Volunteer.State.ACCEPTED] == 1
    kinds = Notification.objects.filter(recipient=noor, read_at__isnull=True)
    assert kinds.filter(kind=Notification.Kind.VOLUNTEER_OFFERED).count() >= 2


def test_the_demo_member_is_on_a_team_and_logged_contributions(noor):
    joined = selectors.initiatives_joined(member=noor)
    assert {initiative.state for initiative in joined} >= {State.UNDERWAY, State.DONE}
    for initiative in joined:
        assert Contribution.objects.filter(initiative=initiative, member=noor).exists()


def test_the_demo_member_is_prompted_to_follow_up_on_the_initiative_that_is_done(noor):
    done = Initiative.objects.get(state=State.DONE, volunteers__member=noor)
    prompt = Notification.objects.get(recipient=noor, kind=Notification.Kind.INITIATIVE_DONE)
    assert prompt.read_at is None
    assert f"initiative={done.pk}" in prompt.url


def test_the_demo_member_was_seen_from_inside_and_outside_her_team(client, noor):
    found = seen_work.visibility(subject=noor)
    assert found.outside_team >= 2 and not found.only_own_team
    assert any(group.mine for group in found.by_team)
    shown = Observation.objects.filter(subject=noor, shown_on_profile=True)
    assert shown.count() >= 1
    client.force_login(noor.user)
    content = client.get(reverse("home:profile", args=[noor.pk])).content.decode()
    assert shown.first().text.split(",")[0].replace("'", "&#x27;") in content


def test_the_demo_member_has_initiatives_that_fit_her_on_her_home_page(client, noor):
    fit.fit_refresh(member_ids=[noor.pk])  # as `trellis demo` does once it seeded
    fitting = selectors.initiatives_fitting(member=noor, limit=5).items
    assert fitting and all(item.fit.reason for item in fitting)
    client.force_login(noor.user)
    content = client.get(reverse("home:home")).content.decode()
    assert fitting[0].initiative.get_absolute_url() in content


# Seeding once.


def test_seeding_again_creates_no_initiatives(seeded, db):
    before = fingerprint()
    assert not demo_organisation_create(members=MEMBERS, seed=8).created
    assert fingerprint() == before


def test_the_same_seed_gives_the_same_initiatives(seeded, db):
    first = fingerprint()
    User.objects.all().delete()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        demo_organisation_create(members=MEMBERS, seed=7)
    assert fingerprint() == first
