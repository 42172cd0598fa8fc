"""The data rights pages, with two users for every permission, and what the other side
sees afterwards: "a former member" everywhere, never a 500 or a link to nowhere."""

import io
import json
import re
import zipfile

import pytest
from django.urls import reverse

from trellis.audit.models import AuditEvent
from trellis.connections.models import Reflection
from trellis.home.data_rights.forget import account_delete
from trellis.notifications.models import Notification
from trellis.people.models import Member

MY_DATA = reverse("home:my_data")
DOWNLOAD = reverse("home:my_data_download")
DELETE = reverse("home:my_account_delete")
LEAVERS = reverse("home:leaver_list")
LEAVERS_PAGE_QUERIES = 6


def _files(response) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def _left(member: Member) -> Member:
    Member.objects.filter(pk=member.pk).update(status=Member.Status.LEFT)
    member.refresh_from_db()
    return member


def test_your_data_says_what_deleting_keeps_and_what_it_deletes(ana_client):
    page = ana_client.get(MY_DATA).content.decode()

    assert "Kept, shown as “a former member”" in page
    assert "Deleted" in page and "journal" in page
    assert 'data-confirm="Delete your account for good?' in page


def test_a_member_downloads_their_own_data_as_a_zip(ana_with_data, client):
    client.force_login(ana_with_data.ana.user)

    response = client.get(DOWNLOAD)

    assert response["Content-Type"] == "application/zip"
    assert 'filename="trellis-ana-lima-' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert "ANA-JOURNAL" in _files(response)["journal.md"]
    event = AuditEvent.objects.get(action="account.exported")
    assert event.target == f"member {ana_with_data.ana.pk}"


def test_bens_download_is_his_own_and_never_anas(ana_with_data, client):
    client.force_login(ana_with_data.ben.user)

    files = _files(client.get(DOWNLOAD, {"member_id": ana_with_data.ana.pk}))

    assert json.loads(files["data.json"])["profile"]["display_name"] == "Ben Okafor"
    assert "ANA-JOURNAL" not in files["data.json"] + files["journal.md"]


def test_a_wrong_address_deletes_nothing_and_says_why(ana_client, ana):
    response = ana_client.post(DELETE, {"email": "ben@example.org"})

    assert response.status_code == 400
    assert "This is not the account" in response.content.decode()
    assert Member.objects.get(pk=ana.pk).display_name == "Ana Lima"


def test_ben_typing_anas_address_deletes_neither_of_them(client, ana, ben):
    client.force_login(ben.user)

    response = client.post(DELETE, {"email": "ana@example.org"})

    assert response.status_code == 400
    assert Member.objects.get(pk=ana.pk).display_name == "Ana Lima"
    assert Member.objects.get(pk=ben.pk).display_name == "Ben Okafor"


def test_a_member_deletes_their_account_and_is_signed_out(ana_client, ana):
    response = ana_client.post(DELETE, {"email": " Ana@Example.org "})

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert Member.objects.get(pk=ana.pk).display_name == "a former member"
    assert ana_client.get(MY_DATA).status_code == 302  # signed out


# Organisers, for people who left.


def test_members_never_see_the_leavers_pages(client, ana, ben):
    _left(ana)
    client.force_login(ben.user)

    assert client.get(LEAVERS).status_code == 404
    assert client.get(reverse("home:leaver_detail", args=[ana.pk])).status_code == 404
    assert client.get(reverse("home:leaver_export", args=[ana.pk])).status_code == 404
    response = client.post(reverse("home:leaver_delete", args=[ana.pk]), {"email": ana.user.email})
    assert response.status_code == 404
    assert Member.objects.get(pk=ana.pk).display_name == "Ana Lima"


def test_the_leavers_list_shows_people_who_left_in_constant_queries(
    organiser_client, make_member, django_assert_num_queries
):
    for n in range(8):
        _left(make_member(f"Leaver {n}"))

    # The layout's own four (session, login, profile, unread count), then the count and one
    # page of leavers: the same for eight people as for eighty thousand.
    with django_assert_num_queries(LEAVERS_PAGE_QUERIES):
        page = organiser_client.get(LEAVERS).content.decode()

    assert page.count("Leaver ") == 8


def test_an_organiser_is_refused_for_an_active_member_with_a_clear_message(organiser_client, ana):
    for url in [
        reverse("home:leaver_detail", args=[ana.pk]),
        reverse("home:leaver_export", args=[ana.pk]),
    ]:
        response = organiser_client.get(url)
        assert response.status_code == 409
        assert "Ana Lima is still a member" in response.content.decode()
    response = organiser_client.post(
        reverse("home:leaver_delete", args=[ana.pk]), {"email": "ana@example.org"}
    )
    assert response.status_code == 409
    assert Member.objects.get(pk=ana.pk).display_name == "Ana Lima"
    # (signing the organiser in is recorded; nothing about Ana is)
    assert not AuditEvent.objects.filter(action__startswith="account.").exists()


