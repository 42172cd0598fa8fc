"""Initiatives where members already look: the home page (those that fit, with why) and
a topic's page (open initiatives on it)."""

from django.urls import reverse

from trellis.initiatives import fit, services
from trellis.people.services import member_update

HOME = reverse("home:home")


def topic_page(slug: str) -> str:
    return reverse("home:topic_detail", args=[slug])


def suggested(response) -> list[str]:
    return [item.initiative.title for item in response.context["initiatives"]]


def home_worked_out(client):
    """Home once the background worker has worked out everyone's initiatives."""
    fit.fit_refresh_everything()
    return client.get(HOME)


def test_home_shows_an_initiative_that_fits_with_its_one_line_reason(client, initiative, ana):
    # Ana can help with Terraform and is learning Go: the cost reports need both.
    fit.fit_refresh_everything()  # the background worker's run
    client.force_login(ana.user)

    response = client.get(HOME)

    [item] = response.context["initiatives"]
    assert item.initiative == initiative
    assert item.fit.reason
    assert "\n" not in item.fit.reason
    content = response.content.decode()
    assert f'<p class="fit-reason">{item.fit.reason}</p>' in content
    assert initiative.get_absolute_url() in content


def test_the_reason_names_what_the_member_can_help_with_or_is_learning(client, initiative, ana):
    fit.fit_refresh_everything()
    client.force_login(ana.user)

    [item] = client.get(HOME).context["initiatives"]

    assert any(word in item.fit.reason for word in ("Terraform", "Go programming"))


def test_home_does_not_suggest_the_members_own_initiative(client, make_initiative, carla):
    make_initiative(lead=carla)
    fit.fit_refresh_everything()
    client.force_login(carla.user)

    response = client.get(HOME)

    assert response.context["initiatives"] == []
    assert "No open initiative fits what you can help with or are learning right now." in (
        response.content.decode()
    )


def test_home_does_not_suggest_a_draft_or_a_done_initiative(client, make_initiative, carla, ana):
    make_initiative(publish=False, title="Draft cost reports")
    done = make_initiative(title="Done cost reports")
    services.initiative_move(initiative=done, member=carla, to="done")
    client.force_login(ana.user)

    assert suggested(home_worked_out(client)) == []


def test_home_does_not_suggest_an_initiative_one_already_offered_to_help_with(client, offer, ana):
    client.force_login(ana.user)

    assert suggested(home_worked_out(client)) == []


def test_home_leaves_out_an_initiative_that_shares_nothing_with_the_member(
    client, make_initiative, make_member
):
    make_initiative(
        title="Repaint the office kitchen", problem="The walls are grey.", skills="painting"
    )
    accountant = make_member(can_help_with="payroll", learning="French")
    client.force_login(accountant.user)

    assert suggested(home_worked_out(client)) == []


def test_a_member_not_open_to_initiatives_is_suggested_none_and_told_why(client, initiative, ana):
    member_update(member=ana, open_to_initiatives=False)
    client.force_login(ana.user)

    response = home_worked_out(client)

    assert response.context["initiatives"] == []
    assert "Your profile says you are not open to initiatives right now" in (
        response.content.decode()
    )
    assert "Kubernetes cost reports" not in response.content.decode()


def test_a_paused_member_is_suggested_none(client, initiative, ana):
    member_update(member=ana, status="paused")
    client.force_login(ana.user)

    assert home_worked_out(client).context["initiatives"] == []


def test_the_topic_page_lists_open_initiatives_on_that_topic(client, initiative, ben):
    client.force_login(ben.user)

    response = client.get(topic_page("kubernetes"))

    assert [i.title for i in response.context["initiatives"]] == ["Kubernetes cost reports"]
    assert initiative.get_absolute_url() in response.content.decode()


def test_the_topic_page_leaves_out_drafts_underway_and_other_topics(
    client, make_initiative, carla, ben
):
    make_initiative(title="Draft on Kubernetes", publish=False)
    underway = make_initiative(title="Underway on Kubernetes")
    services.initiative_move(initiative=underway, member=carla, to="underway")
    make_initiative(
        title="Checkout usability study",
        problem="Customers abandon the checkout on mobile.",
        skills="usability testing",
    )
    client.force_login(ben.user)

    response = client.get(topic_page("kubernetes"))

    assert response.context["initiatives"] == []
    content = response.content.decode()
    assert "No open initiative on Kubernetes right now." in content
    assert "Draft on Kubernetes" not in content
    assert "Checkout usability study" not in content
