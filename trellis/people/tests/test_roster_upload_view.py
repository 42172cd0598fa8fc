"""The roster upload page: organisers import a CSV; everyone else gets a 404."""

from __future__ import annotations

from html import escape

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from trellis.accounts.models import User
from trellis.people.models import Member

URL = reverse("people:roster_upload")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The people fixtures set real passwords; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def upload(client, *lines: str, **switches):
    data = ("\n".join(lines) + "\n").encode()
    file = SimpleUploadedFile("roster.csv", data, content_type="text/csv")
    return client.post(URL, {"file": file, **switches})


def state() -> tuple:
    return (
        list(User.objects.order_by("id").values_list("email", "password")),
        list(Member.objects.order_by("id").values_list("display_name", "team", "manager_id")),
    )


def test_an_organiser_sees_the_upload_form(organiser_client):
    response = organiser_client.get(URL)

    assert response.status_code == 200
    assert b'type="file"' in response.content


def test_an_organiser_imports_a_roster(organiser_client, ana):
    response = upload(organiser_client, "email,team", "ana@example.org,Search", "new@example.org,")

    assert response.status_code == 200
    report = response.context["report"]
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    assert Member.objects.get(user__email="ana@example.org").team == "Search"
    assert Member.objects.filter(user__email="new@example.org").exists()
    assert mail.outbox == []


def test_a_dry_run_from_the_page_writes_nothing(organiser_client, ana):
    before = state()

    response = upload(organiser_client, "email,team", "new@example.org,", dry_run="on")

    assert response.context["report"].dry_run
    assert response.context["report"].created == 1
    assert b"nothing was written" in response.content
    assert state() == before


def test_invite_from_the_page_emails_new_members(organiser_client):
    response = upload(organiser_client, "email", "new@example.org", invite="on")

    assert response.context["report"].invited == 1
    assert [message.to for message in mail.outbox] == [["new@example.org"]]


def test_problems_are_shown_with_line_and_column_and_nothing_is_written(organiser_client, ana):
    before = state()

    response = upload(
        organiser_client,
        "email,manager_email",
        "ana@example.org,new@example.org",
        "new@example.org,nobody@example.org",
        "broken,",
    )

    assert response.status_code == 200
    assert "report" not in response.context
    assert [(p.line, p.column) for p in response.context["problems"]] == [
        (3, "manager_email"),
        (4, "email"),
    ]
    content = response.content.decode()
    assert escape("line 3, column manager_email: No member has the e-mail nobody@example.org") in (
        content
    )
    assert escape("line 4, column email: 'broken' is not a valid e-mail address.") in content
    assert state() == before
    assert mail.outbox == []


def test_a_file_over_the_size_limit_is_refused(organiser_client, settings):
    settings.ROSTER_MAX_BYTES = 10

    response = upload(organiser_client, "email", "new@example.org")

    assert "TRELLIS_ROSTER_MAX_BYTES" in response.content.decode()
    assert not Member.objects.filter(user__email="new@example.org").exists()


def test_a_member_who_is_not_an_organiser_gets_a_404(ana_client):
    before = state()

    assert ana_client.get(URL).status_code == 404
    assert upload(ana_client, "email", "new@example.org").status_code == 404
    assert state() == before


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