def test_an_organisers_export_of_a_leaver_has_no_journal_and_is_audited(
    ana_with_data, organiser_client, organiser
):
    ana = _left(ana_with_data.ana)

    response = organiser_client.get(reverse("home:leaver_export", args=[ana.pk]))

    files = _files(response)
    assert sorted(files) == ["data.json"]
    assert "JOURNAL" not in files["data.json"] and "ANA-NOTE" not in files["data.json"]
    event = AuditEvent.objects.get(action="account.exported")
    assert (event.actor, event.target) == (organiser.user, f"member {ana.pk}")
    assert event.details == {"exported_by": "organiser"}


def test_an_organiser_deletes_a_leaver_after_typing_their_address(ana_with_data, organiser_client):
    ana = _left(ana_with_data.ana)
    url = reverse("home:leaver_delete", args=[ana.pk])

    assert organiser_client.post(url, {"email": "wrong@example.org"}).status_code == 400
    response = organiser_client.post(url, {"email": "ana@example.org"})

    assert response.status_code == 302
    assert not Reflection.objects.filter(author=ana).exists()
    assert AuditEvent.objects.get(action="account.deleted").details == {"deleted_by": "organiser"}
    # A deleted account is no longer one of "the people who left".
    assert organiser_client.get(reverse("home:leaver_detail", args=[ana.pk])).status_code == 404


# What the other side sees afterwards.


@pytest.fixture
def after_ana_left(ana_with_data):
    account_delete(member=ana_with_data.ana, by=ana_with_data.ana.user)
    return ana_with_data


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_bens_pages_show_a_former_member_and_never_her_name(after_ana_left, client):
    ana, ben = after_ana_left.ana, after_ana_left.ben
    client.force_login(ben.user)
    profile_link = f'href="{reverse("home:profile", args=[ana.pk])}"'

    for url in [
        reverse("connections:relationship_detail", args=[after_ana_left.relationship.pk]),
        reverse("connections:relationship_list"),
        reverse("connections:intro_list"),
        reverse("notifications:notification_list"),
        reverse("home:home"),
        reverse("people:directory"),
        reverse("home:profile", args=[ben.pk]),
        reverse("initiatives:visibility"),
        reverse("connections:reflection_list"),
        reverse("home:post_detail", args=[after_ana_left.bens_post.pk]),
    ]:
        page = _page(client, url)
        assert "Ana Lima" not in page, url
        assert profile_link not in page, url
    relationship_page = _page(
        client, reverse("connections:relationship_detail", args=[after_ana_left.relationship.pk])
    )
    assert "a former member" in relationship_page.lower()
    assert "BEN-LEARNED" in relationship_page  # his own exchange is still there


def test_carlas_intro_to_her_reads_no_longer_open(after_ana_left, client):
    client.force_login(after_ana_left.carla.user)

    page = _page(client, reverse("connections:intro_detail", args=[after_ana_left.from_carla.pk]))

    assert "a former member" in page.lower() and "No longer open" in page
    assert "Ana Lima" not in _page(client, reverse("connections:intro_list"))


def test_her_profile_and_posts_are_gone_for_everyone(after_ana_left, client):
    client.force_login(after_ana_left.ben.user)

    assert client.get(reverse("home:profile", args=[after_ana_left.ana.pk])).status_code == 404
    assert (
        client.get(reverse("home:post_detail", args=[after_ana_left.anas_post.pk])).status_code
        == 404
    )


def _links(page: str) -> set[str]:
    return {link for link in re.findall(r'href="(/[^"#]*)', page) if not link.startswith("/static")}


@pytest.mark.parametrize("who", ["ben", "carla"])
def test_every_link_on_the_other_sides_pages_still_leads_somewhere(after_ana_left, client, who):
    client.force_login(getattr(after_ana_left, who).user)
    pages = [
        reverse("home:home"),
        reverse("connections:relationship_list"),
        reverse("connections:intro_list"),
        reverse("notifications:notification_list"),
        reverse("initiatives:visibility"),
        reverse("connections:reciprocity"),
    ]
    links = set()
    for url in pages:
        links |= _links(_page(client, url))
    # A notification opens by a POST that leads to its address.
    links |= set(
        Notification.objects.filter(recipient__user__email=f"{who}@example.org").values_list(
            "url", flat=True
        )
    )

    broken = sorted(
        link for link in links if client.get(link, follow=True).status_code in (404, 500)
    )

    assert broken == []
