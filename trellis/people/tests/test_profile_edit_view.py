"""Editing one's own profile: only one's own, bad input shown and nothing written."""

import pytest
from django.urls import reverse

from trellis.people.models import Member, ProfileTopic
from trellis.people.services import member_update

EDIT = reverse("people:profile_edit")


def form_data(member, **changes) -> dict:
    """What the edit form posts when `member` saves it with `changes`."""
    data = {
        "display_name": member.display_name,
        "working_on": member.working_on,
        "curious_about": member.curious_about,
        "can_help_with": member.can_help_with,
        "learning": member.learning,
        "discipline": member.discipline,
        "team": member.team,
        "background": ", ".join(member.background),
        "languages": ", ".join(member.languages),
        "timezone": member.timezone,
        "capacity": member.capacity,
        "status": member.status,
        "chat_handle": member.chat_handle,
        "booking_link": member.booking_link,
    }
    for flag in ("open_to_peer_learning", "open_to_initiatives", "open_to_helping"):
        if getattr(member, flag):
            data[flag] = "on"
    data.update(changes)
    return data


def snapshot(member) -> tuple[dict, set]:
    """The member's row and topic links as stored, to show nothing was written."""
    row = Member.objects.filter(pk=member.pk).values().get()
    links = set(ProfileTopic.objects.filter(member=member).values_list("pk", "topic_id"))
    return row, links


def linked(member) -> set[tuple[str, str]]:
    return set(ProfileTopic.objects.filter(member=member).values_list("statement", "topic__name"))


@pytest.mark.django_db
def test_profile_edit_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(EDIT)

    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={EDIT}"


def test_the_form_shows_the_members_own_profile(ana_client):
    response = ana_client.get(EDIT)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Kubernetes upgrades, on-call load" in content
    assert 'value="Platform"' in content
    assert '<option value="Europe/Lisbon">' in content


@pytest.mark.django_db
def test_a_login_without_a_member_profile_has_nothing_to_edit(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("operator@example.org"))

    assert client.get(EDIT).status_code == 404
    assert client.post(EDIT, {"display_name": "Me"}).status_code == 404


def test_opening_the_form_changes_nothing(ana_client, ana):
    before = snapshot(ana)

    ana_client.get(EDIT)
    ana_client.get(EDIT, form_data(ana, display_name="Changed by GET", working_on="a11y"))

    assert snapshot(ana) == before


def test_valid_input_saves_the_profile_and_relinks_topics(ana_client, ana):
    response = ana_client.post(
        EDIT,
        form_data(
            ana,
            working_on="a11y of the admin screens",
            background="Physics; teaching, Physics",
            languages="Portuguese, English",
            timezone="Europe/Lisbon",
            capacity="4",
            open_to_helping="",
        ),
    )

    assert response.status_code == 302
    assert response.url == reverse("home:profile", args=[ana.pk])
    ana.refresh_from_db()
    assert ana.working_on == "a11y of the admin screens"
    assert ana.background == ["Physics", "teaching"]
    assert ana.languages == ["Portuguese", "English"]
    assert (ana.timezone, ana.capacity, ana.open_to_helping) == ("Europe/Lisbon", 4, False)
    assert ("working_on", "Accessibility") in linked(ana)
    assert ("working_on", "Kubernetes") not in linked(ana)
    assert "Your profile is saved." in ana_client.get(response.url).content.decode()


def test_a_member_edits_only_their_own_profile(client, ana, ben):
    ana_before = snapshot(ana)
    client.force_login(ben.user)
    # Nothing a member can post names whose profile is edited: there is no id in the URL.
    data = form_data(ben, display_name="Ben O.") | {"id": ana.pk, "member": ana.pk, "user": ana.pk}

    response = client.post(f"{EDIT}?member_id={ana.pk}", data)

    assert response.status_code == 302
    assert Member.objects.get(pk=ben.pk).display_name == "Ben O."
    assert snapshot(ana) == ana_before


def test_the_form_offers_neither_level_nor_manager(ana_client):
    form = ana_client.get(EDIT).context["form"]

    assert "level" not in form.fields
    assert "manager_email" not in form.fields
    assert "manager" not in form.fields


