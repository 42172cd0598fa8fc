"""Who could help, as a page shows it: what was stored, checked again for the viewer now."""

import pytest
from django.utils import timezone

from trellis.connections.models import Relationship
from trellis.matching import selectors, services
from trellis.matching.models import HelperList, PossibleHelper
from trellis.matching.tests.test_suggestion_visibility import suggest
from trellis.people.models import Member, Topic
from trellis.people.services import member_update


def stored(helper_list: HelperList, *helpers: Member) -> HelperList:
    """`helpers` stored on the list, in order, as the background worker would."""
    for position, helper in enumerate(helpers, start=1):
        PossibleHelper.objects.create(
            helper_list=helper_list,
            helper=helper,
            position=position,
            score=1.0 / position,
            explanation=f"Can help with Terraform ({helper.display_name}).",
        )
    helper_list.computed_at = timezone.now()
    helper_list.save()
    return helper_list


@pytest.fixture
def terraform_list(tess, carla, dev) -> HelperList:
    """Who could help with Terraform: Tess, Carla, Dev."""
    topic = Topic.objects.get(name="Terraform")
    return stored(HelperList.objects.create(about="topic", topic=topic), tess, carla, dev)


def shown_to(viewer, helper_list: HelperList) -> list[str]:
    found = selectors.helpers_shown(viewer=viewer, topic=helper_list.topic)
    return [entry.helper.display_name for entry in found.helpers]


def test_everyone_stored_is_shown_best_first(terraform_list, asker):
    assert shown_to(asker, terraform_list) == ["Tess Lund", "Carla Mendes", "Dev Patel"]


def test_nobody_is_shown_themselves(terraform_list, asker, tess):
    assert "Tess Lund" not in shown_to(tess, terraform_list)
    assert "Tess Lund" in shown_to(asker, terraform_list)


def test_nobody_is_shown_anyone_in_their_reporting_line(terraform_list, asker, tess, make_member):
    lead = make_member("Lead")
    member_update(member=tess, manager=lead)
    report = make_member("Report", manager=asker)
    member_update(member=asker, manager=tess)

    assert "Tess Lund" not in shown_to(lead, terraform_list)  # Tess reports to the lead
    assert "Tess Lund" not in shown_to(report, terraform_list)  # through Asha, two up
    assert "Tess Lund" in shown_to(make_member("Someone else"), terraform_list)


def test_someone_kept_apart_from_the_viewer_is_hidden_from_them_only(
    terraform_list, asker, ben, tess
):
    services.suggestion_dismiss(suggestion_id=suggest(asker, tess).pk, member=asker)

    assert "Tess Lund" not in shown_to(asker, terraform_list)
    assert "Tess Lund" in shown_to(ben, terraform_list)


def test_someone_who_paused_or_stopped_helping_since_is_hidden(terraform_list, asker, tess, dev):
    member_update(member=tess, status=Member.Status.PAUSED)
    member_update(member=dev, open_to_helping=False)

    assert shown_to(asker, terraform_list) == ["Carla Mendes"]


def test_someone_who_reached_capacity_since_is_hidden(terraform_list, asker, tess, make_member):
    member_update(member=tess, capacity=1)
    other = make_member()
    low, high = sorted((tess, other), key=lambda m: m.pk)
    Relationship.objects.create(member_a=low, member_b=high)

    assert "Tess Lund" not in shown_to(asker, terraform_list)


def test_a_page_shows_five_at_most(asker, make_member):
    topic = Topic.objects.get(name="Terraform")
    helpers = [make_member(f"Helper {n}") for n in range(8)]
    helper_list = stored(HelperList.objects.create(about="topic", topic=topic), *helpers)

    assert len(shown_to(asker, helper_list)) == selectors.HELPERS_SHOWN == 5


def test_before_the_worker_has_looked_the_list_says_so(asker):
    topic = Topic.objects.get(name="Terraform")

    never = selectors.helpers_shown(viewer=asker, topic=topic)
    services.helpers_request(topic=topic)
    asked = selectors.helpers_shown(viewer=asker, topic=topic)

    assert (never.worked_out, never.never_asked) == (False, True)
    assert (asked.worked_out, asked.never_asked) == (False, False)


def test_a_members_own_list_opens_the_composer_for_them_alone(asker, ben, tess):
    own = stored(HelperList.objects.create(about="member", member=asker), tess)
    entry = own.helpers.get()

    assert selectors.visible_helper(entry_id=entry.pk, viewer=asker) == entry
    with pytest.raises(PossibleHelper.DoesNotExist):
        selectors.visible_helper(entry_id=entry.pk, viewer=ben)


def test_a_helper_hidden_from_the_viewer_cannot_be_opened_either(terraform_list, asker, tess):
    entry = terraform_list.helpers.get(helper=tess)
    services.suggestion_dismiss(suggestion_id=suggest(asker, tess).pk, member=asker)

    with pytest.raises(PossibleHelper.DoesNotExist):
        selectors.visible_helper(entry_id=entry.pk, viewer=asker)
    with pytest.raises(PossibleHelper.DoesNotExist):
        selectors.visible_helper(entry_id=entry.pk, viewer=tess)  # oneself


@pytest.mark.parametrize("many", [1, 5])
def test_showing_a_list_costs_the_same_queries_whatever_its_length(
    asker, make_member, many, django_assert_num_queries
):
    topic = Topic.objects.get(name="Terraform")
    stored(
        HelperList.objects.create(about="topic", topic=topic), *[make_member() for _ in range(many)]
    )

    # the list, its helpers, their relationships (two), the reporting lines, dismissals,
    # relationships and intros kept apart (three)
    with django_assert_num_queries(9):
        found = selectors.helpers_shown(viewer=asker, topic=topic)

    assert len(found.helpers) == many
