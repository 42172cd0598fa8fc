"""Writing an initiative (as a draft or open at once) and editing it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from trellis.initiatives import services
from trellis.initiatives.models import Initiative
from trellis.initiatives.tests.conftest import in_days, snapshot

NEW = reverse("initiatives:initiative_new")


def edit_of(initiative) -> str:
    return reverse("initiatives:initiative_edit", args=[initiative.pk])


def filled(**changes) -> dict:
    fields = {
        "title": "Move invoicing off the legacy batch job",
        "problem": "The nightly batch job double-bills when it retries. We want it event driven.",
        "why_it_matters": "Finance spends a day a month on refunds.",
        "skills": "PostgreSQL, data migration, Go",
        "helpers_wanted": "3",
        "time_ask": "2 hours a week for six weeks",
        "ends_on": in_days(45).isoformat(),
    }
    return fields | changes


def test_the_form_asks_for_everything_an_initiative_needs(ana_client):
    content = ana_client.get(NEW).content.decode()

    for name in ("title", "problem", "why_it_matters", "skills", "helpers_wanted", "ends_on"):
        assert f'name="{name}"' in content
    assert 'value="open"' in content
    assert 'value="draft"' in content


def test_a_member_saves_a_draft_only_they_see(ana_client, ana):
    response = ana_client.post(NEW, filled(action="draft"), follow=True)

    initiative = Initiative.objects.get()
    assert response.redirect_chain == [(initiative.get_absolute_url(), 302)]
    assert (initiative.lead, initiative.state, initiative.helpers_wanted) == (ana, "draft", 3)
    assert initiative.opened_at is None
    assert "Saved as a draft. Only you can see it until you open it." in response.content.decode()


def test_a_member_opens_an_initiative_at_once(ana_client, ana):
    response = ana_client.post(NEW, filled(action="open"), follow=True)

    initiative = Initiative.objects.get()
    assert initiative.state == "open"
    assert initiative.opened_at is not None
    assert "Opened: members who can help see it now." in response.content.decode()
    assert "postgresql" in {topic.slug for topic in initiative.topics.all()}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Give the initiative a title: what is the piece of work?"),
        ({"title": "   "}, "Give the initiative a title: what is the piece of work?"),
        ({"problem": ""}, "Say what problem it solves: it is what volunteers are matched on."),
        ({"helpers_wanted": "0"}, "Ask for at least one helper."),
        ({"helpers_wanted": "-2"}, "Ask for at least one helper."),
        ({"helpers_wanted": ""}, "Ask for at least one helper."),
        ({"helpers_wanted": "three"}, "Give the number of helpers as a whole number, e.g. 3."),
        ({"helpers_wanted": "51"}, "Ask for at most 50 helpers."),
        ({"ends_on": ""}, "Say when it ends (a date)."),
        ({"ends_on": "next spring"}, "Give the end date as a date, e.g. 2027-03-31."),
        ({"title": "x" * 151}, "Keep this under 150 characters; it has 151."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_written(
    ana_client, changes, message
):
    before = snapshot()

    response = ana_client.post(NEW, filled(action="open", **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot() == before


def test_an_end_date_in_the_past_is_refused_and_nothing_written(ana_client):
    yesterday = timezone.localdate() - timedelta(days=1)
    before = snapshot()

    response = ana_client.post(NEW, filled(action="draft", ends_on=yesterday.isoformat()))

    assert response.status_code == 200
    assert (
        f"The end date {yesterday:%-d %B %Y} has passed: pick a later one."
        in response.content.decode()
    )
    assert snapshot() == before


def test_what_was_typed_stays_on_the_form_after_a_refusal(ana_client):
    content = ana_client.post(NEW, filled(title="")).content.decode()

    assert "The nightly batch job double-bills when it retries." in content


def test_a_login_without_a_member_profile_cannot_write_one(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root@example.org"))

    assert client.post(NEW, filled(action="open")).status_code == 404
    assert not Initiative.objects.exists()


def test_the_lead_edits_their_initiative(client, initiative, carla):
    client.force_login(carla.user)
    form = client.get(edit_of(initiative)).content.decode()
    assert "Kubernetes cost reports" in form
    # A date input reads only ISO dates, whatever the locale.
    assert f'name="ends_on" value="{initiative.ends_on.isoformat()}"' in form

    response = client.post(
        edit_of(initiative), filled(title="Cost reports per team", helpers_wanted="4"), follow=True
    )

    assert response.redirect_chain == [(initiative.get_absolute_url(), 302)]
    initiative.refresh_from_db()
    assert (initiative.title, initiative.helpers_wanted) == ("Cost reports per team", 4)
    assert "Saved." in response.content.decode()


def test_another_member_or_the_organiser_cannot_open_or_post_the_edit_form(
    client, initiative, ana, organiser
):
    before = snapshot()
    for someone in (ana, organiser):
        client.force_login(someone.user)
        assert client.get(edit_of(initiative)).status_code == 404
        assert client.post(edit_of(initiative), filled(title="Taken over")).status_code == 404

    assert snapshot() == before


def test_another_member_cannot_edit_a_draft_either(client, draft, ben):
    client.force_login(ben.user)

    assert client.get(edit_of(draft)).status_code == 404


@pytest.mark.parametrize("state", ["done", "cancelled"])
def test_a_closed_initiative_can_no_longer_be_edited_even_by_its_lead(
    client, initiative, carla, state
):
    services.initiative_move(initiative=initiative, member=carla, to=state)
    client.force_login(carla.user)
    before = snapshot()

    assert client.get(edit_of(initiative)).status_code == 404
    assert client.post(edit_of(initiative), filled(title="Changed after")).status_code == 404
    assert snapshot() == before


def test_bad_input_on_edit_is_refused_and_nothing_changes(client, initiative, carla):
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(edit_of(initiative), filled(helpers_wanted="0"))

    assert response.status_code == 200
    assert "Ask for at least one helper." in response.content.decode()
    assert snapshot() == before


def test_the_lead_cannot_ask_for_fewer_helpers_than_the_team_has(client, on_team, carla, dev):
    other = services.volunteer_offer(initiative=on_team.initiative, member=dev, brings="Go")
    services.volunteer_accept(volunteer=other, lead=carla)
    client.force_login(carla.user)
    before = snapshot()

    response = client.post(edit_of(on_team.initiative), filled(helpers_wanted="1"))

    assert "2 volunteers are on the team already: ask for at least 2." in (
        response.content.decode()
    )
    assert snapshot() == before