def test_a_post_naming_a_level_or_manager_changes_neither(ana_client, ana, ben, make_member):
    """The roster or an organiser sets them: a member cannot step out of their own line."""
    boss = make_member("Boss")
    member_update(member=ana, manager=boss, level=3)
    data = form_data(ana, team="Moved") | {
        "level": "9",
        "manager": ben.pk,
        "manager_id": ben.pk,
        "manager_email": ben.user.email,
    }

    response = ana_client.post(EDIT, data)

    assert response.status_code == 302
    stored = Member.objects.get(pk=ana.pk)
    assert stored.team == "Moved"
    assert (stored.level, stored.manager_id) == (3, boss.pk)


def test_how_to_reach_me_is_saved(ana_client, ana):
    ana_client.post(
        EDIT, form_data(ana, chat_handle="  @ana on Matrix ", booking_link="https://cal.com/ana")
    )

    ana.refresh_from_db()
    assert (ana.chat_handle, ana.booking_link) == ("@ana on Matrix", "https://cal.com/ana")


def test_status_can_be_paused(ana_client, ana):
    ana_client.post(EDIT, form_data(ana, status=Member.Status.PAUSED))

    assert Member.objects.get(pk=ana.pk).status == Member.Status.PAUSED


def test_the_form_does_not_offer_to_leave(ana_client):
    content = ana_client.get(EDIT).content.decode()

    assert '<option value="paused"' in content
    assert '<option value="left"' not in content


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "“Mars/Olympus” is not a time zone we know."),
        ({"capacity": "99"}, "Ensure this value is less than or equal to 20."),
        ({"capacity": "-1"}, "Ensure this value is greater than or equal to 0."),
        (
            {"booking_link": "http://cal.com/ana"},
            "Give a booking link that starts with https://, such as https://cal.com/you.",
        ),
        ({"booking_link": "javascript:alert(1)"}, "Give a booking link that starts with https://"),
        ({"booking_link": "https://" + "a" * 500 + ".org"}, "at most 500 characters"),
        ({"chat_handle": "@ana\nsecond line"}, "on one line: it has a line break"),
        ({"chat_handle": "@ana\u202e"}, "a character that reverses the text"),
        ({"chat_handle": "x" * 101}, "at most 100 characters"),
        ({"status": "left"}, "Select a valid choice. left is not one of the available choices."),
        ({"display_name": ""}, "This field is required."),
        (
            {"background": ", ".join(f"tag {n}" for n in range(21))},
            "Use at most 20 tags; there are 21.",
        ),
    ],
)
def test_invalid_input_is_shown_on_the_page_and_nothing_is_written(
    ana_client, ana, changes, message
):
    before = snapshot(ana)

    response = ana_client.post(EDIT, form_data(ana, working_on="a11y", team="Elsewhere", **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert snapshot(ana) == before


def test_profile_edit_only_answers_get_and_post(ana_client):
    assert ana_client.put(EDIT).status_code == 405


def test_the_form_suggests_every_time_zone(ana_client):
    html = ana_client.get(EDIT).content.decode()

    datalist = html.split('<datalist id="timezones">')[1].split("</datalist>")[0]
    assert '<option value="Europe/Lisbon">' in datalist
    assert '<option value="UTC">' in datalist
    assert datalist.count("<option") > 300


def test_a_refused_form_leaves_the_saved_name_in_the_navigation(ana_client, ana):
    response = ana_client.post(EDIT, form_data(ana, display_name="Ana Renamed", capacity=99))

    assert response.status_code == 200
    nav = response.content.decode().split("</header>")[0]
    assert "Ana Lima" in nav
    assert "Ana Renamed" not in nav


def test_the_form_costs_the_same_queries_as_every_page(ana_client, django_assert_num_queries):
    # The session, the user, the member (read once, for the layout and the form) and the
    # unread count in the navigation.
    with django_assert_num_queries(4):
        assert ana_client.get(EDIT).status_code == 200
