"""Before publishing an organiser removes pairs and pairs people by hand (the round's hard
rules still checked); publishing tells each member once; withdrawing takes the round's
suggestions off members' pages and tells nobody."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from trellis.connections.models import Relationship
from trellis.matching import runs, selectors, services
from trellis.matching.models import Round, Suggestion, UnpairedMember
from trellis.notifications.models import Notification
from trellis.notifications.services import notification_preferences_set
from trellis.people.models import Member

KIND = Notification.Kind.ROUND_PUBLISHED


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pair_of(round_obj, one, other) -> Suggestion | None:
    low, high = sorted((one.pk, other.pk))
    return Suggestion.objects.filter(round=round_obj, member_a_id=low, member_b_id=high).first()


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def add_url(round_obj) -> str:
    return reverse("matching:round_pair_add", args=[round_obj.pk])


def remove_url(round_obj, pair) -> str:
    return reverse("matching:round_pair_remove", args=[round_obj.pk, pair.pk])


# The stand-in engine pairs in id order: Ana+Ben, Ben+Carla, Carla+Dev, Dev+Olga (the
# organiser is a member too; capacity 2 each).


def free_ana_and_dev(client, round_obj, ana, ben, carla, dev) -> None:
    """Remove Ana+Ben and Carla+Dev: Ana has no pair left, Dev one slot free."""
    client.post(remove_url(round_obj, pair_of(round_obj, ana, ben)))
    client.post(remove_url(round_obj, pair_of(round_obj, carla, dev)))


def test_an_organiser_removes_a_pair_and_whoever_is_left_without_one_is_listed_why(
    done_round, organiser_client, ana, ben
):
    pair = pair_of(done_round, ana, ben)

    response = organiser_client.post(remove_url(done_round, pair))

    assert response.status_code == 302
    assert pair_of(done_round, ana, ben) is None
    unpaired = dict(
        UnpairedMember.objects.filter(round=done_round).values_list("member_id", "reason")
    )
    assert unpaired[ana.pk] == UnpairedMember.Reason.REMOVED
    assert ben.pk not in unpaired  # still paired with Carla
    assert Round.objects.get(pk=done_round.pk).pairs_removed_by_hand == 1


def test_a_member_cannot_remove_or_add_pairs(done_round, ana_client, ana, ben, dev):
    pair = pair_of(done_round, ana, ben)

    removing = ana_client.post(remove_url(done_round, pair))
    adding = ana_client.post(add_url(done_round), {"member_a": ana.pk, "member_b": dev.pk})

    assert removing.status_code == adding.status_code == 404
    assert pair_of(done_round, ana, ben) is not None
    assert pair_of(done_round, ana, dev) is None


def test_an_organiser_pairs_two_people_by_hand(done_round, organiser_client, ana, ben, carla, dev):
    free_ana_and_dev(organiser_client, done_round, ana, ben, carla, dev)

    response = organiser_client.post(add_url(done_round), {"member_a": ana.pk, "member_b": dev.pk})

    pair = pair_of(done_round, ana, dev)
    assert pair is not None and pair.paired_by_hand, said(response)
    assert pair.explanation_for(ana.pk) == services.HAND_PAIR_WHY
    assert not UnpairedMember.objects.filter(round=done_round, member=ana).exists()


def test_without_javascript_a_typed_name_that_finds_one_member_is_used(
    done_round, organiser_client, ana, ben, carla, dev
):
    free_ana_and_dev(organiser_client, done_round, ana, ben, carla, dev)

    organiser_client.post(
        add_url(done_round), {"member_a_query": "Ana Lima", "member_b_query": "Dev Pat"}
    )

    assert pair_of(done_round, ana, dev) is not None


def refused(client, round_obj, one, other, *, words: str) -> None:
    before = Suggestion.objects.filter(round=round_obj).count()
    response = client.post(add_url(round_obj), {"member_a": one.pk, "member_b": other.pk})
    message = said(response)
    assert message.startswith("Not paired:"), message
    assert words in message, message
    assert Suggestion.objects.filter(round=round_obj).count() == before


def test_a_hand_pair_of_one_person_with_themselves_is_refused(done_round, organiser_client, ana):
    refused(organiser_client, done_round, ana, ana, words="two different people")


def test_a_hand_pair_in_one_reporting_line_is_refused(done_round, organiser_client, ana, dev):
    Member.objects.filter(pk=dev.pk).update(manager=ana)

    refused(organiser_client, done_round, ana, dev, words="in one reporting line")


def test_a_hand_pair_through_a_managers_manager_is_refused_too(
    done_round, organiser_client, ana, dev, make_member
):
    lead = make_member("Lee Lead")
    Member.objects.filter(pk=dev.pk).update(manager=lead)
    Member.objects.filter(pk=lead.pk).update(manager=ana)

    refused(organiser_client, done_round, ana, dev, words="in one reporting line")


def test_a_hand_pair_beyond_free_capacity_is_refused(done_round, organiser_client, ben, dev):
    # Ben and Dev are in two pairs of this round each already: their whole capacity.
    refused(organiser_client, done_round, ben, dev, words="Ben Okafor and Dev Patel have no free")


def test_a_hand_pair_with_someone_paused_is_refused(done_round, organiser_client, ana, make_member):
    paused = make_member("Pia Paused", status="paused")

    refused(organiser_client, done_round, ana, paused, words="Pia Paused is paused")


def test_a_hand_pair_of_people_kept_apart_is_refused(done_round, organiser_client, ana, dev):
    low, high = sorted((ana, dev), key=lambda m: m.pk)
    Relationship.objects.create(member_a=low, member_b=high)
    Member.objects.filter(pk=ana.pk).update(capacity=5)
    Member.objects.filter(pk=dev.pk).update(capacity=5)

    refused(organiser_client, done_round, ana, dev, words="kept apart")


def test_a_pair_already_in_the_round_is_refused(done_round, organiser_client, ana, ben):
    refused(organiser_client, done_round, ana, ben, words="already a pair")


def test_pairs_cannot_change_once_published(published_round, organiser_client, ana, ben, dev):
    pair = pair_of(published_round, ana, ben)

    response = organiser_client.post(remove_url(published_round, pair))

    assert "only before the round is published" in said(response)
    assert pair_of(published_round, ana, ben) is not None


def test_the_type_ahead_offers_members_by_name_as_choices(done_round, organiser_client, ana):
    url = reverse("matching:round_member_search", args=[done_round.pk])

    found = organiser_client.get(url, {"slot": "member_a", "member_a_query": "ana"})
    nobody = organiser_client.get(url, {"slot": "member_a", "member_a_query": "zz"})

    assert f'name="member_a" value="{ana.pk}"' in found.content.decode()
    assert "Nobody in the network" in nobody.content.decode()


def publish(client, round_obj, capture):
    with capture(execute=True):
        return client.post(reverse("matching:round_publish", args=[round_obj.pk]))


def test_publishing_tells_each_member_once_in_the_app_and_by_email_as_they_chose(
    done_round,
    organiser_client,
    organiser,
    ana,
    ben,
    carla,
    dev,
    django_capture_on_commit_callbacks,
):
    notification_preferences_set(member=dev, choices={KIND: (True, False)})
    mail.outbox.clear()

    publish(organiser_client, done_round, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        again = runs.round_tell_members(round_id=done_round.pk)  # a retried task

    assert again == 0
    told = Notification.objects.filter(kind=KIND)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        m.pk for m in (ana, ben, carla, dev, organiser)
    )
    ben_told = told.get(recipient=ben)
    assert ben_told.text == "A matching round suggests you meet Ana Lima and 1 other person."
    pair = pair_of(done_round, ana, ben)
    assert ben_told.url == f"/intros/new/{ana.pk}/?suggestion={pair.pk}"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        m.user.email for m in (ana, ben, carla, organiser)
    )


def test_withdrawing_takes_the_suggestions_off_members_pages_and_tells_nobody(
    done_round, organiser_client, ana, ben, django_capture_on_commit_callbacks
):
    publish(organiser_client, done_round, django_capture_on_commit_callbacks)
    read = Notification.objects.get(kind=KIND, recipient=ben)
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    pair = pair_of(done_round, ana, ben)
    assert selectors.home_suggestions(member=ana)[0]
    notifications_before = Notification.objects.exclude(kind=KIND).count()

    response = organiser_client.post(reverse("matching:round_withdraw", args=[done_round.pk]))

    assert Round.objects.get(pk=done_round.pk).state == Round.State.WITHDRAWN
    assert selectors.home_suggestions(member=ana) == ([], [])
    with pytest.raises(Suggestion.DoesNotExist):
        selectors.visible_suggestion(suggestion_id=pair.pk, member=ana)
    assert Suggestion.objects.filter(pk=pair.pk).exists()  # kept for the record
    assert not Notification.objects.filter(kind=KIND, recipient=ana).exists()  # unread: gone
    assert Notification.objects.filter(pk=read.pk).exists()  # read: its link explains itself
    assert Notification.objects.exclude(kind=KIND).count() == notifications_before
    assert "Withdrawn" in said(response)


def test_only_a_published_round_can_be_withdrawn(done_round, organiser):
    with pytest.raises(Exception, match="Only a published round"):
        services.round_withdraw(round_id=done_round.pk, organiser=organiser.user)


def test_the_review_says_its_figures_in_words_lists_the_unpaired_and_asks_before_publishing(
    done_round, organiser_client, ana, ben, django_assert_max_num_queries
):
    organiser_client.post(remove_url(done_round, pair_of(done_round, ana, ben)))

    with django_assert_max_num_queries(14):
        page = organiser_client.get(done_round.get_absolute_url()).content.decode()

    assert not re.search(r"\d\.\d{4,}", page)  # nothing in full precision
    assert "(0 to 10)" in page  # each weight with its range
    assert "Without a pair" in page and "Their pair was removed by hand" in page
    assert 'data-confirm="Publish this round?' in page
    assert 'class="table-wrap" tabindex="0" role="region"' in page
    assert 'hx-get="/organise/rounds/' in page and "<select" not in page.split("pair-by-hand")[1]


def test_progress_says_100_only_when_the_round_is_done(done_round):
    running = Round(state=Round.State.RUNNING, progress=0.996)

    assert running.progress_percent == 99
    assert done_round.progress_percent == 100
