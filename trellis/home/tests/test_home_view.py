"""The home page: your own statements, and what would make your profile useful."""

import pytest
from django.urls import reverse

from trellis.accounts.models import User

HOME = reverse("home:home")

WORKING_ON_STEP = "Say what you are working on now"
CAN_HELP_STEP = "Add what you can help with"
LEARNING_STEP = "Add what you are learning"
CURIOUS_STEP = "Add what you are curious about"


def page(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_home_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={HOME}"


def test_home_greets_the_member_and_shows_their_own_statements(ana_client):
    content = page(ana_client)

    assert "Hello, Ana Lima" in content
    assert "Kubernetes upgrades, on-call load" in content
    assert "Terraform, incident reviews" in content


def test_home_links_the_members_topics_to_the_directory(ana_client):
    content = page(ana_client)

    assert f"{reverse('people:directory')}?topic=kubernetes" in content
    assert ">Terraform</a>" in content


def test_home_shows_nothing_of_another_members_statements(ana_client, ben):
    content = page(ana_client)

    assert "accessibility audit of the checkout" not in content
    assert "usability testing" not in content


def test_home_shows_what_comes_next_for_each_empty_statement(client, make_member):
    member = make_member(working_on="Kubernetes upgrades", learning="Go")
    client.force_login(member.user)

    content = page(client)

    assert "What comes next" in content
    assert CAN_HELP_STEP in content
    assert CURIOUS_STEP in content
    assert WORKING_ON_STEP not in content
    assert LEARNING_STEP not in content


def test_a_new_member_is_asked_first_what_they_work_on(client, make_member):
    member = make_member()
    client.force_login(member.user)

    response = client.get(HOME)

    assert response.context["next_steps"][0].startswith(WORKING_ON_STEP)
    assert len(response.context["next_steps"]) == 4
    assert "You haven't said yet." in response.content.decode()


def test_a_statement_of_only_spaces_still_counts_as_empty(client, make_member):
    member = make_member(working_on="   ", can_help_with="x", learning="x", curious_about="x")
    client.force_login(member.user)

    assert WORKING_ON_STEP in page(client)


def test_a_complete_profile_has_no_next_steps(client, make_member):
    member = make_member(
        working_on="Kubernetes", can_help_with="Terraform", learning="Go", curious_about="Rust"
    )
    client.force_login(member.user)

    content = page(client)

    for step in (WORKING_ON_STEP, CAN_HELP_STEP, LEARNING_STEP, CURIOUS_STEP):
        assert step not in content
    assert "That is what people are matched on." in content


@pytest.mark.django_db
def test_a_login_without_a_member_profile_sees_the_operator_page(client):
    operator = User.objects.create_user("operator@example.org", password="a long passphrase 9")
    client.force_login(operator)

    response = client.get(HOME)

    assert response.status_code == 200
    assert response.templates[0].name == "home/home_no_profile.html"
    content = response.content.decode()
    assert "operator@example.org" in content
    assert "which has no member profile" in content
    assert reverse("admin:index") not in content


@pytest.mark.django_db
def test_the_operator_page_offers_the_admin_site_to_staff(client):
    operator = User.objects.create_superuser("root@example.org", password="a long passphrase 9")
    client.force_login(operator)

    content = page(client)

    assert reverse("admin:index") in content
    assert reverse("people:roster_upload") in content


def test_home_only_answers_get(ana_client):
    assert ana_client.post(HOME).status_code == 405
