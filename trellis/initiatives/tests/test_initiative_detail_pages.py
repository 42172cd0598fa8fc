"""An initiative's page: who may see it, the team, the log, and what only the lead sees."""

from django.urls import reverse

from trellis.initiatives import services


def page_of(initiative) -> str:
    return reverse("initiatives:initiative_detail", args=[initiative.pk])


def move_of(initiative) -> str:
    return reverse("initiatives:initiative_move", args=[initiative.pk])


def test_a_draft_is_seen_by_its_lead(client, draft, carla):
    client.force_login(carla.user)

    response = client.get(page_of(draft))

    assert response.status_code == 200
    assert "A draft: only you can see it." in response.content.decode()


def test_a_draft_is_not_found_for_any_other_member_or_the_organiser(
    client, draft, ana, ben, organiser
):
    for someone in (ana, ben, organiser):
        client.force_login(someone.user)
        assert client.get(page_of(draft)).status_code == 404


def test_a_published_initiative_is_seen_by_every_member(client, initiative, ana, ben, organiser):
    for someone in (ana, ben, organiser):
        client.force_login(someone.user)
        response = client.get(page_of(initiative))
        assert response.status_code == 200
        content = response.content.decode()
        assert "<h1>Kubernetes cost reports</h1>" in content
        assert "Nobody can say what each Kubernetes cluster costs" in content


def test_an_initiative_that_does_not_exist_is_not_found(ana_client):
    assert (
        ana_client.get(reverse("initiatives:initiative_detail", args=[999999])).status_code == 404
    )


def test_the_contribution_log_is_shown_to_the_lead_and_the_team(client, contribution, ana, carla):
    for someone in (ana, carla):
        client.force_login(someone.user)
        content = client.get(page_of(contribution.initiative)).content.decode()
        assert "What the team did" in content
        assert "Wrote the Terraform that tags every node pool with its team." in content


def test_the_contribution_log_is_hidden_from_members_off_the_team(
    client, contribution, ben, dev, organiser
):
    for someone in (ben, dev, organiser):
        client.force_login(someone.user)
        response = client.get(page_of(contribution.initiative))
        content = response.content.decode()
        assert response.context["contributions"] == []
        assert "What the team did" not in content
        assert "Wrote the Terraform" not in content
        assert "git.example.org/infra/pull/42" not in content


def test_a_volunteer_still_waiting_does_not_see_the_log(client, offer, carla, ana):
    services.contribution_log(initiative=offer.initiative, member=carla, text="Drafted the plan.")
    client.force_login(ana.user)

    content = client.get(page_of(offer.initiative)).content.decode()

    assert "Drafted the plan." not in content
    assert "Waiting for the lead" in content


def test_the_lead_sees_the_move_buttons_edit_and_volunteers(client, offer, carla):
    initiative = offer.initiative
    client.force_login(carla.user)

    content = client.get(page_of(initiative)).content.decode()

    assert f'action="{move_of(initiative)}"' in content
    assert "Mark underway" in content
    assert "Mark done" in content
    assert "Cancel it" in content
    assert reverse("initiatives:initiative_edit", args=[initiative.pk]) in content
    assert reverse("initiatives:volunteer_list", args=[initiative.pk]) in content
    assert "Volunteers (1 waiting)" in content


def test_the_lead_of_a_draft_is_offered_to_open_it(client, draft, carla):
    client.force_login(carla.user)

    content = client.get(page_of(draft)).content.decode()

    assert "Open for volunteers" in content
    assert "Mark done" not in content


def test_other_members_see_no_move_buttons_edit_or_volunteers(client, offer, ana, ben):
    initiative = offer.initiative
    for someone in (ana, ben):
        client.force_login(someone.user)
        content = client.get(page_of(initiative)).content.decode()
        assert move_of(initiative) not in content
        assert "Mark done" not in content
        assert reverse("initiatives:initiative_edit", args=[initiative.pk]) not in content
        assert reverse("initiatives:volunteer_list", args=[initiative.pk]) not in content


def test_a_done_initiative_offers_its_lead_no_edit_and_no_move(client, initiative, carla):
    services.initiative_move(initiative=initiative, member=carla, to="done")
    client.force_login(carla.user)

    content = client.get(page_of(initiative)).content.decode()

    assert reverse("initiatives:initiative_edit", args=[initiative.pk]) not in content
    assert move_of(initiative) not in content


def test_a_member_who_may_volunteer_sees_the_offer_form(client, initiative, ben):
    client.force_login(ben.user)

    content = client.get(page_of(initiative)).content.decode()

    assert reverse("initiatives:volunteer_new", args=[initiative.pk]) in content
    assert "What you bring" in content


def test_the_team_lists_the_lead_and_accepted_volunteers_only(client, on_team, make_member, ben):
    initiative = on_team.initiative
    waiting = make_member("Wanda Waiting")
    services.volunteer_offer(initiative=initiative, member=waiting, brings="SQL")
    client.force_login(ben.user)

    response = client.get(page_of(initiative))

    assert [m.display_name for m in response.context["team"]] == ["Carla Mendes", "Ana Lima"]
    assert "Wanda Waiting" not in response.content.decode()
    assert "1 of 2 helpers · 1 place left" in response.content.decode()


def test_a_declined_volunteer_sees_the_decline_themselves(client, offer, carla, ana):
    services.volunteer_decline(volunteer=offer, lead=carla)
    client.force_login(ana.user)

    content = client.get(page_of(offer.initiative)).content.decode()

    assert '<strong class="volunteer-state">Declined</strong>' in content


def test_a_declined_volunteer_is_not_shown_to_other_members(client, offer, carla, ben, dev):
    services.volunteer_decline(volunteer=offer, lead=carla)
    other = services.volunteer_offer(initiative=offer.initiative, member=dev, brings="Go")
    services.volunteer_accept(volunteer=other, lead=carla)

    for someone in (ben, dev):
        client.force_login(someone.user)
        content = client.get(page_of(offer.initiative)).content.decode()
        assert "Ana Lima" not in content
        assert "Declined" not in content


def test_a_team_member_may_record_what_they_saw_and_write_to_the_others(
    client, on_team, ana, carla
):
    initiative = on_team.initiative
    client.force_login(ana.user)

    content = client.get(page_of(initiative)).content.decode()

    observe = reverse("initiatives:observation_new", args=[carla.pk])
    compose = reverse("home:compose", args=[carla.pk])
    assert f"{observe}?initiative={initiative.pk}" in content
    assert f"{compose}?initiative={initiative.pk}" in content
    assert reverse("initiatives:observation_new", args=[ana.pk]) not in content


def test_a_member_off_the_team_is_not_offered_to_record_or_write_from_it(
    client, on_team, ben, carla
):
    client.force_login(ben.user)

    content = client.get(page_of(on_team.initiative)).content.decode()

    assert f"?initiative={on_team.initiative.pk}" not in content


def test_an_anonymous_visitor_is_sent_to_sign_in(client, initiative):
    response = client.get(page_of(initiative))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
