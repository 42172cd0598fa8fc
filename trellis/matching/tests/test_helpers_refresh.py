"""Who could help whom, worked out in the background with the real engine and stored: for
members, posts and topics; topical; never anyone the asker must not be sent to."""

from datetime import date

import pytest
from django.utils import timezone

from trellis.community import services as community
from trellis.matching import helping, services, tasks
from trellis.matching.models import HelperList, PossibleHelper
from trellis.matching.tests.test_suggestion_visibility import suggest
from trellis.people.models import Member, Topic
from trellis.people.services import member_update


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run as soon as they are queued (and queued once the transaction commits)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def listed(**target) -> list[PossibleHelper]:
    return list(PossibleHelper.objects.filter(**target).select_related("helper"))


def names(**target) -> list[str]:
    return [entry.helper.display_name for entry in listed(**target)]


@pytest.fixture
def uma(make_member):
    """Uma can help with usability testing, and has helped many people with it."""
    return make_member(
        "Uma Berg",
        email="uma@example.org",
        team="Research",
        working_on="usability testing of the checkout",
        can_help_with="usability testing",
        capacity=20,
    )


def test_who_could_help_a_member_comes_from_what_they_learn_and_topical_help(
    asker, tess, uma, give_help
):
    for day in (date(2026, 6, 3), date(2026, 7, 1), date(2026, 8, 9)):
        give_help(tess, "Terraform", day=day)
    for _ in range(6):
        give_help(uma, "Usability testing")  # busier, on something else

    done = helping.helpers_refresh(member_ids=[asker.pk])

    assert done.members == 1
    first, *others = listed(helper_list__member=asker)
    assert first.helper == tess
    assert first.explanation.startswith("Helped 3 people with Terraform")
    assert first.helping_since == date(2026, 6, 3)
    assert all("Helped" not in entry.explanation for entry in others if entry.helper == uma)


def test_help_on_something_else_never_makes_someone_a_helper(asker, uma, give_help):
    for _ in range(6):
        give_help(uma, "Usability testing")

    helping.helpers_refresh(member_ids=[asker.pk])

    assert "Uma Berg" not in names(helper_list__member=asker)
    assert HelperList.objects.get(member=asker).computed_at is not None


def test_nobody_the_asker_must_not_be_sent_to_is_listed(asker, tess, make_member):
    terraform = {"can_help_with": "Terraform", "working_on": "infrastructure as code"}
    boss = make_member("Boss", **terraform)
    member_update(member=asker, manager=boss)
    report = make_member("Report", manager=asker, **terraform)
    paused = make_member("Paused", status=Member.Status.PAUSED, **terraform)
    closed = make_member("Not helping", open_to_helping=False, **terraform)
    full = make_member("Full", capacity=0, **terraform)
    dismissed = make_member("Dismissed", **terraform)
    services.suggestion_dismiss(suggestion_id=suggest(asker, dismissed).pk, member=asker)

    helping.helpers_refresh(member_ids=[asker.pk])

    shown = names(helper_list__member=asker)
    assert "Tess Lund" in shown
    for kept_out in (asker, boss, report, paused, closed, full, dismissed):
        assert kept_out.display_name not in shown


def test_someone_not_open_to_helping_or_to_peer_learning_may_still_ask(asker, tess):
    member_update(member=asker, open_to_helping=False, open_to_peer_learning=False)

    helping.helpers_refresh(member_ids=[asker.pk])

    assert names(helper_list__member=asker)[0] == "Tess Lund"


def test_who_could_help_with_a_post_leaves_out_its_author_and_their_reporting_line(
    asker, tess, make_member
):
    boss = make_member("Boss", can_help_with="Terraform", working_on="Terraform modules")
    member_update(member=asker, manager=boss)
    post = community.post_create(
        author=asker, title="Terraform state is a mess", body="Our Terraform state drifts."
    )

    helping.helpers_refresh(post_ids=[post.pk])

    shown = names(helper_list__post=post)
    assert shown[0] == "Tess Lund"
    assert "Boss" not in shown and "Asha Rao" not in shown


def test_who_could_help_with_a_topic_is_asked_by_its_name(tess, give_help):
    give_help(tess, "Terraform")
    terraform = Topic.objects.get(name="Terraform")

    helping.helpers_refresh(topic_ids=[terraform.pk])

    (first, *_) = listed(helper_list__topic=terraform)
    assert first.helper == tess
    assert first.explanation.startswith("Helped 1 person with Terraform")


def test_a_refresh_does_the_lists_asked_for_and_nothing_else(asker, tess, ana):
    HelperList.objects.create(about="member", member=asker, requested_at=timezone.now())
    HelperList.objects.create(about="member", member=ana, computed_at=timezone.now())

    done = helping.helpers_refresh_pending()

    assert (done.members, done.posts, done.topics) == (1, 0, 0)
    assert helping.helpers_refresh_pending().lists == 0  # nothing left to do


def test_a_paused_members_list_is_emptied_not_left_waiting(asker, tess):
    helping.helpers_refresh(member_ids=[asker.pk])
    member_update(member=asker, status=Member.Status.PAUSED)
    services.helpers_request(member=asker)

    helping.helpers_refresh_pending()

    assert listed(helper_list__member=asker) == []
    assert not HelperList.objects.get(member=asker).pending


def test_the_list_of_a_deleted_post_goes(asker, tess):
    post = community.post_create(author=asker, title="Terraform state", body="Terraform drift")
    helping.helpers_refresh(post_ids=[post.pk])
    community.post_delete(post=post, member=asker)

    helping.helpers_refresh_pending()

    assert not HelperList.objects.filter(post_id=post.pk).exists()


def test_everything_covers_active_members_published_posts_and_named_topics(asker, tess):
    community.post_create(author=asker, title="Terraform drift", body="Terraform")

    done = helping.helpers_refresh_everything()

    assert done.members == Member.objects.filter(status=Member.Status.ACTIVE).count()
    assert done.posts == 1
    assert HelperList.objects.filter(topic__name="Terraform").exists()
    assert not HelperList.objects.filter(computed_at__isnull=True).exists()


def test_new_evidence_is_worked_in_by_the_background_worker(
    asker, tess, give_help, immediate_tasks, django_capture_on_commit_callbacks
):
    helping.helpers_refresh(member_ids=[asker.pk])
    assert "Helped" not in listed(helper_list__member=asker, helper=tess)[0].explanation

    with django_capture_on_commit_callbacks(execute=True):
        give_help(tess, "Terraform")

    (entry,) = listed(helper_list__member=asker, helper=tess)
    assert entry.explanation.startswith("Helped 1 person with Terraform")


def test_a_burst_of_changes_is_worked_out_once(asker, tess):
    asked = timezone.now()
    helping.helpers_refresh_everything()

    assert tasks.refresh_all_helpers_task.call(asked.isoformat()) == 0


def test_the_sweep_works_everything_out_again_once_a_day(
    asker, tess, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.helpers_sweep()  # nothing worked out yet: it works everything out
    first = HelperList.objects.get(member=asker).computed_at

    with django_capture_on_commit_callbacks(execute=True):
        services.helpers_sweep()  # an hour later, say: nothing to do
    assert HelperList.objects.get(member=asker).computed_at == first

    HelperList.objects.update(computed_at=first - timezone.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        services.helpers_sweep()
    assert HelperList.objects.get(member=asker).computed_at > first


def test_a_new_post_is_worked_out_by_the_background_worker(
    asker, tess, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = community.post_create(author=asker, title="Terraform drift", body="Terraform")

    assert names(helper_list__post=post)[0] == "Tess Lund"
    assert not HelperList.objects.get(post=post).pending
