"""A member's profile page, as any signed-in member sees it."""

import pytest
from django.urls import reverse

from trellis.people.services import member_update

# Session, user, current member and unread notifications (base template), member with
# manager, topic links, reports, posts (their topics add one more when there are any:
# see trellis/community/tests/test_post_pages.py), observations shown on the profile,
# whether the viewer shares an open relationship (to show how to reach them), and whether
# the viewer has room to introduce themselves (someone else's profile).
PROFILE_QUERIES = 11


def profile_url(member) -> str:
    return reverse("home:profile", args=[member.pk])


def test_a_profile_sends_anonymous_visitors_to_sign_in(client, ben):
    response = client.get(profile_url(ben))

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={profile_url(ben)}"


def test_a_member_sees_another_members_profile(ana_client, ben):
    response = ana_client.get(profile_url(ben))

    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Ben Okafor</h1>" in content
    assert "accessibility audit of the checkout" in content
    assert "Design · Checkout team" in content
    assert ">Accessibility</a>" in content
    assert ">Usability testing</a>" in content
    assert ">Kubernetes</a>" in content


def test_each_member_sees_the_other_alike(client, ana, ben):
    client.force_login(ben.user)

    response = client.get(profile_url(ana))

    assert response.status_code == 200
    assert "Kubernetes upgrades, on-call load" in response.content.decode()


def test_another_members_profile_offers_no_edit_link(ana_client, ben):
    response = ana_client.get(profile_url(ben))

    assert not response.context["is_self"]
    assert reverse("people:profile_edit") not in response.content.decode()


def test_a_member_sees_their_own_profile_with_an_edit_link(ana_client, ana):
    response = ana_client.get(profile_url(ana))

    assert response.context["is_self"]
    assert reverse("people:profile_edit") in response.content.decode()


@pytest.mark.django_db
def test_a_login_without_a_member_profile_can_see_profiles(client, ben, django_user_model):
    operator = django_user_model.objects.create_user("operator@example.org")
    client.force_login(operator)

    assert client.get(profile_url(ben)).status_code == 200


def test_an_unknown_member_is_not_found(ana_client, ben):
    assert ana_client.get(reverse("home:profile", args=[ben.pk + 1000])).status_code == 404


def test_a_profile_only_answers_get(ana_client, ben):
    assert ana_client.post(profile_url(ben)).status_code == 405


def test_the_number_of_queries_is_fixed_whatever_the_topics_and_reports(
    ana_client, ben, make_member, django_assert_num_queries
):
    with django_assert_num_queries(PROFILE_QUERIES):
        ana_client.get(profile_url(ben))

    boss = make_member("Boss")
    member_update(
        member=ben,
        manager=boss,
        working_on="Kubernetes, Terraform, a11y, Go, machine learning, Python, Rust",
        curious_about="TypeScript, pulumi, helm charts",
    )
    for n in range(10):
        make_member(f"Report {n}", manager=ben, working_on="Terraform")

    with django_assert_num_queries(PROFILE_QUERIES):
        response = ana_client.get(profile_url(ben))
    assert len(response.context["member"].reports.all()) == 10
    assert len(response.context["member"].profile_topics.all()) > 8


def test_the_profile_of_someone_who_left_is_not_shown_to_others(ana_client, make_member):
    gone = make_member("Gone Person", status="left")

    assert ana_client.get(reverse("home:profile", args=[gone.pk])).status_code == 404


def test_someone_who_left_can_still_see_their_own_profile(client, make_member):
    gone = make_member("Gone Person", status="left")
    client.force_login(gone.user)

    assert client.get(reverse("home:profile", args=[gone.pk])).status_code == 200
